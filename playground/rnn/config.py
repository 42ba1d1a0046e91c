"""Settings of the RNN gradients panel. No torch import: the window loads this at start-up."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playground import limits

from playground.modes import Mode, Section

Cell = Literal["rnn_tanh", "rnn_relu", "rnn_sigmoid", "rnn_linear", "lstm", "gru"]
Task = Literal["adding", "copy", "parity", "sine"]
Init = Literal["orthogonal", "identity", "normal", "default"]
Optimizer = Literal["adam", "sgd", "momentum", "rmsprop"]
GruVariant = Literal["torch", "notes"]

VANILLA_CELLS = ("rnn_tanh", "rnn_relu", "rnn_sigmoid", "rnn_linear")
# Blocks of W_hh per cell: an LSTM has four gates, a GRU three; compare trains an RNN, an LSTM and a GRU.
GATE_BLOCKS = {"lstm": 4, "gru": 3}
COMPARE_BLOCKS = 1 + 4 + 3


# Both modes show every control; the mode is chosen among the model's settings.
SECTIONS = (
    Section("Model", ("mode", "cell", "hidden", "init", "rho", "forget_bias", "gru_variant")),
    Section("Task", ("task", "seq_len", "batch", "vocab", "noise")),
    Section("Training", ("optimizer", "lr", "clip", "clip_norm")),
    Section("Display", ("heatmap_rows", "heatmap_every"), expanded=False),
)


class RnnConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[Mode, ...]] = (  # see playground/modes.py
        Mode("single", "playground.rnn.engine:RnnEngine", ("rnn",), SECTIONS),
        Mode("compare", "playground.rnn.engine:RnnEngine", ("rnn",), SECTIONS),  # an RNN, an LSTM and a GRU
    )

    mode: Literal["single", "compare"] = Field(
        "single", title="mode",
        description="single trains one net; compare trains an RNN, an LSTM and a GRU side by side on the "
                    "same batches.")
    cell: Cell = Field(
        "rnn_tanh", title="cell",
        description="The recurrent cell: a vanilla RNN h_t = f(W_hh h_{t-1} + W_xh x_t + b) with f = tanh, "
                    "ReLU, sigmoid or identity, or a gated LSTM / GRU (in compare mode, the RNN's activation).")
    hidden: int = Field(32, title="hidden size", ge=2, le=256, description="Size of the hidden state h_t.")
    task: Task = Field(
        "adding", title="task",
        description="adding: sum the two marked numbers; copy: recall the first token after T steps; "
                    "parity: XOR of all bits; sine: predict the next value of a noisy sine wave.")
    seq_len: int = Field(
        50, title="sequence length T", ge=2, le=400,
        description="Sequence length T: how many steps back the gradient must travel.")
    batch: int = Field(32, title="batch size", ge=1, le=512, description="Sequences per training iteration.")
    vocab: int = Field(
        8, title="tokens (copy)", ge=2, le=64,
        description="Copy task: number of distinct tokens (chance = 1/vocab).")
    noise: float = Field(
        0.1, title="noise (sine)", ge=0.0, le=1.0,
        description="Sine task: standard deviation of the noise added to the wave.")
    init: Init = Field(
        "orthogonal", title="W_hh init",
        description="Initial W_hh: rho times a random orthogonal matrix, rho times the identity (IRNN), a "
                    "Gaussian matrix scaled to spectral radius rho, or torch's default uniform init.")
    rho: float = Field(
        1.0, title="spectral radius ρ", ge=0.05, le=4.0, json_schema_extra={"decimals": 3},
        description="Spectral radius of the initial W_hh (largest |eigenvalue|): below 1 gradients shrink "
                    "like rho^(T-t), above 1 they grow.")
    forget_bias: float = Field(
        1.0, title="forget-gate bias", ge=-5.0, le=10.0,
        description="LSTM: initial bias of the forget gate; a large bias keeps f_t near 1 so the cell state "
                    "carries gradient back in time.")
    gru_variant: GruVariant = Field(
        "torch", title="GRU candidate",
        description="GRU candidate state: torch applies the reset gate after the product, "
                    "tanh(W x_t + r_t ⊙ (U h_{t-1} + b_hn) + b); the lecture notes before it, "
                    "tanh(W x_t + U (r_t ⊙ h_{t-1}) + b).")
    clip: bool = Field(
        False, title="clip gradients", description="Clip the gradient by its global norm before each update.")
    clip_norm: float = Field(
        1.0, title="clip threshold", ge=1e-3, le=1e4,
        description="Gradient clipping threshold: a gradient with norm above it is rescaled to this norm.")
    optimizer: Optimizer = Field("adam", title="optimizer", description="The optimizer that updates the weights.")
    lr: float = Field(
        1e-3, title="learning rate", ge=1e-6, le=10.0, json_schema_extra={"decimals": 6},
        description="Learning rate (step size).")
    heatmap_rows: int = Field(
        300, title="heatmap rows", ge=10, le=2000,
        description="How many training iterations the gradient heatmaps keep (older rows scroll away).")
    heatmap_every: int = Field(
        1, title="record every", ge=1, le=1000,
        description="Record a heatmap row every this many training iterations.")

    def step_cost(self) -> float:
        """Multiply-adds of one iteration (T steps of B rows through the gate blocks, forward and back),
        weighted by how much slower T small products run than one large one."""
        blocks = COMPARE_BLOCKS if self.mode == "compare" else GATE_BLOCKS.get(self.cell, 1)
        inputs = self.vocab + 2  # the widest input of any task (copy: one-hot tokens and two markers)
        return limits.SEQUENTIAL * limits.BACKWARD * self.seq_len * self.batch * self.hidden * (self.hidden + inputs) * blocks

    @model_validator(mode="after")
    def _trains_live(self) -> "RnnConfig":
        what = "compare mode (three nets)" if self.mode == "compare" else f"the {self.cell} net"
        limits.check_cost(self.step_cost(), what,
                          {"hidden size": self.hidden, "sequence length T": self.seq_len, "batch size": self.batch})
        return self


CONFIG = RnnConfig
