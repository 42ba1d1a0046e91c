"""Bandits benchmark: 2,000 runs x 1,000 steps x 10 arms, all runs advanced together.

    python benchmarks/bench_bandits.py [--runs 2000] [--steps 1000] [--goal 2.0]

Times epsilon-greedy and UCB1 (each alone, then both in one simulation), plus the snapshot cost.
Exits 1 when epsilon-greedy + UCB together take longer than ``--goal`` seconds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playground.bandits.config import AlgoSpec, BanditsConfig  # noqa: E402
from playground.bandits.engine import make_engine  # noqa: E402
from playground.engine import RunContext  # noqa: E402


def timed(algorithms, runs, steps, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        cfg = BanditsConfig(runs=runs, horizon=steps, algorithms=algorithms)
        engine = make_engine(cfg, RunContext(seed=0))
        t = time.perf_counter()
        engine.advance(steps)
        best = min(best, time.perf_counter() - t)
    t = time.perf_counter()
    engine.snapshot()
    return best, time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--goal", type=float, default=2.0)
    args = parser.parse_args()
    eps, ucb = AlgoSpec(kind="eps_greedy", epsilon=0.1), AlgoSpec(kind="ucb1", c=2.0)
    print(f"{args.runs} runs x {args.steps} steps x 10 arms")
    for name, algos in (("epsilon-greedy", [eps]), ("UCB1", [ucb]), ("both together", [eps, ucb])):
        seconds, snap = timed(algos, args.runs, args.steps)
        print(f"  {name:16s} {seconds:6.2f} s  ({args.runs * args.steps / seconds / 1e6:5.2f} M pulls/s), "
              f"snapshot {snap * 1e3:.1f} ms")
    ok = seconds <= args.goal
    print(f"goal: both <= {args.goal} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
