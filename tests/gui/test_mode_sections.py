"""The modal panels show, in each mode, exactly the sections and rows their config's MODES declare."""

import pytest

from playground.modes import modes_of
from widgets.panels import panel_class

MODAL = ["conv", "attention", "generative"]


@pytest.mark.parametrize("key", MODAL)
def test_each_mode_shows_its_declared_sections_and_rows(qtbot, key):
    panel = panel_class(key)()
    qtbot.addWidget(panel)
    config_class = panel.config_class
    for mode in modes_of(config_class):
        panel.set_config(config_class(mode=mode.name))
        controls = panel.controls_form
        visible = {title for title, box in controls.sections.items() if not box.isHidden()}
        assert visible == {s.title for s in mode.sections}, mode.name
        hidden_by_values = controls.hidden_rows(controls.values())
        for section in mode.sections:
            form = controls.forms[section.title]
            rows = {name for name, editor in form.editors.items() if form.layout_.isRowVisible(editor)}
            assert rows == set(section.fields) - hidden_by_values, (mode.name, section.title)


def test_conv_backprop_hides_the_transposed_geometry(qtbot):
    from playground.conv.config import ConvConfig

    panel = panel_class("conv")()
    qtbot.addWidget(panel)
    panel.set_config(ConvConfig(mode="backprop"))
    form = panel.forms["Grid and kernel"]
    rows = [name for name, editor in form.editors.items() if form.layout_.isRowVisible(editor)]
    assert rows == ["input_size", "padding", "stride", "dilation"]
