"""Network panel: build a small network, train it live and look inside (TensorFlow Playground and beyond).

Run alone: ``python -m widgets.panels.network_panel [preset.json]``.
"""

from __future__ import annotations

# The config first: pydantic's first model build must happen before PySide6 is imported.
from playground.nets.config import ACTIVATIONS, MAX_LAYERS, MAX_WIDTH, LayerConfig, NetworkConfig  # isort: skip
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox,
    QWidget,
)
from superqt import QCollapsible

from playground.engine import EngineError
from playground.snapshot import Snapshot
from widgets.form import ConfigForm
from widgets.i18n import show_tooltip, tr
from widgets.network_views import NetworkViews
from widgets.panels.base import PanelBase

DATA_FIELDS = ["dataset", "n_points", "noise", "train_ratio", "batch_size"]
FEATURE_FIELDS = ["x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2"]
NET_FIELDS = ["residual", "init", "init_sigma", "loss", "l1", "l2", "optimizer", "lr", "grid"]
LAYER_TIPS = {k: LayerConfig.model_fields[k].description for k in LayerConfig.model_fields}


def _section(title: str, *widgets: QWidget) -> QCollapsible:
    box = QCollapsible(title)
    box.setToolTip(f"Show or hide: {title}")
    for widget in widgets:
        box.addWidget(widget)
    box.expand(animate=False)
    return box


class LayerEditor(QWidget):
    """The hidden layers: how many, and per layer its width, activation, dropout and batch norm."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.count = QSpinBox()
        self.count.setRange(0, MAX_LAYERS)
        self.count.setToolTip("Number of hidden layers (0: a linear model).")
        self.count.setKeyboardTracking(False)
        self.grid.addWidget(QLabel("hidden layers"), 0, 0, 1, 2)
        self.grid.addWidget(self.count, 0, 2, 1, 2)
        for col, text in enumerate(("width", "activation", "dropout", "BN")):
            self.grid.addWidget(QLabel(text), 1, col)
        self.rows: list[tuple[QSpinBox, QComboBox, QDoubleSpinBox, QCheckBox]] = []
        self.on_change = lambda: None
        self.count.valueChanged.connect(self._count_changed)

    def _add_row(self, layer: LayerConfig) -> None:
        width = QSpinBox()
        width.setRange(1, MAX_WIDTH)
        width.setKeyboardTracking(False)
        act = QComboBox()
        for name in ACTIVATIONS:
            act.addItem(name, name)
        drop = QDoubleSpinBox()
        drop.setRange(0.0, 0.9)
        drop.setSingleStep(0.05)
        drop.setKeyboardTracking(False)
        bn = QCheckBox()
        row = len(self.rows) + 2
        for col, (widget, key) in enumerate(((width, "width"), (act, "activation"), (drop, "dropout"),
                                             (bn, "batch_norm"))):
            show_tooltip(widget, f"Layer {row - 1}: {LAYER_TIPS[key]}")
            self.grid.addWidget(widget, row, col)
        self.rows.append((width, act, drop, bn))
        self._show_row(len(self.rows) - 1, layer)
        width.valueChanged.connect(lambda _v: self.on_change())
        act.currentIndexChanged.connect(lambda _v: self.on_change())
        drop.valueChanged.connect(lambda _v: self.on_change())
        bn.toggled.connect(lambda _v: self.on_change())

    def _show_row(self, i: int, layer: LayerConfig) -> None:
        width, act, drop, bn = self.rows[i]
        for w in (width, act, drop, bn):
            w.blockSignals(True)
        width.setValue(layer.width)
        act.setCurrentIndex(max(0, act.findData(layer.activation)))
        drop.setValue(layer.dropout)
        bn.setChecked(layer.batch_norm)
        for w in (width, act, drop, bn):
            w.blockSignals(False)

    def _count_changed(self, n: int) -> None:
        template = self.layers()[-1] if self.rows else LayerConfig()
        while len(self.rows) < n:
            self._add_row(template)
        while len(self.rows) > n:
            for widget in self.rows.pop():
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.on_change()

    def set_layers(self, layers: list[LayerConfig]) -> None:
        self.count.blockSignals(True)
        self.count.setValue(len(layers))
        self.count.blockSignals(False)
        while len(self.rows) > len(layers):
            for widget in self.rows.pop():
                self.grid.removeWidget(widget)
                widget.deleteLater()
        for i, layer in enumerate(layers):
            if i < len(self.rows):
                self._show_row(i, layer)
            else:
                self._add_row(layer)

    def layers(self) -> list[LayerConfig]:
        return [LayerConfig(width=w.value(), activation=a.currentData(), dropout=round(d.value(), 4),
                            batch_norm=b.isChecked()) for w, a, d, b in self.rows]


class Panel(PanelBase):
    key = "network"

    def __init__(self, config: NetworkConfig | None = None, parent=None) -> None:
        super().__init__(config, parent)
        self.data_form = ConfigForm(NetworkConfig, fields=DATA_FIELDS)
        self.csv_button = QPushButton("Load CSV…")
        self.csv_button.setToolTip("Load your own data: rows of x1, x2, label (0/1) or x1, x2, y (regression).")
        self.csv_button.clicked.connect(self._choose_csv)
        self.csv_label = QLabel("")
        self.csv_label.setWordWrap(True)
        data_box = QWidget()
        data_layout = QGridLayout(data_box)
        data_layout.setContentsMargins(0, 0, 0, 0)
        data_layout.addWidget(self.data_form, 0, 0)
        data_layout.addWidget(self.csv_button, 1, 0)
        data_layout.addWidget(self.csv_label, 2, 0)
        self.feature_form = ConfigForm(NetworkConfig, fields=FEATURE_FIELDS)
        self.layer_editor = LayerEditor()
        self.net_form = ConfigForm(NetworkConfig, fields=NET_FIELDS)
        self.export_button = QPushButton("Export PyTorch script…")
        self.export_button.setToolTip("Save this network and its training loop as a standalone PyTorch script.")
        self.export_button.clicked.connect(self._export_script)
        self.controls_layout.addWidget(_section("Data", data_box))
        self.controls_layout.addWidget(_section("Input features", self.feature_form))
        self.controls_layout.addWidget(_section("Hidden layers", self.layer_editor))
        self.controls_layout.addWidget(_section("Training", self.net_form))
        self.controls_layout.addWidget(self.export_button)
        self.views = NetworkViews()
        self.view_layout.addWidget(self.views)
        for form in (self.data_form, self.feature_form, self.net_form):
            self.bind_form(form)
        self.layer_editor.on_change = lambda: self.edit_config(hidden=self.layer_editor.layers())
        self.show_config(self.config())

    # Config --------------------------------------------------------------------------------
    def show_config(self, config: NetworkConfig) -> None:
        super().show_config(config)
        self.layer_editor.set_layers(list(config.hidden))
        self.csv_label.setText(f"CSV: {config.csv_path}" if config.csv_path else "")

    # Actions -------------------------------------------------------------------------------
    def load_csv(self, path: str) -> bool:
        """Check a CSV file; on success switch to it, on failure say why and change nothing."""
        from playground.nets.data import load_csv

        try:
            data = load_csv(path)
        except EngineError as error:
            self.message.emit(str(error))
            return False
        if not self.edit_config(csv_path=path, dataset="csv"):
            return False
        self.csv_label.setText(f"CSV: {path} ({len(data.y)} rows, {'classes' if data.classify else 'regression'})")
        return True

    def _choose_csv(self) -> None:  # pragma: no cover - a dialog
        path, _ = QFileDialog.getOpenFileName(self, "Load CSV", "", "CSV files (*.csv *.txt);;All files (*)")
        if path:
            self.load_csv(path)

    def export_script(self, path: str) -> None:
        """The script of the run the window started (its config and seed), so it trains on the same
        data from the same weights; before any run, the controls' config with seed 0."""
        from playground.nets.export import write_script

        run = self.run_preset
        config, seed = (run.config, run.seed) if run is not None else (self.config(), 0)
        write_script(config, path, seed=seed)
        self.message.emit(tr("PyTorch script (seed {seed}) saved to {path}").format(seed=seed, path=path))

    def _export_script(self) -> None:  # pragma: no cover - a dialog
        path, _ = QFileDialog.getSaveFileName(self, "Export PyTorch script", "network.py", "Python (*.py)")
        if path:
            try:
                self.export_script(path)
            except (OSError, EngineError) as error:
                self.message.emit(f"export failed: {error}")

    # Drawing -------------------------------------------------------------------------------
    draws = {"network.points": "_draw", "network.digits": "_draw"}

    def _draw(self, snap: Snapshot) -> None:
        self.draw_in_turns(self.views.parts(snap))

    def clear(self) -> None:
        self.cancel_turns()
        self.views.clear()


if __name__ == "__main__":
    from widgets.panels.preview import preview

    preview(Panel, steps_per_tick=lambda _config, engine: engine.steps_per_epoch())
