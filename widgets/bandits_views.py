"""Views of the Bandits panel: per-arm bars, posterior densities, averaged curves with bands and
bounds, and the "you vs the algorithm" game. Every number drawn was computed in
``playground.bandits``; these widgets only place it."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from playground.bandits.config import ALGO_NAMES
from widgets import theme
from widgets.i18n import current_language, tr, tr_message
from widgets.live_plot import AppPlotDataItem, AppScatterPlotItem, colour, make_plot, set_narrow_title

GREY = "#777777"
# Colours that read on both the light and the dark theme (white lines vanished on the light one).
YOU = "#E0218A"
BOUNDS = (("bound_etc", "ETC bound", "#D62728"), ("bound_ucb_log", "UCB bound 16 log t / Delta", "#707070"),
          ("bound_ucb_sqrt", "UCB bound 8 sqrt(k t log t)", "#A8A8A8"))
# name, title, y label, legend: the algorithms' colours are named once, above the three plots
# (a legend each was wider than these plots); the regret plot names its dashed bounds, top left,
# where regret, growing to the right, leaves room.
CURVES = (("reward", "Average reward (95% band)", "average reward", False),
          ("optimal", "% optimal action", "% optimal action", False),
          ("regret", "Cumulative regret (dashed: bounds)", "cumulative regret", True))


def algorithm_label(label: str) -> str:
    """An algorithm's name from the core ('gradient bandit (alpha=0.1, baseline)') in the UI language:
    the name and the words among its numbers translated. A name the user typed is left as it is."""
    name, bracket, rest = label.partition(" (")
    if name not in ALGO_NAMES.values():
        return label
    if not bracket:
        return tr_message(name)
    parts = ", ".join(tr_message(part) for part in rest.removesuffix(")").split(", "))
    return tr("{name} ({parts})").format(name=tr_message(name), parts=parts)


def _plot(title: str, x: str, y: str, legend: bool = False, corner: tuple[int, int] = (-10, 10)) -> pg.PlotWidget:
    """make_plot with plain axis numbers (no SI x0.001 prefixes), a title that does not widen the
    plot, and a small legend in a corner the data leaves free."""
    plot = make_plot("", x, y)
    item = plot.getPlotItem()
    set_narrow_title(item, title)
    for side in ("left", "bottom"):
        item.getAxis(side).enableAutoSIPrefix(False)
    if legend:
        item.addLegend(offset=corner, labelTextSize="8pt", verSpacing=-6)
    if item.legend is not None:
        theme.style_legend(item.legend, theme.current(), 1.0)  # the palette's box and text
    return plot


def _brush(hex_colour: str, alpha: int):
    c = pg.mkColor(hex_colour)
    c.setAlpha(alpha)
    return pg.mkBrush(c)


class CurveSet:
    """One algorithm's mean curve with a shaded 95% band."""

    def __init__(self, plot: pg.PlotWidget, index: int):
        self.curve = plot.plot([], [], pen=pg.mkPen(colour(index), width=2))
        self.low = AppPlotDataItem([], [], pen=None)
        self.high = AppPlotDataItem([], [], pen=None)
        self.fill = pg.FillBetweenItem(self.low, self.high, brush=_brush(colour(index), 60))
        plot.addItem(self.fill)
        self.items = [self.curve, self.low, self.high, self.fill]

    def set(self, x, y, band):
        self.curve.setData(x, y)
        self.low.setData(x, y - band)
        self.high.setData(x, y + band)


class ArmsView(QWidget):
    """Run 0 of one algorithm: true means vs estimates with UCB bounds, pulls, posterior densities."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.values = _plot("Run 0: true mean, estimate, UCB bound", "arm", "value", legend=True)
        self.true_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=GREY, name="true mean")
        self.est_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=colour(4), name="estimate Q(a)")
        self.upper = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), top=np.zeros(0), bottom=np.zeros(0),
                                     beam=0.25, pen=pg.mkPen(colour(5), width=2))
        self.upper_marks = AppScatterPlotItem([], [], symbol="t", size=10, brush=colour(5), name="UCB upper bound")
        for item in (self.true_bars, self.est_bars, self.upper, self.upper_marks):
            self.values.addItem(item)
        self.counts = _plot("Run 0: pulls per arm", "arm", "pulls", legend=True)
        self.count_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=colour(1), name="pulls")
        self.explore_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=colour(5), name="exploring pulls")
        self.counts.addItem(self.count_bars)
        self.counts.addItem(self.explore_bars)
        self.density = _plot("Run 0: Thompson posteriors", "mean", "density")
        self.density_curves: list[pg.PlotDataItem] = []
        layout.addWidget(self.values, 0, 0)
        layout.addWidget(self.counts, 0, 1)
        layout.addWidget(self.density, 0, 2)

    def show(self, arrays, i: int) -> None:  # noqa: A003 - mirrors the panel's show_snapshot
        true = arrays["true_mean"]
        k = len(true)
        x = np.arange(1, k + 1, dtype=float)
        est = arrays.get(f"arm_estimate_{i}", np.zeros(k))
        self.true_bars.setOpts(x=x - 0.2, height=true)
        self.est_bars.setOpts(x=x + 0.2, height=est)
        upper = arrays.get(f"arm_upper_{i}")
        if upper is not None:
            ok = np.isfinite(upper)
            self.upper.setData(x=x[ok] + 0.2, y=est[ok], top=(upper - est)[ok], bottom=np.zeros(ok.sum()))
            self.upper_marks.setData(x[ok] + 0.2, upper[ok])
        else:
            self.upper.setData(x=np.zeros(0), y=np.zeros(0), top=np.zeros(0), bottom=np.zeros(0))
            self.upper_marks.setData([], [])
        self.count_bars.setOpts(x=x, height=arrays.get(f"arm_count_{i}", np.zeros(k)))
        self.explore_bars.setOpts(x=x, height=arrays.get(f"arm_explored_{i}", np.zeros(k)))
        dens = arrays.get(f"density_{i}")
        grid = arrays["density_x"]
        while len(self.density_curves) < (0 if dens is None else len(dens)):
            j = len(self.density_curves)
            self.density_curves.append(self.density.plot([], [], pen=pg.mkPen(colour(j), width=2)))
        for j, curve in enumerate(self.density_curves):
            if dens is not None and j < len(dens):
                curve.setData(grid, dens[j])
            else:
                curve.setData([], [])
        # Only a Thompson algorithm has posteriors: without one the plot is not shown at all (an
        # empty plot with a note took a third of the row in 5 of the 6 bandit lessons).
        self.density.setVisible(dens is not None)
        if dens is not None:
            self.density.enableAutoRange()

    def clear(self) -> None:
        for bars in (self.true_bars, self.est_bars, self.count_bars, self.explore_bars):
            bars.setOpts(x=[], height=[])
        self.upper_marks.setData([], [])
        for curve in self.density_curves:
            curve.setData([], [])


class CurvesView(QWidget):
    """Average reward, % optimal and cumulative regret over runs, bands and bound curves."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setToolTip("The algorithms' colours in the three plots below")
        layout.addWidget(self.key, 0, 0, 1, len(CURVES))
        self.plots = {}
        for col, (name, title, ylabel, legend) in enumerate(CURVES):
            plot = _plot(title, "step t", ylabel, legend=legend, corner=(10, 10))
            self.plots[name] = plot
            layout.addWidget(plot, 1, col)
        self.sets: list[dict[str, CurveSet]] = []
        self.labels: list[str] = []
        self.bounds: dict[str, pg.PlotDataItem] = {}
        self.log_x = False
        self.x_span: tuple | None = None

    def set_labels(self, labels: list[str]) -> None:
        self._show_key(labels)
        if labels == self.labels:
            return
        for sets in self.sets:
            for name, cs in sets.items():
                for item in cs.items:
                    self.plots[name].removeItem(item)
        self.sets = [{name: CurveSet(self.plots[name], i) for name in self.plots} for i in range(len(labels))]
        self.labels = list(labels)

    def _show_key(self, labels: list[str]) -> None:
        """The colour key, redone when the labels or the UI language changed."""
        key = (tuple(labels), current_language())
        if key == getattr(self, "_key_shown", None):
            return
        self._key_shown = key
        self.key.setText("&nbsp;&nbsp; ".join(
            f"<span style='color:{colour(i)}; font-weight:bold'>━━</span>&nbsp;{html.escape(algorithm_label(label))}"
            for i, label in enumerate(labels)))

    def set_log_x(self, log_x: bool) -> None:
        self.log_x = log_x
        self.x_span = None
        for plot in self.plots.values():
            plot.getPlotItem().setLogMode(x=log_x, y=False)
            plot.getPlotItem().enableAutoRange(x=True)

    def hold_x(self, horizon: int) -> None:
        """The step axis spans the whole run from its first frame, so it does not move while the
        curves grow (each move regenerated three axes and grids, a millisecond or more each)."""
        span = (self.log_x, horizon)
        if span == self.x_span or horizon < 1:
            return
        self.x_span = span
        lo, hi = (0.0, np.log10(horizon)) if self.log_x else (1.0, float(horizon))
        for plot in self.plots.values():
            plot.getPlotItem().setXRange(lo, hi, padding=0.02)

    def show(self, arrays, labels, horizon: int = 0) -> None:  # noqa: A003
        for part in self.parts(arrays, labels, horizon):
            part()

    def parts(self, arrays, labels, horizon: int = 0) -> list:
        """Drawing in three parts, one per plot (the panel may draw them in separate turns)."""
        self.set_labels(labels)
        t = arrays["t"]
        self.hold_x(max(horizon, int(t[-1]) if len(t) else 0))

        def plot(name: str) -> None:
            for i, sets in enumerate(self.sets):
                if f"{name}_{i}" in arrays:
                    sets[name].set(t, arrays[f"{name}_{i}"], arrays[f"{name}_band_{i}"])
            if name == "regret":
                self._show_bounds(arrays)

        return [lambda name=name: plot(name) for name in self.plots]

    def _show_bounds(self, arrays) -> None:
        plot = self.plots["regret"]
        for key, name, col in BOUNDS:
            present = key in arrays and len(arrays["bound_t"]) > 0
            if present and key not in self.bounds:
                self.bounds[key] = plot.plot([], [], pen=pg.mkPen(col, width=2, style=Qt.PenStyle.DashLine), name=name)
            elif not present and key in self.bounds:
                curve = self.bounds.pop(key)
                plot.removeItem(curve)
                legend = plot.getPlotItem().legend
                if legend is not None:
                    legend.removeItem(curve)
            if present:
                self.bounds[key].setData(arrays["bound_t"], arrays[key])

    def clear(self) -> None:
        for sets in self.sets:
            for cs in sets.values():
                cs.set(np.zeros(0), np.zeros(0), np.zeros(0))
        for curve in self.bounds.values():
            curve.setData([], [])


class GameView(QWidget):
    """You vs the algorithm: your regret against each algorithm's on the same rewards, your pulls."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.regret = _plot("Your regret vs the algorithms (same rewards)",
                                "your pull t", "cumulative regret", legend=True)
        self.you = self.regret.plot([], [], pen=pg.mkPen(YOU, width=4), name="you")
        self.algo_curves: list[pg.PlotDataItem] = []
        self.arms = _plot("Your pulls and average reward per arm", "arm",
                              "pulls / reward", legend=True)
        self.pull_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=colour(1), name="your pulls / 10")
        self.avg_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=colour(0), name="your average reward")
        self.true_marks = AppScatterPlotItem([], [], symbol="s", size=12, brush=GREY,
                                         pen=pg.mkPen("#FFFFFF", width=1), name="true mean")
        for item in (self.pull_bars, self.avg_bars, self.true_marks):
            self.arms.addItem(item)
        layout.addWidget(self.regret, 0, 0)
        layout.addWidget(self.arms, 0, 1)

    def show(self, you: np.ndarray, algos: dict[str, np.ndarray], counts, averages, true_means=None) -> None:  # noqa: A003
        steps = np.arange(1, len(you) + 1, dtype=float)
        self.you.setData(steps, you)
        while len(self.algo_curves) < len(algos):
            j = len(self.algo_curves)
            self.algo_curves.append(self.regret.plot([], [], pen=pg.mkPen(colour(j), width=2), name=f"algorithm {j}"))
        legend = self.regret.getPlotItem().legend
        for j, curve in enumerate(self.algo_curves):
            if j < len(algos):
                name, values = list(algos.items())[j]
                curve.setData(steps[:len(values)], values)
                if legend is not None:
                    label = legend.getLabel(curve)
                    if label is not None:
                        label.setText(name)
            else:
                curve.setData([], [])
        k = len(counts)
        x = np.arange(1, k + 1, dtype=float)
        self.pull_bars.setOpts(x=x - 0.2, height=np.asarray(counts) / 10.0)
        self.avg_bars.setOpts(x=x + 0.2, height=np.nan_to_num(averages))
        if true_means is not None:
            self.true_marks.setData(x + 0.2, true_means)
        else:
            self.true_marks.setData([], [])
