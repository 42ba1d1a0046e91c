"""The Network panel's lesson presets, written to ``presets/network/`` by ``python -m playground.nets.lessons``.

A test checks that the shipped files equal what this module builds, so edit lessons here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playground.nets.config import LayerConfig, NetworkConfig

FORWARD = r"""
Each layer computes $h_{l} = f(W_l h_{l-1} + b_l)$; the output of a 2-class net is one logit $z$,
drawn as $2\sigma(z) - 1$ (orange $-1$, blue $+1$). Cross-entropy loss:

$$L = -\frac{1}{N}\sum_i [y_i \log \sigma(z_i) + (1-y_i)\log(1-\sigma(z_i))]$$
"""

BACKPROP = r"""
Backpropagation multiplies one factor per layer:

$$\frac{\partial L}{\partial h_{l-1}} = W_l^\top \left(f'(a_l) \odot \frac{\partial L}{\partial h_l}\right)$$

The sigmoid's slope is at most $\sigma'(a) = \sigma(a)(1-\sigma(a)) \le 1/4$, so after $k$ layers the
gradient shrinks like $(\tfrac14 \|W\|)^k$. The panel plots mean $|\partial L/\partial W_l|$ per layer and the
ratio $\|\nabla_{W_1} L\| / \|\nabla_{W_{out}} L\|$ (metric grad_ratio).
"""


def _lessons() -> dict[str, dict]:
    tanh8 = [LayerConfig(width=8, activation="tanh")] * 2
    return {
        "xor_needs_a_hidden_layer": dict(
            title="XOR needs a hidden layer (or the x1·x2 feature)",
            notes="""# XOR needs a hidden layer

A linear model $z = w_1 x_1 + w_2 x_2 + b$ draws one straight line, but XOR's classes sit in opposite
quadrants: no line separates them, and test accuracy stays near **50%**.

Two fixes:

1. Tick the feature **x1·x2**: then $z = w\\,x_1 x_2 + b$ and $\\mathrm{sign}(x_1 x_2)$ *is* the label: > 95%.
2. Or add a hidden layer (4 ReLU or tanh neurons): each neuron cuts the plane with a line, and the
   output combines the half-planes.
""" + FORWARD,
            seed=0, config=NetworkConfig(dataset="xor", hidden=[], optimizer="SGD", lr=0.03)),
        "spiral_needs_depth": dict(
            title="The spiral needs depth",
            notes="""# The spiral needs depth

Two interleaved spirals from $x_1, x_2$ alone. One hidden layer draws a handful of lines; two hidden
layers of 8 tanh neurons compose them into curved bands that follow the arms (the tests check
>= 90% test accuracy after 8000 minibatches with Adam, $\\eta = 0.01$). Watch the neuron tiles: the first
layer shows half-planes, the second layer combinations of them.

Try removing the second layer, or adding sin x1 and sin x2 features.
""" + FORWARD,
            seed=0, config=NetworkConfig(dataset="spiral", hidden=tanh8, optimizer="Adam", lr=0.01)),
        "vanishing_gradients_sigmoid_stack": dict(
            title="Vanishing gradients: ten sigmoid layers",
            notes="""# Vanishing gradients in a sigmoid stack

Ten hidden layers of 8 sigmoid neurons with Xavier init. The plot *Mean |dL/dW| per layer* falls by
orders of magnitude towards the input, and grad_ratio (first layer / last layer gradient norm) is about
$10^{-7}$: the first layers do not learn.

Fixes, each visible at once in the same plot:

- activation **relu** and init **he** ($\\mathrm{Var}\\,W = 2/n_{in}$): grad_ratio about 1;
- **residual** on: $h_l = h_{l-1} + f(W_l h_{l-1} + b_l)$ gives the gradient an identity path;
- batch norm on every layer.
""" + BACKPROP,
            seed=0, config=NetworkConfig(dataset="circles", hidden=[LayerConfig(width=8, activation="sigmoid")] * 10,
                                         init="xavier", optimizer="SGD", lr=0.1)),
        "dropout_against_overfitting": dict(
            title="Dropout against overfitting on few points",
            notes="""# Dropout against overfitting

60 noisy points, three layers of 16 ReLU: the network memorises the training set (train loss near 0)
while the **test loss** climbs: the boundary wraps around single points.

Set **dropout** to 0.3-0.5 on the hidden layers: in training each neuron is kept with probability
$1-p$ and scaled by $1/(1-p)$,

$$\\tilde h = \\frac{m \\odot h}{1-p}, \\quad m_i \\sim \\mathrm{Bernoulli}(1-p)$$

so no neuron can rely on another; the boundary smooths and the test loss falls (about 2.0 to 0.75 here).
L2 ($+\\lambda \\sum w^2$) has a similar effect.
""",
            seed=0, config=NetworkConfig(dataset="gaussians", noise=0.6, n_points=60,
                                         hidden=[LayerConfig(width=16, activation="relu")] * 3, init="he",
                                         optimizer="Adam", lr=0.01)),
        "zero_init_symmetry": dict(
            title="Zero init: every neuron stays the same",
            notes="""# Zero initialisation and symmetry

All weights start at 0. Every neuron of a layer then computes the same output and receives the same
gradient

$$\\frac{\\partial L}{\\partial W_{l,ij}} = \\delta_{l,i}\\, h_{l-1,j}$$

so they stay identical for ever: the neuron tiles of a layer all look alike, and the net is no better
than one neuron per layer (with tanh, $h = \\tanh(0) = 0$ blocks the gradient entirely).
Switch init to **xavier** ($\\mathrm{Var}\\,W = 2/(n_{in}+n_{out})$) to break the symmetry.
""",
            seed=0, config=NetworkConfig(dataset="circles", hidden=[LayerConfig(width=4, activation="sigmoid")] * 2,
                                         init="zeros", optimizer="SGD", lr=0.3)),
        "learning_rate_too_high": dict(
            title="Learning rate too high",
            notes="""# Learning rate too high

Gradient descent $w \\leftarrow w - \\eta \\nabla L(w)$ only descends when the step is small compared with
the curvature: on a quadratic with curvature $\\lambda$ it needs $\\eta < 2/\\lambda$. With $\\eta = 3$
the ReLU net overshoots, its neurons die (watch dead_relu) and accuracy stays near 50%.

Lower the learning rate to 0.03 and the circles are solved in a few epochs; at $\\eta = 1$ it learns
fast but the loss jumps. On a regression set with $\\eta = 50$ the loss becomes inf and the run pauses.
""",
            seed=0, config=NetworkConfig(dataset="circles", hidden=[LayerConfig(width=8, activation="relu")] * 2,
                                         init="he", optimizer="SGD", lr=3.0)),
        "digits_mlp": dict(
            title="8x8 digits with an MLP",
            notes="""# Handwritten digits

scikit-learn's 1797 digits of 8x8 pixels (values scaled to [0, 1]) feed 64 inputs; one hidden layer of
32 ReLU and a softmax output over 10 classes,

$$p(k|x) = \\frac{e^{z_k}}{\\sum_j e^{z_j}}, \\quad L = -\\log p(y|x)$$

reach about 96% test accuracy within a few epochs. The confusion matrix shows which digits are mixed
up (often 8 with 1 or 9); the grid shows test digits as prediction (truth), wrong ones in orange.
""",
            seed=0, config=NetworkConfig(dataset="digits", hidden=[LayerConfig(width=32, activation="relu")],
                                         init="he", optimizer="Adam", lr=0.01, batch_size=32)),
    }


PANEL = "network"

# file stem -> new_preset keyword arguments
LESSONS: dict[str, dict] = {stem: {**fields, "device": "auto"} for stem, fields in _lessons().items()}


def build(name: str):
    from playground.presets import new_preset

    return new_preset(PANEL, **LESSONS[name])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/network/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
