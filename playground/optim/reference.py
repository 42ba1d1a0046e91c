"""The seed notes' update rules, written out in numpy: the yardstick torch.optim is tested against.

Each class follows the formula in its docstring (from ``shared/seeds``) with one stated change:
the seeds put ε inside the square root, √(s + ε); torch and these references put it outside,
√s + ε. The two agree whenever s ≫ ε², and matching torch lets the tests hold to 1e-6.

``step(grad_fn)`` makes one update and returns the new point. ``point`` is where the optimizer
evaluates the gradient next, which is what torch stores as the parameter: for Nesterov that is
the look-ahead point θ − βm, not θ (torch keeps the look-ahead form of the same recursion).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from playground.optim.schedules import lr_at

GradFn = Callable[[np.ndarray], np.ndarray]


class Reference:
    """Common parts: the point, the step count, the learning rate of step t, weight decay."""

    def __init__(self, entry, start) -> None:
        self.entry = entry
        self.theta = np.array(start, dtype=np.float64)
        self.t = 0  # updates done

    @property
    def point(self) -> np.ndarray:
        return self.theta

    @property
    def lr(self) -> float:
        return lr_at(self.entry.schedule, self.entry.lr, self.t)

    def gradient(self, grad_fn: GradFn, at: np.ndarray) -> np.ndarray:
        """∇J at ``at``, plus L2 weight decay λ·θ when there is any (AdamW overrides this)."""
        return grad_fn(at) + self.entry.weight_decay * at

    def step(self, grad_fn: GradFn) -> np.ndarray:
        self.update(grad_fn, self.lr)
        self.t += 1
        return self.point

    def update(self, grad_fn: GradFn, lr: float) -> None:
        raise NotImplementedError


class SGD(Reference):
    """θ ← θ − η ∇J(θ)."""

    def update(self, grad_fn, lr):
        self.theta = self.theta - lr * self.gradient(grad_fn, self.theta)


class Momentum(Reference):
    """m ← βm + η ∇J(θ);  θ ← θ − m.   (torch: b ← βb + g, θ ← θ − ηb: the same for constant η)"""

    def __init__(self, entry, start) -> None:
        super().__init__(entry, start)
        self.m = np.zeros(2)

    def update(self, grad_fn, lr):
        self.m = self.entry.momentum * self.m + lr * self.gradient(grad_fn, self.theta)
        self.theta = self.theta - self.m


class Nesterov(Momentum):
    """m ← βm + η ∇J(θ − βm);  θ ← θ − m.   The gradient is taken at the look-ahead point."""

    @property
    def point(self) -> np.ndarray:
        return self.theta - self.entry.momentum * self.m

    def update(self, grad_fn, lr):
        ahead = self.point
        self.m = self.entry.momentum * self.m + lr * self.gradient(grad_fn, ahead)
        self.theta = self.theta - self.m


class AdaGrad(Reference):
    """s ← s + g ⊙ g;  θ ← θ − η g ⊘ (√s + ε)."""

    def __init__(self, entry, start) -> None:
        super().__init__(entry, start)
        self.s = np.zeros(2)

    def update(self, grad_fn, lr):
        g = self.gradient(grad_fn, self.theta)
        self.s = self.s + g * g
        self.theta = self.theta - lr * g / (np.sqrt(self.s) + self.entry.eps)


class RMSprop(Reference):
    """s ← ρs + (1 − ρ) g ⊙ g;  θ ← θ − η g ⊘ (√s + ε)."""

    def __init__(self, entry, start) -> None:
        super().__init__(entry, start)
        self.s = np.zeros(2)

    def update(self, grad_fn, lr):
        rho = self.entry.rho
        g = self.gradient(grad_fn, self.theta)
        self.s = rho * self.s + (1 - rho) * g * g
        self.theta = self.theta - lr * g / (np.sqrt(self.s) + self.entry.eps)


class AdaDelta(Reference):
    """s ← ρs + (1 − ρ) g⊙g;  g' = √((Δx + ε) ⊘ (s + ε)) ⊙ g;  Δx ← ρΔx + (1 − ρ) g'⊙g';  θ ← θ − η g'.

    The seed has no η (η = 1, torch's default); ε stays inside the roots here, as in torch.
    """

    def __init__(self, entry, start) -> None:
        super().__init__(entry, start)
        self.s = np.zeros(2)
        self.dx = np.zeros(2)

    def update(self, grad_fn, lr):
        rho, eps = self.entry.rho, self.entry.eps
        g = self.gradient(grad_fn, self.theta)
        self.s = rho * self.s + (1 - rho) * g * g
        g_prime = np.sqrt((self.dx + eps) / (self.s + eps)) * g
        self.dx = rho * self.dx + (1 - rho) * g_prime * g_prime
        self.theta = self.theta - lr * g_prime


class Adam(Reference):
    """m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂) g⊙g;  m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);
    θ ← θ − η m̂ ⊘ (√v̂ + ε).   Without bias correction, m and v are used as they are."""

    def __init__(self, entry, start) -> None:
        super().__init__(entry, start)
        self.m = np.zeros(2)
        self.v = np.zeros(2)

    def update(self, grad_fn, lr):
        b1, b2 = self.entry.beta1, self.entry.beta2
        g = self.gradient(grad_fn, self.theta)
        self.decay(lr)
        self.m = b1 * self.m + (1 - b1) * g
        self.v = b2 * self.v + (1 - b2) * g * g
        m_hat, v_hat = self.m, self.v
        if self.entry.bias_correction:
            t = self.t + 1
            m_hat, v_hat = self.m / (1 - b1**t), self.v / (1 - b2**t)
        self.theta = self.theta - lr * m_hat / (np.sqrt(v_hat) + self.entry.eps)

    def decay(self, lr: float) -> None:
        """Adam's weight decay is in the gradient (L2); AdamW's acts on θ."""


class AdamW(Adam):
    """θ ← θ − ηλθ, then Adam's step on the plain gradient (decoupled weight decay)."""

    def gradient(self, grad_fn, at):
        return grad_fn(at)

    def decay(self, lr):
        self.theta = self.theta * (1 - lr * self.entry.weight_decay)


REFERENCES: dict[str, type[Reference]] = {
    "sgd": SGD, "momentum": Momentum, "nesterov": Nesterov, "adagrad": AdaGrad, "rmsprop": RMSprop,
    "adadelta": AdaDelta, "adam": Adam, "adamw": AdamW,
}


def trajectory(entry, start, grad_fn: GradFn, steps: int) -> np.ndarray:
    """The points (steps + 1, 2) where ``entry``'s rule evaluates the gradient, from ``start``."""
    rule = REFERENCES[entry.kind](entry, start)
    points = [rule.point.copy()]
    for _ in range(steps):
        points.append(rule.step(grad_fn).copy())
    return np.array(points)
