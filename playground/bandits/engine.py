"""The Bandits engine: a ``Simulation`` of R runs stepped together, snapshots of averaged curves,
bound curves, and run 0's per-arm picture for every algorithm."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from playground.bandits.config import BanditsConfig
from playground.bandits.sim import Simulation, beta_pdf, density_grid, normal_pdf
from playground.engine import Engine, RunContext
from playground.modes import engine_for

MAX_POINTS = 1500
METRIC_SUFFIXES = ("avg_reward", "cumulative_mean_reward", "pct_optimal", "cumulative_pct_optimal",
                   "cumulative_regret")


def curve_index(step: int) -> np.ndarray:
    """0-based steps to draw: all of them up to MAX_POINTS, else a log-and-linear subset."""
    if step <= MAX_POINTS:
        return np.arange(step)
    geo = np.geomspace(1, step, MAX_POINTS // 3).astype(np.int64) - 1
    lin = np.linspace(0, step - 1, MAX_POINTS - MAX_POINTS // 3).astype(np.int64)
    return np.unique(np.concatenate([geo, lin]))


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


class BanditsEngine(Engine):
    snapshot_kind = "bandits"  # declared in snapshots.py

    def __init__(self, config: BanditsConfig, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        self.sim = Simulation(config, ctx.seed)
        self.labels = config.labels()
        self.slugs = []
        for i, label in enumerate(self.labels):
            s = slug(label) or f"algo{i}"
            self.slugs.append(s if s not in self.slugs else f"{s}_{i}")
        T = config.horizon
        self.bound_t = np.unique(np.concatenate([np.geomspace(1, T, 150), np.linspace(1, T, 250)]).round())
        self.bound_curves = self.sim.bounds(self.bound_t)
        self.grid = density_grid(config, self.sim.initial_means[0])

    @property
    def finished(self) -> bool:
        return self.sim.finished

    def natural_length(self) -> int:
        return self.config.horizon

    def advance(self, n: int) -> None:
        self.sim.advance(n)
        self.step = self.sim.t

    def _metrics(self) -> dict[str, float]:
        """Per algorithm, means over the runs. The plain names are the step-t quantities the curves
        and Sutton & Barto's figures show (``avg_reward``: the reward at step t averaged over runs;
        ``pct_optimal``: % of runs pulling a best arm at step t); the ``cumulative_`` names are over
        steps 1..t (the mean reward so far, the % optimal pulls so far, the pseudo-regret sum)."""
        sim, t = self.sim, self.sim.t
        out: dict[str, float] = {}
        for i, s in enumerate(self.slugs):
            if t == 0:
                values = dict.fromkeys(METRIC_SUFFIXES, 0.0)
            else:
                per_run_step = t * sim.runs
                values = {"avg_reward": sim.reward_sum[i, t - 1] / sim.runs,
                          "cumulative_mean_reward": sim.total_reward[i] / per_run_step,
                          "pct_optimal": 100.0 * sim.optimal[i, t - 1] / sim.runs,
                          "cumulative_pct_optimal": 100.0 * sim.total_optimal[i] / per_run_step,
                          "cumulative_regret": sim.regret_sum[i, t - 1] / sim.runs}
            out.update({f"{s}_{suffix}": float(v) for suffix, v in values.items()})
        return out

    def snapshot(self):
        sim, t = self.sim, self.sim.t
        index = curve_index(t)
        arrays: dict[str, Any] = {"t": (index + 1).astype(float)}
        curves = sim.curves(index)
        for name, values in curves.items():
            for i in range(len(self.labels)):
                arrays[f"{name}_{i}"] = values[i]
        shown = self.bound_t <= max(t, 1)
        arrays["bound_t"] = self.bound_t[shown]
        for name, values in self.bound_curves.items():
            arrays[name] = values[shown]
        means = sim.env.means[0]
        arrays["true_mean"] = means.copy()
        arrays["density_x"] = self.grid
        table_rows = []
        for i, agent in enumerate(sim.agents):
            view = agent.view(0, t + 1)
            for name, values in view.items():
                arrays[f"arm_{name}_{i}"] = values
            if "beta_a" in view:
                arrays[f"density_{i}"] = beta_pdf(self.grid, view["beta_a"], view["beta_b"])
            elif "post_mean" in view:
                arrays[f"density_{i}"] = normal_pdf(self.grid, view["post_mean"], view["post_std"])
            table_rows.append({"algorithm": self.labels[i], "estimates_run0": [round(float(q), 4) for q in view["estimate"]],
                               "counts_run0": [int(c) for c in view["count"]]})
        tables = {"labels": list(self.labels), "arms": table_rows,
                  "true_means_run0": [round(float(m), 4) for m in means]}
        return self.make_snapshot(metrics=self._metrics(), arrays=arrays, tables=tables)

    def result(self) -> dict[str, Any]:
        snap = self.snapshot()
        return {"step": snap.step, "metrics": dict(snap.metrics), "tables": dict(snap.tables)}


def make_engine(config: BanditsConfig, ctx: RunContext) -> BanditsEngine:
    return engine_for(config, ctx)  # BanditsConfig.MODES (numpy only: a run never imports torch)
