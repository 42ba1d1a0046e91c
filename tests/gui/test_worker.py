"""The worker thread: throttled emission, divergence, errors, shutdown, same numbers as headless."""

import time
from pathlib import Path

import pytest

from playground.cli import run_headless
from playground.presets import new_preset
from tests.start_methods import BOTH_START_METHODS
from widgets.worker import Worker


@pytest.fixture
def worker(qtbot, start_method):
    w = Worker()
    w.start()
    if not w.ready.wait(180):  # generous: a starved machine imports torch slowly (no speed is tested)
        w.stop()  # never leave a thread starting behind: every later test would fail with it
        pytest.fail("the worker's engine host did not start in 180 s")
    yield w
    assert w.stop(2000)


def wait_for(predicate, timeout=10.0):
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def test_a_cheap_engine_sends_many_steps_per_snapshot(counter_panel, worker):
    # The pace itself (one snapshot a frame, on a fake clock) is tests/core/test_host_pacing.py;
    # here: the steps arrive batched, however slow this machine is today. Speed: benchmarks/bench_worker.py.
    worker.load(new_preset("counter", device="cpu"), gen_id=1)
    worker.play()
    assert wait_for(lambda: worker.latest() is not None and worker.latest().step > 20_000, 60)
    worker.pause()
    steps = [snap.step for snap in worker.history_snapshots()]
    gaps = sorted(b - a for a, b in zip(steps, steps[1:]))
    assert gaps and gaps[len(gaps) // 2] >= 10, f"a snapshot every {gaps[len(gaps) // 2]} steps: not batched"


def test_a_nan_pauses_within_one_snapshot(counter_panel, worker):
    worker.load(new_preset("counter", device="cpu", config={"blow_up_at": 5000}), gen_id=2)
    worker.play()
    assert wait_for(lambda: any(e.kind == "diverged" for e in worker.take_events()) or False, 10) or \
        wait_for(lambda: not worker.playing)
    assert not worker.playing
    snap = worker.latest()
    assert snap.step >= 5000 and snap.divergence().startswith(f"diverged at step {snap.step}")
    before = [s.step for s in worker.history_snapshots()]
    assert sum(1 for s in before if s >= 5000) == 1  # exactly one snapshot past the blow-up


@BOTH_START_METHODS
def test_an_engine_exception_is_reported_and_reset_plays_again(counter_panel, worker):
    worker.load(new_preset("counter", device="cpu", config={"fail_at": 100}), gen_id=3)
    worker.play()
    events = []
    assert wait_for(lambda: events.extend(worker.take_events()) or any(e.kind == "error" for e in events))
    error = next(e for e in events if e.kind == "error")
    assert "the counter broke at step 100" in error.text and "Traceback" in error.details
    worker.load(new_preset("counter", device="cpu"), gen_id=4)
    worker.play()
    assert wait_for(lambda: worker.latest() is not None and worker.latest().gen_id == 4 and worker.latest().step > 100)


def test_step_and_speed_limit(counter_panel, worker):
    worker.load(new_preset("counter", device="cpu"), gen_id=5)
    worker.step(3)
    assert wait_for(lambda: worker.latest() is not None and worker.latest().step == 3)
    worker.set_speed(100.0)
    worker.play()
    assert wait_for(lambda: worker.latest().step >= 23, 60)
    worker.pause()
    assert wait_for(lambda: not worker.playing)
    steps = [snap.step for snap in worker.history_snapshots()]
    # At 100 steps/s the host plays chunks of round(100 / 60) = 2 steps, one every 20 ms;
    # unlimited, its chunks would double (2, 4, 8, ...). Its timing is tests/core/test_host_pacing.py.
    assert steps[0] == 0 and steps[1] == 3 and {b - a for a, b in zip(steps[1:], steps[2:])} == {2}, steps


def test_quitting_while_training_joins_the_thread_and_reaps_the_host(counter_panel, qtbot):
    import multiprocessing

    w = Worker()
    w.start()
    assert w.ready.wait(30)
    w.load(new_preset("counter", device="cpu", config={"step_cost_us": 2000}), gen_id=1)
    w.play()
    assert wait_for(lambda: w.latest() is not None and w.latest().step > 0, 60)
    host = w.process
    assert w.stop(30_000)  # generous: only a guard against a hang
    assert w.isFinished() and not w.isRunning()
    assert host.exitcode is not None and not host.is_alive()  # joined, not left running
    assert host not in multiprocessing.active_children() and w.process is None


@BOTH_START_METHODS
def test_app_and_headless_give_the_same_numbers(counter_panel, worker, tmp_path):
    preset = new_preset("counter", seed=11, device="cpu", config={"noise": 0.7})
    worker.load(preset, gen_id=9)
    for n in (7, 13, 30):
        worker.step(n)
    assert wait_for(lambda: worker.latest() is not None and worker.latest().step == 50)
    app_value = worker.latest().metrics["value"]
    result = run_headless(preset, 50, tmp_path, every=10, progress=False)
    assert result["metrics"]["value"] == app_value


def test_history_is_bounded_in_bytes(counter_panel, worker, monkeypatch):
    import numpy as np

    from playground.snapshot import Snapshot
    from widgets import worker as worker_module

    monkeypatch.setattr(worker_module, "HISTORY_BYTES", 10_000)
    for step in range(50):
        worker._publish(Snapshot(gen_id=1, step=step, arrays={"a": np.zeros(250)}))  # 2,000 bytes each
    kept = worker.history_snapshots()
    assert len(kept) == 5 and kept[-1].step == 49 and worker._history_bytes == 10_000


@BOTH_START_METHODS
def test_a_dead_training_process_is_reported_and_replaced(counter_panel, worker):
    worker.load(new_preset("counter", device="cpu"), gen_id=1)
    worker.play()
    assert wait_for(lambda: worker.latest() is not None and worker.latest().step > 100)
    first = worker.process.pid
    worker.process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no goodbye either way
    events = []
    assert wait_for(lambda: events.extend(worker.take_events()) or any(
        e.kind == "error" and "stopped unexpectedly" in e.text for e in events))
    assert not worker.playing
    assert wait_for(lambda: worker.process is not None and worker.process.pid != first and worker.process.is_alive())
    worker.load(new_preset("counter", device="cpu"), gen_id=2)
    worker.step(9)
    assert wait_for(lambda: worker.latest() is not None and worker.latest().gen_id == 2 and worker.latest().step == 9)


def test_training_runs_in_another_process(counter_panel, worker):
    import os

    worker.load(new_preset("counter", device="cpu"), gen_id=1)
    worker.step(1)
    assert wait_for(lambda: worker.latest() is not None and worker.latest().step == 1)
    assert worker.process.pid != os.getpid() and worker.process.is_alive()


def test_a_start_method_that_cannot_work_is_reported_and_the_worker_stays_up(counter_panel, qtbot, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_START_METHOD", "fork")
    w = Worker()
    w.start()
    assert w.ready.wait(10)
    events = w.take_events()
    assert [e.kind for e in events] == ["error"]
    assert "could not start" in events[0].text and "use one of forkserver, spawn" in events[0].text
    assert w.stop(2000)


def test_stopping_while_the_host_is_still_starting_waits_for_the_thread(counter_panel, qtbot, monkeypatch):
    """A forkserver's first start imports torch (seconds on a busy machine); a QThread destroyed
    while running aborts the app, so stop() must outlast a start slower than its first timeout."""
    import threading

    import widgets.worker as worker_module

    inside_start = threading.Event()
    real_context = worker_module.host_context

    class SlowStart:
        def __init__(self, context):
            self.context = context

        def __getattr__(self, name):
            return getattr(self.context, name)

        def Process(self, *args, **kwargs):  # noqa: N802 - multiprocessing's name
            process = self.context.Process(*args, **kwargs)
            start = process.start

            def slow_start():
                inside_start.set()
                time.sleep(1.5)
                start()

            process.start = slow_start
            return process

    monkeypatch.setattr(worker_module, "host_context", lambda: SlowStart(real_context()))
    w = Worker()
    w.start()
    assert inside_start.wait(30)
    assert w.stop(100)  # past its 100 ms the thread is still in start(): stop waits on
    assert w.isFinished() and w.process is None


def test_exiting_while_a_worker_still_starts_its_host_waits_for_it_instead_of_aborting(tmp_path):
    """A QThread destroyed while running aborts the process. A start that takes long (a starved
    machine importing torch) used to end a test run in SIGABRT; now exit waits for the thread."""
    import os
    import subprocess
    import sys

    script = tmp_path / "exit_while_starting.py"
    script.write_text(
        "import sys, time\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication(sys.argv)\n"
        "from widgets import worker as w\n"
        "def slow_start(self):\n"
        "    time.sleep(2)  # a host start that cannot be interrupted\n"
        "    return None\n"
        "w.Worker._start_host = slow_start\n"
        "thread = w.Worker()\n"
        "thread.start()\n"
        "time.sleep(0.3)\n"
        "print('leaving while it starts', flush=True)\n")
    done = subprocess.run([sys.executable, str(script)], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "leaving while it starts" in done.stdout and "Destroyed while thread" not in done.stderr
