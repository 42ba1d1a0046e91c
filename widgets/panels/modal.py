"""A panel whose config has a ``mode``: ModeSections controls on the left, one page of plots per mode.

The convolution, attention and generative panels are ModalPanels. A subclass sets ``config_class``
(whose ``MODES`` say which sections and rows each mode shows), calls ``_build_controls(...)`` first
in its ``__init__``, adds one page per mode with ``_add_page()``, may add view-only controls with
``_add_view_section`` / ``_view_spin_box``, and extends ``_show_mode(values)`` to pick the page.
"""

from __future__ import annotations

from typing import Callable, ClassVar

import pyqtgraph as pg
from pydantic import BaseModel
from PySide6.QtWidgets import QFormLayout, QSpinBox, QStackedWidget, QVBoxLayout, QWidget
from superqt import QCollapsible

from widgets.mode_sections import ModeSections
from widgets.panels.base import PanelBase


class ModalPanel(PanelBase):
    config_class: ClassVar[type[BaseModel]]

    def _build_controls(self, hidden_rows: Callable[[dict], set[str]] | None = None,
                        extras: dict[str, QWidget] | None = None) -> None:
        self.controls_form = ModeSections(self.config_class, hidden_rows, extras)
        self.controls_form.changed.connect(self._on_controls_changed)
        self.controls_layout.addWidget(self.controls_form)
        self.mode_form, self.forms, self.sections = (self.controls_form.mode_form, self.controls_form.forms,
                                                     self.controls_form.sections)
        self.pages = QStackedWidget()
        self.view_layout.addWidget(self.pages)
        self.last_snapshot = None

    def _add_page(self) -> tuple[pg.GraphicsLayoutWidget, QVBoxLayout]:
        """One page of ``self.pages``: a GraphicsLayoutWidget for the plots, room below for text."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        graphics = pg.GraphicsLayoutWidget()
        layout.addWidget(graphics, 1)
        self.pages.addWidget(page)
        return graphics, layout

    def _add_view_section(self, box: QWidget) -> None:
        """View-only choices under the settings: they change what is drawn, not the run."""
        self.view_section = QCollapsible("View (does not restart)")
        self.view_section.addWidget(box)
        self.view_section.expand(animate=False)
        self.controls_layout.addWidget(self.view_section)

    def _view_spin_box(self, label: str, maximum: int, tooltip: str) -> QSpinBox:
        """A view section with one number, 0..maximum, that redraws the last snapshot when it changes."""
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        spin = QSpinBox()
        spin.setRange(0, maximum)
        spin.setToolTip(tooltip)
        spin.valueChanged.connect(self._redraw)
        form.addRow(label, spin)
        self._add_view_section(box)
        return spin

    def _values(self) -> dict:
        """The config's fields as the controls show them."""
        return self.controls_form.values()

    def show_config(self, config: BaseModel) -> None:
        self.controls_form.set_values(config)
        self._show_mode(self._values())

    def _on_controls_changed(self) -> None:
        """Every control's value goes to the state: only those that differ change (one, from one
        edit). Invalid: the state and the run stay, the status bar says why, the controls keep
        what was typed, so the next edit can make it valid."""
        values = self._values()
        self._show_mode(values)
        self.edit_config(**values)

    def _show_mode(self, values: dict) -> None:
        self.controls_form.show_for(values)

    def export_target(self):
        return self.pages.currentWidget().findChild(pg.GraphicsLayoutWidget).ci

    def show_snapshot(self, snap) -> None:
        self.last_snapshot = snap  # view-only controls redraw it
        super().show_snapshot(snap)

    def _redraw(self) -> None:
        """Draw the last snapshot again (a view-only control changed)."""
        if self.last_snapshot is not None:
            self.show_snapshot(self.last_snapshot)
