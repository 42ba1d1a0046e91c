"""Plot pieces of the attention panel that the convolution views lack: a regression plot and a
search tree (Qt drawing only; positions and scores come from the engine)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont

from widgets.conv_views import set_title
from widgets.i18n import show_text
from widgets.live_plot import AppPlotCurveItem, AppScatterPlotItem, add_plot, colour

KEPT = "#E69F00"
PRUNED = (170, 170, 170)
CHOSEN = "#009E73"


class RegressionView:
    """Training points (keys, values), the true function and the estimate at the queries."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str) -> None:
        self.plot = add_plot(layout, row=row, col=col)
        set_title(self.plot, title)
        self.plot.setLabel("bottom", "x")
        self.plot.setLabel("left", "y")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.points = AppScatterPlotItem(size=7, pen=None, brush=pg.mkBrush(120, 120, 120, 160))
        self.plot.addItem(self.points)
        self.legend.addItem(self.points, "data (x_i, y_i)")
        self.truth = self.plot.plot([], [], pen=pg.mkPen(colour(1), width=2, style=pg.QtCore.Qt.PenStyle.DashLine),
                                    name="true f(x)")
        self.estimate = self.plot.plot([], [], pen=pg.mkPen(colour(0), width=3), name="estimate")

    def set(self, x_train, y_train, x_query, truth, estimate) -> None:
        self.points.setData(x_train, y_train)
        self.truth.setData(x_query, truth)
        self.estimate.setData(x_query, estimate)

    def clear(self) -> None:
        self.points.setData([], [])
        self.truth.setData([], [])
        self.estimate.setData([], [])


class TreeView:
    """A search tree: one node per expanded candidate, x = time step, coloured kept / pruned / chosen."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str) -> None:
        self.plot = add_plot(layout, row=row, col=col)
        set_title(self.plot, title)
        self.plot.invertY(True)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setLabel("bottom", "time step")
        self.plot.getAxis("left").setTicks([])
        self.edges = AppPlotCurveItem(pen=pg.mkPen(PRUNED, width=1), connect="pairs")
        self.kept_edges = AppPlotCurveItem(pen=pg.mkPen(KEPT, width=3), connect="pairs")
        self.chosen_edges = AppPlotCurveItem(pen=pg.mkPen(CHOSEN, width=5), connect="pairs")
        self.nodes = AppScatterPlotItem(size=14, pen=pg.mkPen("k", width=1))
        for z, item in enumerate((self.edges, self.kept_edges, self.chosen_edges, self.nodes)):
            item.setZValue(z)
            self.plot.addItem(item)
        self.texts: list[pg.TextItem] = []
        self.font = QFont()
        self.font.setPixelSize(12)

    def set_title(self, title: str) -> None:
        set_title(self.plot, title)

    def _text(self, index: int) -> pg.TextItem:
        while len(self.texts) <= index:
            # dark text on a light box: readable in the light and the dark theme
            text = pg.TextItem(anchor=(0, 0.5), color=(20, 20, 20), fill=pg.mkBrush(255, 255, 255, 210))
            text.setFont(self.font)
            text.setZValue(10)
            self.plot.addItem(text)
            self.texts.append(text)
        return self.texts[index]

    @staticmethod
    def _pairs(xy, parent, select):
        index = np.flatnonzero(select & (parent >= 0))
        if not len(index):
            return np.zeros(0), np.zeros(0)
        ends = np.empty((2 * len(index), 2))
        ends[0::2], ends[1::2] = xy[parent[index]], xy[index]
        return ends[:, 0], ends[:, 1]

    def set_tree(self, xy, parent, logp, kept, labels, chosen_path) -> None:
        xy, parent = np.asarray(xy, float), np.asarray(parent, int)
        kept = np.asarray(kept, bool)
        chosen = np.zeros(len(xy), bool)
        chosen[list(chosen_path)] = True
        self.edges.setData(*self._pairs(xy, parent, np.ones(len(xy), bool)))
        self.kept_edges.setData(*self._pairs(xy, parent, kept))
        self.chosen_edges.setData(*self._pairs(xy, parent, chosen))
        brushes = [pg.mkBrush(CHOSEN) if c else pg.mkBrush(KEPT) if k else pg.mkBrush(*PRUNED)
                   for c, k in zip(chosen, kept)]
        self.nodes.setData(xy[:, 0], xy[:, 1], brush=brushes)
        for i, (x, y) in enumerate(xy):
            text = self._text(i)
            if i == 0:  # the root: "start" from the core
                show_text(text, labels[i])
            else:
                text.setText(f"{labels[i]} {logp[i]:.2f}")
            text.setPos(x + 0.08, y)
            text.setVisible(True)
        for text in self.texts[len(xy):]:
            text.setVisible(False)
        depth = float(xy[:, 0].max()) if len(xy) else 1.0
        spread = float(np.abs(xy[:, 1]).max()) if len(xy) else 1.0
        self.plot.setRange(xRange=(-0.2, depth + 0.9), yRange=(-spread - 0.7, spread + 0.7), padding=0)

    def clear(self) -> None:
        for item in (self.edges, self.kept_edges, self.chosen_edges):
            item.setData([], [])
        self.nodes.setData([], [])
        for text in self.texts:
            text.setVisible(False)
