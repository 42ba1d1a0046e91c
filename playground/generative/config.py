"""The generative panel's settings: one config, two modes (no torch import here).

vae  a variational autoencoder (or, switched, a plain autoencoder) on 2-D toy data or 8x8 digits:
     ELBO split into reconstruction and KL, the latent plane, prior samples, interpolation.
gan  a GAN on a 2-D target (ring of 8 gaussians, 5x5 grid, spiral, two moons, points drawn by
     clicking) or on 8x8 digits, with the minimax, non-saturating, weight-clipped WGAN or WGAN-GP loss.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playground import limits
from playground.modes import Mode as RunMode
from playground.modes import Section

Mode = Literal["vae", "gan"]
DataName = Literal["ring8", "grid25", "spiral", "moons", "drawn", "digits"]
LossName = Literal["minimax", "non_saturating", "wgan_clip", "wgan_gp"]
MAX_POINTS = 200


DATA = Section("Data", ("data", "point_sigma"))
VAE = Section("VAE", ("vae_hidden", "vae_layers", "latent_dim", "beta", "autoencoder", "x_sigma", "vae_lr", "interp_a",
                      "interp_b"))
GAN_NETWORKS = Section("GAN networks", ("g_hidden", "g_layers", "d_hidden", "d_layers", "gan_latent_dim"))
GAN_TRAINING = Section("GAN training", ("loss", "d_steps", "gp_lambda", "clip", "optimizer", "g_lr", "d_lr", "beta1",
                                        "beta2"))
RUN = Section("Run", ("batch_size", "max_steps", "eval_every"))


class GenerativeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[RunMode, ...]] = (  # see playground/modes.py; points: clicked on the plane
        RunMode("vae", "playground.generative.vae:VAEEngine", ("generative.vae.points", "generative.vae.digits"),
                (DATA, VAE, RUN), also_uses=("points",)),
        RunMode("gan", "playground.generative.gan:GANEngine", ("generative.gan.points", "generative.gan.digits"),
                (DATA, GAN_NETWORKS, GAN_TRAINING, RUN), also_uses=("points",)),
    )

    mode: Mode = Field("gan", description="Which model trains: a variational autoencoder or a generative adversarial network")
    data: DataName = Field("ring8", description="The data: a 2-D target (ring of 8 gaussians, 5x5 grid of gaussians, "
                           "spiral, two moons, your drawn points) or sklearn's 8x8 digits")
    points: list[tuple[float, float]] = Field(
        default_factory=list, max_length=MAX_POINTS,
        description="The drawn target: centres of small gaussians, added by clicking on the plane ('draw target')")
    point_sigma: float = Field(0.1, gt=0.005, le=1.0, description="Standard deviation of each drawn gaussian")

    # VAE ----------------------------------------------------------------------------------------------
    vae_hidden: int = Field(128, ge=2, le=512, description="Units of each hidden layer of the encoder and the decoder")
    vae_layers: int = Field(2, ge=1, le=4, description="Hidden layers of the encoder and of the decoder")
    latent_dim: int = Field(2, ge=1, le=16, description="Dimension of the latent z (2: the latent plane is drawn exactly; "
                            "more: the first two dimensions are shown, the others held at 0)")
    beta: float = Field(1.0, ge=0.0, le=50.0, description="Weight of the KL term (beta-VAE): loss = recon + beta KL")
    autoencoder: bool = Field(False, description="A plain autoencoder for comparison: z = mu (no noise) and no KL term")
    x_sigma: float = Field(0.1, gt=0.001, le=10.0, description="Decoder standard deviation for 2-D data: recon = "
                           "||x - mu_2||^2 / (2 sigma^2) (digits use the Bernoulli cross-entropy)")
    vae_lr: float = Field(0.002, gt=0, le=1.0, description="Adam learning rate of the VAE")
    interp_a: int = Field(0, ge=0, le=1999, description="First example of the interpolation (index into the data)")
    interp_b: int = Field(1, ge=0, le=1999, description="Second example of the interpolation (index into the data)")

    # GAN ----------------------------------------------------------------------------------------------
    loss: LossName = Field("wgan_gp", description="minimax: G minimises log(1 - D(G(z))); non-saturating: G maximises "
                           "log D(G(z)); WGAN with weight clipping; WGAN with gradient penalty")
    g_hidden: int = Field(64, ge=2, le=512, description="Units of each hidden layer of the generator")
    g_layers: int = Field(3, ge=1, le=4, description="Hidden layers of the generator")
    d_hidden: int = Field(64, ge=2, le=512, description="Units of each hidden layer of the discriminator (critic)")
    d_layers: int = Field(3, ge=1, le=4, description="Hidden layers of the discriminator (critic)")
    gan_latent_dim: int = Field(2, ge=1, le=64, description="Dimension of the generator's noise z ~ N(0, I)")
    d_steps: int = Field(5, ge=1, le=20, description="Discriminator (critic) updates per generator update")
    gp_lambda: float = Field(10.0, ge=0.0, le=1000.0, description="Weight lambda of the gradient penalty "
                             "lambda E(||grad D(x_hat)|| - 1)^2 (WGAN-GP)")
    clip: float = Field(0.01, gt=0.0, le=10.0, description="Weight clipping bound c of the WGAN critic: w in [-c, c]")
    optimizer: Literal["adam", "rmsprop", "sgd"] = Field("adam", description="Optimizer of both networks")
    g_lr: float = Field(0.001, gt=0, le=1.0, description="Learning rate of the generator")
    d_lr: float = Field(0.001, gt=0, le=1.0, description="Learning rate of the discriminator (critic)")
    beta1: float = Field(0.0, ge=0.0, lt=1.0, description="Adam's beta1 (momentum); WGAN-GP uses 0.5 or 0")
    beta2: float = Field(0.9, ge=0.0, lt=1.0, description="Adam's beta2")

    # Both ---------------------------------------------------------------------------------------------
    batch_size: int = Field(128, ge=8, le=2048, description="Examples per step (per critic step for a GAN)")
    max_steps: int = Field(3000, ge=0, le=1_000_000, description="Steps (generator updates for a GAN) before the run stops (0: never)")
    eval_every: int = Field(25, ge=1, le=10_000, description="Steps between points of the curves (loss means, modes covered)")

    @model_validator(mode="after")
    def _drawn_needs_points(self) -> "GenerativeConfig":
        if self.data == "drawn" and not self.points:
            raise ValueError("the drawn target has no points yet: switch on 'draw target' and click on the plane")
        return self

    def step_cost(self) -> float:
        """Multiply-adds of one step: a VAE update, or d_steps critic updates and one generator update."""
        data_dim = 64 if self.data == "digits" else 2
        if self.mode == "vae":
            coder = (limits.mlp_macs(data_dim, self.vae_hidden, self.vae_layers, 2 * self.latent_dim)
                     + limits.mlp_macs(self.latent_dim, self.vae_hidden, self.vae_layers, data_dim))
            return limits.BACKWARD * self.batch_size * coder
        g = limits.mlp_macs(self.gan_latent_dim, self.g_hidden, self.g_layers, data_dim)
        d = limits.mlp_macs(data_dim, self.d_hidden, self.d_layers, 1)
        # A critic update: G forward, D forward and back on the real and the fake batch; the gradient
        # penalty adds a D forward and a double backward on the interpolates (as much again).
        critic = g + 2 * limits.BACKWARD * d * (2 if self.loss == "wgan_gp" else 1)
        return self.batch_size * (self.d_steps * critic + limits.BACKWARD * (g + d))

    @model_validator(mode="after")
    def _trains_live(self) -> "GenerativeConfig":
        if self.mode == "vae":
            fields = {"vae_hidden": self.vae_hidden, "vae_layers": self.vae_layers, "batch_size": self.batch_size}
            what = "the VAE"
        else:
            fields = {"g_hidden": self.g_hidden, "g_layers": self.g_layers, "d_hidden": self.d_hidden,
                      "d_layers": self.d_layers, "d_steps": self.d_steps, "batch_size": self.batch_size}
            what = "the GAN"
        limits.check_cost(self.step_cost(), what, fields)
        return self


CONFIG = GenerativeConfig
