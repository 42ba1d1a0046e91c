"""The Bandits panel draws, round-trips its config, emits config_changed, and plays the game."""

import numpy as np

from playground.bandits.config import AlgoSpec, BanditsConfig
from playground.bandits.engine import make_engine
from playground.engine import RunContext, run
from tests.gui.pixels import non_background_pixels


def make_panel(qtbot, config=None):
    from widgets.panels.bandits_panel import Panel

    panel = Panel(config)
    qtbot.addWidget(panel)
    panel.resize(1500, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def drive(panel, config, chunks=3, n=20):
    gen = run(make_engine(config, RunContext(seed=1)))
    snap = next(gen)
    for _ in range(chunks):
        snap = gen.send(n)
    panel.show_snapshot(snap)
    return snap


CFG = BanditsConfig(runs=200, horizon=200, algorithms=[
    AlgoSpec(kind="eps_greedy"), AlgoSpec(kind="ucb1"), AlgoSpec(kind="thompson_gauss"), AlgoSpec(kind="etc", m=5)])


def test_panel_draws(qtbot):
    panel = make_panel(qtbot, CFG)
    drive(panel, CFG)
    qtbot.wait(50)
    for plot in panel.curves_view.plots.values():
        assert non_background_pixels(plot, stride=3) > 300
    assert non_background_pixels(panel.arms_view.values, stride=3) > 300
    assert set(panel.curves_view.bounds) == {"bound_etc", "bound_ucb_log", "bound_ucb_sqrt"}
    panel.arm_algo.setCurrentIndex(2)  # Thompson: posterior curves drawn
    assert non_background_pixels(panel.arms_view.density, stride=3) > 300
    panel.log_x.setChecked(True)
    assert panel.curves_view.plots["regret"].getPlotItem().ctrl.logXCheck.isChecked()
    panel.clear()


def test_config_round_trip_and_changed(qtbot):
    panel = make_panel(qtbot)
    panel.set_config(CFG)
    assert panel.config() == CFG
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.problem_form.editors["arms"].setValue(20)
    assert panel.config().arms == 20 and len(panel.arm_buttons) == 20
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.algo_form.editors["epsilon"].setValue(0.2)  # edits the selected (first) algorithm
    assert panel.config().algorithms[0].epsilon == 0.2
    assert not panel.algo_form.editors["c"].isEnabled()  # epsilon-greedy has no UCB bonus
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.add_button.click()
    assert len(panel.config().algorithms) == 5
    messages = []
    panel.message.connect(messages.append)
    panel.algo_list.setCurrentRow(0)
    panel.algo_form.editors["kind"].setCurrentIndex(panel.algo_form.editors["kind"].findData("thompson_beta"))
    assert messages and "Bernoulli" in messages[-1]  # refused: Gaussian arms
    assert panel.config().algorithms[0].kind == "eps_greedy"
    assert panel.algo_form.values()["kind"] == "eps_greedy"
    again = type(panel)()
    qtbot.addWidget(again)
    again.set_config(panel.config())
    assert again.config() == panel.config()


def test_you_vs_the_algorithm(qtbot):
    cfg = BanditsConfig(arms=3, means_source="typed", means=[0.0, 1.0, 0.5], runs=10, horizon=100)
    panel = make_panel(qtbot, cfg)
    panel.tabs.setCurrentIndex(1)
    panel.game_length.setValue(6)
    panel.start_game()
    for arm in (0, 1, 2, 1, 1, 1):
        panel.arm_buttons[arm].click()
    assert panel.game.finished
    assert panel.game.regret() == np.float64(1.5)
    assert "Game over" in panel.game_status.text()
    assert not panel.arm_buttons[0].isEnabled()
    assert non_background_pixels(panel.game_view.regret, stride=3) > 200


def test_the_panel_fits_beside_the_notes_and_its_step_axis_spans_the_horizon(qtbot):
    # 1280 px of window minus the 360 px notes column: the right-hand plots used to be cut off.
    panel = make_panel(qtbot, BanditsConfig(arms=20, runs=50, horizon=300))
    assert panel.minimumSizeHint().width() <= 1280 - 360
    drive(panel, panel.config(), chunks=2, n=10)  # 20 of 300 steps
    for plot in panel.curves_view.plots.values():
        lo, hi = plot.getPlotItem().vb.viewRange()[0]
        assert lo <= 1 and 300 <= hi <= 320  # the whole run, from its first frames: the axis holds still


def test_the_posterior_plot_shows_only_with_a_thompson_algorithm(qtbot):
    """An empty posterior plot took a third of the per-arm row in 5 of the 6 bandit lessons."""
    import numpy as np
    from PySide6.QtWidgets import QWidget

    from widgets.bandits_views import ArmsView

    view = ArmsView()
    qtbot.addWidget(view)
    view.resize(900, 250)
    QWidget.show(view)  # ArmsView.show(arrays, i) draws a snapshot
    qtbot.waitExposed(view)
    arrays = {"true_mean": np.array([0.1, 0.5, 0.9]), "density_x": np.linspace(-1, 2, 50),
              "arm_estimate_0": np.array([0.0, 0.4, 1.0]), "arm_count_0": np.array([3.0, 4.0, 10.0])}
    view.show(arrays, 0)
    assert not view.density.isVisible() and view.values.isVisible() and view.counts.isVisible()
    qtbot.waitUntil(lambda: view.values.width() > 0.4 * view.width())  # two plots share the row
    wide = view.values.width()
    arrays["density_0"] = np.ones((3, 50))
    view.show(arrays, 0)
    qtbot.waitUntil(lambda: view.density.isVisible() and view.values.width() < wide)
    assert len([c for c in view.density_curves if len(c.getData()[0])]) == 3
