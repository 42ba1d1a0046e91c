"""The busy indicator: from the moment a run is (re)started until its first snapshot is drawn.

A mixin of MainWindow (see `widgets/window/__init__.py` for why mixins). Building a run can take
seconds (the engine host imports torch, reads a data set, builds a model: LeNet on digits took ~7 s
on 2 cores) while the plots stay empty at "step 0"; a class watching a projector must see that the
app is working, not stuck. The status bar then says "building the run..." beside a busy bar, and a
label over the panel's plots says the same. `restart` calls `show_building`; drawing the first
snapshot of that run's `gen_id` (or an error for it) calls `hide_building`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from widgets.i18n import tr

BUILDING_TEXT = "building the run..."


class CentredOverlay(QObject):
    """Keeps a label centred over the widget it covers, following that widget's resizes."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.label = label

    def cover(self, target: QWidget) -> None:
        if self.label.parent() is not target:
            old = self.label.parentWidget()
            if old is not None:
                old.removeEventFilter(self)
            self.label.setParent(target)
            target.installEventFilter(self)
        self.place()
        self.label.show()
        self.label.raise_()

    def place(self) -> None:
        target = self.label.parentWidget()
        if target is None:
            return
        self.label.adjustSize()
        size = self.label.size()
        self.label.move(max(0, (target.width() - size.width()) // 2), max(0, (target.height() - size.height()) // 3))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.label.parentWidget():
            self.place()
        return False


class BuildingMixin:
    def _build_building_indicator(self) -> None:
        """Status-bar text and busy bar, and the label over the plots; all hidden until a run starts."""
        self.building_gen: int | None = None  # the gen_id whose first snapshot is awaited
        self.status_building = QLabel(tr(BUILDING_TEXT))
        self.status_building.setObjectName("building_label")
        self.building_bar = QProgressBar()
        self.building_bar.setObjectName("building_bar")
        self.building_bar.setRange(0, 0)  # no known end: Qt draws a busy bar
        self.building_bar.setTextVisible(False)
        self.building_bar.setMaximumWidth(90)
        self.building_bar.setMaximumHeight(14)
        for index, widget in enumerate((self.status_building, self.building_bar)):
            widget.setVisible(False)
            # Permanent: a status-bar message ("opened ...") hides the bar's ordinary widgets.
            self.statusBar().insertPermanentWidget(index, widget)
        self.building_overlay = QLabel(tr(BUILDING_TEXT))
        self.building_overlay.setObjectName("building_overlay")
        self.building_overlay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.building_overlay.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.building_overlay.setStyleSheet(
            "QLabel { background: palette(window); border: 1px solid palette(mid); border-radius: 8px;"
            " padding: 14px 28px; font-size: 16pt; }")  # opaque: a plot's title under it stays hidden
        self.building_overlay.setVisible(False)
        self._overlay_placer = CentredOverlay(self.building_overlay)

    @property
    def building(self) -> bool:
        return self.building_gen is not None

    def show_building(self, panel: QWidget) -> None:
        """A run of ``self.gen_id`` is being built: say so until its first snapshot is drawn."""
        self.building_gen = self.gen_id
        for widget, english in ((self.status_building, BUILDING_TEXT), (self.building_overlay, BUILDING_TEXT)):
            widget.setText(tr(english))  # in the UI language of now, not of when it was made
        self.status_building.setVisible(True)
        self.building_bar.setVisible(True)
        self._overlay_placer.cover(panel)

    def hide_building(self, gen_id: int | None = None) -> None:
        """The first snapshot of ``gen_id`` was drawn (or its run failed); None: whatever run it was."""
        if self.building_gen is None or (gen_id is not None and gen_id != self.building_gen):
            return
        self.building_gen = None
        self.status_building.setVisible(False)
        self.building_bar.setVisible(False)
        self.building_overlay.setVisible(False)
