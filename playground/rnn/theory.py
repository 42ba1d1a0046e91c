"""What BPTT predicts for ||dL/dh_t||, and small numpy helpers for the plots.

Back-propagating one step multiplies the gradient by the Jacobian dh_t/dh_{t-1}:

    dL/dh_{t-1} = W_hh^T diag(f'(z_t)) dL/dh_t      (plus the loss's own term at t-1, if any)

so with a loss at the last step only, dL/dh_t = prod_{k=t+1}^{T} (W_hh^T diag(f'(z_k))) dL/dh_T.
Its norm shrinks or grows per step by about rho * mean f', rho the spectral radius of W_hh
(exactly rho for a linear RNN with W_hh = rho * orthogonal). The LSTM's cell state is carried by
c_t = f_t * c_{t-1} + ..., so along that path the factor per step is the forget gate f_t; the GRU's
h_t = z_t * h_{t-1} + ... carries it with the update gate z_t.
"""

from __future__ import annotations

import math

import numpy as np


def step_factor(cell: str, radius: float, mean_derivative: float, mean_gate: float) -> tuple[float, str]:
    """The predicted gradient ratio per step back in time, and how it was made."""
    if cell == "lstm":
        return mean_gate, "cell path: mean forget gate f"
    if cell == "gru":
        return mean_gate, "carry path: mean update gate z"
    if cell == "rnn_linear":
        return radius, "rho(W_hh)"
    return radius * mean_derivative, "rho(W_hh) x mean f'(z)"


def theory_line(profile: np.ndarray, factor: float) -> np.ndarray:
    """log10 ||dL/dh_t|| predicted for t = 1..T: a straight line through the measured value at
    t = T with slope -log10(factor) per step (the gradient is multiplied by factor per step back)."""
    T = len(profile)
    if T == 0:
        return np.zeros(0)
    steps_back = np.arange(T - 1, -1, -1, dtype=float)
    slope = math.log10(factor) if factor > 0 and math.isfinite(factor) else -30.0
    return np.clip(profile[-1] + steps_back * slope, -30.0, 38.5)


def fit_slope(profile: np.ndarray) -> float:
    """Least-squares slope of log10 ||dL/dh_t|| against t (so 10^-slope is the measured ratio
    ||dL/dh_{t-1}|| / ||dL/dh_t|| per step back)."""
    t = np.arange(len(profile), dtype=float)
    return float(np.polyfit(t, np.asarray(profile, dtype=float), 1)[0]) if len(profile) > 1 else 0.0


def robust_levels(*arrays: np.ndarray, max_samples: int = 20000) -> list[float]:
    """A colour range for heatmaps: the 2nd to 98th percentile of the finite values (a floor of
    -30 means an exactly zero gradient and is left out), at least 0.5 decades wide."""
    parts = []
    for a in arrays:
        flat = np.asarray(a).ravel()
        if flat.size > max_samples:
            flat = flat[:: flat.size // max_samples + 1]
        parts.append(flat.astype(float))
    values = np.concatenate(parts) if parts else np.zeros(0)
    values = values[np.isfinite(values) & (values > -29.9)]
    if values.size == 0:
        return [-1.0, 1.0]
    lo, hi = np.percentile(values, [2, 98])
    if hi - lo < 0.5:
        mid = 0.5 * (hi + lo)
        lo, hi = mid - 0.25, mid + 0.25
    return [float(lo), float(hi)]
