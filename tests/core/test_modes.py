"""The mode tables: every panel's config declares its modes once (``MODES``, playground/modes.py),
covering each config field, with an engine that yields exactly the snapshot kinds it declares."""

import typing
from collections import defaultdict

import pytest
from pydantic import BaseModel

from playground import registry
from playground.engine import build_engine, run
from playground.modes import Mode, Section, engine_factory, fields_used, live_calls, mode_of, modes_of, sections
from playground.presets import load_preset, new_preset, shipped_presets

SPECS = registry.panels()


def _field(config_class: type[BaseModel], dotted: str):
    """The pydantic field a (dotted) name reaches, or None."""
    head, _, rest = dotted.partition(".")
    field = config_class.model_fields.get(head)
    if field is None or not rest:
        return field
    return _field(field.annotation, rest)


def _names(mode: Mode) -> list[str]:
    return list(mode.shown) + list(mode.also_uses)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_the_modes_are_the_values_of_the_mode_field(spec):
    config_class = spec.config_class()
    field = config_class.model_fields.get("mode")
    values = typing.get_args(field.annotation) if field is not None else ("",)
    assert tuple(m.name for m in modes_of(config_class)) == values


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_the_table_covers_every_field_and_names_only_real_ones(spec):
    config_class = spec.config_class()
    used = set()
    for mode in modes_of(config_class):
        names = _names(mode)
        assert len(names) == len(set(names)), f"{spec.key}/{mode.name}: a field named twice"
        for name in names:
            assert _field(config_class, name) is not None, f"{spec.key}/{mode.name}: no field {name!r}"
        used |= set(fields_used(config_class, mode))
        # A mode that reaches into a sub-config names every field of it.
        for sub in {n.split(".")[0] for n in names if "." in n}:
            inner = {n.split(".", 1)[1] for n in names if n.startswith(sub + ".")}
            assert inner == set(config_class.model_fields[sub].annotation.model_fields), f"{spec.key}/{mode.name}"
    assert used | {"mode"} >= set(config_class.model_fields) and used <= set(config_class.model_fields)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_a_field_lives_in_one_section(spec):
    table = sections(spec.config_class())
    homes = defaultdict(list)
    for title, (fields, _modes) in table.items():
        for name in fields:
            homes[name].append(title)
    assert {name: titles for name, titles in homes.items() if len(titles) > 1} == {}


def test_a_section_shows_fewer_rows_only_of_its_own():
    grid = Section("Grid", ("a", "b", "c"))
    assert grid.only("c", "a").fields == ("a", "c")
    with pytest.raises(ValueError, match="no fields \\['z'\\]"):
        grid.only("a", "z")


def test_conv_backprop_shows_the_geometry_but_not_the_transposed_settings():
    from playground.conv.config import ConvConfig

    backprop = mode_of(ConvConfig(mode="backprop"))
    assert backprop.section("Grid and kernel").fields == ("input_size", "padding", "stride", "dilation")
    assert backprop.section("Image, kernel and pooling").fields == ("kernel", "custom_kernel")
    assert backprop.section("Network") is None


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_the_modes_declare_exactly_the_packages_kinds(spec):
    declared = {kind for mode in modes_of(spec.config_class()) for kind in mode.snapshot_kinds}
    assert declared == set(spec.snapshot_types())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_each_mode_names_an_engine_that_exists(spec):
    for mode in modes_of(spec.config_class()):
        assert callable(engine_factory(mode)), mode.engine


def _presets_of(spec):
    """Each mode's default config, then every shipped preset of the panel."""
    config_class = spec.config_class()
    for mode in modes_of(config_class):
        config = config_class(mode=mode.name) if mode.name else config_class()
        yield new_preset(spec.key, seed=0, device="cpu", config=config.model_dump())
    for path in shipped_presets():
        if path.parent.name == spec.key:
            yield load_preset(path).model_copy(update={"device": "cpu"})


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_each_mode_yields_exactly_the_kinds_it_declares(spec):
    """A step of each mode's default config yields one of its kinds; with the shipped presets,
    every kind a mode declares is reached (a kind that depends on the data needs a preset)."""
    reached = defaultdict(set)
    for i, preset in enumerate(_presets_of(spec)):
        mode = mode_of(preset.config)
        engine = build_engine(preset)
        assert engine.snapshot_kind in mode.snapshot_kinds, f"{spec.key}/{mode.name}: {engine.snapshot_kind}"
        if i < len(modes_of(spec.config_class())):  # the defaults: run a step
            gen = run(engine)
            next(gen)
            assert gen.send(1).kind == engine.snapshot_kind
        reached[mode.name].add(engine.snapshot_kind)
    assert dict(reached) == {m.name: set(m.snapshot_kinds) for m in modes_of(spec.config_class())}


class _Asked(BaseModel):
    """A config with one live field (what the trained model is asked) and one that changes the run."""

    MODES: typing.ClassVar[tuple[Mode, ...]] = (Mode("", "x:y", ("k",), every_field=True),)
    LIVE: typing.ClassVar[dict[str, str]] = {"prompt": "set_prompt", "word": "set_word"}
    prompt: str = "the "
    word: str = "king"
    hidden: int = 64


def test_live_fields_reach_the_engine_without_a_restart_and_any_other_field_restarts():
    config = _Asked(prompt="once upon", word="queen")
    assert live_calls(config, {"prompt"}) == [("set_prompt", "once upon")]
    assert live_calls(config, {"word", "prompt"}) == [("set_prompt", "once upon"), ("set_word", "queen")]
    assert live_calls(config, {"prompt", "hidden"}) is None  # a run setting changed too: restart
    assert live_calls(config, {"hidden"}) is None
    assert live_calls(config, set()) is None
    assert all(live_calls(spec.config_class()(), {"mode"}) is None for spec in SPECS)  # no LIVE: restart
