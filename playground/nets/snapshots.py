"""What a network snapshot holds, on 2-D points or on digits; ``{i}`` numbers the layers
(see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F, INT = "f", "iu"

_COMMON = {"grad_mean_abs": Arr(F, "L"), "grad_norms": Arr(F, "L"), "grad_hist": Arr(F, "L", None),
           "act_hist": Arr(F, None, None), "act_edges": Arr(F, None), "grad_edges": Arr(F, None),
           **{f"hist_{n}": Arr(F, "e") for n in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")},
           "hist_grad": Arr(F, "e", "L"), "widths": Arr(INT, None), "weights_{i}": Arr(F, None, None)}
_METRICS = ("dead_relu", "epoch", "grad_ratio", "test_acc", "test_loss", "train_acc", "train_loss")
_TABLES = {"features": list, "classify": bool, "dataset": str}

POINTS = SnapshotType(
    "network.points",
    arrays={**_COMMON, "boundary": Arr(F, "g", "g"), "maps_{i}": Arr(F, None, "g", "g"),
            "train_x": Arr(F, "n", None), "train_y": Arr(F, "n"), "test_x": Arr(F, "m", None), "test_y": Arr(F, "m")},
    metrics=_METRICS, tables=_TABLES,
    doc="An MLP on 2-D data: weights, each unit's map over the plane, the decision boundary, gradient health.")

DIGITS = SnapshotType(
    "network.digits",
    arrays={**_COMMON, "confusion": Arr(F, "c", "c"), "digit_images": Arr(F, "d", None, None),
            "digit_pred": Arr(INT, "d"), "digit_true": Arr(INT, "d")},
    metrics=_METRICS, tables=_TABLES,
    doc="An MLP on digits: weights, the confusion matrix, test digits with their predictions, gradient health.")

SNAPSHOT_TYPES = by_kind(POINTS, DIGITS)
