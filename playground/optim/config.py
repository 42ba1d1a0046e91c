"""What an optimizer race is: the surface, up to 8 optimizers, the start point and the view.

No torch here: the window imports this at start-up. A bad formula fails validation (so a preset
with one fails to load, naming the column), not the run.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from playground.modes import Mode
from playground.optim import formula as formula_parser

OptimizerKind = Literal["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw"]
SurfaceKind = Literal["quadratic", "ravine", "rosenbrock", "beale", "himmelblau", "six_hump_camel",
                      "rastrigin", "saddle", "monkey_saddle", "plateau_cliff", "formula", "mlp"]
MAX_OPTIMIZERS = 8

KIND_TITLES: dict[str, str] = {
    "sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov", "adagrad": "AdaGrad",
    "rmsprop": "RMSprop", "adadelta": "AdaDelta", "adam": "Adam", "adamw": "AdamW",
}

# Which hyperparameters each kind reads (the panel shows only these).
KIND_HYPERPARAMETERS: dict[str, tuple[str, ...]] = {
    "sgd": ("lr", "weight_decay"),
    "momentum": ("lr", "momentum", "weight_decay"),
    "nesterov": ("lr", "momentum", "weight_decay"),
    "adagrad": ("lr", "eps", "weight_decay"),
    "rmsprop": ("lr", "rho", "eps", "weight_decay"),
    "adadelta": ("lr", "rho", "eps", "weight_decay"),
    "adam": ("lr", "beta1", "beta2", "eps", "weight_decay", "bias_correction"),
    "adamw": ("lr", "beta1", "beta2", "eps", "weight_decay", "bias_correction"),
}

# torch.optim's defaults for each kind (lr, rho, eps, weight decay differ between them).
KIND_DEFAULTS: dict[str, dict[str, float]] = {
    "sgd": {"lr": 0.01}, "momentum": {"lr": 0.01, "momentum": 0.9}, "nesterov": {"lr": 0.01, "momentum": 0.9},
    "adagrad": {"lr": 0.01, "eps": 1e-10}, "rmsprop": {"lr": 0.01, "rho": 0.99, "eps": 1e-8},
    "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6}, "adam": {"lr": 0.001, "eps": 1e-8},
    "adamw": {"lr": 0.001, "eps": 1e-8, "weight_decay": 0.01},
}


class ScheduleConfig(BaseModel):
    """A learning-rate schedule: lr_t for the update at step t (t = 0, 1, ...)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["constant", "step", "exponential", "cosine"] = Field(
        "constant", title="schedule",
        description="How the learning rate changes over steps: constant, step decay, exponential decay or cosine annealing.")
    step_size: int = Field(100, ge=1, le=1_000_000, title="step every",
                           description="Step decay: multiply the learning rate by gamma every this many steps.")
    gamma: float = Field(0.5, gt=0.0, le=1.0, title="gamma",
                         description="Decay factor: per step_size steps (step) or per step (exponential).")
    t_max: int = Field(1000, ge=1, le=1_000_000, title="cosine period",
                       description="Cosine annealing: steps from the base learning rate down to lr_min.")
    lr_min: float = Field(0.0, ge=0.0, le=1000.0, title="lr min",
                          description="Cosine annealing: the learning rate at the bottom of the cosine.")


class OptimizerEntry(BaseModel):
    """One racer: an optimizer kind with its hyperparameters, colour and schedule."""

    model_config = ConfigDict(extra="forbid")

    kind: OptimizerKind = Field("sgd", title="optimizer", description="The update rule (see the notes for its formula).")
    enabled: bool = Field(True, description="Whether this optimizer races in the run.")
    label: str = Field("", max_length=40, description="A name for the legend and table; empty uses the optimizer's name.")
    colour: int = Field(0, ge=0, le=11, description="Index into the colour-blind-safe palette.")
    lr: float = Field(0.01, gt=0.0, le=1000.0, title="learning rate", json_schema_extra={"widget": "scientific"},
                      description="η: how far each update moves along its direction.")
    momentum: float = Field(0.9, ge=0.0, lt=1.0, title="momentum β",
                            description="Momentum/Nesterov: how much of the previous velocity each step keeps.")
    beta1: float = Field(0.9, ge=0.0, lt=1.0, title="β₁",
                         description="Adam: decay of the running mean of gradients m (first moment).")
    beta2: float = Field(0.999, ge=0.0, lt=1.0, title="β₂",
                         description="Adam: decay of the running mean of squared gradients v (second moment).")
    rho: float = Field(0.9, ge=0.0, lt=1.0, title="ρ",
                       description="RMSprop/AdaDelta: decay of the running mean of squared gradients.")
    eps: float = Field(1e-8, gt=0.0, le=1.0, title="ε", json_schema_extra={"widget": "scientific"},
                       description="Adaptive methods: added to the denominator so a tiny gradient history cannot divide by zero.")
    weight_decay: float = Field(0.0, ge=0.0, le=100.0, title="weight decay", json_schema_extra={"widget": "scientific"},
                                description="Pull towards the origin: L2 added to the gradient (AdamW: decoupled, applied to the weights).")
    bias_correction: bool = Field(True, title="bias correction",
                                  description="Adam: divide m and v by (1 − βᵗ) so the first steps are not too small.")
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig, description="The learning-rate schedule.")

    @model_validator(mode="after")
    def _nesterov_needs_momentum(self) -> "OptimizerEntry":
        if self.kind == "nesterov" and self.momentum <= 0:
            raise ValueError("Nesterov needs a momentum above 0 (with 0 it is plain SGD)")
        return self

    @classmethod
    def of_kind(cls, kind: str, **fields) -> "OptimizerEntry":
        """An entry with torch's defaults for ``kind``, overridden by ``fields``."""
        return cls(kind=kind, **{**KIND_DEFAULTS[kind], **fields})

    @property
    def title(self) -> str:
        return self.label or KIND_TITLES[self.kind]


class SurfaceConfig(BaseModel):
    """The loss surface f(x, y) the optimizers descend."""

    model_config = ConfigDict(extra="forbid")

    kind: SurfaceKind = Field("rosenbrock", title="surface", description="Which loss surface f(x, y) to descend.")
    condition: float = Field(10.0, ge=1.0, le=1000.0, title="condition κ",
                             description="Quadratic bowl: ratio of the largest to the smallest curvature.")
    rotation_deg: float = Field(30.0, ge=-90.0, le=90.0, title="rotation °",
                                description="Quadratic bowl: angle of the bowl's axes against x and y.")
    formula: str = Field("x^2 + 3*y^2", max_length=formula_parser.MAX_LENGTH, title="f(x, y) =",
                         description="Your surface: + - * / ^, sin cos tan exp log sqrt abs tanh, pi, e, x and y.")
    dataset: Literal["moons", "circles", "xor"] = Field(
        "moons", title="dataset", description="MLP landscape: the 2-D classification data the network is trained on.")
    hidden: int = Field(8, ge=2, le=32, title="hidden units",
                        description="MLP landscape: units in each of the network's two hidden layers.")

    @field_validator("formula")
    @classmethod
    def _formula_parses(cls, text: str) -> str:
        return formula_parser.check(text)


def _default_optimizers() -> list[OptimizerEntry]:
    return [
        OptimizerEntry.of_kind("sgd", lr=0.001, colour=0),
        OptimizerEntry.of_kind("momentum", lr=0.001, colour=1),
        OptimizerEntry.of_kind("adam", lr=0.05, colour=2),
    ]


class OptimConfig(BaseModel):
    """An optimizer race on a 2-D loss surface."""

    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[Mode, ...]] = (  # one mode (see playground/modes.py)
        Mode("", "playground.optim.engine:OptimEngine", ("optimizer",), every_field=True),
    )

    surface: SurfaceConfig = Field(default_factory=SurfaceConfig, description="The loss surface.")
    optimizers: list[OptimizerEntry] = Field(default_factory=_default_optimizers, max_length=MAX_OPTIMIZERS,
                                             description="Up to 8 optimizers racing from the same start point.")
    start_x: float = Field(-1.2, ge=-1e4, le=1e4, title="start x", description="Where every optimizer starts (x).")
    start_y: float = Field(1.0, ge=-1e4, le=1e4, title="start y", description="Where every optimizer starts (y).")
    noise_sigma: float = Field(0.0, ge=0.0, le=1000.0, title="gradient noise σ",
                               description="Standard deviation of Gaussian noise added to each gradient, like a minibatch's.")
    x_min: float = Field(-2.0, ge=-1e4, le=1e4, title="x min", description="Left edge of the view.")
    x_max: float = Field(2.0, ge=-1e4, le=1e4, title="x max", description="Right edge of the view.")
    y_min: float = Field(-1.0, ge=-1e4, le=1e4, title="y min", description="Bottom edge of the view.")
    y_max: float = Field(3.0, ge=-1e4, le=1e4, title="y max", description="Top edge of the view.")
    tolerance: float = Field(1e-3, gt=0.0, le=1e6, title="tolerance", json_schema_extra={"widget": "scientific"},
                             description="An optimizer has arrived when f − f* is at most this.")
    grid: int = Field(128, ge=16, le=256, title="grid points",
                      description="Resolution of the contour image (points per side).")

    @model_validator(mode="after")
    def _view_is_a_box(self) -> "OptimConfig":
        if self.x_min >= self.x_max:
            raise ValueError(f"x min ({self.x_min:g}) must be less than x max ({self.x_max:g})")
        if self.y_min >= self.y_max:
            raise ValueError(f"y min ({self.y_min:g}) must be less than y max ({self.y_max:g})")
        return self


CONFIG = OptimConfig
