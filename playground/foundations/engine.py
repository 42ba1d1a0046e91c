"""The foundations panel's engine: one config, six modes, one Engine class per mode (FoundationsConfig.MODES)."""

from __future__ import annotations

from playground.engine import Engine, RunContext
from playground.modes import engine_for


def make_engine(config, ctx: RunContext) -> Engine:
    return engine_for(config, ctx)
