"""Bandit algorithms over R runs at once: every array is runs x arms, one numpy call per step.

Each agent has ``select(t, rng) -> actions (R,)`` (t counts from 1) and
``update(actions, rewards)``; ``view(run)`` gives its per-arm picture of one run for the plots.
Ties between equal estimates are broken at random (the textbook's greedy needs it).
"""

from __future__ import annotations

import numpy as np

from playground.bandits.config import AlgoSpec
from playground.bandits import theory


def _argmax_random_ties(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    top = values.max(axis=1, keepdims=True)
    ties = values >= top
    score = rng.random(values.shape) * ties
    return score.argmax(axis=1)


class Agent:
    def __init__(self, spec: AlgoSpec, runs: int, arms: int, sigma: float, horizon: int, means: np.ndarray):
        self.spec, self.runs, self.arms = spec, runs, arms
        self.rows = np.arange(runs)
        self.Q = np.full((runs, arms), float(spec.initial))
        self.N = np.zeros((runs, arms))
        self.explored = np.zeros((runs, arms))  # pulls made by exploring (epsilon's random pulls)

    def _learn(self, actions: np.ndarray, rewards: np.ndarray) -> None:
        r = self.rows
        self.N[r, actions] += 1
        alpha = self.spec.step_size if self.spec.step_size > 0 else 1.0 / self.N[r, actions]
        self.Q[r, actions] += alpha * (rewards - self.Q[r, actions])

    def update(self, actions, rewards) -> None:
        self._learn(actions, rewards)

    def upper(self, t: int) -> np.ndarray | None:
        return None

    def view(self, run: int, t: int) -> dict[str, np.ndarray]:
        out = {"estimate": self.Q[run].copy(), "count": self.N[run].copy(), "explored": self.explored[run].copy()}
        upper = self.upper(max(t, 1))
        if upper is not None:
            out["upper"] = np.where(np.isfinite(upper[run]), upper[run], np.nan)
        return out


class EpsilonGreedy(Agent):
    """Greedy (epsilon = 0), fixed epsilon, or decaying eps_t = eps0 * decay / (decay + t)."""

    def epsilon(self, t: int) -> float:
        s = self.spec
        if s.kind == "greedy":
            return 0.0
        if s.kind == "eps_decay":
            return s.epsilon * s.decay / (s.decay + t - 1)
        return s.epsilon

    def select(self, t, rng):
        greedy = _argmax_random_ties(self.Q, rng)
        eps = self.epsilon(t)
        if eps <= 0:
            return greedy
        explore = rng.random(self.runs) < eps
        random_arm = rng.integers(0, self.arms, self.runs)
        actions = np.where(explore, random_arm, greedy)
        self.explored[self.rows, actions] += explore
        return actions


class ExploreThenCommit(Agent):
    """Seed notes: A_t = (t mod k) + 1 while t <= m k, then argmax_i mu_hat_i(mk)."""

    def __init__(self, spec, runs, arms, sigma, horizon, means):
        super().__init__(spec, runs, arms, sigma, horizon, means)
        if spec.m > 0:
            self.m = np.full(runs, min(spec.m, max(1, horizon // arms)), dtype=np.int64)
        else:
            self.m = theory.etc_best_m(theory.smallest_gap(means), horizon, sigma, arms) * np.ones(runs, np.int64)
        self.commit = np.full(runs, -1)

    def select(self, t, rng):
        exploring = t <= self.m * self.arms
        if not exploring.all():
            fresh = ~exploring & (self.commit < 0)
            if fresh.any():
                self.commit[fresh] = _argmax_random_ties(self.Q[fresh], rng)
        actions = np.where(exploring, (t - 1) % self.arms, self.commit)
        self.explored[self.rows, actions] += exploring
        return actions


class UCB(Agent):
    """UCB1: Q + c sqrt(ln t / N); UCB(delta): Q + sqrt(2 log(1/delta) / N). Untried arms first."""

    def upper(self, t):
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.spec.kind == "ucb1":
                bonus = self.spec.c * np.sqrt(np.log(max(t, 1)) / self.N)
            else:
                bonus = np.sqrt(2 * np.log(1 / self.spec.delta) / self.N)
        return np.where(self.N > 0, self.Q + bonus, np.inf)

    def select(self, t, rng):
        return _argmax_random_ties(self.upper(t), rng)


class ThompsonBeta(Agent):
    """Beta(1 + successes, 1 + failures) posterior per arm; pull the arm whose sample is largest."""

    def __init__(self, *args):
        super().__init__(*args)
        self.a = np.ones((self.runs, self.arms))
        self.b = np.ones((self.runs, self.arms))
        self.Q[:] = 0.5

    def select(self, t, rng):
        return rng.beta(self.a, self.b).argmax(axis=1)

    def update(self, actions, rewards):
        r = self.rows
        self.N[r, actions] += 1
        self.a[r, actions] += rewards
        self.b[r, actions] += 1 - rewards
        self.Q[r, actions] = self.a[r, actions] / (self.a[r, actions] + self.b[r, actions])

    def view(self, run, t):
        out = super().view(run, t)
        out["beta_a"], out["beta_b"] = self.a[run].copy(), self.b[run].copy()
        return out


class ThompsonGauss(Agent):
    """Prior N(0, s0^2), known noise sigma: posterior precision 1/s0^2 + N/sigma^2, mean S/sigma^2 / precision."""

    def __init__(self, spec, runs, arms, sigma, horizon, means):
        super().__init__(spec, runs, arms, sigma, horizon, means)
        self.sigma2 = sigma ** 2
        self.S = np.zeros((runs, arms))
        self.Q[:] = 0.0

    def posterior(self):
        precision = 1.0 / self.spec.prior_std ** 2 + self.N / self.sigma2
        return (self.S / self.sigma2) / precision, 1.0 / np.sqrt(precision)

    def select(self, t, rng):
        mean, std = self.posterior()
        return (mean + std * rng.standard_normal(mean.shape)).argmax(axis=1)

    def update(self, actions, rewards):
        r = self.rows
        self.N[r, actions] += 1
        self.S[r, actions] += rewards
        self.Q[r, actions] = self.posterior()[0][r, actions]

    def view(self, run, t):
        out = super().view(run, t)
        mean, std = self.posterior()
        out["post_mean"], out["post_std"] = mean[run].copy(), std[run].copy()
        return out


class GradientBandit(Agent):
    """Softmax preferences H: H <- H + alpha (R - baseline) (1[a = A] - pi)."""

    def __init__(self, spec, runs, arms, sigma, horizon, means):
        super().__init__(spec, runs, arms, sigma, horizon, means)
        self.H = np.zeros((runs, arms))
        self.baseline = np.zeros(runs)
        self.steps = 0
        self.alpha = spec.step_size if spec.step_size > 0 else 0.1

    def policy(self):
        z = np.exp(self.H - self.H.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def select(self, t, rng):
        self.pi = self.policy()
        u = rng.random((self.runs, 1))
        return np.minimum((self.pi.cumsum(axis=1) < u).sum(axis=1), self.arms - 1)

    def update(self, actions, rewards):
        r = self.rows
        self.N[r, actions] += 1
        self.Q[r, actions] += (rewards - self.Q[r, actions]) / self.N[r, actions]
        self.steps += 1
        if self.spec.baseline:
            self.baseline += (rewards - self.baseline) / self.steps
        adv = (rewards - self.baseline)[:, None]
        self.H -= self.alpha * adv * self.pi
        self.H[r, actions] += self.alpha * adv[:, 0]

    def view(self, run, t):
        out = super().view(run, t)
        out["preference"], out["policy"] = self.H[run].copy(), self.policy()[run]
        return out


KINDS = {"greedy": EpsilonGreedy, "eps_greedy": EpsilonGreedy, "eps_decay": EpsilonGreedy,
         "etc": ExploreThenCommit, "ucb1": UCB, "ucb_delta": UCB, "thompson_beta": ThompsonBeta,
         "thompson_gauss": ThompsonGauss, "gradient": GradientBandit}


def make_agent(spec: AlgoSpec, runs: int, arms: int, sigma: float, horizon: int, means: np.ndarray) -> Agent:
    return KINDS[spec.kind](spec, runs, arms, sigma, horizon, means)
