"""Each real panel inside the main window: it draws, and it computes what `playground run` computes."""

import csv
import time

import pytest

from playground.cli import run_headless
from playground.presets import load_preset, shipped_presets
from tests.gui.pixels import non_background_pixels
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
