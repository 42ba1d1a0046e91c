"""What each convolution mode's snapshot holds (see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F, INT = "f", "iu"

ARITHMETIC = SnapshotType(
    "conv.arithmetic",
    arrays={"in_grid": Arr(F, "h", "w"), "in_shade": Arr(F, "h", "w"), "in_taps": Arr(F, None, 2),
            "kernel": Arr(F, "kh", "kw"), "products": Arr(F, "kh", "kw"), "out_grid": Arr(F, "oh", "ow"),
            "out_shade": Arr(F, "oh", "ow"), "out_taps": Arr(F, None, 2)},
    metrics=("cell", "cell_sum", "cells", "matches_torch", "max_error_vs_torch", "out_size", "torch_out_h",
             "torch_out_w"),
    tables={"formula": str, "cell": str, "torch": str, "transposed": bool, "padding": int},
    doc="One kernel position: the (padded) input, the kernel, its products and the output so far.")

KERNELS = SnapshotType(
    "conv.kernels",
    arrays={"image": Arr(F, "h", "w"), "kernel": Arr(F, None, None), "feature": Arr(F, "fh", "fw"),
            "pooled": Arr(F, "ph", "pw"), "pooled_ref": Arr(F, "ph", "pw"), "pooled_changed": Arr(F, "ph", "pw")},
    metrics=("feature_cells_changed", "feature_change", "feature_max", "feature_min", "pooled_cells_changed",
             "pooled_change", "shift"),
    tables={"kernel_shape": str, "image_shape": str, "label": (str, int, type(None)), "pool": str},
    doc="A shifted image, its feature map and its pooled map beside the unshifted reference.")

BACKPROP = SnapshotType(
    "conv.backprop",
    arrays={"x": Arr(F, "h", "w"), "w": Arr(F, "kh", "kw"), "w_true": Arr(F, "kh", "kw"), "y": Arr(F, "oh", "ow"),
            "target": Arr(F, "oh", "ow"), "grad_y": Arr(F, "oh", "ow"), "grad_w": Arr(F, "kh", "kw"),
            "grad_x": Arr(F, "h", "w"), "touched": Arr(F, "h", "w"), "touched_cells": Arr(F, None, 2),
            "cell_mark": Arr(F, None, 2), "dy_dw": Arr(F, "kh", "kw"), "dy_dx": Arr(F, "h", "w"),
            "loss_steps": Arr(F, "s"), "loss_values": Arr(F, "s")},
    metrics=("grad_w_vs_autograd", "grad_x_vs_autograd", "kernel_error", "loss", "y_cell"),
    tables={"cell": list, "kernel_shape": list},
    doc="Gradients through one convolution, by hand beside autograd, and the kernel being learned.")

TRAIN = SnapshotType(
    "conv.train",
    arrays={"hist_step": Arr(F, "s"), "hist_loss": Arr(F, "s"), "hist_train_acc": Arr(F, "s"),
            "hist_test_acc": Arr(F, "s"), "hist_twin_loss": Arr(F, "s"), "hist_twin_acc": Arr(F, "s"),
            "confusion": Arr(INT, "c", "c"), "filters": Arr(F, None, None), "filters_raw": Arr(F, None, None, None),
            "digits": Arr(F, "g", "dh", "dw"), "probs": Arr(F, "g", "c"), "rf_grad": Arr(F, "g", "dh", "dw"),
            "rf_box": Arr(F, 4), "rf_box_full": Arr(F, 4), "fmap_conv1": Arr(F, None, None, None),
            "fmap_pool1": Arr(F, None, None, None), "fmap_conv2": Arr(F, None, None, None),
            "fmap_pool2": Arr(F, None, None, None)},
    metrics=("epoch", "params", "test_acc", "train_acc", "train_loss", "twin_params?", "twin_test_acc?",
             "twin_train_loss?"),
    tables={"twin": str, "labels": list, "gallery_index": list, "unit": dict, "shapes": dict, "params": int,
            "twin_params": int},
    doc="A CNN (and maybe a twin) learning digits: curves, confusion, filters, feature maps, a receptive field.")

SNAPSHOT_TYPES = by_kind(ARITHMETIC, KERNELS, BACKPROP, TRAIN)
