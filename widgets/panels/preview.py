"""Open one panel alone for development: ``python -m widgets.panels.<key>_panel [PRESET]``.

PRESET is a file or a shipped preset's name. The engine runs on the GUI thread from a QTimer here,
which is fine for a preview; the app runs it in the engine host process. Like the app, the preview
stops advancing a run that diverged.
"""

from __future__ import annotations

import sys
from typing import Callable

from playground.engine import EngineError, RunContext


def preview(panel_class, steps_per_tick: Callable[[object, object], int] | int = 20,
            size: tuple[int, int] = (1500, 950),
            interval_ms: Callable[[object], int] | int = 33) -> None:  # pragma: no cover - a manual tool
    """Show ``panel_class`` with its engine advancing ``steps_per_tick`` steps every ``interval_ms``.

    ``steps_per_tick`` may be a function of (config, engine) and ``interval_ms`` one of the config,
    for panels whose modes differ.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from playground import registry
    from playground.presets import find_preset, load_preset

    app = QApplication.instance() or QApplication(sys.argv)
    spec = registry.panel(panel_class.key)
    preset = load_preset(find_preset(sys.argv[1])) if len(sys.argv) > 1 else None
    panel = panel_class()
    if preset is not None:
        panel.state.replace(preset, undoable=False)  # the whole preset: its seed runs too
    panel.resize(*size)
    panel.setWindowTitle(f"{spec.title}: {preset.title}" if preset else spec.title)
    panel.message.connect(lambda text: print(text, flush=True))
    state = {"engine": None}

    timer = QTimer(panel)

    def restart() -> None:
        panel.clear()
        try:
            state["engine"] = spec.make_engine(panel.config(), RunContext(seed=panel.state.preset.seed))
        except EngineError as error:
            print(error, flush=True)
            state["engine"] = None
        timer.start(interval_ms(panel.config()) if callable(interval_ms) else interval_ms)

    def tick() -> None:
        engine = state["engine"]
        if engine is None:
            return
        if not engine.finished:
            steps = steps_per_tick(panel.config(), engine) if callable(steps_per_tick) else steps_per_tick
            engine.advance(steps)
        snap = engine.snapshot()
        panel.show_snapshot(snap)
        if snap.divergence():
            print(snap.divergence(), flush=True)
            state["engine"] = None  # paused, as the app pauses: change a setting to start again

    panel.config_changed.connect(restart)
    timer.timeout.connect(tick)
    restart()
    panel.show()
    app.exec()  # Qt's event loop (QApplication.exec), not Python's exec: no text is evaluated
