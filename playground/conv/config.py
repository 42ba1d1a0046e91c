"""The convolution panel's settings: one config, four modes (no torch import here).

arithmetic  the kernel slides over a small grid one position per step (or, transposed, each input
            cell stamps a scaled copy of the kernel onto the output), with the products shown.
kernels     classic and typed kernels on real images, then max/average pooling; each step shifts
            the image one pixel so pooling's tolerance to small shifts can be measured.
backprop    a kernel learned by gradient descent with the hand-derived dL/dW (and dL/dX), checked
            against autograd at every snapshot.
train       a LeNet-style CNN trained on sklearn's 8x8 digits, live.
"""

from __future__ import annotations

import math
import re
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from playground import limits
from playground.modes import Mode as RunMode
from playground.modes import Section

Mode = Literal["arithmetic", "kernels", "backprop", "train"]
KernelName = Literal["identity", "box blur", "gaussian blur", "sharpen", "edge (Laplacian)",
                     "Sobel x", "Sobel y", "custom"]
ImageName = Literal["digit", "shapes", "checkerboard", "circle", "stripes", "gradient"]

_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(/[-+]?(\d+(\.\d*)?|\.\d+))?$")
MAX_CUSTOM_KERNEL = 7


def parse_kernel(text: str) -> list[list[float]]:
    """Rows separated by ';' or new lines, numbers by spaces or commas; '1/9' is allowed.

    Raises ValueError with a message a person can act on.
    """
    rows = [row for row in re.split(r"[;\n]", text.strip()) if row.strip()]
    if not rows:
        raise ValueError("the custom kernel is empty: type rows such as '1 0 -1; 2 0 -2; 1 0 -1'")
    kernel: list[list[float]] = []
    for r, row in enumerate(rows, 1):
        values = []
        for token in re.split(r"[,\s]+", row.strip()):
            if not _NUMBER.match(token):
                raise ValueError(f"the custom kernel has {token!r} in row {r}: use numbers such as 2, -0.5 or 1/9")
            if "/" in token:
                num, den = token.split("/")
                if float(den) == 0:
                    raise ValueError(f"the custom kernel divides by zero in row {r} ({token})")
                value = float(num) / float(den)
            else:
                value = float(token)
            if not math.isfinite(value) or abs(value) > 1e6:
                raise ValueError(f"the custom kernel value {token} in row {r} is not a usable number")
            values.append(value)
        kernel.append(values)
    widths = {len(row) for row in kernel}
    if len(widths) != 1:
        raise ValueError(f"the custom kernel's rows have different lengths {sorted(widths)}: every row needs as many numbers")
    if len(kernel) > MAX_CUSTOM_KERNEL or len(kernel[0]) > MAX_CUSTOM_KERNEL:
        raise ValueError(f"the custom kernel is {len(kernel)}x{len(kernel[0])}; at most {MAX_CUSTOM_KERNEL}x{MAX_CUSTOM_KERNEL}")
    return kernel


def conv_out_size(n: int, k: int, p: int = 0, s: int = 1, d: int = 1) -> int:
    """floor((n + 2p - d(k-1) - 1) / s) + 1: the seed's floor((n - m + 2p)/s) + 1 with m = d(k-1)+1."""
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def conv_transpose_out_size(n: int, k: int, p: int = 0, s: int = 1, d: int = 1, output_padding: int = 0) -> int:
    """(n-1)s - 2p + d(k-1) + output_padding + 1: the seed's o' = s(i'-1) + k when p = 0, d = 1."""
    return (n - 1) * s - 2 * p + d * (k - 1) + output_padding + 1


def geometry_problem(n: int, k: int, p: int, s: int, d: int, transposed: bool, output_padding: int) -> str | None:
    """Why a convolution of these sizes cannot exist (torch would refuse it), or None."""
    span = d * (k - 1) + 1
    if transposed:
        if output_padding >= max(s, d):
            return (f"output padding {output_padding} must be smaller than the stride ({s}) or the dilation ({d}): "
                    "it only picks among the output sizes that a stride-s convolution maps to the same input size")
        size = conv_transpose_out_size(n, k, p, s, d, output_padding)
        if size < 1:
            return (f"the transposed output would be (n-1)s - 2p + d(k-1) + op + 1 = {size} cells: "
                    "use less padding")
        return None
    if span > n + 2 * p:
        return (f"the dilated kernel spans d(k-1)+1 = {span} cells but the padded input has only n+2p = {n + 2 * p}: "
                "use a smaller kernel or dilation, or more padding")
    return None


GRID = Section("Grid and kernel", ("input_size", "kernel_size", "padding", "stride", "dilation", "transposed",
                                   "output_padding", "values"))
IMAGE = Section("Image, kernel and pooling", ("image", "digit_index", "kernel", "custom_kernel", "pool", "pool_size",
                                              "max_shift"))
DESCENT = Section("Gradient descent on the kernel", ("out_row", "out_col", "kernel_lr"))
NETWORK = Section("Network", ("conv1_channels", "conv2_channels", "conv_kernel", "hidden", "activation", "batch_norm",
                              "residual"))
TRAINING = Section("Training", ("optimizer", "learning_rate", "batch_size", "max_steps", "eval_every", "compare"))
RECEPTIVE_FIELD = Section("Receptive field", ("rf_layer", "rf_channel", "rf_row", "rf_col"))


class ConvConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[RunMode, ...]] = (  # see playground/modes.py
        RunMode("arithmetic", "playground.conv.arithmetic:ArithmeticEngine", ("conv.arithmetic",), (GRID,)),
        RunMode("kernels", "playground.conv.kernels:KernelsEngine", ("conv.kernels",), (IMAGE,)),
        # Backprop learns a (named or custom) kernel on a grid of its own geometry.
        RunMode("backprop", "playground.conv.backprop:BackpropEngine", ("conv.backprop",),
                (GRID.only("input_size", "padding", "stride", "dilation"), IMAGE.only("kernel", "custom_kernel"),
                 DESCENT)),
        RunMode("train", "playground.conv.train:TrainEngine", ("conv.train",), (NETWORK, TRAINING, RECEPTIVE_FIELD)),
    )

    mode: Mode = Field("arithmetic", description="What the panel shows: the sliding kernel, kernels on images, "
                       "the gradient of a convolution, or a CNN training on digits")

    # Arithmetic (and the geometry of backprop) ------------------------------------------------------
    input_size: int = Field(5, ge=2, le=10, description="Height and width n of the input grid")
    kernel_size: int = Field(3, ge=1, le=5, description="Height and width k of the kernel")
    padding: int = Field(0, ge=0, le=3, description="Zeros p added on every side of the input (transposed: cells cropped from every side of the output)")
    stride: int = Field(1, ge=1, le=3, description="How many cells s the kernel moves per output cell (transposed: how far apart the stamps land)")
    dilation: int = Field(1, ge=1, le=3, description="Spacing d between kernel taps: a k-tap kernel spans d(k-1)+1 cells")
    transposed: bool = Field(False, description="Transposed convolution: every input cell stamps a scaled copy of the kernel onto a larger output")
    output_padding: int = Field(0, ge=0, le=2, description="Extra rows/columns on one side of a transposed output (must be smaller than stride or dilation)")
    values: Literal["small integers", "ones", "ramp"] = Field(
        "small integers", description="What the input grid and kernel hold: seeded small integers, all ones (the output counts taps), or a ramp 1, 2, 3, ...")

    # Kernels on images, and the target kernel of backprop --------------------------------------------
    image: ImageName = Field("shapes", description="The image the kernel runs over: an 8x8 digit or a generated 32x32 picture")
    digit_index: int = Field(0, ge=0, le=1796, description="Which of sklearn's 1,797 digits to use when the image is 'digit'")
    kernel: KernelName = Field("Sobel x", description="The kernel: a classic one or 'custom' (typed below); in backprop mode, the hidden kernel to recover")
    custom_kernel: str = Field("1 0 -1; 2 0 -2; 1 0 -1", max_length=400,
                               description="Your own kernel: rows separated by ';', numbers by spaces (1/9 works)")
    pool: Literal["max", "average"] = Field("max", description="Pooling: the largest or the mean value of each window")
    pool_size: int = Field(2, ge=1, le=4, description="Pooling window (and stride) in cells")
    max_shift: int = Field(2, ge=0, le=4, description="Each step shifts the image one more pixel to the right (wrapping round), up to this many; then the run is finished")

    # Backprop -----------------------------------------------------------------------------------------
    out_row: int = Field(1, ge=0, le=20, description="Row of the output cell whose inputs and weights are highlighted")
    out_col: int = Field(1, ge=0, le=20, description="Column of the output cell whose inputs and weights are highlighted")
    kernel_lr: float = Field(0.2, gt=0, le=5, description="Gradient-descent step on the kernel: W <- W - lr dL/dW")

    # Train ----------------------------------------------------------------------------------------------
    conv1_channels: int = Field(6, ge=1, le=32, description="Output channels of the first convolution (LeNet: 6)")
    conv2_channels: int = Field(16, ge=1, le=64, description="Output channels of the second convolution (LeNet: 16)")
    conv_kernel: Literal[3, 5] = Field(3, description="Kernel size of both convolutions (padded to keep 8x8, then 4x4)")
    hidden: int = Field(64, ge=4, le=256, description="Units of the fully connected hidden layer")
    activation: Literal["relu", "tanh", "sigmoid"] = Field("relu", description="Nonlinearity after every convolution and the hidden layer (LeNet used sigmoid)")
    batch_norm: bool = Field(False, description="Batch normalization after every convolution, before the activation")
    residual: bool = Field(False, description="Add a residual block (conv-BN-act-conv-BN, plus x) after the second convolution")
    optimizer: Literal["adam", "sgd"] = Field("adam", description="Adam, or plain SGD with momentum 0.9")
    learning_rate: float = Field(0.01, gt=0, le=2, description="Learning rate of the optimizer")
    batch_size: int = Field(64, ge=4, le=512, description="Training digits per step")
    max_steps: int = Field(800, ge=0, le=1_000_000, description="Training steps before the run stops (0: never stops)")
    eval_every: int = Field(25, ge=1, le=10_000, description="Steps between test-set evaluations (accuracy curve, confusion matrix)")
    compare: Literal["none", "mlp", "bn toggled", "residual toggled"] = Field(
        "mlp", description="A twin trained on the same batches: an MLP with about the same parameter count, or this CNN with BN or the residual block switched")
    rf_layer: Literal["conv1", "pool1", "conv2", "pool2"] = Field("conv2", description="Layer of the unit whose receptive field is shown")
    rf_channel: int = Field(0, ge=0, le=63, description="Channel of that unit (taken modulo the layer's channels)")
    rf_row: int = Field(1, ge=0, le=7, description="Row of that unit (clipped to the layer's height)")
    rf_col: int = Field(1, ge=0, le=7, description="Column of that unit (clipped to the layer's width)")

    @field_validator("custom_kernel")
    @classmethod
    def _custom_kernel_is_numbers(cls, text: str) -> str:
        parse_kernel(text)
        return text

    @model_validator(mode="after")
    def _geometry_exists(self) -> "ConvConfig":
        if self.mode == "arithmetic":
            why = geometry_problem(self.input_size, self.kernel_size, self.padding, self.stride, self.dilation,
                                   self.transposed, self.output_padding)
        elif self.mode == "backprop":
            kh, kw = kernel_shape(self.kernel, self.custom_kernel)
            why = (geometry_problem(self.input_size, kh, self.padding, self.stride, self.dilation, False, 0)
                   or geometry_problem(self.input_size, kw, self.padding, self.stride, self.dilation, False, 0))
        else:
            why = None
        if why:
            raise ValueError(why)
        if self.mode == "train":
            limits.check_cost(self.step_cost(), "the CNN",
                              {"conv1_channels": self.conv1_channels, "conv2_channels": self.conv2_channels,
                               "conv_kernel": self.conv_kernel, "residual": self.residual,
                               "batch_size": self.batch_size, "compare": self.compare})
        return self

    def step_cost(self) -> float:
        """Multiply-adds of one training step of the CNN (8x8 digits: conv1 at 8x8, conv2 and the
        3x3 residual block at 4x4, fc on 2x2) and of its twin, counted as a second CNN."""
        k2, c1, c2 = self.conv_kernel ** 2, self.conv1_channels, self.conv2_channels
        per_image = 64 * c1 * k2 + 16 * c2 * c1 * k2 + 4 * c2 * self.hidden + 10 * self.hidden
        if self.residual or self.compare == "residual toggled":
            per_image += 2 * 16 * c2 * c2 * 9
        nets = 1 if self.compare == "none" else 2
        return limits.BACKWARD * self.batch_size * per_image * nets


def kernel_shape(name: str, custom: str) -> tuple[int, int]:
    """(rows, columns) of a kernel: the named ones are 3x3, a custom one as typed."""
    if name != "custom":
        return 3, 3
    rows = parse_kernel(custom)
    return len(rows), len(rows[0])


CONFIG = ConvConfig
