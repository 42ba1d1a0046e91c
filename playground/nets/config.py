"""The Network panel's config: a dataset, the input features, the layers and how they train.

No torch import here: the window imports this module at start-up.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from playground.modes import Mode

MAX_LAYERS = 12
MAX_WIDTH = 32

CLASSIFY_SETS = ("circles", "xor", "gaussians", "spiral", "moons", "checkerboard")
REGRESS_SETS = ("plane", "bump")
DATASETS = CLASSIFY_SETS + REGRESS_SETS + ("csv", "digits")
FEATURES = ("x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2")
# softplus ... abs: the seed notes' list (the foundations panel plots them); old presets keep loading
ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "gelu", "linear", "softplus", "elu", "prelu", "maxout", "abs")
OPTIMIZERS = ("SGD", "Momentum", "Nesterov", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax",
              "NAdam", "RAdam")

Activation = Literal["relu", "leaky_relu", "tanh", "sigmoid", "gelu", "linear", "softplus", "elu", "prelu", "maxout",
                     "abs"]
MAXOUT_PIECES = 3  # k affine pieces per maxout neuron: its layer computes width * k pre-activations


class LayerConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    width: int = Field(4, ge=1, le=MAX_WIDTH, description="Number of neurons in this hidden layer.")
    activation: Activation = Field("tanh", description="Non-linearity f applied after the layer: h = f(Wx + b) "
                                   "(maxout: h = max_k (W_k x + b_k) over 3 pieces).")
    dropout: float = Field(0.0, ge=0.0, le=0.9,
                           description="Dropout rate p: in training each neuron is zeroed with probability p.")
    batch_norm: bool = Field(False, description="Normalise the layer's pre-activations over the minibatch.")


class NetworkConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[Mode, ...]] = (  # one mode (see playground/modes.py); the kind follows the dataset
        Mode("", "playground.nets.engine:NetworkEngine", ("network.points", "network.digits"), every_field=True),
    )

    # Data ----------------------------------------------------------------------------------
    dataset: Literal["circles", "xor", "gaussians", "spiral", "moons", "checkerboard", "plane", "bump",
                     "csv", "digits"] = Field(
        "circles", description="The data: 2-D classification sets, 2-D regression sets, your CSV or 8x8 digits.")
    csv_path: str = Field("", description="A CSV file of rows x1, x2, label (0/1 classes) or x1, x2, y (regression).")
    n_points: int = Field(500, ge=20, le=5000, description="Number of points generated (train + test).")
    noise: float = Field(0.0, ge=0.0, le=1.0,
                         description="Noise of the generated data, from 0 (clean) to 1 (very noisy).")
    train_ratio: float = Field(0.5, ge=0.1, le=0.9, description="Fraction of the points used for training.")
    batch_size: int = Field(10, ge=1, le=2048, description="Points per minibatch: one step is one minibatch.")

    # Input features --------------------------------------------------------------------------
    x1: bool = Field(True, description="Feed the first coordinate x1 to the network.")
    x2: bool = Field(True, description="Feed the second coordinate x2 to the network.")
    x1_sq: bool = Field(False, title="x1²", description="Feed x1 squared to the network.")
    x2_sq: bool = Field(False, title="x2²", description="Feed x2 squared to the network.")
    x1x2: bool = Field(False, title="x1·x2", description="Feed the product x1*x2 (what XOR needs) to the network.")
    sin_x1: bool = Field(False, title="sin x1", description="Feed sin(x1) to the network.")
    sin_x2: bool = Field(False, title="sin x2", description="Feed sin(x2) to the network.")

    # Network -------------------------------------------------------------------------------
    hidden: list[LayerConfig] = Field(
        default_factory=lambda: [LayerConfig(width=4), LayerConfig(width=2)], max_length=MAX_LAYERS,
        description="The hidden layers, input side first (none: a linear model).")
    residual: bool = Field(False, description="Add skip connections h + f(Wh + b) between layers of equal width.")
    init: Literal["xavier", "he", "normal", "zeros"] = Field(
        "xavier", description="Weight init: Xavier/Glorot var 2/(in+out), He var 2/in, normal(0, sigma) or zeros.")
    init_sigma: float = Field(0.1, ge=0.0, le=10.0, description="Standard deviation of the 'normal' weight init.")
    loss: Literal["cross_entropy", "mse"] = Field(
        "cross_entropy", description="Loss for classification: cross-entropy or mean squared error (regression is always MSE).")
    l1: float = Field(0.0, ge=0.0, le=1.0, description="L1 regularisation rate: adds l1 * sum |w| to the loss.")
    l2: float = Field(0.0, ge=0.0, le=1.0, description="L2 regularisation rate: adds l2 * sum w^2 to the loss.")

    # Training ------------------------------------------------------------------------------
    optimizer: Literal["SGD", "Momentum", "Nesterov", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta",
                       "Adamax", "NAdam", "RAdam"] = Field("SGD", description="The torch.optim optimizer.")
    lr: float = Field(0.03, ge=1e-6, le=100.0, description="Learning rate eta: the step size of each update.")
    grid: int = Field(40, ge=10, le=120, description="Resolution of the decision-boundary and neuron heatmaps.")


CONFIG = NetworkConfig
