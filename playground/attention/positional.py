"""Sinusoidal positional encoding (seed notes, 位置编码):

    PE(p, 2i) = sin(p / 10000^(2i/d)),   PE(p, 2i+1) = cos(p / 10000^(2i/d))

Each (sin, cos) pair turns at its own frequency w_i = 1/10000^(2i/d), so moving by delta positions is a
rotation of every pair by the angle delta w_i (the seed's 2x2 matrix [[cos, sin], [-sin, cos]]),
the same for every p: PE(p) . PE(q) depends only on p - q.
"""

from __future__ import annotations

import numpy as np
import torch


def sinusoidal(positions: int, dim: int, dtype=torch.float32) -> torch.Tensor:
    """(positions, dim) matrix of the sinusoidal encoding; dim must be even."""
    p = torch.arange(positions, dtype=torch.float64)[:, None]
    freq = 1.0 / 10000 ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    pe = torch.zeros(positions, dim, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(p * freq)
    pe[:, 1::2] = torch.cos(p * freq)
    return pe.to(dtype)


def rotation(delta: float, dim: int) -> torch.Tensor:
    """The block-diagonal matrix R with PE(p + delta) = R PE(p), for every p (PE as a column)."""
    freq = 1.0 / 10000 ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    r = torch.zeros(dim, dim, dtype=torch.float64)
    c, s = torch.cos(delta * freq), torch.sin(delta * freq)
    idx = torch.arange(0, dim, 2)
    # sin(a + b) = sin a cos b + cos a sin b; cos(a + b) = cos a cos b - sin a sin b
    r[idx, idx], r[idx, idx + 1] = c, s
    r[idx + 1, idx], r[idx + 1, idx + 1] = -s, c
    return r


def dot_products(pe: np.ndarray) -> np.ndarray:
    return pe @ pe.T


def cosine_similarity(pe: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(pe, axis=1, keepdims=True)
    unit = pe / np.where(norm > 0, norm, 1.0)
    return unit @ unit.T


def make_positional_engine(config, ctx):
    """The sinusoidal matrix beside a learned encoding trained (live) on the transformer task."""
    from playground.attention.transformer import TransformerEngine

    class PositionalEngine(TransformerEngine):
        snapshot_kind = "attention.positional"  # declared in snapshots.py

        def __init__(self, config, ctx) -> None:
            super().__init__(config, ctx, positional="learned")
            pe = sinusoidal(config.pe_positions, config.pe_dim, torch.float64).numpy()
            self.pe = pe
            self.pe_dot = dot_products(pe)
            fixed = sinusoidal(config.seq_len, config.d_model, torch.float64).numpy()
            self.fixed_cos = cosine_similarity(fixed)
            # the seed's rotation: PE(p + delta) = R(delta) PE(p), checked over the whole matrix
            delta = 1
            r = rotation(delta, config.pe_dim).numpy()
            self.rotation_error = float(np.abs(pe[:-delta] @ r.T - pe[delta:]).max()) if len(pe) > delta else 0.0

        def snapshot(self):
            snap = super().snapshot()
            learned = self.main.model.pos.detach().cpu().numpy().astype(np.float64)
            arrays = dict(snap.arrays)
            arrays.update({"pe_sin": self.pe, "pe_sin_dot": self.pe_dot, "pe_learned": learned,
                           "pe_learned_cos": cosine_similarity(learned), "pe_fixed_cos": self.fixed_cos})
            metrics = dict(snap.metrics)
            metrics["rotation_error"] = self.rotation_error
            # how far the learned encoding's similarity pattern is from the sinusoidal one of the same size
            metrics["learned_vs_sin_cos_gap"] = float(np.abs(arrays["pe_learned_cos"] - self.fixed_cos).mean())
            return self.make_snapshot(metrics=metrics, arrays=arrays, tables=dict(snap.tables),
                                      diverged=snap.diverged)

    return PositionalEngine(config, ctx)
