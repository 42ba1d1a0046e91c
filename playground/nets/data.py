"""Datasets on the plane [-6, 6]^2 (as in TensorFlow Playground), input features, CSV loading, digits.

Pure numpy: every generator takes a ``numpy.random.Generator`` so a seed fixes the data.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from playground.engine import EngineError
from playground.files import FileRefused, read_regular_file

DOMAIN = 6.0
MAX_CSV_BYTES = 20_000_000
MAX_CSV_ROWS = 100_000


@dataclass
class Data:
    """Raw 2-D points (or digit pixels), targets, and whether it is classification."""

    x: np.ndarray  # (n, 2) float, or (n, 64) for digits
    y: np.ndarray  # (n,) int class or float target
    classify: bool
    n_classes: int  # 2 for the plane sets, 10 for digits, 1 for regression


def _circles(n, noise, rng):
    r_in = rng.uniform(0, DOMAIN * 0.5 * 0.6, n // 2)
    r_out = rng.uniform(DOMAIN * 0.5 * 0.8, DOMAIN * 0.5 * 1.5, n - n // 2)
    r = np.concatenate([r_in, r_out])
    t = rng.uniform(0, 2 * math.pi, n)
    x = np.stack([r * np.cos(t), r * np.sin(t)], 1) + rng.normal(0, DOMAIN * 0.5 * noise, (n, 2))
    y = np.concatenate([np.ones(n // 2), np.zeros(n - n // 2)])
    return x, y


def _xor(n, noise, rng):
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, 0.3, -0.3)  # a small gap around the axes
    y = (x[:, 0] * x[:, 1] > 0).astype(float)
    return x + rng.normal(0, 5 * noise, (n, 2)), y


def _gaussians(n, noise, rng):
    sd = 0.5 + 3.5 * noise
    a = rng.normal(2, sd, (n // 2, 2))
    b = rng.normal(-2, sd, (n - n // 2, 2))
    return np.concatenate([a, b]), np.concatenate([np.ones(n // 2), np.zeros(n - n // 2)])


def _spiral(n, noise, rng):
    half = n // 2
    xs, ys = [], []
    for label, delta, count in ((1, 0.0, half), (0, math.pi, n - half)):
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * math.pi + delta
        pts = np.stack([r * np.sin(t), r * np.cos(t)], 1) + rng.uniform(-1, 1, (count, 2)) * noise * 2
        xs.append(pts)
        ys.append(np.full(count, float(label)))
    return np.concatenate(xs), np.concatenate(ys)


def _moons(n, noise, rng):
    half = n // 2
    t1 = rng.uniform(0, math.pi, half)
    t2 = rng.uniform(0, math.pi, n - half)
    a = np.stack([np.cos(t1), np.sin(t1)], 1)
    b = np.stack([1 - np.cos(t2), 0.5 - np.sin(t2)], 1)
    x = (np.concatenate([a, b]) - [0.5, 0.25]) * 3.2 + rng.normal(0, 2.0 * noise, (n, 2))
    return x, np.concatenate([np.ones(half), np.zeros(n - half)])


def _checkerboard(n, noise, rng):
    x = rng.uniform(-DOMAIN, DOMAIN, (n, 2))
    y = ((np.floor(x[:, 0] / 3) + np.floor(x[:, 1] / 3)) % 2 == 0).astype(float)
    return x + rng.normal(0, 3 * noise, (n, 2)), y


def _plane(n, noise, rng):
    x = rng.uniform(-DOMAIN, DOMAIN, (n, 2))
    y = (x[:, 0] + x[:, 1]) / 12 + rng.normal(0, noise, n)
    return x, y


def _bump(n, noise, rng):
    x = rng.uniform(-DOMAIN, DOMAIN, (n, 2))
    y = np.exp(-(x ** 2).sum(1) / 8) * 2 - 1 + rng.normal(0, noise, n)
    return x, y


GENERATORS = {"circles": _circles, "xor": _xor, "gaussians": _gaussians, "spiral": _spiral, "moons": _moons,
              "checkerboard": _checkerboard, "plane": _plane, "bump": _bump}


def generate(name: str, n: int, noise: float, seed: int) -> Data:
    rng = np.random.default_rng(seed)
    x, y = GENERATORS[name](n, noise, rng)
    classify = name not in ("plane", "bump")
    order = rng.permutation(n)
    x, y = x[order].astype(np.float32), y[order]
    return Data(x, y.astype(np.int64) if classify else y.astype(np.float32), classify, 2 if classify else 1)


def load_csv(path: str) -> Data:
    """Rows of x1, x2, label (0/1 or -1/1: classes) or x1, x2, y (anything else: regression)."""
    if not path:
        raise EngineError("no CSV file chosen: pick one with 'Load CSV…'")
    try:
        # Only a regular file, and at most MAX_CSV_BYTES of it: a FIFO would hang, /dev/zero never ends.
        text = read_regular_file(path, MAX_CSV_BYTES, "CSV file").decode("utf-8")
    except FileRefused as exc:
        raise EngineError(f"CSV {exc}") from None
    except UnicodeDecodeError as exc:
        raise EngineError(f"{os.path.basename(path)} is not UTF-8 text (at byte {exc.start})") from None
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.replace(";", ",").split(",")]
        if len(cells) != 3:
            raise EngineError(f"{os.path.basename(path)} line {number}: expected 3 columns (x1, x2, label), "
                              f"found {len(cells)}")
        try:
            values = [float(c) for c in cells]
        except ValueError:
            if not rows and number == 1 or (not rows and all(not _is_number(c) for c in cells)):
                continue  # a header line
            # Row and column only, never the cell: the file may be one the preset should not show.
            column = next(i for i, c in enumerate(cells, 1) if not _is_number(c))
            raise EngineError(f"{os.path.basename(path)} line {number}, column {column}: not a number") from None
        if not all(math.isfinite(v) for v in values):
            raise EngineError(f"{os.path.basename(path)} line {number}: values must be finite numbers")
        _refuse_beyond_float32(values, os.path.basename(path), number)
        rows.append(values)
        if len(rows) > MAX_CSV_ROWS:
            raise EngineError(f"CSV file has more than {MAX_CSV_ROWS} rows")
    if len(rows) < 4:
        raise EngineError(f"{os.path.basename(path)} has {len(rows)} data rows: at least 4 are needed")
    array = np.asarray(rows, dtype=np.float64)
    labels = array[:, 2]
    values = set(np.unique(labels).tolist())
    x = array[:, :2].astype(np.float32)
    if values <= {0.0, 1.0} or values <= {-1.0, 1.0}:
        return Data(x, (labels > 0).astype(np.int64), True, 2)
    return Data(x, labels.astype(np.float32), False, 1)


FLOAT32_MAX = float(np.finfo(np.float32).max)


def _refuse_beyond_float32(values: list[float], name: str, line: int) -> None:
    """The network trains in float32: a value past its range would become inf there and the run
    would blame the learning rate; say where the value is instead (not the value: the file may be one the preset should not show)."""
    for column, value in enumerate(values, 1):
        if abs(value) > FLOAT32_MAX:
            raise EngineError(f"{name} line {line}, column {column}: a value beyond float32's range "
                              f"(±{FLOAT32_MAX:.3g}); scale the data down")


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def digits(seed: int) -> Data:
    from sklearn.datasets import load_digits

    bunch = load_digits()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(bunch.target))
    x = (bunch.data[order] / 16.0).astype(np.float32)
    return Data(x, bunch.target[order].astype(np.int64), True, 10)


def load(config, seed: int) -> Data:
    if config.dataset == "csv":
        return load_csv(config.csv_path)
    if config.dataset == "digits":
        return digits(seed)
    return generate(config.dataset, config.n_points, config.noise, seed)


FEATURE_FUNCS = {
    "x1": lambda x: x[:, 0],
    "x2": lambda x: x[:, 1],
    "x1_sq": lambda x: x[:, 0] ** 2,
    "x2_sq": lambda x: x[:, 1] ** 2,
    "x1x2": lambda x: x[:, 0] * x[:, 1],
    "sin_x1": lambda x: np.sin(x[:, 0]),
    "sin_x2": lambda x: np.sin(x[:, 1]),
}
FEATURE_LABELS = {"x1": "x1", "x2": "x2", "x1_sq": "x1²", "x2_sq": "x2²", "x1x2": "x1·x2",
                  "sin_x1": "sin x1", "sin_x2": "sin x2"}


def chosen_features(config) -> list[str]:
    if config.dataset == "digits":
        return []
    return [name for name in FEATURE_FUNCS if getattr(config, name)]


def features(x: np.ndarray, names: list[str]) -> np.ndarray:
    """The network's input matrix: one column per chosen feature (digits pass through)."""
    if not names:
        return x.astype(np.float32)
    return np.stack([FEATURE_FUNCS[n](x) for n in names], 1).astype(np.float32)


def plane_grid(size: int) -> np.ndarray:
    """(size*size, 2) points of the plane, row-major with x2 growing along rows (image row 0 = bottom)."""
    axis = np.linspace(-DOMAIN, DOMAIN, size, dtype=np.float32)
    g1, g2 = np.meshgrid(axis, axis)
    return np.stack([g1.ravel(), g2.ravel()], 1)
