"""The lesson-notes side panel: the preset's markdown with math rendered; editable, saved with the preset.

A preset has notes in English (``notes``) and may have them in Simplified Chinese (``notes_zh``): the
Chinese UI shows ``notes_zh`` when there is one, else ``notes``; editing in the Chinese UI writes ``notes_zh``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from widgets.i18n import current_language, in_language, tr
from widgets.math_markdown import render


class NotesView(QWidget):
    edited = Signal(str, str)  # the preset field edited ("notes" or "notes_zh") and its new markdown

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
        self.edit_button.setToolTip(tr("Edit the lesson text; it is saved with the preset"))
        self.edit_button.toggled.connect(self._on_edit_toggled)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        layout.addLayout(row)
        self.title = ""
        self.title_zh = ""
        self.texts = {"notes": "", "notes_zh": ""}
        self.markdown = ""  # the text shown now
        self.editing_field = "notes"
        self.colour = "#202020"
        self.scale = 1.0
        self.rendered_width = 0
        self.browser.viewport().installEventFilter(self)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.edit_button.setText(tr("Done") if self.edit_button.isChecked() else tr("Edit notes"))
            self.edit_button.setToolTip(tr("Edit the lesson text; it is saved with the preset"))
            self.show_for_language()
        super().changeEvent(event)

    def set_notes(self, title: str, text: str, text_zh: str = "", title_zh: str = "") -> None:
        self.title, self.title_zh = title, title_zh
        self.texts = {"notes": text, "notes_zh": text_zh}
        self._show()

    def edit_field(self) -> str:
        """The preset field an edit writes: the UI language's own notes."""
        return "notes_zh" if current_language() == "zh_CN" else "notes"

    def shown_field(self) -> str:
        """The field shown: the Chinese notes in the Chinese UI when there are any, else the English."""
        field = self.edit_field()
        return field if self.texts[field] else "notes"

    def show_for_language(self) -> None:
        """Show the notes of the current UI language (an edit in progress keeps its text)."""
        if not self.edit_button.isChecked():
            self._show()

    def _show(self) -> None:
        self.markdown = self.texts[self.shown_field()]
        self.editor.setPlainText(self.markdown)
        self._render()

    def set_style(self, colour: str, scale: float) -> None:
        self.colour, self.scale = colour, scale
        self._render()

    def heading(self) -> str:
        """The preset's title as a heading, unless the notes open with a heading of their own
        (the network and RNN lessons do: the title was shown twice)."""
        opens_with_heading = self.markdown.lstrip().startswith("# ")
        title = in_language(self.title, self.title_zh)
        return f"# {title}\n\n" if title and not opens_with_heading else ""

    def column_width(self) -> int:
        """Pixels a line of the notes may take: wider formulas are scaled down to it."""
        margin = 2 * int(self.browser.document().documentMargin()) + 4
        return max(80, self.browser.viewport().width() - margin)

    def _render(self) -> None:
        self.rendered_width = self.column_width()
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(render(self.heading() + self.markdown, self.colour, self.scale, self.rendered_width))
        self.browser.verticalScrollBar().setValue(scroll)  # a re-render on resize keeps the reader's place

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # The browser's viewport, not this widget: the viewport is resized after this widget is.
        if (event.type() == QEvent.Type.Resize and watched is self.browser.viewport()
                and self.column_width() != self.rendered_width):
            self._render()  # formulas are cached: re-rendering costs the markdown only
        return super().eventFilter(watched, event)

    def _on_edit_toggled(self, editing: bool) -> None:
        if editing:
            self.editing_field = self.edit_field()  # a language switch mid-edit still saves where it began
            self.editor.setPlainText(self.markdown)
            self.stack.setCurrentWidget(self.editor)
            self.edit_button.setText(tr("Done"))
        else:
            field = self.editing_field
            self.markdown = self.texts[field] = self.editor.toPlainText()
            self._render()
            self.stack.setCurrentWidget(self.browser)
            self.edit_button.setText(tr("Edit notes"))
            self.edited.emit(field, self.markdown)
