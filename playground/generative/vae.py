"""The VAE (and the plain autoencoder it switches to), following the seed notes.

Inference network q(z|x) = N(z; mu_1, sigma_1^2 I) with sigma_1^2 = softplus(W h + b); the
reparameterisation z = mu_1 + sigma_1 * eps, eps ~ N(0, I), makes z differentiable in mu_1 and
sigma_1. The loss is the negative ELBO with a weight beta on the KL term:

    loss = recon + beta * KL(q(z|x) || N(0, I)),  KL = 0.5 sum_j (mu_j^2 + sigma_j^2 - 1 - log sigma_j^2)

recon = ||x - mu_2||^2 / (2 sigma_x^2) for 2-D data (the seed's 1/2 ||x - mu_2||^2 with sigma_x = 1),
the Bernoulli cross-entropy summed over 64 pixels for digits.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from playground.deferred import DeferredRows
from playground.engine import Engine
from playground.generative import data
from playground.generative.models import Ring, latent_grid, mlp, with_breaks

N_2D = 2000  # examples of a 2-D data set (fixed at the start of a run)
N_SHOW = 500  # points in the latent scatter and the 2-D plots
GRID_TILES = 10  # decoded digits per side of the latent grid
GRID_HALF = 2.5


def reparameterise(mu: torch.Tensor, var: torch.Tensor, eps: torch.Tensor) -> torch.Tensor:
    """z = mu + sigma * eps."""
    return mu + var.sqrt() * eps


def kl_normal(mu: torch.Tensor, var: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, diag var) || N(0, I)) per dimension: 0.5 (mu^2 + sigma^2 - 1 - log sigma^2)."""
    return 0.5 * (mu ** 2 + var - 1.0 - torch.log(var))


class VAE(nn.Module):
    def __init__(self, n_in: int, hidden: int, layers: int, latent: int) -> None:
        super().__init__()
        self.latent = latent
        self.encoder = mlp(n_in, hidden, layers, 2 * latent)
        self.decoder = mlp(latent, hidden, layers, n_in)

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        out = self.encoder(x)
        mu, pre = out[:, : self.latent], out[:, self.latent:]
        return mu, F.softplus(pre) + 1e-6  # sigma_1^2 = softplus(W h + b), as in the seed notes


def recon_loss(out: torch.Tensor, x: torch.Tensor, binary: bool, x_sigma: float) -> torch.Tensor:
    """Per-example reconstruction term: -log p(x|z) up to a constant."""
    if binary:
        return F.binary_cross_entropy_with_logits(out, x, reduction="none").sum(1)
    return ((out - x) ** 2).sum(1) / (2 * x_sigma ** 2)


def history_row(step, means, start_recon, start_kl) -> tuple:
    """One curve point on the host: the means since the last point, or (step 0) the untrained model's
    recon and KL, whose -ELBO is their sum in float64."""
    if means is not None:
        return (step, *means.tolist())
    recon, kl = float(start_recon), float(start_kl)
    return step, recon, kl, recon + kl


class VAEEngine(Engine):
    @property
    def snapshot_kind(self) -> str:  # declared in snapshots.py
        return "generative.vae.digits" if self.config.data == "digits" else "generative.vae.points"

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        self.device, self.generator = data.seeded_device(ctx)
        self.binary = c.data == "digits"
        if self.binary:
            x, y = data.digits()
            x_t, y_t = torch.as_tensor(x), torch.as_tensor(y)
        else:
            g = torch.Generator().manual_seed(ctx.seed + 12345)  # the data set, fixed per seed, drawn on the CPU
            x_t, y_t = data.sample(c.data, N_2D, g, "cpu", c.points, c.point_sigma)
        self.x = x_t.to(self.device)
        self.labels = y_t.cpu().numpy()
        torch.manual_seed(ctx.seed)
        self.model = VAE(self.x.shape[1], c.vae_hidden, c.vae_layers, c.latent_dim).to(self.device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=c.vae_lr)
        self.rng = np.random.default_rng(ctx.seed)
        self.order = torch.empty(0, dtype=torch.long, device=self.device)
        self.cursor = 0
        self.sums = torch.zeros(3, device=self.device)  # recon, KL, loss since the last curve point
        self.batches = 0
        self._history = DeferredRows(Ring(4), history_row)  # step, recon, KL, -ELBO
        show = torch.Generator().manual_seed(ctx.seed + 1)
        self.prior_z = torch.randn(N_SHOW if not self.binary else 32, c.latent_dim, generator=show).to(self.device)
        self.show_index = torch.arange(min(N_SHOW, len(self.x)), device=self.device)
        grid, self.grid_breaks = latent_grid(c.latent_dim, lines=11, points=30, half=GRID_HALF)
        self.grid_lines_z = torch.as_tensor(grid).to(self.device)
        self._record()

    @property
    def finished(self) -> bool:
        return bool(self.config.max_steps) and self.step >= self.config.max_steps

    def natural_length(self) -> int | None:
        return self.config.max_steps or None  # 0: trains until stopped

    @property
    def history(self) -> Ring:
        return self._history.settle()

    def _batch(self) -> torch.Tensor:
        size = min(self.config.batch_size, len(self.x))
        if self.cursor + size > len(self.order):
            self.order = torch.as_tensor(self.rng.permutation(len(self.x))).to(self.device)
            self.cursor = 0
        index = self.order[self.cursor:self.cursor + size]
        self.cursor += size
        return self.x[index]

    def losses(self, x: torch.Tensor, eps: torch.Tensor | None):
        """(recon, KL per dimension, z) per example; eps None means z = mu (the autoencoder, or evaluation)."""
        mu, var = self.model.encode(x)
        z = mu if eps is None or self.config.autoencoder else reparameterise(mu, var, eps)
        recon = recon_loss(self.model.decoder(z), x, self.binary, self.config.x_sigma)
        kl = torch.zeros_like(mu) if self.config.autoencoder else kl_normal(mu, var)
        return recon, kl, z

    def advance(self, n: int) -> None:
        c = self.config
        if c.max_steps:
            n = min(n, c.max_steps - self.step)
        for _ in range(max(n, 0)):
            xb = self._batch()
            eps = torch.randn(len(xb), c.latent_dim, generator=self.generator, device=self.device)
            recon, kl, _ = self.losses(xb, eps)
            recon, kl = recon.mean(), kl.sum(1).mean()
            loss = recon + c.beta * kl
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            self.sums += torch.stack([recon.detach(), kl.detach(), (recon + kl).detach()])
            self.batches += 1
            self.step += 1
            if self.step % c.eval_every == 0 or self.finished:
                self._record()

    def _record(self) -> None:
        """A curve point, left on the device until a snapshot reads the history (no sync per step)."""
        if self.batches:
            self._history.append(self.step, self.sums / self.batches, None, None)
        else:  # step 0: the untrained model on the first examples
            with torch.no_grad():
                r, k, _ = self.losses(self.x[:256], None)
            self._history.append(self.step, None, r.mean(), k.sum(1).mean())
        self.sums.zero_()
        self.batches = 0

    # What the plots need ----------------------------------------------------------------------------
    @torch.no_grad()
    def _decode(self, z: torch.Tensor) -> np.ndarray:
        out = self.model.decoder(z)
        return (torch.sigmoid(out) if self.binary else out).cpu().numpy()

    @torch.no_grad()
    def views(self) -> dict:
        c = self.config
        x_show = self.x[self.show_index]
        mu, var = self.model.encode(x_show)
        kl_dim = (torch.zeros_like(mu) if c.autoencoder else kl_normal(mu, var)).mean(0).cpu().numpy()
        mu_np = mu.cpu().numpy()
        latent = np.zeros((len(mu_np), 2), dtype=np.float32)
        latent[:, : min(2, c.latent_dim)] = mu_np[:, :2]
        a, b = c.interp_a % len(self.x), c.interp_b % len(self.x)
        ends, _ = self.model.encode(self.x[[a, b]])
        t = torch.linspace(0, 1, 10 if self.binary else 40, device=self.device)[:, None]
        path_z = (1 - t) * ends[0] + t * ends[1]
        out = {"latent": latent, "latent_labels": self.labels[: len(mu_np)], "kl_dim": kl_dim.astype(np.float32),
               "interp_latent": path_z[:, :2].cpu().numpy() if c.latent_dim >= 2 else
               np.concatenate([path_z.cpu().numpy(), np.zeros((len(path_z), 1))], 1)}
        recon = self._decode(mu)
        if self.binary:
            ticks = np.linspace(-GRID_HALF, GRID_HALF, GRID_TILES)
            zz = np.zeros((GRID_TILES * GRID_TILES, c.latent_dim), dtype=np.float32)
            yy, xx = np.meshgrid(ticks[::-1], ticks, indexing="ij")  # row 0 at the top: z2 largest
            zz[:, 0] = xx.ravel()
            if c.latent_dim >= 2:
                zz[:, 1] = yy.ravel()
            grid = self._decode(torch.as_tensor(zz, device=self.device)).reshape(-1, 8, 8)
            prior = self._decode(self.prior_z[:32]).reshape(-1, 8, 8)
            path = self._decode(path_z).reshape(-1, 8, 8)
            originals = x_show[:10].cpu().numpy().reshape(-1, 8, 8)
            pairs = np.concatenate([originals, recon[:10].reshape(-1, 8, 8)])
            out.update(grid_image=data.tile(grid, GRID_TILES, GRID_TILES, gap=1),
                       prior_image=data.tile(prior, 4, 8, gap=1), interp_image=data.tile(path, 1, 10, gap=1),
                       recon_image=data.tile(pairs, 2, 10, gap=1))
        else:
            lines = self._decode(self.grid_lines_z)
            out.update(real=x_show.cpu().numpy(), recon=recon, prior=self._decode(self.prior_z),
                       interp=self._decode(path_z), grid_lines=with_breaks(lines, self.grid_breaks).astype(np.float32))
        return out

    def snapshot(self):
        c, h = self.config, self.history
        f32 = np.float32  # the worker keeps hundreds of snapshots for step-back
        arrays = {"hist_step": h.column(0), "hist_recon": h.column(1).astype(f32), "hist_kl": h.column(2).astype(f32),
                  "hist_elbo": h.column(3).astype(f32)}
        arrays.update(self.views())
        kl_dim = arrays["kl_dim"]
        metrics = {"recon": h.last(1), "kl": h.last(2), "neg_elbo": h.last(3),
                   "loss": h.last(1) + c.beta * h.last(2) if not c.autoencoder else h.last(1),
                   "active_dims": float((kl_dim > 0.05).sum())}
        diverged = None
        if not np.isfinite(metrics["loss"]):
            diverged = f"diverged at step {self.step}: the loss is {metrics['loss']} -- lower the learning rate ({c.vae_lr:g})"
        tables = {"data": c.data, "binary": self.binary, "interp": [c.interp_a % len(self.x), c.interp_b % len(self.x)],
                  "extent": list(data.extent(c.data, c.points)), "autoencoder": c.autoencoder}
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables, diverged=diverged)
