"""The app's pyqtgraph subclasses: each change they make, checked against the plain library item.

Every behaviour test runs the same steps on the app's item and on pyqtgraph's own, and expects
them to differ, so removing an override (or pyqtgraph renaming the private method it overrides)
fails a test instead of silently turning a speed-up off.
"""

import inspect
import warnings

import numpy as np
import pyqtgraph as pg
import pytest
from pyqtgraph.graphicsItems.ScatterPlotItem import SymbolAtlas
from PySide6.QtGui import QColor, QImage, QPainter, QPicture
from PySide6.QtWidgets import QGraphicsItem

from widgets import plot_items
from widgets.live_plot import make_plot
from widgets.plot_items import (
    GRID_Z, OVERRIDDEN, STICKY_HEADROOM, VERIFIED_PYQTGRAPH, AppAxisItem, AppColorBarItem, AppPlotCurveItem,
    AppPlotDataItem, AppPlotItem, AppPlotWidget, AppScatterPlotItem, AppSymbolAtlas, AppViewBox, add_plot,
    blend_over, check_pyqtgraph_version,
)

APP_CLASSES = {pg.AxisItem: AppAxisItem, pg.ViewBox: AppViewBox, pg.PlotDataItem: AppPlotDataItem,
               pg.PlotCurveItem: AppPlotCurveItem, pg.ScatterPlotItem: AppScatterPlotItem}


def library_items_in(widget) -> list[str]:
    """The pyqtgraph items in ``widget``'s scene that should be the app's subclass but are not."""
    return [f"{type(item).__name__} (want {app.__name__})" for item in widget.scene().items()
            for base, app in APP_CLASSES.items() if isinstance(item, base) and not isinstance(item, app)]


# --- the check against pyqtgraph's versions -----------------------------------------------------------

@pytest.mark.parametrize("base, name, params", OVERRIDDEN, ids=[f"{b.__name__}.{n}" for b, n, _ in OVERRIDDEN])
def test_each_overridden_method_keeps_its_verified_signature(base, name, params):
    method = getattr(base, name, None)
    assert method is not None, f"pyqtgraph {pg.__version__} has no {base.__name__}.{name}: its override is dead"
    assert tuple(inspect.signature(method).parameters) == params


def test_the_private_state_the_overrides_read_still_exists(qapp):
    view = pg.ViewBox()
    assert view._updatingRange is False and view._autoRangeNeedsUpdate in (True, False)
    assert {"autoRange", "autoVisibleOnly", "autoPan", "aspectLocked"} <= set(view.state)
    axis = pg.AxisItem("left")
    assert axis.picture is None and axis.labelText == "" and axis.labelUnits == "" and axis.labelUnitPrefix == ""
    assert axis.style["autoReduceTextSpace"] is True and callable(axis._updateWidth)
    assert axis._tickLevels is None  # None until setTicks: the axis makes its own ticks
    assert pg.PlotCurveItem().opts["segmentedLineMode"] == "auto"
    data = pg.PlotDataItem()
    assert data.opts["autoDownsampleFactor"] == 5.0
    assert callable(data.scatterClicked) and isinstance(data.curve, pg.PlotCurveItem)
    assert isinstance(pg.ScatterPlotItem().fragmentAtlas, SymbolAtlas)
    assert callable(SymbolAtlas()._keys)
    legend = pg.LegendItem()  # the anchor a legend outside its view turns off
    assert "_GraphicsWidgetAnchor__itemAnchor" in vars(legend)


def test_the_installed_pyqtgraph_is_one_the_items_were_verified_on():
    # Upgrading pyqtgraph fails here: run this file against the new release, then add it.
    assert check_pyqtgraph_version() is True
    assert pg.__version__ in VERIFIED_PYQTGRAPH


def test_an_unverified_pyqtgraph_warns_once(monkeypatch):
    monkeypatch.setattr(plot_items, "_version_warned", False)
    with pytest.warns(RuntimeWarning, match="pyqtgraph 9.9.9 is not one"):
        assert check_pyqtgraph_version("9.9.9") is False
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_pyqtgraph_version("9.9.9") is False  # once only
        assert check_pyqtgraph_version(VERIFIED_PYQTGRAPH[0]) is True


def test_no_pyqtgraph_class_is_changed_by_importing_the_app():
    import widgets.panels  # noqa: F401 - every panel's view module patched pyqtgraph through live_plot before
    for base, name, _ in OVERRIDDEN:
        assert getattr(base, name).__module__.startswith("pyqtgraph"), f"{base.__name__}.{name} is patched"
    assert pg.AxisItem.__init__.__module__.startswith("pyqtgraph")


# --- axes ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cls, keeps", [(AppAxisItem, True), (pg.AxisItem, False)])
def test_an_axis_keeps_its_picture_while_its_range_and_label_do_not_change(qapp, cls, keeps):
    axis = cls("bottom")
    axis.setRange(0.0, 1.0)
    axis.setLabel("step")
    picture = axis.picture = QPicture()  # as painted
    axis.setRange(0.0, 1.0)
    axis.setLabel("step")
    assert (axis.picture is picture) is keeps
    axis.picture = picture
    axis.setRange(0.0, 2.0)  # a real change regenerates it on both
    assert axis.picture is None


@pytest.mark.parametrize("cls, measures", [(AppAxisItem, 0), (pg.AxisItem, 1)])
def test_showing_a_shown_axis_does_not_measure_it_again(qapp, cls, measures):
    axis = cls("left")
    calls = []
    axis._updateWidth = lambda: calls.append(1)
    axis.show()
    assert len(calls) == measures


def test_app_axes_are_cached_as_pixmaps_and_never_narrow():
    assert AppAxisItem("left").cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    assert pg.AxisItem("left").cacheMode() == QGraphicsItem.CacheMode.NoCache
    assert AppAxisItem("left").style["autoReduceTextSpace"] is False
    assert pg.AxisItem("left").style["autoReduceTextSpace"] is True


def test_a_grid_lies_under_the_data_and_goes_back_above_when_turned_off(qapp):
    axis, plain = AppAxisItem("left"), pg.AxisItem("left")
    axis.setGrid(50)
    plain.setGrid(50)
    assert axis.zValue() == GRID_Z and plain.zValue() == 0
    axis.setGrid(False)
    assert axis.zValue() == 0.5


def _tick_colours(widget) -> list[QColor]:
    widget.resize(300, 200)
    widget.grab()  # lays the plot out so the axis has a size and ticks
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, ticks, _ = widget.getAxis("left").generateDrawSpecs(painter)
    finally:
        painter.end()
    return [pen.color() for pen, _, _ in ticks]


def test_grid_lines_are_drawn_in_the_opaque_colour_they_showed(qtbot):
    app, plain = AppPlotWidget(), pg.PlotWidget()
    for widget in (app, plain):
        qtbot.addWidget(widget)
        widget.showGrid(x=True, y=True, alpha=0.2)
    app_colours, plain_colours = _tick_colours(app), _tick_colours(plain)
    assert plain_colours and any(c.alpha() < 255 for c in plain_colours)
    assert all(c.alpha() == 255 for c in app_colours)
    background = pg.mkColor(pg.getConfigOption("background"))
    assert {blend_over(c, background).rgb() for c in plain_colours} == {c.rgb() for c in app_colours}


def test_blend_over_is_the_alpha_weighted_mix():
    assert blend_over(QColor(0, 0, 0, 51), QColor(255, 255, 255)).getRgb()[:3] == (204, 204, 204)
    assert blend_over(QColor(200, 100, 0, 255), QColor(0, 0, 0)).getRgb()[:3] == (200, 100, 0)


# --- views ---------------------------------------------------------------------------------------------

def _y_ranges(widget, first, second_within):
    """The view's y range after ``first``, then after data spanning ``second_within(that range)``."""
    curve = widget.plot(np.arange(len(first)), first)
    view = widget.getViewBox()
    view.updateAutoRange()
    before = view.viewRange()[1]
    second = second_within(before)
    curve.setData(np.arange(len(second)), second)
    view.updateAutoRange()
    return before, second, view.viewRange()[1]


def _inner_80_percent(span):
    lo, hi = span
    return [lo + 0.1 * (hi - lo), hi - 0.1 * (hi - lo)]


@pytest.mark.parametrize("cls, holds", [(AppPlotWidget, True), (pg.PlotWidget, False)])
def test_an_auto_ranged_view_holds_still_while_the_data_fills_most_of_it(qtbot, cls, holds):
    widget = cls()
    qtbot.addWidget(widget)
    before, second, after = _y_ranges(widget, [0.0, 10.0], _inner_80_percent)
    assert (after == before) is holds
    if not holds:  # pyqtgraph fits the data again, plus its padding
        assert second[0] - 1.0 < after[0] < second[0] and second[1] < after[1] < second[1] + 1.0


def test_an_auto_ranged_view_grows_with_headroom_when_the_data_leaves_it(qtbot):
    widget = AppPlotWidget()
    qtbot.addWidget(widget)
    _, _, after = _y_ranges(widget, [0.0, 10.0], lambda span: [0.0, 20.0])
    assert after[1] >= 20.0 + STICKY_HEADROOM * 20.0
    assert after[0] < 0.0


# --- curves, scatters, data items -------------------------------------------------------------------

@pytest.mark.parametrize("cls, segments", [(AppPlotCurveItem, True), (pg.PlotCurveItem, False)])
def test_wide_antialiased_curves_are_drawn_as_segments(qapp, cls, segments):
    curve = cls(antialias=True)
    assert curve._shouldUseDrawLineSegments(pg.mkPen("#0072B2", width=2.5)) is segments
    assert curve._shouldUseDrawLineSegments(pg.mkPen("#0072B2", width=1)) is False
    assert curve._shouldUseDrawLineSegments(pg.mkPen((0, 114, 178, 100), width=2.5)) is False  # would show overlaps


@pytest.mark.parametrize("cls, keyed", [(AppScatterPlotItem, [1]), (pg.ScatterPlotItem, [20])])
def test_a_uniform_scatter_looks_its_symbol_up_once(qapp, cls, keyed):
    scatter = cls(size=5, pen=None, brush=pg.mkBrush("#E69F00"))
    atlas, lengths = scatter.fragmentAtlas, []
    keys = atlas._keys
    atlas._keys = lambda styles: lengths.append(len(styles)) or keys(styles)
    scatter.setData(x=np.arange(20.0), y=np.zeros(20))
    assert lengths == keyed
    rects = scatter.data["sourceRect"]
    assert len(set(map(tuple, rects.tolist()))) == 1 and rects["w"][0] > 0


def test_the_app_atlas_returns_what_the_library_atlas_returns(qapp):
    pen, brush = pg.mkPen("k"), pg.mkBrush("#E69F00")
    uniform, mixed = [("o", 5.0, pen, brush)] * 12, [("o", 5.0, pen, brush), ("s", 9.0, pen, brush)] * 6
    for styles in (uniform, mixed):
        assert AppSymbolAtlas()[styles] == SymbolAtlas()[styles]


def test_a_data_item_keeps_one_peak_bin_per_pixel_and_draws_with_the_app_items(qapp):
    item = AppPlotDataItem([0, 1, 2], [3, 4, 5], pen="r", symbol="o")
    assert item.opts["autoDownsampleFactor"] == 1.0 and pg.PlotDataItem().opts["autoDownsampleFactor"] == 5.0
    assert isinstance(item.curve, AppPlotCurveItem) and isinstance(item.scatter, AppScatterPlotItem)
    assert item.curve.parentItem() is item and item.scatter.parentItem() is item
    assert item.curve.getData()[1].tolist() == [3, 4, 5]
    assert item.scatter.data["y"].tolist() == [3, 4, 5]
    clicked = []
    item.sigClicked.connect(lambda *args: clicked.append(args))
    item.curve.sigClicked.emit(item.curve, None)
    assert clicked


# --- plots -------------------------------------------------------------------------------------------

def test_app_plots_are_built_from_app_items_only(qtbot):
    widget = make_plot("t", "x", "y", legend=True)
    qtbot.addWidget(widget)
    curve = widget.plot([0, 1], [1, 0], symbol="o")
    assert isinstance(curve, AppPlotDataItem)
    assert not library_items_in(widget)
    assert widget.getAxis("left").isVisible() and not widget.getAxis("right").isVisible()
    assert not widget.getAxis("top").isVisible()
    bar = AppColorBarItem(values=(0.0, 1.0))
    assert isinstance(bar.axis, AppAxisItem) and isinstance(bar.getViewBox(), AppViewBox)
    layout = pg.GraphicsLayoutWidget()
    qtbot.addWidget(layout)
    plot = add_plot(layout, row=0, col=1, title="placed")
    assert isinstance(plot, AppPlotItem) and layout.ci.getItem(0, 1) is plot
    assert not library_items_in(layout)


def test_plain_pyqtgraph_items_keep_the_library_behaviour(qtbot):
    widget = pg.PlotWidget()  # as an exporter or another library would build one
    qtbot.addWidget(widget)
    widget.plot([0, 1], [1, 0])
    assert len(library_items_in(widget)) >= 4  # its axes, view, data item, curve and scatter


def test_a_grid_is_drawn_again_when_its_view_grows_under_an_unchanged_range(qtbot):
    """A bottom axis keeps its own height as its plot grows taller; its vertical grid lines span the
    view, so a picture kept for an unchanged range would end where the old, shorter view ended."""
    widget = AppPlotWidget()
    qtbot.addWidget(widget)
    widget.showGrid(x=True, y=True)
    widget.setXRange(0, 10, padding=0)
    widget.setYRange(0, 1, padding=0)
    widget.resize(400, 200)
    widget.show()
    qtbot.waitExposed(widget)
    axis = widget.getPlotItem().getAxis("bottom")
    axis.picture = picture = QPicture()  # as painted at this size
    axis.setRange(*axis.range)
    assert axis.picture is picture  # same range, same view: kept
    widget.resize(400, 400)
    qtbot.waitUntil(lambda: axis.picture is not picture, timeout=3000)


def test_a_legend_moves_off_a_curve_through_the_top_right_corner(qtbot):
    """The app's legends start top right; a curve through that corner sends the legend to a
    corner with no points under it, as the layout check counts them."""
    from tests.gui.test_layout_checks import shown
    from widgets import layout_checks
    from widgets.live_plot import make_plot

    widget = make_plot(legend=True)  # the app's legend, top right
    item = widget.getPlotItem()
    x = np.linspace(0, 1, 200)
    item.plot(x, x ** 0.5, name="sqrt")  # through (1, 1) and along the top
    item.plot(x, 0.5 + 0 * x, name="flat")
    item.setXRange(0, 1, padding=0)
    item.setYRange(0, 1, padding=0)
    shown(qtbot, widget)
    assert layout_checks.legends_over_data(widget) == []
    view, legend = item.vb.boundingRect(), item.legend
    corner = legend.mapRectToItem(item.vb, legend.boundingRect())
    assert corner.right() < view.width() / 2 or corner.top() > view.height() / 2  # it left the top right
    # at its default corner (top right) it would have covered points
    legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-10, 10))
    assert layout_checks.legends_over_data(widget) != []


def test_a_title_wider_than_its_plot_is_cut_with_an_ellipsis_and_whole_in_the_tooltip(qtbot):
    widget = make_plot("Gap to DP: mean |max_a Q(s,a) - V*(s)| over the states the learner visited")
    qtbot.addWidget(widget)
    widget.resize(260, 200)
    widget.show()
    qtbot.waitExposed(widget)
    item = widget.getPlotItem()
    label = item.titleLabel
    assert label.text.endswith("\u2026") and len(label.text) < 40
    assert "Gap to DP: mean |max_a Q(s,a) - V*(s)| over the states the learner visited".startswith(
        label.text.removesuffix("\u2026"))
    assert label.toolTip() == "Gap to DP: mean |max_a Q(s,a) - V*(s)| over the states the learner visited"
    assert label.item.boundingRect().width() <= item.vb.width()
    widget.resize(1400, 300)  # room again: the whole title, no tooltip
    qtbot.waitUntil(lambda: not label.text.endswith("\u2026"))
    assert label.text == "Gap to DP: mean |max_a Q(s,a) - V*(s)| over the states the learner visited"
    assert label.toolTip() == ""
    assert widget.minimumSizeHint().width() < 300  # a long title never widens its plot


def test_a_constant_curve_with_a_legend_gets_a_readable_range_not_a_sliver(qtbot):
    """The band kept free for a legend stretched a zero-width range to 0..1.5e-300 (an empty
    mdp return plot showed those ticks)."""
    widget = make_plot("Episode return", "episode", "return")
    qtbot.addWidget(widget)
    item = widget.getPlotItem()
    item.addLegend()
    item.plot([0, 1, 2], [0.0, 0.0, 0.0], name="SARSA")
    widget.resize(320, 240)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):
        widget.grab()
    low, high = item.vb.viewRange()[1]
    assert low < 0 < high and high - low >= 0.5


@pytest.mark.parametrize("span", [(0.0, 3.0), (0.0, 2500.0), (-0.4, 0.4), (0.6, 1.8)])
def test_a_count_axis_is_labelled_with_whole_numbers_only(qapp, span):
    counted = plot_items.AppAxisItem("bottom")
    counted.setLabel("episode")  # a count by its name
    measured = plot_items.AppAxisItem("bottom")
    measured.setLabel("x")
    declared = plot_items.AppAxisItem("bottom")
    declared.set_kind("count")
    for axis in (counted, declared):
        assert axis.kind == "count" and axis.autoSIPrefix is False
        values = [v for _, level in axis.tickValues(*span, 300) for v in level]
        assert values and all(v == round(v) and span[0] <= v <= span[1] for v in values)
    if span == (0.0, 3.0):  # a plain axis puts ticks between the whole numbers here
        assert any(v != round(v) for _, level in measured.tickValues(*span, 300) for v in level)
    assert declared.tickValues(0.2, 0.8, 300) == []  # no whole number on show: no tick, not 0.5
    with pytest.raises(ValueError, match="axis kind"):
        measured.set_kind("counts")


def _legend_box_and_points_in_view_pixels(item):
    """The legend's rectangle and every data point, both in the view box's pixels."""
    legend, view = item.legend, item.vb
    box = legend.mapRectToItem(view, legend.boundingRect())
    points = [plot_items._points_in_view_pixels(data, view) for data in item.listDataItems()]
    xs = np.concatenate([p[0] for p in points])
    ys = np.concatenate([p[1] for p in points])
    return box, xs, ys


def _settled(qtbot, widget, size):
    from tests.gui.test_layout_checks import shown
    return shown(qtbot, widget, size)


def test_a_legend_with_no_free_corner_in_a_fixed_range_goes_under_the_plot_and_stays(qtbot):
    """Horizontal and vertical lines through every corner of a fixed range: no corner is free and
    no band can be kept, so the legend leaves the view for the plot's layout, under the bottom
    axis, in as many columns as the width allows; it is not laid out again when the data clears."""
    widget = make_plot(legend=True)
    item = widget.getPlotItem()
    x = np.linspace(0, 1, 200)
    for k in range(4):
        item.plot(x, np.full_like(x, (k + 0.5) / 4), name=f"level {k}")
    item.plot(np.full_like(x, 0.02), x, name="left edge")
    item.plot(np.full_like(x, 0.98), x, name="right edge")
    item.setXRange(0, 1, padding=0)
    item.setYRange(0, 1, padding=0)
    _settled(qtbot, widget, (600, 320))
    legend = item.legend
    assert legend.outside
    box, xs, ys = _legend_box_and_points_in_view_pixels(item)
    view = item.vb.boundingRect()
    inside_view = (xs >= 0) & (xs <= view.width()) & (ys >= 0) & (ys <= view.height())
    assert inside_view.sum() > 1000  # the data is on show...
    assert not np.any(inside_view & (xs >= box.left()) & (xs <= box.right())
                      & (ys >= box.top()) & (ys <= box.bottom()))  # ...and none of it under the legend
    bottom_axis = item.getAxis("bottom").mapRectToItem(item, item.getAxis("bottom").boundingRect())
    in_plot = legend.mapRectToItem(item, legend.boundingRect())
    assert in_plot.top() >= bottom_axis.bottom() - 1 and in_plot.bottom() <= item.height() + 1
    assert legend.columnCount >= 2  # 600 px hold several names side by side
    rows_wide = legend.columnCount
    from widgets import layout_checks
    assert layout_checks.legends_over_data(widget) == []
    # It stays: cleared data (a free corner again) does not bring it back in.
    for data in item.listDataItems():
        data.setData([], [])
    _settled(qtbot, widget, (600, 320))
    assert legend.outside
    # A narrower plot takes fewer columns, and the legend never holds the plot wider than its widget.
    widget.holder.resize(260, 320)
    qtbot.waitUntil(lambda: legend.columnCount < rows_wide, timeout=3000)
    for _ in range(3):
        widget.holder.grab()
    assert item.width() <= widget.width() + 1


def test_a_legend_over_a_heatmap_goes_outside_it(qtbot):
    """An image fills its view: wherever a legend sits in it, it hides data."""
    widget = AppPlotWidget()
    item = widget.getPlotItem()
    item.addItem(pg.ImageItem(np.random.default_rng(0).random((40, 40))))
    item.addLegend(offset=(-10, 10))
    item.plot([5, 30], [5, 30], name="path")
    _settled(qtbot, widget, (400, 360))
    legend = item.legend
    assert legend.outside and legend.parentItem() is item
    box = legend.mapRectToItem(item, legend.boundingRect())
    assert not box.intersects(item.vb.mapRectToItem(item, item.vb.boundingRect()))


def _heatmap_with_legend(names):
    widget = AppPlotWidget()
    item = widget.getPlotItem()
    item.addItem(pg.ImageItem(np.random.default_rng(0).random((40, 40))))
    item.addLegend(offset=(-10, 10))
    for i, name in enumerate(names):
        item.plot([5, 30], [5 + i, 30], name=name)
    return widget


def test_a_legend_outside_a_narrow_plot_cuts_its_long_names_and_keeps_them_whole_in_tooltips(qtbot):
    """Outside, a name wider than the plot was cut at the legend's frame; it is shortened to what
    fits with "…", whole in its tooltip, and whole again once the plot is wide enough."""
    from widgets import layout_checks
    long = "always answer 1: MSE 1/6 + noise^2, the best constant answer"
    widget = _settled(qtbot, _heatmap_with_legend(["path", long]), (220, 300))
    item = widget.getPlotItem()
    legend = item.legend
    assert legend.outside
    labels = [label for _, label in legend.items]
    assert labels[0].text == "path" and labels[0].toolTip() == ""
    assert labels[1].text.endswith("\u2026") and long.startswith(labels[1].text[:-1])
    assert labels[1].toolTip() == long
    assert legend.mapRectToItem(item, legend.boundingRect()).right() <= item.width() + 1
    assert [f for f in layout_checks.clipped_text(widget) if "legend" in f.where] == []
    widget.holder.resize(900, 300)
    qtbot.waitUntil(lambda: labels[1].text == long, timeout=3000)
    assert labels[1].toolTip() == ""


def test_a_legend_outside_a_short_plot_keeps_its_whole_height(qtbot):
    """Four rows under a plot 200 px tall: the view box shrinks, the legend is not cut."""
    from widgets import layout_checks
    widget = _settled(qtbot, _heatmap_with_legend(["RNN (tanh)", "LSTM", "GRU", "best constant answer"]),
                      (150, 150))
    item = widget.getPlotItem()
    legend = item.legend
    assert legend.outside
    box = legend.mapRectToItem(item, legend.boundingRect())
    assert box.bottom() <= item.height() + 1 and box.right() <= item.width() + 1
    assert [f for f in layout_checks.clipped_text(widget) if "legend" in f.where] == []


def test_a_legend_that_fits_a_free_corner_stays_in_its_view(qtbot):
    """The move outside is for legends that fit nowhere: a curve along the bottom leaves the top
    right corner free, and the legend stays there, in the view."""
    widget = make_plot(legend=True)
    item = widget.getPlotItem()
    x = np.linspace(0, 1, 100)
    item.plot(x, 0.1 + 0 * x, name="low")
    item.setXRange(0, 1, padding=0)
    item.setYRange(0, 1, padding=0)
    _settled(qtbot, widget, (400, 300))
    legend = item.legend
    assert not legend.outside and legend.parentItem() is item.vb
    box = legend.mapRectToItem(item.vb, legend.boundingRect())
    assert box.right() > item.vb.width() / 2 and box.bottom() < item.vb.height() / 2


def _log_plot(cls, height):
    """A log-y plot of 0.07..1.3 (the loss curves that crowded "1 0.9 0.8"), ``height`` px tall."""
    widget = pg.PlotWidget(axisItems={"left": cls(orientation="left")}) if cls is pg.AxisItem else make_plot()
    item = widget.getPlotItem()
    item.setLogMode(y=True)
    item.plot(np.arange(50), np.geomspace(1.3, 0.07, 50))
    return _settled_plot(widget, height), item.getAxis("left")


def _settled_plot(widget, height):
    widget.resize(300, height)
    widget.show()
    for _ in range(3):
        widget.grab()
    return widget


@pytest.mark.parametrize("cls, crowded", [(AppAxisItem, False), (pg.AxisItem, True)])
def test_a_short_log_axis_labels_decades_or_1_2_5_without_overlap(qtbot, cls, crowded):
    from widgets import layout_checks
    widget, axis = _log_plot(cls, 170)
    qtbot.addWidget(widget)
    texts = layout_checks.tick_texts(axis)
    spans = sorted((r.top(), r.bottom()) for r, _ in texts)
    overlaps = any(b_top < a_bottom for (_, a_bottom), (b_top, _) in zip(spans, spans[1:]))
    assert overlaps is crowded
    if not crowded:
        labels = {t for _, t in texts}
        assert {"1", "0.1"} <= labels  # the decades are always labelled
        digits = {next(c for c in t if c in "123456789") for t in labels}
        assert digits in ({"1"}, {"1", "2", "5"})  # decades alone, or 1-2-5: never a ragged mix


def test_a_tall_log_axis_keeps_its_in_between_labels(qtbot):
    from widgets import layout_checks
    widget, axis = _log_plot(AppAxisItem, 900)
    qtbot.addWidget(widget)
    labels = {t for _, t in layout_checks.tick_texts(axis)}
    assert {"1", "0.1", "0.2", "0.5"} <= labels and len(labels) > 6


def test_crowded_linear_labels_keep_the_major_ones_and_those_that_fit(qapp):
    """Five labels 12 px tall, 8 px apart on a short linear axis (the bandits panel's "2" over "0"):
    the first of each overlapping pair is kept, so every other one shows and none overlap."""
    from PySide6.QtCore import QRectF
    axis = AppAxisItem("left")
    flags = 0
    specs = [(QRectF(0, 8 * k, 20, 12), flags, f"{k}") for k in range(5)]
    kept = axis._uncrowded(specs)
    assert [text for _, _, text in kept] == ["0", "2", "4"]
    axis.setTicks([[(k, f"{k}") for k in range(5)]])  # ticks the caller chose stay as given
    assert axis._uncrowded(specs) == specs


def test_a_plot_whose_data_is_cleared_shows_zero_to_one_not_the_last_runs_range(qtbot):
    widget = make_plot("Episode return", "episode", "return")
    qtbot.addWidget(widget)
    item = widget.getPlotItem()
    curve = item.plot(np.arange(500.0), -np.linspace(100, 20, 500) * 1e-3)
    widget.resize(320, 240)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()
    assert item.vb.viewRange()[0][1] >= 499
    curve.setData([], [])  # a new run: nothing to show yet
    qtbot.waitUntil(lambda: item.vb.viewRange() == [[0.0, 1.0], [0.0, 1.0]])
