"""Exports of the current panel: the plot as PNG, the metric history as CSV, weights as safetensors.

A mixin of MainWindow (see `widgets/window/__init__.py` for why mixins): each export reads the
current panel, the worker and the current key, and reports through the window's messages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from widgets.i18n import tr


class ExportsMixin:
    def export_png(self, path: str | None = None) -> Path | None:
        import pyqtgraph.exporters as exporters

        target = self.panel().export_target()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export plot"), f"{self.current_key}.png", "PNG (*.png)")
            if not path:
                return None
        try:
            if hasattr(target, "scene") and not isinstance(target, QWidget):
                exporter = exporters.ImageExporter(target)
                exporter.parameters()["width"] = int(target.sceneBoundingRect().width() * 2)  # 2x for projectors
                exporter.export(str(path))
            else:
                target.grab().save(str(path))
        except Exception as error:
            self.show_error(tr("Cannot export PNG"), f"{path}: {error}")
            return None
        self.show_message(tr("exported {path}").format(path=path))
        return Path(path)

    def export_csv(self, path: str | None = None) -> Path | None:
        from playground.files import atomic_write_text, csv_text

        rows = self.worker.metric_history()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export metrics"), f"{self.current_key}_metrics.csv", "CSV (*.csv)")
            if not path:
                return None
        names = sorted({name for _, metrics in rows for name in metrics})
        text = csv_text(["step", *names], ([step, *(metrics.get(n, "") for n in names)] for step, metrics in rows))
        try:
            atomic_write_text(path, text)
        except OSError as error:
            self.show_error(tr("Cannot export CSV"), f"{path}: {error.strerror or error}")
            return None
        self.show_message(tr("exported {rows} rows to {path}").format(rows=len(rows), path=path))
        return Path(path)

    def save_weights(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Save weights"), f"{self.current_key}.safetensors",
                                                  "safetensors (*.safetensors)")
        if path:
            self.worker.call("save_weights", str(path))

    def load_weights(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Load weights"), "", "safetensors (*.safetensors)")
        if path:
            self.worker.pause()
            self._sync_play_action(False)
            self.worker.call("load_weights", str(path))
