"""Plot helpers shared by panels: a consistent look, bounded and downsampled curves."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

# Colour-blind-safe palette (Okabe-Ito, then Tableau) for up to 12 series.
PALETTE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
    "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728",
)

pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def make_plot(title: str = "", x: str = "", y: str = "", log_y: bool = False, log_x: bool = False,
              legend: bool = False) -> pg.PlotWidget:
    """A PlotWidget with labels, a grid and curves that stay cheap however long they grow."""
    widget = pg.PlotWidget(title=title)
    item = widget.getPlotItem()
    if x:
        item.setLabel("bottom", x)
    if y:
        item.setLabel("left", y)
    item.showGrid(x=True, y=True, alpha=0.2)
    item.setLogMode(x=log_x, y=log_y)
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    if legend:
        item.addLegend(offset=(-10, 10))
    return widget


def add_curve(plot: pg.PlotWidget, index: int, name: str | None = None, width: float = 2.0):
    return plot.plot([], [], pen=pg.mkPen(colour(index), width=width), name=name)


def finite_for_log(values: np.ndarray, floor: float = 1e-12) -> np.ndarray:
    """Values safe for a log axis: non-positive and non-finite ones clipped to ``floor``."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values) & (values > floor), values, floor)
