"""The GAN on a 2-D target or on 8x8 digits, with four losses (GAN and WGAN as in the seed notes;
the WGAN-GP penalty is Gulrajani et al.'s (||grad|| - 1)^2, where the notes write lambda E||grad f||^2).

With a = D(x) the discriminator's logit (its probability is sigmoid(a)) or the critic's value:

    minimax         D: min -E log D(x) - E log(1 - D(G(z)))    G: min E log(1 - D(G(z)))
    non_saturating  D: as above                                  G: min -E log D(G(z))
    wgan_clip       D: min E f(G(z)) - E f(x), then w <- clip(w, -c, c)   G: min -E f(G(z))
    wgan_gp         D: min E f(G(z)) - E f(x) + lambda E(||grad f(x_hat)|| - 1)^2,
                    x_hat = t x + (1 - t) G(z), t ~ U(0, 1)               G: min -E f(G(z))

One step is one generator update after ``d_steps`` discriminator updates. Every random number comes
from one torch.Generator on the run's device, seeded with ctx.seed.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from playground.deferred import DeferredRows
from playground.engine import Engine
from playground.generative import data, metrics
from playground.generative.models import Ring, latent_grid, mlp, with_breaks

N_EVAL = 1000  # generated points for the figures (fixed z)
N_SHOW = 500  # of them drawn
N_ARROWS = 150
HEAT = 50  # heatmap cells per side
WASSERSTEIN = ("wgan_clip", "wgan_gp")


def gradient_penalty(critic, real: torch.Tensor, fake: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """E (||grad_x f(x_hat)|| - 1)^2 at x_hat = t x + (1 - t) G(z) (without lambda)."""
    x_hat = (t * real + (1 - t) * fake).requires_grad_(True)
    grad, = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.norm(dim=1) - 1) ** 2).mean()


def d_loss(loss: str, a_real: torch.Tensor, a_fake: torch.Tensor) -> torch.Tensor:
    if loss in WASSERSTEIN:
        return a_fake.mean() - a_real.mean()
    # -log sigmoid(a) = softplus(-a); -log(1 - sigmoid(a)) = softplus(a)
    return F.softplus(-a_real).mean() + F.softplus(a_fake).mean()


def g_loss_each(loss: str, a_fake: torch.Tensor) -> torch.Tensor:
    """The generator's loss per generated sample."""
    if loss == "minimax":
        return -F.softplus(a_fake)  # log(1 - D(G(z)))
    if loss == "non_saturating":
        return F.softplus(-a_fake)  # -log D(G(z))
    return -a_fake


def make_optimizer(config, params, lr: float):
    if config.optimizer == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(config.beta1, config.beta2))
    if config.optimizer == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr)
    return torch.optim.SGD(params, lr=lr)


class GANEngine(Engine):
    @property
    def snapshot_kind(self) -> str:  # declared in snapshots.py
        return "generative.gan.digits" if self.config.data == "digits" else "generative.gan.points"

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        self.device, self.generator = data.seeded_device(ctx)
        self.digits = c.data == "digits"
        if self.digits:
            x, _ = data.digits()
            self.x_data = torch.as_tensor(x).to(self.device)
            dim = 64
        else:
            dim = 2
        torch.manual_seed(ctx.seed)
        self.G = mlp(c.gan_latent_dim, c.g_hidden, c.g_layers, dim).to(self.device)
        self.D = mlp(dim, c.d_hidden, c.d_layers, 1, activation=lambda: torch.nn.LeakyReLU(0.2)).to(self.device)
        self.opt_g = make_optimizer(c, self.G.parameters(), c.g_lr)
        self.opt_d = make_optimizer(c, self.D.parameters(), c.d_lr)
        fixed = torch.Generator().manual_seed(ctx.seed + 1)  # the figures' samples: fixed, off the training stream
        self.z_eval = torch.randn(N_EVAL if not self.digits else 64, c.gan_latent_dim, generator=fixed).to(self.device)
        if self.digits:
            self.real_eval = self.x_data[torch.randperm(len(self.x_data), generator=fixed)[:N_EVAL].to(self.device)]
        else:
            real, label = data.sample(c.data, N_EVAL, fixed, "cpu", c.points, c.point_sigma)
            self.real_eval, self.real_labels = real.to(self.device), label.numpy()
            self.centres, self.sigma = data.modes(c.data, c.points, c.point_sigma)
            self.extent = data.extent(c.data, c.points)
            x0, x1, y0, y1 = self.extent
            xs = x0 + (np.arange(HEAT) + 0.5) * (x1 - x0) / HEAT
            ys = y0 + (np.arange(HEAT) + 0.5) * (y1 - y0) / HEAT
            xx, yy = np.meshgrid(xs, ys)  # row i is y = ys[i]
            self.heat_points = torch.as_tensor(np.stack([xx.ravel(), yy.ravel()], 1), dtype=torch.float32).to(self.device)
            grid, self.grid_breaks = latent_grid(c.gan_latent_dim)
            self.grid_z = torch.as_tensor(grid).to(self.device)
        self.sums = torch.zeros(2, device=self.device)  # D loss, G loss since the last curve point
        self.batches = 0
        # step, D loss, G loss, divergence, modes covered, high-quality share, D(real)-D(fake)
        self._history = DeferredRows(Ring(7), self._history_row)
        self._record()

    @property
    def finished(self) -> bool:
        return bool(self.config.max_steps) and self.step >= self.config.max_steps

    def natural_length(self) -> int | None:
        return self.config.max_steps or None  # 0: trains until stopped

    @property
    def history(self) -> Ring:
        return self._history.settle()

    def _real(self, n: int) -> torch.Tensor:
        if self.digits:
            return self.x_data[torch.randint(len(self.x_data), (n,), generator=self.generator, device=self.device)]
        c = self.config
        return data.sample(c.data, n, self.generator, self.device, c.points, c.point_sigma)[0]

    def _z(self, n: int) -> torch.Tensor:
        return torch.randn(n, self.config.gan_latent_dim, generator=self.generator, device=self.device)

    def generate(self, z: torch.Tensor) -> torch.Tensor:
        out = self.G(z)
        return torch.sigmoid(out) if self.digits else out

    def advance(self, n: int) -> None:
        c = self.config
        if c.max_steps:
            n = min(n, c.max_steps - self.step)
        size = c.batch_size
        for _ in range(max(n, 0)):
            for _ in range(c.d_steps):
                real = self._real(size)
                with torch.no_grad():
                    fake = self.generate(self._z(size))
                loss_d = d_loss(c.loss, self.D(real), self.D(fake))
                if c.loss == "wgan_gp":
                    t = torch.rand(size, 1, generator=self.generator, device=self.device)
                    loss_d = loss_d + c.gp_lambda * gradient_penalty(self.D, real, fake, t)
                self.opt_d.zero_grad(set_to_none=True)
                loss_d.backward()
                self.opt_d.step()
                if c.loss == "wgan_clip":
                    with torch.no_grad():
                        for p in self.D.parameters():
                            p.clamp_(-c.clip, c.clip)
            loss_g = g_loss_each(c.loss, self.D(self.generate(self._z(size)))).mean()
            self.opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            self.opt_g.step()
            self.sums += torch.stack([loss_d.detach(), loss_g.detach()])
            self.batches += 1
            self.step += 1
            if self.step % c.eval_every == 0 or self.finished:
                self._record()

    @torch.no_grad()
    def outputs(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(D(real), D(G(z)), G(z)) of the current G and D on the fixed samples, on the device."""
        fake = self.generate(self.z_eval)
        return self.D(self.real_eval)[:, 0], self.D(fake)[:, 0], fake

    def evaluate(self) -> dict:
        """Figures of the current G and D on the fixed samples."""
        return self.figures(*(t.cpu().numpy() for t in self.outputs()))

    def figures(self, a_real: np.ndarray, a_fake: np.ndarray, fake: np.ndarray | None) -> dict:
        """Divergence estimate, D gap and mode coverage from the outputs (on the host)."""
        c = self.config
        if c.loss in WASSERSTEIN:
            divergence = metrics.w1_estimate(a_real, a_fake)
            gap = divergence
        else:
            p_real, p_fake = 0.5 * (1 + np.tanh(a_real / 2)), 0.5 * (1 + np.tanh(a_fake / 2))  # sigmoid, no overflow
            divergence = metrics.js_estimate(p_real, p_fake)
            gap = float(p_real.mean() - p_fake.mean())
        out = {"divergence": divergence, "gap": gap, "fake": fake}
        covered, quality = 0, 0.0
        if not self.digits:
            min_count = max(2, int(0.2 * N_EVAL / max(len(self.centres), 1)))
            covered, quality, counts = metrics.mode_coverage(out["fake"], self.centres, self.sigma or 0.0, min_count)
            out["counts"] = counts
        out.update(covered=covered, quality=quality)
        return out

    def _record(self) -> None:
        """A curve point: the mean losses and the outputs stay on the device until a snapshot reads the
        history, where ``_history_row`` turns them into figures (no sync per step)."""
        means = self.sums / self.batches if self.batches else None
        a_real, a_fake, fake = self.outputs()
        self._history.append(self.step, means, a_real, a_fake, None if self.digits else fake)
        self.sums.zero_()
        self.batches = 0

    def _history_row(self, step, means, a_real, a_fake, fake) -> tuple:
        loss_d, loss_g = means.tolist() if means is not None else (float("nan"), float("nan"))
        f = self.figures(a_real, a_fake, fake)
        return step, loss_d, loss_g, f["divergence"], f["covered"], f["quality"], f["gap"]

    # What the plots need ----------------------------------------------------------------------------
    def plane(self) -> dict:
        """Heatmap of D over the plane, generator-gradient arrows, the warped latent grid (2-D targets)."""
        c = self.config
        with torch.no_grad():
            heat = self.D(self.heat_points)[:, 0]
            if c.loss not in WASSERSTEIN:
                heat = torch.sigmoid(heat)
            lines = self.generate(self.grid_z)
        x = self.generate(self.z_eval[:N_ARROWS]).detach().requires_grad_(True)
        grad, = torch.autograd.grad(g_loss_each(c.loss, self.D(x)).sum(), x)
        self.D.zero_grad(set_to_none=True)
        step = -grad.detach()  # the direction that lowers the generator's loss at each point
        peak = float(step.norm(dim=1).max())
        x0, x1, _, _ = self.extent
        scale = 0.12 * (x1 - x0) / peak if peak > 0 and np.isfinite(peak) else 0.0
        start = x.detach()
        arrows = torch.stack([start, start + scale * step], 1).reshape(-1, 2)
        return {"heat": heat.reshape(HEAT, HEAT).cpu().numpy().astype(np.float32),
                "arrows": arrows.cpu().numpy().astype(np.float32),
                "grid_lines": with_breaks(lines.cpu().numpy(), self.grid_breaks).astype(np.float32),
                "grad_peak": peak}

    def snapshot(self):
        c, h = self.config, self.history
        f = self.evaluate()  # the current G and D: the points drawn, the arrows and the figures agree
        f32 = np.float32  # the worker keeps hundreds of snapshots for step-back
        arrays = {"hist_step": h.column(0), "hist_d": h.column(1).astype(f32), "hist_g": h.column(2).astype(f32),
                  "hist_div": h.column(3).astype(f32), "hist_modes": h.column(4).astype(f32),
                  "hist_quality": h.column(5).astype(f32)}
        first = h.size < 2  # no losses before the first recorded step: show 0, not NaN
        m = {"d_loss": 0.0 if first else h.last(1), "g_loss": 0.0 if first else h.last(2),
             "divergence": f["divergence"], "d_gap": f["gap"]}
        tables = {"data": c.data, "loss": c.loss, "divergence_name": "W1 estimate" if c.loss in WASSERSTEIN else "JS estimate"}
        if self.digits:
            samples = f["fake"].reshape(-1, 8, 8)
            real = self.real_eval[:64].cpu().numpy().reshape(-1, 8, 8)
            arrays.update(samples_image=data.tile(samples, 8, 8, gap=1), real_image=data.tile(real, 8, 8, gap=1))
        else:
            plane = self.plane()
            m.update(modes_covered=float(f["covered"]), modes_total=float(len(self.centres)),
                     high_quality=f["quality"], grad_peak=plane.pop("grad_peak"))
            arrays.update(plane, real=self.real_eval[:N_SHOW].cpu().numpy(), real_labels=self.real_labels[:N_SHOW],
                          fake=f["fake"][:N_SHOW], centres=self.centres, mode_counts=f["counts"])
            tables.update(extent=list(self.extent), sigma=float(self.sigma or 0.0),
                          heat_label="D(x) = P(real)" if c.loss not in WASSERSTEIN else "critic f(x)")
        diverged = None
        if not all(np.isfinite(v) for v in m.values()):
            diverged = (f"diverged at step {self.step}: a loss is not finite -- lower the learning rates "
                        f"(G {c.g_lr:g}, D {c.d_lr:g})")
        return self.make_snapshot(metrics=m, arrays=arrays, tables=tables, diverged=diverged)
