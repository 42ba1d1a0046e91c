"""The optimizer lessons: every preset loads and runs, and the figures its notes quote hold."""

from pathlib import Path

import numpy as np
import pytest

from playground.engine import RunContext, run
from playground.optim.engine import make_engine
from playground.presets import load_preset

FOLDER = Path(__file__).resolve().parents[2] / "presets" / "optimizer"
PRESETS = sorted(FOLDER.glob("*.json"))
LESSONS = {"momentum_ravine", "adam_vs_sgd_rosenbrock", "saddle_escape", "lr_too_large",
           "adagrad_shrinking_steps", "nesterov_vs_momentum"}


def race(name: str, steps: int):
    preset = load_preset(FOLDER / f"{name}.json")
    engine = make_engine(preset.config, RunContext(seed=preset.seed))
    engine.advance(steps)
    snap = engine.snapshot()
    return {row["name"]: row for row in snap.tables["optimizers"]}, snap


def arrival(rows, name):
    return rows[name]["steps_to_tolerance"]


def test_the_six_lessons_of_the_issue_ship():
    assert LESSONS <= {p.stem for p in PRESETS}


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_each_preset_loads_runs_and_has_notes_with_formulas(path):
    preset = load_preset(path)
    assert preset.panel == "optimizer" and preset.title and "$" in preset.notes
    gen = run(make_engine(preset.config, RunContext(seed=preset.seed)))
    next(gen)
    snap = gen.send(5)
    assert snap.step == 5 and snap.divergence() is None


def test_momentum_ravine_figures():
    rows, _ = race("momentum_ravine", 300)
    assert arrival(rows, "Momentum η=0.4 β=0.5") == 25
    assert arrival(rows, "GD η=0.4") == 65
    assert 250 <= arrival(rows, "GD η=0.1") <= 290


def test_adam_vs_sgd_on_rosenbrock_figures():
    rows, _ = race("adam_vs_sgd_rosenbrock", 3000)
    assert 680 <= arrival(rows, "Adam η=0.1") <= 750
    assert arrival(rows, "Adam η=0.01") is None
    assert arrival(rows, "SGD η=0.001") is None and rows["SGD η=0.001"]["loss"] > 1e-3


def test_saddle_escape_figures():
    rows, _ = race("saddle_escape", 300)
    assert 120 <= arrival(rows, "GD") <= 200  # ln(1000)/η ≈ 140 steps to leave the saddle
    assert arrival(rows, "Momentum") < 100 and arrival(rows, "Adam") < 100
    assert all(row["loss"] == pytest.approx(-0.25, abs=1e-3) for row in rows.values())


def test_lr_too_large_figures():
    rows, snap = race("lr_too_large", 300)
    assert rows["η=0.21"]["diverged"] and rows["η=0.21"]["diverged_at"] == 85
    assert not any(rows[name]["diverged"] for name in ("η=0.02", "η=0.1", "η=0.18", "η=0.195"))
    fastest = min(rows.values(), key=lambda row: row["steps_to_tolerance"] or 10**9)
    assert fastest["name"] == "η=0.18"  # 2/(λmax + λmin)
    assert snap.diverged is None


def test_adagrad_shrinking_steps_figures():
    rows, snap = race("adagrad_shrinking_steps", 2400)
    assert arrival(rows, "AdaGrad") > 2000 and arrival(rows, "RMSprop") < 250
    # After the cliff AdaGrad's effective step η/(√G + ε) only ever shrinks; RMSprop's recovers.
    steps, size = snap.arrays["steps"], snap.arrays["step_size"][:, :, 0]
    adagrad, rmsprop = size[1, steps > 2], size[2, steps > 2]
    assert np.all(np.diff(adagrad) <= 0) and adagrad[-1] < adagrad[0] / 50
    assert rmsprop[-1] > 1000 * rmsprop.min()


def test_nesterov_vs_momentum_figures():
    rows, _ = race("nesterov_vs_momentum", 200)
    assert arrival(rows, "Nesterov") == 27 and 75 <= arrival(rows, "Momentum") <= 85


def test_noise_floor_and_decay_figures():
    _, snap = race("sgd_noise_decay", 500)
    steps, gap = snap.arrays["steps"], snap.arrays["loss_curve"]
    floor = gap[:, steps > 400].mean(1)  # SGD η=0.1, SGD η=0.02, step decay, cosine
    assert 0.1 < floor[0] < 0.4  # ≈ ησ²/2 = 0.2
    assert 0.01 < floor[1] < 0.08  # ≈ 0.04
    assert floor[2] < floor[0] / 10 and floor[3] < floor[0] / 10


def test_eight_racers_figures():
    rows, _ = race("eight_racers_himmelblau", 600)
    assert rows["AdamW"]["steps_to_tolerance"] is None and rows["AdamW"]["loss"] > 1e-3
    assert all(arrival(rows, name) is not None for name in ("SGD", "Momentum", "Nesterov", "AdaGrad",
                                                            "RMSprop", "AdaDelta", "Adam"))
    ends = {(round(row["x"], 2), round(row["y"], 2)) for row in rows.values()}
    assert len(ends) >= 2  # different racers reach different minima
