"""The optimizer panel's plots: the surface with the racers, the 3-D view, curves, the table.

Every view draws arrays from a Snapshot as they are; arrow geometry comes from
``playground.optim.display``. Views are told which recorded column (step) to show, so the
panel's step slider can scrub back through a run.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from playground.optim import display
from widgets import theme
from widgets.i18n import show_text
from widgets.live_plot import (
    AppColorBarItem, AppPlotDataItem, AppPlotWidget, AppScatterPlotItem, colour, finite_for_log,
    make_plot, set_narrow_title,
)

COLOUR_MAP = "viridis"
NO_ARROW = np.zeros((0, 2))


def swatch(index: int, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour(index)))
    return QIcon(pixmap)


def _racers_key(rows: list[Mapping[str, Any]]) -> list[tuple[str, int]]:
    return [(row["name"], row["colour"]) for row in rows]


class Racer:
    """One optimizer on the surface: its path, a dot per step, and two arrows at its marker:
    −∇f dashed (where steepest descent points) and the last step solid (where it really went).

    Dots mark single steps, so they are drawn only over the leading columns recorded one by one
    (later columns are thinned); that also keeps them out of the per-frame cost of long runs."""

    def __init__(self, plot: pg.PlotItem, colour_index: int) -> None:
        tint = colour(colour_index)
        self.colour = tint
        self.path = AppPlotDataItem([], [], pen=pg.mkPen(tint, width=2.5))
        self.dots = AppScatterPlotItem(size=5, pen=None, brush=tint)
        self.downhill = AppPlotDataItem([], [], pen=pg.mkPen(tint, width=2.5, style=Qt.PenStyle.DashLine))
        self.step = AppPlotDataItem([], [], pen=pg.mkPen(tint, width=4))
        self.items = (self.path, self.dots, self.downhill, self.step)
        for item, z in zip(self.items, (10, 10, 25, 25)):
            item.setZValue(z)
            plot.addItem(item)
        self._dots_shown = -1

    def set_path(self, path: np.ndarray, column: int, exact: int) -> None:
        """Draw ``path`` (n, 2) up to ``column``, with dots on the first ``exact`` columns."""
        self.path.setData(path[: column + 1, 0], path[: column + 1, 1])
        dots = min(column + 1, exact)
        if dots != self._dots_shown:
            self.dots.setData(pos=path[:dots])
            self._dots_shown = dots

    def set_arrows(self, downhill: np.ndarray, step: np.ndarray) -> None:
        self.downhill.setData(downhill[:, 0], downhill[:, 1], connect="pairs")
        self.step.setData(step[:, 0], step[:, 1], connect="pairs")

    def remove(self, plot: pg.PlotItem) -> None:
        for item in self.items:
            plot.removeItem(item)

    def clear(self) -> None:
        for item in (self.path, self.downhill, self.step):
            item.setData([], [])
        self.dots.setData(pos=NO_ARROW)
        self._dots_shown = 0


class SurfaceView(AppPlotWidget):
    """The log-coloured image of f with the racers; a click or a drag of the target moves the start."""

    start_moved = Signal(float, float)

    def __init__(self) -> None:
        super().__init__()
        set_narrow_title(self.getPlotItem(), "Loss surface")
        plot = self.getPlotItem()
        plot.setLabel("bottom", "x")
        plot.setLabel("left", "y")
        plot.setAspectLocked(True)
        self.image = pg.ImageItem()
        plot.addItem(self.image)
        self.colour_bar = AppColorBarItem(colorMap=COLOUR_MAP, interactive=True, width=16)
        self.colour_bar.setImageItem(self.image, insert_in=plot)
        self.minima = AppScatterPlotItem(symbol="star", size=22, brush="#ffffff", pen=pg.mkPen("#000000", width=1.5))
        self.saddles = AppScatterPlotItem(symbol="x", size=18, brush="#ffffff", pen=pg.mkPen("#000000", width=1))
        self.markers = AppScatterPlotItem(size=13, pen=pg.mkPen("#000000", width=1.5))
        for item in (self.minima, self.saddles, self.markers):
            item.setZValue(26)  # above the arrows, which start at the markers
            plot.addItem(item)
        # Dark outlines under every racer's arrows, so an arrow stands out from its own path.
        self.outlines = (AppPlotDataItem([], [], pen=pg.mkPen("#000000", width=5)),
                         AppPlotDataItem([], [], pen=pg.mkPen("#000000", width=7)))
        for item in self.outlines:
            item.setZValue(24)
            plot.addItem(item)
        # Legend samples for the two arrows (not drawn in the plot themselves).
        self._arrow_keys = (AppPlotDataItem(pen=pg.mkPen("#555555", width=2.5, style=Qt.PenStyle.DashLine)),
                            AppPlotDataItem(pen=pg.mkPen("#555555", width=4)))
        self.start = pg.TargetItem(movable=True, size=16, pen=pg.mkPen("#ffffff", width=2), label="start",
                                   labelOpts={"color": "#ffffff", "fill": pg.mkBrush(0, 0, 0, 150), "offset": (10, 4)})
        self.start.setZValue(30)
        show_text(self.start.label(), "start")
        plot.addItem(self.start)
        self.start.sigPositionChangeFinished.connect(self._on_start_dragged)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        # Bottom right: lessons start their racers in the other corners.
        self.legend = plot.addLegend(offset=(-10, -10), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 190),
                                     labelTextColor="#000000")
        self.racers: list[Racer] = []
        self._key: list[tuple[str, int]] = []
        self.show_arrows = True

    def set_racers(self, rows: list[Mapping[str, Any]]) -> None:
        """One Racer per optimizer row of the snapshot (rebuilt only when names or colours change)."""
        key = _racers_key(rows)
        if key == self._key:
            return
        plot = self.getPlotItem()
        for racer in self.racers:
            racer.remove(plot)
        self.legend.clear()
        self.racers = [Racer(plot, index) for _, index in key]
        for racer, (name, _) in zip(self.racers, key):
            self.legend.addItem(racer.path, name)
        self.legend.addItem(self.minima, "minimum")
        self.legend.addItem(self._arrow_keys[0], "−∇f (downhill)")
        self.legend.addItem(self._arrow_keys[1], "last step")
        self._key = key

    def set_surface(self, arrays: Mapping[str, np.ndarray], table: Mapping[str, Any]) -> None:
        xs, ys = arrays["grid_x"], arrays["grid_y"]
        self.image.setImage(arrays["surface"].astype(np.float32), autoLevels=False)
        self.image.setRect(QRectF(float(xs[0]), float(ys[0]), float(xs[-1] - xs[0]), float(ys[-1] - ys[0])))
        self.colour_bar.setLevels(tuple(table["levels"]))
        self.colour_bar.getAxis("left").setLabel(table["colour_label"])
        set_narrow_title(self.getPlotItem(), table["title"])  # a long formula must not widen the view
        self.minima.setData(pos=arrays["minima"])
        self.saddles.setData(pos=arrays["saddles"])
        self.set_start(*arrays["start"])
        self.getPlotItem().setRange(xRange=(float(xs[0]), float(xs[-1])), yRange=(float(ys[0]), float(ys[-1])),
                                    padding=0)

    def set_start(self, x: float, y: float) -> None:
        self.start.blockSignals(True)
        self.start.setPos(float(x), float(y))
        self.start.blockSignals(False)

    def show_column(self, arrays: Mapping[str, np.ndarray], column: int, table: Mapping[str, Any]) -> None:
        path = arrays["path"]
        span = float(max(arrays["grid_x"][-1] - arrays["grid_x"][0], arrays["grid_y"][-1] - arrays["grid_y"][0]))
        all_downhill, all_steps = [NO_ARROW], [NO_ARROW]
        for i, racer in enumerate(self.racers):
            racer.set_path(path[i], column, table["exact_columns"])
            downhill = step = NO_ARROW
            if self.show_arrows:
                downhill = display.arrow_segments(path[i, column], -arrays["grad"][i, column],
                                                  table["grad_reference"], span)
                step = display.arrow_segments(path[i, column], arrays["update"][i, column],
                                              table["step_reference"], span)
            racer.set_arrows(downhill, step)
            all_downhill.append(downhill)
            all_steps.append(step)
        for outline, segments in zip(self.outlines, (np.concatenate(all_downhill), np.concatenate(all_steps))):
            outline.setData(segments[:, 0], segments[:, 1], connect="pairs")
        self.markers.setData(pos=path[:, column], brush=[racer.colour for racer in self.racers])

    def clear_racers(self) -> None:
        for racer in self.racers:
            racer.clear()
        for outline in self.outlines:
            outline.setData([], [])
        self.markers.setData(pos=NO_ARROW)

    def _on_start_dragged(self) -> None:
        point = self.start.pos()
        self.start_moved.emit(float(point.x()), float(point.y()))

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double() or event.isAccepted():
            return
        view = self.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view.mapSceneToView(event.scenePos())
        self.set_start(point.x(), point.y())
        self.start_moved.emit(float(point.x()), float(point.y()))


class Surface3DView(QWidget):
    """The surface as a 3-D mesh with the paths on it, or a message when OpenGL is not available."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = None
        self.surface = None
        self.lines: list[Any] = []
        self._key: list[tuple[str, int]] = []
        self.z_scale = 1.0
        try:
            import pyqtgraph.opengl as gl

            self.gl = gl
            self.view = gl.GLViewWidget()
            self.view.setBackgroundColor("#202020")
            layout.addWidget(self.view)
        except Exception as error:  # no OpenGL (a remote desktop, a headless box): say so, carry on
            self.message = QLabel(f"The 3-D view needs OpenGL, which is not available here:\n{error}")
            self.message.setWordWrap(True)
            self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(self.message)

    @property
    def available(self) -> bool:
        return self.view is not None

    def set_surface(self, arrays: Mapping[str, np.ndarray], table: Mapping[str, Any]) -> None:
        if self.view is None:
            return
        if self.surface is not None:
            self.view.removeItem(self.surface)
        xs, ys = arrays["grid_x"], arrays["grid_y"]
        low, high = table["levels"]
        heights = np.nan_to_num(arrays["surface"].astype(np.float32).T, nan=low)
        tints = pg.colormap.get(COLOUR_MAP).mapToFloat(np.clip((heights - low) / max(high - low, 1e-12), 0, 1))
        # MeshData wants one colour per vertex, flattened (not the (x, y, 4) the docstring says).
        self.surface = self.gl.GLSurfacePlotItem(x=xs, y=ys, z=heights, colors=tints.reshape(-1, 4),
                                                 shader="shaded", smooth=False)
        self.view.addItem(self.surface)
        self.z_scale = table["z_scale"]
        for item in (self.surface, *self.lines):
            self._scale(item)
        centre = pg.Vector((xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2, low * self.z_scale)
        self.view.setCameraPosition(pos=centre, distance=1.5 * float(max(xs[-1] - xs[0], ys[-1] - ys[0])),
                                    elevation=30, azimuth=-60)

    def _scale(self, item) -> None:
        """Heights are on the colour scale; stretch them to about half the view's width."""
        item.resetTransform()
        item.scale(1, 1, self.z_scale)

    def set_racers(self, rows: list[Mapping[str, Any]]) -> None:
        key = _racers_key(rows)
        if self.view is None or key == self._key:
            return
        for line in self.lines:
            self.view.removeItem(line)
        self.lines = []
        for _, index in key:
            line = self.gl.GLLinePlotItem(color=QColor(colour(index)).getRgbF(), width=3, antialias=True)
            self._scale(line)
            self.view.addItem(line)
            self.lines.append(line)
        self._key = key

    def show_column(self, arrays: Mapping[str, np.ndarray], column: int) -> None:
        if self.view is None:
            return
        path, height = arrays["path"], arrays["height"]
        for i, line in enumerate(self.lines):
            line.setData(pos=np.column_stack([path[i, : column + 1], height[i, : column + 1]]))


def curve_plot(title: str, y: str, log_y: bool, legend: bool = False) -> pg.PlotWidget:
    """A step-axis plot that stays cheap to repaint with 8 racers' curves in it.

    Grid lines are off: with them a repaint cost ~10x more (measured offscreen, 2 cores), and
    these plots repaint every frame. Tick labels are plain numbers, not SI-rescaled
    ('η_eff (x0.001)' reads worse than 1e-3 ticks).
    """
    plot = make_plot(title, "step", y, log_y=log_y, legend=legend)
    item = plot.getPlotItem()
    item.showGrid(x=False, y=False)
    for name in ("left", "bottom"):
        item.getAxis(name).enableAutoSIPrefix(False)
    return plot


def add_racer_curve(plot: pg.PlotWidget, colour_index: int, name: str | None = None, dashed: bool = False):
    """A racer's curve, 1 px wide: the raster engine draws wider lines 8x (antialiased 60x) slower,
    and 32 of these curves repaint every frame."""
    style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
    return plot.plot([], [], pen=pg.mkPen(colour(colour_index), width=1, style=style), name=name)


class CurvesView(QWidget):
    """Loss and gradient norm against step (log y), with a cursor at the step being shown."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.loss = curve_plot("Loss vs step", "f − f*", log_y=True, legend=True)
        self.grad = curve_plot("Gradient norm vs step", "‖∇f‖", log_y=True)
        # The first steps of adaptive methods spike; fit the y range to 99% of the points.
        self.grad.getPlotItem().getViewBox().enableAutoRange(y=0.99)
        self.plots = (self.loss, self.grad)
        self.cursors = []
        for plot in self.plots:
            cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888888", width=1, style=Qt.PenStyle.DotLine))
            plot.addItem(cursor)
            self.cursors.append(cursor)
            layout.addWidget(plot)
        self.curves: dict[str, list[pg.PlotDataItem]] = {"loss": [], "grad": []}
        self._key: list[tuple[str, int]] = []

    def set_racers(self, rows: list[Mapping[str, Any]], table: Mapping[str, Any]) -> None:
        self.loss.getPlotItem().setLabel("left", table["loss_label"])
        self.loss.getPlotItem().setLogMode(y=table["loss_log"])
        key = _racers_key(rows)
        if key == self._key:
            return
        for name, plot in (("loss", self.loss), ("grad", self.grad)):
            for curve in self.curves[name]:
                plot.removeItem(curve)
            self.curves[name] = [add_racer_curve(plot, index, title) for title, index in key]
        self._key = key

    def show(self, arrays: Mapping[str, np.ndarray], column: int, table: Mapping[str, Any],
             which: tuple[str, ...] = ("loss", "grad")) -> None:
        """Redraw the loss plot, the gradient plot or both (the panel draws them in separate turns)."""
        steps = arrays["steps"]
        values = {}
        if "loss" in which:
            values["loss"] = finite_for_log(arrays["loss_curve"]) if table["loss_log"] else arrays["loss_curve"]
        if "grad" in which:
            values["grad"] = finite_for_log(arrays["grad_norm"])
        for name, data in values.items():
            for i, curve in enumerate(self.curves[name]):
                curve.setData(steps, data[i])
        for name, cursor in zip(("loss", "grad"), self.cursors):
            if name in which:
                cursor.setValue(float(steps[column]))

    def clear(self) -> None:
        for curves in self.curves.values():
            for curve in curves:
                curve.setData([], [])


STATE_QUANTITIES = {
    # key in the snapshot: (menu text, axis label, log y)
    "step_size": ("Effective step size", "η_eff", True),
    "second": ("Second moment G / s / v", "G, s or v", True),
    "first": ("First moment m / velocity", "m", False),
}


class StateView(QWidget):
    """An optimizer's internal state per coordinate against step: x solid, y dashed."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choice = QComboBox()
        for key, (text, _, _) in STATE_QUANTITIES.items():
            self.choice.addItem(text, key)
        self.choice.setToolTip("Which internal state to plot: the per-coordinate step size the optimizer "
                               "applies, its running mean of squared gradients, or its running mean of gradients.")
        self.plot = curve_plot("Internal state (x solid, y dashed)", STATE_QUANTITIES["step_size"][1], log_y=True)
        self.plot.getPlotItem().getViewBox().enableAutoRange(y=0.99)  # η/ε spikes at the first step
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888888", width=1, style=Qt.PenStyle.DotLine))
        self.plot.addItem(self.cursor)
        layout.addWidget(self.choice)
        layout.addWidget(self.plot)
        self.curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self._key: list[tuple[str, int]] = []
        self.choice.currentIndexChanged.connect(self._on_choice_changed)

    @property
    def quantity(self) -> str:
        return self.choice.currentData()

    def _on_choice_changed(self) -> None:
        _, label, log_y = STATE_QUANTITIES[self.quantity]
        self.plot.getPlotItem().setLabel("left", label)
        self.plot.getPlotItem().setLogMode(y=log_y)

    def set_racers(self, rows: list[Mapping[str, Any]]) -> None:
        key = _racers_key(rows)
        if key == self._key:
            return
        for pair in self.curves:
            for curve in pair:
                self.plot.removeItem(curve)
        self.curves = [(add_racer_curve(self.plot, index), add_racer_curve(self.plot, index, dashed=True))
                       for _, index in key]
        self._key = key

    def show(self, arrays: Mapping[str, np.ndarray], column: int) -> None:
        steps = arrays["steps"]
        values = arrays[self.quantity]
        if STATE_QUANTITIES[self.quantity][2]:
            values = display.for_log_axis(values)
        for i, (x_curve, y_curve) in enumerate(self.curves):
            x_curve.setData(steps, values[i, :, 0], connect="finite")
            y_curve.setData(steps, values[i, :, 1], connect="finite")
        self.cursor.setValue(float(steps[column]))

    def clear(self) -> None:
        for pair in self.curves:
            for curve in pair:
                curve.setData([], [])


class ResultsTable(QTableWidget):
    """One row per optimizer: learning rate, steps to reach the tolerance, f, ‖∇f‖ and status."""

    HEADERS = ("optimizer", "lr now", "steps to tolerance", "f", "‖∇f‖", "status")

    def __init__(self) -> None:
        super().__init__(0, len(self.HEADERS))
        self.setHorizontalHeaderLabels(self.HEADERS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setToolTip("Steps to tolerance: the first step with f − f* ≤ the tolerance. "
                        "A diverged optimizer is frozen where it last was finite.")

    def set_rows(self, rows: list[Mapping[str, Any]], bounded: bool) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            arrived = row["steps_to_tolerance"]
            cells = (row["name"], f"{row['lr']:.3g}",
                     "n/a (no minimum)" if not bounded else "—" if arrived is None else f"{arrived:,}",
                     f"{row['loss']:.6g}", f"{row['grad_norm']:.3g}", row["status"])
            for c, text in enumerate(cells):
                item = self.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(r, c, item)
                item.setText(text)
            first = self.item(r, 0)
            if first.data(Qt.ItemDataRole.UserRole) != row["colour"]:
                first.setIcon(swatch(row["colour"]))
                first.setData(Qt.ItemDataRole.UserRole, row["colour"])
            self.item(r, 5).setForeground(QColor(theme.current().error_text) if row["diverged"] else self.palette().text().color())
