"""A finite MDP as outcome tables: what DP sweeps over and what TD agents sample from.

For each state s and action a there are K outcomes k with probability p[s,a,k], next state
nxt[s,a,k] and reward rew[s,a,k] (so rewards may depend on s', as in FrozenLake). A terminal
state has value 0; entering one ends the episode. This is gymnasium's ``env.unwrapped.P``
format as arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class FiniteMDP:
    p: np.ndarray  # (S, A, K) float
    nxt: np.ndarray  # (S, A, K) int
    rew: np.ndarray  # (S, A, K) float
    terminal: np.ndarray  # (S,) bool
    start: int = 0
    state_names: list[str] = field(default_factory=list)
    action_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.p = np.asarray(self.p, dtype=float)
        self.nxt = np.asarray(self.nxt, dtype=np.int64)
        self.rew = np.asarray(self.rew, dtype=float)
        self.terminal = np.asarray(self.terminal, dtype=bool)
        S, A, _ = self.p.shape
        if not self.state_names:
            self.state_names = [f"s{i + 1}" for i in range(S)]
        if not self.action_names:
            self.action_names = [f"a{i + 1}" for i in range(A)]
        # For sampling: the first k with cum[k] > u. Past the last outcome with p > 0 the sum is
        # set above 1, so rounding (a row summing to 0.9999999) never picks zero-probability padding.
        self.cum = np.cumsum(self.p, axis=2)
        K = self.p.shape[2]
        last = K - 1 - np.argmax((self.p > 0)[..., ::-1], axis=2)
        self.cum[np.arange(K)[None, None, :] >= last[..., None]] = 2.0

    @property
    def n_states(self) -> int:
        return self.p.shape[0]

    @property
    def n_actions(self) -> int:
        return self.p.shape[1]

    def expected_reward(self) -> np.ndarray:
        """R(s,a) = sum_s' P(s'|s,a) r(s,a,s'), shape (S, A)."""
        return (self.p * self.rew).sum(axis=2)

    def transition_matrices(self) -> np.ndarray:
        """P[a, s, s'] as dense matrices (for small MDPs and tests)."""
        S, A, K = self.p.shape
        P = np.zeros((A, S, S))
        for a in range(A):
            np.add.at(P[a], (np.repeat(np.arange(S), K), self.nxt[:, a, :].ravel()), self.p[:, a, :].ravel())
        return P

    def sample(self, s: int, a: int, u: float) -> tuple[int, float]:
        """The outcome of (s, a) for a uniform number u in [0, 1)."""
        k = int(np.searchsorted(self.cum[s, a], u, side="right"))
        return int(self.nxt[s, a, k]), float(self.rew[s, a, k])

    def sample_many(self, s: np.ndarray, a: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``sample`` for arrays of states, actions and uniforms (one per run)."""
        sa = s * self.p.shape[1] + a
        K = self.p.shape[2]
        if K == 1:  # a deterministic world: no draw to compare
            return self.nxt.reshape(-1)[sa], self.rew.reshape(-1)[sa]
        k = (self.cum.reshape(-1, K)[sa] <= u[:, None]).sum(axis=1)  # searchsorted(side="right") row by row
        return self.nxt.reshape(-1)[sa * K + k], self.rew.reshape(-1)[sa * K + k]


def from_matrices(P, R, terminal=None, start: int = 0, state_names=None, action_names=None) -> FiniteMDP:
    """An MDP from P[a][s][s'] and an expected reward R[s][a] (reward not depending on s')."""
    P = np.asarray(P, dtype=float)
    R = np.asarray(R, dtype=float)
    A, S, _ = P.shape
    p = np.transpose(P, (1, 0, 2))  # (S, A, S'): outcome k is next state k
    nxt = np.broadcast_to(np.arange(S), (S, A, S)).copy()
    rew = np.broadcast_to(R[:, :, None], (S, A, S)).copy()
    term = np.zeros(S, bool) if terminal is None else np.asarray(terminal, bool)
    return FiniteMDP(p, nxt, rew, term, start, list(state_names or []), list(action_names or []))


def from_tabular_config(cfg) -> FiniteMDP:
    return from_matrices(cfg.P, cfg.R, cfg.terminal, 0, cfg.states, cfg.actions)


def from_gym_P(P: dict, n_states: int, n_actions: int, start: int = 0, action_order=None) -> FiniteMDP:
    """gymnasium's ``env.unwrapped.P[s][a] = [(prob, s', r, terminated), ...]`` as a FiniteMDP.

    A state is terminal when some transition into it says ``terminated``. ``action_order`` lists
    the env's action index for each of our actions (to put them in a common order).
    """
    order = list(range(n_actions)) if action_order is None else list(action_order)
    K = max(len(P[s][a]) for s in range(n_states) for a in range(n_actions))
    p = np.zeros((n_states, len(order), K))
    nxt = np.zeros((n_states, len(order), K), dtype=np.int64)
    rew = np.zeros((n_states, len(order), K))
    terminal = np.zeros(n_states, bool)
    for s in range(n_states):
        for i, a in enumerate(order):
            for k, (prob, s2, r, done) in enumerate(P[s][a]):
                p[s, i, k], nxt[s, i, k], rew[s, i, k] = prob, int(s2), r
                if done:
                    terminal[int(s2)] = True
            nxt[s, i, len(P[s][a]):] = s  # zero-probability padding stays put
    return FiniteMDP(p, nxt, rew, terminal, start)
