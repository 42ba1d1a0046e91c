"""Gradient checking: central differences pass on the correct gradient, catch every bug, and err in a V over h."""

import numpy as np
import pytest

from playground.engine import RunContext
from playground.foundations import gradient_check as gc
from playground.foundations.config import FoundationsConfig


def _engine(**fields):
    return gc.GradientCheckEngine(FoundationsConfig(mode="gradient_check", **fields), RunContext(seed=0))


def _finished(**fields):
    engine = _engine(**fields)
    engine.advance(engine.natural_length())
    return engine


def test_relative_error_formula():
    errors = gc.relative_error(np.array([1.0, 0.0, 2.0, -1.0]), np.array([1.001, 0.0, 1.0, 1.0]))
    assert errors == pytest.approx([0.001 / 1.001, 0.0, 0.5, 2.0])


def test_central_difference_of_a_quadratic_is_exact_up_to_rounding():
    # With relu and positive pre-activations the output is linear in b^(2), so L is quadratic in it and the
    # central difference has no truncation error even at a large h.
    params = [np.zeros((1, 1)), np.array([[1.0]]), np.array([[1.0]]), np.array([[0.5]])]
    x, y = np.ones((1, 2)), np.zeros((1, 2))
    g = gc.backprop(params, x, y, "relu")
    for h in (1e-1, 1e-3):
        assert gc.central_difference(params, x, y, "relu", 3, h) == pytest.approx(g[3][0, 0], rel=1e-12)


@pytest.mark.parametrize("activation,depth", [("sigmoid", 2), ("tanh", 2), ("sigmoid", 3), ("tanh", 3)])
def test_the_correct_gradient_passes_in_float64(activation, depth):
    engine = _finished(bp_activation=activation, bp_depth=depth, bug="none")
    snap = engine.snapshot()
    assert snap.metrics["checked"] == snap.metrics["params"] == engine.exact.size
    assert snap.metrics["flagged"] == 0
    assert snap.metrics["max_rel_error"] < 1e-7
    assert "agree" in snap.tables["verdict"]


@pytest.mark.parametrize("bug", ["transposed", "missing_derivative", "off_by_factor"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_every_bug_is_flagged_on_the_parameters_it_affects(bug, activation):
    snap = _finished(bug=bug, bp_activation=activation).snapshot()
    flagged = snap.arrays["rel_error"] > gc.FLAG
    affected = snap.arrays["affected"]
    assert flagged.any() and np.all(affected[flagged])  # caught, and only where the bug acts
    assert "fail the check" in snap.tables["verdict"]
    if bug == "missing_derivative":  # delta^(L) without f'(z^(L)) spoils every parameter
        assert flagged.all()
    if bug == "off_by_factor":  # the last layer N = 4 times too large: |4g - g| / |4g| = 0.75
        assert snap.arrays["rel_error"][affected] == pytest.approx(0.75, abs=1e-6)
        assert np.all(snap.arrays["rel_error"][~affected] < 1e-7)


def test_the_transposed_bug_lesson_figure():
    snap = _finished(bug="transposed").snapshot()
    assert snap.metrics["flagged"] == 6 and snap.arrays["affected"].sum() == 9  # 6 of W(1)'s 9 entries
    assert np.all(snap.arrays["rel_error"][~snap.arrays["affected"]] < 1e-7)


def test_the_error_over_h_is_a_v_with_its_bottom_near_eps_to_the_third():
    snap = _finished(bug="none", gc_points=23).snapshot()
    h, err64, err32 = snap.arrays["h_grid"], snap.arrays["err64"], snap.arrays["err32"]
    assert h[0] == pytest.approx(1e-1) and h[-1] == pytest.approx(1e-12)
    best64 = h[np.argmin(err64)]
    assert 1e-7 <= best64 <= 1e-3 and best64 == pytest.approx(1e-5)  # the lesson's figure
    assert snap.metrics["best_h32"] == pytest.approx(1e-2)
    assert err64.min() < 1e-9 and err64[0] > 1e-3 and err64[-1] > 1e-5  # both arms of the V rise
    assert err32.min() > 100 * err64.min()  # float32's bottom is higher and further right
    assert err32[-1] == 1.0  # W + 1e-12 rounds back to W in float32: the estimate is 0
    assert snap.metrics["h_opt64"] == pytest.approx(np.finfo(np.float64).eps ** (1 / 3))
    assert snap.metrics["h_opt32"] == pytest.approx(np.finfo(np.float32).eps ** (1 / 3))


def test_one_parameter_per_step_then_one_h_per_step():
    engine = _engine(gc_points=5)
    p = engine.exact.size
    assert engine.natural_length() == p + 5
    engine.advance(3)
    snap = engine.snapshot()
    assert np.isfinite(snap.arrays["numeric"]).sum() == 3 and np.isfinite(snap.arrays["numeric"][:3]).all()
    assert snap.metrics["swept"] == 0 and np.isnan(snap.arrays["err64"]).all()
    engine.advance(p - 3 + 2)
    snap = engine.snapshot()
    assert snap.metrics["checked"] == p and snap.metrics["swept"] == 2 and np.isfinite(snap.arrays["err64"][:2]).all()
    engine.advance(100)
    assert engine.finished and engine.step == p + 5


def test_chunking_does_not_change_the_run():
    one, two = _engine(bug="off_by_factor", gc_points=6), _engine(bug="off_by_factor", gc_points=6)
    one.advance(24)
    for n in (5, 11, 8):
        two.advance(n)
    a, b = one.snapshot(), two.snapshot()
    assert dict(a.metrics) == dict(b.metrics) and dict(a.tables) == dict(b.tables)
    for key in a.arrays:
        assert np.array_equal(a.arrays[key], b.arrays[key], equal_nan=True)
