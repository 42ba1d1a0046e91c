"""TD learners averaged over runs, seeded by what they are, and greedy paths that never arrive."""

import json

import numpy as np
import pytest
from pydantic import ValidationError

from playground.engine import RunContext
from playground.mdp import grid
from playground.mdp.config import GridConfig, MDPConfig
from playground.mdp.engine import make_engine
from playground.mdp.td import TDLearner, run_seeds

SMALL = dict(layout=["S..", ".#.", "..G"], step_reward=-1.0, goal_reward=0.0, slip=0.2, gamma=1.0,
             epsilon=0.2, alpha=0.3, episodes=30, max_episode_steps=50)


def play(learner):
    while not learner.done:
        learner.step()
    return learner


@pytest.mark.parametrize("kind", ["q_learning", "sarsa", "expected_sarsa"])
def test_runs_are_the_single_runs_of_their_seeds_and_the_curve_is_their_mean(kind):
    world = grid.build(GridConfig(**SMALL))
    seeds = run_seeds(7, kind, 4)
    together = play(TDLearner(kind, world.mdp, 1.0, 0.3, 0.2, 30, 50, seeds=seeds))
    alone = [play(TDLearner(kind, world.mdp, 1.0, 0.3, 0.2, 30, 50, seeds=[seed])) for seed in seeds]
    for r, single in enumerate(alone):
        assert np.array_equal(together.returns[r], single.returns[0])
        assert np.array_equal(together.lengths[r], single.lengths[0])
        assert np.array_equal(together.Q[r], single.Q[0])
    mean, se = together.mean_curve(together.returns)
    stack = np.stack([single.returns[0] for single in alone])
    assert np.array_equal(mean, stack.mean(axis=0))
    assert se == pytest.approx(stack.std(axis=0, ddof=1) / 2)  # one standard error: sd / sqrt(4)
    assert len({tuple(single.returns[0]) for single in alone}) > 1  # the runs really differ


def test_engine_curves_average_the_runs():
    cfg = MDPConfig(mode="gridworld", grid=GridConfig(**SMALL, learners=["sarsa"], runs=3))
    engine = make_engine(cfg, RunContext(seed=2))
    while not engine.finished:
        engine.advance(1000)
    world = grid.build(cfg.grid)
    alone = [play(TDLearner("sarsa", world.mdp, 1.0, 0.3, 0.2, 30, 50, seeds=[seed]))
             for seed in run_seeds(2, "sarsa", 3)]
    snap = engine.snapshot()
    assert np.array_equal(snap.arrays["sarsa_returns"], np.mean([x.returns[0] for x in alone], axis=0))
    assert np.array_equal(snap.arrays["sarsa_lengths"], np.mean([x.lengths[0] for x in alone], axis=0))
    result = engine.result()["learners"]["sarsa"]
    window = min(result["episodes"], 100)  # the summary is named by how many episodes it averages
    assert result["runs"] == 3 and len(result[f"mean_return_last_{window}_runs"]) == 3
    json.dumps(engine.result())


def test_learners_results_do_not_depend_on_their_order_in_the_list():
    def finished(learners):
        cfg = MDPConfig(mode="gridworld", grid=GridConfig(**SMALL, learners=learners, runs=2))
        engine = make_engine(cfg, RunContext(seed=4))
        while not engine.finished:
            engine.advance(500)
        return engine.snapshot()

    a, b = finished(["q_learning", "sarsa"]), finished(["sarsa", "q_learning"])
    for kind in ("q_learning", "sarsa"):
        for key in ("returns", "lengths", "gaps", "Q", "path"):
            assert np.array_equal(a.arrays[f"{kind}_{key}"], b.arrays[f"{kind}_{key}"]), (kind, key)
        assert a.metrics[f"{kind}_mean_return"] == b.metrics[f"{kind}_mean_return"]


def looping_engine():
    """A corridor whose learner's greedy policy goes right, then left, then right...: it never arrives."""
    cfg = MDPConfig(mode="gridworld", grid=GridConfig(layout=["S.G"], step_reward=-1.0, goal_reward=0.0, slip=0.0,
                                                      gamma=1.0, learners=["sarsa"]))
    engine = make_engine(cfg, RunContext(seed=0))
    Q = engine.learners[0].Q[0]
    Q[0] = [-5, -1, -5, -5]  # right from the start
    Q[1] = [-5, -5, -5, -1]  # left from the middle
    return engine


def test_a_looping_greedy_path_does_not_reach_the_goal():
    engine = looping_engine()
    snap = engine.snapshot()
    assert snap.metrics["sarsa_greedy_reaches_goal"] == 0
    assert snap.metrics["sarsa_greedy_goal_runs"] == 0
    assert snap.metrics["sarsa_greedy_return"] == -3  # 3 moves (as many as cells), a cap, not a return
    learner = engine.result()["learners"]["sarsa"]
    assert learner["greedy_reaches_goal"] is False and learner["greedy_return"] is None
    assert learner["greedy_note"].startswith("does not reach the goal")
    engine.learners[0].Q[0, 1] = [-5, -1, -5, -5]  # now right from the middle: two moves to G
    snap = engine.snapshot()
    assert snap.metrics["sarsa_greedy_reaches_goal"] == 1 and snap.metrics["sarsa_greedy_return"] == -2
    assert engine.result()["learners"]["sarsa"]["greedy_return"] == -2


def test_greedy_ends_follow_each_runs_policy():
    world = grid.build(GridConfig(layout=["S.G"], step_reward=-1.0, goal_reward=0.0, slip=0.0, gamma=1.0))
    right, back = [1, 1, -1], [1, 3, -1]
    ends = grid.greedy_ends(world.mdp, np.array([right, back]), 3)
    assert list(world.is_goal(ends)) == [True, False]


def test_a_layout_without_start_is_fine_for_dp_alone():
    cfg = GridConfig(layout=["....", "...G"], step_reward=-1.0, goal_reward=0.0, slip=0.0, learners=[])
    engine = make_engine(MDPConfig(mode="gridworld", grid=cfg), RunContext())
    while not engine.finished:
        engine.advance(100)
    assert engine.result()["V_star"][0][0] == -4  # four moves from the far corner
    assert "V_start" not in engine.snapshot().metrics
    with pytest.raises(ValidationError, match="TD learners start their episodes from a start cell S"):
        GridConfig(layout=["....", "...G"], learners=["sarsa"])
    with pytest.raises(ValidationError, match="cliff cell C sends the agent back to the start"):
        GridConfig(layout=["..C.", "...G"], learners=[])


def test_resizing_keeps_a_start_only_when_one_is_needed():
    assert grid.resize_layout(["...G"], [], [], [], 1, 3)[0] == ["S.."]
    assert grid.resize_layout(["...G"], [], [], [], 1, 3, need_start=False)[0] == ["..."]
