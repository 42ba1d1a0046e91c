"""The generative panel's engine: a VAE or a GAN, by the config's mode."""

from __future__ import annotations

from playground.engine import Engine, RunContext


def make_engine(config, ctx: RunContext) -> Engine:
    if config.mode == "vae":
        from playground.generative.vae import VAEEngine

        return VAEEngine(config, ctx)
    from playground.generative.gan import GANEngine

    return GANEngine(config, ctx)
