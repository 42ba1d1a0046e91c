"""A word-wrapped text line under (or over) a panel's plots that never makes the plots resize.

A label whose text changes every frame changed its height whenever the numbers' widths made it
wrap onto one more or one fewer line; the plots beside it were then resized, and every axis
regenerated, each frame (measured: the generative panel fell from 31 to 8 frames/s that way).
This label grows to the tallest text it has shown at the current width and does not shrink back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ReadoutLabel(QLabel):
    def __init__(self, text: str = "", size: int | None = None, parent=None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.base_size = size  # px at scale 1; presentation mode scales it (theme.style_widgets)
        self.set_scale(1.0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_scale(self, scale: float) -> None:
        """The type size at ``scale``; setting the sheet also re-polishes the label, so it takes the
        palette of the theme shown now (a sheet set once kept the colours it was polished with)."""
        self._tallest = 0
        if self.base_size is None:  # no sheet: the label follows the app's font and palette
            return
        self.setStyleSheet(f"font-size: {round(self.base_size * scale)}px; padding: 2px 6px;")
        self.setMinimumHeight(0)  # measured again at the new size
        self._hold_height()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        if text == self.text():
            return
        super().setText(text)
        self._hold_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._tallest = 0  # a new width: what fits is measured again
            self._hold_height()

    def _hold_height(self) -> None:
        needed = self.heightForWidth(max(self.width(), 1))
        if needed > self._tallest:
            self._tallest = needed
            self.setMinimumHeight(needed)
