"""Backprop by hand: the tape's gradients against torch autograd (float64), the notes' formulas, one op per step."""

import numpy as np
import pytest
from pydantic import ValidationError

from playground.engine import RunContext
from playground.foundations import backprop as bp
from playground.foundations.config import FoundationsConfig


def _engine(**fields):
    return bp.BackpropEngine(FoundationsConfig(mode="backprop", **fields), RunContext(seed=0))


def _finished(**fields):
    engine = _engine(**fields)
    engine.advance(engine.natural_length())
    return engine


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("network,extra", [
    ("mlp", dict(bp_depth=2)), ("mlp", dict(bp_depth=3, bp_inputs=4, bp_hidden=5, bp_outputs=3)),
    ("conv_dense_dense", dict(bp_hidden=4)), ("rnn_bptt", dict(bp_steps=4, bp_inputs=4, bp_outputs=3)),
])
def test_the_hand_gradients_equal_torch_autograd_in_float64(network, extra, activation):
    engine = _finished(network=network, bp_activation=activation, **extra)
    snap = engine.snapshot()
    assert engine.finished and snap.done
    assert set(snap.tables["check"]) == set(engine.net.params)
    assert snap.metrics["autograd_max_diff"] < 1e-10, snap.tables["check"]
    # not vacuous: the gradients are far from zero (a ReLU output may be dead at z < 0: then they are all 0)
    largest = max(float(np.abs(engine.values[key]).max()) for key in engine.net.grads.values())
    assert activation == "relu" or largest > 1e-3


def test_the_check_is_not_vacuous_a_wrong_hand_gradient_is_seen():
    engine = _engine(network="mlp")
    engine.advance(engine.natural_length())
    engine.values["dW1"] = engine.values["dW1"] * 1.001
    diffs = bp.autograd_differences(engine.net, engine.values)
    assert diffs["W1"] > 1e-6 and diffs["W2"] < 1e-10


def test_one_op_per_step_forward_then_loss_then_backward_in_reverse():
    engine = _engine(network="mlp", bp_depth=2)
    keys = [op.key for op in engine.net.ops]
    assert keys == ["z1", "a1", "z2", "a2", "L", "da2", "d2", "dW2", "db2", "da1", "d1", "dW1", "db1"]
    assert engine.natural_length() == 13
    phases = []
    for i in range(13):
        assert not engine.finished and "autograd_max_diff" not in engine.snapshot().metrics
        engine.advance(1)
        snap = engine.snapshot()
        assert snap.tables["current"] == i and snap.metrics["ops_done"] == i + 1
        assert int(snap.arrays["node_done"].sum()) == i + 1
        phases.append(snap.tables["phase"])
    assert phases == ["forward"] * 4 + ["loss"] + ["backward"] * 8
    assert engine.finished and "autograd_max_diff" in engine.snapshot().metrics
    engine.advance(5)  # past the end: nothing more happens
    assert engine.step == 13


def test_the_delta_rule_in_matrix_form_equals_the_scalar_form():
    engine = _finished(network="mlp", bp_depth=3, bp_activation="tanh", bp_hidden=4)
    v = engine.values
    for l in (1, 2):  # delta^(l) = (W^(l+1)^T delta^(l+1)) * f'(z^(l)), f' = 1 - a^2 for tanh
        scalar = np.array([sum(v[f"W{l + 1}"][i, j] * v[f"d{l + 1}"][i, 0] for i in range(v[f"W{l + 1}"].shape[0]))
                           * (1 - v[f"a{l}"][j, 0] ** 2) for j in range(v[f"W{l + 1}"].shape[1])])
        assert np.allclose(v[f"d{l}"].ravel(), scalar, rtol=1e-12, atol=1e-15)
    for l in (1, 2, 3):  # dL/dW_ij^(l) = delta_i^(l) a_j^(l-1), dL/db^(l) = delta^(l)
        assert np.allclose(v[f"dW{l}"], np.outer(v[f"d{l}"], v[f"a{l - 1}"]), rtol=0, atol=0)
        assert np.array_equal(v[f"db{l}"], v[f"d{l}"])


def test_activation_derivatives_are_the_notes_closed_forms():
    z = np.array([-2.0, 0.0, 0.5, 3.0])
    assert bp.derivative("sigmoid", np.zeros(1))[0] == 0.25
    s = 1 / (1 + np.exp(-z))
    assert np.allclose(bp.derivative("sigmoid", z), s * (1 - s))
    assert np.allclose(bp.derivative("tanh", z), 1 - np.tanh(z) ** 2)
    assert list(bp.derivative("relu", z)) == [0.0, 0.0, 1.0, 1.0]


def test_conv_kernel_gradient_is_the_notes_sum_over_the_four_outputs():
    engine = _finished(network="conv_dense_dense")
    v = engine.values
    dy, z0 = v["dy1"], v["z0"]
    assert dy.shape == (2, 2) and v["dw1"].shape == (3, 3)
    # dL/dw_11 = dL/dy_11 z_0,11 + dL/dy_12 z_0,12 + dL/dy_13 z_0,21 + dL/dy_14 z_0,22
    expected = dy[0, 0] * z0[0, 0] + dy[0, 1] * z0[0, 1] + dy[1, 0] * z0[1, 0] + dy[1, 1] * z0[1, 1]
    assert v["dw1"][0, 0] == pytest.approx(expected, rel=1e-14)
    assert v["db1"][0, 0] == pytest.approx(dy.sum(), rel=1e-14)  # dL/db_1 = sum_k dL/dy_1k
    # the chain the notes write out: dL/dy_3 = dL/dz_3 f'(y_3) with f' = z(1 - z) for the sigmoid
    assert v["dy3"][0, 0] == pytest.approx((v["z3"] - v["t"])[0, 0] * v["z3"][0, 0] * (1 - v["z3"][0, 0]))


def test_bptt_softmax_error_and_a_single_step_has_no_recurrent_gradient():
    engine = _finished(network="rnn_bptt", bp_steps=1)
    v = engine.values
    assert np.allclose(v["do1"], v["Y1"] - v["y1"])  # dL/do_t = Y_t - y_t
    assert np.all(v["dW1"] == 0)  # H_0 = 0: with T = 1 nothing flows through W
    assert engine.snapshot().metrics["autograd_max_diff"] < 1e-10
    engine = _finished(network="rnn_bptt", bp_steps=3)
    v = engine.values  # dL/dV accumulates over t = 3, 2, 1
    total = sum(v[f"do{t}"] @ v[f"H{t}"].T for t in (1, 2, 3))
    assert np.allclose(v["dV1"], total, rtol=1e-13)
    assert not np.all(engine.values["dW1"] == 0)


def test_the_lesson_figures():
    assert _finished(network="mlp").snapshot().metrics["loss"] == pytest.approx(0.0915, abs=5e-5)
    conv = _finished(network="conv_dense_dense", bp_hidden=3)
    assert conv.natural_length() == 17 and conv.snapshot().metrics["loss"] == pytest.approx(0.00101, abs=5e-6)
    rnn = _finished(network="rnn_bptt", bp_inputs=3, bp_hidden=3, bp_outputs=3, bp_steps=3)
    assert rnn.natural_length() == 25 and rnn.snapshot().metrics["loss"] == pytest.approx(3.816, abs=5e-4)


@pytest.mark.parametrize("network", ["mlp", "conv_dense_dense", "rnn_bptt"])
def test_chunking_does_not_change_the_run(network):
    one, two = _engine(network=network), _engine(network=network)
    one.advance(7)
    for n in (2, 3, 2):
        two.advance(n)
    a, b = one.snapshot(), two.snapshot()
    assert a.step == b.step == 7 and dict(a.tables) == dict(b.tables) and dict(a.metrics) == dict(b.metrics)
    for key in a.arrays:
        assert np.array_equal(a.arrays[key], b.arrays[key])


def test_bad_sizes_are_refused_with_a_message():
    with pytest.raises(ValidationError, match="bp_depth"):
        FoundationsConfig(mode="backprop", bp_depth=5)
    with pytest.raises(ValidationError, match="network"):
        FoundationsConfig(mode="backprop", network="transformer")
