"""The regression page: the loss bowl with the SGD paths and the normal equations' minimum (linear), or
decision regions, the loss curve and the gradient by hand beside autograd's (logistic, softmax).

The two tasks draw different plots, so the page holds two plot layouts and shows the one of the
snapshot's kind (or of the config's task, before the first snapshot).
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from widgets.conv_views import SEQUENTIAL, equal_columns, set_title
from widgets.foundations_views.perceptron import fmt
from widgets.i18n import register, tr
from widgets.live_plot import AppPlotCurveItem, AppScatterPlotItem, add_plot, colour
from widgets.panels.paged import Page as PageBase
from widgets.readout import ReadoutLabel

LINEAR, CLASSIFY = "foundations.regression.linear", "foundations.regression.classify"
CONTOUR = "#4a6fa5"  # opaque: a translucent line is slow to stroke (architecture.md)
CLASS_COLOURS = ((0, 114, 178), (213, 94, 0), (0, 158, 115))  # blue, vermillion, green (Okabe-Ito)

TITLE_BOWL = "loss bowl log10 L(w, b)"
TITLE_FIT = "data and fitted lines"
TITLE_LOSS = "loss L(w, b) per update"
TITLE_REGIONS = "decision regions (paler: less sure)"
TITLE_CLASS_LOSS = "cross-entropy loss"
SGD_NAME = "SGD (|B| = 1)"
MINIBATCH_NAME = "minibatch SGD (|B| = {b})"
CLOSED_NAME = "normal equations"
LINEAR_LINE = ("normal equations w_hat = (X^T X)^-1 X^T Y: w = {w}, b = {b}, L = {loss} · SGD: w = {sw}, b = {sb}, "
               "L = {sl} · minibatch: w = {mw}, b = {mb}, L = {ml} · step {step}")
CLASS_LINE = "{task}, {classes} classes · step {step} · loss {loss} · accuracy {acc}"
TASK_NAMES = {"logistic": "logistic regression", "softmax": "softmax regression"}
GRAD_FORMULA_LOGISTIC = "gradient by the notes' formula X^T (sigma(Xw) - y) / n and by torch autograd (float64):"
GRAD_FORMULA_SOFTMAX = "gradient by the notes' formula X^T (softmax(XW) - Y) / n and by torch autograd (float64):"
GRAD_ROW = "{name}: formula {hand} · autograd {auto}"
GRAD_DIFF = "largest difference |formula - autograd| = {diff}"

# Messages the engine (playground/foundations/regression.py) sends in English when a run diverges.
DIVERGED = "{name} diverged at step {step}: the learning rate {lr} is too large for this data; lower it"
NOT_FINITE = "the loss is not finite at step {step}: lower the learning rate"

register({
    DIVERGED: "{name} 在第 {step} 步发散：学习率 {lr} 对这些数据太大；请调小", "sgd": "SGD", "minibatch": "小批量 SGD",
    NOT_FINITE: "损失在第 {step} 步不是有限值：请调小学习率",
    TITLE_BOWL: "损失碗 log10 L(w, b)",
    TITLE_FIT: "数据与拟合直线",
    TITLE_LOSS: "每次更新后的损失 L(w, b)",
    TITLE_REGIONS: "决策区域（颜色越浅越不确定）",
    TITLE_CLASS_LOSS: "交叉熵损失",
    SGD_NAME: "SGD（|B| = 1）", MINIBATCH_NAME: "小批量 SGD（|B| = {b}）", CLOSED_NAME: "正规方程",
    LINEAR_LINE: "正规方程 ŵ = (X^T X)^-1 X^T Y：w = {w}，b = {b}，L = {loss} · SGD：w = {sw}，b = {sb}，"
                 "L = {sl} · 小批量：w = {mw}，b = {mb}，L = {ml} · 第 {step} 步",
    CLASS_LINE: "{task}，{classes} 类 · 第 {step} 步 · 损失 {loss} · 准确率 {acc}",
    GRAD_FORMULA_LOGISTIC: "按笔记公式 X^T (σ(Xw) - y) / n 与 PyTorch 自动求导（64 位浮点）计算的梯度：",
    GRAD_FORMULA_SOFTMAX: "按笔记公式 X^T (softmax(XW) - Y) / n 与 PyTorch 自动求导（64 位浮点）计算的梯度：",
    GRAD_ROW: "{name}：公式 {hand} · 自动求导 {auto}",
    GRAD_DIFF: "最大差值 |公式 - 自动求导| = {diff}",
    "logistic regression": "逻辑回归", "softmax regression": "softmax 回归",
    "step": "步数", "loss": "损失", "w (slope)": "w（斜率）", "b (intercept)": "b（截距）", "data": "数据",
    "true line": "真实直线", "x": "x", "y": "y", "bias row": "偏置行",
    "Regression task": "回归任务", "Linear data": "线性数据", "Class data": "分类数据",
    "Regression training": "回归训练", "true w": "真实 w", "true b": "真实 b", "samples": "样本数",
    "classes": "类别数", "points per class": "每类点数", "class spread": "类内散布", "steps": "步数",
    "Linear regression (normal equations against SGD on the loss bowl), logistic regression (2 classes) or softmax "
    "regression (2 or 3 classes)": "线性回归（正规方程对比损失碗上的 SGD）、逻辑回归（2 类）或 softmax 回归（2 或 3 类）",
    "The slope of y = w x + b + noise": "y = w x + b + noise 的斜率",
    "The intercept of y = w x + b + noise": "y = w x + b + noise 的截距",
    "Standard deviation of the Gaussian noise added to y": "加到 y 上的高斯噪声的标准差",
    "How many (x, y) pairs; x is uniform on [-1, 3]": "(x, y) 样本对的个数；x 在 [-1, 3] 上均匀分布",
    "Classes for softmax regression (logistic regression always has 2)": "softmax 回归的类别数（逻辑回归总是 2 类）",
    "Points drawn around each class centre": "每个类中心周围抽取的点数",
    "Standard deviation of each class's cloud (classes overlap when large)": "每类点云的标准差（大时各类重叠）",
    "Step size of SGD and minibatch SGD (linear) or gradient descent (logistic, softmax)":
        "SGD 与小批量 SGD（线性）或梯度下降（逻辑、softmax）的步长",
    "Samples per update of the minibatch path (the SGD path uses 1)": "小批量路径每次更新使用的样本数（SGD 路径用 1 个）",
    "Updates of each path (linear) or of gradient descent (logistic, softmax)":
        "每条路径（线性）或梯度下降（逻辑、softmax）的更新次数",
}, messages=(MINIBATCH_NAME, LINEAR_LINE, CLASS_LINE, GRAD_ROW, GRAD_DIFF, DIVERGED, NOT_FINITE))


def _curve_plot(layout, row: int, col: int, title: str, x: str, y: str):
    plot = add_plot(layout, row=row, col=col)
    set_title(plot, tr(title))
    plot.setLabel("bottom", tr(x))
    plot.setLabel("left", tr(y))
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setClipToView(True)
    plot.getAxis("left").enableAutoSIPrefix(False)  # a loss of 0.69 read "690 (x0.001)"
    return plot


class Page(PageBase):
    def build(self) -> None:
        self._build_linear(self.graphics.ci)
        self.classify_graphics = pg.GraphicsLayoutWidget()
        self.layout().insertWidget(1, self.classify_graphics, 1)
        self._build_classify(self.classify_graphics.ci)
        self.readout = ReadoutLabel(size=15)
        self.below.addWidget(self.readout)
        self._show_task("linear")

    def _show_task(self, task: str) -> None:
        linear = task == "linear"
        self.graphics.setVisible(linear)
        self.classify_graphics.setVisible(not linear)

    def show_config(self, config) -> None:
        self._show_task(config.task)
        self._name_minibatch(min(config.minibatch_size, config.linear_samples))

    # Linear: the bowl, the data, the loss curves ----------------------------------------------------------
    def _build_linear(self, g) -> None:
        self.bowl_plot = add_plot(g, row=0, col=0, rowspan=2)
        set_title(self.bowl_plot, tr(TITLE_BOWL))
        self.bowl_plot.setLabel("bottom", tr("w (slope)"))
        self.bowl_plot.setLabel("left", tr("b (intercept)"))
        self.bowl_plot.hideButtons()
        self.bowl = pg.ImageItem()
        self.bowl.setLookupTable(SEQUENTIAL.getLookupTable(nPts=256))
        self.bowl.setZValue(-10)
        self.bowl_plot.addItem(self.bowl)
        self.contours: list[pg.IsocurveItem] = []  # children of the bowl image: they share its placement
        self.bowl_legend = self.bowl_plot.addLegend(offset=(-10, 10))
        self.path_sgd = self.bowl_plot.plot([], [], pen=pg.mkPen(colour(1), width=2), name=tr(SGD_NAME))
        self.path_minibatch = self.bowl_plot.plot([], [], pen=pg.mkPen(colour(2), width=3), name=MINIBATCH_NAME)
        self.minimum = AppScatterPlotItem(size=18, symbol="x", pen=pg.mkPen(colour(6), width=3), brush=None)
        self.minimum.setZValue(10)
        self.bowl_plot.addItem(self.minimum)
        self.bowl_legend.addItem(self.minimum, tr(CLOSED_NAME))
        self.extent: tuple | None = None

        self.fit_plot = _curve_plot(g, 0, 1, TITLE_FIT, "x", "y")
        self.data = AppScatterPlotItem(size=6, pen=None, brush=pg.mkBrush(120, 120, 120, 200))
        self.fit_plot.addItem(self.data)
        self.fit_legend = self.fit_plot.addLegend(offset=(10, 10))
        self.fit_closed = self.fit_plot.plot([], [], pen=pg.mkPen(colour(6), width=3), name=tr(CLOSED_NAME))
        self.fit_sgd = self.fit_plot.plot([], [], pen=pg.mkPen(colour(1), width=2), name=tr(SGD_NAME))
        self.fit_minibatch = self.fit_plot.plot([], [], pen=pg.mkPen(colour(2), width=2), name=MINIBATCH_NAME)

        self.loss_plot = _curve_plot(g, 1, 1, TITLE_LOSS, "step", "loss")
        self.loss_plot.setLogMode(y=True)
        self.loss_legend = self.loss_plot.addLegend(offset=(-10, 10))
        self.loss_sgd = self.loss_plot.plot([], [], pen=pg.mkPen(colour(1), width=2), name=tr(SGD_NAME))
        self.loss_minibatch = self.loss_plot.plot([], [], pen=pg.mkPen(colour(2), width=2), name=MINIBATCH_NAME)
        self.loss_closed = self.loss_plot.plot([], [], pen=pg.mkPen(colour(6), width=2), name=tr(CLOSED_NAME))
        equal_columns(g, [3, 2])
        self.batch_shown: int | None = None

    def _name_minibatch(self, batch: int) -> None:
        """The minibatch curves' legend entries name the batch size (it is a config field)."""
        if batch == self.batch_shown:
            return
        self.batch_shown = batch
        label = tr(MINIBATCH_NAME).format(b=batch)
        for legend, curve in ((self.bowl_legend, self.path_minibatch), (self.fit_legend, self.fit_minibatch),
                              (self.loss_legend, self.loss_minibatch)):
            curve.opts["name"] = label
            legend.removeItem(curve)
            legend.addItem(curve, label)

    def _draw_contours(self, bowl: np.ndarray, levels: np.ndarray) -> None:
        for item in self.contours:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self.contours = []
        for level in levels:
            item = pg.IsocurveItem(data=bowl, level=float(level), pen=pg.mkPen(CONTOUR, width=1))
            item.setParentItem(self.bowl)
            self.contours.append(item)

    def _draw_linear(self, snap) -> None:
        a, m = snap.arrays, snap.metrics
        self._name_minibatch(int(snap.tables["batch_size"]))
        extent = tuple(float(v) for v in a["bowl_extent"])
        bowl = a["bowl"]
        if extent != self.extent:
            self.extent = extent
            w0, w1, b0, b1 = extent
            self.bowl.setImage(bowl, levels=(float(bowl.min()), float(bowl.max())), autoLevels=False)
            self.bowl.setRect(QRectF(w0, b0, w1 - w0, b1 - b0))
            self.bowl_plot.setRange(xRange=(w0, w1), yRange=(b0, b1), padding=0.0)
            self._draw_contours(bowl, a["contour_levels"])
        self.path_sgd.setData(a["path_sgd"][:, 0], a["path_sgd"][:, 1])
        self.path_minibatch.setData(a["path_minibatch"][:, 0], a["path_minibatch"][:, 1])
        self.minimum.setData(x=[a["closed_form"][0]], y=[a["closed_form"][1]])
        x = a["data_x"]
        self.data.setData(x=x, y=a["data_y"])
        ends = np.array([x.min(), x.max()])
        for curve, (w, b) in ((self.fit_closed, a["closed_form"]), (self.fit_sgd, a["path_sgd"][-1]),
                              (self.fit_minibatch, a["path_minibatch"][-1])):
            curve.setData(ends, w * ends + b)
        steps = a["hist_step"]
        self.loss_sgd.setData(steps, a["hist_loss_sgd"])
        self.loss_minibatch.setData(steps, a["hist_loss_minibatch"])
        self.loss_closed.setData([0.0, max(float(steps[-1]), 1.0)], [m["closed_loss"]] * 2)
        self.readout.setText(tr(LINEAR_LINE).format(
            w=fmt(m["closed_w"]), b=fmt(m["closed_b"]), loss=fmt(m["closed_loss"]), sw=fmt(m["sgd_w"]),
            sb=fmt(m["sgd_b"]), sl=fmt(m["sgd_loss"]), mw=fmt(m["minibatch_w"]), mb=fmt(m["minibatch_b"]),
            ml=fmt(m["minibatch_loss"]), step=snap.step))

    # Logistic and softmax: regions, loss, gradients --------------------------------------------------------
    def _build_classify(self, g) -> None:
        self.region_plot = add_plot(g, row=0, col=0)
        set_title(self.region_plot, tr(TITLE_REGIONS))
        self.region_plot.setAspectLocked(True)
        self.region_plot.hideButtons()
        self.region_plot.setLabel("bottom", "x1")
        self.region_plot.setLabel("left", "x2")
        self.regions = pg.ImageItem()
        self.regions.setZValue(-10)
        self.region_plot.addItem(self.regions)
        self.class_points = []
        for i, rgb in enumerate(CLASS_COLOURS):
            item = AppScatterPlotItem(size=8, symbol="os"[i % 2] if i < 2 else "t", pen=pg.mkPen("#ffffff"),
                                      brush=pg.mkBrush(*rgb))
            item.setZValue(5)
            self.region_plot.addItem(item)
            self.class_points.append(item)
        self.region_extent: tuple | None = None
        self.class_loss_plot = _curve_plot(g, 0, 1, TITLE_CLASS_LOSS, "step", "loss")
        self.class_loss = AppPlotCurveItem(pen=pg.mkPen(colour(0), width=2))
        self.class_loss_plot.addItem(self.class_loss)
        equal_columns(g, [3, 2])

    def _region_image(self, classes: np.ndarray, confidence: np.ndarray, count: int) -> np.ndarray:
        """RGBA cells: the predicted class's colour, faded to white as its probability nears 1 / count."""
        palette = np.array(CLASS_COLOURS[:count], dtype=float)
        strength = np.clip((confidence - 1.0 / count) / (1.0 - 1.0 / count), 0.0, 1.0)[..., None] * 0.55
        rgb = 255.0 * (1 - strength) + palette[classes] * strength
        return np.concatenate([rgb, np.full(classes.shape + (1,), 255.0)], axis=-1).astype(np.ubyte)

    def _draw_classify(self, snap) -> None:
        a, t = snap.arrays, snap.tables
        count = int(t["classes"])
        extent = tuple(float(v) for v in a["region_extent"])
        self.regions.setImage(self._region_image(a["region_class"], a["region_confidence"], count), autoLevels=False)
        x0, x1, y0, y1 = extent
        self.regions.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        if extent != self.region_extent:
            self.region_extent = extent
            self.region_plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)
        xy, labels = a["points_xy"], a["labels"]
        for i, item in enumerate(self.class_points):
            chosen = labels == i
            item.setData(x=xy[chosen, 0], y=xy[chosen, 1])
        self.class_loss.setData(a["hist_step"], a["hist_loss"])
        self.readout.setText("<br>".join(html.escape(line) for line in self._classify_lines(snap, count)))

    def _classify_lines(self, snap, count: int) -> list[str]:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        logistic = t["task"] == "logistic"
        lines = [tr(CLASS_LINE).format(task=tr(TASK_NAMES[t["task"]]), classes=count, step=snap.step, loss=fmt(m["loss"]),
                                       acc=f"{m['accuracy']:.0%}"),
                 tr(GRAD_FORMULA_LOGISTIC if logistic else GRAD_FORMULA_SOFTMAX)]
        hand, auto = a["grad_hand"], a["grad_autograd"]
        for row, name in enumerate(("w1", "w2", tr("bias row"))):
            lines.append(tr(GRAD_ROW).format(name=name, hand=_exact(hand[row]), auto=_exact(auto[row])))
        lines.append(tr(GRAD_DIFF).format(diff=f"{m['grad_max_diff']:.1e}"))
        return lines

    # Both ----------------------------------------------------------------------------------------------
    def draw(self, snap) -> None:
        linear = snap.kind == LINEAR
        self._show_task("linear" if linear else "classify")
        if linear:
            self._draw_linear(snap)
        else:
            self._draw_classify(snap)

    def clear(self) -> None:
        for curve in (self.path_sgd, self.path_minibatch, self.fit_closed, self.fit_sgd, self.fit_minibatch,
                      self.loss_sgd, self.loss_minibatch, self.loss_closed, self.class_loss):
            curve.setData([], [])
        for item in (self.minimum, self.data, *self.class_points):
            item.setData(x=[], y=[])
        self.bowl.clear()
        self._draw_contours(np.zeros((2, 2)), np.zeros(0))
        self.regions.clear()
        self.extent = self.region_extent = None
        self.readout.setText("")


def _exact(values) -> str:
    """Gradient entries with 6 significant digits: the two columns agree to the last one shown."""
    return "(" + ", ".join(f"{float(v) + 0.0:.6g}" for v in values) + ")"


