"""The activations page: an activation and its derivative; batch norm's moving averages against the
drifting batch statistics and an inference batch normalised both ways; the loss contours of a linear
regression on raw and on scaled inputs with gradient descent's paths."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from widgets.conv_views import CurveView, equal_columns, set_title
from widgets.i18n import register, tr
from widgets.live_plot import AppPlotCurveItem, AppScatterPlotItem, add_plot, colour
from widgets.panels.paged import Page as PageBase
from widgets.readout import ReadoutLabel

register({
    "Activation and its derivative": "激活函数及其导数", "f(x)": "f(x)", "f'(x)": "f'(x)",
    "Batch norm: batch mean vs moving mean": "批量归一化：批量均值与移动平均", "step": "步数", "mean": "均值",
    "true mean": "真实均值", "batch mean": "批量均值", "moving mean": "移动平均均值",
    "Inference batch normalised": "推理批量的归一化输出", "input x": "输入 x", "output": "输出",
    "batch statistics": "批量统计量", "moving averages": "移动平均",
    "Loss contours, raw inputs": "损失等高线：原始输入", "Loss contours, scaled inputs": "损失等高线：缩放后的输入",
    "w1": "w1", "w2": "w2", "Loss above the optimum": "高出最优值的损失", "raw": "原始", "scaled": "缩放后",
    "Activation function": "激活函数", "Batch norm at inference": "推理时的批量归一化", "Input scaling": "输入缩放",
    "act function": "激活函数", "act alpha": "alpha", "maxout pieces": "分段最大值的段数 k", "bn batch": "训练批量大小",
    "bn eval batch": "推理批量大小", "bn momentum": "动量", "bn shift": "均值漂移", "input scaling": "缩放方法",
    "gd lr factor": "学习率倍数", "act steps": "步数",
    "The activation drawn with its derivative: softplus log(1+e^x), ELU, PReLU, maxout of k affine pieces, or |x|":
        "与其导数一起画出的激活函数：softplus log(1+e^x)、ELU、PReLU、k 段仿射的 maxout 或 |x|",
    "alpha of ELU (alpha (e^x - 1) for x < 0) and of PReLU (alpha x for x < 0; learned in a network)":
        "ELU（x < 0 时 alpha (e^x - 1)）和 PReLU（x < 0 时 alpha x；网络中可学习）的 alpha",
    "k, the number of affine pieces z_k = w_k x + b_k whose maximum maxout takes":
        "k：maxout 取最大值的仿射分段 z_k = w_k x + b_k 的个数",
    "Training batch size m: batch norm's mean and variance come from these m pre-activations":
        "训练批量大小 m：批量归一化的均值和方差来自这 m 个预激活值",
    "Inference batch size: 1 shows what batch statistics do to a single example (variance 0, output 0)":
        "推理批量大小：1 显示批量统计量对单个样本的作用（方差 0，输出 0）",
    "Momentum of the moving averages: moving = momentum * moving + (1 - momentum) * batch":
        "移动平均的动量：moving = momentum * moving + (1 - momentum) * batch",
    "How far the pre-activations' mean drifts over the run (their standard deviation is 2)":
        "预激活值的均值在运行中漂移的距离（标准差为 2）",
    "The scaling compared with the raw inputs: min-max to [0, 1], z-score (x - mu) / sigma, or none":
        "与原始输入比较的缩放：min-max 到 [0, 1]、z-score (x - mu) / sigma，或不缩放",
    "Gradient descent's rate as a multiple of 1 / lambda_max of each loss surface (below 2 it cannot diverge)":
        "梯度下降的学习率，为各损失曲面 1 / lambda_max 的倍数（小于 2 不会发散）",
    "Steps of the run: training batches through batch norm and gradient-descent steps on each surface":
        "运行步数：经过批量归一化的训练批量数，也是每个曲面上的梯度下降步数",
    "Batch of one: variance 0, so batch statistics give (x - x) / sqrt(0 + eps) = 0 for every input; "
    "the moving averages give {out}.":
        "批量大小为 1：方差为 0，批量统计量对任何输入都给出 (x - x) / sqrt(0 + eps) = 0；移动平均给出 {out}。",
    "moving mean {mm} (true {tm}), moving variance {mv} (true 4.00)":
        "移动平均均值 {mm}（真实值 {tm}），移动平均方差 {mv}（真实值 4.00）",
    "cond(X^T X): raw {raw}, {method} {scaled}; loss above the optimum after {step} steps: raw {graw}, "
    "scaled {gscaled}. A 3-level category: integer code cond {icond}, loss {iloss}; one-hot cond {ocond}, "
    "loss {oloss}":
        "X^T X 的条件数：原始 {raw}，{method} {scaled}；{step} 步后高出最优的损失：原始 {graw}，缩放后 {gscaled}。"
        "三个取值的类别：整数编码条件数 {icond}，损失 {iloss}；独热编码条件数 {ocond}，损失 {oloss}",
    "z_score": "标准化", "min_max": "最小-最大归一化", "none": "不缩放",
}, messages=())

CONTOUR_LEVELS = 8


def _fmt(value: float) -> str:
    return f"{value:.3g}"


class ContourView:
    """A loss surface as a log-scaled image with iso-lines, gradient descent's path and the optimum."""

    def __init__(self, layout, row: int, col: int, title: str) -> None:
        self.plot = add_plot(layout, row=row, col=col)
        set_title(self.plot, title)
        self.plot.setLabel("bottom", "w1")
        self.plot.setLabel("left", "w2")
        self.image = pg.ImageItem()
        self.image.setLookupTable(pg.ColorMap([0.0, 1.0], [(70, 130, 230), (250, 250, 250)]).getLookupTable(nPts=256))
        self.plot.addItem(self.image)
        self.isos = [pg.IsocurveItem(pen=pg.mkPen((40, 40, 40), width=1)) for _ in range(CONTOUR_LEVELS)]
        for iso in self.isos:
            iso.setParentItem(self.image)
        self.path = AppPlotCurveItem(pen=pg.mkPen(colour(1), width=2))
        self.path.setZValue(10)
        self.plot.addItem(self.path)
        self.optimum = AppScatterPlotItem(symbol="star", size=14, brush=pg.mkBrush(colour(3)), pen=None)
        self.optimum.setZValue(11)
        self.plot.addItem(self.optimum)

    def set(self, grid: np.ndarray, box: np.ndarray, path: np.ndarray, optimum: np.ndarray) -> None:
        gap = grid - grid.min()
        top = max(float(gap.max()), 1e-300)
        # rows are w2, columns w1: the app's images are row-major (the grid is indexed [w1, w2])
        log_loss = np.log10(gap + 1e-9 * top + 1e-300).T
        self.image.setImage(log_loss, autoLevels=True)
        x0, x1, y0, y1 = (float(v) for v in box)
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        # each contour halves the loss above the optimum: equally spaced on the image's log scale
        levels = np.log10(top * 0.5 ** np.arange(1, CONTOUR_LEVELS + 1))
        for iso, level in zip(self.isos, levels):
            iso.setData(log_loss, level)
        self.path.setData(path[:, 0], path[:, 1])
        self.optimum.setData(x=[optimum[0]], y=[optimum[1]])
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def clear(self) -> None:
        self.image.clear()
        for iso in self.isos:
            iso.setData(None)
        self.path.setData([], [])
        self.optimum.setData(x=[], y=[])


class Page(PageBase):
    def build(self) -> None:
        layout = self.graphics.ci
        self.curves = CurveView(layout, 0, 0, "Activation and its derivative", "x", "f(x)", ["f(x)", "f'(x)"])
        self.bn_means = CurveView(layout, 0, 1, "Batch norm: batch mean vs moving mean", "step", "mean",
                                  ["true mean", "batch mean", "moving mean"])
        self.bn_out = add_plot(layout, row=0, col=2)
        set_title(self.bn_out, "Inference batch normalised")
        self.bn_out.setLabel("bottom", "input x")
        self.bn_out.setLabel("left", "output")
        legend = self.bn_out.addLegend(offset=(-10, 10))
        self.bn_batch = AppScatterPlotItem(symbol="o", size=8, brush=pg.mkBrush(colour(0)), pen=None)
        self.bn_moving = AppScatterPlotItem(symbol="t", size=9, brush=pg.mkBrush(colour(1)), pen=None)
        for item, name in ((self.bn_batch, "batch statistics"), (self.bn_moving, "moving averages")):
            self.bn_out.addItem(item)
            legend.addItem(item, name)
        self.raw = ContourView(layout, 1, 0, "Loss contours, raw inputs")
        self.scaled = ContourView(layout, 1, 1, "Loss contours, scaled inputs")
        self.gaps = CurveView(layout, 1, 2, "Loss above the optimum", "step", "L(w) - L(w*)", ["raw", "scaled"],
                              log_y=True)
        equal_columns(layout, [1, 1, 1])
        self.bn_readout = ReadoutLabel()
        self.scaling_readout = ReadoutLabel()
        self.below.addWidget(self.bn_readout)
        self.below.addWidget(self.scaling_readout)

    def draw(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        self.curves.set("f(x)", a["curve_x"], a["curve_f"])
        self.curves.set("f'(x)", a["curve_x"], a["curve_df"])
        for name, key in (("true mean", "bn_true_mean"), ("batch mean", "bn_batch_mean"),
                          ("moving mean", "bn_moving_mean")):
            self.bn_means.set(name, a["bn_step"], a[key])
        self.bn_batch.setData(x=a["bn_x"], y=a["bn_batch_out"])
        self.bn_moving.setData(x=a["bn_x"], y=a["bn_moving_out"])
        outputs = np.concatenate([a["bn_batch_out"], a["bn_moving_out"]])
        self.bn_out.setYRange(min(float(outputs.min()), -1.0) - 0.3, max(float(outputs.max()), 1.0) + 0.3, padding=0)
        bn_text = tr("moving mean {mm} (true {tm}), moving variance {mv} (true 4.00)").format(
            mm=f"{m['bn_moving_mean']:.2f}", tm=f"{m['bn_true_mean']:.2f}", mv=f"{m['bn_moving_var']:.2f}")
        if t["batch_of_one"]:
            bn_text += " " + tr("Batch of one: variance 0, so batch statistics give (x - x) / sqrt(0 + eps) = 0 for "
                                "every input; the moving averages give {out}.").format(
                out=f"{float(a['bn_moving_out'][0]):.2f}")
        self.bn_readout.setText(bn_text)
        self.raw.set(a["raw_grid"], a["raw_box"], a["raw_path"], a["raw_optimum"])
        self.scaled.set(a["scaled_grid"], a["scaled_box"], a["scaled_path"], a["scaled_optimum"])
        steps = np.arange(len(a["raw_gap_history"]), dtype=float)
        for name in ("raw", "scaled"):  # a log axis: a gap below 1e-12 (rounding) is drawn at 1e-12
            self.gaps.set(name, steps, np.maximum(a[f"{name}_gap_history"], 1e-12))
        self.scaling_readout.setText(tr(
            "cond(X^T X): raw {raw}, {method} {scaled}; loss above the optimum after {step} steps: raw {graw}, "
            "scaled {gscaled}. A 3-level category: integer code cond {icond}, loss {iloss}; one-hot cond {ocond}, "
            "loss {oloss}").format(
            raw=_fmt(m["raw_condition"]), method=tr(t["scaling"]), scaled=_fmt(m["scaled_condition"]), step=snap.step,
            graw=_fmt(m["raw_loss_gap"]), gscaled=_fmt(m["scaled_loss_gap"]), icond=_fmt(m["integer_condition"]),
            iloss=_fmt(m["integer_loss"]), ocond=_fmt(m["one_hot_condition"]), oloss=_fmt(m["one_hot_loss"])))

    def clear(self) -> None:
        self.curves.clear()
        self.bn_means.clear()
        self.bn_batch.setData(x=[], y=[])
        self.bn_moving.setData(x=[], y=[])
        self.raw.clear()
        self.scaled.clear()
        self.gaps.clear()
        self.bn_readout.setText("")
        self.scaling_readout.setText("")
