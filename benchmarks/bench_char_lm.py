"""Minibatches per second of the language panel's character model (32 x 64 characters, hidden 128).

    python benchmarks/bench_char_lm.py [seconds per cell] [threads]

Times the engine's own training step (sampling a minibatch, forward, backward, clipping, Adam) for
the rnn, gru and lstm cells, without evaluations or snapshots, and prints minibatches/s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from playground.engine import RunContext  # noqa: E402
from playground.language.char_lm import CharLMEngine  # noqa: E402
from playground.language.config import LanguageConfig  # noqa: E402


def rate(cell: str, seconds: float) -> float:
    config = LanguageConfig(char_cell=cell, char_hidden=128, char_batch=32, char_seq_len=64, char_max_steps=0,
                            char_eval_every=10_000)
    engine = CharLMEngine(config, RunContext(seed=0, device="cpu"))
    for _ in range(5):  # warm-up: allocator, Adam's state
        engine._train_step()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        engine._train_step()
        steps += 1
    return steps / (time.perf_counter() - start)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(threads)
    print(f"char_lm, 32 x 64 characters, hidden 128, {threads} torch thread(s), torch {torch.__version__}")
    for cell in ("rnn", "gru", "lstm"):
        print(f"{cell:5s} {rate(cell, seconds):7.1f} minibatches/s")


if __name__ == "__main__":
    main()
