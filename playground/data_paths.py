"""Which data files a preset may read: those beside it, and those the user allowed.

A preset is a file people pass around. Its ``csv_path`` (any config field named ``*_path``) could
name any file the user can read (``/etc/passwd``, a key in the home folder), and an error message
could then show part of it. So a relative path is read from the preset's folder, and a path that
leads outside that folder (after ``..`` and symlinks are resolved) is read only when the user
says so: ``--allow-data PATH`` on the command line, a question in the window.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from playground.presets import PresetBase, PresetError


def data_fields(preset: PresetBase) -> dict[str, str]:
    """The config's data-file fields that name a file: {field: path as written}."""
    config = preset.config
    return {name: value for name in type(config).model_fields
            if name.endswith("_path") and isinstance(value := getattr(config, name), str) and value}


def _real(path: str | os.PathLike) -> Path:
    return Path(os.path.realpath(os.path.expanduser(path)))


def bind_data_paths(preset: PresetBase, preset_path: str | os.PathLike) -> PresetBase:
    """The preset with each data path absolute: a relative one is taken from the preset's folder
    (not from wherever the app was started)."""
    folder = _real(preset_path).parent
    fields = {name: str(_real(folder / os.path.expanduser(value))) for name, value in data_fields(preset).items()}
    if not fields:
        return preset
    return preset.model_copy(update={"config": preset.config.model_copy(update=fields)})


def is_within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def outside_data_paths(preset: PresetBase, preset_path: str | os.PathLike,
                       allowed: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """The data files of a bound preset that lie outside its folder and outside ``allowed``
    (files or folders), after resolving ``..`` and symlinks."""
    roots = [_real(preset_path).parent, *(_real(a) for a in allowed)]
    outside = []
    for value in data_fields(preset).values():
        real = _real(value)
        if not any(is_within(real, root) for root in roots):
            outside.append(real)
    return outside


def check_data_paths(preset: PresetBase, preset_path: str | os.PathLike,
                     allowed: Iterable[str | os.PathLike] = ()) -> PresetBase:
    """The bound preset, or PresetError naming a data file it may not read (the CLI's check)."""
    preset = bind_data_paths(preset, preset_path)
    outside = outside_data_paths(preset, preset_path, allowed)
    if outside:
        raise PresetError(
            f"{preset_path}: reads data from {outside[0]}, outside the preset's folder; "
            f"if you trust this preset, run again with --allow-data {outside[0]}")
    return preset


def relative_data_paths(preset: PresetBase, preset_path: str | os.PathLike) -> PresetBase:
    """The preset as saved to ``preset_path``: a data file inside its folder is written relative
    to it, so the preset and its data can be moved (or shared) together."""
    folder = _real(preset_path).parent
    fields = {}
    for name, value in data_fields(preset).items():
        real = _real(value)
        if os.path.isabs(value) and is_within(real, folder):
            fields[name] = real.relative_to(folder).as_posix()
    if not fields:
        return preset
    return preset.model_copy(update={"config": preset.config.model_copy(update=fields)})
