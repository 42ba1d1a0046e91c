"""The optimizer panel: up to 8 optimizers race across a loss surface, their state drawn live.

Controls (left): the surface, the start point and gradient noise, the racers with their
hyperparameters, the view box, and display options. Views (right): the log-coloured surface with
paths, arrows (−∇f dashed, the last step solid) and minima; an optional 3-D view; loss, gradient
norm and internal-state curves; a results table; and a step slider that scrubs back through the run.

Everything drawn comes from the snapshot (``playground/optim/engine.py``); the panel only turns
controls into an ``OptimConfig`` and arrays into plot items.
"""

from __future__ import annotations

import time
from typing import Any

# The core (and so all of pydantic) loads before Qt: pydantic's lazy submodules, first imported
# after PySide6.QtWidgets, hit a circular import through shiboken's import hook.
from playground.optim import display, surfaces  # isort: skip
from playground.optim.config import OptimConfig, SurfaceConfig  # isort: skip
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QPushButton, QSlider, QSplitter, QVBoxLayout, QWidget,
)
from superqt import QCollapsible

from playground.snapshot import Snapshot
from widgets.optimizer_views import CurvesView, ResultsTable, StateView, Surface3DView, SurfaceView
from widgets.i18n import tr, tr_message
from widgets.panels.base import PanelBase
from widgets.panels.optimizer.editors import RacerList, ScientificForm

SURFACE_FIELDS = {"quadratic": ("condition", "rotation_deg"), "formula": ("formula",), "mlp": ("dataset", "hidden")}
RACE_FIELDS = ["start_x", "start_y", "noise_sigma", "tolerance"]
VIEW_FIELDS = ["x_min", "x_max", "y_min", "y_max", "grid"]
# The curves, the state plot and the table redraw at most this often while a run plays (the
# surface every frame): they are most of a frame's cost, and the worker shares the GIL with it.
SECONDARY_INTERVAL_S = 0.1
SECONDARY_PARTS = ("loss", "grad", "state", "table")  # the throttled views, drawn in this order
PART_GAP_MS = 4  # between two of them: time for their paint and for the person's input


class Panel(PanelBase):
    key = "optimizer"

    def __init__(self, config: OptimConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        self.snap: Snapshot | None = None
        self._surface_key: tuple | None = None
        self._scrub_step: int | None = None  # None: follow the newest step
        self._secondary_at = 0.0  # when the curves, state plot and table were last drawn
        self._secondary_timer = QTimer(self)
        self._secondary_timer.setSingleShot(True)
        self._secondary_timer.timeout.connect(self._on_secondary_timer)
        self._secondary_part = 0  # the next of SECONDARY_PARTS the timer draws
        self._build_controls()
        self._build_views()
        self.show_config(self.config())

    # Building ----------------------------------------------------------------------------------------------
    def _section(self, title: str, *widgets: QWidget, expanded: bool = True) -> QCollapsible:
        section = QCollapsible(title)
        for widget in widgets:
            section.addWidget(widget)
        section.expand(animate=False) if expanded else section.collapse(animate=False)
        self.controls_layout.addWidget(section)
        return section

    def _build_controls(self) -> None:
        self.surface_form = ScientificForm(SurfaceConfig)
        self.surface_form.changed.connect(self._on_surface_edited)
        self.surface_note = QLabel()
        self.surface_note.setWordWrap(True)
        self._section("Surface", self.surface_form, self.surface_note)
        self.race_form = ScientificForm(OptimConfig, fields=RACE_FIELDS)
        self.bind_form(self.race_form)
        hint = QLabel("Click the surface or drag the target to move the start.")
        hint.setWordWrap(True)
        self._section("Start and noise", self.race_form, hint)
        self.racers = RacerList()
        self.racers.changed.connect(self._on_racers_edited)
        self.racers.message.connect(self.message)
        self._section("Optimizers", self.racers)
        self.view_form = ScientificForm(OptimConfig, fields=VIEW_FIELDS)
        self.bind_form(self.view_form)
        fit = QPushButton("Fit the view to the surface")
        fit.setToolTip("Use this surface's usual view box and start point")
        fit.clicked.connect(lambda: self.edit_config(**self._surface_defaults(self.config().surface.kind)))
        self._section("View", self.view_form, fit, expanded=False)
        self.arrows_box = QCheckBox("Arrows at the optimizers")
        self.arrows_box.setToolTip("At each optimizer: −∇f, where steepest descent points (dashed), and the "
                                   "step it just took (solid). Lengths grow with the logarithm of the size.")
        self.arrows_box.setChecked(True)
        self.arrows_box.toggled.connect(self._on_arrows_toggled)
        self.view3d_box = QCheckBox("3-D view")
        self.view3d_box.setToolTip("Show the surface in 3-D (needs OpenGL)")
        self.view3d_box.toggled.connect(self._on_view3d_toggled)
        self._section("Display", self.arrows_box, self.view3d_box)

    def _build_views(self) -> None:
        """Surface (and 3-D) top left, loss and gradient curves top right; state and table below."""
        self.surface_view = SurfaceView()
        self.surface_view.start_moved.connect(self._on_start_moved)
        self.view3d: Surface3DView | None = None
        self.curves = CurvesView()
        self.state_view = StateView()
        self.state_view.choice.currentIndexChanged.connect(self._draw_secondary)
        self.table = ResultsTable()
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.addWidget(self.surface_view)
        self.top.addWidget(self.curves)
        self.top.setSizes([620, 480])
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.state_view)
        bottom.addWidget(self.table)
        bottom.setSizes([450, 650])
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(self.top)
        main.addWidget(bottom)
        main.setSizes([600, 300])
        self.view_layout.addWidget(main, 1)
        self.view_layout.addLayout(self._build_scrubber())

    def _build_scrubber(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip("Scrub back through the run (drag to the right end to follow it live)")
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.step_label = QLabel(tr("step {step}").format(step=0))
        self.step_label.setMinimumWidth(150)
        live = QPushButton("Live")
        live.setToolTip("Follow the newest step again")
        live.clicked.connect(self._follow_live)
        row.addWidget(QLabel("Step"))
        row.addWidget(self.slider, 1)
        row.addWidget(self.step_label)
        row.addWidget(live)
        return row

    # The config ----------------------------------------------------------------------------------------------
    def show_config(self, config: OptimConfig) -> None:
        super().show_config(config)  # the start and view forms
        self.surface_form.set_values(config.surface)
        if self.racers.entries() != list(config.optimizers):  # rebuilt only when they differ
            self.racers.set_entries(config.optimizers)
        self._show_surface_fields(config.surface.kind)
        self.surface_view.set_start(config.start_x, config.start_y)

    def _on_surface_edited(self) -> None:
        """A surface setting changed. Choosing another surface is one change of the surface, its
        usual view box and its start (one undo step), so the race starts where it means something."""
        values = self.surface_form.values()
        fields: dict[str, Any] = {"surface": {**self.config().surface.model_dump(), **values}}
        if values["kind"] != self.config().surface.kind:
            fields |= self._surface_defaults(values["kind"])
        self.edit_config(**fields)

    def _on_racers_edited(self) -> None:
        if not self.edit_config(optimizers=self.racers.entries()):
            self.racers.set_entries(self.config().optimizers)  # show the racers the state kept

    def _show_surface_fields(self, kind: str) -> None:
        self.surface_form.show_only(("kind",) + SURFACE_FIELDS.get(kind, ()))
        info = surfaces.CATALOG[kind]
        self.surface_note.setText(tr_message(f"f(x, y) = {info.formula}") if info.formula else
                                  tr("Type f(x, y) with + − * / ^, sin cos tan exp log sqrt abs tanh, pi and e."))

    @staticmethod
    def _surface_defaults(kind: str) -> dict[str, float]:
        """A surface's usual view box and start point, as config fields."""
        info = surfaces.CATALOG[kind]
        x_min, x_max, y_min, y_max = info.view
        return dict(x_min=x_min, x_max=x_max, y_min=y_min, y_max=y_max, start_x=info.start[0], start_y=info.start[1])

    def _on_start_moved(self, x: float, y: float) -> None:
        if self.edit_config(start_x=round(x, 4), start_y=round(y, 4)):
            self.message.emit(f"start point set to ({x:.3g}, {y:.3g})")

    # Drawing -------------------------------------------------------------------------------------------------
    draws = {"optimizer": "_draw_race"}

    def _draw_race(self, snap: Snapshot) -> None:
        arrays, tables = snap.arrays, snap.tables
        rows, surface = tables["optimizers"], tables["surface"]
        key = (snap.gen_id, surface["title"], tuple(surface["levels"]), tuple(arrays["grid_x"][[0, -1]]),
               tuple(arrays["grid_y"][[0, -1]]), tuple(arrays["start"]))
        if key != self._surface_key:
            self._surface_key = key
            self.surface_view.set_surface(arrays, surface)
            if self.view3d is not None:
                self.view3d.set_surface(arrays, surface)
            if surface["undefined_fraction"] > 0:
                self.message.emit(f"f is undefined on {surface['undefined_fraction']:.0%} of the view (left blank)")
        self.surface_view.set_racers(rows)
        self.curves.set_racers(rows, surface)
        self.state_view.set_racers(rows)
        if self.view3d is not None:
            self.view3d.set_racers(rows)
        self.snap = snap
        last = len(arrays["steps"]) - 1
        column = last if self._scrub_step is None else display.column_at(arrays["steps"], self._scrub_step)
        self.slider.blockSignals(True)
        self.slider.setRange(0, last)
        self.slider.setValue(column)
        self.slider.blockSignals(False)
        self._draw()

    def _draw(self) -> None:
        """The surface (and 3-D) view now; the curves, state plot and table soon (throttled)."""
        if self.snap is None:
            return
        arrays, surface = self.snap.arrays, self.snap.tables["surface"]
        column = self._column()
        self.surface_view.show_column(arrays, column, surface)
        if self.view3d is not None:
            self.view3d.show_column(arrays, column)
        step = int(arrays["steps"][column])
        live = "" if self._scrub_step is None else tr(" (scrubbing)")
        self.step_label.setText(tr("step {step} of {total}").format(step=f"{step:,}", total=f"{self.snap.step:,}") + live)
        if not self._secondary_at:
            self._draw_secondary()  # a run's first snapshot: everything at once
        elif not self._secondary_timer.isActive():
            wait = self._secondary_at + SECONDARY_INTERVAL_S - time.perf_counter()
            self._secondary_timer.start(max(1, int(wait * 1000) + 1))

    def _draw_secondary(self, parts: tuple[str, ...] = SECONDARY_PARTS) -> None:
        if self.snap is None:
            return
        arrays, tables = self.snap.arrays, self.snap.tables
        column = self._column()
        curves = tuple(part for part in parts if part in ("loss", "grad"))
        if curves:
            self.curves.show(arrays, column, tables["surface"], curves)
        if "state" in parts:
            self.state_view.show(arrays, column)
        if "table" in parts:
            self.table.set_rows(tables["optimizers"], tables["surface"]["bounded_below"])
        if parts[-1] == SECONDARY_PARTS[-1]:
            self._secondary_at = time.perf_counter()

    def _on_secondary_timer(self) -> None:
        """One throttled view per event-loop turn, each painted before the next is drawn.

        Together the loss, gradient and state plots and the table took 25-40 ms to redraw and
        paint: one block that long made every 10th frame late. Apart, each fits between frames.
        """
        if not self.staged:  # paused, or in a test: all at once, as draw_in_turns does
            self._secondary_part = 0
            self._draw_secondary()
            return
        part = SECONDARY_PARTS[self._secondary_part]
        self._secondary_part = (self._secondary_part + 1) % len(SECONDARY_PARTS)
        self._draw_secondary((part,))
        if self._secondary_part:
            self._secondary_timer.start(PART_GAP_MS)

    def _column(self) -> int:
        return min(self.slider.value(), len(self.snap.arrays["steps"]) - 1)

    def _on_slider_moved(self, column: int) -> None:
        if self.snap is None:
            return
        steps = self.snap.arrays["steps"]
        self._scrub_step = None if column >= len(steps) - 1 else int(steps[column])
        self._draw()

    def _follow_live(self) -> None:
        self._scrub_step = None
        if self.snap is not None:
            self.slider.setValue(self.slider.maximum())
            self._draw()

    def _on_arrows_toggled(self, on: bool) -> None:
        self.surface_view.show_arrows = on
        self._draw()

    def _on_view3d_toggled(self, on: bool) -> None:
        if on and self.view3d is None:
            self.view3d = Surface3DView()
            self.top.insertWidget(1, self.view3d)
            self.top.setSizes([520, 420, 420])
            if not self.view3d.available:
                self.message.emit("the 3-D view needs OpenGL, which is not available here")
            self._surface_key = None  # draw the surface into the new view with the next snapshot
            if self.snap is not None:
                self.show_snapshot(self.snap)
        if self.view3d is not None:
            self.view3d.setVisible(on)

    def clear(self) -> None:
        self._secondary_timer.stop()
        self._secondary_at = 0.0
        self._secondary_part = 0
        self.snap = None
        self._surface_key = None
        self._scrub_step = None
        self.surface_view.clear_racers()
        self.curves.clear()
        self.state_view.clear()
        self.step_label.setText("step 0")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.snap is not None:
            self._draw_secondary()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._secondary_timer.stop()  # nothing to catch up on while hidden; showEvent redraws
        self._secondary_part = 0
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._secondary_timer.stop()
        super().closeEvent(event)

    def export_target(self) -> Any:
        return self.surface_view.getPlotItem()


if __name__ == "__main__":  # preview: python -m widgets.panels.optimizer_panel [PRESET]
    from widgets.panels.preview import preview

    preview(Panel, steps_per_tick=4, interval_ms=30)
