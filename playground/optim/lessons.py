"""The optimizer panel's lesson presets, written from here: ``python -m playground.optim.lessons``.

Each lesson is a config plus notes with the formulas; ``tests/core/test_optimizer_presets.py``
checks that the figures the notes quote are what the engine computes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playground.optim.config import OptimConfig
from playground.optim.config import OptimizerEntry as E
from playground.optim.config import ScheduleConfig as Sch
from playground.optim.config import SurfaceConfig as S
from playground.optim.surfaces import CATALOG


def view(kind: str, **over) -> dict:
    """A surface's usual view box and start point, as config fields."""
    info = CATALOG[kind]
    fields = dict(x_min=info.view[0], x_max=info.view[1], y_min=info.view[2], y_max=info.view[3],
                  start_x=info.start[0], start_y=info.start[1])
    fields.update(over)
    return fields


READ = ("\n\n**Reading the panel.** Dashed arrow: $-\\nabla f$, where steepest descent points. "
        "Solid arrow: the step just taken. Drag the step slider to scrub back through the run; "
        "the table gives each optimizer's steps to reach $f - f^* \\leq$ tolerance.")

READ_ZH = ("\n\n**如何读这个面板。** 虚线箭头：$-\\nabla f$，即最速下降的方向。"
           "实线箭头：刚走的那一步。拖动步数滑块可以回看整个运行过程；"
           "表格给出每个优化器到达 $f - f^* \\leq$ 容差所用的步数。")

PANEL = "optimizer"

LESSONS = {
    "momentum_ravine": dict(
        title="Momentum through a ravine",
        title_zh="动量穿过峡谷",
        config=OptimConfig(surface=S(kind="ravine"), **view("ravine"), tolerance=1e-4, optimizers=[
            E.of_kind("sgd", lr=0.4, label="GD η=0.4", colour=0),
            E.of_kind("sgd", lr=0.1, label="GD η=0.1", colour=7),
            E.of_kind("momentum", lr=0.4, momentum=0.5, label="Momentum η=0.4 β=0.5", colour=1),
            E.of_kind("momentum", lr=0.1, momentum=0.9, label="Momentum η=0.1 β=0.9", colour=2)]),
        notes="""The surface $f(x, y) = 0.1x^2 + 2y^2$ is a long, narrow valley: its curvature across ($4$) is
twenty times its curvature along ($0.2$).

**Gradient descent** $\\theta \\leftarrow \\theta - \\eta \\nabla f(\\theta)$ multiplies the error along
each axis by $1 - \\eta\\lambda$ per step. With $\\eta = 0.4$ that is $1 - 1.6 = -0.6$ across the
valley (it zigzags) and $0.92$ along it (it creeps). A smaller $\\eta = 0.1$ stops the zigzag but
creeps even more slowly ($0.98$ per step); a larger one ($\\eta > 0.5$) diverges across.

**Momentum** keeps a velocity:

$$m \\leftarrow \\beta m + \\eta \\nabla f(\\theta), \\qquad \\theta \\leftarrow \\theta - m$$

Across the valley the gradient flips sign every step and the velocity cancels out; along the
valley it always points the same way and the velocity builds up to $\\frac{1}{1-\\beta}$ times a
gradient step. Watch the loss curves: momentum with $\\beta = 0.5$ arrives in 25 steps,
gradient descent with the same $\\eta$ in 65, and with $\\eta = 0.1$ in about 270.

*Try:* raise GD's $\\eta$ to 0.55 and watch it leave the surface.""" + READ,
        notes_zh=r"""曲面 $f(x, y) = 0.1x^2 + 2y^2$ 是一条狭长的山谷：横穿山谷方向的曲率（$4$）是
沿山谷方向曲率（$0.2$）的二十倍。

**梯度下降** $\theta \leftarrow \theta - \eta \nabla f(\theta)$ 每步把每个坐标轴上的误差乘以
$1 - \eta\lambda$。当 $\eta = 0.4$ 时，横穿山谷方向是 $1 - 1.6 = -0.6$（来回振荡），
沿山谷方向是 $0.92$（缓慢爬行）。较小的 $\eta = 0.1$ 消除了振荡，但爬得更慢
（每步 $0.98$）；更大的学习率（$\eta > 0.5$）会在横穿方向发散。

**动量法**保留一个速度：

$$m \leftarrow \beta m + \eta \nabla f(\theta), \qquad \theta \leftarrow \theta - m$$

横穿山谷时梯度每步都改变符号，速度相互抵消；沿山谷方向梯度始终指向同一方向，速度累积到
一步梯度的 $\frac{1}{1-\beta}$ 倍。观察损失曲线：$\beta = 0.5$ 的动量法 25 步到达，
相同 $\eta$ 的梯度下降要 65 步，$\eta = 0.1$ 时大约要 270 步。

*试一试：* 把梯度下降的 $\eta$ 提高到 0.55，看它飞出曲面。""" + READ_ZH),

    "adam_vs_sgd_rosenbrock": dict(
        title="Adam vs SGD on Rosenbrock",
        title_zh="Rosenbrock 函数上的 Adam 与 SGD",
        config=OptimConfig(surface=S(kind="rosenbrock"), **view("rosenbrock"), optimizers=[
            E.of_kind("sgd", lr=1e-3, label="SGD η=0.001", colour=0),
            E.of_kind("sgd", lr=3e-3, label="SGD η=0.003", colour=5),
            E.of_kind("adam", lr=0.01, label="Adam η=0.01", colour=2),
            E.of_kind("adam", lr=0.1, label="Adam η=0.1", colour=4)]),
        notes="""$f(x, y) = (1 - x)^2 + 100(y - x^2)^2$ has a curved valley whose walls are steep (gradients in
the hundreds) and whose floor is almost flat (gradients near 0.01). Its minimum is at $(1, 1)$.

**SGD** takes steps proportional to the gradient, $\\theta \\leftarrow \\theta - \\eta \\nabla f$: the
walls cap $\\eta$ (much above 0.003 it is thrown out of the valley), and with such an $\\eta$ the
steps along the flat floor are tiny. SGD is still far from $(1, 1)$ after thousands of steps.

**Adam** divides each coordinate's step by a running estimate of that coordinate's gradient size:

$$m \\leftarrow \\beta_1 m + (1-\\beta_1) g, \\qquad v \\leftarrow \\beta_2 v + (1-\\beta_2)\\, g \\odot g$$

$$\\hat m = \\frac{m}{1 - \\beta_1^t}, \\quad \\hat v = \\frac{v}{1 - \\beta_2^t}, \\qquad
\\theta \\leftarrow \\theta - \\eta\\, \\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon}$$

So its step is about $\\eta$ per coordinate whether the gradient is 100 or 0.01. Choose
*Effective step size* in the internal-state plot: Adam's $\\eta / (\\sqrt{\\hat v} + \\epsilon)$ grows
as it reaches the flat floor, while SGD's stays $\\eta$. Adam with $\\eta = 0.1$ arrives in about 700
steps; with $\\eta = 0.01$ it is still on its way after 3,000.""" + READ,
        notes_zh=r"""$f(x, y) = (1 - x)^2 + 100(y - x^2)^2$ 有一条弯曲的山谷：谷壁很陡（梯度达到几百），
谷底几乎是平的（梯度约 0.01）。它的最小值在 $(1, 1)$。

**SGD** 的步长与梯度成正比，$\theta \leftarrow \theta - \eta \nabla f$：陡峭的谷壁限制了 $\eta$
（明显大于 0.003 就会被甩出山谷），而用这样的 $\eta$，在平坦谷底上的步子就非常小。
几千步之后 SGD 仍然离 $(1, 1)$ 很远。

**Adam** 把每个坐标的步长除以该坐标梯度大小的滑动估计：

$$m \leftarrow \beta_1 m + (1-\beta_1) g, \qquad v \leftarrow \beta_2 v + (1-\beta_2)\, g \odot g$$

$$\hat m = \frac{m}{1 - \beta_1^t}, \quad \hat v = \frac{v}{1 - \beta_2^t}, \qquad
\theta \leftarrow \theta - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon}$$

所以无论梯度是 100 还是 0.01，它在每个坐标上的步长都约为 $\eta$。在内部状态图中选择
*Effective step size*（有效步长）：Adam 的 $\eta / (\sqrt{\hat v} + \epsilon)$ 在到达平坦谷底时变大，
而 SGD 的始终是 $\eta$。$\eta = 0.1$ 的 Adam 大约 700 步到达；$\eta = 0.01$ 的 Adam 在 3,000 步后仍在路上。""" + READ_ZH),

    "saddle_escape": dict(
        title="Escaping a saddle point",
        title_zh="逃离鞍点",
        config=OptimConfig(surface=S(kind="formula", formula="x^2 + y^4/4 - y^2/2"), x_min=-2, x_max=2,
                           y_min=-2, y_max=2, start_x=1.5, start_y=0.001, tolerance=1e-3, optimizers=[
            E.of_kind("sgd", lr=0.05, label="GD", colour=0),
            E.of_kind("momentum", lr=0.05, momentum=0.9, colour=1),
            E.of_kind("rmsprop", lr=0.01, colour=5),
            E.of_kind("adam", lr=0.05, colour=2)]),
        notes="""$f(x, y) = x^2 + \\frac{y^4}{4} - \\frac{y^2}{2}$ has a saddle at the origin (a minimum along $x$,
a maximum along $y$) and two minima at $(0, \\pm 1)$ with $f = -\\frac{1}{4}$. The race starts at
$(1.5, 0.001)$: almost exactly on the ridge line $y = 0$ that leads into the saddle.

Near the saddle $\\partial f / \\partial y \\approx -y$, so **gradient descent** multiplies $y$ by
$1 + \\eta$ per step: from $10^{-3}$ it needs about $\\ln(1000)/\\eta \\approx 140$ steps to get away,
and the loss curve sits flat at $f \\approx 0$ all that time. Gradients vanish at a saddle; that,
not a bad minimum, is what stalls training in high dimensions.

**Momentum** accumulates the small push in $y$; **RMSprop** and **Adam** divide by the size of
recent gradients, so a tiny but consistent $\\partial f/\\partial y$ gets a full-size step:

$$\\theta \\leftarrow \\theta - \\eta\\, \\frac{g}{\\sqrt{s} + \\epsilon}$$

*Try:* set the gradient noise $\\sigma$ to 0.1. Noisy gradients (as with minibatches) knock SGD
off the ridge at once.""" + READ,
        notes_zh=r"""$f(x, y) = x^2 + \frac{y^4}{4} - \frac{y^2}{2}$ 在原点有一个鞍点（沿 $x$ 是极小，沿 $y$ 是极大），
在 $(0, \pm 1)$ 有两个极小值，$f = -\frac{1}{4}$。比赛从
$(1.5, 0.001)$ 出发：几乎正好在通向鞍点的山脊线 $y = 0$ 上。

在鞍点附近 $\partial f / \partial y \approx -y$，所以**梯度下降**每步把 $y$ 乘以
$1 + \eta$：从 $10^{-3}$ 出发，大约需要 $\ln(1000)/\eta \approx 140$ 步才能离开，
这段时间里损失曲线一直平平地停在 $f \approx 0$。梯度在鞍点处消失；在高维空间里，
让训练停滞的是鞍点，而不是差的局部极小值。

**动量法**累积 $y$ 方向上微小的推力；**RMSprop** 和 **Adam** 除以近期梯度的大小，
所以一个很小但方向一致的 $\partial f/\partial y$ 也能得到完整大小的一步：

$$\theta \leftarrow \theta - \eta\, \frac{g}{\sqrt{s} + \epsilon}$$

*试一试：* 把梯度噪声 $\sigma$ 设为 0.1。有噪声的梯度（就像小批量那样）会立刻把 SGD 推离山脊。""" + READ_ZH),

    "lr_too_large": dict(
        title="A learning rate too large diverges",
        title_zh="学习率过大会发散",
        config=OptimConfig(surface=S(kind="quadratic", condition=10, rotation_deg=0), x_min=-3, x_max=3,
                           y_min=-3, y_max=3, start_x=2.0, start_y=2.5, optimizers=[
            E.of_kind("sgd", lr=0.02, label="η=0.02", colour=0),
            E.of_kind("sgd", lr=0.1, label="η=0.1", colour=1),
            E.of_kind("sgd", lr=0.18, label="η=0.18", colour=2),
            E.of_kind("sgd", lr=0.195, label="η=0.195", colour=4),
            E.of_kind("sgd", lr=0.21, label="η=0.21", colour=5)]),
        notes="""On the quadratic bowl $f = \\frac{1}{2}(\\kappa u^2 + v^2)$ with $\\kappa = 10$, one step of gradient
descent $\\theta \\leftarrow \\theta - \\eta \\nabla f$ multiplies the error along each axis by
$1 - \\eta\\lambda$, where $\\lambda$ is that axis's curvature (10 and 1).

- $|1 - \\eta\\lambda| < 1$ for both axes, that is $\\eta < 2/\\lambda_{max} = 0.2$: it converges.
- $\\eta = 2/(\\lambda_{max} + \\lambda_{min}) = 0.18$ makes the two factors equal in size: the
  fastest plain gradient descent can be.
- $\\eta = 0.195$: the factor across is $-0.95$; it converges, bouncing from wall to wall.
- $\\eta = 0.21$: the factor is $-1.1$; every bounce is 10% higher and it leaves the surface. The
  panel freezes it where it last was finite and marks it *diverged* in the table; the race
  goes on for the others.

The speed limit is set by the steepest direction, and the slowest direction then sets the time:
about $\\kappa$ times more steps than a perfectly round bowl. That ratio is the *condition number*.""" + READ,
        notes_zh=r"""在二次碗 $f = \frac{1}{2}(\kappa u^2 + v^2)$（$\kappa = 10$）上，梯度下降的一步
$\theta \leftarrow \theta - \eta \nabla f$ 把每个坐标轴上的误差乘以
$1 - \eta\lambda$，其中 $\lambda$ 是该轴的曲率（10 和 1）。

- 两个轴上都有 $|1 - \eta\lambda| < 1$，即 $\eta < 2/\lambda_{max} = 0.2$：收敛。
- $\eta = 2/(\lambda_{max} + \lambda_{min}) = 0.18$ 使两个因子大小相等：这是普通梯度下降
  能达到的最快速度。
- $\eta = 0.195$：横向因子是 $-0.95$；它收敛，但在两壁之间来回弹跳。
- $\eta = 0.21$：因子是 $-1.1$；每次弹跳都高出 10%，最后飞出曲面。面板把它冻结在最后一个
  有限值的位置，并在表格中标记为 *diverged*（发散）；其他选手的比赛继续进行。

速度上限由最陡的方向决定，而所需时间由最平缓的方向决定：比完美的圆碗多大约
$\kappa$ 倍的步数。这个比值就是*条件数*。""" + READ_ZH),

    "adagrad_shrinking_steps": dict(
        title="AdaGrad's shrinking steps",
        title_zh="AdaGrad 不断缩小的步长",
        config=OptimConfig(surface=S(kind="plateau_cliff"), **view("plateau_cliff"), tolerance=1e-3, optimizers=[
            E.of_kind("sgd", lr=0.5, label="SGD", colour=0),
            E.of_kind("adagrad", lr=0.5, label="AdaGrad", colour=3),
            E.of_kind("rmsprop", lr=0.05, rho=0.9, label="RMSprop", colour=5),
            E.of_kind("adam", lr=0.1, label="Adam", colour=2)]),
        notes="""A plateau (slope about 0.07) falls off a cliff (slope 8) into a wide basin with its minimum at
$x = 3$. Choose *Effective step size* in the internal-state plot.

**AdaGrad** adds up every squared gradient it has seen and divides by the root:

$$s \\leftarrow s + g \\odot g, \\qquad \\theta \\leftarrow \\theta - \\frac{\\eta}{\\sqrt{s} + \\epsilon} \\odot g$$

On the plateau the gradients are small, $s$ is small and the steps are large: AdaGrad crosses
it quickly. At the cliff a few large gradients make $s$ large, and $s$ never shrinks again, so
in the basin its effective step $\\eta/\\sqrt{s}$ stays tiny: it needs thousands of steps to
finish. On a constant gradient its $t$-th step is exactly $\\eta/\\sqrt{t}$.

**RMSprop** keeps a running mean instead of a sum, so it forgets the cliff:

$$s \\leftarrow \\rho s + (1 - \\rho)\\, g \\odot g$$

Its effective step drops at the cliff and recovers in the basin. SGD, with no memory at all,
crawls on the plateau and is flung over the cliff.""" + READ,
        notes_zh=r"""一片平台（斜率约 0.07）从悬崖（斜率 8）跌入一个宽阔的盆地，盆地的最小值在
$x = 3$。在内部状态图中选择 *Effective step size*（有效步长）。

**AdaGrad** 把见过的所有梯度平方累加起来，再除以它的平方根：

$$s \leftarrow s + g \odot g, \qquad \theta \leftarrow \theta - \frac{\eta}{\sqrt{s} + \epsilon} \odot g$$

在平台上梯度小，$s$ 小，步子大：AdaGrad 很快穿过平台。到了悬崖，几个很大的梯度让 $s$
变大，而 $s$ 再也不会变小，所以在盆地里它的有效步长 $\eta/\sqrt{s}$ 一直很小：
要几千步才能走完。在恒定梯度上，它的第 $t$ 步恰好是 $\eta/\sqrt{t}$。

**RMSprop** 用滑动平均（指数加权移动平均）代替累加，所以它会忘掉悬崖：

$$s \leftarrow \rho s + (1 - \rho)\, g \odot g$$

它的有效步长在悬崖处下降，在盆地里又恢复。完全没有记忆的 SGD 在平台上爬行，
又在悬崖处被甩出去。""" + READ_ZH),

    "nesterov_vs_momentum": dict(
        title="Nesterov's look-ahead vs classic momentum",
        title_zh="Nesterov 前瞻与经典动量",
        config=OptimConfig(surface=S(kind="quadratic", condition=25, rotation_deg=30), x_min=-3, x_max=3,
                           y_min=-3, y_max=3, start_x=-2.5, start_y=2.0, optimizers=[
            E.of_kind("sgd", lr=0.035, label="GD", colour=0),
            E.of_kind("momentum", lr=0.035, momentum=0.9, colour=1),
            E.of_kind("nesterov", lr=0.035, momentum=0.9, colour=2)]),
        notes="""Classic momentum takes the gradient where it is; Nesterov's method takes it where the velocity
is about to carry it:

$$\\text{momentum: } m \\leftarrow \\beta m + \\eta \\nabla f(\\theta), \\qquad
\\text{Nesterov: } m \\leftarrow \\beta m + \\eta \\nabla f(\\theta - \\beta m), \\qquad \\theta \\leftarrow \\theta - m$$

When momentum is about to overshoot, the gradient at the look-ahead point already points back,
so Nesterov brakes a step earlier. On this bowl ($\\kappa = 25$, $\\eta = 0.035$, $\\beta = 0.9$)
classic momentum spirals around the minimum and arrives in about 80 steps; Nesterov arrives in
about 27.

(torch stores the look-ahead point $\\theta - \\beta m$ as the parameter, which is why the panel
draws Nesterov's path there; the two are the same recursion.)

*Try:* raise both learning rates to 0.07. Now Nesterov diverges and momentum does not: on a
quadratic, momentum is stable for $\\eta\\lambda < 2(1+\\beta)$, Nesterov only for
$\\eta\\lambda < 2(1+\\beta)/(1+2\\beta)$.""" + READ,
        notes_zh=r"""经典动量在当前位置取梯度；Nesterov 方法在速度即将带它到达的位置取梯度：

$$\text{momentum: } m \leftarrow \beta m + \eta \nabla f(\theta), \qquad
\text{Nesterov: } m \leftarrow \beta m + \eta \nabla f(\theta - \beta m), \qquad \theta \leftarrow \theta - m$$

当动量快要冲过头时，前瞻点的梯度已经指向回头的方向，所以 Nesterov 会早一步刹车。
在这个碗上（$\kappa = 25$，$\eta = 0.035$，$\beta = 0.9$），经典动量绕着最小值打转，
大约 80 步到达；Nesterov 大约 27 步到达。

（torch 把前瞻点 $\theta - \beta m$ 存为参数，所以面板把 Nesterov 的路径画在那里；
两者是同一个递推。）

*试一试：* 把两个学习率都提高到 0.07。这时 Nesterov 发散而动量不发散：在二次函数上，
动量法在 $\eta\lambda < 2(1+\beta)$ 时稳定，Nesterov 只在
$\eta\lambda < 2(1+\beta)/(1+2\beta)$ 时稳定。""" + READ_ZH),

    "sgd_noise_decay": dict(
        title="Noisy gradients and learning-rate decay",
        title_zh="带噪梯度与学习率衰减",
        config=OptimConfig(surface=S(kind="quadratic", condition=4, rotation_deg=20), noise_sigma=2.0,
                           x_min=-3, x_max=3, y_min=-3, y_max=3, start_x=-2.5, start_y=2.0, tolerance=0.01,
                           optimizers=[
            E.of_kind("sgd", lr=0.1, label="SGD η=0.1", colour=0),
            E.of_kind("sgd", lr=0.02, label="SGD η=0.02", colour=1),
            E.of_kind("sgd", lr=0.1, label="SGD step decay", colour=2,
                      schedule=Sch(kind="step", step_size=100, gamma=0.3)),
            E.of_kind("sgd", lr=0.1, label="SGD cosine", colour=4,
                      schedule=Sch(kind="cosine", t_max=500, lr_min=0.001))]),
        notes="""A minibatch gradient is the true gradient plus noise. Here every gradient gets Gaussian noise
with $\\sigma = 2$: $\\tilde g = \\nabla f(\\theta) + \\sigma \\xi$, $\\xi \\sim N(0, I)$.

With a constant $\\eta$, SGD gets close quickly and then jitters around the minimum forever: the
noise keeps kicking it by about $\\eta\\sigma$ per step. A small $\\eta$ jitters less but takes
longer to get there. Decaying the rate gives both:

$$\\text{step: } \\eta_t = \\eta \\gamma^{\\lfloor t/k \\rfloor}, \\qquad
\\text{cosine: } \\eta_t = \\eta_{min} + \\frac{1}{2}(\\eta - \\eta_{min})\\left(1 + \\cos\\frac{\\pi t}{T}\\right)$$

The table's *lr now* column shows each schedule's current $\\eta_t$.

How high is the floor? Along a direction of curvature $\\lambda$ the noise and the pull back
balance at $E[\\frac{1}{2}\\lambda x^2] = \\frac{\\eta\\sigma^2}{2(2 - \\eta\\lambda)}$, so in 2-D
$E[f - f^*] \\approx \\eta\\sigma^2/2$: about 0.2 at $\\eta = 0.1$ and 0.04 at $\\eta = 0.02$, as the
loss curves show. Over steps 400 to 500 the step-decayed run averages about 0.013 and the cosine
run 0.018: an order of magnitude below constant $\\eta = 0.1$. (Past $T$ the cosine rises again,
as torch's `CosineAnnealingLR` does: a warm restart.)""" + READ,
        notes_zh=r"""小批量梯度等于真实梯度加上噪声。这里每个梯度都加上高斯噪声，
$\sigma = 2$：$\tilde g = \nabla f(\theta) + \sigma \xi$，$\xi \sim N(0, I)$。

学习率 $\eta$ 不变时，SGD 很快接近最小值，然后永远在它周围抖动：噪声每步把它踢开约
$\eta\sigma$。较小的 $\eta$ 抖得少，但到达得更慢。让学习率衰减可以两者兼得：

$$\text{step: } \eta_t = \eta \gamma^{\lfloor t/k \rfloor}, \qquad
\text{cosine: } \eta_t = \eta_{min} + \frac{1}{2}(\eta - \eta_{min})\left(1 + \cos\frac{\pi t}{T}\right)$$

表格的 *lr now* 列显示每个调度当前的 $\eta_t$。

误差的“地板”有多高？沿曲率为 $\lambda$ 的方向，噪声与回拉力在
$E[\frac{1}{2}\lambda x^2] = \frac{\eta\sigma^2}{2(2 - \eta\lambda)}$ 处平衡，所以在二维中
$E[f - f^*] \approx \eta\sigma^2/2$：$\eta = 0.1$ 时约 0.2，$\eta = 0.02$ 时约 0.04，与损失曲线一致。
在第 400 到 500 步之间，分段衰减的运行平均约 0.013，余弦衰减的约 0.018：比恒定的 $\eta = 0.1$
低一个数量级。（过了 $T$ 之后余弦又会上升，和 torch 的 `CosineAnnealingLR` 一样：即热重启。）""" + READ_ZH),

    "eight_racers_himmelblau": dict(
        title="All eight optimizers on Himmelblau",
        title_zh="Himmelblau 函数上的全部八种优化器",
        config=OptimConfig(surface=S(kind="himmelblau"), **view("himmelblau"), optimizers=[
            E.of_kind("sgd", lr=0.01, colour=0), E.of_kind("momentum", lr=0.005, colour=1),
            E.of_kind("nesterov", lr=0.005, colour=2), E.of_kind("adagrad", lr=0.5, colour=3),
            E.of_kind("rmsprop", lr=0.05, colour=4), E.of_kind("adadelta", lr=1.0, colour=5),
            E.of_kind("adam", lr=0.1, colour=6), E.of_kind("adamw", lr=0.1, weight_decay=0.1, colour=7)]),
        notes="""$f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2$ has four minima, all with $f = 0$. From the
origin the eight optimizers pick different ones: which minimum you reach depends on the path,
and the path on the update rule.

| optimizer | update |
| --- | --- |
| SGD | $\\theta \\leftarrow \\theta - \\eta g$ |
| Momentum | $m \\leftarrow \\beta m + \\eta g,\\ \\theta \\leftarrow \\theta - m$ |
| Nesterov | $m \\leftarrow \\beta m + \\eta \\nabla f(\\theta - \\beta m),\\ \\theta \\leftarrow \\theta - m$ |
| AdaGrad | $s \\leftarrow s + g \\odot g,\\ \\theta \\leftarrow \\theta - \\eta g / (\\sqrt{s} + \\epsilon)$ |
| RMSprop | $s \\leftarrow \\rho s + (1-\\rho) g \\odot g,\\ \\theta \\leftarrow \\theta - \\eta g / (\\sqrt{s} + \\epsilon)$ |
| AdaDelta | $g' = \\sqrt{(\\Delta x + \\epsilon)/(s + \\epsilon)} \\odot g,\\ \\Delta x \\leftarrow \\rho \\Delta x + (1-\\rho) g' \\odot g'$ |
| Adam | $\\theta \\leftarrow \\theta - \\eta \\hat m / (\\sqrt{\\hat v} + \\epsilon)$ |
| AdamW | Adam, and $\\theta \\leftarrow \\theta - \\eta\\lambda\\theta$ applied to the weights |

AdamW's weight decay pulls towards the origin, so it settles a little off the minimum (its
$f$ stays above 0): decay trades the training loss for smaller weights.

The seed notes write $\\sqrt{s + \\epsilon}$; torch (and this panel) write $\\sqrt{s} + \\epsilon$.
The two agree once $s \\gg \\epsilon^2$.""" + READ,
        notes_zh=r"""$f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2$ 有四个极小值，都满足 $f = 0$。从原点出发，
八个优化器找到的极小值各不相同：到达哪个极小值取决于路径，而路径取决于更新规则。

| 优化器 | 更新 |
| --- | --- |
| SGD | $\theta \leftarrow \theta - \eta g$ |
| 动量 | $m \leftarrow \beta m + \eta g,\ \theta \leftarrow \theta - m$ |
| Nesterov | $m \leftarrow \beta m + \eta \nabla f(\theta - \beta m),\ \theta \leftarrow \theta - m$ |
| AdaGrad | $s \leftarrow s + g \odot g,\ \theta \leftarrow \theta - \eta g / (\sqrt{s} + \epsilon)$ |
| RMSprop | $s \leftarrow \rho s + (1-\rho) g \odot g,\ \theta \leftarrow \theta - \eta g / (\sqrt{s} + \epsilon)$ |
| AdaDelta | $g' = \sqrt{(\Delta x + \epsilon)/(s + \epsilon)} \odot g,\ \Delta x \leftarrow \rho \Delta x + (1-\rho) g' \odot g'$ |
| Adam | $\theta \leftarrow \theta - \eta \hat m / (\sqrt{\hat v} + \epsilon)$ |
| AdamW | Adam，再对权重施加 $\theta \leftarrow \theta - \eta\lambda\theta$ |

AdamW 的权重衰减把参数拉向原点，所以它停在离极小值稍远的地方（它的
$f$ 一直大于 0）：权重衰减用训练损失换取更小的权重。

课堂笔记写的是 $\sqrt{s + \epsilon}$；torch（以及这个面板）写的是 $\sqrt{s} + \epsilon$。
一旦 $s \gg \epsilon^2$，两者就一致了。""" + READ_ZH),

    "mlp_landscape": dict(
        title="A real network's loss landscape",
        title_zh="真实网络的损失曲面",
        config=OptimConfig(surface=S(kind="mlp", dataset="moons", hidden=8), **view("mlp"), tolerance=0.01,
                           optimizers=[
            E.of_kind("sgd", lr=0.1, colour=0), E.of_kind("momentum", lr=0.1, colour=1),
            E.of_kind("nesterov", lr=0.1, colour=2), E.of_kind("adagrad", lr=0.1, colour=3),
            E.of_kind("rmsprop", lr=0.01, colour=4), E.of_kind("adadelta", lr=1.0, colour=5),
            E.of_kind("adam", lr=0.02, colour=6), E.of_kind("adamw", lr=0.02, colour=7)]),
        notes="""A 2-8-8-1 tanh network is trained on the two-moons data to weights $\\theta^*$. Its loss lives in
about 100 dimensions; this surface is a 2-D slice through it (Li et al., 2018):

$$f(\\alpha, \\beta) = L(\\theta^* + \\alpha d_1 + \\beta d_2)$$

$d_1, d_2$ are random Gaussian directions, *filter-normalised*: each row of each weight matrix
(one unit's incoming weights) is scaled to the norm of the same row of $\\theta^*$, and biases are
not moved. Without that scaling, a step along a direction would change large and small units
by the same absolute amount and the picture would depend on the network's parametrisation.

The origin is the trained network; $f^*$ is the lowest point found on the slice (L-BFGS
from the lowest grid point), marked with a star. The racers here
optimise only $\\alpha$ and $\\beta$, but they meet the same things as in full training: a basin
around the trained weights, steep walls where units saturate, flat regions far away.

*Try:* other datasets (circles, xor) and widths change the landscape; the seed picks the data,
the initialisation and the directions.""" + READ,
        notes_zh=r"""一个 2-8-8-1 的 tanh 网络在双月牙数据上训练，得到权重 $\theta^*$。它的损失定义在大约
100 维的空间里；这个曲面是穿过它的一个二维切片（Li 等，2018）：

$$f(\alpha, \beta) = L(\theta^* + \alpha d_1 + \beta d_2)$$

$d_1, d_2$ 是随机的高斯方向，并经过*滤波器归一化*：每个权重矩阵的每一行
（一个单元的输入权重）被缩放到与 $\theta^*$ 对应行相同的范数，偏置不移动。
如果不做这种缩放，沿一个方向走一步会让大单元和小单元改变同样的绝对量，
画出的图就会依赖于网络的参数化方式。

原点是训练好的网络；$f^*$ 是在切片上找到的最低点（从最低的网格点出发用 L-BFGS 求得），
用星号标出。这里的选手只优化 $\alpha$ 和 $\beta$，但它们遇到的和完整训练中一样：
训练好的权重周围的盆地、单元饱和处的陡壁、远处的平坦区域。

*试一试：* 换别的数据集（circles、xor）和宽度会改变地形；随机种子决定数据、
初始化和方向。""" + READ_ZH),
}

# Steps per second the app plays each lesson at (None: as fast as it goes): slow enough to watch.
# Steps per second each lesson plays at. Adam's 700 steps to the minimum took 3.5 s at 200 steps/s and
# mlp_landscape's 1000 steps 3 s at Max (benchmarks/lesson_pacing.py): now about 15-20 s.
SPEEDS = {
    "momentum_ravine": 30, "adam_vs_sgd_rosenbrock": 50, "saddle_escape": 30, "lr_too_large": 20,
    "adagrad_shrinking_steps": 50, "nesterov_vs_momentum": 20, "sgd_noise_decay": 60,
    "eight_racers_himmelblau": 30, "mlp_landscape": 50,
}


def build(name: str):
    from playground.presets import new_preset

    spec = LESSONS[name]
    return new_preset(PANEL, title=spec["title"], title_zh=spec["title_zh"],
                      notes=spec["notes"],
                      notes_zh=spec.get("notes_zh", ""), seed=0, device="auto",
                      speed=SPEEDS[name], config=spec["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/optimizer/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
