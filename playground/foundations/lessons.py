"""The shipped lesson presets of the foundations panel, written here so their notes live beside the math.

``python -m playground.foundations.lessons`` (re)writes ``presets/foundations/*.json``; a test checks the shipped
files equal what this module makes. Each mode's lessons are a dict in its own block below, with
``notes`` and ``notes_zh`` (the same formulas, in Chinese); figures quoted in the notes are measured
with seed 0 and checked by the mode's tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

PANEL = "foundations"

# --- perceptron lessons ----------------------------------------------------------
PERCEPTRON_CONVERGES = """
**The perceptron** (seed notes, perceptron 分类算法): `y_hat = h(w^T x + b)` with the step `h`, and the
update `theta_i <- theta_i + alpha (y - h(x)) x_i`. With labels +1 / -1 and the bias folded into
`x~ = (x1, x2, 1)`, a point is a mistake when `y (w . x~) <= 0`, and the update is

    w <- w + eta * y * x~

One step here is **one visit of a point** (in the order they were placed); an epoch is one pass.
The run stops at the first epoch without a mistake. Watch the line jump after each update: the
orange ring is the misclassified point that caused it, the dashed line the one before.

On these 14 points the perceptron needs 12 updates over 4 epochs. **Novikoff's theorem**: from
`w = 0`, if a unit `u` separates the points with margin `gamma` (`y u . x~ >= gamma`) and
`R = max ||x~||`, there are at most `(R / gamma)^2` updates. With the largest margin (the hard-margin
separator, found exactly) the bound is about 76: 12 is well inside it. The learning rate only
scales `w` when it starts at 0, so the count does not depend on it.

Click to add points (left: +1, right or shift-click: -1) and the run starts over on the new set.
"""

PERCEPTRON_CONVERGES_ZH = """
**感知机**（课堂笔记，perceptron 分类算法）：`y_hat = h(w^T x + b)`，`h` 为阶跃函数，
更新规则为 `theta_i <- theta_i + alpha (y - h(x)) x_i`。标签取 +1 / -1，并把偏置并入
`x~ = (x1, x2, 1)` 后，`y (w . x~) <= 0` 的点就是分错的点，更新为

    w <- w + eta * y * x~

这里的一步是**访问一个点**（按放置的顺序）；一个 epoch 是把所有点过一遍。
第一个没有错误的 epoch 结束后运行停止。注意每次更新后直线的跳动：橙色圆圈是
引起这次更新的分错的点，虚线是更新前的直线。

在这 14 个点上，感知机经过 4 个 epoch、共 12 次更新收敛。**Novikoff 定理**：从
`w = 0` 出发，若某个单位向量 `u` 以间隔 `gamma` 分开所有点（`y u . x~ >= gamma`），且
`R = max ||x~||`，则更新次数至多为 `(R / gamma)^2`。取最大间隔（硬间隔分离超平面，精确求得），
这个界约为 76：12 远在界内。`w` 从 0 出发时学习率只是缩放 `w`，所以更新次数与它无关。

点击可以添加点（左键：+1，右键或 shift 加点击：-1），运行会在新的点集上重新开始。
"""

PERCEPTRON_XOR = """
**No line separates XOR.** Points of class +1 sit on one diagonal, class -1 on the other: every
line leaves a mistake, so every epoch has at least one update and the perceptron never stops on
its own. The run ends at `max_epochs` = 50 and the readout says it did not converge; the mistakes
per epoch never reach 0. Novikoff's bound `(R / gamma)^2` needs a separating `u` with `gamma > 0`:
there is none, so no bound is shown.

This is why a single layer cannot learn XOR and a hidden layer (a multilayer perceptron, MLP) can.
Click to add points and see whether the set ever becomes separable.
"""

PERCEPTRON_XOR_ZH = """
**没有一条直线能分开 XOR。** +1 类的点在一条对角线上，-1 类的点在另一条上：任何
直线都会留下分错的点，所以每个 epoch 至少更新一次，感知机永远不会自己停下。
运行在 `max_epochs` = 50 处结束，读数显示未收敛；每个 epoch 的错误数从不降到 0。
Novikoff 界 `(R / gamma)^2` 需要一个 `gamma > 0` 的分离向量 `u`：这里不存在，所以不显示界。

这就是单层网络学不会 XOR、而带隐藏层的网络（多层感知机，MLP）可以学会的原因。
点击添加一个点，看看点集能否变得线性可分。
"""

PERCEPTRON_LESSONS = {
    "perceptron_converges": {
        "title": "Perceptron: converges within Novikoff's bound",
        "config": {"mode": "perceptron"},
        "notes": PERCEPTRON_CONVERGES, "notes_zh": PERCEPTRON_CONVERGES_ZH, "speed": 6.0},
    "perceptron_never_converges": {
        "title": "Perceptron: XOR never converges",
        "config": {"mode": "perceptron", "max_epochs": 50,
                   "points": [(-2.0, -2.0, -1), (2.0, 2.0, -1), (-2.0, 2.0, 1), (2.0, -2.0, 1),
                              (-1.0, -1.5, -1), (1.5, 1.0, -1), (-1.5, 1.0, 1), (1.0, -1.5, 1)]},
        "notes": PERCEPTRON_XOR, "notes_zh": PERCEPTRON_XOR_ZH, "speed": 30.0},
}

# --- end perceptron lessons ------------------------------------------------------

# --- regression lessons ----------------------------------------------------------
NORMAL_EQUATIONS = """
**Linear regression, two ways.** The data is `y = w x + b + noise` (true w = 2, b = -1, noise 0.5,
40 samples). With `X = [x, 1]` the loss `L(w, b) = 1/(2n) sum (w x + b - y)^2` has its minimum in
closed form, the notes' normal equations

    w_hat = (X^T X)^{-1} X^T Y

(here w = 2.06, b = -0.92: the noise moves it off the true line). The heatmap is the loss bowl,
`log10 L` over (w, b), with contours where the loss doubles; the cross marks the closed-form minimum. From (0, 0) two paths descend with
the notes' update `theta <- theta - eta / |B| sum x (y_hat - y)`: **SGD** (`|B| = 1`, one sample per
update) zigzags and keeps jittering around the minimum, **minibatch SGD** (`|B| = 8`) is smoother.
The bowl is a tilted ellipse because x is not centred (x on [-1, 3]): w and b are correlated.
Raise the learning rate until a path diverges; set the batch size to the sample count for plain
gradient descent.
"""

NORMAL_EQUATIONS_ZH = """
**线性回归的两种解法。** 数据为 `y = w x + b + noise`（真实 w = 2，b = -1，噪声 0.5，
40 个样本）。令 `X = [x, 1]`，损失 `L(w, b) = 1/(2n) sum (w x + b - y)^2` 的最小值有
解析解，即笔记中的正规方程

    w_hat = (X^T X)^{-1} X^T Y

（这里 w = 2.06，b = -0.92：噪声使它偏离真实直线）。热图是损失碗，即 (w, b) 上的
`log10 L`，等高线处损失依次翻倍；叉号标出解析解的最小值。两条路径从 (0, 0) 出发，按笔记的更新规则
`theta <- theta - eta / |B| sum x (y_hat - y)` 下降：**SGD**（`|B| = 1`，每次更新用一个样本）
走之字形，并在最小值附近不停抖动；**小批量 SGD**（`|B| = 8`）更平滑。
因为 x 没有中心化（x 在 [-1, 3] 上），w 和 b 相关，损失碗是一个倾斜的椭圆。
调大学习率直到某条路径发散；把批量大小设为样本数就是普通的梯度下降。
"""

LOGISTIC = """
**Logistic regression** (seed notes): `P(X=1) = 1/(1 + e^{-z})`, `z = theta^T x`, trained on the
cross-entropy `-y log sigma(z) - (1 - y) log(1 - sigma(z))`. The notes derive `dL/dz = y - f(z)` for
the log-likelihood; for the mean loss over n points that is the gradient

    X^T (sigma(X w) - y) / n

The readout evaluates this formula at the current w and, beside it, torch autograd's gradient of
the same loss (float64): they agree to about 1e-17, rounding only. The heatmap is `P(class 1)`; the
boundary is the line `w . x~ = 0`. On separable clouds the loss keeps falling towards 0 and `||w||`
keeps growing: the maximum likelihood is at infinity.
"""

LOGISTIC_ZH = """
**逻辑回归**（课堂笔记）：`P(X=1) = 1/(1 + e^{-z})`，`z = theta^T x`，用交叉熵
`-y log sigma(z) - (1 - y) log(1 - sigma(z))` 训练。笔记对对数似然推出 `dL/dz = y - f(z)`；
对 n 个点的平均损失，梯度为

    X^T (sigma(X w) - y) / n

读数在当前 w 处计算这个公式，并在旁边给出 torch autograd 对同一损失的梯度（float64）：
两者相差约 1e-17，只是舍入误差。热图是 `P(class 1)`；决策边界是直线 `w . x~ = 0`。
在可分的点云上，损失一直向 0 下降，`||w||` 一直增大：最大似然在无穷远处。
"""

SOFTMAX = """
**Softmax regression** (seed notes, SoftMax 回归) extends logistic regression to C classes:
`p(y = c | x) = softmax(w_c^T x)`, batched `Y_hat = softmax(XW + b)`, with the cross-entropy
`l(W, b) = -1/N sum_n sum_c y_c log y_hat_c` and the update `W <- W + alpha x (y - y_hat)^T`. As a
gradient over all n points:

    X^T (softmax(X W) - Y) / n

(Y one-hot, the bias is the last row of W). The readout shows this 3 x 3 matrix beside torch
autograd's and their largest difference. The regions are coloured by the predicted class
`argmax_c w_c^T x`, paler where the largest probability is lower; the three clouds overlap a little,
so about 93% of the points end up on their side after 300 steps.
"""

SOFTMAX_ZH = """
**Softmax 回归**（课堂笔记，SoftMax 回归）把逻辑回归推广到 C 类：
`p(y = c | x) = softmax(w_c^T x)`，批量形式 `Y_hat = softmax(XW + b)`，交叉熵为
`l(W, b) = -1/N sum_n sum_c y_c log y_hat_c`，更新为 `W <- W + alpha x (y - y_hat)^T`。
写成对全部 n 个点的梯度：

    X^T (softmax(X W) - Y) / n

（Y 为 one-hot，偏置是 W 的最后一行）。读数显示这个 3 x 3 矩阵、torch autograd 的梯度
以及两者的最大差值。区域按预测类别 `argmax_c w_c^T x` 着色，最大概率越低颜色越浅；
三个点云略有重叠，所以 300 步后约 93% 的点落在自己一侧。
"""

REGRESSION_LESSONS = {
    "normal_equations_vs_sgd": {
        "title": "Normal equations vs SGD on the loss bowl",
        "config": {"mode": "regression", "task": "linear"},
        "notes": NORMAL_EQUATIONS, "notes_zh": NORMAL_EQUATIONS_ZH, "speed": 30.0},
    "logistic_regression_gradient": {
        "title": "Logistic regression: the gradient by hand and by autograd",
        "config": {"mode": "regression", "task": "logistic", "regression_lr": 0.5},
        "notes": LOGISTIC, "notes_zh": LOGISTIC_ZH, "speed": 30.0},
    "softmax_regression_three_classes": {
        "title": "Softmax regression: three classes",
        "config": {"mode": "regression", "task": "softmax", "n_classes": 3, "regression_lr": 0.5},
        "notes": SOFTMAX, "notes_zh": SOFTMAX_ZH, "speed": 30.0},
}

# --- end regression lessons ------------------------------------------------------

# --- backprop lessons ----------------------------------------------------------

# --- end backprop lessons ------------------------------------------------------

# --- gradient_check lessons ----------------------------------------------------------

# --- end gradient_check lessons ------------------------------------------------------

# --- information lessons ----------------------------------------------------------

# --- end information lessons ------------------------------------------------------

# --- activations lessons ----------------------------------------------------------

# --- end activations lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # perceptron lessons
    **PERCEPTRON_LESSONS,

    # regression lessons
    **REGRESSION_LESSONS,

    # backprop lessons

    # gradient_check lessons

    # information lessons

    # activations lessons

}


def tidy(notes: str) -> str:
    """Notes as stored: no blank lines around them, one final newline."""
    return notes.strip() + "\n" if notes.strip() else ""


def build(name: str):
    """The preset of lesson ``name``: the lesson's ``speed`` (steps per second, None: as fast as it goes)."""
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], notes=tidy(lesson["notes"]), notes_zh=tidy(lesson["notes_zh"]),
                      seed=0, device="auto", speed=lesson.get("speed"), config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped presets folder of this panel)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
