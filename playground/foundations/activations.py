"""Activations, batch norm at inference, and input scaling on the loss surface (seed notes), in numpy.

Activations and their derivatives (the ones the network panel lacked):
    Softplus(x) = log(1 + e^x)                       Softplus'(x) = sigma(x)
    ELU(x)      = x (x >= 0), alpha (e^x - 1) (x < 0)  ELU'(x) = 1, alpha e^x
    PReLU(x)    = x (x >= 0), alpha x (x < 0)          PReLU'(x) = 1, alpha   (alpha learned)
    |x|                                                sign(x)
    Maxout(x)   = max_k z_k, z_k = w_k x + b_k          d/dx = w_{argmax}       (k affine pieces)

Batch norm (d2l 6.11): x_hat = (x - mu_B) / sqrt(sigma_B^2 + eps), sigma_B^2 = 1/m sum (x - mu_B)^2;
training updates moving = momentum * moving + (1 - momentum) * batch, and prediction uses the
moving averages. A batch of one has mu_B = x and sigma_B^2 = 0: its output is 0 / sqrt(eps) = 0,
whatever x was.

Input scaling: min-max x' = (x - min) / (max - min), z-score x' = (x - mu) / sigma. The loss of a
linear regression L(w) = 1/(2n) ||X w - y||^2 has Hessian X^T X / n: its condition number
lambda_max / lambda_min is how elongated the contours are, and gradient descent with the largest
stable rate 1/lambda_max needs about that many steps along the flat direction.
"""

from __future__ import annotations

import numpy as np

from playground.engine import Engine

FUNCTIONS = ("softplus", "elu", "prelu", "maxout", "abs")
CURVE_X = np.linspace(-4.0, 4.0, 401)
BN_EPS = 1e-5
GRID = 61  # loss-surface grid points per axis


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1 / (1 + e^-x), without overflow


def maxout_pieces(k: int) -> tuple[np.ndarray, np.ndarray]:
    """k fixed affine pieces w_k x + b_k whose maximum is a convex curve (slopes spread over [-1, 1])."""
    w = np.linspace(-1.0, 1.0, k)
    b = -0.5 * w ** 2 * (k - 1)  # tangents of a parabola: each piece wins on its own stretch
    return w, b


def activation(name: str, x: np.ndarray, alpha: float = 1.0, pieces: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """(f(x), f'(x)) for one of FUNCTIONS; at a kink the derivative is the right-hand one (x >= 0)."""
    x = np.asarray(x, dtype=float)
    if name == "softplus":
        return np.logaddexp(0.0, x), sigmoid(x)
    if name == "elu":
        neg = alpha * np.expm1(np.minimum(x, 0.0))
        return np.where(x >= 0, x, neg), np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))
    if name == "prelu":
        return np.where(x >= 0, x, alpha * x), np.where(x >= 0, 1.0, alpha)
    if name == "abs":
        return np.abs(x), np.where(x >= 0, 1.0, -1.0)
    if name == "maxout":
        w, b = maxout_pieces(pieces)
        z = x[..., None] * w + b
        return z.max(-1), w[z.argmax(-1)]
    raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(FUNCTIONS)}")


# --- batch norm ---------------------------------------------------------------------------------

def batch_norm(x: np.ndarray, mean: float, var: float, eps: float = BN_EPS) -> np.ndarray:
    return (x - mean) / np.sqrt(var + eps)


def batch_stats(x: np.ndarray) -> tuple[float, float]:
    """The batch's mean and (1/m) variance, as in the notes' code."""
    return float(x.mean()), float(((x - x.mean()) ** 2).mean())


class BatchNormSimulation:
    """A layer's pre-activations whose distribution drifts: mean shift * t / steps, standard deviation 2.

    Each step draws a training batch, normalises it with its own statistics and updates the moving
    averages; an inference batch of ``eval_batch`` samples from the current distribution is normalised
    both ways (batch statistics, moving averages).
    """

    def __init__(self, batch: int, eval_batch: int, momentum: float, shift: float, steps: int, seed: int) -> None:
        self.batch, self.eval_batch, self.momentum = batch, eval_batch, momentum
        self.shift, self.steps = shift, max(steps, 1)
        self.rng = np.random.default_rng(seed + 101)
        self.moving_mean, self.moving_var = 0.0, 1.0  # torch's initial running statistics
        self.history: list[tuple[float, float, float, float, float]] = []  # step, true, batch, moving mean, var

    STD = 2.0

    def true_mean(self, t: int) -> float:
        return self.shift * min(t, self.steps) / self.steps

    def train_step(self, t: int) -> None:
        x = self.rng.normal(self.true_mean(t), self.STD, self.batch)
        mean, var = batch_stats(x)
        self.moving_mean = self.momentum * self.moving_mean + (1 - self.momentum) * mean
        self.moving_var = self.momentum * self.moving_var + (1 - self.momentum) * var
        self.history.append((t, self.true_mean(t), mean, self.moving_mean, self.moving_var))

    def inference(self, t: int) -> dict[str, np.ndarray]:
        """An inference batch drawn afresh (its own generator: reading never changes the run)."""
        rng = np.random.default_rng([t, 977])
        x = np.sort(rng.normal(self.true_mean(t), self.STD, self.eval_batch))
        mean, var = batch_stats(x)
        return {"bn_x": x, "bn_batch_out": batch_norm(x, mean, var), "bn_moving_out": batch_norm(x, self.moving_mean,
                                                                                                 self.moving_var)}


# --- input scaling ------------------------------------------------------------------------------

def scale(X: np.ndarray, method: str) -> np.ndarray:
    if method == "min_max":
        return (X - X.min(0)) / (X.max(0) - X.min(0))
    if method == "z_score":
        return (X - X.mean(0)) / X.std(0)
    return X


def condition_number(X: np.ndarray) -> float:
    """lambda_max / lambda_min of X^T X (symmetric: eigvalsh)."""
    eig = np.linalg.eigvalsh(X.T @ X)
    return float(eig[-1] / eig[0])


def housing_data(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two features on very different scales (area in m^2 around 100, rooms 1-5), y = price."""
    rng = np.random.default_rng(seed + 202)
    area = rng.uniform(50.0, 150.0, n)
    rooms = np.round(rng.uniform(1.0, 5.0, n))
    price = 0.03 * area + 0.5 * rooms + rng.normal(0.0, 0.3, n)
    return np.column_stack([area, rooms]), price


class Surface:
    """L(w) = 1/(2n) ||X w - y||^2 for two weights, and gradient descent on it from w = 0."""

    def __init__(self, X: np.ndarray, y: np.ndarray, lr_factor: float) -> None:
        self.X, self.y = X, y
        self.H = X.T @ X / len(X)
        self.g0 = X.T @ y / len(X)
        self.w_star = np.linalg.solve(self.H, self.g0)
        self.lr = lr_factor / float(np.linalg.eigvalsh(self.H)[-1])
        self.w = np.zeros(2)
        self.path = [self.w.copy()]

    def loss(self, w: np.ndarray) -> np.ndarray:
        """Loss at an (..., 2) array of weights (a quadratic: no data pass per point)."""
        d = w - self.w_star
        base = 0.5 * np.mean((self.X @ self.w_star - self.y) ** 2)
        return base + 0.5 * np.einsum("...i,ij,...j->...", d, self.H, d)

    def step(self) -> None:
        self.w = self.w - self.lr * (self.H @ self.w - self.g0)
        self.path.append(self.w.copy())

    def gaps(self) -> np.ndarray:
        """The loss above the optimum at every point of the path."""
        return self.loss(np.array(self.path)) - float(self.loss(self.w_star))

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """The loss on a GRID x GRID box around the path and the optimum: (values, box x0, x1, y0, y1)."""
        points = np.vstack([self.path, self.w_star])
        lo, hi = points.min(0), points.max(0)
        margin = 0.15 * (hi - lo) + 1e-3
        lo, hi = lo - margin, hi + margin
        w1, w2 = np.meshgrid(np.linspace(lo[0], hi[0], GRID), np.linspace(lo[1], hi[1], GRID), indexing="ij")
        return self.loss(np.stack([w1, w2], -1)), np.array([lo[0], hi[0], lo[1], hi[1]])


def one_hot_comparison(seed: int) -> dict[str, float]:
    """A 3-level category (effects 1, -2, 0.5) coded as 0/1/2 in one column vs one-hot in three."""
    rng = np.random.default_rng(seed + 303)
    level = rng.integers(0, 3, 300)
    y = np.array([1.0, -2.0, 0.5])[level] + rng.normal(0.0, 0.1, len(level))
    codes = np.column_stack([np.ones(len(level)), level.astype(float)])
    onehot = np.eye(3)[level]
    losses = {}
    for name, X in (("integer", codes), ("one_hot", onehot)):
        w = np.linalg.lstsq(X, y, rcond=None)[0]
        losses[name] = float(0.5 * np.mean((X @ w - y) ** 2))
    return {"integer_loss": losses["integer"], "one_hot_loss": losses["one_hot"],
            "integer_condition": condition_number(codes), "one_hot_condition": condition_number(onehot)}


class ActivationsEngine(Engine):
    """One step = one training batch through batch norm and one gradient-descent step on each surface."""

    snapshot_kind = "foundations.activations"
    runs_on_cpu_only = True

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        self.bn = BatchNormSimulation(c.bn_batch, c.bn_eval_batch, c.bn_momentum, c.bn_shift, c.act_steps, ctx.seed)
        X, y = housing_data(200, ctx.seed)
        self.raw = Surface(X, y, c.gd_lr_factor)
        self.scaled = Surface(scale(X, c.input_scaling), y, c.gd_lr_factor)
        self.scaled_method = c.input_scaling
        self.curve = activation(c.act_function, CURVE_X, c.act_alpha, c.maxout_pieces)
        self.one_hot = one_hot_comparison(ctx.seed)

    @property
    def finished(self) -> bool:
        return self.step >= self.config.act_steps

    def natural_length(self) -> int:
        return self.config.act_steps

    def advance(self, n: int) -> None:
        for _ in range(min(n, self.config.act_steps - self.step)):
            self.step += 1
            self.bn.train_step(self.step)
            self.raw.step()
            self.scaled.step()

    def snapshot(self):
        history = np.array(self.bn.history, dtype=float).reshape(-1, 5)
        raw_grid, raw_box = self.raw.grid()
        scaled_grid, scaled_box = self.scaled.grid()
        raw_loss, scaled_loss = float(self.raw.loss(self.raw.w)), float(self.scaled.loss(self.scaled.w))
        inference = self.bn.inference(self.step)
        batch_of_one = self.bn.eval_batch == 1
        return self.make_snapshot(
            metrics={"raw_condition": condition_number(self.raw.X), "scaled_condition": condition_number(self.scaled.X),
                     "raw_loss_gap": raw_loss - float(self.raw.loss(self.raw.w_star)),
                     "scaled_loss_gap": scaled_loss - float(self.scaled.loss(self.scaled.w_star)),
                     "bn_moving_mean": self.bn.moving_mean, "bn_moving_var": self.bn.moving_var,
                     "bn_true_mean": self.bn.true_mean(self.step), **self.one_hot},
            arrays={"curve_x": CURVE_X, "curve_f": self.curve[0], "curve_df": self.curve[1],
                    "bn_step": history[:, 0], "bn_true_mean": history[:, 1], "bn_batch_mean": history[:, 2],
                    "bn_moving_mean": history[:, 3], "bn_moving_var": history[:, 4], **inference,
                    "raw_grid": raw_grid, "raw_box": raw_box, "raw_path": np.array(self.raw.path),
                    "raw_optimum": self.raw.w_star, "scaled_grid": scaled_grid, "scaled_box": scaled_box,
                    "scaled_path": np.array(self.scaled.path), "scaled_optimum": self.scaled.w_star,
                    "raw_gap_history": self.raw.gaps(), "scaled_gap_history": self.scaled.gaps()},
            tables={"function": self.config.act_function, "scaling": self.scaled_method,
                    "batch_of_one": batch_of_one})
