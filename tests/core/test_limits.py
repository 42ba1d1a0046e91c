"""Limits that keep one engine step under a second: the cost estimates and the refusals."""

from __future__ import annotations

import json

import pytest

from playground import limits
from playground.attention.config import AttentionConfig
from playground.conv.config import ConvConfig
from playground.generative.config import GenerativeConfig
from playground.mdp.config import DQNConfig
from playground.presets import PresetError, load_preset, shipped_presets, validate_data
from playground.rnn.config import RnnConfig


def test_rnn_cost_is_the_product_of_its_sizes():
    # tanh RNN on the adding task: 6 (sequential) * 3 (forward + back) * T * B * H * (H + vocab + 2)
    config = RnnConfig(cell="rnn_tanh", hidden=32, seq_len=50, batch=32, vocab=8)
    assert config.step_cost() == 6 * 3 * 50 * 32 * 32 * (32 + 10)
    assert RnnConfig(cell="lstm", hidden=32, seq_len=50, batch=32, vocab=8).step_cost() == 4 * config.step_cost()
    assert RnnConfig(mode="compare", hidden=32, seq_len=50, batch=32, vocab=8).step_cost() == 8 * config.step_cost()


def test_mlp_multiply_adds():
    assert limits.mlp_macs(2, 10, 3, 1) == 2 * 10 + 2 * 10 * 10 + 10 * 1


def test_dqn_cost_counts_the_target_and_double_forwards():
    q = limits.mlp_macs(4, 128, 2, 2)
    assert DQNConfig(hidden=128, layers=2, batch_size=64).step_cost() == 64 * q * 4
    assert DQNConfig(hidden=128, layers=2, batch_size=64, double=True).step_cost() == 64 * q * 5


@pytest.mark.parametrize("cls, fields, named", [
    (RnnConfig, dict(hidden=256, seq_len=400, batch=512), ["hidden size", "sequence length T", "batch size"]),
    (RnnConfig, dict(mode="compare", hidden=256, seq_len=400, batch=512), ["compare mode"]),
    (GenerativeConfig, dict(mode="gan", g_hidden=512, g_layers=4, d_hidden=512, d_layers=4, d_steps=20,
                            batch_size=2048), ["d_hidden", "d_steps", "batch_size"]),
    (GenerativeConfig, dict(mode="vae", data="digits", vae_hidden=512, vae_layers=4, batch_size=2048),
     ["vae_hidden", "vae_layers", "batch_size"]),
    (AttentionConfig, dict(mode="transformer", d_model=128, heads=4, layers=2, seq_len=16, batch_size=512),
     ["d_model", "layers", "seq_len", "batch_size"]),
    (ConvConfig, dict(mode="train", conv1_channels=32, conv2_channels=64, conv_kernel=5, hidden=256,
                      residual=True, batch_size=512), ["conv2_channels", "batch_size"]),
    (DQNConfig, dict(hidden=1024, layers=4, batch_size=1024), ["hidden", "layers", "batch_size"]),
])
def test_every_size_at_its_maximum_is_refused_naming_the_fields(cls, fields, named):
    with pytest.raises(ValueError) as caught:
        cls(**fields)
    message = str(caught.value)
    assert "too large to train live" in message
    for name in named:
        assert name in message


def test_the_largest_accepted_configs_are_within_the_bound():
    """Every panel, its sizes as large as validation lets them be (what bench_limits.py times): the
    estimate is under the bound, and the panels with a check come within a factor 4 of it."""
    seen = set()
    for name, key, config in limits.maximal_configs():
        seen.add(key)
        cost = limits.step_cost(key, config)
        assert cost <= limits.COST_BOUND, name
        if key in ("rnn", "conv", "generative", "mdp") or name == "attention transformer":
            assert cost > limits.COST_BOUND / 4, name
    assert {"rnn", "network", "conv", "generative", "attention", "mdp", "bandits", "optimizer"} <= seen


def test_a_mode_that_does_not_train_the_net_is_not_limited_by_its_sizes():
    # The transformer's sizes do not matter while the panel shows kernel regression.
    config = AttentionConfig(mode="kernel_regression", d_model=128, heads=4, layers=2, seq_len=16, batch_size=512)
    assert config.d_model == 128


def test_a_preset_over_the_bound_is_refused_with_a_message_naming_the_fields(tmp_path):
    data = json.loads(next(p for p in shipped_presets() if p.parent.name == "rnn").read_text())
    data["config"].update(hidden=256, seq_len=400, batch=512)
    with pytest.raises(PresetError) as caught:
        validate_data(data, "big.json")
    message = str(caught.value)
    assert "big.json" in message and "too large to train live" in message
    assert "hidden size 256" in message and "sequence length T 400" in message and "batch size 512" in message


def test_cli_validate_names_the_fields(tmp_path, capsys):
    from playground.cli import main

    data = json.loads(next(p for p in shipped_presets() if p.parent.name == "generative").read_text())
    data["config"].update(mode="gan", g_hidden=512, d_hidden=512, d_layers=4, d_steps=20, batch_size=2048)
    path = tmp_path / "huge_gan.json"
    path.write_text(json.dumps(data))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "INVALID" in err and "too large to train live" in err and "d_steps 20" in err


def test_every_shipped_preset_is_within_the_bound():
    for path in shipped_presets():
        preset = load_preset(path)
        assert limits.step_cost(preset.panel, preset.config) <= limits.COST_BOUND / 4, path.name
