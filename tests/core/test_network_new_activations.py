"""The network panel's new activations (softplus, ELU, PReLU, maxout, |x|): built, trained, exported."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from playground.engine import RunContext
from playground.nets.config import ACTIVATIONS, MAXOUT_PIECES, LayerConfig, NetworkConfig
from playground.nets.engine import make_engine
from playground.nets.model import ACT, MLP, Maxout
from tests.core.test_network_export import exported_namespace, script_losses

NEW = ("softplus", "elu", "prelu", "maxout", "abs")


def test_every_new_activation_is_a_choice_with_a_module():
    assert set(NEW) <= set(ACTIVATIONS) == set(ACT)
    for name in NEW:
        LayerConfig(activation=name)  # validates


def test_maxout_takes_the_largest_of_k_pieces_per_neuron():
    z = torch.tensor([[1.0, -2.0, 3.0, 0.5, 0.2, -0.1]])
    assert Maxout(3)(z).tolist() == [[3.0, 0.5]]
    model = MLP(2, 1, [LayerConfig(width=4, activation="maxout")])
    assert model.blocks[0].linear.out_features == 4 * MAXOUT_PIECES
    h = model.blocks[0].linear(torch.ones(1, 2))
    assert torch.equal(model.blocks[0](torch.ones(1, 2)), h.reshape(1, 4, MAXOUT_PIECES).amax(-1))


@pytest.mark.parametrize("name", NEW)
def test_a_network_with_each_new_activation_trains_with_finite_losses(name):
    config = NetworkConfig(dataset="circles", n_points=60, batch_size=10,
                           hidden=[LayerConfig(width=4, activation=name, batch_norm=name == "maxout")] * 2,
                           optimizer="Adam", lr=0.01)
    engine = make_engine(config, RunContext(seed=0))
    engine.advance(5)
    snap = engine.snapshot()
    assert snap.divergence() is None and np.isfinite(snap.metrics["train_loss"])


def test_prelu_learns_its_slope():
    config = NetworkConfig(dataset="circles", n_points=60, batch_size=10,
                           hidden=[LayerConfig(width=4, activation="prelu")], optimizer="Adam", lr=0.05)
    engine = make_engine(config, RunContext(seed=0))
    before = float(engine.model.blocks[0].act.weight.detach())
    engine.advance(5)
    assert before == pytest.approx(0.25) and float(engine.model.blocks[0].act.weight.detach()) != before


@pytest.mark.parametrize("name", ("maxout", "prelu", "abs"))
def test_exported_script_repeats_the_run_with_a_new_activation(name):
    config = NetworkConfig(dataset="circles", n_points=60, train_ratio=0.5, batch_size=8,
                           hidden=[LayerConfig(width=3, activation=name, batch_norm=True)], optimizer="SGD", lr=0.1)
    engine = make_engine(config, RunContext(seed=7))
    script = exported_namespace(config, 7)
    losses = []
    for _ in range(4):
        engine.advance(1)
        losses.append(float(engine.last_loss))
    np.testing.assert_allclose(script_losses(script, 4), losses, atol=1e-6)
