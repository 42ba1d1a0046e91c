"""The lesson-notes side panel: the preset's markdown with math rendered; editable, saved with the preset."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from widgets.i18n import tr
from widgets.math_markdown import render


class NotesView(QWidget):
    edited = Signal(str)  # the notes' new markdown, when the user finishes editing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Markdown; formulas as $...$ or $$...$$")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.browser)
        self.stack.addWidget(self.editor)
        self.edit_button = QPushButton(tr("Edit notes"))
        self.edit_button.setCheckable(True)
        self.edit_button.setToolTip("Edit the lesson text; it is saved with the preset")
        self.edit_button.toggled.connect(self._on_edit_toggled)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        layout.addLayout(row)
        self.title = ""
        self.markdown = ""
        self.colour = "#202020"
        self.scale = 1.0

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.edit_button.setText(tr("Done") if self.edit_button.isChecked() else tr("Edit notes"))
        super().changeEvent(event)

    def set_notes(self, title: str, text: str) -> None:
        self.title, self.markdown = title, text
        self.editor.setPlainText(text)
        self._render()

    def set_style(self, colour: str, scale: float) -> None:
        self.colour, self.scale = colour, scale
        self._render()

    def _render(self) -> None:
        heading = f"# {self.title}\n\n" if self.title else ""
        self.browser.setHtml(render(heading + self.markdown, self.colour, self.scale))

    def _on_edit_toggled(self, editing: bool) -> None:
        if editing:
            self.editor.setPlainText(self.markdown)
            self.stack.setCurrentWidget(self.editor)
            self.edit_button.setText(tr("Done"))
        else:
            self.markdown = self.editor.toPlainText()
            self._render()
            self.stack.setCurrentWidget(self.browser)
            self.edit_button.setText(tr("Edit notes"))
            self.edited.emit(self.markdown)
