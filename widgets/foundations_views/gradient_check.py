"""The gradient-check page: the per-parameter relative error as a heat strip, the analytic and finite-difference
gradients side by side, and the V-shaped error over the step h on log-log axes (no math here)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from widgets.conv_views import CurveView, GridView, equal_columns, set_title
from widgets.i18n import register, tr, tr_message
from widgets.live_plot import AppScatterPlotItem, add_plot, colour, finite_for_log
from widgets.panels.paged import Page as BasePage
from widgets.readout import ReadoutLabel

# log10 of the relative error: green (agrees, < 1e-8) through yellow to red (fails, >= 1e-4)
ERROR_MAP = pg.ColorMap([0.0, 0.5, 0.75, 1.0], [(80, 190, 90), (200, 230, 120), (250, 200, 60), (225, 60, 50)])
LOG_LEVELS = (-12.0, 0.0)

STRIP = "relative error per parameter, log10 (outlined: > 1e-4)"
GRADS = "analytic (bars) and finite-difference (dots) gradient"
SWEEP = "error of the finite difference vs h"
STATUS = ("h = {h}: {checked} of {params} parameters checked, {flagged} flagged, largest relative error {largest}. "
          "Sweep: {swept} of {points} values of h; lowest error at h = {best64} (float64) and {best32} (float32); "
          "eps^(1/3) = {opt64} and {opt32}.")
BUGGED = "bug: {bug}"

register({
    STRIP: "每个参数的相对误差，log10（加框：> 1e-4）", GRADS: "解析梯度（柱）与有限差分梯度（点）",
    SWEEP: "有限差分误差随 h 的变化", "parameter": "参数", "gradient": "梯度", "step h": "步长 h",
    "relative error": "相对误差", "analytic": "解析", "finite difference": "有限差分",
    "float64": "float64", "float32": "float32", "h used": "所用 h",
    STATUS: "h = {h}：已检验 {checked} / {params} 个参数，标出 {flagged} 个，最大相对误差 {largest}。"
            "扫描：{points} 个 h 中已完成 {swept} 个；误差最低处 h = {best64}（float64）和 {best32}（float32）；"
            "eps^(1/3) = {opt64} 和 {opt32}。",
    "none yet": "暂无", BUGGED: "错误：{bug}",
    # the mode, its section, fields and choices
    "gradient_check": "梯度检验", "Gradient check": "梯度检验", "bug": "错误类型", "log10 h": "log10 h",
    "sweep points": "扫描点数", "transposed": "转置的权重梯度", "missing_derivative": "漏乘激活导数",
    "off_by_factor": "差一个倍数",
    # messages of the core
    "no parameter checked yet": "还没有检验任何参数",
    "{bad} of {checked} parameters fail the check (relative error > 1e-4): the analytic gradient has a bug":
        "{checked} 个参数中有 {bad} 个未通过检验（相对误差 > 1e-4）：解析梯度有错误",
    "all {checked} checked parameters agree (largest relative error {err})":
        "已检验的 {checked} 个参数全部吻合（最大相对误差 {err}）",
}, messages=(
    "{bad} of {checked} parameters fail the check (relative error > 1e-4): the analytic gradient has a bug",
    "all {checked} checked parameters agree (largest relative error {err})",
))


class Page(BasePage):
    def build(self) -> None:
        g = self.graphics.ci
        self.strip = GridView(g, 0, 0, STRIP, signed=False, numbers=False, colspan=2, x_label="parameter",
                              y_label="")
        self.strip.image.setLookupTable(ERROR_MAP.getLookupTable(nPts=256))
        self.grads = add_plot(g, row=1, col=0)
        set_title(self.grads, GRADS)
        self.grads.setLabel("bottom", "parameter")
        self.grads.setLabel("left", "gradient")
        self.grads.showGrid(x=False, y=True, alpha=0.25)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=pg.mkBrush(colour(0)))
        self.grads.addItem(self.bars)
        self.dots = AppScatterPlotItem(size=9, brush=pg.mkBrush(colour(1)), pen=pg.mkPen("k", width=1))
        self.dots.setZValue(5)
        self.grads.addItem(self.dots)
        self.sweep = CurveView(g, 1, 1, SWEEP, "step h", "relative error", ["float64", "float32"])
        self.sweep.plot.setLogMode(x=True, y=True)
        for i, curve in enumerate(self.sweep.curves.values()):
            curve.setSymbol("o")
            curve.setSymbolBrush(pg.mkBrush(colour(i)))
            curve.setSymbolSize(7)
        for name in ("left", "bottom"):  # powers of ten on the axes, not an SI prefix such as (x0.001)
            self.sweep.plot.getAxis(name).enableAutoSIPrefix(False)
        self.marks = {name: pg.InfiniteLine(angle=90, pen=pg.mkPen(colour(i), width=1, style=pg.QtCore.Qt.DashLine))
                      for i, name in enumerate(("float64", "float32"))}
        self.used = pg.InfiniteLine(angle=90, pen=pg.mkPen((130, 130, 130), width=2))
        for line in (*self.marks.values(), self.used):
            self.sweep.plot.addItem(line)
        equal_columns(g, [1, 1])
        g.layout.setRowStretchFactor(0, 1)
        g.layout.setRowStretchFactor(1, 3)
        self.verdict = ReadoutLabel(size=16)
        self.text = ReadoutLabel(size=14)
        self.below.addWidget(self.verdict)
        self.below.addWidget(self.text)

    def _tensor_ticks(self, tensor: np.ndarray, names: list[str]) -> list[tuple[float, str]]:
        return [(float(np.flatnonzero(tensor == i).mean()), name) for i, name in enumerate(names)
                if np.any(tensor == i)]

    def draw(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        errors = a["rel_error"]
        logs = np.where(np.isfinite(errors), np.log10(np.maximum(errors, 1e-16)), np.nan)[None, :]
        flagged = np.flatnonzero(errors > 1e-4)
        marks = np.c_[np.zeros(len(flagged)), flagged] if len(flagged) else None
        self.strip.set_grid(logs, marks=marks, levels=LOG_LEVELS)
        ticks = self._tensor_ticks(a["param_tensor"], t["tensor_names"])
        self.strip.plot.getAxis("bottom").setTicks([ticks])
        self.grads.getAxis("bottom").setTicks([ticks])
        index = np.arange(len(errors), dtype=float)
        self.bars.setOpts(x=index, height=a["analytic"], width=0.7)
        checked = np.isfinite(a["numeric"])
        self.dots.setData(index[checked], a["numeric"][checked])
        h, err64, err32 = a["h_grid"], a["err64"], a["err32"]
        # the whole sweep's span from the start, so the V grows into a fixed frame
        self.sweep.plot.setXRange(float(np.log10(h.min())), float(np.log10(h.max())), padding=0.03)
        for name, err in (("float64", err64), ("float32", err32)):
            done = np.isfinite(err)
            self.sweep.set(name, h[done], finite_for_log(err[done], 1e-17))
        self.marks["float64"].setValue(float(np.log10(m["h_opt64"])))
        self.marks["float32"].setValue(float(np.log10(m["h_opt32"])))
        self.used.setValue(float(np.log10(m["h"])))
        self.verdict.setText(tr_message(t["verdict"]) + "  |  " + tr(BUGGED).format(bug=tr(t["bug"])))
        none = tr("none yet")
        self.text.setText(tr(STATUS).format(
            h=f"{m['h']:.0e}", checked=int(m["checked"]), params=int(m["params"]), flagged=int(m["flagged"]),
            largest=f"{m['max_rel_error']:.1e}" if "max_rel_error" in m else none,
            swept=int(m["swept"]), points=len(h),
            best64=f"{m['best_h64']:.0e}" if "best_h64" in m else none,
            best32=f"{m['best_h32']:.0e}" if "best_h32" in m else none,
            opt64=f"{m['h_opt64']:.0e}", opt32=f"{m['h_opt32']:.0e}"))

    def clear(self) -> None:
        self.strip.clear()
        self.bars.setOpts(x=[], height=[])
        self.dots.setData([], [])
        self.sweep.clear()
        self.verdict.setText("")
        self.text.setText("")
