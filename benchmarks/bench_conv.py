"""Convolution panel figures: CNN training steps/s, feature-map snapshots/s, redraws/s of the train page.

    python benchmarks/bench_conv.py [--device cpu|cuda] [--steps 800] [--json out.json]

Goals (exit status 1 when one is missed): the LeNet reaches 95% test accuracy within its 800-step
budget; feature-map snapshots and redraws of the train page each run at >= 30 per second; training
keeps >= 30 snapshots/s while it trains (the worker's chunking at ~30 Hz).
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

GOAL_FPS = 30.0
GOAL_ACC = 0.95


def _engine(device: str, **fields):
    import torch

    from playground.conv.config import ConvConfig
    from playground.conv.engine import make_engine
    from playground.engine import RunContext

    torch.manual_seed(0)
    return make_engine(ConvConfig(mode="train", **fields), RunContext(seed=0, device=device))


def bench_training(device: str, steps: int, **fields) -> dict:
    engine = _engine(device, max_steps=steps, **fields)
    engine.advance(20)  # warm-up (first optimizer step, allocator)
    sync(device)
    start = time.perf_counter()
    engine.advance(steps - 20)
    engine.snapshot()
    elapsed = time.perf_counter() - start
    metrics = engine.snapshot().metrics
    return {"steps_per_s": (steps - 20) / elapsed, "test_acc": metrics["test_acc"],
            "twin_test_acc": metrics.get("twin_test_acc"), "seconds": elapsed}


def bench_snapshots(device: str, count: int = 200) -> dict:
    engine = _engine(device, max_steps=0)
    engine.advance(50)
    start = time.perf_counter()
    for _ in range(count):
        engine.snapshot()
    snap_rate = count / (time.perf_counter() - start)
    # Training while snapshotting at ~30 Hz, the way the worker drives it: chunks of about 1/30 s.
    engine = _engine(device, max_steps=0, compare="mlp")
    engine.advance(20)
    chunk, snaps, steps = 8, 0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < 3.0:
        t0 = time.perf_counter()
        engine.advance(chunk)
        engine.snapshot()
        steps += chunk
        snaps += 1
        took = time.perf_counter() - t0
        chunk = max(1, int(chunk * (1 / GOAL_FPS) / max(took, 1e-6)))
    elapsed = time.perf_counter() - start
    return {"snapshots_per_s": snap_rate, "live_steps_per_s": steps / elapsed, "live_snapshots_per_s": snaps / elapsed}


def bench_redraw(device: str, frames: int = 60) -> dict | None:
    try:
        from PySide6.QtWidgets import QApplication

        from widgets.panels.conv_panel import Panel
    except ImportError as error:  # no Qt here: report the core figures only
        print(f"redraw: skipped ({error})")
        return None
    from playground.conv.config import ConvConfig

    app = QApplication.instance() or QApplication([])
    panel = Panel(ConvConfig(mode="train"))
    panel.resize(1500, 950)
    panel.show()
    app.processEvents()
    engine = _engine(device, max_steps=0, compare="mlp")
    snaps = []
    for _ in range(frames):
        engine.advance(5)
        snaps.append(engine.snapshot())
    fps = synchronous_redraws_per_s(panel, snaps, app)  # the whole page: curves, confusion, 6 image mosaics
    panel.close()
    return {"redraws_per_s": fps}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default=default_device())
    parser.add_argument("--steps", type=int, default=800)
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    figures = start_report("conv", args.device)
    figures["train"] = bench_training(args.device, args.steps, compare="none")
    figures["train_with_mlp_twin"] = bench_training(args.device, args.steps, compare="mlp")
    figures["train_bn_residual"] = bench_training(args.device, args.steps, compare="none", batch_norm=True, residual=True)
    for key in ("train", "train_with_mlp_twin", "train_bn_residual"):
        f = figures[key]
        twin = f" (twin {100 * f['twin_test_acc']:.1f}%)" if f["twin_test_acc"] is not None else ""
        print(f"{key:22s} {f['steps_per_s']:8.0f} steps/s   {args.steps} steps in {f['seconds']:.2f} s   "
              f"test accuracy {100 * f['test_acc']:.1f}%{twin}")
    figures["snapshots"] = bench_snapshots(args.device)
    s = figures["snapshots"]
    print(f"feature-map snapshots  {s['snapshots_per_s']:8.0f} /s (10 digits x 4 layers + filters + receptive field)")
    print(f"training at ~30 Hz     {s['live_steps_per_s']:8.0f} steps/s with {s['live_snapshots_per_s']:.0f} snapshots/s")
    redraw = bench_redraw(args.device)
    if redraw:
        figures["redraw"] = redraw
        print(f"train page redraws     {redraw['redraws_per_s']:8.0f} /s (offscreen Qt, synchronous repaint)")
    missed = []
    if figures["train"]["test_acc"] < GOAL_ACC:
        missed.append(f"test accuracy {figures['train']['test_acc']:.3f} < {GOAL_ACC}")
    if s["snapshots_per_s"] < GOAL_FPS:
        missed.append(f"snapshots {s['snapshots_per_s']:.0f}/s < {GOAL_FPS:.0f}")
    if s["live_snapshots_per_s"] < 0.9 * GOAL_FPS:
        missed.append(f"live snapshots {s['live_snapshots_per_s']:.0f}/s < {GOAL_FPS:.0f}")
    if redraw and redraw["redraws_per_s"] < GOAL_FPS:
        missed.append(f"redraws {redraw['redraws_per_s']:.0f}/s < {GOAL_FPS:.0f}")
    return finish_report(figures, missed, args.json)


if __name__ == "__main__":
    sys.exit(main())
