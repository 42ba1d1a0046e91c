"""Dynamic programming on a FiniteMDP: Bellman equations solved exactly and sweep by sweep.

    V_pi = R_pi + gamma P_pi V_pi  =>  V_pi = (I - gamma P_pi)^-1 R_pi        (linear solve)
    V_{k+1}(s) = sum_a pi(a|s) [R(s,a) + gamma sum_s' P(s'|s,a) V_k(s')]     (iterative evaluation)
    V_{k+1}(s) = max_a       [R(s,a) + gamma sum_s' P(s'|s,a) V_k(s')]     (value iteration)
    pi(s) = argmax_a Q_pi(s,a), then evaluate pi again, until pi is stable    (policy iteration)

Terminal states keep V = 0, so with gamma = 1 the linear system is solved on the other states.
"""

from __future__ import annotations

import numpy as np

from playground.mdp.model import FiniteMDP


class SingularError(ValueError):
    """I - gamma P_pi cannot be inverted: with gamma = 1 some state never reaches a terminal one."""


def q_from_v(mdp: FiniteMDP, V: np.ndarray, gamma: float) -> np.ndarray:
    """Q(s,a) = sum_k p_k [r_k + gamma V(s'_k)], shape (S, A); 0 in terminal states."""
    Q = (mdp.p * (mdp.rew + gamma * V[mdp.nxt])).sum(axis=2)
    Q[mdp.terminal] = 0.0
    return Q


def policy_terms(mdp: FiniteMDP, pi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P_pi(s'|s) = sum_a pi(a|s) P(s'|s,a) and R_pi(s) = sum_a pi(a|s) R(s,a)."""
    S, A, K = mdp.p.shape
    weights = mdp.p * pi[:, :, None]
    P_pi = np.zeros((S, S))
    np.add.at(P_pi, (np.repeat(np.arange(S), A * K), mdp.nxt.reshape(S, -1).ravel()), weights.reshape(-1))
    R_pi = (pi * mdp.expected_reward()).sum(axis=1)
    return P_pi, R_pi


MAX_VALUE = 1e10  # a value beyond this is garbage from a near-singular solve, or rewards too large to show
SINGULAR_CONDITION = 1e12  # cond(I - gamma P_pi) above this: the system cannot be trusted


class ValuesOverflowError(SingularError):
    """The system is fine but the rewards are so large that the values leave float range (or MAX_VALUE).
    A SingularError subclass so every place that reports an unsolvable system reports this too."""


def evaluate_linear(mdp: FiniteMDP, pi: np.ndarray, gamma: float) -> np.ndarray:
    """V_pi = (I - gamma P_pi)^-1 R_pi on the non-terminal states; 0 on terminal ones."""
    with np.errstate(over="ignore", invalid="ignore"):
        P_pi, R_pi = policy_terms(mdp, pi)
    live = ~mdp.terminal
    V = np.zeros(mdp.n_states)
    if not live.any():
        return V
    M = np.eye(int(live.sum())) - gamma * P_pi[np.ix_(live, live)]
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            V[live] = np.linalg.solve(M, R_pi[live])
        solved = bool(np.all(np.isfinite(V))) and np.abs(V).max() <= MAX_VALUE
    except np.linalg.LinAlgError:
        solved = False
    if solved:
        return V
    if np.all(np.isfinite(R_pi)) and np.linalg.cond(M) > SINGULAR_CONDITION:
        # A (nearly) singular system: gamma = 1 and a loop that never ends solves to garbage.
        raise SingularError(
            "I - gamma P_pi is singular: with gamma = 1 some state never reaches a terminal state "
            "under this policy, so its value is infinite; lower gamma or let every state reach a terminal"
        )
    biggest = float(np.abs(mdp.expected_reward()).max())
    raise ValuesOverflowError(
        f"the values overflow: rewards up to {biggest:.3g} with gamma = {gamma:g} give state values beyond "
        f"{MAX_VALUE:.0e} (or past the largest float); use smaller rewards"
    )


def evaluate_sweep(mdp: FiniteMDP, pi: np.ndarray, gamma: float, V: np.ndarray) -> np.ndarray:
    """One synchronous sweep of iterative policy evaluation."""
    return (pi * q_from_v(mdp, V, gamma)).sum(axis=1)


def value_iteration_sweep(mdp: FiniteMDP, gamma: float, V: np.ndarray) -> np.ndarray:
    """One synchronous sweep of value iteration, V <- max_a Q(V)."""
    return q_from_v(mdp, V, gamma).max(axis=1)


def greedy_actions(Q: np.ndarray, previous: np.ndarray | None = None, tol: float = 1e-9) -> np.ndarray:
    """argmax_a Q(s,a); on ties keep the previous action (so policy iteration stops)."""
    best = Q.argmax(axis=1)
    if previous is not None:
        scale = tol * np.maximum(1.0, np.abs(Q).max(axis=1))
        keep = Q[np.arange(len(Q)), previous] >= Q.max(axis=1) - scale
        best = np.where(keep, previous, best)
    return best


def one_hot(actions: np.ndarray, n_actions: int) -> np.ndarray:
    pi = np.zeros((len(actions), n_actions))
    pi[np.arange(len(actions)), actions] = 1.0
    return pi


def uniform_policy(mdp: FiniteMDP) -> np.ndarray:
    return np.full((mdp.n_states, mdp.n_actions), 1.0 / mdp.n_actions)


class PolicyIteration:
    """Policy iteration stepped one improvement at a time (``V`` and ``pi`` after each)."""

    def __init__(self, mdp: FiniteMDP, gamma: float, pi0: np.ndarray | None = None) -> None:
        self.mdp, self.gamma = mdp, gamma
        self.pi = uniform_policy(mdp) if pi0 is None else np.asarray(pi0, float)
        self.actions: np.ndarray | None = None
        self.V = evaluate_linear(mdp, self.pi, gamma)
        self.improvements = 0
        self.stable = False

    def step(self) -> bool:
        """Improve once, then evaluate; True when the policy did not change (it is optimal)."""
        if self.stable:
            return True
        Q = q_from_v(self.mdp, self.V, self.gamma)
        actions = greedy_actions(Q, self.actions)
        self.stable = self.actions is not None and bool(np.array_equal(actions, self.actions))
        if not self.stable:
            self.actions = actions
            self.pi = one_hot(actions, self.mdp.n_actions)
            self.V = evaluate_linear(self.mdp, self.pi, self.gamma)
            self.improvements += 1
        return self.stable


def value_iteration(mdp: FiniteMDP, gamma: float, tol: float = 1e-12, max_sweeps: int = 100_000):
    """V* by sweeping until the largest change is below tol; returns (V, sweeps)."""
    V = np.zeros(mdp.n_states)
    for sweep in range(1, max_sweeps + 1):
        V_new = value_iteration_sweep(mdp, gamma, V)
        delta = np.abs(V_new - V).max()
        V = V_new
        if delta < tol:
            return V, sweep
    raise SingularError(f"value iteration did not converge in {max_sweeps} sweeps (gamma = {gamma})")


def solve_optimal(mdp: FiniteMDP, gamma: float, max_improvements: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """V* and a greedy optimal policy (actions), by policy iteration (value iteration if it cannot)."""
    try:
        pi_solver = PolicyIteration(mdp, gamma)
        for _ in range(max_improvements):
            if pi_solver.step():
                return pi_solver.V, pi_solver.actions
    except SingularError:
        pass
    V, _ = value_iteration(mdp, gamma)
    return V, greedy_actions(q_from_v(mdp, V, gamma))
