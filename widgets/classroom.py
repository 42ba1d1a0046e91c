"""The main window's classroom side: gallery, presentation mode, themes, language, recording, settings.

A mixin of MainWindow, like the parts in `widgets/window/` (see its `__init__.py` for why mixins).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from widgets.i18n import retranslate_plots, set_language, tr, translate_widgets


GALLERY_NOTES = ("Every lesson, by topic. Double-click one to open it in its panel with its notes; "
                 "Space plays it, Right steps, R resets, F5 presents. Ctrl+G comes back here. "
                 "Your own saved presets appear under *My presets*.")


class ClassroomMixin:
    presenting = False
    theme_name = "light"
    language = "en"

    # Gallery ------------------------------------------------------------------------------------
    def show_gallery(self) -> None:
        self.worker.pause()
        self._sync_play_action(False)
        self.gallery.refresh()
        self.pages.setCurrentWidget(self.gallery)
        self.notes.set_notes(tr("Lesson gallery"), tr(GALLERY_NOTES))

    def show_tabs(self) -> None:
        self.pages.setCurrentWidget(self.tabs)

    # Presentation mode and themes ---------------------------------------------------------------
    def toggle_presentation(self) -> None:
        self.set_presentation(not self.presenting)

    def set_presentation(self, on: bool) -> None:
        """F5: fonts and lines x1.6, high-contrast dark theme, fewer controls, full screen."""
        self.presenting = on
        self.act_present.setChecked(on)
        self.notes_dock.setVisible(not on)
        for bar in self.findChildren(type(self.menuBar())):
            bar.setVisible(not on)
        if on:
            self._theme_before = self.theme_name
            self.showFullScreen()
        else:
            self.showNormal()
        self.apply_look(theme_name="dark" if on else getattr(self, "_theme_before", self.theme_name))

    def toggle_dark(self) -> None:
        self.apply_look(theme_name="light" if self.theme_name == "dark" else "dark")

    def apply_look(self, theme_name: str | None = None) -> None:
        from widgets import theme

        self.theme_name = theme_name or self.theme_name
        self.act_dark.setChecked(self.theme_name == "dark")
        look = theme.THEMES[self.theme_name]
        scale = theme.PRESENTATION_SCALE if self.presenting else 1.0
        app = QApplication.instance()
        theme.apply_palette(app, look)
        theme.apply_font_scale(app, scale)
        theme.style_widgets(self, scale)  # status bar, section headers, readouts: all of the window
        for panel in self.panels.values():
            theme.style_plots(panel, look, scale)
        self.notes.set_style(look.text, scale)

    # Language -------------------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        self.language = code
        set_language(code)  # Qt sends LanguageChange; changeEvent re-applies the texts
        self.notes.show_for_language()  # the lesson's notes_zh in 简体中文 (LanguageChange may come later)
        action = self.findChild(type(self.act_play), f"language_{code}")
        if action is not None:
            action.setChecked(True)
        self.retranslate()

    def retranslate(self) -> None:
        for widget, source in self._texts:
            if hasattr(widget, "setTitle"):
                widget.setTitle(tr(source))
            else:
                widget.setText(tr(source) if not isinstance(widget, QLabel) else f" {tr(source)} ")
        for owner, english, suffix in self._tips:
            owner.setToolTip(tr(english) + suffix)
        for index, spec in enumerate(self.specs):
            self.tabs.setTabText(index, tr(spec.title).replace("&", "&&"))
        self.notes_dock.setWindowTitle(tr("Lesson notes"))
        self.setWindowTitle(self.window_title())
        self._retranslate_status()
        for panel in self.panels.values():
            translate_widgets(panel)
            retranslate_plots(panel)
        self._sync_play_action(self.worker.playing)

    def _retranslate_status(self) -> None:
        """The transport's speed names and the status bar's lines, in the language now in use."""
        from widgets.window.actions import SPEEDS, speed_text

        for index in range(self.speed_box.count()):
            rate = self.speed_box.itemData(index)
            label = next((text for text, value in SPEEDS if value == rate), None) or f"{rate:g} steps/s"
            self.speed_box.setItemText(index, speed_text(label))
        device = getattr(self, "device_name", None) or tr("starting...")
        self.status_device.setText(tr("device: {device}").format(device=device))
        step = self.drawn.step if self.drawn is not None else 0
        self.status_step.setText(tr("step {step}").format(step=f"{step:,}"))
        if not self.worker.playing:
            self.status_rate.setText(tr("paused"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_texts"):
            self.retranslate()
        super().changeEvent(event)

    # Recording and the clipboard -------------------------------------------------------------------
    def copy_plot(self) -> None:
        QApplication.clipboard().setImage(self.panel().grab().toImage())
        self.show_message(tr("the panel is on the clipboard"))

    def toggle_recording(self, path: str | None = None) -> None:
        if not self.recorder.recording:
            self.recorder.start(self.panel())
            return
        self.recorder.stop()
        if path is None:
            from widgets.recorder import ffmpeg_available

            kinds = "GIF (*.gif);;MP4 (*.mp4)" if ffmpeg_available() else "GIF (*.gif)"
            path, _ = QFileDialog.getSaveFileName(self, tr("Save recording"), f"{self.current_key}.gif", kinds)
            if not path:
                return
        try:
            saved = self.recorder.save(path)
        except Exception as error:
            self.show_error(tr("Cannot save the recording"), str(error))
            return
        self.show_message(tr("saved {frames} frames to {path}").format(frames=len(self.recorder.frames), path=saved))

    def _on_recorder_state_changed(self, recording: bool) -> None:
        self.status_rec.setVisible(recording)
        self.act_record.setText(tr("Stop recording") if recording else tr("Record GIF"))

    # Notes ---------------------------------------------------------------------------------------------
    def _on_notes_edited(self, field: str, text: str) -> None:
        key = self.current_key
        if key is not None:
            try:
                self.states[key].update(**{field: text})  # the state tells the window (autosave)
            except ValueError as error:  # StateError: far too long, say so and keep the old notes
                self.show_message(f"not applied -- {error}")

    # Settings -------------------------------------------------------------------------------------------
    def restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if state is not None:
            self.restoreState(state)
        self.apply_look(self.settings.value("theme", "light"))
        language = self.settings.value("language", "en")
        if language != "en":
            self.set_language(language)
        last = self.settings.value("last_panel")
        if last and not os.environ.get("PLAYGROUND_NO_AUTOSAVE_PROMPT"):
            self.show_panel(last)

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.setValue("theme", self.theme_name if not self.presenting else getattr(self, "_theme_before", "light"))
        self.settings.setValue("language", self.language)
        if self.current_key:
            self.settings.setValue("last_panel", self.current_key)
