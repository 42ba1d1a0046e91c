"""The activations page draws a real snapshot: curves, batch norm, and both loss surfaces with their paths."""

import pytest

from playground.engine import RunContext
from playground.foundations.activations import ActivationsEngine
from playground.foundations.config import FoundationsConfig
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import non_background_pixels
from widgets.panels.foundations_panel import Panel


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel(FoundationsConfig(mode="activations")))


@pytest.mark.parametrize("function", ["softplus", "maxout"])
def test_the_page_draws_a_real_snapshot_and_clears(panel, qtbot, function):
    config = FoundationsConfig(mode="activations", act_function=function, act_steps=40)
    panel.set_config(config)
    page = panel.mode_pages["activations"]
    assert panel.pages.currentWidget() is page
    blank = non_background_pixels(page, stride=4)
    panel.show_snapshot(snapshot_after(ActivationsEngine(config, RunContext()), (10, 30)))
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    assert len(page.raw.path.getData()[0]) == 41  # the start and 40 steps
    assert "Batch of one" in page.bn_readout.text() and "cond(X^T X): raw 5.4e+03" in page.scaling_readout.text()
    panel.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn


def test_the_form_edits_the_activation(panel):
    panel.edit_config(act_function="elu", act_alpha=1.0)
    assert panel.state.config.act_function == "elu" and panel.state.config.act_alpha == 1.0
