"""Every shipped preset loads, validates, survives a save round trip and runs a few steps headless."""

import json

import pytest

from playground import registry
from playground.cli import run_headless
from playground.presets import dump_preset, load_preset, parse_text, shipped_presets

PRESETS = shipped_presets()


def test_every_registered_panel_with_a_package_ships_lessons():
    keys = {p.parent.name for p in PRESETS}
    missing = [spec.key for spec in registry.panels() if spec.key not in keys]
    assert not missing, f"panels without a shipped preset: {missing}"


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shipped_preset_is_valid_and_round_trips(path):
    preset = load_preset(path)
    assert preset.panel == path.parent.name
    assert preset.title and len(preset.notes) > 80, "a lesson preset needs a title and notes"
    assert parse_text(dump_preset(preset)) == preset


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shipped_preset_runs_headless(path, tmp_path):
    preset = load_preset(path).model_copy(update={"device": "cpu"})
    result = run_headless(preset, 3, tmp_path, every=1, progress=False)
    assert result["steps"] >= 1
    json.loads((tmp_path / "result.json").read_text())
    header = (tmp_path / "metrics.csv").read_text().splitlines()[0]
    assert header.startswith("step")
