"""The window's QActions and keyboard shortcuts, the transport toolbar, the menus and the status bar.

A mixin of MainWindow (see `widgets/window/__init__.py` for why mixins): the actions it builds
(`act_play`, `act_undo`, ...) and the boxes (`speed_box`, `device_box`, `seed_box`) are the window's
attributes, which every other part reads. Every text shown is recorded in `self._texts` with its
English source so a change of language can retranslate it (see ClassroomMixin.set_language).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QToolBar

from widgets.i18n import LANGUAGES, tr

SPEEDS = [("Max speed", None), ("1000 steps/s", 1000.0), ("100 steps/s", 100.0), ("10 steps/s", 10.0),
          ("2 steps/s", 2.0)]
DEVICES = ["auto", "cpu", "cuda", "mps"]


class ActionsMixin:
    def _tip(self, owner, english: str, suffix: str = "") -> None:
        """Set a tooltip in the UI language, kept for a change of language (ClassroomMixin.retranslate)."""
        self._tips.append((owner, english, suffix))
        owner.setToolTip(tr(english) + suffix)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(tr(text), self)
        self._texts.append((action, text))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._tip(action, tip or text, f" ({QKeySequence(shortcut).toString()})" if shortcut else "")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_play = self._action("Play", self.toggle_play, Qt.Key.Key_Space, "Play or pause training")
        self.act_step = self._action("Step", self.step_forward, Qt.Key.Key_Right, "Do one step")
        self.act_back = self._action("Step back", self.step_back, Qt.Key.Key_Left, "Show the previous snapshot")
        self.act_reset = self._action("Reset", self.reset, Qt.Key.Key_R, "Restart the run from step 0")
        self.act_undo = self._action("Undo", self.undo, QKeySequence("Ctrl+Z"), "Undo the last change of this panel's settings")
        self.act_redo = self._action("Redo", self.redo, QKeySequence("Ctrl+Shift+Z"), "Redo the change just undone")
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
        self._tip(self.speed_box, "How many steps per second the worker runs (Max: as fast as it can)")
        for label, rate in SPEEDS:
            self.speed_box.addItem(speed_text(label), rate)
        self.speed_box.currentIndexChanged.connect(self._on_speed_changed)
        bar.addWidget(self.speed_box)
        bar.addWidget(self._label("Device"))
        self.device_box = QComboBox()
        self._tip(self.device_box, "Where torch computes: auto picks cuda, then mps, then cpu")
        self.device_box.addItems(DEVICES)
        self.device_box.currentTextChanged.connect(self._on_device_changed)
        bar.addWidget(self.device_box)
        bar.addWidget(self._label("Seed"))
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 2**31 - 1)
        self._tip(self.seed_box, "The random seed: the same preset and seed give the same numbers")
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
        edit_menu = self._menu("&Edit")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
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
        self.status_device = QLabel(tr("device: {device}").format(device=tr("starting...")))
        self.status_step = QLabel(tr("step {step}").format(step=0))
        self.status_rate = QLabel(tr("{rate} steps/s").format(rate=0))
        self.status_fps = QLabel("0 fps")
        self.status_rec = QLabel("  \u25cf REC  ")
        self.status_rec.setObjectName("recording_indicator")
        self.status_rec.setStyleSheet("color: white; background: #d00000; font-weight: bold; border-radius: 4px;")
        self.status_rec.setVisible(False)
        self.statusBar().addPermanentWidget(self.status_rec)
        for label in (self.status_device, self.status_step, self.status_rate, self.status_fps):
            label.setMinimumWidth(110)
            self.statusBar().addPermanentWidget(label)


def speed_text(label: str) -> str:
    """'1000 steps/s' -> '1000 步/秒'; 'Max speed' -> '最快'."""
    number, _, unit = label.partition(" ")
    return f"{number} {tr(unit)}" if unit == "steps/s" else tr(label)
