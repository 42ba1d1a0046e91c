"""The backprop page: the computation graph with the current op highlighted, its value and local gradient, and
its formula in scalar and matrix form (no math here: every number comes from the snapshot)."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from widgets.conv_views import HIGHLIGHT, GridView, equal_columns, set_title
from widgets.i18n import register, show_text, tr
from widgets.live_plot import AppPlotCurveItem, add_plot
from widgets.panels.paged import Page as BasePage
from widgets.readout import ReadoutLabel

# Box fills per phase (done) and for ops not run yet: light, so the dark label text stays readable.
FILLS = {0: (200, 222, 255), 1: (225, 225, 225), 2: (255, 222, 190)}
PENDING = (255, 255, 255, 150)

STEP = "op {done} of {total} ({phase}): {name}"
SCALAR = "one entry: {formula}"
MATRIX = "matrix form: {formula}"
LOCAL = "local gradient {name}, with {derivative}"
LOSS = "loss L = {loss}"
CHECK = "torch autograd (float64), max |hand - autograd|: {diffs}; largest {diff} ({verdict})"
START = "{total} ops: press Step to run the first forward op of the {network} network"

register({
    "computation graph (forward: top, backward: below; the current op is outlined)":
        "计算图（上方为前向，下方为反向；当前运算加框）",
    "value of the current op": "当前运算的值", "local gradient": "局部梯度", "column": "列", "row": "行",
    "forward": "前向", "loss": "损失", "backward": "反向",
    STEP: "第 {done} / {total} 个运算（{phase}）：{name}", SCALAR: "单个元素：{formula}", MATRIX: "矩阵形式：{formula}",
    LOCAL: "局部梯度 {name}，其中 {derivative}", LOSS: "损失 L = {loss}",
    CHECK: "torch 自动求导（float64），max |手算 - 自动求导|：{diffs}；最大 {diff}（{verdict}）",
    "agrees below 1e-10": "小于 1e-10，一致", "DIFFERS": "不一致",
    START: "共 {total} 个运算：按单步执行 {network} 网络的第一个前向运算",
    # the mode, its section, fields and choices
    "backprop": "手算反向传播", "Network by hand": "手算网络", "network": "网络", "weight layers": "权重层数",
    "inputs": "输入数", "hidden units": "隐藏单元数", "outputs": "输出数", "activation f": "激活函数 f",
    "time steps T": "时间步数 T", "mlp": "MLP", "conv_dense_dense": "卷积-全连接-全连接", "rnn_bptt": "RNN（BPTT）",
    "relu": "ReLU",
})


class GraphView:
    """Ops as labelled boxes at their graph positions, edges between them, the current op outlined."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str, colspan: int = 1) -> None:
        self.plot = add_plot(layout, row=row, col=col, colspan=colspan)
        set_title(self.plot, title)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.edges = AppPlotCurveItem(pen=pg.mkPen((150, 150, 150), width=2), connect="pairs")
        self.plot.addItem(self.edges)
        self.boxes: list[pg.TextItem] = []
        self.font = QFont()
        self.font.setPixelSize(13)
        self.labels: list[str] = []

    def _box(self, index: int) -> pg.TextItem:
        while len(self.boxes) <= index:
            box = pg.TextItem(anchor=(0.5, 0.5), color=(20, 20, 20))
            box.setFont(self.font)
            box.setZValue(10)
            self.plot.addItem(box)
            self.boxes.append(box)
        return self.boxes[index]

    def set_graph(self, xy: np.ndarray, phase: np.ndarray, done: np.ndarray, edges: np.ndarray,
                  labels: list[str], current: int) -> None:
        if len(edges):
            ends = xy[edges.ravel()]
            self.edges.setData(ends[:, 0], ends[:, 1])
        else:
            self.edges.setData([], [])
        for i, (x, y) in enumerate(xy):
            box = self._box(i)
            if self.labels[i:i + 1] != [labels[i]]:
                show_text(box, labels[i])
            box.fill = pg.mkBrush(*(FILLS[int(phase[i])] if done[i] else PENDING))
            box.border = pg.mkPen(HIGHLIGHT, width=4) if i == current else pg.mkPen((120, 120, 120), width=1)
            box.setPos(float(x), float(y))
            box.setVisible(True)
            box.update()
        for box in self.boxes[len(xy):]:
            box.setVisible(False)
        if list(labels) != self.labels:
            self.labels = list(labels)
            self.plot.setRange(xRange=(xy[:, 0].min() - 0.8, xy[:, 0].max() + 0.8),
                               yRange=(xy[:, 1].min() - 0.5, xy[:, 1].max() + 0.5), padding=0.02)

    def clear(self) -> None:
        self.edges.setData([], [])
        self.labels = []
        for box in self.boxes:
            box.setVisible(False)


class Page(BasePage):
    def build(self) -> None:
        g = self.graphics.ci
        self.graph = GraphView(g, 0, 0, "computation graph (forward: top, backward: below; the current op is "
                               "outlined)", colspan=2)
        self.value = GridView(g, 1, 0, "value of the current op")
        self.local = GridView(g, 1, 1, "local gradient")
        for view in (self.value, self.local):  # cell indices, never an SI prefix such as (x0.001)
            for name in ("left", "bottom"):
                view.plot.getAxis(name).enableAutoSIPrefix(False)
        equal_columns(g, [1, 1])
        g.layout.setRowStretchFactor(0, 3)
        g.layout.setRowStretchFactor(1, 2)
        self.text = ReadoutLabel(size=15)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.below.addWidget(self.text)

    def draw(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        current = int(t["current"])
        self.graph.set_graph(a["node_xy"], a["node_phase"], a["node_done"], a["edges"], t["node_labels"], current)
        total = int(m["ops_total"])
        if current < 0:
            self.value.clear()
            self.local.clear()
            self.text.setText(html.escape(tr(START).format(total=total, network=tr(t["network"]))))
            return
        self.value.set_grid(a["value"])
        self.value.set_title(tr("value of the current op") + f": {t['name']}")
        if "local" in a:
            self.local.set_grid(a["local"])
            self.local.set_title(tr("local gradient") + f" {t['local_name']}")
        else:
            self.local.clear()
            self.local.set_title(tr("local gradient"))
        lines = [tr(STEP).format(done=int(m["ops_done"]), total=total, phase=tr(t["phase"]), name=t["name"]),
                 tr(SCALAR).format(formula=t["scalar"]), tr(MATRIX).format(formula=t["matrix"])]
        if "local_name" in t:
            lines.append(tr(LOCAL).format(name=t["local_name"], derivative=t["derivative"]))
        if "loss" in m:
            lines.append(tr(LOSS).format(loss=f"{m['loss']:.6g}"))
        if "autograd_max_diff" in m:
            diff = m["autograd_max_diff"]
            verdict = tr("agrees below 1e-10") if diff < 1e-10 else tr("DIFFERS")
            diffs = ", ".join(f"{name} {value:.1e}" for name, value in t["check"].items())
            lines.append(tr(CHECK).format(diffs=diffs, diff=f"{diff:.1e}", verdict=verdict))
        self.text.setText("<br>".join(html.escape(line, quote=False) for line in lines))

    def clear(self) -> None:
        self.graph.clear()
        self.value.clear()
        self.local.clear()
        self.text.setText("")
