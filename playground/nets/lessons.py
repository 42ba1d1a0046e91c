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

FORWARD_ZH = r"""
每一层计算 $h_{l} = f(W_l h_{l-1} + b_l)$；二分类网络的输出是一个 logit $z$，
画成 $2\sigma(z) - 1$（橙色为 $-1$，蓝色为 $+1$）。交叉熵损失：

$$L = -\frac{1}{N}\sum_i [y_i \log \sigma(z_i) + (1-y_i)\log(1-\sigma(z_i))]$$
"""

BACKPROP_ZH = r"""
反向传播每经过一层乘上一个因子：

$$\frac{\partial L}{\partial h_{l-1}} = W_l^\top \left(f'(a_l) \odot \frac{\partial L}{\partial h_l}\right)$$

sigmoid 的斜率最大为 $\sigma'(a) = \sigma(a)(1-\sigma(a)) \le 1/4$，所以经过 $k$ 层后梯度
大致按 $(\tfrac14 \|W\|)^k$ 缩小。面板画出每层的平均 $|\partial L/\partial W_l|$，以及比值
$\|\nabla_{W_1} L\| / \|\nabla_{W_{out}} L\|$（指标 grad_ratio）。
"""


def _lessons() -> dict[str, dict]:
    tanh8 = [LayerConfig(width=8, activation="tanh")] * 2
    return {
        "xor_needs_a_hidden_layer": dict(
            title="XOR needs a hidden layer (or the x1·x2 feature)",
            title_zh="XOR 需要一个隐藏层（或 x1·x2 特征）",
            notes="""# XOR needs a hidden layer

A linear model $z = w_1 x_1 + w_2 x_2 + b$ draws one straight line, but XOR's classes sit in opposite
quadrants: no line separates them, and test accuracy stays near **50%**.

Two fixes:

1. Tick the feature **x1·x2**: then $z = w\\,x_1 x_2 + b$ and $\\mathrm{sign}(x_1 x_2)$ *is* the label: > 95%.
2. Or add a hidden layer (4 ReLU or tanh neurons): each neuron cuts the plane with a line, and the
   output combines the half-planes.
""" + FORWARD,
            notes_zh=r"""# 异或（XOR）需要一个隐藏层

线性模型 $z = w_1 x_1 + w_2 x_2 + b$ 只能画出一条直线，而异或的两类点位于相对的象限：
没有一条直线能把它们分开，测试准确率停在 **50%** 附近。

两种解决办法：

1. 勾选特征 **x1·x2**：此时 $z = w\,x_1 x_2 + b$，而 $\mathrm{sign}(x_1 x_2)$ *就是*标签：准确率 > 95%。
2. 或者加一个隐藏层（4 个 ReLU 或 tanh 神经元）：每个神经元用一条直线切分平面，
   输出层再把这些半平面组合起来。
""" + FORWARD_ZH,
            seed=0, config=NetworkConfig(dataset="xor", hidden=[], optimizer="SGD", lr=0.03)),
        "spiral_needs_depth": dict(
            title="The spiral needs depth",
            title_zh="螺旋数据需要深度",
            notes="""# The spiral needs depth

Two interleaved spirals from $x_1, x_2$ alone. One hidden layer draws a handful of lines; two hidden
layers of 8 tanh neurons compose them into curved bands that follow the arms (the tests check
>= 90% test accuracy after 8000 minibatches with Adam, $\\eta = 0.01$). Watch the neuron tiles: the first
layer shows half-planes, the second layer combinations of them.

Try removing the second layer, or adding sin x1 and sin x2 features.
""" + FORWARD,
            notes_zh=r"""# 螺旋需要深度

只用 $x_1, x_2$ 区分两条交错的螺旋。一个隐藏层只能画出几条直线；两个各有 8 个 tanh 神经元的隐藏层
把它们组合成沿着螺旋臂弯曲的条带（测试检查：用 Adam、$\eta = 0.01$ 训练 8000 个小批量后，
测试准确率 >= 90%）。观察神经元小图：第一层显示半平面，第二层显示它们的组合。

试试去掉第二层，或者加上 sin x1 和 sin x2 特征。
""" + FORWARD_ZH,
            seed=0, config=NetworkConfig(dataset="spiral", hidden=tanh8, optimizer="Adam", lr=0.01)),
        "vanishing_gradients_sigmoid_stack": dict(
            title="Vanishing gradients: ten sigmoid layers",
            title_zh="梯度消失：十个 sigmoid 层",
            notes="""# Vanishing gradients in a sigmoid stack

Ten hidden layers of 8 sigmoid neurons with Xavier init. The plot *Mean |dL/dW| per layer* falls by
orders of magnitude towards the input, and grad_ratio (first layer / last layer gradient norm) is about
$10^{-7}$: the first layers do not learn.

Fixes, each visible at once in the same plot:

- activation **relu** and init **he** ($\\mathrm{Var}\\,W = 2/n_{in}$): grad_ratio about 1;
- **residual** on: $h_l = h_{l-1} + f(W_l h_{l-1} + b_l)$ gives the gradient an identity path;
- batch norm on every layer.
""" + BACKPROP,
            notes_zh=r"""# sigmoid 堆叠中的梯度消失

十个隐藏层，每层 8 个 sigmoid 神经元，Xavier 初始化。图 *Mean |dL/dW| per layer*（每层平均梯度）
朝输入方向下降好几个数量级，grad_ratio（第一层与最后一层梯度范数之比）约为
$10^{-7}$：前面几层学不到东西。

解决办法，每一种都能立刻在同一张图中看到效果：

- 激活函数 **relu** 加初始化 **he**（$\mathrm{Var}\,W = 2/n_{in}$）：grad_ratio 约为 1；
- 打开 **residual**（残差连接）：$h_l = h_{l-1} + f(W_l h_{l-1} + b_l)$ 给梯度一条恒等通路；
- 在每一层使用批量归一化。
""" + BACKPROP_ZH,
            seed=0, config=NetworkConfig(dataset="circles", hidden=[LayerConfig(width=8, activation="sigmoid")] * 10,
                                         init="xavier", optimizer="SGD", lr=0.1)),
        "dropout_against_overfitting": dict(
            title="Dropout against overfitting on few points",
            title_zh="用 dropout 对抗少量样本上的过拟合",
            notes="""# Dropout against overfitting

60 noisy points, three layers of 16 ReLU: the network memorises the training set (train loss near 0)
while the **test loss** climbs: the boundary wraps around single points.

Set **dropout** to 0.3-0.5 on the hidden layers: in training each neuron is kept with probability
$1-p$ and scaled by $1/(1-p)$,

$$\\tilde h = \\frac{m \\odot h}{1-p}, \\quad m_i \\sim \\mathrm{Bernoulli}(1-p)$$

so no neuron can rely on another; the boundary smooths and the test loss falls (about 2.0 to 0.75 here).
L2 ($+\\lambda \\sum w^2$) has a similar effect.
""",
            notes_zh=r"""# 用 dropout 对抗过拟合

60 个有噪声的点，三层各 16 个 ReLU：网络记住了训练集（训练损失接近 0），
而**测试损失**不断上升：决策边界绕着单个点打转。

把隐藏层的 **dropout** 设为 0.3-0.5：训练时每个神经元以概率 $1-p$ 保留，
并乘以 $1/(1-p)$，

$$\tilde h = \frac{m \odot h}{1-p}, \quad m_i \sim \mathrm{Bernoulli}(1-p)$$

这样没有哪个神经元能依赖别的神经元；边界变得平滑，测试损失下降（这里约从 2.0 降到 0.75）。
L2 正则（$+\lambda \sum w^2$）有类似的效果。
""",
            seed=0, config=NetworkConfig(dataset="gaussians", noise=0.6, n_points=60,
                                         hidden=[LayerConfig(width=16, activation="relu")] * 3, init="he",
                                         optimizer="Adam", lr=0.01)),
        "zero_init_symmetry": dict(
            title="Zero init: every neuron stays the same",
            title_zh="零初始化：每个神经元始终一样",
            notes="""# Zero initialisation and symmetry

All weights start at 0. Every neuron of a layer then computes the same output and receives the same
gradient

$$\\frac{\\partial L}{\\partial W_{l,ij}} = \\delta_{l,i}\\, h_{l-1,j}$$

so they stay identical for ever: the neuron tiles of a layer all look alike, and the net is no better
than one neuron per layer (with tanh, $h = \\tanh(0) = 0$ blocks the gradient entirely).
Switch init to **xavier** ($\\mathrm{Var}\\,W = 2/(n_{in}+n_{out})$) to break the symmetry.
""",
            notes_zh=r"""# 零初始化与对称性

所有权重从 0 开始。这样同一层的每个神经元计算出相同的输出，并得到相同的梯度

$$\frac{\partial L}{\partial W_{l,ij}} = \delta_{l,i}\, h_{l-1,j}$$

所以它们永远保持相同：同一层的神经元小图看起来都一样，整个网络并不比每层一个神经元更好
（用 tanh 时，$h = \tanh(0) = 0$ 会完全挡住梯度）。
把初始化换成 **xavier**（$\mathrm{Var}\,W = 2/(n_{in}+n_{out})$）来打破对称性。
""",
            seed=0, config=NetworkConfig(dataset="circles", hidden=[LayerConfig(width=4, activation="sigmoid")] * 2,
                                         init="zeros", optimizer="SGD", lr=0.3)),
        "learning_rate_too_high": dict(
            title="Learning rate too high",
            title_zh="学习率过高",
            notes="""# Learning rate too high

Gradient descent $w \\leftarrow w - \\eta \\nabla L(w)$ only descends when the step is small compared with
the curvature: on a quadratic with curvature $\\lambda$ it needs $\\eta < 2/\\lambda$. With $\\eta = 3$
the ReLU net overshoots, its neurons die (watch dead_relu) and accuracy stays near 50%.

Lower the learning rate to 0.03 and the circles are solved in a few epochs; at $\\eta = 1$ it learns
fast but the loss jumps. On a regression set with $\\eta = 50$ the loss becomes inf and the run pauses.
""",
            notes_zh=r"""# 学习率太大

梯度下降 $w \leftarrow w - \eta \nabla L(w)$ 只有在步长相对曲率足够小时才会下降：
在曲率为 $\lambda$ 的二次函数上需要 $\eta < 2/\lambda$。当 $\eta = 3$ 时，
ReLU 网络冲过头，神经元死亡（观察 dead_relu），准确率停在 50% 附近。

把学习率降到 0.03，几个 epoch 就能解决圆环数据；$\eta = 1$ 时学得快，但损失会跳动。
在回归数据集上用 $\eta = 50$，损失变成 inf，运行自动暂停。
""",
            seed=0, config=NetworkConfig(dataset="circles", hidden=[LayerConfig(width=8, activation="relu")] * 2,
                                         init="he", optimizer="SGD", lr=3.0)),
        "digits_mlp": dict(
            title="8x8 digits with an MLP",
            title_zh="用 MLP 识别 8x8 数字",
            notes="""# Handwritten digits

scikit-learn's 1797 digits of 8x8 pixels (values scaled to [0, 1]) feed 64 inputs; one hidden layer of
32 ReLU and a softmax output over 10 classes,

$$p(k|x) = \\frac{e^{z_k}}{\\sum_j e^{z_j}}, \\quad L = -\\log p(y|x)$$

reach about 96% test accuracy within a few epochs. The confusion matrix shows which digits are mixed
up (often 8 with 1 or 9); the grid shows test digits as prediction (truth), wrong ones in orange.
""",
            notes_zh=r"""# 手写数字

scikit-learn 的 1797 张 8x8 像素数字（像素值缩放到 [0, 1]）作为 64 个输入；一个 32 个 ReLU 的隐藏层，
输出层对 10 个类别做 softmax，

$$p(k|x) = \frac{e^{z_k}}{\sum_j e^{z_j}}, \quad L = -\log p(y|x)$$

几个 epoch 内测试准确率就达到约 96%。混淆矩阵显示哪些数字容易混淆
（常见的是 8 和 1 或 9）；网格把测试数字显示为 预测（真实），错的用橙色标出。
""",
            seed=0, config=NetworkConfig(dataset="digits", hidden=[LayerConfig(width=32, activation="relu")],
                                         init="he", optimizer="Adam", lr=0.01, batch_size=32)),
    }


PANEL = "network"

# file stem -> new_preset keyword arguments
LESSONS: dict[str, dict] = {stem: {**fields, "device": "auto"} for stem, fields in _lessons().items()}


# Steps per second each lesson plays at, so that its run lasts about 20-40 s on a 2-core laptop CPU
# (measured by benchmarks/lesson_pacing.py; docs/performance.md): at Max speed these runs were over
# in 0.1-10 s, and a class saw only their end. A lesson not listed plays as fast as it can.
PACED = {"digits_mlp": 50.0, "dropout_against_overfitting": 50.0, "learning_rate_too_high": 50.0,
         "spiral_needs_depth": 50.0, "vanishing_gradients_sigmoid_stack": 50.0, "xor_needs_a_hidden_layer": 50.0,
         "zero_init_symmetry": 50.0}


def build(name: str):
    from playground.presets import new_preset

    return new_preset(PANEL, **{"speed": PACED.get(name), **LESSONS[name]})


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/network/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
