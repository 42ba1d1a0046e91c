"""BPTT against closed forms: ||dL/dh_t|| follows rho^(T-t) for a linear RNN with W_hh = rho * Q."""

import math

import numpy as np
import pytest
import torch

from playground.engine import RunContext
from playground.rnn import theory
from playground.rnn.cells import RecurrentNet, local_derivative
from playground.rnn.config import RnnConfig
from playground.rnn.engine import make_engine


def profile(cell, rho, T=30, init="orthogonal", seed=0):
    engine = make_engine(RnnConfig(cell=cell, rho=rho, seq_len=T, init=init), RunContext(seed=seed))
    snap = engine.snapshot()
    return snap, snap.arrays[f"profile/{cell}"]


@pytest.mark.parametrize("rho", [0.8, 1.0, 1.2])
def test_linear_rnn_gradient_ratio_per_step_is_rho(rho):
    snap, log_norms = profile("rnn_linear", rho)
    # Going back one step multiplies the gradient by rho: ||dL/dh_{t-1}|| / ||dL/dh_t|| = rho.
    ratios = 10.0 ** (log_norms[:-1] - log_norms[1:])
    assert ratios == pytest.approx(np.full(len(ratios), rho), rel=0.02)
    # Over T-1 = 29 steps the gradient at h_1 is rho^29 times the one at h_T (0.8^29 = 1.5e-3).
    assert 10.0 ** (log_norms[0] - log_norms[-1]) == pytest.approx(rho ** 29, rel=0.02)
    assert snap.metrics["spectral_radius_rnn_linear"] == pytest.approx(rho, rel=1e-6)
    assert snap.metrics["step_factor_rnn_linear"] == pytest.approx(rho, rel=1e-6)


@pytest.mark.parametrize("rho", [0.8, 1.2])
def test_linear_rnn_log_norm_slope_is_log_rho(rho):
    _, log_norms = profile("rnn_linear", rho)
    slope = theory.fit_slope(log_norms)  # d log10||dL/dh_t|| / dt = -log10(rho)
    assert -slope == pytest.approx(math.log10(rho), rel=0.02)


def test_linear_rnn_at_rho_one_keeps_the_gradient_norm():
    _, log_norms = profile("rnn_linear", 1.0)
    assert abs(theory.fit_slope(log_norms)) < 1e-4
    assert np.ptp(log_norms) < 0.01


def test_the_theory_line_overlays_the_linear_rnn_exactly():
    snap, log_norms = profile("rnn_linear", 0.8)
    assert snap.arrays["theory/rnn_linear"] == pytest.approx(log_norms, abs=1e-3)


def test_tanh_rnn_slope_follows_rho_times_mean_derivative():
    snap, log_norms = profile("rnn_tanh", 0.8)
    factor = snap.metrics["step_factor_rnn_tanh"]
    assert factor < 0.8  # tanh' <= 1 only ever shrinks the gradient further
    assert -theory.fit_slope(log_norms) == pytest.approx(math.log10(factor), rel=0.15)


def test_theory_line_is_anchored_at_the_last_step():
    line = theory.theory_line(np.array([0.0, 0.0, 0.0, 2.0]), 10.0)
    assert line.tolist() == [5.0, 4.0, 3.0, 2.0]
    assert theory.theory_line(np.array([1.0, 1.0]), 0.0).tolist() == [-29.0, 1.0]


def test_step_factor_per_cell():
    assert theory.step_factor("rnn_tanh", 1.5, 0.5, 0.0)[0] == 0.75
    assert theory.step_factor("rnn_linear", 1.5, 0.5, 0.0)[0] == 1.5
    assert theory.step_factor("lstm", 1.5, 0.5, 0.9)[0] == 0.9
    assert theory.step_factor("gru", 1.5, 0.5, 0.7)[0] == 0.7


def test_robust_levels_ignore_zero_gradients_and_outliers():
    values = np.concatenate([np.linspace(-3, -1, 1000), [-30.0] * 50, [38.5]])
    lo, hi = theory.robust_levels(values)
    assert -3 < lo < -2.9 and -1.1 < hi < -1
    assert theory.robust_levels(np.full(10, -30.0)) == [-1.0, 1.0]
    lo, hi = theory.robust_levels(np.full(10, 2.0))
    assert hi - lo == pytest.approx(0.5)


def test_autograd_dl_dh_matches_the_bptt_recursion():
    """dL/dh_{t-1} = W_hh^T (f'(z_t) * dL/dh_t) for a tanh RNN with a loss at the last step."""
    torch.manual_seed(0)
    net = RecurrentNet("rnn_tanh", 2, 5, 1, "normal", 1.3, gen=torch.Generator().manual_seed(3)).double()
    x = torch.randn(12, 4, 2, dtype=torch.float64)
    run = net(x)
    loss = run.out.pow(2).sum()
    grads = torch.autograd.grad(loss, run.hs)
    g = grads[-1]
    w = net.w_hh.detach()
    for t in range(len(run.hs) - 1, 0, -1):
        g = (g * local_derivative("rnn_tanh", run.hs[t].detach())) @ w
        assert torch.allclose(g, grads[t - 1], rtol=1e-10, atol=1e-14)
    assert torch.allclose(grads[-1], 2 * run.out.detach() @ net.w_out.detach())


def test_measured_factor_is_the_fitted_ratio_per_step():
    snap, _ = profile("rnn_linear", 0.8)
    assert snap.metrics["measured_factor_rnn_linear"] == pytest.approx(0.8, rel=1e-4)
