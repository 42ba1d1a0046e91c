"""What each foundations mode's snapshot holds (see playground/snapshot_types.py). One block per mode."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind  # noqa: F401 - used by the blocks below

F, INT, BOOL = "f", "iu", "b"

# --- perceptron kinds ------------------------------------------------------------

# --- end perceptron kinds --------------------------------------------------------

# --- regression kinds ------------------------------------------------------------

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

    # regression kinds

    # backprop kinds

    # gradient_check kinds

    # information kinds

    # activations kinds

)
