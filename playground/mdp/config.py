"""The MDP & RL panel's config: one ``mode`` picks a tabular MDP, a gridworld or DQN on CartPole.

No torch import here: the window imports this module at start-up.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playground import limits
from playground.mdp.checks import tabular_problems
from playground.modes import Mode, Section

MAX_STATES = 12
MAX_ACTIONS = 6
MAX_GRID = 30
MAX_RUNS = 500
GRID_CHARS = {
    ".": "empty cell",
    "#": "wall",
    "S": "start",
    "G": "goal (ends the episode, goal reward)",
    "P": "pit (ends the episode, pit reward)",
    "C": "cliff (cliff reward, back to the start)",
}
GYM_ENVS = ("FrozenLake-v1 4x4", "FrozenLake-v1 8x8", "CliffWalking-v1")

# The seed notes' worked example: 3 states, 2 actions, r(s) = (1, 0, -1), pi(a|s) = 1/2.
SEED_P = [
    [[0.8, 0.1, 0.1], [0.7, 0.2, 0.1], [0.6, 0.2, 0.2]],
    [[0.1, 0.6, 0.3], [0.1, 0.8, 0.1], [0.1, 0.4, 0.5]],
]
SEED_R = [[1.0, 1.0], [0.0, 0.0], [-1.0, -1.0]]

# Russell & Norvig's 4x3 world: +1 and -1 exits, a wall, 0.8 intended / 0.1 to each side.
AIMA_LAYOUT = ["...G", ".#.P", "S..."]


class TabularConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    states: list[str] = Field(default_factory=lambda: ["s1", "s2", "s3"], min_length=1, max_length=MAX_STATES,
                              description="Names of the states s.")
    actions: list[str] = Field(default_factory=lambda: ["a1", "a2"], min_length=1, max_length=MAX_ACTIONS,
                               description="Names of the actions a.")
    P: list[list[list[float]]] = Field(default_factory=lambda: [[r[:] for r in m] for m in SEED_P],
                                       description="P(s'|s,a): one S x S matrix per action, each row sums to 1.")
    R: list[list[float]] = Field(default_factory=lambda: [r[:] for r in SEED_R],
                                 description="r(s,a): the expected reward for taking action a in state s (S x A).")
    policy: list[list[float]] = Field(default_factory=lambda: [[0.5, 0.5] for _ in range(3)],
                                      description="pi(a|s): the policy to evaluate, one row per state summing to 1.")
    terminal: list[bool] = Field(default_factory=lambda: [False] * 3,
                                 description="Terminal states: their value is 0 and nothing follows them.")
    gamma: float = Field(0.9, ge=0.0, le=1.0, description="Discount factor gamma of future rewards.")
    tol: float = Field(1e-10, ge=1e-14, le=1e-2,
                       description="A sweep method has converged when its value changes by less than this.")
    max_sweeps: int = Field(2000, ge=1, le=20000, description="Most sweeps (steps) the solvers make.")

    @model_validator(mode="after")
    def _check(self):
        problems = tabular_problems(self.states, self.actions, self.P, self.R, self.policy, self.terminal)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ValueError(problems[0].message + more)
        if self.gamma >= 1.0 and not any(self.terminal):
            raise ValueError("gamma = 1 needs at least one terminal state, or the values are infinite")
        return self


class Teleport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    src: tuple[int, int] = Field((0, 1), description="Cell (row, column) that teleports: any action from it jumps.")
    dst: tuple[int, int] = Field((4, 1), description="Cell (row, column) the agent lands on.")
    reward: float = Field(10.0, ge=-1e4, le=1e4, description="Reward of the jump (instead of the step reward).")


class CellReward(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cell: tuple[int, int] = Field((0, 0), description="Cell (row, column).")
    reward: float = Field(0.0, ge=-1e4, le=1e4, description="Reward for entering this cell.")


class GridConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    env: Literal["custom", "FrozenLake-v1 4x4", "FrozenLake-v1 8x8", "CliffWalking-v1"] = Field(
        "custom", description="Paint your own grid, or load gymnasium's toy-text env from env.unwrapped.P.")
    slippery: bool = Field(False, description="gymnasium envs only: moves go sideways with probability 2/3.")
    layout: list[str] = Field(default_factory=lambda: list(AIMA_LAYOUT), min_length=1, max_length=MAX_GRID,
                              description="One string per row: . empty, # wall, S start, G goal, P pit, C cliff.")
    step_reward: float = Field(-0.04, ge=-1e4, le=1e4, description="Reward of every move (a step cost if negative).")
    bump_reward: float = Field(0.0, ge=-1e4, le=1e4,
                               description="Extra reward when a move hits a wall or the edge (the agent stays).")
    goal_reward: float = Field(1.0, ge=-1e4, le=1e4, description="Extra reward for entering a goal cell G.")
    pit_reward: float = Field(-1.0, ge=-1e4, le=1e4, description="Extra reward for entering a pit cell P.")
    cliff_reward: float = Field(-100.0, ge=-1e4, le=1e4,
                                description="Reward for stepping into a cliff cell C (which sends you back to S).")
    slip: float = Field(0.2, ge=0.0, le=1.0,
                        description="Probability the move goes sideways instead (half to each perpendicular side).")
    wind: list[int] = Field(default_factory=list, max_length=MAX_GRID,
                            description="Per column: cells the wind pushes the agent up after each move (or empty).")
    teleports: list[Teleport] = Field(default_factory=list, max_length=16,
                                      description="Cells A that jump to A' with a reward, whatever the action.")
    cell_rewards: list[CellReward] = Field(default_factory=list, max_length=MAX_GRID * MAX_GRID,
                                           description="Extra reward for entering particular cells.")
    gamma: float = Field(1.0, ge=0.0, le=1.0, description="Discount factor gamma.")
    dp: Literal["value_iteration", "random_policy"] = Field(
        "value_iteration", description="What the DP heatmap sweeps to: V* (value iteration) or V of the random policy.")
    learners: list[Literal["q_learning", "sarsa", "expected_sarsa"]] = Field(
        default_factory=lambda: ["q_learning", "sarsa"], max_length=3,
        description="TD learners that run side by side, each with its own agent.")
    epsilon: float = Field(0.1, ge=0.0, le=1.0, description="Exploration: probability of a random action.")
    alpha: float = Field(0.1, gt=0.0, le=1.0, description="Step size alpha of the TD update.")
    episodes: int = Field(500, ge=1, le=20000, description="Episodes each learner plays.")
    max_episode_steps: int = Field(200, ge=1, le=10000, description="An episode is cut after this many moves.")
    runs: int = Field(1, ge=1, le=MAX_RUNS,
                      description="Independent runs of each learner, averaged into the curves (mean and a band of "
                                  "one standard error); the grids show run 1.")

    @model_validator(mode="after")
    def _check(self):
        if len(set(self.learners)) != len(self.learners):
            raise ValueError("each learner can run only once")
        if self.env != "custom":
            return self
        rows, cols = len(self.layout), len(self.layout[0])
        if not 1 <= cols <= MAX_GRID:
            raise ValueError(f"layout rows must have 1 to {MAX_GRID} cells")
        for i, row in enumerate(self.layout):
            if len(row) != cols:
                raise ValueError(f"layout row {i} has {len(row)} cells; row 0 has {cols}")
            for j, ch in enumerate(row):
                if ch not in GRID_CHARS:
                    raise ValueError(f"layout cell ({i}, {j}) is {ch!r}; use one of {''.join(GRID_CHARS)}")
        starts = sum(row.count("S") for row in self.layout)
        if starts > 1:
            raise ValueError(f"the layout has {starts} start cells S; it needs one at most")
        if starts == 0 and self.learners:
            raise ValueError("TD learners start their episodes from a start cell S: paint one, "
                             "or untick the learners (DP alone needs no start)")
        if starts == 0 and any("C" in row for row in self.layout):
            raise ValueError("a cliff cell C sends the agent back to the start cell S: paint one")
        if self.wind and len(self.wind) != cols:
            raise ValueError(f"wind has {len(self.wind)} entries; it needs one per column ({cols}) or none")
        if any(not 0 <= w <= MAX_GRID for w in self.wind):
            raise ValueError(f"wind strengths are 0 to {MAX_GRID} cells")

        def check_cell(cell, what):
            r, c = cell
            if not (0 <= r < rows and 0 <= c < cols):
                raise ValueError(f"{what} cell ({r}, {c}) is outside the {rows} x {cols} grid")
            if self.layout[r][c] == "#":
                raise ValueError(f"{what} cell ({r}, {c}) is a wall")

        for t in self.teleports:
            check_cell(t.src, "teleport source")
            check_cell(t.dst, "teleport destination")
        if len({t.src for t in self.teleports}) != len(self.teleports):
            raise ValueError("two teleports start from the same cell")
        for cr in self.cell_rewards:
            check_cell(cr.cell, "reward")
        if self.gamma >= 1.0 and not any(ch in row for row in self.layout for ch in "GP"):
            raise ValueError("gamma = 1 needs a goal G or a pit P to end episodes, or the values are infinite")
        return self


class DQNConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hidden: int = Field(128, ge=4, le=1024, description="Units in each hidden layer of the Q-network.")
    layers: int = Field(2, ge=1, le=4, description="Hidden layers of the Q-network (ReLU).")
    lr: float = Field(1e-3, gt=0.0, le=1.0, description="Adam learning rate.")
    gamma: float = Field(0.99, ge=0.0, le=1.0, description="Discount factor gamma.")
    buffer_size: int = Field(50_000, ge=100, le=1_000_000, description="Transitions the replay buffer keeps.")
    batch_size: int = Field(64, ge=1, le=1024, description="Transitions per gradient step, drawn from the buffer.")
    learning_starts: int = Field(500, ge=0, le=100_000,
                                 description="Environment steps of random play before the first update.")
    train_every: int = Field(1, ge=1, le=64, description="One gradient step every this many environment steps.")
    target_update: int = Field(100, ge=1, le=100_000,
                               description="Copy the online network into the target network every this many steps.")
    eps_start: float = Field(1.0, ge=0.0, le=1.0, description="Exploration epsilon at the start.")
    eps_end: float = Field(0.05, ge=0.0, le=1.0, description="Exploration epsilon after the decay.")
    eps_decay_steps: int = Field(5000, ge=1, le=1_000_000,
                                 description="Steps over which epsilon falls linearly from start to end.")
    loss: Literal["huber", "mse"] = Field("huber", description="TD loss: Huber (smooth L1) or 1/2 squared error.")
    double: bool = Field(False, description="Double DQN: the online net picks a', the target net values it.")
    max_episodes: int = Field(600, ge=1, le=5000, description="Episodes the run plays at most.")
    solve_return: float = Field(195.0, ge=0.0, le=500.0,
                                description="CartPole counts as solved when the average return reaches this.")
    solve_window: int = Field(100, ge=1, le=1000, description="Episodes the solved-average is taken over.")
    stop_when_solved: bool = Field(True, description="End the run as soon as it is solved.")

    def step_cost(self) -> float:
        """Multiply-adds of a step with an update: the Q-net forward and back on the batch, the target
        net forward (double DQN: the online net's forward on s' too). CartPole: 4 inputs, 2 actions."""
        forwards = limits.BACKWARD + 1 + (1 if self.double else 0)
        return self.batch_size * limits.mlp_macs(4, self.hidden, self.layers, 2) * forwards

    @model_validator(mode="after")
    def _trains_live(self) -> "DQNConfig":
        limits.check_cost(self.step_cost(), "the Q-network",
                          {"hidden": self.hidden, "layers": self.layers, "batch_size": self.batch_size})
        return self


def _in(sub: str, *names: str) -> tuple[str, ...]:
    return tuple(f"{sub}.{name}" for name in names)


class MDPConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # See playground/modes.py. Each mode uses one sub-config; the panel's own editors write the
    # ``also_uses`` fields (the P/R/pi tables, the painted grid, the learner check boxes).
    MODES: ClassVar[tuple[Mode, ...]] = (
        Mode("tabular", "playground.mdp.engine:TabularEngine", ("mdp.tabular",),
             (Section("Solver", _in("tabular", "gamma", "max_sweeps")),),
             also_uses=_in("tabular", "states", "actions", "P", "R", "policy", "terminal", "tol"), uses_torch=False),
        Mode("gridworld", "playground.mdp.engine:GridEngine", ("mdp.gridworld",),
             (Section("World", _in("grid", "env", "slippery", "gamma", "dp", "slip", "step_reward", "bump_reward",
                                   "goal_reward", "pit_reward", "cliff_reward")),
              Section("TD learners", _in("grid", "epsilon", "alpha", "episodes", "max_episode_steps", "runs"))),
             also_uses=_in("grid", "learners", "layout", "wind", "teleports", "cell_rewards"), uses_torch=False),
        Mode("dqn", "playground.mdp.engine:DQNEngine", ("mdp.dqn",),
             (Section("DQN on CartPole-v1", _in("dqn", *DQNConfig.model_fields)),)),
    )

    mode: Literal["tabular", "gridworld", "dqn"] = Field(
        "tabular", description="Tabular MDP solved by DP, gridworld with TD learners, or DQN on CartPole.")
    tabular: TabularConfig = Field(default_factory=TabularConfig, description="The tabular MDP (mode tabular).")
    grid: GridConfig = Field(default_factory=GridConfig, description="The gridworld (mode gridworld).")
    dqn: DQNConfig = Field(default_factory=DQNConfig, description="DQN on CartPole-v1 (mode dqn).")

    def step_cost(self) -> float:
        return self.dqn.step_cost() if self.mode == "dqn" else 0.0


CONFIG = MDPConfig
