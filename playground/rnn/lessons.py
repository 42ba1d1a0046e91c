"""The RNN panel's lessons: each shipped preset of ``presets/rnn/`` written from Python.

``python -m playground.rnn.lessons`` rewrites them; ``tests/core/test_lessons_sync.py`` checks the
shipped files are what this module builds.
"""

from __future__ import annotations

from pathlib import Path

from playground.rnn.config import RnnConfig

PANEL = "rnn"

# The derivation shared by the lessons about one cell's gradient through time.
BPTT = r"""**Back-propagation through time.** Unrolled, the RNN is a deep net with the same weights at every step:
$h_t = f(z_t)$, $z_t = W_{hh} h_{t-1} + W_{xh} x_t + b$. With the loss at the last step only, the chain rule gives

$$\frac{\partial L}{\partial h_t} = \prod_{k=t+1}^{T} \left(W_{hh}^\top \,\mathrm{diag}(f'(z_k))\right) \frac{\partial L}{\partial h_T}$$

so each step back multiplies the gradient by a Jacobian. Its size per step is about
$\rho(W_{hh}) \cdot \overline{f'}$ ($\rho$ = spectral radius, the largest $|\lambda|$):
below 1 the gradient **vanishes** like $(\rho \overline{f'})^{T-t}$, above 1 it **explodes**.

"""

READ = r"""**How to read the panel.** Top left: $\log_{10}\|\partial L/\partial h_t\|$, timestep $t$ across, training
iteration down (newest at the bottom); dark = tiny gradient. Bottom left: the latest iteration's profile
(solid) and the straight line theory predicts (dashed, slope $\log_{10}$ of the factor per step).
The eigenvalue plot shows $W_{hh}$'s spectrum against the unit circle.
"""

BPTT_ZH = r"""**随时间反向传播（BPTT）。** 展开后，RNN 就是一个每一步共享同一组权重的深层网络：
$h_t = f(z_t)$，$z_t = W_{hh} h_{t-1} + W_{xh} x_t + b$。若只在最后一步有损失，链式法则给出

$$\frac{\partial L}{\partial h_t} = \prod_{k=t+1}^{T} \left(W_{hh}^\top \,\mathrm{diag}(f'(z_k))\right) \frac{\partial L}{\partial h_T}$$

所以每往回一步，梯度就乘上一个雅可比矩阵。它每步的大小约为
$\rho(W_{hh}) \cdot \overline{f'}$（$\rho$ 为谱半径，即最大的 $|\lambda|$）：
小于 1 时梯度按 $(\rho \overline{f'})^{T-t}$ **消失**，大于 1 时梯度**爆炸**。

"""

READ_ZH = r"""**如何读这个面板。** 左上：$\log_{10}\|\partial L/\partial h_t\|$，横轴是时间步 $t$，纵轴是训练
迭代（最新的在最下面）；颜色越暗梯度越小。左下：最近一次迭代的梯度曲线
（实线）和理论预测的直线（虚线，斜率为每步因子的 $\log_{10}$）。
特征值图把 $W_{hh}$ 的谱画在单位圆旁边。
"""

LESSONS = {
    "bptt_linear": dict(
        title="BPTT in a linear RNN: the gradient is rho^(T-t)",
        title_zh="线性 RNN 中的 BPTT：梯度为 ρ^(T - t)",
        seed=0,
        notes=r"""# BPTT in a linear RNN

A linear RNN, $h_t = W_{hh} h_{t-1} + W_{xh} x_t$, with $W_{hh} = \rho Q$ ($Q$ orthogonal, $\rho = 0.9$).

""" + BPTT + r"""Here $f' = 1$ and $Q$ keeps lengths, so $\|\partial L/\partial h_t\| = \rho^{T-t} \|\partial L/\partial h_T\|$ **exactly**:
the measured profile lies on the dashed line, slope $\log_{10} 0.9 = -0.046$ per step, and over
$T - 1 = 59$ steps the gradient at $h_1$ is $0.9^{59} \approx 2 \times 10^{-3}$ of the one at $h_T$.
All eigenvalues sit on the circle $|\lambda| = 0.9$.

**Try:** set $\rho$ to 1.0 (flat profile), 1.1 (the gradient grows back in time: $1.1^{59} \approx 277$).

""" + READ,
        notes_zh=r"""# 线性 RNN 中的 BPTT

线性 RNN $h_t = W_{hh} h_{t-1} + W_{xh} x_t$，其中 $W_{hh} = \rho Q$（$Q$ 为正交矩阵，$\rho = 0.9$）。

""" + BPTT_ZH + r"""这里 $f' = 1$ 且 $Q$ 保持长度不变，所以 $\|\partial L/\partial h_t\| = \rho^{T-t} \|\partial L/\partial h_T\|$ **精确成立**：
测得的梯度曲线正好落在虚线上，每步斜率为 $\log_{10} 0.9 = -0.046$；经过
$T - 1 = 59$ 步，$h_1$ 处的梯度只有 $h_T$ 处的 $0.9^{59} \approx 2 \times 10^{-3}$。
所有特征值都在圆 $|\lambda| = 0.9$ 上。

**试一试：** 把 $\rho$ 设为 1.0（曲线变平），或 1.1（梯度随时间往回增长：$1.1^{59} \approx 277$）。

""" + READ_ZH,
        config=RnnConfig(cell="rnn_linear", seq_len=60, rho=0.9, lr=0.0001),
    ),
    "exploding_clipping": dict(
        title="Exploding gradients (rho > 1) tamed by clipping",
        title_zh="梯度爆炸（ρ > 1）用裁剪驯服",
        seed=0,
        notes=r"""# Exploding gradients and gradient clipping

Next-step prediction of a noisy sine wave (a target at every step), a tanh RNN with
$W_{hh} = 2Q$: the spectral radius is $\rho = 2$.

""" + BPTT + r"""With $\rho \cdot \overline{f'} > 1$ along some directions the product of Jacobians grows back in time:
the heatmap is bright on the left and the gradient norm reaches $10^1$-$10^2$. One plain SGD step
$\theta \leftarrow \theta - \eta g$ with such a $g$ throws the weights far away.

**Clipping by norm** rescales the whole gradient when it is too long:

$$g \leftarrow g \cdot \min\left(1, \frac{c}{\|g\|}\right)$$

so no step is longer than $\eta c$ (here $0.1 \times 1$); the direction is kept. The panel counts clip events.
With clipping the net learns the wave (MSE from 0.51 to about 0.03).

**Try:** untick *clip gradients*: within about 50 iterations the gradient norm passes $10^{19}$, the loss
becomes inf/NaN and the run pauses with a "diverged" message.

""" + READ,
        notes_zh=r"""# 梯度爆炸与梯度裁剪

预测带噪声正弦波的下一步（每一步都有目标），tanh RNN 取
$W_{hh} = 2Q$：谱半径为 $\rho = 2$。

""" + BPTT_ZH + r"""在某些方向上 $\rho \cdot \overline{f'} > 1$，雅可比矩阵的乘积随时间往回增长：
热图左边很亮，梯度范数达到 $10^1$-$10^2$。用这样的 $g$ 做一步普通 SGD
$\theta \leftarrow \theta - \eta g$，权重就会被甩到很远的地方。

**按范数裁剪**在梯度太长时把整个梯度缩小：

$$g \leftarrow g \cdot \min\left(1, \frac{c}{\|g\|}\right)$$

于是每一步都不超过 $\eta c$（这里是 $0.1 \times 1$），方向保持不变。面板统计裁剪发生的次数。
有了裁剪，网络学会了这个波形（MSE 从 0.51 降到约 0.03）。

**试一试：** 取消勾选 *clip gradients*（裁剪梯度）：大约 50 次迭代内梯度范数超过 $10^{19}$，
损失变成 inf/NaN，运行暂停并显示 "diverged"（发散）消息。

""" + READ_ZH,
        config=RnnConfig(task="sine", rho=2.0, clip=True, optimizer="sgd", lr=0.1),
    ),
    "gru_vs_lstm": dict(
        title="RNN vs LSTM vs GRU on the adding problem",
        title_zh="加法问题上的 RNN、LSTM 与 GRU",
        seed=0,
        notes=r"""# RNN, LSTM and GRU side by side

The same batches, the same seed and the same optimizer for three nets; one gradient heatmap each, on a shared
colour scale.

GRU: $r_t, z_t = \sigma(W x_t + U h_{t-1} + b)$,
$$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t ,$$
with one of two candidates $\tilde h_t$ (the control *GRU candidate*):

- **notes** (the lecture notes, 重置门 before the product): $\tilde h_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h)$;
- **torch** (the default, as `torch.nn.GRU` / cuDNN, reset gate after the product):
  $\tilde h_t = \tanh(W_h x_t + b_h + r_t \odot (U_h h_{t-1} + b_{hn}))$.

They differ only in where $r_t$ acts: before $U_h$ it picks which units of $h_{t-1}$ the candidate reads;
after it, which rows of $U_h h_{t-1}$ it keeps. Both have the same weights (tests check each against its
formula written by hand, and the torch one against `torch.nn.GRUCell`).

The update gate $z_t$ plays the LSTM forget gate's part with one state instead of two:
$\partial h_t/\partial h_{t-1}$ contains $\mathrm{diag}(z_t)$, so $z_t \approx 1$ carries the gradient back.
The GRU has 3 gate blocks to the LSTM's 4 (fewer weights, a bit faster per step).

At $T = 50$ (seed 0, torch candidate): the GRU solves the adding problem after about 500 iterations, the LSTM after about 1,500,
the tanh RNN stays at the 0.167 of always answering 1. Watch its heatmap stay dark on the left while the
gated nets' rows light up across all $t$.

**Time.** On a 2-core laptop CPU the three nets together train about 35 iterations a second (22 on a
busy one): the GRU's loss drops after about 15-25 s, the LSTM's after about 45-70 s (faster on a GPU).

**Try:** task = copy (recall the first token after $T$ steps; chance is $1/8$), $T = 100$, or the notes'
GRU candidate (same seed, same weights, another formula).

""" + READ,
        notes_zh=r"""# RNN、LSTM 和 GRU 并排比较

三个网络使用相同的批量、相同的随机种子和相同的优化器；每个网络一张梯度热图，颜色刻度相同。

GRU：$r_t, z_t = \sigma(W x_t + U h_{t-1} + b)$，
$$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t ,$$
候选隐状态 $\tilde h_t$ 有两种写法（控件 *GRU candidate*）：

- **notes**（课堂笔记的写法，重置门作用在乘积之前）：$\tilde h_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h)$；
- **torch**（默认，与 `torch.nn.GRU` / cuDNN 相同，重置门作用在乘积之后）：
  $\tilde h_t = \tanh(W_h x_t + b_h + r_t \odot (U_h h_{t-1} + b_{hn}))$。

两者只在 $r_t$ 作用的位置不同：放在 $U_h$ 之前，它挑选候选状态读取 $h_{t-1}$ 的哪些单元；
放在之后，它挑选保留 $U_h h_{t-1}$ 的哪些行。两者的权重相同（测试把每一种都与手写的公式核对，
torch 的那种还与 `torch.nn.GRUCell` 核对）。

更新门 $z_t$ 扮演 LSTM 遗忘门的角色，但只用一个状态而不是两个：
$\partial h_t/\partial h_{t-1}$ 中含有 $\mathrm{diag}(z_t)$，所以 $z_t \approx 1$ 能把梯度传回去。
GRU 有 3 组门，LSTM 有 4 组（权重更少，每步稍快）。

在 $T = 50$ 时（随机种子 0，torch 候选）：GRU 大约 500 次迭代解决加法问题，LSTM 大约 1,500 次，
tanh RNN 一直停在总是回答 1 的 0.167。观察它的热图左边始终是暗的，
而门控网络的各行在所有 $t$ 上都亮起来。

**时间。** 在双核笔记本 CPU 上，三个网络一起每秒约训练 35 次迭代（机器繁忙时约 22 次）：GRU 的损失约
15-25 秒后下降，LSTM 的约 45-70 秒后下降（GPU 上更快）。

**试一试：** task = copy（在 $T$ 步之后回忆第一个词元；随机猜的正确率是 $1/8$）、$T = 100$，
或者课堂笔记的 GRU 候选（相同的随机种子、相同的权重、不同的公式）。

""" + READ_ZH,
        config=RnnConfig(mode="compare", lr=0.005),
    ),
    "irnn": dict(
        title="IRNN: ReLU with identity initialisation",
        title_zh="IRNN：恒等初始化的 ReLU",
        seed=0,
        notes=r"""# IRNN: a ReLU RNN started at the identity

Le, Jaitly & Hinton (2015): $h_t = \mathrm{ReLU}(W_{hh} h_{t-1} + W_{xh} x_t + b)$ with $W_{hh} = I$, $b = 0$.

""" + BPTT + r"""At the start $W_{hh} = I$ has every eigenvalue at exactly 1 and $\mathrm{ReLU}'(z) = 1$ for active units, so
the Jacobian $W_{hh}^\top \mathrm{diag}(f'(z))$ neither shrinks nor stretches what passes through the active
units: the gradient reaches early steps. (The lecture notes: with ReLU, initialise $W$ near the identity.)
Clipping guards against the growth when eigenvalues drift above 1.

On the adding problem at $T = 50$ this plain RNN learns (MSE about 0.004 after 1,500 iterations), where a
tanh RNN with an orthogonal $W_{hh}$ stays at 0.167.

**Try:** init = orthogonal with the same ReLU, or $\rho = 0.9$ (identity scaled down: vanishing again).

""" + READ,
        notes_zh=r"""# IRNN：从单位矩阵出发的 ReLU RNN

Le, Jaitly & Hinton (2015)：$h_t = \mathrm{ReLU}(W_{hh} h_{t-1} + W_{xh} x_t + b)$，其中 $W_{hh} = I$，$b = 0$。

""" + BPTT_ZH + r"""开始时 $W_{hh} = I$ 的每个特征值都恰好为 1，而活跃单元的 $\mathrm{ReLU}'(z) = 1$，所以
雅可比矩阵 $W_{hh}^\top \mathrm{diag}(f'(z))$ 对穿过活跃单元的信号既不缩小也不放大：
梯度能到达较早的时间步。（课堂笔记：使用 ReLU 时，把 $W$ 初始化为接近单位矩阵。）
当特征值漂移到 1 以上时，裁剪可以防止梯度增长。

在 $T = 50$ 的加法问题上，这个普通 RNN 能学会（1,500 次迭代后 MSE 约 0.004），而
$W_{hh}$ 为正交矩阵的 tanh RNN 停在 0.167。

**试一试：** 用同样的 ReLU 但 init = orthogonal，或者 $\rho = 0.9$（把单位矩阵缩小：梯度又消失了）。

""" + READ_ZH,
        config=RnnConfig(cell="rnn_relu", init="identity", clip=True),
    ),
    "lstm_forget_bias": dict(
        title="LSTM: the forget gate carries the gradient",
        title_zh="LSTM：遗忘门承载梯度",
        seed=0,
        notes=r"""# The LSTM's forget gate and its bias

$$i_t, f_t, o_t = \sigma(W x_t + U h_{t-1} + b), \quad \tilde c_t = \tanh(W_c x_t + U_c h_{t-1} + b_c)$$
$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t, \qquad h_t = o_t \odot \tanh(c_t)$$

Along the cell state, $\partial c_t / \partial c_{t-1} = \mathrm{diag}(f_t)$: no weight matrix, no squashing
derivative. When $f_t \approx 1$ the gradient flows back almost unchanged (the "constant error carousel");
the dashed line uses the mean forget gate as the factor per step. The top-right heatmap shows $f_t$ per
hidden unit for one sequence: units with $f_t \approx 1$ are the memory.

The forget-gate bias $b_f$ sets where $f_t$ starts: $\sigma(1) = 0.73$, $\sigma(3) = 0.95$, $\sigma(-2) = 0.12$.
With $b_f = 1$ this LSTM solves the adding problem at $T = 100$ (MSE far below 0.167) after about
2,000 iterations, where a tanh RNN stays at 0.167.

At the start, $\|\partial L/\partial h_1\| / \|\partial L/\partial h_T\|$ is $10^{-2}$ with $b_f = 1$.

**Time.** On a busy 2-core laptop CPU this LSTM trained about 24 iterations a second (an idle one is
faster): its loss leaves 0.167 within about 85 s (sooner on a GPU); the gradient profile and the
forget-gate heatmap show from the start.

**Try:** $b_f = -2$ (the cell forgets at every step: the factor per step is 0.12 and the ratio falls to
$10^{-29}$), and $b_f = 4$ (factor 0.98: the gradient at $h_1$ is even larger than at $h_T$).

""" + READ,
        notes_zh=r"""# LSTM 的遗忘门及其偏置

$$i_t, f_t, o_t = \sigma(W x_t + U h_{t-1} + b), \quad \tilde c_t = \tanh(W_c x_t + U_c h_{t-1} + b_c)$$
$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t, \qquad h_t = o_t \odot \tanh(c_t)$$

沿着内部状态，$\partial c_t / \partial c_{t-1} = \mathrm{diag}(f_t)$：没有权重矩阵，也没有压缩型激活函数的导数。
当 $f_t \approx 1$ 时，梯度几乎不变地往回传（"恒定误差传送带"）；
虚线用遗忘门的平均值作为每步的因子。右上角的热图显示一个序列中每个隐藏单元的 $f_t$：
$f_t \approx 1$ 的单元就是记忆。

遗忘门偏置 $b_f$ 决定 $f_t$ 的起点：$\sigma(1) = 0.73$，$\sigma(3) = 0.95$，$\sigma(-2) = 0.12$。
$b_f = 1$ 时，这个 LSTM 在大约 2,000 次迭代后解决 $T = 100$ 的加法问题（MSE 远低于 0.167），
而 tanh RNN 停在 0.167。

开始时，$b_f = 1$ 的 $\|\partial L/\partial h_1\| / \|\partial L/\partial h_T\|$ 为 $10^{-2}$。

**时间。** 在繁忙的双核笔记本 CPU 上，这个 LSTM 每秒约训练 24 次迭代（空闲时更快）：
约 85 秒内损失离开 0.167（GPU 上更快）；梯度曲线和遗忘门热图从一开始就能看到。

**试一试：** $b_f = -2$（内部状态每一步都在遗忘：每步因子为 0.12，比值降到
$10^{-29}$），以及 $b_f = 4$（因子 0.98：$h_1$ 处的梯度甚至比 $h_T$ 处还大）。

""" + READ_ZH,
        config=RnnConfig(cell="lstm", seq_len=100, lr=0.01),
    ),
    "vanishing_tanh": dict(
        title="Vanishing gradients in a tanh RNN",
        title_zh="tanh RNN 中的梯度消失",
        seed=0,
        notes=r"""# Vanishing gradients in a tanh RNN

The adding problem: two numbers in a sequence of $T = 100$ are marked, the net must output their sum at
the end. Always answering 1 scores MSE $\mathrm{Var}(u_1 + u_2) = 2/12 \approx 0.167$ (the dashed line).

""" + BPTT + r"""With $\rho = 0.9$ and $\tanh'(z) = 1 - \tanh^2(z) \le 1$, the factor per step is below 0.9: after ~99 steps
$\|\partial L/\partial h_1\|$ is about $10^{-5}$ of $\|\partial L/\partial h_T\|$. The heatmap is dark on the
left: the first marked number sends almost no gradient to the weights, and the loss stays at 0.167.

**Try:** shorten $T$ to 20: the same RNN leaves the plateau after about 1,500 iterations (MSE about 0.03
by 2,500). Then open the *LSTM forget gate* lesson, which solves $T = 100$.

""" + READ,
        notes_zh=r"""# tanh RNN 中的梯度消失

加法问题：在长度为 $T = 100$ 的序列中标记两个数，网络必须在最后输出它们的和。
总是回答 1 得到的 MSE 是 $\mathrm{Var}(u_1 + u_2) = 2/12 \approx 0.167$（虚线）。

""" + BPTT_ZH + r"""取 $\rho = 0.9$，且 $\tanh'(z) = 1 - \tanh^2(z) \le 1$，每步的因子小于 0.9：大约 99 步之后，
$\|\partial L/\partial h_1\|$ 只有 $\|\partial L/\partial h_T\|$ 的约 $10^{-5}$。热图左边是暗的：
第一个被标记的数几乎没有梯度传到权重上，损失停在 0.167。

**试一试：** 把 $T$ 缩短到 20：同一个 RNN 大约 1,500 次迭代后离开平台（到 2,500 次时 MSE 约 0.03）。
然后打开 *LSTM 遗忘门*那一课，它能解决 $T = 100$。

""" + READ_ZH,
        config=RnnConfig(hidden=64, seq_len=100, init="normal", rho=0.9),
    ),
}


# Steps per second each lesson plays at, so that its run lasts about 20-40 s on a 2-core laptop CPU
# (measured by benchmarks/lesson_pacing.py; docs/performance.md): at Max speed these runs were over
# in 0.1-10 s, and a class saw only their end. A lesson not listed plays as fast as it can.
PACED = {"bptt_linear": 40.0, "exploding_clipping": 40.0, "irnn": 40.0}


def build(name: str):
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, device="auto", **{"speed": PACED.get(name), **lesson})


def write_all(folder: Path | None = None) -> list[Path]:
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":
    for written in write_all():
        print(written)
