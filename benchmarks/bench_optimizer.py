"""Optimizer panel figures: optimizer-steps/s of racing optimizers, headless and in the app.

    python benchmarks/bench_optimizer.py             headless, every shipped optimizer preset
    python benchmarks/bench_optimizer.py --app       also in the app: the heaviest preset played in
                                                     the main window, and the app/headless ratio
    python benchmarks/bench_optimizer.py --json out.json

A "step" of the engine moves every racing optimizer once; the figures below count optimizer
steps (engine steps x racers). Goals, exit status 1 when one is missed (issue 4): the heaviest
preset with 8 racers runs at >= 1,000 optimizer-steps/s headless, and (with --app) in the app
while the GUI draws it. ``app_ratio(preset_path)`` is the function the app benchmarks can call.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PLAYGROUND_NO_AUTOSAVE_PROMPT", "1")

from playground.engine import build_engine, run  # noqa: E402
from playground.presets import load_preset  # noqa: E402

GOAL_OPTIMIZER_STEPS = 1000.0
FRAME_S = 1 / 60  # the worker sizes its chunks to about one frame


def racers(preset) -> int:
    return sum(entry.enabled for entry in preset.config.optimizers)


def headless_rate(preset, seconds: float = 2.0) -> float:
    """Engine steps/s, driven as the worker drives it: chunks of about a frame, a snapshot each."""
    import torch

    torch.set_num_threads(1)
    gen = run(build_engine(preset.model_copy(update={"device": "cpu"})))
    next(gen)
    gen.send(20)  # warm-up: the first optimizer steps import lazily
    chunk, steps = 1, 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        gen.send(chunk)
        steps += chunk
        elapsed = time.perf_counter() - t0
        chunk = int(max(1, min(chunk * 2, chunk * FRAME_S / max(elapsed, 1e-6))))
    return steps / (time.perf_counter() - start)


def app_rate(path: Path, seconds: float = 4.0) -> tuple[float, float]:
    """Engine steps/s and frames/s while the main window plays ``path`` at full speed on the CPU."""
    from PySide6.QtWidgets import QApplication

    from widgets.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(recover=False)
    window.resize(1500, 920)
    window.show()

    def spin(duration: float) -> None:
        end = time.perf_counter() + duration
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.001)

    while not window.worker.ready.is_set():
        spin(0.01)
    window.open_preset_named(str(path))
    window.device_box.setCurrentText("cpu")
    window.speed_box.setCurrentIndex(window.speed_box.findData(None))  # as fast as it goes
    spin(0.5)
    window.play()
    spin(0.5)
    first, frames0 = window.worker.latest().step, window.frames_total
    start = time.perf_counter()
    spin(seconds)
    elapsed = time.perf_counter() - start
    steps = window.worker.latest().step - first
    fps = (window.frames_total - frames0) / elapsed
    window.shutdown()
    window.close()
    return steps / elapsed, fps


def app_ratio(path: Path, seconds: float = 4.0) -> dict:
    """In-app and headless optimizer-steps/s of one preset, measured one after the other."""
    preset = load_preset(path)
    headless = headless_rate(preset, seconds / 2) * racers(preset)
    in_app, fps = app_rate(path, seconds)
    in_app *= racers(preset)
    return {"preset": path.name, "racers": racers(preset), "headless_optimizer_steps_s": round(headless),
            "app_optimizer_steps_s": round(in_app), "ratio": round(in_app / headless, 3), "fps": round(fps, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", action="store_true", help="also measure the heaviest preset in the app")
    parser.add_argument("--seconds", type=float, default=2.0, help="measuring time per preset")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)

    paths = sorted((ROOT / "presets" / "optimizer").glob("*.json"))
    rows = {}
    print(f"{'preset':28s} {'racers':>6s} {'engine steps/s':>15s} {'optimizer-steps/s':>18s}")
    for path in paths:
        preset = load_preset(path)
        rate = headless_rate(preset, args.seconds)
        rows[path.stem] = {"racers": racers(preset), "engine_steps_s": round(rate, 1),
                           "optimizer_steps_s": round(rate * racers(preset))}
        print(f"{path.stem:28s} {racers(preset):6d} {rate:15,.0f} {rate * racers(preset):18,.0f}")
    eight = {name: row for name, row in rows.items() if row["racers"] == 8}
    heaviest = min(eight, key=lambda name: eight[name]["engine_steps_s"])
    figures = {"headless": rows, "heaviest": heaviest}
    missed = []
    rate = rows[heaviest]["optimizer_steps_s"]
    print(f"\nheaviest 8-racer preset: {heaviest}: {rate:,} optimizer-steps/s headless "
          f"(goal >= {GOAL_OPTIMIZER_STEPS:,.0f})")
    if rate < GOAL_OPTIMIZER_STEPS:
        missed.append(f"headless {heaviest}: {rate} optimizer-steps/s")
    if args.app:
        figures["app"] = app = app_ratio(ROOT / "presets" / "optimizer" / f"{heaviest}.json", 2 * args.seconds)
        print(f"in the app: {app['app_optimizer_steps_s']:,} optimizer-steps/s at {app['fps']} fps; "
              f"headless {app['headless_optimizer_steps_s']:,}; ratio {app['ratio']}")
        if app["app_optimizer_steps_s"] < GOAL_OPTIMIZER_STEPS:
            missed.append(f"app {heaviest}: {app['app_optimizer_steps_s']} optimizer-steps/s")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
