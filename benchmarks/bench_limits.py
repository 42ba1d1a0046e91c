"""One engine step with every size field at its maximum, on a 2-core laptop's budget.

For each panel with size fields (hidden sizes, widths, depths, batches, sequence lengths, ...)
this builds the config with those fields at the largest value its validation accepts (the
``le=`` of the field, or the largest combination the cost check in ``playground/limits.py``
lets through) and times ``engine.advance(1)`` with ``torch.set_num_threads(2)``. Goal: one step
under a second, so Pause, Step and the frame timer stay responsive at any setting.

    python benchmarks/bench_limits.py [--repeats 3] [--threads 2] [--json out.json]

The first step (lazy imports, allocator warm-up) is not counted; the median of the next
``--repeats`` is. The load average is printed too: on a shared machine a busy minute inflates
every figure. Exits 1 when a step is over the goal.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playground import limits  # noqa: E402
from playground.engine import RunContext  # noqa: E402
from playground.registry import panel  # noqa: E402

GOAL_S = 1.0


def warm_up_steps(key: str, config) -> int:
    """Steps before the step that costs most: DQN first fills a batch's worth of its buffer."""
    if key == "mdp" and config.mode == "dqn":
        return max(config.dqn.learning_starts, config.dqn.batch_size) + 1
    return 1


def time_steps(key: str, config, repeats: int) -> tuple[float, float]:
    """(median seconds of advance(1), seconds of one snapshot()) after the warm-up steps."""
    engine = panel(key).make_engine(config, RunContext(seed=0))
    engine.advance(warm_up_steps(key, config))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        engine.advance(1)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    engine.snapshot()
    return statistics.median(times), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads (a 2-core laptop: 2)")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    load_before = os.getloadavg()
    print(f"torch threads {args.threads}, load average {load_before[0]:.2f} {load_before[1]:.2f} "
          f"{load_before[2]:.2f} on {os.cpu_count()} cores", flush=True)
    rows, worst = [], 0.0
    for name, key, config in limits.maximal_configs():
        if args.only and args.only not in name:
            continue
        step_s, snap_s = time_steps(key, config, args.repeats)
        cost = limits.step_cost(key, config)
        worst = max(worst, step_s)
        mark = "OK " if step_s < GOAL_S else "OVER"
        print(f"{mark} {name:34s} step {step_s * 1000:8.1f} ms  snapshot {snap_s * 1000:7.1f} ms  "
              f"cost {cost:10.3g} (bound {limits.COST_BOUND:.3g})", flush=True)
        rows.append(dict(case=name, panel=key, step_s=step_s, snapshot_s=snap_s, cost=cost))
    load_after = os.getloadavg()
    print(f"load average after {load_after[0]:.2f}; worst step {worst * 1000:.0f} ms (goal < {GOAL_S * 1000:.0f} ms)")
    if args.json:
        args.json.write_text(json.dumps(dict(threads=args.threads, load_before=load_before, load_after=load_after,
                                             cases=rows), indent=2) + "\n")
    return 0 if worst < GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
