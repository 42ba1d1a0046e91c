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

# --- end perceptron sections ----------------------------------------

# --- regression: sections ----------------------------------------

# --- end regression sections ----------------------------------------

# --- backprop: sections ----------------------------------------
NETWORK_BY_HAND = Section("Network by hand", ("network", "bp_depth", "bp_inputs", "bp_hidden", "bp_outputs",
                                             "bp_activation", "bp_steps"))

# --- end backprop sections ----------------------------------------

# --- gradient_check: sections ----------------------------------------
GRADIENT_CHECK = Section("Gradient check", ("bug", "gc_log_h", "gc_points"))

# --- end gradient_check sections ----------------------------------------

# --- information: sections ----------------------------------------

# --- end information sections ----------------------------------------

# --- activations: sections ----------------------------------------

# --- end activations sections ----------------------------------------


class FoundationsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[RunMode, ...]] = (  # see playground/modes.py; one line per mode
        # perceptron mode

        # regression mode

        # backprop mode
        RunMode("backprop", "playground.foundations.backprop:BackpropEngine", ("foundations.backprop",),
                (NETWORK_BY_HAND,)),

        # gradient_check mode
        RunMode("gradient_check", "playground.foundations.gradient_check:GradientCheckEngine",
                ("foundations.gradient_check",),
                (NETWORK_BY_HAND.only("bp_depth", "bp_inputs", "bp_hidden", "bp_outputs", "bp_activation"),
                 GRADIENT_CHECK), uses_torch=False),

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

    # --- end perceptron fields ----------------------------------------

    # --- regression fields ----------------------------------------

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

    # --- end information fields ----------------------------------------

    # --- activations fields ----------------------------------------

    # --- end activations fields ----------------------------------------

    @model_validator(mode="after")
    def _consistent(self) -> "FoundationsConfig":
        # --- checks across fields, one block per mode (each calls a function of its own module) ---

        # --- end checks ---
        return self


CONFIG = FoundationsConfig
