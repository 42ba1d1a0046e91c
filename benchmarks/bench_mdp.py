"""MDP & RL benchmarks: DP solve timings, TD learner throughput, DQN episodes to solve CartPole.

    python benchmarks/bench_mdp.py              # all, DQN with seed 0
    python benchmarks/bench_mdp.py --seeds 0 1 2 --skip-dp
    python benchmarks/bench_mdp.py --json out.json

Exits 1 when DQN misses its goal: an average return of 195 over 100 episodes within
``--max-episodes`` episodes and ``--max-seconds`` seconds (one CPU thread).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playground.engine import RunContext  # noqa: E402
from playground.mdp import dp, grid  # noqa: E402
from playground.mdp.config import DQNConfig, GridConfig, MDPConfig, TabularConfig  # noqa: E402
from playground.mdp.engine import make_engine  # noqa: E402
from playground.mdp.model import from_tabular_config  # noqa: E402
from playground.mdp.td import TDLearner  # noqa: E402


def timed(fn, repeat: int = 5) -> float:
    """Best wall time of ``repeat`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_dp() -> dict[str, float]:
    out: dict[str, float] = {}
    seed = from_tabular_config(TabularConfig())
    half = np.full((3, 2), 0.5)
    out["seed 3-state linear solve (ms)"] = 1e3 * timed(lambda: dp.evaluate_linear(seed, half, 0.9), 200)
    out["seed 3-state value iteration to 1e-12 (ms)"] = 1e3 * timed(lambda: dp.value_iteration(seed, 0.9), 20)
    for n in (10, 20, 30):
        layout = ["S" + "." * (n - 1)] + ["." * n] * (n - 2) + ["." * (n - 1) + "G"]
        world = grid.build(GridConfig(layout=layout, slip=0.2, step_reward=-1.0, gamma=0.99, learners=[]))
        mdp = world.mdp
        uniform = dp.uniform_policy(mdp)
        out[f"{n}x{n} slippery grid: random-policy linear solve (ms)"] = 1e3 * timed(
            lambda: dp.evaluate_linear(mdp, uniform, 0.99), 3)
        out[f"{n}x{n} slippery grid: value iteration sweep (us)"] = 1e6 * timed(
            lambda: dp.value_iteration_sweep(mdp, 0.99, np.zeros(mdp.n_states)), 20)
        V, sweeps = dp.value_iteration(mdp, 0.99, tol=1e-10)
        out[f"{n}x{n} slippery grid: value iteration to 1e-10 (ms)"] = 1e3 * timed(
            lambda: dp.value_iteration(mdp, 0.99, tol=1e-10), 2)
        out[f"{n}x{n} slippery grid: value iteration sweeps"] = sweeps
        solver = dp.PolicyIteration(mdp, 0.99)
        while not solver.step():
            pass
        out[f"{n}x{n} slippery grid: policy iteration improvements"] = solver.improvements
        out[f"{n}x{n} slippery grid: policy iteration to optimal (ms)"] = 1e3 * timed(
            lambda: dp.solve_optimal(mdp, 0.99), 2)
        assert np.abs(solver.V - V).max() < 1e-6
    lake = grid.build_gym("FrozenLake-v1 8x8", True).mdp
    out["FrozenLake-v1 8x8 slippery: policy iteration (ms)"] = 1e3 * timed(lambda: dp.solve_optimal(lake, 0.99), 3)
    return out


def bench_td(steps: int = 100_000) -> dict[str, float]:
    out: dict[str, float] = {}
    world = grid.build_gym("CliffWalking-v1", False)
    for kind in ("q_learning", "sarsa", "expected_sarsa"):
        learner = TDLearner(kind, world.mdp, 1.0, 0.5, 0.1, 100_000, 1000, seeds=[0])
        t = time.perf_counter()
        for _ in range(steps):
            learner.step()
        out[f"{kind} on the cliff (steps/s)"] = steps / (time.perf_counter() - t)
    return out


def bench_dqn(seed: int, max_episodes: int, max_seconds: float) -> dict[str, float]:
    cfg = MDPConfig(mode="dqn", dqn=DQNConfig(max_episodes=max_episodes))
    engine = make_engine(cfg, RunContext(seed=seed, device="cpu"))
    t = time.perf_counter()
    while not engine.finished and time.perf_counter() - t < max_seconds:
        engine.advance(1000)
    seconds = time.perf_counter() - t
    agent = engine.agent
    return {
        "seed": seed,
        "solved at episode": agent.solved_at or float("nan"),
        "environment steps": agent.steps,
        "seconds": seconds,
        "steps/s": agent.steps / seconds,
        "best 100-episode average": max(engine.avg_returns) if engine.avg_returns else 0.0,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--max-episodes", type=int, default=600)
    parser.add_argument("--max-seconds", type=float, default=240.0)
    parser.add_argument("--skip-dp", action="store_true")
    parser.add_argument("--skip-dqn", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    report: dict[str, object] = {}
    if not args.skip_dp:
        report["dp"] = bench_dp()
        report["td"] = bench_td()
        for section in ("dp", "td"):
            print(f"== {section}")
            for name, value in report[section].items():
                print(f"  {name:58s} {value:12.4g}")
    ok = True
    if not args.skip_dqn:
        runs = []
        print("== DQN on CartPole-v1 (goal: 100-episode average return >= 195)")
        for seed in args.seeds:
            row = bench_dqn(seed, args.max_episodes, args.max_seconds)
            runs.append(row)
            print("  " + ", ".join(f"{k} {v:.4g}" for k, v in row.items()), flush=True)
            ok &= bool(np.isfinite(row["solved at episode"]))
        report["dqn"] = runs
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=float))
    if not ok:
        print("FAIL: DQN did not reach an average return of 195 within the budget")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
