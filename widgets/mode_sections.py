"""The controls of a panel with modes: a mode chooser, then collapsible sections of config fields,
each shown in the modes it means something in, with rows hidden where a setting means nothing.

The convolution, attention and generative panels share it:

    controls = ModeSections(ConvConfig, {"Grid and kernel": (["input_size", ...], {"arithmetic"}), ...},
                            hidden_rows=lambda values: {...})
    controls.changed.connect(panel._on_controls_changed)
    values = controls.values()          # every field the sections show, as a dict
    why = config_problem(ConvConfig, values)   # None, or "padding: ..." to show instead of restarting
"""

from __future__ import annotations

from typing import Callable

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget
from superqt import QCollapsible

from widgets.form import ConfigForm
from widgets.i18n import tr

Sections = dict[str, tuple[list[str], set[str]]]  # title -> (fields, modes that show the section)


class ModeSections(QWidget):
    changed = Signal()

    def __init__(self, config_class: type[BaseModel], sections: Sections,
                 hidden_rows: Callable[[dict], set[str]] | None = None,
                 extras: dict[str, QWidget] | None = None, parent: QWidget | None = None) -> None:
        """``extras`` are widgets placed under a section's form (buttons of the panel's own, say)."""
        super().__init__(parent)
        self.spec = sections
        self.hidden_rows = hidden_rows or (lambda values: set())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mode_form = ConfigForm(config_class, ["mode"])
        self.mode_form.changed.connect(self._on_form_changed)
        layout.addWidget(self.mode_form)
        self.forms: dict[str, ConfigForm] = {}
        self.sections: dict[str, QCollapsible] = {}
        for title, (fields, _modes) in sections.items():
            form = ConfigForm(config_class, fields)
            form.changed.connect(self._on_form_changed)
            section = QCollapsible(title)
            section.addWidget(form)
            if extras and title in extras:
                section.addWidget(extras[title])
            section.expand(animate=False)
            layout.addWidget(section)
            self.forms[title], self.sections[title] = form, section

    def values(self) -> dict:
        values = dict(self.mode_form.values())
        for form in self.forms.values():
            values.update(form.values())
        return values

    def set_values(self, config: BaseModel) -> None:
        """Show ``config`` without emitting ``changed``."""
        self.mode_form.set_values(config)
        for form in self.forms.values():
            form.set_values(config)

    def show_for(self, values: dict) -> None:
        """Sections of ``values["mode"]`` visible, rows that mean nothing with these values hidden."""
        hidden = self.hidden_rows(values)
        for title, (fields, modes) in self.spec.items():
            self.sections[title].setVisible(values["mode"] in modes)
            form = self.forms[title]
            for name in fields:
                form.layout_.setRowVisible(form.editors[name], name not in hidden)

    def _on_form_changed(self) -> None:
        self.changed.emit()


def config_problem(config_class: type[BaseModel], values: dict) -> str | None:
    """Why ``values`` are not a valid config, in one line naming the field; None when they are."""
    try:
        config_class(**values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        return f"{where}: {tr(first['msg'].removeprefix('Value error, '))}"
    return None
