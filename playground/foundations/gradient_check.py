"""Gradient checking: central finite differences against the analytic (backprop) gradient of a small MLP.

The notes' recipe (验证 gradient 计算): get the gradient by backprop, nudge one weight,
dL/dW ~ (L(W + eps) - L(W - eps)) / 2 eps, and compare. Per parameter the check reports the relative error
|g_a - g_n| / max(|g_a|, |g_n|, EPS_FLOOR); above 1e-4 it flags the parameter.

Steps: the first P steps check one parameter each (the strip fills in, in the order W^(1), b^(1), W^(2), ...);
the next ``gc_points`` steps each add one h of the sweep 1e-1 ... 1e-12, where the whole finite-difference
gradient is compared with the correct backprop gradient in float64 and in float32:
||g_n - g_a|| / max(||g_a||, ||g_n||). Truncation error falls like h^2, round-off grows like eps / h, so
the curve is a V with its bottom near h ~ eps^(1/3) (6e-6 in float64, 5e-3 in float32).
"""

from __future__ import annotations

import numpy as np

from playground.engine import Engine, RunContext
from playground.foundations.backprop import activate, derivative

BATCH = 4  # samples in the loss L = 1/(2N) sum_n ||a^(L)_n - y_n||^2
FLAG = 1e-4  # a relative error above this is a failed check
EPS_FLOOR = 1e-8  # keeps the relative error of a gradient that is ~0 on both sides finite and small
H_RANGE = (-1.0, -12.0)
BUGS = ("none", "transposed", "missing_derivative", "off_by_factor")


def init_mlp(sizes: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    """[W1, b1, W2, b2, ...]: W^(l) of shape (n_l, n_(l-1)), b^(l) of shape (n_l, 1)."""
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params.append(rng.normal(0.0, 1.0 / np.sqrt(fan_in), (fan_out, fan_in)))
        params.append(rng.normal(0.0, 0.1, (fan_out, 1)))
    return params


def loss(params: list[np.ndarray], x: np.ndarray, y: np.ndarray, activation: str) -> float:
    """L = 1/(2N) sum_n ||a^(L)_n - y_n||^2, in the dtype of the arrays given (float32 stays float32)."""
    a = x
    for W, b in zip(params[0::2], params[1::2]):
        a = activate(activation, W @ a + b)
    n = x.shape[1]
    return (np.sum((a - y) ** 2) / (2 * n)).astype(x.dtype)


def backprop(params: list[np.ndarray], x: np.ndarray, y: np.ndarray, activation: str,
             bug: str = "none") -> list[np.ndarray]:
    """The analytic gradient by the delta rule, with the deliberate ``bug`` when one is asked for."""
    n = x.shape[1]
    zs, acts = [], [x]
    for W, b in zip(params[0::2], params[1::2]):
        zs.append(W @ acts[-1] + b)
        acts.append(activate(activation, zs[-1]))
    depth = len(zs)
    grads: list[np.ndarray] = [np.empty(0)] * (2 * depth)
    delta = (acts[-1] - y) / n
    if bug != "missing_derivative":  # the bug: delta^(L) = dL/da^(L), forgetting * f'(z^(L))
        delta = delta * derivative(activation, zs[-1])
    for l in range(depth, 0, -1):
        dW = delta @ acts[l - 1].T
        db = delta.sum(axis=1, keepdims=True)
        if l == depth and bug == "off_by_factor":  # the bug: the last layer forgets the batch mean's 1/N
            dW, db = dW * n, db * n
        if l == 1 and bug == "transposed":  # the bug: a^(0) delta^T (the wrong order) forced into W's shape
            dW = (acts[0] @ delta.T).reshape(dW.shape)
        grads[2 * l - 2], grads[2 * l - 1] = dW, db
        if l > 1:
            delta = (params[2 * l - 2].T @ delta) * derivative(activation, zs[l - 2])
    return grads


def affected_mask(sizes: list[int], bug: str) -> np.ndarray:
    """Which parameters (flattened, W1 b1 W2 b2 ...) a bug can change."""
    counts = [c for fi, fo in zip(sizes[:-1], sizes[1:]) for c in (fi * fo, fo)]
    mask = [np.zeros(c, dtype=bool) for c in counts]
    if bug == "missing_derivative":
        mask = [m | True for m in mask]
    elif bug == "off_by_factor":
        mask[-2][:], mask[-1][:] = True, True
    elif bug == "transposed":
        mask[0][:] = True
    return np.concatenate(mask)


def flatten(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([a.ravel() for a in arrays])


def unflatten(vector: np.ndarray, like: list[np.ndarray]) -> list[np.ndarray]:
    out, start = [], 0
    for a in like:
        out.append(vector[start:start + a.size].reshape(a.shape))
        start += a.size
    return out


def central_difference(params: list[np.ndarray], x: np.ndarray, y: np.ndarray, activation: str, index: int,
                       h: float, dtype=np.float64) -> float:
    """(L(theta + h e_i) - L(theta - h e_i)) / 2h with every number (h included) in ``dtype``."""
    theta = flatten(params).astype(dtype)
    h = dtype(h)
    plus, minus = theta.copy(), theta.copy()
    plus[index] += h
    minus[index] -= h
    like = [p.astype(dtype) for p in params]
    xs, ys = x.astype(dtype), y.astype(dtype)
    diff = loss(unflatten(plus, like), xs, ys, activation) - loss(unflatten(minus, like), xs, ys, activation)
    return float(diff / (dtype(2) * h))


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> np.ndarray:
    return np.abs(analytic - numeric) / np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), EPS_FLOOR)


def sweep_error(params, x, y, activation: str, exact: np.ndarray, h: float, dtype) -> float:
    """||g_n - g_a|| / max(||g_a||, ||g_n||) of the whole finite-difference gradient at step h."""
    numeric = np.array([central_difference(params, x, y, activation, i, h, dtype) for i in range(exact.size)])
    scale = max(np.linalg.norm(exact), np.linalg.norm(numeric), EPS_FLOOR)
    return float(np.linalg.norm(numeric - exact) / scale)


def tensor_names(depth: int) -> list[str]:
    return [f"{kind}({l})" for l in range(1, depth + 1) for kind in ("W", "b")]


class GradientCheckEngine(Engine):
    snapshot_kind = "foundations.gradient_check"
    runs_on_cpu_only = True

    def __init__(self, config, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        rng = np.random.default_rng(ctx.seed)
        self.sizes = [config.bp_inputs] + [config.bp_hidden] * (config.bp_depth - 1) + [config.bp_outputs]
        self.activation, self.bug = config.bp_activation, config.bug
        self.params = init_mlp(self.sizes, rng)
        self.x = rng.normal(0.0, 1.0, (self.sizes[0], BATCH))
        self.y = rng.uniform(0.0, 1.0, (self.sizes[-1], BATCH))
        self.exact = flatten(backprop(self.params, self.x, self.y, self.activation))
        self.analytic = flatten(backprop(self.params, self.x, self.y, self.activation, self.bug))
        self.h = 10.0 ** config.gc_log_h
        self.numeric = np.full(self.exact.size, np.nan)
        self.h_grid = np.logspace(*H_RANGE, config.gc_points)
        self.err64 = np.full(self.h_grid.size, np.nan)
        self.err32 = np.full(self.h_grid.size, np.nan)
        self.checked = self.swept = 0
        self.param_tensor = np.concatenate([np.full(p.size, i) for i, p in enumerate(self.params)]).astype(np.int64)

    @property
    def finished(self) -> bool:
        return self.swept >= self.h_grid.size

    def natural_length(self) -> int:
        return self.exact.size + self.h_grid.size

    def advance(self, n: int) -> None:
        for _ in range(n):
            if self.finished:
                return
            if self.checked < self.exact.size:
                i = self.checked
                self.numeric[i] = central_difference(self.params, self.x, self.y, self.activation, i, self.h)
                self.checked += 1
            else:
                k, h = self.swept, self.h_grid[self.swept]
                self.err64[k] = sweep_error(self.params, self.x, self.y, self.activation, self.exact, h, np.float64)
                self.err32[k] = sweep_error(self.params, self.x, self.y, self.activation, self.exact, h, np.float32)
                self.swept += 1
            self.step += 1

    def rel_error(self) -> np.ndarray:
        return relative_error(self.analytic, self.numeric)  # NaN where not checked yet

    def verdict(self, errors: np.ndarray) -> str:
        done = errors[: self.checked]
        if not self.checked:
            return "no parameter checked yet"
        bad = int(np.sum(done > FLAG))
        if bad:
            return (f"{bad} of {self.checked} parameters fail the check (relative error > 1e-4): "
                    "the analytic gradient has a bug")
        return f"all {self.checked} checked parameters agree (largest relative error {np.max(done):.1e})"

    def snapshot(self):
        errors = self.rel_error()
        metrics = {"checked": float(self.checked), "params": float(self.exact.size),
                   "flagged": float(np.sum(errors[: self.checked] > FLAG)), "h": self.h,
                   "h_opt64": float(np.finfo(np.float64).eps ** (1 / 3)),
                   "h_opt32": float(np.finfo(np.float32).eps ** (1 / 3)), "swept": float(self.swept)}
        if self.checked:
            metrics["max_rel_error"] = float(np.max(errors[: self.checked]))
        if self.swept:
            metrics["best_h64"] = float(self.h_grid[np.nanargmin(self.err64)])
            metrics["best_h32"] = float(self.h_grid[np.nanargmin(self.err32)])
        arrays = {"analytic": self.analytic, "numeric": self.numeric.copy(), "rel_error": errors,
                  "affected": affected_mask(self.sizes, self.bug), "param_tensor": self.param_tensor,
                  "h_grid": self.h_grid, "err64": self.err64.copy(), "err32": self.err32.copy()}
        tables = {"bug": self.bug, "tensor_names": tensor_names(len(self.sizes) - 1),
                  "verdict": self.verdict(errors)}
        return self.make_snapshot(arrays=arrays, metrics=metrics, tables=tables)
