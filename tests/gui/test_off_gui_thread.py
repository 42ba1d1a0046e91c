"""Nothing heavy on the GUI thread: the About box imports no torch, the bandits game simulates elsewhere."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ABOUT = """
import importlib.metadata, os, sys, tempfile
os.environ["PLAYGROUND_DATA_DIR"] = tempfile.mkdtemp()
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication([])
from widgets import main_window
shown = []
main_window.QMessageBox.about = staticmethod(lambda parent, title, text: shown.append(text))
win = main_window.MainWindow(recover=False)
assert win.worker.ready.wait(120)  # the host is up, so shutting down does not race its start
assert "torch" not in sys.modules, "the window itself imported torch: this test checks nothing"
win.about()
try:
    assert "torch" not in sys.modules, "the About box imported torch on the GUI thread"
    assert f"torch {importlib.metadata.version('torch')}, CUDA " in shown[0], shown
finally:
    win.shutdown()
print("ok")
"""


def test_the_about_box_does_not_import_torch():
    done = subprocess.run([sys.executable, "-c", ABOUT], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLAYGROUND_NO_AUTOSAVE_PROMPT": "1"})
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-3000:]


def test_cuda_build_is_read_from_the_version_tag():
    from widgets.about import cuda_build

    assert cuda_build("2.5.1+cu121") == "12.1" and cuda_build("2.8.0+cu128") == "12.8"
    assert cuda_build("2.13.0+cpu") == "none"


def test_the_bandits_game_runs_its_algorithms_off_the_gui_thread(qtbot, monkeypatch):
    import threading

    from playground.bandits.config import BanditsConfig
    from playground.bandits.manual import ManualBandit
    from widgets.panels.bandits_panel import Panel

    ran_on, release = [], threading.Event()
    original = ManualBandit.run_algorithms

    def held_run(game):
        if game.algorithms_ready:  # compare() asking again: nothing to run
            return
        ran_on.append(threading.current_thread())
        release.wait(30)  # held until the GUI thread has shown the pull without them
        original(game)

    monkeypatch.setattr(ManualBandit, "run_algorithms", held_run)
    panel = Panel(BanditsConfig(arms=3, means_source="typed", means=[0.0, 1.0, 0.5], runs=10, horizon=100))
    qtbot.addWidget(panel)
    panel.game_length.setValue(6)
    panel.start_game()
    panel.arm_buttons[0].click()  # returns while the algorithms are still held
    assert "the algorithms are still running" in panel.game_status.text()
    assert not panel.game.algorithms_ready
    release.set()
    qtbot.waitUntil(lambda: "best algorithm so far" in panel.game_status.text(), timeout=30000)
    assert ran_on and all(thread is not threading.main_thread() for thread in ran_on)
    assert set(panel.game.compare()) == set(panel.game.config.labels())  # every algorithm, one pull each
    assert all(len(curve) == 1 for curve in panel.game.compare().values())
