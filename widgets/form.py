"""Controls built from a pydantic config's fields, so a panel does not hand-wire every spin box.

int/float fields with ge/le bounds become spin boxes (or superqt labelled sliders when the field
says ``json_schema_extra={"widget": "slider"}``), Literal/Enum fields combo boxes, bool fields
check boxes, str fields line edits. Each control's tooltip is the field's ``description``, which
is where a config says in one sentence what the concept is.
"""

from __future__ import annotations

import enum
import typing
from typing import Any, Iterable

from pydantic import BaseModel
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLineEdit, QSpinBox, QWidget,
)
from superqt import QLabeledDoubleSlider, QLabeledSlider

from widgets.i18n import show_tooltip, tr


def _bounds(field) -> tuple[float | None, float | None]:
    low = high = None
    for meta in field.metadata:
        for name in ("ge", "gt"):
            if getattr(meta, name, None) is not None:
                low = getattr(meta, name)
        for name in ("le", "lt"):
            if getattr(meta, name, None) is not None:
                high = getattr(meta, name)
    return low, high


def _choices(annotation) -> list[Any] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [member.value for member in annotation]
    return None


def _label(name: str, field) -> str:
    return field.title or name.replace("_", " ")


class ConfigForm(QWidget):
    """A form for some fields of a pydantic model; ``values()`` reads them back as a dict."""

    changed = Signal()

    def __init__(self, model: type[BaseModel], fields: Iterable[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.editors: dict[str, QWidget] = {}
        self.sources: dict[str, str] = {}  # English labels, for retranslation
        self.tips: dict[str, str] = {}  # English tooltips (the fields' descriptions), likewise
        names = list(fields) if fields is not None else list(model.model_fields)
        for name in names:
            field = model.model_fields[name]
            editor = self._make_editor(name, field)
            if editor is None:
                continue
            editor.setObjectName(name)
            self.editors[name] = editor
            self.sources[name] = _label(name, field)
            self.tips[name] = field.description or self.sources[name]
            show_tooltip(editor, self.tips[name])
            self.layout_.addRow(tr(self.sources[name]), editor)

    def _make_editor(self, name: str, field) -> QWidget | None:
        annotation = field.annotation
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        choices = _choices(annotation)
        if choices is not None:
            box = QComboBox()
            for choice in choices:
                box.addItem(str(choice), choice)
            box.currentIndexChanged.connect(self.changed)
            return box
        if annotation is bool:
            box = QCheckBox()
            box.toggled.connect(self.changed)
            return box
        low, high = _bounds(field)
        if annotation is int:
            if extra.get("widget") == "slider" and low is not None and high is not None:
                slider = QLabeledSlider()
                slider.setOrientation(Qt.Orientation.Horizontal)
                slider.setRange(int(low), int(high))
                slider.valueChanged.connect(self.changed)
                return slider
            box = QSpinBox()
            box.setRange(int(low) if low is not None else -(2**31), int(high) if high is not None else 2**31 - 1)
            box.setKeyboardTracking(False)
            box.valueChanged.connect(self.changed)
            return box
        if annotation is float:
            if extra.get("widget") == "slider" and low is not None and high is not None:
                slider = QLabeledDoubleSlider()
                slider.setOrientation(Qt.Orientation.Horizontal)
                slider.setRange(float(low), float(high))
                slider.valueChanged.connect(self.changed)
                return slider
            box = QDoubleSpinBox()
            box.setDecimals(int(extra.get("decimals", 4)))
            box.setRange(float(low) if low is not None else -1e9, float(high) if high is not None else 1e9)
            box.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            box.setKeyboardTracking(False)
            box.valueChanged.connect(self.changed)
            return box
        if annotation is str:
            edit = QLineEdit()
            edit.editingFinished.connect(self.changed)
            return edit
        return None  # lists, nested models: the panel draws its own editor for those

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            for name, editor in self.editors.items():
                label = self.layout_.labelForField(editor)
                if label is not None:
                    label.setText(tr(self.sources[name]))
                show_tooltip(editor, self.tips[name])
        super().changeEvent(event)

    def set_values(self, config: BaseModel) -> None:
        """Show a config's values without emitting ``changed``."""
        self.blockSignals(True)
        try:
            for name, editor in self.editors.items():
                value = getattr(config, name)
                if isinstance(value, enum.Enum):
                    value = value.value
                editor.blockSignals(True)
                if isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(0, editor.findData(value)))
                elif isinstance(editor, QCheckBox):
                    editor.setChecked(bool(value))
                elif isinstance(editor, QLineEdit):
                    editor.setText(str(value))
                else:
                    editor.setValue(value)
                editor.blockSignals(False)
        finally:
            self.blockSignals(False)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text()
            else:
                out[name] = editor.value()
        return out
