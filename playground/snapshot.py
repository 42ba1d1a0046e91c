"""A frozen picture of a run at one step: what the worker hands to the GUI and the CLI.

Only numpy copies travel in a snapshot. Signal payloads across threads are not copied, so a live
tensor here would be read by the GUI while the worker mutates it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import numpy as np


def _frozen_array(value: Any) -> np.ndarray:
    array = np.array(value, copy=True)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Snapshot:
    """One step of one run.

    gen_id   which run produced it: the worker drops snapshots of an older run.
    step     steps done so far (0 before the first step).
    metrics  named scalars for curves, metrics.csv and the status bar.
    arrays   named numpy arrays for the plots (made read-only copies here).
    tables   small JSON-able results (value functions, arm estimates, per-optimizer rows).
    diverged a message when the run hit NaN/inf; the worker pauses on it.
    done     the run has nothing more to do (a finished episode budget, say).
    kind     which declared SnapshotType it is ("conv.train", "mdp.gridworld", ...; see
             playground/snapshot_types.py): the panel picks its drawing by it. "" for none.
    """

    gen_id: int
    step: int
    metrics: Mapping[str, float] = field(default_factory=dict)
    arrays: Mapping[str, np.ndarray] = field(default_factory=dict)
    tables: Mapping[str, Any] = field(default_factory=dict)
    diverged: str | None = None
    done: bool = False
    kind: str = ""

    def __post_init__(self) -> None:
        metrics = {str(k): float(v) for k, v in self.metrics.items()}
        arrays = {str(k): _frozen_array(v) for k, v in self.arrays.items()}
        object.__setattr__(self, "metrics", MappingProxyType(metrics))
        object.__setattr__(self, "arrays", MappingProxyType(arrays))
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))

    def __reduce__(self):
        # The engine host sends snapshots over a pipe; MappingProxyType itself does not pickle.
        return (_rebuild, (self.gen_id, self.step, dict(self.metrics), dict(self.arrays), dict(self.tables),
                           self.diverged, self.done, self.kind))

    def non_finite_metric(self) -> str | None:
        """The name of the first metric that is NaN or inf, if any."""
        for name, value in self.metrics.items():
            if not math.isfinite(value):
                return name
        return None

    def divergence(self) -> str | None:
        """Why this snapshot counts as diverged, or None."""
        if self.diverged:
            return self.diverged
        bad = self.non_finite_metric()
        if bad is not None:
            return f"diverged at step {self.step}: {bad} = {self.metrics[bad]}"
        return None


def _rebuild(gen_id, step, metrics, arrays, tables, diverged, done, kind="") -> Snapshot:
    """Unpickle without a second copy: the arrays are fresh from the pipe and nobody else holds them."""
    snap = object.__new__(Snapshot)
    for array in arrays.values():
        array.setflags(write=False)
    for name, value in (("gen_id", gen_id), ("step", step), ("metrics", MappingProxyType(metrics)),
                        ("arrays", MappingProxyType(arrays)), ("tables", MappingProxyType(tables)),
                        ("diverged", diverged), ("done", done), ("kind", kind)):
        object.__setattr__(snap, name, value)
    return snap
