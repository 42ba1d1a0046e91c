"""Tabular TD control: Q-learning, SARSA and Expected SARSA, one environment step at a time.

    Q(s,a) <- Q(s,a) + alpha [y - Q(s,a)]
    Q-learning      y = r + gamma max_a' Q(s',a')                  (off-policy: learns Q*)
    SARSA           y = r + gamma Q(s',a'),  a' ~ eps-greedy(Q)     (on-policy: the action it takes)
    Expected SARSA  y = r + gamma sum_a' pi(a'|s') Q(s',a')        (the mean over eps-greedy)
and y = r when s' is terminal. Actions are eps-greedy, ties broken at random.

A learner holds R independent runs advanced together as numpy arrays (Q is R x S x A), as the
bandits do, so curves can be averaged over runs (Sutton & Barto figure 6.4 averages 100). Each
run draws from its own generator, a fixed number of uniforms per move, so run r of a learner
with seeds [s0, s1, ...] is exactly the single run of a learner with seeds [s_r].
"""

from __future__ import annotations

import numpy as np

from playground.mdp.model import FiniteMDP

LEARNERS = {"q_learning": "Q-learning", "sarsa": "SARSA", "expected_sarsa": "Expected SARSA"}
# Part of each learner's seed: its stream depends on what it is, never on where it is in the list.
LEARNER_STREAM = {"q_learning": 1, "sarsa": 2, "expected_sarsa": 3}
NO_ACTION = -1


def run_seeds(seed: int, kind: str, runs: int) -> list[list[int]]:
    """The seed of each run of a learner: (seed, learner kind, run index)."""
    return [[int(seed), LEARNER_STREAM[kind], r] for r in range(runs)]


class TDLearner:
    BLOCK = 256  # moves of uniforms drawn at once per run (one Python call per run per block)

    def __init__(self, kind: str, mdp: FiniteMDP, gamma: float, alpha: float, epsilon: float,
                 episodes: int, max_episode_steps: int, seeds) -> None:
        if kind not in LEARNERS:
            raise ValueError(f"unknown learner {kind!r}")
        if len(seeds) < 1:
            raise ValueError("a learner needs at least one run (one seed)")
        self.kind, self.mdp = kind, mdp
        self.gamma, self.alpha, self.epsilon = gamma, alpha, epsilon
        self.episodes, self.max_steps = episodes, max_episode_steps
        self.rngs = [np.random.default_rng(seed) for seed in seeds]
        R, S, A = self.runs, _, self.n_actions = len(seeds), mdp.n_states, mdp.n_actions
        self.rows = np.arange(R)
        self.Q = np.zeros((R, S, A))
        self._by_state = self.Q.reshape(R * S, A)  # views of Q indexed by run * S + s ...
        self._flat = self.Q.reshape(-1)  # ... and by (run * S + s) * A + a: one index array is fastest
        self._base = self.rows * S
        self.returns = np.zeros((R, episodes))
        self.lengths = np.zeros((R, episodes), dtype=np.int64)
        self.finished_episodes = np.zeros(R, dtype=np.int64)  # per run
        self.s = np.full(R, mdp.start, dtype=np.int64)
        self.a = np.full(R, NO_ACTION, dtype=np.int64)  # SARSA's already chosen next action
        self.ep_return = np.zeros(R)
        self.ep_len = np.zeros(R, dtype=np.int64)
        self.steps = 0
        # Uniforms per move and run, a fixed number whatever happens: 1 + A for the action
        # (exploring or not, then one score per action), one for the outcome, 1 + A for SARSA's a'.
        self.draws = 3 + 2 * A
        self._block = np.zeros((R, 0, self.draws))
        self._next = 0

    @property
    def episode(self) -> int:
        """Episodes that every run has finished (the length of the averaged curves)."""
        return int(self.finished_episodes.min())

    @property
    def done(self) -> bool:
        return self.episode >= self.episodes

    def _uniforms(self) -> np.ndarray:
        """This move's (R, draws) uniforms; every run uses one row per move, finished or not."""
        if self._next == self._block.shape[1]:
            self._block = np.stack([rng.random((self.BLOCK, self.draws)) for rng in self.rngs])
            self._next = 0
        self._next += 1
        return self._block[:, self._next - 1]

    def _act(self, s: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Epsilon-greedy actions in states s (one per run) from uniforms u (R, 1 + A): explore when
        u[:, 0] < epsilon; the action is the highest score u[:, 1:] among all actions when exploring,
        among the greedy ones (ties broken uniformly) otherwise."""
        q = self._by_state[self._base + s]
        allowed = (q == q.max(axis=1, keepdims=True)) | (u[:, :1] < self.epsilon)
        return np.argmax(np.where(allowed, u[:, 1:], -1.0), axis=1)

    def step(self) -> np.ndarray:
        """One move and one update in every unfinished run; the runs (indices) whose move ended an episode."""
        if self.done:
            return np.zeros(0, dtype=np.int64)
        A, mdp, Qs, base = self.n_actions, self.mdp, self._by_state, self._base
        u = self._uniforms()
        live = self.finished_episodes < self.episodes
        some_finished = not live.all()
        s = self.s
        a = np.where(self.a != NO_ACTION, self.a, self._act(s, u[:, : 1 + A]))  # SARSA chose it already
        s2, r = mdp.sample_many(s, a, u[:, 1 + A])
        terminal = mdp.terminal[s2]
        a2 = None
        if self.kind == "q_learning":
            ahead = Qs[base + s2].max(axis=1)
        elif self.kind == "sarsa":
            a2 = self._act(s2, u[:, 2 + A:])
            ahead = self._flat[(base + s2) * A + a2]
        else:
            q2 = Qs[base + s2]
            ahead = self.epsilon * q2.mean(axis=1) + (1.0 - self.epsilon) * q2.max(axis=1)
        target = np.where(terminal, r, r + self.gamma * ahead)
        at = (base + s) * A + a
        delta = self.alpha * (target - self._flat[at])
        if some_finished:  # finished runs wait, unchanged, for the others
            delta[~live] = 0.0
            r = np.where(live, r, 0.0)
            s2 = np.where(live, s2, s)
        self._flat[at] += delta
        self.steps += 1
        self.ep_return += r
        self.ep_len += live
        ended = terminal | (self.ep_len >= self.max_steps)
        if some_finished:
            ended &= live
        self.s = s2
        if a2 is not None:
            self.a = np.where(live, a2, self.a) if some_finished else a2
        if not ended.any():
            return np.zeros(0, dtype=np.int64)
        ended = np.flatnonzero(ended)
        done_at = self.finished_episodes[ended]
        self.returns[ended, done_at] = self.ep_return[ended]
        self.lengths[ended, done_at] = self.ep_len[ended]
        self.finished_episodes[ended] += 1
        self.s[ended], self.a[ended] = mdp.start, NO_ACTION
        self.ep_return[ended], self.ep_len[ended] = 0.0, 0
        return ended

    def greedy(self) -> np.ndarray:
        """Greedy actions (R, S), -1 in terminal states."""
        actions = self.Q.argmax(axis=2)
        actions[:, self.mdp.terminal] = NO_ACTION
        return actions

    def values(self) -> np.ndarray:
        """max_a Q(s, a) per run (R, S), 0 in terminal states."""
        V = self.Q.max(axis=2)
        V[:, self.mdp.terminal] = 0.0
        return V

    def mean_curve(self, per_run: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean over runs of a per-episode array (R, episodes), up to the episodes all runs finished,
        and its standard error (0 for a single run)."""
        e = self.episode
        part = np.asarray(per_run[:, :e], dtype=float)
        mean = part.mean(axis=0)
        if self.runs < 2:
            return mean, np.zeros(e)
        return mean, part.std(axis=0, ddof=1) / np.sqrt(self.runs)
