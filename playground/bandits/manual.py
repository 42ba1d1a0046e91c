"""You vs the algorithm: one bandit whose reward sequence is drawn in advance from the seed.

The person pulls arms one at a time; ``compare()`` then runs each configured algorithm on the very
same table of rewards (arm a at step t pays ``rewards[t, a]`` whoever pulls it) for as many steps,
so the regrets are directly comparable.
"""

from __future__ import annotations

import numpy as np

from playground.bandits.config import BanditsConfig
from playground.bandits.sim import Environment, Simulation, TableEnvironment


class ManualBandit:
    def __init__(self, config: BanditsConfig, seed: int = 0):
        self.config = config.model_copy(update={"runs": 1})
        self.seed = seed
        env = Environment(self.config, np.random.default_rng(np.random.SeedSequence([seed, 99])))
        T, k = self.config.horizon, self.config.arms
        self.means_path = np.empty((T, k))
        self.rewards = np.empty((T, k))
        for t in range(T):  # the whole sequence, fixed before the first pull
            self.rewards[t] = env.draw(t + 1)[0]
            self.means_path[t] = env.means[0]
            env.after_step()
        self.sigma = env.sigma
        self.pulls: list[int] = []
        self.received: list[float] = []
        self._algo_curves: dict[str, np.ndarray] | None = None

    @property
    def arms(self) -> int:
        return self.config.arms

    @property
    def finished(self) -> bool:
        return len(self.pulls) >= self.config.horizon

    def pull(self, arm: int) -> float:
        if self.finished:
            raise ValueError("the horizon is reached: start a new game")
        if not 0 <= arm < self.arms:
            raise ValueError(f"no arm {arm + 1}: choose 1 to {self.arms}")
        t = len(self.pulls)
        reward = float(self.rewards[t, arm])
        self.pulls.append(arm)
        self.received.append(reward)
        return reward

    def regret_curve(self) -> np.ndarray:
        """Cumulative pseudo-regret sum_t (mu*_t - mu_{A_t}) after each of your pulls."""
        n = len(self.pulls)
        if n == 0:
            return np.zeros(0)
        means = self.means_path[:n]
        return np.cumsum(means.max(axis=1) - means[np.arange(n), self.pulls])

    def regret(self) -> float:
        curve = self.regret_curve()
        return float(curve[-1]) if len(curve) else 0.0

    def total_reward(self) -> float:
        return float(sum(self.received))

    def arm_stats(self) -> tuple[np.ndarray, np.ndarray]:
        """Your pull counts and average reward per arm (NaN for an arm never pulled)."""
        counts = np.bincount(np.asarray(self.pulls, dtype=np.int64), minlength=self.arms).astype(float)
        sums = np.bincount(np.asarray(self.pulls, dtype=np.int64), weights=self.received, minlength=self.arms)
        with np.errstate(invalid="ignore", divide="ignore"):
            return counts, np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)

    @property
    def algorithms_ready(self) -> bool:
        return self._algo_curves is not None

    def run_algorithms(self) -> None:
        """Run every algorithm over the whole horizon (up to 20,000 x 8 steps: the GUI calls this
        off its thread). It reads only the reward table fixed at construction, so it is safe to
        run while the person pulls arms; the result is published in one assignment."""
        if self._algo_curves is not None:  # the algorithms do not depend on your pulls: run them once
            return
        curves = {}
        for i, label in enumerate(self.config.labels()):
            cfg = self.config.model_copy(update={"algorithms": [self.config.algorithms[i]]})
            env = TableEnvironment(self.rewards, self.means_path, self.sigma)
            sim = Simulation(cfg, self.seed, env=env)
            sim.advance(self.config.horizon)
            curves[label] = sim.regret_sum[0]
        self._algo_curves = curves

    def compare(self) -> dict[str, np.ndarray]:
        """Each algorithm's cumulative regret on the same reward table, for as many steps as you took."""
        self.run_algorithms()
        n = len(self.pulls)
        return {label: curve[:n].copy() for label, curve in self._algo_curves.items()}
