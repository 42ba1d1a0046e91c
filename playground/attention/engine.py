"""The attention panel's engine: one config, five modes, one Engine class per mode."""

from __future__ import annotations

from playground.engine import Engine, RunContext


def make_engine(config, ctx: RunContext) -> Engine:
    if config.mode == "kernel_regression":
        from playground.attention.kernel_regression import KernelRegressionEngine

        return KernelRegressionEngine(config, ctx)
    if config.mode == "scoring":
        from playground.attention.scoring import ScoringEngine

        return ScoringEngine(config, ctx)
    if config.mode == "positional":
        from playground.attention.positional import make_positional_engine

        return make_positional_engine(config, ctx)
    if config.mode == "decoding":
        from playground.attention.decoding import DecodingEngine

        return DecodingEngine(config, ctx)
    from playground.attention.transformer import TransformerEngine

    return TransformerEngine(config, ctx)
