"""Tabular MDPs: the seed notes' 3-state example, Bellman equations, validation, DP solvers."""

import json

import numpy as np
import pytest
from pydantic import ValidationError

from playground.engine import EngineError, RunContext
from playground.mdp import dp
from playground.mdp.config import SEED_P, MDPConfig, TabularConfig
from playground.mdp.engine import make_engine
from playground.mdp.model import from_matrices, from_tabular_config

SEED_R_S = np.array([1.0, 0.0, -1.0])  # r(s) of the seed example


def seed_numpy_solution(gamma):
    """The seed notes' formula, written out with numpy only: V = (I - gamma P_pi)^-1 R_pi."""
    P_pi = 0.5 * np.array(SEED_P[0]) + 0.5 * np.array(SEED_P[1])
    return np.linalg.solve(np.eye(3) - gamma * P_pi, SEED_R_S)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 0.9, 0.99])
def test_seed_example_linear_solve_matches_numpy(gamma):
    mdp = from_tabular_config(TabularConfig(gamma=gamma))
    V = dp.evaluate_linear(mdp, np.full((3, 2), 0.5), gamma)
    assert np.abs(V - seed_numpy_solution(gamma)).max() < 1e-9
    if gamma == 0.0:
        assert V == pytest.approx(SEED_R_S)


def test_seed_example_values_at_gamma_09():
    # Worked by hand from the seed's matrices: P_pi rows (.45,.35,.2), (.4,.5,.1), (.35,.3,.35).
    V = dp.evaluate_linear(from_tabular_config(TabularConfig()), np.full((3, 2), 0.5), 0.9)
    assert V == pytest.approx([3.0248261498, 2.1043437364, 0.7605737898], abs=1e-9)
    P_pi, R_pi = dp.policy_terms(from_tabular_config(TabularConfig()), np.full((3, 2), 0.5))
    assert P_pi == pytest.approx(np.array([[0.45, 0.35, 0.2], [0.4, 0.5, 0.1], [0.35, 0.3, 0.35]]))
    assert R_pi == pytest.approx(SEED_R_S)


def test_bellman_expectation_and_optimality_residuals():
    mdp = from_tabular_config(TabularConfig())
    pi = np.full((3, 2), 0.5)
    V = dp.evaluate_linear(mdp, pi, 0.9)
    assert np.abs(dp.evaluate_sweep(mdp, pi, 0.9, V) - V).max() < 1e-12
    V_star, actions = dp.solve_optimal(mdp, 0.9)
    assert np.abs(dp.value_iteration_sweep(mdp, 0.9, V_star) - V_star).max() < 1e-12
    assert list(actions) == [0, 0, 0]  # a1 drifts to s1 (reward 1) everywhere
    # V* of "always a1" by numpy directly.
    assert V_star == pytest.approx(np.linalg.solve(np.eye(3) - 0.9 * np.array(SEED_P[0]), SEED_R_S), abs=1e-9)
    assert np.all(V_star >= V - 1e-12)


def test_engine_solvers_converge_to_the_linear_solves():
    engine = make_engine(MDPConfig(), RunContext(seed=0))
    while not engine.finished:
        engine.advance(50)
    t = engine.snapshot().tables
    numpy_V = seed_numpy_solution(0.9)
    assert np.abs(np.array(t["V_pi_linear"]) - numpy_V).max() < 1e-9
    assert np.abs(np.array(t["V_pi_iterative"]) - numpy_V).max() < 1e-8
    assert np.array(t["V_value_iteration"]) == pytest.approx(t["V_star"], abs=1e-8)
    assert np.array(t["V_policy_iteration"]) == pytest.approx(t["V_star"], abs=1e-12)
    assert t["policy_policy_iteration"] == ["a1", "a1", "a1"]
    arrays = engine.snapshot().arrays
    # Iterative evaluation contracts by gamma per sweep: ||V_k - V|| <= gamma^k ||V_0 - V||.
    err = arrays["eval_error"]
    k = np.arange(len(err))
    assert np.all(err <= 0.9 ** k * err[0] + 1e-12)
    assert err[0] > 1 and err[-1] < 1e-8
    json.dumps(engine.result())


def test_policy_iteration_needs_few_improvements_value_iteration_many_sweeps():
    engine = make_engine(MDPConfig(tabular=TabularConfig(gamma=0.99)), RunContext())
    while not engine.finished:
        engine.advance(100)
    m = engine.snapshot().metrics
    assert m["pi_improvements"] <= 3
    assert engine.n_vi > 1000  # gamma = 0.99: the error shrinks by 0.99 a sweep


def test_random_walk_values_are_k_over_6():
    # Sutton & Barto example 6.2: states L A B C D E R, +1 on the right exit, gamma = 1.
    S = 7
    P = np.zeros((2, S, S))
    for s in range(S):
        P[0, s, max(s - 1, 0) if 0 < s < 6 else s] = 1
        P[1, s, min(s + 1, 6) if 0 < s < 6 else s] = 1
    R = np.zeros((S, 2))
    R[5, 1] = 1.0
    terminal = [True, False, False, False, False, False, True]
    mdp = from_matrices(P, R, terminal)
    V = dp.evaluate_linear(mdp, np.full((S, 2), 0.5), 1.0)
    assert V[1:6] == pytest.approx(np.arange(1, 6) / 6, abs=1e-12)
    assert V[0] == V[6] == 0


def test_row_not_summing_to_one_is_refused_naming_action_and_row():
    P = [[r[:] for r in m] for m in SEED_P]
    P[1][2] = [0.1, 0.4, 0.4]
    with pytest.raises(ValidationError) as info:
        TabularConfig(P=P)
    assert "a=a2" in str(info.value) and "row s3" in str(info.value) and "sums to 0.9" in str(info.value)


def test_negative_entry_is_refused_naming_action_row_and_column():
    P = [[r[:] for r in m] for m in SEED_P]
    P[0][1] = [1.2, -0.2, 0.0]
    with pytest.raises(ValidationError) as info:
        TabularConfig(P=P)
    text = str(info.value)
    assert "a=a1" in text and "row s2" in text and "column s2" in text and "negative" in text


def test_policy_rows_and_shapes_are_checked():
    with pytest.raises(ValidationError, match="policy"):
        TabularConfig(policy=[[0.5, 0.5], [0.7, 0.7], [0.5, 0.5]])
    with pytest.raises(ValidationError, match="one per action"):
        TabularConfig(actions=["a1", "a2", "a3"])
    with pytest.raises(ValidationError, match="terminal"):
        TabularConfig(gamma=1.0)


def test_gamma_one_loop_without_exit_is_an_engine_error():
    # s2 never reaches the terminal s1 under the policy "stay": (I - P_pi) is singular.
    cfg = TabularConfig(states=["s1", "s2"], actions=["stay"], P=[[[1, 0], [0, 1]]], R=[[0], [1]],
                        policy=[[1], [1]], terminal=[True, False], gamma=1.0)
    with pytest.raises(EngineError, match="singular"):
        make_engine(MDPConfig(tabular=cfg), RunContext())


def test_tabular_engine_is_chunk_invariant():
    a = make_engine(MDPConfig(tabular=TabularConfig(gamma=0.95)), RunContext())
    b = make_engine(MDPConfig(tabular=TabularConfig(gamma=0.95)), RunContext())
    a.advance(3)
    a.advance(5)
    b.advance(8)
    sa, sb = a.snapshot(), b.snapshot()
    assert sa.step == sb.step == 8
    assert sa.tables == sb.tables
    for key in sa.arrays:
        assert np.array_equal(sa.arrays[key], sb.arrays[key])
