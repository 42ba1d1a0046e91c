"""Bandits panel: explore vs exploit. Algorithms averaged over many runs against the regret bounds,
run 0's per-arm view (estimates, UCB bounds, posteriors), and a game: you vs the algorithm.

Run alone: ``python -m widgets.panels.bandits_panel [preset.json]``.
"""

from __future__ import annotations

# The config first: pydantic's first model build must happen before PySide6 is imported.
from playground.bandits.config import MAX_ALGOS, AlgoSpec, BanditsConfig  # isort: skip
import threading

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QSpinBox,
    QSizePolicy, QTabWidget, QVBoxLayout, QWidget,
)
from superqt import QCollapsible

from playground.bandits.manual import ManualBandit
from playground.snapshot import Snapshot
from widgets.bandits_views import ArmsView, CurvesView, GameView, algorithm_label
from widgets.form import ConfigForm
from widgets.i18n import tr
from widgets.panels.base import PanelBase

# The AlgoSpec fields each kind reads (the others are greyed out).
ARMS_LEAST_PX, CURVES_LEAST_PX = 150, 200  # the two rows of plots never get less than this

KIND_FIELDS = {
    "greedy": {"initial", "step_size"}, "eps_greedy": {"epsilon", "initial", "step_size"},
    "eps_decay": {"epsilon", "decay", "initial", "step_size"}, "etc": {"m"}, "ucb1": {"c", "initial", "step_size"},
    "ucb_delta": {"delta", "initial", "step_size"}, "thompson_beta": set(), "thompson_gauss": {"prior_std"},
    "gradient": {"step_size", "baseline"},
}
PROBLEM_FIELDS = ["arms", "reward_kind", "means_source", "mean_offset", "reward_std", "drift_std", "runs", "horizon"]


def _first_error(error: ValidationError) -> str:
    item = error.errors()[0]
    where = ".".join(str(p) for p in item["loc"])
    message = item["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _section(title: str, *widgets: QWidget) -> QCollapsible:
    box = QCollapsible(title)
    box.setToolTip(f"Show or hide: {title}")
    for widget in widgets:
        box.addWidget(widget)
    box.expand(animate=False)
    return box


def _parse_means(text: str) -> list[float]:
    parts = [p for p in text.replace(",", " ").split() if p]
    return [float(p) for p in parts]


class Panel(PanelBase):
    key = "bandits"
    # A game whose algorithms finished running; emitted from their thread, handled on the GUI thread.
    algorithms_done = Signal(object)

    def __init__(self, config: BanditsConfig | None = None, parent=None) -> None:
        super().__init__(config, parent)
        self._last: Snapshot | None = None
        self.game: ManualBandit | None = None
        self.algorithms_done.connect(self._on_algorithms_done)
        self._build_controls()
        self._build_views()
        self.show_config(self.config())

    # Controls ----------------------------------------------------------------------------------
    def _build_controls(self) -> None:
        problem = QWidget()
        form_layout = QVBoxLayout(problem)
        form_layout.setContentsMargins(0, 0, 0, 0)
        self.problem_form = ConfigForm(BanditsConfig, fields=PROBLEM_FIELDS)
        self.problem_form.changed.connect(self._on_edit)
        form_layout.addWidget(self.problem_form)
        self.means_edit = QLineEdit()
        self.means_edit.setPlaceholderText("typed means, e.g. 0.2 0.5 0.8")
        self.means_edit.setToolTip(BanditsConfig.model_fields["means"].description)
        self.means_edit.editingFinished.connect(self._on_means_edited)
        form_layout.addWidget(QLabel("typed means"))
        form_layout.addWidget(self.means_edit)
        self.controls_layout.addWidget(_section("Arms and runs", problem))

        algos = QWidget()
        algo_layout = QVBoxLayout(algos)
        algo_layout.setContentsMargins(0, 0, 0, 0)
        self.algo_list = QListWidget()
        self.algo_list.setToolTip("The algorithms compared; select one to edit it below")
        self.algo_list.setMaximumHeight(150)
        self.algo_list.currentRowChanged.connect(self._on_algo_selected)
        algo_layout.addWidget(self.algo_list)
        row = QHBoxLayout()
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Add a copy of the selected algorithm (at most 8)")
        self.add_button.clicked.connect(self._on_add)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected algorithm")
        self.remove_button.clicked.connect(self._on_remove)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        algo_layout.addLayout(row)
        self.algo_form = ConfigForm(AlgoSpec)
        self.algo_form.changed.connect(self._on_algo_edited)
        algo_layout.addWidget(self.algo_form)
        self.controls_layout.addWidget(_section("Algorithms", algos))

        view = QWidget()
        view_layout = QVBoxLayout(view)
        view_layout.setContentsMargins(0, 0, 0, 0)
        self.arm_algo = QComboBox()
        self.arm_algo.setToolTip("Whose per-arm view (run 0) the top row shows")
        self.arm_algo.currentIndexChanged.connect(self._redraw)
        self.log_x = QCheckBox("log-x step axis")
        self.log_x.setToolTip("Show the curves against log t: log-regret grows as a straight line")
        self.log_x.toggled.connect(self._on_log_x)
        view_layout.addWidget(QLabel("per-arm view of"))
        view_layout.addWidget(self.arm_algo)
        view_layout.addWidget(self.log_x)
        self.controls_layout.addWidget(_section("View", view))

    def _build_views(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setToolTip("The algorithms over many runs, or your own game")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.arms_view = ArmsView()
        self.curves_view = CurvesView()
        # Shares by stretch (2 : 3), not by size hint: the curves' hint (a key plus 320 px plots)
        # took the room and left the per-arm row a sliver with its axis labels cut (1280x720).
        for view, least in ((self.arms_view, ARMS_LEAST_PX), (self.curves_view, CURVES_LEAST_PX)):
            view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
            view.setMinimumHeight(least)
        layout.addWidget(self.arms_view, 2)
        layout.addWidget(self.curves_view, 3)
        self.tabs.addTab(page, "Algorithms over many runs")
        game = QWidget()
        game_layout = QVBoxLayout(game)
        bar = QHBoxLayout()
        self.game_length = QSpinBox()
        self.game_length.setRange(5, 1000)
        self.game_length.setValue(50)
        self.game_length.setToolTip("How many pulls the game lasts")
        self.game_seed = QSpinBox()
        self.game_seed.setRange(0, 10**6)
        self.game_seed.setToolTip("The seed of the game's arms and reward sequence")
        self.new_game = QPushButton("New game")
        self.new_game.setToolTip("Start a new game on the arms configured at the left")
        self.new_game.clicked.connect(self.start_game)
        for widget in (QLabel("pulls"), self.game_length, QLabel("seed"), self.game_seed, self.new_game):
            bar.addWidget(widget)
        bar.addStretch(1)
        game_layout.addLayout(bar)
        self.arm_buttons_box = QWidget()
        self.arm_buttons_layout = QGridLayout(self.arm_buttons_box)
        self.arm_buttons: list[QPushButton] = []
        game_layout.addWidget(self.arm_buttons_box)
        self.game_status = QLabel("")
        self.game_status.setStyleSheet("font-size: 14pt")
        self.game_status.setWordWrap(True)
        game_layout.addWidget(self.game_status)
        self.game_view = GameView()
        game_layout.addWidget(self.game_view, 1)
        self.tabs.addTab(game, "You vs the algorithm")
        self.view_layout.addWidget(self.tabs)

    # Config <-> controls -----------------------------------------------------------------------
    def _apply(self, **overrides) -> bool:
        """The problem form's values (and ``overrides``) to the state; only those that differ change."""
        return self.edit_config(**{**self.problem_form.values(), **overrides})

    def _on_edit(self, *_args) -> None:
        self._apply()

    def _on_means_edited(self) -> None:
        try:
            means = _parse_means(self.means_edit.text())
        except ValueError:
            self.message.emit("typed means: give numbers separated by spaces, e.g. 0.2 0.5 0.8")
            return
        cfg = self.config()
        if means != list(cfg.means):
            updates = {"means": means}
            if cfg.means_source == "typed" and len(means) != cfg.arms and means:
                updates["arms"] = len(means)  # typing k means sets k
            self._apply(**updates)

    def _on_algo_selected(self, row: int) -> None:
        algos = self.config().algorithms
        if 0 <= row < len(algos):
            self.algo_form.set_values(algos[row])
            self._grey_out()

    def _on_algo_edited(self) -> None:
        row = self.algo_list.currentRow()
        algos = list(self.config().algorithms)
        if not 0 <= row < len(algos):
            return
        try:
            algos[row] = AlgoSpec(**self.algo_form.values())
        except ValidationError as error:
            self.message.emit(f"not applied: {_first_error(error)}")
            return
        if not self.edit_config(algorithms=algos):
            self.algo_form.set_values(self.config().algorithms[row])  # show what still runs

    def _on_add(self) -> None:
        algos = list(self.config().algorithms)
        if len(algos) >= MAX_ALGOS:
            self.message.emit(f"at most {MAX_ALGOS} algorithms at once")
            return
        row = max(self.algo_list.currentRow(), 0)
        algos.append(algos[row].model_copy() if algos else AlgoSpec())
        if self.edit_config(algorithms=algos):
            self.algo_list.setCurrentRow(len(algos) - 1)

    def _on_remove(self) -> None:
        row = self.algo_list.currentRow()
        algos = list(self.config().algorithms)
        if len(algos) <= 1 or not 0 <= row < len(algos):
            self.message.emit("keep at least one algorithm")
            return
        del algos[row]
        if self.edit_config(algorithms=algos):
            self.algo_list.setCurrentRow(min(row, len(algos) - 1))

    def _refresh_algo_names(self) -> None:
        labels = self.config().labels()
        row = self.algo_list.currentRow()
        self.algo_list.blockSignals(True)
        self.algo_list.clear()
        self.algo_list.addItems([algorithm_label(label) for label in labels])
        self.algo_list.setCurrentRow(min(max(row, 0), len(labels) - 1))
        self.algo_list.blockSignals(False)
        current = self.arm_algo.currentIndex()
        self.arm_algo.blockSignals(True)
        self.arm_algo.clear()
        self.arm_algo.addItems([algorithm_label(label) for label in labels])
        self.arm_algo.setCurrentIndex(min(max(current, 0), len(labels) - 1))
        self.arm_algo.blockSignals(False)

    def _grey_out(self) -> None:
        cfg = self.config()
        editors = self.problem_form.editors
        self.means_edit.setEnabled(cfg.means_source == "typed")
        editors["mean_offset"].setEnabled(cfg.means_source != "typed" and cfg.reward_kind == "gaussian")
        editors["reward_std"].setEnabled(cfg.reward_kind == "gaussian")
        kind = self.algo_form.values()["kind"]
        for name, editor in self.algo_form.editors.items():
            editor.setEnabled(name in ("kind", "label") or name in KIND_FIELDS[kind])

    def show_config(self, config: BanditsConfig) -> None:
        self.problem_form.set_values(config)
        self.means_edit.setText(" ".join(f"{m:g}" for m in config.means))
        self._refresh_algo_names()  # keeps the selected row where it can
        self.algo_form.set_values(config.algorithms[max(self.algo_list.currentRow(), 0)])
        self._reset_game()
        self._grey_out()

    # Snapshots ---------------------------------------------------------------------------------
    draws = {"bandits": "_draw"}

    def _draw(self, snap: Snapshot) -> None:
        self._last = snap  # the arm picker redraws it
        self._redraw()

    def _redraw(self, *_args) -> None:
        snap = self._last
        if snap is None or snap.kind not in self.draws:
            return
        labels = list(snap.tables.get("labels", []))
        i = min(max(self.arm_algo.currentIndex(), 0), max(len(labels) - 1, 0))
        self.draw_in_turns([lambda: self.arms_view.show(snap.arrays, i),
                            *self.curves_view.parts(snap.arrays, labels, self.config().horizon)])

    def _on_log_x(self, checked: bool) -> None:
        self.curves_view.set_log_x(checked)

    def clear(self) -> None:
        self.cancel_turns()
        self._last = None
        self.arms_view.clear()
        self.curves_view.clear()

    # You vs the algorithm ----------------------------------------------------------------------
    def _reset_game(self) -> None:
        self.game = None
        k = self.config().arms
        while len(self.arm_buttons) > k:
            self.arm_buttons.pop().deleteLater()
        while len(self.arm_buttons) < k:
            j = len(self.arm_buttons)
            button = QPushButton(f"arm {j + 1}")
            button.setToolTip(f"Pull arm {j + 1}")
            button.clicked.connect(lambda _checked=False, arm=j: self.pull(arm))
            # Five a row: ten "arm N" buttons a row made the whole panel ~900 px wide at least,
            # wider than the space beside the notes, and its right-hand plots were cut off.
            self.arm_buttons_layout.addWidget(button, j // 5, j % 5)
            self.arm_buttons.append(button)
        for button in self.arm_buttons:
            button.setEnabled(True)
        self.game_status.setText("Click an arm to pull it. Your regret is then compared with the algorithms'.")

    def start_game(self) -> None:
        cfg = self.config().model_copy(update={"horizon": self.game_length.value()})
        self.game = ManualBandit(cfg, seed=self.game_seed.value())
        self._run_algorithms(self.game)
        self._reset_game_view()

    def _run_algorithms(self, game: ManualBandit) -> None:
        """The algorithms' side of the game (up to 20,000 x 8 steps) runs on a thread of its own,
        so the window keeps answering; their curves appear when it is done."""
        def work() -> None:
            try:
                game.run_algorithms()
            except Exception:  # noqa: BLE001 - a failed comparison leaves the game playable without it
                return
            try:
                self.algorithms_done.emit(game)
            except RuntimeError:  # the panel was closed meanwhile
                pass

        threading.Thread(target=work, name="bandits-algorithms", daemon=True).start()

    def _on_algorithms_done(self, game: ManualBandit) -> None:
        if game is self.game and game.pulls:  # an older game's result is dropped
            self._show_game()

    def _reset_game_view(self) -> None:
        for button in self.arm_buttons:
            button.setEnabled(True)
        self.game_status.setText(f"New game: {self.game.config.horizon} pulls. Click an arm.")
        self.game_view.show(self.game.regret_curve(), {}, *self.game.arm_stats())

    def pull(self, arm: int) -> None:
        if self.game is None or self.game.finished:
            self.start_game()
        self.game.pull(arm)
        self._show_game()

    def _show_game(self) -> None:
        g = self.game
        n = len(g.pulls)
        arm, reward = g.pulls[-1], g.received[-1]
        algos = g.compare() if g.algorithms_ready else {}
        done = g.finished
        self.game_view.show(g.regret_curve(), algos, *g.arm_stats(),
                            true_means=g.means_path[n - 1] if done else None)
        text = (f"pull {n}/{g.config.horizon}: arm {arm + 1} paid {reward:.3f}. Total {g.total_reward():.2f}, "
                f"your regret {g.regret():.2f}; ")
        if algos:
            best = min(algos.items(), key=lambda kv: kv[1][-1])
            text += f"best algorithm so far: {best[0]} {best[1][-1]:.2f}"
        else:
            text += tr("the algorithms are still running")
        if done:
            text += ". Game over: the white squares are the true means."
            for button in self.arm_buttons:
                button.setEnabled(False)
        self.game_status.setText(text)


if __name__ == "__main__":
    from widgets.panels.preview import preview

    preview(Panel, steps_per_tick=20, size=(1600, 950))
