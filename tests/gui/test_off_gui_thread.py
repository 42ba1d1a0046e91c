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
