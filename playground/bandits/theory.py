"""Regret theory (seed notes; Lattimore & Szepesvari ch. 6-7) for sigma-subgaussian rewards.

Regret  R_n = n mu* - E[sum_t X_t] = sum_i Delta_i E[T_i(n)],  Delta_i = mu* - mu_i.

ETC (explore each arm m times, then commit to the best estimate):
    R_n <= m sum_i Delta_i + (n - m k) sum_i Delta_i exp(-m Delta_i^2 / (4 sigma^2))
with two arms and gap Delta the best m is
    m = max{1, ceil(4 sigma^2 / Delta^2 * log(n Delta^2 / (4 sigma^2)))}
(the seed notes write Delta for Delta^2 with sigma = 1; the book's squares are used here).
UCB(delta = 1/n^2):  R_n <= 3 sum_i Delta_i + sum_{Delta_i > 0} 16 sigma^2 log(n) / Delta_i,
and gap-free  R_n <= 8 sigma sqrt(k n log n) + 3 sum_i Delta_i.
"""

from __future__ import annotations

import numpy as np


def gaps(means: np.ndarray) -> np.ndarray:
    """Delta_i = max_j mu_j - mu_i along the last axis."""
    means = np.asarray(means, dtype=float)
    return means.max(axis=-1, keepdims=True) - means


def smallest_gap(means: np.ndarray) -> np.ndarray:
    """The gap between the best and the second best arm (per run)."""
    s = np.sort(np.asarray(means, dtype=float), axis=-1)
    return s[..., -1] - s[..., -2]


def etc_best_m(gap, horizon: int, sigma: float = 1.0, arms: int = 2) -> np.ndarray:
    """The seed notes' best exploration length per arm, capped so that m k <= n."""
    gap = np.maximum(np.asarray(gap, dtype=float), 1e-12)
    g2 = gap ** 2 / sigma ** 2
    m = np.ceil(4.0 / g2 * np.log(np.maximum(horizon * g2 / 4.0, 1.0)))
    m = np.clip(m, 1, max(1, horizon // arms))
    return m.astype(np.int64)


def etc_bound(means: np.ndarray, m, t: np.ndarray, sigma: float = 1.0) -> np.ndarray:
    """ETC's regret bound after t steps, averaged over runs (means: runs x k, m: per run)."""
    means = np.atleast_2d(np.asarray(means, dtype=float))
    d = gaps(means)  # runs x k
    k = means.shape[1]
    m = np.broadcast_to(np.asarray(m, dtype=float), (means.shape[0],))[:, None]
    t = np.asarray(t, dtype=float)[None, :]
    explore = np.minimum(t, m * k)  # round-robin: each arm once per k steps
    per_run = (explore / k) * d.sum(1, keepdims=True)
    tail = np.maximum(t - m * k, 0.0) * (d * np.exp(-m * d ** 2 / (4 * sigma ** 2))).sum(1, keepdims=True)
    return (per_run + tail).mean(0)


def ucb_log_bound(means: np.ndarray, t: np.ndarray, sigma: float = 1.0) -> np.ndarray:
    """UCB's gap-dependent O(log t) bound, capped by t * max gap, averaged over runs."""
    means = np.atleast_2d(np.asarray(means, dtype=float))
    d = gaps(means)
    t = np.maximum(np.asarray(t, dtype=float), 1.0)[None, :]
    inv = np.where(d > 1e-12, 1.0 / np.maximum(d, 1e-12), 0.0).sum(1, keepdims=True)
    bound = 3 * d.sum(1, keepdims=True) + 16 * sigma ** 2 * np.log(t) * inv
    return np.minimum(bound, t * d.max(1, keepdims=True)).mean(0)


def ucb_sqrt_bound(means: np.ndarray, t: np.ndarray, sigma: float = 1.0) -> np.ndarray:
    """UCB's gap-free O(sqrt(k t log t)) bound, capped by t * max gap, averaged over runs."""
    means = np.atleast_2d(np.asarray(means, dtype=float))
    d = gaps(means)
    k = means.shape[1]
    t = np.maximum(np.asarray(t, dtype=float), 1.0)[None, :]
    bound = 8 * sigma * np.sqrt(k * t * np.log(np.maximum(t, 2.0))) + 3 * d.sum(1, keepdims=True)
    return np.minimum(bound, t * d.max(1, keepdims=True)).mean(0)
