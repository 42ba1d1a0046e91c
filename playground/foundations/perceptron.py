"""The perceptron on 2-D points the person places (seed notes, perceptron 分类算法), numpy only.

The notes write the rule with labels in {0, 1} and a step activation h:

    y_hat = h(w^T x + b),   theta_i <- theta_i + alpha (y - h(x)) x_i

With labels in {-1, +1} the same rule is: on a point with y (w . x~) <= 0 (a mistake),
w <- w + eta y x~, where x~ = (x1, x2, 1) carries the bias. One step of this engine is one visit of
a point, in the order the points were placed; an epoch is one pass over them. The run finishes at
the first epoch without a mistake (converged) or after ``max_epochs`` (not converged: on a set no
line separates, such as XOR, every epoch has a mistake).

Novikoff's theorem: from w = 0, on a set separated with margin gamma by a unit vector u
(y u . x~ >= gamma for every point) and R = max ||x~||, the perceptron makes at most (R / gamma)^2
updates. The largest gamma is the hard-margin separator's; ``max_margin`` finds it exactly by
enumerating the sets of at most three active constraints (x~ has three coordinates) among the
vertices of each class's convex hull.
"""

from __future__ import annotations

import numpy as np

from playground.engine import Engine

PLANE = 5.0  # points live in [-PLANE, PLANE]^2; the page shows that square
SIDE_GRID = 64  # cells per side of the shaded half-planes
_FEASIBLE = 1e-9  # slack on y u . x~ >= 1 for rounding


def check_points(points) -> None:
    """A clear ValueError for a point the perceptron cannot use (config validation calls this)."""
    for i, (x, y, label) in enumerate(points):
        if label not in (-1, 1):
            raise ValueError(f"point {i + 1} has label {label}: a perceptron's labels are +1 or -1")
        if not (np.isfinite(x) and np.isfinite(y)) or max(abs(x), abs(y)) > PLANE:
            raise ValueError(f"point {i + 1} ({x}, {y}) is outside the plane [-{PLANE:g}, {PLANE:g}]^2")


def augmented(xy: np.ndarray) -> np.ndarray:
    """(n, 3) rows (x1, x2, 1): the bias is the third weight."""
    return np.column_stack([xy, np.ones(len(xy))])


def margin_of(w: np.ndarray, features: np.ndarray, labels: np.ndarray) -> float:
    """min_i y_i w . x~_i / ||w||: positive when w separates the points."""
    norm = float(np.linalg.norm(w))
    if norm == 0 or not len(labels):
        return 0.0
    return float(np.min(labels * (features @ w)) / norm)


def max_margin(features: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray] | None:
    """(gamma, u): the unit u with the largest min_i y_i u . x~_i, or None if no u separates.

    min ||v||^2 subject to y_i v . x~_i >= 1 (then u = v / ||v||, gamma = 1 / ||v||). The optimum is
    the least-norm point of {v: a_i . v = 1, i in S} for a set S of at most 3 independent active rows
    a_i = y_i x~_i (Caratheodory), and every feasible such point is no shorter than the optimum: so the
    shortest feasible candidate over all S of size 1, 2, 3 is the answer.
    """
    rows = labels[:, None] * features
    if len(rows) == 0:
        return None
    # Active points lie on a supporting line of their class's convex hull, and a point inside a hull
    # edge is a convex combination of its ends: the hulls' vertices are enough (a few dozen, not 100).
    candidates = np.concatenate([np.flatnonzero(labels == label)[hull_vertices(features[labels == label, :2])]
                                 for label in (-1, 1) if np.any(labels == label)])
    best: np.ndarray | None = None
    for size in (1, 2, 3):
        for chunk in _subsets(len(candidates), size):
            a = rows[candidates[chunk]]  # (m, size, 3)
            gram = a @ a.transpose(0, 2, 1)
            ok = np.abs(np.linalg.det(gram)) > 1e-12
            if not ok.any():
                continue
            a, gram = a[ok], gram[ok]
            coeffs = np.linalg.solve(gram, np.ones((len(a), size, 1)))
            v = (a.transpose(0, 2, 1) @ coeffs)[:, :, 0]  # (m, 3)
            feasible = np.all(v @ rows.T >= 1 - _FEASIBLE, axis=1)
            if feasible.any():
                v = v[feasible]
                shortest = v[np.argmin(np.einsum("ij,ij->i", v, v))]
                if best is None or shortest @ shortest < best @ best:
                    best = shortest
    if best is None:
        return None
    norm = float(np.linalg.norm(best))
    return 1.0 / norm, best / norm


def hull_vertices(xy: np.ndarray) -> np.ndarray:
    """Indices of the convex hull's vertices of 2-D points (Andrew's monotone chain; all of them for < 3)."""
    if len(xy) < 3:
        return np.arange(len(xy))
    order = np.lexsort((xy[:, 1], xy[:, 0]))

    def chain(indices) -> list[int]:
        kept: list[int] = []
        for i in indices:
            while len(kept) >= 2:
                (ox, oy), (ax, ay), (bx, by) = xy[kept[-2]], xy[kept[-1]], xy[i]
                if (ax - ox) * (by - oy) - (ay - oy) * (bx - ox) > 0:  # a left turn: keep
                    break
                kept.pop()
            kept.append(int(i))
        return kept

    lower, upper = chain(order), chain(order[::-1])
    return np.unique(lower[:-1] + upper[:-1]) if len(lower) + len(upper) > 4 else np.unique(lower + upper)


def _subsets(n: int, size: int, chunk: int = 20_000):
    """Index arrays (m, size) of all subsets of range(n), in chunks (at most C(100, 3) = 161,700 rows)."""
    grids = np.meshgrid(*[np.arange(n)] * size, indexing="ij")
    increasing = np.ones(grids[0].shape, dtype=bool)
    for lower, upper in zip(grids, grids[1:]):
        increasing &= lower < upper
    rows = np.column_stack([g[increasing] for g in grids])
    for start in range(0, len(rows), chunk):
        yield rows[start:start + chunk]


def line_ends(w: np.ndarray, half: float = PLANE) -> np.ndarray:
    """Two points of the line w1 x + w2 y + b = 0 at the square's edges ((2, 2), NaN when w1 = w2 = 0)."""
    w1, w2, b = (float(v) for v in w)
    if w1 == 0 and w2 == 0:
        return np.full((2, 2), np.nan)
    if abs(w2) >= abs(w1):  # not steep: cut it at x = +-half
        xs = np.array([-half, half])
        return np.column_stack([xs, -(w1 * xs + b) / w2])
    ys = np.array([-half, half])
    return np.column_stack([-(w2 * ys + b) / w1, ys])


def side_grid(w: np.ndarray, cells: int = SIDE_GRID, half: float = PLANE) -> np.ndarray:
    """sign(w . x~) on a cells x cells grid over the square, indexed [y, x] (rows are y: the app's image order)."""
    centres = (np.arange(cells) + 0.5) / cells * 2 * half - half
    gx, gy = np.meshgrid(centres, centres, indexing="xy")
    return np.sign(w[0] * gx + w[1] * gy + w[2])


class PerceptronEngine(Engine):
    snapshot_kind = "foundations.perceptron"  # declared in snapshots.py
    runs_on_cpu_only = True

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        table = np.asarray(config.points, dtype=float).reshape(-1, 3)
        self.xy = table[:, :2]
        self.labels = table[:, 2].astype(int)
        self.features = augmented(self.xy)
        self.lr = float(config.perceptron_lr)
        self.max_epochs = int(config.max_epochs)
        self.w = np.zeros(3)
        self.w_before = np.zeros(3)  # w before the latest update: the line it moved from
        self.updates = 0
        self.epoch = 0  # completed epochs
        self.position = 0  # the next point to visit in this epoch
        self.mistakes_now = 0  # mistakes in the epoch under way
        self.epoch_mistakes: list[int] = []
        self.converged = False
        self.last_update: dict = {}
        self.radius = float(np.max(np.linalg.norm(self.features, axis=1))) if len(self.labels) else 0.0
        self.best = max_margin(self.features, self.labels)

    @property
    def finished(self) -> bool:
        return not len(self.labels) or self.converged or self.epoch >= self.max_epochs

    def natural_length(self) -> int:
        return self.max_epochs * max(len(self.labels), 1)

    def advance(self, n: int) -> None:
        for _ in range(n):
            if self.finished:
                return
            self._visit(self.position)
            self.step += 1

    def _visit(self, i: int) -> None:
        x, y = self.features[i], self.labels[i]
        if y * (self.w @ x) <= 0:  # a mistake (on the line counts: w = 0 classifies nothing)
            self.w_before = self.w.copy()
            self.w = self.w + self.lr * y * x
            self.updates += 1
            self.mistakes_now += 1
            self.last_update = {"point": i, "y": int(y), "x": [float(v) for v in x],
                                "w_before": [float(v) for v in self.w_before], "w_after": [float(v) for v in self.w],
                                "step": self.step + 1, "update": self.updates}
        self.position += 1
        if self.position == len(self.labels):  # an epoch ends
            self.epoch_mistakes.append(self.mistakes_now)
            self.epoch += 1
            self.converged = self.mistakes_now == 0
            self.position, self.mistakes_now = 0, 0

    def status(self) -> str:
        if not len(self.labels):
            return "no points"
        if self.converged:
            return "converged"
        return "not converged" if self.epoch >= self.max_epochs else "running"

    def snapshot(self):
        metrics = {"updates": float(self.updates), "epoch": float(self.epoch), "mistakes_this_epoch":
                   float(self.mistakes_now), "radius": self.radius}
        if self.best is not None:
            gamma = self.best[0]
            metrics.update(gamma=gamma, novikoff_bound=(self.radius / gamma) ** 2)
        margin = margin_of(self.w, self.features, self.labels)
        if margin > 0:
            metrics["separator_margin"] = margin
        epochs = np.arange(1, len(self.epoch_mistakes) + 1)
        return self.make_snapshot(
            metrics=metrics,
            arrays={"points_xy": self.xy.copy(), "labels": self.labels.copy(), "w": self.w.copy(),
                    "line": line_ends(self.w), "previous_line": line_ends(self.w_before),
                    "side": side_grid(self.w), "hist_epoch": epochs.astype(float),
                    "hist_mistakes": np.asarray(self.epoch_mistakes, dtype=float)},
            tables={"status": self.status(), "last_update": dict(self.last_update),
                    "next_point": int(self.position) if len(self.labels) else -1,
                    "separable": self.best is not None, "plane": PLANE, "eta": self.lr, "max_epochs": self.max_epochs})

    def result(self):
        snap = self.snapshot()
        return {"step": snap.step, "metrics": dict(snap.metrics),
                "tables": {k: snap.tables[k] for k in ("status", "separable", "last_update")}}
