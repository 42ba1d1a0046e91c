"""The optimizer panel draws a race, edits its config, scrubs, and refuses bad input politely."""

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor

from playground.engine import RunContext, run
from playground.optim.config import OptimConfig, OptimizerEntry, SurfaceConfig
from playground.optim.engine import make_engine
from playground.presets import load_preset
from widgets.live_plot import colour
from widgets.panels.optimizer_panel import PART_GAP_MS, SECONDARY_INTERVAL_S, Panel

PRESETS = sorted((Path(__file__).resolve().parents[2] / "presets" / "optimizer").glob("*.json"))


def pixels_near(widget, hex_colour: str, tolerance: int = 40, stride: int = 2) -> int:
    target = QColor(hex_colour)
    image = widget.grab().toImage()
    count = 0
    for y in range(0, image.height(), stride):
        for x in range(0, image.width(), stride):
            c = image.pixelColor(x, y)
            if max(abs(c.red() - target.red()), abs(c.green() - target.green()),
                   abs(c.blue() - target.blue())) <= tolerance:
                count += 1
    return count


def non_background(widget, stride: int = 3) -> int:
    image = widget.grab().toImage()
    counts: dict[int, int] = {}
    for y in range(0, image.height(), stride):
        for x in range(0, image.width(), stride):
            counts[image.pixel(x, y)] = counts.get(image.pixel(x, y), 0) + 1
    return sum(counts.values()) - max(counts.values())


@pytest.fixture
def panel(qtbot):
    widget = Panel()
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    return widget


def race(panel, qtbot, config, chunks=(5, 10, 25)):
    """Show a run's snapshots, then wait for the throttled views (curves, table) to catch up."""
    panel.set_config(config)
    gen = run(make_engine(config, RunContext(seed=0)))
    snap = next(gen)
    panel.show_snapshot(snap)
    for n in chunks:
        snap = gen.send(n)
        panel.show_snapshot(snap)
    qtbot.wait(int(SECONDARY_INTERVAL_S * 1000) + 50)
    return snap


def test_a_race_is_drawn(panel, qtbot):
    config = load_preset(next(p for p in PRESETS if p.stem == "momentum_ravine")).config
    panel.show()
    qtbot.waitExposed(panel)
    curve_plots = (panel.curves.loss, panel.curves.grad, panel.state_view.plot)
    empty = [non_background(plot, stride=1) for plot in curve_plots]
    snap = race(panel, qtbot, config)
    # The surface image and every racer's path and marker are on screen.
    assert non_background(panel.surface_view) > 3000
    for row in snap.tables["optimizers"]:
        assert pixels_near(panel.surface_view, colour(row["colour"]), tolerance=25) > 20, row["name"]
    for plot, before in zip(curve_plots, empty):
        assert non_background(plot, stride=1) > before + 400, plot.getPlotItem().titleLabel.text
    assert panel.table.rowCount() == 4
    assert panel.table.item(2, 0).text() == "Momentum η=0.4 β=0.5"
    assert panel.step_label.text() == "step 40 of 40"


def test_editing_controls_emits_config_changed_with_the_new_values(panel, qtbot):
    with qtbot.waitSignal(panel.config_changed):
        panel.racers.details.editors["lr"].setValue(0.0042)
    assert panel.config().optimizers[0].lr == pytest.approx(0.0042)
    with qtbot.waitSignal(panel.config_changed):
        panel.racers.rows[1].enabled.setChecked(False)
    assert panel.config().optimizers[1].enabled is False
    with qtbot.waitSignal(panel.config_changed):
        panel.racers.add_button.click()
    assert len(panel.config().optimizers) == 4
    with qtbot.waitSignal(panel.config_changed):
        panel.racers.rows[3].kind.setCurrentIndex(panel.racers.rows[3].kind.findData("adadelta"))
    assert panel.config().optimizers[3].kind == "adadelta" and panel.config().optimizers[3].lr == 1.0
    kind = panel.surface_form.editors["kind"]
    with qtbot.waitSignal(panel.config_changed):
        kind.setCurrentIndex(kind.findData("himmelblau"))
    config = panel.config()
    assert (config.x_min, config.x_max, config.start_x, config.start_y) == (-5, 5, 0.0, 0.0)


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_config_round_trips_through_the_controls(panel, path):
    config = load_preset(path).config
    panel.set_config(config)
    assert panel.config() == config


def test_set_config_emits_once_when_the_state_changes_and_not_when_it_does_not(panel, qtbot):
    config = OptimConfig(surface=SurfaceConfig(kind="beale"))
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.set_config(config)
    with qtbot.assertNotEmitted(panel.config_changed):
        panel.set_config(config)


def test_a_bad_formula_gets_a_message_and_no_restart(panel, qtbot):
    kind = panel.surface_form.editors["kind"]
    kind.setCurrentIndex(kind.findData("formula"))
    edit = panel.surface_form.editors["formula"]
    messages = []
    panel.message.connect(messages.append)
    with qtbot.assertNotEmitted(panel.config_changed):
        edit.setText("x + __import__('os').system('ls')")
        edit.editingFinished.emit()
    assert any("column 5" in m and "__import__" in m for m in messages), messages


def test_clicking_the_surface_moves_the_start(panel, qtbot):
    with qtbot.waitSignal(panel.config_changed):
        panel.surface_view.start_moved.emit(0.25, -0.5)
    assert (panel.config().start_x, panel.config().start_y) == (0.25, -0.5)


def test_the_step_slider_scrubs_back_and_follows_live_again(panel):
    config = OptimConfig(optimizers=[OptimizerEntry.of_kind("adam", lr=0.05)])
    gen = run(make_engine(config, RunContext()))
    next(gen)
    snap = gen.send(50)
    panel.show_snapshot(snap)
    panel.slider.setValue(10)
    x, y = panel.surface_view.markers.getData()
    assert (x[0], y[0]) == pytest.approx(tuple(snap.arrays["path"][0, 10]))
    assert panel.step_label.text() == "step 10 of 50 (scrubbing)"
    panel.show_snapshot(gen.send(20))  # a newer snapshot keeps the scrubbed step
    assert panel.slider.value() == 10 and panel.step_label.text() == "step 10 of 70 (scrubbing)"
    panel._follow_live()
    assert panel.step_label.text() == "step 70 of 70"


def test_curves_and_table_are_throttled_but_catch_up(panel, qtbot):
    gen = run(make_engine(OptimConfig(), RunContext()))
    panel.show_snapshot(next(gen))  # the first snapshot of a run draws everything at once
    assert panel.table.item(0, 3).text() == "24.2"  # Rosenbrock at (-1.2, 1)
    panel.show_snapshot(gen.send(30))
    assert panel.step_label.text() == "step 30 of 30"  # the surface view is never held back
    assert panel.table.item(0, 3).text() == "24.2"
    qtbot.waitUntil(lambda: panel.table.item(0, 3).text() != "24.2", timeout=1000)
    x, _ = panel.curves.curves["loss"][0].getData()
    assert len(x) == 31


def test_a_diverged_optimizer_is_marked_in_the_table(panel, qtbot):
    config = load_preset(next(p for p in PRESETS if p.stem == "lr_too_large")).config
    race(panel, qtbot, config, chunks=(120,))
    statuses = [panel.table.item(r, 5).text() for r in range(panel.table.rowCount())]
    assert statuses[4].startswith("diverged") and not any(s.startswith("diverged") for s in statuses[:4])


def test_the_3d_view_is_off_by_default_and_never_crashes(panel, qtbot):
    assert panel.view3d is None
    messages = []
    panel.message.connect(messages.append)
    race(panel, qtbot, OptimConfig(), chunks=(3,))
    panel.view3d_box.setChecked(True)
    assert panel.view3d is not None
    assert panel.view3d.available or "OpenGL" in panel.view3d.message.text()
    panel.view3d_box.setChecked(False)
    assert not panel.view3d.isVisibleTo(panel)


def test_clear_empties_the_plots(panel, qtbot):
    def empty(item):
        x, _ = item.getData()
        return x is None or len(x) == 0

    race(panel, qtbot, OptimConfig(), chunks=(5,))
    assert not empty(panel.curves.curves["loss"][0])
    panel.clear()
    assert all(empty(racer.path) for racer in panel.surface_view.racers)
    assert all(empty(curve) for curve in panel.curves.curves["loss"])


def test_a_race_without_racers_still_draws_the_surface(panel, qtbot):
    config = OptimConfig(optimizers=[])
    panel.set_config(config)
    assert panel.config() == config and not panel.racers.details.isVisibleTo(panel)
    race(panel, qtbot, config, chunks=(3,))
    assert panel.step_label.text() == "step 3 of 3" and panel.table.rowCount() == 0


def test_while_playing_the_throttled_views_are_drawn_one_per_turn(panel, qtbot):
    gen = run(make_engine(OptimConfig(), RunContext()))
    panel.show_snapshot(next(gen))  # the first snapshot: everything at once
    panel.staged = True  # as the window sets it while a run plays
    panel.show_snapshot(gen.send(30))
    drawn = []
    for name in ("curves", "state", "table"):
        view = getattr(panel, "state_view" if name == "state" else name)
        original = view.show if name != "table" else view.set_rows
        setattr(view, "show" if name != "table" else "set_rows",
                lambda *a, _name=name, _original=original, **k: (drawn.append((_name, time.perf_counter())),
                                                                 _original(*a, **k)))
    qtbot.waitUntil(lambda: len(drawn) == 4, timeout=2000)
    assert [name for name, _ in drawn] == ["curves", "curves", "state", "table"]  # loss, gradient, state, table
    gaps = np.diff([at for _, at in drawn]) * 1000
    assert (gaps >= PART_GAP_MS - 1).all()  # each in a turn of its own, a timer's gap apart
    x, _ = panel.curves.curves["grad"][0].getData()
    assert len(x) == 31


def test_a_number_past_float_range_gets_a_message_not_an_overflow_error(panel, qtbot):
    """Issue 24: a 257-digit hex literal raised OverflowError past every handler."""
    kind = panel.surface_form.editors["kind"]
    kind.setCurrentIndex(kind.findData("formula"))
    edit = panel.surface_form.editors["formula"]
    messages = []
    panel.message.connect(messages.append)
    with qtbot.assertNotEmitted(panel.config_changed):
        edit.setText("x + 0x" + "f" * 257)
        edit.editingFinished.emit()
    assert any("too large" in m for m in messages), messages


def test_racer_rows_of_the_last_preset_are_gone_at_once_when_another_is_shown(qtbot):
    """Rows were only deleteLater()'d: until the event loop ran, a loaded preset's rows were
    painted over the old ones (seen in the contact sheet as unreadable, overlapping racer rows)."""
    from widgets.panels.optimizer.editors import RacerList

    racers = RacerList()
    qtbot.addWidget(racers)
    racers.show()
    racers.set_entries([OptimizerEntry.of_kind(kind) for kind in ("sgd", "momentum", "adam", "rmsprop")])
    old = list(racers.rows)
    racers.set_entries([OptimizerEntry.of_kind("adagrad")])  # no event loop in between
    assert all(not row.isVisible() and row.parent() is None for row in old)
    from widgets.panels.optimizer.editors import RacerRow
    assert [row.entry.kind for row in racers.findChildren(RacerRow)] == ["adagrad"]
