"""Drawing geometry of the optimizer panel, computed in the core."""

import numpy as np
import pytest

from playground.optim import display


def test_an_arrow_at_the_reference_size_is_half_the_longest_and_points_along_the_vector():
    segments = display.arrow_segments([1.0, 2.0], [0.0, -3.0], reference=3.0, span=4.0, max_fraction=0.25)
    assert segments.shape == (6, 2)
    origin, tip = segments[0], segments[1]
    assert origin.tolist() == [1.0, 2.0]
    assert np.allclose(tip, [1.0, 2.0 - 0.5 * 0.25 * 4.0])
    # The two barbs start at the tip, point back, and mirror each other about the shaft.
    (b1, e1), (b2, e2) = segments[2:4], segments[4:6]
    assert np.allclose(b1, tip) and np.allclose(b2, tip)
    assert e1[1] > tip[1] and e2[1] > tip[1] and np.isclose(e1[0] - 1.0, -(e2[0] - 1.0))


@pytest.mark.parametrize("ratio, share", [(1.0, 0.5), (1e3, 1.0), (1e6, 1.0), (10.0, 0.5 + 1 / 6), (1e-2, 0.3)])
def test_arrow_length_is_logarithmic_and_bounded(ratio, share):
    assert display.arrow_length(ratio * 2.0, 2.0, 10.0) == pytest.approx(10.0 * share)


@pytest.mark.parametrize("vector", [[0.0, 0.0], [1e-4, 0.0], [np.nan, 1.0], [np.inf, 0.0]])
def test_no_arrow_for_a_vanishing_or_broken_vector(vector):
    assert display.arrow_segments([0.0, 0.0], vector, reference=1.0, span=1.0).shape == (0, 2)


def test_column_lookup_and_log_axis_values():
    steps = np.array([0, 1, 2, 4, 8, 16])
    assert [display.column_at(steps, s) for s in (0, 3, 8, 15, 100)] == [0, 2, 4, 4, 5]
    values = display.for_log_axis(np.array([1.0, 0.0, -2.0, np.nan, 1e-30]))
    assert np.isnan(values[1:4]).all() and values[0] == 1.0 and values[4] == 1e-30
