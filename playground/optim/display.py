"""Geometry the optimizer panel draws, computed here so the widget holds no math (numpy only).

Arrows: gradients and steps span many decades (a Rosenbrock wall has |∇f| ~ 1e3, its valley
1e-2), so an arrow's length is logarithmic in its size: ``reference`` gets half of the longest
length, each decade (of ``DECADES`` either side) adds or takes a share, and an arrow keeps at
least ``MIN_SHARE`` of the longest length so its direction stays visible. Below ``DECADES``
decades under the reference there is no arrow: an optimizer that has stopped shows none.
"""

from __future__ import annotations

import numpy as np

HEAD_FRACTION = 0.3  # barb length as a fraction of the arrow
HEAD_ANGLE = np.radians(25.0)
DECADES = 3.0
MIN_SHARE = 0.3


def arrow_length(size: float, reference: float, longest: float) -> float:
    """0.5·longest at ``reference``, ``longest`` at DECADES decades above, never below MIN_SHARE."""
    share = 0.5 + np.log10(size / reference) / (2 * DECADES)
    return longest * float(np.clip(share, MIN_SHARE, 1.0))


def arrow_segments(origin: np.ndarray, vector: np.ndarray, reference: float, span: float,
                   max_fraction: float = 0.25) -> np.ndarray:
    """Line segments of one arrow from ``origin`` along ``vector``: (6, 2) points for
    ``connect="pairs"`` (shaft, two barbs), or (0, 2) when there is nothing to draw."""
    origin = np.asarray(origin, dtype=np.float64)
    vector = np.asarray(vector, dtype=np.float64)
    size = float(np.hypot(*vector))
    if not (np.isfinite(size) and np.isfinite(origin).all() and reference > 0
            and size >= reference * 10.0**-DECADES):
        return np.zeros((0, 2))
    length = arrow_length(size, reference, max_fraction * span)
    direction = vector / size
    tip = origin + length * direction
    barbs = []
    for sign in (1.0, -1.0):
        c, s = np.cos(sign * HEAD_ANGLE), np.sin(sign * HEAD_ANGLE)
        back = -direction
        rotated = np.array([c * back[0] - s * back[1], s * back[0] + c * back[1]])
        barbs += [tip, tip + HEAD_FRACTION * length * rotated]
    return np.array([origin, tip, *barbs])


def for_log_axis(values: np.ndarray) -> np.ndarray:
    """Values for a log axis with gaps (NaN) where a value is not positive or not finite."""
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def column_at(steps: np.ndarray, step: int) -> int:
    """Index of the last recorded column at or before ``step`` (0 when before the first)."""
    return max(0, int(np.searchsorted(steps, step, side="right")) - 1)
