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
    ),
    "random_walk_evaluation": dict(
        title="Policy evaluation of a random walk",
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
    ),
    "value_vs_policy_iteration": dict(
        title="Value iteration vs policy iteration",
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
    ),
    "cliff_sarsa_vs_q_learning": dict(
        title="The cliff: SARSA vs Q-learning",
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
    ),
    "frozenlake_slippery": dict(
        title="Slippery FrozenLake",
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
    ),
    "dqn_cartpole": dict(
        title="DQN on CartPole",
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
    ),
    "gridworld_4x4_random_policy": dict(
        title="Random policy on the 4x4 gridworld",
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
    ),
    "gridworld_teleports": dict(
        title="Teleports: the 5x5 gridworld with A -> A' and B -> B'",
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
    ),
    "windy_gridworld": dict(
        title="Windy gridworld with SARSA",
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
    ),
}


def build(name: str):
    from playground.presets import new_preset

    return new_preset(PANEL, **LESSONS[name])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/mdp/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
