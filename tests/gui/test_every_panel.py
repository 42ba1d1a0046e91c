"""Each real panel inside the main window: it draws, and it computes what `playground run` computes."""

import csv
import time

import pytest

from playground.cli import run_headless
from playground.presets import load_preset, shipped_presets
from tests.gui.pixels import non_background_pixels
from tests.gui.test_plot_items import library_items_in
from widgets.panels import available_panels


def first_preset(key):
    return next(p for p in shipped_presets() if p.parent.name == key)


KEYS = [spec.key for spec in available_panels()]


@pytest.fixture
def real_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    from widgets.main_window import MainWindow

    win = MainWindow(recover=False)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitUntil(lambda: win.worker.ready.is_set(), timeout=30000)
    yield win
    win.shutdown()


@pytest.mark.parametrize("key", KEYS)
def test_panel_draws_in_the_window(real_window, qtbot, key):
    path = first_preset(key)
    assert real_window.open_preset_named(str(path))
    real_window.device_box.setCurrentText("cpu")
    real_window.worker.step(5)
    qtbot.waitUntil(lambda: real_window.drawn is not None and real_window.drawn.step >= 1, timeout=30000)
    qtbot.wait(100)
    panel = real_window.panel(key)
    plots = panel.plot_widgets()
    assert plots, f"{key} has no pyqtgraph plots"
    drawn = sum(non_background_pixels(p, stride=3) for p in plots if p.isVisible())
    assert drawn > 500, f"{key}: the plots look empty ({drawn} non-background pixels)"
    plain = [item for p in plots for item in library_items_in(p)]
    assert not plain, f"{key} draws plain pyqtgraph items, without the app's cheap repaints: {plain}"


@pytest.mark.parametrize("key", KEYS)
def test_app_and_cli_agree(real_window, qtbot, key, tmp_path):
    preset = load_preset(first_preset(key)).model_copy(update={"device": "cpu", "seed": 3})
    real_window.apply_preset(preset)
    real_window.worker.step(2)
    real_window.worker.step(3)
    qtbot.waitUntil(lambda: real_window.drawn is not None and real_window.drawn.step >= 5, timeout=60000)
    time.sleep(0.05)
    app_metrics = dict(real_window.worker.latest().metrics)
    run_headless(preset, real_window.worker.latest().step, tmp_path, every=5, progress=False)
    last = list(csv.DictReader(open(tmp_path / "metrics.csv")))[-1]
    headless = {name: float(value) for name, value in last.items() if name != "step"}
    assert app_metrics == pytest.approx(headless, rel=1e-9, abs=1e-12, nan_ok=True)


@pytest.mark.skipif("network" not in KEYS, reason="no network panel")
def test_network_weights_save_and_load_through_the_window(real_window, qtbot, tmp_path):
    from safetensors.numpy import load_file

    preset = load_preset(first_preset("network")).model_copy(update={"device": "cpu", "seed": 1})
    real_window.apply_preset(preset)
    real_window.worker.step(300)
    qtbot.waitUntil(lambda: real_window.drawn is not None and real_window.drawn.step >= 300, timeout=60000)
    trained = dict(real_window.worker.latest().metrics)
    path = tmp_path / "net.safetensors"
    real_window.save_weights(str(path))
    qtbot.waitUntil(lambda: "save weights: done" in real_window.statusBar().currentMessage(), timeout=20000)
    assert path.read_bytes()[:8] != b"\x80\x04\x95" and load_file(str(path))  # safetensors, not a pickle
    real_window.reset()
    qtbot.waitUntil(lambda: real_window.drawn is not None and real_window.drawn.step == 0, timeout=20000)
    real_window.load_weights(str(path))
    qtbot.waitUntil(lambda: "load weights: done" in real_window.statusBar().currentMessage(), timeout=20000)
    loaded = dict(real_window.worker.latest().metrics)
    test_keys = [k for k in trained if "test" in k and "loss" in k]
    assert test_keys, trained.keys()
    for key in test_keys:
        assert loaded[key] == pytest.approx(trained[key], rel=1e-5)
    # a panel without weights says so instead of failing silently
    real_window.show_panel("mdp" if "mdp" in KEYS else KEYS[0])
    real_window.save_weights(str(tmp_path / "none.safetensors"))
    qtbot.waitUntil(lambda: "cannot save weights" in real_window.statusBar().currentMessage(), timeout=20000)
    for box in real_window.findChildren(__import__("PySide6.QtWidgets", fromlist=["QMessageBox"]).QMessageBox):
        box.close()
