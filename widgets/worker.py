"""The one QThread that talks to the engine host, the process where the engine runs.

The engine runs in a process of its own (``playground/host.py``: it has its own GIL, so painting
never slows training). This thread starts that process, forwards the GUI's commands to it and
receives its snapshots and events. The GUI never shares mutable state with it: commands go in
through the methods below, the newest snapshot comes back through ``latest()`` (a reference swap
under a lock), and events (errors, divergence, the device in use) through ``take_events()``.
A GUI timer polls both; nothing is emitted per step.
"""

from __future__ import annotations

import atexit
import collections
import multiprocessing
import multiprocessing.connection
import os
import queue
import sys
import threading
import weakref
from typing import Any

from PySide6.QtCore import QThread, Signal

from playground.host import HostEvent, host_context
from playground.metric_log import MetricLog
from playground.snapshot import Snapshot

WorkerEvent = HostEvent  # kinds: "device", "error", "diverged", "finished", "called", "warning"
HISTORY = 600  # snapshots kept for step-back...
HISTORY_BYTES = 64 * 1024 * 1024  # ...and at most this many bytes of their arrays
METRIC_ROWS = 100_000  # rows kept for the CSV export
MAX_HOST_STARTS = 5  # a host that died is restarted (the run is lost: press R), but not forever
STOP_GRACE_MS = 60_000  # see Worker.stop; only a hung process start would use it all
EXIT_WAIT_MS = 600_000  # at interpreter exit, how long a thread still starting its host is waited for
_RUNNING: "set[Worker]" = set()  # workers whose thread runs: kept alive until it ends (see _join_at_exit)


def _join_at_exit() -> None:
    """Wait for every worker thread still running before Python tears its objects down.

    A QThread destroyed while its thread runs aborts the process ("QThread: Destroyed while thread
    is still running"). A thread inside ``process.start()`` cannot be interrupted: on a machine
    starved of CPU a forkserver's first start (it imports torch) took minutes, a test gave up on
    it, and the test run ended in SIGABRT at exit. Here the thread is told to stop and waited for;
    past EXIT_WAIT_MS the process leaves without running destructors rather than abort.
    """
    for worker in list(_RUNNING):
        worker._stop.set()
        worker._wake()
    for worker in list(_RUNNING):
        if not worker.wait(EXIT_WAIT_MS):
            sys.stderr.write("playground: a worker thread did not end; leaving without cleanup\n")
            sys.stderr.flush()
            os._exit(1)


atexit.register(_join_at_exit)


class Worker(QThread):
    # Play/pause has one owner, this worker: ``playing`` is read-only outside it, and every change
    # (a command, or the host's answer to the newest command) is announced here. Emitted from the
    # worker's thread too, so a window's slot runs queued, on the GUI thread.
    playing_changed = Signal(bool)
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
        self._outgoing: "queue.Queue[tuple]" = queue.Queue()
        self._events: "queue.Queue[WorkerEvent]" = queue.Queue()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        # A message here wakes the thread for a command. A multiprocessing pipe, not os.pipe():
        # on Windows connection.wait() takes pipe handles, not file descriptors. It closes with
        # the object, not when the thread ends, so a late _wake() never writes into a reused handle.
        self._wake_r, self._wake_w = multiprocessing.Pipe(duplex=False)
        self._seq = 0  # number of the newest command sent
        self._gen_id = -1  # snapshots of other runs are dropped
        self._latest: Snapshot | None = None
        self.history: collections.deque[Snapshot] = collections.deque(maxlen=HISTORY)
        self._sizes: collections.deque[int] = collections.deque()  # bytes of each kept snapshot
        self._history_bytes = 0
        self.metric_rows = MetricLog(METRIC_ROWS)  # columns of float64: a dict per row cost 1-3.6 KB
        self._playing = False
        self.steps_per_s = 0.0
        self.device = ""
        self.process = None
        self.ready = threading.Event()

    # Commands (called from the GUI thread) -------------------------------------------------------
    def load(self, preset: Any, gen_id: int) -> None:
        """Start a new run of ``preset`` (paused at step 0) tagged ``gen_id``."""
        from playground import registry

        with self._lock:
            self._gen_id = gen_id
            self._latest = None
            self.history.clear()
            self._sizes.clear()
            self._history_bytes = 0
            self.metric_rows.clear()
        self._set_playing(False)
        self.steps_per_s = 0.0
        # The host gets the panel's spec with the preset: it may not share this process's registry.
        self._send("load", registry.panel(preset.panel), preset.model_dump_json(), gen_id)

    def play(self) -> None:
        self._set_playing(True)  # the host's answer corrects this when there is nothing to play
        self._send("play")

    @property
    def playing(self) -> bool:
        """Whether the run plays: set by the commands below and by the host's answers, nobody else."""
        return self._playing

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def pause(self) -> None:
        self._set_playing(False)
        self._send("pause")

    def step(self, n: int = 1) -> None:
        self._set_playing(False)
        self._send("step", n)

    def set_speed(self, steps_per_s: float | None) -> None:
        """None runs as fast as the engine goes; a number caps the step rate."""
        self._send("speed", steps_per_s)

    def call(self, method: str, *args: Any) -> None:
        """Call ``engine.<method>(*args)`` in the host between chunks (save/load weights, say).

        A "called" event reports success, an "error" event a failure; a fresh snapshot follows.
        """
        self._send("call", method, args)

    def stop(self, timeout_ms: int = 2000) -> bool:
        """Set the stop flag directly (never through a queued signal chain), then join.

        A thread still inside ``process.start()`` (a forkserver's first start imports torch: many
        seconds on a busy machine) cannot see the flag until that returns, and a QThread destroyed
        while running aborts the whole app. So past ``timeout_ms`` it waits on, up to
        STOP_GRACE_MS: the thread ends as soon as the start returns.
        """
        self._stop.set()
        self._wake()
        self.quit()
        return self.wait(timeout_ms) or self.wait(STOP_GRACE_MS)

    def _send(self, kind: str, *args: Any) -> None:
        with self._lock:
            self._seq += 1
            self._outgoing.put((kind, self._seq, *args))
        self._wake()

    def _wake(self) -> None:
        try:
            self._wake_w.send_bytes(b"x")
        except OSError:  # closed at interpreter exit
            pass

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
            return self.metric_rows.rows()

    # The thread ------------------------------------------------------------------------------------------
    def run(self) -> None:  # noqa: D401 - QThread entry point
        _RUNNING.add(self)
        try:
            for _ in range(MAX_HOST_STARTS):
                results = self._start_host()
                if results is None:
                    return
                self._relay(results)
                if self._stop.is_set():
                    return
            self._stop.wait()  # the host keeps dying: stay idle (the error is reported) until closed
        finally:
            self._stop_host()
            self.ready.set()
            _RUNNING.discard(self)

    def _start_host(self):
        """Start the host process; None when it cannot start (the reason is an error event)."""
        from playground.host import serve

        try:
            context = host_context()
            commands_r, self._commands = context.Pipe(duplex=False)
            results, results_w = context.Pipe(duplex=False)
            self.process = context.Process(target=serve, args=(commands_r, results_w, self.threads),
                                           name="playground-engine", daemon=True)
            self.process.start()
            commands_r.close()
            results_w.close()
            return results
        except Exception as error:
            self._events.put(WorkerEvent("error", f"the training process could not start: {error}"))
            self.ready.set()
            return None

    def _relay(self, results) -> None:
        """Forward commands, receive results; return when stopped or when the host died."""
        while not self._stop.is_set():
            self._forward_commands()
            ready = multiprocessing.connection.wait([results, self._wake_r], timeout=0.25)
            if self._wake_r in ready:
                try:
                    while self._wake_r.poll():
                        self._wake_r.recv_bytes()
                except (EOFError, OSError):  # closed under us at interpreter exit
                    return
            if results not in ready:
                continue
            try:
                for _ in range(64):  # then forward commands again, however fast results come
                    if not results.poll():
                        break
                    self._receive(results.recv())
            except (EOFError, OSError):
                self._host_died()
                return

    def _forward_commands(self) -> None:
        while True:
            try:
                command = self._outgoing.get_nowait()
            except queue.Empty:
                return
            try:
                self._commands.send(command)
            except (BrokenPipeError, OSError):
                return  # the host is gone; _relay notices on its results pipe

    def _receive(self, message: tuple) -> None:
        kind = message[0]
        if kind == "ready":
            self.ready.set()
            return
        current = message[1] == self._seq  # an answer to the newest command: its state is the truth
        if kind == "snap":
            _, _, snap, playing, rate = message
            if snap.gen_id == self._gen_id:
                self._publish(snap)
                self.steps_per_s = rate
            if current:
                self._set_playing(playing)
        elif kind == "state":
            if current:
                self._set_playing(message[2])
        elif kind == "event":
            event = message[2]
            if event.kind == "device":
                self.device = event.text
            if event.kind in ("error", "diverged", "finished") and event.gen_id == self._gen_id and current:
                self._set_playing(False)
            self._events.put(event)

    def _host_died(self) -> None:
        self.process.join(1.0)  # reap it, so its exit code is known
        code = self.process.exitcode
        self._set_playing(False)
        self._events.put(WorkerEvent("error", f"the training process stopped unexpectedly (exit code {code}); "
                                     "press R to start the run again", self._gen_id))
        self.ready.set()

    def _stop_host(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        try:
            self._commands.send(("stop", self._seq + 1))
        except (BrokenPipeError, OSError, AttributeError):
            pass
        try:
            process.join(1.0)
            if process.is_alive():
                process.terminate()
                process.join(1.0)
        except (AssertionError, ValueError, OSError):  # it never started, or is already reaped
            pass

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
            self.metric_rows.append(snap.step, snap.metrics)
