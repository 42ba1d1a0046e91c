"""The perceptron and regression pages draw real snapshots; clicks on the perceptron's plane edit its points."""

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextDocument
from PySide6.QtWidgets import QApplication

from playground.engine import RunContext
from playground.foundations.config import FoundationsConfig
from playground.foundations.engine import make_engine
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import count_colour, non_background_pixels
from widgets.foundations_views import perceptron as perceptron_view
from widgets.i18n import set_language, tr_message
from widgets.panels.foundations_panel import Panel

XOR = [(-1.0, -1.0, -1), (1.0, 1.0, -1), (-1.0, 1.0, 1), (1.0, -1.0, 1)]


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel())


def _drive(config, chunks):
    return snapshot_after(make_engine(config, RunContext(seed=0)), chunks)


@pytest.mark.parametrize("config", [
    FoundationsConfig(mode="perceptron"),
    FoundationsConfig(mode="regression", task="linear"),
    FoundationsConfig(mode="regression", task="logistic"),
    FoundationsConfig(mode="regression", task="softmax"),
], ids=["perceptron", "linear", "logistic", "softmax"])
def test_every_page_draws(panel, qtbot, config):
    panel.set_config(config)
    page = panel.pages.currentWidget()
    blank = non_background_pixels(page, stride=4)
    panel.show_snapshot(_drive(config, (5, 10, 20)))
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    assert page.readout.text()


def test_perceptron_readout_says_converged_and_shows_the_bound(panel, qtbot):
    config = FoundationsConfig(mode="perceptron")
    panel.set_config(config)
    panel.show_snapshot(_drive(config, (100,)))
    text = panel.pages.currentWidget().readout.text()
    assert "converged: 12 updates" in text and "Novikoff bound" in text and "observed 12" in text
    # the misclassified point that caused the last update is ringed in orange
    page = panel.pages.currentWidget()
    assert len(page.ring.data) == 1
    assert count_colour(page.graphics, perceptron_view.RING, tolerance=30, stride=2) > 10


def test_xor_readout_says_not_converged(panel):
    config = FoundationsConfig(mode="perceptron", points=XOR, max_epochs=5)
    panel.set_config(config)
    panel.show_snapshot(_drive(config, (100,)))
    text = panel.pages.currentWidget().readout.text()
    assert "did not converge in 5 epochs: no line separates these points" in text
    assert "no Novikoff bound" in text


def test_clicks_on_the_plane_add_and_remove_points(panel, qtbot):
    panel.set_config(FoundationsConfig(mode="perceptron", points=[]))
    qtbot.wait(20)
    page = panel.pages.currentWidget()
    vb, view = page.plane.vb, page.graphics
    restarts = []
    panel.config_changed.connect(lambda: restarts.append(1))

    def click_at(x, y, button=Qt.MouseButton.LeftButton, modifier=Qt.KeyboardModifier.NoModifier):
        scene = vb.mapViewToScene(QPointF(x, y))
        qtbot.mouseClick(view.viewport(), button, modifier, pos=view.mapFromScene(scene))

    click_at(1.0, 2.0)
    click_at(-2.0, -1.0, modifier=Qt.KeyboardModifier.ShiftModifier)
    click_at(2.0, -2.0, button=Qt.MouseButton.RightButton)
    points = panel.config().points
    assert [label for _, _, label in points] == [1, -1, -1] and restarts == [1, 1, 1]
    assert points[0][0] == pytest.approx(1.0, abs=0.1) and points[0][1] == pytest.approx(2.0, abs=0.1)
    click_at(points[1][0], points[1][1], modifier=Qt.KeyboardModifier.ControlModifier)
    assert [label for _, _, label in panel.config().points] == [1, -1]
    assert len(page.positive.data) == 1 and len(page.negative.data) == 1  # drawn before any snapshot


def test_regression_page_switches_its_plots_with_the_task(panel, qtbot):
    panel.set_config(FoundationsConfig(mode="regression", task="softmax"))
    page = panel.pages.currentWidget()
    assert page.classify_graphics.isVisibleTo(page) and not page.graphics.isVisibleTo(page)
    panel.show_snapshot(_drive(panel.config(), (5,)))
    assert "largest difference |formula - autograd|" in page.readout.text()
    panel.set_config(FoundationsConfig(mode="regression", task="linear", minibatch_size=4))
    assert page.graphics.isVisibleTo(page)
    panel.show_snapshot(_drive(panel.config(), (5,)))
    assert page.path_minibatch.name() == "minibatch SGD (|B| = 4)"


def test_perceptron_texts_in_chinese(panel):
    config = FoundationsConfig(mode="perceptron")
    panel.set_config(config)
    set_language("zh_CN")
    try:
        panel.show_snapshot(_drive(config, (100,)))
        assert "已收敛" in panel.pages.currentWidget().readout.text()
        assert tr_message(perceptron_view.TITLE_PLANE) != perceptron_view.TITLE_PLANE
    finally:
        set_language("en")


def test_update_rule_shows_whole_in_the_readout(panel):
    config = FoundationsConfig(mode="perceptron")
    panel.set_config(config)
    panel.show_snapshot(_drive(config, (1,)))
    document = QTextDocument()
    document.setHtml(panel.pages.currentWidget().readout.text())
    shown = document.toPlainText()  # what the label shows: "<-" must not open an HTML tag
    assert "w <- w + eta y x~ = (0, 0, 0) + 1 * (+1) * (-2.5, 0.5, 1) = (-2.5, 0.5, 1)" in shown
    assert "Novikoff bound" in shown


def test_every_readout_template_can_be_matched():
    import re

    from widgets.foundations_views import regression as regression_view
    from widgets.i18n import MESSAGES, _template_pattern

    for module in (perceptron_view, regression_view):
        for name, value in vars(module).items():
            if isinstance(value, str) and value in MESSAGES:
                assert isinstance(_template_pattern(value), re.Pattern), name  # a name used twice raised re.error


def test_dragging_a_point_moves_it(panel, qtbot):
    panel.set_config(FoundationsConfig(mode="perceptron", points=[(1.0, 1.0, 1), (-2.0, -2.0, -1)]))
    qtbot.wait(20)
    page = panel.pages.currentWidget()
    vb, view = page.plane.vb, page.graphics
    viewport = view.viewport()
    changes = []
    panel.config_changed.connect(lambda: changes.append(panel.config().points))

    def send(kind, x, y, button, buttons):
        pos = QPointF(view.mapFromScene(vb.mapViewToScene(QPointF(x, y))))
        event = QMouseEvent(kind, pos, viewport.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send(QEvent.Type.MouseButtonPress, 1.0, 1.0, left, left)
    for i in range(1, 11):  # the pointer moves with the button held: pyqtgraph makes it a drag of the point
        send(QEvent.Type.MouseMove, 1.0 + 0.2 * i, 1.0 - 0.3 * i, none, left)
        qtbot.wait(1)
    assert changes == []  # the config changes once, when the drag ends
    send(QEvent.Type.MouseButtonRelease, 3.0, -2.0, left, none)
    (moved,) = changes
    assert moved[1] == (-2.0, -2.0, -1) and moved[0][2] == 1
    assert moved[0][:2] == pytest.approx((3.0, -2.0), abs=0.05)


def test_engine_messages_are_translated():
    from playground.engine import RunContext as Context
    from playground.foundations.regression import RegressionEngine

    engine = RegressionEngine(FoundationsConfig(mode="regression", regression_lr=10.0, regression_steps=400), Context())
    engine.advance(400)
    set_language("zh_CN")
    try:
        message = tr_message(engine.snapshot().diverged)
        assert "发散" in message and "SGD" in message
        with pytest.raises(Exception) as error:
            FoundationsConfig(points=[(0.0, 0.0, 3)])
        reason = str(error.value).split("Value error, ")[1].split("[")[0].strip()
        assert tr_message(reason) == "点 1 的标签是 3：感知机的标签只能是 +1 或 -1"
    finally:
        set_language("en")
