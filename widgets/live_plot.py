"""Plot helpers shared by panels: a consistent look, bounded and downsampled curves, cheap repaints."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import SymbolAtlas
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

# Colour-blind-safe palette (Okabe-Ito, then Tableau) for up to 12 series.
PALETTE = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
    "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728",
)

pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")

# Auto-ranged views keep their range while the data fills at least this share of it...
STICKY_FILL = 0.7
# ...and when they must grow, grow this share beyond the data, so the next frames fit too.
STICKY_HEADROOM = 0.15


def _cached_axis_init(self, *args, **kwargs) -> None:
    _AXIS_INIT(self, *args, **kwargs)
    # An axis with a grid spans its whole plot, so every curve update repainted it: tick labels
    # replayed from a QPicture, 2-4 ms each, a third of a busy panel's frame. As a pixmap it is
    # redrawn only when its range or style really changes.
    self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    # Tick labels may widen an axis but never narrow it again. In an aspect-locked view the axis
    # width sets the view's size, the size its range, the range the labels, the labels the width:
    # allowed to shrink, that loop re-laid a panel out ~50 times a second (the generative panel
    # fell from 31 to 8 frames/s whenever its plane came out at an unlucky size).
    self.style["autoReduceTextSpace"] = False


def _axis_set_range(self, mn: float, mx: float) -> None:
    # pyqtgraph regenerates an axis on every call, and a view calls it for each of its axes on
    # any change (a resize, the other axis moving): an unchanged range keeps its picture.
    if getattr(self, "range", None) == [mn, mx] and self.picture is not None:
        return
    _AXIS_SET_RANGE(self, mn, mx)


def _axis_set_label(self, text=None, units=None, unitPrefix=None, siPrefixEnableRanges=None, unitPower=1,
                    **kwargs) -> None:
    # Panels set axis labels from each snapshot; an unchanged label no longer re-lays the axis out.
    same = (not kwargs and siPrefixEnableRanges is None and (text or "") == self.labelText
            and (units or "") == self.labelUnits and (unitPrefix or "") == self.labelUnitPrefix
            and unitPower == getattr(self, "unitPower", 1) and self.label.isVisible() == bool(text or units))
    if not same:
        _AXIS_SET_LABEL(self, text, units, unitPrefix, siPrefixEnableRanges, unitPower, **kwargs)


def _axis_show(self) -> None:
    # PlotItem.setLabel shows its axis each time, and showing re-measured (and so regenerated) it.
    if not self.isVisible():
        _AXIS_SHOW(self)


# A grid drawn by an axis lies under the data (pyqtgraph puts the axes above the view, at 0.5).
GRID_Z = -150


def _axis_set_grid(self, grid) -> None:
    _AXIS_SET_GRID(self, grid)
    # Grid lines are drawn opaque (see _opaque_tick_pens), so they go under the curves and images
    # instead of over them; an opaque line over a curve would cut it.
    self.setZValue(0.5 if grid is False else GRID_Z)


def _background_of(axis) -> QColor:
    view = axis.getViewWidget()
    brush = view.backgroundBrush() if view is not None else None
    if brush is not None and brush.style() != Qt.BrushStyle.NoBrush:
        return brush.color()
    return pg.mkColor(pg.getConfigOption("background"))


def blend_over(colour: QColor, background: QColor) -> QColor:
    """The opaque colour a translucent ``colour`` shows over ``background``."""
    a = colour.alphaF()
    return QColor(*(round(getattr(colour, c)() * a + getattr(background, c)() * (1 - a))
                    for c in ("red", "green", "blue")))


def _opaque_tick_pens(self, p):
    """AxisItem.generateDrawSpecs with each translucent tick or grid pen replaced by its opaque look.

    Qt's raster engine strokes a translucent line one pixel at a time, about 25x slower than an
    opaque one (80 grid lines: 8 ms against 0.3 ms, measured here): regenerating an axis with a
    grid took 4-7 ms, and busy panels regenerate a few axes a frame. The lines lie on the plot's
    background (the grid under the data, ticks beside it), so the blended colour is what showed.
    """
    specs = _AXIS_DRAW_SPECS(self, p)
    if specs is None:
        return specs
    axis_spec, tick_specs, text_specs = specs
    background, opaque = _background_of(self), {}
    for i, (pen, start, end) in enumerate(tick_specs):
        colour = pen.color()
        if colour.alpha() == 255 or pen.brush().style() != Qt.BrushStyle.SolidPattern:
            continue
        key = (colour.rgba(), pen.widthF(), pen.isCosmetic())
        if key not in opaque:
            opaque[key] = QPen(pen)
            opaque[key].setColor(blend_over(colour, background))
        tick_specs[i] = (opaque[key], start, end)
    return axis_spec, tick_specs, text_specs


def _segments_for_wide_lines(self, pen) -> bool:
    """pyqtgraph's test for drawing a curve as separate segments, without its 'not antialiased'.

    Qt strokes an antialiased path wider than 1 px slowly: 1.6 ms for a 150-point curve at 2.5 px,
    against 0.28 ms as segments (measured here), and a busy panel has a dozen such curves. The cost
    is a faint darker dot where two segments' antialiased ends overlap.
    """
    mode = self.opts["segmentedLineMode"]
    if mode in ("on", "off"):
        return mode == "on"
    return (pen.widthF() > 1.0 and pen.style() == Qt.PenStyle.SolidLine and pen.isSolid()
            and pen.color().alphaF() == 1.0)


def _pixel_downsampled_init(self, *args, **kwargs) -> None:
    # Auto-downsampled curves keep one peak bin (its min and max) per pixel column, not five:
    # all a column can show. The bandits panel's 15 curves of 1,000 steps on ~330 px each drew
    # 3x the segments they needed, and segments are what an antialiased curve costs.
    _PLOT_DATA_INIT(self, *args, **kwargs)
    self.opts["autoDownsampleFactor"] = 1.0


def _atlas_lookup(self, styles):
    """SymbolAtlas[styles] with a shortcut for points that all look alike (the common case).

    pyqtgraph keys its symbol atlas per point in Python: three scatters of 1,000 points took a
    quarter of the generative panel's frame. One lookup serves every point of a uniform style.
    """
    if len(styles) > 8 and styles.count(styles[0]) == len(styles):
        return _ATLAS_LOOKUP(self, styles[:1]) * len(styles)
    return _ATLAS_LOOKUP(self, styles)


def _sticky_range(current: tuple[float, float], lo: float, hi: float, pad: float,
                  fill: float = STICKY_FILL) -> tuple[float, float] | None:
    """The range an auto-ranged axis should move to, or None to keep ``current``.

    ``lo, hi`` are the data's bounds, ``pad`` the margin pyqtgraph would add on each side.
    pyqtgraph fits the data exactly on every update, so a growing curve moved its axes (and
    regenerated their ticks and labels) every frame. Here an axis holds still while the data
    stays inside and fills most of it, and grows with headroom when it must. The padding is
    left out of the test: it scales with the data's width, and counting it made views flip.
    """
    c0, c1 = current
    if lo >= c0 and hi <= c1 and (hi - lo) >= fill * (c1 - c0):
        return None
    width = hi - lo
    new_lo, new_hi = lo - pad, hi + pad
    if hi > c1:
        new_hi += STICKY_HEADROOM * width
    if lo < c0:
        new_lo -= STICKY_HEADROOM * width
    return new_lo, new_hi


def sticky_levels(current: tuple[float, float] | None, levels: tuple[float, float]) -> tuple[float, float]:
    """A colour bar's levels with the same hysteresis as the axes: kept while the new levels lie
    inside them and span most of them. The image is drawn with the levels returned, so the bar
    always tells the truth; it just does not regenerate its axis on every frame."""
    lo, hi = float(levels[0]), float(levels[1])
    if current is None or not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return lo, hi
    moved = _sticky_range(current, lo, hi, 0.0)
    return current if moved is None else moved


def _sticky_update_auto_range(self) -> None:
    """ViewBox.updateAutoRange (pyqtgraph 0.14) with hysteresis; auto-pan and visible-only as before."""
    if self._updatingRange:
        return
    self._updatingRange = True
    try:
        if not any(self.state["autoRange"]):
            return
        current = self.viewRange()
        fraction = [1.0 if type(f) is bool else f for f in self.state["autoRange"]]
        order = [1, 0] if self.state["autoVisibleOnly"][0] is True else [0, 1]
        bounds = None
        args = {}
        for ax in order:
            if self.state["autoRange"][ax] is False:
                continue
            if self.state["autoVisibleOnly"][ax]:
                # visible-only ranges depend on the other axis, as in pyqtgraph
                other = [None, None]
                other[ax] = current[1 - ax]
                bounds = self.childrenBounds(frac=fraction, orthoRange=other)
            elif bounds is None:
                bounds = self.childrenBounds(frac=fraction)
            span = bounds[ax]
            if span is None:
                continue
            lo, hi = span
            if not (math.isfinite(lo) and math.isfinite(hi)):
                continue
            if self.state["autoPan"][ax]:
                middle, half = (lo + hi) / 2, (current[ax][1] - current[ax][0]) / 2
                moved = (middle - half, middle + half)
            else:
                # An aspect-locked view widens one axis beyond its data: only containment counts there.
                fill = 0.0 if self.state["aspectLocked"] else STICKY_FILL
                moved = _sticky_range(tuple(current[ax]), lo, hi, self.suggestPadding(ax) * (hi - lo), fill)
            if moved is not None:
                args["xRange" if ax == 0 else "yRange"] = list(moved)
                current[ax] = list(moved)
        if args:
            self.setRange(padding=0.0, disableAutoRange=False, **args)
    finally:
        self._autoRangeNeedsUpdate = False
        self._updatingRange = False


_AXIS_INIT, _AXIS_SET_RANGE, _AXIS_SET_LABEL = pg.AxisItem.__init__, pg.AxisItem.setRange, pg.AxisItem.setLabel
pg.AxisItem.__init__ = _cached_axis_init
pg.AxisItem.setRange = _axis_set_range
pg.AxisItem.setLabel = _axis_set_label
_AXIS_SET_GRID, _AXIS_DRAW_SPECS = pg.AxisItem.setGrid, pg.AxisItem.generateDrawSpecs
pg.AxisItem.setGrid = _axis_set_grid
pg.AxisItem.generateDrawSpecs = _opaque_tick_pens
pg.PlotCurveItem._shouldUseDrawLineSegments = _segments_for_wide_lines
_PLOT_DATA_INIT = pg.PlotDataItem.__init__
pg.PlotDataItem.__init__ = _pixel_downsampled_init
_ATLAS_LOOKUP = SymbolAtlas.__getitem__
SymbolAtlas.__getitem__ = _atlas_lookup
_AXIS_SHOW = pg.AxisItem.show
pg.AxisItem.show = _axis_show
pg.ViewBox.updateAutoRange = _sticky_update_auto_range


def _title_height_only_min(label: pg.LabelItem) -> None:
    """LabelItem.updateMin without the width: the title may be clipped, the plot is not widened."""
    height = label.itemRect().height()
    label.setMinimumWidth(10)
    label.setMinimumHeight(height)
    label._sizeHint = {
        Qt.SizeHint.MinimumSize: (10, height),
        Qt.SizeHint.PreferredSize: (10, height),
        Qt.SizeHint.MaximumSize: (-1, -1),
        Qt.SizeHint.MinimumDescent: (0, 0),
    }
    label.updateGeometry()


def set_narrow_title(plot: pg.PlotItem, text: str, force: bool = False, **style) -> None:
    """A title that never widens its plot. pyqtgraph makes a title's width the plot's minimum
    width (on every resize), so a long title pushed a colour bar, or the right of a graph, out
    of sight in a narrow window. An unchanged title is not set again (each set re-lays out)
    unless ``force``d."""
    label = plot.titleLabel
    if label.text == text and label.isVisible() and not force:
        return
    if "updateMin" not in label.__dict__:  # LabelItem calls updateMin on every text change and resize
        label.updateMin = lambda: _title_height_only_min(label)
    plot.setTitle(text, **style)


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
