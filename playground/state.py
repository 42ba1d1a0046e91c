"""One evented model per panel: the whole preset (envelope and config) a panel's controls edit.

A ``PanelState`` holds an immutable, validated preset (``playground.presets.PresetBase``). Every
change goes through it: ``update(seed=3)`` for the envelope, ``update_config(lr=0.1)`` for the
config, ``replace(preset)`` for a loaded file, ``undo()``/``redo()``. A change is validated as a
whole new preset first; an invalid one raises ``StateError`` (naming the field) and the old value
stays. A valid one is stored and every subscriber is called with the set of dotted names of the
fields that changed (``{"config.lr"}``, ``{"seed"}``), nothing when nothing changed.

No Qt here (as napari's components): the widgets bind to it through plain callbacks, the window
saves ``state.preset`` and the CLI and tests use the same object.
"""

from __future__ import annotations

import collections
import time
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

HISTORY = 100  # undo steps kept per panel
# Changes of the same fields this close together are one undo step: a slider dragged, a spin box
# held down, make dozens of changes a second, and one Ctrl+Z should take back the whole gesture.
MERGE_WITHIN_S = 0.8

Listener = Callable[[set[str]], None]


class StateError(ValueError):
    """A change that would make the preset invalid; the message names the field and the reason."""


def changed_fields(old: Any, new: Any, prefix: str = "") -> set[str]:
    """Dotted names of the leaves that differ between two dumped models (dicts of plain values).

    A list is one leaf (``config.algorithms``): its items have no names of their own.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        names: set[str] = set()
        for key in old.keys() | new.keys():
            names |= changed_fields(old.get(key), new.get(key), f"{prefix}{key}.")
        return names
    return set() if old == new else {prefix.rstrip(".")}


def describe(error: ValidationError) -> str:
    """One line naming the first bad field: ``config.lr: Input should be greater than 0``."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "settings"
    return f"{where}: {first['msg'].removeprefix('Value error, ')}"


class PanelState:
    """The one copy of a panel's settings; see the module's docstring."""

    def __init__(self, preset: BaseModel, history: int = HISTORY, merge_within_s: float = MERGE_WITHIN_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._preset = preset
        self._undo: collections.deque[BaseModel] = collections.deque(maxlen=history)
        self._redo: list[BaseModel] = []
        self._listeners: list[Listener] = []
        self._merge_within_s = merge_within_s
        self._clock = clock
        self._last_change: tuple[set[str], float] | None = None  # (fields, when): the step to merge into

    # Reading ------------------------------------------------------------------------------------
    @property
    def preset(self) -> BaseModel:
        """The preset as it is now: what is saved, what a run is started with."""
        return self._preset

    @property
    def config(self) -> BaseModel:
        return self._preset.config

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    # Changing -----------------------------------------------------------------------------------
    def update(self, **fields: Any) -> set[str]:
        """Set envelope fields (seed, device, speed, title, notes, config); returns what changed."""
        return self._set(self._validated(type(self._preset), self._preset, fields))

    def update_config(self, **fields: Any) -> set[str]:
        """Set fields of the config; returns the dotted names that changed (``config.<name>``)."""
        config = self._validated(type(self._preset.config), self._preset.config, fields, "config.")
        return self._set(self._preset.model_copy(update={"config": config}))

    def set_config(self, config: BaseModel) -> set[str]:
        """Put a whole config in (validated against the panel's config class)."""
        return self.update_config(**dict(config))

    def replace(self, preset: BaseModel, undoable: bool = True) -> set[str]:
        """Load a preset (a file, a recovered session). ``undoable=False`` starts a fresh history."""
        preset = self._validated(type(self._preset), preset, {})
        self._last_change = None  # a loaded preset is a step of its own
        if not undoable:
            self._undo.clear()
            self._redo.clear()
            old, self._preset = self._preset, preset
            return self._notify(old)
        return self._set(preset)

    def undo(self) -> set[str]:
        if not self._undo:
            return set()
        self._last_change = None
        self._redo.append(self._preset)
        old, self._preset = self._preset, self._undo.pop()
        return self._notify(old)

    def redo(self) -> set[str]:
        if not self._redo:
            return set()
        self._last_change = None
        self._undo.append(self._preset)
        old, self._preset = self._preset, self._redo.pop()
        return self._notify(old)

    # Listening ----------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(changed_names)`` after every change, in the order of subscription."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # Inside -------------------------------------------------------------------------------------
    @staticmethod
    def _validated(model: type[BaseModel], current: BaseModel, fields: dict[str, Any],
                   prefix: str = "") -> BaseModel:
        unknown = set(fields) - set(model.model_fields)
        if unknown:
            raise StateError(f"{prefix}{sorted(unknown)[0]}: no such setting")
        values = {name: getattr(current, name) for name in model.model_fields} | fields
        try:
            return model.model_validate(values)
        except ValidationError as error:
            raise StateError(prefix + describe(error)) from None

    def _set(self, new: BaseModel) -> set[str]:
        changed = changed_fields(self._preset.model_dump(mode="json"), new.model_dump(mode="json"))
        if not changed:  # the same value again: no history step, nobody told
            return set()
        now = self._clock()
        last = self._last_change
        if not (last and last[0] == changed and now - last[1] < self._merge_within_s and self._undo):
            self._undo.append(self._preset)
        self._last_change = (changed, now)
        self._redo.clear()
        old, self._preset = self._preset, new
        return self._notify(old, changed)

    def _notify(self, old: BaseModel, changed: set[str] | None = None) -> set[str]:
        if changed is None:
            changed = changed_fields(old.model_dump(mode="json"), self._preset.model_dump(mode="json"))
        if changed:
            for listener in list(self._listeners):
                listener(changed)
        return changed
