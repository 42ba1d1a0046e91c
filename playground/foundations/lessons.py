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
        "title_zh": "感知机：在 Novikoff 界之内收敛",
        "config": {"mode": "perceptron"},
        "notes": PERCEPTRON_CONVERGES, "notes_zh": PERCEPTRON_CONVERGES_ZH, "speed": 6.0},
    "perceptron_never_converges": {
        "title": "Perceptron: XOR never converges",
        "title_zh": "感知机：异或永远不收敛",
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
        "title_zh": "损失碗面上的正规方程与 SGD",
        "config": {"mode": "regression", "task": "linear"},
        "notes": NORMAL_EQUATIONS, "notes_zh": NORMAL_EQUATIONS_ZH, "speed": 30.0},
    "logistic_regression_gradient": {
        "title": "Logistic regression: the gradient by hand and by autograd",
        "title_zh": "逻辑回归：手算梯度与自动求导",
        "config": {"mode": "regression", "task": "logistic", "regression_lr": 0.5},
        "notes": LOGISTIC, "notes_zh": LOGISTIC_ZH, "speed": 30.0},
    "softmax_regression_three_classes": {
        "title": "Softmax regression: three classes",
        "title_zh": "softmax 回归：三个类别",
        "config": {"mode": "regression", "task": "softmax", "n_classes": 3, "regression_lr": 0.5},
        "notes": SOFTMAX, "notes_zh": SOFTMAX_ZH, "speed": 30.0},
}

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
        title_zh="手算反向传播：一次一个运算",
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
        title_zh="经过卷积 -> 全连接 -> 全连接的反向传播",
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
        title_zh="手算时间反向传播",
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
        title_zh="梯度检验发现转置了的权重梯度",
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
        title_zh="有限差分：误差随步长 h 呈 V 形",
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
INFORMATION_LESSONS = {
    "kl_is_not_symmetric": dict(
        title="KL divergence is not symmetric",
        title_zh="KL 散度不对称",
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
        title_zh="联合分布表的互信息",
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
        title_zh="Softplus、ELU、PReLU、maxout 和 |x| 及其导数",
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
        title_zh="推理时的批量归一化：滑动平均与只有一个样本的批量",
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
        title_zh="输入缩放与独热编码：损失曲面的条件数",
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
    **PERCEPTRON_LESSONS,

    # regression lessons
    **REGRESSION_LESSONS,

    # backprop lessons
    **BACKPROP_LESSONS,

    # gradient_check lessons
    **GRADIENT_CHECK_LESSONS,

    # information lessons
    **INFORMATION_LESSONS,

    # activations lessons
    **ACTIVATIONS_LESSONS,

}



def build(name: str):
    """The preset of lesson ``name``: the lesson's ``speed`` (steps per second, None: as fast as it goes)."""
    from playground.presets import new_preset, tidy_notes

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], title_zh=lesson["title_zh"], notes=tidy_notes(lesson["notes"]),
                      notes_zh=tidy_notes(lesson["notes_zh"]), seed=0, device="auto", speed=lesson.get("speed"), config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped presets folder of this panel)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
