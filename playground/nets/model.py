"""The MLP as a torch nn.Module: per-layer activation, dropout, batch norm, residual links, init."""

from __future__ import annotations

import math

import torch
from torch import nn

from playground.nets.config import MAXOUT_PIECES


class Maxout(nn.Module):
    """Maxout(x) = max_k z_k with z_k = W_k x + b_k: the linear layer before it makes width * k
    pre-activations, k consecutive ones per neuron, and each neuron keeps the largest."""

    def __init__(self, pieces: int = MAXOUT_PIECES) -> None:
        super().__init__()
        self.pieces = pieces

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return z.unflatten(-1, (-1, self.pieces)).amax(-1)


class Abs(nn.Module):
    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return z.abs()


ACT = {
    "relu": nn.ReLU, "leaky_relu": lambda: nn.LeakyReLU(0.01), "tanh": nn.Tanh, "sigmoid": nn.Sigmoid,
    "gelu": nn.GELU, "linear": nn.Identity, "softplus": nn.Softplus, "elu": nn.ELU,
    "prelu": nn.PReLU,  # one learned slope alpha for x < 0, starting at 0.25
    "maxout": Maxout, "abs": Abs,
}


class Dropout(nn.Module):
    """Inverted dropout drawing from its own generator, so a run does not depend on torch's global RNG."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p
        self.generator: torch.Generator | None = None

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0:
            return h
        keep = torch.rand(h.shape, generator=self.generator, device=h.device) >= self.p
        return h * keep / (1.0 - self.p)


class Block(nn.Module):
    """h_out = f(BN(W h + b)) then dropout; plus h when residual and the widths agree."""

    def __init__(self, n_in: int, layer, residual: bool) -> None:
        super().__init__()
        self.act = ACT[layer.activation]()
        pieces = getattr(self.act, "pieces", 1)  # maxout: k pre-activations per neuron
        self.linear = nn.Linear(n_in, layer.width * pieces)
        self.norm = nn.BatchNorm1d(layer.width * pieces) if layer.batch_norm else nn.Identity()
        self.drop = Dropout(layer.dropout)
        self.residual = residual and n_in == layer.width

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        out = self.act(self.norm(self.linear(h)))
        if self.residual:
            out = out + h
        return self.drop(out)


class MLP(nn.Module):
    def __init__(self, n_in: int, n_out: int, hidden, residual: bool = False) -> None:
        super().__init__()
        blocks = []
        width = n_in
        for layer in hidden:
            blocks.append(Block(width, layer, residual))
            width = layer.width
        self.blocks = nn.ModuleList(blocks)
        self.out = nn.Linear(width, n_out)

    def set_generator(self, generator: torch.Generator) -> None:
        for block in self.blocks:
            block.drop.generator = generator

    def linears(self) -> list[nn.Linear]:
        return [b.linear for b in self.blocks] + [self.out]

    def forward(self, x: torch.Tensor, keep: list | None = None) -> torch.Tensor:
        h = x
        for block in self.blocks:
            h = block(h)
            if keep is not None:
                keep.append(h)
        return self.out(h)


def init_weights(model: MLP, kind: str, sigma: float, generator: torch.Generator) -> None:
    """Xavier/Glorot normal (var 2/(in+out)), He/Kaiming normal (var 2/in), N(0, sigma^2) or zeros; biases 0."""
    with torch.no_grad():
        for linear in model.linears():
            fan_out, fan_in = linear.weight.shape
            if kind == "xavier":
                std = math.sqrt(2.0 / (fan_in + fan_out))
            elif kind == "he":
                std = math.sqrt(2.0 / fan_in)
            elif kind == "normal":
                std = sigma
            else:
                std = 0.0
            w = torch.randn(linear.weight.shape, generator=generator) * std
            linear.weight.copy_(w)
            linear.bias.zero_()


def make_optimizer(name: str, params, lr: float) -> torch.optim.Optimizer:
    if name == "SGD":
        return torch.optim.SGD(params, lr=lr)
    if name == "Momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    if name == "Nesterov":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, nesterov=True)
    return getattr(torch.optim, name)(params, lr=lr)
