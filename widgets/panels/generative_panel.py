"""The generative panel: a VAE and a GAN trained live, on 2-D toy data or 8x8 digits.

Four pages: the 2-D GAN (real and generated points over the discriminator's heatmap, the generator's
gradient as arrows, the latent grid warped by G), the digits GAN (a grid of samples), the 2-D VAE and
the digits VAE (latent scatter, decoded latent grid, prior samples, interpolation, reconstructions).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from playground.generative.config import GenerativeConfig
from widgets.conv_views import GREYS, CurveView, ImageView, equal_columns
from widgets.generative_views import BarView, PlaneView
from widgets.i18n import tr, tr_message
from widgets.panels.modal import ModalPanel
from widgets.readout import ReadoutLabel

PAGES = ["gan2d", "gan_digits", "vae2d", "vae_digits"]


def hidden_rows(values: dict) -> set[str]:
    """Fields of a shown section that mean nothing with the other settings."""
    hidden = set()
    if values["data"] != "drawn":
        hidden.add("point_sigma")
    if values["data"] == "digits":
        hidden.add("x_sigma")
    if values["loss"] != "wgan_gp":
        hidden.add("gp_lambda")
    if values["loss"] != "wgan_clip":
        hidden.add("clip")
    if values["optimizer"] != "adam":
        hidden |= {"beta1", "beta2"}
    return hidden


def page_of(mode: str, data: str) -> str:
    return ("gan" if mode == "gan" else "vae") + ("_digits" if data == "digits" else "2d")


class Panel(ModalPanel):
    key = "generative"
    config_class = GenerativeConfig

    def __init__(self, config: GenerativeConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        self._build_controls(hidden_rows=hidden_rows,  # sections per mode: GenerativeConfig.MODES
                             extras={"Data": self._build_draw_controls()})
        self._build_view_controls()
        self._build_gan2d_page()
        self._build_gan_digits_page()
        self._build_vae2d_page()
        self._build_vae_digits_page()
        self.last_snapshot = None
        self.show_config(self.config())

    # Controls ----------------------------------------------------------------------------------------
    def _build_draw_controls(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.draw_button = QPushButton("draw target")
        self.draw_button.setCheckable(True)
        self.draw_button.setToolTip("Click on the plane to add a gaussian of the drawn target there (data becomes 'drawn')")
        self.clear_points_button = QPushButton("clear points")
        self.clear_points_button.setToolTip("Remove every drawn point")
        self.clear_points_button.clicked.connect(self._on_clear_points_clicked)
        self.points_label = QLabel("")
        row.addWidget(self.draw_button)
        row.addWidget(self.clear_points_button)
        row.addWidget(self.points_label, 1)
        return box

    def _build_view_controls(self) -> None:
        """View-only choices: they change what is drawn, not the run."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view_checks: dict[str, QCheckBox] = {}
        for name, text, tip in (
                ("heat", "heatmap of D / critic", "The discriminator's P(real), or the critic's f(x), on a 50x50 grid over the plane"),
                ("arrows", "generator gradient arrows", "-dL_G/dx at 150 generated points: where the generator's loss pushes each one"),
                ("grid", "latent grid warped by G", "The image under G of a grid of latent points (first two dimensions of z)"),
                ("real", "real points", "500 fixed samples of the target (blue)"),
                ("fake", "generated points", "G at 500 fixed latent points (orange)")):
            check = QCheckBox(text)
            check.setToolTip(tip)
            check.setChecked(True)
            check.toggled.connect(self._redraw)
            layout.addWidget(check)
            self.view_checks[name] = check
        self._add_view_section(box)

    def _values(self) -> dict:
        return {**self.controls_form.values(), "points": list(self.config().points)}

    def _show_mode(self, values: dict) -> None:
        mode, data = values["mode"], values["data"]
        super()._show_mode(values)
        self.view_section.setVisible(mode == "gan" and data != "digits")
        self.points_label.setText(tr("{n} points").format(n=len(self.config().points)))
        self.pages.setCurrentIndex(PAGES.index(page_of(mode, data)))

    def add_point(self, x: float, y: float) -> None:
        """A click on the plane while drawing: one more gaussian in the drawn target, and a restart."""
        points = list(self.config().points)
        if len(points) >= 200:
            self.message.emit("the drawn target holds at most 200 points")
            return
        self.edit_config(points=[*points, (round(float(x), 3), round(float(y), 3))], data="drawn")

    def _on_clear_points_clicked(self) -> None:
        data = self.config().data
        self.edit_config(points=[], data="ring8" if data == "drawn" else data)

    def _on_plane_clicked(self, event) -> None:
        if not self.draw_button.isChecked() or event.button() != Qt.MouseButton.LeftButton:
            return
        vb = self.g_plane.plot.vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        event.accept()
        self.add_point(point.x(), point.y())

    # Pages -------------------------------------------------------------------------------------------
    def _build_gan2d_page(self) -> None:
        self.g_graphics, layout = self._add_page()
        g = self.g_graphics.ci
        self.g_plane = PlaneView(g, 0, 0, "real (blue), generated (orange), D heatmap", rowspan=3)
        self.g_loss = CurveView(g, 0, 1, "losses", "step", "loss", ["D", "G"])
        self.g_div = CurveView(g, 1, 1, "divergence estimate", "step", "estimate", ["divergence"])
        self.g_modes = CurveView(g, 2, 1, "modes covered and high-quality share", "step", "share",
                                 ["modes covered / total", "high-quality share"], y_range=(0, 1))
        equal_columns(g, [2, 1])
        for view in (self.g_loss, self.g_div, self.g_modes):  # grid lines are drawn by the axes: the costliest paint here
            view.plot.showGrid(x=False, y=False)
        self.g_graphics.scene().sigMouseClicked.connect(self._on_plane_clicked)
        self.g_text = ReadoutLabel(size=16)
        layout.addWidget(self.g_text)

    def _build_gan_digits_page(self) -> None:
        self.gd_graphics, layout = self._add_page()
        g = self.gd_graphics.ci
        self.gd_samples = ImageView(g, 0, 0, "generated digits (fixed z)", GREYS)
        self.gd_real = ImageView(g, 0, 1, "real digits", GREYS)
        self.gd_loss = CurveView(g, 1, 0, "losses", "step", "loss", ["D", "G"])
        self.gd_div = CurveView(g, 1, 1, "divergence estimate", "step", "estimate", ["divergence"])
        equal_columns(g, [1, 1])
        self.gd_text = ReadoutLabel(size=16)
        layout.addWidget(self.gd_text)

    def _build_vae2d_page(self) -> None:
        self.v_graphics, layout = self._add_page()
        g = self.v_graphics.ci
        self.v_data = PlaneView(g, 0, 0, "data (blue) and reconstructions (orange)")
        self.v_latent = PlaneView(g, 0, 1, "latent means mu(x), by class", classes=12)
        self.v_decoded = PlaneView(g, 0, 2, "prior samples decoded, latent grid decoded")
        self.v_curves = CurveView(g, 1, 0, "loss terms (per example)", "step", "nats",
                                  ["reconstruction", "KL", "-ELBO"])
        self.v_kl = BarView(g, 1, 1, "KL per latent dimension", "dimension", "nats")
        self.v_interp = PlaneView(g, 1, 2, "interpolation between the two chosen examples")
        equal_columns(g, [1, 1, 1])
        self.v_text = ReadoutLabel(size=16)
        layout.addWidget(self.v_text)

    def _build_vae_digits_page(self) -> None:
        self.vd_graphics, layout = self._add_page()
        g = self.vd_graphics.ci
        self.vd_latent = PlaneView(g, 0, 0, "latent means mu(x), coloured by digit", classes=10)
        self.vd_grid = ImageView(g, 0, 1, "decoder over the latent plane", GREYS)
        self.vd_curves = CurveView(g, 0, 2, "loss terms (per example)", "step", "nats",
                                   ["reconstruction", "KL", "-ELBO"])
        self.vd_prior = ImageView(g, 1, 0, "samples from the prior N(0, I)", GREYS)
        self.vd_recon = ImageView(g, 1, 1, "originals (top) and reconstructions", GREYS)
        self.vd_kl = BarView(g, 1, 2, "KL per latent dimension", "dimension", "nats")
        self.vd_interp = ImageView(g, 2, 0, "interpolation", GREYS, colspan=2)
        equal_columns(g, [1, 1, 1])
        self.vd_text = ReadoutLabel(size=16)
        layout.addWidget(self.vd_text)

    # Drawing -----------------------------------------------------------------------------------------
    draws = {"generative.gan.points": "_draw_gan2d", "generative.gan.digits": "_draw_gan_digits",
             "generative.vae.digits": "_draw_vae_digits", "generative.vae.points": "_draw_vae2d"}

    def _draw_gan2d(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        view, show = self.g_plane, {name: box.isChecked() for name, box in self.view_checks.items()}
        view.set_extent(t["extent"])
        heat = a["heat"]
        if show["heat"]:
            if t["loss"] in ("wgan_clip", "wgan_gp"):
                finite = heat[np.isfinite(heat)]
                low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
                view.set_heat(heat, (low, high if high > low else low + 1))
            else:
                view.set_heat(heat, (0.0, 1.0))
        else:
            view.set_heat(None)
        view.set_real(a["real"] if show["real"] else None)
        view.set_fake(a["fake"] if show["fake"] else None)
        view.set_arrows(a["arrows"] if show["arrows"] else None)
        view.set_grid(a["grid_lines"] if show["grid"] else None)
        view.set_centres(a["centres"] if t["sigma"] else None)
        view.set_title(f"real (blue), generated (orange), heatmap: {t['heat_label']}")
        steps = a["hist_step"]
        self.g_loss.set("D", steps, a["hist_d"])
        self.g_loss.set("G", steps, a["hist_g"])
        self.g_div.set("divergence", steps, a["hist_div"], label=t["divergence_name"])
        total = max(m["modes_total"], 1.0)
        self.g_modes.plot.setTitle("modes covered and high-quality share" if m["modes_total"] else
                                   "mode coverage: only for ring8, grid25 and drawn targets", size="11pt")
        self.g_modes.set("modes covered / total", steps, a["hist_modes"] / total)
        self.g_modes.set("high-quality share", steps, a["hist_quality"])
        text = self._gan_text(snap)
        if m["modes_total"]:
            text += tr("  |  modes covered {covered} of {total}, high-quality share {share}% "
                       "(within 3 sigma of a mode)").format(covered=int(m["modes_covered"]),
                                                            total=int(m["modes_total"]),
                                                            share=f"{100 * m['high_quality']:.0f}")
        self.g_text.setText(text)

    @staticmethod
    def _gan_text(snap) -> str:
        m, t = snap.metrics, snap.tables
        return tr("step {step} ({loss}): D loss {d_loss}, G loss {g_loss}, {divergence} {value}").format(
            step=snap.step, loss=tr(t["loss"]), d_loss=f"{m['d_loss']:.3f}", g_loss=f"{m['g_loss']:.3f}",
            divergence=tr_message(t["divergence_name"]), value=f"{m['divergence']:.3f}")

    def _draw_gan_digits(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        self.gd_samples.set_image(a["samples_image"], (0.0, 1.0))
        self.gd_real.set_image(a["real_image"], (0.0, 1.0))
        steps = a["hist_step"]
        self.gd_loss.set("D", steps, a["hist_d"])
        self.gd_loss.set("G", steps, a["hist_g"])
        self.gd_div.set("divergence", steps, a["hist_div"], label=t["divergence_name"])
        self.gd_text.setText(self._gan_text(snap))

    def _curves(self, view: CurveView, a) -> None:
        steps = a["hist_step"]
        view.set("reconstruction", steps, a["hist_recon"])
        view.set("KL", steps, a["hist_kl"])
        view.set("-ELBO", steps, a["hist_elbo"])

    def _vae_text(self, snap) -> str:
        m, t = snap.metrics, snap.tables
        kind = tr("autoencoder") if t["autoencoder"] else "VAE"
        return tr("step {step} ({kind}): reconstruction {recon}, KL {kl}, -ELBO {elbo} nats per example; "
                  "active latent dimensions (KL > 0.05): {active}").format(
            step=snap.step, kind=kind, recon=f"{m['recon']:.3f}", kl=f"{m['kl']:.3f}",
            elbo=f"{m['neg_elbo']:.3f}", active=int(m["active_dims"]))

    def _latent(self, view: PlaneView, a) -> None:
        latent = a["latent"]
        finite = latent[np.isfinite(latent).all(1)]
        half = max(3.0, float(np.abs(finite).max()) * 1.05) if len(finite) else 3.0
        view.set_extent((-half, half, -half, half))
        view.set_classes(latent, a["latent_labels"])
        view.set_path(a["interp_latent"])

    def _draw_vae2d(self, snap) -> None:
        a, t = snap.arrays, snap.tables
        for view in (self.v_data, self.v_decoded, self.v_interp):
            view.set_extent(t["extent"])
        self.v_data.set_real(a["real"])
        self.v_data.set_fake(a["recon"])
        self._latent(self.v_latent, a)
        self.v_decoded.set_fake(a["prior"])
        self.v_decoded.set_grid(a["grid_lines"])
        self.v_interp.set_real(a["real"])
        self.v_interp.set_path(a["interp"])
        i, j = t["interp"]
        self.v_interp.set_title(f"interpolation between examples {i} and {j}")
        self._curves(self.v_curves, a)
        self.v_kl.set_values(a["kl_dim"])
        self.v_text.setText(self._vae_text(snap))

    def _draw_vae_digits(self, snap) -> None:
        a, t = snap.arrays, snap.tables
        self._latent(self.vd_latent, a)
        self.vd_grid.set_image(a["grid_image"], (0.0, 1.0))
        self.vd_prior.set_image(a["prior_image"], (0.0, 1.0))
        self.vd_recon.set_image(a["recon_image"], (0.0, 1.0))
        self.vd_interp.set_image(a["interp_image"], (0.0, 1.0))
        i, j = t["interp"]
        self.vd_interp.set_title(f"interpolation from digit #{i} to digit #{j} (decoded along the line in z)")
        self._curves(self.vd_curves, a)
        self.vd_kl.set_values(a["kl_dim"])
        self.vd_text.setText(self._vae_text(snap))

    def clear(self) -> None:
        self.last_snapshot = None
        for view in (self.g_plane, self.g_loss, self.g_div, self.g_modes, self.gd_samples, self.gd_real,
                     self.gd_loss, self.gd_div, self.v_data, self.v_latent, self.v_decoded, self.v_curves, self.v_kl,
                     self.v_interp, self.vd_latent, self.vd_grid, self.vd_curves, self.vd_prior, self.vd_recon,
                     self.vd_kl, self.vd_interp):
            view.clear()
        for label in (self.g_text, self.gd_text, self.v_text, self.vd_text):
            label.setText("")


if __name__ == "__main__":  # preview: python -m widgets.panels.generative_panel [PRESET]
    from widgets.panels.preview import preview

    preview(Panel, steps_per_tick=lambda config, engine: 2 if config.mode == "gan" else 10)
