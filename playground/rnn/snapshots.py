"""What an RNN snapshot holds; ``{model}`` is each trained net's name (see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F, INT = "f", "iu"

RNN = SnapshotType(
    "rnn",
    arrays={"t": Arr(INT, "T"), "heat_iter": Arr(INT, "r"), "hist_step": Arr(INT, "s"),
            "heat_h/{model}": Arr(F, "r", "T"), "heat_x/{model}": Arr(F, "r", "T"), "profile/{model}": Arr(F, "T"),
            "theory/{model}": Arr(F, "T"), "eig/{model}": Arr(F, None, 2), "units/{model}": Arr(F, None, "T"),
            "hist_loss/{model}": Arr(F, "s"), "hist_acc/{model}": Arr(F, "s"), "hist_grad/{model}": Arr(F, "s")},
    metrics=tuple(f"{m}_{{model}}" for m in ("loss", "accuracy", "grad_norm", "clip_events", "spectral_radius",
                                             "step_factor", "measured_factor", "log10_grad_h1", "log10_grad_hT")),
    tables={"models": list, "labels": dict, "cells": dict, "task": str, "baseline_loss": float, "baseline_label": str,
            "levels_h": list, "levels_x": list, "theory_labels": dict, "gate_labels": dict, "heatmap_rows": int},
    doc="Each net's gradient heatmaps over time steps and iterations, gradient profile against theory, curves.")

SNAPSHOT_TYPES = by_kind(RNN)
