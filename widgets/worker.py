"""The one QThread that drives an engine generator.

The GUI never shares mutable state with it: commands go in a queue, the newest snapshot comes
back through ``latest()`` (a reference swap under a lock), and events (errors, divergence, the
device in use) through ``take_events()``. A GUI timer polls both; nothing is emitted per step.
"""

from __future__ import annotations

import collections
import gc
import queue
import threading
import time
import traceback
import weakref
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QThread

from playground.snapshot import Snapshot

FRAME_S = 1 / 60  # a chunk of steps takes about one frame, so at most ~60 snapshots/s
HISTORY = 600  # snapshots kept for step-back...
HISTORY_BYTES = 64 * 1024 * 1024  # ...and at most this many bytes of their arrays
METRIC_ROWS = 100_000  # rows kept for the CSV export


@dataclass(frozen=True)
class WorkerEvent:
    kind: str  # "device", "error", "diverged", "finished", "warning"
    text: str
    gen_id: int = 0
    details: str = ""


def _warm_up_torch(threads: int) -> None:
    """Import torch and build one optimizer off the GUI thread (it lazily imports torch._dynamo)."""
    import torch

    torch.set_num_threads(threads)
    weight = torch.zeros(2, requires_grad=True)
    optimizer = torch.optim.Adam([weight], lr=0.1)
    (weight**2).sum().backward()
    optimizer.step()
    # Python's GC stalled training by 130-250 ms; freezing the warm heap keeps pauses short.
    gc.collect()
    gc.freeze()


class Worker(QThread):
    _all: "weakref.WeakSet[Worker]" = weakref.WeakSet()

    @classmethod
    def instances(cls) -> list["Worker"]:
        """Workers whose Qt object still exists."""
        import shiboken6

        return [w for w in list(cls._all) if shiboken6.isValid(w)]

    def __init__(self, parent=None, threads: int = 1) -> None:
        super().__init__(parent)
        Worker._all.add(self)
        self.threads = threads
        self._commands: "queue.Queue[tuple]" = queue.Queue()
        self._events: "queue.Queue[WorkerEvent]" = queue.Queue()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: Snapshot | None = None
        self.history: collections.deque[Snapshot] = collections.deque(maxlen=HISTORY)
        self._sizes: collections.deque[int] = collections.deque()  # bytes of each kept snapshot
        self._history_bytes = 0
        self.metric_rows: collections.deque[tuple[int, dict[str, float]]] = collections.deque(maxlen=METRIC_ROWS)
        self.playing = False
        self.steps_per_s = 0.0
        self.device = ""
        self._rate_limit: float | None = None
        self._gen = None
        self._engine = None
        self._gen_id = -1
        self.ready = threading.Event()

    # Commands (called from the GUI thread) -------------------------------------------------------
    def load(self, preset: Any, gen_id: int) -> None:
        """Start a new run of ``preset`` (paused at step 0) tagged ``gen_id``."""
        self._commands.put(("load", preset, gen_id))

    def play(self) -> None:
        self._commands.put(("play",))

    def pause(self) -> None:
        self._commands.put(("pause",))

    def step(self, n: int = 1) -> None:
        self._commands.put(("step", n))

    def set_speed(self, steps_per_s: float | None) -> None:
        """None runs as fast as the engine goes; a number caps the step rate."""
        self._commands.put(("speed", steps_per_s))

    def call(self, method: str, *args: Any) -> None:
        """Call ``engine.<method>(*args)`` in the worker thread between chunks (save/load weights, say).

        A "called" event reports success, an "error" event a failure; a fresh snapshot follows.
        """
        self._commands.put(("call", method, args))

    def stop(self, timeout_ms: int = 2000) -> bool:
        """Set the stop flag directly (never through a queued signal chain), then join."""
        self._stop.set()
        self._commands.put(("wake",))
        self.quit()
        return self.wait(timeout_ms)

    # Results (read from the GUI thread) ------------------------------------------------------------
    def latest(self) -> Snapshot | None:
        with self._lock:
            return self._latest

    def take_events(self) -> list[WorkerEvent]:
        events = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def history_snapshots(self) -> list[Snapshot]:
        with self._lock:
            return list(self.history)

    def metric_history(self) -> list[tuple[int, dict[str, float]]]:
        with self._lock:
            return list(self.metric_rows)

    # The thread ------------------------------------------------------------------------------------------
    def run(self) -> None:  # noqa: D401 - QThread entry point
        try:
            _warm_up_torch(self.threads)
        except Exception as error:  # torch missing or broken: say so, keep the window alive
            self._events.put(WorkerEvent("error", f"torch could not start: {error}", details=traceback.format_exc()))
        self.ready.set()
        chunk = 1
        rate_window: collections.deque[tuple[float, int]] = collections.deque(maxlen=30)
        while not self._stop.is_set():
            self._drain_commands(block=not self.playing)
            if self._stop.is_set() or not self.playing or self._gen is None:
                continue
            if self._rate_limit:
                chunk = max(1, round(self._rate_limit * FRAME_S))
            started = time.perf_counter()
            if not self._advance(chunk):
                continue
            elapsed = time.perf_counter() - started
            rate_window.append((started + elapsed, chunk))
            self._update_rate(rate_window)
            if self._rate_limit:
                self._drain_commands(block=True, timeout=max(0.0, chunk / self._rate_limit - elapsed))
            else:
                # Size the next chunk so one send takes about a frame; grow gently, shrink fast.
                wanted = chunk * FRAME_S / max(elapsed, 1e-6)
                chunk = int(max(1, min(chunk * 2, wanted, 1_000_000)))

    def _update_rate(self, window) -> None:
        if len(window) >= 2:
            span = window[-1][0] - window[0][0]
            steps = sum(n for _, n in list(window)[1:])
            self.steps_per_s = steps / span if span > 0 else 0.0

    def _drain_commands(self, block: bool, timeout: float = 0.05) -> None:
        try:
            command = self._commands.get(block=block, timeout=timeout if block else None)
        except queue.Empty:
            return
        while True:
            self._handle(command)
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return

    def _handle(self, command: tuple) -> None:
        kind = command[0]
        if kind == "load":
            self._load(command[1], command[2])
        elif kind == "play":
            self.playing = self._gen is not None
        elif kind == "pause":
            self.playing = False
        elif kind == "step":
            self.playing = False
            if self._gen is not None:
                self._advance(command[1])
        elif kind == "speed":
            self._rate_limit = command[1]
        elif kind == "call":
            self._call(command[1], command[2])

    def _load(self, preset: Any, gen_id: int) -> None:
        from playground.engine import build_engine, describe_device, run

        self.playing = False
        self._gen = None
        self._gen_id = gen_id
        self.steps_per_s = 0.0
        with self._lock:
            self.history.clear()
            self._sizes.clear()
            self._history_bytes = 0
            self.metric_rows.clear()
        try:
            engine = build_engine(preset, gen_id)
            self.device = describe_device(engine.ctx.device)
            self._events.put(WorkerEvent("device", self.device, gen_id))
            gen = run(engine)
            self._publish(next(gen))
            self._gen, self._engine = gen, engine
        except Exception as error:
            self._fail(error, gen_id)

    def _call(self, method: str, args: tuple) -> None:
        function = getattr(self._engine, method, None) if self._gen is not None else None
        if function is None:
            self._events.put(WorkerEvent("error", f"this panel's run cannot {method.replace('_', ' ')}", self._gen_id))
            return
        try:
            function(*args)
            self._publish(self._engine.snapshot())
        except Exception as error:
            self._events.put(WorkerEvent("error", f"{method} failed: {error}", self._gen_id, traceback.format_exc()))
            return
        self._events.put(WorkerEvent("called", f"{method.replace('_', ' ')}: done", self._gen_id))

    def _advance(self, n: int) -> bool:
        try:
            snap = self._gen.send(n)
        except StopIteration:
            self._gen, self.playing = None, False
            self._events.put(WorkerEvent("finished", "the run is finished", self._gen_id))
            return False
        except Exception as error:
            self._fail(error, self._gen_id)
            return False
        self._publish(snap)
        why = snap.divergence()
        if why:
            self.playing = False
            self._events.put(WorkerEvent("diverged", why, snap.gen_id))
        elif snap.done:
            self.playing = False
            self._events.put(WorkerEvent("finished", f"finished at step {snap.step}", snap.gen_id))
        return True

    def _publish(self, snap: Snapshot) -> None:
        size = sum(array.nbytes for array in snap.arrays.values())
        with self._lock:
            self._latest = snap
            if len(self.history) == self.history.maxlen:
                self._history_bytes -= self._sizes.popleft()
            self.history.append(snap)
            self._sizes.append(size)
            self._history_bytes += size
            while self._history_bytes > HISTORY_BYTES and len(self.history) > 1:
                self.history.popleft()
                self._history_bytes -= self._sizes.popleft()
            self.metric_rows.append((snap.step, dict(snap.metrics)))

    def _fail(self, error: Exception, gen_id: int) -> None:
        from playground.engine import EngineError

        self._gen, self.playing = None, False
        text = str(error) if isinstance(error, EngineError) else f"{type(error).__name__}: {error}"
        self._events.put(WorkerEvent("error", text, gen_id, traceback.format_exc()))
