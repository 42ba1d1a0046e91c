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


# The app, with one line on stdout once its worker is ready (Quit before that waits on a warm-up).
READY_APP = """
import sys
from widgets import app, main_window

class ReadyWindow(main_window.MainWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.when_built(lambda: self.worker.ready.wait(120) and print("ready", flush=True))

main_window.MainWindow = ReadyWindow
sys.exit(app.main(["--panel", "optimizer", "--play", "--no-recover"]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is a POSIX thing")
def test_ctrl_c_in_the_terminal_quits_like_the_quit_action(tmp_path):
    """Before: a KeyboardInterrupt traceback from the frame timer, and the app went on running."""
    import select
    import signal
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLAYGROUND_DATA_DIR": str(tmp_path),
           "PLAYGROUND_NO_AUTOSAVE_PROMPT": "1"}
    app = subprocess.Popen([sys.executable, "-c", READY_APP], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        readable, _, _ = select.select([app.stdout], [], [], 180)
        assert readable and app.stdout.readline().strip() == "ready", app.communicate(timeout=60)
        time.sleep(1)  # let the frame timer tick while playing: that is where the traceback came from
        app.send_signal(signal.SIGINT)
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
