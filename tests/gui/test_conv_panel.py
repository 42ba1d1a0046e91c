"""The convolution panel draws every mode, round-trips its config and emits on edits."""

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from playground.conv.config import ConvConfig
from playground.conv.engine import make_engine
from playground.engine import RunContext
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import non_background_pixels
from widgets.panels.conv_panel import Panel

torch.set_num_threads(1)


def _drive(config, chunks=(2, 3, 4)):
    return snapshot_after(make_engine(config, RunContext(seed=0)), chunks)


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel())


@pytest.mark.parametrize("config", [
    ConvConfig(mode="arithmetic", input_size=6, padding=1, stride=2),
    ConvConfig(mode="arithmetic", input_size=3, stride=2, transposed=True, output_padding=1),
    ConvConfig(mode="kernels", image="digit", kernel="edge (Laplacian)"),
    ConvConfig(mode="backprop", input_size=6),
    ConvConfig(mode="train", max_steps=60, eval_every=10),
], ids=["arithmetic", "transposed", "kernels", "backprop", "train"])
def test_every_mode_draws(panel, qtbot, config):
    panel.set_config(config)
    page = panel.pages.currentWidget()
    blank = non_background_pixels(page, stride=4)
    panel.show_snapshot(_drive(config, (20, 20, 20) if config.mode == "train" else (2, 3, 4)))
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 5000, (blank, drawn)
    panel.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn


def test_config_round_trips_and_fields_are_all_editable(panel):
    names = {"mode"} | {name for fields, _ in panel.controls_form.spec.values() for name in fields}
    assert names == set(ConvConfig.model_fields)
    config = ConvConfig(mode="train", conv1_channels=8, conv_kernel=5, batch_norm=True, compare="bn toggled",
                        learning_rate=0.003, rf_layer="pool1", kernel="custom", custom_kernel="1 2; 3 4")
    panel.set_config(config)
    assert panel.config() == config
    assert panel.pages.currentIndex() == 3
    assert panel.sections["Network"].isVisibleTo(panel) and not panel.sections["Grid and kernel"].isVisibleTo(panel)


def test_editing_a_control_emits_config_changed(panel, qtbot):
    editor = panel.forms["Grid and kernel"].editors["padding"]
    assert isinstance(editor, QSpinBox)
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        editor.setValue(2)
    assert panel.config().padding == 2
    mode = panel.mode_form.editors["mode"]
    assert isinstance(mode, QComboBox)
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        mode.setCurrentIndex(mode.findData("backprop"))
    assert panel.pages.currentIndex() == 2
    assert not panel.forms["Grid and kernel"].layout_.isRowVisible(panel.forms["Grid and kernel"].editors["transposed"])
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.forms["Network"].editors["batch_norm"].setChecked(True)
    assert isinstance(panel.forms["Network"].editors["batch_norm"], QCheckBox)


def test_bad_input_gives_a_message_and_no_restart(panel, qtbot):
    edit = panel.forms["Image, kernel and pooling"].editors["custom_kernel"]
    assert isinstance(edit, QLineEdit)
    messages = []
    panel.message.connect(messages.append)
    restarts = []
    panel.config_changed.connect(lambda: restarts.append(1))
    edit.setText("1 0 -1; 2 zero -2")
    edit.editingFinished.emit()
    assert restarts == [] and messages and "'zero'" in messages[-1]
    edit.setText("1 0 -1; 2 0 -2; 1 0 -1")  # the kernel the state kept: nothing to restart
    edit.editingFinished.emit()
    assert restarts == [] and panel.config().custom_kernel == "1 0 -1; 2 0 -2; 1 0 -1"
    size = panel.forms["Grid and kernel"].editors["input_size"]
    size.setValue(3)
    dilation = panel.config().dilation
    panel.forms["Grid and kernel"].editors["dilation"].setValue(3)  # a 3-tap kernel spanning 7 cells on 3
    assert "spans" in messages[-1] and restarts == [1]  # input 3 was fine, dilation 3 is refused
    assert panel.config().input_size == 3 and panel.config().dilation == dilation  # the state kept the valid one


def test_digit_choice_redraws_without_a_restart(panel, qtbot):
    config = ConvConfig(mode="train", max_steps=20, eval_every=10)
    panel.set_config(config)
    snap = _drive(config, (20,))
    panel.show_snapshot(snap)
    restarts = []
    panel.config_changed.connect(lambda: restarts.append(1))
    before = panel.t_digit.image.image.copy()
    panel.digit_box.setValue(7)
    assert restarts == []
    np.testing.assert_array_equal(panel.t_digit.image.image, snap.arrays["digits"][7])
    assert not np.array_equal(before, panel.t_digit.image.image)
    assert "digit 7 ->" in panel.t_digit.plot.titleLabel.text
