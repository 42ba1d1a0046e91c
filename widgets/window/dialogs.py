"""Messages to the person: the status bar, the error dialog, About and the keyboard-shortcut table.

A mixin of MainWindow (see `widgets/window/__init__.py` for why mixins): every part of the window
reports through `show_message` / `show_error`, and the dialogs are the window's children.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from widgets.i18n import tr, tr_message


class DialogsMixin:
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(tr_message(text), 8000)  # panels and the core speak English

    def show_error(self, title: str, text: str, details: str = "") -> None:
        """A non-blocking dialog plus the status bar; the app keeps running. ``text`` may be the
        core's English (a PresetError, say): it is shown in the UI language."""
        self.last_error = text
        text = tr_message(text)
        self.statusBar().showMessage(f"{title}: {text.splitlines()[0]}", 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("error_dialog")
        if details:
            box.setDetailedText(details)
            copy = box.addButton(tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
            copy.clicked.disconnect()  # keep the dialog open after copying
            copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{title}\n{text}\n\n{details}"))
            box.setEscapeButton(QMessageBox.StandardButton.Ok)  # so closing the window still works
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def about(self) -> None:
        from widgets.about import about_text  # torch's version without importing torch here

        QMessageBox.about(self, tr("About"), about_text(self.worker.device))

    def shortcut_lines(self) -> list[tuple[str, str]]:
        acts = [a for a in self.actions() if not a.shortcut().isEmpty()]
        return [(a.shortcut().toString(), a.text()) for a in acts]

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{t}</td></tr>" for k, t in self.shortcut_lines())
        box = QMessageBox(QMessageBox.Icon.Information, tr("Keyboard shortcuts"), f"<table>{rows}</table>",
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("shortcuts_dialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
