"""The bidirectional page: forward-only vs bidirectional tagger, against the causal ceiling, and inside both.

Top row: held-out accuracy over the steps (with the causal ceiling as a dashed line) and accuracy per
position (with the ceiling per position). Bottom row: one held-out example's hidden states of the
bidirectional net's forward and backward directions (time x units), and ||dL/dH_t|| per position.
Under the plots: the numbers, and the example's tokens, true tags and both nets' tags. No math here.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

from widgets.conv_views import DIVERGING, equal_columns, set_title
from widgets.i18n import register, tr, tr_message
from widgets.live_plot import AppColorBarItem, add_plot, colour, finite_for_log
from widgets.panels.paged import Page as BasePage
from widgets.readout import ReadoutLabel

ACCURACY = "Held-out accuracy"
PER_POSITION = "Accuracy per position (held-out)"
FORWARD_STATES = "Forward H_t^(f)"
BACKWARD_STATES = "Backward H_t^(b)"
GRADIENTS = "||dL/dH_t|| per t"
CEILING = "causal ceiling"
GRAD_NAMES = {"forward": "forward-only net", "bidir_f": "bidirectional, forward", "bidir_b": "bidirectional, backward"}
READOUT = ("step {step} (measured at step {eval}): held-out accuracy forward-only {forward}, bidirectional {bidir}; "
           "causal ceiling {ceiling}")
EXAMPLE = ("tokens         {tokens}\ntrue tags      {tags}\nforward-only   {forward}\n"
           "bidirectional  {bidir}")  # padded: the columns line up in a monospace font

register({
    ACCURACY: "留出集准确率", PER_POSITION: "逐位置准确率（留出集）",
    FORWARD_STATES: "正向 H_t^(f)", BACKWARD_STATES: "反向 H_t^(b)",
    GRADIENTS: "每个 t 的 ||dL/dH_t||", CEILING: "因果上限",
    GRAD_NAMES["forward"]: "只有正向的网络", GRAD_NAMES["bidir_f"]: "双向，正向",
    GRAD_NAMES["bidir_b"]: "双向，反向",
    "step": "步", "position t": "位置 t", "accuracy": "准确率", "unit": "单元", "norm": "范数", "H_t": "H_t",
    "forward {cell}": "只有正向的 {cell}", "bidirectional {cell}": "双向 {cell}",
    READOUT: "第 {step} 步（第 {eval} 步测得）：留出集准确率 只有正向 {forward}，双向 {bidir}；因果上限 {ceiling}",
    EXAMPLE: "词元      {tokens}\n真实标签  {tags}\n只有正向  {forward}\n双向      {bidir}",
    "tag = the token 2 steps later": "标签 = 两步之后的词元",
    "tag = the sequence's last token": "标签 = 序列的最后一个词元",
    "tag = does this token appear again later?": "标签 = 这个词元后面是否再次出现？",
    "tag = the token 2 steps earlier": "标签 = 两步之前的词元",
    "Tagging task": "标注任务", "Recurrent nets": "循环网络", "Tagging training": "标注训练",
}, messages=("forward {cell}", "bidirectional {cell}"))

MODELS = ("forward", "bidir")
ACCURACY_RANGE = (0.0, 1.45)  # the legend sits above 1, off the curves


def _integer_ticks(plot: pg.PlotItem, length: int, most: int = 12) -> None:
    """Positions are counts: a tick on whole numbers only, at most about ``most`` of them."""
    major = max(1, int(np.ceil(length / most)))
    plot.getAxis("bottom").setTickSpacing(major=major, minor=major)


def _line_plot(layout: pg.GraphicsLayout, row: int, col: int, title: str, x: str, y: str,
               colspan: int = 2) -> pg.PlotItem:
    plot = add_plot(layout, row=row, col=col, colspan=colspan)
    set_title(plot, title)
    plot.setLabel("bottom", x)
    plot.setLabel("left", y)
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setMouseEnabled(x=False, y=False)
    return plot


class StatesView:
    """A hidden-state heatmap: time along x (positions 1..T), units along y, values in [-1, 1]."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, title: str) -> None:
        self.plot = _line_plot(layout, row, col, title, "position t", "unit")
        self.plot.showGrid(x=False, y=False)
        self.plot.invertY(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.bar = AppColorBarItem(values=(-1.0, 1.0), colorMap=DIVERGING, interactive=False, width=12, pen=None,
                                   colorMapMenu=False)
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.plot.setRange(xRange=(0.5, 1.5), yRange=(-0.5, 0.5), padding=0)
        self.shape: tuple[int, int] | None = None

    def set_states(self, states: np.ndarray) -> None:
        units_by_time = np.asarray(states, dtype=float).T  # (H, T)
        self.image.setImage(units_by_time, levels=(-1.0, 1.0), autoLevels=False)
        units, steps = units_by_time.shape
        self.image.setRect(QRectF(0.5, -0.5, steps, units))
        if self.shape != (units, steps):
            self.shape = (units, steps)
            self.plot.setRange(xRange=(0.5, steps + 0.5), yRange=(-0.5, units - 0.5), padding=0)
            _integer_ticks(self.plot, steps, most=6)

    def clear(self) -> None:
        self.image.clear()
        self.shape = None


class Page(BasePage):
    def build(self) -> None:
        layout = self.graphics.ci
        dashed = pg.mkPen("#888888", width=2, style=Qt.PenStyle.DashLine)

        self.accuracy = _line_plot(layout, 0, 0, ACCURACY, "step", "accuracy", colspan=3)
        self.accuracy.setYRange(*ACCURACY_RANGE, padding=0)
        self.accuracy.getAxis("left").setTicks([[(v, f"{v:.1f}") for v in np.arange(0, 1.01, 0.2)]])
        self.accuracy.addLegend(offset=(10, 5), colCount=2)
        self.hist_curves = {m: self.accuracy.plot([], [], pen=pg.mkPen(colour(i), width=3), name=m)
                            for i, m in enumerate(MODELS)}
        self.ceiling_line = self.accuracy.plot([], [], pen=dashed, name=CEILING)

        self.positions = _line_plot(layout, 0, 3, PER_POSITION, "position t", "accuracy", colspan=3)
        self.positions.setYRange(*ACCURACY_RANGE, padding=0)
        self.positions.getAxis("left").setTicks([[(v, f"{v:.1f}") for v in np.arange(0, 1.01, 0.2)]])
        self.positions.addLegend(offset=(10, 5), colCount=2)
        self.position_curves = {
            m: self.positions.plot([], [], pen=pg.mkPen(colour(i), width=3), symbol="o", symbolSize=6,
                                   symbolBrush=colour(i), symbolPen=None, name=m) for i, m in enumerate(MODELS)}
        self.position_ceiling = self.positions.plot([], [], pen=dashed, name=CEILING)

        self.forward_states = StatesView(layout, 1, 0, FORWARD_STATES)
        self.backward_states = StatesView(layout, 1, 2, BACKWARD_STATES)

        self.gradients = _line_plot(layout, 1, 4, GRADIENTS, "position t", "norm")
        self.gradients.setLogMode(y=True)
        self.gradients.getAxis("left").enableAutoSIPrefix(False)
        self.gradients.addLegend(offset=(10, 5))
        self.grad_curves = {key: self.gradients.plot([], [], pen=pg.mkPen(colour(i), width=3), name=name)
                            for i, (key, name) in enumerate(GRAD_NAMES.items())}
        self.grad_curves["bidir_b"].setPen(pg.mkPen(colour(1), width=3, style=Qt.PenStyle.DashLine))
        self.grad_curves["bidir_f"].setPen(pg.mkPen(colour(1), width=3))
        equal_columns(layout, [1] * 6)  # the top row halves it, the bottom row thirds it

        self.task_label = ReadoutLabel(size=14)
        self.readout = ReadoutLabel(size=13)
        self.example = ReadoutLabel()  # no size: its own sheet asks for a monospace font
        self.example.setStyleSheet("font-family: monospace; padding: 2px 6px;")
        for label in (self.task_label, self.readout, self.example):
            self.below.addWidget(label)
        self.labels: dict[str, str] = {}

    def _name_curves(self, labels: dict[str, str]) -> None:
        """Legends say which cell both nets use ("forward GRU", "bidirectional GRU")."""
        if labels == self.labels:
            return
        self.labels = dict(labels)
        for plot, curves in ((self.accuracy, self.hist_curves), (self.positions, self.position_curves)):
            for model, curve in curves.items():
                curve.opts["name"] = labels[model]
                plot.legend.removeItem(curve)
                plot.legend.addItem(curve, labels[model])

    def draw(self, snap) -> None:
        arrays, metrics, tables = snap.arrays, snap.metrics, snap.tables
        self._name_curves(tables["labels"])
        steps = arrays["hist_step"].astype(float)
        for model in MODELS:
            self.hist_curves[model].setData(steps, arrays[f"hist_acc/{model}"])
        span = (0.0, max(float(steps[-1]) if steps.size else 0.0, 1.0))
        self.ceiling_line.setData(list(span), [metrics["causal_ceiling"]] * 2)

        t = arrays["t"].astype(float)
        for model in MODELS:
            self.position_curves[model].setData(t, arrays[f"pos_acc/{model}"])
        self.position_ceiling.setData(t, arrays["ceiling_t"])
        self.positions.setXRange(0.5, t[-1] + 0.5, padding=0)
        _integer_ticks(self.positions, len(t))

        for key in GRAD_NAMES:
            self.grad_curves[key].setData(t, finite_for_log(arrays[f"grad/{key}"]))
        self.gradients.setXRange(0.5, t[-1] + 0.5, padding=0)
        _integer_ticks(self.gradients, len(t), most=6)
        self._fit_gradients([finite_for_log(arrays[f"grad/{key}"]) for key in GRAD_NAMES])

        self.forward_states.set_states(arrays["hidden_f"])
        self.backward_states.set_states(arrays["hidden_b"])
        self._write_texts(snap)

    def _fit_gradients(self, norms: list[np.ndarray]) -> None:
        """Two decades of room above the largest norm: the legend sits there, off the curves."""
        values = np.concatenate(norms)
        low, high = np.log10(values.min()), np.log10(values.max())
        self.gradients.setYRange(low - 0.2, high + 2.0, padding=0)

    def _write_texts(self, snap) -> None:
        arrays, metrics, tables = snap.arrays, snap.metrics, snap.tables
        self.task_label.setText(tr_message(tables["task_label"]))
        self.readout.setText(tr(READOUT).format(
            step=snap.step, eval=int(metrics["eval_step"]), forward=f"{metrics['test_acc_forward']:.3f}",
            bidir=f"{metrics['test_acc_bidir']:.3f}", ceiling=f"{metrics['causal_ceiling']:.3f}"))
        names, tags = tables["token_names"], tables["tag_names"]

        def spell(values, table):
            return " ".join(table[int(v)] for v in values)

        self.example.setText(tr(EXAMPLE).format(
            tokens=spell(arrays["example_tokens"], names), tags=spell(arrays["example_tags"], tags),
            forward=spell(arrays["prediction/forward"], tags), bidir=spell(arrays["prediction/bidir"], tags)))

    def clear(self) -> None:
        for curve in (*self.hist_curves.values(), *self.position_curves.values(), *self.grad_curves.values(),
                      self.ceiling_line, self.position_ceiling):
            curve.setData([], [])
        self.forward_states.clear()
        self.backward_states.clear()
        for label in (self.task_label, self.readout, self.example):
            label.setText("")
