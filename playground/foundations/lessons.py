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

# --- end perceptron lessons ------------------------------------------------------

# --- regression lessons ----------------------------------------------------------

# --- end regression lessons ------------------------------------------------------

# --- backprop lessons ----------------------------------------------------------

# --- end backprop lessons ------------------------------------------------------

# --- gradient_check lessons ----------------------------------------------------------

# --- end gradient_check lessons ------------------------------------------------------

# --- information lessons ----------------------------------------------------------
INFORMATION_LESSONS = {
    "kl_is_not_symmetric": dict(
        title="KL divergence is not symmetric",
        config=dict(mode="information", p=[0.9, 0.1], q=[0.5, 0.5], joint=[[1.0, 1.0], [1.0, 1.0]],
                    info_units="nats"),
        notes="""
Two Bernoulli distributions: `p = (0.9, 0.1)` and `q = (0.5, 0.5)`, in nats.

- Entropy `H(X) = -sum_x p(x) log p(x)`: `H(p) = 0.325`, `H(q) = ln 2 = 0.693` (the uniform one is the largest).
- Cross-entropy `H(p, q) = -E_p[log q] = 0.693`, and `H(p, q) = H(p) + KL(p||q)`.
- `KL(p||q) = E_p[log p/q] = 0.9 ln(0.9/0.5) + 0.1 ln(0.1/0.5) = 0.368`, but
  `KL(q||p) = 0.511`: the two bars have different heights, so KL is not a distance.
- `JS(p, q) = 1/2 KL(p||m) + 1/2 KL(q||m)` with `m = (p + q)/2` is symmetric and finite (0.102 <= ln 2),
  total variation `TV = 1/2 sum |p - q| = 0.4`, and the 1-D earth mover's distance
  `EMD = sum |F_p - F_q| = 0.4` (0.4 of the mass moves one outcome).

Type `1, 0` for q (or drag its second bar to 0): now `q(x) = 0` where `p(x) > 0`, and the notes' rule
makes `KL(p||q)` infinite (the red bar, "inf"), while `KL(q||p)` stays finite. JS never blows up.
""",
        notes_zh="""
两个伯努利分布：`p = (0.9, 0.1)` 与 `q = (0.5, 0.5)`，单位为奈特（nat）。

- 熵 `H(X) = -sum_x p(x) log p(x)`：`H(p) = 0.325`，`H(q) = ln 2 = 0.693`（均匀分布的熵最大）。
- 交叉熵 `H(p, q) = -E_p[log q] = 0.693`，并且 `H(p, q) = H(p) + KL(p||q)`。
- `KL(p||q) = E_p[log p/q] = 0.9 ln(0.9/0.5) + 0.1 ln(0.1/0.5) = 0.368`，但
  `KL(q||p) = 0.511`：两根柱子高度不同，所以 KL 不是距离（不对称）。
- `JS(p, q) = 1/2 KL(p||m) + 1/2 KL(q||m)`，其中 `m = (p + q)/2`，它对称且有限（0.102 <= ln 2）；
  总变差 `TV = 1/2 sum |p - q| = 0.4`；一维推土机距离 `EMD = sum |F_p - F_q| = 0.4`
  （0.4 的概率质量移动了一个位置）。

把 q 输入为 `1, 0`（或把它的第二根柱子拖到 0）：此时在 `p(x) > 0` 处 `q(x) = 0`，按笔记的定义
`KL(p||q)` 为无穷大（红色柱子，"inf"），而 `KL(q||p)` 仍然有限。JS 永远不会变成无穷大。
"""),
    "mutual_information_table": dict(
        title="Mutual information of a joint table",
        config=dict(mode="information", joint=[[4.0, 1.0, 0.0], [1.0, 4.0, 1.0], [0.0, 1.0, 4.0]]),
        notes="""
The table under the plots is `P(X, Y)` (rows x, columns y; scaled to sum to 1), here mostly on the
diagonal: knowing x tells a lot about y. In bits:

- `H(X) = H(Y) = 1.579`, joint entropy `H(X, Y) = -sum p(x, y) log p(x, y) = 2.5`;
- conditional entropy `H(Y|X) = H(X, Y) - H(X) = 0.921`;
- mutual information `I(X; Y) = H(X) + H(Y) - H(X, Y) = 0.659 = KL(P(X,Y) || P(X)P(Y))`.

The bars on the right are the Venn picture: the overlap of `H(X)` and `H(Y)` is `I(X; Y)`, the rest
of each bar is `H(X|Y)` and `H(Y|X)`. The heatmap is the pointwise mutual information
`pmi(x, y) = log p(x, y) / (p(x) p(y))`: cell (0, 0) has `log2(0.25 / (0.3125 * 0.3125)) = 1.356`,
the off-diagonal cells are negative, the two zero cells have `pmi = -inf` (left empty).

Edit the cells: make every row the same (`1, 2, 3` in each) and `I(X; Y) = 0` (independent); make the
table diagonal and `I(X; Y) = H(X)` (a bijection).
""",
        notes_zh="""
图下的表格是 `P(X, Y)`（行是 x，列是 y；归一化为和 1），这里主要集中在对角线上：知道 x 就
知道很多关于 y 的信息。单位为比特：

- `H(X) = H(Y) = 1.579`，联合熵 `H(X, Y) = -sum p(x, y) log p(x, y) = 2.5`；
- 条件熵 `H(Y|X) = H(X, Y) - H(X) = 0.921`；
- 互信息 `I(X; Y) = H(X) + H(Y) - H(X, Y) = 0.659 = KL(P(X,Y) || P(X)P(Y))`。

右边的条形是韦恩图：`H(X)` 与 `H(Y)` 的重叠部分是 `I(X; Y)`，其余部分分别是 `H(X|Y)` 和
`H(Y|X)`。热图是逐点互信息 `pmi(x, y) = log p(x, y) / (p(x) p(y))`：格子 (0, 0) 为
`log2(0.25 / (0.3125 * 0.3125)) = 1.356`，非对角格子为负，两个为 0 的格子 `pmi = -inf`（留空）。

编辑格子：让每一行都相同（每行 `1, 2, 3`），则 `I(X; Y) = 0`（独立）；让表格成为对角阵，
则 `I(X; Y) = H(X)`（一一对应）。
"""),
}

# --- end information lessons ------------------------------------------------------

# --- activations lessons ----------------------------------------------------------
ACTIVATIONS_LESSONS = {
    "new_activations": dict(
        title="Softplus, ELU, PReLU, maxout and |x| with their derivatives",
        config=dict(mode="activations", act_function="elu", act_alpha=1.0, act_steps=1),
        notes="""
The top-left plot is an activation and its derivative (choose it under "Activation function"):

- `Softplus(x) = log(1 + e^x)`, a smooth ReLU whose derivative is the logistic `sigma(x)`;
- `ELU(x) = x` for `x >= 0`, `alpha (e^x - 1)` for `x < 0`: negative outputs down to `-alpha`, and
  with `alpha = 1` a derivative `alpha e^x` that meets 1 at 0 (no kink);
- `PReLU(x) = x` for `x >= 0`, `alpha x` for `x < 0`, with `alpha` learned (leaky ReLU fixes it at 0.01);
- `Maxout(x) = max_k z_k`, `z_k = W_k^T X + b_k`: k affine pieces, a convex piecewise-linear curve
  whose derivative is the slope of the winning piece;
- `|x|`, derivative `sign(x)`.

The network panel offers all five as layer activations too (maxout with 3 pieces per neuron). The
tests check every derivative against torch's autograd.
""",
        notes_zh="""
左上图是一个激活函数及其导数（在“激活函数”中选择）：

- `Softplus(x) = log(1 + e^x)`，平滑的 ReLU，导数为 logistic 函数 `sigma(x)`；
- `ELU(x) = x`（`x >= 0`），`alpha (e^x - 1)`（`x < 0`）：负输出最低到 `-alpha`，
  当 `alpha = 1` 时导数 `alpha e^x` 在 0 处等于 1（没有折点）；
- `PReLU(x) = x`（`x >= 0`），`alpha x`（`x < 0`），其中 `alpha` 是学习得到的（leaky ReLU 固定为 0.01）；
- `Maxout(x) = max_k z_k`，`z_k = W_k^T X + b_k`：k 段仿射函数，得到一条凸的分段线性曲线，
  导数是取得最大值那一段的斜率；
- `|x|`，导数为 `sign(x)`。

网络面板的层激活函数也提供这五种（maxout 每个神经元 3 段）。测试用 torch 的自动求导检查每个导数。
"""),
    "batch_norm_batch_of_one": dict(
        title="Batch norm at inference: moving averages, and a batch of one",
        config=dict(mode="activations", act_steps=200, bn_eval_batch=1),
        notes="""
A layer's pre-activations drift: their mean moves from 0 to 6 over 200 steps (standard deviation 2).
Training normalises each batch of `m = 32` with its own statistics,
`x_hat = (x - mu_B) / sqrt(sigma_B^2 + eps)`, `sigma_B^2 = 1/m sum (x - mu_B)^2`, and keeps moving averages
`moving = momentum * moving + (1 - momentum) * batch` (momentum 0.9). The middle plot shows the batch means
jumping around the true mean and the moving mean following it smoothly, a little behind: at the end
it is 5.70 against 6.00, the moving variance 4.12 against 4.

At inference the batch here has one example. With batch statistics `mu_B = x` and `sigma_B^2 = 0`, so
the output is `(x - x) / sqrt(0 + eps) = 0` for every input: the example's value is lost. With the
moving averages it is `(7.17 - 5.70) / sqrt(4.12 + eps) = 0.72`. Set the inference batch to 32: batch
statistics give outputs of mean 0 and variance 1 whatever the drift, the moving averages keep the
information of where this batch lies.
""",
        notes_zh="""
一层的预激活值在漂移：200 步内其均值从 0 移到 6（标准差 2）。训练时每个大小 `m = 32` 的批量用自己的统计量归一化，
`x_hat = (x - mu_B) / sqrt(sigma_B^2 + eps)`，`sigma_B^2 = 1/m sum (x - mu_B)^2`，并保存移动平均
`moving = momentum * moving + (1 - momentum) * batch`（动量 0.9）。中间的图显示批量均值在真实均值附近跳动，
而移动平均均值平滑地跟随它，稍有滞后：最后为 5.70（真实值 6.00），移动平均方差为 4.12（真实值 4）。

推理时这里的批量只有一个样本。用批量统计量时 `mu_B = x`，`sigma_B^2 = 0`，所以对任何输入输出都是
`(x - x) / sqrt(0 + eps) = 0`：样本的值丢失了。用移动平均时输出为 `(7.17 - 5.70) / sqrt(4.12 + eps) = 0.72`。
把推理批量设为 32：无论怎样漂移，批量统计量给出的输出均值为 0、方差为 1，而移动平均保留了这个批量所在位置的信息。
"""),
    "input_scaling_conditioning": dict(
        title="Input scaling and one-hot encoding: the loss surface's condition number",
        config=dict(mode="activations", act_steps=200, input_scaling="z_score"),
        notes="""
A linear regression `L(w) = 1/(2n) ||X w - y||^2` on two features of very different scales: a house's
area (50 to 150 m^2) and its rooms (1 to 5). The Hessian is `X^T X / n`; its condition number
`lambda_max / lambda_min` is how stretched the contours are. Raw inputs: **5401**, a long narrow valley
(bottom left). Gradient descent at its largest safe rate `1 / lambda_max` zigzags down the steep side
and then crawls along the valley: after 200 steps the loss is still 0.22 above the optimum (the star).

Standardised inputs `x' = (x - mu) / sigma` (z-score): condition number **1.10**, round contours, and the
same rule reaches the optimum in a few steps. Min-max `x' = (x - min) / (max - min)` gives 7.6: better,
but the columns' means are not 0, so the bowl stays tilted.

One-hot encoding: a category with three levels (effects 1, -2, 0.5) coded as 0, 1, 2 in one column forces
its effect onto a line (loss 0.837, condition number 9.5); three indicator columns (1, 0, 0), (0, 1, 0),
(0, 0, 1) are orthogonal (condition number 1.18) and fit it exactly (loss 0.0048, the noise).
""",
        notes_zh="""
在两个尺度相差很大的特征上做线性回归 `L(w) = 1/(2n) ||X w - y||^2`：房屋面积（50 到 150 平方米）和
房间数（1 到 5）。Hessian 为 `X^T X / n`，它的条件数 `lambda_max / lambda_min` 就是等高线被拉长的程度。
原始输入：**5401**，一条又长又窄的山谷（左下图）。梯度下降用最大的安全学习率 `1 / lambda_max`
先沿陡峭一侧锯齿下降，然后沿着山谷缓慢爬行：200 步后损失仍比最优值（星号）高 0.22。

标准化输入 `x' = (x - mu) / sigma`（z-score）：条件数 **1.10**，等高线是圆的，同样的规则几步就到达最优。
Min-max `x' = (x - min) / (max - min)` 得到 7.6：好一些，但各列均值不为 0，所以碗仍然是倾斜的。

独热编码：一个有三个取值（效应 1、-2、0.5）的类别，若在一列中编码为 0、1、2，就强迫其效应落在一条直线上
（损失 0.837，条件数 9.5）；三列指示特征 (1, 0, 0)、(0, 1, 0)、(0, 0, 1) 相互正交（条件数 1.18），
可以精确拟合（损失 0.0048，即噪声）。
"""),
}

# --- end activations lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # perceptron lessons

    # regression lessons

    # backprop lessons

    # gradient_check lessons

    # information lessons
    **INFORMATION_LESSONS,

    # activations lessons
    **ACTIVATIONS_LESSONS,

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
