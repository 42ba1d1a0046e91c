"""Memory soak: does the window's memory level off while it trains for half an hour?

Opens the real MainWindow (offscreen), plays presets (by default one per panel, switching every
``--switch`` minutes and going round again; a run that finishes is reset and played again, as a
person pressing R would) and samples the resident memory (RSS) of the GUI process and of the
engine host process every ``--every`` seconds. Prints the series, the slope over the last half
and over the last 10 minutes, and whether the GUI process levelled off (slope under
``--flat`` MB/min over the last 10 minutes, or over the last half of a shorter run).

    nice -n 10 python benchmarks/bench_memory_soak.py [--minutes 30] [--preset rnn/gru_vs_lstm]
        [--tracemalloc] [--json out.json]

``--tracemalloc`` traces the GUI process's Python allocations and prints what grew most between
the middle and the end of the run (slows the window; use it on a short run to find a leak).
A benchmark, not a test: exits 1 when the GUI's memory did not level off.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from common import ROOT, write_result  # noqa: F401  (common sets up sys.path and offscreen Qt)

DEFAULT_PRESETS = ("rnn/gru_vs_lstm", "generative/wgan_gp_cure", "conv/lenet_on_digits", "network/spiral_needs_depth",
                   "attention/position_matters", "mdp/dqn_cartpole", "bandits/testbed_10_armed",
                   "optimizer/eight_racers_himmelblau")


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB (Linux /proc), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def slope_mb_per_min(series: list[tuple[float, float]]) -> float:
    """Least-squares slope of (minutes, MB) points."""
    if len(series) < 2:
        return 0.0
    n = len(series)
    mean_t = sum(t for t, _ in series) / n
    mean_m = sum(m for _, m in series) / n
    var = sum((t - mean_t) ** 2 for t, _ in series)
    return sum((t - mean_t) * (m - mean_m) for t, m in series) / var if var else 0.0


def preset_paths(names: list[str]) -> list[Path]:
    paths = []
    for name in names:
        path = ROOT / "presets" / name
        path = path if path.suffix == ".json" else path.with_suffix(".json")
        if path.exists():
            paths.append(path)
        else:
            print(f"  (no preset {name}, skipped)", file=sys.stderr)
    return paths


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _spin(seconds: float) -> None:
    """Run Qt's event loop for a while, as app.exec() does."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _open_and_play(window, path: Path) -> None:
    window.open_preset_named(str(path))
    window.device_box.setCurrentText("cpu")
    window.speed_box.setCurrentIndex(0)  # as fast as it goes: the most snapshots per minute
    _spin(1.0)
    window.play()


def _host_pid(window) -> int | None:
    process = getattr(window.worker, "process", None)
    return getattr(process, "pid", None)


def soak(paths: list[Path], minutes: float, every_s: float, switch_min: float, trace: bool) -> dict:
    import tracemalloc

    from widgets.main_window import MainWindow

    _app()
    window = MainWindow(recover=False)
    window.resize(1500, 920)
    window.show()
    while not window.worker.ready.is_set():
        _spin(0.05)
    start = time.perf_counter()
    gui, host, trace_mid = [], [], None
    index, switched_at, next_sample = 0, start, start
    _open_and_play(window, paths[0])
    if trace:
        tracemalloc.start(10)
    while (now := time.perf_counter()) - start < minutes * 60:
        if len(paths) > 1 and now - switched_at >= switch_min * 60:
            index, switched_at = (index + 1) % len(paths), now
            _open_and_play(window, paths[index])
        elif not window.worker.playing:  # finished (or paused by a divergence): go again
            window.reset()
            _spin(0.3)
            window.play()
        if now >= next_sample:
            gc.collect()
            t = (now - start) / 60
            gui.append((t, rss_mb()))
            pid = _host_pid(window)
            host.append((t, rss_mb(pid) if pid else 0.0))
            print(f"  {t:6.1f} min  GUI {gui[-1][1]:7.1f} MB  host {host[-1][1]:7.1f} MB  "
                  f"({paths[index].parent.name}/{paths[index].stem}, step {getattr(window.worker.latest(), 'step', 0)})",
                  flush=True)
            next_sample = max(next_sample + every_s, now + every_s / 2)  # a starved loop skips, not bunches
            if trace and trace_mid is None and t >= minutes / 2:
                trace_mid = tracemalloc.take_snapshot()
        _spin(0.25)
    if trace and trace_mid is not None:
        _print_growth(trace_mid, tracemalloc.take_snapshot())
    window.close()
    _spin(0.5)
    return {"gui": gui, "host": host}


def _print_growth(before, after, top: int = 15) -> None:
    print("\nPython allocations that grew most over the second half (tracemalloc):")
    for stat in after.compare_to(before, "traceback")[:top]:
        print(f"  {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  {stat.traceback.format()[-1].strip()}")
        for line in stat.traceback.format()[-6:-1]:
            print(f"        {line.strip()}")


def verdict(series: list[tuple[float, float]], minutes: float, flat: float) -> tuple[float, float, bool]:
    """(slope over the last half, slope over the last 10 minutes or the last half, levelled off)."""
    half = [p for p in series if p[0] >= minutes / 2]
    last = [p for p in series if p[0] >= minutes - 10] if minutes >= 20 else half
    tail = slope_mb_per_min(last)
    return slope_mb_per_min(half), tail, tail < flat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between samples")
    parser.add_argument("--switch", type=float, default=1.0, help="minutes on each preset before the next")
    parser.add_argument("--preset", action="append", help="panel/name of a preset to play (repeatable)")
    parser.add_argument("--flat", type=float, default=0.5, help="MB/min under which memory counts as levelled off")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    paths = preset_paths(args.preset or list(DEFAULT_PRESETS))
    print(f"soak {args.minutes:g} min over {', '.join(p.parent.name + '/' + p.stem for p in paths)}", flush=True)
    series = soak(paths, args.minutes, args.every, args.switch, args.tracemalloc)
    report = {}
    for name in ("gui", "host"):
        points = [p for p in series[name] if p[1] > 0]
        half, tail, flat = verdict(points, args.minutes, args.flat)
        at = {f"{m:g} min": round(min(points, key=lambda p: abs(p[0] - m))[1], 1)  # the nearest sample
              for m in (0, 10, 20, 30) if m <= args.minutes and points}
        report[name] = dict(rss_mb=at, slope_last_half=half, slope_tail=tail, levelled_off=flat, series=points)
        print(f"{name:4s} RSS {at}  slope last half {half:+.2f} MB/min, last 10 min {tail:+.2f} MB/min: "
              f"{'levelled off' if flat else 'STILL GROWING'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0 if report["gui"]["levelled_off"] else 1


if __name__ == "__main__":
    sys.exit(main())
