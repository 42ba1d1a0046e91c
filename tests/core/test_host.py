"""The engine host (no Qt): its protocol, its outbox, and snapshots that survive the pipe."""

import pickle
import threading
import time
from multiprocessing import Pipe

import numpy as np

import pytest

from playground.cli import run_headless
from playground.host import (MAX_UNSENT, START_METHOD_ENV, Host, HostEvent, _Outbox, host_context, host_start_method,
                             serve)
from playground.presets import new_preset
from playground.snapshot import Snapshot
from tests.start_methods import BOTH_START_METHODS


def test_a_snapshot_survives_pickling_read_only():
    snap = Snapshot(gen_id=3, step=7, metrics={"loss": 0.25}, arrays={"w": np.arange(6.0).reshape(2, 3)},
                    tables={"rows": [1, 2]}, diverged=None, done=True)
    back = pickle.loads(pickle.dumps(snap))
    assert (back.gen_id, back.step, back.done, dict(back.metrics), dict(back.tables)) == (3, 7, True, {"loss": 0.25},
                                                                                       {"rows": [1, 2]})
    np.testing.assert_array_equal(back.arrays["w"], np.arange(6.0).reshape(2, 3))
    assert not back.arrays["w"].flags.writeable


def _messages_until(conn, predicate, timeout=20.0):
    seen, end = [], time.perf_counter() + timeout
    while time.perf_counter() < end:
        if conn.poll(0.05):
            seen.append(conn.recv())
            if predicate(seen[-1]):
                return seen
    raise AssertionError(f"no such message in {seen[-5:]}")


def test_the_host_runs_what_it_is_sent_and_answers_with_the_command_number(counter_panel, tmp_path):
    commands_r, commands_w = Pipe(duplex=False)
    results_r, results_w = Pipe(duplex=False)
    outbox = _Outbox(results_w)
    host = Host(commands_r, outbox)
    thread = threading.Thread(target=host.serve, daemon=True)
    thread.start()
    preset = new_preset("counter", seed=5, device="cpu", config={"noise": 0.5})
    commands_w.send(("load", 1, counter_panel, preset.model_dump_json(), 42))
    for seq, n in ((2, 7), (3, 13)):
        commands_w.send(("step", seq, n))
    seen = _messages_until(results_r, lambda m: m[0] == "snap" and m[2].step == 20)
    snap = seen[-1][2]
    assert seen[-1][1] == 3 and snap.gen_id == 42 and seen[-1][3] is False  # after command 3, paused
    assert any(m[0] == "event" and m[2].kind == "device" and m[2].text == "cpu" for m in seen)
    headless = run_headless(preset, 20, tmp_path, every=20, progress=False)
    assert headless["metrics"]["value"] == snap.metrics["value"]
    commands_w.send(("play", 4))
    _messages_until(results_r, lambda m: m[0] == "snap" and m[1] == 4 and m[3] is True and m[2].step > 1000)
    commands_w.send(("stop", 5))
    thread.join(5)
    assert not thread.is_alive()
    outbox.close()


class _StuckPipe:
    """A pipe whose reader went away for a while: send blocks until released."""

    def __init__(self):
        self.release = threading.Event()
        self.sent = []

    def send(self, message):
        self.release.wait()
        self.sent.append(message)


def test_a_slow_reader_loses_old_snapshots_never_events():
    pipe = _StuckPipe()
    outbox = _Outbox(pipe)
    outbox.put(("snap", 0, "first", False, 0.0))
    end = time.perf_counter() + 5
    while outbox.items and time.perf_counter() < end:  # the pump takes "first" and blocks in send
        time.sleep(0.001)
    for index in range(MAX_UNSENT + 50):
        outbox.put(("snap", 0, index, False, 0.0))
        if index == 10:
            outbox.put(("event", 0, HostEvent("diverged", "diverged at step 10")))
    pipe.release.set()
    outbox.close()
    snaps = [m[2] for m in pipe.sent if m[0] == "snap"]
    events = [m for m in pipe.sent if m[0] == "event"]
    assert len(events) == 1
    assert snaps[0] == "first" and len(snaps) == 1 + MAX_UNSENT
    assert snaps[1:] == list(range(50, MAX_UNSENT + 50))  # the newest kept, in order


def test_linux_keeps_the_warm_forkserver_windows_and_macos_spawn(monkeypatch):
    monkeypatch.delenv(START_METHOD_ENV, raising=False)
    assert host_start_method("linux") == "forkserver"
    assert host_start_method("win32") == "spawn"  # no fork at all
    assert host_start_method("darwin") == "spawn"  # fork after importing torch is unsafe there
    monkeypatch.setenv(START_METHOD_ENV, " Spawn ")
    assert host_start_method("linux") == "spawn"
    monkeypatch.setenv(START_METHOD_ENV, "forkserver")
    assert host_start_method("win32") == "forkserver"  # forced: the worker reports it if it fails
    monkeypatch.setenv(START_METHOD_ENV, "fork")
    expected = "PLAYGROUND_START_METHOD='fork' is not a start method: use one of forkserver, spawn"
    with pytest.raises(ValueError, match=expected):
        host_start_method("linux")


def _start_host_process():
    context = host_context()
    commands_r, commands_w = context.Pipe(duplex=False)
    results_r, results_w = context.Pipe(duplex=False)
    process = context.Process(target=serve, args=(commands_r, results_w, 1), name="test-engine", daemon=True)
    process.start()
    commands_r.close()
    results_w.close()
    return process, commands_w, results_r


@BOTH_START_METHODS
def test_a_host_process_started_either_way_runs_a_preset_like_headless(counter_panel, start_method, tmp_path):
    """Everything the host gets survives pickling into a fresh interpreter (spawn), not only a fork."""
    process, commands, results = _start_host_process()
    try:
        assert host_context().get_start_method() == start_method
        _messages_until(results, lambda m: m[0] == "ready", timeout=60)
        preset = new_preset("counter", seed=8, device="cpu", config={"noise": 0.3})
        commands.send(("load", 1, counter_panel, preset.model_dump_json(), 6))
        commands.send(("step", 2, 25))
        seen = _messages_until(results, lambda m: m[0] == "snap" and m[2].step == 25)
        assert seen[-1][2].gen_id == 6
        headless = run_headless(preset, 25, tmp_path, every=25, progress=False)
        assert headless["metrics"]["value"] == seen[-1][2].metrics["value"]
        commands.send(("stop", 3))
        process.join(20)
        assert process.exitcode == 0
    finally:
        if process.is_alive():
            process.kill()
