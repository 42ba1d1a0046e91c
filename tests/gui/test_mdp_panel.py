"""The MDP & RL panel: it draws each mode, edits emit config_changed, bad input is refused, painting works."""

import pytest
from PySide6.QtCore import QPointF, Qt

from playground import presets, registry
from playground.engine import RunContext, run
from playground.mdp.config import DQNConfig, MDPConfig
from playground.mdp.engine import make_engine


@pytest.fixture(autouse=True)
def _built_panels_only(monkeypatch):
    """This branch's registry predates main's tolerance of panel packages that are not there yet."""
    def exists(spec):
        try:
            return spec.available
        except ModuleNotFoundError:
            return False

    def clear():
        registry.panels.cache_clear()
        presets.preset_class.cache_clear()
        presets._adapter.cache_clear()

    monkeypatch.setattr(registry, "ALL_PANELS", tuple(s for s in registry.ALL_PANELS if exists(s)))
    clear()
    yield
    monkeypatch.undo()
    clear()


def preset(stem):
    return presets.load_preset(presets.presets_dir() / "mdp" / f"{stem}.json")


def make_panel(qtbot, config=None):
    from widgets.panels.mdp_panel import Panel

    panel = Panel(config)
    qtbot.addWidget(panel)
    panel.resize(1400, 850)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def drive(panel, config, chunks, n, seed=0):
    gen = run(make_engine(config, RunContext(seed=seed)))
    snap = next(gen)
    for _ in range(chunks):
        snap = gen.send(n)
    panel.show_snapshot(snap)
    return snap


def busy_pixels(widget, stride=3):
    """Pixels that differ from the most common colour (the background)."""
    image = widget.grab().toImage()
    counts = {}
    for y in range(0, image.height(), stride):
        for x in range(0, image.width(), stride):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    return sum(counts.values()) - max(counts.values())


def test_tabular_mode_draws_curves_bars_and_table(qtbot):
    cfg = preset("seed_3state_mdp").config
    panel = make_panel(qtbot, cfg)
    view = panel.tabular_view
    empty = busy_pixels(view.conv)
    drive(panel, cfg, 5, 40)
    assert panel.view_stack.currentWidget() is view
    assert busy_pixels(view.conv) > empty + 300
    assert busy_pixels(view.bars_plot) > 2000
    assert view.table.item(0, 1).text() == "3.024826"  # V_pi(s1) by the linear solve
    assert view.table.item(2, 6).text() == "a1"


def test_gridworld_mode_draws_both_grids_and_curves(qtbot):
    cfg = preset("cliff_sarsa_vs_q_learning").config
    panel = make_panel(qtbot, cfg)
    view = panel.grid_view
    drive(panel, cfg, 10, 500)
    assert panel.view_stack.currentWidget() is view
    assert busy_pixels(view.dp_canvas) > 3000
    assert busy_pixels(view.learner_canvas) > 3000
    assert busy_pixels(view.returns) > 500
    assert view.learner_box.count() == 2 and view.learner_box.itemText(1) == "SARSA"
    assert [t.toPlainText() for t in view.dp_canvas.texts[:2]] == ["-14.0", "-13.0"]  # V* of the cliff
    view.learner_box.setCurrentIndex(1)
    assert view.learner_canvas.getPlotItem().titleLabel.text.startswith("SARSA")


def test_dqn_mode_draws_the_pole_and_curves(qtbot):
    cfg = MDPConfig(mode="dqn", dqn=DQNConfig(hidden=16, layers=1, batch_size=8, learning_starts=20,
                                              target_update=10, buffer_size=200))
    panel = make_panel(qtbot, cfg)
    view = panel.dqn_view
    snap = drive(panel, cfg, 4, 30)
    assert snap.metrics["episode"] >= 2
    assert panel.view_stack.currentWidget() is view
    x, y = view.pole.getData()
    assert y[1] > y[0]  # the pole stands up from the cart
    assert busy_pixels(view.cart) > 500 and busy_pixels(view.returns) > 300


def test_editing_emits_config_changed_and_round_trips(qtbot):
    cfg = preset("seed_3state_mdp").config
    panel = make_panel(qtbot, cfg)
    assert panel.config() == cfg
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.tab_form.editors["gamma"].setValue(0.5)
    assert panel.config().tabular.gamma == 0.5
    for stem in ("cliff_sarsa_vs_q_learning", "dqn_cartpole", "windy_gridworld", "gridworld_teleports",
                 "random_walk_evaluation"):
        other = preset(stem).config
        panel.set_config(other)
        assert panel.config() == other
        assert panel._build() == other, stem  # the controls hold exactly this config


def test_bad_probability_row_is_flagged_and_refused(qtbot):
    panel = make_panel(qtbot, preset("seed_3state_mdp").config)
    before = panel.config()
    messages = []
    panel.message.connect(messages.append)
    changed = []
    panel.config_changed.connect(lambda: changed.append(1))
    table = panel.tab_editor.p_tables[1]  # P(.|., a2)
    table.item(2, 0).setText("-0.1")  # row s3: -0.1, 0.4, 0.5
    assert not changed and panel.config() == before
    assert "a=a2" in messages[-1] and "row s3" in messages[-1] and "column s1" in messages[-1]
    assert table.item(2, 0).background().color().name() == "#f4b6b6"
    assert table.item(2, 1).background().style() == Qt.BrushStyle.NoBrush
    table.item(2, 0).setText("0.2")  # now the row sums to 1.1: the whole row is flagged
    assert "sums to 1.1" in messages[-1]
    assert table.item(2, 2).background().color().name() == "#f4b6b6"
    table.item(2, 0).setText("0.1")  # back to the valid row the state kept: nothing to restart
    assert not changed and panel.config() == before
    table.item(2, 0).setText("0.2")
    table.item(2, 1).setText("0.3")
    assert changed == [1] and panel.config().tabular.P[1][2] == [0.2, 0.3, 0.5]
    assert table.item(2, 0).background().style() == Qt.BrushStyle.NoBrush


def test_resizing_the_tabular_mdp(qtbot):
    panel = make_panel(qtbot, preset("seed_3state_mdp").config)
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.tab_editor.n_states.setValue(4)
    t = panel.config().tabular
    assert t.states[-1] == "s4" and len(t.P[0]) == 4 and t.P[0][3] == [0, 0, 0, 1]


def click_cell(qtbot, canvas, row, col):
    vb = canvas.getPlotItem().getViewBox()
    scene = vb.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    pos = canvas.mapFromScene(scene)
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_painting_walls_and_teleports_with_the_mouse(qtbot):
    cfg = preset("gridworld_teleports").config
    panel = make_panel(qtbot, cfg)
    drive(panel, cfg, 1, 1)
    canvas = panel.grid_view.dp_canvas
    panel.tool_box.setCurrentIndex(panel.tool_box.findData("#"))
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        click_cell(qtbot, canvas, 2, 2)
    assert panel.config().grid.layout[2] == "..#.."
    messages = []
    panel.message.connect(messages.append)
    click_cell(qtbot, canvas, 0, 1)  # a wall on teleport A is refused
    assert panel.config().grid.layout[0] == "....." and "wall" in messages[-1]
    panel.tool_box.setCurrentIndex(panel.tool_box.findData("teleport"))
    panel.reward_spin.setValue(3)
    click_cell(qtbot, canvas, 4, 4)
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        click_cell(qtbot, canvas, 1, 0)
    teleports = panel.config().grid.teleports
    assert len(teleports) == 3 and teleports[-1].src == (4, 4) and teleports[-1].dst == (1, 0)
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.rows_spin.setValue(7)
    assert len(panel.config().grid.layout) == 7


def test_gym_maps_are_not_painted_and_modes_switch(qtbot):
    cfg = preset("frozenlake_slippery").config
    panel = make_panel(qtbot, cfg)
    drive(panel, cfg, 1, 10)
    messages = []
    panel.message.connect(messages.append)
    click_cell(qtbot, panel.grid_view.dp_canvas, 1, 1)
    assert "custom" in messages[-1] and panel.config() == cfg
    combo = panel.mode_form.editors["mode"]
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        combo.setCurrentIndex(combo.findData("dqn"))
    assert panel.config().mode == "dqn" and panel.view_stack.currentWidget() is panel.dqn_view
    panel.clear()


def test_adding_an_action_keeps_the_mdp_valid(qtbot):
    panel = make_panel(qtbot, preset("seed_3state_mdp").config)
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.tab_editor.n_actions.setValue(3)
    t = panel.config().tabular
    assert t.actions == ["a1", "a2", "a3"] and t.policy[0] == [1 / 3] * 3
    assert t.P[2][1] == [0, 1, 0] and t.P[0] == panel.tab_editor.p_tables[0].values()
    table = panel.tab_editor.pi_table
    for j, text in enumerate(("1/2", "1/4", "0.25")):
        table.item(0, j).setText(text)
    assert panel.config().tabular.policy[0] == [0.5, 0.25, 0.25]
    table.item(0, 0).setText("half")
    assert panel.config().tabular.policy[0] == [0.5, 0.25, 0.25]  # refused, kept
    assert table.item(0, 0).toolTip().endswith("it must be a number")


def test_a_looping_greedy_path_says_it_does_not_reach_the_goal_in_both_languages(qtbot):
    from playground.mdp.config import GridConfig
    from widgets.i18n import set_language

    cfg = MDPConfig(mode="gridworld", grid=GridConfig(layout=["S.G"], step_reward=-1.0, goal_reward=0.0, slip=0.0,
                                                      gamma=1.0, learners=["sarsa"]))
    panel = make_panel(qtbot, cfg)
    engine = make_engine(cfg, RunContext(seed=0))
    Q = engine.learners[0].Q[0]
    Q[0], Q[1] = [-5, -1, -5, -5], [-5, -5, -5, -1]  # right, then left, then right...
    snap = engine.snapshot()
    panel.show_snapshot(snap)
    status = panel.grid_view.status.text()
    assert "greedy path does not reach the goal" in status and "return" not in status.split("|")[1].split(",")[-1]
    try:
        set_language("zh_CN")
        panel.show_snapshot(snap)
        assert "贪心路径到达不了终点" in panel.grid_view.status.text()
    finally:
        set_language("en")
    Q[1] = [-5, -1, -5, -5]
    panel.show_snapshot(engine.snapshot())
    assert "greedy path reaches the goal, return -2" in panel.grid_view.status.text()


def test_runs_draw_a_band_around_the_mean_return(qtbot):
    cfg = preset("windy_gridworld").config
    cfg = cfg.model_copy(update={"grid": cfg.grid.model_copy(update={"runs": 3, "episodes": 20})})
    panel = make_panel(qtbot, cfg)
    assert panel.td_form.values()["runs"] == 3
    engine = make_engine(cfg, RunContext(seed=0))
    while not engine.finished:
        engine.advance(1000)
    panel.show_snapshot(engine.snapshot())
    view = panel.grid_view
    low, high = (item.getData()[1] for item in (view.bands["sarsa"].low, view.bands["sarsa"].high))
    mean = view.curves["sarsa"][0].getData()[1]
    assert len(mean) > 0 and (high - low > 0).any() and low == pytest.approx(mean - (high - mean))
    assert view.returns.getPlotItem().titleLabel.text.startswith("Episode return, mean of 3 runs")
    assert "of 3 runs reach it" in view.status.text()


def test_the_start_can_be_erased_only_without_learners(qtbot):
    cfg = preset("gridworld_4x4_random_policy").config  # DP alone: no learners
    panel = make_panel(qtbot, cfg)
    drive(panel, cfg, 1, 1)
    canvas = panel.grid_view.dp_canvas
    panel.tool_box.setCurrentIndex(panel.tool_box.findData("."))
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        click_cell(qtbot, canvas, 3, 0)
    assert not any("S" in row for row in panel.config().grid.layout)
    messages = []
    panel.message.connect(messages.append)
    panel.learner_boxes["sarsa"].setChecked(True)  # a learner needs a start: refused, with the reason
    assert panel.config().grid.learners == [] and "start cell S" in messages[-1]


def test_cell_numbers_show_only_where_a_cell_is_wide_enough_for_them(qtbot):
    """The cliff and windy grids printed "-14.013.012.0": numbers wider than their cells."""
    import numpy as np

    from widgets.mdp_views import GridCanvas

    canvas = GridCanvas("values")
    qtbot.addWidget(canvas)
    canvas.set_layout(np.zeros((4, 12), int), [])
    canvas.resize(300, 160)  # cells about 20 px wide
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.show_values(np.full((4, 12), -14.0))
    assert canvas.texts and not any(text.isVisible() for text in canvas.texts)
    canvas.resize(1400, 600)  # cells about 110 px wide: room for "-14.0"
    qtbot.waitUntil(lambda: all(text.isVisible() for text in canvas.texts))
    assert {text.toPlainText() for text in canvas.texts} == {"-14.0"}
