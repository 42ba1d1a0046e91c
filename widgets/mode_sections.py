"""The controls of a panel with modes: a mode chooser, then collapsible sections of config fields,
each shown in the modes it means something in, with rows hidden where a setting means nothing.

Which sections and rows a mode shows is the config's ``MODES`` table (playground/modes.py); the
convolution, attention and generative panels share this widget:

    controls = ModeSections(ConvConfig, hidden_rows=lambda values: {...})  # rows hidden by other values
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

from playground.modes import modes_of, sections
from widgets.form import ConfigForm
from widgets.i18n import tr_message


class ModeSections(QWidget):
    changed = Signal()

    def __init__(self, config_class: type[BaseModel], hidden_rows: Callable[[dict], set[str]] | None = None,
                 extras: dict[str, QWidget] | None = None, parent: QWidget | None = None) -> None:
        """``hidden_rows(values)``: rows that mean nothing with the other settings (the mode's own
        rows come from ``MODES``); ``extras`` are widgets placed under a section's form (buttons of
        the panel's own, say)."""
        super().__init__(parent)
        self.modes = {mode.name: mode for mode in modes_of(config_class)}
        self.spec = sections(config_class)  # title -> (fields, modes that show the section)
        self.hidden_rows = hidden_rows or (lambda values: set())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.mode_form = ConfigForm(config_class, ["mode"])
        self.mode_form.changed.connect(self._on_form_changed)
        layout.addWidget(self.mode_form)
        self.forms: dict[str, ConfigForm] = {}
        self.sections: dict[str, QCollapsible] = {}
        for title, (fields, _modes) in self.spec.items():
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
        """The sections and rows that ``values["mode"]`` declares, less the rows ``hidden_rows`` hides."""
        hidden = self.hidden_rows(values)
        mode = self.modes[values["mode"]]
        for title, (fields, _modes) in self.spec.items():
            section = mode.section(title)
            self.sections[title].setVisible(section is not None)
            shown = set(section.fields if section else ()) - hidden
            form = self.forms[title]
            for name in fields:
                form.layout_.setRowVisible(form.editors[name], name in shown)

    def _on_form_changed(self) -> None:
        self.changed.emit()


def config_problem(config_class: type[BaseModel], values: dict) -> str | None:
    """Why ``values`` are not a valid config, in one line naming the field; None when they are."""
    try:
        config_class(**values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        return f"{where}: {tr_message(first['msg'].removeprefix('Value error, '))}"
    return None
