"""MDP & RL panel: edit a tabular MDP and solve it by DP, paint a gridworld and watch TD learners
approach the DP solution, or train a DQN on CartPole-v1.

Run alone: ``python -m widgets.panels.mdp_panel [preset.json]``.
"""

from __future__ import annotations

import re

# The config first: pydantic's first model build must happen before PySide6 is imported, or
# shiboken's import hook breaks pydantic's lazy imports (ImportError: import_string).
from playground.mdp.config import (  # isort: skip
    GRID_CHARS, MAX_GRID, CellReward, DQNConfig, GridConfig, MDPConfig, TabularConfig, Teleport,
)
from pydantic import ValidationError
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpinBox, QStackedWidget, QVBoxLayout, QWidget,
)
from superqt import QCollapsible

from playground.mdp.grid import resize_layout
from playground.snapshot import Snapshot
from widgets.form import ConfigForm
from widgets.i18n import tr
from widgets.mdp_views import DQNView, GridView, TabularEditor, TabularView
from widgets.panels.base import PanelBase

MODES = tuple(mode.name for mode in MDPConfig.MODES)  # one page of controls and one view per mode, in order
LEARNER_NAMES = {"q_learning": "Q-learning", "sarsa": "SARSA", "expected_sarsa": "Expected SARSA"}
TOOLS = [("wall #", "#"), ("empty .", "."), ("start S", "S"), ("goal G", "G"), ("pit P", "P"),
         ("cliff C", "C"), ("teleport A -> A'", "teleport"), ("cell reward", "reward")]


def _first_error(error: ValidationError) -> str:
    item = error.errors()[0]
    where = ".".join(str(p) for p in item["loc"])
    message = tr(item["msg"].removeprefix("Value error, "))
    return f"{where}: {message}" if where else message


def _form_section(mode: str, index: int) -> tuple[str, list[str]]:
    """The title and the sub-config fields of a mode's ``index``-th form section (MDPConfig.MODES)."""
    section = next(m for m in MDPConfig.MODES if m.name == mode).sections[index]
    return section.title, [name.split(".", 1)[1] for name in section.fields]


def _section(title: str, *widgets: QWidget, expanded: bool = True) -> QCollapsible:
    box = QCollapsible(title)
    box.setToolTip(f"Show or hide: {title}")
    for widget in widgets:
        box.addWidget(widget)
    if expanded:
        box.expand(animate=False)
    return box


class Panel(PanelBase):
    key = "mdp"

    def __init__(self, config: MDPConfig | None = None, parent=None) -> None:
        super().__init__(config, parent)
        self._pending_teleport: tuple[int, int] | None = None
        self.mode_form = ConfigForm(MDPConfig, fields=["mode"])
        self.controls_layout.addWidget(self.mode_form)
        self.controls_stack = QStackedWidget()
        self.controls_stack.addWidget(self._build_tabular_controls())
        self.controls_stack.addWidget(self._build_grid_controls())
        self.controls_stack.addWidget(self._build_dqn_controls())
        self.controls_layout.addWidget(self.controls_stack)
        self.tabular_view, self.grid_view, self.dqn_view = TabularView(), GridView(), DQNView()
        self.view_stack = QStackedWidget()
        for view in (self.tabular_view, self.grid_view, self.dqn_view):
            self.view_stack.addWidget(view)
        self.view_layout.addWidget(self.view_stack)
        self.grid_view.cell_clicked.connect(self._on_grid_cell_clicked)
        self.mode_form.changed.connect(self._on_edit)
        self.show_config(self.config())

    # Controls ----------------------------------------------------------------------------------
    def _build_tabular_controls(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        title, fields = _form_section("tabular", 0)
        self.tab_form = ConfigForm(TabularConfig, fields=fields)
        self.tab_form.changed.connect(self._on_edit)
        self.tab_editor = TabularEditor()
        self.tab_editor.changed.connect(self._on_edit)
        layout.addWidget(_section(title, self.tab_form))
        layout.addWidget(_section("MDP: P(s'|s,a), r(s,a), pi(a|s)", self.tab_editor))
        layout.addStretch(1)
        return page

    def _build_grid_controls(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        title, fields = _form_section("gridworld", 0)
        self.grid_form = ConfigForm(GridConfig, fields=fields)
        self.grid_form.changed.connect(self._on_edit)
        layout.addWidget(_section(title, self.grid_form))
        learners = QWidget()
        learner_layout = QVBoxLayout(learners)
        learner_layout.setContentsMargins(0, 0, 0, 0)
        self.learner_boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        for kind, name in LEARNER_NAMES.items():
            box = QCheckBox(name)
            box.setToolTip(f"Run {name} beside the DP solution")
            box.toggled.connect(self._on_edit)
            row.addWidget(box)
            self.learner_boxes[kind] = box
        learner_layout.addLayout(row)
        title, fields = _form_section("gridworld", 1)
        self.td_form = ConfigForm(GridConfig, fields=fields)
        self.td_form.changed.connect(self._on_edit)
        learner_layout.addWidget(self.td_form)
        layout.addWidget(_section(title, learners))
        paint = QWidget()
        form = QFormLayout(paint)
        form.setContentsMargins(0, 0, 0, 0)
        size = QHBoxLayout()
        self.rows_spin, self.cols_spin = QSpinBox(), QSpinBox()
        for spin, what in ((self.rows_spin, "rows"), (self.cols_spin, "columns")):
            spin.setRange(1, MAX_GRID)
            spin.setKeyboardTracking(False)
            spin.setToolTip(f"Grid {what} (custom grid)")
            spin.valueChanged.connect(self._on_grid_resized)
            size.addWidget(spin)
        form.addRow("rows x cols", size)
        self.tool_box = QComboBox()
        for label, tool in TOOLS:
            self.tool_box.addItem(label, tool)
        self.tool_box.setToolTip("What a click on the grid paints: " + ", ".join(
            f"{ch} {what}" for ch, what in GRID_CHARS.items()))
        form.addRow("click paints", self.tool_box)
        self.reward_spin = QDoubleSpinBox()
        self.reward_spin.setRange(-1e4, 1e4)
        self.reward_spin.setValue(10.0)
        self.reward_spin.setToolTip("Reward of a painted teleport or cell reward (0 removes a cell reward)")
        form.addRow("paint reward", self.reward_spin)
        self.wind_edit = QLineEdit()
        self.wind_edit.setPlaceholderText("e.g. 0 0 0 1 1 1 2 2 1 0")
        self.wind_edit.setToolTip("Wind per column: cells it pushes the agent up after each move; empty for none")
        self.wind_edit.editingFinished.connect(self._on_wind_edited)
        form.addRow("wind", self.wind_edit)
        self.special_label = QLabel("")
        self.special_label.setWordWrap(True)
        form.addRow(self.special_label)
        clear = QPushButton("Remove teleports and cell rewards")
        clear.clicked.connect(lambda: self._commit_grid(teleports=[], cell_rewards=[]))
        form.addRow(clear)
        layout.addWidget(_section("Paint the grid (click a cell)", paint))
        layout.addStretch(1)
        return page

    def _build_dqn_controls(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        title, fields = _form_section("dqn", 0)
        self.dqn_form = ConfigForm(DQNConfig, fields=fields)
        self.dqn_form.changed.connect(self._on_edit)
        layout.addWidget(_section(title, self.dqn_form))
        layout.addStretch(1)
        return page

    # Config <-> controls -----------------------------------------------------------------------
    def _grid_from_controls(self, **overrides) -> GridConfig:
        values = {**self.config().grid.model_dump(), **self.grid_form.values(), **self.td_form.values()}
        values["learners"] = [k for k, box in self.learner_boxes.items() if box.isChecked()]
        values.update(overrides)
        return GridConfig(**values)

    def _build(self, **grid_overrides) -> MDPConfig:
        cfg = self.config()
        tab_values = {**cfg.tabular.model_dump(), **self.tab_editor.values(), **self.tab_form.values()}
        dqn_values = {**cfg.dqn.model_dump(), **self.dqn_form.values()}
        return MDPConfig(mode=self.mode_form.values()["mode"], tabular=TabularConfig(**tab_values),
                         grid=self._grid_from_controls(**grid_overrides), dqn=DQNConfig(**dqn_values))

    def _on_edit(self, *_args, **grid_overrides) -> bool:
        problems = self.tab_editor.flag_problems()
        try:
            cfg = self._build(**grid_overrides)
        except ValidationError as error:
            self.message.emit(tr("not applied: {reason}").format(reason=_first_error(error)))
            return False
        except ValueError as error:
            self.message.emit(f"not applied: {error}")
            return False
        if problems:  # (the config would have refused them too)
            self.message.emit(f"not applied: {problems[0].message}")
            return False
        # Every part as the controls show it goes to the state; only what differs changes.
        return self.edit_config(**dict(cfg))

    def _commit_grid(self, **overrides) -> bool:
        return self._on_edit(**overrides)

    def show_config(self, config: MDPConfig) -> None:
        self._pending_teleport = None
        self.mode_form.set_values(config)
        self.tab_form.set_values(config.tabular)
        self.tab_editor.set_values(config.tabular)
        self.tab_editor.flag_problems()
        self.grid_form.set_values(config.grid)
        self.td_form.set_values(config.grid)
        for kind, box in self.learner_boxes.items():
            box.blockSignals(True)
            box.setChecked(kind in config.grid.learners)
            box.blockSignals(False)
        self.dqn_form.set_values(config.dqn)
        self._show_mode(config)

    def _show_mode(self, config: MDPConfig) -> None:
        index = MODES.index(config.mode)
        self.controls_stack.setCurrentIndex(index)
        for i in range(self.controls_stack.count()):  # the stack takes the height of the page shown
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            self.controls_stack.widget(i).setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.controls_stack.adjustSize()
        self.view_stack.setCurrentIndex(index)
        g = config.grid
        custom = g.env == "custom"
        for name, editor in self.grid_form.editors.items():  # grey out what this world ignores
            editor.setEnabled(name in ("env", "gamma", "dp") or (name == "slippery") != custom)
        for spin, value in ((self.rows_spin, len(g.layout)), (self.cols_spin, len(g.layout[0]))):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.setEnabled(g.env == "custom")
            spin.blockSignals(False)
        self.wind_edit.setText(" ".join(str(w) for w in g.wind))
        parts = [tr("teleport {src} -> {dst}: {reward}").format(src=t.src, dst=t.dst, reward=f"{t.reward:g}")
                 for t in g.teleports]
        parts += [tr("reward {cell}: {reward}").format(cell=c.cell, reward=f"{c.reward:g}") for c in g.cell_rewards]
        self.special_label.setText("; ".join(parts) if parts else tr("no teleports or cell rewards"))

    # Grid painting -----------------------------------------------------------------------------
    def _on_grid_resized(self) -> None:
        g = self.config().grid
        layout, teleports, rewards, wind = resize_layout(g.layout, g.teleports, g.cell_rewards, g.wind,
                                                         self.rows_spin.value(), self.cols_spin.value(),
                                                         need_start=bool(g.learners))
        self._commit_grid(layout=layout, teleports=teleports, cell_rewards=rewards, wind=wind)

    def _on_wind_edited(self) -> None:
        text = self.wind_edit.text().strip()
        if not re.fullmatch(r"[\d\s,]*", text):
            self.message.emit("wind: give whole numbers, one per column, e.g. 0 0 1 2 1 0")
            return
        wind = [int(w) for w in re.split(r"[\s,]+", text) if w]
        if wind != list(self.config().grid.wind):
            self._commit_grid(wind=wind)

    def _on_grid_cell_clicked(self, row: int, col: int) -> None:
        g = self.config().grid
        if g.env != "custom":
            self.message.emit(f"{g.env} is gymnasium's fixed map: choose env = custom to paint")
            return
        tool = self.tool_box.currentData()
        cell = (row, col)
        if tool == "teleport":
            if self._pending_teleport is None:
                self._pending_teleport = cell
                self.message.emit(f"teleport from {cell}: now click where it lands")
                return
            src, self._pending_teleport = self._pending_teleport, None
            teleports = [t for t in g.teleports if tuple(t.src) != src]
            teleports.append(Teleport(src=src, dst=cell, reward=self.reward_spin.value()))
            if self._commit_grid(teleports=teleports):
                self.message.emit(f"teleport {src} -> {cell} with reward {self.reward_spin.value():g}")
            return
        if tool == "reward":
            rewards = [c for c in g.cell_rewards if tuple(c.cell) != cell]
            if self.reward_spin.value() != 0:
                rewards.append(CellReward(cell=cell, reward=self.reward_spin.value()))
            self._commit_grid(cell_rewards=rewards)
            return
        layout = [list(r) for r in g.layout]
        # Painting over the start is refused by the config while learners need it, with its reason.
        if tool == "S":
            layout = [["." if ch == "S" else ch for ch in r] for r in layout]
        layout[row][col] = tool
        self._commit_grid(layout=["".join(r) for r in layout])

    # Snapshots ---------------------------------------------------------------------------------
    draws = {"mdp.tabular": "_draw_tabular", "mdp.gridworld": "_draw_gridworld", "mdp.dqn": "_draw_dqn"}

    def _draw_tabular(self, snap: Snapshot) -> None:
        self.view_stack.setCurrentIndex(0)
        self.tabular_view.show_snapshot(snap)

    def _draw_gridworld(self, snap: Snapshot) -> None:
        self.view_stack.setCurrentIndex(1)
        ran = snap.tables["learners"]  # the learners' names, in the order they run
        kinds = [k for k, name in LEARNER_NAMES.items() if name in ran]
        self.grid_view.show_snapshot(snap, kinds, [LEARNER_NAMES[k] for k in kinds])

    def _draw_dqn(self, snap: Snapshot) -> None:
        self.view_stack.setCurrentIndex(2)
        self.dqn_view.show_snapshot(snap, self.config().dqn.solve_return)

    def clear(self) -> None:
        self.tabular_view.clear()
        self.grid_view.clear()
        self.dqn_view.clear()


if __name__ == "__main__":
    from widgets.panels.preview import preview

    preview(Panel, steps_per_tick=lambda config, _engine: {"tabular": 1, "gridworld": 200, "dqn": 25}[config.mode],
            size=(1500, 900))
