"""The shipped lesson presets of the generative panel, written here so their notes live beside the math.

``python -m playground.generative.lessons`` (re)writes ``presets/generative/*.json``; a test checks the
shipped files equal what this module makes. Figures quoted in the notes are measured with seed 0 on
the CPU and checked by tests/core/test_generative_presets.py (the 3,000-step mode counts also by
benchmarks/bench_generative.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ELBO = r"""
**The VAE (seed notes).** The inference network is $q(z|x;\phi) = N(z; \mu_1, \sigma_1^2 I)$ with
$h = \sigma(W^{(1)} x + b^{(1)})$, $\mu_1 = W^{(2)} h + b^{(2)}$, $\sigma_1^2 = \mathrm{softplus}(W^{(3)} h + b^{(3)})$;
the generative network is $p(x|z;\theta) = N(x; \mu_2, \sigma_2^2 I)$. The objective is the ELBO

$\max_{\theta,\phi} E_{z \sim q(z|x;\phi)}[\log p(x|z;\theta)] - \mathrm{KL}(q(z|x;\phi) \| p(z))$

and the **reparameterisation trick** $z = \mu_1 + \sigma_1 \epsilon$, $\epsilon \sim N(0, I)$ makes $z$
differentiable in $\mu_1$ and $\sigma_1$. With the prior $p(z) = N(0, I)$ the KL term has a closed form,
$\mathrm{KL} = \frac{1}{2}\sum_j (\mu_j^2 + \sigma_j^2 - 1 - \log \sigma_j^2)$ (the tests compare it with
`torch.distributions.kl_divergence`). The seed writes the loss with a weight $\lambda$ on the KL,
$J = -\frac{1}{2}\|x - \mu_2\|^2 - \lambda \mathrm{KL}$.

**What x sigma does to it.** For 2-D data this panel's decoder is that gaussian with a fixed standard
deviation $\sigma_x$ (*x sigma*), whose log-likelihood in $d = 2$ dimensions is
$\log p(x|z) = -\frac{\|x - \mu_2\|^2}{2\sigma_x^2} - d \log \sigma_x - \frac{d}{2} \log 2\pi$.
The last two terms do not depend on the weights, so the panel leaves them out: its reconstruction is
$\|x - \mu_2\|^2 / (2\sigma_x^2)$ and its -ELBO curve is the true $-$ELBO minus $d \log \sigma_x + \frac{d}{2}\log 2\pi$.
The loss recon + $\beta$ KL, times $\sigma_x^2$, is $\frac{1}{2}\|x - \mu_2\|^2 + \beta \sigma_x^2 \mathrm{KL}$: the seed's $J$
with $\lambda = \beta \sigma_x^2$. So the seed's ELBO ($\lambda = 1$) is this panel's at $\beta = 1$ and
$\sigma_x = 1$ only; $\sigma_x$ weights reconstruction against KL just as $\beta$ does ($\sigma_x = 0.1$ is
$\lambda = 0.01$: the KL counts a hundred times less than in the seed's loss). For digits the
reconstruction term is the Bernoulli cross-entropy summed over the 64 pixels (nats per digit) and
x sigma plays no part; there **beta** is the seed's $\lambda$.
"""

GAN = r"""
**The GAN (seed notes).** The discriminator minimises the cross-entropy
$-E_x[\log D(x)] - E_z[\log(1 - D(G(z)))]$; the generator minimises $E_z[\log(1 - D(G(z)))]$ (*minimax*)
or maximises $E_z[\log D(G(z))]$ (*non-saturating*). At the optimal discriminator
$D^*(x) = p(x)/(p(x) + p_G(x))$ the objective is $2\,\mathrm{JS}(p, p_G) - 2\log 2$, with
$\mathrm{JS}(p, p_G) = \frac{1}{2}\mathrm{KL}(p \| \frac{p+p_G}{2}) + \frac{1}{2}\mathrm{KL}(p_G \| \frac{p+p_G}{2})$,
so the panel's **JS estimate** is $\log 2 + \frac{1}{2}(E \log D(x) + E \log(1 - D(G(z))))$: 0 when D cannot
tell, $\log 2 \approx 0.693$ when it separates the two perfectly.
"""

WGAN = r"""
**WGAN (seed notes).** The Wasserstein-1 (earth-mover) distance
$W(p, p_G) = \inf_{\gamma \in \Pi(p, p_G)} \int \|x - y\|\, d\gamma$ has the Kantorovich-Rubinstein dual
$W(p, p_G) = \sup_{\|f\|_{Lip} \le 1} E_{x \sim p}[f(x)] - E_{x \sim p_G}[f(x)]$. The critic $f$ has to be kept
(roughly) 1-Lipschitz. The seed notes do it with the penalty $\lambda E_{\hat x}[\|\nabla_{\hat x} f(\hat x)\|^2]$ at
$\hat x = t x_1 + (1 - t) x_2$, $x_1 \sim p$, $x_2 \sim p_G$, $t \sim U(0, 1)$.

**What this panel runs.** The *wgan_clip* loss clips the critic's weights to $[-c, c]$ (the original WGAN).
The *wgan_gp* loss uses the penalty of WGAN-GP (Gulrajani et al., 2017), not the seed's:
$\lambda E_{\hat x}[(\|\nabla_{\hat x} f(\hat x)\| - 1)^2]$ at the same points $\hat x$. It pulls the gradient norm
towards 1, the Lipschitz bound the dual needs; the seed's $\|\nabla f\|^2$ pulls it towards 0 instead.
The tests check the panel's penalty is 0 for a
linear critic with a unit-norm weight (the seed's would be $\lambda$ there).
The panel's **W1 estimate** is $E f(x) - E f(G(z))$ on 1,000 fixed samples.
"""

COVERAGE = """
**Mode coverage.** 1,000 generated points from a fixed z: a point is *high quality* when it lies within
3 sigma (0.15) of a mode's centre; a mode is *covered* when at least 25 points (a fifth of a fair share)
lie within 3 sigma of it.
"""

ELBO_ZH = r"""
**VAE（变分自编码器，课堂笔记）。** 推断网络是 $q(z|x;\phi) = N(z; \mu_1, \sigma_1^2 I)$，其中
$h = \sigma(W^{(1)} x + b^{(1)})$，$\mu_1 = W^{(2)} h + b^{(2)}$，$\sigma_1^2 = \mathrm{softplus}(W^{(3)} h + b^{(3)})$；
生成网络是 $p(x|z;\theta) = N(x; \mu_2, \sigma_2^2 I)$。目标函数是证据下界 ELBO

$\max_{\theta,\phi} E_{z \sim q(z|x;\phi)}[\log p(x|z;\theta)] - \mathrm{KL}(q(z|x;\phi) \| p(z))$

**重参数化技巧** $z = \mu_1 + \sigma_1 \epsilon$，$\epsilon \sim N(0, I)$ 使 $z$
对 $\mu_1$ 和 $\sigma_1$ 可导。先验取 $p(z) = N(0, I)$ 时，KL 项有闭式解
$\mathrm{KL} = \frac{1}{2}\sum_j (\mu_j^2 + \sigma_j^2 - 1 - \log \sigma_j^2)$（测试把它与
`torch.distributions.kl_divergence` 比较）。课堂笔记把损失写成 KL 项带权重 $\lambda$ 的形式，
$J = -\frac{1}{2}\|x - \mu_2\|^2 - \lambda \mathrm{KL}$。

**x sigma 的作用。** 对二维数据，这个面板的解码器就是标准差固定为
$\sigma_x$（*x sigma*）的高斯分布，它在 $d = 2$ 维中的对数似然为
$\log p(x|z) = -\frac{\|x - \mu_2\|^2}{2\sigma_x^2} - d \log \sigma_x - \frac{d}{2} \log 2\pi$。
后两项与权重无关，所以面板把它们省略了：它的重构项是
$\|x - \mu_2\|^2 / (2\sigma_x^2)$，它的 -ELBO 曲线等于真正的 $-$ELBO 减去 $d \log \sigma_x + \frac{d}{2}\log 2\pi$。
损失 recon + $\beta$ KL 乘以 $\sigma_x^2$ 等于 $\frac{1}{2}\|x - \mu_2\|^2 + \beta \sigma_x^2 \mathrm{KL}$：即课堂笔记中
$\lambda = \beta \sigma_x^2$ 的 $J$。所以课堂笔记的 ELBO（$\lambda = 1$）只在 $\beta = 1$ 且
$\sigma_x = 1$ 时等于这个面板的 ELBO；$\sigma_x$ 和 $\beta$ 一样在重构与 KL 之间做权衡（$\sigma_x = 0.1$ 相当于
$\lambda = 0.01$：KL 的分量比课堂笔记的损失中小一百倍）。对手写数字，
重构项是 64 个像素上的伯努利交叉熵之和（单位：每个数字的 nat），
x sigma 不起作用；这时 **beta** 就是课堂笔记的 $\lambda$。
"""

GAN_ZH = r"""
**GAN（生成对抗网络，课堂笔记）。** 判别器最小化交叉熵
$-E_x[\log D(x)] - E_z[\log(1 - D(G(z)))]$；生成器最小化 $E_z[\log(1 - D(G(z)))]$（*minimax*）
或最大化 $E_z[\log D(G(z))]$（*non-saturating*，非饱和）。在最优判别器
$D^*(x) = p(x)/(p(x) + p_G(x))$ 下，目标函数为 $2\,\mathrm{JS}(p, p_G) - 2\log 2$，其中
$\mathrm{JS}(p, p_G) = \frac{1}{2}\mathrm{KL}(p \| \frac{p+p_G}{2}) + \frac{1}{2}\mathrm{KL}(p_G \| \frac{p+p_G}{2})$，
所以面板的 **JS estimate**（JS 估计）是 $\log 2 + \frac{1}{2}(E \log D(x) + E \log(1 - D(G(z))))$：D 分辨不出时为 0，
完全分开两者时为 $\log 2 \approx 0.693$。
"""

WGAN_ZH = r"""
**WGAN（课堂笔记）。** Wasserstein-1（推土机）距离
$W(p, p_G) = \inf_{\gamma \in \Pi(p, p_G)} \int \|x - y\|\, d\gamma$ 有 Kantorovich-Rubinstein 对偶形式
$W(p, p_G) = \sup_{\|f\|_{Lip} \le 1} E_{x \sim p}[f(x)] - E_{x \sim p_G}[f(x)]$。评价器 $f$ 必须（大致）保持
1-Lipschitz。课堂笔记用惩罚项 $\lambda E_{\hat x}[\|\nabla_{\hat x} f(\hat x)\|^2]$ 来做到这一点，其中
$\hat x = t x_1 + (1 - t) x_2$，$x_1 \sim p$，$x_2 \sim p_G$，$t \sim U(0, 1)$。

**这个面板实际运行的是什么。** *wgan_clip* 损失把评价器的权重裁剪到 $[-c, c]$（原始的 WGAN）。
*wgan_gp* 损失使用 WGAN-GP（Gulrajani 等，2017）的惩罚项，而不是课堂笔记的：
在同样的点 $\hat x$ 上取 $\lambda E_{\hat x}[(\|\nabla_{\hat x} f(\hat x)\| - 1)^2]$。它把梯度范数拉向 1，
即对偶形式需要的 Lipschitz 界；课堂笔记的 $\|\nabla f\|^2$ 则把它拉向 0。
测试检查：对权重范数为 1 的线性评价器，面板的惩罚项为 0（课堂笔记的惩罚项在那里会是 $\lambda$）。
面板的 **W1 estimate**（W1 估计）是在 1,000 个固定样本上计算的 $E f(x) - E f(G(z))$。
"""

COVERAGE_ZH = """
**模式覆盖。** 从固定的 z 生成 1,000 个点：一个点离某个模式中心在
3 sigma（0.15）以内时算*高质量*；至少有 25 个点（公平份额的五分之一）落在某个模式的
3 sigma 以内时，这个模式算*被覆盖*。
"""

PANEL = "generative"

LESSONS: dict[str, dict] = {
    "mode_collapse": dict(
        title="Mode collapse: a minimax GAN on a ring of 8 gaussians",
        title_zh="模式坍塌：8 个高斯环上的极小极大 GAN",
        config=dict(mode="gan", data="ring8", loss="minimax", d_steps=1, g_lr=0.002, d_lr=0.0002, beta1=0.5),
        notes=f"""
The target is a ring of 8 gaussians (radius 2, sigma 0.05). The generator learns ten times faster
than the discriminator (learning rates 0.002 and 0.0002), one D step per G step, the minimax loss.

Watch the orange points: they gather into one tight blob that runs towards a mode, sits there until
the discriminator learns to reject it, then jumps to another one. Measured with seed 0: at step 1,500
all 174 high-quality samples (17.4%) sit in one mode (1 of 8 covered); at step 3,000 no mode is
covered. The heatmap shows why: D(x) is high where the blob is *not*, and the arrows (the generator's
gradient, $-\\partial L_G / \\partial x$) all point the same way, so the whole blob moves together.
A generator that wins by putting all its mass on the one place D currently likes has no reason to
spread out: the loss sees one sample at a time, never the variety of a batch.

Try the **non-saturating** loss (still collapses), equal learning rates 0.001 (the minimax GAN then
covers all 8 here), or the cure in the next lesson: WGAN-GP.
{GAN}{COVERAGE}""",
        notes_zh=rf"""
目标分布是排成一圈的 8 个高斯分布（半径 2，sigma 0.05）。生成器的学习速度是判别器的十倍
（学习率 0.002 和 0.0002），每个 G 步配一个 D 步，使用 minimax 损失。

观察橙色的点：它们聚成一个紧密的团，跑向某个模式，停在那里直到判别器学会拒绝它，
然后跳到另一个模式。随机种子 0 的测量结果：第 1,500 步时全部 174 个高质量样本（17.4%）
都在同一个模式里（8 个中覆盖 1 个）；第 3,000 步时一个模式也没有覆盖。热图说明了原因：
D(x) 在团*不在*的地方高，而箭头（生成器的梯度 $-\partial L_G / \partial x$）都指向同一方向，
所以整个团一起移动。一个靠把全部质量放在 D 当前喜欢的那一处来取胜的生成器，没有理由分散开：
损失每次只看一个样本，从不看一个批量的多样性。

试试 **non-saturating**（非饱和）损失（仍然崩塌）、相同的学习率 0.001（这时 minimax GAN
在这里能覆盖全部 8 个模式），或者下一课的解药：WGAN-GP。
{GAN_ZH}{COVERAGE_ZH}""",
    ),
    "wgan_gp_cure": dict(
        title="The cure: WGAN-GP covers every mode",
        title_zh="解药：WGAN-GP 覆盖每一个模式",
        config=dict(mode="gan", data="ring8", loss="wgan_gp"),
        notes=f"""
The same ring of 8 gaussians, now with WGAN-GP: 5 critic steps per generator step, lambda = 10,
Adam (lr 0.001, betas (0, 0.9)), generator and critic 3 hidden layers of 64 units, batch 128.

Measured with seed 0: 3 modes covered at step 1,000 (20.5% high quality), all 8 by step 1,500, and
8 of 8 with 74% of the samples within 3 sigma of a mode at step 3,000 (the benchmark's figure; on
one CPU core about 40 s). The minimax GAN of the previous lesson covers 0 of 8 at the same budget.

**Time.** On a 2-core laptop CPU the app runs about 75 steps a second (40 on a busy one): every mode
is covered after about 20-40 s, and the run ends after about 40-75 s (faster on a GPU).

Why it works: the critic's value (the heatmap) is a smooth slope, high on the ring and low where the
generated points are, with $\\|\\nabla f\\| \\approx 1$ in between; the arrows (here $+\\nabla f$ at each
generated point) pull every point towards its nearest piece of the ring, whether or not the two
distributions overlap. The **W1 estimate** curve falls towards 0 as the generator improves: unlike
the JS estimate it measures *how far* the generated mass has to move.

The orange lines are the latent grid warped by the generator: $G$ maps the plane of $z$ onto the
ring, stretching the few lines that cross between modes (the low-quality points on the bridges).
{WGAN}{COVERAGE}""",
        notes_zh=rf"""
同样是一圈 8 个高斯分布，现在用 WGAN-GP：每个生成器步配 5 个评价器（critic）步，lambda = 10，
Adam（lr 0.001，betas (0, 0.9)），生成器和评价器都有 3 个 64 单元的隐藏层，批量 128。

随机种子 0 的测量结果：第 1,000 步覆盖 3 个模式（20.5% 高质量），第 1,500 步覆盖全部 8 个，
第 3,000 步 8 个全覆盖且 74% 的样本在某个模式的 3 sigma 以内（基准测试的数字；在
一个 CPU 核上约 40 秒）。上一课的 minimax GAN 在同样的预算下 8 个中覆盖 0 个。

**时间。** 在双核笔记本 CPU 上，应用每秒约运行 75 步（机器繁忙时约 40 步）：约 20-40 秒后
覆盖全部模式，约 40-75 秒后运行结束（GPU 上更快）。

为什么有效：评价器的值（热图）是一个平滑的斜坡，在圆环上高，在生成点所在处低，
两者之间 $\|\nabla f\| \approx 1$；箭头（这里是每个生成点处的 $+\nabla f$）把每个点拉向
离它最近的那段圆环，无论两个分布是否重叠。**W1 estimate**（W1 估计）曲线随着生成器变好而降向 0：
与 JS 估计不同，它衡量的是生成的质量*要搬多远*。

橙色的线是被生成器扭曲的隐空间网格：$G$ 把 $z$ 的平面映射到圆环上，
拉长了少数几条横跨模式之间的线（桥上的低质量点）。
{WGAN_ZH}{COVERAGE_ZH}""",
    ),
    "d_steps_per_g_step": dict(
        title="Critic steps per generator step",
        title_zh="每个生成器步对应的评论家步数",
        config=dict(mode="gan", data="ring8", loss="wgan_gp", d_steps=1),
        notes=f"""
WGAN-GP as in the cure, but with **one** critic step per generator step instead of five.

The generator's gradient is only as good as the critic: the duality
$W = \\sup_f E f(x) - E f(G(z))$ holds at the supremum, so the critic has to be trained close to it
before the generator follows its slope. With one step it lags behind. Measured with seed 0: the W1
estimate goes *negative* (-0.97 at step 500: the critic scores the generated points above the real
ones, it is nowhere near the supremum), and after 3,000 steps a single mode is covered (7.8% high
quality), against 8 of 8 with 5 critic steps.

Set d_steps back to 5 (the cure's setting) and the ring fills in. The price is time: each generator
step costs d_steps critic steps, each with a double backward for the penalty. For the minimax loss
the opposite can happen: open *mode_collapse* and set d_steps to 5. The discriminator then wins
outright (the JS estimate sits at log 2 = 0.693), $\\log(1 - D(G(z)))$ saturates and the
generated points drift away from the ring; the **non-saturating** loss still gets gradient there
(6 of 8 modes at step 3,000 in that setting).
{WGAN}""",
        notes_zh=rf"""
与解药那一课相同的 WGAN-GP，但每个生成器步只配**一个**评价器步，而不是五个。

生成器的梯度只和评价器一样好：对偶式
$W = \sup_f E f(x) - E f(G(z))$ 在上确界处才成立，所以评价器必须先训练到接近上确界，
生成器才能沿着它的斜坡走。只训练一步，评价器就会落后。随机种子 0 的测量结果：W1
估计变成*负数*（第 500 步为 -0.97：评价器给生成点的分数比真实点还高，离上确界差得很远），
3,000 步后只覆盖一个模式（7.8% 高质量），而 5 个评价器步时是 8 个全覆盖。

把 d_steps 改回 5（解药的设置），圆环就被填满了。代价是时间：每个生成器步要花
d_steps 个评价器步，每步还要为惩罚项做一次二阶反向传播。对 minimax 损失则可能相反：
打开 *mode_collapse* 并把 d_steps 设为 5。判别器会彻底获胜（JS 估计停在 log 2 = 0.693），
$\log(1 - D(G(z)))$ 饱和，生成点从圆环上漂走；**non-saturating** 损失在那里仍然有梯度
（在那种设置下第 3,000 步覆盖 8 个模式中的 6 个）。
{WGAN_ZH}""",
    ),
    "critic_heatmap": dict(
        title="Reading the critic's heatmap (two moons)",
        title_zh="解读评论家的热图（双月）",
        config=dict(mode="gan", data="moons", loss="wgan_gp", gp_lambda=0.1, max_steps=2000),
        notes=f"""
WGAN-GP on the two moons. Read the plane layer by layer (switch them in *View*):

- **heatmap**: the critic $f(x)$ on a 50x50 grid, orange high, blue low. It is high on the moons and
  low where generated points pile up that should not be there. Only differences matter: adding a
  constant to $f$ changes nothing.
- **arrows**: $-\\partial L_G/\\partial x = +\\nabla f$ at 150 generated points, the longest scaled to 12% of
  the plane. They point uphill on the heatmap, towards the nearest real mass.
- **grid**: the image of a grid of latent points under $G$, showing how the generator folds the
  plane of z onto two curved strips.

The penalty weight here is lambda = 0.1, the value of the WGAN-GP authors' own toy experiments (a
smaller lambda helps on toy data). Measured with seed 0: the W1 estimate falls from 0.20 at step 250
to 0.04 at step 500 and then hovers around 0 (-0.08 at step 1,500) while the orange points settle on
both moons. With lambda = 10 on this target the critic keeps falling behind (its estimate swings
between about -1.8 and +2 in the first 1,500 steps): watch the heatmap turn upside down.

Switch the loss to **minimax**: the heatmap becomes $D(x) = P(\\text{{real}})$, flat near 0 and 1 away from
the boundary, and the arrows there vanish (the saturation of the previous lesson).
{WGAN}""",
        notes_zh=rf"""
在双月牙上运行 WGAN-GP。一层一层地读这个平面（在 *View* 中切换）：

- **heatmap**（热图）：评价器 $f(x)$ 在 50x50 网格上的值，橙色高，蓝色低。它在月牙上高，
  在不该有生成点却堆积了生成点的地方低。只有差值有意义：给 $f$ 加一个常数什么也不改变。
- **arrows**（箭头）：150 个生成点处的 $-\partial L_G/\partial x = +\nabla f$，最长的缩放到平面的 12%。
  它们在热图上指向上坡，朝向最近的真实质量。
- **grid**（网格）：隐空间网格点经过 $G$ 后的像，显示生成器如何把
  z 的平面折叠到两条弯曲的带子上。

这里的惩罚权重是 lambda = 0.1，即 WGAN-GP 作者在自己的玩具实验中使用的值（在玩具数据上
较小的 lambda 更好）。随机种子 0 的测量结果：W1 估计从第 250 步的 0.20 降到第 500 步的 0.04，
然后在 0 附近徘徊（第 1,500 步为 -0.08），同时橙色点落到两个月牙上。在这个目标上用 lambda = 10，
评价器会一直落后（前 1,500 步中它的估计在约 -1.8 到 +2 之间摆动）：观察热图上下颠倒。

把损失切换为 **minimax**：热图变成 $D(x) = P(\text{{real}})$，远离边界处平坦地接近 0 和 1，
那里的箭头消失了（上一课讲的饱和）。
{WGAN_ZH}""",
    ),
    "gan_on_digits": dict(
        title="A small GAN on 8x8 digits",
        title_zh="8x8 数字上的小型 GAN",
        config=dict(mode="gan", data="digits", loss="wgan_gp", g_hidden=128, d_hidden=128, g_layers=2, d_layers=2,
                    gan_latent_dim=16, batch_size=64, d_steps=3, max_steps=2000),
        notes=f"""
A WGAN-GP on sklearn's 1,797 digits: G maps 16 gaussian numbers through two layers of 128 units to
64 pixels (a sigmoid keeps them in [0, 1]); the critic has two layers of 128 units. The grid shows
G at 64 fixed z, so each tile is one z followed through training.

Measured with seed 0: the W1 estimate falls from 0.58 at step 300 to 0.22 at step 1,200, and the
noise turns into strokes that look like 0, 3, 5, 6, 7 and 9. Try the **non-saturating** loss with one
D step (lr 0.0005, betas (0.5, 0.9)): here every tile becomes the same picture: mode collapse on
digits.
{WGAN}""",
        notes_zh=rf"""
在 sklearn 的 1,797 张手写数字上运行 WGAN-GP：G 把 16 个高斯随机数经过两个 128 单元的层映射到
64 个像素（sigmoid 把它们限制在 [0, 1] 内）；评价器有两个 128 单元的层。网格显示
G 在 64 个固定 z 上的输出，所以每个小图就是一个 z 在训练过程中的变化。

随机种子 0 的测量结果：W1 估计从第 300 步的 0.58 降到第 1,200 步的 0.22，噪声
变成看起来像 0、3、5、6、7 和 9 的笔画。试试 **non-saturating** 损失配一个
D 步（lr 0.0005，betas (0.5, 0.9)）：这时每个小图都变成同一张图：手写数字上的模式崩塌。
{WGAN_ZH}""",
    ),
    "beta_vae_tradeoff": dict(
        title="beta-VAE: the trade-off, and posterior collapse",
        title_zh="β-VAE：权衡与后验坍塌",
        config=dict(mode="vae", data="digits", beta=4.0, max_steps=1000),
        notes=f"""
A VAE on the 8x8 digits with a 2-D latent space and **beta = 4**: the loss is recon + 4 KL.

Measured with seed 0 after 1,000 steps (batch 128, Adam lr 0.002), nats per digit:

| beta | reconstruction | KL | active dimensions |
| --- | --- | --- | --- |
| 0.25 | 20.3 | 4.49 | 2 |
| 1 | 21.8 | 2.58 | 2 |
| 2 | 24.7 | 0.99 | 2 |
| 4 | 27.1 | 0.00 | 0 |

A larger beta buys a posterior closer to the prior (smaller KL: the latent scatter fills the unit
disc, samples from the prior look like the data) at the price of blurrier reconstructions. At beta 4
the KL of *every* dimension is ~0 (the bar chart): **posterior collapse**. The encoder outputs
$\\mu = 0, \\sigma = 1$ for every digit, the decoder ignores z and draws the mean digit everywhere on
the latent grid; the reconstruction term (27.1) is that of the mean digit. Try beta 2 and 1 (the
latent plane comes alive), 0.25 (sharper, but holes between the classes), or **autoencoder** (no KL:
the codes spread anywhere and prior samples decode to nonsense).
{ELBO}""",
        notes_zh=rf"""
在 8x8 手写数字上训练二维隐空间的 VAE，**beta = 4**：损失为 recon + 4 KL。

随机种子 0，1,000 步后的测量结果（批量 128，Adam lr 0.002），单位为每个数字的 nat：

| beta | 重构 | KL | 活跃维度 |
| --- | --- | --- | --- |
| 0.25 | 20.3 | 4.49 | 2 |
| 1 | 21.8 | 2.58 | 2 |
| 2 | 24.7 | 0.99 | 2 |
| 4 | 27.1 | 0.00 | 0 |

更大的 beta 换来更接近先验的后验（KL 更小：隐空间散点填满单位圆盘，
从先验采样的结果看起来像数据），代价是更模糊的重构。beta 为 4 时，
*每个*维度的 KL 都约为 0（柱状图）：**后验坍塌**。编码器对每个数字都输出
$\mu = 0, \sigma = 1$，解码器忽略 z，在隐空间网格上处处画出平均数字；
重构项（27.1）就是平均数字的重构项。试试 beta 2 和 1（隐空间平面活了过来）、
0.25（更清晰，但类别之间有空洞），或者 **autoencoder**（自编码器，没有 KL：
编码散布到任何地方，从先验采样解码出来的是无意义的图）。
{ELBO_ZH}""",
    ),
    "vae_on_two_moons": dict(
        title="A VAE on two moons: the latent plane and its holes",
        title_zh="双月上的 VAE：隐平面及其空洞",
        config=dict(mode="vae", data="moons", max_steps=3000),
        notes=f"""
A VAE with a 2-D latent space on 2,000 points of the two moons (labelled by moon). The decoder is a
gaussian with a fixed standard deviation $\\sigma_x = 0.1$, so the reconstruction term is
$\\|x - \\mu_2\\|^2 / (2 \\sigma_x^2)$ (the seed's $\\frac{{1}}{{2}}\\|x - \\mu_2\\|^2$ is $\\sigma_x = 1$).

- **data and reconstructions**: the orange points (decoded at $z = \\mu_1(x)$) lie on a thin curve
  along each moon: the noise across a moon is not worth the KL it would cost to encode.
- **latent means**: each moon becomes a band in the latent plane.
- **prior samples decoded** and the decoded latent grid: $z \\sim N(0, I)$ falls between the bands
  too, and decodes to points *between* the moons: the aggregate posterior does not fill the prior.
- **interpolation**: the straight line in z between two examples, decoded, bends through the plane.

Measured with seed 0 at step 1,500: reconstruction 1.02 and KL 3.84 nats per point, both latent
dimensions active. Try beta 4 (reconstruction 3.09, KL 2.81: a smoother code, blurrier
reconstructions), x sigma 1 (the seed's loss: the KL term wins and one latent dimension collapses,
KL per dimension 0.35 and 0.00), or the autoencoder (no KL: the prior samples land anywhere).
{ELBO}""",
        notes_zh=rf"""
在双月牙的 2,000 个点上训练二维隐空间的 VAE（按月牙标注类别）。解码器是
标准差固定为 $\sigma_x = 0.1$ 的高斯分布，所以重构项是
$\|x - \mu_2\|^2 / (2 \sigma_x^2)$（课堂笔记的 $\frac{{1}}{{2}}\|x - \mu_2\|^2$ 对应 $\sigma_x = 1$）。

- **data and reconstructions**（数据与重构）：橙色点（在 $z = \mu_1(x)$ 处解码）沿每个月牙
  落在一条细曲线上：横跨月牙方向的噪声不值得花 KL 去编码。
- **latent means**（隐变量均值）：每个月牙在隐空间平面上变成一条带子。
- **prior samples decoded**（解码的先验样本）和解码后的隐空间网格：$z \sim N(0, I)$ 也会落在带子之间，
  解码到两个月牙*之间*的点：聚合后验没有填满先验。
- **interpolation**（插值）：两个样本之间在 z 中的直线，解码后在平面上弯曲。

随机种子 0 在第 1,500 步的测量结果：每个点重构 1.02、KL 3.84 nat，两个隐空间维度
都是活跃的。试试 beta 4（重构 3.09，KL 2.81：更平滑的编码，更模糊的重构）、
x sigma 1（课堂笔记的损失：KL 项占上风，一个隐空间维度坍塌，
每维 KL 为 0.35 和 0.00），或者自编码器（没有 KL：先验样本落在任何地方）。
{ELBO_ZH}""",
    ),
    "vae_latent_grid": dict(
        title="A VAE's latent plane of digits",
        title_zh="VAE 的数字隐平面",
        config=dict(mode="vae", data="digits", beta=1.0, max_steps=3000),
        notes=f"""
A VAE with a 2-D latent space on the 8x8 digits (encoder and decoder: 2 layers of 128 units).

- **latent means**: $\\mu_1(x)$ of 500 digits, coloured by class: the classes form regions although
  the VAE never sees a label.
- **decoder over the latent plane**: the decoder's mean at a 10x10 grid of z in [-2.5, 2.5]^2: the
  digits morph into each other continuously.
- **samples from the prior**: 32 z ~ N(0, I) decoded.
- **interpolation**: the straight line in z between the codes of two chosen digits (*interp a, b*),
  decoded (the black path in the latent scatter).
- **reconstructions**: the first 10 digits above their decodings at z = mu.

Measured with seed 0: reconstruction 21.8 and KL 2.58 nats per digit at step 1,000 (both latent
dimensions active, KL per dimension about 1.3 and 1.2). The -ELBO curve is their sum, a bound on
$-\\log p(x)$.
{ELBO}""",
        notes_zh=rf"""
在 8x8 手写数字上训练二维隐空间的 VAE（编码器和解码器：2 个 128 单元的层）。

- **latent means**（隐变量均值）：500 个数字的 $\mu_1(x)$，按类别着色：尽管
  VAE 从未见过标签，各类别仍然形成各自的区域。
- **decoder over the latent plane**（隐空间平面上的解码器）：解码器在 [-2.5, 2.5]^2 中 10x10 个 z 网格点上的均值：
  数字连续地相互变形。
- **samples from the prior**（先验样本）：解码 32 个 z ~ N(0, I)。
- **interpolation**（插值）：两个选定数字（*interp a, b*）的编码之间在 z 中的直线，
  解码后的结果（隐空间散点图中的黑色路径）。
- **reconstructions**（重构）：前 10 个数字，下方是它们在 z = mu 处的解码。

随机种子 0 的测量结果：第 1,000 步时每个数字重构 21.8、KL 2.58 nat（两个隐空间维度
都活跃，每维 KL 约 1.3 和 1.2）。-ELBO 曲线是两者之和，是
$-\log p(x)$ 的一个上界。
{ELBO_ZH}""",
    ),
}



# Steps per second each lesson plays at, so that its run lasts about 20-40 s on a 2-core laptop CPU
# (measured by benchmarks/lesson_pacing.py; docs/performance.md): at Max speed these runs were over
# in 0.1-10 s, and a class saw only their end. A lesson not listed plays as fast as it can.
PACED = {"beta_vae_tradeoff": 40.0}


def build(name: str):
    from playground.presets import new_preset, tidy_notes

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], title_zh=lesson["title_zh"],
                      notes=lesson["notes"].strip() + "\n",
                      notes_zh=tidy_notes(lesson.get("notes_zh", "")), seed=0,
                      device="auto", speed=PACED.get(name), config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/generative/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
