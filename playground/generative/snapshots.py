"""What the generative panel's snapshots hold: a VAE or a GAN, on 2-D points or on digits
(see playground/snapshot_types.py)."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind

F, INT = "f", "iu"

_VAE_ARRAYS = {"hist_step": Arr(F, "s"), "hist_recon": Arr(F, "s"), "hist_kl": Arr(F, "s"), "hist_elbo": Arr(F, "s"),
               # the first two latent coordinates (zero-padded for one), and the KL of every latent dimension
               "latent": Arr(F, "n", 2), "latent_labels": Arr(INT, "n"), "kl_dim": Arr(F, None),
               "interp_latent": Arr(F, None, 2)}
_VAE_METRICS = ("active_dims", "kl", "loss", "neg_elbo", "recon")
_VAE_TABLES = {"data": str, "binary": bool, "interp": list, "extent": list, "autoencoder": bool}

VAE_POINTS = SnapshotType(
    "generative.vae.points",
    arrays={**_VAE_ARRAYS, "real": Arr(F, "m", 2), "recon": Arr(F, "m", 2), "prior": Arr(F, None, 2),
            "interp": Arr(F, None, 2), "grid_lines": Arr(F, None, 2)},
    metrics=_VAE_METRICS, tables=_VAE_TABLES,
    doc="A VAE on 2-D points: data, reconstructions, prior samples, the decoded latent grid (NaN rows break lines).")

VAE_DIGITS = SnapshotType(
    "generative.vae.digits",
    arrays={**_VAE_ARRAYS, "grid_image": Arr(F, None, None), "prior_image": Arr(F, None, None),
            "interp_image": Arr(F, None, None), "recon_image": Arr(F, None, None)},
    metrics=_VAE_METRICS, tables=_VAE_TABLES,
    doc="A VAE on digits: tiled images of the latent grid, prior samples, an interpolation, reconstructions.")

_GAN_ARRAYS = {name: Arr(F, "s") for name in ("hist_step", "hist_d", "hist_g", "hist_div", "hist_modes",
                                             "hist_quality")}
_GAN_METRICS = ("d_gap", "d_loss", "divergence", "g_loss")
_GAN_TABLES = {"data": str, "loss": str, "divergence_name": str}

GAN_POINTS = SnapshotType(
    "generative.gan.points",
    arrays={**_GAN_ARRAYS, "heat": Arr(F, None, None), "arrows": Arr(F, None, 2), "grid_lines": Arr(F, None, 2),
            "real": Arr(F, "m", 2), "real_labels": Arr(INT, "m"), "fake": Arr(F, None, 2), "centres": Arr(F, "c", 2),
            "mode_counts": Arr(INT, "c")},
    metrics=(*_GAN_METRICS, "grad_peak", "high_quality", "modes_covered", "modes_total"),
    tables={**_GAN_TABLES, "extent": list, "sigma": float, "heat_label": str},
    doc="A GAN on 2-D points: D over the plane, the generator's gradient arrows, real and fake points, modes.")

GAN_DIGITS = SnapshotType(
    "generative.gan.digits",
    arrays={**_GAN_ARRAYS, "samples_image": Arr(F, None, None), "real_image": Arr(F, None, None)},
    metrics=_GAN_METRICS, tables=_GAN_TABLES,
    doc="A GAN on digits: tiled fake and real images.")

SNAPSHOT_TYPES = by_kind(VAE_POINTS, VAE_DIGITS, GAN_POINTS, GAN_DIGITS)
