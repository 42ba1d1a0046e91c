"""The worker protocol: a run is a generator of Snapshots.

Every domain supplies an ``Engine`` subclass (in ``playground/<domain>/engine.py``) with three
methods: ``advance(n)`` does n steps, ``snapshot()`` copies what the plots need into a Snapshot,
``result()`` returns the final numbers for ``result.json``. ``run(engine)`` turns it into the
generator that the worker, the CLI and the tests all drive in the same way:

    gen = run(engine)
    snap = next(gen)          # the state before any step
    snap = gen.send(25)       # do 25 steps, then one snapshot

Because the caller says how many steps to do between snapshots, a GPU syncs only at snapshot
time, and the app and the CLI compute the same numbers whatever the chunking (engines make
``advance(a); advance(b)`` equal ``advance(a + b)``).
"""

from __future__ import annotations

import dataclasses

from dataclasses import dataclass
from typing import Any, Generator

from playground.snapshot import Snapshot


class EngineError(Exception):
    """A problem a person caused (a formula that is not math, say): shown as a message."""


@dataclass(frozen=True)
class RunContext:
    """What every engine gets besides its config."""

    seed: int = 0
    device: str = "cpu"  # a resolved torch device string: "cpu", "cuda:0", "mps"
    gen_id: int = 0


def upload(tensor, device: str):
    """``tensor`` (on the CPU) copied to ``device`` without making the host wait for the GPU.

    A copy from ordinary memory to a GPU blocks until the GPU has done everything queued before it,
    so a batch made on the CPU each step would sync every step; a copy from pinned memory is queued
    like a kernel. torch's pinned allocator keeps the buffer alive until the copy has run.
    """
    if not str(device).startswith("cuda"):
        return tensor.to(device)
    return tensor.pin_memory().to(device, non_blocking=True)


def resolve_device(requested: str = "auto") -> str:
    """Map "auto" to cuda, then mps, then cpu; check that an explicit device exists."""
    import torch

    if requested == "auto":
        if torch.cuda.is_available():
            return "cuda:0"
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if requested.startswith("cuda"):
        if not torch.cuda.is_available():
            raise EngineError(f"device {requested!r} was asked for, but torch sees no CUDA GPU")
        return requested if ":" in requested else "cuda:0"
    if requested == "mps":
        if not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
            raise EngineError("device 'mps' was asked for, but torch sees no Apple GPU")
    return requested


def describe_device(device: str) -> str:
    """A label for the status bar, e.g. ``cuda:0 NVIDIA H100``."""
    if device.startswith("cuda"):
        import torch

        index = int(device.split(":")[1]) if ":" in device else 0
        return f"{device} {torch.cuda.get_device_name(index)}"
    return device


class Engine:
    """Base of every domain engine. Subclasses set ``self.step`` as they advance."""

    # True for an engine that computes on the CPU whatever device was asked for (its ``ctx.device``
    # is "cpu"): reading values back inside ``advance`` then waits for no GPU.
    runs_on_cpu_only = False
    # The kind of Snapshot this engine yields: a SnapshotType declared in its package's
    # snapshots.py (an engine whose kind depends on its config makes this a property).
    snapshot_kind = ""

    def __init__(self, config: Any, ctx: RunContext) -> None:
        if self.runs_on_cpu_only and ctx.device != "cpu":  # it says where it computes: the device line, the GPU checks
            ctx = dataclasses.replace(ctx, device="cpu")
        self.config = config
        self.ctx = ctx
        self.step = 0

    # The three methods a domain writes -------------------------------------------------
    def advance(self, n: int) -> None:
        raise NotImplementedError

    def snapshot(self) -> Snapshot:
        raise NotImplementedError

    def result(self) -> dict[str, Any]:
        """Final numbers for result.json (JSON-able). Defaults to the last snapshot's."""
        snap = self.snapshot()
        return {"step": snap.step, "metrics": dict(snap.metrics), "tables": dict(snap.tables)}

    # Optional ---------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """True when the run has nothing more to do."""
        return False

    def natural_length(self) -> int | None:
        """The most steps this run can take before ``finished`` (it may end sooner: a solver that
        converges, a task that is solved), or None when it runs until someone stops it.

        ``playground run`` without ``--steps`` runs a preset with a natural length to its end.
        """
        return None

    def make_snapshot(self, **fields: Any) -> Snapshot:
        """A Snapshot stamped with this run's gen_id, step and snapshot kind."""
        fields.setdefault("kind", self.snapshot_kind)
        return Snapshot(gen_id=self.ctx.gen_id, step=self.step, done=self.finished, **fields)


def run(engine: Engine) -> Generator[Snapshot, int | None, None]:
    """Drive an engine: yield the initial snapshot, then one per ``send(n)`` of n steps."""
    n = yield engine.snapshot()
    while not engine.finished:
        engine.advance(max(1, int(n or 1)))
        n = yield engine.snapshot()


def build_engine(preset: Any, gen_id: int = 0, spec: Any = None) -> Engine:
    """The one way a preset becomes a running engine, for the worker, the CLI and the tests alike.

    ``spec`` is the panel's registry entry when the caller already has it (the engine host does).
    Seeds torch's global generator too, so engines that draw from it (nn.Module init) are
    reproducible; engines should still prefer their own generators seeded from ``ctx.seed``.
    A numpy-only engine (its mode's ``uses_torch`` is False, playground/modes.py) never imports torch,
    which costs ~2 s, and runs on the CPU whatever device the preset names.
    """
    import random

    import numpy as np

    from playground import registry

    spec = spec if spec is not None else registry.panel(preset.panel)
    np.random.seed(preset.seed % 2**32)
    random.seed(preset.seed)
    if spec.uses_torch(preset.config):
        import torch

        device = resolve_device(preset.device)
        torch.manual_seed(preset.seed)
    else:
        device = "cpu"
    ctx = RunContext(seed=preset.seed, device=device, gen_id=gen_id)
    return spec.make_engine(preset.config, ctx)
