"""Controls of the optimizer panel: a spin box for numbers spanning decades, and the racer list.

``RacerList`` edits the list of OptimizerEntry models: one row per optimizer (on/off, colour,
kind, learning rate at a glance) and, for the selected row, a form with the hyperparameters that
kind reads and its learning-rate schedule.
"""

from __future__ import annotations

import math

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFrame, QHBoxLayout, QLabel, QMenu, QPushButton,
    QToolButton, QVBoxLayout, QWidget,
)

from playground.optim.config import (
    KIND_HYPERPARAMETERS, KIND_TITLES, MAX_OPTIMIZERS, OptimizerEntry, ScheduleConfig,
)
from widgets.elided_label import ElidedLabel
from widgets.form import ConfigForm
from widgets.i18n import show_tooltip, tr
from widgets.live_plot import PALETTE
from widgets.optimizer_views import swatch


class ScientificSpinBox(QDoubleSpinBox):
    """A spin box for values like 3e-4: shown with %g, typed in any float notation, and stepped
    along 1, 2, 5, 10, 20, ... so the arrows move by sensible amounts at every scale."""

    LADDER = (1.0, 2.0, 5.0)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDecimals(15)  # Qt rounds to this many decimals; %g does the showing
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt override
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        value = self.value()
        for _ in range(abs(steps)):
            value = self._next(value, up=steps > 0)
        self.setValue(value)

    def _next(self, value: float, up: bool) -> float:
        if value <= 0:
            return max(self.minimum(), 1e-4) if up else value
        decade = 10.0 ** math.floor(math.log10(value))
        ladder = [m * decade for m in (*self.LADDER, 10.0)] + [m * decade / 10 for m in self.LADDER]
        ladder.sort()
        if up:
            return next((v for v in ladder if v > value * (1 + 1e-9)), value * 2)
        return next((v for v in reversed(ladder) if v < value * (1 - 1e-9)), value / 2)


def _bounds(field) -> tuple[float, float]:
    low, high = -1e9, 1e9
    for meta in field.metadata:
        if getattr(meta, "ge", None) is not None:
            low = meta.ge
        if getattr(meta, "gt", None) is not None:
            low = meta.gt + max(abs(meta.gt) * 1e-12, 1e-12)
        if getattr(meta, "le", None) is not None:
            high = meta.le
        if getattr(meta, "lt", None) is not None:
            high = meta.lt
    return low, high


class ScientificForm(ConfigForm):
    """ConfigForm whose float fields marked ``{"widget": "scientific"}`` get a ScientificSpinBox."""

    def _make_editor(self, name, field):
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        if field.annotation is float and extra.get("widget") == "scientific":
            box = ScientificSpinBox()
            box.setRange(*_bounds(field))
            box.valueChanged.connect(self.changed)
            return box
        return super()._make_editor(name, field)

    def show_only(self, names) -> None:
        """Show the rows of ``names``, hide the others."""
        for name, editor in self.editors.items():
            self.layout_.setRowVisible(editor, name in names)


SCHEDULE_FIELDS = {"constant": (), "step": ("step_size", "gamma"), "exponential": ("gamma",),
                   "cosine": ("t_max", "lr_min")}


class RacerRow(QFrame):
    """One optimizer in the list: on/off, colour, kind, and its learning rate at a glance."""

    selected = Signal()
    edited = Signal()
    removed = Signal()

    def __init__(self, entry: OptimizerEntry) -> None:
        super().__init__()
        self.setObjectName("racer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.enabled = QCheckBox()
        show_tooltip(self.enabled, "Race this optimizer")
        self.colour = QToolButton()
        show_tooltip(self.colour, "Colour of this optimizer's path and curves")
        self.colour.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.colour)
        for index in range(len(PALETTE)):
            menu.addAction(swatch(index), f"colour {index + 1}").setData(index)
        menu.triggered.connect(self._on_colour_chosen)
        self.colour.setMenu(menu)
        self.kind = QComboBox()
        for kind, title in KIND_TITLES.items():
            self.kind.addItem(title, kind)
        show_tooltip(self.kind, "The update rule; changing it resets the hyperparameters to torch's defaults")
        self.summary = ElidedLabel()  # may be cut short: "…", and the whole in its tooltip
        remove = QToolButton()
        remove.setText("✕")
        show_tooltip(remove, "Remove this optimizer")
        remove.clicked.connect(self.removed)
        for widget in (self.enabled, self.colour, self.kind):
            layout.addWidget(widget)
        layout.addWidget(self.summary, 1)
        layout.addWidget(remove)
        self.entry = entry
        self.show_entry(entry)
        self.enabled.toggled.connect(self._on_enabled)
        self.kind.currentIndexChanged.connect(self._on_kind)

    def show_entry(self, entry: OptimizerEntry) -> None:
        self.entry = entry
        for widget in (self.enabled, self.kind):
            widget.blockSignals(True)
        self.enabled.setChecked(entry.enabled)
        self.kind.setCurrentIndex(self.kind.findData(entry.kind))
        for widget in (self.enabled, self.kind):
            widget.blockSignals(False)
        self.colour.setIcon(swatch(entry.colour))
        schedule = "" if entry.schedule.kind == "constant" else f", {entry.schedule.kind} schedule"
        self.summary.setText(entry.label or f"lr {entry.lr:g}")
        self.summary.set_tooltip(f"{entry.title}: learning rate {entry.lr:g}{schedule}")

    def set_selected(self, selected: bool) -> None:
        self.setStyleSheet("QFrame#racer { border: 2px solid palette(highlight); }" if selected else "")

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.selected.emit()
        super().mousePressEvent(event)

    def _on_enabled(self, on: bool) -> None:
        self.entry = self.entry.model_copy(update={"enabled": on})
        self.edited.emit()

    def _on_colour_chosen(self, action) -> None:
        self.show_entry(self.entry.model_copy(update={"colour": action.data()}))
        self.edited.emit()

    def _on_kind(self) -> None:
        entry = OptimizerEntry.of_kind(self.kind.currentData(), enabled=self.entry.enabled, colour=self.entry.colour)
        self.show_entry(entry)
        self.selected.emit()
        self.edited.emit()


class RacerList(QWidget):
    """The racers: a row each, an Add button, and the selected racer's hyperparameters."""

    changed = Signal()
    message = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(2)
        layout.addLayout(self.rows_layout)
        self.add_button = QPushButton("Add optimizer")
        self.add_button.setToolTip(f"Add a racer (at most {MAX_OPTIMIZERS})")
        self.add_button.clicked.connect(self._on_add)
        layout.addWidget(self.add_button)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; margin-top: 6px")
        layout.addWidget(self.title)
        self.details = ScientificForm(OptimizerEntry, fields=["label", "lr", "momentum", "beta1", "beta2", "rho", "eps",
                                                              "weight_decay", "bias_correction"])
        self.schedule = ScientificForm(ScheduleConfig)
        self.details.changed.connect(self._on_details_changed)
        self.schedule.changed.connect(self._on_details_changed)
        layout.addWidget(self.details)
        layout.addWidget(self.schedule)
        self.rows: list[RacerRow] = []
        self.current = 0

    # The model -----------------------------------------------------------------------------------------
    def entries(self) -> list[OptimizerEntry]:
        return [row.entry for row in self.rows]

    def set_entries(self, entries: list[OptimizerEntry]) -> None:
        """Show ``entries`` without emitting ``changed``."""
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.hide()  # deleteLater waits for the event loop: until then the old row was painted
            row.setParent(None)  # under (and over) the new ones
            row.deleteLater()
        self.rows = []
        for entry in entries:
            self._append(entry)
        self._select(min(self.current, len(self.rows) - 1))

    def _append(self, entry: OptimizerEntry) -> RacerRow:
        row = RacerRow(entry)
        row.selected.connect(lambda row=row: self._select(self.rows.index(row)))
        row.edited.connect(self._on_row_edited)
        row.removed.connect(lambda row=row: self._on_remove(row))
        self.rows_layout.addWidget(row)
        self.rows.append(row)
        self.add_button.setEnabled(len(self.rows) < MAX_OPTIMIZERS)
        return row

    # Selection and the details form --------------------------------------------------------------------
    def _select(self, index: int) -> None:
        self.current = max(index, 0)
        for i, row in enumerate(self.rows):
            row.set_selected(i == self.current)
        has_row = bool(self.rows)
        for widget in (self.title, self.details, self.schedule):
            widget.setVisible(has_row)
        if not has_row:
            return
        entry = self.rows[self.current].entry
        self.title.setText(tr("{name}: hyperparameters").format(name=entry.title))
        self.details.set_values(entry)
        self.schedule.set_values(entry.schedule)
        self.details.show_only(("label",) + KIND_HYPERPARAMETERS[entry.kind])
        self.schedule.show_only(("kind",) + SCHEDULE_FIELDS[entry.schedule.kind])

    def _on_details_changed(self) -> None:
        if not self.rows:
            return
        row = self.rows[self.current]
        data = {**row.entry.model_dump(), **self.details.values(), "schedule": self.schedule.values()}
        try:
            entry = OptimizerEntry.model_validate(data)
        except ValidationError as error:
            self.message.emit(f"{row.entry.title}: {error.errors()[0]['msg']}")
            self._select(self.current)  # show the entry as it still is
            return
        row.show_entry(entry)
        self._select(self.current)
        self.changed.emit()

    # Rows ------------------------------------------------------------------------------------------------
    def _on_row_edited(self) -> None:
        self._select(self.current)
        self.changed.emit()

    def _on_add(self) -> None:
        used = {row.entry.colour for row in self.rows}
        colour = next(i for i in range(len(PALETTE)) if i not in used)
        self._append(OptimizerEntry.of_kind("sgd", colour=colour))
        self._select(len(self.rows) - 1)
        self.changed.emit()

    def _on_remove(self, row: RacerRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        self.rows_layout.removeWidget(row)
        row.deleteLater()
        self.add_button.setEnabled(True)
        self._select(min(self.current, len(self.rows) - 1))
        self.changed.emit()
