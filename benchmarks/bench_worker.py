"""The worker's speed figures, measured on the wall clock (the tests assert behaviour, not speed).

    python benchmarks/bench_worker.py

Steps a cheap engine makes in a second, snapshots the GUI receives a second, steps in a second
at a speed limit of 100 steps/s, and how long quitting takes while training. Prints a table,
writes benchmarks/results/worker.json, exits 1 when a goal is missed.
"""

from __future__ import annotations

import os
import sys
import time

from common import write_result

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# What the tests once asserted; a loaded machine can miss them, which is why they live here.
GOALS = {"free_steps_per_s": 10_000, "max_snapshots_per_s": 75, "limited_steps_low": 50, "limited_steps_high": 160,
         "quit_s": 2.0}


def _counter_worker():
    from tests.conftest import COUNTER

    from playground import registry
    from widgets.worker import Worker

    registry.ALL_PANELS = (COUNTER, *registry.ALL_PANELS)
    registry.panels.cache_clear()
    worker = Worker()
    worker.start()
    assert worker.ready.wait(60), "the engine host did not start"
    return worker


def _wait(predicate, timeout=30.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate() and time.perf_counter() < end:
        time.sleep(0.002)


def _play_one_second(worker) -> tuple[int, int]:
    """Steps made and distinct snapshots seen while playing for one second."""
    seen, first = set(), worker.latest().step
    worker.play()
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        seen.add(worker.latest().step)
        time.sleep(0.001)
    worker.pause()
    time.sleep(0.1)
    return worker.latest().step - first, len(seen)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from playground.presets import new_preset

    _app = QApplication.instance() or QApplication([])
    worker = _counter_worker()
    worker.load(new_preset("counter", device="cpu"), gen_id=1)
    _wait(lambda: worker.latest() is not None)
    free_steps, snapshots = _play_one_second(worker)
    worker.set_speed(100.0)
    limited_steps, _ = _play_one_second(worker)
    worker.load(new_preset("counter", device="cpu", config={"step_cost_us": 2000}), gen_id=2)
    worker.set_speed(None)
    worker.play()
    time.sleep(0.3)
    started = time.perf_counter()
    worker.stop(30_000)
    quit_s = time.perf_counter() - started

    result = {"free_steps_per_s": free_steps, "snapshots_per_s": snapshots,
              "limited_steps_in_1_s": limited_steps, "quit_s": round(quit_s, 3)}
    missed = [name for name, bad in (
        ("free_steps_per_s", free_steps <= GOALS["free_steps_per_s"]),
        ("snapshots_per_s", snapshots > GOALS["max_snapshots_per_s"]),
        ("limited_steps_in_1_s", not GOALS["limited_steps_low"] <= limited_steps <= GOALS["limited_steps_high"]),
        ("quit_s", quit_s >= GOALS["quit_s"])) if bad]
    print(f"{'figure':24s} {'value':>10s}  goal")
    print(f"{'free_steps_per_s':24s} {free_steps:>10,d}  > {GOALS['free_steps_per_s']:,}")
    print(f"{'snapshots_per_s':24s} {snapshots:>10d}  <= {GOALS['max_snapshots_per_s']}")
    print(f"{'limited_steps_in_1_s':24s} {limited_steps:>10d}  {GOALS['limited_steps_low']}-{GOALS['limited_steps_high']}"
          " at 100 steps/s")
    print(f"{'quit_s':24s} {quit_s:>10.3f}  < {GOALS['quit_s']}")
    write_result("worker", {**result, "goals": GOALS, "missed": missed})
    if missed:
        print("missed:", ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
