"""The attention panel's settings: one config, five modes (no torch import here).

kernel_regression  Nadaraya-Watson regression as attention pooling; the kernel width fixed or learned.
scoring            additive vs scaled dot-product scores on the same random queries and keys, the
                   effect of 1/sqrt(d) on the softmax's sharpness and gradient, masking of padded keys.
transformer        a tiny multi-head self-attention + MLP network trained live on a toy sequence task.
positional         the sinusoidal encoding, dot products between positions, and a learned encoding.
decoding           greedy vs beam search on a toy language model, one time step per step.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from playground import limits
from playground.modes import Mode as RunMode
from playground.modes import Section
from playground.optim import formula as formula_parser

Mode = Literal["kernel_regression", "scoring", "transformer", "positional", "decoding"]
Task = Literal["reverse", "sort", "copy with delay"]
Positional = Literal["none", "sinusoidal", "learned"]


def check_function(text: str) -> str:
    """A function of x only (the N-W data), parsed by the optimizer panel's allow-list parser."""
    parsed = formula_parser.parse(text)
    if "y" in parsed.uses:
        raise formula_parser.FormulaError("the data function depends on x only; 'y' is not allowed here")
    return text


DATA_AND_KERNEL = Section("Data and kernel", ("function", "n_train", "noise", "x_max", "n_queries", "width",
                                              "learn_width", "width_lr", "nw_steps"))
QUERIES_AND_KEYS = Section("Queries and keys", ("dim", "score_queries", "score_keys", "valid_len", "additive_hidden",
                                                "score_samples"))
TASK = Section("Task", ("task", "seq_len", "vocab", "delay"))
NETWORK = Section("Network", ("d_model", "heads", "layers", "positional", "compare"))
TRAINING = Section("Training", ("learning_rate", "batch_size", "max_steps", "eval_every"))
SINUSOIDAL = Section("Sinusoidal matrix", ("pe_positions", "pe_dim"))
SEARCH = Section("Search", ("language_model", "lm_tokens", "beam_width", "max_len", "length_alpha"))


class AttentionConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[RunMode, ...]] = (  # see playground/modes.py
        RunMode("kernel_regression", "playground.attention.kernel_regression:KernelRegressionEngine",
                ("attention.kernel_regression",), (DATA_AND_KERNEL,)),
        RunMode("scoring", "playground.attention.scoring:ScoringEngine", ("attention.scoring",), (QUERIES_AND_KEYS,)),
        RunMode("transformer", "playground.attention.transformer:TransformerEngine", ("attention.transformer",),
                (TASK, NETWORK, TRAINING)),
        # The positional mode always trains a learned encoding, alone.
        RunMode("positional", "playground.attention.positional:make_positional_engine", ("attention.positional",),
                (TASK, NETWORK.only("d_model", "heads", "layers"), TRAINING, SINUSOIDAL)),
        RunMode("decoding", "playground.attention.decoding:DecodingEngine", ("attention.decoding",), (SEARCH,)),
    )

    mode: Mode = Field("kernel_regression", description="What the panel shows: kernel regression, attention "
                       "scoring, a tiny transformer, positional encoding, or beam search")

    # Nadaraya-Watson kernel regression --------------------------------------------------------------
    function: str = Field("2*sin(x) + x^0.8", max_length=formula_parser.MAX_LENGTH, title="f(x) =",
                          description="The function the data comes from: x, numbers, + - * / ^, sin cos tan exp "
                          "log sqrt abs tanh, pi, e (e.g. 2*sin(x) + x^0.8)")
    n_train: int = Field(50, ge=3, le=300, description="Training points (the keys x_i and values y_i)")
    noise: float = Field(0.5, ge=0, le=5, description="Standard deviation of the Gaussian noise added to f(x_i)")
    x_max: float = Field(5.0, gt=0, le=50, description="The data's x lie in [0, x_max]")
    n_queries: int = Field(50, ge=2, le=200, description="Queries: evenly spaced x where the estimate is drawn")
    width: float = Field(1.0, gt=0, le=50, description="Kernel parameter w: alpha(x, x_i) = softmax(-((x - x_i) w)^2 / 2); "
                         "a large w is a narrow kernel")
    learn_width: bool = Field(False, description="Learn w by gradient descent on the leave-one-out squared error")
    width_lr: float = Field(0.5, gt=0, le=20, description="Step size of gradient descent on w")
    nw_steps: int = Field(200, ge=1, le=100_000, description="Steps before the kernel-regression run stops")

    # Attention scoring -------------------------------------------------------------------------------
    dim: int = Field(64, ge=1, le=512, json_schema_extra={"widget": "slider"},
                     description="Length d of the queries and keys (entries drawn from N(0, 1))")
    score_queries: int = Field(4, ge=1, le=12, description="Number of queries")
    score_keys: int = Field(10, ge=2, le=16, description="Number of keys (and values)")
    valid_len: int = Field(6, ge=1, le=16, description="Keys after the first valid_len are padding: masked to weight 0")
    additive_hidden: int = Field(8, ge=1, le=64, description="Hidden size h of additive attention w_v^T tanh(W_q q + W_k k)")
    score_samples: int = Field(200, ge=1, le=100_000, description="Each step draws fresh queries and keys; "
                               "the run stops after this many")

    # Transformer (and the learned encoding of the positional mode) -------------------------------------
    task: Task = Field("reverse", description="The toy task: output the input reversed, sorted, or shifted right by the delay")
    seq_len: int = Field(6, ge=2, le=16, description="Length of every input sequence")
    vocab: int = Field(8, ge=3, le=32, description="Tokens 1..vocab-1 make the inputs; token 0 is the blank the delay copies in")
    delay: int = Field(2, ge=1, le=8, description="copy with delay: output position i shows input position i - delay")
    d_model: int = Field(32, ge=4, le=128, description="Width of the embeddings and of the attention block")
    heads: int = Field(2, ge=1, le=4, description="Attention heads (d_model must be a multiple of it)")
    layers: int = Field(1, ge=1, le=2, description="Transformer blocks (multi-head self-attention + MLP)")
    positional: Positional = Field("sinusoidal", description="Positional encoding added to the token embeddings")
    compare: Literal["none", "positional toggled"] = Field(
        "none", description="A twin trained on the same batches with the positional encoding switched "
        "(none <-> sinusoidal)")
    learning_rate: float = Field(0.003, gt=0, le=1, description="Adam's learning rate")
    batch_size: int = Field(64, ge=4, le=512, description="Sequences per training step")
    max_steps: int = Field(600, ge=0, le=1_000_000, description="Training steps before the run stops (0: never stops)")
    eval_every: int = Field(25, ge=1, le=10_000, description="Steps between evaluations on 512 held-out sequences")

    # Positional encoding ---------------------------------------------------------------------------------
    pe_positions: int = Field(40, ge=2, le=200, description="Positions p of the sinusoidal matrix shown")
    pe_dim: int = Field(32, ge=2, le=256, description="Encoding length d of the sinusoidal matrix shown (even)")

    # Decoding ------------------------------------------------------------------------------------------
    language_model: Literal["seed example", "random"] = Field(
        "seed example", description="The seed's toy model over A, B, C, <eos>, or a random table over more tokens")
    lm_tokens: int = Field(5, ge=2, le=8, description="random model: tokens besides <eos>")
    beam_width: int = Field(2, ge=1, le=6, description="Beam width k (1 is greedy search)")
    max_len: int = Field(4, ge=1, le=8, description="Longest output, <eos> included")
    length_alpha: float = Field(0.75, ge=0, le=2, description="Final score (1/L^alpha) log P: alpha 0 ranks by "
                                "probability, larger alpha favours longer outputs")

    @field_validator("function")
    @classmethod
    def _function_is_math(cls, text: str) -> str:
        return check_function(text)

    @model_validator(mode="after")
    def _consistent(self) -> "AttentionConfig":
        if self.d_model % self.heads:
            raise ValueError(f"d_model {self.d_model} is not a multiple of heads {self.heads}: "
                             "each head gets d_model / heads dimensions")
        if self.pe_dim % 2:
            raise ValueError(f"pe_dim {self.pe_dim} must be even: the encoding pairs sin and cos")
        if self.positional != "none" and self.d_model % 2:
            raise ValueError("d_model must be even for a positional encoding (sin and cos pairs)")
        if self.valid_len > self.score_keys:
            raise ValueError(f"valid_len {self.valid_len} is more than the {self.score_keys} keys")
        if self.mode == "transformer":
            limits.check_cost(self.step_cost(), "the transformer",
                              {"d_model": self.d_model, "layers": self.layers, "seq_len": self.seq_len,
                               "batch_size": self.batch_size, "compare": self.compare})
        return self

    def step_cost(self) -> float:
        """Multiply-adds of one transformer step: per token and block, Q, K, V and the output
        projection (4 d^2), the MLP of width 4d (8 d^2) and the scores and their weighted sum."""
        d, n = self.d_model, self.seq_len
        per_token = self.layers * (12 * d * d + 2 * n * d) + d * self.vocab
        nets = 1 if self.compare == "none" else 2
        return limits.BACKWARD * self.batch_size * n * per_token * nets


CONFIG = AttentionConfig
