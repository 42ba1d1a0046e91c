"""The attention panel draws every mode, round-trips its config, emits on edits and refuses bad input."""

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QComboBox, QLineEdit

from playground.attention.config import AttentionConfig
from playground.attention.engine import make_engine
from playground.engine import RunContext
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import non_background_pixels
from widgets.panels.attention_panel import Panel

torch.set_num_threads(1)


def _drive(config, chunks=(2, 3, 4)):
    return snapshot_after(make_engine(config, RunContext(seed=0)), chunks)


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel())


SMALL = dict(max_steps=30, eval_every=10, d_model=16, batch_size=16)


@pytest.mark.parametrize("config", [
    AttentionConfig(mode="kernel_regression", learn_width=True),
    AttentionConfig(mode="scoring", valid_len=4),
    AttentionConfig(mode="transformer", compare="positional toggled", **SMALL),
    AttentionConfig(mode="positional", **SMALL),
    AttentionConfig(mode="decoding", beam_width=3),
], ids=["kernel_regression", "scoring", "transformer", "positional", "decoding"])
def test_every_mode_draws(panel, qtbot, config):
    panel.set_config(config)
    page = panel.pages.currentWidget()
    blank = non_background_pixels(page, stride=4)
    panel.show_snapshot(_drive(config, (10, 10, 10)))
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    panel.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn


def test_config_round_trips_and_fields_are_all_editable(panel):
    names = {"mode"} | {name for fields, _ in panel.controls_form.spec.values() for name in fields}
    assert names == set(AttentionConfig.model_fields)
    config = AttentionConfig(mode="transformer", task="sort", heads=4, layers=2, positional="learned",
                             compare="positional toggled", learning_rate=0.01, function="sin(3*x)", dim=128,
                             beam_width=3, language_model="random")
    panel.set_config(config)
    assert panel.config() == config
    assert panel.pages.currentIndex() == 2
    assert panel.sections["Network"].isVisibleTo(panel) and not panel.sections["Search"].isVisibleTo(panel)
    assert panel.view_section.isVisibleTo(panel)


def test_editing_a_control_emits_config_changed(panel, qtbot):
    mode = panel.mode_form.editors["mode"]
    assert isinstance(mode, QComboBox)
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        mode.setCurrentIndex(mode.findData("positional"))
    assert panel.pages.currentIndex() == 3
    network = panel.forms["Network"]
    assert not network.layout_.isRowVisible(network.editors["positional"])
    with qtbot.waitSignal(panel.config_changed, timeout=1000):
        panel.forms["Search"].editors["beam_width"].setValue(4)
    assert panel.config().beam_width == 4


def test_a_typed_function_that_is_not_math_gives_a_message_and_no_restart(panel):
    edit = panel.forms["Data and kernel"].editors["function"]
    assert isinstance(edit, QLineEdit)
    messages, restarts = [], []
    panel.message.connect(messages.append)
    panel.config_changed.connect(lambda: restarts.append(1))
    edit.setText("__import__('os').system('echo hi')")
    edit.editingFinished.emit()
    assert restarts == [] and messages and "function" in messages[-1]
    edit.setText("2*x + sin(x)")
    edit.editingFinished.emit()
    assert restarts == [1] and panel.config().function == "2*x + sin(x)"
    panel.forms["Network"].editors["d_model"].setValue(30)
    panel.forms["Network"].editors["heads"].setValue(4)
    assert "multiple of heads" in messages[-1]


def test_example_choice_redraws_without_a_restart(panel, qtbot):
    config = AttentionConfig(mode="transformer", **SMALL)
    panel.set_config(config)
    snap = _drive(config, (10,))
    panel.show_snapshot(snap)
    restarts = []
    panel.config_changed.connect(lambda: restarts.append(1))
    panel.example_box.setValue(5)
    assert restarts == []
    shown = panel.t_maps.image.image
    np.testing.assert_array_equal(np.nan_to_num(shown, nan=-1), np.nan_to_num(snap.arrays["attn_mosaic"][5], nan=-1))
    assert "example 5" in panel.t_example.text()


def test_beam_search_tree_marks_the_chosen_output(panel, qtbot):
    config = AttentionConfig(mode="decoding")
    panel.set_config(config)
    snap = _drive(config, (4,))
    panel.show_snapshot(snap)
    assert "chosen <b>A C B &lt;eos&gt;</b>" in panel.d_text.text()
    assert "chosen <b>A B C &lt;eos&gt;</b>" in panel.d_text.text()
    visible = [t.toPlainText() for t in panel.d_beam.texts if t.isVisible()]
    assert len(visible) == len(snap.arrays["beam_xy"]) == 29 and "<eos> -2.92" in visible
