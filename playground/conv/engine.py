"""The convolution panel's engine: one config, four modes, one Engine class per mode."""

from __future__ import annotations

from playground.engine import Engine, RunContext


def make_engine(config, ctx: RunContext) -> Engine:
    if config.mode == "arithmetic":
        from playground.conv.arithmetic import ArithmeticEngine

        return ArithmeticEngine(config, ctx)
    if config.mode == "kernels":
        from playground.conv.kernels import KernelsEngine

        return KernelsEngine(config, ctx)
    if config.mode == "backprop":
        from playground.conv.backprop import BackpropEngine

        return BackpropEngine(config, ctx)
    from playground.conv.train import TrainEngine

    return TrainEngine(config, ctx)
