"""Attention scoring functions (seed notes, 注意力机制):

    additive             a(q, k) = w_v^T tanh(W_q q + W_k k)
    scaled dot product   a(q, k) = q . k / sqrt(d)        ("除 d 是为了保持 scale 不变")
    batched              softmax(Q K^T / sqrt(d)) V

For q, k with independent unit-variance entries, q . k is a sum of d unit-variance products, so its
variance is d; dividing by sqrt(d) brings it back to 1. Without the scaling the softmax saturates as
d grows: one key takes all the weight, the entropy falls to 0 and so does the softmax's Jacobian
diag(p) - p p^T, the gradient that training would push through it.
Masking (d2l's masked_softmax): the scores of padded keys (index >= valid_len) are set to -inf, so
their weights are exactly 0 and the others still sum to 1.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from playground.engine import Engine, upload

SWEEP_DIMS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)


def masked_softmax(scores: torch.Tensor, valid_len: int | torch.Tensor | None) -> torch.Tensor:
    """Softmax over the last axis with keys at index >= valid_len given weight 0."""
    if valid_len is None:
        return torch.softmax(scores, dim=-1)
    index = torch.arange(scores.shape[-1], device=scores.device)
    valid = valid_len if torch.is_tensor(valid_len) else upload(torch.as_tensor(valid_len), scores.device)
    # a valid length per leading index (batch), broadcast over the queries: (b,) -> (b, 1, ..., 1)
    mask = index >= valid.reshape(valid.shape + (1,) * (scores.dim() - valid.dim()))
    return torch.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)


def dot_scores(q: torch.Tensor, k: torch.Tensor, scaled: bool = True) -> torch.Tensor:
    scores = q @ k.transpose(-1, -2)
    return scores / math.sqrt(q.shape[-1]) if scaled else scores


def additive_scores(q, k, w_q, w_k, w_v) -> torch.Tensor:
    """w_v^T tanh(W_q q + W_k k) for every (query, key) pair: (n_q, n_k)."""
    features = torch.tanh((q @ w_q.T)[:, None, :] + (k @ w_k.T)[None, :, :])
    return features @ w_v


def entropy(p: torch.Tensor) -> torch.Tensor:
    """Entropy (nats) of every row of p; 0 * log 0 counts as 0."""
    return -(p * torch.log(p.clamp_min(1e-300))).sum(-1)


def softmax_jacobian_norm(p: torch.Tensor) -> torch.Tensor:
    """Frobenius norm of d softmax / d scores = diag(p) - p p^T, for every row of p."""
    jac = torch.diag_embed(p) - p[..., :, None] * p[..., None, :]
    return jac.flatten(-2).norm(dim=-1)


def sweep(n_q: int, n_k: int, seed: int, dims=SWEEP_DIMS, repeats: int = 64) -> dict[str, np.ndarray]:
    """Mean score variance, entropy and Jacobian norm with and without 1/sqrt(d), for each d."""
    gen = torch.Generator().manual_seed(seed + 7919)
    rows = []
    for d in dims:
        q = torch.randn(repeats, n_q, d, generator=gen, dtype=torch.float64)
        k = torch.randn(repeats, n_k, d, generator=gen, dtype=torch.float64)
        row = [d]
        for scaled in (True, False):
            s = dot_scores(q, k, scaled)
            p = torch.softmax(s, -1)
            row += [float(s.var()), float(entropy(p).mean()), float(softmax_jacobian_norm(p).mean())]
        rows.append(row)
    table = np.array(rows)
    names = ["d", "var_scaled", "entropy_scaled", "grad_scaled", "var_unscaled", "entropy_unscaled", "grad_unscaled"]
    return {f"sweep_{name}": table[:, i] for i, name in enumerate(names)}


class ScoringEngine(Engine):
    """Each step draws fresh queries and keys (d entries from N(0, 1)) and accumulates the statistics."""
    snapshot_kind = "attention.scoring"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        if ctx.device == "cpu":
            torch.set_num_threads(1)
        self.device = torch.device(ctx.device)
        self.gen = torch.Generator().manual_seed(ctx.seed)
        init = torch.Generator().manual_seed(ctx.seed + 1)
        h, d = c.additive_hidden, c.dim
        # fixed (untrained) additive parameters, scaled so W q has unit-variance entries
        self.w_q = (torch.randn(h, d, generator=init, dtype=torch.float64) / math.sqrt(d)).to(self.device)
        self.w_k = (torch.randn(h, d, generator=init, dtype=torch.float64) / math.sqrt(d)).to(self.device)
        self.w_v = (torch.randn(h, generator=init, dtype=torch.float64)).to(self.device)
        # var scaled, var unscaled, entropy scaled, entropy unscaled, grad scaled, unscaled: summed on the device
        self.sums = torch.zeros(6, dtype=torch.float64, device=self.device)
        self.samples = 0
        self.sweep = sweep(c.score_queries, c.score_keys, ctx.seed)
        self._draw()

    @property
    def finished(self) -> bool:
        return self.step >= self.config.score_samples

    def natural_length(self) -> int:
        return self.config.score_samples

    def _draw(self) -> None:
        c = self.config
        self.q = upload(torch.randn(c.score_queries, c.dim, generator=self.gen, dtype=torch.float64), self.device)
        self.k = upload(torch.randn(c.score_keys, c.dim, generator=self.gen, dtype=torch.float64), self.device)
        self.v = upload(torch.randn(c.score_keys, 2, generator=self.gen, dtype=torch.float64), self.device)

    def _weights(self):
        c = self.config
        scaled = dot_scores(self.q, self.k, True)
        unscaled = dot_scores(self.q, self.k, False)
        additive = additive_scores(self.q, self.k, self.w_q, self.w_k, self.w_v)
        return {"scaled": (scaled, masked_softmax(scaled, c.valid_len)),
                "unscaled": (unscaled, masked_softmax(unscaled, c.valid_len)),
                "additive": (additive, masked_softmax(additive, c.valid_len))}

    def _accumulate(self) -> None:
        w = self._weights()
        (s1, p1), (s2, p2) = w["scaled"], w["unscaled"]
        self.sums += torch.stack([s1.var(), s2.var(), entropy(p1).mean(), entropy(p2).mean(),
                                  softmax_jacobian_norm(p1).mean(), softmax_jacobian_norm(p2).mean()])
        self.samples += 1

    def advance(self, n: int) -> None:
        n = min(n, self.config.score_samples - self.step)
        for _ in range(max(n, 0)):
            self._accumulate()
            self._draw()
            self.step += 1

    def snapshot(self):
        c = self.config
        w = self._weights()
        mean = self.sums.cpu().numpy() / max(self.samples, 1)
        arrays = {f"w_{name}": p.cpu().numpy() for name, (_, p) in w.items()}
        arrays.update({f"s_{name}": s.cpu().numpy() for name, (s, _) in w.items()})
        arrays["pooled_scaled"] = (w["scaled"][1] @ self.v).cpu().numpy()
        arrays.update(self.sweep)
        metrics = {"samples": float(self.samples), "score_var_scaled": mean[0], "score_var_unscaled": mean[1],
                   "entropy_scaled": mean[2], "entropy_unscaled": mean[3], "grad_scaled": mean[4],
                   "grad_unscaled": mean[5], "max_entropy": math.log(c.valid_len),
                   "masked_weight": float(sum(p[:, c.valid_len:].sum() for _, p in w.values()))}
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables={"valid_len": c.valid_len, "dim": c.dim})
