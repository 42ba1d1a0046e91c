"""Plot helpers shared by panels: a consistent look, bounded and downsampled curves, cheap repaints.

The cheap repaints live in the app's own pyqtgraph items (widgets/plot_items.py); every view builds
its plots and items from those, and plain pyqtgraph items keep the library's behaviour.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from widgets.i18n import tr_message

# The app's pyqtgraph items, re-exported: views build their plots from these (see plot_items.py).
from widgets.plot_items import (  # noqa: F401
    STICKY_FILL, STICKY_HEADROOM, AppAxisItem, AppColorBarItem, AppPlotCurveItem, AppPlotDataItem,
    AppPlotItem, AppPlotWidget, AppScatterPlotItem, AppViewBox, add_plot, blend_over, sticky_range,
)

from widgets import theme

# Colour-blind-safe series colours (Okabe-Ito, then Tableau), 12 of them; each theme has its own
# variants (widgets/theme.py): ``colour(i)`` is series i in the theme shown now.
PALETTE = theme.DARK_SERIES

pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")


def sticky_levels(current: tuple[float, float] | None, levels: tuple[float, float]) -> tuple[float, float]:
    """A colour bar's levels with the same hysteresis as the axes: kept while the new levels lie
    inside them and span most of them. The image is drawn with the levels returned, so the bar
    always tells the truth; it just does not regenerate its axis on every frame."""
    lo, hi = float(levels[0]), float(levels[1])
    if current is None or not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return lo, hi
    moved = sticky_range(current, lo, hi, 0.0)
    return current if moved is None else moved


def set_narrow_title(plot: pg.PlotItem, text: str, force: bool = False, **style) -> None:
    """A title that never widens its plot. pyqtgraph makes a title's width the plot's minimum
    width (on every resize), so a long title pushed a colour bar, or the right of a graph, out
    of sight in a narrow window. An unchanged title is not set again (each set re-lays out)
    unless ``force``d."""
    label = plot.titleLabel
    if getattr(plot, "title_full", label.text) == tr_message(text) and label.isVisible() and not force:
        return
    plot.setTitle(text, **style)


def colour(index: int) -> str:
    return theme.current().series_colour(index)


def make_plot(title: str = "", x: str = "", y: str = "", log_y: bool = False, log_x: bool = False,
              legend: bool = False) -> AppPlotWidget:
    """A PlotWidget with labels, a grid and curves that stay cheap however long they grow."""
    widget = AppPlotWidget(title=title)
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
