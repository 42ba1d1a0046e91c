"""The main window on the fake counter panel: transport, shortcuts, files, errors, drawing."""

import json
import traceback

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from playground.presets import load_preset, new_preset, save_preset
from tests.gui.pixels import count_colour
from tests.start_methods import BOTH_START_METHODS


@BOTH_START_METHODS
def test_space_plays_and_pauses_and_the_plot_draws(window, qtbot):
    panel = window.panel("counter")
    blank = count_colour(panel.plot, "#E69F00")
    window.speed_box.setCurrentIndex(1)  # 1000 steps/s: many frames, so the curve has many points
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.worker.playing, timeout=5000)
    # Several frames, however loaded the machine: the curve then has many points.
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step > 300 and len(panel.steps) > 5,
                    timeout=20000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.worker.playing, timeout=5000)
    assert window.act_play.text() == "Play"
    assert len(panel.steps) > 5
    assert blank < 20 and count_colour(panel.plot, "#E69F00") > 300, "the curve did not draw"
    assert "step" in window.status_step.text() and window.status_device.text() == "device: cpu"


def test_right_steps_left_steps_back_r_resets(window, qtbot):
    panel = window.panel("counter")
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step == 3, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.drawn.step == 2 and panel.drawn_steps[-1] == 2
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.drawn.step == 3
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step == 0 and window.drawn.gen_id == window.gen_id,
                    timeout=5000)


def test_editing_a_control_restarts_the_run_with_the_new_config(window, qtbot):
    panel = window.panel("counter")
    panel.form.editors["rate"].setValue(3.0)
    gen = window.gen_id
    assert gen >= 2
    window.worker.step(10)
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step == 10, timeout=5000)
    assert window.drawn.metrics["value"] == 30.0


def test_the_panel_knows_the_preset_of_the_run_it_shows(window):
    panel = window.panel("counter")
    window.seed_box.setValue(9)  # restarts the run with the new seed
    assert panel.run_preset.seed == 9 and panel.run_preset == window.current_preset()


def test_open_and_save_presets(window, qtbot, tmp_path):
    path = tmp_path / "lesson.json"
    save_preset(new_preset("counter", title="Fast counter", notes="Counting **fast**", seed=4,
                           config={"rate": 5.0}), path)
    assert window.open_preset_named(str(path))
    assert window.panel("counter").form.editors["rate"].value() == 5.0
    assert "Counting" in window.notes.browser.toPlainText() and window.seed_box.value() == 4
    window.panel("counter").form.editors["rate"].setValue(6.0)
    window.save()
    assert load_preset(path).config.rate == 6.0
    assert window.settings.value("recent", [], list)[0] == str(path.resolve())


def test_a_bad_preset_gets_a_dialog_and_nothing_changes(window, qtbot, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": 1, "panel": "counter", "config": {"rate": "fast"}}))
    before = window.current_preset()
    assert not window.open_preset_named(str(bad))
    dialog = window.findChild(QMessageBox, "error_dialog")
    assert dialog is not None and "config.rate" in dialog.text()
    dialog.close()
    assert window.current_preset() == before


def test_an_engine_error_shows_a_dialog_and_the_app_keeps_running(window, qtbot):
    panel = window.panel("counter")
    panel.form.editors["fail_at"].setValue(50)
    window.play()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error_dialog") is not None, timeout=10000)
    assert "broke at step 50" in window.findChild(QMessageBox, "error_dialog").text()
    window.findChild(QMessageBox, "error_dialog").close()
    panel.form.editors["fail_at"].setValue(0)
    window.play()
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step > 100, timeout=10000)
    window.worker.pause()


def test_divergence_pauses_and_says_at_which_step(window, qtbot):
    window.panel("counter").form.editors["blow_up_at"].setValue(2000)
    window.play()
    qtbot.waitUntil(lambda: "diverged at step" in window.statusBar().currentMessage(), timeout=10000)
    assert not window.worker.playing and window.act_play.text() == "Play"


def test_export_png_and_csv(window, qtbot, tmp_path):
    window.worker.step(20)
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step == 20, timeout=5000)
    png = window.export_png(str(tmp_path / "plot.png"))
    assert png.read_bytes()[:4] == b"\x89PNG"
    csv_path = window.export_csv(str(tmp_path / "m.csv"))
    lines = csv_path.read_text().splitlines()
    assert lines[0] == "step,double,value" and lines[-1].startswith("20,")


def test_ctrl_number_switches_panels_and_f1_lists_shortcuts(window, qtbot):
    if len(window.specs) > 1:
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == 1
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == 0
    keys = dict(window.shortcut_lines())
    assert keys["Space"] == "Play" and keys["Right"] == "Step" and keys["R"] == "Reset" and keys["Ctrl+S"] == "Save"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(QMessageBox, "shortcuts_dialog")
    assert dialog is not None and "Ctrl+O" in dialog.text()
    dialog.close()


def test_a_preset_can_set_the_speed_and_saving_keeps_it(window, qtbot, tmp_path):
    path = tmp_path / "slow.json"
    save_preset(new_preset("counter", title="Slow", speed=7.0), path)
    assert window.open_preset_named(str(path))
    assert window.speed_box.currentData() == 7.0 and window.speed_box.currentText() == "7 steps/s"
    window.play()
    qtbot.wait(1000)
    window.worker.pause()
    assert 2 <= window.worker.latest().step <= 12
    window.speed_box.setCurrentIndex(0)
    window._save_to(path)
    assert load_preset(path).speed is None


@pytest.fixture
def cuda_watch(monkeypatch):
    """Every lazy CUDA initialisation in this process (the GUI's) from here on, with where it came from."""
    import torch

    calls = []
    initialise = torch.cuda._lazy_init

    def watched():
        calls.append("".join(traceback.format_stack(limit=8)))
        return initialise()

    monkeypatch.setattr(torch.cuda, "_lazy_init", watched)
    return calls


def test_the_gui_process_never_initialises_cuda(cuda_watch, window, qtbot):
    """CUDA belongs to the host: a GUI (or a forkserver) that initialised it could not fork a working host."""
    import torch

    window.device_box.setCurrentText("auto")  # the host picks cuda where there is one
    window.play()
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step > 10, timeout=20000)
    window.worker.pause()
    assert cuda_watch == [] and not torch.cuda.is_initialized()


def test_export_csv_quotes_a_metric_a_spreadsheet_would_run(window, qtbot, tmp_path, monkeypatch):
    import csv

    monkeypatch.setattr(window.worker, "metric_history", lambda: [(0, {"=HYPERLINK(1)": -1.5, "@x": 2.0})])
    path = window.export_csv(str(tmp_path / "m.csv"))
    rows = list(csv.reader(open(path, encoding="utf-8")))
    assert rows == [["step", "'=HYPERLINK(1)", "'@x"], ["0", "-1.5", "2.0"]]


def _open_refused(window, path) -> tuple[bool, str, bool]:
    """Open ``path``: (whether it opened, the error dialog's text, whether the preset stayed as it was)."""
    before = window.current_preset()
    opened = window.open_preset_named(str(path))
    dialog = window.findChild(QMessageBox, "error_dialog")
    text = dialog.text() if dialog is not None else ""
    if dialog is not None:
        dialog.setObjectName("closed")  # it is deleted later, on the event loop: do not find it again
        dialog.close()
    return opened, text, window.current_preset() == before


def test_hostile_preset_files_get_a_dialog_and_the_window_carries_on(window, qtbot, tmp_path):
    """Issue 24: a FIFO hung the GUI thread; a 5,000-digit integer and a huge formula literal threw."""
    import os

    cases = [(tmp_path, "is a directory")]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        cases.append((tmp_path / "pipe.json", "is a FIFO (named pipe), not a regular file"))
    big = tmp_path / "big.json"
    big.write_text('{"schema_version": 1, "panel": "counter", "seed": ' + "7" * 5000 + "}")
    cases.append((big, "a whole number with 5,000 digits"))
    formula = tmp_path / "formula.json"
    formula.write_text(json.dumps({"schema_version": 1, "panel": "optimizer",
                                   "config": {"surface": {"kind": "rosenbrock", "formula": "0x" + "f" * 257}}}))
    cases.append((formula, "too large"))
    nan = tmp_path / "nan.json"
    nan.write_text('{"schema_version": 1, "panel": "generative", "config": {"data": "drawn", "points": [[0, NaN]]}}')
    cases.append((nan, "config.points.0.1: nan is not a finite number"))
    for path, words in cases:
        opened, text, unchanged = _open_refused(window, path)
        assert not opened and unchanged, path
        assert words in text and "Traceback" not in text, text


def test_the_toolbar_and_the_controls_edit_the_one_state_and_undo_walks_it_back(window, qtbot):
    state = window.state("counter")
    panel = window.panel("counter")
    gen = window.gen_id
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    window.seed_box.setValue(7)
    panel.form.editors["rate"].setValue(4.0)
    assert window.current_preset() is state.preset  # what is saved and run is the state itself
    assert (state.preset.seed, state.config.rate) == (7, 4.0) and window.gen_id == gen + 2
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert state.config.rate == 1.0 and panel.form.editors["rate"].value() == 1.0 and window.gen_id == gen + 3
    assert panel.run_preset.config.rate == 1.0  # the undone config is what runs
    window.undo()
    assert state.preset.seed == 0 and window.seed_box.value() == 0
    assert window.act_redo.isEnabled() and not window.act_undo.isEnabled()
    window.redo()
    assert state.preset.seed == 7 and window.seed_box.value() == 7 and window.act_undo.isEnabled()
    assert window.act_undo.text() == "Undo" and window.act_redo.shortcut().toString() == "Ctrl+Shift+Z"


def test_an_invalid_toolbar_value_is_refused_and_the_box_shows_the_state(window):
    window._update_envelope(device="tpu")
    assert window.state("counter").preset.device == "auto" and "not applied -- device" in window.statusBar().currentMessage()


def test_play_pause_has_one_owner_the_worker(window, qtbot):
    with pytest.raises(AttributeError):
        window.worker.playing = True  # read-only for everyone but the worker
    heard = []
    window.worker.playing_changed.connect(heard.append)
    window.worker.play()  # not through the window: the Play action follows the worker anyway
    qtbot.waitUntil(lambda: window.act_play.text() == "Pause", timeout=5000)
    window.worker.pause()
    qtbot.waitUntil(lambda: window.act_play.text() == "Play", timeout=5000)
    assert heard[:2] == [True, False]


def test_a_restarted_run_shows_it_is_building_until_its_first_snapshot_is_drawn(window, qtbot):
    """Building a run can take seconds (torch, data, a model): the window says so until step 0 is drawn."""
    from widgets.i18n import set_language

    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.gen_id == window.gen_id, timeout=20000)
    assert not window.building and not window.building_overlay.isVisible()
    window.frame_timer.stop()  # draw by hand: the snapshot arrives before it is drawn
    try:
        set_language("zh_CN")
        window.restart()
        gen = window.gen_id
        assert window.building_gen == gen
        assert window.status_building.isVisible() and window.building_bar.isVisible()
        assert window.building_overlay.isVisible() and window.building_overlay.parentWidget() is window.panel()
        assert window.status_building.text() == "正在准备运行..." == window.building_overlay.text()
        qtbot.waitUntil(lambda: window.worker.latest() is not None and window.worker.latest().gen_id == gen,
                        timeout=20000)
        assert window.building, "a snapshot that arrived but is not drawn yet must not end the indicator"
        window._on_frame_timer()
        assert window.drawn.gen_id == gen
        assert not window.building
        assert not (window.status_building.isVisible() or window.building_bar.isVisible()
                    or window.building_overlay.isVisible())
    finally:
        set_language("en")
        window.frame_timer.start()


def test_a_snapshot_of_an_older_run_does_not_end_the_building_indicator(window, qtbot):
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.gen_id == window.gen_id, timeout=20000)
    old = window.drawn
    window.frame_timer.stop()
    try:
        window.restart()
        window._draw(old)  # e.g. a kept snapshot of the previous run
        assert window.building and window.status_building.text() == "building the run..."
    finally:
        window.frame_timer.start()
    qtbot.waitUntil(lambda: not window.building, timeout=20000)


def test_a_run_that_fails_to_build_ends_the_building_indicator(window, qtbot, monkeypatch):
    """A build error (a data file that is gone, say) arrives as an error event and no snapshot:
    the indicator must not spin for ever beside the error dialog."""
    from playground.host import HostEvent

    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.gen_id == window.gen_id, timeout=20000)
    window.frame_timer.stop()
    try:
        window.restart()
        assert window.building
        failed = HostEvent("error", "could not build the run", window.gen_id)
        monkeypatch.setattr(window.worker, "take_events", lambda: [failed])
        window._on_worker_events()
        assert not window.building and not window.building_overlay.isVisible()
        window.findChild(QMessageBox, "error_dialog").close()
    finally:
        monkeypatch.undo()
        window.frame_timer.start()
