"""Tabular TD control: Q-learning, SARSA and Expected SARSA, one environment step at a time.

    Q(s,a) <- Q(s,a) + alpha [y - Q(s,a)]
    Q-learning      y = r + gamma max_a' Q(s',a')                  (off-policy: learns Q*)
    SARSA           y = r + gamma Q(s',a'),  a' ~ eps-greedy(Q)     (on-policy: the action it takes)
    Expected SARSA  y = r + gamma sum_a' pi(a'|s') Q(s',a')        (the mean over eps-greedy)
and y = r when s' is terminal. Actions are eps-greedy, ties broken at random.
"""

from __future__ import annotations

import numpy as np

from playground.mdp.model import FiniteMDP

LEARNERS = {"q_learning": "Q-learning", "sarsa": "SARSA", "expected_sarsa": "Expected SARSA"}


class TDLearner:
    def __init__(self, kind: str, mdp: FiniteMDP, gamma: float, alpha: float, epsilon: float,
                 episodes: int, max_episode_steps: int, seed: int) -> None:
        if kind not in LEARNERS:
            raise ValueError(f"unknown learner {kind!r}")
        self.kind, self.mdp = kind, mdp
        self.gamma, self.alpha, self.epsilon = gamma, alpha, epsilon
        self.episodes, self.max_steps = episodes, max_episode_steps
        self.rng = np.random.default_rng(seed)
        self.Q = np.zeros((mdp.n_states, mdp.n_actions))
        self.returns = np.zeros(episodes)
        self.lengths = np.zeros(episodes, dtype=np.int64)
        self.episode = 0
        self.s = mdp.start
        self.a: int | None = None  # SARSA's already chosen next action
        self.ep_return = 0.0
        self.ep_len = 0
        self.steps = 0

    @property
    def done(self) -> bool:
        return self.episode >= self.episodes

    def act(self, s: int) -> int:
        rng, q = self.rng, self.Q[s]
        if rng.random() < self.epsilon:
            return int(rng.integers(len(q)))
        best = np.flatnonzero(q == q.max())
        return int(best[0]) if len(best) == 1 else int(best[rng.integers(len(best))])

    def step(self) -> bool:
        """One move and one update; True when this move ended an episode."""
        if self.done:
            return False
        mdp, Q, s = self.mdp, self.Q, self.s
        a = self.a if self.a is not None else self.act(s)
        s2, r = mdp.sample(s, a, self.rng.random())
        self.ep_return += r
        self.ep_len += 1
        self.steps += 1
        terminal = mdp.terminal[s2]
        a2 = None
        if terminal:
            target = r
        elif self.kind == "q_learning":
            target = r + self.gamma * Q[s2].max()
        elif self.kind == "sarsa":
            a2 = self.act(s2)
            target = r + self.gamma * Q[s2, a2]
        else:
            q2 = Q[s2]
            target = r + self.gamma * (self.epsilon * q2.mean() + (1.0 - self.epsilon) * q2.max())
        Q[s, a] += self.alpha * (target - Q[s, a])
        if terminal or self.ep_len >= self.max_steps:
            self.returns[self.episode] = self.ep_return
            self.lengths[self.episode] = self.ep_len
            self.episode += 1
            self.s, self.a, self.ep_return, self.ep_len = mdp.start, None, 0.0, 0
            return True
        self.s, self.a = s2, a2
        return False

    def greedy(self) -> np.ndarray:
        """Greedy actions, -1 in terminal states."""
        actions = self.Q.argmax(axis=1)
        actions[self.mdp.terminal] = -1
        return actions

    def values(self) -> np.ndarray:
        V = self.Q.max(axis=1)
        V[self.mdp.terminal] = 0.0
        return V
