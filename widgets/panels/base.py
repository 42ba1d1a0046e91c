"""What every panel is: a QWidget bound to one evented preset (``self.state``) that draws Snapshots.

A panel never runs math and never touches the worker. Its settings live in one place, ``self.state``
(a ``playground.state.PanelState``: the preset's envelope and config). The controls write to it
(``edit_config(field=value)``) and are redrawn from it (``show_config``) whenever it changes, from
a control, a loaded file or an undo. The main window saves and runs ``state.preset``, calls
``show_snapshot(snap)`` from its ~30 Hz timer, and restarts the run when the state's config changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pyqtgraph as pg
from pydantic import BaseModel
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from playground import registry
from playground.presets import new_preset
from playground.state import PanelState, StateError
from playground.snapshot import Snapshot
from widgets import live_plot  # noqa: F401 - its cheap-repaint settings must precede any plot

TURN_GAP_MS = 2  # between two parts drawn in turns: their paint, a timer, a key press fit in
CONTROLS_MIN_WIDTH = 280  # the control column is never narrower, and wider only as its rows need


class PanelBase(QWidget):
    """Subclass per panel. Set ``key`` to the registry key and implement the four methods."""

    key: ClassVar[str] = ""
    # The kinds of Snapshot the panel draws (each a SnapshotType in its package's snapshots.py),
    # with the name of the method that draws one. ``show_snapshot`` picks it by ``snap.kind``.
    draws: ClassVar[dict[str, str]] = {}
    # The user changed a setting: the window resets the run with ``config()``.
    config_changed = Signal()
    # A one-line message for the status bar (e.g. "start point set to (1.0, -0.5)").
    message = Signal(str)

    def __init__(self, config: BaseModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = registry.panel(self.key)
        config = config if config is not None else self.spec.config_class()()
        self.state = PanelState(new_preset(self.key, config=config))  # the one copy of the settings
        self.state.subscribe(self._on_state_changed)
        self._bound_forms: list = []  # (ConfigForm, section or None), see bind_form
        # Default layout: a scrolling control column on the left, the plots on the right.
        self.controls = QWidget()
        self.controls_layout = QVBoxLayout(self.controls)
        self.controls_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = self.controls_scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        # No sideways scrolling: the column is as wide as its widest row needs (the view shrinks).
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(CONTROLS_MIN_WIDTH)
        self.controls.installEventFilter(self)
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
        # Drawing in turns (see draw_in_turns); the window sets ``staged`` while a run plays.
        self.staged = False
        self._turn_parts: list[Callable[[], None]] = []
        self._turn_next = 0  # the part the next turn draws
        self._turns_left = 0  # parts of the newest snapshot not drawn yet
        self._turn_timer = QTimer(self)
        self._turn_timer.setSingleShot(True)
        self._turn_timer.timeout.connect(self._draw_next_turn)
        # The preset (envelope: seed, device; and config) of the run the window last started; None
        # before the first. What a panel exports describes this run, not a default one.
        self.run_preset = None

    # Fitting a narrow window ------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.controls and event.type() == QEvent.Type.LayoutRequest:
            self._fit_control_column()
        return super().eventFilter(watched, event)

    def _fit_control_column(self) -> None:
        """Widen the control column to its rows' minimum (plus the vertical scroll bar), so that a
        row of a mode or a language with longer words never needs a horizontal scroll bar."""
        scroll = self.controls_scroll
        needed = (self.controls.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
                  + 2 * scroll.frameWidth())
        scroll.setMinimumWidth(max(CONTROLS_MIN_WIDTH, needed))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.wrap_view_labels()
        super().showEvent(event)

    def wrap_view_labels(self) -> None:
        """Let the view's labels wrap. A one-line QLabel is as wide as its text at least, so a long
        run status ("DP sweeps 15, V(start) = ... | Q-learning: episode ...") widened the whole
        window past the screen; wrapped, it takes a second line instead."""
        for label in self.view.findChildren(QLabel):
            if not label.wordWrap():
                label.setWordWrap(True)

    # The state: one copy of the settings ---------------------------------------------------------
    def config(self) -> BaseModel:
        """The config of ``self.state`` (validated; what the controls show)."""
        return self.state.config

    def set_config(self, config: BaseModel) -> None:
        """Put ``config`` in the state (the controls follow; ``config_changed`` if it differs)."""
        self.state.set_config(config)

    def bind_form(self, form, section: str | None = None) -> None:
        """Bind a ``ConfigForm`` both ways: an edit writes its fields to the state (of the config,
        or of its nested model ``section``: ``config.tabular``), and ``show_config`` shows them."""
        self._bound_forms.append((form, section))
        form.changed.connect(lambda: self._on_bound_form_changed(form, section))

    def _on_bound_form_changed(self, form, section: str | None) -> None:
        values = form.values()
        if section is not None:
            values = {section: {**getattr(self.config(), section).model_dump(), **values}}
        self.edit_config(**values)

    def edit_config(self, **fields: Any) -> bool:
        """A control changed: write its field(s) to the state. An invalid value changes nothing,
        says why in the status bar, and the control keeps what the person typed (so a change
        that needs two fields can be made one at a time)."""
        try:
            self.state.update_config(**fields)
        except StateError as error:
            self.message.emit(f"not applied -- {error}")
            return False
        return True

    def _on_state_changed(self, changed: set[str]) -> None:
        if any(name.startswith("config") for name in changed):
            self.show_config(self.state.config)
            self.config_changed.emit()

    # What a panel implements ---------------------------------------------------------------
    def show_config(self, config: BaseModel) -> None:
        """Show ``config`` in the controls, with their signals blocked (it is already the state's).
        A panel extends it for controls of its own; this shows the forms of ``bind_form``."""
        for form, section in self._bound_forms:
            form.set_values(getattr(config, section) if section is not None else config)

    def show_snapshot(self, snap: Snapshot) -> None:
        """Draw the snapshot. Called on the GUI thread with the newest one only.

        The drawer is the one ``draws`` names for ``snap.kind``; a kind it does not draw is ignored."""
        draw = self.drawer(snap.kind)
        if draw is not None:
            draw(snap)

    def drawer(self, kind: str) -> Callable[[Snapshot], None] | None:
        """The method that draws a snapshot of ``kind``, or None."""
        name = self.draws.get(kind)
        return getattr(self, name) if name else None

    def run_started(self, preset) -> None:
        """The window started a run of ``preset``: remember it (exports reproduce that run)."""
        self.run_preset = preset

    def clear(self) -> None:
        """A new run starts: forget what was drawn."""

    # Drawing in turns ----------------------------------------------------------------------------
    def draw_in_turns(self, parts: list[Callable[[], None]]) -> None:
        """Draw a snapshot as ``parts`` (each updating a few views), one per event-loop turn.

        Qt paints every view changed in a turn in one uninterrupted pass; a panel of many plots
        took 20-30 ms that way, and for that long no timer fired and no key was read. Drawn in
        turns, each part is painted before the next is drawn, so the longest pause is one part's.
        The parts rotate: a snapshot that arrives before the last one is done starts where that
        one stopped, so no view waits for more than one round. Unless the window set
        ``staged`` (a run is playing), everything is drawn at once, as tests and a paused
        display expect.
        """
        self._turn_parts = list(parts)
        if not self._turn_parts:
            return
        if not self.staged:
            self.cancel_turns()
            for part in self._turn_parts:
                part()
            return
        if not self._turns_left:
            self._turn_next = 0
        self._turns_left = len(self._turn_parts)
        self._draw_next_turn()

    def _draw_next_turn(self) -> None:
        if not self._turns_left:
            return
        index = self._turn_next % len(self._turn_parts)
        self._turn_next = index + 1
        self._turns_left -= 1
        self._turn_parts[index]()
        if self._turns_left:
            self._turn_timer.start(TURN_GAP_MS)

    def cancel_turns(self) -> None:
        """Forget parts not drawn yet (a new run starts, or everything is drawn at once)."""
        self._turn_timer.stop()
        self._turns_left = 0
        self._turn_next = 0

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
