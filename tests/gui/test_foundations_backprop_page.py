"""The backprop and gradient-check pages draw real snapshots of their engines and forget them on clear().

Each page is built on its own (the foundations panel needs every mode's page): a page only keeps its panel to
write settings back, which drawing never does.
"""

import numpy as np
import pytest

from playground.engine import RunContext
from playground.foundations.backprop import BackpropEngine
from playground.foundations.config import FoundationsConfig
from playground.foundations.gradient_check import GradientCheckEngine
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import count_colour, non_background_pixels
from widgets.foundations_views import backprop, gradient_check


def _page(qtbot, module):
    return show_panel(qtbot, module.Page(panel=None), size=(1200, 800))


@pytest.mark.parametrize("network", ["mlp", "conv_dense_dense", "rnn_bptt"])
def test_backprop_page_draws_the_graph_the_value_and_the_autograd_check(qtbot, network):
    page = _page(qtbot, backprop)
    engine = BackpropEngine(FoundationsConfig(mode="backprop", network=network), RunContext(seed=0))
    blank = non_background_pixels(page, stride=4)
    page.draw(snapshot_after(engine, [0]))  # before any op: the graph of pending boxes
    qtbot.wait(20)
    assert len([b for b in page.graph.boxes if b.isVisible()]) == len(engine.net.ops)
    snap = snapshot_after(BackpropEngine(engine.config, RunContext(seed=0)), [1000])
    page.draw(snap)
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    assert count_colour(page, backprop.HIGHLIGHT, tolerance=30, stride=2) > 20  # the current op's outline
    text = page.text.text()
    assert "autograd" in text and "agrees below 1e-10" in text
    assert snap.tables["matrix"] in text.replace("&gt;", ">")
    page.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn


def test_backprop_page_shows_a_delta_with_its_local_gradient(qtbot):
    page = _page(qtbot, backprop)
    engine = BackpropEngine(FoundationsConfig(mode="backprop"), RunContext(seed=0))
    keys = [op.key for op in engine.net.ops]
    snap = snapshot_after(engine, [keys.index("d2") + 1])  # delta^(2), the first delta
    page.draw(snap)
    assert snap.tables["local_name"] == "f'(z^(2))"
    assert "delta^(2) = (a^(2) - y) * f'(z^(2))" in page.text.text()
    assert page.local.shape == snap.arrays["local"].shape


@pytest.mark.parametrize("bug", ["none", "transposed"])
def test_gradient_check_page_draws_the_strip_the_gradients_and_the_sweep(qtbot, bug):
    page = _page(qtbot, gradient_check)
    config = FoundationsConfig(mode="gradient_check", bug=bug, gc_points=8)
    blank = non_background_pixels(page, stride=4)
    snap = snapshot_after(GradientCheckEngine(config, RunContext(seed=0)), [5, 1000])
    page.draw(snap)
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    x, y = page.sweep.curves["float64"].getData()
    assert len(x) == 8 and np.all(np.isfinite(y))
    assert page.strip.shape == (1, int(snap.metrics["params"]))
    flagged = int(snap.metrics["flagged"])
    assert (flagged > 0) == (bug != "none")
    assert len(page.strip.marks.data) == flagged
    assert ("fail the check" in page.verdict.text()) == (bug != "none")
    page.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn
