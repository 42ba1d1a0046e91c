"""The attention engines: chunking does not change results, snapshots hold numpy copies, errors are clear."""

import numpy as np
import pytest
import torch

from playground.attention.config import AttentionConfig
from playground.attention.engine import make_engine
from playground.engine import EngineError, RunContext

torch.set_num_threads(1)

CONFIGS = {
    "kernel_regression": AttentionConfig(mode="kernel_regression", learn_width=True, n_train=20, nw_steps=30),
    "scoring": AttentionConfig(mode="scoring", dim=32, score_samples=30),
    "transformer": AttentionConfig(mode="transformer", compare="positional toggled", max_steps=30, eval_every=5,
                                   d_model=16, batch_size=16),
    "positional": AttentionConfig(mode="positional", max_steps=30, eval_every=5, d_model=16, batch_size=16),
    "decoding": AttentionConfig(mode="decoding", language_model="random", beam_width=3, max_len=6),
}


@pytest.mark.parametrize("mode", sorted(CONFIGS))
def test_advance_a_then_b_equals_advance_a_plus_b(mode):
    one = make_engine(CONFIGS[mode], RunContext(seed=5))
    one.advance(4)
    one.advance(7)
    two = make_engine(CONFIGS[mode], RunContext(seed=5))
    two.advance(11)
    a, b = one.snapshot(), two.snapshot()
    assert a.step == b.step and dict(a.metrics) == dict(b.metrics)
    for name in a.arrays:
        np.testing.assert_array_equal(a.arrays[name], b.arrays[name])
        assert isinstance(a.arrays[name], np.ndarray) and not a.arrays[name].flags.writeable


@pytest.mark.parametrize("mode", sorted(CONFIGS))
def test_runs_to_the_end(mode):
    engine = make_engine(CONFIGS[mode], RunContext(seed=1))
    engine.advance(1000)
    assert engine.finished and engine.snapshot().done
    assert engine.snapshot().divergence() is None


def test_seeds_change_the_data():
    a = make_engine(CONFIGS["kernel_regression"], RunContext(seed=1)).snapshot()
    b = make_engine(CONFIGS["kernel_regression"], RunContext(seed=2)).snapshot()
    assert not np.array_equal(a.arrays["nw_y_train"], b.arrays["nw_y_train"])


def test_fixed_width_stays_and_learned_width_lowers_the_loss():
    fixed = make_engine(CONFIGS["kernel_regression"].model_copy(update={"learn_width": False}), RunContext(seed=0))
    fixed.advance(30)
    assert fixed.snapshot().metrics["width"] == 1.0
    learned = make_engine(CONFIGS["kernel_regression"], RunContext(seed=0))
    learned.advance(30)
    losses = learned.history.column(1)
    assert losses[-1] < losses[0] and learned.snapshot().metrics["width"] != 1.0
    np.testing.assert_allclose(learned.snapshot().arrays["nw_weights"].sum(1), 1.0, atol=1e-5)


def test_a_function_undefined_on_the_data_is_a_clear_error():
    config = AttentionConfig(mode="kernel_regression", function="sqrt(x - 1)")
    with pytest.raises(EngineError, match="not a finite number"):
        make_engine(config, RunContext())


def test_config_checks():
    with pytest.raises(ValueError, match="multiple of heads"):
        AttentionConfig(d_model=30, heads=4)
    with pytest.raises(ValueError, match="valid_len"):
        AttentionConfig(score_keys=4, valid_len=6)
    with pytest.raises(ValueError, match="even"):
        AttentionConfig(pe_dim=7)


def test_transformer_snapshot_shapes():
    snap = make_engine(CONFIGS["transformer"].model_copy(update={"layers": 2, "heads": 4}), RunContext()).snapshot()
    assert snap.arrays["attn_maps"].shape == (8, 2, 4, 6, 6)
    assert snap.arrays["twin_attn_maps"].shape == (8, 2, 4, 6, 6)
    assert snap.tables["twin"] == "positional encoding: none"
    assert snap.arrays["example_input"].shape == (8, 6)
    mosaic = snap.arrays["attn_mosaic"]
    assert mosaic.shape == (8, 13, 27) and np.isnan(mosaic[:, 6]).all() and np.isnan(mosaic[:, :, 6]).all()
    np.testing.assert_array_equal(mosaic[3, 7:, 21:], snap.arrays["attn_maps"][3, 1, 3])
