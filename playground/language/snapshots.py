"""What each language mode's snapshot holds (see playground/snapshot_types.py). One block per mode."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind  # noqa: F401 - used by the blocks below

F, INT, BOOL = "f", "iu", "b"

# --- char_lm kinds ------------------------------------------------------------

# --- end char_lm kinds --------------------------------------------------------

# --- embeddings kinds ------------------------------------------------------------
EMBEDDINGS = SnapshotType(
    "language.embeddings",
    arrays={"hist_step": Arr(F, "s"), "hist_loss": Arr(F, "s"), "hist_top1": Arr(F, "s"), "hist_top5": Arr(F, "s"),
            "projection": Arr(F, "p", 2)},
    metrics=("loss", "analogy_top1", "analogy_top5", "vocab_size", "madds_per_pair", "madds_negative_sampling",
             "madds_full_softmax", "expected_rank?", "expected_cosine?"),
    tables={"projected_words": list, "query_word": str, "neighbours": list, "query_message": str,
            "analogy": str, "analogy_words": list, "expected": str, "answers": list, "analogy_message": str,
            "architecture": str, "objective": str},
    doc="word2vec (skip-gram or CBOW, negative sampling or full softmax): the loss and analogy-test curves, a PCA "
        "of the most frequent words, the typed word's nearest neighbours and the typed analogy's answers.")

# --- end embeddings kinds --------------------------------------------------------

# --- seq2seq kinds ------------------------------------------------------------

# --- end seq2seq kinds --------------------------------------------------------

# --- bidirectional kinds ------------------------------------------------------------

# --- end bidirectional kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # char_lm kinds

    # embeddings kinds
    EMBEDDINGS,

    # seq2seq kinds

    # bidirectional kinds

)
