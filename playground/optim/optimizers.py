"""torch.optim optimizers built from a config entry, and a reading of their internal state.

torch does the stepping. Its Adam always corrects the bias of m and v, so Adam without bias
correction is a small ``torch.optim.Optimizer`` of our own (the same update, minus the division).
"""

from __future__ import annotations

import torch

NAN = float("nan")


class AdamNoBiasCorrection(torch.optim.Optimizer):
    """Adam (or AdamW with ``decoupled=True``) that uses m and v without dividing by 1 − βᵗ."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, decoupled=decoupled))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, eps, decay = group["lr"], group["eps"], group["weight_decay"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                grad = param.grad
                if decay and group["decoupled"]:
                    param.mul_(1 - lr * decay)
                elif decay:
                    grad = grad.add(param, alpha=decay)
                state = self.state[param]
                if not state:
                    state["step"] = torch.tensor(0.0)
                    state["exp_avg"] = torch.zeros_like(param)
                    state["exp_avg_sq"] = torch.zeros_like(param)
                state["step"] += 1
                state["exp_avg"].lerp_(grad, 1 - beta1)
                state["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                param.addcdiv_(state["exp_avg"], state["exp_avg_sq"].sqrt().add_(eps), value=-lr)
        return None


def make_optimizer(entry, param: torch.Tensor) -> torch.optim.Optimizer:
    """The torch optimizer for one config entry, owning the single parameter ``param``."""
    kind, lr, decay = entry.kind, entry.lr, entry.weight_decay
    if kind == "sgd":
        return torch.optim.SGD([param], lr=lr, weight_decay=decay)
    if kind in ("momentum", "nesterov"):
        return torch.optim.SGD([param], lr=lr, momentum=entry.momentum, nesterov=kind == "nesterov",
                               weight_decay=decay)
    if kind == "adagrad":
        return torch.optim.Adagrad([param], lr=lr, eps=entry.eps, weight_decay=decay)
    if kind == "rmsprop":
        return torch.optim.RMSprop([param], lr=lr, alpha=entry.rho, eps=entry.eps, weight_decay=decay)
    if kind == "adadelta":
        return torch.optim.Adadelta([param], lr=lr, rho=entry.rho, eps=entry.eps, weight_decay=decay)
    if kind in ("adam", "adamw"):
        betas = (entry.beta1, entry.beta2)
        if not entry.bias_correction:
            return AdamNoBiasCorrection([param], lr=lr, betas=betas, eps=entry.eps, weight_decay=decay,
                                        decoupled=kind == "adamw")
        cls = torch.optim.AdamW if kind == "adamw" else torch.optim.Adam
        return cls([param], lr=lr, betas=betas, eps=entry.eps, weight_decay=decay)
    raise ValueError(f"unknown optimizer {kind!r}")


def internal_state(entry, optimizer: torch.optim.Optimizer, param: torch.Tensor) -> torch.Tensor:
    """A (6,) tensor: first moment (2), second moment (2), effective step size (2), NaN where absent.

    first   momentum/Nesterov: the seed's m = η·b (a velocity); Adam: m; AdaDelta: Δx
    second  AdaGrad: G = Σ g⊙g; RMSprop, AdaDelta: s; Adam: v
    step    what multiplies the direction: η for SGD and momentum; η/(√G + ε), η/(√s + ε),
            η·√(Δx + ε)/√(s + ε), η/(√v̂ + ε) for the adaptive methods
    """
    group = optimizer.param_groups[0]
    lr = group["lr"]
    state = optimizer.state.get(param)
    nan2 = param.new_full((2,), NAN)
    kind = entry.kind
    if not state:  # before the first step there is no state to show
        return torch.cat([nan2, nan2, param.new_full((2,), lr if kind == "sgd" else NAN)])
    if kind == "sgd":
        return torch.cat([nan2, nan2, param.new_full((2,), lr)])
    if kind in ("momentum", "nesterov"):
        return torch.cat([state["momentum_buffer"] * lr, nan2, param.new_full((2,), lr)])
    if kind == "adagrad":
        total = state["sum"]
        return torch.cat([nan2, total, lr / (total.sqrt() + group["eps"])])
    if kind == "rmsprop":
        square = state["square_avg"]
        return torch.cat([nan2, square, lr / (square.sqrt() + group["eps"])])
    if kind == "adadelta":
        square, delta, eps = state["square_avg"], state["acc_delta"], group["eps"]
        return torch.cat([delta, square, lr * (delta + eps).sqrt() / (square + eps).sqrt()])
    m, v = state["exp_avg"], state["exp_avg_sq"]
    if entry.bias_correction:
        t = float(state["step"])
        v = v / (1 - entry.beta2**t)
    return torch.cat([m, state["exp_avg_sq"], lr / (v.sqrt() + group["eps"])])

