"""Linear, logistic and softmax regression with the seed notes' formulas (numpy; torch only checks a gradient).

Linear (线性回归): y = w x + b + noise. With X~ = [x, 1] the normal equations give the minimum of
L(w, b) = 1/(2n) sum (w x + b - y)^2 in closed form, w_hat = (X^T X)^{-1} X^T Y. Two descent paths
start at (w, b) = (0, 0) on the same data: SGD (one sample per update) and minibatch SGD (|B| samples),
each with the notes' update

    theta <- theta - eta / |B| sum_{i in B} x~_i (y_hat_i - y_i)

One step is one update of each path. Logistic and softmax regression (2 or 3 classes of 2-D points)
take full-batch gradient steps on the cross-entropy; the gradient is the notes' closed form

    logistic: X^T (sigma(X w) - y) / n,    softmax: X^T (softmax(X W) - Y) / n

and each snapshot evaluates it beside torch autograd's gradient of the same loss (float64).
"""

from __future__ import annotations

import numpy as np

from playground.engine import Engine, EngineError

X_RANGE = (-1.0, 3.0)  # x of the linear task: not centred, so w and b are correlated (a tilted bowl)
BOWL_GRID = 80
REGION_GRID = 80
START = np.zeros(2)  # both linear paths start at (w, b) = (0, 0)
TOO_LARGE = 1e12  # a loss past this has diverged


# The math, as functions the tests call -----------------------------------------------------------------
def design(x: np.ndarray) -> np.ndarray:
    """Rows x~ = (x..., 1): the bias is the last weight."""
    x = np.asarray(x, dtype=float)
    return np.column_stack([x.reshape(len(x), -1), np.ones(len(x))])


def normal_equations(features: np.ndarray, y: np.ndarray) -> np.ndarray:
    """w_hat = (X^T X)^{-1} X^T Y, solved as the linear system X^T X w = X^T Y."""
    try:
        return np.linalg.solve(features.T @ features, features.T @ y)
    except np.linalg.LinAlgError:
        raise EngineError("X^T X is singular: every x is the same, so no line is the best one") from None


def squared_loss(theta: np.ndarray, features: np.ndarray, y: np.ndarray) -> float:
    """L = 1/(2n) sum (x~ . theta - y)^2."""
    residual = features @ theta - y
    return float(residual @ residual / (2 * len(y)))


def squared_loss_grid(features: np.ndarray, y: np.ndarray, ws: np.ndarray, bs: np.ndarray) -> np.ndarray:
    """L(w, b) on the grid ws x bs, indexed [w, b]: a quadratic in (w, b) from the data's moments."""
    x = features[:, 0]
    sx, sxx, sy, sxy, syy, n = x.sum(), x @ x, y.sum(), x @ y, y @ y, len(y)
    w, b = np.meshgrid(ws, bs, indexing="ij")
    total = w * w * sxx + 2 * w * b * sx + n * b * b - 2 * w * sxy - 2 * b * sy + syy
    return np.maximum(total, 0.0) / (2 * n)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^{-z}), without overflow


def softmax(z: np.ndarray) -> np.ndarray:
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def logistic_loss(w: np.ndarray, features: np.ndarray, y: np.ndarray) -> float:
    """-1/n sum [y log sigma(z) + (1 - y) log(1 - sigma(z))], z = x~ . w (log sigma(z) = -log(1 + e^{-z}))."""
    z = features @ w
    return float(np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)))


def logistic_gradient(w: np.ndarray, features: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The notes' gradient of the logistic loss: X^T (sigma(X w) - y) / n."""
    return features.T @ (sigmoid(features @ w) - y) / len(y)


def softmax_loss(weights: np.ndarray, features: np.ndarray, onehot: np.ndarray) -> float:
    """-1/N sum_n sum_c y_c log y_hat_c, y_hat = softmax(x~ W)."""
    z = features @ weights
    log_p = z - z.max(axis=1, keepdims=True)
    log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
    return float(-np.sum(onehot * log_p) / len(onehot))


def softmax_gradient(weights: np.ndarray, features: np.ndarray, onehot: np.ndarray) -> np.ndarray:
    """The notes' gradient of the softmax cross-entropy: X^T (softmax(X W) - Y) / n."""
    return features.T @ (softmax(features @ weights) - onehot) / len(onehot)


def autograd_gradient(task: str, weights: np.ndarray, features: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """torch autograd's gradient of the same loss, in float64 (the check of the hand formula)."""
    import torch

    w = torch.tensor(weights, dtype=torch.float64, requires_grad=True)
    x = torch.tensor(features, dtype=torch.float64)
    t = torch.tensor(targets, dtype=torch.float64)
    if task == "logistic":
        loss = torch.nn.functional.binary_cross_entropy_with_logits(x @ w, t)
    else:
        loss = -(t * torch.log_softmax(x @ w, dim=1)).sum() / len(t)
    (grad,) = torch.autograd.grad(loss, w)
    return grad.numpy()


def class_data(classes: int, per_class: int, spread: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clouds around centres on a circle of radius 2 (around (0.5, 0.5): the bias matters)."""
    angles = np.pi / 2 + 2 * np.pi * np.arange(classes) / classes
    centres = 0.5 + 2.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    labels = np.repeat(np.arange(classes), per_class)
    return centres[labels] + spread * rng.standard_normal((len(labels), 2)), labels


# The engine --------------------------------------------------------------------------------------------
class RegressionEngine(Engine):
    runs_on_cpu_only = True

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        self.task = config.task
        self.lr = float(config.regression_lr)
        self.steps = int(config.regression_steps)
        self.diverged: str | None = None
        rng = np.random.default_rng(ctx.seed)
        if self.task == "linear":
            self._build_linear(config, rng)
        else:
            self._build_classify(config, rng)

    @property
    def snapshot_kind(self) -> str:
        return "foundations.regression.linear" if self.task == "linear" else "foundations.regression.classify"

    @property
    def finished(self) -> bool:
        return self.step >= self.steps or self.diverged is not None

    def natural_length(self) -> int:
        return self.steps

    def advance(self, n: int) -> None:
        for _ in range(n):
            if self.finished:
                return
            self.step += 1
            if self.task == "linear":
                self._linear_step()
            else:
                self._classify_step()

    # Linear: the normal equations against SGD and minibatch SGD ----------------------------------------
    def _build_linear(self, c, rng: np.random.Generator) -> None:
        x = rng.uniform(*X_RANGE, c.linear_samples)
        self.y = c.true_w * x + c.true_b + c.linear_noise * rng.standard_normal(c.linear_samples)
        self.x, self.features = x, design(x)
        self.closed = normal_equations(self.features, self.y)
        self.batch = min(int(c.minibatch_size), c.linear_samples)
        # each path draws its samples from its own generator: the same data, independent orders
        self.orders = {"sgd": _Sampler(rng.spawn(1)[0], c.linear_samples, 1),
                       "minibatch": _Sampler(rng.spawn(1)[0], c.linear_samples, self.batch)}
        self.paths = {name: np.full((self.steps + 1, 2), np.nan) for name in self.orders}
        self.losses = {name: np.full(self.steps + 1, np.nan) for name in self.orders}
        for name in self.orders:
            self.paths[name][0] = START
            self.losses[name][0] = squared_loss(START, self.features, self.y)
        self._bowl()

    def _bowl(self) -> None:
        """log10 L(w, b) over a box around the start and the minimum (fixed for the run: the axes hold still)."""
        low, high = np.minimum(START, self.closed), np.maximum(START, self.closed)
        pad = 0.35 * (high - low) + 0.75
        self.extent = np.array([low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1]])
        ws = np.linspace(self.extent[0], self.extent[1], BOWL_GRID)
        bs = np.linspace(self.extent[2], self.extent[3], BOWL_GRID)
        loss = squared_loss_grid(self.features, self.y, ws, bs).T  # rows are b: the app's image order [y, x]
        self.bowl = np.log10(loss + 1e-12)
        # contours at the minimum's loss times 2^(1/2), 2^(3/2), ...: evenly spaced on the log scale
        minimum = squared_loss(self.closed, self.features, self.y)
        self.contours = np.log10(minimum * 2.0 ** (np.arange(8) + 0.5) + 1e-12)

    def _linear_step(self) -> None:
        for name, sampler in self.orders.items():
            theta = self.paths[name][self.step - 1]
            batch = sampler.next()
            residual = self.features[batch] @ theta - self.y[batch]
            theta = theta - self.lr * self.features[batch].T @ residual / len(batch)
            loss = squared_loss(theta, self.features, self.y)
            if not np.isfinite(loss) or loss > TOO_LARGE:
                self.diverged = (f"{name} diverged at step {self.step}: the learning rate {self.lr:g} is too large "
                                 "for this data; lower it")
                theta, loss = self.paths[name][self.step - 1], self.losses[name][self.step - 1]
            self.paths[name][self.step] = theta
            self.losses[name][self.step] = loss

    def _linear_snapshot(self):
        upto = self.step + 1
        metrics = {"closed_w": float(self.closed[0]), "closed_b": float(self.closed[1]),
                   "closed_loss": squared_loss(self.closed, self.features, self.y)}
        for name in self.orders:
            w, b = self.paths[name][self.step]
            metrics.update({f"{name}_w": float(w), f"{name}_b": float(b), f"{name}_loss": float(self.losses[name][self.step])})
        return self.make_snapshot(
            metrics=metrics,
            arrays={"data_x": self.x.copy(), "data_y": self.y.copy(), "bowl": self.bowl, "bowl_extent": self.extent,
                    "contour_levels": self.contours,
                    "closed_form": self.closed.copy(), "path_sgd": self.paths["sgd"][:upto].copy(),
                    "path_minibatch": self.paths["minibatch"][:upto].copy(),
                    "hist_step": np.arange(upto, dtype=float), "hist_loss_sgd": self.losses["sgd"][:upto].copy(),
                    "hist_loss_minibatch": self.losses["minibatch"][:upto].copy()},
            tables={"batch_size": self.batch}, diverged=self.diverged)

    # Logistic and softmax regression -----------------------------------------------------------------
    def _build_classify(self, c, rng: np.random.Generator) -> None:
        self.classes = 2 if self.task == "logistic" else int(c.n_classes)
        import torch

        torch.set_num_threads(1)  # the autograd check is tiny: intra-op threads only fight the GUI (DESIGN.md)
        xy, self.labels = class_data(self.classes, c.points_per_class, c.class_spread, rng)
        self.xy, self.features = xy, design(xy)
        if self.task == "logistic":
            self.targets = self.labels.astype(float)
            self.weights = np.zeros(3)
        else:
            self.targets = np.eye(self.classes)[self.labels]
            self.weights = np.zeros((3, self.classes))
        self.loss_history = np.full(self.steps + 1, np.nan)
        self.loss_history[0] = self._loss()
        low, high = xy.min(axis=0) - 1.0, xy.max(axis=0) + 1.0
        self.region_extent = np.array([low[0], high[0], low[1], high[1]])

    def _loss(self) -> float:
        if self.task == "logistic":
            return logistic_loss(self.weights, self.features, self.targets)
        return softmax_loss(self.weights, self.features, self.targets)

    def _gradient(self) -> np.ndarray:
        if self.task == "logistic":
            return logistic_gradient(self.weights, self.features, self.targets)
        return softmax_gradient(self.weights, self.features, self.targets)

    def _classify_step(self) -> None:
        self.weights = self.weights - self.lr * self._gradient()
        loss = self._loss()
        if not np.isfinite(loss):
            self.diverged = f"the loss is not finite at step {self.step}: lower the learning rate"
            loss = self.loss_history[self.step - 1]
        self.loss_history[self.step] = loss

    def _probabilities(self, features: np.ndarray) -> np.ndarray:
        """(m, classes) class probabilities (logistic: 1 - sigma, sigma)."""
        if self.task == "logistic":
            p = sigmoid(features @ self.weights)
            return np.column_stack([1 - p, p])
        return softmax(features @ self.weights)

    def _classify_snapshot(self):
        x0, x1, y0, y1 = self.region_extent
        # rows are x2, columns x1: the app's image order [y, x]
        gx, gy = np.meshgrid(np.linspace(x0, x1, REGION_GRID), np.linspace(y0, y1, REGION_GRID), indexing="xy")
        grid_p = self._probabilities(design(np.column_stack([gx.ravel(), gy.ravel()])))
        hand = self._gradient().reshape(3, -1)
        autograd = autograd_gradient(self.task, self.weights, self.features, self.targets).reshape(3, -1)
        predicted = self._probabilities(self.features).argmax(axis=1)
        upto = self.step + 1
        return self.make_snapshot(
            metrics={"loss": float(self.loss_history[self.step]), "accuracy": float(np.mean(predicted == self.labels)),
                     "grad_max_diff": float(np.max(np.abs(hand - autograd))), "grad_norm": float(np.linalg.norm(hand))},
            arrays={"points_xy": self.xy.copy(), "labels": self.labels.copy(),
                    "region_class": grid_p.argmax(axis=1).reshape(gx.shape),
                    "region_confidence": grid_p.max(axis=1).reshape(gx.shape), "region_extent": self.region_extent,
                    "hist_step": np.arange(upto, dtype=float), "hist_loss": self.loss_history[:upto].copy(),
                    "grad_hand": hand, "grad_autograd": autograd},
            tables={"task": self.task, "classes": self.classes}, diverged=self.diverged)

    def snapshot(self):
        return self._linear_snapshot() if self.task == "linear" else self._classify_snapshot()


class _Sampler:
    """Batches of a shuffled pass over the samples; a new shuffle when too few are left for a batch."""

    def __init__(self, rng: np.random.Generator, n: int, batch: int) -> None:
        self.rng, self.n, self.batch = rng, n, batch
        self.order, self.position = rng.permutation(n), 0

    def next(self) -> np.ndarray:
        if self.position + self.batch > self.n:
            self.order, self.position = self.rng.permutation(self.n), 0
        batch = self.order[self.position:self.position + self.batch]
        self.position += self.batch
        return batch
