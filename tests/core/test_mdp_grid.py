"""Gridworlds against the textbook: Sutton & Barto 4.1, 3.5, 6.5, 6.6; Russell & Norvig 17.3; gymnasium."""

import json

import numpy as np
import pytest
from pydantic import ValidationError

from playground.engine import RunContext
from playground.mdp import dp, grid
from playground.mdp.config import GridConfig, MDPConfig, Teleport
from playground.mdp.engine import make_engine
from playground.mdp.td import TDLearner

SUTTON_4X4 = GridConfig(layout=["G...", "....", "....", "S..G"], step_reward=-1, goal_reward=0, slip=0,
                        gamma=1, dp="random_policy", learners=[])
SUTTON_5X5 = GridConfig(layout=["....."] * 4 + ["S...."], step_reward=0, bump_reward=-1, slip=0, gamma=0.9,
                        teleports=[Teleport(src=(0, 1), dst=(4, 1), reward=10),
                                   Teleport(src=(0, 3), dst=(2, 3), reward=5)])
FROZEN_4X4 = ["S...", ".P.P", "...P", "P..G"]
CLIFF = ["." * 12] * 3 + ["SCCCCCCCCCCG"]


def test_sutton_4x4_random_policy_values():
    world = grid.build(SUTTON_4X4)
    V = dp.evaluate_linear(world.mdp, dp.uniform_policy(world.mdp), 1.0).reshape(4, 4)
    expected = [[0, -14, -20, -22], [-14, -18, -20, -20], [-20, -20, -18, -14], [-22, -20, -14, 0]]
    assert V == pytest.approx(np.array(expected, float), abs=1e-9)


def test_sutton_4x4_engine_sweeps_reach_the_same_values():
    engine = make_engine(MDPConfig(mode="gridworld", grid=SUTTON_4X4), RunContext())
    engine.advance(1)
    # After one sweep every non-terminal cell is -1 (Sutton & Barto figure 4.1, k = 1).
    V1 = engine.snapshot().arrays["V_dp"]
    assert V1[0, 1] == -1 and V1[2, 2] == -1 and V1[0, 0] == 0
    while not engine.finished:
        engine.advance(200)
    V = engine.snapshot().arrays["V_dp"]
    assert V[0, 3] == pytest.approx(-22, abs=1e-6) and V[1, 1] == pytest.approx(-18, abs=1e-6)


def test_sutton_5x5_teleports_random_and_optimal():
    world = grid.build(SUTTON_5X5)
    V = dp.evaluate_linear(world.mdp, dp.uniform_policy(world.mdp), 0.9).reshape(5, 5)
    assert round(V[0, 1], 1) == 8.8 and round(V[0, 3], 1) == 5.3  # V(A), V(B), figure 3.2
    assert round(V[0, 0], 1) == 3.3 and round(V[4, 4], 1) == -2.0
    V_star, _ = dp.solve_optimal(world.mdp, 0.9)
    V_star = V_star.reshape(5, 5)
    assert round(V_star[0, 1], 1) == 24.4 and round(V_star[0, 3], 1) == 19.4  # figure 3.5
    # V*(A) = 10 + gamma^5 V*(A) in closed form: from A' the best is 4 steps back up to A.
    assert V_star[0, 1] == pytest.approx(10 / (1 - 0.9 ** 5), abs=1e-9)


def test_russell_norvig_4x3_utilities():
    world = grid.build(GridConfig())  # the default grid: 0.8 / 0.1 / 0.1, step -0.04, gamma 1
    V, _ = dp.solve_optimal(world.mdp, 1.0)
    V = V.reshape(3, 4)
    expected = {(0, 0): 0.812, (0, 1): 0.868, (0, 2): 0.918, (1, 0): 0.762, (1, 2): 0.660,
                (2, 0): 0.705, (2, 1): 0.655, (2, 2): 0.611, (2, 3): 0.388}
    for cell, value in expected.items():
        assert V[cell] == pytest.approx(value, abs=5e-4), cell


def test_sutton_windy_gridworld_takes_15_steps():
    cfg = GridConfig(layout=["." * 10] * 3 + ["S......G.."] + ["." * 10] * 3, step_reward=-1, goal_reward=0,
                     slip=0, gamma=1, wind=[0, 0, 0, 1, 1, 1, 2, 2, 1, 0])
    world = grid.build(cfg)
    V, actions = dp.solve_optimal(world.mdp, 1.0)
    assert V[world.mdp.start] == pytest.approx(-15)
    path, ret = grid.greedy_path(world.mdp, actions, 1.0, 100)
    assert len(path) == 16 and ret == -15


@pytest.mark.parametrize("slippery", [False, True])
def test_painted_frozenlake_equals_gymnasium(slippery):
    cfg = GridConfig(layout=FROZEN_4X4, step_reward=0, goal_reward=1, pit_reward=0, slip=2 / 3 if slippery else 0,
                     gamma=0.99)
    ours, gym = grid.build(cfg).mdp, grid.build_gym("FrozenLake-v1 4x4", slippery).mdp
    assert np.array_equal(ours.terminal, gym.terminal)
    live = ~ours.terminal
    assert np.abs(ours.transition_matrices()[:, live] - gym.transition_matrices()[:, live]).max() < 1e-12
    assert np.abs(ours.expected_reward()[live] - gym.expected_reward()[live]).max() < 1e-12


def test_painted_cliff_equals_gymnasium():
    cfg = GridConfig(layout=CLIFF, step_reward=-1, goal_reward=0, slip=0, gamma=1)
    ours, gym = grid.build(cfg).mdp, grid.build_gym("CliffWalking-v1", False).mdp
    assert ours.start == gym.start == 36
    assert np.array_equal(ours.terminal, gym.terminal) and gym.terminal.sum() == 1
    live = ~ours.terminal  # (gymnasium lets its goal state move on; nothing ever acts there)
    assert np.abs(ours.transition_matrices()[:, live] - gym.transition_matrices()[:, live]).max() == 0
    assert np.abs(ours.expected_reward()[live] - gym.expected_reward()[live]).max() == 0


def test_gym_envs_load_with_their_layouts():
    lake8 = grid.build_gym("FrozenLake-v1 8x8", True)
    assert (lake8.rows, lake8.cols) == (8, 8) and lake8.mdp.n_states == 64
    assert lake8.mdp.terminal.sum() == (lake8.codes == grid.PIT).sum() + 1 == 11
    assert np.allclose(lake8.mdp.p.sum(axis=2), 1)
    # Non-slippery 4x4 lake: 6 moves to the goal, reward 1 on the last: V*(start) = gamma^5.
    lake4 = grid.build_gym("FrozenLake-v1 4x4", False)
    V, _ = dp.solve_optimal(lake4.mdp, 0.9)
    assert V[0] == pytest.approx(0.9 ** 5)
    cliff = grid.build_gym("CliffWalking-v1", False)
    V, actions = dp.solve_optimal(cliff.mdp, 1.0)
    assert V[36] == -13


def test_probabilities_sum_to_one_with_slip_wind_and_teleports():
    cfg = GridConfig(layout=["S.#..", ".C..G", "...P."], slip=0.3, wind=[0, 1, 0, 2, 1],
                     teleports=[Teleport(src=(2, 0), dst=(0, 4), reward=3)], gamma=0.9)
    mdp = grid.build(cfg).mdp
    assert np.allclose(mdp.p.sum(axis=2), 1)
    assert mdp.terminal.sum() == 3  # goal, pit, wall
    assert np.all(mdp.rew[10, :, 0] == 3) and np.all(mdp.nxt[10, :, 0] == 4)


def test_grid_validation_messages():
    with pytest.raises(ValidationError, match="start cells S; it needs one at most"):
        GridConfig(layout=["S..S", "...G"], learners=[])
    with pytest.raises(ValidationError, match="row 1 has 3"):
        GridConfig(layout=["S..G", "..."])
    with pytest.raises(ValidationError, match="outside"):
        GridConfig(teleports=[Teleport(src=(0, 0), dst=(9, 9))])
    with pytest.raises(ValidationError, match="goal G or a pit"):
        GridConfig(layout=["S..."], gamma=1.0)


def cliff_learner(kind, seed):
    world = grid.build_gym("CliffWalking-v1", False)
    learner = TDLearner(kind, world.mdp, 1.0, 0.5, 0.1, 500, 1000, seeds=[seed])
    while not learner.done:
        learner.step()
    return world, learner


def test_cliff_sarsa_learns_the_safe_path_q_learning_the_optimal_one():
    world, q = cliff_learner("q_learning", 0)
    _, sarsa = cliff_learner("sarsa", 0)
    q_path, q_ret = grid.greedy_path(world.mdp, q.greedy()[0], 1.0, 100)
    s_path, s_ret = grid.greedy_path(world.mdp, sarsa.greedy()[0], 1.0, 100)
    assert q_ret == -13  # along the cliff edge: the optimal path
    assert all(world.cell(s)[0] >= 2 for s in q_path)
    assert s_path[-1] == 47 and -25 <= s_ret < -13  # reaches the goal, the long way round
    assert min(world.cell(s)[0] for s in s_path) <= 1  # climbs away from the edge
    # Online (exploring) returns: SARSA, which accounts for its own exploration, falls less.
    assert sarsa.returns[0, -100:].mean() > q.returns[0, -100:].mean() + 5


def test_q_learning_is_off_policy_random_behaviour_learns_q_star():
    world = grid.build(GridConfig(layout=["S..", ".#.", "..G"], step_reward=-1, goal_reward=0, slip=0, gamma=0.9))
    V_star, _ = dp.solve_optimal(world.mdp, 0.9)
    Q_star = dp.q_from_v(world.mdp, V_star, 0.9)
    learner = TDLearner("q_learning", world.mdp, 0.9, 1.0, 1.0, 10_000, 100, seeds=[3])  # epsilon = 1
    for _ in range(20_000):
        learner.step()
    live = ~world.mdp.terminal
    assert np.abs(learner.Q[0, live] - Q_star[live]).max() < 1e-9


def test_expected_sarsa_update_by_hand():
    world = grid.build(GridConfig(layout=["S.G"], step_reward=-1, goal_reward=0, slip=0, gamma=0.5))
    learner = TDLearner("expected_sarsa", world.mdp, 0.5, 0.5, 0.2, 10, 10, seeds=[0])
    learner.Q[0, 1] = [1.0, 2.0, 3.0, 4.0]
    learner.s[0], learner.a[0] = 0, 1  # force "right" from the start: lands on cell 1, reward -1
    learner.step()
    expected_next = 0.2 * 2.5 + 0.8 * 4.0  # eps * mean + (1 - eps) * max
    assert learner.Q[0, 0, 1] == pytest.approx(0.5 * (-1 + 0.5 * expected_next))


def test_grid_engine_is_chunk_invariant_and_result_is_json():
    cfg = MDPConfig(mode="gridworld", grid=GridConfig(learners=["q_learning", "sarsa", "expected_sarsa"]))
    a, b = make_engine(cfg, RunContext(seed=5)), make_engine(cfg, RunContext(seed=5))
    for n in (3, 5, 100, 1):
        a.advance(n)
    b.advance(109)
    sa, sb = a.snapshot(), b.snapshot()
    assert sa.metrics == sb.metrics
    for key in sa.arrays:
        assert np.array_equal(sa.arrays[key], sb.arrays[key], equal_nan=True), key
    json.dumps(a.result())


def test_grid_engine_learner_gap_shrinks():
    cfg = MDPConfig(mode="gridworld", grid=GridConfig(learners=["q_learning"], episodes=800, alpha=0.2, epsilon=0.2))
    engine = make_engine(cfg, RunContext(seed=1))
    while not engine.finished:
        engine.advance(1000)
    gaps = engine.snapshot().arrays["q_learning_gaps"]
    assert gaps[-50:].mean() < 0.5 * gaps[:10].mean()
    assert engine.snapshot().metrics["q_learning_greedy_return"] == pytest.approx(1 - 5 * 0.04)  # up, up, right x3


def test_cell_labels_name_teleports_a_b_and_special_cells():
    world = grid.build(SUTTON_5X5)
    assert sorted(map(tuple, world.labels)) == [(0, 1, "A"), (0, 3, "B"), (2, 3, "B'"), (4, 0, "S"), (4, 1, "A'")]
    cliff = grid.build_gym("CliffWalking-v1", False)
    assert [3, 0, "S"] in cliff.labels and [3, 11, "G"] in cliff.labels
    assert sum(text == "C" for _, _, text in cliff.labels) == 10
