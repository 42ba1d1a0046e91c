"""What each language mode's snapshot holds (see playground/snapshot_types.py). One block per mode."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind  # noqa: F401 - used by the blocks below

F, INT, BOOL = "f", "iu", "b"

# --- char_lm kinds ------------------------------------------------------------

# --- end char_lm kinds --------------------------------------------------------

# --- embeddings kinds ------------------------------------------------------------

# --- end embeddings kinds --------------------------------------------------------

# --- seq2seq kinds ------------------------------------------------------------

# --- end seq2seq kinds --------------------------------------------------------

# --- bidirectional kinds ------------------------------------------------------------
BIDIRECTIONAL = SnapshotType(
    "language.bidirectional",
    arrays={"t": Arr(INT, "T"), "ceiling_t": Arr(F, "T"), "hist_step": Arr(INT, "e"),
            "example_tokens": Arr(INT, "T"), "example_tags": Arr(INT, "T"),
            "hidden_f": Arr(F, "T", "H"), "hidden_b": Arr(F, "T", "H"),
            "grad/forward": Arr(F, "T"), "grad/bidir_f": Arr(F, "T"), "grad/bidir_b": Arr(F, "T"),
            **{f"{what}/{model}": Arr(kind, dim) for model in ("forward", "bidir")
               for what, kind, dim in (("pos_acc", F, "T"), ("prediction", INT, "T"), ("hist_acc", F, "e"),
                                       ("hist_loss", F, "e"))}},
    metrics=("causal_ceiling", "eval_step", *(f"{what}_{model}" for model in ("forward", "bidir")
                                              for what in ("test_acc", "test_loss", "train_loss", "train_acc"))),
    tables={"task": str, "task_label": str, "labels": dict, "tag_names": list, "token_names": list},
    doc="A forward-only and a bidirectional tagger on the same batches: held-out accuracy (history and per "
        "position) against the causal ceiling, one example's forward and backward hidden states, ||dL/dH_t||.")

# --- end bidirectional kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # char_lm kinds

    # embeddings kinds

    # seq2seq kinds

    # bidirectional kinds
    BIDIRECTIONAL,

)
