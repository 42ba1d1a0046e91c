"""Curve points that stay on the device until someone looks at them (at snapshot time).

On a GPU every ``float(tensor)`` inside a training step makes Python wait for the device to finish
its queue. An engine that appends its curve points here as tensors lets the device run ahead; the
numbers cross to the host when a snapshot reads the history, and land in an ordinary host ring.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable


def _to_host(value: Any) -> Any:
    """A tensor as a numpy copy (a 0-d array for a scalar); anything else as it is."""
    if hasattr(value, "detach"):
        return value.detach().cpu().numpy()
    return value


def floats(*values: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


class DeferredRows:
    """Rows whose values may still be device tensors; ``settle()`` moves them into ``ring`` in order.

    ``to_row`` turns one row's host values (numbers, numpy arrays) into the ring's floats. At most as
    many rows wait as the ring holds: older ones would have been pushed out of it anyway.
    Append a tensor that will not change later (``loss.detach()``, a ``clone()`` of a parameter).
    """

    def __init__(self, ring, to_row: Callable[..., tuple] = floats) -> None:
        self.ring = ring
        self.to_row = to_row
        self.waiting: deque[tuple] = deque(maxlen=len(ring.data))

    def append(self, *values: Any) -> None:
        self.waiting.append(values)

    def settle(self):
        """The ring with every waiting row in it (this is where the device is waited for)."""
        while self.waiting:
            values = self.waiting.popleft()
            self.ring.append(*self.to_row(*(_to_host(v) for v in values)))
        return self.ring

