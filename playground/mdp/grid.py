"""Gridworlds as FiniteMDPs: painted layouts, gymnasium's FrozenLake-v1 and CliffWalking-v1.

State s = row * cols + col. Actions are always up, right, down, left (gymnasium's FrozenLake
order is permuted into this one). A move goes the intended way with probability 1 - slip and
to each perpendicular side with slip / 2; it stays put if it hits a wall or the edge. Then the
wind of the column it started from pushes it up. Rewards: ``step_reward`` every move, plus
``bump_reward`` on a bump, plus the entered cell's reward (goal, pit or a per-cell reward).
A cliff cell gives ``cliff_reward`` instead and sends the agent back to the start; a teleport
cell sends any action to its destination with the teleport's reward. Goals and pits end the
episode (terminal, V = 0); walls are marked terminal too, so they never enter a linear solve.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from playground.mdp.model import FiniteMDP, from_gym_P

ACTIONS = ("up", "right", "down", "left")
DIRS = ((-1, 0), (0, 1), (1, 0), (0, -1))
# Cell codes for drawing.
EMPTY, WALL, START, GOAL, PIT, CLIFF, TELEPORT, LANDING = range(8)
CODE_OF = {".": EMPTY, "#": WALL, "S": START, "G": GOAL, "P": PIT, "C": CLIFF}
LETTER_OF = {START: "S", GOAL: "G", PIT: "P", CLIFF: "C"}
TELEPORT_NAMES = "ABDEFHIJKLMNOQRT"  # skips the letters of the cell kinds


def cell_labels(codes: np.ndarray, teleports=()) -> list[list]:
    """[row, col, text] for the start, goals, pits, cliff cells, and teleports A -> A', B -> B', ..."""
    labels = [[int(r), int(c), LETTER_OF[int(code)]] for (r, c), code in np.ndenumerate(codes) if code in LETTER_OF]
    for name, t in zip(TELEPORT_NAMES, teleports):
        labels.append([int(t.src[0]), int(t.src[1]), name])
        labels.append([int(t.dst[0]), int(t.dst[1]), name + "'"])
    return labels


@dataclass
class Gridworld:
    mdp: FiniteMDP
    rows: int
    cols: int
    codes: np.ndarray  # (rows, cols) cell codes
    labels: list = field(default_factory=list)  # [row, col, text] letters drawn in cells
    has_start: bool = True  # a painted grid for DP alone may have no start cell

    @property
    def walls(self) -> np.ndarray:
        return self.codes == WALL

    @property
    def live(self) -> np.ndarray:
        """States where an agent acts: not walls, not terminal. Flat (S,)."""
        return ~self.mdp.terminal

    def cell(self, s: int) -> tuple[int, int]:
        return divmod(int(s), self.cols)

    @property
    def has_goal(self) -> bool:
        return bool((self.codes == GOAL).any())

    def is_goal(self, s) -> np.ndarray:
        """Whether state(s) s are goal cells."""
        return self.codes.ravel()[s] == GOAL


def build(cfg) -> Gridworld:
    """A Gridworld from a GridConfig."""
    if cfg.env == "custom":
        return build_custom(cfg)
    return build_gym(cfg.env, cfg.slippery)


def build_custom(cfg) -> Gridworld:
    layout = cfg.layout
    rows, cols = len(layout), len(layout[0])
    S = rows * cols
    codes = np.array([[CODE_OF[ch] for ch in row] for row in layout], dtype=np.int64)
    starts = np.flatnonzero(codes.ravel() == START)
    # Without learners (DP only) a layout may have no start; state 0 then only stands in for it.
    start = int(starts[0]) if len(starts) else 0
    entry = np.zeros((rows, cols))
    entry[codes == GOAL] = cfg.goal_reward
    entry[codes == PIT] = cfg.pit_reward
    for cr in cfg.cell_rewards:
        entry[cr.cell] = cr.reward
    teleports = {tuple(t.src): t for t in cfg.teleports}
    for t in cfg.teleports:
        if codes[t.src] in (EMPTY, START):
            codes[t.src] = TELEPORT
        if codes[t.dst] == EMPTY:
            codes[t.dst] = LANDING
    wind = list(cfg.wind) or [0] * cols
    terminal = np.isin(codes, (GOAL, PIT, WALL)).ravel()
    slip = cfg.slip
    branches = [(0, 1.0 - slip), (-1, slip / 2), (1, slip / 2)]
    branches = [(turn, prob) for turn, prob in branches if prob > 0]
    K = len(branches)
    p = np.zeros((S, 4, K))
    nxt = np.repeat(np.arange(S), 4 * K).reshape(S, 4, K)
    rew = np.zeros((S, 4, K))

    def blocked(r, c):
        return not (0 <= r < rows and 0 <= c < cols) or layout[r][c] == "#"

    for s in range(S):
        r, c = divmod(s, cols)
        if terminal[s]:  # absorbing, as in gymnasium's P; its value is pinned to 0 anyway
            p[s, :, 0] = 1.0
            continue
        if (r, c) in teleports:
            t = teleports[(r, c)]
            p[s, :, 0] = 1.0
            nxt[s, :, 0] = t.dst[0] * cols + t.dst[1]
            rew[s, :, 0] = t.reward
            continue
        for a in range(4):
            for k, (turn, prob) in enumerate(branches):
                dr, dc = DIRS[(a + turn) % 4]
                r2, c2, reward = r + dr, c + dc, cfg.step_reward
                if blocked(r2, c2):
                    r2, c2, reward = r, c, reward + cfg.bump_reward
                for _ in range(wind[c]):
                    if blocked(r2 - 1, c2):
                        break
                    r2 -= 1
                if layout[r2][c2] == "C":  # as gymnasium's CliffWalking: landing on the cliff
                    r2, c2, reward = divmod(start, cols) + (cfg.cliff_reward,)
                elif (r2, c2) != (r, c):
                    reward += entry[r2, c2]
                p[s, a, k], nxt[s, a, k], rew[s, a, k] = prob, r2 * cols + c2, reward
    names = [f"({r},{c})" for r in range(rows) for c in range(cols)]
    mdp = FiniteMDP(p, nxt, rew, terminal, start, names, list(ACTIONS))
    labels = cell_labels(np.array([[CODE_OF[ch] for ch in row] for row in layout]), cfg.teleports)
    return Gridworld(mdp, rows, cols, codes, labels, has_start=len(starts) > 0)


def build_gym(name: str, slippery: bool) -> Gridworld:
    """gymnasium's toy-text env, read from ``env.unwrapped.P`` (never stepped)."""
    import gymnasium as gym

    if name.startswith("FrozenLake"):
        env = gym.make("FrozenLake-v1", map_name=name.split()[-1], is_slippery=slippery)
        u = env.unwrapped
        desc = np.asarray(u.desc).astype(str)
        rows, cols = desc.shape
        letter = {"S": START, "F": EMPTY, "H": PIT, "G": GOAL}
        codes = np.vectorize(letter.get)(desc).astype(np.int64)
        order = (3, 2, 1, 0)  # FrozenLake: 0 left, 1 down, 2 right, 3 up
    else:
        env = gym.make("CliffWalking-v1", is_slippery=slippery)
        u = env.unwrapped
        rows, cols = u.shape
        codes = np.where(np.asarray(u._cliff), CLIFF, EMPTY).astype(np.int64)
        codes[np.unravel_index(u.start_state_index, u.shape)] = START
        codes[rows - 1, cols - 1] = GOAL
        order = (0, 1, 2, 3)  # CliffWalking: 0 up, 1 right, 2 down, 3 left
    S = rows * cols
    start = int(np.flatnonzero(np.asarray(u.initial_state_distrib) > 0)[0])
    mdp = from_gym_P(u.P, S, 4, start, order)
    mdp.state_names = [f"({r},{c})" for r in range(rows) for c in range(cols)]
    mdp.action_names = list(ACTIONS)
    env.close()
    return Gridworld(mdp, rows, cols, codes, cell_labels(codes))


# Geometry for the views (computed here so widgets only draw) -----------------------------------

def q_triangle_index(rows: int, cols: int, k: int = 12) -> np.ndarray:
    """Index map (rows*k, cols*k) into Q.reshape(-1) for Q of shape (rows, cols, 4): each cell's
    k x k block is cut by its diagonals into four triangles, up / right / down / left."""
    y, x = np.mgrid[0:k, 0:k] + 0.5 - k / 2
    tri = np.where(np.abs(y) > np.abs(x), np.where(y < 0, 0, 2), np.where(x > 0, 1, 3))
    cell = np.arange(rows * cols).reshape(rows, cols)
    return (np.kron(cell, np.ones((k, k), dtype=np.int64)) * 4 + np.tile(tri, (rows, cols))).astype(np.int64)


def arrow_segments(actions: np.ndarray, length: float = 0.3, centre: float = 0.5
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrow shafts as (x, y) pairs for ``connect='pairs'`` plus head points (x, y, action) for
    cells whose action is >= 0. x is the column, y the row; ``centre`` is how far down the cell
    the arrow sits (0.5: the middle)."""
    r, c = np.nonzero(actions >= 0)
    a = actions[r, c]
    d = np.array(DIRS, dtype=float)[a]
    cx, cy = c + 0.5, r + centre
    x = np.stack([cx - d[:, 1] * length * 0.6, cx + d[:, 1] * length], axis=1).ravel()
    y = np.stack([cy - d[:, 0] * length * 0.6, cy + d[:, 0] * length], axis=1).ravel()
    heads = np.stack([cx + d[:, 1] * length, cy + d[:, 0] * length, a], axis=1)
    return x, y, heads


def cell_borders(rows: int, cols: int, diagonals: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Grid lines (and optionally each cell's diagonals) as (x, y) pairs for connect='pairs'."""
    xs, ys = [], []
    for r in range(rows + 1):
        xs += [0, cols]
        ys += [r, r]
    for c in range(cols + 1):
        xs += [c, c]
        ys += [0, rows]
    if diagonals:
        r, c = np.mgrid[0:rows, 0:cols]
        r, c = r.ravel(), c.ravel()
        xs += list(np.stack([c, c + 1, c + 1, c], axis=1).ravel())
        ys += list(np.stack([r, r + 1, r, r + 1], axis=1).ravel())
    return np.asarray(xs, float), np.asarray(ys, float)


def greedy_path(mdp: FiniteMDP, actions: np.ndarray, gamma: float, max_len: int) -> tuple[list[int], float]:
    """Follow the greedy actions from the start, taking each move's most likely outcome.

    In a deterministic world this is exactly the greedy policy's episode and its return."""
    s, states, ret, discount = mdp.start, [mdp.start], 0.0, 1.0
    for _ in range(max_len):
        if mdp.terminal[s]:
            break
        a = int(actions[s])
        k = int(np.argmax(mdp.p[s, a]))
        ret += discount * mdp.rew[s, a, k]
        discount *= gamma
        s = int(mdp.nxt[s, a, k])
        states.append(s)
    return states, ret


def greedy_ends(mdp: FiniteMDP, actions: np.ndarray, max_len: int) -> np.ndarray:
    """Where each run's greedy path (as ``greedy_path``: the most likely outcome of each move) stands
    after at most max_len moves, for greedy actions (R, S): (R,) states, all runs at once."""
    s = np.full(len(actions), mdp.start, dtype=np.int64)
    rows = np.arange(len(actions))
    for _ in range(max_len):
        going = ~mdp.terminal[s]
        if not going.any():
            break
        a = actions[rows, s]
        k = np.argmax(mdp.p[s, a], axis=1)
        s = np.where(going, mdp.nxt[s, a, k], s)
    return s


def path_outcome(world: Gridworld, path: list[int]) -> str:
    """'goal', 'pit' (another terminal cell) or 'loops': a greedy path that has not ended after as
    many moves as there are cells has visited some cell twice, and a greedy policy that comes back
    to a cell repeats itself from there forever (in the most-likely-outcome world it follows)."""
    last = path[-1]
    if not world.mdp.terminal[last]:
        return "loops"
    return "goal" if world.is_goal(last) else "pit"


def resize_layout(layout: list[str], teleports: list, cell_rewards: list, wind: list[int],
                  rows: int, cols: int, need_start: bool = True) -> tuple[list[str], list, list, list[int]]:
    """A painted grid grown (with empty cells) or cropped to rows x cols, keeping one start cell
    (when ``need_start``); teleports and per-cell rewards that fall outside are dropped."""
    new = [(row[:cols] + "." * max(0, cols - len(row))) for row in layout[:rows]]
    new += ["." * cols] * max(0, rows - len(new))
    if need_start and not any("S" in row for row in new):
        last = new[-1]
        new[-1] = "S" + last[1:]
    inside = lambda cell: cell[0] < rows and cell[1] < cols  # noqa: E731
    teleports = [t for t in teleports if inside(t.src) and inside(t.dst)]
    cell_rewards = [c for c in cell_rewards if inside(c.cell)]
    wind = (list(wind[:cols]) + [0] * max(0, cols - len(wind))) if wind else []
    return new, teleports, cell_rewards, wind
