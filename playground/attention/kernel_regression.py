"""Nadaraya-Watson kernel regression as attention pooling (seed notes, 注意力机制).

    f(x) = sum_i alpha(x, x_i) y_i,   alpha(x, x_i) = softmax_i(-((x - x_i) w)^2 / 2)

The query is x, the keys are the training x_i, the values the training y_i. With w = 1 this is the
seed's Gaussian kernel K(u) = exp(-u^2/2)/sqrt(2 pi) normalised over the keys. A learned w is
trained on the leave-one-out error (each training point predicted from the others), because on
the plain training error w -> infinity wins: every point then attends only to itself.
"""

from __future__ import annotations

import numpy as np
import torch

from playground.conv.history import Ring
from playground.deferred import DeferredRows
from playground.engine import Engine, EngineError
from playground.optim import formula as formula_parser


def nw_weights(queries: torch.Tensor, keys: torch.Tensor, width: torch.Tensor | float,
               exclude_self: bool = False) -> torch.Tensor:
    """(n_queries, n_keys) attention weights softmax(-((x - x_i) w)^2 / 2); rows sum to 1."""
    scores = -((queries[:, None] - keys[None, :]) * width) ** 2 / 2
    if exclude_self:
        scores = scores.masked_fill(torch.eye(len(keys), dtype=torch.bool, device=keys.device), float("-inf"))
    return torch.softmax(scores, dim=1)


def nw_estimate(queries, keys, values, width, exclude_self: bool = False) -> torch.Tensor:
    return nw_weights(queries, keys, width, exclude_self) @ values


def evaluate_function(text: str, x: np.ndarray) -> np.ndarray:
    """f(x) of a typed formula (allow-list parser, never eval); a clear EngineError if it is not finite."""
    try:
        parsed = formula_parser.parse(text)
    except formula_parser.FormulaError as error:
        raise EngineError(f"f(x) = {text!r}: {error}") from None
    with np.errstate(all="ignore"):
        y = np.asarray(parsed.evaluate(x, np.zeros_like(x), np), dtype=float)
    if not np.isfinite(y).all():
        bad = float(x[~np.isfinite(y)][0])
        raise EngineError(f"f(x) = {text!r} is not a finite number at x = {bad:.3g}: pick a function defined on "
                          "[0, x_max] (e.g. sqrt and log need x >= 0, x > 0)")
    return y


class KernelRegressionEngine(Engine):
    snapshot_kind = "attention.kernel_regression"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        if ctx.device == "cpu":
            torch.set_num_threads(1)
        self.device = torch.device(ctx.device)
        rng = np.random.default_rng(ctx.seed)
        x_train = np.sort(rng.uniform(0, c.x_max, c.n_train))
        y_clean = evaluate_function(c.function, x_train)
        y_train = y_clean + c.noise * rng.standard_normal(c.n_train)
        x_query = np.linspace(0, c.x_max, c.n_queries)
        self.truth = evaluate_function(c.function, x_query)
        as_t = lambda a: torch.as_tensor(a, dtype=torch.float64, device=self.device)  # noqa: E731
        self.x_train, self.y_train, self.x_query = as_t(x_train), as_t(y_train), as_t(x_query)
        self.truth_t = as_t(self.truth)
        self.width = torch.tensor(float(c.width), dtype=torch.float64, device=self.device, requires_grad=True)
        self._history = DeferredRows(Ring(3, capacity=2000))  # step, leave-one-out loss, w
        self._record()

    @property
    def finished(self) -> bool:
        return self.step >= self.config.nw_steps

    @property
    def history(self) -> Ring:
        return self._history.settle()

    def natural_length(self) -> int:
        return self.config.nw_steps

    def loo_loss(self) -> torch.Tensor:
        prediction = nw_estimate(self.x_train, self.x_train, self.y_train, self.width, exclude_self=True)
        return ((prediction - self.y_train) ** 2).mean() / 2

    def advance(self, n: int) -> None:
        n = min(n, self.config.nw_steps - self.step)
        for _ in range(max(n, 0)):
            if self.config.learn_width:
                loss = self.loo_loss()
                (grad,) = torch.autograd.grad(loss, self.width)
                with torch.no_grad():
                    self.width -= self.config.width_lr * grad
                    self.width.clamp_(min=1e-3)
            self.step += 1
            self._record()

    def _record(self) -> None:
        with torch.no_grad():  # kept on the device until a snapshot reads them (no sync per step)
            self._history.append(self.step, self.loo_loss(), self.width.detach().clone())

    def snapshot(self):
        with torch.no_grad():
            weights = nw_weights(self.x_query, self.x_train, self.width)
            prediction = weights @ self.y_train
            mse = float(((prediction - self.truth_t) ** 2).mean())
            entropy = float(-(weights * torch.log(weights.clamp_min(1e-300))).sum(1).mean())
        h = self.history
        loss = h.last(1)
        diverged = None if np.isfinite(loss) else f"diverged at step {self.step}: lower the step size on w"
        return self.make_snapshot(
            metrics={"width": h.last(2), "loo_loss": loss, "test_mse": mse, "weight_entropy": entropy},
            arrays={"nw_x_train": self.x_train.cpu().numpy(), "nw_y_train": self.y_train.cpu().numpy(),
                    "nw_x_query": self.x_query.cpu().numpy(), "nw_truth": self.truth.copy(),
                    "nw_prediction": prediction.cpu().numpy(), "nw_weights": weights.cpu().numpy().astype(np.float32),
                    "hist_step": h.column(0), "hist_loss": h.column(1), "hist_width": h.column(2)},
            tables={"function": self.config.function, "learned": self.config.learn_width},
            diverged=diverged)
