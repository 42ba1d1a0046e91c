"""Figures of a generated sample: modes covered, high-quality share, divergence estimates."""

from __future__ import annotations

import math

import numpy as np


def mode_coverage(samples: np.ndarray, centres: np.ndarray, sigma: float, min_count: int) -> tuple[int, float, np.ndarray]:
    """(modes covered, high-quality share, samples per mode).

    A sample is high quality when it lies within 3 sigma of some mode centre; a mode is covered when
    at least ``min_count`` samples lie within 3 sigma of it.
    """
    if len(centres) == 0 or len(samples) == 0:
        return 0, 0.0, np.zeros(len(centres), dtype=np.int64)
    d = np.linalg.norm(samples[:, None, :] - centres[None, :, :], axis=2)
    near = d <= 3 * sigma
    counts = near.sum(0)
    return int((counts >= min_count).sum()), float(near.any(1).mean()), counts


def js_estimate(d_real: np.ndarray, d_fake: np.ndarray) -> float:
    """JS(p, p_G) ~ log 2 + (E log D(x) + E log(1 - D(G(z)))) / 2, exact when D is optimal (seed notes:
    L(G|D*) = 2 JS - 2 log 2). ``d_*`` are probabilities D(.) in (0, 1)."""
    eps = 1e-7
    return math.log(2) + 0.5 * (float(np.mean(np.log(np.clip(d_real, eps, 1)))) +
                                float(np.mean(np.log(np.clip(1 - d_fake, eps, 1)))))


def w1_estimate(f_real: np.ndarray, f_fake: np.ndarray) -> float:
    """The critic's Wasserstein-1 estimate E f(x) - E f(G(z)) (Kantorovich-Rubinstein, f 1-Lipschitz)."""
    return float(np.mean(f_real) - np.mean(f_fake))


def w1_1d(a: np.ndarray, b: np.ndarray) -> float:
    """The exact W1 of two equal-size 1-D samples: the mean gap of their sorted values."""
    return float(np.mean(np.abs(np.sort(a) - np.sort(b))))
