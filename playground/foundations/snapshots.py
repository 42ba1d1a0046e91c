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
INFORMATION = SnapshotType(
    "foundations.information",
    arrays={"p": Arr(F, "k"), "q": Arr(F, "k"), "cdf_p": Arr(F, "k"), "cdf_q": Arr(F, "k"), "measures": Arr(F, 8),
            "joint": Arr(F, "x", "y"), "p_x": Arr(F, "x"), "p_y": Arr(F, "y"), "pmi": Arr(F, "x", "y")},
    # cross-entropy and the KLs are absent when infinite (q = 0 where p > 0): tables "infinite" names them
    metrics=("entropy_p", "entropy_q", "cross_entropy?", "kl_pq?", "kl_qp?", "js", "tv", "emd",
             "h_x", "h_y", "h_xy", "h_x_given_y", "h_y_given_x", "mutual_information"),
    tables={"units": str, "measure_names": list, "infinite": list, "values": dict})

# --- end information kinds --------------------------------------------------------

# --- activations kinds ------------------------------------------------------------
ACTIVATIONS = SnapshotType(
    "foundations.activations",
    arrays={"curve_x": Arr(F, "c"), "curve_f": Arr(F, "c"), "curve_df": Arr(F, "c"),
            "bn_step": Arr(F, "s"), "bn_true_mean": Arr(F, "s"), "bn_batch_mean": Arr(F, "s"),
            "bn_moving_mean": Arr(F, "s"), "bn_moving_var": Arr(F, "s"),
            "bn_x": Arr(F, "e"), "bn_batch_out": Arr(F, "e"), "bn_moving_out": Arr(F, "e"),
            "raw_grid": Arr(F, "g", "g"), "raw_box": Arr(F, 4), "raw_path": Arr(F, "t", 2), "raw_optimum": Arr(F, 2),
            "scaled_grid": Arr(F, "g", "g"), "scaled_box": Arr(F, 4), "scaled_path": Arr(F, "t", 2),
            "scaled_optimum": Arr(F, 2), "raw_gap_history": Arr(F, "t"), "scaled_gap_history": Arr(F, "t")},
    metrics=("raw_condition", "scaled_condition", "raw_loss_gap", "scaled_loss_gap", "bn_moving_mean",
             "bn_moving_var", "bn_true_mean", "integer_loss", "one_hot_loss", "integer_condition",
             "one_hot_condition"),
    tables={"function": str, "scaling": str, "batch_of_one": bool})

# --- end activations kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # perceptron kinds
    PERCEPTRON,

    # regression kinds
    REGRESSION_LINEAR, REGRESSION_CLASSIFY,

    # backprop kinds
    BACKPROP,

    # gradient_check kinds
    GRADIENT_CHECK,

    # information kinds
    INFORMATION,

    # activations kinds
    ACTIVATIONS,

)
