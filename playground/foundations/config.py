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
NETWORK_BY_HAND = Section("Network by hand", ("network", "bp_depth", "bp_inputs", "bp_hidden", "bp_outputs",
                                             "bp_activation", "bp_steps"))

# --- end backprop sections ----------------------------------------

# --- gradient_check: sections ----------------------------------------
GRADIENT_CHECK = Section("Gradient check", ("bug", "gc_log_h", "gc_points"))

# --- end gradient_check sections ----------------------------------------

# --- information: sections ----------------------------------------
DISTRIBUTIONS = Section("Distributions", ("info_units",))

# --- end information sections ----------------------------------------

# --- activations: sections ----------------------------------------
ACTIVATION_CURVES = Section("Activation function", ("act_function", "act_alpha", "maxout_pieces"))
BATCH_NORM = Section("Batch norm at inference", ("bn_batch", "bn_eval_batch", "bn_momentum", "bn_shift"))
INPUT_SCALING = Section("Input scaling", ("input_scaling", "gd_lr_factor", "act_steps"))

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
        RunMode("backprop", "playground.foundations.backprop:BackpropEngine", ("foundations.backprop",),
                (NETWORK_BY_HAND,)),

        # gradient_check mode
        RunMode("gradient_check", "playground.foundations.gradient_check:GradientCheckEngine",
                ("foundations.gradient_check",),
                (NETWORK_BY_HAND.only("bp_depth", "bp_inputs", "bp_hidden", "bp_outputs", "bp_activation"),
                 GRADIENT_CHECK), uses_torch=False),

        # information mode
        RunMode("information", "playground.foundations.information:InformationEngine", ("foundations.information",),
                (DISTRIBUTIONS,), also_uses=("p", "q", "joint"), uses_torch=False),

        # activations mode
        RunMode("activations", "playground.foundations.activations:ActivationsEngine", ("foundations.activations",),
                (ACTIVATION_CURVES, BATCH_NORM, INPUT_SCALING), uses_torch=False),

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
    network: Literal["mlp", "conv_dense_dense", "rnn_bptt"] = Field(
        "mlp", description="Backprop by hand: the MLP, the notes' convolution -> dense -> dense example, or a "
        "tiny RNN unrolled through time (BPTT)")
    bp_depth: int = Field(2, ge=2, le=3, title="weight layers",
                          description="Weight layers of the MLP (2: one hidden layer, 3: two)")
    bp_inputs: int = Field(3, ge=1, le=6, title="inputs",
                           description="Inputs of the MLP (for the RNN: the size of the one-hot input X_t)")
    bp_hidden: int = Field(3, ge=1, le=6, title="hidden units",
                           description="Units of each hidden layer (the RNN's state H_t; the dense layer of "
                           "conv_dense_dense)")
    bp_outputs: int = Field(2, ge=1, le=4, title="outputs",
                            description="Outputs of the MLP (for the RNN: classes of the softmax Y_t)")
    bp_activation: Literal["sigmoid", "tanh", "relu"] = Field(
        "sigmoid", title="activation f", description="The activation f of every layer, with its derivative f'")
    bp_steps: int = Field(3, ge=1, le=5, title="time steps T",
                          description="rnn_bptt: time steps T the RNN is unrolled over (the notes use T = 3)")

    # --- end backprop fields ----------------------------------------

    # --- gradient_check fields ----------------------------------------
    bug: Literal["none", "transposed", "missing_derivative", "off_by_factor"] = Field(
        "none", description="A deliberate mistake in the analytic gradient that the check must catch: none, "
        "dL/dW^(1) written as a^(0) delta^(1)T reshaped (transposed), delta^(L) without f'(z^(L)), or the "
        "last layer's gradient without the batch mean's 1/N")
    gc_log_h: int = Field(-5, ge=-12, le=-1, title="log10 h",
                          description="The finite-difference step h = 10^(log10 h) of the per-parameter check")
    gc_points: int = Field(23, ge=4, le=45, title="sweep points",
                           description="Values of h in the sweep, log-spaced from 1e-1 down to 1e-12")

    # --- end gradient_check fields ----------------------------------------

    # --- information fields ----------------------------------------
    p: list[float] = Field([4.0, 3.0, 1.0, 1.0, 0.5, 0.5], description="Weights of distribution p over the K "
                           "outcomes (scaled to sum to 1; drag the bars or type them under the plot)")
    q: list[float] = Field([1.0, 1.0, 1.0, 2.0, 3.0, 2.0], description="Weights of distribution q over the same K "
                           "outcomes (scaled to sum to 1)")
    joint: list[list[float]] = Field([[4.0, 1.0, 0.0], [1.0, 4.0, 1.0], [0.0, 1.0, 4.0]],
                                     description="The joint table P(X, Y): rows are x, columns are y (2 to 6 each; "
                                     "scaled to sum to 1)")
    info_units: Literal["bits", "nats"] = Field("bits", description="Units of entropy: bits (log base 2) or nats "
                                                "(natural log)")

    # --- end information fields ----------------------------------------

    # --- activations fields ----------------------------------------
    act_function: Literal["softplus", "elu", "prelu", "maxout", "abs"] = Field(
        "softplus", description="The activation drawn with its derivative: softplus log(1+e^x), ELU, PReLU, "
        "maxout of k affine pieces, or |x|")
    act_alpha: float = Field(0.25, ge=0.0, le=3.0, description="alpha of ELU (alpha (e^x - 1) for x < 0) and of "
                             "PReLU (alpha x for x < 0; learned in a network)")
    maxout_pieces: int = Field(3, ge=2, le=6, description="k, the number of affine pieces z_k = w_k x + b_k whose "
                               "maximum maxout takes")
    bn_batch: int = Field(32, ge=2, le=512, description="Training batch size m: batch norm's mean and variance "
                          "come from these m pre-activations")
    bn_eval_batch: int = Field(1, ge=1, le=256, description="Inference batch size: 1 shows what batch statistics "
                               "do to a single example (variance 0, output 0)")
    bn_momentum: float = Field(0.9, ge=0.0, le=0.999, description="Momentum of the moving averages: moving = "
                               "momentum * moving + (1 - momentum) * batch")
    bn_shift: float = Field(6.0, ge=-20.0, le=20.0, description="How far the pre-activations' mean drifts over "
                            "the run (their standard deviation is 2)")
    input_scaling: Literal["min_max", "z_score", "none"] = Field(
        "z_score", description="The scaling compared with the raw inputs: min-max to [0, 1], z-score "
        "(x - mu) / sigma, or none")
    gd_lr_factor: float = Field(1.0, gt=0.0, le=1.9, description="Gradient descent's rate as a multiple of "
                                "1 / lambda_max of each loss surface (below 2 it cannot diverge)")
    act_steps: int = Field(200, ge=1, le=2000, description="Steps of the run: training batches through batch "
                           "norm and gradient-descent steps on each surface")

    # --- end activations fields ----------------------------------------

    @model_validator(mode="after")
    def _consistent(self) -> "FoundationsConfig":
        # --- checks across fields, one block per mode (each calls a function of its own module) ---
        if self.mode == "information":
            from playground.foundations.information import check_config as check_information

            check_information(self)
        from playground.foundations.perceptron import check_points

        check_points(self.points)

        # --- end checks ---
        return self


CONFIG = FoundationsConfig
