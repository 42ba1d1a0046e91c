"""Every shipped Bandits preset loads, runs, and teaches what its notes say (fewer runs, same seed)."""

import json

import pytest

from playground import presets
from playground.bandits import lessons, theory
from playground.bandits.engine import make_engine
from playground.engine import RunContext, run

PRESET_DIR = presets.presets_dir() / "bandits"
STEMS = sorted(lessons.LESSONS)


def engine_for(stem, runs=300, steps=None):
    preset = presets.load_preset(PRESET_DIR / f"{stem}.json")
    cfg = preset.config.model_copy(update={"runs": min(runs, preset.config.runs)})
    engine = make_engine(cfg, RunContext(seed=preset.seed))
    engine.advance(steps or cfg.horizon)
    return engine


def late(engine, name, i, last=200):
    return float(engine.snapshot().arrays[f"{name}_{i}"][-last:].mean())


@pytest.mark.parametrize("stem", STEMS)
def test_preset_loads_and_runs(stem):
    preset = presets.load_preset(PRESET_DIR / f"{stem}.json")
    assert preset.panel == "bandits" and preset.notes and "$" in preset.notes
    assert preset.config == lessons.LESSONS[stem]["config"]  # the files are up to date
    gen = run(make_engine(preset.config.model_copy(update={"runs": 20}), RunContext(seed=preset.seed)))
    next(gen)
    snap = gen.send(5)
    assert snap.step == 5 and snap.divergence() is None
    json.dumps(make_engine(preset.config.model_copy(update={"runs": 5}), RunContext()).result())


def test_etc_lesson():
    assert theory.etc_best_m(0.5, 2000) == 78  # the number in the notes
    e = engine_for("etc_commitment")
    snap = e.snapshot()
    best, early, late_m = (snap.arrays[f"regret_{i}"][-1] for i in range(3))
    assert best < early and best < late_m
    assert late_m == pytest.approx(400 * 0.5)  # exploring 400 times each costs m * Delta exactly
    assert best < snap.arrays["bound_etc"][-1]


def test_optimism_lesson():
    e = engine_for("optimistic_initial_values")
    assert late(e, "optimal", 0) > late(e, "optimal", 1) > late(e, "optimal", 2)


def test_thompson_lesson():
    e = engine_for("thompson_sampling")
    regrets = [e.snapshot().arrays[f"regret_{i}"][-1] for i in range(4)]
    assert regrets[0] == min(regrets)


def test_nonstationary_lesson():
    e = engine_for("nonstationary_constant_step", runs=200, steps=3000)
    assert late(e, "optimal", 1, 500) > late(e, "optimal", 0, 500) + 10


def test_ucb_lesson():
    e = engine_for("ucb_bonus")
    regrets = [e.snapshot().arrays[f"regret_{i}"][-1] for i in range(5)]
    assert regrets[2] > regrets[1] > regrets[0]  # c = 5 pays most for exploring
    assert max(regrets[:2]) < regrets[4]  # UCB beats epsilon-greedy
