"""The window paints before the heavy imports, then builds itself and opens what was asked."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_deferred_window_builds_after_its_first_paint(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    from widgets.main_window import MainWindow

    win = MainWindow(recover=False, deferred=True)
    qtbot.addWidget(win)
    assert not win.built
    opened = []
    win.when_built(lambda: opened.append(win.built))
    win.show()
    qtbot.waitUntil(lambda: win.built, timeout=30000)
    assert opened == [True] and win.worker is not None
    win.shutdown()


def test_the_window_module_does_not_import_pydantic_numpy_or_pyqtgraph():
    code = ("import sys, widgets.main_window\n"
            "heavy = [m for m in ('pydantic', 'numpy', 'pyqtgraph', 'torch', 'matplotlib') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
