"""The shipped lesson presets of the generative panel, written here so their notes live beside the math.

``python -m playground.generative.lessons`` (re)writes ``presets/generative/*.json``; a test checks the
shipped files equal what this module makes. Figures quoted in the notes are measured with seed 0 on
the CPU and checked by tests/core/test_generative_presets.py (the 3,000-step mode counts also by
benchmarks/bench_generative.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ELBO = r"""
**The VAE (seed notes).** The inference network is $q(z|x;\phi) = N(z; \mu_1, \sigma_1^2 I)$ with
$h = \sigma(W^{(1)} x + b^{(1)})$, $\mu_1 = W^{(2)} h + b^{(2)}$, $\sigma_1^2 = \mathrm{softplus}(W^{(3)} h + b^{(3)})$;
the generative network is $p(x|z;\theta) = N(x; \mu_2, \sigma_2^2 I)$. The objective is the ELBO

$\max_{\theta,\phi} E_{z \sim q(z|x;\phi)}[\log p(x|z;\theta)] - \mathrm{KL}(q(z|x;\phi) \| p(z))$

and the **reparameterisation trick** $z = \mu_1 + \sigma_1 \epsilon$, $\epsilon \sim N(0, I)$ makes $z$
differentiable in $\mu_1$ and $\sigma_1$. With the prior $p(z) = N(0, I)$ the KL term has a closed form,
$\mathrm{KL} = \frac{1}{2}\sum_j (\mu_j^2 + \sigma_j^2 - 1 - \log \sigma_j^2)$ (the tests compare it with
`torch.distributions.kl_divergence`). The seed writes the loss with a weight $\lambda$ on the KL,
$J = -\frac{1}{2}\|x - \mu_2\|^2 - \lambda \mathrm{KL}$.

**What x sigma does to it.** For 2-D data this panel's decoder is that gaussian with a fixed standard
deviation $\sigma_x$ (*x sigma*), whose log-likelihood in $d = 2$ dimensions is
$\log p(x|z) = -\frac{\|x - \mu_2\|^2}{2\sigma_x^2} - d \log \sigma_x - \frac{d}{2} \log 2\pi$.
The last two terms do not depend on the weights, so the panel leaves them out: its reconstruction is
$\|x - \mu_2\|^2 / (2\sigma_x^2)$ and its -ELBO curve is the true $-$ELBO minus $d \log \sigma_x + \frac{d}{2}\log 2\pi$.
The loss recon + $\beta$ KL, times $\sigma_x^2$, is $\frac{1}{2}\|x - \mu_2\|^2 + \beta \sigma_x^2 \mathrm{KL}$: the seed's $J$
with $\lambda = \beta \sigma_x^2$. So the seed's ELBO ($\lambda = 1$) is this panel's at $\beta = 1$ and
$\sigma_x = 1$ only; $\sigma_x$ weights reconstruction against KL just as $\beta$ does ($\sigma_x = 0.1$ is
$\lambda = 0.01$: the KL counts a hundred times less than in the seed's loss). For digits the
reconstruction term is the Bernoulli cross-entropy summed over the 64 pixels (nats per digit) and
x sigma plays no part; there **beta** is the seed's $\lambda$.
"""

GAN = r"""
**The GAN (seed notes).** The discriminator minimises the cross-entropy
$-E_x[\log D(x)] - E_z[\log(1 - D(G(z)))]$; the generator minimises $E_z[\log(1 - D(G(z)))]$ (*minimax*)
or maximises $E_z[\log D(G(z))]$ (*non-saturating*). At the optimal discriminator
$D^*(x) = p(x)/(p(x) + p_G(x))$ the objective is $2\,\mathrm{JS}(p, p_G) - 2\log 2$, with
$\mathrm{JS}(p, p_G) = \frac{1}{2}\mathrm{KL}(p \| \frac{p+p_G}{2}) + \frac{1}{2}\mathrm{KL}(p_G \| \frac{p+p_G}{2})$,
so the panel's **JS estimate** is $\log 2 + \frac{1}{2}(E \log D(x) + E \log(1 - D(G(z))))$: 0 when D cannot
tell, $\log 2 \approx 0.693$ when it separates the two perfectly.
"""

WGAN = r"""
**WGAN (seed notes).** The Wasserstein-1 (earth-mover) distance
$W(p, p_G) = \inf_{\gamma \in \Pi(p, p_G)} \int \|x - y\|\, d\gamma$ has the Kantorovich-Rubinstein dual
$W(p, p_G) = \sup_{\|f\|_{Lip} \le 1} E_{x \sim p}[f(x)] - E_{x \sim p_G}[f(x)]$. The critic $f$ has to be kept
(roughly) 1-Lipschitz. The seed notes do it with the penalty $\lambda E_{\hat x}[\|\nabla_{\hat x} f(\hat x)\|^2]$ at
$\hat x = t x_1 + (1 - t) x_2$, $x_1 \sim p$, $x_2 \sim p_G$, $t \sim U(0, 1)$.

**What this panel runs.** The *wgan_clip* loss clips the critic's weights to $[-c, c]$ (the original WGAN).
The *wgan_gp* loss uses the penalty of WGAN-GP (Gulrajani et al., 2017), not the seed's:
$\lambda E_{\hat x}[(\|\nabla_{\hat x} f(\hat x)\| - 1)^2]$ at the same points $\hat x$. It pulls the gradient norm
towards 1, the Lipschitz bound the dual needs; the seed's $\|\nabla f\|^2$ pulls it towards 0 instead.
The tests check the panel's penalty is 0 for a
linear critic with a unit-norm weight (the seed's would be $\lambda$ there).
The panel's **W1 estimate** is $E f(x) - E f(G(z))$ on 1,000 fixed samples.
"""

COVERAGE = """
**Mode coverage.** 1,000 generated points from a fixed z: a point is *high quality* when it lies within
3 sigma (0.15) of a mode's centre; a mode is *covered* when at least 25 points (a fifth of a fair share)
lie within 3 sigma of it.
"""

PANEL = "generative"

LESSONS: dict[str, dict] = {
    "mode_collapse": dict(
        title="Mode collapse: a minimax GAN on a ring of 8 gaussians",
        config=dict(mode="gan", data="ring8", loss="minimax", d_steps=1, g_lr=0.002, d_lr=0.0002, beta1=0.5),
        notes=f"""
The target is a ring of 8 gaussians (radius 2, sigma 0.05). The generator learns ten times faster
than the discriminator (learning rates 0.002 and 0.0002), one D step per G step, the minimax loss.

Watch the orange points: they gather into one tight blob that runs towards a mode, sits there until
the discriminator learns to reject it, then jumps to another one. Measured with seed 0: at step 1,500
all 174 high-quality samples (17.4%) sit in one mode (1 of 8 covered); at step 3,000 no mode is
covered. The heatmap shows why: D(x) is high where the blob is *not*, and the arrows (the generator's
gradient, $-\\partial L_G / \\partial x$) all point the same way, so the whole blob moves together.
A generator that wins by putting all its mass on the one place D currently likes has no reason to
spread out: the loss sees one sample at a time, never the variety of a batch.

Try the **non-saturating** loss (still collapses), equal learning rates 0.001 (the minimax GAN then
covers all 8 here), or the cure in the next lesson: WGAN-GP.
{GAN}{COVERAGE}""",
    ),
    "wgan_gp_cure": dict(
        title="The cure: WGAN-GP covers every mode",
        config=dict(mode="gan", data="ring8", loss="wgan_gp"),
        notes=f"""
The same ring of 8 gaussians, now with WGAN-GP: 5 critic steps per generator step, lambda = 10,
Adam (lr 0.001, betas (0, 0.9)), generator and critic 3 hidden layers of 64 units, batch 128.

Measured with seed 0: 3 modes covered at step 1,000 (20.5% high quality), all 8 by step 1,500, and
8 of 8 with 74% of the samples within 3 sigma of a mode at step 3,000 (the benchmark's figure; on
one CPU core about 40 s). The minimax GAN of the previous lesson covers 0 of 8 at the same budget.

Why it works: the critic's value (the heatmap) is a smooth slope, high on the ring and low where the
generated points are, with $\\|\\nabla f\\| \\approx 1$ in between; the arrows (here $+\\nabla f$ at each
generated point) pull every point towards its nearest piece of the ring, whether or not the two
distributions overlap. The **W1 estimate** curve falls towards 0 as the generator improves: unlike
the JS estimate it measures *how far* the generated mass has to move.

The orange lines are the latent grid warped by the generator: $G$ maps the plane of $z$ onto the
ring, stretching the few lines that cross between modes (the low-quality points on the bridges).
{WGAN}{COVERAGE}""",
    ),
    "d_steps_per_g_step": dict(
        title="Critic steps per generator step",
        config=dict(mode="gan", data="ring8", loss="wgan_gp", d_steps=1),
        notes=f"""
WGAN-GP as in the cure, but with **one** critic step per generator step instead of five.

The generator's gradient is only as good as the critic: the duality
$W = \\sup_f E f(x) - E f(G(z))$ holds at the supremum, so the critic has to be trained close to it
before the generator follows its slope. With one step it lags behind. Measured with seed 0: the W1
estimate goes *negative* (-0.97 at step 500: the critic scores the generated points above the real
ones, it is nowhere near the supremum), and after 3,000 steps a single mode is covered (7.8% high
quality), against 8 of 8 with 5 critic steps.

Set d_steps back to 5 (the cure's setting) and the ring fills in. The price is time: each generator
step costs d_steps critic steps, each with a double backward for the penalty. For the minimax loss
the opposite can happen: open *mode_collapse* and set d_steps to 5. The discriminator then wins
outright (the JS estimate sits at log 2 = 0.693), $\\log(1 - D(G(z)))$ saturates and the
generated points drift away from the ring; the **non-saturating** loss still gets gradient there
(6 of 8 modes at step 3,000 in that setting).
{WGAN}""",
    ),
    "critic_heatmap": dict(
        title="Reading the critic's heatmap (two moons)",
        config=dict(mode="gan", data="moons", loss="wgan_gp", gp_lambda=0.1, max_steps=2000),
        notes=f"""
WGAN-GP on the two moons. Read the plane layer by layer (switch them in *View*):

- **heatmap**: the critic $f(x)$ on a 50x50 grid, orange high, blue low. It is high on the moons and
  low where generated points pile up that should not be there. Only differences matter: adding a
  constant to $f$ changes nothing.
- **arrows**: $-\\partial L_G/\\partial x = +\\nabla f$ at 150 generated points, the longest scaled to 12% of
  the plane. They point uphill on the heatmap, towards the nearest real mass.
- **grid**: the image of a grid of latent points under $G$, showing how the generator folds the
  plane of z onto two curved strips.

The penalty weight here is lambda = 0.1, the value of the WGAN-GP authors' own toy experiments (a
smaller lambda helps on toy data). Measured with seed 0: the W1 estimate falls from 0.20 at step 250
to 0.04 at step 500 and then hovers around 0 (-0.08 at step 1,500) while the orange points settle on
both moons. With lambda = 10 on this target the critic keeps falling behind (its estimate swings
between about -1.8 and +2 in the first 1,500 steps): watch the heatmap turn upside down.

Switch the loss to **minimax**: the heatmap becomes $D(x) = P(\\text{{real}})$, flat near 0 and 1 away from
the boundary, and the arrows there vanish (the saturation of the previous lesson).
{WGAN}""",
    ),
    "gan_on_digits": dict(
        title="A small GAN on 8x8 digits",
        config=dict(mode="gan", data="digits", loss="wgan_gp", g_hidden=128, d_hidden=128, g_layers=2, d_layers=2,
                    gan_latent_dim=16, batch_size=64, d_steps=3, max_steps=2000),
        notes=f"""
A WGAN-GP on sklearn's 1,797 digits: G maps 16 gaussian numbers through two layers of 128 units to
64 pixels (a sigmoid keeps them in [0, 1]); the critic has two layers of 128 units. The grid shows
G at 64 fixed z, so each tile is one z followed through training.

Measured with seed 0: the W1 estimate falls from 0.58 at step 300 to 0.22 at step 1,200, and the
noise turns into strokes that look like 0, 3, 5, 6, 7 and 9. Try the **non-saturating** loss with one
D step (lr 0.0005, betas (0.5, 0.9)): here every tile becomes the same picture: mode collapse on
digits.
{WGAN}""",
    ),
    "beta_vae_tradeoff": dict(
        title="beta-VAE: the trade-off, and posterior collapse",
        config=dict(mode="vae", data="digits", beta=4.0, max_steps=1000),
        notes=f"""
A VAE on the 8x8 digits with a 2-D latent space and **beta = 4**: the loss is recon + 4 KL.

Measured with seed 0 after 1,000 steps (batch 128, Adam lr 0.002), nats per digit:

| beta | reconstruction | KL | active dimensions |
| --- | --- | --- | --- |
| 0.25 | 20.3 | 4.49 | 2 |
| 1 | 21.8 | 2.58 | 2 |
| 2 | 24.7 | 0.99 | 2 |
| 4 | 27.1 | 0.00 | 0 |

A larger beta buys a posterior closer to the prior (smaller KL: the latent scatter fills the unit
disc, samples from the prior look like the data) at the price of blurrier reconstructions. At beta 4
the KL of *every* dimension is ~0 (the bar chart): **posterior collapse**. The encoder outputs
$\\mu = 0, \\sigma = 1$ for every digit, the decoder ignores z and draws the mean digit everywhere on
the latent grid; the reconstruction term (27.1) is that of the mean digit. Try beta 2 and 1 (the
latent plane comes alive), 0.25 (sharper, but holes between the classes), or **autoencoder** (no KL:
the codes spread anywhere and prior samples decode to nonsense).
{ELBO}""",
    ),
    "vae_on_two_moons": dict(
        title="A VAE on two moons: the latent plane and its holes",
        config=dict(mode="vae", data="moons", max_steps=3000),
        notes=f"""
A VAE with a 2-D latent space on 2,000 points of the two moons (labelled by moon). The decoder is a
gaussian with a fixed standard deviation $\\sigma_x = 0.1$, so the reconstruction term is
$\\|x - \\mu_2\\|^2 / (2 \\sigma_x^2)$ (the seed's $\\frac{{1}}{{2}}\\|x - \\mu_2\\|^2$ is $\\sigma_x = 1$).

- **data and reconstructions**: the orange points (decoded at $z = \\mu_1(x)$) lie on a thin curve
  along each moon: the noise across a moon is not worth the KL it would cost to encode.
- **latent means**: each moon becomes a band in the latent plane.
- **prior samples decoded** and the decoded latent grid: $z \\sim N(0, I)$ falls between the bands
  too, and decodes to points *between* the moons: the aggregate posterior does not fill the prior.
- **interpolation**: the straight line in z between two examples, decoded, bends through the plane.

Measured with seed 0 at step 1,500: reconstruction 1.02 and KL 3.84 nats per point, both latent
dimensions active. Try beta 4 (reconstruction 3.09, KL 2.81: a smoother code, blurrier
reconstructions), x sigma 1 (the seed's loss: the KL term wins and one latent dimension collapses,
KL per dimension 0.35 and 0.00), or the autoencoder (no KL: the prior samples land anywhere).
{ELBO}""",
    ),
    "vae_latent_grid": dict(
        title="A VAE's latent plane of digits",
        config=dict(mode="vae", data="digits", beta=1.0, max_steps=3000),
        notes=f"""
A VAE with a 2-D latent space on the 8x8 digits (encoder and decoder: 2 layers of 128 units).

- **latent means**: $\\mu_1(x)$ of 500 digits, coloured by class: the classes form regions although
  the VAE never sees a label.
- **decoder over the latent plane**: the decoder's mean at a 10x10 grid of z in [-2.5, 2.5]^2: the
  digits morph into each other continuously.
- **samples from the prior**: 32 z ~ N(0, I) decoded.
- **interpolation**: the straight line in z between the codes of two chosen digits (*interp a, b*),
  decoded (the black path in the latent scatter).
- **reconstructions**: the first 10 digits above their decodings at z = mu.

Measured with seed 0: reconstruction 21.8 and KL 2.58 nats per digit at step 1,000 (both latent
dimensions active, KL per dimension about 1.3 and 1.2). The -ELBO curve is their sum, a bound on
$-\\log p(x)$.
{ELBO}""",
    ),
}


def tidy(notes: str) -> str:
    """Notes without the blank lines around them, ending in one newline; empty stays empty."""
    return notes.strip() + "\n" if notes.strip() else ""


def build(name: str):
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], notes=lesson["notes"].strip() + "\n",
                      notes_zh=tidy(lesson.get("notes_zh", "")), seed=0,
                      device="auto", config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/generative/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
