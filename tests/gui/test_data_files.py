"""The window asks before a preset reads a data file outside its folder, and saves data beside a
preset relative to it."""

import json

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from playground.presets import new_preset, save_preset


def _data_csv(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    xs = np.linspace(-3, 3, 12)
    path.write_text("\n".join(f"{x},{-x},{int(x > 0)}" for x in xs) + "\n")
    return path


def _preset_reading(folder, csv_path):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "shared.json"
    save_preset(new_preset("network", config={"dataset": "csv", "csv_path": csv_path}), path)
    return path


@pytest.fixture
def answers(monkeypatch):
    """Answer the window's questions from a list; record what was asked."""
    asked, queue = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or queue.pop(0))
    return asked, queue


def test_a_data_file_outside_is_left_out_when_the_user_says_no(window, qtbot, tmp_path, answers):
    asked, queue = answers
    outside = _data_csv(tmp_path / "home" / "key.csv")
    queue.append(QMessageBox.StandardButton.No)
    assert window.open_preset_named(str(_preset_reading(tmp_path / "downloads", str(outside))))
    assert len(asked) == 1 and str(outside.resolve()) in asked[0]
    assert window.states["network"].preset.config.csv_path == "" == window.panel("network").config().csv_path
    qtbot.waitUntil(lambda: "no CSV file chosen" in window.last_error, timeout=20000)  # said, not read
    window.findChild(QMessageBox, "error_dialog").close()


def test_a_data_file_outside_is_read_when_the_user_says_yes_and_then_not_asked_again(window, tmp_path, answers):
    asked, queue = answers
    outside = _data_csv(tmp_path / "mine" / "data.csv")
    preset = _preset_reading(tmp_path / "lesson", "../mine/./data.csv")
    queue.append(QMessageBox.StandardButton.Yes)
    assert window.open_preset_named(str(preset))
    assert window.panel("network").config().csv_path == str(outside.resolve())
    assert window.open_preset_named(str(preset)) and len(asked) == 1  # remembered


def test_a_data_file_beside_the_preset_opens_without_a_question_and_saves_relative(window, tmp_path, answers):
    asked, _ = answers
    folder = tmp_path / "lesson"
    data = _data_csv(folder / "data.csv")
    preset = _preset_reading(folder, "data.csv")
    assert window.open_preset_named(str(preset)) and asked == []
    assert window.panel("network").config().csv_path == str(data.resolve())
    window._save_to(folder / "copy.json")
    assert json.loads((folder / "copy.json").read_text())["config"]["csv_path"] == "data.csv"
