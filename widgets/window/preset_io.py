"""Presets in and out: open, save, recent files, data files outside a preset's folder, applying a
preset to its panel's state, the toolbar's envelope boxes (speed, device, seed), autosave and the
offer to recover a crashed session.

A mixin of MainWindow (see `widgets/window/__init__.py` for why mixins): it reads and writes the
window's `states`, `paths` and `settings`, and restarts the run through play control.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox

from widgets import session
from widgets.i18n import in_language, tr, tr_message
from widgets.window.actions import DEVICES, speed_text

if TYPE_CHECKING:
    from playground.presets import PresetBase

# The session is autosaved this long after a change (not on a fixed clock: the first minute counts too).
AUTOSAVE_DELAY_MS = 3_000
MAX_RECENT = 8
MAX_TRUSTED_DATA = 50  # data files outside a preset's folder the user allowed (remembered in settings)


class PresetIOMixin:
    def _load_into_state(self, preset: PresetBase) -> None:
        """Put a preset in its panel's state without a restart per change (the caller restarts)."""
        self._loading = True
        try:
            self.state(preset.panel).replace(preset)
        finally:
            self._loading = False

    def apply_preset(self, preset: PresetBase, path: Path | None = None) -> None:
        """Show a preset: its panel, its controls, its notes; then restart the run."""
        self.paths[preset.panel] = path
        self.show_panel(preset.panel)
        self._load_into_state(preset)
        self._show_envelope(self.state(preset.panel).preset)
        self._sync_undo_actions()
        self.session_changed()
        self.restart()

    def session_presets(self) -> list[PresetBase]:
        """Every built panel's preset, in tab order."""
        return [self.states[spec.key].preset for spec in self.specs if spec.key in self.states]

    def restore_session(self, saved) -> None:
        """Put back every panel of an autosaved ``session.Session`` and show the one that was showing."""
        keys = {spec.key for spec in self.specs}
        for key, preset in saved.presets.items():
            if key in keys and key != saved.current:
                self._load_into_state(preset)
                self.paths[key] = saved.paths.get(key)
        if saved.current in keys:
            self.apply_preset(saved.presets[saved.current], saved.paths.get(saved.current))

    def _show_envelope(self, preset: PresetBase, notes: bool = True) -> None:
        """The toolbar boxes (and the notes, unless they are what was just edited) show ``preset``."""
        self._show_speed(preset.speed)
        for box, value in ((self.device_box, preset.device if preset.device in DEVICES else "auto"),
                           (self.seed_box, preset.seed)):
            box.blockSignals(True)
            box.setCurrentText(value) if isinstance(box, QComboBox) else box.setValue(value)
            box.blockSignals(False)
        if notes:
            self.notes.set_notes(preset.title, preset.notes, preset.notes_zh, preset.title_zh)
        name = self.paths.get(preset.panel)
        self.title_parts = (preset.title or preset.panel, preset.title_zh, f" [{name.name}]" if name else "")
        self.setWindowTitle(self.window_title())

    def window_title(self) -> str:
        """'Deep Learning Playground - <lesson> [file]' in the UI language (a default title is a panel's name)."""
        title, title_zh, file = getattr(self, "title_parts", ("", "", ""))
        return tr("Deep Learning Playground") + (f" - {in_language(title, title_zh)}{file}" if title else "")

    def _show_speed(self, speed: float | None) -> None:
        """Select the preset's speed in the box (adding it when it is not one of the usual ones)."""
        index = self.speed_box.findData(speed)
        if index < 0:
            self.speed_box.addItem(speed_text(f"{speed:g} steps/s"), speed)
            index = self.speed_box.count() - 1
        self.speed_box.blockSignals(True)
        self.speed_box.setCurrentIndex(index)
        self.speed_box.blockSignals(False)
        self.worker.set_speed(speed)

    def open_preset_named(self, name: str) -> bool:
        from playground.presets import PresetError, find_preset, load_preset

        try:
            path = find_preset(name)
            preset = load_preset(path)
        except PresetError as error:
            self.show_error(tr("Cannot open preset"), str(error))
            return False
        except Exception as error:  # a bug of ours reading a strange file: say so, keep the window
            self.show_error(tr("Cannot open preset"), f"{name}: {type(error).__name__}: {error}",
                            traceback.format_exc())
            return False
        preset = self._confirm_data_files(preset, Path(path))
        self.apply_preset(preset, Path(path))
        self._add_recent(Path(path))
        self.show_message(tr("opened {path}").format(path=path))
        return True

    def _confirm_data_files(self, preset: PresetBase, path: Path) -> PresetBase:
        """The preset with its data files taken from beside it; a file outside its folder is read
        only when the user says so here (once said, remembered), else left out."""
        from playground.data_paths import bind_data_paths, data_fields, outside_data_paths

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

    # Files -------------------------------------------------------------------------------------------------------
    def new_preset(self) -> None:
        from playground.presets import new_preset

        key = self.current_key
        self.paths[key] = None
        self.apply_preset(new_preset(key, title=self.specs[self.tabs.currentIndex()].title))

    def open_dialog(self) -> None:
        start = str(session.user_presets_dir())
        path, _ = QFileDialog.getOpenFileName(self, tr("Open preset"), start, tr("Presets (*.json);;All files (*)"))
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
        path, _ = QFileDialog.getSaveFileName(self, tr("Save preset"), str(default), tr("Presets (*.json)"))
        if path:
            self._save_to(Path(path))

    def _save_to(self, path: Path) -> None:
        from playground.data_paths import relative_data_paths
        from playground.presets import save_preset

        try:
            save_preset(relative_data_paths(self.current_preset(), path), path)
        except (OSError, ValueError) as error:
            self.show_error(tr("Cannot save"), f"{path}: {error}")
            return
        self.paths[self.current_key] = path
        self._add_recent(path)
        self.show_message(tr("saved {path}").format(path=path))

    def _add_recent(self, path: Path) -> None:
        recent = [p for p in self.settings.value("recent", [], list) or [] if p != str(path.resolve())]
        self.settings.setValue("recent", [str(path.resolve()), *recent][:MAX_RECENT])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.value("recent", [], list) or []:
            self.recent_menu.addAction(name, lambda n=name: self.open_preset_named(n))
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def _on_state_changed(self, key: str, changed: set[str]) -> None:
        """A panel's state changed (a control, the toolbar, the notes, undo): save soon; for the
        panel on show, mirror the envelope in the toolbar and restart when the run would differ."""
        if self._loading:
            return
        self.session_changed()
        if key != self.current_key:
            return
        self._sync_undo_actions()
        preset = self.states[key].preset
        shown = (self.notes.title, self.notes.markdown)  # the notes view may be where they were edited
        self._show_envelope(preset, notes=shown != (preset.title, preset.notes))  # speed: no restart
        from playground.modes import live_calls  # here: the window module must not import pydantic

        config_changed = {name.removeprefix("config.") for name in changed if name.startswith("config")}
        calls = None if changed & {"seed", "device"} else live_calls(preset.config, config_changed)
        if calls is not None:  # a live field (a prompt, a query): the running engine takes it
            for method, value in calls:
                self.worker.call(method, value)
        elif changed & {"seed", "device"} or config_changed:
            self.restart()

    def _on_speed_changed(self, _index: int) -> None:
        self._update_envelope(speed=self.speed_box.currentData())

    def _on_device_changed(self, device: str) -> None:
        self._update_envelope(device=device)

    def _on_seed_changed(self, seed: int) -> None:
        self._update_envelope(seed=seed)

    def _update_envelope(self, **fields) -> None:
        key = self.current_key
        if key is None:
            return
        try:
            self.states[key].update(**fields)
        except ValueError as error:  # StateError: say why, keep the old value
            self.show_message(f"not applied -- {error}")
            self._show_envelope(self.states[key].preset, notes=False)

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



def _is_shipped(path: Path) -> bool:
    from playground.presets import presets_dir

    try:
        return path.resolve().is_relative_to(presets_dir().resolve())
    except OSError:
        return False
