"""What each foundations mode's snapshot holds (see playground/snapshot_types.py). One block per mode."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind  # noqa: F401 - used by the blocks below

F, INT, BOOL = "f", "iu", "b"

# --- perceptron kinds ------------------------------------------------------------
PERCEPTRON = SnapshotType(
    "foundations.perceptron",
    arrays={"points_xy": Arr(F, "n", 2), "labels": Arr(INT, "n"), "w": Arr(F, 3), "line": Arr(F, 2, 2),
            "previous_line": Arr(F, 2, 2), "side": Arr(F, "g", "g"), "hist_epoch": Arr(F, "e"),
            "hist_mistakes": Arr(F, "e")},
    metrics=("updates", "epoch", "mistakes_this_epoch", "radius", "gamma?", "novikoff_bound?", "separator_margin?"),
    tables={"status": str, "last_update": dict, "next_point": int, "separable": bool, "plane": float, "eta": float,
            "max_epochs": int},
    doc="The perceptron: the points, w = (w1, w2, b), its line and the one before the latest update, the "
        "half-planes, mistakes per epoch; the Novikoff bound when the points are separable.")

# --- end perceptron kinds --------------------------------------------------------

# --- regression kinds ------------------------------------------------------------
REGRESSION_LINEAR = SnapshotType(
    "foundations.regression.linear",
    arrays={"data_x": Arr(F, "n"), "data_y": Arr(F, "n"), "bowl": Arr(F, "g", "g"), "bowl_extent": Arr(F, 4),
            "contour_levels": Arr(F, None),
            "closed_form": Arr(F, 2), "path_sgd": Arr(F, "s", 2), "path_minibatch": Arr(F, "s", 2),
            "hist_step": Arr(F, "s"), "hist_loss_sgd": Arr(F, "s"), "hist_loss_minibatch": Arr(F, "s")},
    metrics=("closed_w", "closed_b", "closed_loss", "sgd_w", "sgd_b", "sgd_loss", "minibatch_w", "minibatch_b",
             "minibatch_loss"),
    tables={"batch_size": int},
    doc="Linear regression: the data, the loss bowl log10 L (rows b, columns w) and its contour levels, the normal equations' minimum and the SGD "
        "and minibatch SGD paths (one point per update, the start included).")
REGRESSION_CLASSIFY = SnapshotType(
    "foundations.regression.classify",
    arrays={"points_xy": Arr(F, "n", 2), "labels": Arr(INT, "n"), "region_class": Arr(INT, "g", "g"),
            "region_confidence": Arr(F, "g", "g"), "region_extent": Arr(F, 4), "hist_step": Arr(F, "s"),
            "hist_loss": Arr(F, "s"), "grad_hand": Arr(F, 3, None), "grad_autograd": Arr(F, 3, None)},
    metrics=("loss", "accuracy", "grad_max_diff", "grad_norm"),
    tables={"task": str, "classes": int},
    doc="Logistic or softmax regression: the points, the decision regions (class and its probability per cell; rows x2, columns x1), "
        "the loss curve, and the notes' gradient X^T (p - Y) / n beside torch autograd's (3 x classes).")

# --- end regression kinds --------------------------------------------------------

# --- backprop kinds ------------------------------------------------------------

# --- end backprop kinds --------------------------------------------------------

# --- gradient_check kinds ------------------------------------------------------------

# --- end gradient_check kinds --------------------------------------------------------

# --- information kinds ------------------------------------------------------------

# --- end information kinds --------------------------------------------------------

# --- activations kinds ------------------------------------------------------------

# --- end activations kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # perceptron kinds
    PERCEPTRON,

    # regression kinds
    REGRESSION_LINEAR, REGRESSION_CLASSIFY,

    # backprop kinds

    # gradient_check kinds

    # information kinds

    # activations kinds

)
