"""Views of the Network panel: the network graph of neuron heatmaps, the decision boundary,
training curves, gradient health, digits. Every number drawn was computed in ``playground.nets``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGridLayout, QStackedWidget, QWidget

from widgets import theme
from widgets.i18n import show_text
from widgets.live_plot import (
    AppPlotCurveItem, AppPlotWidget, AppScatterPlotItem, add_curve, finite_for_log, make_plot, set_narrow_title,
)

# TensorFlow Playground's colours: orange for -1 / class 0, blue for +1 / class 1.
DIVERGING = pg.ColorMap([0.0, 0.5, 1.0], [(245, 147, 34), (232, 234, 235), (8, 119, 189)])
HEAT = pg.colormap.get("viridis")
LUT = DIVERGING.getLookupTable(0.0, 1.0, 256)
# The same colours as RGBA bytes, for the neuron tiles (see tile_colours).
TILE_RGBA = np.concatenate([LUT, np.full((len(LUT), 1), 255, dtype=LUT.dtype)], axis=1).astype(np.uint8)
DOMAIN = 6.0
TILE = 1.0
LAYER_GAP = 3.2
NEURON_GAP = 1.35
EDGE_LEVELS = 5


class RectImage(pg.ImageItem):
    """An ImageItem that keeps its place: pyqtgraph's setRect needs the image size, so re-apply it."""

    rect: QRectF | None = None

    def place(self, rect: QRectF) -> None:
        self.rect = rect
        if self.image is not None:
            self.setRect(rect)

    def setImage(self, image=None, **kwargs):  # noqa: N802 - pyqtgraph's name
        super().setImage(image, **kwargs)
        if self.rect is not None and self.image is not None:
            self.setRect(self.rect)


def tile_colours(values: np.ndarray) -> np.ndarray:
    """A neuron's map in [-1, 1] as RGBA bytes in the diverging colours.

    Dozens of tiles a frame through pyqtgraph's lookup-table path built a 256-entry colour table
    with one Python call per entry, per tile, per frame (a third of the panel's frame time);
    an RGBA image is drawn as it is.
    """
    index = np.clip(np.rint((np.nan_to_num(values) + 1.0) * 127.5), 0, 255).astype(np.intp)
    return TILE_RGBA[index]


def _image(plot: pg.PlotWidget, lut=LUT, levels=(-1, 1)) -> RectImage:
    item = RectImage(axisOrder="row-major")
    item.setLookupTable(lut)
    item.setLevels(levels)
    plot.addItem(item)
    return item


class NetworkGraph(AppPlotWidget):
    """Each neuron a small heatmap of its output over the input plane; edges coloured and sized by weight."""

    def __init__(self) -> None:
        super().__init__()
        set_narrow_title(self.getPlotItem(), "Each neuron's output over the input plane; edges: weights (blue > 0)")
        self.setAspectLocked(True)
        self.hideAxis("left")
        self.hideAxis("bottom")
        self.setMouseEnabled(False, False)
        self.edge_curves = []
        for level in range(EDGE_LEVELS):
            for positive in (False, True):
                strength = (level + 1) / EDGE_LEVELS
                rgba = DIVERGING.map(0.5 + (0.5 if positive else -0.5) * strength, mode="byte")
                # Opaque, drawn as separate lines: Qt blends a translucent pen ~25x slower (600 edges
                # took 12 ms a frame at alpha 220, and 1 ms opaque).
                curve = AppPlotCurveItem(pen=pg.mkPen(tuple(int(c) for c in rgba[:3]), width=0.6 + 3.5 * strength),
                                         antialias=False)
                curve.setSegmentedLineMode("on")
                curve.setZValue(1)
                self.addItem(curve)
                self.edge_curves.append(curve)
        # The neuron tiles: their rectangles, and one image that holds them all (see _draw_tiles).
        self.tiles: list[QRectF] = []
        self.canvas = RectImage(axisOrder="row-major")  # RGBA from tile_colours: no lookup table
        self.canvas.setZValue(2)
        self.addItem(self.canvas)
        self.canvas_res = 0
        self.tile_rows: list[int] = []
        self.tile_cols: list[int] = []
        self.canvas_rgba = np.zeros((0, 0, 4), dtype=np.uint8)
        self.labels: list[pg.TextItem] = []
        self.shape: tuple = ()
        self.positions: list[np.ndarray] = []
        self.mid = np.zeros((0, 2))
        self.values = np.zeros(0)
        self.hover = pg.TextItem("", color="k", fill=pg.mkBrush(255, 255, 255, 220), anchor=(0, 1))
        self.hover.setZValue(10)
        self.hover.setVisible(False)
        self.addItem(self.hover)
        self.scene().sigMouseMoved.connect(self._on_move)

    def _layout(self, widths: list[int], features: list[str]) -> None:
        for item in self.labels:
            self.removeItem(item)
        self.labels, self.positions = [], []
        tallest = max(widths)
        for i, width in enumerate(widths):
            x = i * LAYER_GAP
            ys = (np.arange(width) - (width - 1) / 2) * -NEURON_GAP
            self.positions.append(np.stack([np.full(width, x), ys], 1))
            name = "input" if i == 0 else ("output" if i == len(widths) - 1 else f"layer {i}")
            label = pg.TextItem("", color=theme.current().muted_text, anchor=(0.5, 1))
            label.text_role = "muted_text"  # on the plot background: recoloured with the theme
            show_text(label, name)
            label.setPos(x, ys[0] + TILE / 2 + 0.1)
            self.addItem(label)
            self.labels.append(label)
        for j, feature in enumerate(features):
            label = pg.TextItem(feature, color=theme.current().muted_text, anchor=(1, 0.5))
            label.text_role = "muted_text"
            label.setPos(-TILE / 2 - 0.1, self.positions[0][j, 1])
            self.addItem(label)
            self.labels.append(label)
        self.tiles = [QRectF(x - TILE / 2, y - TILE / 2, TILE, TILE) for x, y in np.concatenate(self.positions)]
        self.canvas_res = 0
        self.canvas.clear()
        half = tallest * NEURON_GAP / 2 + 0.8
        # Both at once: with the aspect locked, the view grows whichever side it must so that all fits.
        self.getPlotItem().vb.setRange(xRange=(-2.0, (len(widths) - 1) * LAYER_GAP + 1), yRange=(-half, half),
                                       padding=0.02)

    def _place_canvas(self, res: int) -> None:
        """Where each tile's res x res pixels go in the one image that holds them all."""
        left = min(r.left() for r in self.tiles)
        bottom = min(r.top() for r in self.tiles)  # QRectF's top is the smaller y
        self.tile_cols = [round((r.left() - left) * res) for r in self.tiles]
        self.tile_rows = [round((r.top() - bottom) * res) for r in self.tiles]
        width = max(self.tile_cols) + res
        height = max(self.tile_rows) + res
        self.canvas_rgba = np.zeros((height, width, 4), dtype=np.uint8)  # transparent between tiles
        self.canvas.place(QRectF(left, bottom, width / res, height / res))
        self.canvas_res = res

    def _draw_tiles(self, widths: list[int], maps: list[np.ndarray | None]) -> None:
        """All neuron maps as one RGBA image: ~90 image items a frame cost 10 ms of Python and painting."""
        res = next((m.shape[-1] for m in maps if m is not None and m.size), 0)
        if not res or not self.tiles:
            return
        if res != self.canvas_res:
            self._place_canvas(res)
        k = 0
        for layer, width in enumerate(widths):
            m = maps[layer] if layer < len(maps) else None
            if m is not None and m.shape[-1] == res:
                colours = tile_colours(m[:width])
                for j in range(len(colours)):
                    r, c = self.tile_rows[k + j], self.tile_cols[k + j]
                    self.canvas_rgba[r:r + res, c:c + res] = colours[j]
            k += width
        self.canvas.setImage(self.canvas_rgba, autoLevels=False)

    def show_network(self, widths, weights: list[np.ndarray], maps: list[np.ndarray | None],
                     features: list[str]) -> None:
        widths = [int(w) for w in widths]
        if tuple(widths) + tuple(features) != self.shape:
            self._layout(widths, features)
            self.shape = tuple(widths) + tuple(features)
        self._draw_tiles(widths, maps)
        # Edges: one per weight, drawn in EDGE_LEVELS x 2 buckets of colour and width (one curve each).
        pos = np.concatenate(self.positions)
        offsets = np.cumsum([0] + widths)
        adj, vals = [], []
        for layer, w in enumerate(weights):
            out_n, in_n = w.shape
            src = offsets[layer] + np.repeat(np.arange(in_n)[None, :], out_n, 0)
            dst = offsets[layer + 1] + np.repeat(np.arange(out_n)[:, None], in_n, 1)
            adj.append(np.stack([src.ravel(), dst.ravel()], 1))
            vals.append(w.ravel())
        if not adj:
            return
        adj = np.concatenate(adj).astype(int)
        vals = np.concatenate(vals).astype(float)
        finite = np.where(np.isfinite(vals), vals, 0.0)
        scale = max(np.abs(finite).max(), 1e-12)
        level = np.minimum((np.abs(finite) / scale * EDGE_LEVELS).astype(int), EDGE_LEVELS - 1)
        bucket = level * 2 + (finite > 0)
        for b, curve in enumerate(self.edge_curves):
            chosen = adj[bucket == b]
            xy = np.empty((2 * len(chosen), 2))
            xy[0::2], xy[1::2] = pos[chosen[:, 0]], pos[chosen[:, 1]]
            curve.setData(xy[:, 0], xy[:, 1], connect="pairs")
        self.mid = (pos[adj[:, 0]] + pos[adj[:, 1]]) / 2
        self.values = vals

    def _on_move(self, point) -> None:
        if not len(self.mid):
            return
        p = self.getPlotItem().vb.mapSceneToView(point)
        d = np.hypot(self.mid[:, 0] - p.x(), self.mid[:, 1] - p.y())
        i = int(np.argmin(d))
        if d[i] < 0.6:
            self.hover.setText(f"w = {self.values[i]:.4g}")
            self.hover.setPos(p.x(), p.y())
            self.hover.setVisible(True)
        else:
            self.hover.setVisible(False)

    def clear_graph(self) -> None:
        for curve in self.edge_curves:
            curve.setData([], [])
        self.canvas.clear()
        self.canvas_res = 0
        self.mid = np.zeros((0, 2))


class BoundaryPlot(AppPlotWidget):
    """The output over the plane with the train (white rim) and test (black rim) points."""

    def __init__(self) -> None:
        super().__init__(title="Output (train: white rim, test: black rim)")
        self.setLabel("bottom", "x1")
        self.setLabel("left", "x2")
        self.setAspectLocked(True)
        self.image = _image(self)
        self.image.place(QRectF(-DOMAIN, -DOMAIN, 2 * DOMAIN, 2 * DOMAIN))
        self.train = AppScatterPlotItem(size=7, pen=pg.mkPen("w", width=1.2))
        self.test = AppScatterPlotItem(size=7, pen=pg.mkPen("k", width=1.2))
        self.addItem(self.train)
        self.addItem(self.test)
        self._points_key = None
        self.setRange(xRange=(-DOMAIN, DOMAIN), yRange=(-DOMAIN, DOMAIN), padding=0)

    def show(self, boundary, train_x, train_y, test_x, test_y, classify: bool) -> None:  # noqa: A003
        self.image.setImage(np.where(np.isfinite(boundary), boundary, 0.0), autoLevels=False)
        key = (train_x.shape, test_x.shape, train_x[:1].tobytes(), test_x[-1:].tobytes(), classify)
        if key == self._points_key:
            return  # the points do not move during a run: re-adding them costs more than the training
        self._points_key = key
        for item, x, y in ((self.train, train_x, train_y), (self.test, test_x, test_y)):
            v = (y * 2 - 1) if classify else np.clip(y, -1, 1)
            brushes = [pg.mkBrush(*c) for c in DIVERGING.map(np.clip(0.5 + 0.5 * v, 0, 1), mode="byte")]
            item.setData(x=x[:, 0], y=x[:, 1], brush=brushes)

    def clear_plot(self) -> None:
        self.image.clear()
        self._points_key = None
        self.train.clear()
        self.test.clear()


class DigitsView(QWidget):
    """8x8 digits: the confusion matrix and a grid of test digits titled prediction / truth."""

    def __init__(self) -> None:
        super().__init__()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.confusion = make_plot("Confusion matrix (test set)", "predicted digit", "true digit")
        self.confusion.getPlotItem().invertY(True)
        self.conf_image = _image(self.confusion, HEAT.getLookupTable(0, 1, 256), None)
        self.conf_image.place(QRectF(-0.5, -0.5, 10, 10))
        self.grid = make_plot("Test digits: prediction (true)", "", "")
        self.grid.hideAxis("left")
        self.grid.hideAxis("bottom")
        self.grid.getPlotItem().invertY(True)
        self.grid.setAspectLocked(True)
        self.digit_image = _image(self.grid, pg.colormap.get("CET-L1").getLookupTable(0, 1, 256)[::-1], (0, 1))
        self.digit_labels: list[pg.TextItem] = []
        layout.addWidget(self.confusion, 0, 0)
        layout.addWidget(self.grid, 0, 1)

    def show(self, confusion, images, pred, true) -> None:  # noqa: A003
        self.conf_image.setImage(confusion, levels=(0, max(1.0, float(confusion.max()))))
        cols = 6
        rows = max(1, int(np.ceil(len(images) / cols)))
        mosaic = np.ones((rows * 11, cols * 10))
        for i, img in enumerate(images):
            r, c = divmod(i, cols)
            mosaic[r * 11 + 3:r * 11 + 11, c * 10 + 1:c * 10 + 9] = img
        self.digit_image.setImage(mosaic, autoLevels=False)
        while len(self.digit_labels) < len(images):
            label = pg.TextItem("", anchor=(0.5, 0))
            self.grid.addItem(label)
            self.digit_labels.append(label)
        for i, (p, t) in enumerate(zip(pred, true)):
            r, c = divmod(i, cols)
            label = self.digit_labels[i]
            label.setText(f"{int(p)} ({int(t)})")
            label.setColor("#0072B2" if p == t else "#D55E00")
            label.setPos(c * 10 + 5, r * 11 - 0.5)


class TrainingViews(QWidget):
    """Loss, accuracy and the gradient-health plots."""

    def __init__(self) -> None:
        super().__init__()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.loss = make_plot("Loss", "epoch", "loss", log_y=True, legend=True)
        self.loss_curves = [add_curve(self.loss, 4, "train"), add_curve(self.loss, 5, "test")]
        self.acc = make_plot("Accuracy (R² for regression)", "epoch", "accuracy", legend=True)
        self.acc_curves = [add_curve(self.acc, 4, "train"), add_curve(self.acc, 5, "test")]
        self.grads = make_plot("Mean |dL/dW| per layer (now)", "layer (0 = first)", "mean |dL/dW|", log_y=True)
        self.grads_curve = self.grads.plot([], [], pen=pg.mkPen("#0072B2", width=2), symbol="o", symbolSize=9,
                                           symbolBrush="#0072B2")
        self.grad_time = make_plot("log10 mean |dL/dW| over training", "epoch", "layer")
        self.grad_time_image = _image(self.grad_time, HEAT.getLookupTable(0, 1, 256), None)
        self.acts = make_plot("Activation histogram per layer", "activation value", "layer")
        self.acts_image = _image(self.acts, HEAT.getLookupTable(0, 1, 256), None)
        self.grad_hist = make_plot("Histogram of log10 |dL/dW| per layer", "log10 |dL/dW|", "layer")
        self.grad_hist_image = _image(self.grad_hist, HEAT.getLookupTable(0, 1, 256), None)
        for plot in (self.loss, self.acc, self.grads):
            for side in ("left", "bottom"):
                plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)
        for i, plot in enumerate((self.loss, self.acc, self.grads, self.grad_time, self.acts, self.grad_hist)):
            layout.addWidget(plot, i // 3, i % 3)

    def show(self, a) -> None:  # noqa: A003
        epochs = a["hist_epoch"]
        for curve, key in zip(self.loss_curves, ("hist_train_loss", "hist_test_loss")):
            curve.setData(epochs, finite_for_log(a[key]))
        for curve, key in zip(self.acc_curves, ("hist_train_acc", "hist_test_acc")):
            curve.setData(epochs, np.nan_to_num(a[key]))
        g = a["grad_mean_abs"]
        self.grads_curve.setData(np.arange(len(g)), finite_for_log(g))
        hist = a["hist_grad"]
        if hist.ndim == 2 and hist.size:
            logs = np.log10(finite_for_log(hist)).T  # layers x time
            self.grad_time_image.setImage(logs, levels=(float(logs.min()), float(logs.max()) + 1e-9))
            right = max(float(epochs[-1]), 1.0)
            self.grad_time_image.place(QRectF(0, -0.5, right, logs.shape[0]))
        for image, key, edges in ((self.acts_image, "act_hist", "act_edges"),
                                  (self.grad_hist_image, "grad_hist", "grad_edges")):
            h = a[key]
            if h.size:
                norm = h / np.maximum(h.sum(1, keepdims=True), 1)
                image.setImage(norm, levels=(0, max(float(norm.max()), 1e-9)))
                e = a[edges]
                image.place(QRectF(e[0], -0.5, e[-1] - e[0], h.shape[0]))

    def clear(self) -> None:
        for curve in self.loss_curves + self.acc_curves + [self.grads_curve]:
            curve.setData([], [])
        for image in (self.grad_time_image, self.acts_image, self.grad_hist_image):
            image.clear()


class NetworkViews(QWidget):
    """The whole right side: graph and boundary (or digits) on top, training plots below."""

    def __init__(self) -> None:
        super().__init__()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.graph = NetworkGraph()
        self.boundary = BoundaryPlot()
        self.digits = DigitsView()
        self.right = QStackedWidget()
        self.right.addWidget(self.boundary)
        self.right.addWidget(self.digits)
        self.training = TrainingViews()
        layout.addWidget(self.graph, 0, 0)
        layout.addWidget(self.right, 0, 1)
        layout.addWidget(self.training, 1, 0, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(1, 2)

    def show_snapshot(self, snap) -> None:
        for part in self.parts(snap):
            part()

    def parts(self, snap) -> list:
        """The drawing in three parts, the graph, the boundary (or digits) and the training plots,
        which the panel paints in separate turns while a run plays."""
        a = snap.arrays
        features = list(snap.tables.get("features", []))
        widths = a["widths"].tolist()
        n_weights = len(widths) - 1
        weights = [a[f"weights_{i}"] for i in range(n_weights)]
        if snap.kind == "network.points":
            maps = [a[f"maps_{i}"] for i in range(n_weights)] + [a["boundary"][None]]

            def graph() -> None:
                self.graph.show_network(widths, weights, maps, features)

            def right() -> None:
                self.right.setCurrentWidget(self.boundary)
                self.boundary.show(a["boundary"], a["train_x"], a["train_y"], a["test_x"], a["test_y"],
                                   bool(snap.tables.get("classify", True)))
        else:
            def graph() -> None:
                # 64 pixel inputs: draw the hidden layers and output only.
                self.graph.show_network(widths[1:], weights[1:], [], [])

            def right() -> None:
                self.right.setCurrentWidget(self.digits)
                self.digits.show(a["confusion"], a["digit_images"], a["digit_pred"], a["digit_true"])
        return [graph, right, lambda: self.training.show(a)]

    def clear(self) -> None:
        self.graph.clear_graph()
        self.boundary.clear_plot()
        self.training.clear()
