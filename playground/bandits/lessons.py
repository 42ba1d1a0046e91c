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


def cli_numbers(stem: str, step: int) -> str:
    """The sentence that introduces a note's quoted numbers: the command and the row they come from."""
    return (f"`python -m playground run bandits/{stem} --steps {step}` (seed 0) writes, "
            f"in `metrics.csv` at step {step}:")

PANEL = "bandits"

LESSONS = {
    "testbed_10_armed": dict(
        title="The 10-armed testbed",
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
        config=BanditsConfig(algorithms=[A(kind="greedy"), A(kind="eps_greedy", epsilon=0.01),
                                         A(kind="eps_greedy", epsilon=0.1), A(kind="ucb1", c=2.0),
                                         A(kind="gradient", step_size=0.1, baseline=True)])),
    "etc_commitment": dict(
        title="Explore-then-commit: when to commit",
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
        config=BanditsConfig(arms=2, means_source="typed", means=[0.5, 0.0], horizon=2000, runs=2000,
                             algorithms=[A(kind="etc", m=0), A(kind="etc", m=10), A(kind="etc", m=400),
                                         A(kind="ucb_delta", delta=2.5e-7)])),
    "optimistic_initial_values": dict(
        title="Optimism in the face of uncertainty",
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
        config=BanditsConfig(algorithms=[A(kind="greedy", initial=5.0, step_size=0.1),
                                         A(kind="eps_greedy", epsilon=0.1, step_size=0.1),
                                         A(kind="greedy")])),
    "ucb_bonus": dict(
        title="UCB: the confidence bonus",
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
        config=BanditsConfig(algorithms=[A(kind="ucb1", c=0.5), A(kind="ucb1", c=2.0), A(kind="ucb1", c=5.0),
                                         A(kind="ucb_delta", delta=0.01), A(kind="eps_greedy", epsilon=0.1)])),
    "thompson_sampling": dict(
        title="Thompson sampling",
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
        config=BanditsConfig(arms=5, reward_kind="bernoulli", means_source="typed",
                             means=[0.1, 0.3, 0.45, 0.5, 0.55], runs=1000, horizon=2000,
                             algorithms=[A(kind="thompson_beta"), A(kind="ucb1", c=1.0),
                                         A(kind="eps_greedy", epsilon=0.1), A(kind="eps_decay", epsilon=1.0, decay=50)])),
    "nonstationary_constant_step": dict(
        title="Non-stationary arms: a constant step size wins",
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
        config=BanditsConfig(means_source="typed", means=[0.0] * 10, drift_std=0.01, runs=1000, horizon=5000,
                             algorithms=[A(kind="eps_greedy", epsilon=0.1),
                                         A(kind="eps_greedy", epsilon=0.1, step_size=0.1)])),
}


def build(name: str):
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], notes=lesson["notes"], seed=0, config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/bandits/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
