"""Every shipped Network preset loads, runs, and teaches what its notes say."""

import json

import pytest

from playground import presets
from playground.engine import RunContext, run
from playground.nets import lessons
from playground.nets.engine import make_engine

PRESET_DIR = presets.presets_dir() / "network"


def load(stem):
    return presets.load_preset(PRESET_DIR / f"{stem}.json")


@pytest.mark.parametrize("stem", sorted(lessons.LESSONS))
def test_every_preset_loads_and_runs_a_few_steps(stem):
    preset = load(stem)
    assert preset.panel == "network" and preset.title and len(preset.notes) > 200
    engine = make_engine(preset.config, RunContext(seed=preset.seed))
    gen = run(engine)
    assert next(gen).step == 0
    snap = gen.send(5)
    assert snap.step == 5 and snap.divergence() is None
    json.dumps(engine.result())


def test_vanishing_preset_vanishes_and_its_fix_does_not():
    cfg = load("vanishing_gradients_sigmoid_stack").config
    assert make_engine(cfg, RunContext()).snapshot().metrics["grad_ratio"] < 1e-5
    fixed = cfg.model_copy(update={"init": "he", "hidden": [h.model_copy(update={"activation": "relu"})
                                                            for h in cfg.hidden]})
    assert make_engine(fixed, RunContext()).snapshot().metrics["grad_ratio"] > 0.1


def test_zero_init_preset_keeps_each_layers_neurons_equal():
    engine = make_engine(load("zero_init_symmetry").config, RunContext())
    engine.advance(300)
    snap = engine.snapshot()
    for key in ("weights_0", "weights_1"):
        w = snap.arrays[key]
        assert (w == w[0:1]).all(), key  # every neuron (row) has the same incoming weights
    assert abs(snap.arrays["weights_1"]).max() > 0  # ... and they did change


def test_learning_rate_too_high_preset_stays_near_chance_and_a_small_rate_learns():
    cfg = load("learning_rate_too_high").config
    engine = make_engine(cfg, RunContext())
    engine.advance(200)
    assert engine.snapshot().metrics["train_acc"] < 0.6
    engine = make_engine(cfg.model_copy(update={"lr": 0.03}), RunContext())
    engine.advance(500)
    assert engine.snapshot().metrics["train_acc"] > 0.9
