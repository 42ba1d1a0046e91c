"""Information measures against scipy and hand computations (seed notes, 信息论)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy as scipy_entropy
from scipy.stats import wasserstein_distance

from playground.engine import RunContext, run
from playground.foundations import information as I
from playground.foundations.config import FoundationsConfig
from playground.foundations.snapshots import INFORMATION

P = I.normalise([4, 3, 1, 1, 0.5, 0.5])
Q = I.normalise([1, 1, 1, 2, 3, 2])


def test_entropy_cross_entropy_and_kl_against_scipy():
    assert I.entropy(P) == pytest.approx(scipy_entropy(P, base=2))
    assert I.entropy(P, "nats") == pytest.approx(scipy_entropy(P))
    assert I.kl(P, Q) == pytest.approx(scipy_entropy(P, Q, base=2))
    assert I.kl(Q, P, "nats") == pytest.approx(scipy_entropy(Q, P))
    # H(p, q) = H(p) + KL(p||q)
    assert I.cross_entropy(P, Q) == pytest.approx(I.entropy(P) + I.kl(P, Q))


def test_uniform_entropy_is_log_k():
    assert I.entropy(np.full(8, 1 / 8)) == pytest.approx(3.0)
    assert I.entropy(np.array([1.0, 0.0])) == 0.0


def test_kl_of_two_bernoullis_in_closed_form_and_asymmetric():
    a, b = 0.9, 0.5
    p, q = np.array([a, 1 - a]), np.array([b, 1 - b])
    closed = a * math.log(a / b) + (1 - a) * math.log((1 - a) / (1 - b))
    assert I.kl(p, q, "nats") == pytest.approx(closed)
    assert I.kl(p, q, "nats") == pytest.approx(0.368064, abs=1e-6)
    assert I.kl(q, p, "nats") == pytest.approx(0.510826, abs=1e-6)  # not symmetric


def test_js_tv_emd_against_scipy():
    # scipy's jensenshannon is the square root of the divergence
    assert I.js(P, Q) == pytest.approx(jensenshannon(P, Q, base=2) ** 2)
    assert I.js(P, Q) <= 1.0  # JS <= log 2 = 1 bit
    assert I.total_variation(P, Q) == pytest.approx(0.5 * np.abs(P - Q).sum())
    k = np.arange(len(P))
    assert I.earth_mover(P, Q) == pytest.approx(wasserstein_distance(k, k, P, Q))


def test_emd_of_a_point_mass_moved_two_outcomes_is_two():
    assert I.earth_mover(np.array([1.0, 0, 0]), np.array([0, 0, 1.0])) == pytest.approx(2.0)
    assert I.total_variation(np.array([1.0, 0, 0]), np.array([0, 0, 1.0])) == pytest.approx(1.0)


def test_kl_is_infinite_where_q_is_zero_and_p_is_not():
    p, q = np.array([0.5, 0.5]), np.array([1.0, 0.0])
    assert I.kl(p, q) == math.inf and I.cross_entropy(p, q) == math.inf
    assert I.kl(q, p) == pytest.approx(1.0)  # the other way is finite: log2(1 / 0.5)
    assert I.js(p, q) < 1.0


def test_infinite_kl_is_a_table_entry_not_a_metric():
    config = FoundationsConfig(mode="information", p=[1, 1], q=[1, 0])
    gen = run(I.InformationEngine(config, RunContext()))
    snap = next(gen)
    assert snap.divergence() is None  # the window would pause a run on a non-finite metric
    assert "kl_pq" not in snap.metrics and snap.tables["values"]["KL(p||q)"] == "inf"
    assert snap.tables["infinite"] == ["H(p,q)", "KL(p||q)"]
    assert snap.metrics["kl_qp"] == pytest.approx(1.0)
    assert INFORMATION.check(snap) == []
    last = gen.send(5)
    assert last.done and last.step == 1 and dict(last.metrics) == dict(snap.metrics)
    with pytest.raises(StopIteration):
        gen.send(1)


def test_mutual_information_of_an_independent_table_is_zero():
    joint = np.outer([0.2, 0.3, 0.5], [0.6, 0.4])
    values = I.joint_measures(joint)
    assert values["mutual_information"] == pytest.approx(0.0, abs=1e-12)
    assert values["h_xy"] == pytest.approx(values["h_x"] + values["h_y"])
    assert np.allclose(I.pmi(joint), 0.0)


def test_mutual_information_of_a_diagonal_table_is_h_x():
    joint = np.diag([0.5, 0.25, 0.25])
    values = I.joint_measures(joint)
    assert values["h_x"] == pytest.approx(1.5)
    assert values["mutual_information"] == pytest.approx(values["h_x"])
    assert values["h_x_given_y"] == pytest.approx(0.0) and values["h_y_given_x"] == pytest.approx(0.0)


def test_pmi_of_a_cell_by_hand_and_mutual_information_as_kl():
    joint = np.array([[4.0, 1.0, 0.0], [1.0, 4.0, 1.0], [0.0, 1.0, 4.0]])
    pxy = joint / 16
    # cell (0, 0): p = 4/16, p(x=0) = 5/16, p(y=0) = 5/16 -> log2(0.25 / (25/256)) = log2(2.56)
    assert I.pmi(joint)[0, 0] == pytest.approx(math.log2(2.56))
    assert I.pmi(joint)[0, 2] == -math.inf
    outer = np.outer(pxy.sum(1), pxy.sum(0))
    assert I.joint_measures(joint)["mutual_information"] == pytest.approx(I.kl(pxy.ravel(), outer.ravel()))


def test_bad_distributions_get_clear_messages():
    with pytest.raises(ValueError, match="same number of outcomes"):
        FoundationsConfig(mode="information", p=[1, 2, 3], q=[1, 1])
    with pytest.raises(ValueError, match="must not all be 0"):
        FoundationsConfig(mode="information", p=[0, 0], q=[1, 1])
    with pytest.raises(ValueError, match=">= 0"):
        FoundationsConfig(mode="information", p=[-1, 2], q=[1, 1])
    with pytest.raises(ValueError, match="rectangle"):
        FoundationsConfig(mode="information", joint=[[1, 2], [3]])


def _lesson_snapshot(name):
    from playground.engine import build_engine
    from playground.foundations.lessons import build

    gen = run(build_engine(build(name)))
    snap = next(gen)
    for snap in gen:
        pass
    return snap


def test_the_information_lessons_figures():
    kl_lesson = _lesson_snapshot("kl_is_not_symmetric").metrics
    assert round(kl_lesson["kl_pq"], 3) == 0.368 and round(kl_lesson["kl_qp"], 3) == 0.511
    assert round(kl_lesson["js"], 3) == 0.102 and round(kl_lesson["emd"], 3) == 0.4
    table = _lesson_snapshot("mutual_information_table")
    assert round(table.metrics["mutual_information"], 3) == 0.659 and round(table.metrics["h_x"], 3) == 1.579
    assert round(table.metrics["h_y_given_x"], 3) == 0.921 and round(float(table.arrays["pmi"][0, 0]), 3) == 1.356
