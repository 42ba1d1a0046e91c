"""The parts of the main window, one concern per module; `widgets/main_window.py` assembles them.

Each part is a mixin of `MainWindow`, not a collaborator object: every one of them reads and writes
the window's shared state (the worker, the panels' states, the toolbar boxes, the actions, the
status bar) and calls the others' methods, and tests, benchmarks and the app call their methods on
the window itself (`window.export_csv(...)`, `window.restart()`). A collaborator would need a
reference back to the window for almost every line and a forwarding method on the window for every
public name; a mixin keeps the code as it was and the window's API in one place.

- `actions.py`       QActions, keyboard shortcuts, the transport toolbar, the menus, the status bar
- `preset_io.py`     open / save / recent presets, data files outside a preset's folder, applying a
                     preset to its panel's state, the toolbar's envelope boxes, autosave and recovery
- `play_control.py`  play / pause / step / step back / reset / restart, undo and redo, switching
                     tabs, the worker's events (errors, divergence, finished runs)
- `frames.py`        the frame timer: when to draw (the GUI thread's time budget) and drawing a
                     snapshot, frames per second and steps per second in the status bar
- `exports.py`       the plot as PNG, the metrics as CSV, weights as safetensors
- `building.py`      the busy indicator (status bar and over the plots) while a run is being built
- `dialogs.py`       status-bar messages, the error dialog, About, the keyboard-shortcut table

The window module must import fast (`tests/gui/test_startup.py`): none of these modules imports
pydantic, numpy, pyqtgraph or torch at import time; what they need of those they import inside the
method that uses it (by then `MainWindow._build` has imported them, so it costs a dict look-up).
"""
