"""The window as drawn in the dark theme and in presentation mode: every text it shows reads (WCAG
AA, 4.5:1, measured on the rendered pixels for widgets and from the drawn colours for plot text),
and every plot text grows with presentation mode, titles never smaller than their ticks.

Before the palette (issue 20): section headers and readouts kept the light theme's dark text on the
dark window, plot titles stayed 11pt while the ticks grew, legends were 8pt in presentation mode.
"""

import re

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from superqt import QCollapsible

from widgets import theme
from widgets.readout import ReadoutLabel
from widgets.theme import contrast_ratio

PANELS = ("bandits", "network", "attention")


def _pixels(widget, window) -> np.ndarray:
    """The widget as the window shows it: cut from a grab of the window, so what its parents paint
    behind it counts (a grab of the widget alone fills in its own, possibly stale, palette)."""
    shown = widget.visibleRegion().boundingRect()  # the part not scrolled or clipped away
    area = QRect(widget.mapTo(window, shown.topLeft()), shown.size())
    if area.width() < 8 or area.height() < 8:
        return np.zeros((0, 3))
    image = window.grab(area).toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    raw = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * height)
    rgb = raw.reshape(height, image.bytesPerLine() // 4, 4)[:, :width, 2::-1]  # BGRA -> RGB
    return rgb[3:-3, 3:-3].reshape(-1, 3)  # inside a button's frame: the face the text is drawn on


def _luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def drawn_contrast(widget, window) -> float:
    """The contrast of a widget's text as rendered: the commonest colour inside its frame (the
    background) against the pixel that differs from it most (the core of a glyph's stroke)."""
    rgb = _pixels(widget, window)
    if len(rgb) == 0:
        return 21.0  # nothing of it is on screen
    colours, counts = np.unique(rgb, axis=0, return_counts=True)
    background = colours[counts.argmax()]
    lum, bg = _luminance(rgb), _luminance(background[None, :])[0]
    ratios = (np.maximum(lum, bg) + 0.05) / (np.minimum(lum, bg) + 0.05)
    return float(ratios.max())


def _html_colour(document_item) -> QColor:
    found = re.findall(r"color:\s*(#[0-9a-fA-F]{6,8})", document_item.toHtml())
    assert found, document_item.toHtml()
    return QColor(found[-1])


def _points(size: str) -> float:
    return float(size.removesuffix("pt"))


def _plot_items(panel):
    for widget in panel.findChildren(pg.PlotWidget):  # shown or on a sub-tab not shown now
        yield widget, widget.getPlotItem()


def _texts_on_widgets(window):
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text().strip() and label.width() > 8 and label.height() > 8 \
                and label.pixmap().isNull():
            yield label
    for section in window.findChildren(QCollapsible):
        for button in section.findChildren(QAbstractButton):
            if button.isVisible() and button.text().strip() and button.height() > 8:
                yield button


def _show_in_the_light_theme(window) -> None:
    """Each panel shown (and so polished) before the switch, as a person would have: a widget
    polished in the light theme is what kept its dark text."""
    for key in PANELS:
        window.show_panel(key)
        QApplication.processEvents()


@pytest.mark.parametrize("presentation", [False, True], ids=["dark", "presentation"])
def test_every_widget_text_in_the_window_reads_on_its_background(window, qtbot, presentation):
    _show_in_the_light_theme(window)
    window.apply_look("dark")
    window.set_presentation(presentation)
    try:
        failures = []
        for key in PANELS:
            window.show_panel(key)
            QApplication.processEvents()
            for widget in _texts_on_widgets(window):
                ratio = drawn_contrast(widget, window)
                if ratio < 4.5:
                    failures.append(f"{key}: {type(widget).__name__} {widget.text()[:30]!r}: {ratio:.2f}")
        assert not failures, failures
    finally:
        window.set_presentation(False)
        window.apply_look("light")


def test_every_plot_text_reads_and_titles_are_never_smaller_than_ticks(window, qtbot):
    _show_in_the_light_theme(window)
    window.apply_look("dark")
    window.set_presentation(True)  # (undone before the test ends: qtbot closes the window first)
    QApplication.processEvents()
    try:
        _check_plot_texts(window)
    finally:
        window.set_presentation(False)
        window.apply_look("light")


def _check_plot_texts(window) -> None:
    assert theme.current() is theme.DARK
    checked = 0
    for key in PANELS:
        panel = window.panel(key)
        for widget, item in _plot_items(panel):
            background = widget.backgroundBrush().color()
            tick_points = item.getAxis("bottom").style["tickFont"].pointSizeF()
            if item.titleLabel.isVisible() and item.titleLabel.text:
                assert contrast_ratio(_html_colour(item.titleLabel.item), background) >= 4.5
                assert _points(item.titleLabel.opts["size"]) >= tick_points, item.titleLabel.text
                checked += 1
            for name in ("left", "bottom"):
                axis = item.getAxis(name)
                assert contrast_ratio(axis.textPen().color(), background) >= 4.5
                if axis.isVisible() and axis.label.isVisible() and axis.labelText:
                    assert contrast_ratio(_html_colour(axis.label), background) >= 4.5, axis.labelText
                    assert axis.label.font().pointSizeF() >= tick_points
            if item.legend is not None:
                box = theme.over(item.legend.opts["brush"].color(), background)
                for _, label in item.legend.items:
                    assert contrast_ratio(_html_colour(label.item), box) >= 4.5, label.text
                    assert _points(label.opts["size"]) == pytest.approx(theme.point_size(theme.LEGEND_SIZE, 1.6))
            for child in item.vb.addedItems:
                if isinstance(child, pg.TextItem) and getattr(child, "text_role", None) != "heatmap_text" \
                        and child.fill.style() == pg.QtCore.Qt.BrushStyle.NoBrush and child.toPlainText():
                    assert contrast_ratio(child.color, background) >= 4.5, child.toPlainText()
    assert checked >= 5


def test_presentation_scales_every_text_element(window, qtbot):
    """Titles, axis labels, ticks, legends, readouts and the status bar all grow by the same scale."""
    panel = window.panel("attention")
    bandits = window.panel("bandits")
    _, item = next(_plot_items(bandits))
    legend_item = next(i for _, i in _plot_items(bandits) if i.legend is not None)
    readout = panel.findChildren(ReadoutLabel)[0]

    def sizes():
        QApplication.processEvents()
        return {"title": _points(item.titleLabel.opts["size"]),
                "tick": item.getAxis("bottom").style["tickFont"].pointSizeF(),
                "axis label": item.getAxis("bottom").label.font().pointSizeF(),
                "legend": _points(legend_item.legend.opts["labelTextSize"]),
                "readout": float(re.search(r"font-size: (\d+)px", readout.styleSheet()).group(1)),
                "status bar": window.status_step.font().pointSizeF()}

    before = sizes()
    window.set_presentation(True)
    try:
        during = sizes()
    finally:
        window.set_presentation(False)
    for name in before:
        assert during[name] == pytest.approx(before[name] * theme.PRESENTATION_SCALE, rel=0.08), name
    assert during["title"] >= during["tick"] and before["title"] >= before["tick"]
    assert sizes() == before


def test_an_unticked_checkbox_stands_out_on_the_dark_window(qtbot):
    """Fusion's unticked box on the dark theme: Base fill, rim a shade darker than the window (1.3:1)."""
    from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

    theme.apply_palette(QApplication.instance(), theme.DARK)
    try:
        holder = QWidget()
        box = QCheckBox("x1\u00b2")
        QVBoxLayout(holder).addWidget(box)
        qtbot.addWidget(holder)
        theme.style_widgets(holder, 1.0)
        holder.show()
        qtbot.waitExposed(holder)
        rgb = _pixels(box, holder)
        left = rgb.reshape(box.height() - 6, box.width() - 6, 3)[:, :12].reshape(-1, 3)  # the indicator, not the text
        window = np.array([int(theme.DARK.window[i:i + 2], 16) for i in (1, 3, 5)])
        lum, bg = _luminance(left), _luminance(window[None, :])[0]
        assert float(((np.maximum(lum, bg) + 0.05) / (np.minimum(lum, bg) + 0.05)).max()) >= 3.0
        holder.close()
    finally:
        theme.apply_palette(QApplication.instance(), theme.LIGHT)
