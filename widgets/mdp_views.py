"""Views of the MDP & RL panel: the matrix editor, the DP tables, gridworld canvases, CartPole.

Every number drawn here was computed in ``playground.mdp``; these widgets only place it.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QSizePolicy, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from playground.mdp import grid as gridmath
from playground.mdp.checks import Problem, tabular_problems
from widgets import theme
from widgets.i18n import show_tooltip, tr
from widgets.live_plot import (
    AppColorBarItem, AppPlotDataItem, AppPlotWidget, AppScatterPlotItem, add_curve, colour,
    finite_for_log, make_plot, set_narrow_title,
)

BAD = QColor("#F4B6B6")
LABEL_FONT = QFont()
LABEL_FONT.setPointSize(10)

# Cell overlay colours (RGBA) by code: walls solid, special cells tinted.
OVERLAY = {
    gridmath.WALL: (40, 40, 40, 255),
    gridmath.GOAL: (0, 158, 115, 170),
    gridmath.PIT: (120, 30, 30, 170),
    gridmath.CLIFF: (140, 90, 40, 190),
}
ARROW_SYMBOL = ("t1", "t2", "t", "t3")  # triangles pointing up, right, down, left
NUMBER_FILL = 0.9  # a cell's number is shown when it takes at most this much of the cell's width
VALUE_MAP = pg.ColorMap([0.0, 0.5, 1.0], [(213, 94, 0), (250, 250, 250), (0, 114, 178)])


def _fmt(value: float) -> str:
    if not math.isfinite(value):
        return ""
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _cell_text(value: float) -> str:
    """Short text that reads back as exactly ``value``: 0.35, or 1/3 rather than 0.3333333333333333."""
    text = f"{value:.10g}"
    if float(text) == value:
        return text
    fraction = Fraction(value).limit_denominator(1000)
    return f"{fraction.numerator}/{fraction.denominator}" if float(fraction) == value else repr(value)


# Tabular editor --------------------------------------------------------------------------------

class MatrixEditor(QTableWidget):
    """A small table of numbers; ``values()`` reads it back (NaN for text that is not a number)."""

    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.itemChanged.connect(lambda _item: self.edited.emit())
        self.setToolTip("Type a number (or a fraction like 1/3) in a cell; red cells break a rule (hover for why)")

    def set_matrix(self, values, row_names, col_names) -> None:
        self.blockSignals(True)
        self.setRowCount(len(row_names))
        self.setColumnCount(len(col_names))
        self.setVerticalHeaderLabels(list(row_names))
        self.setHorizontalHeaderLabels(list(col_names))
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                item = QTableWidgetItem(_cell_text(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(i, j, item)
        self.blockSignals(False)
        height = self.horizontalHeader().height() + sum(self.rowHeight(i) for i in range(self.rowCount())) + 4
        self.setFixedHeight(height)

    def values(self) -> list[list[float]]:
        out = []
        for i in range(self.rowCount()):
            row = []
            for j in range(self.columnCount()):
                item = self.item(i, j)
                try:  # decimals or fractions such as 1/3
                    row.append(float(Fraction(item.text().strip())) if item else 0.0)
                except (ValueError, ZeroDivisionError):
                    row.append(float("nan"))
            out.append(row)
        return out

    def flag(self, cells: dict[tuple[int, int], str]) -> None:
        """Colour the cells at fault (col -1: the whole row) and put the reason in their tooltip."""
        self.blockSignals(True)
        for i in range(self.rowCount()):
            for j in range(self.columnCount()):
                item = self.item(i, j)
                if item is None:
                    continue
                reason = cells.get((i, j)) or cells.get((i, -1))
                item.setBackground(QBrush(BAD) if reason else QBrush())
                item.setToolTip(reason or "")
        self.blockSignals(False)


class TabularEditor(QWidget):
    """States, actions, P(s'|s,a) one matrix per action, r(s,a), pi(a|s) and terminal flags."""

    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.states: list[str] = []
        self.actions: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        sizes = QHBoxLayout()
        self.n_states = QSpinBox()
        self.n_states.setRange(1, 12)
        self.n_states.setToolTip("Number of states")
        self.n_actions = QSpinBox()
        self.n_actions.setRange(1, 6)
        self.n_actions.setToolTip("Number of actions")
        sizes.addWidget(QLabel("states"))
        sizes.addWidget(self.n_states)
        sizes.addWidget(QLabel("actions"))
        sizes.addWidget(self.n_actions)
        layout.addLayout(sizes)
        self.n_states.valueChanged.connect(self._on_resize)
        self.n_actions.valueChanged.connect(self._on_resize)
        self.p_box = QVBoxLayout()
        layout.addLayout(self.p_box)
        self.p_labels: list[QLabel] = []
        self.p_tables: list[MatrixEditor] = []
        layout.addWidget(QLabel("r(s, a): expected reward"))
        self.r_table = MatrixEditor()
        layout.addWidget(self.r_table)
        layout.addWidget(QLabel("pi(a|s): policy to evaluate"))
        self.pi_table = MatrixEditor()
        layout.addWidget(self.pi_table)
        self.terminal_row = QHBoxLayout()
        self.terminal_row.addWidget(QLabel("terminal:"))
        layout.addLayout(self.terminal_row)
        self.terminal_boxes: list[QCheckBox] = []
        self.r_table.edited.connect(self.changed)
        self.pi_table.edited.connect(self.changed)

    def set_values(self, cfg) -> None:
        self.blockSignals(True)
        for spin, n in ((self.n_states, len(cfg.states)), (self.n_actions, len(cfg.actions))):
            spin.blockSignals(True)
            spin.setValue(n)
            spin.blockSignals(False)
        self._show(list(cfg.states), list(cfg.actions), cfg.P, cfg.R, cfg.policy, cfg.terminal)
        self.blockSignals(False)

    def _show(self, states, actions, P, R, policy, terminal) -> None:
        self.states, self.actions = states, actions
        while len(self.p_tables) < len(actions):
            label, table = QLabel(), MatrixEditor()
            table.edited.connect(self.changed)
            self.p_box.addWidget(label)
            self.p_box.addWidget(table)
            self.p_labels.append(label)
            self.p_tables.append(table)
        while len(self.p_tables) > len(actions):
            for widget in (self.p_labels.pop(), self.p_tables.pop()):
                self.p_box.removeWidget(widget)
                widget.deleteLater()
        for a, (label, table) in enumerate(zip(self.p_labels, self.p_tables)):
            label.setText(tr("P(s'|s, a={action}): row s, column s'").format(action=actions[a]))
            table.set_matrix(P[a], states, states)
        self.r_table.set_matrix(R, states, actions)
        self.pi_table.set_matrix(policy, states, actions)
        for box in self.terminal_boxes:
            self.terminal_row.removeWidget(box)
            box.deleteLater()
        self.terminal_boxes = []
        for name, flag in zip(states, terminal):
            box = QCheckBox(name)
            box.setChecked(bool(flag))
            show_tooltip(box, f"{name} is terminal: V({name}) = 0 and nothing follows it")
            box.toggled.connect(self.changed)
            self.terminal_row.addWidget(box)
            self.terminal_boxes.append(box)

    def _on_resize(self) -> None:
        """Grow or shrink the matrices: new states and actions start as self-loops / uniform."""
        S, A = self.n_states.value(), self.n_actions.value()
        old = self.values()
        states = (self.states + [f"s{i + 1}" for i in range(len(self.states), S)])[:S]
        actions = (self.actions + [f"a{i + 1}" for i in range(len(self.actions), A)])[:A]
        P = []
        for a in range(A):
            src = old["P"][a] if a < len(old["P"]) else None
            P.append([[(src[i][j] if src and i < len(src) and j < len(src[i]) else float(i == j))
                       for j in range(S)] for i in range(S)])
        R = [[old["R"][i][a] if i < len(old["R"]) and a < len(old["R"][i]) else 0.0 for a in range(A)]
             for i in range(S)]
        same_actions = A == len(old["actions"])  # a new action count: start again from the uniform policy
        policy = [[old["policy"][i][a] if same_actions and i < len(old["policy"]) else 1.0 / A
                   for a in range(A)] for i in range(S)]
        terminal = [old["terminal"][i] if i < len(old["terminal"]) else False for i in range(S)]
        self._show(states, actions, P, R, policy, terminal)
        self.changed.emit()

    def values(self) -> dict:
        return {
            "states": list(self.states),
            "actions": list(self.actions),
            "P": [t.values() for t in self.p_tables],
            "R": self.r_table.values(),
            "policy": self.pi_table.values(),
            "terminal": [box.isChecked() for box in self.terminal_boxes],
        }

    def flag_problems(self) -> list[Problem]:
        """Flag every bad cell (computed by playground.mdp.checks); returns the problems."""
        v = self.values()
        problems = tabular_problems(v["states"], v["actions"], v["P"], v["R"], v["policy"], v["terminal"])
        by_table: dict[str, dict[tuple[int, int], str]] = {}
        for p in problems:
            by_table.setdefault(p.matrix, {})[(p.row, p.col)] = p.message
        for a, table in enumerate(self.p_tables):
            table.flag(by_table.get(f"P:{a}", {}))
        self.r_table.flag(by_table.get("R", {}))
        self.pi_table.flag(by_table.get("policy", {}))
        return problems


# Tabular results --------------------------------------------------------------------------------

class TabularView(QWidget):
    COLUMNS = (("R_pi", "R_pi(s)"), ("V_pi_linear", "V_pi (solve)"), ("V_pi_iterative", "V_pi (sweeps)"),
               ("V_value_iteration", "V (value it.)"), ("V_policy_iteration", "V (policy it.)"),
               ("policy_value_iteration", "pi (value it.)"), ("policy_policy_iteration", "pi (policy it.)"))
    BARS = (("V_pi_linear", "V_pi = (I - gamma P_pi)^-1 R_pi"), ("V_pi_iterative", "V_pi, iterative"),
            ("V_star", "V* (exact)"), ("V_value_iteration", "V, value iteration"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.conv = make_plot("Convergence: max-norm error per sweep", "sweep k (policy iteration: improvement k)",
                              "||V_k - V||_inf", log_y=True, legend=True)
        names = ("iterative evaluation vs V_pi", "value iteration vs V*", "policy iteration vs V*")
        self.conv_curves = [self.conv.plot([], [], pen=pg.mkPen(colour(i), width=3), name=name,
                                           symbol="o" if i == 2 else None, symbolSize=9, symbolBrush=colour(i))
                            for i, name in enumerate(names)]
        self.bars_plot = make_plot("Values V(s)", "state", "V(s)", legend=True)
        self.bars = []
        for i, (_key, name) in enumerate(self.BARS):
            bar = pg.BarGraphItem(x=[], height=[], width=0.2, brush=colour(i), name=name)
            self.bars_plot.addItem(bar)  # (named: the legend lists it)
            self.bars.append(bar)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setToolTip("Values and greedy policies of each solver, state by state")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.conv, 0, 0)
        layout.addWidget(self.bars_plot, 0, 1)
        layout.addWidget(self.table, 1, 0, 1, 2)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(1, 2)
        self._states: list[str] = []

    def clear(self) -> None:
        for curve in self.conv_curves:
            curve.setData([], [])
        for bar in self.bars:
            bar.setOpts(x=[], height=[])
        self.table.setRowCount(0)

    def show_snapshot(self, snap) -> None:
        a, t = snap.arrays, snap.tables
        for curve, key in zip(self.conv_curves, ("eval_error", "vi_error", "pi_error")):
            y = a[key]
            curve.setData(np.arange(len(y)), finite_for_log(y, 1e-16))
        states = list(t["states"])
        n = len(states)
        for i, (bar, (key, _)) in enumerate(zip(self.bars, self.BARS)):
            bar.setOpts(x=np.arange(n) + (i - 1.5) * 0.2, height=a[key], width=0.2)
        if states != self._states:
            self._states = states
            axis = self.bars_plot.getPlotItem().getAxis("bottom")
            axis.setTicks([list(enumerate(states))])
            self.table.setRowCount(n)
            self.table.setColumnCount(len(self.COLUMNS))
            self.table.setHorizontalHeaderLabels([tr(label) for _, label in self.COLUMNS])
            self.table.setVerticalHeaderLabels(states)
        for j, (key, _) in enumerate(self.COLUMNS):
            for i, value in enumerate(t[key]):
                text = value if isinstance(value, str) else f"{value:.6f}"
                item = self.table.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.table.setItem(i, j, item)
                if item.text() != text:
                    item.setText(text)


# Gridworld -------------------------------------------------------------------------------------

class GridCanvas(AppPlotWidget):
    """A grid of cells: a value heatmap (V or Q triangles), walls and special cells, arrows,
    numbers, an agent and a path. Emits ``cell_clicked(row, col)``."""

    cell_clicked = Signal(int, int)
    TRI = 20  # pixels per cell side in the Q-triangle image
    MAX_NUMBERS = 144  # cells; beyond this the numbers would be unreadable

    def __init__(self, title: str, diagonals: bool = False, parent=None) -> None:
        super().__init__(parent=parent, title=title)
        self.diagonals = diagonals  # cell diagonals: the edges of the Q(s,a) triangles
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMenuEnabled(False)
        vb = item.getViewBox()
        vb.invertY(True)
        vb.setAspectLocked(True)
        vb.setMouseEnabled(False, False)
        self.heat = pg.ImageItem()
        self.heat.setColorMap(VALUE_MAP)
        self.overlay = pg.ImageItem()
        self.lines = AppPlotDataItem(pen=pg.mkPen((90, 90, 90), width=1), connect="pairs")
        self.shafts = AppPlotDataItem(pen=pg.mkPen((20, 20, 20), width=2), connect="pairs")
        self.heads = AppScatterPlotItem(size=12, pen=None, brush=pg.mkBrush(20, 20, 20))
        self.path = AppPlotDataItem(pen=pg.mkPen("#CC79A7", width=4, style=Qt.PenStyle.DashLine))
        self.agent = AppScatterPlotItem(size=22, pen=pg.mkPen("k", width=2), brush=pg.mkBrush("#E69F00"))
        for it in (self.heat, self.overlay, self.lines, self.path, self.shafts, self.heads, self.agent):
            self.addItem(it)
        self.colorbar = AppColorBarItem(colorMap=VALUE_MAP, interactive=False, width=12, label="value")
        self.colorbar.setImageItem(self.heat, insert_in=item)
        self.texts: list[pg.TextItem] = []
        self.letters: list[pg.TextItem] = []
        self.shape: tuple[int, int] | None = None
        self.codes: np.ndarray | None = None
        self.labels: list = []
        self.q_index: np.ndarray | None = None
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        vb.sigResized.connect(self._show_numbers_that_fit)

    def _on_scene_clicked(self, event) -> None:
        if self.shape is None:
            return
        point = self.getPlotItem().getViewBox().mapSceneToView(event.scenePos())
        row, col = int(math.floor(point.y())), int(math.floor(point.x()))
        if 0 <= row < self.shape[0] and 0 <= col < self.shape[1]:
            self.cell_clicked.emit(row, col)

    def set_layout(self, codes: np.ndarray, labels: list) -> None:
        """(Re)build what depends on the grid's size and cells; labels are [row, col, text]."""
        codes = np.asarray(codes)
        rows, cols = codes.shape
        if self.codes is not None and np.array_equal(codes, self.codes) and labels == self.labels:
            return
        resized = self.shape != (rows, cols)
        self.shape, self.codes, self.labels = (rows, cols), codes.copy(), [list(x) for x in labels]
        rgba = np.zeros((rows, cols, 4), np.uint8)
        for code, colour_ in OVERLAY.items():
            rgba[codes == code] = colour_
        self.overlay.setImage(rgba, autoLevels=False, levels=(0, 255))
        self.overlay.setRect(QRectF(0, 0, cols, rows))
        for text in self.letters:
            self.removeItem(text)
        self.letters = []
        for r, c, letter in labels:
            text = pg.TextItem(letter, color=theme.current().heatmap_text, anchor=(0, 0))
            text.text_role = "heatmap_text"  # on a cell's colour, sized to the cell
            text.setFont(LABEL_FONT)
            text.setPos(c + 0.03, r + 0.01)
            self.addItem(text)
            self.letters.append(text)
        if resized:
            x, y = gridmath.cell_borders(rows, cols, diagonals=self.diagonals)
            self.lines.setData(x, y)
            self.q_index = gridmath.q_triangle_index(rows, cols, self.TRI)
            for text in self.texts:
                self.removeItem(text)
            self.texts = []
            if rows * cols <= self.MAX_NUMBERS:
                font = QFont()
                font.setPointSize(11 if rows * cols <= 30 else 9)
                for r in range(rows):
                    for c in range(cols):
                        text = pg.TextItem("", color=theme.current().heatmap_text, anchor=(0.5, 0.5))
                        text.text_role = "heatmap_text"
                        text.setFont(font)
                        text.setPos(c + 0.5, r + 0.74)  # low in the cell: the arrow sits above
                        self.addItem(text)
                        self.texts.append(text)
            self.getPlotItem().getViewBox().setRange(QRectF(0, 0, cols, rows), padding=0.02)

    def _levels(self, values: np.ndarray) -> tuple[float, float]:
        finite = values[np.isfinite(values)]
        top = float(np.abs(finite).max()) if finite.size else 1.0
        top = top if top > 0 else 1.0
        return -top, top

    def show_values(self, V: np.ndarray, numbers: bool = True) -> None:
        rows, cols = V.shape
        levels = self._levels(V)
        self.heat.setImage(np.nan_to_num(V, nan=0.0), autoLevels=False, levels=levels)
        self.heat.setRect(QRectF(0, 0, cols, rows))
        self.colorbar.setLevels(levels)
        self._numbers(V if numbers else None)

    def show_q(self, Q: np.ndarray, V: np.ndarray) -> None:
        rows, cols, _ = Q.shape
        image = Q.reshape(-1)[self.q_index]
        levels = self._levels(Q)
        self.heat.setImage(image, autoLevels=False, levels=levels)
        self.heat.setRect(QRectF(0, 0, cols, rows))
        self.colorbar.setLevels(levels)
        self._numbers(None)

    def _numbers(self, V: np.ndarray | None) -> None:
        if not self.texts:
            return
        flat = V.ravel() if V is not None else None
        codes = self.codes.ravel()
        for i, text in enumerate(self.texts):
            show = flat is not None and codes[i] not in (gridmath.WALL, gridmath.GOAL, gridmath.PIT, gridmath.CLIFF)
            value = _fmt(float(flat[i])) if show else ""
            if text.toPlainText() != value:
                text.setText(value)
        self._show_numbers_that_fit()

    def _show_numbers_that_fit(self, *_) -> None:
        """Numbers only where a cell is wide enough for them: in small cells they ran into each
        other ("-14.013.012.0" on the cliff and windy grids). The colour and the colour bar
        still give the values; a wider window brings the numbers back."""
        if not self.texts or self.shape is None:
            return
        rows, cols = self.shape
        vb = self.getPlotItem().getViewBox()
        cell = min(vb.width() / cols, vb.height() / rows)  # the view keeps the cells square
        widest = max((QFontMetricsF(t.textItem.font()).horizontalAdvance(t.toPlainText()) for t in self.texts),
                     default=0.0)
        fits = widest <= NUMBER_FILL * cell
        for text in self.texts:
            if text.isVisible() != fits:
                text.setVisible(fits)

    def show_arrows(self, actions: np.ndarray) -> None:
        x, y, heads = gridmath.arrow_segments(actions, length=0.24 if self.texts else 0.3,
                                               centre=0.33 if self.texts else 0.5)
        self.shafts.setData(x, y)
        symbols = [ARROW_SYMBOL[int(a)] for a in heads[:, 2]]
        self.heads.setData(heads[:, 0], heads[:, 1], symbol=symbols)

    def show_agent(self, pos: np.ndarray | None, path: np.ndarray | None) -> None:
        if pos is None:
            self.agent.setData([], [])
        else:
            self.agent.setData([pos[1] + 0.5], [pos[0] + 0.5])
        if path is None or len(path) < 2:
            self.path.setData([], [])
        else:
            self.path.setData(path[:, 1] + 0.5, path[:, 0] + 0.5)

    def clear_values(self) -> None:
        self.heat.clear()
        self.shafts.setData([], [])
        self.heads.setData([], [])
        self.show_agent(None, None)
        for text in self.texts:
            text.setText("")


class GridView(QWidget):
    """DP values beside one learner's Q(s,a), and the learners' curves below."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.dp_canvas = GridCanvas("DP: V(s) and greedy policy")
        self.learner_canvas = GridCanvas("Learner: Q(s,a), greedy arrows and path", diagonals=True)
        self.dp_canvas.cell_clicked.connect(self.cell_clicked)
        self.learner_canvas.cell_clicked.connect(self.cell_clicked)
        picker = QHBoxLayout()
        picker.addWidget(QLabel("learner shown:"))
        self.learner_box = QComboBox()
        self.learner_box.setToolTip("Which learner's Q(s,a) the right-hand grid shows")
        self.learner_box.currentIndexChanged.connect(self._redraw)
        picker.addWidget(self.learner_box)
        self.status = QLabel("")
        picker.addWidget(self.status, 1)
        self.returns = make_plot("Episode return", "episode", "return", legend=True)
        self.lengths = make_plot("Episode length", "episode", "moves", legend=True)
        self.gaps = make_plot("Gap to DP: mean |max_a Q(s,a) - V*(s)|", "episode", "gap", legend=True)
        self.gaps.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.curves: dict[str, list] = {}
        layout.addWidget(self.dp_canvas, 0, 0)
        layout.addWidget(self.learner_canvas, 0, 1)
        layout.addLayout(picker, 1, 0, 1, 2)
        bottom = QHBoxLayout()
        for plot in (self.returns, self.lengths, self.gaps):
            bottom.addWidget(plot)
        layout.addLayout(bottom, 2, 0, 1, 2)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(2, 2)
        self._snap = None
        self._kinds: list[str] = []
        self.bands: dict[str, ReturnBand] = {}

    def set_learners(self, kinds: list[str], names: list[str]) -> None:
        if kinds == self._kinds:
            return
        self._kinds = list(kinds)
        self.learner_box.blockSignals(True)
        self.learner_box.clear()
        for kind, name in zip(kinds, names):
            self.learner_box.addItem(name, kind)
        self.learner_box.blockSignals(False)
        for plot in (self.returns, self.lengths, self.gaps):
            plot.getPlotItem().clear()
            legend = plot.getPlotItem().legend
            if legend is not None:
                legend.clear()
        # Thousands of noisy episodes: antialiasing them costs ~10 ms a repaint and shows nothing more.
        self.curves = {kind: [plot.plot([], [], pen=pg.mkPen(colour(i), width=2), name=name, antialias=False)
                              for plot in (self.returns, self.lengths, self.gaps)]
                       for i, (kind, name) in enumerate(zip(kinds, names))}
        self.bands = {kind: ReturnBand(self.returns, i) for i, kind in enumerate(kinds)}

    def clear(self) -> None:
        self._snap = None
        for curves in self.curves.values():
            for curve in curves:
                curve.setData([], [])
        for band in self.bands.values():
            band.set([], [], [])
        self.dp_canvas.clear_values()
        self.learner_canvas.clear_values()

    def show_snapshot(self, snap, kinds: list[str], names: list[str]) -> None:
        self._snap = snap
        self.set_learners(kinds, names)
        a = snap.arrays
        self.dp_canvas.set_layout(a["codes"], snap.tables["labels"])
        self.dp_canvas.show_values(a["V_dp"])
        self.dp_canvas.show_arrows(a["dp_actions"])
        for kind, (ret, length, gap) in self.curves.items():
            if f"{kind}_returns" not in a:
                continue
            x = np.arange(1, len(a[f"{kind}_returns"]) + 1)
            ret.setData(x, a[f"{kind}_returns"])
            self.bands[kind].set(x, a[f"{kind}_returns"], a[f"{kind}_returns_se"])
            length.setData(x, a[f"{kind}_lengths"])
            gap.setData(x, a[f"{kind}_gaps"])
        runs = int(snap.metrics.get("runs", 1))
        set_narrow_title(self.returns.getPlotItem(),
            tr("Episode return, mean of {runs} runs ± one standard error").format(runs=runs) if runs > 1
            else tr("Episode return"))
        self.status.setText(self._dp_status(snap.metrics))
        self._redraw()

    @staticmethod
    def _dp_status(m) -> str:
        text = tr("DP sweeps {sweeps}").format(sweeps=f"{m['dp_sweeps']:.0f}")
        if "V_start" in m:
            text += tr(", V(start) = {value}").format(value=f"{m['V_start']:.4g}")
        return text

    @staticmethod
    def _greedy_status(m, kind: str, has_goal: bool) -> str:
        """The learner's greedy path in words: its return only when it is an episode's return."""
        if m[f"{kind}_greedy_reaches_goal"]:
            text = tr("greedy path reaches the goal, return {ret}").format(ret=f"{m[f'{kind}_greedy_return']:.3g}")
        elif has_goal:
            text = tr("greedy path does not reach the goal")
        else:
            text = tr("greedy path return (first moves) {ret}").format(ret=f"{m[f'{kind}_greedy_return']:.3g}")
        runs = int(m.get("runs", 1))
        if runs > 1 and has_goal:
            text += " " + tr("(run 1; {n} of {runs} runs reach it)").format(
                n=f"{m[f'{kind}_greedy_goal_runs']:.0f}", runs=runs)
        return text

    def _redraw(self) -> None:
        snap = self._snap
        canvas = self.learner_canvas
        kind = self.learner_box.currentData()
        if snap is None:
            return
        canvas.set_layout(snap.arrays["codes"], snap.tables["labels"])
        if kind is None or f"{kind}_Q" not in snap.arrays:
            canvas.clear_values()
            canvas.setTitle("Learner: none (tick one at the left)")
            return
        a, m = snap.arrays, snap.metrics
        canvas.setTitle(f"{self.learner_box.currentText()}: Q(s,a), greedy arrows and path")
        canvas.show_q(a[f"{kind}_Q"], a[f"{kind}_V"])
        canvas.show_arrows(a[f"{kind}_actions"])
        canvas.show_agent(a[f"{kind}_pos"], a[f"{kind}_path"])
        self.status.setText(
            f"{self._dp_status(m)}   |   {self.learner_box.currentText()}: "
            + tr("episode {episode}, mean return (last 100) {mean}").format(
                episode=f"{m[f'{kind}_episodes']:.0f}", mean=f"{m[f'{kind}_mean_return']:.3g}")
            + ", " + self._greedy_status(m, kind, snap.tables.get("has_goal", True)))


class ReturnBand:
    """A shaded band of mean ± one standard error over runs behind a learner's return curve
    (empty, so invisible, for a single run)."""

    def __init__(self, plot: pg.PlotWidget, index: int) -> None:
        self.low = AppPlotDataItem([], [], pen=None)
        self.high = AppPlotDataItem([], [], pen=None)
        fill = QColor(colour(index))
        fill.setAlpha(60)  # a translucent fill is cheap; only translucent lines are slow
        self.fill = pg.FillBetweenItem(self.low, self.high, brush=pg.mkBrush(fill))
        self.fill.setZValue(-1)
        plot.addItem(self.fill)

    def set(self, x, mean, se) -> None:
        if len(se) == 0 or not np.any(se):
            self.low.setData([], [])
            self.high.setData([], [])
            return
        self.low.setData(x, np.asarray(mean) - se)
        self.high.setData(x, np.asarray(mean) + se)


# DQN ------------------------------------------------------------------------------------------

class DQNView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cart = make_plot("CartPole-v1 (from the env state)", "cart position x (m)", "")
        item = self.cart.getPlotItem()
        item.hideAxis("left")
        vb = item.getViewBox()
        vb.setAspectLocked(True)
        vb.setRange(xRange=(-2.6, 2.6), yRange=(-0.3, 1.6), padding=0)
        vb.setMouseEnabled(False, False)
        self.track = self.cart.plot([-2.4, 2.4], [0, 0], pen=pg.mkPen(theme.current().muted_text, width=3))
        for x in (-2.4, 2.4):
            self.cart.addItem(pg.InfiniteLine(x, angle=90, pen=pg.mkPen("#D55E00", width=2, style=Qt.PenStyle.DotLine)))
        self.cart_body = self.cart.plot([], [], pen=pg.mkPen("#0072B2", width=2), fillLevel=0.0,
                                        brush=pg.mkBrush("#56B4E9"))
        self.pole = self.cart.plot([], [], pen=pg.mkPen("#E69F00", width=9))
        self.q_text = pg.TextItem("", color=theme.current().series_text(0), anchor=(0.5, 0))
        self.q_text.text_role = "series_text:0"  # orange, darkened on the light theme to read as text
        self.q_text.setFont(LABEL_FONT)
        self.q_text.setPos(0, -0.04)  # under the track
        self.cart.addItem(self.q_text)
        self.returns = make_plot("Episode return", "episode", "return", legend=True)
        self.ret_curve = self.returns.plot([], [], pen=None, symbol="o", symbolSize=4,
                                           symbolBrush=colour(1), symbolPen=None, name="return")
        self.avg_curve = add_curve(self.returns, 0, "average of the last 100", width=3)
        self.solve_line = pg.InfiniteLine(195, angle=0, pen=pg.mkPen("#009E73", width=2, style=Qt.PenStyle.DashLine),
                                          label=tr("solved: {n}").format(n=195),
                                          labelOpts={"position": 0.1, "color": theme.current().series_text(2)})
        self.returns.addItem(self.solve_line)
        self.loss = make_plot("TD loss (mean per episode)", "episode", "loss", log_y=True)
        self.loss.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.loss_curve = add_curve(self.loss, 5)
        self.q = make_plot("Mean Q(s,a) on replayed batches", "episode", "Q")
        self.q_curve = add_curve(self.q, 4)
        self.eps = make_plot("Exploration epsilon", "episode", "epsilon")
        self.eps_curve = add_curve(self.eps, 2)
        self.eps.getPlotItem().setYRange(0, 1.05)
        layout.addWidget(self.cart, 0, 0)
        layout.addWidget(self.returns, 0, 1, 1, 2)
        layout.addWidget(self.loss, 1, 0)
        layout.addWidget(self.q, 1, 1)
        layout.addWidget(self.eps, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 2)

    def clear(self) -> None:
        for curve in (self.ret_curve, self.avg_curve, self.loss_curve, self.q_curve, self.eps_curve,
                      self.cart_body, self.pole):
            curve.setData([], [])
        self.q_text.setText("")

    def show_snapshot(self, snap, solve_return: float) -> None:
        a, m = snap.arrays, snap.metrics
        self.cart_body.setData(a["cart"][:, 0], a["cart"][:, 1])
        self.pole.setData(a["pole"][:, 0], a["pole"][:, 1])
        q = a["q_obs"]
        self.q_text.setText(tr("Q(s, push left) = {left}    Q(s, push right) = {right}    episode {episode}").format(
            left=f"{q[0]:.2f}", right=f"{q[1]:.2f}", episode=f"{m['episode']:.0f}"))
        x = np.arange(1, len(a["returns"]) + 1)
        self.ret_curve.setData(x, a["returns"])
        self.avg_curve.setData(x, a["avg_returns"])
        self.solve_line.setValue(solve_return)
        self.solve_line.label.setFormat(tr("solved: {n}").format(n=f"{solve_return:g}"))
        self.loss_curve.setData(x, a["ep_loss"], connect="finite")  # NaN: episodes before learning
        self.q_curve.setData(x, a["ep_q"], connect="finite")
        self.eps_curve.setData(x, a["ep_eps"])
