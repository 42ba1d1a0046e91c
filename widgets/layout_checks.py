"""Automatic layout checks over a shown window: what a person would see as broken in a screenshot.

Each check takes a widget (the main window, a panel, a plot) after it was drawn and returns
``Finding``s (kind, where, text). Nothing here changes what it inspects. The checks:

- ``clipped``: a plot title, an axis label or a QLabel whose text is wider than the room it has, or a
  legend cut by its plot's or its window's edge (or given less room than its names need);
- ``legend_over_data``: data points of a plot drawn under its legend;
- ``contrast``: text below WCAG AA (4.5:1) against the background it is drawn on;
- ``tick_overlap``: two tick labels of one axis drawn over each other;
- ``fractional_count_ticks``: an axis that counts (steps, episodes, arms, ...) labelled 2.5;
- ``empty_plot``: a plot with nothing to show after a run produced data;
- ``raw_dollar``: a ``$`` of unrendered math left in the lesson notes.

docs/pictures.md says how to run them over every preset (``playground shots``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from widgets.elided_label import ElidedLabel
from widgets.plot_items import COUNT_WORDS, item_points

MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text
SLACK_PX = 2.0  # rounding of font metrics against layout geometry (a glyph's side bearing is not clipped text)
# A `$` left in rendered notes; two in a line mean a formula the renderer did not turn into math.
DOLLAR_CONTEXT = 30


@dataclass(frozen=True)
class Finding:
    kind: str
    where: str
    text: str

    def line(self) -> str:
        return f"{self.kind}: {self.where}: {self.text}"


# Finding plots ---------------------------------------------------------------------------------
def visible_views(root: QWidget) -> list[pg.GraphicsView]:
    """pyqtgraph views under ``root`` that are shown (a hidden tab's views are not)."""
    views = _with_root(root, pg.GraphicsView)
    return [v for v in views if v.isVisible() and v.width() > 1 and v.height() > 1]


def _with_root(root: QWidget, kind) -> list:
    """Widgets of ``kind`` under ``root``, and ``root`` itself when it is one."""
    return ([root] if isinstance(root, kind) else []) + root.findChildren(kind)


def plot_items(view: pg.GraphicsView) -> list[pg.PlotItem]:
    """The plots of a view (colour bars, which are PlotItems too, are not plots of data)."""
    return [item for item in view.scene().items()
            if isinstance(item, pg.PlotItem) and not isinstance(item, pg.ColorBarItem) and item.isVisible()]


def plot_name(plot: pg.PlotItem) -> str:
    title = plot.titleLabel.item.toPlainText().strip() if plot.titleLabel is not None else ""
    if title:
        return f"plot {title!r}"
    labels = [plot.getAxis(side).labelText for side in ("left", "bottom") if plot.getAxis(side).labelText]
    return f"plot [{' / '.join(labels)}]" if labels else f"plot {plot.objectName() or type(plot).__name__}"


def _visible_scene_rect(view: pg.GraphicsView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


# (a) clipped text --------------------------------------------------------------------------------
def clipped_text(root: QWidget) -> list[Finding]:
    findings = []
    for view in visible_views(root):
        shown = _visible_scene_rect(view)
        for plot in plot_items(view):
            findings += _clipped_title(plot, shown)
            for side in ("left", "bottom", "right", "top"):
                findings += _clipped_axis_label(plot, side, shown)
            findings += _clipped_legend(plot, shown)
    for label in _with_root(root, QLabel):
        findings += _clipped_qlabel(label)
    return findings


def _clipped_title(plot: pg.PlotItem, shown: QRectF) -> list[Finding]:
    label = plot.titleLabel
    text = label.item.toPlainText().strip() if label is not None else ""
    if not text or not label.isVisible():
        return []
    if text.endswith("\u2026") and not label.toolTip():
        return [Finding("clipped", f"title of {plot_name(plot)}", f"{text!r} is cut and has no tooltip with the rest")]
    needed = text_width(label.item)
    # The title has the view box's column (pyqtgraph's layout), not the plot's whole width.
    room = label.mapRectToScene(label.boundingRect()).intersected(shown).width()
    if needed > room + SLACK_PX:
        return [Finding("clipped", f"title of {plot_name(plot)}", f"{text!r} needs {needed:.0f}px, has {room:.0f}px")]
    return []


def _clipped_axis_label(plot: pg.PlotItem, side: str, shown: QRectF) -> list[Finding]:
    axis = plot.getAxis(side)
    text = axis.label.toPlainText().strip()
    if not axis.isVisible() or not axis.label.isVisible() or not text:
        return []
    needed = text_width(axis.label)
    rect = axis.mapRectToScene(axis.boundingRect()).intersected(shown)
    room = rect.height() if side in ("left", "right") else rect.width()
    if needed > room + SLACK_PX:
        return [Finding("clipped", f"{side} axis label of {plot_name(plot)}",
                        f"{text!r} needs {needed:.0f}px, has {room:.0f}px")]
    return []


def _clipped_legend(plot: pg.PlotItem, shown: QRectF) -> list[Finding]:
    """A legend whose rectangle leaves the visible part of its view (the window's edge) or its plot
    (a neighbour's ground, or nothing), or that was given less room than its names ask for: its
    last rows or the ends of its names are not drawn. A name cut with "…" must have a tooltip."""
    legend = plot.legend
    if legend is None or not legend.isVisible() or not legend.items:
        return []
    where = f"legend of {plot_name(plot)}"
    box = legend.mapRectToScene(legend.boundingRect())
    slack = SLACK_PX
    for edge, room in (("the window's", shown), ("its plot's", plot.mapRectToScene(plot.boundingRect()))):
        if not room.adjusted(-slack, -slack, slack, slack).contains(box):
            return [Finding("clipped", where, f"cut by {edge} edge: {_rect_text(box)} is not inside {_rect_text(room)}")]
    # A legend in its plot's layout (the app's, outside its view) gets the size the layout gives it;
    # one in its view sizes itself to its names (pyqtgraph's updateSize).
    needed = legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
    has = legend.boundingRect().size()
    if getattr(legend, "outside", False) and needed.width() > has.width() + slack or needed.height() > has.height() + slack:
        return [Finding("clipped", where, f"its names need {needed.width():.0f}x{needed.height():.0f}px, "
                                          f"it has {has.width():.0f}x{has.height():.0f}px")]
    for _sample, label in legend.items:
        if label.text.endswith("\u2026") and not label.toolTip():
            return [Finding("clipped", where, f"{label.text!r} is cut and has no tooltip with the rest")]
    return []


def _rect_text(rect: QRectF) -> str:
    return f"({rect.left():.0f}, {rect.top():.0f})-({rect.right():.0f}, {rect.bottom():.0f})"


def text_width(item) -> float:
    """The width a QGraphicsTextItem's text takes laid out on one line. Its HTML sets the size
    (pyqtgraph writes font-size into a span), so the item's font alone would measure too small."""
    document = item.document().clone()
    document.setTextWidth(-1)
    return document.idealWidth()


def plain_text(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.PlainText or "<" not in text:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _clipped_qlabel(label: QLabel) -> list[Finding]:
    if not label.isVisible() or label.pixmap() is not None and not label.pixmap().isNull():
        return []
    text = plain_text(label).strip()
    if not text:
        return []
    room = label.contentsRect()
    metrics = QFontMetricsF(label.font())
    if label.wordWrap():
        # heightForWidth takes and gives the whole label's size, margins and padding included.
        needed_height = label.heightForWidth(label.width())
        if needed_height > label.height() + SLACK_PX:
            return [Finding("clipped", f"label {_short(text)!r}",
                            f"wrapped text needs {needed_height}px high, has {label.height()}px")]
        return []
    if isinstance(label, ElidedLabel):  # it draws what fits and "…"; the tooltip must hold the rest
        if label.is_elided() and label.text() not in label.toolTip():
            return [Finding("clipped", f"label {_short(text)!r}", "cut with no tooltip holding the rest")]
        return []
    needed = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    if needed > room.width() + SLACK_PX:
        return [Finding("clipped", f"label {_short(text)!r}", f"needs {needed:.0f}px, has {room.width()}px")]
    return []


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# (b) legends over data -----------------------------------------------------------------------------
def legends_over_data(root: QWidget) -> list[Finding]:
    findings = []
    for view in visible_views(root):
        for plot in plot_items(view):
            legend = plot.legend
            if legend is None or not legend.isVisible() or not legend.items:
                continue
            box = legend.mapRectToScene(legend.boundingRect())
            covered = sum(_points_inside(item, plot.vb, box) for item in plot.listDataItems() if item.isVisible())
            if covered:
                findings.append(Finding("legend_over_data", f"legend of {plot_name(plot)}",
                                        f"{covered} data point(s) under the legend"))
    return findings


def _points_inside(item, viewbox: pg.ViewBox, box: QRectF) -> int:
    x, y = item_points(item)
    if not len(x):
        return 0
    t = item.sceneTransform()  # data -> scene, through the view's own transform
    sx = t.m11() * x + t.m21() * y + t.dx()
    sy = t.m12() * x + t.m22() * y + t.dy()
    shown = viewbox.mapRectToScene(viewbox.boundingRect())
    inside_view = (sx >= shown.left()) & (sx <= shown.right()) & (sy >= shown.top()) & (sy <= shown.bottom())
    inside_box = (sx >= box.left()) & (sx <= box.right()) & (sy >= box.top()) & (sy <= box.bottom())
    return int(np.count_nonzero(inside_view & inside_box))


# (c) contrast --------------------------------------------------------------------------------------
def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio (1 to 21); a translucent foreground is first blended over the background."""
    fg = _over(foreground, background)
    light, dark = sorted((relative_luminance(fg), relative_luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _over(colour: QColor, background: QColor) -> QColor:
    a = colour.alphaF()
    return QColor.fromRgbF(a * colour.redF() + (1 - a) * background.redF(),
                           a * colour.greenF() + (1 - a) * background.greenF(),
                           a * colour.blueF() + (1 - a) * background.blueF())


# A colour in a style, and the text right after its tag (a span's own text).
HTML_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|[a-zA-Z]+)[^>]*>([^<]*)")


def html_colours(html: str) -> list[QColor]:
    """Colours the HTML writes text in. A colour given only to symbols (a legend's ━━ swatch in its
    curve's colour) is a picture of the line, not text to read, and is left out."""
    colours = []
    for spec, text in HTML_COLOUR.findall(html):
        if text and not re.search(r"\w", text):
            continue
        colour = _css_colour(spec)
        if colour.isValid():
            colours.append(colour)
    return colours


def _css_colour(spec: str) -> QColor:
    if spec.startswith("rgb"):
        parts = [float(p) for p in re.findall(r"[\d.]+", spec)]
        if len(parts) >= 3:
            alpha = parts[3] if len(parts) > 3 else 1.0
            return QColor.fromRgbF(parts[0] / 255, parts[1] / 255, parts[2] / 255, alpha if alpha <= 1 else alpha / 255)
        return QColor()
    return QColor(spec)


def low_contrast(root: QWidget, image_of=None) -> list[Finding]:
    """Texts of plots (titles, axis labels, tick labels, text items) and QLabels under 4.5:1.

    A text item inside a plot can lie on a heatmap: its background is read from the rendered view
    (``image_of(view)``, a QImage of the view; grabbed here when not given) around the text."""
    findings = []
    for view in visible_views(root):
        background = _view_background(view)
        image = image_of(view) if image_of is not None else view.grab().toImage()
        for plot in plot_items(view):
            name = plot_name(plot)
            if plot.titleLabel is not None and plot.titleLabel.item.toPlainText().strip():
                item = plot.titleLabel.item
                findings += _check_text(f"title of {name}", item.toPlainText(), _text_colours(item), background)
            for side in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(side)
                if not axis.isVisible():
                    continue
                if axis.style.get("showValues", True):
                    findings += _check_text(f"{side} tick labels of {name}", "ticks", [axis.textPen().color()], background)
                if axis.label.isVisible() and axis.label.toPlainText().strip():
                    findings += _check_text(f"{side} axis label of {name}", axis.label.toPlainText(),
                                            _text_colours(axis.label), background)
        for text_item in (i for i in view.scene().items() if isinstance(i, pg.TextItem) and i.isVisible()):
            text = text_item.textItem.toPlainText().strip()
            if not text:
                continue
            behind = _fill_colour(text_item) or _colour_around(text_item, view, image) or background
            findings += _check_text(f"text item in {type(view).__name__}", text, _text_colours(text_item.textItem), behind)
    for label in _with_root(root, QLabel):
        if label.isVisible() and plain_text(label).strip():
            behind = label.palette().color(label.backgroundRole())
            colours = html_colours(label.text()) or [label.palette().color(label.foregroundRole())]
            findings += _check_text(f"label {_short(plain_text(label))!r}", plain_text(label), colours, behind)
    return findings


def _check_text(where: str, text: str, colours: list[QColor], background: QColor) -> list[Finding]:
    worst = min((contrast_ratio(c, background) for c in colours), default=None)
    if worst is None or worst >= MIN_CONTRAST:
        return []
    return [Finding("contrast", where, f"{_short(text)!r}: {worst:.2f}:1 on {background.name()} (needs {MIN_CONTRAST}:1)")]


def _text_colours(item) -> list[QColor]:
    """The colours a QGraphicsTextItem draws in: those its HTML names, else its default colour."""
    return html_colours(item.toHtml()) or [item.defaultTextColor()]


def _view_background(view: pg.GraphicsView) -> QColor:
    brush = view.backgroundBrush()
    if brush.style() != Qt.BrushStyle.NoBrush:
        return brush.color()
    return pg.mkColor(pg.getConfigOption("background"))


def _fill_colour(text_item: pg.TextItem) -> QColor | None:
    fill = getattr(text_item, "fill", None)
    if fill is None or fill.style() == Qt.BrushStyle.NoBrush or fill.color().alpha() < 128:
        return None
    return fill.color()


def _colour_around(text_item, view: pg.GraphicsView, image: QImage) -> QColor | None:
    """The most common colour on a frame just outside the text's rectangle in the rendered view."""
    rect = view.mapFromScene(text_item.mapRectToScene(text_item.boundingRect())).boundingRect().adjusted(-2, -2, 2, 2)
    ratio = image.width() / max(1, view.width())  # a grab is in device pixels
    counts: dict[int, int] = {}
    for x in range(rect.left(), rect.right() + 1, 2):
        for y in (rect.top(), rect.bottom()):
            _count_pixel(image, x * ratio, y * ratio, counts)
    for y in range(rect.top(), rect.bottom() + 1, 2):
        for x in (rect.left(), rect.right()):
            _count_pixel(image, x * ratio, y * ratio, counts)
    if not counts:
        return None
    return QColor.fromRgb(max(counts, key=counts.get))


def _count_pixel(image: QImage, x: float, y: float, counts: dict[int, int]) -> None:
    x, y = int(x), int(y)
    if 0 <= x < image.width() and 0 <= y < image.height():
        rgb = image.pixel(x, y) & 0xFFFFFF
        counts[rgb] = counts.get(rgb, 0) + 1


# (d) and (e): tick labels ----------------------------------------------------------------------------
def tick_texts(axis: pg.AxisItem) -> list[tuple[QRectF, str]]:
    """The tick labels an axis draws now: (rectangle in the axis's coordinates, text)."""
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    if axis.style.get("tickFont") is not None:
        painter.setFont(axis.style["tickFont"])  # as AxisItem.paint does: the specs measure with it
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    if specs is None:
        return []
    return [(QRectF(rect), text) for rect, _flags, text in specs[2]]


def overlapping_ticks(root: QWidget) -> list[Finding]:
    findings = []
    for view in visible_views(root):
        for plot in plot_items(view):
            for side in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(side)
                if not axis.isVisible() or not axis.style.get("showValues", True):
                    continue
                texts = tick_texts(axis)
                clash = _first_overlap(texts, vertical=side in ("left", "right"))
                if clash:
                    findings.append(Finding("tick_overlap", f"{side} axis of {plot_name(plot)}",
                                            f"{clash[0]!r} and {clash[1]!r} overlap"))
    return findings


def _first_overlap(texts: list[tuple[QRectF, str]], vertical: bool) -> tuple[str, str] | None:
    spans = sorted(((r.top(), r.bottom(), t) if vertical else (r.left(), r.right(), t)) for r, t in texts)
    for (start_a, end_a, text_a), (start_b, _end_b, text_b) in zip(spans, spans[1:]):
        if start_b < end_a - SLACK_PX:
            return text_a, text_b
    return None


def fractional_count_ticks(root: QWidget) -> list[Finding]:
    """Axes named after a count whose tick labels are not whole numbers."""
    findings = []
    for view in visible_views(root):
        for plot in plot_items(view):
            for side in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(side)
                label = axis.label.toPlainText() if axis.label.isVisible() else ""
                if not axis.isVisible() or not COUNT_WORDS.search(label) or axis.logMode:
                    continue
                scale = axis.autoSIPrefixScale * axis.scale
                values = [_tick_value(t, scale) for _r, t in tick_texts(axis)]
                fractional = [v for v in values if v is not None and abs(v - round(v)) > 1e-6]
                if fractional:
                    shown = ", ".join(f"{v:g}" for v in fractional[:4])
                    findings.append(Finding("fractional_count_ticks", f"{side} axis {label.strip()!r} of {plot_name(plot)}",
                                            f"counts labelled {shown}"))
    return findings


def _tick_value(text: str, scale: float) -> float | None:
    """The value a tick label stands for (an SI-prefixed axis shows value x scale); None: not a number."""
    try:
        value = float(text.replace("\u2212", "-")) / (scale or 1.0)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# (f) empty plots -------------------------------------------------------------------------------------
def empty_plots(root: QWidget) -> list[Finding]:
    """Plots with nothing drawn in them: call after the run produced data."""
    findings = []
    for view in visible_views(root):
        for plot in plot_items(view):
            if not any(_shows_something(item) for item in plot.vb.addedItems if item.isVisible()):
                findings.append(Finding("empty_plot", plot_name(plot), "no data drawn after the run"))
    return findings


def _shows_something(item) -> bool:
    if isinstance(item, (pg.PlotDataItem, pg.PlotCurveItem, pg.ScatterPlotItem)):
        return len(item_points(item)[0]) > 0
    if isinstance(item, pg.ImageItem):
        return item.image is not None and item.image.size > 0
    if isinstance(item, pg.GraphItem):
        return item.pos is not None and len(item.pos) > 0
    if isinstance(item, pg.BarGraphItem):
        return any(v is not None and np.size(v) for k, v in item.opts.items() if k in ("height", "width", "x0", "x1"))
    if isinstance(item, pg.TextItem):
        return bool(item.textItem.toPlainText().strip())
    return False


# (g) raw dollars in the notes -------------------------------------------------------------------------
def raw_dollars(root: QWidget) -> list[Finding]:
    """A ``$`` in rendered lesson notes: math the renderer left as source."""
    findings = []
    for browser in _with_root(root, QTextBrowser):
        if not browser.isVisible():
            continue
        text = browser.toPlainText()
        for match in re.finditer(r"\$", text):
            start = max(0, match.start() - DOLLAR_CONTEXT)
            snippet = " ".join(text[start: match.end() + DOLLAR_CONTEXT].split())
            findings.append(Finding("raw_dollar", f"notes ({browser.objectName() or 'browser'})", f"…{snippet}…"))
    return findings


# All of them ----------------------------------------------------------------------------------------------
def check_window(root: QWidget, has_data: bool = True, image_of=None) -> list[Finding]:
    """Every check over ``root`` (``has_data``: the run produced data, so an empty plot is a finding)."""
    findings = clipped_text(root) + legends_over_data(root) + low_contrast(root, image_of)
    findings += overlapping_ticks(root) + fractional_count_ticks(root) + raw_dollars(root)
    if has_data:
        findings += empty_plots(root)
    return findings
