"""The contract between an engine and the view that draws it: a declared type per kind of Snapshot.

Each engine mode yields one kind of snapshot ("conv.train", "mdp.gridworld", ...). Its package
declares the kind in ``snapshots.py`` as a ``SnapshotType``: the arrays (dtype kind and shape),
the metrics and the tables it holds. The engine stamps ``Snapshot.kind``; the panel draws by
``snap.kind``, never by which keys happen to be there. Tests hold both sides to the declaration:
every snapshot an engine yields passes ``check``, and every view draws from the declared fields
alone (see tests/core/test_snapshot_types.py and tests/gui/test_snapshot_views.py).

Names
    ``"loss"`` a field that is always there; ``"loss?"`` one that may be absent.
    ``"reward_{i}"`` a family: ``{i}`` stands for digits, any other ``{name}`` for a word
    (no "/"), or for one of the values listed in ``SnapshotType.params[name]``. A family
    without "?" has at least one member.
Shapes
    ``Arr("f", "n", 2)``: a float array of rank 2 whose first axis is "n" and second is 2. A
    dimension named by a string must have the same length wherever that name appears in one
    snapshot (every member of a family included); ``None`` is any length; ``shape=None`` any rank.
Dtypes
    numpy kind letters: "f" float, "i" signed int, "u" unsigned, "b" bool (``"iu"``: either int).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

DIM = int | str | None


@dataclass(frozen=True)
class Arr:
    """One declared array: the numpy dtype kinds it may have and its shape pattern."""

    dtype: str
    shape: tuple[DIM, ...] | None

    def __init__(self, dtype: str, *shape: DIM, any_rank: bool = False) -> None:
        object.__setattr__(self, "dtype", dtype)
        object.__setattr__(self, "shape", None if any_rank else tuple(shape))


@dataclass(frozen=True)
class _Name:
    """A declared name, parsed: required or not, exact or a family pattern."""

    text: str
    required: bool
    regex: re.Pattern | None  # None for an exact name

    def matches(self, name: str) -> bool:
        return name == self.text if self.regex is None else bool(self.regex.fullmatch(name))


def _parse(declared: str, params: Mapping[str, tuple[str, ...]]) -> _Name:
    required = not declared.endswith("?")
    text = declared.rstrip("?")
    if "{" not in text:
        return _Name(text, required, None)
    pattern, pos = "", 0
    for m in re.finditer(r"\{(\w+)\}", text):
        pattern += re.escape(text[pos:m.start()])
        name = m.group(1)
        if name in params:
            pattern += "(?:" + "|".join(re.escape(v) for v in params[name]) + ")"
        else:
            pattern += r"\d+" if name == "i" else r"[^/]+"
        pos = m.end()
    pattern += re.escape(text[pos:])
    return _Name(text, required, re.compile(pattern))


@dataclass(frozen=True)
class SnapshotType:
    """What one kind of snapshot holds. ``check(snap)`` lists every way a snapshot breaks it."""

    kind: str
    arrays: Mapping[str, Arr] = field(default_factory=dict)
    metrics: tuple[str, ...] = ()
    tables: Mapping[str, type | tuple[type, ...]] = field(default_factory=dict)
    params: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # allowed values of a {name}
    doc: str = ""

    # Which declared name covers a field --------------------------------------------------------
    def _declared(self, section: str):
        return {"arrays": self.arrays, "metrics": self.metrics, "tables": self.tables}[section]

    def _names(self, section: str) -> list[_Name]:
        return [_parse(d, self.params) for d in self._declared(section)]

    def declares(self, section: str, name: str) -> bool:
        """Whether ``name`` is a declared field of ``section`` ("arrays", "metrics" or "tables")."""
        return any(n.matches(name) for n in self._names(section))

    def _declaration(self, section: str, name: str) -> str | None:
        """The declared name that covers ``name``: an exact one before any family."""
        for d in sorted(self._declared(section), key=lambda d: "{" in d):
            if _parse(d, self.params).matches(name):
                return d
        return None

    # The check --------------------------------------------------------------------------------
    def check(self, snap: Any) -> list[str]:
        """Every mismatch between ``snap`` and this type, as sentences; [] when it conforms."""
        problems = []
        if snap.kind != self.kind:
            problems.append(f"kind is {snap.kind!r}, expected {self.kind!r}")
        for section in ("arrays", "metrics", "tables"):
            problems += self._check_names(section, getattr(snap, section))
        problems += self._check_arrays(snap.arrays)
        problems += self._check_tables(snap.tables)
        return problems

    def _check_names(self, section: str, values: Mapping[str, Any]) -> list[str]:
        problems = []
        names = self._names(section)
        for key in values:
            if not any(n.matches(key) for n in names):
                problems.append(f"{self.kind}: undeclared {section[:-1]} {key!r}")
        for n in names:
            if n.required and not any(n.matches(key) for key in values):
                problems.append(f"{self.kind}: missing {section[:-1]} {n.text!r}")
        return problems

    def _check_arrays(self, arrays: Mapping[str, np.ndarray]) -> list[str]:
        problems, dims = [], {}
        for key, value in arrays.items():
            declared = self._declaration("arrays", key)
            if declared is None:
                continue
            spec = self.arrays[declared]
            if value.dtype.kind not in spec.dtype:
                problems.append(f"{self.kind}: array {key!r} has dtype {value.dtype}, expected kind {spec.dtype!r}")
            if spec.shape is None:
                continue
            if value.ndim != len(spec.shape):
                problems.append(f"{self.kind}: array {key!r} has shape {value.shape}, expected rank {len(spec.shape)} "
                                f"{spec.shape}")
                continue
            for axis, (want, got) in enumerate(zip(spec.shape, value.shape)):
                if isinstance(want, int) and want != got:
                    problems.append(f"{self.kind}: array {key!r} axis {axis} has length {got}, expected {want}")
                elif isinstance(want, str):
                    seen = dims.setdefault(want, (got, key))
                    if seen[0] != got:
                        problems.append(f"{self.kind}: dimension {want!r} is {got} in {key!r} but {seen[0]} in "
                                        f"{seen[1]!r}")
        return problems

    def _check_tables(self, tables: Mapping[str, Any]) -> list[str]:
        problems = []
        for key, value in tables.items():
            declared = self._declaration("tables", key)
            if declared is not None and not isinstance(value, self.tables[declared]):
                problems.append(f"{self.kind}: table {key!r} is a {type(value).__name__}, expected "
                                f"{self.tables[declared]}")
        return problems


def by_kind(*types: SnapshotType) -> dict[str, SnapshotType]:
    """A package's ``SNAPSHOT_TYPES``: its types keyed by kind."""
    return {t.kind: t for t in types}
