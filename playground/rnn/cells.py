"""Recurrent nets unrolled by hand, so every hidden state h_t (and every gate) is a tensor we can
ask autograd about: dL/dh_t is ``torch.autograd.grad(loss, hs)``.

Vanilla RNN   h_t = f(W_xh x_t + W_hh h_{t-1} + b)
LSTM          i, f, o = sigma(.), g = tanh(.), c_t = f * c_{t-1} + i * g, h_t = o * tanh(c_t)
GRU           r, z = sigma(.), h_t = z * h_{t-1} + (1 - z) * n with the candidate n either
              torch's  n = tanh(W_xn x_t + b_n + r * (W_hn h_{t-1} + b_hn))   (reset after the product)
              notes'   n = tanh(W_xn x_t + b_n + W_hn (r * h_{t-1}) + b_hn)   (reset before it; the
              lecture notes' tanh(W_h x_t + U_h (r_t ⊙ h_{t-1}) + b_h), with b_h = b_n + b_hn)

Weights follow torch's layout (gate blocks stacked in W_hh: i, f, g, o for the LSTM; r, z, n for
the GRU), so ``tests`` can check these cells against torch.nn.LSTMCell / GRUCell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

GATES = {"lstm": 4, "gru": 3}
GRU_VARIANTS = ("torch", "notes")
ACTIVATIONS = {"rnn_tanh": torch.tanh, "rnn_relu": torch.relu, "rnn_sigmoid": torch.sigmoid,
               "rnn_linear": lambda z: z}


def orthogonal(n: int, gen: torch.Generator) -> torch.Tensor:
    """A Haar-random orthogonal matrix (QR of a Gaussian, signs fixed by R's diagonal)."""
    q, r = torch.linalg.qr(torch.randn(n, n, generator=gen, dtype=torch.float64))
    return (q * torch.sign(torch.diagonal(r))).float()


def spectral_radius(w: torch.Tensor) -> float:
    return float(torch.linalg.eigvals(w.detach().double().cpu()).abs().max())


def recurrent_block_init(kind: str, n: int, rho: float, gen: torch.Generator) -> torch.Tensor:
    """One n x n block of W_hh: rho * orthogonal, rho * I (IRNN), Gaussian rescaled to spectral
    radius rho, or torch's default U(-1/sqrt(n), 1/sqrt(n))."""
    if kind == "orthogonal":
        return rho * orthogonal(n, gen)
    if kind == "identity":
        return rho * torch.eye(n)
    if kind == "normal":
        w = torch.randn(n, n, generator=gen) / math.sqrt(n)
        return w * (rho / spectral_radius(w))
    if kind == "default":
        bound = 1.0 / math.sqrt(n)
        return (torch.rand(n, n, generator=gen) * 2 - 1) * bound
    raise ValueError(f"unknown init {kind!r}")


@dataclass
class Unrolled:
    out: torch.Tensor  # (B, O) at the last step, or (T, B, O) for tasks with a target every step
    hs: list[torch.Tensor]  # h_1 .. h_T, each (B, H), in the graph
    gates: list[torch.Tensor] | None  # LSTM forget gates f_t / GRU update gates z_t, each (B, H)


class RecurrentNet(nn.Module):
    def __init__(self, cell: str, input_size: int, hidden: int, output_size: int, init: str = "orthogonal",
                 rho: float = 1.0, forget_bias: float = 1.0, gen: torch.Generator | None = None,
                 gru_variant: str = "torch") -> None:
        super().__init__()
        if cell not in GATES and cell not in ACTIVATIONS:
            raise ValueError(f"unknown cell {cell!r}")
        if gru_variant not in GRU_VARIANTS:
            raise ValueError(f"unknown GRU variant {gru_variant!r} (choose one of {', '.join(GRU_VARIANTS)})")
        gen = gen if gen is not None else torch.Generator().manual_seed(0)
        self.cell = cell
        self.hidden = hidden
        self.gru_variant = gru_variant
        blocks = GATES.get(cell, 1)
        bound = 1.0 / math.sqrt(hidden)
        self.w_ih = nn.Parameter((torch.rand(blocks * hidden, input_size, generator=gen) * 2 - 1) * bound)
        self.w_hh = nn.Parameter(torch.cat([recurrent_block_init(init, hidden, rho, gen) for _ in range(blocks)]))
        bias = torch.zeros(blocks * hidden)
        if cell == "lstm":
            bias[hidden:2 * hidden] = forget_bias
        self.bias = nn.Parameter(bias)
        # torch's GRU candidate has a bias inside the reset gate's product, r * (W_hn h + b_hn); the
        # notes' variant adds it outside, so both variants have the same parameters.
        self.b_hn = nn.Parameter(torch.zeros(hidden)) if cell == "gru" else None
        self.w_out = nn.Parameter((torch.rand(output_size, hidden, generator=gen) * 2 - 1) * bound)
        self.b_out = nn.Parameter(torch.zeros(output_size))

    def recurrent_block(self) -> torch.Tensor:
        """The H x H matrix whose spectrum the panel draws: W_hh of a vanilla RNN, the candidate
        block (W_hg of the LSTM, W_hn of the GRU) of a gated cell."""
        if self.cell in GATES:
            return self.w_hh[2 * self.hidden:3 * self.hidden]
        return self.w_hh

    def forward(self, x: torch.Tensor, every_step: bool = False) -> Unrolled:
        T, B, _ = x.shape
        H = self.hidden
        xp = torch.addmm(self.bias, x.reshape(T * B, -1), self.w_ih.t()).reshape(T, B, -1)
        whh = self.w_hh.t()
        h = x.new_zeros(B, H)
        hs: list[torch.Tensor] = []
        gates: list[torch.Tensor] | None = None
        if self.cell == "lstm":
            gates = []
            c = x.new_zeros(B, H)
            for t in range(T):
                z = torch.addmm(xp[t], h, whh)
                s = torch.sigmoid(z)
                f = s[:, H:2 * H]
                c = f * c + s[:, :H] * torch.tanh(z[:, 2 * H:3 * H])
                h = s[:, 3 * H:] * torch.tanh(c)
                hs.append(h)
                gates.append(f)
        elif self.cell == "gru":
            gates = []
            notes = self.gru_variant == "notes"
            w_hn = whh[:, 2 * H:]
            for t in range(T):
                # notes: the candidate block needs r_t first, so the gates' blocks are multiplied alone
                gh = torch.mm(h, whh[:, :2 * H] if notes else whh)
                rz = torch.sigmoid(xp[t, :, :2 * H] + gh[:, :2 * H])
                r, u = rz[:, :H], rz[:, H:]
                if notes:
                    n = torch.tanh(torch.addmm(xp[t, :, 2 * H:] + self.b_hn, r * h, w_hn))
                else:
                    n = torch.tanh(xp[t, :, 2 * H:] + r * (gh[:, 2 * H:] + self.b_hn))
                h = n + u * (h - n)
                hs.append(h)
                gates.append(u)
        else:
            act = ACTIVATIONS[self.cell]
            for t in range(T):
                h = act(torch.addmm(xp[t], h, whh))
                hs.append(h)
        if every_step:
            out = torch.matmul(torch.stack(hs), self.w_out.t()) + self.b_out
        else:
            out = torch.addmm(self.b_out, h, self.w_out.t())
        return Unrolled(out, hs, gates)


def local_derivative(cell: str, h: torch.Tensor) -> torch.Tensor:
    """f'(z_t) of a vanilla cell, written with its output h_t = f(z_t)."""
    if cell == "rnn_tanh":
        return 1 - h * h
    if cell == "rnn_sigmoid":
        return h * (1 - h)
    if cell == "rnn_relu":
        return (h > 0).to(h.dtype)
    return torch.ones_like(h)
