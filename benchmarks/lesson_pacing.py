"""How long each shipped lesson takes in the app, from Play to its natural end, at its own speed.

A class sees a lesson's point only if the run neither flashes past (a Max-speed run over in a few
seconds shows only its end) nor drags on (a minute and a half before the curves separate). This
script times every shipped preset's engine headless, driven in ~1/30 s chunks as the worker drives
it, and prints one row per preset:

    preset, steps to its end, speed (steps/s; "max" = as fast as it can), steps/s the engine manages
    here (per second of this process's CPU time, one torch thread, as the engine host runs), seconds
    from Play to the end = steps / min(speed, engine rate), and the CPU seconds building the run took
    (torch is imported before the first preset, as the app's engine host has it warm).

A run still going after ``--sample`` CPU seconds is extrapolated to its natural length, which is an upper
bound (learners and solvers usually end sooner): its seconds are marked "up to". A preset that runs
until stopped (no natural end) is timed to its ``max_steps`` if it has one, else to the CLI's
open-ended default (1000 steps), and marked "open".

    python benchmarks/lesson_pacing.py                   # every shipped preset (a few minutes on 2 cores)
    python benchmarks/lesson_pacing.py --presets conv/lenet_on_digits cliff_sarsa_vs_q_learning
    python benchmarks/lesson_pacing.py --json benchmarks/results/lesson_pacing.json
    python benchmarks/lesson_pacing.py --rates benchmarks/results/lesson_pacing.json   # new speeds, same engines

``--rates`` reuses the steps and engine rates of an earlier ``--json`` run and applies the presets'
speeds as they are now: after a change of speeds only, no engine needs timing again.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import build_engine, load_preset, run, shipped_presets  # noqa: E402

FRAME_S = 1 / 30  # the worker hands the engine about one frame's worth of steps at a time
TOO_SHORT_S, TOO_LONG_S = 10.0, 60.0  # the window in which a class sees a lesson's point


def run_length(engine) -> tuple[int, bool]:
    """Steps to the run's end and whether that end is natural (False: open-ended, a cap we chose)."""
    from playground.cli import OPEN_ENDED_STEPS

    natural = engine.natural_length()
    if natural is not None:
        return natural, True
    cap = getattr(engine.config, "max_steps", None)
    return int(cap or OPEN_ENDED_STEPS), False


def time_run(preset, sample_s: float) -> dict:
    """Build the preset's engine and drive it to its end or for ``sample_s`` seconds."""
    began = time.process_time()
    engine = build_engine(preset)
    gen = run(engine)
    snap = next(gen)
    build_cpu_s = time.process_time() - began
    steps, natural = run_length(engine)
    # The rate counts this process's CPU time, not the wall clock: on a machine other jobs share, the
    # wall clock measures them too (2 cores at load 10 made LeNet look 5x slower than it is).
    chunk, cpu_started = 1, time.process_time()
    while not snap.done and snap.step < steps and time.process_time() - cpu_started < sample_s:
        t0 = time.perf_counter()
        try:
            snap = gen.send(min(chunk, steps - snap.step))
        except StopIteration:
            break
        took = time.perf_counter() - t0
        chunk = int(max(1, min(chunk * 2, chunk * FRAME_S / max(took, 1e-6))))
    elapsed = max(time.process_time() - cpu_started, 1e-9)
    ended = snap.done or snap.step >= steps
    if ended:  # a run can end before its natural length (a solver that converged)
        steps = snap.step
    return dict(steps=steps, natural=natural, rate=snap.step / elapsed, build_s=build_cpu_s, measured_to_end=ended)


def pacing_row(path: Path, sample_s: float) -> dict:
    preset = load_preset(path)
    timing = time_run(preset, sample_s)
    pace = min(preset.speed or float("inf"), timing["rate"])
    seconds = timing["steps"] / pace if pace > 0 else float("inf")
    verdict = "short" if seconds < TOO_SHORT_S else "long" if seconds > TOO_LONG_S else "ok"
    return dict(preset=f"{path.parent.name}/{path.stem}", speed=preset.speed, seconds=seconds,
                verdict=verdict, **timing)


def repaced(row: dict, path: Path) -> dict:
    """An earlier measurement of a preset, with the speed its file has now."""
    speed = load_preset(path).speed
    pace = min(speed or float("inf"), row["rate"])
    seconds = row["steps"] / pace if pace > 0 else float("inf")
    verdict = "short" if seconds < TOO_SHORT_S else "long" if seconds > TOO_LONG_S else "ok"
    return {**row, "speed": speed, "seconds": seconds, "verdict": verdict}


def table(rows: list[dict]) -> str:
    lines = ["| preset | steps | speed (steps/s) | engine steps/s here | seconds to the end | build CPU s | |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        steps = f"{row['steps']}" + ("" if row["natural"] else " (open)")
        speed = "max" if row["speed"] is None else f"{row['speed']:g}"
        seconds = f"{row['seconds']:.1f}" if row["measured_to_end"] else f"up to {row['seconds']:.0f}"
        lines.append(f"| {row['preset']} | {steps} | {speed} | {row['rate']:.0f} | {seconds} | "
                     f"{row['build_s']:.1f} | {row['verdict']} |")
    return "\n".join(lines)


def selected(names: list[str] | None) -> list[Path]:
    paths = shipped_presets()
    if not names:
        return paths
    wanted = [n.removesuffix(".json") for n in names]
    return [p for p in paths if p.stem in wanted or f"{p.parent.name}/{p.stem}" in wanted]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", nargs="+", default=None, metavar="NAME", help="name or panel/name (default: all)")
    parser.add_argument("--sample", type=float, default=20.0, help="CPU seconds to time a long run before extrapolating")
    parser.add_argument("--json", default="", help="also write the rows to this JSON file")
    parser.add_argument("--rates", default="", help="reuse steps and engine rates from this earlier --json file")
    args = parser.parse_args(argv)
    if args.rates:
        earlier = {row["preset"]: row for row in json.loads(Path(args.rates).read_text())}
        paths = {f"{p.parent.name}/{p.stem}": p for p in selected(args.presets)}
        rows = [repaced(earlier[name], path) for name, path in paths.items() if name in earlier]
        print(table(rows))
        return 0

    import torch

    torch.set_num_threads(1)  # as the app's engine host runs
    torch.zeros(1).sum()
    rows = []
    for path in selected(args.presets):
        try:
            rows.append(pacing_row(path, args.sample))
        except Exception as error:  # one broken preset is reported, the rest still measured
            print(f"skip {path.parent.name}/{path.stem}: {type(error).__name__}: {error}", file=sys.stderr)
            continue
        print(f"  {rows[-1]['preset']}: {rows[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
