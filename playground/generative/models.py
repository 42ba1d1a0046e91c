"""Small MLPs, a ring buffer for curves, and the latent grid warped by a map (shared by the VAE and the GAN)."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


def mlp(n_in: int, hidden: int, layers: int, n_out: int, activation=nn.ReLU) -> nn.Sequential:
    """n_in -> hidden (x layers, each followed by the activation) -> n_out."""
    mods: list[nn.Module] = []
    width = n_in
    for _ in range(layers):
        mods += [nn.Linear(width, hidden), activation()]
        width = hidden
    mods.append(nn.Linear(width, n_out))
    return nn.Sequential(*mods)


class Ring:
    """A bounded history of rows of floats (step, value, value, ...): the curves."""

    def __init__(self, columns: int, capacity: int = 2000) -> None:
        self.data = np.zeros((capacity, columns))
        self.size = 0
        self.start = 0

    def append(self, *row: float) -> None:
        capacity = len(self.data)
        self.data[(self.start + self.size) % capacity] = row
        if self.size < capacity:
            self.size += 1
        else:
            self.start = (self.start + 1) % capacity

    def column(self, index: int) -> np.ndarray:
        order = (self.start + np.arange(self.size)) % len(self.data)
        return self.data[order, index].copy()

    def last(self, index: int, default: float = float("nan")) -> float:
        if not self.size:
            return default
        return float(self.data[(self.start + self.size - 1) % len(self.data), index])


def latent_grid(dim: int, lines: int = 9, points: int = 40, half: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """Latent points on the lines of a grid over [-half, half]^2 in the first two dimensions (others 0).

    Returns (z (lines*2*points, dim), breaks): ``breaks`` marks the last point of every line, so the
    image of the grid can be drawn as one curve with NaN between lines.
    """
    ticks = np.linspace(-half, half, lines)
    along = np.linspace(-half, half, points)
    rows = []
    for t in ticks:
        rows.append(np.stack([along, np.full(points, t)], 1))  # horizontal lines
    if dim >= 2:
        for t in ticks:
            rows.append(np.stack([np.full(points, t), along], 1))  # vertical lines
    else:
        rows = rows[:1]
    z2 = np.concatenate(rows)
    z = np.zeros((len(z2), dim), dtype=np.float32)
    z[:, : min(dim, 2)] = z2[:, : min(dim, 2)]
    return z, np.arange(points - 1, len(z2), points)


def with_breaks(points: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Insert a NaN row after every line's last point (one curve, connect='finite')."""
    parts = np.split(points, breaks[:-1] + 1)
    nan = np.full((1, points.shape[1]), np.nan)
    return np.concatenate([np.concatenate([p, nan]) for p in parts])
