"""What each language mode's snapshot holds (see playground/snapshot_types.py). One block per mode."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind  # noqa: F401 - used by the blocks below

F, INT, BOOL = "f", "iu", "b"

# --- char_lm kinds ------------------------------------------------------------
CHAR_LM = SnapshotType(
    "language.char_lm",
    arrays={"hist_step": Arr(F, "s"), "hist_train_ppl": Arr(F, "s"), "hist_grad_norm": Arr(F, "s"),
            "eval_step": Arr(F, "e"), "eval_ppl": Arr(F, "e"),
            "top_probs": Arr(F, "g", "k"), "sample_hidden": Arr(F, "c", "u")},
    metrics=("train_ppl", "held_out_ppl", "unigram_ppl", "bigram_ppl", "grad_norm", "clip_theta", "vocab_size",
             "params", "epochs"),
    tables={"sample": str, "prompt_used": str, "unknown": str, "message": str, "corpus": str, "top_chars": list,
            "hidden_chars": str, "cell": str, "sampling": str},
    doc="A character RNN/GRU/LSTM language model: perplexity curves against the n-gram baselines, the gradient "
        "norm before clipping, a sample from the prompt with its first steps' top-k next characters and the "
        "top layer's hidden state over the sample's characters.")

# --- end char_lm kinds --------------------------------------------------------

# --- embeddings kinds ------------------------------------------------------------

# --- end embeddings kinds --------------------------------------------------------

# --- seq2seq kinds ------------------------------------------------------------

# --- end seq2seq kinds --------------------------------------------------------

# --- bidirectional kinds ------------------------------------------------------------

# --- end bidirectional kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # char_lm kinds
    CHAR_LM,

    # embeddings kinds

    # seq2seq kinds

    # bidirectional kinds

)
