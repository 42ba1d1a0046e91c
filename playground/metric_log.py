"""The metric rows a run keeps for the CSV export, stored as columns of float64.

A row kept as ``(step, dict(snapshot.metrics))`` cost 1-3.6 KB (a dict, its float objects and, after
unpickling, its own key strings): at 30 snapshots/s the window grew 2-6 MB a minute for the
~55 minutes 100,000 rows take to fill. Here a row costs 8 bytes per metric plus one byte per
metric saying it was there: the same 100,000 rows of 27 metrics take ~25 MB, not ~330 MB.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np


class MetricLog:
    """The newest ``capacity`` rows of (step, {name: value}), oldest first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.clear()

    def clear(self) -> None:
        self._names: dict[str, int] = {}  # metric name -> column
        self._steps = np.zeros(0, dtype=np.int64)
        self._values = np.zeros((0, 0), dtype=np.float64)
        self._present = np.zeros((0, 0), dtype=bool)  # a metric a row did not have is "" in the CSV
        self._count = 0  # rows appended since the clear; the newest `capacity` are kept

    def __len__(self) -> int:
        return min(self._count, self.capacity)

    def append(self, step: int, metrics: Mapping[str, float]) -> None:
        for name in metrics:
            if name not in self._names:
                self._add_column(name)
        if self._count < self.capacity and self._count == len(self._steps):
            self._grow()
        slot = self._count % self.capacity
        self._steps[slot] = step
        self._present[slot] = False
        for name, value in metrics.items():
            column = self._names[name]
            self._values[slot, column] = value
            self._present[slot, column] = True
        self._count += 1

    def rows(self) -> list[tuple[int, dict[str, float]]]:
        n = len(self)
        start = self._count % self.capacity if self._count > self.capacity else 0
        order = (np.arange(n) + start) % max(len(self._steps), 1)
        names = list(self._names)
        out = []
        for i in order:
            values, present = self._values[i], self._present[i]
            out.append((int(self._steps[i]), {name: float(values[c]) for c, name in enumerate(names) if present[c]}))
        return out

    def _grow(self) -> None:
        """Double the rows (up to the capacity), so a short run does not hold the full block."""
        rows = min(self.capacity, max(64, 2 * len(self._steps)))
        self._steps = np.resize(self._steps, rows)
        self._values = _resize_rows(self._values, rows, len(self._names))
        self._present = _resize_rows(self._present, rows, len(self._names))

    def _add_column(self, name: str) -> None:
        self._names[name] = len(self._names)
        rows = len(self._steps)
        self._values = np.concatenate([self._values, np.zeros((rows, 1))], axis=1)
        self._present = np.concatenate([self._present, np.zeros((rows, 1), dtype=bool)], axis=1)


def _resize_rows(block: np.ndarray, rows: int, columns: int) -> np.ndarray:
    out = np.zeros((rows, columns), dtype=block.dtype)
    out[: len(block)] = block[:rows]
    return out
