"""A bounded history of rows (step, value, ...) kept in a numpy ring buffer."""

from __future__ import annotations

import numpy as np


class Ring:
    """Fixed-capacity rows of floats; ``column(i)`` returns them oldest first, as a copy."""

    def __init__(self, columns: int, capacity: int = 2000) -> None:
        self.data = np.zeros((capacity, columns))
        self.capacity = capacity
        self.count = 0

    def append(self, *row: float) -> None:
        self.data[self.count % self.capacity] = row
        self.count += 1

    def __len__(self) -> int:
        return min(self.count, self.capacity)

    def column(self, index: int) -> np.ndarray:
        if self.count <= self.capacity:
            return self.data[:self.count, index].copy()
        start = self.count % self.capacity
        return np.concatenate([self.data[start:, index], self.data[:start, index]])

    def last(self, index: int, default: float = 0.0) -> float:
        return float(self.data[(self.count - 1) % self.capacity, index]) if self.count else default
