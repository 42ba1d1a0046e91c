"""The hand-unrolled cells equal torch's own, and W_hh starts with the asked-for spectrum."""

import math

import numpy as np
import pytest
import torch
from torch import nn

from playground.rnn.cells import RecurrentNet, recurrent_block_init, spectral_radius


def copy_into(cell_module, net, gated_gru=False):
    with torch.no_grad():
        cell_module.weight_ih.copy_(net.w_ih)
        cell_module.weight_hh.copy_(net.w_hh)
        cell_module.bias_ih.copy_(net.bias)
        cell_module.bias_hh.zero_()
        if gated_gru:
            cell_module.bias_hh[2 * net.hidden:] = net.b_hn


def inputs(T=7, B=3, I=4):
    return torch.randn(T, B, I, generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize("cell, nonlinearity", [("rnn_tanh", "tanh"), ("rnn_relu", "relu")])
def test_vanilla_cell_equals_torch_rnncell(cell, nonlinearity):
    net = RecurrentNet(cell, 4, 6, 2, "normal", 0.9)
    ref = nn.RNNCell(4, 6, nonlinearity=nonlinearity)
    copy_into(ref, net)
    x = inputs()
    h = torch.zeros(3, 6)
    run = net(x)
    for t in range(len(x)):
        h = ref(x[t], h)
        assert torch.allclose(run.hs[t], h, atol=1e-6)


def test_lstm_equals_torch_lstmcell():
    net = RecurrentNet("lstm", 4, 6, 2, "orthogonal", 1.0, forget_bias=2.0)
    with torch.no_grad():
        net.bias.add_(torch.randn(24, generator=torch.Generator().manual_seed(2)))
    ref = nn.LSTMCell(4, 6)
    copy_into(ref, net)
    x = inputs()
    h = c = torch.zeros(3, 6)
    run = net(x)
    for t in range(len(x)):
        gates = x[t] @ net.w_ih.t() + h @ net.w_hh.t() + net.bias
        f = torch.sigmoid(gates[:, 6:12])
        h, c = ref(x[t], (h, c))
        assert torch.allclose(run.hs[t], h, atol=1e-6)
        assert torch.allclose(run.gates[t], f, atol=1e-6)


def test_gru_equals_torch_grucell():
    net = RecurrentNet("gru", 4, 6, 2, "orthogonal", 1.0)
    with torch.no_grad():
        net.b_hn.copy_(torch.randn(6, generator=torch.Generator().manual_seed(5)))
        net.bias.add_(torch.randn(18, generator=torch.Generator().manual_seed(6)))
    ref = nn.GRUCell(4, 6)
    copy_into(ref, net, gated_gru=True)
    x = inputs()
    h = torch.zeros(3, 6)
    run = net(x)
    for t in range(len(x)):
        h = ref(x[t], h)
        assert torch.allclose(run.hs[t], h, atol=1e-6)


def gru_by_hand(net, x, variant):
    """The GRU written out from its formulas in numpy (float64), gate blocks r, z, n as in torch."""
    H = net.hidden
    w_ih, w_hh = net.w_ih.detach().double().numpy(), net.w_hh.detach().double().numpy()
    b, b_hn = net.bias.detach().double().numpy(), net.b_hn.detach().double().numpy()
    W = {g: w_ih[k * H:(k + 1) * H] for k, g in enumerate("rzn")}
    U = {g: w_hh[k * H:(k + 1) * H] for k, g in enumerate("rzn")}
    bias = {g: b[k * H:(k + 1) * H] for k, g in enumerate("rzn")}
    sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    h = np.zeros((x.shape[1], H))
    hs = []
    for x_t in x.double().numpy():
        r = sigmoid(x_t @ W["r"].T + h @ U["r"].T + bias["r"])
        z = sigmoid(x_t @ W["z"].T + h @ U["z"].T + bias["z"])
        if variant == "torch":  # reset gate after the product: r * (U h + b_hn)
            n = np.tanh(x_t @ W["n"].T + bias["n"] + r * (h @ U["n"].T + b_hn))
        else:  # the lecture notes: tanh(W_h x + U_h (r * h) + b_h), b_h = b_n + b_hn
            n = np.tanh(x_t @ W["n"].T + (r * h) @ U["n"].T + bias["n"] + b_hn)
        h = z * h + (1 - z) * n
        hs.append(h)
    return hs


def random_gru(variant):
    net = RecurrentNet("gru", 4, 6, 2, "normal", 1.5, gru_variant=variant)
    with torch.no_grad():
        net.b_hn.copy_(torch.randn(6, generator=torch.Generator().manual_seed(5)))
        net.bias.add_(torch.randn(18, generator=torch.Generator().manual_seed(6)))
    return net


@pytest.mark.parametrize("variant", ["torch", "notes"])
def test_gru_variant_equals_its_formula_by_hand(variant):
    net = random_gru(variant)
    x = inputs()
    run = net(x)
    for got, want in zip(run.hs, gru_by_hand(net, x, variant)):
        assert np.abs(got.detach().double().numpy() - want).max() < 1e-6


def test_gru_variants_differ_and_the_torch_one_is_grucell():
    torch_net, notes_net = random_gru("torch"), random_gru("notes")
    assert all(torch.equal(a, b) for a, b in zip(torch_net.parameters(), notes_net.parameters()))
    ref = nn.GRUCell(4, 6)
    copy_into(ref, torch_net, gated_gru=True)
    x = inputs()
    h = torch.zeros(3, 6)
    for t, h_torch in enumerate(torch_net(x).hs):
        h = ref(x[t], h)
        assert torch.allclose(h_torch, h, atol=1e-6)
    # Same weights, other candidate: the notes' GRU is another function of them.
    assert (notes_net(x).hs[-1] - torch_net(x).hs[-1]).abs().max() > 1e-2


def test_unknown_gru_variant_is_refused_by_name():
    with pytest.raises(ValueError, match="GRU variant 'keras'"):
        RecurrentNet("gru", 1, 2, 1, gru_variant="keras")


def test_every_step_readout_has_one_output_per_step():
    net = RecurrentNet("gru", 1, 5, 1)
    assert net(torch.zeros(9, 2, 1), every_step=True).out.shape == (9, 2, 1)
    assert net(torch.zeros(9, 2, 1)).out.shape == (2, 1)


@pytest.mark.parametrize("rho", [0.5, 1.0, 1.7])
def test_orthogonal_init_is_rho_times_an_orthogonal_matrix(rho):
    w = recurrent_block_init("orthogonal", 16, rho, torch.Generator().manual_seed(0))
    assert torch.allclose(w.t() @ w, rho ** 2 * torch.eye(16), atol=1e-5)
    eig = np.linalg.eigvals(w.double().numpy())
    assert np.abs(eig) == pytest.approx(np.full(16, rho), rel=1e-5)  # every eigenvalue on the circle


def test_identity_and_normal_inits_have_spectral_radius_rho():
    gen = torch.Generator().manual_seed(0)
    assert torch.equal(recurrent_block_init("identity", 5, 1.0, gen), torch.eye(5))
    assert spectral_radius(recurrent_block_init("normal", 32, 1.3, gen)) == pytest.approx(1.3, rel=1e-5)
    w = recurrent_block_init("default", 16, 9.0, gen)
    assert w.abs().max() <= 1 / math.sqrt(16)


def test_lstm_forget_bias_and_gate_blocks():
    net = RecurrentNet("lstm", 2, 8, 1, "identity", 0.5, forget_bias=3.0)
    assert torch.equal(net.bias[8:16], torch.full((8,), 3.0))
    assert net.bias[:8].abs().sum() == 0
    assert net.w_hh.shape == (32, 8)
    assert torch.equal(net.recurrent_block(), 0.5 * torch.eye(8))
    with pytest.raises(ValueError):
        RecurrentNet("transformer", 2, 8, 1)
