"""Light and dark palettes, and presentation mode: the same palette with bigger type and lines.

Every colour a widget or view draws text or data with comes from one ``Palette`` per theme, by
role. Each text role is chosen to reach WCAG AA (contrast >= 4.5:1) on every background it is
drawn on (``TEXT_ON``); series colours reach 3:1 on the plot background as lines and, through
``series_text``, 4.5:1 as text. tests/gui/test_palette.py checks all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QGraphicsItem, QWidget


@dataclass(frozen=True)
class Palette:
    name: str
    window: str              # window, docks, forms
    base: str                # text fields, lists, checkbox boxes (lighter than window in dark)
    plot_background: str
    text: str
    muted_text: str          # placeholders, disabled text, secondary notes
    grid: str
    axis: str                # axis lines and tick labels (tick labels are text: 4.5:1)
    accent: str              # selection and focus (Qt's Highlight)
    accent_text: str         # text on the accent
    series: tuple[str, ...]  # data colours, colour-blind-safe (Okabe-Ito, then Tableau)
    legend_background: str   # #RRGGBBAA, drawn over the plot (and its data)
    legend_border: str
    legend_text: str
    heatmap_text: str        # annotations on heatmap cells (the colour maps' light middle)
    warning_text: str
    error_text: str
    tooltip_background: str
    tooltip_text: str

    # The names the first round used.
    @property
    def plot_foreground(self) -> str:
        return self.axis

    @property
    def highlight(self) -> str:
        return self.accent

    def series_colour(self, index: int) -> str:
        return self.series[index % len(self.series)]

    def series_text(self, index: int) -> str:
        """A series colour made readable as text (4.5:1) on the plot background."""
        return readable_on(self.series_colour(index), self.plot_background)


# The dark theme's series are Okabe-Ito and Tableau as published (each >= 4:1 on black); on white
# the light ones (orange 2:1, yellow 1.2:1) vanished, so the light theme has darker variants.
DARK_SERIES = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
    "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728",
)
LIGHT_SERIES = (
    "#C77C00", "#3C93D0", "#009E73", "#9C8F00", "#0072B2", "#D55E00", "#B65C95", "#7F7F7F",
    "#1F77B4", "#E36C0A", "#2CA02C", "#D62728",
)

LIGHT = Palette(
    name="light", window="#f3f3f3", base="#ffffff", plot_background="#ffffff", text="#1a1a1a",
    muted_text="#595959", grid="#c8c8c8", axis="#202020", accent="#0063A0", accent_text="#ffffff",
    series=LIGHT_SERIES, legend_background="#ffffffeb", legend_border="#8a8a8a", legend_text="#1a1a1a",
    heatmap_text="#000000", warning_text="#8C5A00", error_text="#B00020",
    tooltip_background="#ffffdc", tooltip_text="#1a1a1a",
)
DARK = Palette(
    name="dark", window="#202124", base="#2d2f33", plot_background="#000000", text="#f0f0f0",
    muted_text="#b4b4b4", grid="#505050", axis="#f2f2f2", accent="#56B4E9", accent_text="#000000",
    series=DARK_SERIES, legend_background="#202124eb", legend_border="#8a8a8a", legend_text="#f0f0f0",
    heatmap_text="#000000", warning_text="#FFC24D", error_text="#FF7B7B",
    tooltip_background="#3a3c40", tooltip_text="#f0f0f0",
)
Theme = Palette  # the first round's name
THEMES = {"light": LIGHT, "dark": DARK}
PRESENTATION_SCALE = 1.6  # every text and line on a projector

# The backgrounds each text role is drawn on (the test checks every pair).
TEXT_ON = {
    "text": ("window", "base", "plot_background", "tooltip_background"),
    "muted_text": ("window", "base", "plot_background"),
    "axis": ("plot_background",),
    "accent_text": ("accent",),
    "legend_text": ("legend",),  # the legend box blended over the plot and over any data line
    "heatmap_text": ("heatmap_cell",),
    "warning_text": ("window", "base", "plot_background"),
    "error_text": ("window", "base", "plot_background"),
    "tooltip_text": ("tooltip_background",),
}
HEATMAP_CELL = "#e8eaeb"  # the darkest cell the colour maps give an annotation (their light middle)

# Type sizes relative to the application's base point size (times the presentation scale):
# a title is never smaller than the ticks it sits over.
TITLE_SIZE, LABEL_SIZE, TICK_SIZE, LEGEND_SIZE = 1.15, 1.0, 0.9, 0.9

_current = LIGHT


def current() -> Palette:
    """The palette the window shows now (views built later colour their data from it)."""
    return _current


# Contrast (WCAG 2.x) -----------------------------------------------------------------------------------


def rgba(colour) -> tuple[int, int, int, int]:
    """(r, g, b, a) of '#rgb', '#rrggbb', '#rrggbbaa', an (r, g, b[, a]) tuple or a QColor."""
    if isinstance(colour, QColor):
        return colour.red(), colour.green(), colour.blue(), colour.alpha()
    if isinstance(colour, str):
        digits = colour.lstrip("#")
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        if len(digits) not in (6, 8):
            raise ValueError(f"not a colour: {colour!r}")
        values = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        return tuple(values) if len(values) == 4 else (*values, 255)
    values = tuple(int(v) for v in colour)
    return values if len(values) == 4 else (*values, 255)


def over(colour, background) -> tuple[int, int, int]:
    """The opaque colour a translucent ``colour`` shows over an opaque ``background``."""
    r, g, b, a = rgba(colour)
    br, bg, bb, _ = rgba(background)
    k = a / 255
    return round(r * k + br * (1 - k)), round(g * k + bg * (1 - k)), round(b * k + bb * (1 - k))


def relative_luminance(colour) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = rgba(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(fg, bg) -> float:
    """WCAG 2.x contrast ratio, 1 to 21; a translucent ``fg`` is taken as drawn over ``bg``."""
    fg = over(fg, bg) if rgba(fg)[3] < 255 else fg
    high, low = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(colour, background, ratio: float = 4.5) -> str:
    """``colour`` moved toward black (on a light background) or white until it reaches ``ratio``."""
    target = (0, 0, 0) if relative_luminance(background) > 0.18 else (255, 255, 255)
    r, g, b, _ = rgba(colour)
    for step in range(21):
        k = step / 20
        mixed = tuple(round(c * (1 - k) + t * k) for c, t in zip((r, g, b), target))
        if contrast_ratio(mixed, background) >= ratio:
            break
    return "#%02x%02x%02x" % mixed


def background_of(palette: Palette, role: str, under=None) -> tuple[int, int, int]:
    """The opaque colour of background ``role`` (``under``: what a translucent legend lies on)."""
    if role == "legend":
        return over(palette.legend_background, under or palette.plot_background)
    if role == "heatmap_cell":
        return rgba(HEATMAP_CELL)[:3]
    return rgba(getattr(palette, role))[:3]


# Qt's palette and fonts ------------------------------------------------------------------------------------


def qt_palette(palette: Palette) -> QPalette:
    """Every role Qt's widgets draw text with, so checkboxes, placeholders, tooltips and the
    collapsible section headers read in both themes (unset roles kept Qt's light defaults)."""
    qp = QPalette()
    role = QPalette.ColorRole
    for name, value in ((role.Window, palette.window), (role.Base, palette.base),
                        (role.AlternateBase, palette.window), (role.Button, palette.base),
                        (role.WindowText, palette.text), (role.Text, palette.text),
                        (role.ButtonText, palette.text), (role.BrightText, palette.error_text),
                        (role.ToolTipBase, palette.tooltip_background), (role.ToolTipText, palette.tooltip_text),
                        (role.Highlight, palette.accent), (role.HighlightedText, palette.accent_text),
                        (role.PlaceholderText, palette.muted_text), (role.Link, palette.series_text(4)),
                        (role.LinkVisited, palette.series_text(6)), (role.Light, palette.legend_border),
                        (role.Midlight, palette.grid), (role.Mid, palette.grid), (role.Dark, palette.legend_border),
                        (role.Shadow, palette.legend_border)):
        qp.setColor(name, QColor(value))
    for name in (role.WindowText, role.Text, role.ButtonText):
        qp.setColor(QPalette.ColorGroup.Disabled, name, QColor(palette.muted_text))
    return qp


def apply_palette(app: QApplication, palette: Palette) -> None:
    global _current
    _current = palette
    app.setPalette(qt_palette(palette))
    pg.setConfigOptions(background=palette.plot_background, foreground=palette.axis)


def base_point_size() -> float:
    app = QApplication.instance()
    return app.property("base_point_size") or app.font().pointSizeF()


def apply_font_scale(app: QApplication, scale: float) -> None:
    if app.property("base_point_size") is None:
        app.setProperty("base_point_size", app.font().pointSizeF())
    font = QFont(app.font())
    font.setPointSizeF(base_point_size() * scale)
    app.setFont(font)


def point_size(kind: float, scale: float) -> float:
    """The point size of a kind of plot text (TITLE_SIZE, TICK_SIZE, ...) at ``scale``."""
    return round(base_point_size() * kind * scale, 1)


# Widgets ---------------------------------------------------------------------------------------------------


def style_panel(root: QWidget, palette: Palette, scale: float) -> None:
    """Everything under ``root``: its plots, and its widgets' colours and type sizes."""
    style_plots(root, palette, scale)
    style_widgets(root, scale)


def style_widgets(root: QWidget, scale: float) -> None:
    """Widgets with a style sheet (readouts, superqt's section headers) keep the palette and font
    they were polished with: a later app palette left their text dark on the dark theme. Setting
    the sheet again re-polishes them, with any ``font-size`` in it at ``scale``."""
    from widgets.readout import ReadoutLabel

    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, ReadoutLabel):
            widget.set_scale(scale)
        elif isinstance(widget, QCheckBox):
            widget.setStyleSheet(checkbox_sheet(current(), scale))
        elif widget.styleSheet():
            widget.setStyleSheet(scaled_sheet(widget, scale))


def checkbox_sheet(palette: Palette, scale: float) -> str:
    """Fusion draws an unticked box in the Base colour with a rim a shade darker than the window:
    on the dark theme it all but vanished. The dark theme gives it a rim in the muted text colour;
    the light theme keeps Qt's own drawing."""
    if palette is LIGHT:
        return ""
    side = round(12 * scale)
    return (f"QCheckBox::indicator:unchecked {{ border: 1px solid {palette.muted_text}; "
            f"background: {palette.base}; width: {side}px; height: {side}px; border-radius: 2px; }}")


def scaled_sheet(widget: QWidget, scale: float) -> str:
    """``widget``'s own sheet with its font sizes times ``scale``. The sheet as the widget last set
    it is remembered: one it changed since (a selection border, say) becomes the new original."""
    sheet = widget.styleSheet()
    original, applied = widget.property("sheet_at_scale_1"), widget.property("sheet_scaled")
    if original is None or sheet != applied:
        original = sheet
    scaled = _FONT_SIZE.sub(lambda m: f"font-size: {float(m.group(1)) * scale:g}{m.group(2)}", original)
    widget.setProperty("sheet_at_scale_1", original)
    widget.setProperty("sheet_scaled", scaled)
    return scaled


_FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)\s*(pt|px)")


# Plots -----------------------------------------------------------------------------------------------------


def style_plots(root: QWidget, palette: Palette, scale: float) -> None:
    """Restyle every pyqtgraph plot under ``root``: colours, every text's size, line widths."""
    tick_font = QFont()
    tick_font.setPointSizeF(point_size(TICK_SIZE, scale))
    label_font = QFont()
    label_font.setPointSizeF(point_size(LABEL_SIZE, scale))
    for widget in root.findChildren(pg.PlotWidget) + root.findChildren(pg.GraphicsLayoutWidget):
        widget.setBackground(palette.plot_background)
        items = [widget.getPlotItem()] if isinstance(widget, pg.PlotWidget) else [
            i for i in widget.ci.items if isinstance(i, pg.PlotItem)]
        for item in items:
            _style_axes(item, palette, tick_font, label_font)
            _style_title(item, palette, scale)
            if item.legend is not None:
                style_legend(item.legend, palette, scale)
            for curve in item.listDataItems():
                _recolour_series(curve, palette)
                _scale_pen(curve, scale)
            for child in item.vb.addedItems:
                if isinstance(child, pg.TextItem):
                    _style_text_item(child, palette, scale)


def _style_axes(item: pg.PlotItem, palette: Palette, tick_font: QFont, label_font: QFont) -> None:
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setPen(palette.axis)
        axis.setTextPen(palette.axis)
        axis.setStyle(tickFont=tick_font)
        if axis.label is not None:
            axis.label.setFont(label_font)
            axis.labelStyle.pop("font-size", None)  # a size in the label's HTML would beat the font


def _style_title(item: pg.PlotItem, palette: Palette, scale: float) -> None:
    """pyqtgraph writes a title's size (11pt) and colour into its HTML, so a font set on it did
    nothing: titles stayed 11pt while the ticks grew. Size and colour go into the HTML here."""
    label = item.titleLabel
    if label is None:
        return
    label.opts["size"] = f"{point_size(TITLE_SIZE, scale)}pt"
    # A long title may not widen its plot (live_plot.set_narrow_title); bigger, it ran over the
    # next plot's title. Cut at its own plot's edge (eliding with a tooltip is the layout's job).
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, True)
    label.opts["color"] = palette.text
    if getattr(item, "title_full", None):
        label.setText(item.title_full)
        item.fit_title()  # the new size may no longer fit
    elif label.text:
        label.setText(label.text)
    if label.isVisible() and label.maximumHeight() > 0:
        # setTitle fixes the title row at 30 px, which cut a presentation-sized title.
        height = max(30, int(label.item.boundingRect().height()) + 2)
        label.setMaximumHeight(height)
        item.layout.setRowFixedHeight(0, height)


def style_legend(legend: pg.LegendItem, palette: Palette, scale: float) -> None:
    """A legend box and its text from the palette, the text at the plots' legend size."""
    legend.opts["brush"] = pg.mkBrush(palette.legend_background)
    legend.opts["pen"] = pg.mkPen(palette.legend_border)
    legend.opts["labelTextColor"] = QColor(palette.legend_text)
    legend.opts["labelTextSize"] = f"{point_size(LEGEND_SIZE, scale)}pt"
    for _, label in legend.items:
        label.opts["color"] = QColor(palette.legend_text)
        label.opts["size"] = legend.opts["labelTextSize"]
        label.setText(label.text)
    legend.update()


def _style_text_item(text: pg.TextItem, palette: Palette, scale: float) -> None:
    """A free text in a plot, in the role its view gave it (``text_role``: 'heatmap_text' for
    annotations on cells, which keep their own colour); one without a role and without a box of
    its own lies on the plot background and takes the text colour."""
    role = getattr(text, "text_role", None)
    if role == "heatmap_text" or (role is None and text.fill.style() != pg.QtCore.Qt.BrushStyle.NoBrush):
        return  # sized to its cell, coloured against its cell or its own box
    base = getattr(text, "base_point_size", None)
    if base is None:
        base = text.textItem.font().pointSizeF()
        text.base_point_size = base
    font = QFont(text.textItem.font())
    font.setPointSizeF(base * scale)
    text.setFont(font)
    text.setColor(role_colour(palette, role or "text"))


def role_colour(palette: Palette, role: str) -> str:
    """A palette role by name; 'series_text:3' is series 3 made readable as text."""
    if role.startswith("series_text:"):
        return palette.series_text(int(role.split(":")[1]))
    return getattr(palette, role)


NEUTRAL_ROLES = ("text", "muted_text", "axis", "grid")  # line colours that follow the theme too


def _theme_colour_map(palette: Palette) -> dict[str, str]:
    """Every other theme's series and neutral colours -> this theme's colour in the same role."""
    mapping = {}
    for other in THEMES.values():
        if other is palette:
            continue
        mapping.update(zip((c.upper() for c in other.series), palette.series))
        mapping.update({getattr(other, r).upper(): getattr(palette, r) for r in NEUTRAL_ROLES})
    return mapping


def _recolour_series(curve, palette: Palette) -> None:
    """A curve drawn in another theme's colour of a series (or a neutral role) takes this theme's."""
    pen = curve.opts.get("pen") if hasattr(curve, "opts") else None
    if pen is None or isinstance(pen, (str, tuple)):
        return
    pen = pg.mkPen(pen)
    replacement = _theme_colour_map(palette).get(pen.color().name().upper())
    if replacement is not None:
        pen.setColor(QColor(replacement))
        curve.setPen(pen)


def _scale_pen(curve, scale: float) -> None:
    pen = curve.opts.get("pen") if hasattr(curve, "opts") else None
    if pen is None or isinstance(pen, (str, tuple)):
        return
    pen = pg.mkPen(pen)
    base = curve.property("base_width")
    if base is None:
        base = max(pen.widthF(), 1.0)
        curve.setProperty("base_width", base)
    pen.setWidthF(base * scale)
    curve.setPen(pen)

