"""The generative engines: chunking does not change a run, snapshots are small numpy copies, the
arrows are the generator's gradient, and the VAE's terms add up."""

import numpy as np
import pytest
import torch

from playground.engine import RunContext, run
from playground.generative.config import GenerativeConfig
from playground.generative.engine import make_engine

torch.set_num_threads(1)
SMALL = dict(g_hidden=16, d_hidden=16, g_layers=2, d_layers=2, vae_hidden=16, batch_size=32, eval_every=3)
CONFIGS = {
    "gan-ring8-gp": GenerativeConfig(mode="gan", data="ring8", loss="wgan_gp", **SMALL),
    "gan-grid25-clip": GenerativeConfig(mode="gan", data="grid25", loss="wgan_clip", optimizer="rmsprop", **SMALL),
    "gan-drawn-ns": GenerativeConfig(mode="gan", data="drawn", points=[(0, 1), (1, 0)], loss="non_saturating",
                                     optimizer="sgd", **SMALL),
    "gan-digits": GenerativeConfig(mode="gan", data="digits", loss="minimax", d_steps=2, **SMALL),
    "vae-moons": GenerativeConfig(mode="vae", data="moons", **SMALL),
    "vae-digits-ae": GenerativeConfig(mode="vae", data="digits", autoencoder=True, latent_dim=3, **SMALL),
}


def _engine(config, seed=0):
    return make_engine(config, RunContext(seed=seed))


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_chunking_does_not_change_the_run(name):
    config = CONFIGS[name]
    one, two = _engine(config), _engine(config)
    one.advance(7)
    two.advance(2)
    two.advance(5)
    a, b = one.snapshot(), two.snapshot()
    assert a.step == b.step == 7
    assert dict(a.metrics) == dict(b.metrics)
    for key in a.arrays:
        np.testing.assert_array_equal(a.arrays[key], b.arrays[key], err_msg=key)
    other = _engine(config, seed=1)
    other.advance(7)
    assert dict(other.snapshot().metrics) != dict(a.metrics)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_snapshots_are_small_finite_numpy_copies(name):
    gen = run(_engine(CONFIGS[name]))
    snap = next(gen)
    assert snap.divergence() is None
    snap = gen.send(4)
    assert snap.step == 4 and snap.divergence() is None
    total = 0
    for key, array in snap.arrays.items():
        assert isinstance(array, np.ndarray) and not array.flags.writeable, key
        total += array.size
    assert total < 20_000, total
    if "heat" in snap.arrays:
        assert snap.arrays["heat"].shape == (50, 50) and len(snap.arrays["fake"]) == 500
        assert snap.metrics["modes_total"] == {"ring8": 8, "grid25": 25, "drawn": 2}[CONFIGS[name].data]


def test_arrows_point_down_the_generator_loss():
    """For a WGAN the arrows are +grad f at the generated points: one step along them raises the critic."""
    engine = _engine(CONFIGS["gan-ring8-gp"])
    engine.advance(5)
    snap = engine.snapshot()
    pairs = snap.arrays["arrows"].reshape(-1, 2, 2)
    start, end = torch.tensor(pairs[:, 0]), torch.tensor(pairs[:, 1])
    np.testing.assert_allclose(pairs[:, 0], snap.arrays["fake"][:len(pairs)], atol=1e-6)
    x = start.clone().requires_grad_(True)
    grad, = torch.autograd.grad(engine.D(x).sum(), x)
    direction = (end - start)
    cos = torch.nn.functional.cosine_similarity(direction, grad, dim=1)
    assert float(cos.min()) > 0.999
    lengths = direction.norm(dim=1)
    assert float(lengths.max()) == pytest.approx(0.12 * 6.0, rel=1e-5)  # the longest arrow: 12% of the plane


def test_heatmap_is_the_discriminator_on_the_plane():
    config = CONFIGS["gan-drawn-ns"]
    engine = _engine(config)
    engine.advance(3)
    heat = engine.snapshot().arrays["heat"]
    x0, x1, y0, y1 = engine.extent
    row, col = 7, 31
    point = torch.tensor([[x0 + (col + 0.5) * (x1 - x0) / 50, y0 + (row + 0.5) * (y1 - y0) / 50]])
    with torch.no_grad():
        assert heat[row, col] == pytest.approx(float(torch.sigmoid(engine.D(point))), rel=1e-5)
    assert 0 < heat.min() and heat.max() < 1  # a probability for the minimax-family losses


def test_weight_clipping_keeps_the_critic_in_the_box():
    engine = _engine(CONFIGS["gan-grid25-clip"])
    engine.advance(3)
    assert max(float(p.detach().abs().max()) for p in engine.D.parameters()) <= CONFIGS["gan-grid25-clip"].clip + 1e-9


def test_vae_terms_add_up_and_the_autoencoder_has_no_kl():
    engine = _engine(CONFIGS["vae-moons"])
    engine.advance(6)
    m = engine.snapshot().metrics
    assert m["neg_elbo"] == pytest.approx(m["recon"] + m["kl"], rel=1e-5)
    assert m["kl"] > 0
    ae = _engine(CONFIGS["vae-digits-ae"])
    ae.advance(6)
    snap = ae.snapshot()
    assert snap.metrics["kl"] == 0.0 and snap.metrics["active_dims"] == 0
    assert snap.arrays["grid_image"].shape == (89, 89) and snap.arrays["recon_image"].shape == (17, 89)


def test_vae_learns_digits_and_a_high_beta_collapses_the_posterior():
    """With beta = 1 both latent dimensions carry information; with beta = 20 the KL of every dimension
    goes to ~0: the decoder ignores z and draws the mean digit (posterior collapse)."""
    base = dict(mode="vae", data="digits", max_steps=500, eval_every=50)
    normal, collapsed = _engine(GenerativeConfig(**base)), _engine(GenerativeConfig(**base, beta=20.0))
    normal.advance(500)
    collapsed.advance(500)
    a, b = normal.snapshot(), collapsed.snapshot()
    assert a.metrics["active_dims"] == 2 and a.arrays["kl_dim"].min() > 0.5
    assert b.metrics["active_dims"] == 0 and b.arrays["kl_dim"].max() < 0.05
    assert a.metrics["recon"] < b.metrics["recon"] - 3  # the price of collapse: worse reconstructions
    hist = a.arrays["hist_recon"]
    assert hist[-1] < hist[0] / 1.5


@pytest.mark.parametrize("name", ["gan-ring8-gp", "vae-digits-ae"])
def test_snapshots_stay_small_for_step_back(name):
    engine = _engine(CONFIGS[name])
    engine.advance(30)
    snap = engine.snapshot()
    assert sum(a.nbytes for a in snap.arrays.values()) < 60_000
    assert all(a.dtype != np.float64 or a.nbytes < 1000 for k, a in snap.arrays.items() if k != "hist_step")
