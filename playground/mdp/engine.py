"""Engines of the MDP & RL panel, one per mode.

tabular    one step = one sweep of iterative policy evaluation, one sweep of value iteration and
           one improvement of policy iteration, side by side, against the exact linear solves.
gridworld  one step = one DP sweep (until converged) and one move of every TD learner.
dqn        one step = one CartPole step of the DQN agent (and its gradient step when due).
Everything random draws from generators seeded by ``ctx.seed``, once per step, so
``advance(a); advance(b)`` equals ``advance(a + b)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine import Engine, EngineError, RunContext
from playground.mdp import dp, grid
from playground.mdp.dp import SingularError
from playground.mdp.model import from_tabular_config
from playground.mdp.td import LEARNERS, TDLearner, run_seeds
from playground.modes import engine_for

GREEDY_NOTES = {
    "goal": "reaches the goal in {moves} moves, return {ret:g}",
    "pit": "ends in a pit after {moves} moves, return {ret:g}",
    "loops": "does not reach the goal: the greedy path comes back to a cell it has visited and "
             "would loop forever (return {ret:g} after {moves} moves, a cap, not an episode's return)",
}


def _names(actions: np.ndarray, names: list[str]) -> list[str]:
    return [names[a] if a >= 0 else "-" for a in actions]


class TabularEngine(Engine):
    snapshot_kind = "mdp.tabular"  # declared in snapshots.py

    def __init__(self, config, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        cfg = self.cfg = config.tabular
        self.mdp = from_tabular_config(cfg)
        self.gamma = cfg.gamma
        self.pi = np.asarray(cfg.policy, float)
        try:
            self.V_pi = dp.evaluate_linear(self.mdp, self.pi, self.gamma)
            self.V_star, self.star_actions = dp.solve_optimal(self.mdp, self.gamma)
            self.pi_solver = dp.PolicyIteration(self.mdp, self.gamma, self.pi)
        except SingularError as error:
            raise EngineError(str(error)) from None
        self.P_pi, self.R_pi = dp.policy_terms(self.mdp, self.pi)
        S = self.mdp.n_states
        self.V_eval = np.zeros(S)
        self.V_vi = np.zeros(S)
        n = cfg.max_sweeps + 1
        self.eval_err = np.zeros(n)
        self.vi_err = np.zeros(n)
        self.pi_err = np.zeros(n)
        self.eval_err[0] = np.abs(self.V_eval - self.V_pi).max()
        self.vi_err[0] = np.abs(self.V_vi - self.V_star).max()
        self.pi_err[0] = np.abs(self.pi_solver.V - self.V_star).max()
        self.n_eval = self.n_vi = self.n_pi = 1
        self.eval_done = self.vi_done = False

    @property
    def finished(self) -> bool:
        return (self.eval_done and self.vi_done and self.pi_solver.stable) or self.step >= self.cfg.max_sweeps

    def natural_length(self) -> int:
        return self.cfg.max_sweeps  # usually far fewer: the solvers converge

    def advance(self, n: int) -> None:
        tol = self.cfg.tol
        for _ in range(n):
            if self.finished:
                return
            self.step += 1
            if not self.eval_done:
                V = dp.evaluate_sweep(self.mdp, self.pi, self.gamma, self.V_eval)
                self.eval_done = np.abs(V - self.V_eval).max() < tol
                self.V_eval = V
                self.eval_err[self.n_eval] = np.abs(V - self.V_pi).max()
                self.n_eval += 1
            if not self.vi_done:
                V = dp.value_iteration_sweep(self.mdp, self.gamma, self.V_vi)
                self.vi_done = np.abs(V - self.V_vi).max() < tol
                self.V_vi = V
                self.vi_err[self.n_vi] = np.abs(V - self.V_star).max()
                self.n_vi += 1
            if not self.pi_solver.stable:
                try:
                    stable = self.pi_solver.step()
                except SingularError as error:
                    raise EngineError(f"policy iteration: {error}") from None
                if not stable:
                    self.pi_err[self.n_pi] = np.abs(self.pi_solver.V - self.V_star).max()
                    self.n_pi += 1

    def _tables(self) -> dict[str, Any]:
        m = self.mdp
        vi_actions = dp.greedy_actions(dp.q_from_v(m, self.V_vi, self.gamma))
        pi_actions = self.pi_solver.actions
        terminal = m.terminal
        return {
            "states": list(m.state_names),
            "actions": list(m.action_names),
            "R_pi": self.R_pi.tolist(),
            "P_pi": self.P_pi.tolist(),
            "V_pi_linear": self.V_pi.tolist(),
            "V_pi_iterative": self.V_eval.tolist(),
            "V_value_iteration": self.V_vi.tolist(),
            "V_policy_iteration": self.pi_solver.V.tolist(),
            "V_star": self.V_star.tolist(),
            "policy_value_iteration": _names(np.where(terminal, -1, vi_actions), m.action_names),
            "policy_policy_iteration": (_names(np.where(terminal, -1, pi_actions), m.action_names)
                                        if pi_actions is not None else ["(pi)"] * m.n_states),
        }

    def snapshot(self):
        return self.make_snapshot(
            metrics={
                "sweep": self.step,
                "eval_error": self.eval_err[self.n_eval - 1],
                "vi_error": self.vi_err[self.n_vi - 1],
                "pi_error": self.pi_err[self.n_pi - 1],
                "pi_improvements": self.pi_solver.improvements,
            },
            arrays={
                "eval_error": self.eval_err[: self.n_eval],
                "vi_error": self.vi_err[: self.n_vi],
                "pi_error": self.pi_err[: self.n_pi],
                "V_pi_linear": self.V_pi,
                "V_pi_iterative": self.V_eval,
                "V_value_iteration": self.V_vi,
                "V_policy_iteration": self.pi_solver.V,
                "V_star": self.V_star,
            },
            tables=self._tables(),
        )

    def result(self) -> dict[str, Any]:
        snap = self.snapshot()
        return {"mode": "tabular", "step": snap.step, "metrics": dict(snap.metrics), "tables": dict(snap.tables)}


class GridEngine(Engine):
    snapshot_kind = "mdp.gridworld"  # declared in snapshots.py
    DP_TOL = 1e-10
    DP_MAX_SWEEPS = 20000

    def __init__(self, config, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        cfg = self.cfg = config.grid
        try:
            self.world = grid.build(cfg)
        except (OSError, ImportError) as error:
            raise EngineError(f"cannot load {cfg.env}: {error}") from None
        w, m = self.world, self.world.mdp
        self.gamma = cfg.gamma
        self.uniform = dp.uniform_policy(m)
        try:
            self.V_star, self.star_actions = dp.solve_optimal(m, self.gamma)
            if cfg.dp == "random_policy":
                self.V_target = dp.evaluate_linear(m, self.uniform, self.gamma)
            else:
                self.V_target = self.V_star
        except SingularError as error:
            raise EngineError(str(error)) from None
        self.V_dp = np.zeros(m.n_states)
        self.dp_delta = 0.0  # largest change of the last sweep (0 before the first)
        self.dp_sweeps = 0
        self.dp_done = False
        self.learners = [TDLearner(kind, m, self.gamma, cfg.alpha, cfg.epsilon, cfg.episodes,
                                   cfg.max_episode_steps, seeds=run_seeds(ctx.seed, kind, cfg.runs))
                         for kind in cfg.learners]
        self.gaps = [np.zeros((cfg.runs, cfg.episodes)) for _ in self.learners]  # per run and episode
        self.live = ~m.terminal
        self.path_len = w.rows * w.cols

    @property
    def finished(self) -> bool:
        return self.dp_done and all(learner.done for learner in self.learners)

    def natural_length(self) -> int:
        """DP stops by DP_MAX_SWEEPS; every learner by its last episode, cut at max_episode_steps moves."""
        episodes = self.cfg.episodes * self.cfg.max_episode_steps if self.learners else 0
        return max(self.DP_MAX_SWEEPS, episodes)

    def _gaps(self, learner: TDLearner, runs: np.ndarray) -> np.ndarray:
        """mean_s |max_a Q(s,a) - V*(s)| over live states, for the given runs."""
        if not self.live.any():
            return np.zeros(len(runs))
        return np.abs(learner.values()[runs][:, self.live] - self.V_star[self.live]).mean(axis=1)

    def advance(self, n: int) -> None:
        m = self.world.mdp
        for _ in range(n):
            if self.finished:
                return
            self.step += 1
            if not self.dp_done:
                if self.cfg.dp == "random_policy":
                    V = dp.evaluate_sweep(m, self.uniform, self.gamma, self.V_dp)
                else:
                    V = dp.value_iteration_sweep(m, self.gamma, self.V_dp)
                self.dp_delta = float(np.abs(V - self.V_dp).max())
                self.V_dp = V
                self.dp_sweeps += 1
                scale = max(1.0, float(np.abs(V).max()))
                self.dp_done = self.dp_delta < self.DP_TOL * scale or self.dp_sweeps >= self.DP_MAX_SWEEPS
            for learner, gaps in zip(self.learners, self.gaps):
                ended = learner.step()
                if len(ended):
                    gaps[ended, learner.finished_episodes[ended] - 1] = self._gaps(learner, ended)

    def _grid(self, flat: np.ndarray, fill=np.nan) -> np.ndarray:
        out = np.asarray(flat, dtype=float).reshape(self.world.rows, self.world.cols).copy()
        out[self.world.walls] = fill
        return out

    def _actions_grid(self, actions: np.ndarray) -> np.ndarray:
        """Greedy actions for the arrows: none in terminal cells, walls and cliff cells."""
        a = np.where(self.world.mdp.terminal | (self.world.codes.ravel() == grid.CLIFF), -1, actions)
        return a.reshape(self.world.rows, self.world.cols)

    def snapshot(self):
        w, m = self.world, self.world.mdp
        dp_actions = dp.greedy_actions(dp.q_from_v(m, self.V_dp, self.gamma))
        metrics: dict[str, float] = {
            "dp_sweeps": self.dp_sweeps,
            "dp_delta": self.dp_delta,
            "dp_error": float(np.abs(self.V_dp - self.V_target).max()),
            "runs": self.cfg.runs,
        }
        if w.has_start:
            metrics["V_start"] = float(self.V_target[m.start])
        arrays: dict[str, np.ndarray] = {
            "codes": w.codes,
            "V_dp": self._grid(self.V_dp),
            "dp_actions": self._actions_grid(dp_actions),
            "V_star": self._grid(self.V_star),
        }
        for learner, gaps in zip(self.learners, self.gaps):
            self._learner_parts(learner, gaps, metrics, arrays)
        return self.make_snapshot(metrics=metrics, arrays=arrays,
                                  tables={"learners": [LEARNERS[x.kind] for x in self.learners],
                                          "labels": w.labels, "has_goal": w.has_goal})

    def _greedy(self, learner: TDLearner) -> tuple[list[int], float, str]:
        """Run 1's greedy path, its return and its outcome ('goal', 'pit' or 'loops')."""
        path, ret = grid.greedy_path(self.world.mdp, learner.greedy()[0], self.gamma, self.path_len)
        return path, ret, grid.path_outcome(self.world, path)

    def _goal_runs(self, learner: TDLearner) -> int:
        """How many runs' greedy paths reach a goal."""
        ends = grid.greedy_ends(self.world.mdp, learner.greedy(), self.path_len)
        return int(self.world.is_goal(ends).sum())

    def _learner_parts(self, learner: TDLearner, gaps: np.ndarray, metrics: dict, arrays: dict) -> None:
        """One learner's metrics and arrays: curves averaged over runs; Q, arrows and path of run 1."""
        w, m = self.world, self.world.mdp
        k, e = learner.kind, learner.episode
        returns, returns_se = learner.mean_curve(learner.returns)
        Q, actions = learner.Q[0], learner.greedy()[0]
        path, ret, outcome = self._greedy(learner)
        undecided = Q.max(axis=1) == Q.min(axis=1)  # no arrow where all Q tie
        metrics[f"{k}_episodes"] = e
        metrics[f"{k}_return"] = float(returns[-1]) if e else 0.0
        metrics[f"{k}_mean_return"] = float(returns[-100:].mean()) if e else 0.0
        metrics[f"{k}_gap"] = float(self._gaps(learner, learner.rows).mean())
        # The return of the drawn path: a real episode's return only when it reaches the goal
        # (otherwise it is the sum over path_len moves of a loop, see greedy_reaches_goal).
        metrics[f"{k}_greedy_return"] = ret
        metrics[f"{k}_greedy_reaches_goal"] = float(outcome == "goal")
        metrics[f"{k}_greedy_goal_runs"] = self._goal_runs(learner)
        arrays[f"{k}_Q"] = Q.reshape(w.rows, w.cols, m.n_actions)
        arrays[f"{k}_V"] = self._grid(learner.values()[0])
        arrays[f"{k}_actions"] = self._actions_grid(np.where(undecided, -1, actions))
        arrays[f"{k}_returns"] = returns
        arrays[f"{k}_returns_se"] = returns_se
        arrays[f"{k}_lengths"] = learner.mean_curve(learner.lengths)[0]
        arrays[f"{k}_gaps"] = learner.mean_curve(gaps)[0]
        arrays[f"{k}_pos"] = np.array(w.cell(learner.s[0]), dtype=float)
        arrays[f"{k}_path"] = np.array([w.cell(s) for s in path], dtype=float).reshape(-1, 2)

    def result(self) -> dict[str, Any]:
        snap = self.snapshot()
        w = self.world
        out: dict[str, Any] = {
            "mode": "gridworld", "step": snap.step, "metrics": dict(snap.metrics),
            "rows": w.rows, "cols": w.cols, "runs": self.cfg.runs,
            "V_star": np.round(self.V_star.reshape(w.rows, w.cols), 6).tolist(),
            "V_dp": np.round(self.V_dp.reshape(w.rows, w.cols), 6).tolist(),
            "learners": {},
        }
        for learner in self.learners:
            out["learners"][learner.kind] = self._learner_result(learner)
        return out

    def _learner_result(self, learner: TDLearner) -> dict[str, Any]:
        e = learner.episode
        path, ret, outcome = self._greedy(learner)
        return {
            "episodes": e,
            "runs": learner.runs,
            # Run 1's greedy path; its return is null when the path never reaches the goal.
            "greedy_reaches_goal": outcome == "goal",
            "greedy_return": ret if outcome != "loops" else None,
            "greedy_note": GREEDY_NOTES[outcome].format(moves=len(path) - 1, ret=ret),
            "greedy_path": [list(self.world.cell(s)) for s in path],
            "greedy_goal_runs": self._goal_runs(learner),
        } | _recent_mean_return(learner.returns[:, :e], learner.runs)


def _recent_mean_return(returns: np.ndarray, runs: int, window: int = 100) -> dict[str, Any]:
    """Mean over runs of each run's mean return over its last ``window`` episodes, with its standard
    error, named by how many episodes it really averages (``mean_return_last_5`` after 5 episodes);
    nothing before the first episode ends."""
    recent = returns[:, -window:]
    if recent.shape[1] == 0:
        return {}
    per_run = recent.mean(axis=1)
    name = f"mean_return_last_{recent.shape[1]}"
    se = float(per_run.std(ddof=1) / np.sqrt(runs)) if runs > 1 else 0.0
    return {name: float(per_run.mean()), f"{name}_se": se, f"{name}_runs": [round(float(x), 3) for x in per_run]}


def cartpole_geometry(state: np.ndarray, pole_length: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """The cart as a closed outline and the pole as a segment, in metres, from (x, x', theta, theta')."""
    x, theta = float(state[0]), float(state[2])
    w, h, y0 = 0.5, 0.3, 0.0
    cart = np.array([[x - w / 2, y0], [x + w / 2, y0], [x + w / 2, y0 + h], [x - w / 2, y0 + h], [x - w / 2, y0]])
    base = np.array([x, y0 + h])
    tip = base + pole_length * np.array([np.sin(theta), np.cos(theta)])
    return cart, np.stack([base, tip])


CARTPOLE_TIME_LIMIT = 500  # gymnasium's CartPole-v1 cuts an episode after this many moves


class DQNEngine(Engine):
    snapshot_kind = "mdp.dqn"  # declared in snapshots.py

    def __init__(self, config, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        import torch

        from playground.mdp.dqn import DQNAgent

        torch.set_num_threads(1)
        self.cfg = config.dqn
        self.agent = DQNAgent(self.cfg, ctx.seed, ctx.device)
        self.avg_returns: list[float] = []

    @property
    def finished(self) -> bool:
        a, c = self.agent, self.cfg
        return a.episode >= c.max_episodes or (c.stop_when_solved and a.solved_at > 0)

    def natural_length(self) -> int:
        return self.cfg.max_episodes * CARTPOLE_TIME_LIMIT  # each episode is cut at the time limit

    def advance(self, n: int) -> None:
        agent, window = self.agent, self.cfg.solve_window
        for _ in range(n):
            if self.finished:
                return
            self.step += 1
            if agent.step():
                self.avg_returns.append(float(np.mean(agent.returns[-window:])))

    def snapshot(self):
        a = self.agent
        a.read_scalars()
        cart, pole = cartpole_geometry(a.obs)
        metrics = {
            "episode": a.episode,
            "return": a.returns[-1] if a.returns else 0.0,
            "avg_return": self.avg_returns[-1] if self.avg_returns else 0.0,
            "epsilon": a.epsilon,
            "loss": a.last_loss,
            "q_mean": a.last_q,
            "buffer": a.buffer.size,
            "target_syncs": a.target_syncs,
            "solved_at": a.solved_at,
        }
        arrays = {
            "returns": np.asarray(a.returns, float),
            "avg_returns": np.asarray(self.avg_returns, float),
            "ep_loss": np.asarray(a.ep_loss, float),
            "ep_q": np.asarray(a.ep_q, float),
            "ep_eps": np.asarray(a.ep_eps, float),
            "state": np.asarray(a.obs, float),
            "q_obs": np.asarray(a.q_obs, float),
            "cart": cart,
            "pole": pole,
        }
        return self.make_snapshot(metrics=metrics, arrays=arrays)

    def result(self) -> dict[str, Any]:
        snap = self.snapshot()
        return {"mode": "dqn", "step": snap.step, "metrics": dict(snap.metrics),
                "returns": [float(r) for r in self.agent.returns],
                "solved_at_episode": self.agent.solved_at or None}


def make_engine(config, ctx: RunContext) -> Engine:
    return engine_for(config, ctx)  # MDPConfig.MODES: which engine runs each mode
