"""Regression: the normal equations against lstsq, SGD reaching them, the hand gradients against autograd."""

import numpy as np
import pytest

from playground.engine import RunContext
from playground.foundations.config import FoundationsConfig
from playground.foundations.regression import (RegressionEngine, autograd_gradient, design, logistic_gradient,
                                               logistic_loss, normal_equations, softmax_gradient, softmax_loss,
                                               squared_loss, squared_loss_grid)


def engine(**fields) -> RegressionEngine:
    return RegressionEngine(FoundationsConfig(mode="regression", **fields), RunContext(seed=0))


def test_normal_equations_equal_lstsq():
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 3, 50)
    y = 2 * x - 1 + 0.5 * rng.standard_normal(50)
    features = design(x)
    expected, *_ = np.linalg.lstsq(features, y, rcond=None)
    np.testing.assert_allclose(normal_equations(features, y), expected, rtol=1e-12)


def test_closed_form_of_noiseless_data_is_the_true_line():
    e = engine(true_w=-1.5, true_b=0.25, linear_noise=0.0)
    np.testing.assert_allclose(e.closed, [-1.5, 0.25], atol=1e-12)


def test_closed_form_is_the_bottom_of_the_bowl():
    e = engine()
    grid_w = np.linspace(e.extent[0], e.extent[1], 80)
    grid_b = np.linspace(e.extent[2], e.extent[3], 80)
    bowl = squared_loss_grid(e.features, e.y, grid_w, grid_b)
    assert bowl.min() >= squared_loss(e.closed, e.features, e.y) - 1e-12
    i, j = 17, 53
    assert bowl[i, j] == pytest.approx(squared_loss(np.array([grid_w[i], grid_b[j]]), e.features, e.y))


def test_minibatch_sgd_gets_near_the_closed_form():
    e = engine(regression_steps=2000, minibatch_size=10, regression_lr=0.05)
    e.advance(2000)
    snap = e.snapshot()
    assert snap.metrics["minibatch_loss"] < 1.05 * snap.metrics["closed_loss"]
    assert snap.metrics["sgd_loss"] >= snap.metrics["closed_loss"]  # nothing beats the minimum
    np.testing.assert_allclose(snap.arrays["path_sgd"][0], [0, 0])


def test_full_batch_minibatch_step_is_the_notes_update():
    e = engine(minibatch_size=2000, linear_samples=30)  # a batch of every sample: plain gradient descent
    e.advance(1)
    residual = e.features @ np.zeros(2) - e.y
    expected = -e.lr * e.features.T @ residual / 30
    np.testing.assert_allclose(e.paths["minibatch"][1], expected, rtol=1e-12)


def test_too_large_a_step_is_reported_as_diverged():
    e = engine(regression_lr=10.0, regression_steps=500)
    e.advance(500)
    snap = e.snapshot()
    assert snap.diverged and "lower it" in snap.diverged and e.finished
    assert all(np.isfinite(v) for v in snap.metrics.values())


def test_logistic_gradient_equals_autograd():
    rng = np.random.default_rng(0)
    features, y = design(rng.standard_normal((40, 2))), rng.integers(0, 2, 40).astype(float)
    w = rng.standard_normal(3)
    np.testing.assert_allclose(logistic_gradient(w, features, y), autograd_gradient("logistic", w, features, y),
                               atol=1e-10, rtol=0)


def test_softmax_gradient_equals_autograd():
    rng = np.random.default_rng(1)
    features = design(rng.standard_normal((40, 2)))
    onehot = np.eye(3)[rng.integers(0, 3, 40)]
    weights = rng.standard_normal((3, 3))
    np.testing.assert_allclose(softmax_gradient(weights, features, onehot),
                               autograd_gradient("softmax", weights, features, onehot), atol=1e-10, rtol=0)


def test_gradients_match_central_differences_of_the_losses():
    rng = np.random.default_rng(2)
    features, y = design(rng.standard_normal((20, 2))), rng.integers(0, 2, 20).astype(float)
    w, h = rng.standard_normal(3), 1e-6
    numeric = [(logistic_loss(w + h * e, features, y) - logistic_loss(w - h * e, features, y)) / (2 * h)
               for e in np.eye(3)]
    np.testing.assert_allclose(logistic_gradient(w, features, y), numeric, atol=1e-8)
    onehot, weights = np.eye(2)[y.astype(int)], rng.standard_normal((3, 2))
    bump = np.zeros((3, 2))
    bump[1, 0] = h
    numeric = (softmax_loss(weights + bump, features, onehot) - softmax_loss(weights - bump, features, onehot)) / (2 * h)
    assert softmax_gradient(weights, features, onehot)[1, 0] == pytest.approx(numeric, abs=1e-8)


@pytest.mark.parametrize("task", ["logistic", "softmax"])
def test_snapshot_shows_both_gradients_and_their_difference(task):
    e = engine(task=task, regression_steps=50)
    e.advance(50)
    snap = e.snapshot()
    assert snap.metrics["grad_max_diff"] < 1e-10
    classes = 1 if task == "logistic" else 3
    assert snap.arrays["grad_hand"].shape == (3, classes)
    assert snap.metrics["loss"] < snap.arrays["hist_loss"][0] == pytest.approx(np.log(2 if task == "logistic" else 3))


@pytest.mark.parametrize("task", ["linear", "softmax"])
def test_chunking_does_not_change_the_run(task):
    whole, pieces = engine(task=task), engine(task=task)
    whole.advance(40)
    for n in (1, 3, 11, 25):
        pieces.advance(n)
    a, b = whole.snapshot(), pieces.snapshot()
    assert a.metrics == b.metrics
    for name in a.arrays:
        np.testing.assert_array_equal(a.arrays[name], b.arrays[name])


def test_figures_quoted_in_the_lessons():
    from playground.foundations.lessons import build
    from playground.engine import build_engine

    figures = {}
    for name in ("normal_equations_vs_sgd", "softmax_regression_three_classes"):
        e = build_engine(build(name))
        e.advance(e.natural_length())
        figures[name] = e.snapshot().metrics
    linear = figures["normal_equations_vs_sgd"]
    assert round(linear["closed_w"], 2) == 2.06 and round(linear["closed_b"], 2) == -0.92
    assert round(figures["softmax_regression_three_classes"]["accuracy"], 2) == 0.93


def test_images_have_rows_of_y():
    e = engine()
    snap = e.snapshot()
    row, col = np.unravel_index(np.argmin(snap.arrays["bowl"]), snap.arrays["bowl"].shape)
    w0, w1, b0, b1 = e.extent
    assert w0 + col * (w1 - w0) / 79 == pytest.approx(e.closed[0], abs=(w1 - w0) / 79)
    assert b0 + row * (b1 - b0) / 79 == pytest.approx(e.closed[1], abs=(b1 - b0) / 79)
    c = engine(task="logistic")  # w = (0, 1, 0) after a hand edit: P(class 1) grows with x2, the row
    c.weights = np.array([0.0, 5.0, 0.0])
    classes = c.snapshot().arrays["region_class"]
    assert classes[0].max() == 0 and classes[-1].min() == 1
