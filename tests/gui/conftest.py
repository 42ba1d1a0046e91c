"""GUI fixtures: fail any test that leaves a visible window, a running QThread or an active QTimer."""

import gc

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from widgets import gc_guard


def _running_workers():
    try:
        from widgets.worker import Worker
    except ImportError:
        return []
    return [w for w in Worker.instances() if w.isRunning()]


def _active_timers(app):
    timers = [t for t in app.findChildren(QTimer) if t.isActive()]
    for widget in app.topLevelWidgets():
        timers += [t for t in widget.findChildren(QTimer) if t.isActive()]
    return timers


@pytest.fixture(autouse=True)
def no_leaks(qapp):
    """Autouse fixtures set up before qtbot, so this check runs after qtbot closed its widgets.

    During a test, no cycle collection runs by itself (see widgets/gc_guard.py, as in the app). A
    test's panel is held by qtbot only weakly: once the test function returns it is still shown but
    kept alive by nothing but its own reference cycles, and an automatic collection set off inside
    the paint that followed freed it while Qt drew it. Here cycles are freed after the widgets are
    closed and deleted, where nothing is being drawn.
    """
    gc_guard.disable_automatic_collection()
    yield
    QApplication.processEvents()
    leaks = []
    workers = _running_workers()
    if workers:
        leaks.append(f"{len(workers)} worker thread(s) still running")
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if visible:
        leaks.append(f"visible top-level widgets left open: {[type(w).__name__ for w in visible]}")
    timers = _active_timers(qapp)
    if timers:
        leaks.append(f"{len(timers)} QTimer(s) still active: {[t.objectName() or t.parent().__class__.__name__ for t in timers]}")
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    if not workers:
        # processEvents leaves deferred deletions for a later event loop (the next test's paint,
        # say): delete now, then free the Python side's cycles, while nothing is painting. Not
        # with a worker still running: deleting its QThread would abort the whole test run.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc_guard.collect_now()
    gc.enable()
    from widgets.i18n import current_language, set_language

    if current_language() != "en":  # the UI language is process-wide: a Chinese test must not leak it
        set_language("en")
    from widgets import theme

    # So is the look: a dark or presentation test must not leave the next test's widgets dark or big.
    base = qapp.property("base_point_size")
    if theme.current() is not theme.LIGHT or (base is not None and qapp.font().pointSizeF() != base):
        theme.apply_palette(qapp, theme.LIGHT)
        theme.apply_font_scale(qapp, 1.0)
    if leaks:
        pytest.fail("; ".join(leaks))


@pytest.fixture
def counter_gui(counter_panel, monkeypatch):
    """The fake counter panel registered for the window too (first tab)."""
    from widgets import panels

    monkeypatch.setitem(panels.EXTRA_PANEL_MODULES, "counter", "tests.fakes.counter_panel")
    return counter_panel


@pytest.fixture
def window(qtbot, counter_gui, tmp_path, monkeypatch, start_method):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    from widgets.main_window import MainWindow

    win = MainWindow(recover=False)
    qtbot.addWidget(win)
    win.show()
    try:  # generous: a starved machine imports torch slowly (no speed is tested here)
        qtbot.waitUntil(lambda: win.worker.ready.is_set(), timeout=180_000)
    except Exception:
        win.shutdown()  # never leave a thread starting behind: every later test would fail with it
        raise
    yield win
    win.shutdown()
