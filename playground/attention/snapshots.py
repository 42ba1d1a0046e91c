"""What each attention mode's snapshot holds (see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F, INT, BOOL = "f", "iu", "b"

KERNEL_REGRESSION = SnapshotType(
    "attention.kernel_regression",
    arrays={"nw_x_train": Arr(F, "n"), "nw_y_train": Arr(F, "n"), "nw_x_query": Arr(F, "q"),
            "nw_truth": Arr(F, "q"), "nw_prediction": Arr(F, "q"), "nw_weights": Arr(F, "q", "n"),
            "hist_step": Arr(F, "h"), "hist_loss": Arr(F, "h"), "hist_width": Arr(F, "h")},
    metrics=("loo_loss", "test_mse", "weight_entropy", "width"),
    tables={"function": str, "learned": bool},
    doc="Nadaraya-Watson pooling: the fit, the weight matrix (query x train) and the history of the width.")

SCORING = SnapshotType(
    "attention.scoring",
    arrays={**{f"{p}_{s}": Arr(F, "q", "k") for p in ("w", "s") for s in ("scaled", "unscaled", "additive")},
            "pooled_scaled": Arr(F, "q", None), "sweep_d": Arr(F, "d"),
            **{f"sweep_{what}_{s}": Arr(F, "d") for what in ("var", "entropy", "grad")
               for s in ("scaled", "unscaled")}},
    metrics=("entropy_scaled", "entropy_unscaled", "grad_scaled", "grad_unscaled", "masked_weight", "max_entropy",
             "samples", "score_var_scaled", "score_var_unscaled"),
    tables={"valid_len": int, "dim": int},
    doc="Scores and weights (query x key) three ways, and the sweep over the dimension d.")

_TRAINING = {"hist_step": Arr(F, "h"), "hist_loss": Arr(F, "h"), "hist_acc": Arr(F, "h"), "hist_seq_acc": Arr(F, "h"),
             "attn_maps": Arr(F, "b", None, None, "L", "L"), "attn_mosaic": Arr(F, "b", "L", None),
             "example_input": Arr(INT, "b", "L"), "example_target": Arr(INT, "b", "L"),
             "example_prediction": Arr(INT, "b", "L"),
             # a twin model (the same task with positions toggled) when the config asks for one
             "hist_twin_loss?": Arr(F, "h"), "hist_twin_acc?": Arr(F, "h"), "hist_twin_seq_acc?": Arr(F, "h"),
             "twin_attn_maps?": Arr(F, "b", None, None, "L", "L"), "twin_attn_mosaic?": Arr(F, "b", "L", None),
             "twin_prediction?": Arr(INT, "b", "L")}
_TRAINING_METRICS = ("loss", "params", "sequence_acc", "token_acc", "twin_loss?", "twin_sequence_acc?",
                     "twin_token_acc?")
_TRAINING_TABLES = {"task": str, "positional": str, "twin": str}

TRANSFORMER = SnapshotType(
    "attention.transformer", arrays=_TRAINING, metrics=_TRAINING_METRICS, tables=_TRAINING_TABLES,
    doc="A small transformer on a sequence task: curves, attention maps (example x layer x head x L x L).")

POSITIONAL = SnapshotType(
    "attention.positional",
    arrays={**_TRAINING, "pe_sin": Arr(F, "P", "D"), "pe_sin_dot": Arr(F, "P", "P"), "pe_learned": Arr(F, "L", "D"),
            "pe_learned_cos": Arr(F, "L", "L"), "pe_fixed_cos": Arr(F, "L", "L")},
    metrics=(*_TRAINING_METRICS, "rotation_error", "learned_vs_sin_cos_gap"),
    tables=_TRAINING_TABLES,
    doc="The transformer's snapshot plus the sinusoidal and the learned position encodings.")

DECODING = SnapshotType(
    "attention.decoding",
    arrays={f"{s}_{what}": spec for s in ("beam", "greedy") for what, spec in
            (("xy", Arr(F, f"{s}_nodes", 2)), ("parent", Arr(INT, f"{s}_nodes")), ("logp", Arr(F, f"{s}_nodes")),
             ("kept", Arr(BOOL, f"{s}_nodes")), ("finished", Arr(BOOL, f"{s}_nodes")))},
    metrics=("beam_logp", "beam_p", "beam_score", "greedy_logp", "greedy_p", "greedy_score", "expanded", "time_step"),
    tables={"beam": dict, "greedy": dict, "width": int, "beam_labels": list, "greedy_labels": list, "tokens": list},
    doc="The beam and greedy search trees, one node per row.")

SNAPSHOT_TYPES = by_kind(KERNEL_REGRESSION, SCORING, TRANSFORMER, POSITIONAL, DECODING)
