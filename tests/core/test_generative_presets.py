"""Shipped generative presets: they load, run, and the figures their notes quote are true."""

import json

import numpy as np
import pytest
import torch

from playground.engine import build_engine, run
from playground.generative import lessons
from playground.generative.config import GenerativeConfig
from playground.presets import load_preset, presets_dir

torch.set_num_threads(1)
FOLDER = presets_dir() / "generative"


def _preset(name):
    return load_preset(FOLDER / f"{name}.json")


@pytest.mark.parametrize("name", sorted(lessons.LESSONS))
def test_preset_loads_and_runs(name):
    preset = _preset(name)
    assert preset.panel == "generative" and preset.seed == 0 and preset.device == "auto"
    assert len(preset.notes) > 300 and preset.title
    gen = run(build_engine(preset.model_copy(update={"device": "cpu"})))
    snap = next(gen)
    for _ in range(3):
        snap = gen.send(2)
    assert snap.step == 6 and snap.divergence() is None
    json.dumps(dict(snap.tables))


def _engine(name, **update):
    preset = _preset(name)
    config = preset.config.model_copy(update=update) if update else preset.config
    return build_engine(preset.model_copy(update={"device": "cpu", "config": GenerativeConfig(**config.model_dump())}))


def _metrics_at(engine, *steps):
    out = []
    for step in steps:
        engine.advance(step - engine.step)
        out.append(engine.snapshot())
    return out


def test_quoted_mode_collapse():
    snap, = _metrics_at(_engine("mode_collapse"), 1500)
    m, counts = snap.metrics, snap.arrays["mode_counts"]
    assert (m["modes_covered"], round(1000 * m["high_quality"])) == (1, 174)
    assert sorted(counts.tolist())[-2:] == [0, 174]  # every high-quality sample in one mode


def test_quoted_wgan_gp_progress():
    snap, = _metrics_at(_engine("wgan_gp_cure"), 1000)
    assert (snap.metrics["modes_covered"], round(1000 * snap.metrics["high_quality"])) == (3, 205)


def test_quoted_d_steps_figure():
    snap, = _metrics_at(_engine("d_steps_per_g_step"), 500)
    assert round(snap.metrics["divergence"], 2) == -0.97


def test_quoted_gan_on_digits():
    a, b = _metrics_at(_engine("gan_on_digits"), 300, 1200)
    assert (round(a.metrics["divergence"], 2), round(b.metrics["divergence"], 2)) == (0.58, 0.22)


BETA_TABLE = {0.25: (20.3, 4.49, 2), 1.0: (21.8, 2.58, 2), 2.0: (24.7, 0.99, 2), 4.0: (27.1, 0.00, 0)}


@pytest.mark.parametrize("beta", sorted(BETA_TABLE))
def test_quoted_beta_table(beta):
    snap, = _metrics_at(_engine("beta_vae_tradeoff", beta=beta), 1000)
    m = snap.metrics
    assert (round(m["recon"], 1), round(m["kl"], 2), int(m["active_dims"])) == BETA_TABLE[beta]
    if beta == 1.0:  # the latent-grid lesson quotes the same run
        np.testing.assert_allclose(snap.arrays["kl_dim"], [1.3, 1.2], atol=0.05)
        assert lessons.LESSONS["vae_latent_grid"]["config"]["beta"] == 1.0


def test_quoted_critic_heatmap():
    a, b, c = _metrics_at(_engine("critic_heatmap"), 250, 500, 1500)
    assert [round(s.metrics["divergence"], 2) for s in (a, b, c)] == [0.20, 0.04, -0.08]


def test_quoted_vae_on_two_moons():
    snap, = _metrics_at(_engine("vae_on_two_moons"), 1500)
    m = snap.metrics
    assert (round(m["recon"], 2), round(m["kl"], 2), int(m["active_dims"])) == (1.02, 3.84, 2)
    snap, = _metrics_at(_engine("vae_on_two_moons", beta=4.0), 1500)
    assert (round(snap.metrics["recon"], 2), round(snap.metrics["kl"], 2)) == (3.09, 2.81)
    snap, = _metrics_at(_engine("vae_on_two_moons", x_sigma=1.0), 1500)
    np.testing.assert_allclose(snap.arrays["kl_dim"], [0.35, 0.0], atol=0.005)
    assert snap.metrics["active_dims"] == 1
