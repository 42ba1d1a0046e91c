"""CLI start-up: wall time of a whole `python -m playground run` of numpy-only presets.

    python benchmarks/bench_cli_startup.py [--repeat 3] [--goal 0.5]

Each command runs in a fresh interpreter, so the figure is what a person waits for: Python, the
imports, loading the preset, 10 steps, writing metrics.csv and result.json. `import torch` alone
is timed too, as the reference the numpy panels no longer pay. Reports the best of ``--repeat``
runs; exits 1 when a numpy preset takes longer than ``--goal`` seconds.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMMANDS = {
    "run bandits/etc_commitment --steps 10": ["-m", "playground", "run", "bandits/etc_commitment", "--steps", "10"],
    "run mdp/seed_3state_mdp --steps 10": ["-m", "playground", "run", "mdp/seed_3state_mdp", "--steps", "10"],
}
REFERENCE = {"python -c 'import torch'": ["-c", "import torch"]}


def best_wall_time(args: list[str], repeat: int) -> float:
    best = float("inf")
    with tempfile.TemporaryDirectory() as out:
        extra = ["--out", out] if args[:2] == ["-m", "playground"] else []
        for _ in range(repeat):
            began = time.perf_counter()
            subprocess.run([sys.executable, *args, *extra], cwd=ROOT, check=True, capture_output=True)
            best = min(best, time.perf_counter() - began)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--goal", type=float, default=0.5, help="seconds a numpy preset's run may take")
    args = parser.parse_args()
    print(f"CLI start-up, best of {args.repeat} (wall seconds, fresh interpreter each time)")
    slow = []
    for label, command in {**COMMANDS, **REFERENCE}.items():
        seconds = best_wall_time(command, args.repeat)
        print(f"  {label:45s} {seconds:6.3f} s")
        if label in COMMANDS and seconds > args.goal:
            slow.append(label)
    print(f"goal: numpy presets under {args.goal} s: " + ("met" if not slow else f"missed by {', '.join(slow)}"))
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
