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

# --- end bidirectional kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # char_lm kinds

    # embeddings kinds

    # seq2seq kinds

    # bidirectional kinds

)
