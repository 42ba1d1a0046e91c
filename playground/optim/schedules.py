"""Learning-rate schedules in closed form: lr_t is the rate of the update at step t (t = 0, 1, ...).

These agree with torch.optim.lr_scheduler's StepLR, ExponentialLR and CosineAnnealingLR
(tested); a closed form keeps the engine chunk-invariant and the numpy reference independent.
"""

from __future__ import annotations

import math


def lr_at(schedule, base_lr: float, t: int) -> float:
    """The learning rate for the update at step ``t`` under ``schedule`` (a ScheduleConfig)."""
    kind = schedule.kind
    if kind == "constant":
        return base_lr
    if kind == "step":
        return base_lr * schedule.gamma ** (t // schedule.step_size)
    if kind == "exponential":
        return base_lr * schedule.gamma**t
    if kind == "cosine":
        low = schedule.lr_min
        return low + (base_lr - low) * (1.0 + math.cos(math.pi * t / schedule.t_max)) / 2.0
    raise ValueError(f"unknown schedule {kind!r}")
