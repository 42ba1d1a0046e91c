"""The main window: one tab per panel, the transport toolbar, menus, status bar, the worker."""

from __future__ import annotations

import collections
import gc
import os
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QSpinBox,
    QStackedWidget, QTabWidget, QToolBar, QWidget,
)

from widgets import session
from widgets.classroom import ClassroomMixin
from widgets.i18n import LANGUAGES, tr


def _import_heavy() -> None:
    """Import pydantic, numpy, pyqtgraph and the panels after the window's first paint.

    The window appears as fast as a bare Qt window; these ~0.5 s of imports happen behind it.
    """
    global PresetBase, PresetError, find_preset, load_preset, new_preset, save_preset, theme
    global GalleryPage, NotesView, Recorder, available_panels, panel_class, Worker, atomic_write_text, csv_text
    global bind_data_paths, data_fields, outside_data_paths, relative_data_paths
    from playground.data_paths import bind_data_paths, data_fields, outside_data_paths, relative_data_paths
    from playground.files import atomic_write_text, csv_text
    from playground.presets import PresetBase, PresetError, find_preset, load_preset, new_preset, save_preset
    from widgets import theme
    from widgets.gallery import GalleryPage
    from widgets.notes_view import NotesView
    from widgets.panels import available_panels, panel_class
    from widgets.recorder import Recorder
    from widgets.worker import Worker

# The drawing timer looks for a fresh snapshot every FRAME_MS and draws one at most every
# MIN_FRAME_S (about every other tick, ~31 frames/s). Ticking twice a frame means a snapshot that
# arrives just after a tick waits half a frame, not a whole one: an engine that makes ~32
# snapshots/s (the rnn comparison) beat against a 30 Hz tick and lost one frame in ten.
FRAME_MS = 16
MIN_FRAME_S = 0.026  # under two ticks: a late tick must not push a frame to the third
# While training, the GUI thread may be busy this share of the time... (input stays prompt above
# it: panels that cost most paint in turns, so no single pause is long; see PanelBase.draw_in_turns)
DRAW_SHARE = 0.75
MIN_FPS = 10  # ...but a panel is drawn at least this often
LOAD_WINDOW_S = 0.3  # the share is measured over this long: a few frames, not the last tick
# The session is autosaved this long after a change (not on a fixed clock: the first minute counts too).
AUTOSAVE_DELAY_MS = 3_000
SPEEDS = [("Max speed", None), ("1000 steps/s", 1000.0), ("100 steps/s", 100.0), ("10 steps/s", 10.0),
          ("2 steps/s", 2.0)]
DEVICES = ["auto", "cpu", "cuda", "mps"]
MAX_RECENT = 8
MAX_TRUSTED_DATA = 50  # data files outside a preset's folder the user allowed (remembered in settings)


def freeze_long_lived() -> None:
    """Move every object alive now (the window, a panel just built) out of the garbage collector's
    reach. Left in, each full collection walked them all: 40-60 ms stalls of the GUI thread while
    training, with ~150,000 objects tracked. The host process does the same (host.py)."""
    gc.collect()
    gc.freeze()


class MainWindow(ClassroomMixin, QMainWindow):
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
        self.envelopes: dict[str, PresetBase] = {}
        self.paths: dict[str, Path | None] = {}
        self.gen_id = 0
        self.drawn = None
        self.viewing_history: int | None = None  # index into the worker's history while stepping back
        self.frames = 0
        self.frames_total = 0
        self.gui_load = 0.0  # share of wall time the GUI thread spent on the CPU, over LOAD_WINDOW_S
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
        self.recorder = Recorder(parent=self)
        self.recorder.state_changed.connect(self._on_recorder_state_changed)
        self._build_notes_dock()
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()

        self.worker = Worker(self)
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
        QTimer.singleShot(0, lambda: self.resizeDocks([self.notes_dock], [360], Qt.Orientation.Horizontal))
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
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.resizeDocks([self.notes_dock], [330], Qt.Orientation.Horizontal)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(tr(text), self)
        self._texts.append((action, text))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString()})" if shortcut else (tip or text))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_play = self._action("Play", self.toggle_play, Qt.Key.Key_Space, "Play or pause training")
        self.act_step = self._action("Step", self.step_forward, Qt.Key.Key_Right, "Do one step")
        self.act_back = self._action("Step back", self.step_back, Qt.Key.Key_Left, "Show the previous snapshot")
        self.act_reset = self._action("Reset", self.reset, Qt.Key.Key_R, "Restart the run from step 0")
        self.act_new = self._action("New", self.new_preset, QKeySequence.StandardKey.New, "Reset this panel to its defaults")
        self.act_open = self._action("Open preset...", self.open_dialog, QKeySequence.StandardKey.Open)
        self.act_save = self._action("Save", self.save, QKeySequence.StandardKey.Save)
        self.act_save_as = self._action("Save as...", self.save_as, QKeySequence("Ctrl+Shift+S"))
        self.act_png = self._action("Export plot as PNG...", self.export_png)
        self.act_csv = self._action("Export metrics as CSV...", self.export_csv)
        self.act_save_weights = self._action("Save weights (safetensors)...", self.save_weights,
                                             tip="Save the trained network's weights as safetensors")
        self.act_load_weights = self._action("Load weights (safetensors)...", self.load_weights,
                                             tip="Load weights saved from the same network")
        self.act_quit = self._action("Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_about = self._action("About", self.about)
        self.act_keys = self._action("Keyboard shortcuts", self.show_shortcuts, Qt.Key.Key_F1)
        self.act_gallery = self._action("Lesson gallery", self.show_gallery, QKeySequence("Ctrl+G"),
                                        "All lesson presets, by topic")
        self.act_present = self._action("Presentation mode", self.toggle_presentation, Qt.Key.Key_F5,
                                        "Big fonts, thick lines, full screen: for a projector")
        self.act_present.setCheckable(True)
        self.act_dark = self._action("Dark theme", self.toggle_dark, QKeySequence("Ctrl+Shift+D"))
        self.act_dark.setCheckable(True)
        self.act_copy = self._action("Copy plot to clipboard", self.copy_plot, QKeySequence("Ctrl+Shift+C"))
        self.act_record = self._action("Record GIF", self.toggle_recording, QKeySequence("Ctrl+Shift+R"),
                                       "Record the panel as an animated GIF (or MP4 with ffmpeg)")
        self.panel_actions = []
        for index, spec in enumerate(self.specs[:9]):
            act = self._action(spec.title, lambda _=False, k=spec.key: self.show_panel(k), f"Ctrl+{index + 1}")
            self.panel_actions.append(act)

    def _menu(self, title: str):
        menu = self.menuBar().addMenu(tr(title))
        self._texts.append((menu, title))
        return menu

    def _label(self, text: str) -> QLabel:
        label = QLabel(f" {tr(text)} ")
        self._texts.append((label, text))
        return label

    def _build_toolbar(self) -> None:
        bar = QToolBar("Transport")
        bar.setObjectName("transport")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addAction(self.act_gallery)
        bar.addSeparator()
        for act in (self.act_play, self.act_step, self.act_back, self.act_reset):
            bar.addAction(act)
        bar.addSeparator()
        bar.addWidget(self._label("Speed"))
        self.speed_box = QComboBox()
        self.speed_box.setToolTip("How many steps per second the worker runs (Max: as fast as it can)")
        for label, rate in SPEEDS:
            self.speed_box.addItem(label, rate)
        self.speed_box.currentIndexChanged.connect(self._on_speed_changed)
        bar.addWidget(self.speed_box)
        bar.addWidget(self._label("Device"))
        self.device_box = QComboBox()
        self.device_box.setToolTip("Where torch computes: auto picks cuda, then mps, then cpu")
        self.device_box.addItems(DEVICES)
        self.device_box.currentTextChanged.connect(self._on_device_changed)
        bar.addWidget(self.device_box)
        bar.addWidget(self._label("Seed"))
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 2**31 - 1)
        self.seed_box.setToolTip("The random seed: the same preset and seed give the same numbers")
        self.seed_box.setKeyboardTracking(False)
        self.seed_box.valueChanged.connect(self._on_seed_changed)
        bar.addWidget(self.seed_box)

    def _build_menus(self) -> None:
        menu = self._menu("&File")
        for act in (self.act_new, self.act_open):
            menu.addAction(act)
        self.recent_menu = menu.addMenu(tr("Recent presets"))
        self._texts.append((self.recent_menu, "Recent presets"))
        self._refresh_recent_menu()
        for act in (self.act_save, self.act_save_as):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.act_png)
        menu.addAction(self.act_copy)
        menu.addAction(self.act_record)
        menu.addAction(self.act_csv)
        menu.addAction(self.act_save_weights)
        menu.addAction(self.act_load_weights)
        menu.addSeparator()
        menu.addAction(self.act_quit)
        run_menu = self._menu("&Run")
        for act in (self.act_play, self.act_step, self.act_back, self.act_reset):
            run_menu.addAction(act)
        view = self._menu("&Panels")
        for act in self.panel_actions:
            view.addAction(act)
        view.addSeparator()
        view.addAction(self.notes_dock.toggleViewAction())
        view_menu = self._menu("&View")
        for act in (self.act_gallery, self.act_present, self.act_dark):
            view_menu.addAction(act)
        language_menu = view_menu.addMenu(tr("Language"))
        self._texts.append((language_menu, "Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            act = language_menu.addAction(name, lambda c=code: self.set_language(c))
            act.setCheckable(True)
            act.setObjectName(f"language_{code}")
            group.addAction(act)
        help_menu = self._menu("&Help")
        help_menu.addAction(self.act_keys)
        help_menu.addAction(self.act_about)

    def _build_status_bar(self) -> None:
        self.status_device = QLabel("device: starting...")
        self.status_step = QLabel("step 0")
        self.status_rate = QLabel("0 steps/s")
        self.status_fps = QLabel("0 fps")
        self.status_rec = QLabel("  \u25cf REC  ")
        self.status_rec.setObjectName("recording_indicator")
        self.status_rec.setStyleSheet("color: white; background: #d00000; font-weight: bold; border-radius: 4px;")
        self.status_rec.setVisible(False)
        self.statusBar().addPermanentWidget(self.status_rec)
        for label in (self.status_device, self.status_step, self.status_rate, self.status_fps):
            label.setMinimumWidth(110)
            self.statusBar().addPermanentWidget(label)

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
            panel.config_changed.connect(self._on_panel_config_changed)
            panel.message.connect(self.show_message)
            self.panels[key] = panel
            self.envelopes.setdefault(key, new_preset(key, title=self.specs[index].title))
            self.paths.setdefault(key, None)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, panel, _tab_text(self.specs[index].title))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            theme.style_panel(panel, theme.THEMES[self.theme_name],
                              theme.PRESENTATION_SCALE if self.presenting else 1.0)
            freeze_long_lived()
        return self.panels[key]

    def show_panel(self, key: str) -> None:
        keys = [s.key for s in self.specs]
        if key not in keys:
            self.show_message(f"no panel named {key!r}")
            return
        self.show_tabs()
        self.tabs.setCurrentIndex(keys.index(key))

    def current_preset(self) -> PresetBase:
        key = self.current_key
        return self.envelopes[key].model_copy(update={"config": self.panel(key).config()})

    def apply_preset(self, preset: PresetBase, path: Path | None = None) -> None:
        """Show a preset: its panel, its controls, its notes; then restart the run."""
        self.envelopes[preset.panel] = preset
        self.paths[preset.panel] = path
        self.show_panel(preset.panel)
        panel = self.panel(preset.panel)
        panel.set_config(preset.config)
        self._show_envelope(preset)
        self.session_changed()
        self.restart()

    def session_presets(self) -> list[PresetBase]:
        """Every built panel's preset as its controls show it now, in tab order."""
        presets = []
        for spec in self.specs:
            if spec.key in self.panels:
                presets.append(self.envelopes[spec.key].model_copy(update={"config": self.panels[spec.key].config()}))
        return presets

    def restore_session(self, saved) -> None:
        """Put back every panel of an autosaved ``session.Session`` and show the one that was showing."""
        keys = {spec.key for spec in self.specs}
        for key, preset in saved.presets.items():
            if key in keys and key != saved.current:
                self.panel(key).set_config(preset.config)
                self.envelopes[key] = preset
                self.paths[key] = saved.paths.get(key)
        if saved.current in keys:
            self.apply_preset(saved.presets[saved.current], saved.paths.get(saved.current))

    def _show_envelope(self, preset: PresetBase) -> None:
        self._show_speed(preset.speed)
        for box, value in ((self.device_box, preset.device if preset.device in DEVICES else "auto"),
                           (self.seed_box, preset.seed)):
            box.blockSignals(True)
            box.setCurrentText(value) if isinstance(box, QComboBox) else box.setValue(value)
            box.blockSignals(False)
        self.notes.set_notes(preset.title, preset.notes, preset.notes_zh)
        name = self.paths.get(preset.panel)
        self.setWindowTitle(f"Deep Learning Playground - {preset.title or preset.panel}" + (f" [{name.name}]" if name else ""))

    def _show_speed(self, speed: float | None) -> None:
        """Select the preset's speed in the box (adding it when it is not one of the usual ones)."""
        index = self.speed_box.findData(speed)
        if index < 0:
            self.speed_box.addItem(f"{speed:g} steps/s", speed)
            index = self.speed_box.count() - 1
        self.speed_box.blockSignals(True)
        self.speed_box.setCurrentIndex(index)
        self.speed_box.blockSignals(False)
        self.worker.set_speed(speed)

    def open_preset_named(self, name: str) -> bool:
        try:
            path = find_preset(name)
            preset = load_preset(path)
        except PresetError as error:
            self.show_error("Cannot open preset", str(error))
            return False
        except Exception as error:  # a bug of ours reading a strange file: say so, keep the window
            self.show_error("Cannot open preset", f"{name}: {type(error).__name__}: {error}",
                            traceback.format_exc())
            return False
        preset = self._confirm_data_files(preset, Path(path))
        self.apply_preset(preset, Path(path))
        self._add_recent(Path(path))
        self.show_message(f"opened {path}")
        return True

    def _confirm_data_files(self, preset: PresetBase, path: Path) -> PresetBase:
        """The preset with its data files taken from beside it; a file outside its folder is read
        only when the user says so here (once said, remembered), else left out."""
        preset = bind_data_paths(preset, path)
        outside = outside_data_paths(preset, path, self.settings.value("trusted_data", [], list) or [])
        if not outside:
            return preset
        files = "\n".join(str(p) for p in outside)
        answer = QMessageBox.question(
            self, tr("Read a file outside the preset's folder?"),
            tr("This preset reads data from outside its own folder:\n{files}\n"
               "Let it read this file? Say yes only if you trust where the preset came from.").format(files=files))
        if answer == QMessageBox.StandardButton.Yes:
            trusted = [str(p) for p in outside] + (self.settings.value("trusted_data", [], list) or [])
            self.settings.setValue("trusted_data", list(dict.fromkeys(trusted))[:MAX_TRUSTED_DATA])
            return preset
        refused = {name: "" for name, value in data_fields(preset).items() if Path(value) in outside}
        self.show_message(tr("opened without the data file outside the preset's folder"))
        return preset.model_copy(update={"config": preset.config.model_copy(update=refused)})

    # Transport --------------------------------------------------------------------------------------------------
    def restart(self) -> None:
        """A new run of the current preset, paused at step 0 (playing again if it was)."""
        was_playing = self.worker.playing
        self.gen_id += 1
        self.viewing_history = None
        self.drawn = None
        panel = self.panel()
        panel.clear()
        try:
            preset = self.current_preset()
        except Exception as error:  # a config the controls cannot express validly
            self.show_error("Invalid settings", str(error))
            return
        self.worker.load(preset, self.gen_id)
        panel.run_started(preset)
        if was_playing:
            self.worker.play()
        self._sync_play_action(was_playing)

    def play(self) -> None:
        self.viewing_history = None
        self.worker.play()
        self._sync_play_action(True)

    def toggle_play(self) -> None:
        if self.worker.playing:
            self.worker.pause()
            self._sync_play_action(False)
        else:
            self.play()

    def _sync_play_action(self, playing: bool) -> None:
        self.act_play.setText(tr("Pause") if playing else tr("Play"))

    def step_forward(self) -> None:
        history = self.worker.history_snapshots()
        if self.viewing_history is not None and self.viewing_history < len(history) - 1:
            self.viewing_history += 1
            self._draw(history[self.viewing_history])
            return
        self.viewing_history = None
        self.worker.step(1)
        self._sync_play_action(False)

    def step_back(self) -> None:
        self.worker.pause()
        self._sync_play_action(False)
        history = self.worker.history_snapshots()
        if not history:
            return
        index = (len(history) - 1 if self.viewing_history is None else self.viewing_history) - 1
        if index < 0:
            self.show_message("no earlier snapshot kept")
            return
        self.viewing_history = index
        self._draw(history[index])
        self.show_message(f"viewing step {history[index].step} (Right to go forward, Space to resume)")

    def reset(self) -> None:
        self.worker.pause()
        self._sync_play_action(False)
        self.worker.playing = False
        self.restart()

    # Files -------------------------------------------------------------------------------------------------------
    def new_preset(self) -> None:
        key = self.current_key
        self.paths[key] = None
        self.apply_preset(new_preset(key, title=self.specs[self.tabs.currentIndex()].title))

    def open_dialog(self) -> None:
        start = str(session.user_presets_dir())
        path, _ = QFileDialog.getOpenFileName(self, "Open preset", start, "Presets (*.json);;All files (*)")
        if path:
            self.open_preset_named(path)

    def save(self) -> None:
        path = self.paths.get(self.current_key)
        if path is None or _is_shipped(path):
            self.save_as()
        else:
            self._save_to(path)

    def save_as(self) -> None:
        default = session.user_presets_dir() / f"{self.current_key}.json"
        path, _ = QFileDialog.getSaveFileName(self, "Save preset", str(default), "Presets (*.json)")
        if path:
            self._save_to(Path(path))

    def _save_to(self, path: Path) -> None:
        try:
            save_preset(relative_data_paths(self.current_preset(), path), path)
        except (OSError, ValueError) as error:
            self.show_error("Cannot save", f"{path}: {error}")
            return
        self.paths[self.current_key] = path
        self._add_recent(path)
        self.show_message(f"saved {path}")

    def export_png(self, path: str | None = None) -> Path | None:
        import pyqtgraph.exporters as exporters

        target = self.panel().export_target()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export plot", f"{self.current_key}.png", "PNG (*.png)")
            if not path:
                return None
        try:
            if hasattr(target, "scene") and not isinstance(target, QWidget):
                exporter = exporters.ImageExporter(target)
                exporter.parameters()["width"] = int(target.sceneBoundingRect().width() * 2)  # 2x for projectors
                exporter.export(str(path))
            else:
                target.grab().save(str(path))
        except Exception as error:
            self.show_error("Cannot export PNG", f"{path}: {error}")
            return None
        self.show_message(f"exported {path}")
        return Path(path)

    def export_csv(self, path: str | None = None) -> Path | None:
        rows = self.worker.metric_history()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export metrics", f"{self.current_key}_metrics.csv", "CSV (*.csv)")
            if not path:
                return None
        names = sorted({name for _, metrics in rows for name in metrics})
        text = csv_text(["step", *names], ([step, *(metrics.get(n, "") for n in names)] for step, metrics in rows))
        try:
            atomic_write_text(path, text)
        except OSError as error:
            self.show_error(tr("Cannot export CSV"), f"{path}: {error.strerror or error}")
            return None
        self.show_message(f"exported {len(rows)} rows to {path}")
        return Path(path)

    def save_weights(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save weights", f"{self.current_key}.safetensors",
                                                  "safetensors (*.safetensors)")
        if path:
            self.worker.call("save_weights", str(path))

    def load_weights(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Load weights", "", "safetensors (*.safetensors)")
        if path:
            self.worker.pause()
            self._sync_play_action(False)
            self.worker.call("load_weights", str(path))

    def _add_recent(self, path: Path) -> None:
        recent = [p for p in self.settings.value("recent", [], list) or [] if p != str(path.resolve())]
        self.settings.setValue("recent", [str(path.resolve()), *recent][:MAX_RECENT])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.value("recent", [], list) or []:
            self.recent_menu.addAction(name, lambda n=name: self.open_preset_named(n))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    # Messages ----------------------------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_error(self, title: str, text: str, details: str = "") -> None:
        """A non-blocking dialog plus the status bar; the app keeps running."""
        self.last_error = text
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0]}", 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("error_dialog")
        if details:
            box.setDetailedText(details)
            copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
            copy.clicked.disconnect()  # keep the dialog open after copying
            copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{title}\n{text}\n\n{details}"))
            box.setEscapeButton(QMessageBox.StandardButton.Ok)  # so closing the window still works
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def about(self) -> None:
        from widgets.about import about_text  # torch's version without importing torch here

        QMessageBox.about(self, "About", about_text(self.worker.device))

    def shortcut_lines(self) -> list[tuple[str, str]]:
        acts = [a for a in self.actions() if not a.shortcut().isEmpty()]
        return [(a.shortcut().toString(), a.text()) for a in acts]

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{t}</td></tr>" for k, t in self.shortcut_lines())
        box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts", f"<table>{rows}</table>",
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("shortcuts_dialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # Slots -------------------------------------------------------------------------------------------------------
    def _on_tabs_changed(self, index: int) -> None:
        if not 0 <= index < len(self.specs):
            return
        self.worker.pause()
        self._sync_play_action(False)
        key = self.specs[index].key
        self.panel(key)
        self._show_envelope(self.envelopes[key])
        self.restart()

    def _on_panel_config_changed(self) -> None:
        self.session_changed()
        if self.sender() is self.panels.get(self.current_key):
            self.restart()

    def _on_speed_changed(self, _index: int) -> None:
        speed = self.speed_box.currentData()
        self.worker.set_speed(speed)
        key = self.current_key
        if key is not None:  # saved with the preset, without restarting the run
            self.envelopes[key] = self.envelopes[key].model_copy(update={"speed": speed})
            self.session_changed()

    def _on_device_changed(self, device: str) -> None:
        self._update_envelope(device=device)

    def _on_seed_changed(self, seed: int) -> None:
        self._update_envelope(seed=seed)

    def _update_envelope(self, **fields) -> None:
        key = self.current_key
        if key is None:
            return
        self.envelopes[key] = self.envelopes[key].model_copy(update=fields)
        self.session_changed()
        self.restart()

    def _on_frame_timer(self) -> None:
        for event in self.worker.take_events():
            if event.gen_id not in (0, self.gen_id) and event.kind != "device":
                continue
            if event.kind == "device":
                self.status_device.setText(f"device: {event.text}")
            elif event.kind == "error":
                self._sync_play_action(False)
                self.show_error("The run stopped", event.text, event.details)
            elif event.kind == "diverged":
                self._sync_play_action(False)
                self.show_message(event.text + " (paused; change a setting or press R)")
            elif event.kind == "called":
                self.show_message(event.text)
            elif event.kind == "finished":
                self._sync_play_action(False)
                self.show_message(event.text)
        snap = self.worker.latest()
        fresh = snap is not None and snap is not self.drawn and snap.gen_id == self.gen_id
        if self.viewing_history is None and fresh and self._draw_is_due():
            self._draw(snap)
        now = time.perf_counter()
        if now - self.frames_at >= 0.5:
            self.fps = self.frames / (now - self.frames_at)
            self.frames, self.frames_at = 0, now
            self.status_rate.setText(f"{self.worker.steps_per_s:,.0f} steps/s" if self.worker.playing else "paused")
            self.status_fps.setText(f"{self.fps:.0f} fps")

    def _draw_is_due(self) -> bool:
        """While training, drawing may use at most DRAW_SHARE of the GUI thread's time.

        The engine trains in its own process, so painting no longer slows it; the budget keeps
        time free for the person's clicks and keys. The GUI thread's own CPU time (painting
        included, which happens after show_snapshot returns) is what is measured; cheap panels
        draw every MIN_FRAME_S (~32 fps), costly ones less often, never under MIN_FPS.
        """
        wall, cpu = time.perf_counter(), time.thread_time()
        samples = self.load_samples
        samples.append((wall, cpu))
        while len(samples) > 2 and wall - samples[1][0] >= LOAD_WINDOW_S:
            samples.popleft()
        if len(samples) > 1 and wall > samples[0][0]:
            self.gui_load = (cpu - samples[0][1]) / (wall - samples[0][0])
        if not self.worker.playing:
            return True
        if wall - self.draw_started < MIN_FRAME_S:
            return False
        return self.gui_load <= DRAW_SHARE or wall - self.draw_ended >= 1 / MIN_FPS

    def _draw(self, snap) -> None:
        self.draw_started = time.perf_counter()
        self.drawn = snap
        try:
            panel = self.panel()
            panel.staged = self.worker.playing  # paint in turns while a run plays (see PanelBase)
            panel.show_snapshot(snap)
        except Exception as error:  # a drawing bug must not take the window down
            self.worker.pause()
            self.show_error("Cannot draw this snapshot", f"{type(error).__name__}: {error}")
        self.draw_ended = time.perf_counter()
        self.frames += 1
        self.frames_total += 1
        self.status_step.setText(f"step {snap.step:,}")

    def session_changed(self) -> None:
        """Something of the user's changed: autosave it a few seconds from the first change (a
        burst of edits, a slider drag, makes one save, not one per step of the slider)."""
        if self.built and not self.closing and not self.autosave_timer.isActive():
            self.autosave_timer.start()

    def _on_autosave_timer(self) -> None:
        try:
            session.write_autosave(self.session_presets(), self.current_key, self.paths)
        except Exception:
            pass  # autosave is best effort; never interrupt a lesson for it

    def _offer_recovery(self) -> None:
        """Offer the newest session of a window that crashed. Its file is a different one from the
        file this window autosaves to, so it stays on disk, whole, until the question is answered
        (an older crashed session waits for the next start)."""
        if os.environ.get("PLAYGROUND_NO_AUTOSAVE_PROMPT"):
            return
        for path in session.crashed_sessions():
            saved = session.read_session(path)
            if saved is not None:
                break
        else:
            return
        titles = ", ".join(p.title or p.panel for p in saved.presets.values())
        answer = QMessageBox.question(self, tr("Recover session"),
                                      tr("The playground did not close cleanly last time.\n"
                                         "Restore the autosaved session ({panels})?").format(panels=titles))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_session(saved)
            self.autosave_timer.stop()
            self._on_autosave_timer()  # in this window's file before the crashed one goes
        session.clear_autosave(path)

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


def _is_shipped(path: Path) -> bool:
    from playground.presets import presets_dir

    try:
        return path.resolve().is_relative_to(presets_dir().resolve())
    except OSError:
        return False
