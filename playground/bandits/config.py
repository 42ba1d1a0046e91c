"""The Bandits panel's config: the arms (k, Gaussian or Bernoulli, how the means are chosen, drift),
how many runs and steps, and the algorithms compared.

No torch import here: the window imports this module at start-up.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playground.modes import Mode

MAX_ARMS = 50
MAX_ALGOS = 8

ALGO_KINDS = ("greedy", "eps_greedy", "eps_decay", "etc", "ucb1", "ucb_delta", "thompson_beta",
              "thompson_gauss", "gradient")
ALGO_NAMES = {
    "greedy": "greedy",
    "eps_greedy": "epsilon-greedy",
    "eps_decay": "decaying epsilon",
    "etc": "explore-then-commit",
    "ucb1": "UCB1",
    "ucb_delta": "UCB(delta)",
    "thompson_beta": "Thompson Beta-Bernoulli",
    "thompson_gauss": "Thompson Gaussian",
    "gradient": "gradient bandit",
}


class AlgoSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["greedy", "eps_greedy", "eps_decay", "etc", "ucb1", "ucb_delta", "thompson_beta",
                  "thompson_gauss", "gradient"] = Field(
        "eps_greedy", description="Which algorithm picks the arms.")
    label: str = Field("", max_length=40, description="Name in legends; empty: made from the kind and its numbers.")
    epsilon: float = Field(0.1, ge=0.0, le=1.0,
                           description="epsilon-greedy: probability of pulling a uniformly random arm (decaying: at t = 0).")
    decay: float = Field(100.0, ge=1.0, le=1e6,
                         description="Decaying epsilon: eps_t = epsilon * decay / (decay + t), halving after `decay` steps.")
    initial: float = Field(0.0, ge=-100.0, le=100.0,
                           description="Initial estimate Q_1(a) of every arm; a large value is optimistic and makes a greedy agent explore.")
    step_size: float = Field(0.0, ge=0.0, le=1.0,
                             description="Step size alpha of Q <- Q + alpha (R - Q); 0 means sample averages (alpha = 1/N). Gradient bandit: its preference step size.")
    c: float = Field(2.0, ge=0.0, le=100.0, description="UCB1 bonus weight: Q(a) + c sqrt(ln t / N(a)).")
    delta: float = Field(0.01, gt=0.0, lt=1.0,
                         description="UCB(delta) confidence: Q(a) + sqrt(2 log(1/delta) / N(a)); delta = 1/n^2 is the textbook choice.")
    m: int = Field(0, ge=0, le=100000,
                   description="ETC: pulls of each arm before committing; 0 means the seed notes' best m for the horizon (knows the gap).")
    baseline: bool = Field(True, description="Gradient bandit: subtract the average reward (a baseline) from each reward.")
    prior_std: float = Field(1.0, gt=0.0, le=100.0,
                             description="Thompson Gaussian: prior standard deviation of each mean (prior mean 0).")

    def display(self) -> str:
        if self.label:
            return self.label
        name = ALGO_NAMES[self.kind]
        if self.kind == "greedy":
            parts = [f"Q1={self.initial:g}"] if self.initial else []
        elif self.kind == "eps_greedy":
            parts = [f"eps={self.epsilon:g}"] + ([f"Q1={self.initial:g}"] if self.initial else [])
        elif self.kind == "eps_decay":
            parts = [f"eps0={self.epsilon:g}", f"decay={self.decay:g}"]
        elif self.kind == "etc":
            parts = [f"m={self.m}" if self.m else "best m"]
        elif self.kind == "ucb1":
            parts = [f"c={self.c:g}"]
        elif self.kind == "ucb_delta":
            parts = [f"delta={self.delta:g}"]
        elif self.kind == "gradient":
            parts = [f"alpha={self.step_size or 0.1:g}", "baseline" if self.baseline else "no baseline"]
        else:
            parts = []
        if self.step_size and self.kind in ("greedy", "eps_greedy", "eps_decay"):
            parts.append(f"alpha={self.step_size:g}")
        return f"{name} ({', '.join(parts)})" if parts else name


def _default_algorithms() -> list[AlgoSpec]:
    return [AlgoSpec(kind="greedy"), AlgoSpec(kind="eps_greedy", epsilon=0.01),
            AlgoSpec(kind="eps_greedy", epsilon=0.1), AlgoSpec(kind="ucb1", c=2.0)]


class BanditsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[Mode, ...]] = (  # one mode (see playground/modes.py); numpy only
        Mode("", "playground.bandits.engine:BanditsEngine", ("bandits",), every_field=True, uses_torch=False),
    )

    arms: int = Field(10, ge=2, le=MAX_ARMS, description="Number of arms k.")
    reward_kind: Literal["gaussian", "bernoulli"] = Field(
        "gaussian", description="Gaussian arms pay N(mean, sigma^2); Bernoulli arms pay 1 with probability mean, else 0.")
    means_source: Literal["testbed", "random", "typed"] = Field(
        "testbed", description="Testbed: each run draws its means from N(offset, 1); random: one set of means from the seed for all runs; typed: the means below.")
    means: list[float] = Field(default_factory=lambda: [0.2, 0.5, 0.8], max_length=MAX_ARMS,
                               description="Typed arm means, one per arm (Bernoulli: probabilities in [0, 1]).")
    mean_offset: float = Field(0.0, ge=-100.0, le=100.0,
                               description="Testbed and random Gaussian means are drawn around this value (the textbook's +4 shows why a baseline matters).")
    reward_std: float = Field(1.0, gt=0.0, le=10.0, description="Gaussian arms: standard deviation sigma of each reward.")
    drift_std: float = Field(0.0, ge=0.0, le=1.0,
                             description="Non-stationary: every step each mean takes a random-walk step N(0, drift^2); 0 keeps the means fixed.")
    runs: int = Field(2000, ge=1, le=10000, description="Independent runs averaged into the curves (all advance together).")
    horizon: int = Field(1000, ge=10, le=20000, description="Steps n of each run; the run ends there.")
    algorithms: list[AlgoSpec] = Field(default_factory=_default_algorithms, min_length=1, max_length=MAX_ALGOS,
                                       description="The algorithms compared on the same arms and the same reward draws.")

    @model_validator(mode="after")
    def _check(self):
        if self.means_source == "typed":
            if len(self.means) != self.arms:
                raise ValueError(f"typed means: give {self.arms} means, one per arm (got {len(self.means)})")
            if self.reward_kind == "bernoulli" and any(not 0.0 <= m <= 1.0 for m in self.means):
                raise ValueError("Bernoulli means are probabilities: each must lie in [0, 1]")
        for spec in self.algorithms:
            if spec.kind == "thompson_beta" and self.reward_kind != "bernoulli":
                raise ValueError("Thompson Beta-Bernoulli needs Bernoulli arms (use Thompson Gaussian for Gaussian arms)")
        return self

    def labels(self) -> list[str]:
        """Legend names, made unique."""
        out: list[str] = []
        for spec in self.algorithms:
            name = spec.display()
            while name in out:
                name += "'"
            out.append(name)
        return out


CONFIG = BanditsConfig
