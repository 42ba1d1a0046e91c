"""The generative panel draws every page, round-trips its config, and draws targets by clicking."""

import numpy as np
import pyqtgraph as pg
import pytest
import torch
from PySide6.QtCore import QPointF, Qt

from playground.engine import RunContext
from playground.generative.config import GenerativeConfig
from playground.generative.engine import make_engine
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import count_colour, non_background_pixels
from widgets.panels.generative_panel import PAGES, Panel, page_of

torch.set_num_threads(1)
SMALL = dict(g_hidden=16, d_hidden=16, vae_hidden=16, batch_size=32, eval_every=2)


def _changed_pixels(before, after, stride=3) -> int:
    """Pixels that differ between two grabs of the same widget."""
    a, b = before.toImage(), after.toImage()
    return sum(a.pixel(x, y) != b.pixel(x, y) for y in range(0, a.height(), stride) for x in range(0, a.width(), stride))


def _drive(config, chunks=(2, 3)):
    return snapshot_after(make_engine(config, RunContext(seed=0)), chunks)


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel())


@pytest.mark.parametrize("config", [
    GenerativeConfig(mode="gan", data="ring8", loss="minimax", **SMALL),
    GenerativeConfig(mode="gan", data="moons", loss="wgan_gp", **SMALL),
    GenerativeConfig(mode="gan", data="digits", loss="non_saturating", **SMALL),
    GenerativeConfig(mode="vae", data="spiral", **SMALL),
    GenerativeConfig(mode="vae", data="digits", **SMALL),
], ids=["gan-ring8", "wgan-moons", "gan-digits", "vae-2d", "vae-digits"])
def test_every_page_draws(panel, qtbot, config):
    panel.set_config(config)
    assert PAGES[panel.pages.currentIndex()] == page_of(config.mode, config.data)
    page = panel.pages.currentWidget()
    blank = page.grab()
    panel.show_snapshot(_drive(config))
    qtbot.wait(20)
    drawn = page.grab()
    changed = _changed_pixels(blank, drawn)
    assert changed > 2000, changed
    shown = non_background_pixels(page, stride=4)
    assert shown > 2000
    panel.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < shown


def test_generated_points_are_orange_and_toggle_off(panel, qtbot):
    config = GenerativeConfig(mode="gan", data="ring8", loss="minimax", **SMALL)
    panel.set_config(config)
    panel.show_snapshot(_drive(config))
    qtbot.wait(20)
    page = panel.pages.currentWidget()
    # Only the plane: the curves beside it use the palette's orange too.
    graphics = page.findChild(pg.GraphicsLayoutWidget)
    plane = graphics.mapFromScene(panel.g_plane.plot.sceneBoundingRect()).boundingRect()
    panel.view_checks["heat"].setChecked(False)
    orange = count_colour(graphics, "#D55E00", tolerance=30, rect=plane)
    assert orange > 50
    panel.view_checks["fake"].setChecked(False)
    qtbot.wait(20)
    assert count_colour(graphics, "#D55E00", tolerance=30, rect=plane) < orange / 3
    assert len(panel.g_plane.fake.data) == 0 and len(panel.g_plane.real.data) == 500


def test_config_round_trips_and_every_field_has_a_control(panel):
    names = {"mode", "points"} | {name for fields, _ in panel.controls_form.spec.values() for name in fields}
    assert names == set(GenerativeConfig.model_fields)
    config = GenerativeConfig(mode="gan", data="drawn", points=[(0.5, 1.0), (-1.0, 0.25)], loss="wgan_clip",
                              clip=0.05, d_steps=3, optimizer="rmsprop", g_lr=0.002, gan_latent_dim=4)
    panel.set_config(config)
    assert panel.config() == config
    assert PAGES[panel.pages.currentIndex()] == "gan2d"
    assert panel.sections["GAN training"].isVisibleTo(panel) and not panel.sections["VAE"].isVisibleTo(panel)
    vae = GenerativeConfig(mode="vae", data="digits", beta=4.0, autoencoder=True, latent_dim=3, interp_b=17)
    panel.set_config(vae)
    assert panel.config() == vae and PAGES[panel.pages.currentIndex()] == "vae_digits"
    assert panel.sections["VAE"].isVisibleTo(panel) and not panel.sections["GAN networks"].isVisibleTo(panel)


def test_clicking_while_drawing_adds_points_and_restarts(panel, qtbot):
    config = GenerativeConfig(mode="gan", data="ring8", **SMALL)
    panel.set_config(config)
    panel.show_snapshot(_drive(config, (1,)))
    qtbot.wait(20)
    restarts = []
    panel.config_changed.connect(lambda: restarts.append(1))
    vb = panel.g_plane.plot.vb
    view = panel.g_graphics

    def click_at(x, y):
        scene = vb.mapViewToScene(QPointF(x, y))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))

    click_at(1.0, 1.0)
    assert restarts == [] and panel.config().points == []  # not drawing: a click does nothing
    panel.draw_button.setChecked(True)
    click_at(1.0, 1.0)
    click_at(-2.0, 0.5)
    assert restarts == [1, 1]
    new = panel.config()
    assert new.data == "drawn" and len(new.points) == 2
    np.testing.assert_allclose(new.points, [(1.0, 1.0), (-2.0, 0.5)], atol=0.05)
    panel.clear_points_button.click()
    assert panel.config().points == [] and panel.config().data == "ring8" and restarts == [1, 1, 1]


def test_drawn_target_without_points_is_refused_with_a_message(panel, qtbot):
    messages, restarts = [], []
    panel.message.connect(messages.append)
    panel.config_changed.connect(lambda: restarts.append(1))
    box = panel.forms["Data"].editors["data"]
    box.setCurrentIndex(box.findData("drawn"))
    assert restarts == [] and "no points" in messages[-1]
    box.setCurrentIndex(box.findData("spiral"))
    assert restarts == [1]


def test_rows_that_mean_nothing_are_hidden(panel, qtbot):
    training = panel.forms["GAN training"]
    panel.set_config(GenerativeConfig(mode="gan", loss="wgan_gp"))
    visible = lambda form, name: form.layout_.isRowVisible(form.editors[name])
    assert visible(training, "gp_lambda") and not visible(training, "clip") and visible(training, "beta1")
    training.editors["loss"].setCurrentIndex(training.editors["loss"].findData("wgan_clip"))
    assert visible(training, "clip") and not visible(training, "gp_lambda")
    training.editors["optimizer"].setCurrentIndex(training.editors["optimizer"].findData("rmsprop"))
    assert not visible(training, "beta1") and not visible(training, "beta2")
    assert not visible(panel.forms["Data"], "point_sigma")
