"""Plot widgets of the RNN gradients panel: a heatmap with a colour bar, and the eigenvalue plane.

They only place arrays the engine computed; the colour range comes from the snapshot too.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

from widgets.live_plot import (
    AppColorBarItem, AppPlotWidget, AppScatterPlotItem, colour, make_plot, set_narrow_title, sticky_levels,
)


def set_title(plot: pg.PlotWidget, text: str, force: bool = False) -> None:
    set_narrow_title(plot.getPlotItem(), text, force=force)


class HeatmapView(AppPlotWidget):
    """An image with labelled axes and a colour bar; ``show_rows`` places rows at given y values."""

    def __init__(self, title: str, x: str, y: str, bar_label: str, cmap: str = "viridis",
                 invert_y: bool = True) -> None:
        super().__init__()
        set_title(self, title)
        item = self.getPlotItem()
        item.setLabel("bottom", x)
        item.setLabel("left", y)
        item.invertY(invert_y)
        self.image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self.image)
        self.bar = AppColorBarItem(values=(0.0, 1.0), colorMap=pg.colormap.get(cmap), label=bar_label,
                                   interactive=False, width=14, pen=None, colorMapMenu=False)
        self.bar.setImageItem(self.image, insert_in=item)
        self.levels: tuple[float, float] | None = None

    def show_image(self, data: np.ndarray, x0: float, x1: float, y0: float, y1: float,
                   levels: tuple[float, float]) -> None:
        if data.size == 0:  # no rows yet: show the axes the rows will have
            self.image.clear()
            self.setXRange(x0, x1, padding=0)
            self.setYRange(0, 1, padding=0)
            return
        self.getPlotItem().enableAutoRange()
        held = sticky_levels(self.levels, levels)
        self.image.setImage(data, autoLevels=False, levels=held)
        self.image.setRect(QRectF(x0, y0, x1 - x0, max(y1 - y0, 1e-9)))
        if held != self.levels:
            self.bar.setLevels(values=held)
            self.levels = held

    def clear_image(self) -> None:
        self.image.clear()
        self.levels = None


class EigenView(AppPlotWidget):
    """Eigenvalues of W_hh on the complex plane with the unit circle |lambda| = 1."""

    def __init__(self) -> None:
        super().__init__()
        set_title(self, "Eigenvalues of W_hh")
        item = self.getPlotItem()
        item.setLabel("bottom", "Re λ")
        item.setLabel("left", "Im λ")
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setAspectLocked(True)
        item.addLegend(offset=(-10, 10))
        angle = np.linspace(0, 2 * np.pi, 241)
        item.plot(np.cos(angle), np.sin(angle), pen=pg.mkPen("#888888", width=1.5, style=Qt.PenStyle.DashLine),
                  name="unit circle |λ| = 1")
        self.scatters: list[pg.ScatterPlotItem] = []

    def set_series(self, labels: list[str]) -> None:
        item = self.getPlotItem()
        for scatter in self.scatters:
            item.removeItem(scatter)
            item.legend.removeItem(scatter)
        self.scatters = []
        for i, label in enumerate(labels):
            # The nets' colours are named once, in the key over the plots (RnnPanel): unnamed here.
            scatter = AppScatterPlotItem(size=8, pen=pg.mkPen(None), brush=pg.mkBrush(colour(i)))
            item.addItem(scatter)
            self.scatters.append(scatter)

    def show_eigenvalues(self, index: int, eig: np.ndarray) -> None:
        self.scatters[index].setData(eig[:, 0], eig[:, 1])

    def clear_points(self) -> None:
        for scatter in self.scatters:
            scatter.clear()


def curve_plot(title: str, x: str, y: str, log_y: bool = False, legend: bool = False) -> pg.PlotWidget:
    plot = make_plot(x=x, y=y, log_y=log_y, legend=legend)
    set_title(plot, title)
    return plot
