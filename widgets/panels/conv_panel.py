"""The convolution panel: the kernel sliding over a grid, kernels on images, backprop through a
convolution, and a LeNet-style CNN training on digits. One page of plots per mode."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QWidget

from playground.conv.config import ConvConfig
from widgets.conv_views import GREYS, SEQUENTIAL, CurveView, GridView, ImageView, equal_columns
from widgets.panels.modal import ModalPanel
from widgets.i18n import tr, tr_message
from widgets.readout import ReadoutLabel

MODES = [mode.name for mode in ConvConfig.MODES]  # one page per mode, in this order


class Panel(ModalPanel):
    key = "conv"
    config_class = ConvConfig

    def __init__(self, config: ConvConfig | None = None, parent: QWidget | None = None) -> None:
        super().__init__(config, parent)
        self._build_controls()  # sections and rows per mode: ConvConfig.MODES
        self._build_view_controls()
        self._build_arithmetic_page()
        self._build_kernels_page()
        self._build_backprop_page()
        self._build_train_page()
        self.last_snapshot = None
        self.show_config(self.config())

    # Controls ----------------------------------------------------------------------------------------
    def _build_view_controls(self) -> None:
        self.digit_box = self._view_spin_box(
            "digit shown", 9, "Which test digit (one per class, 0-9) the feature maps and the receptive field show")

    def _show_mode(self, values: dict) -> None:
        super()._show_mode(values)
        self.view_section.setVisible(values["mode"] == "train")
        self.pages.setCurrentIndex(MODES.index(values["mode"]))

    # Pages -------------------------------------------------------------------------------------------
    def _build_arithmetic_page(self) -> None:
        self.a_graphics, layout = self._add_page()
        g = self.a_graphics.ci
        self.a_in = GridView(g, 0, 0, "input x (grey: zero padding)")
        self.a_kernel = GridView(g, 0, 1, "kernel W")
        self.a_products = GridView(g, 0, 2, "products w_uv * x")
        self.a_out = GridView(g, 0, 3, "output y")
        equal_columns(g, [1, 1, 1, 1])
        self.a_formula = ReadoutLabel(size=17)
        self.a_cell = ReadoutLabel(size=15)
        self.a_torch = ReadoutLabel(size=15)
        for label in (self.a_formula, self.a_cell, self.a_torch):
            layout.addWidget(label)

    def _build_kernels_page(self) -> None:
        self.k_graphics, layout = self._add_page()
        g = self.k_graphics.ci
        self.k_image = ImageView(g, 0, 0, "image (shifted)", GREYS)
        self.k_kernel = GridView(g, 0, 1, "kernel")
        self.k_feature = ImageView(g, 0, 2, "feature map = image (x) kernel")
        self.k_pooled = ImageView(g, 1, 0, "pooled feature map")
        self.k_pooled_ref = ImageView(g, 1, 1, "pooled, image not shifted")
        self.k_changed = ImageView(g, 1, 2, "pooled cells that changed (blue)", SEQUENTIAL)
        equal_columns(g, [1, 1, 1])
        self.k_text = ReadoutLabel(size=16)
        layout.addWidget(self.k_text)

    def _build_backprop_page(self) -> None:
        self.b_graphics, layout = self._add_page()
        g = self.b_graphics.ci
        self.b_x = GridView(g, 0, 0, "input X (orange: read by y_ij)")
        self.b_w = GridView(g, 0, 1, "learned kernel W")
        self.b_w_true = GridView(g, 0, 2, "hidden kernel W*")
        self.b_dy_dw = GridView(g, 0, 3, "dy_ij/dW")
        self.b_loss = CurveView(g, 0, 4, "loss L = mean (Y - T)^2 / 2", "step", "loss", ["loss"], log_y=True,
                                rowspan=2)
        self.b_grad_y = GridView(g, 1, 0, "dL/dY = (Y - T)/M")
        self.b_grad_w = GridView(g, 1, 1, "dL/dW = dL/dY (x) X")
        self.b_grad_x = GridView(g, 1, 2, "dL/dX (full convolution)")
        self.b_dy_dx = GridView(g, 1, 3, "dy_ij/dX")
        equal_columns(g, [1, 1, 1, 1, 1])
        self.b_text = ReadoutLabel(size=16)
        layout.addWidget(self.b_text)

    def _build_train_page(self) -> None:
        self.t_graphics, layout = self._add_page()
        g = self.t_graphics.ci
        self.t_loss = CurveView(g, 0, 0, "training loss", "step", "cross-entropy", ["CNN", "twin"], log_y=True)
        self.t_acc = CurveView(g, 0, 1, "accuracy", "step", "accuracy", ["CNN test", "CNN train", "twin test"],
                               y_range=(0, 1))
        self.t_confusion = GridView(g, 0, 2, "confusion matrix (test digits)", signed=False, x_label="predicted digit",
                                    y_label="true digit", ticks=10)
        self.t_filters = ImageView(g, 1, 0, "conv1 filters (learned kernels)")
        self.t_digit = ImageView(g, 1, 1, "digit and receptive field", GREYS)
        self.t_digit.plot.setLabel("bottom", "dashed: field; orange: |d unit/d pixel|")
        self.t_conv1 = ImageView(g, 1, 2, "conv1 feature maps")
        self.t_pool1 = ImageView(g, 2, 0, "pool1 feature maps")
        self.t_conv2 = ImageView(g, 2, 1, "conv2 feature maps")
        self.t_pool2 = ImageView(g, 2, 2, "pool2 feature maps")
        equal_columns(g, [1, 1, 1])
        self.t_text = ReadoutLabel(size=16)
        layout.addWidget(self.t_text)

    # Drawing -----------------------------------------------------------------------------------------
    draws = {"conv.arithmetic": "_draw_arithmetic", "conv.kernels": "_draw_kernels", "conv.backprop": "_draw_backprop",
             "conv.train": "_draw_train"}

    def _draw_arithmetic(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        transposed = bool(t["transposed"])
        if transposed:
            self.a_in.set_title("input x (orange: stamping)")
            self.a_products.set_title("stamp x_ij * W")
            self.a_out.set_title(f"output (grey: cropped, p = {t['padding']})")
        else:
            self.a_in.set_title("input x (grey: zero padding)")
            self.a_products.set_title("products w_uv * x")
            self.a_out.set_title("output y")
        self.a_in.set_grid(a["in_grid"], shade=a["in_shade"], marks=a["in_taps"])
        self.a_kernel.set_grid(a["kernel"])
        self.a_products.set_grid(a["products"])
        self.a_out.set_grid(a["out_grid"], shade=a["out_shade"], marks=a["out_taps"])
        self.a_formula.setText(tr_message(t["formula"]))
        self.a_cell.setText(tr("step {step} of {total}: {cell}").format(
            step=int(m["cell"]), total=int(m["cells"]), cell=t["cell"]))
        self.a_torch.setText(tr_message(t["torch"]) + tr("; largest |own loops - torch| over all cells = {error}").format(
            error=f"{m['max_error_vs_torch']:.1e}"))

    def _draw_kernels(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        peak = max(abs(m["feature_min"]), abs(m["feature_max"]), 1e-12)
        self.k_image.set_image(a["image"], (0.0, 1.0))
        label = f" (a {t['label']})" if t.get("label") is not None else ""
        self.k_image.set_title(f"image{label}, shifted {int(m['shift'])} px")
        self.k_kernel.set_grid(a["kernel"])
        self.k_kernel.set_title(f"kernel ({t['kernel_shape']})")
        self.k_feature.set_image(a["feature"], (-peak, peak))
        self.k_pooled.set_image(a["pooled"], (-peak, peak))
        self.k_pooled.set_title(t["pool"])
        self.k_pooled_ref.set_image(a["pooled_ref"], (-peak, peak))
        self.k_changed.set_image(a["pooled_changed"], (0.0, 1.0))
        self.k_text.setText(tr(
            "shift {shift} px: the feature map changed by {feature}% (||new - old|| / ||old||, {feature_cells}% "
            "of cells), the pooled map by {pooled}% ({pooled_cells}% of cells)").format(
            shift=int(m["shift"]), feature=f"{100 * m['feature_change']:.0f}",
            feature_cells=f"{100 * m['feature_cells_changed']:.0f}", pooled=f"{100 * m['pooled_change']:.0f}",
            pooled_cells=f"{100 * m['pooled_cells_changed']:.0f}"))

    def _draw_backprop(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        i, j = t["cell"]
        self.b_x.set_grid(a["x"], marks=a["touched_cells"])
        peak = float(np.abs(a["w_true"]).max()) or 1.0  # both kernels on the target's colour scale
        self.b_w.set_grid(a["w"], levels=(-peak, peak))
        self.b_w_true.set_grid(a["w_true"], levels=(-peak, peak))
        self.b_loss.set("loss", a["loss_steps"], np.maximum(a["loss_values"], 1e-32))
        self.b_grad_y.set_grid(a["grad_y"], marks=a["cell_mark"])
        self.b_grad_y.set_title("dL/dY = (Y - T)/M")
        self.b_grad_w.set_grid(a["grad_w"])
        self.b_grad_x.set_grid(a["grad_x"])
        self.b_dy_dx.set_grid(a["dy_dx"], marks=a["touched_cells"])
        self.b_dy_dw.set_grid(a["dy_dw"])
        self.b_dy_dw.set_title(f"dy[{i},{j}]/dW")
        self.b_dy_dx.set_title(f"dy[{i},{j}]/dX")
        self.b_text.setText(tr(
            "step {step}: loss {loss}, largest |W - W*| = {kernel_error}.  Hand-derived vs autograd: "
            "max |dL/dW diff| = {grad_w}, max |dL/dX diff| = {grad_x}.  y[{i},{j}] = {y}").format(
            step=snap.step, loss=f"{m['loss']:.3g}", kernel_error=f"{m['kernel_error']:.3g}",
            grad_w=f"{m['grad_w_vs_autograd']:.1e}", grad_x=f"{m['grad_x_vs_autograd']:.1e}", i=i, j=j,
            y=f"{m['y_cell']:.3f}"))

    def _draw_train(self, snap) -> None:
        """In three parts (curves and text, confusion and filters, the digit and its feature maps)
        that a playing run paints in separate turns: together they were one 15-30 ms paint."""
        a, m, t = snap.arrays, snap.metrics, snap.tables
        twin = t["twin"]
        d = self.digit_box.value()

        def curves_and_text() -> None:
            steps = a["hist_step"]
            self.t_loss.set("CNN", steps, np.maximum(a["hist_loss"], 1e-8))
            self.t_acc.set("CNN test", steps, a["hist_test_acc"])
            self.t_acc.set("CNN train", steps, a["hist_train_acc"])
            self.t_loss.show("twin", bool(twin))
            self.t_acc.show("twin test", bool(twin))
            if twin:
                self.t_loss.set("twin", steps, np.maximum(a["hist_twin_loss"], 1e-8), label=twin)
                self.t_acc.set("twin test", steps, a["hist_twin_acc"], label=f"{twin} test")
            text = tr("step {step} (epoch {epoch}): CNN test accuracy {accuracy}%, loss {loss}, "
                      "{params} parameters").format(
                step=snap.step, epoch=f"{m['epoch']:.1f}", accuracy=f"{100 * m['test_acc']:.1f}",
                loss=f"{m['train_loss']:.3f}", params=f"{int(m['params']):,}")
            if twin:
                text += tr("  |  {twin}: test accuracy {accuracy}%, {params} parameters").format(
                    twin=twin, accuracy=f"{100 * m['twin_test_acc']:.1f}", params=f"{int(m['twin_params']):,}")
            self.t_text.setText(text)

        def confusion_and_filters() -> None:
            self.t_confusion.set_grid(a["confusion"])
            filters = a["filters"]
            peak = float(np.nanmax(np.abs(filters))) if np.isfinite(filters).any() else 1.0
            self.t_filters.set_image(filters, (-peak, peak))

        def digit_and_feature_maps() -> None:
            self.t_digit.set_image(a["digits"][d], (0.0, 1.0))
            self.t_digit.set_overlay(a["rf_grad"][d])
            self.t_digit.set_box(a["rf_box"])
            unit = t["unit"]
            probs = a["probs"][d]
            self.t_digit.set_title(f"digit {d} -> {int(np.argmax(probs))} (p {probs.max():.2f}), "
                                   f"{unit['layer']}[{unit['channel']},{unit['row']},{unit['col']}]")
            shapes = t["shapes"]
            for view, name in ((self.t_conv1, "conv1"), (self.t_pool1, "pool1"), (self.t_conv2, "conv2"),
                               (self.t_pool2, "pool2")):
                view.set_image(a[f"fmap_{name}"][d], (-1.0, 1.0))
                c, h, w = shapes[name]
                view.set_title(f"{name}: {c} maps of {h}x{w}")

        self.draw_in_turns([curves_and_text, confusion_and_filters, digit_and_feature_maps])

    def clear(self) -> None:
        self.cancel_turns()
        self.last_snapshot = None
        for view in (self.a_in, self.a_kernel, self.a_products, self.a_out, self.k_image, self.k_kernel,
                     self.k_feature, self.k_pooled, self.k_pooled_ref, self.k_changed, self.b_x, self.b_w,
                     self.b_w_true, self.b_dy_dw, self.b_loss, self.b_grad_y, self.b_grad_w, self.b_grad_x, self.b_dy_dx,
                     self.t_loss, self.t_acc, self.t_confusion, self.t_filters, self.t_digit, self.t_conv1,
                     self.t_pool1, self.t_conv2, self.t_pool2):
            view.clear()
        for label in (self.a_formula, self.a_cell, self.a_torch, self.k_text, self.b_text, self.t_text):
            label.setText("")


if __name__ == "__main__":  # preview: python -m widgets.panels.conv_panel [PRESET]
    from widgets.panels.preview import preview

    # The sliding kernel and the shifting image are worth watching slowly; the rest trains.
    steps = {"arithmetic": 1, "backprop": 2, "kernels": 1}
    preview(Panel, steps_per_tick=lambda config, _engine: steps.get(config.mode, 10),
            interval_ms=lambda config: 400 if config.mode in ("arithmetic", "kernels") else 33)
