"""Shipped conv presets: they load, run, and the figures their notes quote are true."""

import json

import pytest
import torch

from playground.conv import lessons, ops
from playground.engine import build_engine, run
from playground.presets import load_preset, presets_dir

torch.set_num_threads(1)
FOLDER = presets_dir() / "conv"


def _preset(name):
    return load_preset(FOLDER / f"{name}.json")


@pytest.mark.parametrize("name", sorted(lessons.LESSONS))
def test_preset_loads_and_runs(name):
    preset = _preset(name)
    assert preset.panel == "conv" and preset.seed == 0 and preset.device == "auto"
    assert len(preset.notes) > 300 and preset.title
    gen = run(build_engine(preset.model_copy(update={"device": "cpu"})))
    snap = next(gen)
    for _ in range(3):
        try:
            snap = gen.send(2)
        except StopIteration:  # a slide over 2x2 inputs is done after 4 steps, a 2-pixel shift after 2
            break
    assert (snap.step == 6 or snap.done) and snap.step >= 1 and snap.divergence() is None
    json.dumps(dict(snap.tables))


def _final(name, steps=None):
    """Metrics after ``steps`` steps, or at the end of the preset's training budget."""
    engine = build_engine(_preset(name).model_copy(update={"device": "cpu"}))
    engine.advance(steps if steps is not None else engine.config.max_steps)
    return engine.snapshot().metrics


def test_quoted_sizes():
    assert _final("padding_and_stride", 1)["out_size"] == 4
    assert _final("dilation", 1)["out_size"] == 3
    assert _final("transposed_convolution", 1)["out_size"] == 5
    assert ops.out_size(7, 3, 1, 2) == 4
    assert ops.transpose_out_size(4, 3, 1, 2, output_padding=0) == 7
    assert ops.transpose_out_size(4, 3, 1, 2, output_padding=1) == 8


def test_quoted_pooling_figures():
    m = _final("pooling_invariance", 1)
    assert round(100 * m["feature_change"]) == 142 and round(100 * m["pooled_change"]) == 70
    preset = _preset("pooling_invariance")
    wide = preset.model_copy(update={"config": preset.config.model_copy(update={"pool_size": 4}), "device": "cpu"})
    engine = build_engine(wide)
    engine.advance(1)
    assert round(100 * engine.snapshot().metrics["pooled_change"]) == 46


def test_quoted_lenet_and_mlp_accuracy():
    m = _final("lenet_on_digits")
    assert round(1000 * m["test_acc"]) == 981 and round(1000 * m["twin_test_acc"]) == 969
    assert (m["params"], m["twin_params"]) == (5750, 5785)


def test_quoted_batch_norm_table():
    m = _final("batch_norm_speed")
    assert round(1000 * m["test_acc"]) == 100 and round(1000 * m["twin_test_acc"]) == 961
