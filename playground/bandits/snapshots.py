"""What a bandits snapshot holds; ``{i}`` numbers the algorithms (see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F = "f"
_CURVES = ("reward", "optimal", "regret")

BANDITS = SnapshotType(
    "bandits",
    arrays={"t": Arr(F, "t"),
            **{f"{c}_{{i}}": Arr(F, "t") for c in _CURVES}, **{f"{c}_band_{{i}}": Arr(F, "t") for c in _CURVES},
            "bound_t": Arr(F, "b"), "bound_ucb_log?": Arr(F, "b"), "bound_ucb_sqrt?": Arr(F, "b"),
            "bound_etc?": Arr(F, "b"),
            "true_mean": Arr(F, "k"), "density_x": Arr(F, "x"),
            "arm_estimate_{i}": Arr(F, "k"), "arm_count_{i}": Arr(F, "k"), "arm_explored_{i}": Arr(F, "k"),
            # what only some algorithms have: UCB's upper bounds, a gradient bandit's preferences and
            # policy, Thompson sampling's Beta posteriors
            "arm_upper_{i}?": Arr(F, "k"), "arm_preference_{i}?": Arr(F, "k"), "arm_policy_{i}?": Arr(F, "k"),
            "arm_beta_a_{i}?": Arr(F, "k"), "arm_beta_b_{i}?": Arr(F, "k"), "density_{i}?": Arr(F, "k", "x")},
    metrics=tuple(f"{{algo}}_{m}" for m in ("avg_reward", "cumulative_mean_reward", "cumulative_pct_optimal",
                                            "cumulative_regret", "pct_optimal")),
    tables={"labels": list, "arms": list, "true_means_run0": list},
    doc="Every algorithm's curves (mean and band over runs), regret bounds, and its arm estimates in run 0.")

SNAPSHOT_TYPES = by_kind(BANDITS)
