"""At 1280x720 the window shows every panel, drawn, without being forced wider: the control column
needs no sideways scroll bar and the lesson notes keep a readable column (issue 20)."""

from PySide6.QtWidgets import QApplication

from playground.presets import shipped_presets
from widgets import shots
from widgets.main_window import NOTES_MIN_WIDTH

SIZE = (1280, 720)
# The preset of each panel whose drawn view or control rows are the widest (the MDP run status
# made the window 1383-1457 px wide; its tabular editor and the network's layer rows gave the
# control column a sideways scroll bar); the first shipped preset of every other panel.
WIDEST = {"mdp": "cliff_sarsa_vs_q_learning", "network": "digits_mlp"}


def presets_to_check():
    chosen = {}
    for path in shipped_presets():
        key = path.parent.name
        if WIDEST.get(key, path.stem) == path.stem:
            chosen.setdefault(key, path)
    return list(chosen.values()) + [p for p in shipped_presets() if p.stem == "random_walk_evaluation"]


def test_every_panel_fits_1280x720_drawn(monkeypatch, tmp_path, qtbot):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path / "data"))
    window = shots.open_window(SIZE)
    qtbot.addWidget(window)
    try:
        shots.apply_variant(window, shots.Variant(*SIZE, "dark", False, "zh_CN"))  # the longer lines
        problems = []
        for path in presets_to_check():
            shots.draw_preset(window, path, steps=40)
            window.resize(*SIZE)
            shots.grab_window(window)
            QApplication.processEvents()
            panel = window.panel(window.current_key)
            name = f"{path.parent.name}/{path.stem}"
            if window.width() != SIZE[0]:
                problems.append(f"{name}: window forced to {window.width()} px wide")
            if panel.controls_scroll.horizontalScrollBar().isVisible():
                problems.append(f"{name}: the control column scrolls sideways")
            if window.notes_dock.isVisible() and window.notes_dock.width() < NOTES_MIN_WIDTH:
                problems.append(f"{name}: notes squeezed to {window.notes_dock.width()} px")
        assert not problems, "\n".join(problems)
    finally:
        window.shutdown()
