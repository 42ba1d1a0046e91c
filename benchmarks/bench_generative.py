"""Generative panel figures: modes of the ring of 8 gaussians covered by the minimax GAN and by WGAN-GP
at a fixed seed and budget, training steps/s and snapshots/s, and redraws/s of the 2-D GAN page.

    python benchmarks/bench_generative.py [--device cpu|cuda] [--steps 3000] [--seed 0] [--json out.json]

Goals (exit status 1 when one is missed): WGAN-GP covers >= 7 of the 8 modes within the budget; the
2-D GAN page (points + heatmap + arrows + warped grid) redraws at >= 30 frames/s; snapshots at >= 30/s.
The GANs are the shipped lesson presets (mode_collapse, wgan_gp_cure, d_steps_per_g_step) with the
budget and seed given here.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import default_device, finish_report, start_report, sync, synchronous_redraws_per_s  # noqa: E402

GOAL_MODES = 7
GOAL_FPS = 30.0
RUNS = {  # label -> lesson preset
    "minimax (mode_collapse)": "mode_collapse",
    "WGAN-GP, 1 critic step (d_steps_per_g_step)": "d_steps_per_g_step",
    "WGAN-GP (wgan_gp_cure)": "wgan_gp_cure",
}


def _config(lesson: str, **update):
    from playground.generative import lessons
    from playground.generative.config import GenerativeConfig

    return GenerativeConfig(**{**lessons.LESSONS[lesson]["config"], **update})


def bench_modes(lesson: str, device: str, steps: int, seed: int) -> dict:
    from playground.engine import RunContext
    from playground.generative.engine import make_engine

    engine = make_engine(_config(lesson, max_steps=steps), RunContext(seed=seed, device=device))
    start = time.perf_counter()
    engine.advance(steps)
    sync(device)
    elapsed = time.perf_counter() - start
    m = engine.snapshot().metrics
    return {"modes_covered": int(m["modes_covered"]), "high_quality": m["high_quality"],
            "divergence": m["divergence"], "steps": steps, "seconds": elapsed, "steps_per_s": steps / elapsed}


def bench_snapshots(device: str, count: int = 100) -> dict:
    from playground.engine import RunContext
    from playground.generative.engine import make_engine

    engine = make_engine(_config("wgan_gp_cure"), RunContext(seed=0, device=device))
    engine.advance(20)
    start = time.perf_counter()
    for _ in range(count):
        engine.snapshot()
    return {"snapshots_per_s": count / (time.perf_counter() - start)}


def bench_redraw(device: str, frames: int = 90) -> dict | None:
    try:
        from PySide6.QtWidgets import QApplication

        from widgets.panels.generative_panel import Panel
    except ImportError as error:
        print(f"redraw: skipped ({error})")
        return None
    from playground.engine import RunContext
    from playground.generative.engine import make_engine

    app = QApplication.instance() or QApplication([])
    config = _config("wgan_gp_cure")
    panel = Panel(config)
    panel.resize(1500, 950)
    panel.show()
    app.processEvents()
    engine = make_engine(config, RunContext(seed=0, device=device))
    snaps = []
    for _ in range(frames):
        engine.advance(2)
        snaps.append(engine.snapshot())
    # 1,000 points, a 50x50 heatmap, 150 arrows, the warped grid, 3 curves
    fps = synchronous_redraws_per_s(panel, snaps, app)
    panel.close()
    return {"redraws_per_s": fps, "points": int(len(snaps[-1].arrays["real"]) + len(snaps[-1].arrays["fake"])),
            "arrows": int(len(snaps[-1].arrays["arrows"]) // 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default=default_device())
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", default="")
    parser.add_argument("--skip-modes", action="store_true", help="only the speed figures")
    args = parser.parse_args(argv)
    figures = start_report("generative", args.device, extra=f", seed {args.seed}")
    figures.update(seed=args.seed, modes={})
    missed = []
    if not args.skip_modes:
        for label, lesson in RUNS.items():
            f = bench_modes(lesson, args.device, args.steps, args.seed)
            figures["modes"][lesson] = f
            print(f"{label:44s} modes covered {f['modes_covered']} of 8, high-quality share "
                  f"{100 * f['high_quality']:4.1f}%  ({f['steps']} G steps in {f['seconds']:.1f} s, "
                  f"{f['steps_per_s']:.0f} steps/s)", flush=True)
        covered = figures["modes"]["wgan_gp_cure"]["modes_covered"]
        if covered < GOAL_MODES:
            missed.append(f"WGAN-GP covers {covered} of 8 modes < {GOAL_MODES}")
    s = bench_snapshots(args.device)
    figures["snapshots"] = s
    print(f"2-D GAN snapshots      {s['snapshots_per_s']:6.0f} /s (heatmap 50x50, arrows, warped grid, figures)")
    if s["snapshots_per_s"] < GOAL_FPS:
        missed.append(f"snapshots {s['snapshots_per_s']:.0f}/s < {GOAL_FPS:.0f}")
    redraw = bench_redraw(args.device)
    if redraw:
        figures["redraw"] = redraw
        print(f"2-D GAN page redraws   {redraw['redraws_per_s']:6.0f} /s ({redraw['points']} points, heatmap, "
              f"{redraw['arrows']} arrows, warped grid, 3 curves; offscreen Qt, synchronous repaint)")
        if redraw["redraws_per_s"] < GOAL_FPS:
            missed.append(f"redraws {redraw['redraws_per_s']:.0f}/s < {GOAL_FPS:.0f}")
    return finish_report(figures, missed, args.json)


if __name__ == "__main__":
    sys.exit(main())
