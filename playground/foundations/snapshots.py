"""What each foundations mode's snapshot holds (see playground/snapshot_types.py). One block per mode."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind  # noqa: F401 - used by the blocks below

F, INT, BOOL = "f", "iu", "b"

# --- perceptron kinds ------------------------------------------------------------

# --- end perceptron kinds --------------------------------------------------------

# --- regression kinds ------------------------------------------------------------

# --- end regression kinds --------------------------------------------------------

# --- backprop kinds ------------------------------------------------------------
BACKPROP = SnapshotType(
    "foundations.backprop",
    arrays={"node_xy": Arr(F, "n", 2), "node_phase": Arr(INT, "n"), "node_done": Arr(BOOL, "n"),
            "edges": Arr(INT, "e", 2), "value?": Arr(F, None, None), "local?": Arr(F, None, None)},
    metrics=("ops_done", "ops_total", "loss?", "autograd_max_diff?"),
    tables={"network": str, "activation": str, "derivative": str, "node_labels": list, "current": int,
            "name?": str, "phase?": str, "scalar?": str, "matrix?": str, "local_name?": str, "check?": dict},
    doc="The computation graph (one node per op, done or not), the current op's formula (scalar and matrix form) "
        "and value, its local gradient, and at the end the largest difference from torch autograd per parameter.")

# --- end backprop kinds --------------------------------------------------------

# --- gradient_check kinds ------------------------------------------------------------
GRADIENT_CHECK = SnapshotType(
    "foundations.gradient_check",
    arrays={"analytic": Arr(F, "p"), "numeric": Arr(F, "p"), "rel_error": Arr(F, "p"), "affected": Arr(BOOL, "p"),
            "param_tensor": Arr(INT, "p"), "h_grid": Arr(F, "k"), "err64": Arr(F, "k"), "err32": Arr(F, "k")},
    metrics=("checked", "params", "flagged", "h", "h_opt64", "h_opt32", "swept", "max_rel_error?", "best_h64?",
             "best_h32?"),
    tables={"bug": str, "tensor_names": list, "verdict": str},
    doc="Per parameter: analytic and central-difference gradients and their relative error (NaN until checked); "
        "the sweep of the error over h in float64 and float32 (NaN until swept).")

# --- end gradient_check kinds --------------------------------------------------------

# --- information kinds ------------------------------------------------------------

# --- end information kinds --------------------------------------------------------

# --- activations kinds ------------------------------------------------------------

# --- end activations kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # perceptron kinds

    # regression kinds

    # backprop kinds
    BACKPROP,

    # gradient_check kinds
    GRADIENT_CHECK,

    # information kinds

    # activations kinds

)
