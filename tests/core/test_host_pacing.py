"""The host's pacing on a fake clock: snapshots at the frame rate, a speed limit kept exactly.

No wall clock here: the engine "takes" a fixed fake time per step and waiting for a command
moves the fake clock, so the counts are exact on any machine, however busy.
"""

import math

import pytest

from playground.host import FRAME_S, Host
from playground.snapshot import Snapshot


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class QuietCommands:
    """No command until the fake clock reaches ``stop_at``, then "stop"; waiting moves the clock."""

    def __init__(self, clock: FakeClock, stop_at: float):
        self.clock, self.stop_at = clock, stop_at

    def poll(self, timeout=0.0):
        if timeout:  # the host sleeps until its next chunk is due (None: it is paused; stop it then)
            self.clock.now += timeout
        return timeout is None or self.clock.now >= self.stop_at

    def recv(self):
        return ("stop", 1)


class Outbox:
    def __init__(self, clock: FakeClock):
        self.clock, self.snaps = clock, []  # (fake time, snapshot, steps/s the host reports)

    def put(self, message):
        if message[0] == "snap":
            self.snaps.append((self.clock(), message[2], message[4]))


def steady_engine(clock: FakeClock, step_cost_s: float):
    """A run whose every step costs ``step_cost_s`` of fake time."""
    step = 0
    while True:
        n = yield Snapshot(gen_id=1, step=step)
        clock.now += n * step_cost_s
        step += n


def play(seconds: float, step_cost_s: float, rate_limit: float | None = None) -> Outbox:
    clock = FakeClock()
    outbox = Outbox(clock)
    host = Host(QuietCommands(clock, stop_at=seconds), outbox)
    host.clock, host.rate_limit = clock, rate_limit
    host.gen = steady_engine(clock, step_cost_s)
    next(host.gen)
    host.playing = True
    host.serve()
    return outbox


@pytest.mark.parametrize("step_cost_s", [1e-6, 1e-4, 2e-3])
def test_a_fast_engine_sends_about_one_snapshot_a_frame_whatever_its_speed(step_cost_s):
    snaps = play(1.0, step_cost_s).snaps
    steps = [snap.step for _, snap, _ in snaps]
    chunks = [b - a for a, b in zip([0, *steps], steps)]
    frame_steps = FRAME_S / step_cost_s
    ramp = math.ceil(math.log2(frame_steps)) + 1  # chunks double from 1 until one takes a frame
    assert chunks[:3] == [1, 2, 4]
    assert all(chunk <= max(1.0, frame_steps) + 1e-6 for chunk in chunks)  # never more than a frame of work
    assert chunks[-1] == max(1, int(frame_steps + 1e-9))  # then every chunk is one frame of work
    assert len(snaps) <= 1.0 / FRAME_S + ramp + 1
    assert steps[-1] * step_cost_s >= 1.0  # and the engine ran the whole second, not a frame less


def test_a_speed_limit_is_kept_step_for_step():
    snaps = play(1.0, step_cost_s=1e-6, rate_limit=100.0).snaps
    chunk = round(100.0 * FRAME_S)  # 2 steps a chunk, one chunk every 2/100 s
    times = [at for at, _, _ in snaps]
    steps = [snap.step for _, snap, _ in snaps]
    assert steps == [chunk * (i + 1) for i in range(len(snaps))]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert gaps == pytest.approx([chunk / 100.0] * len(gaps), abs=1e-9)  # one chunk per 20 ms of fake time
    assert steps[-1] in (100, 102)  # a second's worth, give or take the chunk already started
    assert snaps[-1][2] == pytest.approx(100.0)  # and the speed it reports is the limit
