"""The generative panel's math against closed forms: the reparameterised sampler, the KL term, the
gradient penalty, the divergence estimates, mode coverage and the samplers of the 2-D targets."""

import math

import numpy as np
import pytest
import torch
from torch import nn

from playground.generative import data, metrics
from playground.generative.gan import d_loss, g_loss_each, gradient_penalty
from playground.generative.vae import kl_normal, recon_loss, reparameterise

torch.set_num_threads(1)


def test_reparameterised_sampler_has_the_right_mean_and_variance():
    g = torch.Generator().manual_seed(0)
    mu = torch.tensor([0.5, -2.0, 3.0])
    var = torch.tensor([0.25, 1.0, 4.0])
    n = 200_000
    z = reparameterise(mu.expand(n, 3), var.expand(n, 3), torch.randn(n, 3, generator=g))
    # the standard error of a mean is sigma / sqrt(n); of a variance about sigma^2 sqrt(2 / n)
    np.testing.assert_allclose(z.mean(0), mu, atol=float(4 * var.max().sqrt() / math.sqrt(n)))
    np.testing.assert_allclose(z.var(0), var, rtol=4 * math.sqrt(2 / n))
    assert abs(float(torch.corrcoef(z.T)[0, 1])) < 0.01  # independent dimensions


def test_reparameterised_sample_is_differentiable_in_mu_and_sigma():
    mu = torch.tensor([1.0], requires_grad=True)
    var = torch.tensor([4.0], requires_grad=True)
    eps = torch.tensor([0.5])
    reparameterise(mu, var, eps).sum().backward()
    assert float(mu.grad) == 1.0
    assert float(var.grad) == pytest.approx(0.5 * 0.5 / 2.0)  # d(sqrt(v) eps)/dv = eps / (2 sqrt(v))


def test_kl_term_equals_the_closed_form_and_torch_distributions():
    g = torch.Generator().manual_seed(1)
    mu = torch.randn(50, 4, generator=g, dtype=torch.float64)
    var = torch.rand(50, 4, generator=g, dtype=torch.float64) * 3 + 0.05
    ours = kl_normal(mu, var).sum(1)
    closed = 0.5 * (mu ** 2 + var - 1 - torch.log(var)).sum(1)
    q = torch.distributions.Normal(mu, var.sqrt())
    p = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(var))
    reference = torch.distributions.kl_divergence(q, p).sum(1)
    torch.testing.assert_close(ours, closed)
    torch.testing.assert_close(ours, reference)
    assert float(kl_normal(torch.zeros(3), torch.ones(3)).abs().max()) == 0.0  # q = prior: no KL


def test_vae_engine_kl_matches_the_closed_form_of_its_encoder():
    from playground.engine import RunContext
    from playground.generative.config import GenerativeConfig
    from playground.generative.vae import VAEEngine

    engine = VAEEngine(GenerativeConfig(mode="vae", data="digits", vae_hidden=16, latent_dim=3), RunContext(seed=0))
    x = engine.x[:20]
    with torch.no_grad():
        _, kl, _ = engine.losses(x, torch.zeros(20, 3))
        mu, var = engine.model.encode(x)
    q = torch.distributions.Normal(mu, var.sqrt())
    reference = torch.distributions.kl_divergence(q, torch.distributions.Normal(0.0, 1.0))
    torch.testing.assert_close(kl, reference, rtol=1e-5, atol=1e-6)


def _linear_critic(weight):
    critic = nn.Linear(2, 1)
    with torch.no_grad():
        critic.weight.copy_(torch.tensor([weight]))
        critic.bias.fill_(0.3)
    return critic


def test_gradient_penalty_is_zero_for_a_1_lipschitz_critic_and_positive_otherwise():
    g = torch.Generator().manual_seed(2)
    real, fake = torch.randn(256, 2, generator=g), torch.randn(256, 2, generator=g) + 3
    t = torch.rand(256, 1, generator=g)
    unit = _linear_critic([0.6, 0.8])  # ||w|| = 1: |f(x) - f(y)| <= ||x - y||, with equality along w
    assert float(gradient_penalty(unit, real, fake, t).detach()) < 1e-12
    steep = _linear_critic([1.8, 2.4])  # ||w|| = 3: the gradient norm is 3 everywhere, penalty (3 - 1)^2
    assert float(gradient_penalty(steep, real, fake, t).detach()) == pytest.approx(4.0, rel=1e-6)
    flat = _linear_critic([0.3, 0.4])  # ||w|| = 0.5: penalised too (the two-sided penalty)
    assert float(gradient_penalty(flat, real, fake, t).detach()) == pytest.approx(0.25, rel=1e-6)
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 1))
    assert float(gradient_penalty(mlp, real, fake, t).detach()) > 0.01


@pytest.mark.parametrize("x_sigma", [0.1, 1.0, 2.5])
def test_gaussian_reconstruction_is_the_log_likelihood_less_its_constants(x_sigma):
    """The notes: log p(x|z) = -||x - mu_2||^2 / (2 s^2) - d log s - d/2 log 2 pi; the panel keeps the first term."""
    gen = torch.Generator().manual_seed(3)
    x = torch.randn(16, 2, generator=gen, dtype=torch.float64)
    mu_2 = torch.randn(16, 2, generator=gen, dtype=torch.float64)
    d = 2
    log_p = torch.distributions.Normal(mu_2, x_sigma).log_prob(x).sum(1)
    constants = d * math.log(x_sigma) + d / 2 * math.log(2 * math.pi)
    assert torch.allclose(recon_loss(mu_2, x, False, x_sigma), -log_p - constants, atol=1e-12)
    # times sigma^2 the loss recon + beta KL is the seed's 1/2 ||x - mu_2||^2 + lambda KL with lambda = beta sigma^2
    beta, kl = 1.0, torch.rand(16, generator=gen, dtype=torch.float64)
    seed_loss = 0.5 * ((x - mu_2) ** 2).sum(1) + beta * x_sigma ** 2 * kl
    assert torch.allclose(x_sigma ** 2 * (recon_loss(mu_2, x, False, x_sigma) + beta * kl), seed_loss, atol=1e-12)


def test_gradient_penalty_is_differentiable_in_the_critic():
    critic = _linear_critic([1.8, 2.4])
    x = torch.zeros(4, 2)
    gradient_penalty(critic, x, x + 1, torch.full((4, 1), 0.5)).backward()
    # d/dw (||w|| - 1)^2 = 2 (||w|| - 1) w / ||w|| = 2 * 2 * (0.6, 0.8)
    np.testing.assert_allclose(critic.weight.grad[0].numpy(), [2.4, 3.2], rtol=1e-6)


def test_losses_follow_their_definitions():
    a_real, a_fake = torch.tensor([2.0, 0.0]), torch.tensor([-1.0, 1.0])
    d_real, d_fake = torch.sigmoid(a_real), torch.sigmoid(a_fake)
    bce = -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
    torch.testing.assert_close(d_loss("minimax", a_real, a_fake), bce)
    torch.testing.assert_close(g_loss_each("minimax", a_fake), torch.log(1 - d_fake))
    torch.testing.assert_close(g_loss_each("non_saturating", a_fake), -torch.log(d_fake))
    torch.testing.assert_close(d_loss("wgan_gp", a_real, a_fake), a_fake.mean() - a_real.mean())
    torch.testing.assert_close(g_loss_each("wgan_clip", a_fake), -a_fake)


def test_minimax_saturates_where_non_saturating_does_not():
    # where D confidently rejects a sample (D(G(z)) ~ 0) the minimax gradient vanishes
    a = torch.tensor([-8.0], requires_grad=True)
    g_loss_each("minimax", a).sum().backward()
    minimax = float(a.grad)
    a.grad = None
    g_loss_each("non_saturating", a).sum().backward()
    assert abs(minimax) < 1e-3 and abs(float(a.grad)) > 0.99


def test_divergence_estimates():
    half = np.full(100, 0.5)
    assert metrics.js_estimate(half, half) == pytest.approx(0.0, abs=1e-12)  # D* = 1/2: p = p_G
    assert metrics.js_estimate(np.ones(10), np.zeros(10)) == pytest.approx(math.log(2), abs=1e-6)
    # the optimal D*(x) = p / (p + p_G) for two disjoint-ish discrete distributions: the estimate is exact
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.5, 0.5])
    d = np.divide(p, p + q)
    m = (p + q) / 2
    kl = lambda a, b: sum(ai * math.log(ai / bi) for ai, bi in zip(a, b) if ai > 0)
    js = 0.5 * kl(p, m) + 0.5 * kl(q, m)
    estimate = math.log(2) + 0.5 * (sum(p * np.log(np.clip(d, 1e-300, 1))) + sum(q[q > 0] * np.log(1 - d[q > 0])))
    assert estimate == pytest.approx(js)
    assert metrics.w1_estimate(np.array([3.0, 1.0]), np.array([0.0, 0.0])) == 2.0
    # a 1-Lipschitz f(x) = x between two 1-D samples shifted by 1.5 gives the exact W1 = 1.5
    x = np.random.default_rng(0).normal(size=1000)
    assert metrics.w1_estimate(x + 1.5, x) == pytest.approx(metrics.w1_1d(x + 1.5, x)) == pytest.approx(1.5)


def test_mode_coverage():
    centres, sigma = data.modes("ring8")
    samples = np.concatenate([np.repeat(centres[:3], 40, axis=0), np.zeros((30, 2))])  # 3 modes, 30 at the origin
    covered, quality, counts = metrics.mode_coverage(samples, centres, sigma, min_count=25)
    assert covered == 3 and quality == pytest.approx(120 / 150) and counts.tolist() == [40, 40, 40, 0, 0, 0, 0, 0]
    assert metrics.mode_coverage(samples, centres, sigma, min_count=41)[0] == 0


@pytest.mark.parametrize("name,count", [("ring8", 8), ("grid25", 25)])
def test_mixture_samples_lie_near_their_modes(name, count):
    g = torch.Generator().manual_seed(3)
    x, label = data.sample(name, 20_000, g, "cpu")
    centres, sigma = data.modes(name)
    assert len(centres) == count and set(label.tolist()) == set(range(count))
    distance = np.linalg.norm(x.numpy() - centres[label.numpy()], axis=1)
    # |x - c| / sigma is chi with 2 degrees of freedom: P(within 3 sigma) = 1 - exp(-9/2)
    assert np.mean(distance <= 3 * sigma) == pytest.approx(1 - math.exp(-4.5), abs=0.003)
    assert np.bincount(label.numpy()).min() > 20_000 / count * 0.85


def test_other_targets_stay_in_their_extent():
    g = torch.Generator().manual_seed(4)
    for name in ("spiral", "moons"):
        x, _ = data.sample(name, 5000, g, "cpu")
        x0, x1, y0, y1 = data.extent(name)
        inside = (x[:, 0] > x0) & (x[:, 0] < x1) & (x[:, 1] > y0) & (x[:, 1] < y1)
        assert float(inside.float().mean()) > 0.999
    x, label = data.sample("drawn", 100, g, "cpu", points=[(1.0, 1.0), (-1.0, 0.0)], point_sigma=0.01)
    assert float((x - torch.tensor([[1.0, 1.0], [-1.0, 0.0]])[label]).abs().max()) < 0.05
