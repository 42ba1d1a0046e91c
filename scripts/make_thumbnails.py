"""Render a gallery thumbnail for every shipped preset: open it in its real panel, play, grab.

    .venv/bin/python scripts/make_thumbnails.py [--steps N] [PANEL ...]

Writes presets/<panel>/<name>.png (240x150) beside each preset. Run it after adding a preset.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def render(path: Path, steps: int, size=(240, 150)) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from playground.engine import build_engine, run
    from playground.presets import load_preset
    from widgets.panels import panel_class

    from widgets import theme

    app = QApplication.instance() or QApplication([])
    theme.apply_palette(app, theme.LIGHT)  # the app's default look
    preset = load_preset(path).model_copy(update={"device": "cpu"})
    panel = panel_class(preset.panel)()
    theme.style_plots(panel, theme.LIGHT, 1.0)
    panel.set_config(preset.config)
    panel.resize(1200, 750)
    panel.show()
    gen = run(build_engine(preset))
    snap = next(gen)
    done = 0
    while done < steps and not snap.done and not snap.divergence():
        chunk = max(1, steps // 20)
        snap = gen.send(chunk)
        done += chunk
    panel.show_snapshot(snap)
    app.processEvents()
    image = panel.view.grab().toImage().scaled(size[0], size[1], Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                               Qt.TransformationMode.SmoothTransformation)
    out = path.with_suffix(".png")
    image.copy(0, 0, size[0], size[1]).save(str(out))
    panel.close()
    panel.deleteLater()
    return out


def main() -> int:
    from playground.presets import shipped_presets

    parser = argparse.ArgumentParser()
    parser.add_argument("panels", nargs="*")
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    for path in shipped_presets():
        if args.panels and path.parent.name not in args.panels:
            continue
        try:
            print(render(path, args.steps))
        except Exception as error:  # one broken preset must not stop the others
            print(f"FAILED {path}: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    code = main()
    # Leave without Python tearing down Qt and pyqtgraph objects in arbitrary order: that
    # teardown segfaulted after every thumbnail had been written (pyqtgraph's own pg.exit() idea).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
