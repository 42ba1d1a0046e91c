"""The information page: two distributions p, q (drag their bars or type them), their measures as bars,
and an editable joint table P(X, Y) with its PMI heatmap and a Venn picture of H(X), H(Y), I(X;Y)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QComboBox, QGridLayout, QLabel, QLineEdit, QSpinBox, QTableWidget,
                               QTableWidgetItem)

from widgets.conv_views import GridView, equal_columns, set_title
from widgets.i18n import register, tr
from widgets.live_plot import add_plot, colour
from widgets.panels.paged import Page as PageBase
from widgets.readout import ReadoutLabel

register({
    "Distributions p and q (drag a bar)": "分布 p 与 q（拖动柱子）", "outcome x": "结果 x", "probability": "概率",
    "Measures of p and q": "p 与 q 的度量", "value": "数值", "PMI(x, y) per cell": "每格的 PMI(x, y)",
    "y": "y", "x": "x", "H(X), H(Y) and I(X;Y)": "H(X)、H(Y) 与 I(X;Y)", "Drag bars of": "拖动的分布",
    "outcomes K": "结果数 K", "p weights": "p 的权重", "q weights": "q 的权重", "joint P(X, Y):": "联合分布 P(X, Y)：",
    "rows": "行数", "columns": "列数", "inf": "无穷大", "Distributions": "分布", "info units": "信息单位",
    "Units of entropy: bits (log base 2) or nats (natural log)": "熵的单位：比特（以 2 为底）或奈特（自然对数）",
    "Weights of distribution p over the K outcomes (scaled to sum to 1; drag the bars or type them under the plot)":
        "分布 p 在 K 个结果上的权重（归一化为和 1；拖动柱子或在图下输入）",
    "Weights of distribution q over the same K outcomes (scaled to sum to 1)":
        "分布 q 在同样 K 个结果上的权重（归一化为和 1）",
    "The joint table P(X, Y): rows are x, columns are y (2 to 6 each; scaled to sum to 1)":
        "联合分布表 P(X, Y)：行是 x，列是 y（各 2 到 6；归一化为和 1）",
    "H(p) = {hp}, H(q) = {hq}, H(p,q) = {hpq}, KL(p||q) = {kpq}, KL(q||p) = {kqp}, JS = {js}, TV = {tv}, "
    "EMD = {emd} ({units})":
        "H(p) = {hp}，H(q) = {hq}，H(p,q) = {hpq}，KL(p||q) = {kpq}，KL(q||p) = {kqp}，JS = {js}，TV = {tv}，"
        "EMD = {emd}（{units}）",
    "KL is infinite where q(x) = 0 but p(x) > 0: {names}": "q(x) = 0 而 p(x) > 0 时 KL 为无穷大：{names}",
    "H(X) = {hx}, H(Y) = {hy}, H(X,Y) = {hxy}, H(X|Y) = {hxgy}, H(Y|X) = {hygx}, I(X;Y) = {mi} ({units}); "
    "empty PMI cells have p(x, y) = 0 (pmi = -inf)":
        "H(X) = {hx}，H(Y) = {hy}，H(X,Y) = {hxy}，H(X|Y) = {hxgy}，H(Y|X) = {hygx}，I(X;Y) = {mi}（{units}）；"
        "PMI 的空格 p(x, y) = 0（PMI = -inf）",
    "not a list of numbers: {text}": "不是一列数字：{text}", "not a number: {text}": "不是数字：{text}",
    "bits": "比特", "nats": "奈特",
}, messages=("not a list of numbers: {text}", "not a number: {text}",
             "KL is infinite where q(x) = 0 but p(x) > 0: {names}"))

P_COLOUR, Q_COLOUR = 0, 1
INF_BRUSH = pg.mkBrush(200, 60, 60)


def _number(value: float) -> str:
    return f"{value:.3f}" if math.isfinite(value) else tr("inf")


def parse_weights(text: str) -> list[float] | str:
    """'0.5, 0.3 0.2' -> [0.5, 0.3, 0.2], or the message for text that is not numbers."""
    try:
        values = [float(part) for part in text.replace(",", " ").split()]
    except ValueError:
        return tr("not a list of numbers: {text}").format(text=text)
    return values or tr("not a list of numbers: {text}").format(text=text)


class Page(PageBase):
    def build(self) -> None:
        layout = self.graphics.ci
        self.dist_plot = add_plot(layout, row=0, col=0)
        set_title(self.dist_plot, "Distributions p and q (drag a bar)")
        self.dist_plot.setLabel("bottom", "outcome x")
        self.dist_plot.setLabel("left", "probability")
        self.dist_plot.setMouseEnabled(x=False, y=False)
        self.dist_plot.hideButtons()
        self.dist_plot.setMenuEnabled(False)
        self.dist_plot.setYRange(0, 1, padding=0.02)
        self.p_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=colour(P_COLOUR), name="p")
        self.q_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=colour(Q_COLOUR), name="q")
        self.dist_plot.addLegend(offset=(-10, 10))
        for bars in (self.p_bars, self.q_bars):
            self.dist_plot.addItem(bars)  # a named item joins the legend by itself
        self.measure_plot = add_plot(layout, row=0, col=1)
        set_title(self.measure_plot, "Measures of p and q")
        self.measure_plot.setLabel("left", "value")
        self.measure_plot.getAxis("left").enableAutoSIPrefix(False)  # 0.693 bits, not "value (x0.001) 693"
        self.measure_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=colour(2))
        self.inf_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=INF_BRUSH)
        self.measure_plot.addItem(self.measure_bars)
        self.measure_plot.addItem(self.inf_bars)
        self.measure_texts: list[pg.TextItem] = []
        self.pmi = GridView(layout, 1, 0, "PMI(x, y) per cell", signed=True, x_label="y", y_label="x")
        self.venn_plot = add_plot(layout, row=1, col=1)
        set_title(self.venn_plot, "H(X), H(Y) and I(X;Y)")
        self.venn_plot.getAxis("left").setTicks([[(0, "H(Y)"), (1, "H(X)")]])
        self.venn_plot.setYRange(-0.6, 1.6, padding=0)
        self.venn_bars = pg.BarGraphItem(x0=[], width=[], y=[], height=0.6, brushes=[])
        self.venn_plot.addItem(self.venn_bars)
        self.venn_texts = [pg.TextItem("", anchor=(0.5, 0.5)) for _ in range(3)]
        for text in self.venn_texts:
            text.setZValue(10)
            self.venn_plot.addItem(text)
        equal_columns(layout, [1, 1])
        self.dist_plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.dist_plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self._build_editors()
        self.weights = {"p": [], "q": []}

    def _build_editors(self) -> None:
        grid = QGridLayout()
        self.which = QComboBox()
        self.which.addItems(["p", "q"])
        self.k_spin = QSpinBox()
        self.k_spin.setRange(2, 12)
        self.k_spin.setKeyboardTracking(False)
        self.k_spin.valueChanged.connect(self._on_k_changed)
        self.line = {name: QLineEdit() for name in ("p", "q")}
        for name, edit in self.line.items():
            edit.editingFinished.connect(lambda name=name: self._on_line_edited(name))
        self.rows_spin, self.cols_spin = QSpinBox(), QSpinBox()
        for spin in (self.rows_spin, self.cols_spin):
            spin.setRange(2, 6)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._on_shape_changed)
        self.table = QTableWidget()
        self.table.setMaximumHeight(150)
        self.table.itemChanged.connect(self._on_cell_changed)
        grid.addWidget(QLabel("Drag bars of"), 0, 0)
        grid.addWidget(self.which, 0, 1)
        grid.addWidget(QLabel("outcomes K"), 0, 2)
        grid.addWidget(self.k_spin, 0, 3)
        grid.addWidget(QLabel("p weights"), 1, 0)
        grid.addWidget(self.line["p"], 1, 1, 1, 3)
        grid.addWidget(QLabel("q weights"), 2, 0)
        grid.addWidget(self.line["q"], 2, 1, 1, 3)
        grid.addWidget(QLabel("joint P(X, Y):"), 0, 4)
        grid.addWidget(QLabel("rows"), 0, 5)
        grid.addWidget(self.rows_spin, 0, 6)
        grid.addWidget(QLabel("columns"), 0, 7)
        grid.addWidget(self.cols_spin, 0, 8)
        grid.addWidget(self.table, 1, 4, 2, 5)
        self.below.addLayout(grid)
        self.readout = ReadoutLabel()
        self.joint_readout = ReadoutLabel()
        self.error = ReadoutLabel()
        for label in (self.readout, self.joint_readout, self.error):
            self.below.addWidget(label)

    # --- editing --------------------------------------------------------------------------------
    def show_config(self, config) -> None:
        self.weights = {"p": list(config.p), "q": list(config.q)}
        self.joint = [list(row) for row in config.joint]
        for name, edit in self.line.items():
            edit.setText(", ".join(f"{w:g}" for w in self.weights[name]))
        for spin, value in ((self.k_spin, len(config.p)), (self.rows_spin, len(self.joint)),
                            (self.cols_spin, len(self.joint[0]))):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.joint))
        self.table.setColumnCount(len(self.joint[0]))
        for r, row in enumerate(self.joint):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(f"{value:g}"))
        self.table.blockSignals(False)

    def _write(self, **fields) -> None:
        if self.panel.edit_config(**fields):
            self.error.setText("")

    def set_weight(self, which: str, index: int, probability: float) -> None:
        """Set outcome ``index`` of p or q to ``probability`` (the others keep their probabilities)."""
        weights = np.asarray(self.weights[which], dtype=float)
        probs = list(weights / weights.sum()) if weights.sum() > 0 else [0.0] * len(weights)
        probs[index] = float(min(max(probability, 0.0), 1.0))
        if sum(probs) > 0:
            self._write(**{which: [round(v, 4) for v in probs]})

    def _drag_at(self, scene_pos) -> None:
        if not self.dist_plot.vb.sceneBoundingRect().contains(scene_pos) or not self.weights["p"]:
            return
        point = self.dist_plot.vb.mapSceneToView(scene_pos)
        index = int(round(point.x()))
        if 0 <= index < len(self.weights["p"]):
            self.set_weight(self.which.currentText(), index, point.y())

    def _on_mouse_moved(self, scene_pos) -> None:
        if QApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._drag_at(scene_pos)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_at(event.scenePos())

    def _on_line_edited(self, name: str) -> None:
        values = parse_weights(self.line[name].text())
        if isinstance(values, str):
            self.error.setText(values)
            return
        if values != self.weights[name]:
            self._write(**{name: values})

    def _on_k_changed(self, k: int) -> None:
        def resized(weights):
            return (list(weights) + [1.0] * k)[:k]
        self._write(p=resized(self.weights["p"]), q=resized(self.weights["q"]))

    def _on_shape_changed(self, _value=None) -> None:
        rows, cols = self.rows_spin.value(), self.cols_spin.value()
        joint = [(list(row) + [1.0] * cols)[:cols] for row in self.joint[:rows]]
        joint += [[1.0] * cols for _ in range(rows - len(joint))]
        self._write(joint=joint)

    def _on_cell_changed(self, item: QTableWidgetItem) -> None:
        try:
            value = float(item.text())
        except ValueError:
            self.error.setText(tr("not a number: {text}").format(text=item.text()))
            return
        joint = [list(row) for row in self.joint]
        joint[item.row()][item.column()] = value
        self._write(joint=joint)

    # --- drawing --------------------------------------------------------------------------------
    def draw(self, snap) -> None:
        a, t, m = snap.arrays, snap.tables, snap.metrics
        k = np.arange(len(a["p"]))
        self.p_bars.setOpts(x=k - 0.2, height=a["p"])
        self.q_bars.setOpts(x=k + 0.2, height=a["q"])
        self.dist_plot.setXRange(-0.6, len(k) - 0.4, padding=0)
        self.dist_plot.getAxis("bottom").setTicks([[(int(i), str(int(i))) for i in k]])
        self._draw_measures(a["measures"], t["measure_names"])
        units = tr(t["units"])
        values = [_number(v) for v in a["measures"]]
        self.readout.setText(tr("H(p) = {hp}, H(q) = {hq}, H(p,q) = {hpq}, KL(p||q) = {kpq}, KL(q||p) = {kqp}, "
                                "JS = {js}, TV = {tv}, EMD = {emd} ({units})").format(
            hp=values[0], hq=values[1], hpq=values[2], kpq=values[3], kqp=values[4], js=values[5], tv=values[6],
            emd=values[7], units=units))
        infinite = [name for name in t["infinite"] if name.startswith("KL")]
        self.error.setText(tr("KL is infinite where q(x) = 0 but p(x) > 0: {names}").format(
            names=", ".join(infinite)) if infinite else "")
        self.pmi.set_grid(a["pmi"])
        self._draw_venn(m["h_x"], m["h_y"], m["mutual_information"])
        self.joint_readout.setText(tr(
            "H(X) = {hx}, H(Y) = {hy}, H(X,Y) = {hxy}, H(X|Y) = {hxgy}, H(Y|X) = {hygx}, I(X;Y) = {mi} ({units}); "
            "empty PMI cells have p(x, y) = 0 (pmi = -inf)").format(
            hx=_number(m["h_x"]), hy=_number(m["h_y"]), hxy=_number(m["h_xy"]), hxgy=_number(m["h_x_given_y"]),
            hygx=_number(m["h_y_given_x"]), mi=_number(m["mutual_information"]), units=units))

    def _draw_measures(self, values: np.ndarray, names: list[str]) -> None:
        finite = np.isfinite(values)
        top = float(values[finite].max()) if finite.any() else 1.0
        cap = 1.15 * top if top > 0 else 1.0  # an infinite bar is drawn past every finite one
        x = np.arange(len(values))
        self.measure_bars.setOpts(x=x[finite], height=values[finite])
        self.inf_bars.setOpts(x=x[~finite], height=np.full((~finite).sum(), cap))
        self.measure_plot.getAxis("bottom").setTicks([[(int(i), name) for i, name in zip(x, names)]])
        self.measure_plot.setYRange(0, cap * 1.12, padding=0)
        self.measure_plot.setXRange(-0.6, len(values) - 0.4, padding=0)
        while len(self.measure_texts) < len(values):
            text = pg.TextItem("", anchor=(0.5, 1.0))
            self.measure_plot.addItem(text)
            self.measure_texts.append(text)
        for i, text in enumerate(self.measure_texts):
            text.setText(_number(values[i]))
            text.setPos(i, float(values[i]) if finite[i] else cap)

    def _draw_venn(self, h_x: float, h_y: float, mutual: float) -> None:
        start_y = h_x - mutual  # H(Y)'s bar starts where H(X|Y) ends, so the overlap is I(X;Y)
        self.venn_bars.setOpts(x0=[0.0, start_y], width=[h_x, h_y], y=[1.0, 0.0], height=0.6,
                               brushes=[pg.mkBrush(colour(0)), pg.mkBrush(colour(1))])
        centres = ((h_x - mutual) / 2, h_x - mutual / 2, h_x + (h_y - mutual) / 2)
        labels = (f"H(X|Y) {h_x - mutual:.2f}", f"I(X;Y) {mutual:.2f}", f"H(Y|X) {h_y - mutual:.2f}")
        for text, centre, label, y in zip(self.venn_texts, centres, labels, (1.45, 0.5, -0.45)):
            text.setText(label)
            text.setPos(centre, y)
        self.venn_plot.setXRange(0, max(h_x + h_y - mutual, 1e-6), padding=0.05)

    def clear(self) -> None:
        for bars in (self.p_bars, self.q_bars, self.measure_bars, self.inf_bars):
            bars.setOpts(x=[], height=[])
        for text in self.measure_texts + self.venn_texts:
            text.setText("")
        self.venn_bars.setOpts(x0=[], width=[], y=[], brushes=[])
        self.pmi.clear()
        self.readout.setText("")
        self.joint_readout.setText("")

