"""Autosave and crash recovery: every panel is kept, soon after a change, and a crashed session
stays on disk, whole, until the user answers the question about it."""

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from playground.presets import new_preset


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _crashed_session(monkeypatch, presets, current, paths=None):
    """Leave on disk what a window that crashed leaves: its autosave, named by its (dead) pid."""
    from widgets import session

    path = session.data_dir() / f"autosave-{_dead_pid()}-1a2b.json"
    with monkeypatch.context() as patch:
        patch.setattr(session, "autosave_path", lambda: path)
        session.write_autosave(presets, current, paths)
    return path


@pytest.fixture
def data_dir(tmp_path, monkeypatch, counter_gui):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("PLAYGROUND_NO_AUTOSAVE_PROMPT")
    return tmp_path / "data"


def _open(qtbot, recover=True):
    from widgets.main_window import MainWindow

    win = MainWindow(recover=recover)
    qtbot.addWidget(win)
    return win


def test_autosave_keeps_every_panel_and_which_one_shows_and_a_clean_close_removes_it(window, qtbot):
    from widgets import session

    other = window.specs[1].key
    window.show_panel(other)
    window.seed_box.setValue(77)
    window.show_panel("counter")
    window.panel("counter").form.editors["rate"].setValue(7.0)
    window._on_autosave_timer()
    saved = session.read_autosave()
    assert saved.current == "counter" and set(saved.presets) == {"counter", other}
    assert saved.presets["counter"].config.rate == 7.0 and saved.presets[other].seed == 77
    window.close()
    assert not session.autosave_path().exists()


def test_the_first_change_is_autosaved_within_seconds_not_a_minute(window, qtbot):
    from widgets import session
    from widgets.main_window import AUTOSAVE_DELAY_MS

    assert not window.autosave_timer.isActive()  # nothing changed yet: nothing to save
    window.panel("counter").form.editors["rate"].setValue(3.0)
    assert window.autosave_timer.isActive() and window.autosave_timer.interval() == AUTOSAVE_DELAY_MS <= 5000
    qtbot.waitUntil(lambda: session.autosave_path().exists(), timeout=AUTOSAVE_DELAY_MS + 10000)
    assert session.read_autosave().presets["counter"].config.rate == 3.0


def test_a_crashed_session_is_offered_and_restores_every_panel(data_dir, qtbot, monkeypatch, tmp_path):
    from widgets import session

    from playground import registry

    other = [s.key for s in registry.panels() if s.key != "counter"][0]
    mine = tmp_path / "mine.json"
    crashed = _crashed_session(monkeypatch, [
        new_preset("counter", title="Unsaved work", config={"rate": 7.0}),
        new_preset(other, title="Other panel", seed=55)], current=other, paths={"counter": mine})
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    win = _open(qtbot)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert "Unsaved work" in asked[0] and "Other panel" in asked[0]
    assert win.current_key == other and win.seed_box.value() == 55
    assert win.panel("counter").form.editors["rate"].value() == 7.0 and win.paths["counter"] == mine
    assert not crashed.exists()
    restored = session.read_autosave()  # already in this window's file: a crash now loses nothing
    assert set(restored.presets) == {"counter", other} and restored.current == other
    win.shutdown()


def test_autosave_while_the_question_is_open_never_touches_the_crashed_session(data_dir, qtbot, monkeypatch):
    from widgets import session

    crashed = _crashed_session(monkeypatch, [new_preset("counter", title="Unsaved", config={"rate": 9.0})], "counter")
    before = crashed.read_bytes()
    seen = {}

    def hesitate(window, *_args, **_kwargs):
        window.panel("counter").form.editors["rate"].setValue(-4.0)  # the window goes on behind the question
        window._on_autosave_timer()
        seen["crashed"] = crashed.read_bytes()
        seen["own"] = session.read_autosave().presets["counter"].config.rate
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", hesitate)
    win = _open(qtbot)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen["crashed"] == before and seen["own"] == -4.0
    assert not crashed.exists()  # answered No: the user let it go
    assert win.panel("counter").form.editors["rate"].value() == -4.0
    win.shutdown()


def test_without_recovery_the_crashed_session_is_kept_for_the_next_start(data_dir, qtbot, monkeypatch):
    crashed = _crashed_session(monkeypatch, [new_preset("counter", config={"rate": 2.0})], "counter")
    before = crashed.read_bytes()
    win = _open(qtbot, recover=False)
    win.panel("counter").form.editors["rate"].setValue(5.0)
    win._on_autosave_timer()
    assert crashed.read_bytes() == before
    win.shutdown()


def test_an_earlier_versions_single_autosave_is_still_offered(data_dir, qtbot, monkeypatch):
    from playground.presets import save_preset

    legacy = data_dir / "autosave.json"
    save_preset(new_preset("counter", title="Old format", config={"rate": 6.0}), legacy)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = _open(qtbot)
    qtbot.waitUntil(lambda: not legacy.exists(), timeout=5000)
    assert win.panel("counter").form.editors["rate"].value() == 6.0
    win.shutdown()


def test_the_session_of_a_window_still_open_is_not_a_crash(data_dir):
    from widgets import session

    data_dir.mkdir(parents=True, exist_ok=True)
    alive = data_dir / f"autosave-{os.getppid()}-ff.json"
    dead = data_dir / f"autosave-{_dead_pid()}-ff.json"
    for path in (alive, dead):
        path.write_text(json.dumps({"session_version": 1, "current": "counter", "panels": []}))
    assert session.crashed_sessions() == [dead]
    assert session.read_session(dead) is None  # nothing usable in it: not offered
