"""Plot pieces of the generative panel: the 2-D plane (points, heatmap, arrows, warped grid) and bars.

Drawing only: every number comes from the snapshot. Fast paths for the live 2-D GAN: one ImageItem for
the heatmap, ScatterPlotItems fed with setData (one brush per item, pxMode), the arrows as one
PlotCurveItem with connect="pairs" and the warped grid as one curve with NaN breaks.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from widgets.conv_views import set_title
from widgets.live_plot import PALETTE, AppPlotCurveItem, AppPlotDataItem, AppScatterPlotItem, add_plot

HEAT_MAP = pg.ColorMap([0.0, 0.5, 1.0], [(120, 160, 235), (250, 250, 250), (240, 160, 110)])
REAL = "#0072B2"
FAKE = "#D55E00"
GRID = (0, 150, 110, 150)
ARROW = (40, 40, 40, 200)


class PlaneView:
    """A square piece of the plane: heatmap under real and generated points, arrows and a warped grid."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str, rowspan: int = 1,
                 colspan: int = 1, classes: int = 0) -> None:
        self.plot = add_plot(layout, row=row, col=col, rowspan=rowspan, colspan=colspan)
        set_title(self.plot, title)
        self.plot.setAspectLocked(True)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.heat = pg.ImageItem()
        self.heat.setLookupTable(HEAT_MAP.getLookupTable(nPts=256))
        self.heat.setZValue(-10)
        self.plot.addItem(self.heat)
        self.grid = AppPlotCurveItem(pen=pg.mkPen(GRID, width=1.5), connect="finite", antialias=False)
        self.plot.addItem(self.grid)
        self.real = AppScatterPlotItem(size=5, pen=None, brush=pg.mkBrush(REAL + "99"), pxMode=True)
        self.plot.addItem(self.real)
        self.fake = AppScatterPlotItem(size=5, pen=None, brush=pg.mkBrush(FAKE), pxMode=True)
        self.fake.setZValue(5)
        self.plot.addItem(self.fake)
        self.arrows = AppPlotCurveItem(pen=pg.mkPen(ARROW, width=1.5), connect="pairs", antialias=False)
        self.arrows.setZValue(6)
        self.plot.addItem(self.arrows)
        self.path = AppPlotDataItem(pen=pg.mkPen("#000000", width=3), symbol="o", symbolSize=7,
                                    symbolBrush="#F0E442")
        self.path.setZValue(8)
        self.plot.addItem(self.path)
        self.centres = AppScatterPlotItem(size=14, symbol="x", pen=pg.mkPen("#000000", width=2), brush=None)
        self.centres.setZValue(7)
        self.plot.addItem(self.centres)
        # points coloured by class: one item per colour keeps setData cheap
        self.classes = [AppScatterPlotItem(size=5, pen=None, brush=pg.mkBrush(PALETTE[i] + "bb"), pxMode=True)
                        for i in range(classes)]
        for item in self.classes:
            self.plot.addItem(item)
        self.extent: tuple[float, float, float, float] | None = None

    def set_title(self, title: str) -> None:
        set_title(self.plot, title)

    def set_extent(self, extent) -> None:
        extent = tuple(float(v) for v in extent)
        if extent != self.extent:
            self.extent = extent
            x0, x1, y0, y1 = extent
            self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)

    def set_heat(self, values: np.ndarray | None, levels: tuple[float, float] = (0.0, 1.0)) -> None:
        if values is None:
            self.heat.clear()
            return
        self.heat.setImage(values, levels=levels, autoLevels=False)
        x0, x1, y0, y1 = self.extent
        self.heat.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))

    @staticmethod
    def _points(item, xy: np.ndarray | None) -> None:
        if xy is None or not len(xy):
            item.setData(x=[], y=[])
        else:
            item.setData(x=xy[:, 0], y=xy[:, 1])

    def set_real(self, xy) -> None:
        self._points(self.real, xy)

    def set_fake(self, xy) -> None:
        self._points(self.fake, xy)

    def set_centres(self, xy) -> None:
        self._points(self.centres, xy)

    def set_arrows(self, pairs: np.ndarray | None) -> None:
        if pairs is None or not len(pairs):
            self.arrows.setData([], [])
        else:
            self.arrows.setData(pairs[:, 0], pairs[:, 1], connect="pairs")

    def set_grid(self, lines: np.ndarray | None) -> None:
        if lines is None or not len(lines):
            self.grid.setData([], [])
        else:
            self.grid.setData(lines[:, 0], lines[:, 1], connect="finite")

    def set_path(self, xy: np.ndarray | None) -> None:
        if xy is None or not len(xy):
            self.path.setData([], [])
        else:
            self.path.setData(xy[:, 0], xy[:, 1])

    def set_classes(self, xy: np.ndarray | None, labels: np.ndarray | None) -> None:
        for i, item in enumerate(self.classes):
            if xy is None:
                item.setData(x=[], y=[])
                continue
            chosen = (labels % len(self.classes)) == i
            item.setData(x=xy[chosen, 0], y=xy[chosen, 1])

    def clear(self) -> None:
        self.heat.clear()
        for item in (self.real, self.fake, self.centres, *self.classes):
            item.setData(x=[], y=[])
        for item in (self.arrows, self.grid, self.path):
            item.setData([], [])


class BarView:
    """Bars of a few values (KL per latent dimension, samples per mode)."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str, x: str, y: str) -> None:
        self.plot = add_plot(layout, row=row, col=col)
        set_title(self.plot, title)
        self.plot.setLabel("bottom", x)
        self.plot.setLabel("left", y)
        self.plot.showGrid(y=True, alpha=0.25)
        self.plot.setMouseEnabled(x=False, y=False)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=pg.mkBrush(PALETTE[1]))
        self.plot.addItem(self.bars)
        self.count = -1

    def set_title(self, title: str) -> None:
        set_title(self.plot, title)

    def set_values(self, values: np.ndarray) -> None:
        values = np.nan_to_num(np.asarray(values, dtype=float))
        self.bars.setOpts(x=np.arange(len(values)), height=values, width=0.7)
        if len(values) != self.count:
            self.count = len(values)
            self.plot.setXRange(-0.6, len(values) - 0.4, padding=0)

    def clear(self) -> None:
        self.bars.setOpts(x=[], height=[])
        self.count = -1
