"""The perceptron page: the points (click to add, drag to move), the line after every update, mistakes per epoch.

Left click adds a point of class +1, right or shift click one of class -1, ctrl click removes the
nearest point, and a point dragged with the left button moves; each edit writes the config's
``points`` and the run starts over on the new set.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from widgets.conv_views import equal_columns, set_title
from widgets.i18n import register, tr
from widgets.live_plot import AppPlotCurveItem, AppScatterPlotItem, add_plot, colour
from widgets.panels.paged import Page as PageBase
from widgets.readout import ReadoutLabel

POSITIVE, NEGATIVE, RING = "#0072B2", "#D55E00", "#E69F00"
SIDES = pg.ColorMap([0.0, 0.5, 1.0], [(250, 200, 170, 110), (255, 255, 255, 0), (170, 205, 240, 110)])
MAX_POINTS = 100
REMOVE_RADIUS = 0.4  # a ctrl click this close to a point removes it

TITLE_PLANE = "the points and the line w . x~ = 0"
TITLE_MISTAKES = "mistakes per epoch"
HINT = ("Blue circles: class +1, red squares: class -1. Left click: add a +1 point; right or shift click: a -1 "
        "point; drag: move one; ctrl click: remove the nearest.")
STEP_LINE = "one step = one visit of a point · epochs done {epoch} · updates {updates} · mistakes this epoch {mistakes}"
UPDATE_LINE = ("update {n} (step {step}): point {point} was misclassified, y = {label}: w <- w + eta y x~ = "
               "{before} + {eta} * ({y}) * {x} = {after}")  # each name once: tr_message matches by a regex
NO_UPDATE = "no update yet: w = (0, 0, 0) classifies no point"
CONVERGED = "converged: {updates} updates, the last epoch ({epochs}) had no mistake"
NOT_SEPARABLE = "did not converge in {epochs} epochs: no line separates these points"
TOO_FEW_EPOCHS = "did not converge in {epochs} epochs (max epochs): raise it, these points are separable"
RUNNING = "running: epoch {epoch} of at most {max_epochs}"
NO_POINTS = "no points: click on the plane to add some"
BOUND = "Novikoff bound (R / gamma)^2 = ({radius} / {gamma})^2 = {bound} updates (max-margin gamma); observed {updates}"
NO_BOUND = "no separating line, so no Novikoff bound (it needs a margin gamma > 0)"
TOO_MANY = "at most {n} points: remove some first"

# Messages of the config's check of the points (playground/foundations/perceptron.py check_points).
BAD_LABEL = "point {i} has label {label}: a perceptron's labels are +1 or -1"
OUTSIDE = "point {i} ({x}, {y}) is outside the plane [-5, 5]^2"

register({
    BAD_LABEL: "点 {i} 的标签是 {label}：感知机的标签只能是 +1 或 -1",
    OUTSIDE: "点 {i} ({x}, {y}) 在平面 [-5, 5]^2 之外",
    TITLE_PLANE: "数据点与直线 w . x~ = 0",
    TITLE_MISTAKES: "每轮的错误数",
    HINT: "蓝色圆点：+1 类，红色方块：-1 类。左键：添加 +1 点；右键或 Shift 点击：添加 -1 点；拖动：移动一个点；"
          "Ctrl 点击：删除最近的点。",
    STEP_LINE: "一步 = 访问一个点 · 已完成 {epoch} 轮 · 更新 {updates} 次 · 本轮错误 {mistakes} 个",
    UPDATE_LINE: "第 {n} 次更新（第 {step} 步）：点 {point} 被分错，y = {label}：w <- w + η y x~ = "
                 "{before} + {eta} * ({y}) * {x} = {after}",
    NO_UPDATE: "尚未更新：w = (0, 0, 0) 不能正确分类任何点",
    CONVERGED: "已收敛：共 {updates} 次更新，最后一轮（第 {epochs} 轮）没有错误",
    NOT_SEPARABLE: "{epochs} 轮内未收敛：没有直线能分开这些点",
    TOO_FEW_EPOCHS: "{epochs} 轮内未收敛（最大轮数）：请调大它，这些点是线性可分的",
    RUNNING: "运行中：第 {epoch} 轮，最多 {max_epochs} 轮",
    NO_POINTS: "没有点：在平面上点击来添加",
    BOUND: "诺维科夫界 (R / γ)^2 = ({radius} / {gamma})^2 = {bound} 次更新（最大间隔 γ）；实际 {updates} 次",
    NO_BOUND: "没有分离直线，因此没有诺维科夫界（它需要间隔 γ > 0）",
    TOO_MANY: "最多 {n} 个点：请先删除一些",
    "Clear points": "清除所有点", "epoch": "轮", "mistakes": "错误数",
    "Perceptron": "感知机", "learning rate eta": "学习率 η", "max epochs": "最大轮数",
    "line now": "当前直线", "line before": "更新前的直线", "updated on": "引起更新的点",
    "The perceptron's step: w <- w + eta * y * x on a misclassified point (from w = 0 it only scales w: the "
    "mistakes are the same)": "感知机的步长：在分错的点上 w <- w + eta * y * x（从 w = 0 出发它只缩放 w：错误完全相同）",
    "Passes over the points before the perceptron gives up (a set that no line separates never has an epoch "
    "without mistakes)": "感知机放弃前遍历所有点的次数（没有直线能分开的点集永远没有无错误的 epoch）",
}, messages=(STEP_LINE, UPDATE_LINE, CONVERGED, NOT_SEPARABLE, TOO_FEW_EPOCHS, RUNNING, BOUND, TOO_MANY,
               BAD_LABEL, OUTSIDE))


def fmt(value: float) -> str:
    """A number for a readout: 3 significant digits, no '-0'."""
    value = float(value) + 0.0
    return f"{value:.3g}" if abs(value) < 1e5 else f"{value:.2e}"


def fmt_vector(values) -> str:
    return "(" + ", ".join(fmt(v) for v in values) + ")"


def integer_ticks(plot, axis: str, largest: float) -> None:
    """Whole-number ticks on a count axis (about six of them), never 0.5 epochs."""
    step = max(1, int(np.ceil(float(largest) / 6)))
    plot.getAxis(axis).setTickSpacing(step, step)


class DraggablePoints(AppScatterPlotItem):
    """Points a person drags with the left button; ``moved(row, x, y)`` is called when a drag ends,
    with the point's row in the config's ``points``."""

    def __init__(self, moved, **kwargs) -> None:
        super().__init__(**kwargs)
        self.moved = moved
        self.rows = np.zeros(0, dtype=int)  # each spot's row in the config's points
        self.dragged: int | None = None  # the spot being dragged

    def set_points(self, xy: np.ndarray, rows: np.ndarray) -> None:
        self.rows = np.asarray(rows, dtype=int)
        self.setData(x=xy[:, 0], y=xy[:, 1])

    def mouseDragEvent(self, event) -> None:  # noqa: N802 - pyqtgraph's name
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        if event.isStart():
            spots = self.pointsAt(event.buttonDownPos())
            self.dragged = spots[0].index() if len(spots) else None
        if self.dragged is None:
            event.ignore()  # not on a point: the view's own handling
            return
        event.accept()
        x, y = self.getData()
        x, y = np.array(x), np.array(y)
        x[self.dragged], y[self.dragged] = event.pos().x(), event.pos().y()
        self.setData(x=x, y=y)  # follows the pointer; the config changes once, at the end
        if event.isFinish():
            row, self.dragged = int(self.rows[self.dragged]), None
            self.moved(row, event.pos().x(), event.pos().y())


class Page(PageBase):
    def build(self) -> None:
        g = self.graphics.ci
        self.plane = add_plot(g, row=0, col=0)
        set_title(self.plane, tr(TITLE_PLANE))
        self.plane.setAspectLocked(True)
        self.plane.hideButtons()
        self.plane.setMenuEnabled(False)  # right click adds a -1 point
        self.plane.setMouseEnabled(x=False, y=False)
        self.plane.setLabel("bottom", "x1")
        self.plane.setLabel("left", "x2")
        self.sides = pg.ImageItem()
        self.sides.setLookupTable(SIDES.getLookupTable(nPts=3, alpha=True))
        self.sides.setZValue(-10)
        self.plane.addItem(self.sides)
        self.legend = self.plane.addLegend(offset=(-10, 10))
        # series colours: the theme gives each a variant readable on its background (black vanished on dark)
        self.line = self.plane.plot([], [], pen=pg.mkPen(colour(6), width=3), name=tr("line now"))
        self.previous = AppPlotCurveItem(pen=pg.mkPen(colour(7), width=2, style=Qt.PenStyle.DashLine))
        self.plane.addItem(self.previous)
        self.legend.addItem(self.previous, tr("line before"))
        self.positive = DraggablePoints(self.move_point, size=11, symbol="o", pen=pg.mkPen("#ffffff"),
                                        brush=pg.mkBrush(POSITIVE))
        self.negative = DraggablePoints(self.move_point, size=11, symbol="s", pen=pg.mkPen("#ffffff"),
                                        brush=pg.mkBrush(NEGATIVE))
        self.ring = AppScatterPlotItem(size=24, symbol="o", pen=pg.mkPen(RING, width=3), brush=None)
        for z, item in enumerate((self.positive, self.negative, self.ring)):
            item.setZValue(5 + z)
            self.plane.addItem(item)
        self.legend.addItem(self.ring, tr("updated on"))  # the classes are named in the hint: a short legend
        self.mistakes = add_plot(g, row=0, col=1)
        set_title(self.mistakes, tr(TITLE_MISTAKES))
        self.mistakes.setLabel("bottom", tr("epoch"))
        self.mistakes.setLabel("left", tr("mistakes"))
        self.mistakes.showGrid(x=True, y=True, alpha=0.25)
        self.mistake_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=colour(1))
        self.mistakes.addItem(self.mistake_bars)
        self._show_counts(0, 0.0)
        equal_columns(g, [2, 1])
        self.plane_half = 5.0
        self._show_plane()
        self.graphics.scene().sigMouseClicked.connect(self._on_plane_clicked)
        self.readout = ReadoutLabel(size=15)
        self.below.addWidget(self.readout)
        row = QHBoxLayout()
        hint = QLabel(HINT)
        hint.setWordWrap(True)  # never widens the window
        row.addWidget(hint, 1)
        clear = QPushButton("Clear points")
        clear.clicked.connect(lambda: self.panel.edit_config(points=[]))
        row.addWidget(clear)
        self.below.addLayout(row)

    def _show_plane(self) -> None:
        half = self.plane_half
        self.plane.setRange(xRange=(-half, half), yRange=(-half, half), padding=0.02)

    # The points: the page's own editor -----------------------------------------------------------------
    def show_config(self, config) -> None:
        """The points as the state has them, drawn at once (before the new run's first snapshot)."""
        points = np.asarray(config.points, dtype=float).reshape(-1, 3)
        self._draw_points(points[:, :2], points[:, 2])

    def _draw_points(self, xy: np.ndarray, labels: np.ndarray) -> None:
        rows = np.arange(len(labels))
        for item, chosen in ((self.positive, labels > 0), (self.negative, labels < 0)):
            if item.dragged is None:  # a point being dragged stays under the pointer
                item.set_points(xy[chosen], rows[chosen])

    def add_point(self, x: float, y: float, label: int) -> None:
        points = list(self.panel.config().points)
        if len(points) >= MAX_POINTS:
            self.panel.message.emit(tr(TOO_MANY).format(n=MAX_POINTS))
            return
        self.panel.edit_config(points=[*points, (round(float(x), 2), round(float(y), 2), int(label))])

    def move_point(self, row: int, x: float, y: float) -> None:
        """A dragged point's new place (kept inside the plane), same label."""
        points = list(self.panel.config().points)
        if not 0 <= row < len(points):
            return
        x, y = (float(np.clip(v, -self.plane_half, self.plane_half)) for v in (x, y))
        points[row] = (round(x, 2), round(y, 2), points[row][2])
        if not self.panel.edit_config(points=points):
            self.show_config(self.panel.config())

    def remove_nearest(self, x: float, y: float) -> None:
        points = list(self.panel.config().points)
        if not points:
            return
        distances = [np.hypot(px - x, py - y) for px, py, _ in points]
        nearest = int(np.argmin(distances))
        if distances[nearest] <= REMOVE_RADIUS:
            self.panel.edit_config(points=points[:nearest] + points[nearest + 1:])

    def _on_plane_clicked(self, event) -> None:
        vb = self.plane.vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        x, y = point.x(), point.y()
        if max(abs(x), abs(y)) > self.plane_half:
            return
        event.accept()
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self.remove_nearest(x, y)
        elif event.button() == Qt.MouseButton.RightButton or modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.add_point(x, y, -1)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.add_point(x, y, 1)

    # Drawing --------------------------------------------------------------------------------------------
    def draw(self, snap) -> None:
        a, t = snap.arrays, snap.tables
        half = float(t["plane"])
        if half != self.plane_half:
            self.plane_half = half
            self._show_plane()
        self._draw_points(a["points_xy"], a["labels"])
        side = a["side"]
        self.sides.setImage(side + 1, levels=(0, 2), autoLevels=False)  # -1, 0, +1 -> three colours
        self.sides.setRect(QRectF(-half, -half, 2 * half, 2 * half))
        self.line.setData(a["line"][:, 0], a["line"][:, 1], connect="finite")
        update = t["last_update"]
        if update:
            self.previous.setData(a["previous_line"][:, 0], a["previous_line"][:, 1], connect="finite")
            xy = a["points_xy"][update["point"]]
            self.ring.setData(x=[xy[0]], y=[xy[1]])
        else:
            self.previous.setData([], [])
            self.ring.setData(x=[], y=[])
        epochs, counts = a["hist_epoch"], a["hist_mistakes"]
        self.mistake_bars.setOpts(x=epochs, height=counts, width=0.7)
        self._show_counts(len(epochs), float(counts.max()) if len(counts) else 0.0)
        self.readout.setText("<br>".join(html.escape(line) for line in self._lines(snap)))  # "w <- w" is not a tag

    def _show_counts(self, epochs: int, most: float) -> None:
        """Whole-number axes that start at 0 (a count axis never shows 0.5 epochs)."""
        epochs, most = max(epochs, 1), max(most, 1.0)
        integer_ticks(self.mistakes, "bottom", epochs)
        integer_ticks(self.mistakes, "left", most)
        self.mistakes.setRange(xRange=(0.4, epochs + 0.6), yRange=(0, most * 1.1), padding=0.0)

    def _lines(self, snap) -> list[str]:
        m, t = snap.metrics, snap.tables
        epoch, updates = int(m["epoch"]), int(m["updates"])
        status = t["status"]
        if status == "no points":
            return [tr(NO_POINTS)]
        lines = [self._status(status, epoch, updates, t["separable"], t["max_epochs"]),
                 tr(STEP_LINE).format(epoch=epoch, updates=updates, mistakes=int(m["mistakes_this_epoch"]))]
        update = t["last_update"]
        if update:
            lines.append(tr(UPDATE_LINE).format(
                n=update["update"], step=update["step"], point=update["point"] + 1, label=f"{update['y']:+d}",
                y=f"{update['y']:+d}",
                before=fmt_vector(update["w_before"]), eta=fmt(t["eta"]), x=fmt_vector(update["x"]),
                after=fmt_vector(update["w_after"])))
        else:
            lines.append(tr(NO_UPDATE))
        if "novikoff_bound" in m:
            lines.append(tr(BOUND).format(radius=fmt(m["radius"]), gamma=fmt(m["gamma"]), bound=fmt(m["novikoff_bound"]),
                                          updates=updates))
        else:
            lines.append(tr(NO_BOUND))
        return lines

    @staticmethod
    def _status(status: str, epoch: int, updates: int, separable: bool, max_epochs: int) -> str:
        if status == "converged":
            return tr(CONVERGED).format(updates=updates, epochs=epoch)
        if status == "not converged":
            return tr(TOO_FEW_EPOCHS if separable else NOT_SEPARABLE).format(epochs=epoch)
        return tr(RUNNING).format(epoch=epoch + 1, max_epochs=max_epochs)

    def clear(self) -> None:
        self.line.setData([], [])
        self.previous.setData([], [])
        self.ring.setData(x=[], y=[])
        self.sides.clear()
        self.mistake_bars.setOpts(x=[], height=[], width=0.7)
        self._show_counts(0, 0.0)
        self.readout.setText("")
