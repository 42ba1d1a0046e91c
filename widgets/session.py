"""What the app remembers between runs: autosave for crash recovery, recent presets, user dirs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

# playground.presets (pydantic) is imported inside the functions: the window paints before it loads.

APP = "dl-playground"


def data_dir() -> Path:
    override = os.environ.get("PLAYGROUND_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("PLAYGROUND_DATA_DIR")
    path = Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_presets_dir() -> Path:
    path = data_dir() / "presets"
    path.mkdir(parents=True, exist_ok=True)
    return path


def autosave_path() -> Path:
    return data_dir() / "autosave.json"


def write_autosave(preset) -> None:
    from playground.presets import atomic_write_text, dump_preset

    atomic_write_text(autosave_path(), dump_preset(preset))


def read_autosave():
    """The session autosaved before a crash (a Preset), or None (a clean exit removes the file)."""
    from playground.presets import PresetError, load_preset

    path = autosave_path()
    if not path.exists():
        return None
    try:
        return load_preset(path)
    except PresetError:
        return None


def clear_autosave() -> None:
    autosave_path().unlink(missing_ok=True)
