"""Plot pieces of the convolution panel: numbered grids, image mosaics, curves (no math here).

Every view is a pyqtgraph PlotItem placed in a GraphicsLayoutWidget page, so a whole page repaints
as one QGraphicsView.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsRectItem

from widgets import theme
from widgets.live_plot import AppPlotCurveItem, AppScatterPlotItem, add_plot, colour, set_narrow_title

# Light colours so black numbers stay readable on every cell (projector-friendly).
DIVERGING = pg.ColorMap([0.0, 0.5, 1.0], [(60, 120, 235), (250, 250, 250), (235, 90, 60)])
SEQUENTIAL = pg.ColorMap([0.0, 1.0], [(250, 250, 250), (70, 130, 230)])
GREYS = pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])
HEAT = pg.ColorMap([0.0, 0.3, 1.0], [(255, 200, 0, 0), (255, 140, 0, 60), (255, 40, 0, 140)])
HIGHLIGHT = "#E69F00"
TITLE_SIZE = "11pt"


def set_title(plot: pg.PlotItem, title: str) -> None:
    """A title that does not widen its column: the page's stretch factors decide the widths."""
    set_narrow_title(plot, title, size=TITLE_SIZE)


def equal_columns(layout: pg.GraphicsLayout, stretches: list[int]) -> None:
    """Column widths in proportion to ``stretches``, whatever the plots' contents."""
    for col, stretch in enumerate(stretches):
        layout.layout.setColumnStretchFactor(col, stretch)
        layout.layout.setColumnPreferredWidth(col, 10 * stretch)


def _format(value: float, integers: bool) -> str:
    if not np.isfinite(value):
        return ""
    value = float(value) + 0.0  # no "-0"
    if integers:
        return f"{value:.0f}"
    if value == 0:
        return "0"
    if abs(value) < 0.005:
        return f"{value:.0e}".replace("e-0", "e-")
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _image_plot(layout: pg.GraphicsLayout, row: int, col: int, title: str, rowspan: int = 1,
                colspan: int = 1, x_label: str = "column", y_label: str = "row") -> pg.PlotItem:
    plot = add_plot(layout, row=row, col=col, rowspan=rowspan, colspan=colspan)
    set_title(plot, title)
    plot.invertY(True)
    plot.setAspectLocked(True)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    for name in ("left", "bottom"):
        plot.getAxis(name).setTicks([])
    plot.setLabel("left", y_label)
    plot.setLabel("bottom", x_label)
    return plot


class GridView:
    """A small 2-D array drawn as coloured cells with their numbers, shaded cells and highlighted cells."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str, signed: bool = True,
                 numbers: bool = True, max_numbers: int = 15, rowspan: int = 1, colspan: int = 1,
                 x_label: str = "column", y_label: str = "row", ticks: int = 0) -> None:
        self.plot = _image_plot(layout, row, col, title, rowspan, colspan, x_label, y_label)
        if ticks:  # label every cell with its index (the confusion matrix's digits)
            labels = [[(i, str(i)) for i in range(ticks)]]
            self.plot.getAxis("left").setTicks(labels)
            self.plot.getAxis("bottom").setTicks(labels)
        self.signed = signed
        self.numbers = numbers
        self.max_numbers = max_numbers
        self.image = pg.ImageItem()
        self.image.setLookupTable((DIVERGING if signed else SEQUENTIAL).getLookupTable(nPts=256))
        self.plot.addItem(self.image)
        self.shade = AppScatterPlotItem(symbol="s", size=1.0, pxMode=False, pen=None,
                                        brush=pg.mkBrush(90, 90, 90, 170))
        self.shade.setZValue(5)
        self.plot.addItem(self.shade)
        self.marks = AppScatterPlotItem(symbol="s", size=0.92, pxMode=False, brush=None,
                                        pen=pg.mkPen(HIGHLIGHT, width=4))
        self.marks.setZValue(10)
        self.plot.addItem(self.marks)
        # cell borders, so empty (not yet computed) cells still show where they are
        self.lines = AppPlotCurveItem(pen=pg.mkPen((150, 150, 150), width=1), connect="pairs")
        self.lines.setZValue(3)
        self.plot.addItem(self.lines)
        self.texts: list[pg.TextItem] = []
        self.shape: tuple[int, int] | None = None
        self.font_px = 0
        self.max_chars = 1
        self.plot.vb.sigResized.connect(self._fit_text)

    def set_title(self, title: str) -> None:
        set_title(self.plot, title)

    def set_grid(self, values: np.ndarray, shade: np.ndarray | None = None, marks: np.ndarray | None = None,
                 levels: tuple[float, float] | None = None) -> None:
        values = np.asarray(values, dtype=float)
        finite = values[np.isfinite(values)]
        peak = float(np.abs(finite).max()) if finite.size else 1.0
        peak = peak or 1.0
        if self.signed:
            self.image.setImage(values, levels=levels or (-peak, peak), autoLevels=False)
        else:
            self.image.setImage(values, levels=levels or (min(0.0, float(finite.min()) if finite.size else 0.0), peak),
                                autoLevels=False)
        rows, cols = values.shape
        self.image.setRect(QRectF(-0.5, -0.5, cols, rows))
        reshaped = self.shape != (rows, cols)
        if reshaped:
            self.shape = (rows, cols)
            self.font_px = 0
            self.plot.setRange(xRange=(-0.5, cols - 0.5), yRange=(-0.5, rows - 0.5), padding=0.02)
            xs = [[c - 0.5, c - 0.5] for c in range(cols + 1)] + [[-0.5, cols - 0.5]] * (rows + 1)
            ys = [[-0.5, rows - 0.5]] * (cols + 1) + [[r - 0.5, r - 0.5] for r in range(rows + 1)]
            self.lines.setData(np.ravel(xs), np.ravel(ys))
        if shade is not None and np.any(shade):
            r, c = np.nonzero(shade)
            self.shade.setData(x=c, y=r)
        else:
            self.shade.setData(x=[], y=[])
        if marks is not None and len(marks):
            marks = np.asarray(marks)
            self.marks.setData(x=marks[:, 1], y=marks[:, 0])
        else:
            self.marks.setData(x=[], y=[])
        self._set_numbers(values, reshaped)

    def _set_numbers(self, values: np.ndarray, reshaped: bool) -> None:
        rows, cols = values.shape
        show = self.numbers and max(rows, cols) <= self.max_numbers
        needed = rows * cols if show else 0
        while len(self.texts) < needed:
            text = pg.TextItem("", color=theme.current().heatmap_text, anchor=(0.5, 0.5))
            text.text_role = "heatmap_text"  # on a cell's colour
            text.setZValue(20)
            self.plot.addItem(text)
            self.texts.append(text)
        finite = values[np.isfinite(values)]
        integers = bool(finite.size) and bool(np.all(finite == np.round(finite)))
        labels = [_format(v, integers) for v in values.ravel()[:needed]]
        chars = max((len(label) for label in labels), default=1)
        if chars != self.max_chars:  # wider numbers need a smaller font to stay inside their cells
            self.max_chars, self.font_px = chars, 0
        for index, text in enumerate(self.texts):
            if index >= needed:
                if text.isVisible():
                    text.setVisible(False)
                continue
            r, c = divmod(index, cols)
            label = labels[index]
            if text.toPlainText() != label:
                text.setText(label, color=theme.current().heatmap_text)
            if reshaped:
                text.setPos(c, r)
            if self.font_px > 0 and not text.isVisible():
                text.setVisible(True)
        self._fit_text()

    def _fit_text(self, *_args) -> None:
        if not self.shape:
            return
        cell_px = min(self.plot.vb.width() / max(self.shape[1], 1), self.plot.vb.height() / max(self.shape[0], 1))
        fits = min(cell_px * 0.42, cell_px * 0.9 / (0.62 * max(self.max_chars, 1)))
        visible = cell_px >= 15 and fits >= 7
        size = int(min(17, fits)) if visible else -1
        if size == self.font_px:
            return
        self.font_px = size
        font = QFont()
        font.setPixelSize(max(size, 7))
        rows, cols = self.shape
        shown = self.numbers and max(rows, cols) <= self.max_numbers
        for index, text in enumerate(self.texts):
            text.setFont(font)
            text.setVisible(visible and shown and index < rows * cols)

    def clear(self) -> None:
        self.image.clear()
        self.shade.setData(x=[], y=[])
        self.marks.setData(x=[], y=[])
        self.lines.setData([], [])
        self.shape = None
        for text in self.texts:
            text.setVisible(False)


class ImageView:
    """An image (a feature map, a mosaic of maps, a digit) with an optional heat overlay and a box."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str, cmap: pg.ColorMap = DIVERGING,
                 rowspan: int = 1, colspan: int = 1) -> None:
        self.plot = _image_plot(layout, row, col, title, rowspan, colspan)
        self.image = pg.ImageItem()
        self.image.setLookupTable(cmap.getLookupTable(nPts=256))
        self.plot.addItem(self.image)
        self.overlay = pg.ImageItem()
        self.overlay.setLookupTable(HEAT.getLookupTable(nPts=256, alpha=True))
        self.overlay.setZValue(5)
        self.plot.addItem(self.overlay)
        self.box = QGraphicsRectItem()
        self.box.setPen(pg.mkPen(HIGHLIGHT, width=3, style=Qt.PenStyle.DashLine))
        self.box.setZValue(10)
        self.box.setVisible(False)
        self.plot.addItem(self.box)
        self.shape: tuple[int, int] | None = None

    def set_title(self, title: str) -> None:
        set_title(self.plot, title)

    def set_image(self, values: np.ndarray, levels: tuple[float, float]) -> None:
        values = np.asarray(values, dtype=float)
        self.image.setImage(values, levels=levels, autoLevels=False)
        rows, cols = values.shape
        self.image.setRect(QRectF(-0.5, -0.5, cols, rows))
        if self.shape != (rows, cols):
            self.shape = (rows, cols)
            self.plot.setRange(xRange=(-0.5, cols - 0.5), yRange=(-0.5, rows - 0.5), padding=0.02)

    def set_overlay(self, values: np.ndarray | None, levels: tuple[float, float] = (0.0, 1.0)) -> None:
        if values is None:
            self.overlay.clear()
            return
        self.overlay.setImage(np.asarray(values, dtype=float), levels=levels, autoLevels=False)
        rows, cols = values.shape
        self.overlay.setRect(QRectF(-0.5, -0.5, cols, rows))

    def set_box(self, box: np.ndarray | None) -> None:
        """box = (row0, row1, col0, col1), inclusive cell indices."""
        if box is None:
            self.box.setVisible(False)
            return
        r0, r1, c0, c1 = (float(v) for v in box)
        self.box.setRect(QRectF(c0 - 0.5, r0 - 0.5, c1 - c0 + 1, r1 - r0 + 1))
        self.box.setVisible(True)

    def clear(self) -> None:
        self.image.clear()
        self.overlay.clear()
        self.box.setVisible(False)


class CurveView:
    """A plot of a few named curves with a legend and axis labels."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str, x: str, y: str,
                 names: list[str], log_y: bool = False, y_range: tuple[float, float] | None = None,
                 rowspan: int = 1) -> None:
        self.plot = add_plot(layout, row=row, col=col, rowspan=rowspan)
        set_title(self.plot, title)
        self.plot.setLabel("bottom", x)
        self.plot.setLabel("left", y)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLogMode(y=log_y)
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        if y_range is not None:
            self.plot.setYRange(*y_range, padding=0.02)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.curves = {name: self.plot.plot([], [], pen=pg.mkPen(colour(i), width=3), name=name)
                       for i, name in enumerate(names)}

    def set(self, name: str, x: np.ndarray, y: np.ndarray, label: str | None = None) -> None:
        curve = self.curves[name]
        curve.setData(x, y)
        if label is not None and curve.name() != label:
            curve.opts["name"] = label
            self.legend.removeItem(curve)
            self.legend.addItem(curve, label)

    def show(self, name: str, visible: bool) -> None:
        curve = self.curves[name]
        if curve.isVisible() != visible:
            curve.setVisible(visible)
            if visible:
                self.legend.addItem(curve, curve.name())
            else:
                self.legend.removeItem(curve)

    def clear(self) -> None:
        for curve in self.curves.values():
            curve.setData([], [])
