"""A real loss landscape: a 2-D slice through a small MLP's loss (Li et al., 2018).

A 2-h-h-1 tanh network is trained on a 2-D dataset to weights θ*. Two random directions d₁, d₂
are drawn and filter-normalised: each row of each weight matrix (one unit's incoming weights)
is scaled to the norm of the same row of θ*, and bias directions are zero, so a step of 1 along
a direction changes every unit by about its own size. The surface is

    f(α, β) = L(θ* + α·d₁ + β·d₂),

the network's mean binary cross-entropy; (0, 0) is the trained network.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F

SAMPLES = 160
TRAIN_STEPS = 400
CHUNK = 2048  # grid points evaluated at once


def make_dataset(kind: str, seed: int, n: int = SAMPLES) -> tuple[np.ndarray, np.ndarray]:
    """Points (n, 2) and labels (n,) in {0, 1} of a small 2-D classification problem."""
    rng = np.random.default_rng(seed)
    half = n // 2
    if kind == "moons":
        t = rng.uniform(0, math.pi, n)
        outer = np.stack([np.cos(t[:half]), np.sin(t[:half])], 1)
        inner = np.stack([1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])], 1)
        points = np.concatenate([outer, inner]) - [0.5, 0.25]
        points += rng.normal(0, 0.2, points.shape)
    elif kind == "circles":
        t = rng.uniform(0, 2 * math.pi, n)
        radius = np.where(np.arange(n) < half, 1.0, 0.45)
        points = radius[:, None] * np.stack([np.cos(t), np.sin(t)], 1) + rng.normal(0, 0.12, (n, 2))
    elif kind == "xor":
        points = rng.uniform(-1, 1, (n, 2))
        labels = (points[:, 0] * points[:, 1] > 0).astype(np.float64)
        return points, labels
    else:
        raise ValueError(f"unknown dataset {kind!r}")
    labels = (np.arange(n) >= half).astype(np.float64)
    return points, labels


class MLPLandscape:
    """f(α, β) of a trained MLP along two filter-normalised directions; batched over points."""

    def __init__(self, dataset: str, hidden: int, seed: int) -> None:
        points, labels = make_dataset(dataset, seed)
        self.inputs = torch.as_tensor(points, dtype=torch.float64)
        self.targets = torch.as_tensor(labels, dtype=torch.float64)
        generator = torch.Generator().manual_seed(seed)
        sizes = [(hidden, 2), (hidden, hidden), (1, hidden)]
        self.weights = [torch.randn(shape, generator=generator, dtype=torch.float64) / math.sqrt(shape[1])
                        for shape in sizes]
        self.biases = [torch.zeros(shape[0], dtype=torch.float64) for shape in sizes]
        self.train_loss = self._train()
        self.directions = [self._direction(generator), self._direction(generator)]

    def _train(self) -> float:
        params = [p.requires_grad_() for p in self.weights + self.biases]
        optimizer = torch.optim.Adam(params, lr=0.03)
        for _ in range(TRAIN_STEPS):
            optimizer.zero_grad()
            loss = self._loss([w[None] for w in self.weights], [b[None] for b in self.biases])[0]
            loss.backward()
            optimizer.step()
        for p in params:
            p.requires_grad_(False)
        return float(self._loss([w[None] for w in self.weights], [b[None] for b in self.biases])[0])

    def _direction(self, generator: torch.Generator) -> list[torch.Tensor]:
        """Gaussian direction, each weight row scaled to the norm of the trained row (filter norm)."""
        direction = []
        for weight in self.weights:
            d = torch.randn(weight.shape, generator=generator, dtype=torch.float64)
            d *= weight.norm(dim=1, keepdim=True) / d.norm(dim=1, keepdim=True).clamp_min(1e-12)
            direction.append(d)
        return direction

    def _loss(self, weights: list[torch.Tensor], biases: list[torch.Tensor]) -> torch.Tensor:
        """Mean BCE for a batch of k networks: weights[l] is (k, out, in), biases[l] (k or 1, out)."""
        h = self.inputs
        for index, (w, b) in enumerate(zip(weights, biases)):
            h = torch.matmul(h, w.transpose(1, 2)) + b[:, None, :]
            if index < len(weights) - 1:
                h = torch.tanh(h)
        logits = h[..., 0]
        return F.binary_cross_entropy_with_logits(logits, self.targets.expand_as(logits), reduction="none").mean(-1)

    def __call__(self, x: torch.Tensor, y: torch.Tensor, xp=torch) -> torch.Tensor:
        shape = x.shape
        alpha, beta = x.reshape(-1), y.reshape(-1)
        values = []
        for start in range(0, alpha.numel(), CHUNK):
            a = alpha[start:start + CHUNK, None, None].to(torch.float64)
            b = beta[start:start + CHUNK, None, None].to(torch.float64)
            weights = [w + a * d1 + b * d2 for w, d1, d2 in zip(self.weights, *self.directions)]
            values.append(self._loss(weights, [bias[None] for bias in self.biases]))
        return torch.cat(values).reshape(shape).to(x.dtype)
