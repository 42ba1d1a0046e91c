"""Presets: the envelope, validation errors that name file/field/reason, migrations, atomic saves."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground import presets
from playground.presets import PresetError, load_preset, new_preset, parse_text, save_preset, validate_data


def good(**changes):
    data = {"schema_version": 1, "panel": "counter", "title": "t", "notes": "", "seed": 3, "device": "cpu",
            "config": {"rate": 2.0}}
    data.update(changes)
    return data


def test_round_trip_keeps_every_field(counter_panel, tmp_path):
    preset = new_preset("counter", title="Ravine", notes="**momentum**", seed=7)
    path = tmp_path / "p.json"
    save_preset(preset, path)
    again = load_preset(path)
    assert again == preset
    assert again.config.rate == 1.0 and again.seed == 7 and again.notes == "**momentum**"


@pytest.mark.parametrize(
    "text, fragment",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "not a text file"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (json.dumps(good(schema_version=99)).encode(), "newer than this app"),
        (json.dumps(good(schema_version="1")).encode(), "schema_version"),
        (json.dumps(good(panel="telepathy")).encode(), "'telepathy' is not a panel"),
        (json.dumps(good(extra_key=1)).encode(), "extra_key"),
        (json.dumps(good(config={"rate": "fast"})).encode(), "config.rate"),
        (json.dumps(good(config={"rate": 1e9})).encode(), "less than or equal to 100"),
        (json.dumps(good(config={"colour": 1})).encode(), "config.colour"),
        (json.dumps(good(seed=-1)).encode(), "seed"),
        (json.dumps(good(device="tpu")).encode(), "device"),
        (b"[" * 100_000 + b"]" * 100_000, "not a preset"),
    ],
)
def test_bad_files_get_a_clear_message(counter_panel, text, fragment):
    with pytest.raises(PresetError) as info:
        parse_text(text, "lesson.json")
    assert "lesson.json" in str(info.value)
    assert fragment in str(info.value)


def test_missing_and_huge_files(counter_panel, tmp_path):
    with pytest.raises(PresetError, match="cannot read"):
        load_preset(tmp_path / "absent.json")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (presets.MAX_PRESET_BYTES + 1))
    with pytest.raises(PresetError, match="at most 1 MB"):
        load_preset(huge)


def test_a_version_1_file_still_loads_after_a_schema_bump(counter_panel):
    """Pretend the app is at version 3 with two migrations: a v1 file goes through both."""

    def v1_to_v2(data):
        data["config"]["rate"] = data["config"].pop("speed")
        return data

    def v2_to_v3(data):
        data["title"] = data["title"].upper()
        return data

    old = good(config={"speed": 4.0}, title="old lesson")
    preset = validate_data(old, "old.json", migrations={1: v1_to_v2, 2: v2_to_v3}, current=3)
    assert preset.config.rate == 4.0
    assert preset.title == "OLD LESSON"
    assert preset.schema_version == 3


def test_atomic_save_leaves_the_old_file_when_writing_fails(counter_panel, tmp_path, monkeypatch):
    path = tmp_path / "lesson.json"
    save_preset(new_preset("counter", title="first"), path)
    before = path.read_bytes()

    def crash(*_args):
        raise OSError("disk pulled out mid-save")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_preset(new_preset("counter", title="second"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.json"]  # no temp file left behind


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
keys = st.sampled_from(["schema_version", "panel", "title", "notes", "seed", "device", "config", "rate", "x"])


@st.composite
def malformed_presets(draw):
    data = good()
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["set", "delete", "set_config"]))
        key = draw(keys)
        if action == "delete":
            data.pop(key, None)
        elif action == "set":
            data[key] = draw(json_values)
        else:
            data["config"] = draw(st.dictionaries(keys, json_values, max_size=3))
    return data


@settings(max_examples=1500, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=malformed_presets())
def test_only_preset_errors_come_out_of_the_loader(counter_panel, data):
    try:
        preset = validate_data(data, "fuzz.json")
    except PresetError as error:
        assert "fuzz.json" in str(error)
    else:
        assert preset.panel == "counter"


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_random_bytes_only_give_preset_errors(counter_panel, raw):
    with pytest.raises(PresetError):
        parse_text(raw + b"\x00", "bytes.json")
