"""What each mode of a panel is, declared once, on its config: ``MODES``.

A config with a ``mode`` field lists one ``Mode`` per value; a config without one lists a single
``Mode("")``, so every panel has the same shape. A mode says

- which config fields it uses (``fields``: the fields of its ``sections`` plus ``also_uses``, fields
  no form shows: a panel's own editors write them, or only a preset file sets them; a dotted name
  reaches into a sub-config),
- the sections its controls show in (a title and the fields shown under it, in order),
- which engine runs it (``engine``, "module:name", imported only when a run starts, so a numpy
  mode never imports torch and the window never does at start-up),
- which kinds of snapshot that engine yields (declared in the package's ``snapshots.py``),
- and whether it needs torch at all.

The engine dispatch (``engine_for``), the panels' sections (``widgets/mode_sections.py``, the
mdp and rnn panels) and ``tests/core/test_modes.py`` all read this table; nothing else says it.
No torch and no Qt here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    """A collapsible group of controls: a title (the translation key) and the fields under it."""

    title: str
    fields: tuple[str, ...]
    expanded: bool = True

    def only(self, *names: str) -> "Section":
        """The same section showing fewer of its rows (a mode where the others mean nothing)."""
        unknown = set(names) - set(self.fields)
        if unknown:
            raise ValueError(f"section {self.title!r} has no fields {sorted(unknown)}")
        return Section(self.title, tuple(name for name in self.fields if name in names), self.expanded)


@dataclass(frozen=True)
class Mode:
    name: str  # the config's ``mode`` value; "" for a panel with one mode
    engine: str  # "module:name" of the Engine class or factory, called with (config, ctx)
    snapshot_kinds: tuple[str, ...]  # what the engine yields (every kind it can, whatever the settings)
    sections: tuple[Section, ...] = ()  # the controls shown in this mode, in order
    also_uses: tuple[str, ...] = ()  # used, but in no form: a panel's own editor, or a preset file, sets them
    uses_torch: bool = True
    every_field: bool = False  # a panel's only mode uses every field of its config

    @property
    def shown(self) -> tuple[str, ...]:
        """Every field (dotted names kept) shown in a form of this mode's sections."""
        return tuple(name for section in self.sections for name in section.fields)

    @property
    def fields(self) -> tuple[str, ...]:
        """The config's top-level fields this mode uses (a sub-config counts as one)."""
        names = [name.split(".")[0] for name in self.shown + self.also_uses]
        return tuple(dict.fromkeys(names))

    def section(self, title: str) -> Section | None:
        return next((s for s in self.sections if s.title == title), None)


def modes_of(config_class: type) -> tuple[Mode, ...]:
    modes = getattr(config_class, "MODES", None)
    if not modes:
        raise TypeError(f"{config_class.__name__} declares no MODES (see playground/modes.py)")
    return modes


def mode_of(config: Any) -> Mode:
    """The Mode that ``config`` runs in."""
    name = getattr(config, "mode", "")
    for mode in modes_of(type(config)):
        if mode.name == name:
            return mode
    raise ValueError(f"{type(config).__name__} declares no mode {name!r}")


def fields_used(config_class: type, mode: Mode) -> tuple[str, ...]:
    return tuple(config_class.model_fields) if mode.every_field else mode.fields


def engine_factory(mode: Mode):
    module, _, name = mode.engine.partition(":")
    return getattr(importlib.import_module(module), name)


def engine_for(config: Any, ctx: Any):
    """The engine of ``config``'s mode: each domain's ``make_engine`` is this table lookup."""
    return engine_factory(mode_of(config))(config, ctx)


def sections(config_class: type) -> dict[str, tuple[list[str], set[str]]]:
    """Every section of the config's modes, in order of first appearance: title -> (the union of
    its fields over the modes, in declared order; the modes that show it)."""
    table: dict[str, tuple[list[str], set[str]]] = {}
    for mode in modes_of(config_class):
        for section in mode.sections:
            fields, shown_in = table.setdefault(section.title, ([], set()))
            fields.extend(name for name in section.fields if name not in fields)
            shown_in.add(mode.name)
    return table


def live_calls(config: Any, changed: set[str]) -> list[tuple[str, Any]] | None:
    """How a running engine takes a change of ``changed`` (config field names) without a restart.

    A config may declare ``LIVE: ClassVar[dict[str, str]]``: fields (a prompt, a query word, a
    sentence to align) that only change what the trained model is asked, each with the engine
    method that takes the new value (``{"prompt": "set_prompt"}``). The engine reads the same
    field when it is built, so a run from the preset file gives what the window showed. Returns the
    ``(method, value)`` calls when every changed field is live, else None: the run restarts.
    Live methods never raise for a user's text; they say what is wrong in their snapshot.
    """
    live = getattr(type(config), "LIVE", {})
    if not changed or not set(changed) <= set(live):
        return None
    return [(live[name], getattr(config, name)) for name in sorted(changed)]
