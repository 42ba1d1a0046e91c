"""The RNN gradients panel draws live training, and its controls round-trip the config."""

import importlib.util

import numpy as np
import pytest
from PySide6.QtGui import QColor

from playground import registry
from playground.engine import RunContext, run
from playground.rnn.config import RnnConfig
from playground.rnn.engine import make_engine
from widgets.live_plot import colour


def non_background_pixels(widget, stride=3):
    """Pixels that differ from the most common colour (the background) of a widget's grab."""
    image = widget.grab().toImage()
    counts = {}
    for y in range(0, image.height(), stride):
        for x in range(0, image.width(), stride):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    return sum(counts.values()) - max(counts.values())


def colour_pixels(widget, colour, tolerance=40):
    """Pixels of a widget's grab within ``tolerance`` per channel of ``colour`` (a series' colour)."""
    target = QColor(colour)
    image = widget.grab().toImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if (abs(c.red() - target.red()) <= tolerance and abs(c.green() - target.green()) <= tolerance
                    and abs(c.blue() - target.blue()) <= tolerance):
                count += 1
    return count


@pytest.fixture(autouse=True)
def registry_tolerates_absent_packages(monkeypatch):
    """This branch's registry raises for panels whose package is missing (main has the fix)."""
    def available(spec):
        try:
            return importlib.util.find_spec(f"playground.{spec.package}.config") is not None
        except ModuleNotFoundError:
            return False

    monkeypatch.setattr(registry.PanelSpec, "available", property(available))
    registry.panels.cache_clear()
    yield
    registry.panels.cache_clear()


def make_panel(qtbot, config=None):
    from widgets.panels.rnn_panel import Panel

    panel = Panel(config)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def drive(config, chunks=(2, 3)):
    gen = run(make_engine(config, RunContext(seed=0)))
    snap = next(gen)
    for n in chunks:
        snap = gen.send(n)
    return snap


SMALL = dict(seq_len=12, hidden=8, batch=4)


def test_single_mode_draws_heatmaps_profile_eigenvalues_and_curves(qtbot):
    config = RnnConfig(cell="lstm", **SMALL)
    panel = make_panel(qtbot, config)
    snap = drive(config)
    panel.show_snapshot(snap)
    qtbot.wait(50)
    assert panel.heat_x.isVisible() and panel.units.isVisible() and not panel.heat_h[1].isVisible()
    # An empty plot has ~1,200 non-background pixels (axes, labels) at this stride; a filled image ~9,000.
    for view in (panel.heat_h[0], panel.heat_x, panel.units):
        assert non_background_pixels(view, stride=3) > 5000, view.getPlotItem().titleLabel.text
    for view in (panel.profile, panel.eigen, panel.loss):  # the first series' colour is drawn
        assert colour_pixels(view, colour(0)) > 250, view.getPlotItem().titleLabel.text
    image = panel.heat_h[0].image.image
    assert image.shape == (5, 12)
    np.testing.assert_array_equal(image, snap.arrays["heat_h/lstm"])
    x, y = panel.theory_curves[0].getData()
    assert np.allclose(y, snap.arrays["theory/lstm"])
    assert "LSTM" in panel.summary.text() and "iteration 5" in panel.summary.text()
    assert "forget gate" in panel.units.getPlotItem().titleLabel.text


def test_compare_mode_shows_three_heatmaps_and_three_loss_curves(qtbot):
    config = RnnConfig(mode="compare", task="copy", **SMALL)
    panel = make_panel(qtbot, config)
    panel.show_snapshot(drive(config))
    qtbot.wait(50)
    assert all(view.isVisible() for view in panel.heat_h)
    assert not panel.heat_x.isVisible()
    assert len(panel.loss_curves) == 3
    for view in panel.heat_h:
        assert non_background_pixels(view, stride=3) > 5000
    assert colour_pixels(panel.loss, colour(2)) > 50  # the GRU's curve
    titles = [view.getPlotItem().titleLabel.text for view in panel.heat_h]
    assert [t.split(": ")[1] for t in titles] == ["RNN (tanh)", "LSTM", "GRU"]
    panel.clear()
    assert panel.heat_h[1].image.image is None
    assert panel.loss_curves[2].getData()[0] is None or len(panel.loss_curves[2].getData()[0]) == 0


def test_compare_mode_names_the_nets_once_in_a_key_over_the_lower_plots(qtbot):
    """RNN (tanh), LSTM and GRU in every lower plot: one key above them names their colours, and
    the plots' own legends keep only what is theirs (the unit circle, the constant-answer baseline)."""
    config = RnnConfig(mode="compare", task="copy", **SMALL)
    panel = make_panel(qtbot, config)
    snap = drive(config)
    panel.show_snapshot(snap)
    qtbot.wait(50)
    key = panel.key.text()
    assert panel.key.isVisible()
    for i, name in enumerate(["RNN (tanh)", "LSTM", "GRU"]):
        assert f"color:{colour(i)}" in key and name in key
    assert key.index("RNN (tanh)") < key.index("LSTM") < key.index("GRU")
    assert panel.key.geometry().bottom() <= panel.profile.geometry().top()  # above the plots

    def names(view):
        legend = view.getPlotItem().legend
        return [label.text for _, label in legend.items] if legend is not None else []
    assert names(panel.profile) == [] and names(panel.accuracy) == []
    assert names(panel.eigen) == ["unit circle |λ| = 1"]
    assert names(panel.loss) == [snap.tables["baseline_label"]]  # 'guess: cross-entropy ln 8' on the copy task


def test_step_zero_snapshot_with_no_heatmap_rows_draws_without_error(qtbot):
    config = RnnConfig(cell="rnn_relu", init="identity", **SMALL)
    panel = make_panel(qtbot, config)
    panel.show_snapshot(drive(config, chunks=()))
    assert panel.heat_h[0].image.image is None
    assert len(panel.profile_curves[0].getData()[0]) == 12


def test_editing_a_control_emits_config_changed_and_config_round_trips(qtbot):
    panel = make_panel(qtbot)
    editors = {name: e for form in panel.forms for name, e in form.editors.items()}
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        editors["seq_len"].setValue(120)
    assert panel.config().seq_len == 120
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        editors["cell"].setCurrentIndex(editors["cell"].findData("gru"))
    assert panel.config().cell == "gru"
    assert not editors["forget_bias"].isEnabled()
    assert editors["gru_variant"].isEnabled()
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        editors["gru_variant"].setCurrentIndex(editors["gru_variant"].findData("notes"))
    assert panel.config().gru_variant == "notes"
    target = RnnConfig(mode="compare", cell="rnn_relu", hidden=32, task="sine", seq_len=200, init="identity",
                       rho=1.25, clip=True, clip_norm=0.5, optimizer="rmsprop", lr=0.0003, heatmap_rows=500,
                       gru_variant="notes")
    with qtbot.waitSignal(panel.config_changed, timeout=1000):  # the state changed: the run follows it
        panel.set_config(target)
    assert panel.config() == target
    assert editors["noise"].isEnabled() and not editors["vocab"].isEnabled()
    assert editors["clip_norm"].isEnabled()
    assert editors["gru_variant"].isEnabled()  # compare mode trains a GRU


def test_while_playing_the_panel_paints_in_turns_and_every_part_gets_drawn(qtbot):
    config = RnnConfig(mode="compare", task="copy", **SMALL)
    panel = make_panel(qtbot, config)
    gen = run(make_engine(config, RunContext(seed=0)))
    next(gen)
    first, second = gen.send(3), gen.send(3)
    panel.staged = True  # as the window sets it while a run plays
    panel.show_snapshot(first)
    # Part one (the first heatmap) is drawn now; the GRU's heatmap and the summary wait for later turns.
    assert panel.heat_h[0].image.image is not None and panel.heat_h[2].image.image is None
    assert panel.summary.text() == ""
    parts = len(panel._turn_parts)  # 3 heatmaps, profiles and eigenvalues, history, summary
    assert parts == 6 and panel._turns_left == parts - 1
    qtbot.wait(5)  # a turn or two
    done = parts - panel._turns_left
    panel.show_snapshot(second)  # arrives mid-way: it starts where the first one stopped
    assert panel._turn_next % parts == (done + 1) % parts
    qtbot.waitUntil(lambda: panel._turns_left == 0, timeout=2000)
    assert "iteration 6" in panel.summary.text()  # every part drew, the last with the newest snapshot
    assert all(view.image.image is not None for view in panel.heat_h)
    panel.staged = False
    panel.show_snapshot(second)  # paused: all at once, nothing left for later
    assert panel._turns_left == 0 and not panel._turn_timer.isActive()


def test_colour_bar_levels_hold_while_the_data_stays_inside_them():
    from widgets.live_plot import sticky_levels

    held = sticky_levels(None, (-8.0, -1.0))
    assert held == (-8.0, -1.0)
    assert sticky_levels(held, (-7.5, -1.2)) == held  # inside and filling > 70%: the bar holds still
    grown = sticky_levels(held, (-9.0, -1.0))
    assert grown[0] < -9.0 and grown[1] == -1.0  # beyond: it grows, with headroom
    assert sticky_levels(held, (-3.0, -1.0)) == (-3.0, -1.0)  # far narrower: it fits the data again
