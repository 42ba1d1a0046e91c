"""The view side of the snapshot contract: each panel draws every kind its engines yield, by kind,
reading only the fields that kind declares.

A real snapshot of each kind (its tables hold structured rows a generated one could not) is drawn
through mappings that fail on any read of an undeclared name, by ``[]``, ``get`` or ``in`` alike.
"""

import typing
from collections.abc import Mapping

import pytest

from playground import registry
from playground.engine import build_engine, run
from playground.modes import modes_of
from playground.presets import load_preset, new_preset, shipped_presets
from playground.snapshot import Snapshot
from widgets.panels import available_panels, panel_class

SPECS = available_panels()


class DeclaredOnly(Mapping):
    """A snapshot section that raises when a view asks for a name its type does not declare."""

    def __init__(self, values, declared, section, kind):
        self._values, self._declared, self._section, self._kind = dict(values), declared, section, kind

    def _ask(self, name):
        if not self._declared.declares(self._section, name):
            raise AssertionError(f"the {self._kind} view reads {self._section} {name!r}, which {self._kind} "
                                 f"does not declare")

    def __getitem__(self, name):
        self._ask(name)
        return self._values[name]

    def get(self, name, default=None):
        self._ask(name)
        return self._values.get(name, default)

    def __contains__(self, name):
        self._ask(name)
        return name in self._values

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)


def declared_only(snap, declared):
    """``snap`` with only its declared fields, each section guarded by DeclaredOnly."""
    strict = Snapshot(gen_id=snap.gen_id, step=snap.step, kind=snap.kind, diverged=snap.diverged, done=snap.done)
    for section in ("arrays", "metrics", "tables"):
        values = {k: v for k, v in getattr(snap, section).items() if declared.declares(section, k)}
        object.__setattr__(strict, section, DeclaredOnly(values, declared, section, snap.kind))
    return strict


def _presets_by_kind(spec):
    """One preset per kind the panel declares: a shipped one where there is one, else the mode's defaults."""
    candidates = [load_preset(p) for p in shipped_presets() if p.parent.name == spec.key]
    config_class = spec.config_class()
    mode = config_class.model_fields.get("mode")
    for value in typing.get_args(mode.annotation) if mode is not None else ():
        candidates.append(new_preset(spec.key, seed=0, config=config_class(mode=value).model_dump()))
    found = {}
    for preset in candidates:
        engine = build_engine(preset.model_copy(update={"device": "cpu"}))
        kind = engine.snapshot_kind
        if kind not in found:
            found[kind] = (preset, engine)
    return found


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_each_panel_draws_exactly_the_kinds_its_engines_declare(spec):
    panel = panel_class(spec.key)
    declared = set(spec.snapshot_types())
    assert set(panel.draws) == declared, f"{spec.key}: draws {sorted(panel.draws)}, declared {sorted(declared)}"
    by_mode = {kind for mode in modes_of(spec.config_class()) for kind in mode.snapshot_kinds}
    assert set(panel.draws) == by_mode, f"{spec.key}: draws {sorted(panel.draws)}, its MODES yield {sorted(by_mode)}"
    for kind, method in panel.draws.items():
        assert callable(getattr(panel, method, None)), f"{spec.key}: {kind} is drawn by a missing {method}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_each_view_reads_only_what_its_kind_declares(qtbot, spec):
    types = spec.snapshot_types()
    found = _presets_by_kind(spec)
    assert set(found) == set(types), f"{spec.key}: no preset or mode yields {sorted(set(types) - set(found))}"
    panel = panel_class(spec.key)()
    qtbot.addWidget(panel)
    for kind, (preset, engine) in found.items():
        panel.set_config(preset.config)
        gen = run(engine)
        next(gen)
        snap = gen.send(2)
        drawn, method = [], panel.draws[kind]
        original = getattr(panel, method)
        setattr(panel, method, lambda s, original=original: (drawn.append(s.kind), original(s)))
        panel.show_snapshot(declared_only(snap, types[kind]))
        delattr(panel, method)
        assert drawn == [kind], f"{spec.key}: a {kind} snapshot was not dispatched to {method}"


@pytest.mark.parametrize("spec", SPECS[:1], ids=lambda s: s.key)
def test_a_snapshot_of_no_declared_kind_draws_nothing(qtbot, spec):
    panel = panel_class(spec.key)()
    qtbot.addWidget(panel)
    panel.show_snapshot(Snapshot(gen_id=0, step=0, arrays={"nw_weights": [[1.0]]}))  # keys alone pick nothing
    assert panel.drawer("") is None


def test_registry_types_are_the_panels():
    assert {s.key for s in SPECS} <= {s.key for s in registry.panels()}
