"""The information page draws a real snapshot and writes edited distributions and tables to the state."""

import numpy as np
import pytest

from playground.engine import RunContext
from playground.foundations.config import FoundationsConfig
from playground.foundations.information import InformationEngine
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import non_background_pixels
from widgets.foundations_views.information import parse_weights
from widgets.panels.foundations_panel import Panel


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel(FoundationsConfig(mode="information")))


def _snap(config):
    return snapshot_after(InformationEngine(config, RunContext()), ())


def test_the_page_draws_a_real_snapshot_and_clears(panel, qtbot):
    page = panel.mode_pages["information"]
    assert panel.pages.currentWidget() is page
    blank = non_background_pixels(page, stride=4)
    panel.show_snapshot(_snap(panel.config()))
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    assert "KL(p||q) = 0." in page.readout.text() and "I(X;Y) = 0.659" in page.joint_readout.text()
    panel.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn


def test_an_infinite_kl_is_shown_as_inf(panel, qtbot):
    config = FoundationsConfig(mode="information", p=[1, 1, 1], q=[1, 1, 0])
    panel.set_config(config)
    page = panel.mode_pages["information"]
    panel.show_snapshot(_snap(config))
    assert "KL(p||q) = inf" in page.readout.text()
    assert "KL(p||q)" in page.error.text()
    assert page.inf_bars.opts["height"].size == 2  # H(p,q) and KL(p||q), drawn past the finite bars


def test_setting_a_bar_writes_the_state(panel):
    page = panel.mode_pages["information"]
    page.set_weight("q", 0, 0.5)
    q = np.array(panel.state.config.q)
    assert q[0] / q.sum() == pytest.approx(0.5 / (0.5 + 0.9), abs=1e-3)  # the other five keep 0.9 of the mass
    assert panel.state.config.p == FoundationsConfig().p


def test_typed_weights_and_table_cells_write_the_state(panel):
    page = panel.mode_pages["information"]
    page.line["p"].setText("1, 2, 3, 4, 5, 6")
    page.line["p"].editingFinished.emit()
    assert panel.state.config.p == [1, 2, 3, 4, 5, 6]
    page.table.item(0, 2).setText("2.5")
    assert panel.state.config.joint[0][2] == 2.5
    page.k_spin.setValue(4)
    assert len(panel.state.config.p) == len(panel.state.config.q) == 4
    page.rows_spin.setValue(5)
    assert len(panel.state.config.joint) == 5 and page.table.rowCount() == 5


def test_bad_text_gets_a_message_and_changes_nothing(panel):
    page = panel.mode_pages["information"]
    before = panel.state.config
    page.line["q"].setText("1, two, 3")
    page.line["q"].editingFinished.emit()
    assert "not a list of numbers" in page.error.text()
    page.table.item(1, 1).setText("lots")
    assert "not a number" in page.error.text()
    assert panel.state.config == before
    assert parse_weights("0.5 0.3, 0.2") == [0.5, 0.3, 0.2]


def test_a_click_on_the_plot_sets_the_bar_under_it(panel, qtbot):
    from PySide6.QtCore import QPointF

    page = panel.mode_pages["information"]
    panel.show_snapshot(_snap(panel.config()))
    qtbot.wait(20)
    page.which.setCurrentText("p")
    page._drag_at(page.dist_plot.vb.mapViewToScene(QPointF(2.1, 0.6)))  # outcome 2 to probability 0.6
    p = np.array(panel.state.config.p)
    assert p[2] / p.sum() == pytest.approx(0.6 / (0.6 + 0.9), abs=1e-3)  # p(2) was 0.1 of the mass
    page._drag_at(page.dist_plot.vb.mapViewToScene(QPointF(40.0, 0.6)))  # off the outcomes: nothing
    assert panel.state.config.p == list(p)
