"""RNN gradients panel benchmark (CPU, one torch thread, as the worker runs it).

1. The adding problem at T = 100: an LSTM and a tanh RNN trained with the same seed, batches and
   budget; held-out MSE against the 1/6 = 0.167 of always answering 1. Goal: the LSTM well below
   the baseline (< 0.05), the tanh RNN not (> 0.1).
2. Heatmap rows per second at T = 100, hidden 64, batch 32 (one row per training iteration) for
   each cell, and for compare mode (three nets per row). Goal: >= 10 rows/s.

    python benchmarks/bench_rnn.py [--iterations 2500] [--json out.json]

Exits 1 when a goal is missed. Takes about 1-3 minutes on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from playground.engine import RunContext  # noqa: E402
from playground.rnn.config import RnnConfig  # noqa: E402
from playground.rnn.engine import make_engine  # noqa: E402

BASELINE = 1.0 / 6.0


def adding_at_100(iterations: int) -> dict[str, float]:
    scores = {}
    for cell in ("lstm", "rnn_tanh"):
        config = RnnConfig(cell=cell, task="adding", seq_len=100, hidden=32, batch=32, optimizer="adam", lr=0.01,
                           forget_bias=1.0, heatmap_rows=100)
        engine = make_engine(config, RunContext(seed=0))
        start = time.perf_counter()
        engine.advance(iterations)
        elapsed = time.perf_counter() - start
        scores[cell] = engine.evaluate(2000)[cell]["loss"]
        print(f"adding T=100  {cell:9s} {iterations} iterations in {elapsed:5.1f} s: held-out MSE "
              f"{scores[cell]:.4f}  (baseline {BASELINE:.3f})", flush=True)
    return scores


def rows_per_second(seconds: float = 4.0) -> dict[str, float]:
    rates = {}
    for label, fields in (("rnn_tanh", dict(cell="rnn_tanh")), ("lstm", dict(cell="lstm")),
                          ("gru", dict(cell="gru")), ("compare", dict(mode="compare"))):
        config = RnnConfig(task="adding", seq_len=100, hidden=64, batch=32, **fields)
        engine = make_engine(config, RunContext(seed=0))
        engine.advance(3)  # warm-up
        engine.snapshot()
        rows, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            engine.advance(5)
            engine.snapshot()  # the worker snapshots every chunk; include its cost
            rows += 5
        rates[label] = rows / (time.perf_counter() - start)
        print(f"heatmap rows/s T=100 hidden 64 batch 32  {label:9s} {rates[label]:6.1f}", flush=True)
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2500)
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args()
    torch.set_num_threads(1)
    started = time.perf_counter()
    scores = adding_at_100(args.iterations)
    rates = rows_per_second()
    failures = []
    if not scores["lstm"] < 0.05:
        failures.append(f"LSTM MSE {scores['lstm']:.4f} is not well below the baseline")
    if not scores["rnn_tanh"] > 0.1:
        failures.append(f"tanh RNN MSE {scores['rnn_tanh']:.4f} unexpectedly solved the task")
    slow = {k: v for k, v in rates.items() if k != "compare" and v < 10}
    if slow:
        failures.append(f"below 10 heatmap rows/s: {slow}")
    total = time.perf_counter() - started
    print(f"total {total:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"adding_T100_mse": scores, "baseline": BASELINE,
                                               "rows_per_s": rates, "total_s": total}, indent=2))
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
