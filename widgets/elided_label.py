"""A one-line label that shows as much of its text as fits, ends it with "…", and keeps the whole
text in its tooltip. For names in a narrow row (the optimizer racers' summaries): a plain QLabel
there was cut mid-letter at the row's edge, with no way to read the rest."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy

from widgets.i18n import tr_message


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens its row
        self.extra_tooltip = ""  # more to say than the text (shown under it)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._sync_tooltip()

    def set_tooltip(self, english: str) -> None:
        """What the tooltip says besides the whole text (which it shows when the text is cut), in
        English: it is shown in the UI language, again after a language switch."""
        self.extra_tooltip = english
        self._sync_tooltip()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._sync_tooltip()

    def shown_text(self) -> str:
        """The text as drawn at the label's width: whole, or cut with "…"."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._sync_tooltip()

    def _sync_tooltip(self) -> None:
        parts = [self.text()] if self.is_elided() else []
        if self.extra_tooltip:
            parts.append(tr_message(self.extra_tooltip))
        self.setToolTip("\n".join(parts))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())
