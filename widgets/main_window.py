"""The main window: one tab per panel, the notes dock, the worker; it builds and assembles its parts.

The parts are mixins, one concern per module in `widgets/window/` (actions and menus, preset I/O and
autosave, play control, frames, exports, dialogs) plus `widgets/classroom.py` (gallery, presentation,
themes, language, recording, settings). This module keeps what ties them together: building the
window after its first paint, the panels (built on first view) and their states, and shutting down.
"""

from __future__ import annotations

import collections
import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget
from PySide6.QtWidgets import QMessageBox  # noqa: F401 - tests patch main_window.QMessageBox.about

from widgets import session
from widgets.classroom import ClassroomMixin
from widgets.i18n import tr, translate_widgets
from widgets.window.actions import ActionsMixin
from widgets.window.building import BuildingMixin
from widgets.window.dialogs import DialogsMixin
from widgets.window.exports import ExportsMixin
from widgets.window.frames import FRAME_MS, FramesMixin
from widgets.window.play_control import PlayControlMixin
from widgets.window.preset_io import AUTOSAVE_DELAY_MS, PresetIOMixin

if TYPE_CHECKING:
    from playground.presets import PresetBase

NOTES_MIN_WIDTH = 240  # narrower, the notes wrapped a word per line
NOTES_MAX_SHARE = 0.22  # of the window's width: at 1280 px the panel keeps ~1000 px for its plots


def _import_heavy() -> None:
    """Import pydantic, numpy, pyqtgraph and the panels after the window's first paint.

    The window appears as fast as a bare Qt window; these ~0.5 s of imports happen behind it.
    The window's parts (widgets/window/) import what they need of these inside their methods.
    """
    global new_preset, theme, GalleryPage, NotesView, Recorder, available_panels, panel_class, Worker
    import playground.data_paths  # noqa: F401 - imported here, off the first paint, for preset_io and exports
    import playground.files  # noqa: F401
    from playground.presets import new_preset
    from widgets import theme
    from widgets.gallery import GalleryPage
    from widgets.notes_view import NotesView
    from widgets.panels import available_panels, panel_class
    from widgets.recorder import Recorder
    from widgets.worker import Worker


def freeze_long_lived() -> None:
    """Move every object alive now (the window, a panel just built) out of the garbage collector's
    reach. Left in, each full collection walked them all: 40-60 ms stalls of the GUI thread while
    training, with ~150,000 objects tracked. The host process does the same (host.py)."""
    gc.collect()
    gc.freeze()


class MainWindow(ActionsMixin, PresetIOMixin, PlayControlMixin, FramesMixin, ExportsMixin, DialogsMixin,
                 BuildingMixin, ClassroomMixin, QMainWindow):
    """The window: one tab per panel (built on first view), the notes dock, the parts in widgets/window/."""

    def __init__(self, recover: bool = True, deferred: bool = False) -> None:
        """``deferred``: paint an empty window first and build the rest right after (the app does)."""
        super().__init__()
        self.setWindowTitle(tr("Deep Learning Playground"))
        self.resize(1500, 920)
        self.built = False
        self.closing = False  # shut down: no more autosaves (a late signal must not restart the timer)
        self._after_build: list = []
        if deferred:
            loading = QLabel(tr("Loading the playground..."))
            loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setCentralWidget(loading)
            self.installEventFilter(self)
            self._recover = recover
        else:
            self._build(recover)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self and event.type() == QEvent.Type.Paint and not self.built:
            self.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self._build(self._recover))
        return super().eventFilter(watched, event)

    def when_built(self, callback) -> None:
        """Run ``callback`` now if the window is built, else right after it is."""
        if self.built:
            callback()
        else:
            self._after_build.append(callback)

    def _build(self, recover: bool) -> None:
        _import_heavy()
        self.settings = QSettings(str(session.data_dir() / "settings.ini"), QSettings.Format.IniFormat)
        self.specs = available_panels()
        self.panels: dict[str, QWidget] = {}
        # Each built panel's PanelState (envelope + config): the one copy the window reads and saves.
        self.states: dict = {}
        self._loading = False  # putting a preset in a state: the caller restarts once, after
        self.paths: dict[str, Path | None] = {}
        self.gen_id = 0
        self.drawn = None
        self.viewing_history: int | None = None  # index into the worker's history while stepping back
        self.frames = 0
        self.frames_total = 0
        self.gui_load = 0.0  # share of wall time the GUI thread spent on the CPU, over frames.LOAD_WINDOW_S
        self.load_samples: collections.deque[tuple[float, float]] = collections.deque()  # (wall, cpu)
        self.draw_ended = 0.0
        self.draw_started = 0.0
        self.frames_at = time.perf_counter()
        self.fps = 0.0
        self.last_error: str = ""

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for spec in self.specs:
            holder = QWidget()  # panels are built on first view so the window opens fast
            holder.setObjectName(spec.key)
            self.tabs.addTab(holder, _tab_text(spec.title))
        self.gallery = GalleryPage(session.user_presets_dir())
        self.gallery.open_requested.connect(self.open_preset_named)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.gallery)
        self.pages.addWidget(self.tabs)
        self.pages.setCurrentWidget(self.tabs)
        self.setCentralWidget(self.pages)
        self._texts: list[tuple[object, str]] = []  # (widget with setText/setTitle, English source)
        self._tips: list[tuple[object, str, str]] = []  # (widget or action, English tooltip, shortcut suffix)
        self.recorder = Recorder(parent=self)
        self.recorder.state_changed.connect(self._on_recorder_state_changed)
        self._build_notes_dock()
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self._build_building_indicator()

        self.worker = Worker(self)
        self.worker.playing_changed.connect(self._sync_play_action)  # the worker owns play/pause
        self.worker.start()

        self.frame_timer = QTimer(self)
        self.frame_timer.setObjectName("frame_timer")
        self.frame_timer.setTimerType(Qt.TimerType.PreciseTimer)  # two ticks must span MIN_FRAME_S
        self.frame_timer.timeout.connect(self._on_frame_timer)
        self.frame_timer.start(FRAME_MS)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setObjectName("autosave_timer")
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self._on_autosave_timer)

        self.tabs.currentChanged.connect(self._on_tabs_changed)
        if self.specs:
            self._on_tabs_changed(self.tabs.currentIndex())
        self.restore_settings()
        if recover:
            QTimer.singleShot(0, self._offer_recovery)
        self.built = True
        freeze_long_lived()
        # After the layout settles, give the notes a column and the panel the rest.
        QTimer.singleShot(0, lambda: self.resizeDocks(
            [self.notes_dock], [min(360, max(NOTES_MIN_WIDTH, int(self.width() * NOTES_MAX_SHARE)))],
            Qt.Orientation.Horizontal))
        for callback in self._after_build:
            callback()
        self._after_build.clear()

    # Building the window ------------------------------------------------------------------------------
    def _build_notes_dock(self) -> None:
        self.notes = NotesView()
        self.notes.edited.connect(self._on_notes_edited)
        self.notes_dock = QDockWidget(tr("Lesson notes"), self)
        self.notes_dock.setObjectName("notes_dock")
        self.notes_dock.setWidget(self.notes)
        self.notes.setMinimumWidth(NOTES_MIN_WIDTH)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.resizeDocks([self.notes_dock], [330], Qt.Orientation.Horizontal)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.built:
            self.fit_notes_dock()

    def fit_notes_dock(self) -> None:
        """Keep the notes to a share of a narrow window, so the panel's plots keep their room.
        (A wider dock the person dragged out stays as it is in a window wide enough for it.)"""
        if self.notes_dock.isFloating() or not self.notes_dock.isVisible():
            return
        most = max(NOTES_MIN_WIDTH, int(self.width() * NOTES_MAX_SHARE))
        if self.notes_dock.width() > most:
            self.resizeDocks([self.notes_dock], [most], Qt.Orientation.Horizontal)

    # Panels and presets -----------------------------------------------------------------------------------
    @property
    def current_key(self) -> str | None:
        index = self.tabs.currentIndex()
        return self.specs[index].key if 0 <= index < len(self.specs) else None

    def panel(self, key: str | None = None):
        key = key or self.current_key
        if key not in self.panels:
            index = [s.key for s in self.specs].index(key)
            panel = panel_class(key)()
            panel.message.connect(self.show_message)
            self.panels[key] = panel
            state = panel.state
            state.replace(new_preset(key, title=self.specs[index].title, config=state.config), undoable=False)
            state.subscribe(lambda changed, k=key: self._on_state_changed(k, changed))
            self.states[key] = state
            self.paths.setdefault(key, None)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, panel, _tab_text(self.specs[index].title))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            translate_widgets(panel)  # the panel's headers, buttons and labels in the UI language
            theme.style_panel(panel, theme.THEMES[self.theme_name],
                              theme.PRESENTATION_SCALE if self.presenting else 1.0)
            freeze_long_lived()
        return self.panels[key]

    def show_panel(self, key: str) -> None:
        keys = [s.key for s in self.specs]
        if key not in keys:
            self.show_message(tr("no panel named {key}").format(key=repr(key)))
            return
        self.show_tabs()
        self.tabs.setCurrentIndex(keys.index(key))

    def state(self, key: str | None = None):
        """The PanelState of a panel (built on first use): its preset, as saved and run."""
        key = key or self.current_key
        self.panel(key)
        return self.states[key]

    def current_preset(self) -> PresetBase:
        return self.state().preset

    # Closing ---------------------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop timers and the worker; safe to call twice."""
        if not self.built:
            return
        self.closing = True
        self.frame_timer.stop()
        self.autosave_timer.stop()
        self.recorder.stop()
        self.statusBar().clearMessage()  # its timed message runs an internal QTimer
        if self.worker.isRunning():
            self.worker.stop(2000)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.built:
            return super().closeEvent(event)
        self.save_settings()
        self.shutdown()
        session.clear_autosave()
        super().closeEvent(event)


def _tab_text(title: str) -> str:
    """A tab label: '&' would mark a mnemonic ("MDP & RL" would show as "MDP _RL")."""
    return tr(title).replace("&", "&&")

