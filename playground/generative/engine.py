"""The generative panel's engine: a VAE or a GAN, by the config's mode (GenerativeConfig.MODES)."""

from __future__ import annotations

from playground.engine import Engine, RunContext
from playground.modes import engine_for


def make_engine(config, ctx: RunContext) -> Engine:
    return engine_for(config, ctx)
