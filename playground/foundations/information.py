"""Information theory of two edited distributions and an edited joint table (seed notes, 信息论):

    entropy          H(X) = -sum_x p(x) log p(x)                       (0 log 0 = 0)
    cross-entropy    H(p, q) = -E_p[log q] = -sum_x p(x) log q(x)
    KL divergence    D_KL(P||Q) = E_P[log p/q] = H(p, q) - H(p); infinite when some p(x) > 0 has q(x) = 0
    JS divergence    JS(p, q) = 1/2 KL(p||m) + 1/2 KL(q||m), m = (p + q) / 2   (finite, <= log 2)
    total variation  TV = 1/2 sum_x |p(x) - q(x)|
    earth mover (1-D, outcomes 0..K-1 on a line)  EMD = sum_x |F_p(x) - F_q(x)|  (F: the CDFs)

    joint entropy    H(X, Y) = -sum_{x,y} p(x, y) log p(x, y)
    conditional      H(Y|X) = H(X, Y) - H(X),  H(X|Y) = H(X, Y) - H(Y)
    mutual info      I(X; Y) = H(X) + H(Y) - H(X, Y) = D_KL(P(X,Y) || P(X)P(Y)) >= 0
    pointwise        pmi(x, y) = log p(x, y) / (p(x) p(y))   (-inf for a cell with p(x, y) = 0)

Units: bits (log base 2) or nats (natural log). Nothing trains: the run ends after one step.
Infinite values never become metrics (a non-finite metric would pause the run as diverged): they
are listed in the snapshot's tables instead.
"""

from __future__ import annotations

import math

import numpy as np

from playground.engine import Engine

MEASURES = ("H(p)", "H(q)", "H(p,q)", "KL(p||q)", "KL(q||p)", "JS(p,q)", "TV(p,q)", "EMD(p,q)")
MEASURE_METRICS = ("entropy_p", "entropy_q", "cross_entropy", "kl_pq", "kl_qp", "js", "tv", "emd")
JOINT_METRICS = ("h_x", "h_y", "h_xy", "h_x_given_y", "h_y_given_x", "mutual_information")


def log_base(units: str) -> float:
    """The natural log of the unit's base: log_b(v) = ln(v) / ln(b)."""
    return math.log(2.0) if units == "bits" else 1.0


def normalise(weights) -> np.ndarray:
    """Non-negative weights scaled to sum to 1."""
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def entropy(p: np.ndarray, units: str = "bits") -> float:
    p = np.asarray(p, dtype=float).ravel()
    nz = p > 0
    return float(-(p[nz] * np.log(p[nz])).sum() / log_base(units))


def cross_entropy(p: np.ndarray, q: np.ndarray, units: str = "bits") -> float:
    """-sum p log q; inf where p > 0 meets q = 0."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    nz = p > 0
    if np.any(q[nz] == 0):
        return math.inf
    return float(-(p[nz] * np.log(q[nz])).sum() / log_base(units))


def kl(p: np.ndarray, q: np.ndarray, units: str = "bits") -> float:
    """D_KL(p||q) = sum p log(p/q); inf when q has a zero where p does not."""
    p, q = np.asarray(p, dtype=float).ravel(), np.asarray(q, dtype=float).ravel()
    nz = p > 0
    if np.any(q[nz] == 0):
        return math.inf
    return float(max(0.0, (p[nz] * np.log(p[nz] / q[nz])).sum()) / log_base(units))


def js(p: np.ndarray, q: np.ndarray, units: str = "bits") -> float:
    m = (np.asarray(p, dtype=float) + np.asarray(q, dtype=float)) / 2
    return 0.5 * kl(p, m, units) + 0.5 * kl(q, m, units)


def total_variation(p: np.ndarray, q: np.ndarray) -> float:
    return float(0.5 * np.abs(np.asarray(p) - np.asarray(q)).sum())


def earth_mover(p: np.ndarray, q: np.ndarray) -> float:
    """Mass moved times distance for outcomes 0, 1, ..., K-1 one apart: sum |CDF_p - CDF_q|."""
    return float(np.abs(np.cumsum(p) - np.cumsum(q))[:-1].sum())


def measures(p: np.ndarray, q: np.ndarray, units: str = "bits") -> dict[str, float]:
    """Every measure of two distributions, by metric name (in MEASURES' order)."""
    values = (entropy(p, units), entropy(q, units), cross_entropy(p, q, units), kl(p, q, units), kl(q, p, units),
              js(p, q, units), total_variation(p, q), earth_mover(p, q))
    return dict(zip(MEASURE_METRICS, values))


def joint_measures(joint: np.ndarray, units: str = "bits") -> dict[str, float]:
    """H(X), H(Y), H(X,Y), H(X|Y), H(Y|X), I(X;Y) of a joint table (rows: x, columns: y)."""
    pxy = normalise(joint)
    h_x, h_y, h_xy = entropy(pxy.sum(1), units), entropy(pxy.sum(0), units), entropy(pxy, units)
    mutual = max(0.0, h_x + h_y - h_xy)  # >= 0; rounding can make an independent table's -1e-16
    return {"h_x": h_x, "h_y": h_y, "h_xy": h_xy, "h_x_given_y": h_xy - h_y, "h_y_given_x": h_xy - h_x,
            "mutual_information": mutual}


def pmi(joint: np.ndarray, units: str = "bits") -> np.ndarray:
    """log p(x,y) / (p(x) p(y)) per cell; -inf where p(x, y) = 0."""
    pxy = normalise(joint)
    outer = np.outer(pxy.sum(1), pxy.sum(0))
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.log(pxy / outer) / log_base(units)
    return np.where(pxy > 0, values, -np.inf)


def check_weights(name: str, weights: list[float], low: int, high: int) -> None:
    """Clear messages for a distribution a person typed or loaded."""
    if not low <= len(weights) <= high:
        raise ValueError(f"{name} needs {low} to {high} outcomes, got {len(weights)}")
    if any(not math.isfinite(w) or w < 0 for w in weights):
        raise ValueError(f"{name}: every weight must be a finite number >= 0")
    if sum(weights) <= 0:
        raise ValueError(f"{name}: the weights must not all be 0")


def check_config(config) -> None:
    """The information fields of a FoundationsConfig (called by its validator)."""
    check_weights("p", config.p, 2, 12)
    check_weights("q", config.q, 2, 12)
    if len(config.p) != len(config.q):
        raise ValueError(f"p and q need the same number of outcomes K (p has {len(config.p)}, q has {len(config.q)})")
    rows = config.joint
    if not 2 <= len(rows) <= 6 or any(len(row) != len(rows[0]) for row in rows) or not 2 <= len(rows[0]) <= 6:
        raise ValueError("the joint table P(X, Y) must be a rectangle of 2 to 6 rows and 2 to 6 columns")
    check_weights("the joint table P(X, Y)", [v for row in rows for v in row], 4, 36)


def text(value: float) -> str | float:
    """A value for a JSON table: the number, or "inf"."""
    return value if math.isfinite(value) else "inf"


class InformationEngine(Engine):
    """Everything is computed when the engine is built; its one step does nothing and ends the run
    (one step, not none: every caller may send a step after the first snapshot)."""

    snapshot_kind = "foundations.information"
    runs_on_cpu_only = True

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        units = config.info_units
        self.p, self.q = normalise(config.p), normalise(config.q)
        self.values = measures(self.p, self.q, units)
        self.joint = normalise(config.joint)
        self.joint_values = joint_measures(self.joint, units)
        self.pmi = pmi(self.joint, units)

    @property
    def finished(self) -> bool:
        return self.step >= 1

    def natural_length(self) -> int:
        return 1

    def advance(self, n: int) -> None:  # nothing to train
        self.step = min(self.step + n, 1)

    def snapshot(self):
        infinite = [name for name, value in zip(MEASURES, self.values.values()) if not math.isfinite(value)]
        metrics = {k: v for k, v in {**self.values, **self.joint_values}.items() if math.isfinite(v)}
        pmi_cells = np.where(np.isfinite(self.pmi), self.pmi, np.nan)  # NaN: p(x, y) = 0, pmi = -inf
        return self.make_snapshot(
            metrics=metrics,
            arrays={"p": self.p, "q": self.q, "cdf_p": np.cumsum(self.p), "cdf_q": np.cumsum(self.q),
                    "measures": np.array(list(self.values.values())), "joint": self.joint,
                    "p_x": self.joint.sum(1), "p_y": self.joint.sum(0), "pmi": pmi_cells},
            tables={"units": self.config.info_units, "measure_names": list(MEASURES), "infinite": infinite,
                    "values": {name: text(value) for name, value in zip(MEASURES, self.values.values())}})
