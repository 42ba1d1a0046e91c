"""What every panel is: a QWidget bound to one pydantic config that draws Snapshots.

A panel never runs math and never touches the worker. The main window owns the worker; it asks
the panel for ``config()`` when a run starts, calls ``show_snapshot(snap)`` from its ~30 Hz
timer with the newest snapshot, and restarts the run when the panel emits ``config_changed``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pyqtgraph as pg
from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QSplitter, QVBoxLayout, QWidget

from playground import registry
from playground.snapshot import Snapshot
from widgets import live_plot  # noqa: F401 - its cheap-repaint settings must precede any plot


class PanelBase(QWidget):
    """Subclass per panel. Set ``key`` to the registry key and implement the four methods."""

    key: ClassVar[str] = ""
    # The user changed a setting: the window resets the run with ``config()``.
    config_changed = Signal()
    # A one-line message for the status bar (e.g. "start point set to (1.0, -0.5)").
    message = Signal(str)

    def __init__(self, config: BaseModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = registry.panel(self.key)
        self._config = config if config is not None else self.spec.config_class()()
        # Default layout: a scrolling control column on the left, the plots on the right.
        self.controls = QWidget()
        self.controls_layout = QVBoxLayout(self.controls)
        self.controls_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(280)
        self.view = QWidget()
        self.view_layout = QVBoxLayout(self.view)
        self.view_layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1100])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # What a panel implements ---------------------------------------------------------------
    def config(self) -> BaseModel:
        """The config as the controls show it now (validated pydantic model)."""
        return self._config

    def set_config(self, config: BaseModel) -> None:
        """Show ``config`` in the controls, without emitting ``config_changed``."""
        self._config = config

    def show_snapshot(self, snap: Snapshot) -> None:
        """Draw the snapshot. Called on the GUI thread with the newest one only."""

    def clear(self) -> None:
        """A new run starts: forget what was drawn."""

    # Optional --------------------------------------------------------------------------------
    def export_target(self) -> Any:
        """The plot (a pyqtgraph PlotItem or a QWidget) that File > Export PNG saves."""
        for view in self.plot_widgets():
            if isinstance(view, pg.PlotWidget):
                return view.getPlotItem()
            if isinstance(view, pg.GraphicsLayoutWidget):
                return view.ci
        return self

    def plot_widgets(self) -> list[pg.GraphicsView]:
        """Every pyqtgraph view of the panel (PlotWidgets, GraphicsLayoutWidgets, ImageViews' views)."""
        return self.findChildren(pg.GraphicsView)
