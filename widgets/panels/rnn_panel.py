"""RNN gradients panel: watch dL/dh_t vanish or explode through time in an RNN, an LSTM and a GRU.

Top row: heatmaps of log10 ||dL/dh_t|| (timestep t across, training iteration down), the same
for ||dL/dx_t||, and the gates of the latest sequence (compare mode: one dL/dh_t heatmap per net).
Bottom row, under one key naming the nets' colours: the latest gradient profile with the theory
line, W_hh's eigenvalues on the complex plane, loss against the constant-answer baseline, and
accuracy. All numbers come from the engine.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget
from superqt import QCollapsible

from playground.rnn.config import RnnConfig
from playground.snapshot import Snapshot
from widgets.form import ConfigForm
from widgets.i18n import current_language, show_tooltip, tr, tr_message
from widgets.live_plot import colour, finite_for_log
from widgets.panels.base import PanelBase
from widgets.readout import ReadoutLabel
from widgets.rnn_views import EigenView, HeatmapView, curve_plot, set_title

COMPARE_NAMES = ("RNN", "LSTM", "GRU")
PROFILE_TITLE = "dL/dh_t (dashed: theory)"


class Panel(PanelBase):
    key = "rnn"

    def __init__(self, config: RnnConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        self.forms: list[ConfigForm] = []
        # Both modes show the same sections (RnnConfig.MODES); the mode is one of the model's settings.
        for section in RnnConfig.MODES[0].sections:
            form = ConfigForm(RnnConfig, list(section.fields))
            self.bind_form(form)
            form.changed.connect(self._update_enabled)  # an invalid edit leaves the state, not the view
            box = QCollapsible(section.title)
            box.addWidget(form)
            if section.expanded:
                box.expand(animate=False)
            self.controls_layout.addWidget(box)
            self.forms.append(form)
        self._build_views()
        self._models: list[str] = []
        self.show_config(self.config())

    # Views -------------------------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.summary = ReadoutLabel("")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.view_layout.addWidget(self.summary)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.view_layout.addWidget(grid_host, 1)
        self.heat_h = [HeatmapView(f"dL/dh_t: {name}", "timestep t", "training iteration",
                                   "log10 ||dL/dh_t||") for name in COMPARE_NAMES]
        self.heat_x = HeatmapView("dL/dx_t (input gradient)", "timestep t", "training iteration",
                                  "log10 ||dL/dx_t||", cmap="magma")
        self.units = HeatmapView("gates of the latest sequence", "timestep t", "hidden unit", "value",
                                 cmap="cividis", invert_y=False)
        # Row 0: three equal cells (12 columns / 4); row 1: four plots (12 / 3).
        grid.addWidget(self.heat_h[0], 0, 0, 1, 4)
        grid.addWidget(self.heat_x, 0, 4, 1, 4)
        grid.addWidget(self.heat_h[1], 0, 4, 1, 4)
        grid.addWidget(self.units, 0, 8, 1, 4)
        grid.addWidget(self.heat_h[2], 0, 8, 1, 4)
        # The nets' colours are named once, over the four plots below (a legend each took a third
        # of these small plots' height, and its last rows were cut at the window's edge).
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.key, 1, 0, 1, 12)
        self.profile = curve_plot(PROFILE_TITLE, "timestep t", "log10 ||dL/dh_t||")
        self.eigen = EigenView()
        # Its one entry of its own: the baseline (the nets are in the key).
        self.loss = curve_plot("Loss", "training iteration", "loss", log_y=True, legend=True)
        self.loss.getPlotItem().getAxis("left").enableAutoSIPrefix(False)  # no "loss (x0.001)"
        self.accuracy = curve_plot("Accuracy", "training iteration", "fraction right")
        self.accuracy.getPlotItem().setYRange(0, 1)
        for col, widget in enumerate((self.profile, self.eigen, self.loss, self.accuracy)):
            grid.addWidget(widget, 2, 3 * col, 1, 3)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(2, 1)
        self._series_for([], [])

    def _series_for(self, models: list[str], labels: list[str]) -> None:
        """(Re)make one curve per net, and the single or compare layout."""
        self._models = list(models)
        compare = len(models) > 1
        self.heat_h[1].setVisible(compare)
        self.heat_h[2].setVisible(compare)
        self.heat_x.setVisible(not compare)
        self.units.setVisible(not compare)
        for plot in (self.profile, self.loss, self.accuracy):
            plot.getPlotItem().clear()
            legend = plot.getPlotItem().legend
            if legend is not None:
                legend.clear()
        dash = Qt.PenStyle.DashLine
        self.profile_curves, self.theory_curves, self.loss_curves, self.acc_curves = [], [], [], []
        for i, label in enumerate(labels):
            pen = pg.mkPen(colour(i), width=2.5)
            self.profile_curves.append(self.profile.plot([], [], pen=pen))
            self.theory_curves.append(self.profile.plot([], [], pen=pg.mkPen(colour(i), width=2, style=dash)))
            self.loss_curves.append(self.loss.plot([], [], pen=pen))
            self.acc_curves.append(self.accuracy.plot([], [], pen=pen))
        self._show_key(labels)
        self._baseline_label = "best constant answer"
        self.baseline = self.loss.plot([], [], pen=pg.mkPen("#888888", width=2, style=dash),
                                       name=self._baseline_label)
        self.eigen.set_series(labels)

    def _show_key(self, labels: list[str]) -> None:
        """The nets' colours, once for the four plots below; redone when they or the UI language change."""
        shown = (tuple(labels), current_language())
        if shown == getattr(self, "_key_shown", None):
            return
        self._key_shown = shown
        self.key.setText("&nbsp;&nbsp;&nbsp; ".join(
            f"<span style='color:{colour(i)}; font-weight:bold'>━━</span>&nbsp;{html.escape(tr_message(label))}"
            for i, label in enumerate(labels)))
        self.key.setToolTip(tr("The nets' colours in the four plots below"))

    # Config ------------------------------------------------------------------------------------------
    def _values(self) -> dict:
        values: dict = {}
        for form in self.forms:
            values.update(form.values())
        return values

    def show_config(self, config: RnnConfig) -> None:
        super().show_config(config)
        self._update_enabled()

    def _update_enabled(self) -> None:
        """Grey out settings the chosen cell, init or task does not use."""
        values = self._values()
        editors = {name: editor for form in self.forms for name, editor in form.editors.items()}
        gated = values["cell"] in ("lstm", "gru")
        compare = values["mode"] == "compare"
        editors["forget_bias"].setEnabled(values["cell"] == "lstm" or compare)
        editors["gru_variant"].setEnabled(values["cell"] == "gru" or compare)
        editors["rho"].setEnabled(values["init"] != "default")
        editors["vocab"].setEnabled(values["task"] == "copy")
        editors["noise"].setEnabled(values["task"] == "sine")
        editors["clip_norm"].setEnabled(values["clip"])
        description = RnnConfig.model_fields["cell"].description
        show_tooltip(editors["cell"], f"{description} In compare mode a gated cell here means a tanh RNN."
                     if compare and gated else description)

    # Drawing -----------------------------------------------------------------------------------------
    draws = {"rnn": "_draw_nets"}

    def _draw_nets(self, snap: Snapshot) -> None:
        tables, arrays, metrics = snap.tables, snap.arrays, snap.metrics
        models = list(tables["models"])
        labels = [tables["labels"][m] for m in models]
        if models != self._models:
            self._series_for(models, labels)
            for view, label in zip(self.heat_h, labels):
                set_title(view, f"dL/dh_t: {label}", force=True)
            # Titles take the plot foreground of when they are set: redo the fixed ones, so they
            # match the theme the window applied after building the panel.
            for view, title in ((self.heat_x, "dL/dx_t (input gradient)"), (self.profile, PROFILE_TITLE),
                                (self.eigen, "Eigenvalues of W_hh"), (self.accuracy, "Accuracy")):
                set_title(view, title, force=True)
        self._show_key(labels)  # again in the UI language after a switch
        self.draw_in_turns(self._parts(snap, models, labels))

    def _parts(self, snap: Snapshot, models: list[str], labels: list[str]) -> list:
        """The snapshot's drawing in parts of a few milliseconds each (see draw_in_turns)."""
        tables, arrays = snap.tables, snap.arrays
        t = arrays["t"]
        T = len(t)
        rows = arrays["heat_iter"]
        every = max(1, int(rows[1] - rows[0])) if len(rows) > 1 else 1
        y0, y1 = (rows[0] - 0.5 * every, rows[-1] + 0.5 * every) if len(rows) else (0.0, 1.0)
        levels_h = tuple(tables["levels_h"])
        steps = arrays["hist_step"]

        def heatmap(i: int, name: str) -> None:
            self.heat_h[i].show_image(arrays[f"heat_h/{name}"], 0.5, T + 0.5, y0, y1, levels_h)

        def profiles_and_eigenvalues() -> None:
            for i, name in enumerate(models):
                self.profile_curves[i].setData(t, arrays[f"profile/{name}"])
                self.theory_curves[i].setData(t, arrays[f"theory/{name}"])
                self.eigen.show_eigenvalues(i, arrays[f"eig/{name}"])

        def history() -> None:
            for i, name in enumerate(models):
                self.loss_curves[i].setData(steps, finite_for_log(arrays[f"hist_loss/{name}"]))
                self.acc_curves[i].setData(steps, arrays[f"hist_acc/{name}"])
            if len(steps):
                self.baseline.setData([steps[0], steps[-1]], [tables["baseline_loss"]] * 2)
            set_title(self.loss, f"Loss: {tables['task']} task")
            if tables["baseline_label"] != self._baseline_label:
                self._baseline_label = tables["baseline_label"]
                self.loss.getPlotItem().legend.rename(self.baseline, self._baseline_label)

        def single_model_views() -> None:
            name = models[0]
            self.heat_x.show_image(arrays[f"heat_x/{name}"], 0.5, T + 0.5, y0, y1, tuple(tables["levels_x"]))
            units = arrays[f"units/{name}"]
            self.units.show_image(units, 0.5, T + 0.5, -0.5, len(units) - 0.5, (0.0, 1.0))
            set_title(self.units, f"{tables['gate_labels'][name]}, one sequence")

        def summary() -> None:
            self.summary.setText(self._summary(snap, models, labels))
            theory = "Theory line, gradient ratio per step back: " + "; ".join(
                f"{label}: {tables['theory_labels'][name]}" for name, label in zip(models, labels))
            if getattr(self, "_theory_tip", None) != theory:  # the English: the tooltip shows it translated
                self._theory_tip = theory
                show_tooltip(self.profile, theory)
                show_tooltip(self.summary, theory)

        parts = [lambda i=i, name=name: heatmap(i, name) for i, name in enumerate(models)]
        parts += [profiles_and_eigenvalues, history]
        if len(models) == 1:
            parts.append(single_model_views)
        return parts + [summary]

    @staticmethod
    def _summary(snap: Snapshot, models: list[str], labels: list[str]) -> str:
        m = snap.metrics
        parts = []
        for name, label in zip(models, labels):
            decades = m[f"log10_grad_h1_{name}"] - m[f"log10_grad_hT_{name}"]
            parts.append(tr(
                "<b>{label}</b>: loss {loss} · ρ(W_hh) {radius} · ratio per step back: theory {theory}, "
                "measured {measured} · ‖dL/dh<sub>1</sub>‖ / ‖dL/dh<sub>T</sub>‖ = 10<sup>{decades}</sup> · "
                "clips {clips}").format(
                label=label, loss=f"{m[f'loss_{name}']:.4g}", radius=f"{m[f'spectral_radius_{name}']:.3f}",
                theory=f"{m[f'step_factor_{name}']:.3f}", measured=f"{m[f'measured_factor_{name}']:.3f}",
                decades=f"{decades:.1f}", clips=int(m[f'clip_events_{name}'])))
        return tr("iteration {step}").format(step=snap.step) + "<br>" + "<br>".join(parts)

    def clear(self) -> None:
        self.cancel_turns()
        for view in (*self.heat_h, self.heat_x, self.units):
            view.clear_image()
        for curve in (*self.profile_curves, *self.theory_curves, *self.loss_curves, *self.acc_curves, self.baseline):
            curve.setData([], [])
        self.eigen.clear_points()
        self.summary.setText("")

    def export_target(self):
        return self.heat_h[0].getPlotItem()


if __name__ == "__main__":  # preview: python -m widgets.panels.rnn_panel [PRESET]
    from widgets.panels.preview import preview

    preview(Panel, steps_per_tick=5, size=(1560, 960), interval_ms=30)
