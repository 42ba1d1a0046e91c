"""Shared helpers for benchmark scripts: presets to measure, headless rates, JSON output."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PLAYGROUND_NO_AUTOSAVE_PROMPT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playground.engine import build_engine, run  # noqa: E402
from playground.presets import load_preset, shipped_presets  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def headless_rate(preset, seconds: float = 1.5, chunk_s: float = 1 / 60, warm_up_s: float = 0.5) -> float:
    """Steps/s of a preset driven exactly as the worker drives it, minus the process and the GUI.

    Like the app's benchmark it starts counting after ``warm_up_s`` of play, and stops at the last
    step of a run that finishes.
    """
    import torch

    torch.set_num_threads(1)
    gen = run(build_engine(preset))
    snap = next(gen)
    chunk = 1
    began = time.perf_counter()
    start, first = None, 0
    while not snap.done:
        now = time.perf_counter()
        if start is None and now - began >= warm_up_s:
            start, first = now, snap.step
        if start is not None and now - start >= seconds:
            break
        t0 = time.perf_counter()
        try:
            snap = gen.send(chunk)
        except StopIteration:
            break
        elapsed = time.perf_counter() - t0
        chunk = int(max(1, min(chunk * 2, chunk * chunk_s / max(elapsed, 1e-6), 1_000_000)))
    if start is None:  # finished within the warm-up: count the whole run
        start, first = began, 0
    return (snap.step - first) / max(time.perf_counter() - start, 1e-9)


def heaviest_presets(seconds: float = 0.4) -> dict[str, Path]:
    """For each panel, the shipped preset with the fewest headless steps/s."""
    slowest: dict[str, tuple[float, Path]] = {}
    for path in shipped_presets():
        preset = load_preset(path).model_copy(update={"device": "cpu"})
        try:
            rate = headless_rate(preset, seconds, warm_up_s=0.0)
        except Exception as error:  # a preset that cannot run is reported, not measured
            print(f"  skip {path.name}: {error}", file=sys.stderr)
            continue
        if path.parent.name not in slowest or rate < slowest[path.parent.name][0]:
            slowest[path.parent.name] = (rate, path)
    return {key: path for key, (_, path) in slowest.items()}


def write_result(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path


# What the panel benchmarks (bench_attention, bench_conv, bench_generative) share ---------------------
def default_device() -> str:
    import torch

    return "cuda:0" if torch.cuda.is_available() else "cpu"


def start_report(panel: str, device: str, extra: str = "") -> dict:
    """One torch thread on the CPU (as the app's engine host has), the header line, and the
    figures dict that starts with the device."""
    import torch

    if device == "cpu":
        torch.set_num_threads(1)
    name = torch.cuda.get_device_name(0) if device.startswith("cuda") else "cpu, 1 thread"
    print(f"{panel} panel benchmark on {device} ({name}), torch {torch.__version__}{extra}")
    return {"device": device, "device_name": name}


def sync(device: str) -> None:
    """Wait for queued CUDA work, so that a timer stops when the work is done."""
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()


def synchronous_redraws_per_s(panel, snaps: list, app) -> float:
    """Redraws/s of the panel's current page: each snapshot shown, then the page painted at once."""
    page = panel.pages.currentWidget()
    for snap in snaps[:5]:  # warm-up
        panel.show_snapshot(snap)
        page.repaint()
    start = time.perf_counter()
    for snap in snaps:
        panel.show_snapshot(snap)
        page.repaint()
        app.processEvents()
    return len(snaps) / (time.perf_counter() - start)


def finish_report(figures: dict, missed: list[str], json_path: str) -> int:
    """Write the figures if asked, print the goals missed, and return the exit status."""
    if json_path:
        Path(json_path).write_text(json.dumps(figures, indent=2))
    for line in missed:
        print("GOAL MISSED:", line)
    print("all goals met" if not missed else "")
    return 1 if missed else 0
