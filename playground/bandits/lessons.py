"""The shipped lesson presets: ``python -m playground.bandits.lessons`` rewrites presets/bandits/ (``write_all``).

Every number a note quotes from a run is written as a backquoted column name, " = ", the value, after a sentence made by
``cli_numbers(stem, step)`` naming the command and the row of ``metrics.csv``;
tests/core/test_bandits_presets.py runs that command and compares each one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playground.bandits.config import AlgoSpec as A
from playground.bandits.config import BanditsConfig

REGRET_AND_METRICS = r"""Regret (seed notes): $R_n = n\,\mu^* - E\left[\sum_{t=1}^n X_t\right] = \sum_i \Delta_i\, E[T_i(n)]$,
with gap $\Delta_i = \mu^* - \mu_i$ and $T_i(n)$ the pulls of arm $i$. The regret plot averages
$\sum_t (\mu^*_t - \mu_{A_t})$ over the runs; the shaded bands are 95% intervals ($1.96\,s/\sqrt{N}$).

In `metrics.csv`, `<algorithm>_avg_reward` and `<algorithm>_pct_optimal` are the reward and the
% optimal action *at step t*, averaged over the runs: the curves here and in Sutton & Barto's
figures. `_cumulative_mean_reward` and `_cumulative_pct_optimal` average steps $1..t$ as well
(they lag the curves while the algorithms learn); `_cumulative_regret` is the regret plot."""

REGRET_AND_METRICS_ZH = r"""遗憾值（课堂笔记）：$R_n = n\,\mu^* - E\left[\sum_{t=1}^n X_t\right] = \sum_i \Delta_i\, E[T_i(n)]$，
其中差距 $\Delta_i = \mu^* - \mu_i$，$T_i(n)$ 是臂 $i$ 被拉动的次数。遗憾图画的是
$\sum_t (\mu^*_t - \mu_{A_t})$ 在各次运行上的平均；阴影带是 95% 区间（$1.96\,s/\sqrt{N}$）。

`metrics.csv` 中的 `<algorithm>_avg_reward` 和 `<algorithm>_pct_optimal` 是*第 t 步*的奖励和
最优动作百分比，对各次运行取平均：就是这里的曲线，也是 Sutton & Barto 书中图里的曲线。
`_cumulative_mean_reward` 和 `_cumulative_pct_optimal` 还对第 $1..t$ 步取平均
（算法还在学习时它们落后于曲线）；`_cumulative_regret` 就是遗憾图。"""


def cli_numbers(stem: str, step: int) -> str:
    """The sentence that introduces a note's quoted numbers: the command and the row they come from."""
    return (f"`python -m playground run bandits/{stem} --steps {step}` (seed 0) writes, "
            f"in `metrics.csv` at step {step}:")


def cli_numbers_zh(stem: str, step: int) -> str:
    """cli_numbers in Chinese: the same command, so the same numbers follow."""
    return (f"`python -m playground run bandits/{stem} --steps {step}`（随机种子 0）"
            f"在 `metrics.csv` 中第 {step} 步写出：")

PANEL = "bandits"

LESSONS = {
    "testbed_10_armed": dict(
        title="The 10-armed testbed",
        title_zh="10 臂测试平台",
        notes=r"""Sutton & Barto's testbed: 2,000 bandits, each with 10 arms whose means are drawn
$\mu_a \sim N(0, 1)$; a pull pays $N(\mu_a, 1)$. Every algorithm meets the same bandits and the same
reward draws.

Sample averages: $Q_{n+1} = Q_n + \frac{1}{n}(R_n - Q_n)$.

* **greedy** $A_t = \arg\max_a Q_t(a)$ locks onto an early winner: its average reward stalls near 1
  and it finds the best arm in only about a third of the runs.
* **$\varepsilon$-greedy** pulls a random arm with probability $\varepsilon$: $\varepsilon = 0.1$
  learns fast and levels off (it still explores 10% of the time); $\varepsilon = 0.01$
  learns slowly but ends higher.
* **UCB** $A_t = \arg\max_a \left[Q_t(a) + c\sqrt{\ln t / N_t(a)}\right]$ explores where it is unsure:
  above $\varepsilon$-greedy after the first few hundred steps.
* **gradient bandit**: softmax preferences $\pi_t(a) = e^{H_t(a)}/\sum_b e^{H_t(b)}$,
  $H_{t+1}(a) = H_t(a) + \alpha (R_t - \bar R_t)(\mathbb{1}[a = A_t] - \pi_t(a))$.

""" + cli_numbers("testbed_10_armed", 1000) + r"""

* greedy: `greedy_avg_reward` = 1.05, `greedy_pct_optimal` = 37 (the book's fig. 2.2: about 1 and a third);
* $\varepsilon = 0.01$: `epsilon_greedy_eps_0_01_avg_reward` = 1.30, `epsilon_greedy_eps_0_01_pct_optimal` = 59;
* $\varepsilon = 0.1$: `epsilon_greedy_eps_0_1_avg_reward` = 1.36, `epsilon_greedy_eps_0_1_pct_optimal` = 80
  (the book: about 1.35 and 80%);
* UCB $c = 2$: `ucb1_c_2_avg_reward` = 1.49, `ucb1_c_2_pct_optimal` = 86 (fig. 2.4: about 1.5); its mean
  over all 1000 steps is lower, `ucb1_c_2_cumulative_mean_reward` = 1.37, because it counts the steps spent learning;
* gradient bandit: `gradient_bandit_alpha_0_1_baseline_avg_reward` = 1.51,
  `gradient_bandit_alpha_0_1_baseline_pct_optimal` = 86.

A single step's average still wiggles from step to step (the shaded 95% band shows by how much).

""" + REGRET_AND_METRICS,
        notes_zh=r"""Sutton & Barto 的 10 臂测试平台：2,000 个老虎机，每个有 10 个臂，各臂均值抽自
$\mu_a \sim N(0, 1)$；拉一次臂得到服从 $N(\mu_a, 1)$ 的奖励。所有算法面对同样的老虎机和同样的奖励抽样。

样本平均：$Q_{n+1} = Q_n + \frac{1}{n}(R_n - Q_n)$。

* **贪心** $A_t = \arg\max_a Q_t(a)$ 会锁定早期的赢家：平均奖励停在 1 附近，
  只在大约三分之一的运行中找到最优臂。
* **$\varepsilon$-贪心** 以概率 $\varepsilon$ 随机拉一个臂：$\varepsilon = 0.1$
  学得快，随后趋于平稳（它仍有 10% 的时间在探索）；$\varepsilon = 0.01$
  学得慢，但最终更高。
* **UCB** $A_t = \arg\max_a \left[Q_t(a) + c\sqrt{\ln t / N_t(a)}\right]$ 在没把握的地方探索：
  最初几百步之后就超过 $\varepsilon$-贪心。
* **梯度老虎机**：softmax 偏好 $\pi_t(a) = e^{H_t(a)}/\sum_b e^{H_t(b)}$，
  $H_{t+1}(a) = H_t(a) + \alpha (R_t - \bar R_t)(\mathbb{1}[a = A_t] - \pi_t(a))$。

""" + cli_numbers_zh("testbed_10_armed", 1000) + r"""

* 贪心：`greedy_avg_reward` = 1.05，`greedy_pct_optimal` = 37（书中图 2.2：约 1 和三分之一）；
* $\varepsilon = 0.01$：`epsilon_greedy_eps_0_01_avg_reward` = 1.30，`epsilon_greedy_eps_0_01_pct_optimal` = 59；
* $\varepsilon = 0.1$：`epsilon_greedy_eps_0_1_avg_reward` = 1.36，`epsilon_greedy_eps_0_1_pct_optimal` = 80
  （书中：约 1.35 和 80%）；
* UCB $c = 2$：`ucb1_c_2_avg_reward` = 1.49，`ucb1_c_2_pct_optimal` = 86（图 2.4：约 1.5）；它在全部
  1000 步上的平均更低，`ucb1_c_2_cumulative_mean_reward` = 1.37，因为学习期间的步数也计算在内；
* 梯度老虎机：`gradient_bandit_alpha_0_1_baseline_avg_reward` = 1.51，
  `gradient_bandit_alpha_0_1_baseline_pct_optimal` = 86。

单步的平均值仍会随步数上下波动（阴影的 95% 带显示波动有多大）。

""" + REGRET_AND_METRICS_ZH,
        config=BanditsConfig(algorithms=[A(kind="greedy"), A(kind="eps_greedy", epsilon=0.01),
                                         A(kind="eps_greedy", epsilon=0.1), A(kind="ucb1", c=2.0),
                                         A(kind="gradient", step_size=0.1, baseline=True)])),
    "etc_commitment": dict(
        title="Explore-then-commit: when to commit",
        title_zh="先探索后利用（ETC）：何时做出承诺",
        notes=r"""Two Gaussian arms, $\mu = (0.5, 0)$, gap $\Delta = 0.5$, horizon $n = 2000$.

ETC (seed notes) pulls each arm $m$ times in turn, then commits:
$A_t = (t \bmod k) + 1$ for $t \le mk$, else $\arg\max_i \hat\mu_i(mk)$.

Its regret is bounded by
$$R_n \le m\Delta + (n - 2m)\,\Delta\, e^{-m\Delta^2/4}$$
and the best $m$ for a known gap is
$$m = \max\left\{1, \left\lceil \frac{4}{\Delta^2} \log\frac{n\Delta^2}{4} \right\rceil\right\} = 78,$$
giving $R_n \le \min\{n\Delta,\ \Delta + \frac{4}{\Delta}(1 + \max\{0, \log\frac{n\Delta^2}{4}\})\}$.
(The seed notes write $\Delta$ where the book has $\Delta^2$.)

Watch the regret curve: exploring costs $\Delta/2$ per step until $t = 2m$ (a straight line),
then flattens. $m = 10$ commits too early and sometimes to the wrong arm (regret keeps growing
$\propto n$ in those runs); $m = 400$ pays for exploring too long, exactly $m\Delta$. UCB needs no
$\Delta$ at all. The dashed red curve is the ETC bound for the first ETC (best $m$).

""" + cli_numbers("etc_commitment", 2000) + r"""
best $m$ `explore_then_commit_best_m_cumulative_regret` = 39.9; $m = 10$
`explore_then_commit_m_10_cumulative_regret` = 132.7 (it pulls the best arm in only
`explore_then_commit_m_10_pct_optimal` = 87.1 % of the runs: the others committed to the wrong one);
$m = 400$ `explore_then_commit_m_400_cumulative_regret` = 200.0; UCB($\delta = 1/n^2$)
`ucb_delta_delta_2_5e_07_cumulative_regret` = 39.4 without knowing $\Delta$.

""" + REGRET_AND_METRICS,
        notes_zh=r"""两个高斯臂，$\mu = (0.5, 0)$，差距 $\Delta = 0.5$，时间范围 $n = 2000$。

ETC（先探索后承诺，课堂笔记）轮流把每个臂拉 $m$ 次，然后承诺：
当 $t \le mk$ 时 $A_t = (t \bmod k) + 1$，否则 $\arg\max_i \hat\mu_i(mk)$。

它的遗憾值有上界
$$R_n \le m\Delta + (n - 2m)\,\Delta\, e^{-m\Delta^2/4}$$
在已知差距时，最好的 $m$ 是
$$m = \max\left\{1, \left\lceil \frac{4}{\Delta^2} \log\frac{n\Delta^2}{4} \right\rceil\right\} = 78,$$
此时 $R_n \le \min\{n\Delta,\ \Delta + \frac{4}{\Delta}(1 + \max\{0, \log\frac{n\Delta^2}{4}\})\}$。
（课堂笔记中写的是 $\Delta$，书中是 $\Delta^2$。）

观察遗憾曲线：在 $t = 2m$ 之前，探索每步花费 $\Delta/2$（一条直线），之后变平。
$m = 10$ 承诺得太早，有时承诺到错误的臂上（在这些运行中遗憾按 $\propto n$ 持续增长）；
$m = 400$ 为探索太久付出代价，恰好是 $m\Delta$。UCB 完全不需要知道
$\Delta$。红色虚线是第一个 ETC（最好的 $m$）的遗憾上界。

""" + cli_numbers_zh("etc_commitment", 2000) + r"""
最好的 $m$：`explore_then_commit_best_m_cumulative_regret` = 39.9；$m = 10$：
`explore_then_commit_m_10_cumulative_regret` = 132.7（只有
`explore_then_commit_m_10_pct_optimal` = 87.1 % 的运行在拉最优臂：其余的承诺到了错误的臂上）；
$m = 400$：`explore_then_commit_m_400_cumulative_regret` = 200.0；UCB($\delta = 1/n^2$)
不需要知道 $\Delta$：`ucb_delta_delta_2_5e_07_cumulative_regret` = 39.4。

""" + REGRET_AND_METRICS_ZH,
        config=BanditsConfig(arms=2, means_source="typed", means=[0.5, 0.0], horizon=2000, runs=2000,
                             algorithms=[A(kind="etc", m=0), A(kind="etc", m=10), A(kind="etc", m=400),
                                         A(kind="ucb_delta", delta=2.5e-7)])),
    "optimistic_initial_values": dict(
        title="Optimism in the face of uncertainty",
        title_zh="面对不确定性时保持乐观",
        notes=r"""Initial estimates $Q_1(a) = 5$ on the 10-armed testbed (means near 0) are wildly
optimistic: every pulled arm disappoints, so even a purely **greedy** learner tries them all.
With a constant step size $Q_{n+1} = Q_n + \alpha (R_n - Q_n)$, $\alpha = 0.1$, the optimism fades
geometrically, $(1-\alpha)^n$.

Sutton & Barto fig. 2.3: optimistic greedy starts worse (it explores) and ends with a higher
% optimal action than realistic $\varepsilon$-greedy ($Q_1 = 0$, $\varepsilon = 0.1$). The trick
only drives exploration at the start: useless when the arms change later.

""" + cli_numbers("optimistic_initial_values", 1000) + r"""
optimistic greedy `greedy_q1_5_alpha_0_1_pct_optimal` = 85 (`greedy_q1_5_alpha_0_1_avg_reward` = 1.51),
realistic $\varepsilon$-greedy `epsilon_greedy_eps_0_1_alpha_0_1_pct_optimal` = 76
(`epsilon_greedy_eps_0_1_alpha_0_1_avg_reward` = 1.34), plain greedy `greedy_pct_optimal` = 36.

""" + REGRET_AND_METRICS,
        notes_zh=r"""在 10 臂测试平台上（均值在 0 附近），初始估计 $Q_1(a) = 5$ 极其乐观：
每个被拉的臂都令人失望，所以即使是纯**贪心**的学习者也会把所有臂都试一遍。
用常数步长 $Q_{n+1} = Q_n + \alpha (R_n - Q_n)$，$\alpha = 0.1$，乐观按几何级数
$(1-\alpha)^n$ 消退。

Sutton & Barto 图 2.3：乐观的贪心一开始更差（它在探索），最终的最优动作百分比却高于
现实的 $\varepsilon$-贪心（$Q_1 = 0$，$\varepsilon = 0.1$）。这个技巧只在开始时推动探索：
如果各臂以后会变化，它就没用了。

""" + cli_numbers_zh("optimistic_initial_values", 1000) + r"""
乐观贪心 `greedy_q1_5_alpha_0_1_pct_optimal` = 85（`greedy_q1_5_alpha_0_1_avg_reward` = 1.51），
现实的 $\varepsilon$-贪心 `epsilon_greedy_eps_0_1_alpha_0_1_pct_optimal` = 76
（`epsilon_greedy_eps_0_1_alpha_0_1_avg_reward` = 1.34），普通贪心 `greedy_pct_optimal` = 36。

""" + REGRET_AND_METRICS_ZH,
        config=BanditsConfig(algorithms=[A(kind="greedy", initial=5.0, step_size=0.1),
                                         A(kind="eps_greedy", epsilon=0.1, step_size=0.1),
                                         A(kind="greedy")])),
    "ucb_bonus": dict(
        title="UCB: the confidence bonus",
        title_zh="UCB：置信奖励项",
        notes=r"""Seed notes: for 1-subgaussian rewards, $P\left(\mu > \hat\mu + \sqrt{2\log(1/\delta)/n}\right) \le \delta$.
UCB plays the arm with the largest plausible mean,
$$UCB_i(t-1, \delta) = \hat\mu_i(t-1) + \sqrt{\frac{2\log(1/\delta)}{T_i(t-1)}},$$
(UCB1: $Q_t(a) + c\sqrt{\ln t / N_t(a)}$; untried arms first.) Pick the UCB view at the top:
the triangles are each arm's upper bound; the best arm's bar is short (pulled often), the
others' bounds sit just below it.

Regret: $R_n \le 3\sum_i \Delta_i + \sum_{\Delta_i > 0} \frac{16 \log n}{\Delta_i}$, or without gaps
$R_n = O(\sqrt{k n \log n})$ (dashed). The bonus prices exploration: with $c = 5$ UCB keeps
paying for arms it already knows to be bad; on this testbed $c = 0.5$ and UCB($\delta = 0.01$) do
best, far below the bounds, whose constants are conservative. Try the log-x axis: UCB's regret
grows like $\log t$ while $\varepsilon$-greedy's grows like $t$.

""" + cli_numbers("ucb_bonus", 1000) + r"""
regret `ucb1_c_0_5_cumulative_regret` = 59.9, `ucb1_c_2_cumulative_regret` = 149.6,
`ucb1_c_5_cumulative_regret` = 481.5, `ucb_delta_delta_0_01_cumulative_regret` = 70.3,
`epsilon_greedy_eps_0_1_cumulative_regret` = 228.2; UCB $c = 2$ earns `ucb1_c_2_avg_reward` = 1.49
per pull at that step (Sutton & Barto fig. 2.4: about 1.5).

""" + REGRET_AND_METRICS,
        notes_zh=r"""课堂笔记：对 1-次高斯的奖励，$P\left(\mu > \hat\mu + \sqrt{2\log(1/\delta)/n}\right) \le \delta$。
UCB（置信上界）选择可能均值最大的臂，
$$UCB_i(t-1, \delta) = \hat\mu_i(t-1) + \sqrt{\frac{2\log(1/\delta)}{T_i(t-1)}},$$
（UCB1：$Q_t(a) + c\sqrt{\ln t / N_t(a)}$；没试过的臂优先。）在上方选择 UCB 视图：
三角形是每个臂的置信上界；最优臂的区间很短（被拉得多），其他臂的上界就在它下面一点。

遗憾值：$R_n \le 3\sum_i \Delta_i + \sum_{\Delta_i > 0} \frac{16 \log n}{\Delta_i}$，与差距无关的形式为
$R_n = O(\sqrt{k n \log n})$（虚线）。奖励项是探索的价格：$c = 5$ 时，UCB 一直在为已经知道不好的臂付钱；
在这个测试平台上 $c = 0.5$ 和 UCB($\delta = 0.01$) 最好，远低于上界，因为上界的常数很保守。
试试对数 x 轴：UCB 的遗憾按 $\log t$ 增长，而 $\varepsilon$-贪心按 $t$ 增长。

""" + cli_numbers_zh("ucb_bonus", 1000) + r"""
遗憾值 `ucb1_c_0_5_cumulative_regret` = 59.9，`ucb1_c_2_cumulative_regret` = 149.6，
`ucb1_c_5_cumulative_regret` = 481.5，`ucb_delta_delta_0_01_cumulative_regret` = 70.3，
`epsilon_greedy_eps_0_1_cumulative_regret` = 228.2；UCB $c = 2$ 在这一步每次拉臂得到
`ucb1_c_2_avg_reward` = 1.49（Sutton & Barto 图 2.4：约 1.5）。

""" + REGRET_AND_METRICS_ZH,
        config=BanditsConfig(algorithms=[A(kind="ucb1", c=0.5), A(kind="ucb1", c=2.0), A(kind="ucb1", c=5.0),
                                         A(kind="ucb_delta", delta=0.01), A(kind="eps_greedy", epsilon=0.1)])),
    "thompson_sampling": dict(
        title="Thompson sampling",
        title_zh="Thompson 采样",
        notes=r"""Bernoulli arms (click-through rates) $\mu = (0.1, 0.3, 0.45, 0.5, 0.55)$.
Thompson sampling keeps a posterior per arm, draws one sample from each and pulls the largest:
probability matching. With a uniform prior the posterior after $s$ successes and $f$ failures is
$$\mathrm{Beta}(1 + s,\ 1 + f).$$
Pick *Thompson Beta-Bernoulli* in the per-arm view: the densities narrow around the arms
that are pulled, while bad arms keep wide posteriors and are rarely sampled highest.

The Gaussian version (prior $N(0, s_0^2)$, noise $\sigma$): posterior precision
$1/s_0^2 + N/\sigma^2$, mean $\frac{S/\sigma^2}{1/s_0^2 + N/\sigma^2}$ ($S$ the sum of rewards).

""" + cli_numbers("thompson_sampling", 2000) + r"""
regret `thompson_beta_bernoulli_cumulative_regret` = 42.5 (best arm `thompson_beta_bernoulli_pct_optimal` = 88.7 %),
UCB1 $c = 1$ `ucb1_c_1_cumulative_regret` = 76.8, $\varepsilon = 0.1$ `epsilon_greedy_eps_0_1_cumulative_regret` = 69.8,
decaying $\varepsilon$ `decaying_epsilon_eps0_1_decay_50_cumulative_regret` = 59.7.

""" + REGRET_AND_METRICS,
        notes_zh=r"""伯努利臂（点击率）$\mu = (0.1, 0.3, 0.45, 0.5, 0.55)$。
汤普森采样为每个臂维护一个后验分布，从每个后验各抽一个样本，拉样本最大的臂：
即概率匹配。在均匀先验下，$s$ 次成功、$f$ 次失败后的后验是
$$\mathrm{Beta}(1 + s,\ 1 + f).$$
在各臂视图中选择 *Thompson Beta-Bernoulli*：被拉的臂的密度逐渐收窄，
而差的臂保持宽的后验，很少抽出最大值。

高斯版本（先验 $N(0, s_0^2)$，噪声 $\sigma$）：后验精度
$1/s_0^2 + N/\sigma^2$，均值 $\frac{S/\sigma^2}{1/s_0^2 + N/\sigma^2}$（$S$ 为奖励之和）。

""" + cli_numbers_zh("thompson_sampling", 2000) + r"""
遗憾值 `thompson_beta_bernoulli_cumulative_regret` = 42.5（最优臂 `thompson_beta_bernoulli_pct_optimal` = 88.7 %），
UCB1 $c = 1$ `ucb1_c_1_cumulative_regret` = 76.8，$\varepsilon = 0.1$ `epsilon_greedy_eps_0_1_cumulative_regret` = 69.8，
衰减的 $\varepsilon$ `decaying_epsilon_eps0_1_decay_50_cumulative_regret` = 59.7。

""" + REGRET_AND_METRICS_ZH,
        config=BanditsConfig(arms=5, reward_kind="bernoulli", means_source="typed",
                             means=[0.1, 0.3, 0.45, 0.5, 0.55], runs=1000, horizon=2000,
                             algorithms=[A(kind="thompson_beta"), A(kind="ucb1", c=1.0),
                                         A(kind="eps_greedy", epsilon=0.1), A(kind="eps_decay", epsilon=1.0, decay=50)])),
    "nonstationary_constant_step": dict(
        title="Non-stationary arms: a constant step size wins",
        title_zh="非平稳的臂：固定步长更胜一筹",
        notes=r"""Sutton & Barto exercise 2.5: ten arms start equal ($\mu = 0$) and drift,
$\mu_a \leftarrow \mu_a + N(0, 0.01^2)$ every step. The best arm keeps changing.

Sample averages $Q_{n+1} = Q_n + \frac{1}{n}(R_n - Q_n)$ weigh a reward from long ago as much as
today's, so they follow the drift ever more slowly. A constant step size
$$Q_{n+1} = Q_n + \alpha (R_n - Q_n) = (1-\alpha)^n Q_1 + \sum_{i=1}^n \alpha (1-\alpha)^{n-i} R_i$$
is an exponential recency-weighted average: it forgets, and keeps tracking. Both use
$\varepsilon = 0.1$; the $\alpha = 0.1$ learner's % optimal action pulls away.
(No bound curves here: the bounds assume fixed means.)

""" + cli_numbers("nonstationary_constant_step", 5000) + r"""
$\alpha = 0.1$ `epsilon_greedy_eps_0_1_alpha_0_1_pct_optimal` = 71.7
(`epsilon_greedy_eps_0_1_alpha_0_1_avg_reward` = 0.91), sample averages `epsilon_greedy_eps_0_1_pct_optimal` = 45.0
(`epsilon_greedy_eps_0_1_avg_reward` = 0.76).

""" + REGRET_AND_METRICS,
        notes_zh=r"""Sutton & Barto 习题 2.5：十个臂一开始相同（$\mu = 0$），然后每一步都漂移，
$\mu_a \leftarrow \mu_a + N(0, 0.01^2)$。最优臂不断变化。

样本平均 $Q_{n+1} = Q_n + \frac{1}{n}(R_n - Q_n)$ 对很久以前的奖励和今天的奖励同样看重，
所以跟随漂移越来越慢。常数步长
$$Q_{n+1} = Q_n + \alpha (R_n - Q_n) = (1-\alpha)^n Q_1 + \sum_{i=1}^n \alpha (1-\alpha)^{n-i} R_i$$
是指数近因加权平均：它会遗忘，因而能持续跟踪。两者都用
$\varepsilon = 0.1$；$\alpha = 0.1$ 的学习者的最优动作百分比逐渐拉开差距。
（这里没有上界曲线：那些上界假设均值固定。）

""" + cli_numbers_zh("nonstationary_constant_step", 5000) + r"""
$\alpha = 0.1$：`epsilon_greedy_eps_0_1_alpha_0_1_pct_optimal` = 71.7
（`epsilon_greedy_eps_0_1_alpha_0_1_avg_reward` = 0.91），样本平均：`epsilon_greedy_eps_0_1_pct_optimal` = 45.0
（`epsilon_greedy_eps_0_1_avg_reward` = 0.76）。

""" + REGRET_AND_METRICS_ZH,
        config=BanditsConfig(means_source="typed", means=[0.0] * 10, drift_std=0.01, runs=1000, horizon=5000,
                             algorithms=[A(kind="eps_greedy", epsilon=0.1),
                                         A(kind="eps_greedy", epsilon=0.1, step_size=0.1)])),
}


# Steps per second each lesson plays at, so that its run lasts about 20-40 s on a 2-core laptop CPU
# (measured by benchmarks/lesson_pacing.py; docs/performance.md): at Max speed these runs were over
# in 0.1-10 s, and a class saw only their end. A lesson not listed plays as fast as it can.
PACED = {"etc_commitment": 100.0, "nonstationary_constant_step": 200.0, "optimistic_initial_values": 50.0,
         "testbed_10_armed": 50.0, "thompson_sampling": 100.0, "ucb_bonus": 50.0}


def build(name: str):
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], title_zh=lesson["title_zh"],
                      notes=lesson["notes"],
                      notes_zh=lesson.get("notes_zh", ""), seed=0, speed=PACED.get(name), config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/bandits/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
