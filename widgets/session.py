"""What the app remembers between runs: autosave for crash recovery, recent presets, user dirs."""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

# playground (pydantic) is imported inside the functions: the window paints before it loads.

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


# Each window autosaves to a file of its own, named by its process id and start time: a second
# window never overwrites the first one's session, and the file of a process that is gone is a
# crashed session, kept until the user answers the question about it. A clean exit removes it.
_STARTED = f"{time.time_ns():x}"
_AUTOSAVE = re.compile(r"^autosave-(?P<pid>\d+)-(?P<started>[0-9a-f]+)\.json$")
LEGACY_AUTOSAVE = "autosave.json"  # the single file of earlier versions
SESSION_VERSION = 1
MAX_SESSION_BYTES = 64 * 1024 * 1024


@dataclass
class Session:
    """Every panel's preset (with the file it came from) and the panel that was showing."""

    current: str
    presets: dict[str, object] = field(default_factory=dict)  # panel key -> Preset
    paths: dict[str, Path | None] = field(default_factory=dict)


def autosave_path() -> Path:
    """This window's autosave file."""
    return data_dir() / f"autosave-{os.getpid()}-{_STARTED}.json"


def write_autosave(presets, current: str, paths: dict | None = None) -> None:
    """Save every panel's preset and which one is showing (``presets``: the Presets, in tab order)."""
    from playground.files import atomic_write_text

    paths = paths or {}
    data = {"session_version": SESSION_VERSION, "current": current,
            "panels": [{"preset": p.model_dump(mode="json"),
                        "path": str(paths[p.panel]) if paths.get(p.panel) else None} for p in presets]}
    atomic_write_text(autosave_path(), json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def crashed_sessions() -> list[Path]:
    """Autosaves of windows that did not close cleanly, newest first (never this window's own)."""
    from playground.files import pid_alive

    mine = autosave_path()
    found = []
    for path in data_dir().glob("autosave*.json"):
        match = _AUTOSAVE.match(path.name)
        if path == mine or not (path.name == LEGACY_AUTOSAVE or match):
            continue
        # Our own pid with another start time is an earlier process whose id was reused.
        if match and int(match["pid"]) != os.getpid() and pid_alive(int(match["pid"])):
            continue  # another window, still open
        found.append(path)
    return sorted(found, key=_mtime, reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def read_session(path: Path) -> Session | None:
    """An autosaved session, or None when nothing in it can be used (a panel this build lacks is
    left out; the rest is kept)."""
    from playground.presets import PresetError, validate_data

    try:
        if path.stat().st_size > MAX_SESSION_BYTES:
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(data, dict) and "panel" in data:  # an earlier version's single preset
        data = {"current": data.get("panel"), "panels": [{"preset": data, "path": None}]}
    if not isinstance(data, dict) or not isinstance(data.get("panels"), list):
        return None
    result = Session(current=str(data.get("current")))
    for entry in data["panels"]:
        if not isinstance(entry, dict):
            continue
        try:
            preset = validate_data(entry.get("preset"), f"{path.name}")
        except PresetError:
            continue
        result.presets[preset.panel] = preset
        saved = entry.get("path")
        result.paths[preset.panel] = Path(saved) if isinstance(saved, str) and saved else None
    if not result.presets:
        return None
    if result.current not in result.presets:
        result.current = next(iter(result.presets))
    return result


def read_autosave() -> Session | None:
    """This window's own autosave (what a crash now would leave)."""
    return read_session(autosave_path()) if autosave_path().exists() else None


def clear_autosave(path: Path | None = None) -> None:
    (path or autosave_path()).unlink(missing_ok=True)
