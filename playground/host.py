"""The engine host: runs one engine at a time in its own process and streams its snapshots.

Why a process and not a thread: Python's GIL. A thread that trains and a GUI thread that paints
take turns on one interpreter lock, so every millisecond of painting was a millisecond of lost
training (in-app steps/s were 0.3-0.6 of headless on two cores). In a process of its own the engine
has its own interpreter and its own core; the GUI only unpickles the snapshots it receives.

The GUI side (``widgets/worker.py``) starts ``serve`` with the start method ``host_start_method()``
picks: on Linux a forkserver that has torch imported and warmed already, so a new host is up in
~10 ms (the first one in ~1 s, off the GUI thread); on Windows and macOS a fresh interpreter
(spawn), which imports torch itself (~1-2 s per host).

Protocol, over two one-way ``multiprocessing`` pipes (our own objects; no user file is unpickled):

    in:  ("load", seq, spec, preset_json, gen_id)  ("play", seq)  ("pause", seq)  ("step", seq, n)
         ("speed", seq, steps_per_s | None)  ("call", seq, method, args)  ("stop", seq)
    out: ("ready",)  ("snap", seq, snapshot, playing, steps_per_s)  ("event", seq, HostEvent)
         ("state", seq, playing)

``seq`` is the number of the last command the host has handled, so the GUI knows whether a
``playing`` it receives is already an answer to its newest command.
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass

FRAME_S = 1 / 60  # a chunk of steps takes about one frame, so at most ~60 snapshots/s
MAX_UNSENT = 120  # snapshots waiting for the pipe beyond this are dropped, oldest first
START_METHOD_ENV = "PLAYGROUND_START_METHOD"  # "spawn" or "forkserver": overrides the platform's choice
START_METHODS = ("forkserver", "spawn")


def host_start_method(platform: str | None = None) -> str:
    """How host processes start: "forkserver" on Linux, "spawn" elsewhere, or what the env var forces.

    Windows has no fork at all; macOS has fork, but forking a process that imported torch (and with
    it Apple's Accelerate and Metal frameworks) is unsafe there. On Linux the warm forkserver is safe
    and saves the ~1-2 s that importing torch costs every new host.
    """
    forced = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if forced:
        if forced not in START_METHODS:
            methods = ", ".join(START_METHODS)
            raise ValueError(f"{START_METHOD_ENV}={forced!r} is not a start method: use one of {methods}")
        return forced
    return "forkserver" if (platform or sys.platform).startswith("linux") else "spawn"


_CONTEXTS: dict[str, multiprocessing.context.BaseContext] = {}  # one per start method


def host_context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context hosts start from (``host_start_method()`` says which).

    Linux: a forkserver that imported and warmed torch once, so every later host forks from it in
    ~10 ms. Not plain fork: this process runs Qt's threads, and forking a threaded process is
    unsafe. Windows and macOS: spawn, a fresh interpreter per host (no fork there, or an unsafe
    one), so everything a host gets is pickled: ``serve`` is a module-level function, its
    arguments are pipes and an int, and commands carry JSON and registry entries.
    """
    method = host_start_method()
    if method not in _CONTEXTS:
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["playground.host_preload"])
        _CONTEXTS[method] = context
    return _CONTEXTS[method]


@dataclass(frozen=True)
class HostEvent:
    kind: str  # "device", "error", "diverged", "finished", "called", "warning"
    text: str
    gen_id: int = 0
    details: str = ""


def warm_up_torch(threads: int = 1) -> None:
    """Import torch and run one optimizer step (its first use lazily imports torch._dynamo, ~1 s).

    One intra-op thread: the host owns one core, the GUI the other; on two cores torch's own
    threads fighting the GUI collapsed throughput from ~1,500 to ~100 steps/s.
    """
    import torch

    torch.set_num_threads(threads)
    weight = torch.zeros(2, requires_grad=True)
    optimizer = torch.optim.Adam([weight], lr=0.1)
    (weight**2).sum().backward()
    optimizer.step()


def preload() -> None:
    """What the forkserver imports once, before it forks hosts (no CUDA is touched here)."""
    warm_up_torch(1)
    import playground.engine  # noqa: F401
    import playground.presets  # noqa: F401


class _Outbox:
    """Messages to the GUI, sent by a thread of their own so a slow reader never blocks training."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.items: collections.deque = collections.deque()
        self.ready = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._pump, name="host-outbox", daemon=True)
        self.thread.start()

    def put(self, message: tuple) -> None:
        with self.ready:
            self.items.append(message)
            snaps = sum(1 for item in self.items if item[0] == "snap")
            while snaps > MAX_UNSENT:  # the GUI is far behind: keep the newest, never drop events
                for index, item in enumerate(self.items):
                    if item[0] == "snap":
                        del self.items[index]
                        break
                snaps -= 1
            self.ready.notify()

    def close(self) -> None:
        with self.ready:
            self.closed = True
            self.ready.notify()
        self.thread.join(2.0)

    def _pump(self) -> None:
        while True:
            with self.ready:
                while not self.items and not self.closed:
                    self.ready.wait()
                if not self.items and self.closed:
                    return
                message = self.items.popleft()
            try:
                self.conn.send(message)
            except (BrokenPipeError, EOFError, OSError):
                return


class Host:
    """The command loop of one host process: the worker's old thread loop, now in its own process."""

    def __init__(self, commands, outbox: _Outbox) -> None:
        self.commands = commands
        self.out = outbox
        self.seq = 0
        self.playing = False
        self.stopped = False
        self.rate_limit: float | None = None
        self.steps_per_s = 0.0
        self.gen = None
        self.engine = None
        self.gen_id = -1
        self.rate_window: collections.deque[tuple[float, int]] = collections.deque(maxlen=30)
        self.clock = time.perf_counter  # the pacing's only clock; tests put a fake one here

    # The loop -----------------------------------------------------------------------------------
    def serve(self) -> None:
        chunk = 1
        while not self.stopped:
            self._drain(block=not self.playing)
            if self.stopped or not self.playing or self.gen is None:
                continue
            if self.rate_limit:
                chunk = max(1, round(self.rate_limit * FRAME_S))
            started = self.clock()
            if not self._advance(chunk):
                continue
            elapsed = self.clock() - started
            self.rate_window.append((started + elapsed, chunk))
            self._update_rate()
            if self.rate_limit:
                self._drain(block=True, timeout=max(0.0, chunk / self.rate_limit - elapsed))
            else:
                # Size the next chunk so one send takes about a frame; grow gently, shrink fast.
                wanted = chunk * FRAME_S / max(elapsed, 1e-6)
                chunk = int(max(1, min(chunk * 2, wanted, 1_000_000)))

    def _update_rate(self) -> None:
        window = self.rate_window
        if len(window) >= 2:
            span = window[-1][0] - window[0][0]
            steps = sum(n for _, n in list(window)[1:])
            self.steps_per_s = steps / span if span > 0 else 0.0

    def _drain(self, block: bool, timeout: float | None = None) -> None:
        """Handle every waiting command (waiting for one first when ``block``)."""
        if not self.commands.poll(timeout if block else 0):
            return
        while True:
            try:
                command = self.commands.recv()
            except (EOFError, OSError):  # the GUI is gone: stop with it
                self.stopped = True
                return
            self.seq = command[1]
            self._handle(command)
            if self.stopped or not self.commands.poll(0):
                break
        self.out.put(("state", self.seq, self.playing))

    def _handle(self, command: tuple) -> None:
        kind = command[0]
        if kind == "load":
            self._load(*command[2:])
        elif kind == "play":
            self.playing = self.gen is not None
        elif kind == "pause":
            self.playing = False
        elif kind == "step":
            self.playing = False
            if self.gen is not None:
                self._advance(command[2])
        elif kind == "speed":
            self.rate_limit = command[2]
        elif kind == "call":
            self._call(command[2], command[3])
        elif kind == "stop":
            self.stopped = True

    # Runs ---------------------------------------------------------------------------------------
    def _load(self, spec, preset_json: str, gen_id: int) -> None:
        from playground.engine import build_engine, describe_device, run
        from playground.presets import preset_from_json

        self.playing = False
        self.gen = self.engine = None
        self.gen_id = gen_id
        self.steps_per_s = 0.0
        self.rate_window.clear()
        try:
            preset = preset_from_json(preset_json, spec)
            engine = build_engine(preset, gen_id, spec=spec)
            self._event("device", describe_device(engine.ctx.device))
            gen = run(engine)
            self._publish(next(gen))
            self.gen, self.engine = gen, engine
        except Exception as error:
            self._fail(error)

    def _advance(self, n: int) -> bool:
        try:
            snap = self.gen.send(n)
        except StopIteration:
            self.gen, self.playing = None, False
            self._event("finished", "the run is finished")
            return False
        except Exception as error:
            self._fail(error)
            return False
        why = snap.divergence()
        if why or snap.done:
            self.playing = False
        self._publish(snap)
        if why:
            self._event("diverged", why, snap.gen_id)
        elif snap.done:
            self._event("finished", f"finished at step {snap.step}", snap.gen_id)
        return True

    def _call(self, method: str, args: tuple) -> None:
        # The engine, not the generator: a finished run keeps its trained model, so a live setting
        # (a prompt, a query word) still reaches it after the last step.
        function = getattr(self.engine, method, None) if self.engine is not None else None
        if function is None:
            self._event("error", f"this panel's run cannot {method.replace('_', ' ')}")
            return
        try:
            function(*args)
            self._publish(self.engine.snapshot())
        except Exception as error:
            self._event("error", f"{method} failed: {error}", details=traceback.format_exc())
            return
        self._event("called", f"{method.replace('_', ' ')}: done")

    # Messages -----------------------------------------------------------------------------------
    def _publish(self, snap) -> None:
        self.out.put(("snap", self.seq, snap, self.playing, self.steps_per_s))

    def _event(self, kind: str, text: str, gen_id: int | None = None, details: str = "") -> None:
        self.out.put(("event", self.seq, HostEvent(kind, text, self.gen_id if gen_id is None else gen_id, details)))

    def _fail(self, error: Exception) -> None:
        from playground.engine import EngineError

        self.gen, self.engine, self.playing = None, None, False
        text = str(error) if isinstance(error, EngineError) else f"{type(error).__name__}: {error}"
        self._event("error", text, details=traceback.format_exc())


def serve(commands, results, threads: int = 1) -> None:
    """The host process's entry point: warm up, say ready, then obey commands until "stop"."""
    outbox = _Outbox(results)
    try:
        # Forked from the warmed forkserver this takes milliseconds; it still sets this host's
        # thread count, and warms torch where the forkserver's preload failed. Spawned, it is
        # where torch is imported (~1-2 s, off the GUI thread).
        warm_up_torch(threads)
    except Exception as error:  # torch missing or broken: say so, keep the window alive
        outbox.put(("event", 0, HostEvent("error", f"torch could not start: {error}", details=traceback.format_exc())))
    # Python's GC stalled training by 130-250 ms; freezing the warm heap keeps pauses short.
    gc.collect()
    gc.freeze()
    outbox.put(("ready",))
    try:
        Host(commands, outbox).serve()
    finally:
        outbox.close()
