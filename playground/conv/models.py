"""The LeNet-style CNN for 8x8 digits, its residual block, and the MLP it is compared with.

    input 1x8x8
    conv1  c1 kernels k x k, padding k//2   -> c1 x 8 x 8   [BN] act
    pool1  2x2 max, stride 2                -> c1 x 4 x 4
    conv2  c2 kernels k x k, padding k//2   -> c2 x 4 x 4   [BN] act  [residual block]
    pool2  2x2 max, stride 2                -> c2 x 2 x 2
    fc     4 c2 -> hidden, act -> 10

LeNet proper (seed notes) uses 5x5 kernels without padding on 28x28 images, 6 and 16 channels,
sigmoid and 120/84 hidden units; 8x8 digits need padding to keep a spatial map to pool.
"""

from __future__ import annotations

import torch
from torch import nn

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
LAYERS = ("conv1", "pool1", "conv2", "pool2")


class ResidualBlock(nn.Module):
    """conv3x3 [BN] act conv3x3 [BN], plus the input, then act (the seed's residual block, same channels)."""

    def __init__(self, channels: int, batch_norm: bool, activation: str) -> None:
        super().__init__()
        self.conv_a = nn.Conv2d(channels, channels, 3, padding=1, bias=not batch_norm)
        self.conv_b = nn.Conv2d(channels, channels, 3, padding=1, bias=not batch_norm)
        self.bn_a = nn.BatchNorm2d(channels) if batch_norm else nn.Identity()
        self.bn_b = nn.BatchNorm2d(channels) if batch_norm else nn.Identity()
        self.act = ACTIVATIONS[activation]()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.act(self.bn_a(self.conv_a(x)))
        return self.act(self.bn_b(self.conv_b(y)) + x)


class LeNet(nn.Module):
    def __init__(self, c1: int = 6, c2: int = 16, kernel: int = 3, hidden: int = 64, activation: str = "relu",
                 batch_norm: bool = False, residual: bool = False) -> None:
        super().__init__()
        pad = kernel // 2
        self.kernel, self.residual_on = kernel, residual
        self.conv1 = nn.Conv2d(1, c1, kernel, padding=pad, bias=not batch_norm)
        self.bn1 = nn.BatchNorm2d(c1) if batch_norm else nn.Identity()
        self.conv2 = nn.Conv2d(c1, c2, kernel, padding=pad, bias=not batch_norm)
        self.bn2 = nn.BatchNorm2d(c2) if batch_norm else nn.Identity()
        self.res = ResidualBlock(c2, batch_norm, activation) if residual else nn.Identity()
        self.act = ACTIVATIONS[activation]()
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(c2 * 4, hidden)
        self.fc2 = nn.Linear(hidden, 10)

    def features(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every layer's output, input to logits, for feature maps and receptive fields."""
        out = {"input": x}
        out["conv1"] = self.act(self.bn1(self.conv1(x)))
        out["pool1"] = self.pool(out["conv1"])
        out["conv2"] = self.res(self.act(self.bn2(self.conv2(out["pool1"]))))
        out["pool2"] = self.pool(out["conv2"])
        out["logits"] = self.fc2(self.act(self.fc1(out["pool2"].flatten(1))))
        return out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)["logits"]

    def geometry(self) -> list[tuple[int, int, int, int]]:
        """(kernel, stride, padding, dilation) of each spatial layer, input upwards, for receptive fields."""
        k, pad = self.kernel, self.kernel // 2
        layers = [(k, 1, pad, 1), (2, 2, 0, 1), (k, 1, pad, 1)]
        if self.residual_on:
            layers += [(3, 1, 1, 1), (3, 1, 1, 1)]  # the longest path through the block sees the most
        return layers + [(2, 2, 0, 1)]

    def layer_index(self, name: str) -> int:
        """Index of a named layer's output in ``geometry()``."""
        return {"conv1": 0, "pool1": 1, "conv2": 4 if self.residual_on else 2,
                "pool2": 5 if self.residual_on else 3}[name]


class MLP(nn.Module):
    """64 pixels -> hidden -> 10: the fully connected network the CNN is compared with."""

    def __init__(self, hidden: int, activation: str = "relu") -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(64, hidden), ACTIVATIONS[activation](), nn.Linear(hidden, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def mlp_hidden_for(params: int) -> int:
    """Hidden width h whose MLP has about ``params`` parameters: 64h + h + 10h + 10 = 75h + 10."""
    return max(1, round((params - 10) / 75))
