"""Activations against torch autograd, batch norm with a batch of one, conditioning before/after scaling."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from playground.engine import RunContext
from playground.foundations import activations as A
from playground.foundations.config import FoundationsConfig
from playground.foundations.snapshots import ACTIVATIONS

X = np.array([-3.0, -1.2, -0.3, 0.4, 1.1, 2.5])


def torch_function(name: str, x: torch.Tensor, alpha: float, pieces: int) -> torch.Tensor:
    if name == "softplus":
        return torch.nn.functional.softplus(x)
    if name == "elu":
        return torch.nn.functional.elu(x, alpha)
    if name == "prelu":
        return torch.nn.functional.prelu(x, torch.tensor([alpha], dtype=x.dtype))
    if name == "abs":
        return x.abs()
    w, b = (torch.tensor(v, dtype=x.dtype) for v in A.maxout_pieces(pieces))
    return (x[:, None] * w + b).max(-1).values


@pytest.mark.parametrize("name", A.FUNCTIONS)
def test_function_and_derivative_match_torch_autograd(name):
    x = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    y = torch_function(name, x, 0.3, 4)
    (grad,) = torch.autograd.grad(y.sum(), x)
    f, df = A.activation(name, X, 0.3, 4)
    assert np.allclose(f, y.detach().numpy())
    assert np.allclose(df, grad.numpy())


def test_softplus_derivative_is_the_sigmoid_and_elu_is_continuous():
    f, df = A.activation("softplus", np.array([0.0, 2.0]))
    assert f[0] == pytest.approx(np.log(2.0)) and df[1] == pytest.approx(1 / (1 + np.exp(-2.0)))
    f, _ = A.activation("elu", np.array([-1e-9, 0.0]), alpha=2.0)
    assert f[0] == pytest.approx(0.0, abs=1e-8)
    assert A.activation("elu", np.array([-50.0]), alpha=2.0)[0][0] == pytest.approx(-2.0)  # saturates at -alpha


def test_a_batch_of_one_normalises_to_zero():
    for x in (np.array([7.3]), np.array([-100.0])):
        mean, var = A.batch_stats(x)
        assert var == 0.0
        assert A.batch_norm(x, mean, var)[0] == 0.0  # 0 / sqrt(eps)
    # with the moving averages it keeps its value: (x - mu) / sqrt(var + eps)
    assert A.batch_norm(np.array([3.0]), 1.0, 4.0)[0] == pytest.approx(2.0 / np.sqrt(4.0 + A.BN_EPS))


def test_batch_norm_matches_torch_in_training_and_eval():
    bn = torch.nn.BatchNorm1d(1, eps=A.BN_EPS, momentum=0.1, affine=False, dtype=torch.float64)
    x = np.random.default_rng(0).normal(3.0, 2.0, 16)
    out = bn(torch.tensor(x)[:, None]).detach().numpy()[:, 0]
    mean, var = A.batch_stats(x)
    assert np.allclose(out, A.batch_norm(x, mean, var))
    # torch's momentum 0.1 is the notes' 0.9 (moving = 0.9 moving + 0.1 batch), same mean
    assert float(bn.running_mean[0]) == pytest.approx(0.9 * 0.0 + 0.1 * mean)


def test_moving_mean_follows_the_drifting_mean_and_the_engine_shows_the_zero_output():
    config = FoundationsConfig(mode="activations", bn_eval_batch=1, act_steps=100, bn_momentum=0.5)
    engine = A.ActivationsEngine(config, RunContext())
    engine.advance(100)
    snap = engine.snapshot()
    assert ACTIVATIONS.check(snap) == []
    assert snap.done and snap.tables["batch_of_one"]
    assert snap.arrays["bn_batch_out"].tolist() == [0.0]
    assert abs(snap.arrays["bn_moving_out"][0]) > 0.0
    assert snap.metrics["bn_moving_mean"] == pytest.approx(config.bn_shift, abs=1.0)


def test_advance_in_chunks_equals_advance_at_once():
    config = FoundationsConfig(mode="activations", act_steps=50)
    a, b = A.ActivationsEngine(config, RunContext(seed=3)), A.ActivationsEngine(config, RunContext(seed=3))
    a.advance(20), a.advance(30), b.advance(50)
    sa, sb = a.snapshot(), b.snapshot()
    for name in ("bn_moving_mean", "raw_path", "scaled_path", "bn_moving_out"):
        assert np.array_equal(sa.arrays[name], sb.arrays[name])


def test_condition_number_before_and_after_z_scoring():
    X, _ = A.housing_data(200, 0)
    raw = A.condition_number(X)
    z = A.condition_number(A.scale(X, "z_score"))
    assert raw > 1000
    # z-scored columns: X^T X / n is the correlation matrix, cond = (1 + |r|) / (1 - |r|)
    r = abs(np.corrcoef(X.T)[0, 1])
    assert z == pytest.approx((1 + r) / (1 - r))
    assert A.condition_number(A.scale(X, "min_max")) < raw
    assert A.condition_number(np.diag([1.0, 10.0])) == pytest.approx(100.0)


def test_gradient_descent_converges_faster_on_the_scaled_surface():
    config = FoundationsConfig(mode="activations", act_steps=100)
    engine = A.ActivationsEngine(config, RunContext())
    engine.advance(100)
    snap = engine.snapshot()
    assert snap.metrics["scaled_loss_gap"] < 1e-6 < snap.metrics["raw_loss_gap"]


def test_one_hot_fits_a_category_the_integer_code_cannot():
    values = A.one_hot_comparison(0)
    assert values["one_hot_loss"] < 0.01 < values["integer_loss"]  # effects 1, -2, 0.5 are not in order
    assert values["one_hot_condition"] < values["integer_condition"]


def test_the_activations_lessons_figures():
    from playground.engine import build_engine, run
    from playground.foundations.lessons import build

    def last(name):
        gen = run(build_engine(build(name)))
        snap = next(gen)
        for snap in gen:
            pass
        return snap

    bn = last("batch_norm_batch_of_one")
    assert round(bn.metrics["bn_moving_mean"], 2) == 5.70 and round(bn.metrics["bn_moving_var"], 2) == 4.12
    assert round(float(bn.arrays["bn_x"][0]), 2) == 7.17 and round(float(bn.arrays["bn_moving_out"][0]), 2) == 0.72
    assert bn.arrays["bn_batch_out"].tolist() == [0.0]
    scaling = last("input_scaling_conditioning").metrics
    assert round(scaling["raw_condition"]) == 5401 and round(scaling["scaled_condition"], 2) == 1.10
    assert round(scaling["raw_loss_gap"], 2) == 0.22 and scaling["scaled_loss_gap"] < 1e-9
    assert round(scaling["integer_loss"], 3) == 0.837 and round(scaling["one_hot_loss"], 4) == 0.0048
    assert round(scaling["integer_condition"], 1) == 9.5 and round(scaling["one_hot_condition"], 2) == 1.18
