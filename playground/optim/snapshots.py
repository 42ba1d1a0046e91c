"""What an optimizer race's snapshot holds: racers x steps (see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F = "f"

OPTIMIZER = SnapshotType(
    "optimizer",
    arrays={"steps": Arr(F, "s"), "path": Arr(F, "r", "s", 2), "loss_curve": Arr(F, "r", "s"),
            "grad_norm": Arr(F, "r", "s"), "height": Arr(F, "r", "s"),
            **{name: Arr(F, "r", "s", 2) for name in ("grad", "update", "first", "second", "step_size")},
            "surface": Arr(F, None, None), "grid_x": Arr(F, None), "grid_y": Arr(F, None), "minima": Arr(F, None, 2),
            "saddles": Arr(F, None, 2), "start": Arr(F, 2)},
    metrics=("{racer}/loss", "{racer}/grad_norm"),
    tables={"optimizers": list, "surface": dict},
    doc="Every racer's path and curves on the loss surface (height map on a grid).")

SNAPSHOT_TYPES = by_kind(OPTIMIZER)
