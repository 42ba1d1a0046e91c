"""Light and dark themes, and presentation mode: bigger fonts and thicker lines for a projector."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    base: str
    text: str
    plot_background: str
    plot_foreground: str
    highlight: str


LIGHT = Theme("light", "#f3f3f3", "#ffffff", "#1a1a1a", "#ffffff", "#202020", "#0072B2")
DARK = Theme("dark", "#202124", "#17181a", "#f0f0f0", "#000000", "#f2f2f2", "#56B4E9")
THEMES = {"light": LIGHT, "dark": DARK}
PRESENTATION_SCALE = 1.6  # fonts and line widths on a projector


def apply_palette(app: QApplication, theme: Theme) -> None:
    palette = QPalette()
    for role, value in ((QPalette.ColorRole.Window, theme.window), (QPalette.ColorRole.Base, theme.base),
                        (QPalette.ColorRole.AlternateBase, theme.window), (QPalette.ColorRole.Button, theme.window),
                        (QPalette.ColorRole.WindowText, theme.text), (QPalette.ColorRole.Text, theme.text),
                        (QPalette.ColorRole.ButtonText, theme.text), (QPalette.ColorRole.ToolTipBase, theme.base),
                        (QPalette.ColorRole.ToolTipText, theme.text), (QPalette.ColorRole.Highlight, theme.highlight),
                        (QPalette.ColorRole.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    pg.setConfigOptions(background=theme.plot_background, foreground=theme.plot_foreground)


def base_point_size() -> float:
    app = QApplication.instance()
    return app.property("base_point_size") or app.font().pointSizeF()


def apply_font_scale(app: QApplication, scale: float) -> None:
    if app.property("base_point_size") is None:
        app.setProperty("base_point_size", app.font().pointSizeF())
    font = QFont(app.font())
    font.setPointSizeF(base_point_size() * scale)
    app.setFont(font)


def style_plots(root: QWidget, theme: Theme, scale: float) -> None:
    """Restyle every pyqtgraph plot under ``root``: colours, axis fonts, line widths."""
    tick_font = QFont()
    tick_font.setPointSizeF(base_point_size() * scale * 0.9)
    for widget in root.findChildren(pg.PlotWidget) + root.findChildren(pg.GraphicsLayoutWidget):
        widget.setBackground(theme.plot_background)
        items = [widget.getPlotItem()] if isinstance(widget, pg.PlotWidget) else [
            i for i in widget.ci.items if isinstance(i, pg.PlotItem)]
        for item in items:
            for name in ("left", "bottom", "right", "top"):
                axis = item.getAxis(name)
                axis.setPen(theme.plot_foreground)
                axis.setTextPen(theme.plot_foreground)
                axis.setStyle(tickFont=tick_font)
                if axis.label is not None:
                    axis.label.setFont(tick_font)
            if item.titleLabel is not None:
                item.titleLabel.item.setDefaultTextColor(QColor(theme.plot_foreground))
                if item.titleLabel.opts.get("color") is None and item.titleLabel.text:
                    # The title's HTML carries the foreground of when it was set: set it again.
                    item.titleLabel.setText(item.titleLabel.text)
                title_font = QFont(tick_font)
                title_font.setPointSizeF(tick_font.pointSizeF() * 1.1)
                item.titleLabel.item.setFont(title_font)
            for curve in item.listDataItems():
                _scale_pen(curve, scale)


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
