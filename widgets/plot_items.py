"""The app's own pyqtgraph items: the library's behaviour changed by subclassing, never by patching.

Each class overrides what the measurements asked for (figures in docs/performance.md): axes cached
as pixmaps that keep their picture while nothing changed, auto-ranged views that hold still, wide
antialiased curves drawn as segments, one symbol-atlas lookup for uniform scatters, opaque ticks
and grids under the data, one peak bin per pixel column. Plain pyqtgraph items (and whatever an
exporter or another library builds) keep the library's behaviour.

Several overrides lean on pyqtgraph's private methods and attributes; ``OVERRIDDEN`` lists each
method with the parameters it had in the versions in ``VERIFIED_PYQTGRAPH``, and the tests fail
when one is renamed or changes its signature.
"""

from __future__ import annotations

import math
import re
import time
import warnings

import numpy as np

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import SymbolAtlas
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QSizePolicy

from widgets.i18n import tr_message

# The pyqtgraph releases these overrides were checked against (tests/gui/test_plot_items.py).
VERIFIED_PYQTGRAPH = ("0.14.0",)

# Auto-ranged views keep their range while the data fills at least this share of it...
STICKY_FILL = 0.7
# ...and when they must grow, grow this share beyond the data, so the next frames fit too.
STICKY_HEADROOM = 0.15
# A grid drawn by an axis lies under the data (pyqtgraph puts the axes above the view, at 0.5).
GRID_Z = -150
AXIS_Z = 0.5

_version_warned = False


def check_pyqtgraph_version(version: str | None = None) -> bool:
    """True when the installed pyqtgraph is one the overrides were verified on; warns once if not."""
    global _version_warned
    version = pg.__version__ if version is None else version
    if version in VERIFIED_PYQTGRAPH:
        return True
    if not _version_warned:
        _version_warned = True
        warnings.warn(f"pyqtgraph {version} is not one the app's plot items were verified on "
                      f"({', '.join(VERIFIED_PYQTGRAPH)}); plots may draw slower or differently.",
                      RuntimeWarning, stacklevel=2)
    return False


def blend_over(colour: QColor, background: QColor) -> QColor:
    """The opaque colour a translucent ``colour`` shows over ``background``."""
    a = colour.alphaF()
    return QColor(*(round(getattr(colour, c)() * a + getattr(background, c)() * (1 - a))
                    for c in ("red", "green", "blue")))


def sticky_range(current: tuple[float, float], lo: float, hi: float, pad: float,
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


AXIS_KINDS = ("continuous", "count", "log", "category")
# Words that make an axis a count: its ticks must be whole numbers. English and the Chinese UI's.
COUNT_WORDS = re.compile(r"\b(steps?|episodes?|epochs?|arms?|layers?|dimensions?|iterations?|t)\b"
                         r"|步|回合|轮|臂|层|维|迭代", re.IGNORECASE)


def _log_label_rank(text: str) -> int:
    """How much a log axis's tick label is worth keeping: 0 a decade (1, 0.01, 10⁻³), 1 a 2 or a 5
    of its decade (0.2, 5·10⁻³), 2 any other digit. pyqtgraph writes one significant digit."""
    digit = next((c for c in text if c in "123456789"), "1")
    return 0 if digit == "1" else 1 if digit in "25" else 2


def _overlaps_any(rect, specs: list, vertical: bool) -> bool:
    """Whether ``rect`` overlaps, along the axis, the rectangle of any of the text ``specs``."""
    lo, hi = (rect.top(), rect.bottom()) if vertical else (rect.left(), rect.right())
    for other, _flags, _text in specs:
        o_lo, o_hi = (other.top(), other.bottom()) if vertical else (other.left(), other.right())
        if lo < o_hi and o_lo < hi:
            return True
    return False


class AppAxisItem(pg.AxisItem):
    """An axis that is redrawn only when its range, label or style really changes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # An axis with a grid spans its whole plot, so every curve update repainted it: tick labels
        # replayed from a QPicture, 2-4 ms each, a third of a busy panel's frame. As a pixmap it is
        # redrawn only when its range or style really changes.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Tick labels may widen an axis but never narrow it again. In an aspect-locked view the axis
        # width sets the view's size, the size its range, the range the labels, the labels the
        # width: allowed to shrink, that loop re-laid a panel out ~50 times a second (the generative
        # panel fell from 31 to 8 frames/s whenever its plane came out at an unlucky size).
        self.style["autoReduceTextSpace"] = False

    def setRange(self, mn: float, mx: float) -> None:
        # pyqtgraph regenerates an axis on every call, and a view calls it for each of its axes on
        # any change (a resize, the other axis moving): an unchanged range keeps its picture.
        # But a grid spans the whole view: when the view is resized under an unchanged range (a
        # bottom axis keeps its own size as its plot grows taller), its lines must be drawn again.
        grid_span = self._grid_span()
        if (getattr(self, "range", None) == [mn, mx] and self.picture is not None
                and grid_span == getattr(self, "_drawn_grid_span", None)):
            return
        self._drawn_grid_span = grid_span
        super().setRange(mn, mx)

    def _grid_span(self) -> tuple[float, float] | None:
        """The size of the view the grid lines cross (None without a grid)."""
        view = self.linkedView() if getattr(self, "grid", False) is not False else None
        if view is None:
            return None
        size = view.size()
        return (size.width(), size.height())

    def setLabel(self, text=None, units=None, unitPrefix=None, siPrefixEnableRanges=None, unitPower=1,
                 **kwargs) -> None:
        self.label_source = text  # English; shown in the UI language (and again after a switch)
        if self.declared_kind is None and text and COUNT_WORDS.search(text):
            self.autoSIPrefix = False  # a count reads "episode 2000", not "episode (x0.001) 2"
        text = tr_message(text) if text else text
        # Panels set axis labels from each snapshot; an unchanged label does not re-lay the axis out.
        same = (not kwargs and siPrefixEnableRanges is None and (text or "") == self.labelText
                and (units or "") == self.labelUnits and (unitPrefix or "") == self.labelUnitPrefix
                and unitPower == getattr(self, "unitPower", 1) and self.label.isVisible() == bool(text or units))
        if not same:
            super().setLabel(text, units, unitPrefix, siPrefixEnableRanges, unitPower, **kwargs)

    # What the axis measures (the axis kinds): "continuous", "count" (whole numbers only:
    # steps, episodes, arms, layers), "log" (the plot's log mode) or "category". Declared with
    # ``set_kind``; undeclared, an axis whose label names a count (COUNT_WORDS) is a count.
    declared_kind: str | None = None

    @property
    def kind(self) -> str:
        if self.logMode:
            return "log"
        if self.declared_kind is not None:
            return self.declared_kind
        label = getattr(self, "label_source", None) or ""
        return "count" if COUNT_WORDS.search(label) else "continuous"

    def set_kind(self, kind: str) -> None:
        if kind not in AXIS_KINDS:
            raise ValueError(f"axis kind {kind!r} is not one of {AXIS_KINDS}")
        self.declared_kind = kind
        if kind in ("count", "category"):
            self.enableAutoSIPrefix(False)  # "episode (x0.001)" is no way to count
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 - pyqtgraph's name
        """A count axis has ticks on whole numbers only (pyqtgraph put them at 0.5, 1.5, ...)."""
        levels = super().tickValues(minVal, maxVal, size)
        if self.kind not in ("count", "category"):
            return levels
        whole = [(spacing, [v for v in values if abs(v - round(v)) < 1e-9])
                 for spacing, values in levels if spacing >= 1]
        whole = [(spacing, values) for spacing, values in whole if values]
        if not whole:  # less than about one unit on show: every whole number in it
            lo, hi = sorted((minVal, maxVal))
            values = [float(v) for v in range(math.ceil(lo), math.floor(hi) + 1)]
            whole = [(1.0, values)] if values else []
        return whole

    def show(self) -> None:
        # PlotItem.setLabel shows its axis each time, and showing re-measured (and so regenerated) it.
        if not self.isVisible():
            super().show()

    def setGrid(self, grid) -> None:
        super().setGrid(grid)
        # Grid lines are drawn opaque (see generateDrawSpecs), so they go under the curves and
        # images instead of over them; an opaque line over a curve would cut it.
        self.setZValue(AXIS_Z if grid is False else GRID_Z)

    def generateDrawSpecs(self, p):
        """The library's draw specs with each translucent tick or grid pen replaced by its opaque look.

        Qt's raster engine strokes a translucent line one pixel at a time, about 25x slower than an
        opaque one (80 grid lines: 8 ms against 0.3 ms, measured here): regenerating an axis with a
        grid took 4-7 ms, and busy panels regenerate a few axes a frame. The lines lie on the plot's
        background (the grid under the data, ticks beside it), so the blended colour is what showed.
        """
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        background, opaque = self._background(), {}
        for i, (pen, start, end) in enumerate(tick_specs):
            colour = pen.color()
            if colour.alpha() == 255 or pen.brush().style() != Qt.BrushStyle.SolidPattern:
                continue
            key = (colour.rgba(), pen.widthF(), pen.isCosmetic())
            if key not in opaque:
                opaque[key] = QPen(pen)
                opaque[key].setColor(blend_over(colour, background))
            tick_specs[i] = (opaque[key], start, end)
        return axis_spec, tick_specs, self._uncrowded(text_specs)

    def _uncrowded(self, text_specs: list) -> list:
        """The tick labels that do not overlap one another (the ticks themselves all stay).

        pyqtgraph judges crowding by the labels' total size, not by where they fall: a log axis
        labelled every 1..9 of a decade, and 0.1, 0.09 and 0.08 were drawn over each other on a
        short axis. A log axis keeps its decades, then 2 and 5 of each decade, then the other
        digits, each set only whole and only where none of it overlaps (1-2-5 or decades alone,
        never a ragged mix); a linear axis keeps its labels in pyqtgraph's order (the major level
        first), each one that overlaps none kept before it. Ticks given with setTicks are left
        as they are."""
        if self._tickLevels is not None:  # ticks the caller gave (setTicks) are shown as given
            return text_specs
        vertical = self.orientation in ("left", "right")
        kept: list = []
        if not self.logMode:
            for spec in text_specs:
                if not _overlaps_any(spec[0], kept, vertical):
                    kept.append(spec)
            return kept
        ranks: list[list] = [[], [], []]
        for spec in text_specs:
            ranks[_log_label_rank(spec[2])].append(spec)
        for spec in ranks[0]:
            if not _overlaps_any(spec[0], kept, vertical):
                kept.append(spec)
        for group in ranks[1:]:
            trial = list(kept)
            for spec in group:
                if _overlaps_any(spec[0], trial, vertical):
                    return kept
                trial.append(spec)
            kept = trial
        return kept

    def _background(self) -> QColor:
        view = self.getViewWidget()
        brush = view.backgroundBrush() if view is not None else None
        if brush is not None and brush.style() != Qt.BrushStyle.NoBrush:
            return brush.color()
        return pg.mkColor(pg.getConfigOption("background"))


def _has_points(item) -> bool:
    """Whether a view's item shows data (a curve or scatter with points, an image); lines and
    texts that mark a place (a cursor, a note) do not count."""
    if isinstance(item, (pg.PlotDataItem, pg.PlotCurveItem, pg.ScatterPlotItem)):
        return len(item_points(item)[0]) > 0
    if isinstance(item, pg.ImageItem):
        return item.image is not None
    return False


class AppViewBox(pg.ViewBox):
    """A view whose auto-range holds still while the data stays inside and fills most of it."""

    def updateAutoRange(self) -> None:
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
                if span is None:  # no data (a run just restarted): 0..1, not the last run's range
                    if not self.addedItems or not any(_has_points(item) for item in self.addedItems):
                        if list(current[ax]) != [0.0, 1.0]:
                            args["xRange" if ax == 0 else "yRange"] = [0.0, 1.0]
                            current[ax] = [0.0, 1.0]
                    continue
                lo, hi = span
                if not (math.isfinite(lo) and math.isfinite(hi)):
                    continue
                if ax == 1:
                    hi = self._above_for_legend(lo, hi)
                if self.state["autoPan"][ax]:
                    middle, half = (lo + hi) / 2, (current[ax][1] - current[ax][0]) / 2
                    moved = (middle - half, middle + half)
                else:
                    # An aspect-locked view widens one axis beyond its data: only containment counts.
                    fill = 0.0 if self.state["aspectLocked"] else STICKY_FILL
                    moved = sticky_range(tuple(current[ax]), lo, hi, self.suggestPadding(ax) * (hi - lo), fill)
                if moved is not None:
                    args["xRange" if ax == 0 else "yRange"] = list(moved)
                    current[ax] = list(moved)
            if args:
                self.setRange(padding=0.0, disableAutoRange=False, **args)
        finally:
            self._autoRangeNeedsUpdate = False
            self._updatingRange = False


    legend_to_keep_clear = None  # a free-corner legend over this view (AppPlotItem.addLegend)

    def _above_for_legend(self, lo: float, hi: float) -> float:
        """The top the y range needs for the data to stay under a band as tall as the legend.

        A curve that fills the view left no corner free, and the legend sat on the data (88 of
        them in one contact sheet). The auto-range reserves a band at the top, the legend's
        height and margins, so the top corners are always free of data; a legend taller than
        LEGEND_BAND_MOST of the view gets no band (it would squash the data)."""
        legend = self.legend_to_keep_clear
        height = self.height()
        if legend is None or not legend.items or not legend.isVisible() or self.state["yInverted"] or height <= 0:
            return hi
        band = legend.boundingRect().height() + 2 * LEGEND_MARGIN
        if band > LEGEND_BAND_MOST * height:  # side by side, the names may fit in a low band
            legend.fit_columns(self.width() - 2 * LEGEND_MARGIN, LEGEND_BAND_MOST * height - 2 * LEGEND_MARGIN)
            band = legend.boundingRect().height() + 2 * LEGEND_MARGIN
        if band > LEGEND_BAND_MOST * height:
            return hi
        if not hi > lo:  # one value: pyqtgraph widens the range around it, with room to spare
            return hi
        return lo + (hi - lo) * height / (height - band)


class AppPlotCurveItem(pg.PlotCurveItem):
    """A curve that draws wide antialiased lines as segments."""

    def _shouldUseDrawLineSegments(self, pen) -> bool:
        """pyqtgraph's test for drawing separate segments, without its 'not antialiased'.

        Qt strokes an antialiased path wider than 1 px slowly: 1.6 ms for a 150-point curve at
        2.5 px, against 0.28 ms as segments (measured here), and a busy panel has a dozen such
        curves. The cost is a faint darker dot where two segments' antialiased ends overlap.
        """
        mode = self.opts["segmentedLineMode"]
        if mode in ("on", "off"):
            return mode == "on"
        return (pen.widthF() > 1.0 and pen.style() == Qt.PenStyle.SolidLine and pen.isSolid()
                and pen.color().alphaF() == 1.0)


class AppSymbolAtlas(SymbolAtlas):
    """A symbol atlas with a shortcut for points that all look alike (the common case)."""

    def __getitem__(self, styles):
        # pyqtgraph keys its atlas per point in Python: three scatters of 1,000 points took a
        # quarter of the generative panel's frame. One lookup serves every point of a uniform style.
        if len(styles) > 8 and styles.count(styles[0]) == len(styles):
            return super().__getitem__(styles[:1]) * len(styles)
        return super().__getitem__(styles)


class AppScatterPlotItem(pg.ScatterPlotItem):
    """A scatter whose symbol atlas is the app's (see AppSymbolAtlas)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()
        # The atlas must be in place before the first points are styled, so the data comes after.
        atlas = AppSymbolAtlas()
        atlas.setDevicePixelRatio(self.fragmentAtlas.devicePixelRatio())
        self.fragmentAtlas = atlas
        if args or kwargs:
            self.setData(*args, **kwargs)


class AppPlotDataItem(pg.PlotDataItem):
    """A data item drawn by the app's curve and scatter, auto-downsampled to one peak bin per pixel."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()
        self._adopt_app_children()
        # Auto-downsampled curves keep one peak bin (its min and max) per pixel column, not five:
        # all a column can show. The bandits panel's 15 curves of 1,000 steps on ~330 px each drew
        # 3x the segments they needed, and segments are what an antialiased curve costs.
        self.opts["autoDownsampleFactor"] = 1.0
        self.setCurveClickable(kwargs.get("clickable", False))
        self.setData(*args, **kwargs)

    def _adopt_app_children(self) -> None:
        """PlotDataItem builds a plain curve and scatter; swap in the app's before any data arrives."""
        for old in (self.curve, self.scatter):
            old.setParentItem(None)
        self.curve, self.scatter = AppPlotCurveItem(), AppScatterPlotItem()
        self.curve.setParentItem(self)
        self.scatter.setParentItem(self)
        self.curve.sigClicked.connect(self.sigClicked)
        self.scatter.sigClicked.connect(self.scatterClicked)
        self.scatter.sigHovered.connect(self.sigPointsHovered)


SIDES = ("left", "bottom", "right", "top")
CORNERS = ((1, 0), (0, 0), (1, 1), (0, 1))  # top right, top left, bottom right, bottom left


def item_points(item) -> tuple[np.ndarray, np.ndarray]:
    """The points an item shows, in its view's coordinates (log axes applied), finite only."""
    x, y = item.getData() if hasattr(item, "getData") else (None, None)
    if x is None or y is None:
        return np.empty(0), np.empty(0)
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep]


def _points_in_view_pixels(item, view) -> tuple[np.ndarray, np.ndarray]:
    """An item's finite points, in the view box's own pixel coordinates."""
    x, y = item_points(item)
    t = item.itemTransform(view)[0]  # data -> the view box's pixels
    return t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()


LEGEND_MARGIN = 10  # px between a legend and the corner of its view
LEGEND_BAND_MOST = 0.4  # the most of a view's height the auto-range keeps free for a legend
LEGEND_PLACE_EVERY_S = 0.3  # data that changes every frame moves the legend at most this often
# Where a legend that fits nowhere in its view goes: PlotItem's layout has the title in row 0, the
# top axis in 1, the view in 2 and the bottom axis in 3; row 4 is free. It spans every column: the
# legend's width is the least its cell can have, and in the view's column alone that made a wide
# legend hold its plot wider than the window after a resize.
LEGEND_OUTSIDE_ROW = 4
LEGEND_OUTSIDE_PADDING = 1  # px inside the frame of a legend outside its view


def _shows_an_image(view) -> bool:
    """Whether the view draws a heatmap (an ImageItem with an image): a legend over it hides data
    wherever it sits."""
    return any(isinstance(item, pg.ImageItem) and item.image is not None and item.isVisible()
               for item in getattr(view, "addedItems", ()))


def _is_on_screen(item) -> bool:
    """Whether the item's scene is shown in a visible view. Before a window is shown its plots
    have a provisional size (a child widget starts at 100x30 px): too small to decide anything."""
    scene = item.scene()
    return scene is not None and any(v.isVisible() for v in scene.views())


ELLIPSIS = "\u2026"


def elided_to_fit(text: str, room: float, width_of) -> str:
    """``text`` whole when ``width_of(text)`` is at most ``room``, else its longest start followed by
    "…" that is (at least the ellipsis alone)."""
    if width_of(text) <= room:
        return text
    lo, hi = 0, len(text)  # the longest start that fits with the ellipsis: lo fits (or is 0), hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if width_of(text[:mid].rstrip() + ELLIPSIS) <= room else (lo, mid)
    return text[:lo].rstrip() + ELLIPSIS


def _label_width(label: pg.LabelItem, text: str) -> float:
    """The width ``label`` draws ``text`` in (with its own size and colour)."""
    label.setText(text)
    return label.item.boundingRect().width()


class AppLegendItem(pg.LegendItem):
    """A legend whose names are shown in the UI language (the English kept for a switch), and
    that never lies on the data: it sits in the corner of its view with the fewest data points
    under it (``free_corner``), and when no corner is free and the auto-range cannot keep a band
    free for it (a fixed range, a heatmap, a legend too big for its view) it moves out of the
    view, under the bottom axis (``move_outside``), and stays there."""

    free_corner = False
    outside = False  # laid out under the plot's bottom axis instead of anchored in its view
    _plot = None  # the AppPlotItem whose data it keeps clear of
    _placed_at = 0.0
    _outside_width = None  # the width its columns were last fitted to, outside

    def place_in_free_corner(self, force: bool = True) -> None:
        """Move to the corner of the view box (of four) with the fewest points under the legend;
        on a tie the corner it is in now (the one the plot asked for first). Unless ``force`` (the
        view's range changed), at most once per LEGEND_PLACE_EVERY_S: it counts every point.
        When every corner has points under it and no band is kept free above the data, or the
        legend does not fit its view, or the view is a heatmap, it moves outside for good."""
        plot, view = self._plot, self.parentItem()
        now = time.monotonic()
        if not self.free_corner or self.outside or view is None or plot is None:
            return
        if not self.items or not self.isVisible():
            return
        if not _is_on_screen(self):
            return
        if not force and now - self._placed_at < LEGEND_PLACE_EVERY_S:
            return
        self._placed_at = now
        if _shows_an_image(view) or not self._fits_in(view):
            self.move_outside()
            return
        size = self.boundingRect().size()
        shown = view.boundingRect()  # the view box, in its own pixels
        points = [_points_in_view_pixels(item, view) for item in plot.listDataItems() if item.isVisible()]
        xs = np.concatenate([p[0] for p in points]) if points else np.empty(0)
        ys = np.concatenate([p[1] for p in points]) if points else np.empty(0)
        current = self._corner()
        best, fewest = current, None
        for corner in [current] + [c for c in CORNERS if c != current]:
            left = LEGEND_MARGIN if corner[0] == 0 else shown.width() - LEGEND_MARGIN - size.width()
            top = LEGEND_MARGIN if corner[1] == 0 else shown.height() - LEGEND_MARGIN - size.height()
            under = int(np.count_nonzero((xs >= left) & (xs <= left + size.width())
                                         & (ys >= top) & (ys <= top + size.height())))
            if fewest is None or under < fewest:
                best, fewest = corner, under
        if fewest and not self._band_kept_free(view):
            self.move_outside()
            return
        if best != current or not getattr(self, "_placed_once", False):
            self._placed_once = True
            offset = (LEGEND_MARGIN if best[0] == 0 else -LEGEND_MARGIN, LEGEND_MARGIN if best[1] == 0 else -LEGEND_MARGIN)
            self.anchor(itemPos=best, parentPos=best, offset=offset)

    _painted = False

    def paint(self, p, *args) -> None:
        # A plot's ranges are often set before its window is shown, when nothing can be decided
        # (``_is_on_screen``), or while it is being laid out, when the view's transform still
        # lags; and often nothing changes after. The first paint is the sign that it is shown and
        # settled. (Placing waits for the event loop: a paint must not move what it paints.)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.place_in_free_corner)  # cancelled if the legend goes first
        super().paint(p, *args)

    def _fits_in(self, view) -> bool:
        """Whether the legend, with its margins, fits inside the view box."""
        size, shown = self.boundingRect().size(), view.boundingRect()
        return (size.width() + 2 * LEGEND_MARGIN <= shown.width()
                and size.height() + 2 * LEGEND_MARGIN <= shown.height())

    def _band_kept_free(self, view) -> bool:
        """Whether the view's auto-range keeps a band above the data as tall as the legend
        (AppViewBox._above_for_legend): then the top corners clear as soon as the range follows,
        and points under the legend now are a frame's lag, not a reason to leave."""
        return (getattr(view, "legend_to_keep_clear", None) is self and bool(view.state["autoRange"][1])
                and not view.state["yInverted"] and not view.state["aspectLocked"]
                and self.boundingRect().height() + 2 * LEGEND_MARGIN <= LEGEND_BAND_MOST * view.height())

    def move_outside(self) -> None:
        """Leave the view for the plot's own layout, under the bottom axis (LEGEND_OUTSIDE_CELL),
        with as many columns as the view's width allows. One way: a legend that went back in as
        soon as a corner cleared would re-lay its plot out again and again as the data moves."""
        plot = self._plot
        if self.outside or plot is None:
            return
        self.outside = True
        if getattr(plot.vb, "legend_to_keep_clear", None) is self:
            plot.vb.legend_to_keep_clear = None  # no band above the data any more
        # GraphicsWidgetAnchor moves an anchored legend whenever its geometry changes, which the
        # layout now sets: without an anchor that hook does nothing (pyqtgraph's private state).
        self._GraphicsWidgetAnchor__itemAnchor = None
        # As wide as its entries ask at most, but never holding its plot wider (a narrower plot
        # refits the columns, fit_outside); as tall as they ask.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(0)
        # Under the axis every pixel of height is taken from the data: the tightest box that
        # still frames the names (Qt's default margins made a one-row legend 40 px tall).
        self.layout.setContentsMargins(*(LEGEND_OUTSIDE_PADDING,) * 4)
        plot.layout.addItem(self, LEGEND_OUTSIDE_ROW, 0, 1, max(3, plot.layout.columnCount()))
        plot.layout.setAlignment(self, Qt.AlignmentFlag.AlignHCenter)
        self.fit_outside(force=True)
        plot.vb.update()

    def fit_outside(self, force: bool = False) -> None:
        """Outside, spread the names over as many columns as the plot's width takes (a legend
        one row high costs the data the least height); again only when that width changed."""
        width = self._plot.width() - 2 * LEGEND_MARGIN if self._plot is not None else 0
        if not self.outside or width <= 0 or (not force and width == self._outside_width):
            return
        self._outside_width = width
        self._show_whole_names()
        self.fit_columns(width, 0)
        if self._preferred_size().width() > width:  # one column is too wide: its names are cut
            self._elide_names(width)

    def _show_whole_names(self) -> None:
        for _, label in self.items:
            whole = tr_message(label.source) if getattr(label, "source", None) else label.text
            if label.text != whole:
                label.setText(whole)
            label.setToolTip("")

    def _elide_names(self, width: float) -> None:
        """Cut the names wider than a legend ``width`` px wide has room for to their start and "…",
        each whole in its tooltip (a name cut at the frame could not be read at all)."""
        widths = [label.item.boundingRect().width() for _, label in self.items]
        room = max(widths) - (self._preferred_size().width() - width)
        for (_, label), used in zip(self.items, widths):
            if used > room:
                whole = label.text
                label.setText(elided_to_fit(whole, room, lambda text: _label_width(label, text)))
                label.setToolTip(whole)
        self.updateSize()

    def updateSize(self) -> None:  # noqa: N802 - pyqtgraph's name
        """LegendItem.updateSize, except outside: there the plot's layout gives the legend its
        place and size (the size its entries ask for), and a setGeometry here would move it to
        the plot's top left corner until the next layout pass."""
        if not self.outside:
            super().updateSize()
            return
        self.layout.invalidate()
        self.updateGeometry()

    def _preferred_size(self):
        """The size the legend's entries ask for, as the plot's layout will give it outside."""
        return self.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)

    def fit_columns(self, width: float, height: float) -> None:
        """The fewest columns that bring the legend under ``height`` px while it stays narrower
        than ``width`` px (one column when nothing does)."""
        best = 1
        for columns in range(1, len(self.items) + 1):
            self.setColumnCount(columns)
            self.updateSize()
            size = self._preferred_size() if self.outside else self.boundingRect().size()
            if size.width() > width:
                break
            best = columns
            if size.height() <= height:
                break
        if self.columnCount != best:
            self.setColumnCount(best)
            self.updateSize()

    def _corner(self) -> tuple[int, int]:
        """The corner (x 0 left / 1 right, y 0 top / 1 bottom) the legend's offset asks for."""
        offset = self.opts.get("offset") or (LEGEND_MARGIN, LEGEND_MARGIN)
        return (1 if offset[0] < 0 else 0, 1 if offset[1] < 0 else 0)

    def anchor(self, itemPos, parentPos, offset=(0, 0)) -> None:  # noqa: N802 - pyqtgraph's name
        super().anchor(itemPos, parentPos, offset)
        self.opts["offset"] = tuple(offset)  # the corner it is in, for the next placement

    def addItem(self, item, name) -> None:  # noqa: N802 - pyqtgraph's name
        super().addItem(item, tr_message(name))
        self.items[-1][1].source = name
        if self.outside:  # a name added outside (a new run's series) gets the columns refitted
            self.fit_outside(force=True)

    def rename(self, item, name: str) -> None:
        """Show ``name`` (English) for ``item``'s entry, in the UI language."""
        label = self.getLabel(item)
        label.source = name
        label.setText(tr_message(name))
        if self.outside:
            self.fit_outside(force=True)

    def retranslate(self) -> None:
        for _, label in self.items:
            if getattr(label, "source", None):
                label.setText(tr_message(label.source))
        if self.outside:  # names of another length: columns and cuts fitted again
            self.fit_outside(force=True)


TITLE_MARGIN_PX = 4  # room kept on each side of an elided title


def title_height_only_min(label: pg.LabelItem) -> None:
    """LabelItem.updateMin without the width: the title may be cut, the plot is not widened."""
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


class AppPlotItem(pg.PlotItem):
    """A PlotItem built from the app's view box and axes; ``plot()`` adds AppPlotDataItems."""

    def __init__(self, parent=None, name=None, labels=None, title=None, viewBox=None, axisItems=None,
                 enableMenu=True, **kwargs) -> None:
        if viewBox is None:
            viewBox = AppViewBox(enableMenu=enableMenu)
        given = dict(axisItems or {})
        # PlotItem builds a plain axis for each side it is not given, and shows every side it is.
        axes = {side: given.get(side) or AppAxisItem(orientation=side) for side in SIDES}
        super().__init__(parent, name, labels, title, viewBox, axes, enableMenu, **kwargs)
        for side in ("right", "top"):
            if side not in given:
                self.hideAxis(side)
        # The layout sizes the view box's column (the title's) after the plot: fit the title then.
        # (A bound method, not a lambda: a lambda holding the plot kept it alive into Qt's teardown.)
        self.vb.sigResized.connect(self._view_resized)

    def setTitle(self, title=None, **args) -> None:  # noqa: N802 - Qt's name
        """The title in the UI language; the English source is kept for a language switch.

        A title never widens its plot (pyqtgraph made its width the plot's minimum, so a long one
        pushed a colour bar out of sight); one wider than its plot is cut with an ellipsis and its
        whole text is the tooltip (``fit_title``, again at every resize)."""
        self.title_source = title
        label = self.titleLabel
        if "updateMin" not in label.__dict__:  # LabelItem calls updateMin on every text change and resize
            label.updateMin = lambda: title_height_only_min(label)
        self.title_full = tr_message(title) if title else title
        super().setTitle(self.title_full, **args)
        self.fit_title()

    def _view_resized(self, *_) -> None:
        self.fit_title()

    def fit_title(self) -> None:
        """Show as much of the title as fits the plot's width: all of it, or its start and "…"."""
        label, full = self.titleLabel, getattr(self, "title_full", None)
        room = self.vb.width() - 2 * TITLE_MARGIN_PX  # the title sits over the view box's column
        if not full or room <= 0:
            return
        if label.text != full:
            label.setText(full)
        if label.item.boundingRect().width() <= room:
            label.setToolTip("")
            return
        lo, hi = 0, len(full)  # the longest start that fits with the ellipsis: lo fits, hi does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            label.setText(full[:mid].rstrip() + "\u2026")
            lo, hi = (mid, hi) if label.item.boundingRect().width() <= room else (lo, mid)
        label.setText(full[:lo].rstrip() + "\u2026")
        label.setToolTip(full)


    def addLegend(self, offset=(30, 30), free_corner: bool = True, **kwargs) -> pg.LegendItem:  # noqa: N802
        """PlotItem.addLegend with a legend that shows its names in the UI language. With
        ``free_corner`` it starts in the corner ``offset`` names and moves, as the data or the
        range changes, to the corner of the view with the fewest points under it."""
        if self.legend is None:
            self.legend = AppLegendItem(offset=offset, **kwargs)
            self.legend.setParentItem(self.vb)
            self.legend._plot = self
            if free_corner:
                self.legend.free_corner = True
                self.vb.legend_to_keep_clear = self.legend
                # Bound methods, not lambdas: a lambda holding the plot kept it alive into Qt's
                # teardown (a segfault at interpreter exit).
                self.vb.sigRangeChanged.connect(self._place_legend)
                self.vb.sigResized.connect(self._place_legend)
                for item in self.listDataItems():
                    self._watch_for_legend(item)
        return self.legend

    def addItem(self, item, *args, **kwargs) -> None:  # noqa: N802 - pyqtgraph's name
        super().addItem(item, *args, **kwargs)
        if self.legend is not None and self.legend.free_corner:
            self._watch_for_legend(item)

    def _watch_for_legend(self, item) -> None:
        if hasattr(item, "sigPlotChanged"):
            item.sigPlotChanged.connect(self._data_changed_for_legend)

    def _place_legend(self, *_) -> None:
        """The view's range or size changed: a corner legend finds its corner again, one outside
        spreads over the view's new width."""
        legend = self.legend
        if legend is None:
            return
        if legend.outside:
            legend.fit_outside()
        else:
            legend.place_in_free_corner()

    def _data_changed_for_legend(self, *_) -> None:
        if self.legend is not None:
            self.legend.place_in_free_corner(force=False)

    def plot(self, *args, **kwargs) -> AppPlotDataItem:
        """PlotItem.plot with the app's data item."""
        if kwargs.get("clear", False):
            self.clear()
        item = AppPlotDataItem(*args, **kwargs)
        self.addItem(item, params=kwargs.get("params") or {})
        return item


class AppPlotWidget(pg.PlotWidget):
    """A PlotWidget around an AppPlotItem."""

    def __init__(self, parent=None, background="default", plotItem=None, **kwargs) -> None:
        super().__init__(parent, background, plotItem if plotItem is not None else AppPlotItem(**kwargs))


class AppColorBarItem(pg.ColorBarItem, AppPlotItem):
    """A colour bar built on AppPlotItem (ColorBarItem is a PlotItem: its axes are the app's)."""


def add_plot(layout: pg.GraphicsLayout, row=None, col=None, rowspan: int = 1, colspan: int = 1,
             **kwargs) -> AppPlotItem:
    """GraphicsLayout.addPlot with the app's plot item."""
    plot = AppPlotItem(**kwargs)
    layout.addItem(plot, row, col, rowspan, colspan)
    return plot


# The pyqtgraph methods overridden above, with the parameter names they had in VERIFIED_PYQTGRAPH.
# Private ones are the risk: a release that renames one would silently turn its override off.
OVERRIDDEN = (
    (pg.AxisItem, "__init__", ("self", "orientation", "pen", "textPen", "tickPen", "linkView", "parent",
                               "maxTickLength", "showValues", "args")),
    (pg.AxisItem, "setRange", ("self", "mn", "mx")),
    (pg.AxisItem, "setLabel", ("self", "text", "units", "unitPrefix", "siPrefixEnableRanges", "unitPower",
                               "kwargs")),
    (pg.AxisItem, "show", ("self",)),
    (pg.AxisItem, "tickValues", ("self", "minVal", "maxVal", "size")),
    (pg.AxisItem, "setGrid", ("self", "grid")),
    (pg.AxisItem, "generateDrawSpecs", ("self", "p")),
    (pg.ViewBox, "updateAutoRange", ("self",)),
    (pg.PlotCurveItem, "_shouldUseDrawLineSegments", ("self", "pen")),
    (SymbolAtlas, "__getitem__", ("self", "styles")),
    (pg.ScatterPlotItem, "__init__", ("self", "args", "kargs")),
    (pg.PlotDataItem, "__init__", ("self", "args", "kwargs")),
    (pg.LegendItem, "updateSize", ("self",)),
    (pg.LegendItem, "paint", ("self", "p", "args")),
    (pg.PlotItem, "__init__", ("self", "parent", "name", "labels", "title", "viewBox", "axisItems",
                               "enableMenu", "kwargs")),
    (pg.PlotItem, "plot", ("self", "args", "kwargs")),
    (pg.PlotWidget, "__init__", ("self", "parent", "background", "plotItem", "kargs")),
    (pg.GraphicsLayout, "addPlot", ("self", "row", "col", "rowspan", "colspan", "kargs")),
)

check_pyqtgraph_version()
