"""The attention panel: Nadaraya-Watson kernel regression, attention scoring, a tiny transformer,
positional encoding and beam search. One page of plots per mode."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from playground.attention.config import AttentionConfig
from widgets.attention_views import RegressionView, TreeView
from widgets.conv_views import SEQUENTIAL, CurveView, GridView, ImageView, equal_columns
from widgets.i18n import tr, tr_message
from widgets.panels.modal import ModalPanel
from widgets.readout import ReadoutLabel

MODES = [mode.name for mode in AttentionConfig.MODES]  # one page per mode, in this order


def _tokens(values) -> str:
    return " ".join(str(int(v)) for v in values)


class Panel(ModalPanel):
    key = "attention"
    config_class = AttentionConfig

    def __init__(self, config: AttentionConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        self._build_controls()  # sections and rows per mode: AttentionConfig.MODES
        self._build_view_controls()
        self._build_kernel_page()
        self._build_scoring_page()
        self._build_transformer_page()
        self._build_positional_page()
        self._build_decoding_page()
        self.last_snapshot = None
        self._fast_plots()
        self.show_config(self.config())

    def _fast_plots(self) -> None:
        """Curves without grid lines and with fixed axis widths: grid lines over the whole plot, and a
        re-layout of the page whenever a tick label changes width, cost more than the rest of a frame."""
        for view in (self.n_fit, self.n_loss, self.n_width, self.s_var, self.s_entropy, self.s_grad, self.t_loss,
                     self.t_acc, self.p_acc):
            view.plot.showGrid(x=False, y=False)
            view.plot.getAxis("left").setWidth(58)

    # Controls ----------------------------------------------------------------------------------------
    def _build_view_controls(self) -> None:
        self.example_box = self._view_spin_box(
            "example shown", 7, "Which of the first 8 held-out sequences the attention maps show")

    def _show_mode(self, values: dict) -> None:
        super()._show_mode(values)
        self.view_section.setVisible(values["mode"] == "transformer")
        self.pages.setCurrentIndex(MODES.index(values["mode"]))

    # Pages -------------------------------------------------------------------------------------------
    def _build_kernel_page(self) -> None:
        graphics, layout = self._add_page()
        g = graphics.ci
        self.n_fit = RegressionView(g, 0, 0, "Nadaraya-Watson estimate f(x) = sum_i alpha(x, x_i) y_i")
        self.n_weights = ImageView(g, 0, 1, "attention weights alpha(x, x_i)", SEQUENTIAL)
        self.n_weights.plot.setLabel("left", "query x (row)")
        self.n_weights.plot.setLabel("bottom", "key x_i (sorted)")
        self.n_weights.plot.setAspectLocked(False)
        self.n_loss = CurveView(g, 1, 0, "leave-one-out loss", "step", "loss", ["loss"])
        self.n_width = CurveView(g, 1, 1, "kernel parameter w", "step", "w", ["w"])
        equal_columns(g, [1, 1])
        self.n_text = ReadoutLabel(size=16)
        layout.addWidget(self.n_text)

    def _build_scoring_page(self) -> None:
        graphics, layout = self._add_page()
        g = graphics.ci
        self.s_scaled = GridView(g, 0, 0, "softmax(q.k / sqrt(d))", signed=False, x_label="key", y_label="query",
                                 max_numbers=16)
        self.s_unscaled = GridView(g, 0, 1, "softmax(q.k), not scaled", signed=False, x_label="key",
                                   y_label="query", max_numbers=16)
        self.s_additive = GridView(g, 0, 2, "additive softmax(w_v tanh(W_q q + W_k k))", signed=False,
                                   x_label="key", y_label="query", max_numbers=16)
        self.s_var = CurveView(g, 1, 0, "variance of the scores", "log2 d", "variance", ["scaled", "not scaled"],
                               log_y=True)
        self.s_entropy = CurveView(g, 1, 1, "softmax entropy (nats)", "log2 d", "entropy", ["scaled", "not scaled"])
        self.s_grad = CurveView(g, 1, 2, "softmax gradient |diag(p) - pp^T|", "log2 d", "norm",
                                ["scaled", "not scaled"])
        self.s_marks = []
        for view in (self.s_var, self.s_entropy, self.s_grad):
            line = pg.InfiniteLine(angle=90, pen=pg.mkPen((120, 120, 120), width=2, style=Qt.PenStyle.DashLine))
            view.plot.addItem(line)
            self.s_marks.append(line)
        equal_columns(g, [1, 1, 1])
        self.s_text = ReadoutLabel(size=16)
        layout.addWidget(self.s_text)

    def _build_transformer_page(self) -> None:
        graphics, layout = self._add_page()
        g = graphics.ci
        self.t_loss = CurveView(g, 0, 0, "training loss (mean between evaluations)", "step", "cross-entropy",
                                ["model", "twin"], log_y=True)
        self.t_acc = CurveView(g, 0, 1, "accuracy on 512 held-out sequences", "step", "accuracy",
                               ["tokens", "whole sequences", "twin tokens"], y_range=(0, 1))
        self.t_maps = GridView(g, 1, 0, "attention per head", signed=False, x_label="input position (key)",
                               y_label="output position (query)")
        self.t_twin_maps = GridView(g, 1, 1, "twin: attention per head", signed=False,
                                    x_label="input position (key)", y_label="output position (query)")
        equal_columns(g, [1, 1])
        self.t_example = ReadoutLabel(size=16)
        self.t_text = ReadoutLabel(size=16)
        layout.addWidget(self.t_example)
        layout.addWidget(self.t_text)

    def _build_positional_page(self) -> None:
        graphics, layout = self._add_page()
        g = graphics.ci
        self.p_sin = ImageView(g, 0, 0, "sinusoidal PE(p, i)")
        self.p_dot = ImageView(g, 0, 1, "PE(p) . PE(q)")
        self.p_acc = CurveView(g, 0, 2, "task accuracy (learned encoding)", "step", "accuracy", ["tokens"],
                               y_range=(0, 1))
        self.p_learned = ImageView(g, 1, 0, "learned encoding")
        self.p_learned_cos = ImageView(g, 1, 1, "learned: cosine similarity")
        self.p_fixed_cos = ImageView(g, 1, 2, "sinusoidal (same size): cosine similarity")
        for view in (self.p_sin, self.p_learned):
            view.plot.setLabel("left", "position p")
            view.plot.setLabel("bottom", "dimension i")
        for view in (self.p_dot, self.p_learned_cos, self.p_fixed_cos):
            view.plot.setLabel("left", "position p")
            view.plot.setLabel("bottom", "position q")
        for view in (self.p_sin, self.p_learned):
            view.plot.setAspectLocked(False)
        equal_columns(g, [1, 1, 1])
        self.p_text = ReadoutLabel(size=16)
        layout.addWidget(self.p_text)

    def _build_decoding_page(self) -> None:
        graphics, layout = self._add_page()
        g = graphics.ci
        self.d_beam = TreeView(g, 0, 0, "beam search")
        self.d_greedy = TreeView(g, 0, 1, "greedy search")
        equal_columns(g, [1, 1])
        self.d_text = ReadoutLabel(size=15)
        self.d_text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.d_text)

    # Drawing -----------------------------------------------------------------------------------------
    draws = {"attention.kernel_regression": "_draw_kernel", "attention.scoring": "_draw_scoring",
             "attention.positional": "_draw_positional", "attention.transformer": "_draw_transformer",
             "attention.decoding": "_draw_decoding"}

    def _draw_kernel(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        self.n_fit.set(a["nw_x_train"], a["nw_y_train"], a["nw_x_query"], a["nw_truth"], a["nw_prediction"])
        weights = a["nw_weights"]
        self.n_weights.set_image(weights, (0.0, max(float(weights.max()), 1e-12)))
        self.n_loss.set("loss", a["hist_step"], a["hist_loss"])
        self.n_width.set("w", a["hist_step"], a["hist_width"])
        how = tr("learned") if t["learned"] else tr("fixed")
        self.n_text.setText(tr(
            "step {step}: w = {width} ({how}), leave-one-out loss {loss}, error against the true f: {error}, "
            "mean entropy of a row of weights {entropy} nats").format(
            step=snap.step, width=f"{m['width']:.3f}", how=how, loss=f"{m['loo_loss']:.4f}",
            error=f"{m['test_mse']:.4f}", entropy=f"{m['weight_entropy']:.2f}"))

    def _draw_scoring(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        for view, name in ((self.s_scaled, "scaled"), (self.s_unscaled, "unscaled"), (self.s_additive, "additive")):
            view.set_grid(a[f"w_{name}"], levels=(0.0, 1.0))
        x = np.log2(a["sweep_d"])
        for view, key in ((self.s_var, "var"), (self.s_entropy, "entropy"), (self.s_grad, "grad")):
            view.set("scaled", x, a[f"sweep_{key}_scaled"])
            view.set("not scaled", x, a[f"sweep_{key}_unscaled"])
        for line in self.s_marks:
            line.setValue(float(np.log2(t["dim"])))
        self.s_text.setText(tr(
            "d = {dim}, {samples} draws: score variance {var_scaled} scaled vs {var_unscaled} not scaled; "
            "entropy {entropy_scaled} vs {entropy_unscaled} nats (at most ln {valid} = {max_entropy}); "
            "gradient norm {grad_scaled} vs {grad_unscaled}.  Weight on the padded keys (index >= {valid}): "
            "{masked}").format(
            dim=t["dim"], samples=int(m["samples"]), var_scaled=f"{m['score_var_scaled']:.2f}",
            var_unscaled=f"{m['score_var_unscaled']:.1f}", entropy_scaled=f"{m['entropy_scaled']:.2f}",
            entropy_unscaled=f"{m['entropy_unscaled']:.2f}", valid=t["valid_len"],
            max_entropy=f"{m['max_entropy']:.2f}", grad_scaled=f"{m['grad_scaled']:.3f}",
            grad_unscaled=f"{m['grad_unscaled']:.3f}", masked=f"{m['masked_weight']:g}"))

    def _draw_transformer(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        steps = a["hist_step"]
        twin = t["twin"]
        self.t_loss.set("model", steps, np.maximum(a["hist_loss"], 1e-8), label=f"positional: {t['positional']}")
        self.t_acc.set("tokens", steps, a["hist_acc"])
        self.t_acc.set("whole sequences", steps, a["hist_seq_acc"])
        self.t_loss.show("twin", bool(twin))
        self.t_acc.show("twin tokens", bool(twin))
        e = self.example_box.value()
        self.t_maps.set_grid(a["attn_mosaic"][e], levels=(0.0, 1.0))
        self.t_maps.set_title(f"{t['positional']} positions: heads across")
        text = tr("step {step}: token accuracy {tokens}%, whole sequences {sequences}%, loss {loss}, "
                  "{params} parameters").format(
            step=snap.step, tokens=f"{100 * m['token_acc']:.1f}", sequences=f"{100 * m['sequence_acc']:.1f}",
            loss=f"{m['loss']:.4f}", params=f"{int(m['params']):,}")
        example = tr("{task}, example {e}: input {input}  ->  target {target};  prediction {prediction}").format(
            task=tr(t["task"]), e=e, input=_tokens(a["example_input"][e]), target=_tokens(a["example_target"][e]),
            prediction=_tokens(a["example_prediction"][e]))
        if twin:
            self.t_loss.set("twin", steps, np.maximum(a["hist_twin_loss"], 1e-8), label=twin)
            self.t_acc.set("twin tokens", steps, a["hist_twin_acc"], label=f"{twin}: tokens")
            self.t_twin_maps.set_grid(a["twin_attn_mosaic"][e], levels=(0.0, 1.0))
            self.t_twin_maps.set_title(f"twin, {twin.removeprefix('positional encoding: ')} positions")
            text += tr("  |  twin ({twin}): {accuracy}%").format(
                twin=tr_message(twin), accuracy=f"{100 * m['twin_token_acc']:.1f}")
            example += tr(";  twin {prediction}").format(prediction=_tokens(a["twin_prediction"][e]))
        else:
            self.t_twin_maps.clear()
            self.t_twin_maps.set_title("no twin (compare: positional toggled)")
        self.t_text.setText(text)
        self.t_example.setText(example)

    def _draw_positional(self, snap) -> None:
        a, m = snap.arrays, snap.metrics
        self.p_sin.set_image(a["pe_sin"], (-1.0, 1.0))
        self.p_sin.set_title(f"sinusoidal PE: {a['pe_sin'].shape[0]} positions x {a['pe_sin'].shape[1]} dims")
        peak = float(np.abs(a["pe_sin_dot"]).max()) or 1.0
        self.p_dot.set_image(a["pe_sin_dot"], (-peak, peak))
        learned = a["pe_learned"]
        peak = float(np.abs(learned).max()) or 1.0
        self.p_learned.set_image(learned, (-peak, peak))
        self.p_learned.set_title(f"learned encoding ({learned.shape[0]} x {learned.shape[1]}), step {snap.step}")
        self.p_learned_cos.set_image(a["pe_learned_cos"], (-1.0, 1.0))
        self.p_fixed_cos.set_image(a["pe_fixed_cos"], (-1.0, 1.0))
        self.p_acc.set("tokens", a["hist_step"], a["hist_acc"])
        self.p_text.setText(tr(
            "PE(p + 1) = R PE(p) for every p: largest error {error}.  Learned encoding after {step} steps: "
            "task accuracy {accuracy}%; mean |difference| of its cosine similarities from the sinusoid's {gap}").format(
            error=f"{m['rotation_error']:.1e}", step=snap.step, accuracy=f"{100 * m['token_acc']:.1f}",
            gap=f"{m['learned_vs_sin_cos_gap']:.2f}"))

    def _draw_decoding(self, snap) -> None:
        a, t = snap.arrays, snap.tables
        for view, name in ((self.d_beam, "beam"), (self.d_greedy, "greedy")):
            view.set_tree(a[f"{name}_xy"], a[f"{name}_parent"], a[f"{name}_logp"], a[f"{name}_kept"],
                          t[f"{name}_labels"], t[name]["best_path"])
        self.d_beam.set_title(f"beam search, k = {t['width']} (orange: kept, green: chosen)")
        lines = [tr("<b>time step {step}</b>: each node shows its token and log P of the output so far.").format(
            step=snap.step)]
        for name in ("beam", "greedy"):
            rows = t[name]["candidates"]
            cells = ", ".join(tr("{tokens} (P {p}, score {score})").format(
                tokens=html.escape(r["tokens"]), p=f"{r['p']:.4f}", score=f"{r['score']:.3f}") for r in rows)
            best = html.escape(t[name]["best"]) or "-"
            lines.append(tr("<b>{name}</b>: chosen <b>{best}</b>; candidates: {cells}").format(
                name=tr(name), best=best, cells=cells or tr("none yet")))
        self.d_text.setText("<br>".join(lines))

    def clear(self) -> None:
        self.last_snapshot = None
        for view in (self.n_fit, self.n_weights, self.n_loss, self.n_width, self.s_scaled, self.s_unscaled,
                     self.s_additive, self.s_var, self.s_entropy, self.s_grad, self.t_loss, self.t_acc, self.t_maps,
                     self.t_twin_maps, self.p_sin, self.p_dot, self.p_acc, self.p_learned, self.p_learned_cos,
                     self.p_fixed_cos, self.d_beam, self.d_greedy):
            view.clear()
        for label in (self.n_text, self.s_text, self.t_example, self.t_text, self.p_text, self.d_text):
            label.setText("")


if __name__ == "__main__":  # preview: python -m widgets.panels.attention_panel [PRESET]
    from widgets.panels.preview import preview

    preview(Panel, lambda config, engine: {"decoding": 1, "scoring": 1}.get(config.mode, 10))
