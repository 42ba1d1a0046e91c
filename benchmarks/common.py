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


def headless_rate(preset, seconds: float = 1.5, chunk_s: float = 1 / 60) -> float:
    """Steps/s of a preset driven exactly as the worker drives it, minus the thread and the GUI."""
    import torch

    torch.set_num_threads(1)
    gen = run(build_engine(preset))
    snap = next(gen)
    chunk, steps = 1, 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds and not snap.done:
        t0 = time.perf_counter()
        snap = gen.send(chunk)
        steps += chunk
        elapsed = time.perf_counter() - t0
        chunk = int(max(1, min(chunk * 2, chunk * chunk_s / max(elapsed, 1e-6), 1_000_000)))
    return steps / (time.perf_counter() - start)


def heaviest_presets(seconds: float = 0.4) -> dict[str, Path]:
    """For each panel, the shipped preset with the fewest headless steps/s."""
    slowest: dict[str, tuple[float, Path]] = {}
    for path in shipped_presets():
        preset = load_preset(path).model_copy(update={"device": "cpu"})
        try:
            rate = headless_rate(preset, seconds)
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
