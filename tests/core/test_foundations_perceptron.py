"""The perceptron: convergence within Novikoff's bound on a separable set, none on XOR, the exact max margin."""

import numpy as np
import pytest
from pydantic import ValidationError

from playground.engine import RunContext
from playground.foundations.config import FoundationsConfig
from playground.foundations.perceptron import PerceptronEngine, augmented, line_ends, margin_of, max_margin

XOR = [(-1.0, -1.0, -1), (1.0, 1.0, -1), (-1.0, 1.0, 1), (1.0, -1.0, 1)]


def engine(**fields) -> PerceptronEngine:
    return PerceptronEngine(FoundationsConfig(mode="perceptron", **fields), RunContext(seed=0))


def run_to_end(e: PerceptronEngine) -> PerceptronEngine:
    e.advance(e.natural_length())
    assert e.finished
    return e


def test_default_points_converge_within_the_novikoff_bound():
    e = run_to_end(engine())
    snap = e.snapshot()
    assert snap.tables["status"] == "converged"
    assert snap.metrics["updates"] == 12 and snap.metrics["epoch"] == 4  # quoted in the lesson notes
    assert snap.metrics["updates"] <= snap.metrics["novikoff_bound"]
    # the final w separates every point: y w . x~ > 0
    assert np.all(e.labels * (e.features @ e.w) > 0)
    assert snap.metrics["separator_margin"] <= snap.metrics["gamma"] + 1e-12  # the max margin is the largest
    assert snap.arrays["hist_mistakes"][-1] == 0 and np.all(snap.arrays["hist_mistakes"][:-1] > 0)


def test_xor_never_converges_and_has_no_bound():
    e = run_to_end(engine(points=XOR, max_epochs=30))
    snap = e.snapshot()
    assert snap.tables["status"] == "not converged" and not snap.tables["separable"]
    assert snap.metrics["epoch"] == 30 and "novikoff_bound" not in snap.metrics
    assert np.all(snap.arrays["hist_mistakes"] > 0)
    assert e.step == 30 * 4


def test_one_update_is_w_plus_eta_y_x():
    e = engine(perceptron_lr=0.5)
    e.advance(1)  # w = 0 misclassifies the first point: w = 0.5 * y1 * x~1
    x, y = e.features[0], e.labels[0]
    np.testing.assert_allclose(e.w, 0.5 * y * x)
    assert e.snapshot().tables["last_update"]["point"] == 0


def test_learning_rate_only_scales_w_from_zero():
    small, large = run_to_end(engine(perceptron_lr=0.01)), run_to_end(engine(perceptron_lr=10.0))
    assert small.updates == large.updates
    np.testing.assert_allclose(large.w, 1000 * small.w)


def test_max_margin_of_a_symmetric_pair():
    # points (+-1, 0) with labels +-1: u = (1, 0, 0) has margin 1, but x~ = (+-1, 0, 1) has |x~| = sqrt 2 ...
    # the best unit u over (x1, x2, 1) is (1, 0, 0): margin 1 (the bias cannot help a symmetric pair)
    features, labels = augmented(np.array([[1.0, 0.0], [-1.0, 0.0]])), np.array([1, -1])
    gamma, u = max_margin(features, labels)
    assert gamma == pytest.approx(1.0)
    np.testing.assert_allclose(u, [1.0, 0.0, 0.0], atol=1e-12)


def test_max_margin_beats_random_separators():
    rng = np.random.default_rng(1)
    xy = rng.uniform(-3, 3, (25, 2))
    labels = np.where(xy[:, 1] > 0.5 * xy[:, 0] + 0.3, 1, -1)
    features = augmented(xy)
    gamma, u = max_margin(features, labels)
    assert margin_of(u, features, labels) == pytest.approx(gamma)
    trials = rng.standard_normal((20_000, 3))
    margins = np.min(labels[:, None] * (features @ trials.T), axis=0) / np.linalg.norm(trials, axis=1)
    assert margins.max() <= gamma + 1e-12


def test_chunking_does_not_change_the_run():
    whole, pieces = engine(), engine()
    whole.advance(30)
    for n in (1, 4, 7, 18):
        pieces.advance(n)
    np.testing.assert_array_equal(whole.w, pieces.w)
    assert whole.snapshot().tables == pieces.snapshot().tables


def test_line_ends_lie_on_the_line():
    w = np.array([0.6, -1.0, 1.0])
    ends = line_ends(w)
    np.testing.assert_allclose(augmented(ends) @ w, 0, atol=1e-12)
    assert np.isnan(line_ends(np.zeros(3))).all()


@pytest.mark.parametrize("points, message", [([(0.0, 0.0, 2)], "label 2"), ([(9.0, 0.0, 1)], "outside the plane")])
def test_bad_points_get_a_clear_message(points, message):
    with pytest.raises(ValidationError, match=message):
        FoundationsConfig(mode="perceptron", points=points)


def test_no_points_finishes_at_once():
    e = engine(points=[])
    assert e.finished and e.snapshot().tables["status"] == "no points"


def test_figures_quoted_in_the_lessons():
    from playground.engine import build_engine
    from playground.foundations.lessons import build

    e = build_engine(build("perceptron_converges"))
    e.advance(e.natural_length())
    snap = e.snapshot()
    assert (snap.metrics["updates"], snap.metrics["epoch"], round(snap.metrics["novikoff_bound"])) == (12, 4, 76)
    e = build_engine(build("perceptron_never_converges"))
    e.advance(e.natural_length())
    assert e.snapshot().tables["status"] == "not converged" and e.epoch == 50


def test_side_grid_rows_are_y():
    from playground.foundations.perceptron import side_grid

    side = side_grid(np.array([0.0, 1.0, 0.0]), cells=4)  # sign(x2): the upper rows are +1
    assert side[0].tolist() == [-1, -1, -1, -1] and side[-1].tolist() == [1, 1, 1, 1]


def _max_margin_over_all_points(features, labels):
    """The same enumeration with every point a candidate (no hull pruning): the reference."""
    from playground.foundations.perceptron import _subsets

    rows, best = labels[:, None] * features, None
    for size in (1, 2, 3):
        for chunk in _subsets(len(rows), size):
            a = rows[chunk]
            gram = a @ a.transpose(0, 2, 1)
            ok = np.abs(np.linalg.det(gram)) > 1e-12
            if not ok.any():
                continue
            v = (a[ok].transpose(0, 2, 1) @ np.linalg.solve(gram[ok], np.ones((ok.sum(), size, 1))))[:, :, 0]
            v = v[np.all(v @ rows.T >= 1 - 1e-9, axis=1)]
            if len(v):
                shortest = v[np.argmin(np.einsum("ij,ij->i", v, v))]
                best = shortest if best is None or shortest @ shortest < best @ best else best
    return None if best is None else 1 / np.linalg.norm(best)


@pytest.mark.parametrize("seed", range(12))
def test_hull_pruning_keeps_the_max_margin(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 14))
    xy = np.round(rng.uniform(-3, 3, (n, 2)) * 2) / 2  # a half grid: ties and collinear points
    labels = np.where(augmented(xy) @ rng.standard_normal(3) > 0, 1, -1) if seed % 3 else rng.choice([-1, 1], n)
    found, expected = max_margin(augmented(xy), labels), _max_margin_over_all_points(augmented(xy), labels)
    assert (found is None) == (expected is None)
    if expected is not None:
        assert found[0] == pytest.approx(expected, rel=1e-12)
