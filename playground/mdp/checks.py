"""Validation of a tabular MDP's matrices, cell by cell (pure Python: config.py imports it).

Each problem names the matrix, the row and the column, so the editor can flag the exact cell
and the config can refuse the MDP with a message a student can act on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ROW_TOL = 1e-6


@dataclass(frozen=True)
class Problem:
    matrix: str  # "P:<action>" for P(.|., a), "policy", "R"
    row: int
    col: int  # -1 when the whole row is at fault (its sum)
    message: str


def _shape_problem(name: str, matrix, rows: int, cols: int) -> str | None:
    if len(matrix) != rows:
        return f"{name} has {len(matrix)} rows; it needs {rows} (one per state)"
    for i, row in enumerate(matrix):
        if len(row) != cols:
            return f"{name} row {i + 1} has {len(row)} entries; it needs {cols}"
    return None


def stochastic_rows(matrix, name: str, row_names, col_names, what: str) -> list[Problem]:
    """Negative, non-finite entries and rows that do not sum to 1."""
    problems = []
    for i, row in enumerate(matrix):
        bad_cell = False
        for j, value in enumerate(row):
            if not math.isfinite(value):
                problems.append(Problem(name, i, j, f"{what}: row {row_names[i]}, column {col_names[j]} "
                                                    f"is {value}; it must be a number"))
                bad_cell = True
            elif value < 0:
                problems.append(Problem(name, i, j, f"{what}: row {row_names[i]}, column {col_names[j]} "
                                                    f"is {value:g}; probabilities cannot be negative"))
                bad_cell = True
        total = sum(row)
        if not bad_cell and abs(total - 1.0) > ROW_TOL:
            cols = ", ".join(f"{col_names[j]}={v:g}" for j, v in enumerate(row))
            problems.append(Problem(name, i, -1, f"{what}: row {row_names[i]} ({cols}) sums to {total:.6g}, "
                                                 "not 1"))
    return problems


def tabular_problems(states, actions, P, R, policy, terminal) -> list[Problem]:
    """Every reason the MDP (S states, A actions) cannot be used; empty when it is fine."""
    S, A = len(states), len(actions)
    if S < 1 or A < 1:
        return [Problem("shape", -1, -1, "an MDP needs at least one state and one action")]
    if len(set(states)) != S:
        return [Problem("shape", -1, -1, "state names must be different from each other")]
    if len(set(actions)) != A:
        return [Problem("shape", -1, -1, "action names must be different from each other")]
    if len(P) != A:
        return [Problem("shape", -1, -1, f"P has {len(P)} matrices; it needs one per action ({A})")]
    for a, matrix in enumerate(P):
        message = _shape_problem(f"P(s'|s, a={actions[a]})", matrix, S, S)
        if message:
            return [Problem("shape", -1, -1, message)]
    for name, matrix in (("R", R), ("policy", policy)):
        message = _shape_problem(name, matrix, S, A)
        if message:
            return [Problem("shape", -1, -1, message)]
    if len(terminal) != S:
        return [Problem("shape", -1, -1, f"terminal has {len(terminal)} flags; it needs {S} (one per state)")]
    problems: list[Problem] = []
    for a, matrix in enumerate(P):
        problems += stochastic_rows(matrix, f"P:{a}", states, states, f"P(s'|s, a={actions[a]})")
    problems += stochastic_rows(policy, "policy", states, actions, "policy pi(a|s)")
    for i, row in enumerate(R):
        for j, value in enumerate(row):
            if not math.isfinite(value):
                problems.append(Problem("R", i, j, f"R: row {states[i]}, column {actions[j]} is {value}; "
                                                   "it must be a number"))
    return problems
