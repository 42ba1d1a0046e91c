"""The foundations panel's settings: one config, six modes (no torch import here).

perceptron      the perceptron on 2-D points the user places: the line after every update, the point
                that caused it, convergence (or none on a non-separable set).
regression      linear regression by the normal equations vs (minibatch) SGD on the loss bowl;
                logistic and softmax regression with their decision regions and hand gradients.
backprop        a small MLP forward and backward one operation at a time, checked against autograd.
gradient_check  central finite differences against the analytic gradient; the V-shaped error in h.
information     entropy, cross-entropy, KL both ways, JS, TV, EMD of two edited distributions;
                mutual information, conditional entropies and PMI of an edited joint table.
activations     softplus, ELU, PReLU, maxout, |x| and their derivatives; batch norm at inference;
                input scaling and one-hot encoding on the loss surface's conditioning.

Each mode's fields, sections and live fields live in its own block below (one block per mode).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playground.modes import Mode as RunMode
from playground.modes import Section

Mode = Literal["perceptron", "regression", "backprop", "gradient_check", "information", "activations"]

# --- perceptron: sections ----------------------------------------
PERCEPTRON = Section("Perceptron", ("perceptron_lr", "max_epochs"))

# --- end perceptron sections ----------------------------------------

# --- regression: sections ----------------------------------------
REGRESSION_TASK = Section("Regression task", ("task",))
LINEAR_DATA = Section("Linear data", ("true_w", "true_b", "linear_noise", "linear_samples"))
CLASS_DATA = Section("Class data", ("n_classes", "points_per_class", "class_spread"))
REGRESSION_TRAINING = Section("Regression training", ("regression_lr", "minibatch_size", "regression_steps"))

# --- end regression sections ----------------------------------------

# --- backprop: sections ----------------------------------------

# --- end backprop sections ----------------------------------------

# --- gradient_check: sections ----------------------------------------

# --- end gradient_check sections ----------------------------------------

# --- information: sections ----------------------------------------

# --- end information sections ----------------------------------------

# --- activations: sections ----------------------------------------

# --- end activations sections ----------------------------------------


class FoundationsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[RunMode, ...]] = (  # see playground/modes.py; one line per mode
        # perceptron mode
        RunMode("perceptron", "playground.foundations.perceptron:PerceptronEngine", ("foundations.perceptron",),
                (PERCEPTRON,), also_uses=("points",), uses_torch=False),  # points: clicked on the plane

        # regression mode
        RunMode("regression", "playground.foundations.regression:RegressionEngine",
                ("foundations.regression.linear", "foundations.regression.classify"),
                (REGRESSION_TASK, LINEAR_DATA, CLASS_DATA, REGRESSION_TRAINING)),  # torch: the autograd check

        # backprop mode

        # gradient_check mode

        # information mode

        # activations mode

    )
    # Fields that only change what is shown of a run, not the run: the running engine takes them
    # through the named method, without a restart (playground/modes.py live_calls).
    LIVE: ClassVar[dict[str, str]] = {
        # perceptron live

        # regression live

        # backprop live

        # gradient_check live

        # information live

        # activations live

    }

    mode: Mode = Field("perceptron", description="What the panel shows: the perceptron, linear/logistic/softmax "
                       "regression, backprop by hand, gradient checking, information theory, or activations "
                       "and normalisation")

    # --- perceptron fields ----------------------------------------
    points: list[tuple[float, float, int]] = Field(
        [(-2.5, 0.5, 1), (-1.0, -1.5, -1), (1.5, 4.0, 1), (3.5, 1.5, -1), (2.5, -0.5, -1), (1.0, 3.5, 1),
         (-0.5, -3.0, -1), (-3.5, -2.0, -1), (1.0, 3.0, 1), (-4.0, -0.5, 1), (2.5, 3.5, 1), (-2.5, -3.5, -1),
         (-3.0, -1.5, -1), (-3.5, 3.5, 1)],  # separable by y = 0.6 x + 1: 12 updates over 4 epochs
        max_length=100,
        description="The perceptron's points, each (x, y, label) with label +1 or -1: click on the plane to add "
                    "one (left: +1, right or shift: -1)")
    perceptron_lr: float = Field(1.0, gt=0.0, le=100.0, title="learning rate eta",
                                 description="The perceptron's step: w <- w + eta * y * x on a misclassified point "
                                             "(from w = 0 it only scales w: the mistakes are the same)")
    max_epochs: int = Field(50, ge=1, le=1000, title="max epochs",
                            description="Passes over the points before the perceptron gives up (a set that no line "
                                        "separates never has an epoch without mistakes)")

    # --- end perceptron fields ----------------------------------------

    # --- regression fields ----------------------------------------
    task: Literal["linear", "logistic", "softmax"] = Field(
        "linear", description="Linear regression (normal equations against SGD on the loss bowl), logistic "
                              "regression (2 classes) or softmax regression (2 or 3 classes)")
    true_w: float = Field(2.0, ge=-10.0, le=10.0, title="true w", description="The slope of y = w x + b + noise")
    true_b: float = Field(-1.0, ge=-10.0, le=10.0, title="true b", description="The intercept of y = w x + b + noise")
    linear_noise: float = Field(0.5, ge=0.0, le=10.0, title="noise",
                                description="Standard deviation of the Gaussian noise added to y")
    linear_samples: int = Field(40, ge=2, le=2000, title="samples",
                                description="How many (x, y) pairs; x is uniform on [-1, 3]")
    n_classes: int = Field(3, ge=2, le=3, title="classes", description="Classes for softmax regression "
                                                                       "(logistic regression always has 2)")
    points_per_class: int = Field(30, ge=2, le=500, title="points per class",
                                  description="Points drawn around each class centre")
    class_spread: float = Field(1.0, gt=0.0, le=5.0, title="class spread",
                                description="Standard deviation of each class's cloud (classes overlap when large)")
    regression_lr: float = Field(0.1, gt=0.0, le=10.0, title="learning rate",
                                 description="Step size of SGD and minibatch SGD (linear) or gradient descent "
                                             "(logistic, softmax)")
    minibatch_size: int = Field(8, ge=1, le=2000, title="batch size",
                            description="Samples per update of the minibatch path (the SGD path uses 1)")
    regression_steps: int = Field(300, ge=1, le=5000, title="steps",
                                  description="Updates of each path (linear) or of gradient descent (logistic, softmax)")

    # --- end regression fields ----------------------------------------

    # --- backprop fields ----------------------------------------

    # --- end backprop fields ----------------------------------------

    # --- gradient_check fields ----------------------------------------

    # --- end gradient_check fields ----------------------------------------

    # --- information fields ----------------------------------------

    # --- end information fields ----------------------------------------

    # --- activations fields ----------------------------------------

    # --- end activations fields ----------------------------------------

    @model_validator(mode="after")
    def _consistent(self) -> "FoundationsConfig":
        # --- checks across fields, one block per mode (each calls a function of its own module) ---
        from playground.foundations.perceptron import check_points

        check_points(self.points)

        # --- end checks ---
        return self


CONFIG = FoundationsConfig
