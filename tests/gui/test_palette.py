"""The palettes: every text role reaches WCAG AA (4.5:1) on every background it is drawn on, in the
light and dark themes and in presentation mode (which uses the theme's palette); series colours
reach 3:1 on the plot background as lines and 4.5:1 as text."""

import pytest

from widgets import theme
from widgets.theme import DARK, LIGHT, TEXT_ON, background_of, contrast_ratio

# Presentation mode is the dark palette with bigger type (widgets/classroom.py).
PALETTES = {"light": LIGHT, "dark": DARK, "presentation": theme.THEMES["dark"]}


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert contrast_ratio("#0072B2", "#ffffff") == pytest.approx(5.19, abs=0.01)
    assert contrast_ratio((255, 255, 255), "#000") == contrast_ratio("#000000", (255, 255, 255, 255))
    # A translucent colour counts as drawn over the background: half-white over black is mid grey.
    assert contrast_ratio((255, 255, 255, 128), "#000000") == pytest.approx(contrast_ratio("#808080", "#000000"), abs=0.02)


def test_contrast_ratio_refuses_what_is_not_a_colour():
    with pytest.raises(ValueError, match="not a colour"):
        contrast_ratio("#12345", "#ffffff")


@pytest.mark.parametrize("name", PALETTES)
def test_every_text_role_reads_on_every_background_it_is_drawn_on(name):
    palette = PALETTES[name]
    failures = []
    for role, backgrounds in TEXT_ON.items():
        for background in backgrounds:
            unders = [None, *palette.series] if background == "legend" else [None]
            for under in unders:  # a legend may lie over any data line
                ratio = contrast_ratio(getattr(palette, role), background_of(palette, background, under))
                if ratio < 4.5:
                    failures.append(f"{role} on {background} (over {under}): {ratio:.2f}")
    assert not failures, failures


@pytest.mark.parametrize("name", PALETTES)
def test_series_colours_read_as_lines_and_as_text_on_the_plot_background(name):
    palette = PALETTES[name]
    assert len(palette.series) == 12 and len(set(palette.series)) == 12
    for index, colour in enumerate(palette.series):
        assert contrast_ratio(colour, palette.plot_background) >= 3.0, (index, colour)
        assert contrast_ratio(palette.series_text(index), palette.plot_background) >= 4.5, (index, colour)


def test_the_light_series_are_darker_variants_of_the_same_hues():
    """The first round drew Okabe-Ito's orange (2:1) and yellow (1.2:1) on white."""
    assert contrast_ratio("#E69F00", "#ffffff") < 3 and contrast_ratio("#F0E442", "#ffffff") < 3
    for light, dark in zip(LIGHT.series, DARK.series):
        assert theme.relative_luminance(light) <= theme.relative_luminance(dark) + 1e-9


def test_qt_palette_sets_the_roles_dark_widgets_read_with(qapp):
    from PySide6.QtGui import QPalette

    qp = theme.qt_palette(DARK)
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    window, base = qp.color(role.Window).name(), qp.color(role.Base).name()
    for text_role, on in ((role.WindowText, window), (role.Text, base), (role.ButtonText, qp.color(role.Button).name()),
                          (role.PlaceholderText, base), (role.ToolTipText, qp.color(role.ToolTipBase).name()),
                          (role.HighlightedText, qp.color(role.Highlight).name())):
        assert contrast_ratio(qp.color(text_role).name(), on) >= 4.5, text_role
    assert contrast_ratio(qp.color(group.Disabled, role.Text).name(), base) >= 4.5
    assert contrast_ratio(qp.color(group.Disabled, role.WindowText).name(), window) >= 4.5


def test_a_theme_switch_recolours_series_and_neutral_lines(qapp):
    """A curve built in the light theme takes the dark theme's colour of the same role, and back."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from widgets.live_plot import make_plot

    holder = QWidget()
    plot = make_plot()
    QVBoxLayout(holder).addWidget(plot)
    series = plot.plot([0, 1], [0, 1], pen=pg.mkPen(LIGHT.series[0]))
    track = plot.plot([0, 1], [1, 0], pen=pg.mkPen(LIGHT.muted_text))
    other = plot.plot([0, 1], [1, 1], pen=pg.mkPen("#123456"))
    theme.style_plots(holder, DARK, 1.0)
    assert series.opts["pen"].color().name().upper() == DARK.series[0].upper()
    assert track.opts["pen"].color().name() == DARK.muted_text
    assert other.opts["pen"].color().name() == "#123456"
    theme.style_plots(holder, LIGHT, 1.0)
    assert series.opts["pen"].color().name().upper() == LIGHT.series[0].upper()


def test_style_sheet_font_sizes_scale_and_a_sheet_changed_since_is_the_new_original(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel("status")
    label.setStyleSheet("font-size: 14pt; color: palette(text)")
    theme.style_widgets(label, 1.6)
    assert label.styleSheet() == "font-size: 22.4pt; color: palette(text)"
    theme.style_widgets(label, 1.0)
    assert label.styleSheet() == "font-size: 14pt; color: palette(text)"
    label.setStyleSheet("font-size: 10px")  # the widget's own change
    theme.style_widgets(label, 2.0)
    assert label.styleSheet() == "font-size: 20px"


def test_a_presentation_sized_title_is_cut_at_its_plot_and_its_row_fits_it(qapp):
    """Bigger titles ran over the neighbouring plot's title, and pyqtgraph's 30 px title row cut them."""
    from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

    from widgets.live_plot import make_plot

    holder = QWidget()
    plot = make_plot("a title far longer than the plot it sits on is wide " * 3)
    QVBoxLayout(holder).addWidget(plot)
    theme.style_plots(holder, DARK, 3.0)
    label = plot.getPlotItem().titleLabel
    assert label.flags() & QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape
    assert label.maximumHeight() >= label.item.boundingRect().height() > 30
