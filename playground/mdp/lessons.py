"""The MDP & RL panel's lesson presets, written to ``presets/mdp/`` by ``python -m playground.mdp.lessons``.

A test checks that the shipped files equal what this module builds, so edit lessons here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playground.mdp.config import (
    SEED_P, SEED_R, DQNConfig, GridConfig, MDPConfig, TabularConfig, Teleport,
)

BELLMAN = r"""
Bellman expectation equation (seed notes):

$$V_\pi(s) = \sum_a \pi(a|s)\, Q_\pi(s,a)$$

$$Q_\pi(s,a) = \sum_{s'} P(s'|s,a) [r + \gamma V_\pi(s')]$$

where $r = r(s,a,s')$.

In matrix form, with

$$P_\pi(s'|s) = \sum_a \pi(a|s)\, P(s'|s,a)$$

$$R_\pi(s) = \sum_a \pi(a|s)\, r(s,a)$$

$$V_\pi = R_\pi + \gamma P_\pi V_\pi$$

$$V_\pi = (I - \gamma P_\pi)^{-1} R_\pi$$
"""

OPTIMALITY = r"""
Bellman optimality equation:

$$Q^*(s,a) = \sum_{s'} P(s'|s,a) [r + \gamma \max_{a'} Q^*(s',a')]$$

$$V^*(s) = \max_a Q^*(s,a)$$

$$\pi^*(s) = \mathrm{argmax}_a\, Q^*(s,a)$$
"""

TD = r"""
TD control (seed notes): actions are $\epsilon$-greedy, $\alpha$ is the step size, and

$$Q(s_t,a_t) \leftarrow (1-\alpha)\, Q(s_t,a_t) + \alpha\, \hat y_t$$

- **Q-learning** (off-policy: the behaviour and target policies differ): $\hat y_t = r_t + \gamma \max_a Q(s_{t+1}, a)$
- **SARSA** (on-policy, no replay): $\hat y_t = r_t + \gamma Q(s_{t+1}, a_{t+1})$ with $a_{t+1} \sim \pi_{now}(\cdot|s_{t+1})$
- **Expected SARSA**: $\hat y_t = r_t + \gamma \sum_a \pi(a|s_{t+1})\, Q(s_{t+1}, a)$

and $\hat y_t = r_t$ when $s_{t+1}$ is terminal.
"""

BELLMAN_ZH = r"""
贝尔曼期望方程（课堂笔记）：

$$V_\pi(s) = \sum_a \pi(a|s)\, Q_\pi(s,a)$$

$$Q_\pi(s,a) = \sum_{s'} P(s'|s,a) [r + \gamma V_\pi(s')]$$

其中 $r = r(s,a,s')$。

写成矩阵形式，令

$$P_\pi(s'|s) = \sum_a \pi(a|s)\, P(s'|s,a)$$

$$R_\pi(s) = \sum_a \pi(a|s)\, r(s,a)$$

$$V_\pi = R_\pi + \gamma P_\pi V_\pi$$

$$V_\pi = (I - \gamma P_\pi)^{-1} R_\pi$$
"""

OPTIMALITY_ZH = r"""
最优贝尔曼方程：

$$Q^*(s,a) = \sum_{s'} P(s'|s,a) [r + \gamma \max_{a'} Q^*(s',a')]$$

$$V^*(s) = \max_a Q^*(s,a)$$

$$\pi^*(s) = \mathrm{argmax}_a\, Q^*(s,a)$$
"""

TD_ZH = r"""
时序差分控制（课堂笔记）：动作按 $\epsilon$-贪心选择，$\alpha$ 是步长，并且

$$Q(s_t,a_t) \leftarrow (1-\alpha)\, Q(s_t,a_t) + \alpha\, \hat y_t$$

- **Q-learning**（异策略：行为策略和目标策略不同）：$\hat y_t = r_t + \gamma \max_a Q(s_{t+1}, a)$
- **SARSA**（同策略，不能用经验回放）：$\hat y_t = r_t + \gamma Q(s_{t+1}, a_{t+1})$，其中 $a_{t+1} \sim \pi_{now}(\cdot|s_{t+1})$
- **Expected SARSA**：$\hat y_t = r_t + \gamma \sum_a \pi(a|s_{t+1})\, Q(s_{t+1}, a)$

当 $s_{t+1}$ 是终止状态时 $\hat y_t = r_t$。
"""


def _random_walk() -> TabularConfig:
    """Sutton & Barto example 6.2: L A B C D E R, L and R terminal, +1 for leaving E to the right."""
    names = ["L", "A", "B", "C", "D", "E", "R"]
    S = len(names)
    left = [[float(j == (i - 1 if 0 < i < S - 1 else i)) for j in range(S)] for i in range(S)]
    right = [[float(j == (i + 1 if 0 < i < S - 1 else i)) for j in range(S)] for i in range(S)]
    R = [[0.0, 0.0] for _ in range(S)]
    R[S - 2][1] = 1.0
    return TabularConfig(states=names, actions=["left", "right"], P=[left, right], R=R,
                         policy=[[0.5, 0.5]] * S, terminal=[True] + [False] * (S - 2) + [True], gamma=1.0)


def _river_swim() -> TabularConfig:
    """RiverSwim (Strehl & Littman): swimming right fights the current, the big reward is upstream."""
    S = 6
    left = [[float(j == max(i - 1, 0)) for j in range(S)] for i in range(S)]
    right = []
    for i in range(S):
        row = [0.0] * S
        if i == 0:
            row[0], row[1] = 0.4, 0.6
        elif i == S - 1:
            row[i - 1], row[i] = 0.4, 0.6
        else:
            row[i - 1], row[i], row[i + 1] = 0.05, 0.6, 0.35
        right.append(row)
    R = [[0.0, 0.0] for _ in range(S)]
    R[0][0], R[S - 1][1] = 0.005, 1.0
    return TabularConfig(states=[f"s{i + 1}" for i in range(S)], actions=["left", "right"], P=[left, right], R=R,
                         policy=[[0.5, 0.5]] * S, terminal=[False] * S, gamma=0.95)


PANEL = "mdp"

# file stem -> new_preset keyword arguments
LESSONS: dict[str, dict] = {
    "seed_3state_mdp": dict(
        title="The seed notes' 3-state MDP",
        title_zh="讲义中的 3 状态 MDP",
        seed=0,
        config=MDPConfig(mode="tabular", tabular=TabularConfig(P=SEED_P, R=SEED_R, gamma=0.9)),
        notes=r"""The worked example of the seed notes: three states, two actions, reward
$r(s) = (1, 0, -1)$ whatever the action, and the policy $\pi(a|s) = 1/2$ for both actions.

```
P(s'|s,a1)   P(s'|s,a2)   P_pi(s'|s)
.8 .1 .1     .1 .6 .3     .45 .35 .20
.7 .2 .1     .1 .8 .1     .40 .50 .10
.6 .2 .2     .1 .4 .5     .35 .30 .35
```
""" + BELLMAN + r"""
With $\gamma = 0.9$ the linear solve gives **V = (3.0248, 2.1043, 0.7606)**. The table shows it beside
iterative evaluation, whose error shrinks by a factor $\gamma$ per sweep (the straight line on the
log plot): $\|V_k - V_\pi\|_\infty \leq \gamma^k \|V_0 - V_\pi\|_\infty$.

Value iteration and policy iteration find $V^*$: action a1 everywhere, because it drifts towards s1
and its reward of +1; **V\* = (6.9352, 5.8363, 4.6287)**.

Try: edit a row of P so it no longer sums to 1 (the cell turns red and the run keeps the last valid
MDP); set $\gamma$ to 0.99 and watch the sweeps needed grow like $1/(1-\gamma)$.
""",
        notes_zh=r"""课堂笔记里的例题：三个状态、两个动作，无论采取什么动作奖励都是
$r(s) = (1, 0, -1)$，策略对两个动作都是 $\pi(a|s) = 1/2$。

```
P(s'|s,a1)   P(s'|s,a2)   P_pi(s'|s)
.8 .1 .1     .1 .6 .3     .45 .35 .20
.7 .2 .1     .1 .8 .1     .40 .50 .10
.6 .2 .2     .1 .4 .5     .35 .30 .35
```
""" + BELLMAN_ZH + r"""
取 $\gamma = 0.9$，解线性方程组得到 **V = (3.0248, 2.1043, 0.7606)**。表格把它和迭代策略评估并排列出；
迭代评估的误差每轮扫描缩小为原来的 $\gamma$ 倍（对数图上的一条直线）：
$\|V_k - V_\pi\|_\infty \leq \gamma^k \|V_0 - V_\pi\|_\infty$。

价值迭代和策略迭代求出 $V^*$：在所有状态都选动作 a1，因为它把智能体带向 s1 和那里 +1 的奖励；
**V\* = (6.9352, 5.8363, 4.6287)**。

试一试：修改 P 的某一行使它的和不再为 1（单元格变红，运行保留上一个合法的 MDP）；把 $\gamma$ 设为 0.99，
观察所需的扫描轮数按 $1/(1-\gamma)$ 增长。
""",
    ),
    "random_walk_evaluation": dict(
        title="Policy evaluation of a random walk",
        title_zh="随机游走的策略评估",
        seed=0,
        config=MDPConfig(mode="tabular", tabular=_random_walk()),
        notes=r"""Sutton & Barto's random walk (example 6.2): states A to E between two terminal
states L and R. The policy steps left or right with probability 1/2; leaving E to the right pays +1,
everything else 0; $\gamma = 1$.
""" + BELLMAN + r"""
Terminal states have $V = 0$, so the system is solved on A..E only. The answer is the probability of
leaving on the right: **V = (1/6, 2/6, 3/6, 4/6, 5/6)**. Iterative evaluation needs many sweeps
because $\gamma = 1$: the error shrinks only as fast as the walk is absorbed.

The optimal policy (value and policy iteration) walks right from everywhere: $V^* = 1$.
""",
        notes_zh=r"""Sutton & Barto 的随机游走（例 6.2）：状态 A 到 E 位于两个终止状态 L 和 R 之间。
策略以 1/2 的概率向左或向右走；从 E 向右离开得到 +1，其余都是 0；$\gamma = 1$。
""" + BELLMAN_ZH + r"""
终止状态的 $V = 0$，所以只需在 A..E 上求解方程组。答案就是从右边离开的概率：
**V = (1/6, 2/6, 3/6, 4/6, 5/6)**。因为 $\gamma = 1$，迭代评估需要很多轮扫描：
误差缩小的速度只和游走被吸收的速度一样快。

最优策略（价值迭代和策略迭代）在每个状态都向右走：$V^* = 1$。
""",
    ),
    "value_vs_policy_iteration": dict(
        title="Value iteration vs policy iteration",
        title_zh="值迭代与策略迭代",
        seed=0,
        config=MDPConfig(mode="tabular", tabular=_river_swim()),
        notes=r"""RiverSwim: six states along a river. *left* (downstream) always works and pays
0.005 at s1; *right* (upstream) succeeds with probability 0.35, stays with 0.6, slips back with 0.05,
and pays 1 at s6. $\gamma = 0.95$.
""" + OPTIMALITY + r"""
**Value iteration** applies, once per sweep,

$$V_{k+1}(s) = \max_a Q_k(s,a)$$

a contraction by $\gamma$, so the error falls by 0.95 per sweep and it takes about 430 sweeps
to reach $10^{-9}$.

**Policy iteration** (seed notes) evaluates $V_\pi$ exactly, then improves

$$\pi(s) = \mathrm{argmax}_a\, Q_\pi(s,a)$$

and repeats until $\pi$ stops changing: here after 2 improvements. Each improvement costs a linear solve, but there are very
few of them.

Both end at the same $V^*$ and the same policy: swim right everywhere.
""",
        notes_zh=r"""RiverSwim：沿河排列的六个状态。*left*（顺流）总能成功，在 s1 得到 0.005；
*right*（逆流）以 0.35 的概率成功，以 0.6 的概率留在原地，以 0.05 的概率被冲回，在 s6 得到 1。$\gamma = 0.95$。
""" + OPTIMALITY_ZH + r"""
**价值迭代**每轮扫描做一次

$$V_{k+1}(s) = \max_a Q_k(s,a)$$

这是系数为 $\gamma$ 的压缩映射，所以误差每轮缩小为 0.95 倍，大约需要 430 轮扫描才到
$10^{-9}$。

**策略迭代**（课堂笔记）先精确计算 $V_\pi$，再改进策略

$$\pi(s) = \mathrm{argmax}_a\, Q_\pi(s,a)$$

重复直到 $\pi$ 不再改变：这里改进 2 次就停了。每次改进要解一次线性方程组，但改进的次数非常少。

两者得到同样的 $V^*$ 和同样的策略：在所有状态都向右游。
""",
    ),
    "cliff_sarsa_vs_q_learning": dict(
        title="The cliff: SARSA vs Q-learning",
        title_zh="悬崖：SARSA 与 Q-learning",
        seed=0,
        config=MDPConfig(mode="gridworld", grid=GridConfig(
            env="CliffWalking-v1", gamma=1.0, learners=["q_learning", "sarsa"], epsilon=0.1, alpha=0.5,
            episodes=500, max_episode_steps=1000, runs=50)),
        notes=r"""gymnasium's CliffWalking-v1 (Sutton & Barto example 6.6), read from
`env.unwrapped.P`: every move costs -1, stepping onto the cliff costs -100 and sends you back to the
start; $\gamma = 1$.
""" + TD + r"""
Both learners explore with $\epsilon = 0.1$ (step size $\alpha = 0.5$), and each plays **50 runs**
(50 seeds) side by side: the curves are the mean over the runs with a band of one standard error,
as Sutton & Barto's figure 6.4 averages 100. One run alone is noisy: a single SARSA run averages
anywhere from -20 to -55 over episodes 401-500.

**Q-learning** learns the values of the greedy policy, so its greedy path (dashed, run 1) runs along
the cliff edge: 13 moves, return -13, optimal (in all 50 runs). But it keeps exploring next to the
cliff and falls off now and then, so its *online* returns are worse. **SARSA** learns the values of
the $\epsilon$-greedy policy it actually follows, which accounts for the occasional random step: its
greedy path keeps a row or two away from the edge (run 1: 17 moves, return -17), and its online
returns are better.

`python -m playground run mdp/cliff_sarsa_vs_q_learning --steps 20000 --out DIR` writes, for the mean
return over episodes 401-500 and the 50 runs: **Q-learning -50.5, SARSA -27.5** (one standard error
1.0 each): the book's picture, about -50 and -25.

**A greedy path that never arrives.** In 10 of the 50 runs SARSA's greedy path does not reach the
goal (Q-learning's reaches it in all 50); the panel then says *does not reach the goal* instead of a
return. SARSA's values are those of the $\epsilon$-greedy policy, which steps at random one move in ten.
In cells it rarely visits, or where the random steps make two actions' values nearly equal, the best
action of one cell can point to a neighbour whose best action points back. The $\epsilon$-greedy policy
leaves such a cycle by a random step, so nothing in its values punishes the cycle; the strictly
greedy policy never leaves it.

Watch the return curves and the dashed paths; the heatmap on the left is $V^*$ from DP.
""",
        notes_zh=r"""gymnasium 的 CliffWalking-v1（Sutton & Barto 例 6.6），从
`env.unwrapped.P` 读取：每走一步得 -1，踏上悬崖得 -100 并被送回起点；$\gamma = 1$。
""" + TD_ZH + r"""
两个学习者都以 $\epsilon = 0.1$ 探索（步长 $\alpha = 0.5$），各自并排进行 **50 次运行**
（50 个随机种子）：曲线是各次运行的平均，阴影带为一个标准误，就像 Sutton & Barto 的图 6.4
对 100 次运行取平均。单次运行噪声很大：一次 SARSA 运行在第 401-500 回合的平均回报
可能在 -20 到 -55 之间的任何位置。

**Q-learning** 学习的是贪心策略的价值，所以它的贪心路径（虚线，第 1 次运行）沿着悬崖边走：
13 步，回报 -13，是最优的（50 次运行都是）。但它一直在悬崖旁边探索，时不时掉下去，
所以它的*在线*回报更差。**SARSA** 学习的是它实际执行的 $\epsilon$-贪心策略的价值，
把偶尔的随机一步也考虑在内：它的贪心路径离悬崖边保持一两行（第 1 次运行：17 步，回报 -17），
在线回报更好。

`python -m playground run mdp/cliff_sarsa_vs_q_learning --steps 20000 --out DIR` 写出第 401-500 回合、
50 次运行的平均回报：**Q-learning -50.5，SARSA -27.5**（标准误各为 1.0）：
与书中的图一致，约 -50 和 -25。

**永远到不了终点的贪心路径。** 50 次运行中有 10 次，SARSA 的贪心路径到不了终点
（Q-learning 的 50 次全都能到）；这时面板显示*贪心路径到达不了终点*，而不是回报。
SARSA 的价值属于 $\epsilon$-贪心策略，它每十步有一步是随机的。在它很少访问的格子里，
或者随机步使两个动作的价值几乎相等的地方，一个格子的最优动作可能指向一个邻居，
而邻居的最优动作又指回来。$\epsilon$-贪心策略靠一次随机步就能离开这样的循环，
所以它的价值里没有任何东西惩罚这个循环；而严格的贪心策略永远离不开它。

观察回报曲线和虚线路径；左边的热图是动态规划求出的 $V^*$。
""",
    ),
    "frozenlake_slippery": dict(
        title="Slippery FrozenLake",
        title_zh="打滑的 FrozenLake",
        seed=0,
        config=MDPConfig(mode="gridworld", grid=GridConfig(
            env="FrozenLake-v1 4x4", slippery=True, gamma=0.99, learners=["q_learning", "expected_sarsa"],
            epsilon=0.1, alpha=0.1, episodes=5000, max_episode_steps=100)),
        notes=r"""gymnasium's FrozenLake-v1 (4x4, slippery), read from `env.unwrapped.P`. Each move
goes the intended way with probability 1/3 and to each side with 1/3; holes (P) end the episode with
0, the goal pays 1. $\gamma = 0.99$.
""" + OPTIMALITY + r"""
$V^*$ is the best achievable (discounted) probability of reaching the goal. Because of the ice, the
optimal policy often points *away* from a hole rather than towards the goal: a move that cannot slip
into a hole is worth more than a shorter one that can.
""" + TD + r"""
The learners see only sampled transitions: their curves are noisy and their greedy arrows approach
the DP arrows slowly. Try the 8x8 map, or untick slippery (then $V^*(\mathrm{start}) = \gamma^5$).
""",
        notes_zh=r"""gymnasium 的 FrozenLake-v1（4x4，冰面打滑），从 `env.unwrapped.P` 读取。每一步以 1/3 的概率
按预期方向走，以各 1/3 的概率滑向两侧；冰洞（P）以 0 结束回合，终点得 1。$\gamma = 0.99$。
""" + OPTIMALITY_ZH + r"""
$V^*$ 是能达到的到达终点的最大（折扣）概率。由于冰面打滑，最优策略常常指向*远离*冰洞的方向，
而不是朝向终点：一个不可能滑进冰洞的动作，比一个更短但可能滑进去的动作更有价值。
""" + TD_ZH + r"""
学习者只能看到采样得到的状态转移：它们的曲线噪声大，贪心箭头也只能慢慢接近动态规划的箭头。
试试 8x8 的地图，或者取消打滑（此时 $V^*(\mathrm{start}) = \gamma^5$）。
""",
    ),
    "dqn_cartpole": dict(
        title="DQN on CartPole",
        title_zh="CartPole 上的 DQN",
        seed=0,
        config=MDPConfig(mode="dqn", dqn=DQNConfig()),
        notes=r"""DQN (seed notes): a network $Q(s, a; w)$ replaces the table. CartPole-v1's state
is (cart position, cart velocity, pole angle, pole angular velocity), its actions push left or right,
and every step the pole stays up pays +1 (at most 500).

$$\hat y_t = r_t + \gamma \max_a Q(s_{t+1}, a; w^-)$$

($\hat y_t = r_t$ when the pole fell; $w^-$ are the target network's weights)

$$L(w) = \frac{1}{2} [Q(s_t, a_t; w) - \hat y_t]^2$$

$$\nabla_w L = (\hat q_t - \hat y_t)\, \nabla_w Q(s_t, a_t; w)$$

(the panel uses the Huber loss by default: quadratic near 0, linear further out.)

Two tricks make it stable. **Experience replay**: learn from random batches of old transitions, which
breaks their correlation (possible because Q-learning is off-policy). **Target network**:
$w^-$ is a copy of $w$ refreshed every *target update* steps, so the target does not chase
itself. Exploration: $\epsilon$ falls linearly from 1 to 0.05 over 5000 steps.

CartPole counts as solved when the average return over 100 episodes reaches 195. With this preset
(seed 0, one CPU thread) that took 207 episodes (about 26,000 steps, 15 s); seeds 1 and 2 took 166
and 238.
""",
        notes_zh=r"""DQN（课堂笔记）：用一个网络 $Q(s, a; w)$ 代替表格。CartPole-v1 的状态是
（小车位置、小车速度、杆的角度、杆的角速度），动作是向左或向右推，
杆每保持竖立一步得 +1（最多 500）。

$$\hat y_t = r_t + \gamma \max_a Q(s_{t+1}, a; w^-)$$

（杆倒下时 $\hat y_t = r_t$；$w^-$ 是目标网络的权重）

$$L(w) = \frac{1}{2} [Q(s_t, a_t; w) - \hat y_t]^2$$

$$\nabla_w L = (\hat q_t - \hat y_t)\, \nabla_w Q(s_t, a_t; w)$$

（面板默认使用 Huber 损失：在 0 附近是二次的，远处是线性的。）

两个技巧让训练稳定。**经验回放**：从旧的状态转移中随机抽取批量来学习，打破它们之间的相关性
（因为 Q-learning 是异策略的，所以可以这样做）。**目标网络**：
$w^-$ 是 $w$ 的副本，每隔 *target update* 步刷新一次，这样目标就不会追着自己跑。
探索：$\epsilon$ 在 5000 步内从 1 线性降到 0.05。

当 100 个回合的平均回报达到 195 时，CartPole 就算解决了。用这个预设
（随机种子 0，一个 CPU 线程）用了 207 个回合（约 26,000 步，15 秒）；随机种子 1 和 2 分别用了 166
和 238 个回合。
""",
    ),
    "gridworld_4x4_random_policy": dict(
        title="Random policy on the 4x4 gridworld",
        title_zh="4x4 网格世界上的随机策略",
        seed=0,
        config=MDPConfig(mode="gridworld", grid=GridConfig(
            layout=["G...", "....", "....", "S..G"], step_reward=-1.0, goal_reward=0.0, slip=0.0, gamma=1.0,
            dp="random_policy", learners=[])),
        notes=r"""Sutton & Barto figure 4.1: two terminal corners, -1 per move, the equiprobable
random policy, $\gamma = 1$. Step once at a time: each step is one sweep of iterative policy
evaluation,

$$V_{k+1}(s) = \sum_a \frac{1}{4} \left[ -1 + V_k(s') \right]$$

After one sweep every cell is -1, after two -1.75 or -2, ... and the sweeps converge to

```
  0  -14  -20  -22
-14  -18  -20  -20
-20  -20  -18  -14
-22  -20  -14    0
```

The arrows are greedy with respect to the current $V_k$: after three sweeps they already form an
optimal policy, long before $V_k$ converges (the idea behind policy iteration).
""" + BELLMAN,
        notes_zh=r"""Sutton & Barto 图 4.1：两个终止角落，每步 -1，等概率的随机策略，$\gamma = 1$。
一次单步执行一步：每一步就是迭代策略评估的一轮扫描，

$$V_{k+1}(s) = \sum_a \frac{1}{4} \left[ -1 + V_k(s') \right]$$

一轮扫描后每个格子都是 -1，两轮后是 -1.75 或 -2，……，最终收敛到

```
  0  -14  -20  -22
-14  -18  -20  -20
-20  -20  -18  -14
-22  -20  -14    0
```

箭头是相对当前 $V_k$ 的贪心动作：三轮扫描后它们就已经构成一个最优策略，
远在 $V_k$ 收敛之前（这正是策略迭代背后的想法）。
""" + BELLMAN_ZH,
    ),
    "gridworld_teleports": dict(
        title="Teleports: the 5x5 gridworld with A -> A' and B -> B'",
        title_zh="传送：带 A -> A' 与 B -> B' 的 5x5 网格世界",
        seed=0,
        config=MDPConfig(mode="gridworld", grid=GridConfig(
            layout=["....."] * 4 + ["S...."], step_reward=0.0, bump_reward=-1.0, slip=0.0, gamma=0.9,
            teleports=[Teleport(src=(0, 1), dst=(4, 1), reward=10.0),
                       Teleport(src=(0, 3), dst=(2, 3), reward=5.0)],
            learners=["q_learning"], epsilon=0.2, alpha=0.2, episodes=400, max_episode_steps=100)),
        notes=r"""Sutton & Barto example 3.5: any action in A jumps to A' with +10, in B jumps to B'
with +5; bumping into the edge costs -1; $\gamma = 0.9$; no terminal state.

Under the random policy $V(A) = 8.8$ (less than 10: A' is next to the edge) and $V(B) = 5.3$.
The heatmap here is value iteration, which converges to $V^*$:

$$V^*(A) = 10 + \gamma^5 V^*(A)$$

$$V^*(A) = \frac{10}{1 - 0.9^5} = 24.4$$

since the best loop is: jump, then four moves back up to A. Set *dp* to random_policy to see 8.8.
""" + OPTIMALITY + r"""
Q-learning (episodes of 100 moves from the start cell S) learns the same loop.
""",
        notes_zh=r"""Sutton & Barto 例 3.5：在 A 采取任何动作都跳到 A' 并得 +10，在 B 跳到 B' 并得
+5；撞到边缘得 -1；$\gamma = 0.9$；没有终止状态。

在随机策略下 $V(A) = 8.8$（小于 10：A' 紧挨着边缘），$V(B) = 5.3$。
这里的热图是价值迭代的结果，它收敛到 $V^*$：

$$V^*(A) = 10 + \gamma^5 V^*(A)$$

$$V^*(A) = \frac{10}{1 - 0.9^5} = 24.4$$

因为最好的循环是：跳过去，再走四步回到 A。把 *dp* 设为 random_policy 可以看到 8.8。
""" + OPTIMALITY_ZH + r"""
Q-learning（从起点格 S 出发、每回合 100 步）学到同样的循环。
""",
    ),
    "windy_gridworld": dict(
        title="Windy gridworld with SARSA",
        title_zh="用 SARSA 走有风的网格世界",
        seed=0,
        config=MDPConfig(mode="gridworld", grid=GridConfig(
            layout=["." * 10] * 3 + ["S......G.."] + ["." * 10] * 3, step_reward=-1.0, goal_reward=0.0,
            slip=0.0, gamma=1.0, wind=[0, 0, 0, 1, 1, 1, 2, 2, 1, 0], learners=["sarsa"], epsilon=0.1,
            alpha=0.5, episodes=200, max_episode_steps=2000)),
        notes=r"""Sutton & Barto example 6.5: a wind blows up through the middle columns (strength
0 0 0 1 1 1 2 2 1 0), pushing the agent up after each move; -1 per move until the goal. The shortest
path takes **15 moves** ($V^*(\mathrm{start}) = -15$): it overshoots upwards and lets the wind carry
it round.
""" + TD + r"""
SARSA's episode lengths fall from hundreds of moves to about 17 (15 plus exploration).
""",
        notes_zh=r"""Sutton & Barto 例 6.5：风从中间几列向上吹（强度
0 0 0 1 1 1 2 2 1 0），每走一步后把智能体往上推；到达终点之前每步 -1。最短路径要
**15 步**（$V^*(\mathrm{start}) = -15$）：它先往上冲过头，再让风把它带过去。
""" + TD_ZH + r"""
SARSA 的回合长度从几百步降到约 17 步（15 步加上探索）。
""",
    ),
}


# Steps per second each lesson plays at, so that its run lasts about 15-40 s on a 2-core laptop CPU
# (measured by benchmarks/lesson_pacing.py; docs/performance.md): at Max speed these runs were over
# in 0.01-6 s (the cliff's 16,000 moves in 6 s), and a class saw only their end. A lesson not
# listed plays as fast as it can (DQN on CartPole takes ~55 s even so).
PACED = {"cliff_sarsa_vs_q_learning": 500.0, "gridworld_4x4_random_policy": 20.0, "random_walk_evaluation": 10.0,
         "seed_3state_mdp": 10.0, "value_vs_policy_iteration": 20.0, "gridworld_teleports": 2000.0,
         "windy_gridworld": 500.0}


def build(name: str):
    from playground.presets import new_preset

    return new_preset(PANEL, **{"speed": PACED.get(name), **LESSONS[name]})


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/mdp/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
