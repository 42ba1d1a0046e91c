"""A modal panel whose pages are classes of their own, one per mode, each in its own view module.

The language and foundations panels are PagedPanels: the panel file names its config and one
``Page`` subclass per mode (``page_classes``); everything else (the sections per mode, the page on
show, which page draws which kind of snapshot) follows from the config's ``MODES``. A page class is
named "module:Class" and imported when the panel is built, for the modes the config declares. A page builds its
plots in ``self.graphics`` (a GraphicsLayoutWidget) and its texts and editors in ``self.below``
(a layout under the plots), draws a snapshot of its mode's kinds in ``draw(snap)``, forgets it in
``clear()``, and shows a config in ``show_config(config)`` (editors of its own: a prompt, points,
a distribution). It writes a change with ``self.panel.edit_config(field=value)``: the state is the
one copy of the settings, and a field the config lists in ``LIVE`` goes to the running engine
without a restart (playground/modes.py ``live_calls``).
"""

from __future__ import annotations

import importlib
from typing import ClassVar

import pyqtgraph as pg
from pydantic import BaseModel
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.panels.modal import ModalPanel


class Page(QWidget):
    """One mode's page of plots and texts."""

    def __init__(self, panel: "PagedPanel") -> None:
        super().__init__()
        self.panel = panel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.graphics = pg.GraphicsLayoutWidget()
        layout.addWidget(self.graphics, 1)
        self.below = QVBoxLayout()  # readouts and editors under the plots
        layout.addLayout(self.below)
        self.build()

    def build(self) -> None:
        """Make the plots (in ``self.graphics.ci``) and the texts (in ``self.below``)."""
        raise NotImplementedError

    def draw(self, snap) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        """A new run starts: forget what was drawn."""

    def show_config(self, config: BaseModel) -> None:
        """Show the config in this page's own editors (the forms are the panel's)."""


def page_class(ref: "str | type[Page]") -> type[Page]:
    """A page class, or the class a "module:Class" name refers to (imported now)."""
    if isinstance(ref, type):
        return ref
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


class PagedPanel(ModalPanel):
    page_classes: ClassVar[dict[str, str | type[Page]]] = {}  # mode name -> "module:Class" of its Page

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "config_class", None) is not None:
            cls.draws = {kind: "_draw_on_page" for mode in cls.config_class.MODES for kind in mode.snapshot_kinds}

    def __init__(self, config: BaseModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        self._build_controls()  # sections and rows per mode: config_class.MODES
        self.mode_names = [mode.name for mode in self.config_class.MODES]
        self.mode_pages: dict[str, Page] = {}
        self._page_of_kind: dict[str, Page] = {}
        for mode in self.config_class.MODES:
            page = page_class(self.page_classes[mode.name])(self)
            self.pages.addWidget(page)
            self.mode_pages[mode.name] = page
            self._page_of_kind.update({kind: page for kind in mode.snapshot_kinds})
        self.show_config(self.config())

    def _draw_on_page(self, snap) -> None:
        self._page_of_kind[snap.kind].draw(snap)

    def _show_mode(self, values: dict) -> None:
        super()._show_mode(values)
        if hasattr(self, "mode_names"):
            self.pages.setCurrentIndex(self.mode_names.index(values["mode"]))

    def show_config(self, config: BaseModel) -> None:
        super().show_config(config)
        for page in getattr(self, "mode_pages", {}).values():
            page.show_config(config)

    def clear(self) -> None:
        self.last_snapshot = None
        for page in self.mode_pages.values():
            page.clear()
