"""The start page: every shipped lesson preset, grouped by topic, with a thumbnail rendered from it.

Thumbnails are PNGs beside the presets (``presets/<panel>/<name>.png``), made by
``scripts/make_thumbnails.py``, which opens each preset in its real panel, plays it and grabs
the panel. A preset without one (a user's own) gets a card drawn from its panel's name.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QScrollArea, QVBoxLayout, QWidget

from playground import registry
from playground.presets import PresetError, load_preset, shipped_presets
from widgets.i18n import current_language, in_language, tr
from widgets.live_plot import colour

THUMB = QSize(240, 150)


def placeholder_icon(title: str, index: int) -> QIcon:
    pixmap = QPixmap(THUMB)
    pixmap.fill(QColor(colour(index)).lighter(150))
    painter = QPainter(pixmap)
    font = QFont()
    font.setPointSize(14)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, title)
    painter.end()
    return QIcon(pixmap)


def summary(notes: str) -> str:
    """The first sentence of the notes that is prose (not a heading or a formula)."""
    for line in notes.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "$", "|", "```", "-")):
            return line.split(". ")[0][:140]
    return ""


class GalleryPage(QWidget):
    open_requested = Signal(str)  # a preset path

    def __init__(self, user_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_dir = user_dir
        self.lists: dict[str, QListWidget] = {}
        inner = QWidget()
        self.inner_layout = QVBoxLayout(inner)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        heading = self.heading = QLabel(tr("Lesson gallery"))
        heading.setObjectName("gallery_heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(scroll)
        self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.heading.setText(tr("Lesson gallery"))
            self.refresh()  # the topic headings
        super().changeEvent(event)

    def refresh(self) -> None:
        while self.inner_layout.count():
            item = self.inner_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.lists.clear()
        specs = {spec.key: spec for spec in registry.panels()}
        groups: dict[str, list[Path]] = {spec.topic: [] for spec in registry.panels()}  # tab order
        for path in shipped_presets():
            groups[specs[path.parent.name].topic].append(path)
        groups = {topic: paths for topic, paths in groups.items() if paths}
        if self.user_dir is not None and self.user_dir.is_dir():
            mine = sorted(self.user_dir.glob("*.json"))
            if mine:
                groups["My presets"] = mine  # tr() in _add_group
        for topic, paths in groups.items():
            self._add_group(topic, paths)
        self.inner_layout.addStretch(1)

    def _add_group(self, topic: str, paths: list[Path]) -> None:
        label = QLabel(tr(topic))
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        label.setFont(font)
        view = QListWidget()
        view.setObjectName(f"gallery_{topic}")
        view.setViewMode(QListView.ViewMode.IconMode)
        view.setIconSize(THUMB)
        view.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 64))
        view.setWordWrap(True)
        view.setMovement(QListView.Movement.Static)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setFixedHeight(THUMB.height() + 90)
        view.setFlow(QListView.Flow.LeftToRight)
        view.setWrapping(False)
        view.itemDoubleClicked.connect(lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        for index, path in enumerate(paths):
            view.addItem(self._item(path, index))
        self.inner_layout.addWidget(label)
        self.inner_layout.addWidget(view)
        self.lists[topic] = view

    def _item(self, path: Path, index: int) -> QListWidgetItem:
        try:
            preset = load_preset(path)
            title = in_language(preset.title, preset.title_zh) or path.stem
            chinese = current_language() == "zh_CN" and preset.notes_zh
            tip = summary(preset.notes_zh if chinese else preset.notes)
        except PresetError as error:
            title, tip = tr("{name} (invalid)").format(name=path.stem), str(error)
        thumb = path.with_suffix(".png")
        icon = QIcon(str(thumb)) if thumb.exists() else placeholder_icon(title, index)
        item = QListWidgetItem(icon, title)
        item.setToolTip(f"{title}\n{tip}" if tip else title)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        return item
