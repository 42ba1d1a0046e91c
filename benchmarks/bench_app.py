"""App-level benchmarks (issue 11): throughput ratio, responsiveness, cold start, memory, GPU, stability.

    python benchmarks/bench_app.py [throughput|responsive|coldstart|memory|gpu|stability ...]

Prints a table, writes benchmarks/results/app.json, exits 1 when a goal is missed.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time

from common import ROOT, headless_rate, heaviest_presets, write_result

from playground.presets import load_preset

GOALS = {"throughput_ratio": 0.8, "lateness_p99_ms": 20.0, "lateness_max_ms": 50.0, "fps": 30.0,
         "coldstart_ratio": 1.5, "memory_mb": 30.0, "gpu_streaming_ratio": 0.9}


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _window():
    from widgets.main_window import MainWindow

    _app()
    window = MainWindow(recover=False)
    window.resize(1500, 920)
    window.show()
    while not window.worker.ready.is_set():
        _app().processEvents()
        time.sleep(0.01)
    return window


def _spin(seconds: float) -> None:
    """Run Qt's own event loop for a while, as app.exec() does (a Python busy loop would hold the GIL)."""
    from PySide6.QtCore import QEventLoop, QTimer

    _app()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _play(window, path) -> None:
    """Open a preset on cpu at max speed (whatever the lesson's own pace), play, let it warm up."""
    window.open_preset_named(str(path))
    window.device_box.setCurrentText("cpu")
    window.speed_box.setCurrentIndex(0)
    _wait_for_run(window)
    window.play()
    _spin(0.5)


def _wait_for_run(window, timeout: float = 30.0) -> None:
    """Spin until the window's current run has sent its first snapshot (building one can take a while)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        snap = window.worker.latest()
        if snap is not None and snap.gen_id == window.gen_id:
            return
        _spin(0.05)
    raise RuntimeError("the run never sent a snapshot")


def in_app_rate(window, path, seconds: float) -> tuple[float, float]:
    """Steps/s and frames/s while the window plays a preset with its plots live.

    A lesson may finish inside the window (a 1,000-step bandit, say): the rate counts up to the
    last step it made, as headless_rate does, not the idle time after it.
    """
    _play(window, path)
    first = window.worker.latest().step
    frames0 = window.frames_total
    start = time.perf_counter()
    last_step, last_at = first, start
    while time.perf_counter() - start < seconds:
        _spin(0.05)
        step = window.worker.latest().step
        if step != last_step:
            last_step, last_at = step, time.perf_counter()
        elif not window.worker.playing:
            break  # finished
    elapsed = time.perf_counter() - start
    fps = (window.frames_total - frames0) / elapsed
    window.worker.pause()
    _spin(0.2)
    return (last_step - first) / max(last_at - start, 1e-9), fps


def bench_throughput(seconds: float = 4.0) -> dict:
    window = _window()
    rows = {}
    for key, path in heaviest_presets().items():
        preset = load_preset(path).model_copy(update={"device": "cpu"})
        headless = headless_rate(preset, seconds)
        app_rate, fps = in_app_rate(window, path, seconds)
        rows[key] = {"preset": path.name, "headless_steps_s": round(headless, 1), "app_steps_s": round(app_rate, 1),
                     "ratio": round(app_rate / headless, 3), "fps": round(fps, 1)}
        print(f"  {key:11s} {path.name:32s} headless {headless:10.1f}/s  app {app_rate:10.1f}/s  "
              f"ratio {app_rate / headless:5.2f}  {fps:5.1f} fps")
    window.close()
    return rows


def bench_responsive(seconds: float = 6.0) -> dict:
    """Lateness of a 16 ms timer on the GUI thread, and frames/s, while the heaviest presets train.

    Only the time the run is playing counts: a lesson that finishes inside the window (a
    1,000-step bandit) stops being measured when it stops.
    """
    from PySide6.QtCore import QTimer

    window = _window()
    rows = {}
    for key, path in heaviest_presets().items():
        _play(window, path)
        late: list[float] = []
        expected = [time.perf_counter() + 0.016]

        def tick():
            now = time.perf_counter()
            if window.worker.playing:
                late.append(max(0.0, now - expected[0]) * 1000)
            expected[0] = now + 0.016

        timer = QTimer()
        timer.setTimerType(timer.timerType().PreciseTimer)
        timer.timeout.connect(tick)
        timer.start(16)
        frames0 = window.frames_total
        start = time.perf_counter()
        while time.perf_counter() - start < seconds and window.worker.playing:
            _spin(0.05)
        elapsed = time.perf_counter() - start
        timer.stop()
        fps = (window.frames_total - frames0) / elapsed
        window.worker.pause()
        late.sort()
        if not late:
            print(f"  {key:11s} finished before it could be measured")
            continue
        row = {"p50_ms": round(statistics.median(late), 2), "p99_ms": round(late[int(0.99 * (len(late) - 1))], 2),
               "max_ms": round(late[-1], 2), "fps": round(fps, 1), "seconds": round(elapsed, 1)}
        rows[key] = row
        print(f"  {key:11s} lateness p50 {row['p50_ms']:6.2f} ms  p99 {row['p99_ms']:6.2f} ms  "
              f"max {row['max_ms']:6.2f} ms  {row['fps']:5.1f} fps  over {row['seconds']} s")
    window.close()
    return rows


FIRST_PAINT = r"""
import os, sys, time
t0 = float(sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PLAYGROUND_NO_AUTOSAVE_PROMPT"] = "1"
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
if sys.argv[2] == "bare":
    window = QMainWindow()
else:
    from widgets.main_window import MainWindow
    window = MainWindow(recover=False, deferred=True)  # exactly as widgets.app starts it
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(time.time() - t0, flush=True)
            os._exit(0)
        return False
window.installEventFilter(Painted(window))
window.show()
app.exec()
"""


def bench_coldstart(repeats: int = 5) -> dict:
    def measure(kind: str) -> float:
        times = []
        for _ in range(repeats):
            done = subprocess.run([sys.executable, "-c", FIRST_PAINT, repr(time.time()), kind], cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)
            times.append(float(done.stdout.strip().splitlines()[-1]))
        return statistics.median(times)

    bare, app = measure("bare"), measure("app")
    print(f"  bare PySide6 window {bare * 1000:.0f} ms, playground {app * 1000:.0f} ms, ratio {app / bare:.2f}")
    return {"bare_s": round(bare, 3), "app_s": round(app, 3), "ratio": round(app / bare, 3)}


def _rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bench_memory(snapshots: int = 10_000) -> dict:
    """RSS after 10,000 drawn snapshots minus after 1,000, per panel (plots live)."""
    from playground.engine import build_engine, run
    from widgets.panels import panel_class

    app = _app()
    rows = {}
    for key, path in heaviest_presets().items():
        preset = load_preset(path).model_copy(update={"device": "cpu"})
        panel = panel_class(key)()
        panel.set_config(preset.config)
        panel.staged = True  # as while a run plays
        panel.resize(1200, 800)
        panel.show()
        gen = run(build_engine(preset))
        next(gen)
        at_1000 = 0.0
        runs = 1
        for index in range(1, snapshots + 1):
            try:
                snap = gen.send(1)
            except StopIteration:
                snap = None
            if snap is None or snap.done:  # a finished run starts again, as a person pressing R would
                panel.clear()
                gen = run(build_engine(preset))
                snap = next(gen)
                runs += 1
            panel.show_snapshot(snap)
            if index % 10 == 0:
                app.processEvents()
            if index == 1000:
                gc.collect()
                at_1000 = _rss_mb()
        gc.collect()
        growth = _rss_mb() - at_1000
        rows[key] = {"rss_growth_mb": round(growth, 1), "runs": runs}
        print(f"  {key:11s} RSS growth from 1,000 to {snapshots:,} snapshots: {growth:6.1f} MB ({runs} runs)")
        panel.close()
        panel.deleteLater()
        app.processEvents()
    return rows


def bench_gpu(seconds: float = 3.0) -> dict:
    import torch

    if not torch.cuda.is_available():
        print("  no CUDA device: skipped")
        return {"skipped": "no CUDA device"}
    rows = {}
    for key, path in heaviest_presets().items():
        preset = load_preset(path).model_copy(update={"device": "cuda"})
        streaming = headless_rate(preset, seconds)
        quiet = headless_rate(preset, seconds, chunk_s=1.0)  # one snapshot a second: streaming almost off
        rows[key] = {"streaming_steps_s": round(streaming, 1), "quiet_steps_s": round(quiet, 1),
                     "ratio": round(streaming / quiet, 3)}
        print(f"  {key:11s} cuda streaming {streaming:10.1f}/s  quiet {quiet:10.1f}/s  ratio {streaming / quiet:5.2f}")
    rows["larger_model"] = bench_gpu_larger_model(seconds)
    return rows


def bench_gpu_larger_model(seconds: float = 3.0) -> dict:
    """A model big enough for the GPU to pay off: the conv panel's CNN widened, 512 digits a step."""
    from playground.presets import new_preset

    preset = new_preset("conv", config={"mode": "train", "conv1_channels": 32, "conv2_channels": 64, "hidden": 256,
                                        "batch_size": 512, "compare": "none", "max_steps": 0})
    cpu = headless_rate(preset.model_copy(update={"device": "cpu"}), seconds)
    cuda = headless_rate(preset.model_copy(update={"device": "cuda"}), seconds)
    print(f"  larger model (CNN 32/64 channels, batch 512): cpu {cpu:8.1f}/s  cuda {cuda:8.1f}/s  "
          f"cuda/cpu {cuda / cpu:5.2f}")
    return {"cpu_steps_s": round(cpu, 1), "cuda_steps_s": round(cuda, 1), "ratio": round(cuda / cpu, 3),
            "what": "conv train, 32/64 channels, hidden 256, batch 512"}


def bench_stability(repaints: int = 20_000) -> dict:
    """Every panel repainted 20,000 times (PySide6 6.12 crashed within 2,000 on this stack)."""
    from playground.engine import build_engine, run
    from widgets.panels import panel_class

    app = _app()
    rows = {}
    for key, path in heaviest_presets().items():
        preset = load_preset(path).model_copy(update={"device": "cpu"})
        panel = panel_class(key)()
        panel.set_config(preset.config)
        panel.staged = True  # as the window sets it while a run plays: parts drawn in turns
        panel.show()
        gen = run(build_engine(preset))
        snap = next(gen)
        start = time.perf_counter()
        for index in range(repaints):
            if index % 20 == 0:
                try:
                    snap = gen.send(1)
                except StopIteration:  # a finished run starts again
                    gen = run(build_engine(preset))
                    snap = next(gen)
            panel.show_snapshot(snap)
            panel.repaint()
            app.processEvents()
        rows[key] = {"repaints": repaints, "seconds": round(time.perf_counter() - start, 1)}
        print(f"  {key:11s} {repaints:,} repaints in {rows[key]['seconds']} s, no crash")
        panel.close()
        panel.deleteLater()
    return rows


BENCHES = {"throughput": bench_throughput, "responsive": bench_responsive, "coldstart": bench_coldstart,
           "memory": bench_memory, "gpu": bench_gpu, "stability": bench_stability}


def missed_goals(results: dict) -> list[str]:
    missed = []
    for key, row in results.get("throughput", {}).items():
        if row["ratio"] < GOALS["throughput_ratio"]:
            missed.append(f"throughput {key}: ratio {row['ratio']} < {GOALS['throughput_ratio']}")
    for key, row in results.get("responsive", {}).items():
        if row["p99_ms"] > GOALS["lateness_p99_ms"] or row["max_ms"] > GOALS["lateness_max_ms"] or row["fps"] < GOALS["fps"]:
            missed.append(f"responsive {key}: {row}")
    cold = results.get("coldstart")
    if cold and cold["ratio"] > GOALS["coldstart_ratio"]:
        missed.append(f"cold start ratio {cold['ratio']} > {GOALS['coldstart_ratio']}")
    for key, row in results.get("memory", {}).items():
        if row["rss_growth_mb"] > GOALS["memory_mb"]:
            missed.append(f"memory {key}: {row['rss_growth_mb']} MB > {GOALS['memory_mb']}")
    for key, row in results.get("gpu", {}).items():
        if key == "larger_model":
            if row["ratio"] <= 1.0:
                missed.append(f"gpu larger model: cuda is not faster than cpu ({row['ratio']})")
        elif isinstance(row, dict) and row.get("ratio", 1) < GOALS["gpu_streaming_ratio"]:
            missed.append(f"gpu {key}: ratio {row['ratio']}")
    return missed


def read_results() -> dict:
    import json

    from common import RESULTS

    path = RESULTS / "app.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _goal(ok: bool) -> str:
    return "" if ok else " **(missed)**"


def app_table(results: dict) -> str:
    """docs/performance.md's tables of the issue-11 goals, from results/app.json."""
    lines = ["| panel | preset | headless steps/s | in-app steps/s | ratio (goal >= 0.8) | fps in the throughput run | "
             "timer lateness p50 / p99 / max ms (goal p99 <= 20, max <= 50) | fps while timed (goal >= 30) | "
             "RSS growth 1k -> 10k snapshots (goal <= 30 MB) |", "| --- " * 9 + "|"]
    throughput, responsive, memory = (results.get(k, {}) for k in ("throughput", "responsive", "memory"))
    for key in sorted(set(throughput) | set(responsive) | set(memory)):
        t, r, m = throughput.get(key, {}), responsive.get(key, {}), memory.get(key, {})
        ratio = f"{t['ratio']:.2f}{_goal(t['ratio'] >= GOALS['throughput_ratio'])}" if t else "-"
        late = (f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f} / {r['max_ms']:.1f}"
                f"{_goal(r['p99_ms'] <= GOALS['lateness_p99_ms'] and r['max_ms'] <= GOALS['lateness_max_ms'])}"
                if r else "-")
        fps = f"{r['fps']:.0f}{_goal(r['fps'] >= GOALS['fps'])}" if r else "-"
        rss = f"{m['rss_growth_mb']:.1f} MB{_goal(m['rss_growth_mb'] <= GOALS['memory_mb'])}" if m else "-"
        lines.append(f"| {key} | {t.get('preset', '-').removesuffix('.json')} | {t.get('headless_steps_s', '-')} | "
                     f"{t.get('app_steps_s', '-')} | {ratio} | {t.get('fps', '-')} | {late} | {fps} | {rss} |")
    cold = results.get("coldstart")
    if cold:
        lines += ["", f"Cold start to the first painted window: bare PySide6 {cold['bare_s'] * 1000:.0f} ms, playground "
                      f"{cold['app_s'] * 1000:.0f} ms, ratio {cold['ratio']:.2f} (goal <= 1.5)"
                      f"{_goal(cold['ratio'] <= GOALS['coldstart_ratio'])}."]
    gpu = results.get("gpu", {})
    if gpu.get("skipped"):
        lines += ["", f"GPU: {gpu['skipped']}, not measured."]
    elif gpu:
        rows = [f"{k} {v['ratio']:.2f}" for k, v in gpu.items() if k != "larger_model"]
        lines += ["", "GPU streaming on / off steps/s (goal >= 0.9): " + ", ".join(rows) + "."]
        big = gpu.get("larger_model")
        if big:
            lines.append(f"Larger model ({big['what']}): cpu {big['cpu_steps_s']} steps/s, cuda {big['cuda_steps_s']}, "
                         f"cuda/cpu {big['ratio']:.2f}.")
    stability = results.get("stability", {})
    if stability:
        lines += ["", "Stability: " + ", ".join(f"{k} {v['repaints']:,} repaints in {v['seconds']} s"
                                                for k, v in stability.items()) + ", no crash."]
    if results.get("measured"):
        lines += ["", f"Last measured {results['measured']}."]
    return "\n".join(lines) + "\n"


def main(names: list[str]) -> int:
    names = names or ["throughput", "responsive", "coldstart", "memory", "gpu"]
    results = {}
    for name in names:
        print(f"{name}:")
        results[name] = BENCHES[name]()
    # One file for all app figures: a partial run (say, only "stability") updates its own keys.
    merged = read_results()
    merged.update(results)
    missed = missed_goals(results)
    merged["missed"] = missed_goals(merged)
    merged["measured"] = time.strftime("%Y-%m-%d %H:%M")
    write_result("app", merged)
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
