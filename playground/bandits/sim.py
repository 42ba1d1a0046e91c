"""R independent runs of a k-armed bandit, every algorithm on the same arms and reward draws.

Per step: the environment draws a reward for *every* arm of every run (common random numbers,
so algorithms are compared on the same sequence), each agent picks one arm per run, gets that
arm's reward, and the averaged statistics per step are accumulated: mean reward, % optimal
action, cumulative pseudo-regret sum_t (mu*_t - mu_{A_t}) and their spread over runs.
"""

from __future__ import annotations

import math

import numpy as np

from playground.bandits import theory
from playground.bandits.algorithms import make_agent
from playground.bandits.config import BanditsConfig


def initial_means(config: BanditsConfig, rng: np.random.Generator) -> np.ndarray:
    """runs x arms: the testbed draws per run; random draws one set; typed uses the config."""
    R, k = config.runs, config.arms
    if config.means_source == "typed":
        return np.tile(np.asarray(config.means, dtype=float), (R, 1))
    shape = (R, k) if config.means_source == "testbed" else (1, k)
    if config.reward_kind == "bernoulli":
        means = rng.random(shape)
    else:
        means = config.mean_offset + rng.standard_normal(shape)
    return np.broadcast_to(means, (R, k)).copy()


class Environment:
    """Draws all arms' rewards each step; drifts the means when non-stationary."""

    def __init__(self, config: BanditsConfig, rng: np.random.Generator, means: np.ndarray | None = None):
        self.config, self.rng = config, rng
        self.means = initial_means(config, rng) if means is None else np.array(means, dtype=float)
        self.bernoulli = config.reward_kind == "bernoulli"
        self.sigma = 1.0 if self.bernoulli else config.reward_std

    def draw(self, t: int) -> np.ndarray:
        if self.bernoulli:
            return (self.rng.random(self.means.shape) < self.means).astype(float)
        return self.means + self.sigma * self.rng.standard_normal(self.means.shape)

    def after_step(self) -> None:
        if self.config.drift_std > 0:
            self.means += self.config.drift_std * self.rng.standard_normal(self.means.shape)
            if self.bernoulli:
                np.clip(self.means, 0.0, 1.0, out=self.means)


class TableEnvironment:
    """One run whose rewards (T x k) and means (T x k) were drawn in advance (you vs the algorithm)."""

    def __init__(self, rewards: np.ndarray, means_path: np.ndarray, sigma: float):
        self.rewards, self.means_path, self.sigma = rewards, means_path, sigma
        self.means = means_path[0][None, :].copy()

    def draw(self, t: int) -> np.ndarray:
        self.means = self.means_path[t - 1][None, :]
        return self.rewards[t - 1][None, :]

    def after_step(self) -> None:
        pass


class Simulation:
    def __init__(self, config: BanditsConfig, seed: int, env=None):
        self.config = config
        root = np.random.SeedSequence([seed, 8])
        env_seq, *agent_seqs = root.spawn(1 + len(config.algorithms))
        self.env = env if env is not None else Environment(config, np.random.default_rng(env_seq))
        self.runs = self.env.means.shape[0]
        self.initial_means = self.env.means.copy()
        self.rngs = [np.random.default_rng(s) for s in agent_seqs]
        sigma = self.env.sigma
        self.agents = [make_agent(spec, self.runs, config.arms, sigma, config.horizon, self.initial_means)
                       for spec in config.algorithms]
        A, T = len(self.agents), config.horizon
        self.reward_sum = np.zeros((A, T))
        self.reward_sq = np.zeros((A, T))
        self.optimal = np.zeros((A, T))
        self.regret_sum = np.zeros((A, T))
        self.regret_sq = np.zeros((A, T))
        self.cum_regret = np.zeros((A, self.runs))
        self.total_reward = np.zeros(A)
        self.total_optimal = np.zeros(A)
        self.actions = np.zeros((A, T), dtype=np.int64)  # run 0's choices (for you vs the algorithm)
        self.t = 0
        self.rows = np.arange(self.runs)

    @property
    def finished(self) -> bool:
        return self.t >= self.config.horizon

    def step(self) -> None:
        t = self.t + 1
        all_rewards = self.env.draw(t)
        means = self.env.means
        best = means.max(axis=1)
        r = self.rows
        for i, (agent, rng) in enumerate(zip(self.agents, self.rngs)):
            actions = agent.select(t, rng)
            rewards = all_rewards[r, actions]
            agent.update(actions, rewards)
            chosen = means[r, actions]
            self.cum_regret[i] += best - chosen
            cr = self.cum_regret[i]
            self.reward_sum[i, t - 1] = rewards.sum()
            self.reward_sq[i, t - 1] = rewards @ rewards
            self.optimal[i, t - 1] = np.count_nonzero(chosen >= best - 1e-12)
            self.regret_sum[i, t - 1] = cr.sum()
            self.regret_sq[i, t - 1] = cr @ cr
            self.total_reward[i] += rewards.sum()
            self.total_optimal[i] += self.optimal[i, t - 1]
            self.actions[i, t - 1] = actions[0]
        self.env.after_step()
        self.t = t

    def advance(self, n: int) -> None:
        for _ in range(n):
            if self.finished:
                return
            self.step()

    # Averages -------------------------------------------------------------------------------------
    def curves(self, index: np.ndarray) -> dict[str, np.ndarray]:
        """Means over runs and 95% half-widths (1.96 s / sqrt(R)) at the steps ``index`` (0-based)."""
        R = self.runs
        out = {}

        def mean_band(total, sq):
            mean = total / R
            var = np.maximum(sq / R - mean ** 2, 0.0) * (R / max(R - 1, 1))
            return mean, 1.96 * np.sqrt(var / R)

        out["reward"], out["reward_band"] = mean_band(self.reward_sum[:, index], self.reward_sq[:, index])
        p = self.optimal[:, index] / R
        out["optimal"], out["optimal_band"] = 100 * p, 100 * 1.96 * np.sqrt(p * (1 - p) / R)
        out["regret"], out["regret_band"] = mean_band(self.regret_sum[:, index], self.regret_sq[:, index])
        return out

    def bounds(self, t: np.ndarray) -> dict[str, np.ndarray]:
        """Theoretical regret bounds at steps t, from the initial means (stationary bandits only)."""
        if self.config.drift_std > 0:
            return {}
        means, sigma = self.initial_means, self.env.sigma
        if means.shape[0] > 500:  # the average over 500 runs is plenty for a curve
            means = means[:500]
        out = {"bound_ucb_log": theory.ucb_log_bound(means, t, sigma),
               "bound_ucb_sqrt": theory.ucb_sqrt_bound(means, t, sigma)}
        for agent in self.agents:
            if agent.spec.kind == "etc":
                out["bound_etc"] = theory.etc_bound(means, agent.m[:means.shape[0]], t, sigma)
                break
        return out


def density_grid(config: BanditsConfig, means: np.ndarray) -> np.ndarray:
    if config.reward_kind == "bernoulli":
        return np.linspace(0.0, 1.0, 201)
    lo, hi = float(means.min()), float(means.max())
    return np.linspace(lo - 2.5, hi + 2.5, 201)


def beta_pdf(x: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Beta densities, one row per arm, on the grid x in [0, 1]."""
    x = np.clip(x, 1e-6, 1 - 1e-6)[None, :]
    a, b = a[:, None], b[:, None]
    log_norm = np.array([math.lgamma(p + q) - math.lgamma(p) - math.lgamma(q) for p, q in zip(a[:, 0], b[:, 0])])
    return np.exp(log_norm[:, None] + (a - 1) * np.log(x) + (b - 1) * np.log1p(-x))


def normal_pdf(x: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    z = (x[None, :] - mean[:, None]) / std[:, None]
    return np.exp(-0.5 * z ** 2) / (std[:, None] * math.sqrt(2 * math.pi))
