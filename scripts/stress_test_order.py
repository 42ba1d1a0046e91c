"""Run test files in many random orders, each in its own process, and report any crash.

A use-after-free in the GUI showed up in one file order on one machine and not on another: it
depends on which objects happen to share memory, so a single green run proves nothing. This
script runs the files N times, each time in a shuffled order (and with the tests inside each file
in their written order), in a fresh ``python -X faulthandler -m pytest`` so a segfault prints
every thread's Python stack and ends only that order. It prints each order's exit code and a
summary, and writes the first crash's output to a file.

    python scripts/stress_test_order.py --orders 20 --seed 1 -j 2 tests/gui
    MALLOC_PERTURB_=165 python scripts/stress_test_order.py --orders 5 tests/gui/test_rnn_panel.py ...

``MALLOC_PERTURB_=165`` makes glibc fill freed memory, so a read of a freed object fails at once
instead of when the memory happens to be reused. Exit status: 0 if no order crashed, 1 otherwise.
(Test failures are reported but are not crashes: a crash is a signal or faulthandler's output.)
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASH_MARKERS = ("Fatal Python error",)  # faulthandler's first line on a segfault or an abort


@dataclass
class OrderResult:
    index: int
    files: list[str]
    rc: int
    seconds: float
    output: str

    @property
    def crashed(self) -> bool:
        # A process killed by a signal has a negative return code; faulthandler's report may
        # also come with an ordinary code when Python itself aborts.
        return self.rc < 0 or any(marker in self.output for marker in CRASH_MARKERS)

    def verdict(self) -> str:
        if self.crashed:
            name = signal.Signals(-self.rc).name if self.rc < 0 and -self.rc in signal.valid_signals() else ""
            return f"CRASH rc={self.rc} {name}".rstrip()
        return "pass" if self.rc == 0 else f"tests failed rc={self.rc}"


def test_files(paths: list[str]) -> list[str]:
    """Every test_*.py under the given paths (files are kept as given), relative to the root."""
    files: list[str] = []
    for path in paths:
        p = Path(path)
        found = sorted(p.rglob("test_*.py")) if p.is_dir() else [p]
        files += [str(f) for f in found]
    if not files:
        raise SystemExit(f"no test files in {paths}")
    return files


def shuffled_orders(files: list[str], count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    orders = []
    for _ in range(count):
        order = list(files)
        rng.shuffle(order)
        orders.append(order)
    return orders


def run_order(index: int, files: list[str], timeout: float) -> OrderResult:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # -p no:randomly: the order given here is the order run, even where pytest-randomly is installed.
    command = [sys.executable, "-X", "faulthandler", "-m", "pytest", "-q", "-p", "no:randomly", *files]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        rc, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as timed_out:
        rc = 124
        output = f"timed out after {timeout:.0f} s\n{timed_out.stdout or ''}{timed_out.stderr or ''}"
    return OrderResult(index, files, rc, time.perf_counter() - start, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["tests/gui"], help="test files or folders (default tests/gui)")
    parser.add_argument("--orders", "-n", type=int, default=20, help="how many shuffled orders (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the shuffles (default 0)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="orders run at once (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one order may take (default 1800)")
    parser.add_argument("--crash-log", default="stress_crash.log", help="where the first crash's output goes")
    args = parser.parse_args(argv)

    files = test_files(args.paths)
    orders = shuffled_orders(files, args.orders, args.seed)
    print(f"{len(orders)} orders of {len(files)} files, seed {args.seed}, {args.jobs} at a time", flush=True)
    results: list[OrderResult] = []
    first_crash: OrderResult | None = None

    def report(result: OrderResult) -> None:
        nonlocal first_crash
        results.append(result)
        names = " ".join(Path(f).stem.removeprefix("test_") for f in result.files)
        print(f"order {result.index:3d}: {result.verdict():<24} {result.seconds:6.1f} s  [{names}]", flush=True)
        if result.crashed and first_crash is None:
            first_crash = result
            Path(args.crash_log).write_text(f"order: {' '.join(result.files)}\nrc: {result.rc}\n\n{result.output}")
        elif not result.crashed and result.rc != 0:
            print("\n".join(result.output.strip().splitlines()[-15:]), flush=True)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_order, i, order, args.timeout) for i, order in enumerate(orders)]
        for future in futures:
            report(future.result())

    crashes = sum(r.crashed for r in results)
    failed = sum(not r.crashed and r.rc != 0 for r in results)
    print(f"summary: {len(results)} orders, {crashes} crashed, {failed} with failing tests, "
          f"{len(results) - crashes - failed} passed", flush=True)
    if first_crash is not None:
        print(f"first crash (order {first_crash.index}) written to {args.crash_log}", flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
