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
_DELTA_RULE = """
**The delta rule** (seed notes, 反向传播): the error of layer l comes from the error of layer l + 1,

    delta^(l) = dL/dz^(l) = dL/dz^(l+1) . dz^(l+1)/da^(l) . da^(l)/dz^(l)

in matrix form `delta^(l) = (W^(l+1)^T delta^(l+1)) * f'(z^(l))` (`*` elementwise), and the parameters'
gradients are `dL/dW^(l) = delta^(l) a^(l-1)^T`, `dL/db^(l) = delta^(l)`. For the sigmoid
`f'(z) = f(z)(1 - f(z))`, for tanh `f'(z) = 1 - f(z)^2`; with the MSE `L = 1/2 ||a^(L) - y||^2` the
last layer starts with `delta^(L) = (a^(L) - y) * f'(z^(L))`.
"""

_DELTA_RULE_ZH = """
**误差传播公式**（课堂笔记，反向传播）：第 l 层的误差由第 l + 1 层的误差得到，

    delta^(l) = dL/dz^(l) = dL/dz^(l+1) . dz^(l+1)/da^(l) . da^(l)/dz^(l)

写成矩阵形式是 `delta^(l) = (W^(l+1)^T delta^(l+1)) * f'(z^(l))`（`*` 为按元素相乘），参数的梯度是
`dL/dW^(l) = delta^(l) a^(l-1)^T`、`dL/db^(l) = delta^(l)`。sigmoid 的导数是 `f'(z) = f(z)(1 - f(z))`，
tanh 的导数是 `f'(z) = 1 - f(z)^2`；用均方误差 `L = 1/2 ||a^(L) - y||^2` 时，最后一层从
`delta^(L) = (a^(L) - y) * f'(z^(L))` 开始。
"""

BACKPROP_LESSONS = {
    "backprop_step_by_step": dict(
        title="Backprop by hand: one operation at a time",
        config=dict(mode="backprop", network="mlp", bp_depth=2, bp_inputs=3, bp_hidden=3, bp_outputs=2,
                    bp_activation="sigmoid"),
        speed=1.0,
        notes=f"""
{_DELTA_RULE}
**What you see.** A 3-3-2 sigmoid MLP on one sample. Each step runs one node of the computation graph:
the forward ops `z^(l) = W^(l) a^(l-1) + b^(l)` and `a^(l) = f(z^(l))` (top row), the loss, then the
backward ops right to left (middle row: `dL/da`, `delta`; bottom row: `dL/dW`, `dL/db`). The readout gives
the op's formula for one entry and in matrix form, its value, and for a delta the local gradient `f'(z^(l))`.

With seed 0 the loss is **0.0915**. After the 13th and last op the hand gradients are compared with torch
autograd in float64: the largest difference is below `1e-10` (about 1e-17, rounding only).
""",
        notes_zh=f"""
{_DELTA_RULE_ZH}
**页面内容。** 一个 3-3-2 的 sigmoid MLP，只有一个样本。每一步执行计算图的一个节点：先是前向运算
`z^(l) = W^(l) a^(l-1) + b^(l)` 和 `a^(l) = f(z^(l))`（上排），然后是损失，再从右到左做反向运算（中排：
`dL/da`、`delta`；下排：`dL/dW`、`dL/db`）。读数给出该运算单个元素的公式和矩阵形式、它的值，对 delta 还给出
局部梯度 `f'(z^(l))`。

随机种子 0 时损失为 **0.0915**。第 13 个也是最后一个运算之后，手算梯度与 torch 自动求导在 float64 下比较：
最大差小于 `1e-10`（约 1e-17，只是舍入误差）。
"""),
    "backprop_conv_dense_dense": dict(
        title="Backprop through convolution -> dense -> dense",
        config=dict(mode="backprop", network="conv_dense_dense", bp_hidden=3, bp_activation="sigmoid"),
        speed=1.0,
        notes="""
**The notes' worked example.** Before the nonlinearity a layer's output is `y_i`, after it `z_i = f(y_i)`;
`y_1 = conv(w_1, z_0) + b_1` (a 3x3 kernel on a 4x4 input gives 2x2), `y_2 = w_2^T z_1`, `y_3 = w_3^T z_2`,
and the loss is `L = L(z_3)` (here `1/2 (z_3 - t)^2`). Backward, each step multiplies one more factor:

- `dL/dw_3 = dL/dz_3 f'(y_3) z_2`, `dL/dz_2 = dL/dz_3 f'(y_3) w_3`
- `dL/dy_2 = dL/dz_3 f'(y_3) w_3 f'(y_2)`, `dL/dz_1 = w_2 dL/dy_2`
- `dL/dy_1 = dL/dz_3 f'(y_3) w_3 f'(y_2) w_2 f'(y_1)`

and the kernel's gradient is again a convolution, `dL/dw_1 = conv(dL/dy_1, z_0)`: for instance
`dL/dw_11 = dL/dy_11 z_0,11 + dL/dy_12 z_0,12 + dL/dy_13 z_0,21 + dL/dy_14 z_0,22`; the bias collects every
position, `dL/db_1 = sum_k dL/dy_1k`. An SGD step would then be `K_(t+1) = K_t - eta conv(dL/dy_1, z_0)`.

With seed 0 (sigmoid, 3 hidden units) the loss is **0.00101**; after the 17 ops the hand gradients of
w_1, b_1, w_2, w_3 agree with torch autograd (conv2d) to below `1e-10`.
""",
        notes_zh="""
**课堂笔记中的例题。** 一层经过非线性之前的输出记为 `y_i`，之后为 `z_i = f(y_i)`；
`y_1 = conv(w_1, z_0) + b_1`（3x3 卷积核作用在 4x4 输入上得到 2x2），`y_2 = w_2^T z_1`，`y_3 = w_3^T z_2`，
损失为 `L = L(z_3)`（这里是 `1/2 (z_3 - t)^2`）。反向时每一步多乘一个因子：

- `dL/dw_3 = dL/dz_3 f'(y_3) z_2`，`dL/dz_2 = dL/dz_3 f'(y_3) w_3`
- `dL/dy_2 = dL/dz_3 f'(y_3) w_3 f'(y_2)`，`dL/dz_1 = w_2 dL/dy_2`
- `dL/dy_1 = dL/dz_3 f'(y_3) w_3 f'(y_2) w_2 f'(y_1)`

卷积核的梯度又是一个卷积，`dL/dw_1 = conv(dL/dy_1, z_0)`：例如
`dL/dw_11 = dL/dy_11 z_0,11 + dL/dy_12 z_0,12 + dL/dy_13 z_0,21 + dL/dy_14 z_0,22`；偏置汇总所有位置，
`dL/db_1 = sum_k dL/dy_1k`。随后一步 SGD 就是 `K_(t+1) = K_t - eta conv(dL/dy_1, z_0)`。

随机种子 0（sigmoid，3 个隐藏单元）时损失为 **0.00101**；17 个运算之后，w_1、b_1、w_2、w_3 的手算梯度与
torch 自动求导（conv2d）之差小于 `1e-10`。
"""),
    "bptt_by_hand": dict(
        title="Backpropagation through time by hand",
        config=dict(mode="backprop", network="rnn_bptt", bp_inputs=3, bp_hidden=3, bp_outputs=3, bp_steps=3,
                    bp_activation="sigmoid"),
        speed=1.0,
        notes="""
**The notes' RNN** (T = 3): `H_t = f(U X_t + W H_(t-1))` with `H_0 = 0`, `Y_t = softmax(V H_t)`, and the
cross entropy of the sequence `L = -sum_t log(Y_t^T y_t)`. Every parameter is shared by all time steps, so
its gradient is a sum over t, accumulated from t = T down to 1:

- `dL/do_t = Y_t - y_t` (softmax and cross entropy together), `dL/dV = sum_t dL/do_t H_t^T`
- `dL/dH_T = V^T dL/do_T`; for t < T `dL/dH_t = V^T dL/do_t + W^T dL/ds_(t+1)`
- `dL/ds_t = dL/dH_t * f'(s_t)` (sigmoid: `H_t (1 - H_t)`)
- `dL/dU = sum_t dL/ds_t X_t^T`, `dL/dW = sum_t dL/ds_t H_(t-1)^T`

The middle term carries the error back one step through `W^T diag(f'(s))`: over many steps this product of
Jacobians is what makes RNN gradients vanish. With seed 0 the loss is **3.816**; after the 25 ops dL/dV,
dL/dU and dL/dW agree with torch autograd to below `1e-10`.
""",
        notes_zh="""
**课堂笔记中的 RNN**（T = 3）：`H_t = f(U X_t + W H_(t-1))`，`H_0 = 0`，`Y_t = softmax(V H_t)`，
整个序列的交叉熵 `L = -sum_t log(Y_t^T y_t)`。每个参数被所有时间步共享，所以它的梯度是对 t 的求和，
从 t = T 累加到 1：

- `dL/do_t = Y_t - y_t`（softmax 与交叉熵合在一起），`dL/dV = sum_t dL/do_t H_t^T`
- `dL/dH_T = V^T dL/do_T`；t < T 时 `dL/dH_t = V^T dL/do_t + W^T dL/ds_(t+1)`
- `dL/ds_t = dL/dH_t * f'(s_t)`（sigmoid 时为 `H_t (1 - H_t)`）
- `dL/dU = sum_t dL/ds_t X_t^T`，`dL/dW = sum_t dL/ds_t H_(t-1)^T`

中间一项通过 `W^T diag(f'(s))` 把误差往回传一个时间步：许多步连乘这些雅可比矩阵，正是 RNN 梯度消失的原因。
随机种子 0 时损失为 **3.816**；25 个运算之后，dL/dV、dL/dU、dL/dW 与 torch 自动求导之差小于 `1e-10`。
"""),
}


# --- end backprop lessons ------------------------------------------------------

# --- gradient_check lessons ----------------------------------------------------------
_GC_RECIPE = """
**Checking a gradient** (seed notes, 验证 gradient 计算): get the gradient by backprop, nudge one weight by
h both ways and compare with the central difference `dL/dW ~ (L(W + h) - L(W - h)) / 2h`. The page shows,
per parameter, the relative error `|g_a - g_n| / max(|g_a|, |g_n|, eps)` (eps = 1e-8) as a heat strip on a
log scale; above `1e-4` a parameter is flagged. The model is an MLP on a batch of N = 4 samples with the loss
`L = 1/(2N) sum_n ||a^(L)_n - y_n||^2`.

**Steps:** the first steps check one parameter each (the strip fills in, W(1), b(1), W(2), b(2)); after the
last parameter, each step adds one h of the sweep from `1e-1` down to `1e-12`.
"""

_GC_RECIPE_ZH = """
**检验梯度**（课堂笔记，验证 gradient 计算）：先用反向传播得到梯度，再把一个权重向两边各微调 h，与中心差分
`dL/dW ~ (L(W + h) - L(W - h)) / 2h` 比较。页面按参数画出相对误差 `|g_a - g_n| / max(|g_a|, |g_n|, eps)`
（eps = 1e-8），以对数色标的热力条显示；超过 `1e-4` 的参数会被标出。模型是一个 MLP，批量 N = 4 个样本，损失为
`L = 1/(2N) sum_n ||a^(L)_n - y_n||^2`。

**单步：** 前面每一步检验一个参数（热力条依次填满 W(1)、b(1)、W(2)、b(2)）；最后一个参数之后，每一步在
从 `1e-1` 到 `1e-12` 的扫描中加入一个 h。
"""

GRADIENT_CHECK_LESSONS = {
    "gradient_check_catches_a_bug": dict(
        title="Gradient checking catches a transposed weight gradient",
        config=dict(mode="gradient_check", bp_depth=2, bp_inputs=3, bp_hidden=3, bp_outputs=2,
                    bp_activation="sigmoid", bug="transposed", gc_log_h=-5, gc_points=23),
        speed=4.0,
        notes=f"""
{_GC_RECIPE}
**The bug.** The first layer's gradient should be `dL/dW^(1) = delta^(1) a^(0)^T`; this run writes
`a^(0) delta^(1)^T` (the wrong order) and reshapes it to fit W's 3x3 shape, so most numbers land in the wrong
places. The check catches it: with seed 0 and `h = 1e-5`, **6 of the 9** entries of W(1) have a relative
error above `1e-4` (the others happen to land where the right number is, such as the diagonal), and every
other parameter agrees to about `1e-9`. Try `bug` = missing_derivative (delta^(L) without `f'(z^(L))`: every
parameter fails) and off_by_factor (the last layer forgets the batch mean's 1/N: W(2) and b(2) are N = 4
times too large, a relative error of 0.75).
""",
        notes_zh=f"""
{_GC_RECIPE_ZH}
**这个错误。** 第一层的梯度应是 `dL/dW^(1) = delta^(1) a^(0)^T`；本次运行写成了 `a^(0) delta^(1)^T`
（顺序反了），再强行变形成 W 的 3x3 形状，于是多数数值落在错误的位置。检验能发现它：随机种子 0、
`h = 1e-5` 时，W(1) 的 9 个元素中有 **6 个** 相对误差超过 `1e-4`（其余几个恰好落在正确数值的位置，比如对角线），
其他参数都吻合到约 `1e-9`。试试 `bug` = missing_derivative（delta^(L) 少乘了 `f'(z^(L))`：所有参数都不通过）
和 off_by_factor（最后一层忘了批量平均的 1/N：W(2) 和 b(2) 大了 N = 4 倍，相对误差 0.75）。
"""),
    "finite_difference_step_size": dict(
        title="Finite differences: the V-shaped error in the step h",
        config=dict(mode="gradient_check", bp_depth=2, bp_inputs=3, bp_hidden=3, bp_outputs=2,
                    bp_activation="sigmoid", bug="none", gc_log_h=-5, gc_points=23),
        speed=4.0,
        notes=f"""
{_GC_RECIPE}
**Which h?** The central difference has a truncation error `h^2 f'''/6` (it falls with h) and a round-off
error about `eps |L| / h` (it grows as h shrinks: two nearly equal losses are subtracted). Their sum is a V
on log-log axes with its bottom where the two meet, `h* ~ eps^(1/3)`: `6e-6` in float64 (`eps = 2.2e-16`)
and `5e-3` in float32 (`eps = 1.2e-7`); both are marked. The sweep compares the whole finite-difference
gradient with the correct backprop gradient, `||g_n - g_a|| / max(||g_a||, ||g_n||)`.

With seed 0 the float64 curve is lowest at **h = 1e-5** (relative error about 2e-11) and the float32 one at
**h = 1e-2**; below h ~ 3e-8 the float32 `W + h` rounds back to W, both losses are equal, and the estimate is
0 (relative error 1). At `h = 1e-5` every parameter passes with a relative error below `1e-7`.
""",
        notes_zh=f"""
{_GC_RECIPE_ZH}
**h 取多大？** 中心差分有截断误差 `h^2 f'''/6`（随 h 减小而减小）和约为 `eps |L| / h` 的舍入误差（h 越小越大：
两个几乎相等的损失相减）。两者之和在双对数坐标上是一个 V 形，底部在两者相等处，`h* ~ eps^(1/3)`：
float64 下为 `6e-6`（`eps = 2.2e-16`），float32 下为 `5e-3`（`eps = 1.2e-7`）；两处都已标出。扫描把整个
有限差分梯度与正确的反向传播梯度比较，`||g_n - g_a|| / max(||g_a||, ||g_n||)`。

随机种子 0 时，float64 曲线在 **h = 1e-5** 处最低（相对误差约 2e-11），float32 曲线在 **h = 1e-2** 处最低；
h 小于约 3e-8 时 float32 的 `W + h` 舍入回 W，两次损失相等，估计为 0（相对误差 1）。在 `h = 1e-5` 时每个参数
都通过检验，相对误差小于 `1e-7`。
"""),
}


# --- end gradient_check lessons ------------------------------------------------------

# --- information lessons ----------------------------------------------------------

# --- end information lessons ------------------------------------------------------

# --- activations lessons ----------------------------------------------------------

# --- end activations lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # perceptron lessons

    # regression lessons

    # backprop lessons
    **BACKPROP_LESSONS,

    # gradient_check lessons
    **GRADIENT_CHECK_LESSONS,

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
