import time

import numpy as np

from playground.engine import Engine


class CounterEngine(Engine):
    def __init__(self, config, ctx):
        super().__init__(config, ctx)
        self.rng = np.random.default_rng(ctx.seed)
        self.value = 0.0

    def advance(self, n):
        for _ in range(n):
            if self.finished:
                return
            self.step += 1
            if self.config.fail_at and self.step >= self.config.fail_at:
                raise RuntimeError(f"the counter broke at step {self.step}")
            self.value += self.config.rate + self.config.noise * self.rng.standard_normal()
            if self.config.step_cost_us:
                end = time.perf_counter() + self.config.step_cost_us * 1e-6
                while time.perf_counter() < end:
                    pass

    @property
    def finished(self):
        return bool(self.config.stop_at) and self.step >= self.config.stop_at

    def natural_length(self):
        return self.config.stop_at or None

    def snapshot(self):
        value = float("nan") if self.config.blow_up_at and self.step >= self.config.blow_up_at else self.value
        return self.make_snapshot(metrics={"value": value, "double": 2 * value},
                                  arrays={"trace": np.array([self.step, value])})


def make_engine(config, ctx):
    return CounterEngine(config, ctx)
