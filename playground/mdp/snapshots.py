"""What each MDP mode's snapshot holds (see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F, INT = "f", "iu"
LEARNERS = ("q_learning", "sarsa", "expected_sarsa")

TABULAR = SnapshotType(
    "mdp.tabular",
    arrays={"eval_error": Arr(F, None), "vi_error": Arr(F, None), "pi_error": Arr(F, None),
            **{f"V_{how}": Arr(F, "S") for how in ("pi_linear", "pi_iterative", "value_iteration", "policy_iteration",
                                                   "star")}},
    metrics=("eval_error", "pi_error", "pi_improvements", "sweep", "vi_error"),
    tables={"states": list, "actions": list, "R_pi": list, "P_pi": list, "V_pi_linear": list,
            "V_pi_iterative": list, "V_value_iteration": list, "V_policy_iteration": list, "V_star": list,
            "policy_value_iteration": list, "policy_policy_iteration": list},
    doc="Policy evaluation (linear solve and sweeps), value iteration and policy iteration on a small MDP.")

GRIDWORLD = SnapshotType(
    "mdp.gridworld",
    arrays={"codes": Arr(INT, "h", "w"), "V_dp": Arr(F, "h", "w"), "dp_actions": Arr(INT, "h", "w"),
            "V_star": Arr(F, "h", "w"),
            # one family per ticked TD learner
            "{learner}_Q?": Arr(F, "h", "w", None), "{learner}_V?": Arr(F, "h", "w"),
            "{learner}_actions?": Arr(INT, "h", "w"), "{learner}_returns?": Arr(F, None),
            "{learner}_returns_se?": Arr(F, None), "{learner}_lengths?": Arr(F, None),
            "{learner}_gaps?": Arr(F, None), "{learner}_pos?": Arr(F, 2), "{learner}_path?": Arr(F, None, 2)},
    metrics=("V_start?", "dp_delta", "dp_error", "dp_sweeps", "runs",
             *(f"{{learner}}_{m}?" for m in ("episodes", "gap", "greedy_goal_runs", "greedy_reaches_goal",
                                             "greedy_return", "mean_return", "return"))),
    tables={"learners": list, "labels": list, "has_goal": bool},
    params={"learner": LEARNERS},
    doc="A grid world: DP values and arrows, and each TD learner's Q, greedy path and episode curves.")

DQN = SnapshotType(
    "mdp.dqn",
    arrays={"returns": Arr(F, "e"), "avg_returns": Arr(F, "e"), "ep_loss": Arr(F, "e"), "ep_q": Arr(F, "e"),
            "ep_eps": Arr(F, "e"), "state": Arr(F, 4), "q_obs": Arr(F, None), "cart": Arr(F, None, 2),
            "pole": Arr(F, None, 2)},
    metrics=("avg_return", "buffer", "episode", "epsilon", "loss", "q_mean", "return", "solved_at", "target_syncs"),
    doc="DQN on CartPole: per-episode curves, the cart and pole outlines, Q of the current state.")

SNAPSHOT_TYPES = by_kind(TABULAR, GRIDWORLD, DQN)
