"""`playground schema` and docs/presets.md say exactly what a preset file needs, from the models."""

import json
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel, TypeAdapter

from playground import cli, registry
from playground.preset_docs import render_markdown
from playground.presets import REQUIRED_FIELDS, PresetError, json_schema, preset_class, validate_data

ROOT = Path(cli.__file__).resolve().parents[1]
KEYS = [spec.key for spec in registry.panels()]


def _models(cls: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """``cls`` and every model its fields hold, by class name."""
    seen[cls.__name__] = cls
    for field in cls.model_fields.values():
        stack = [field.annotation]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if tp.__name__ not in seen:
                    _models(tp, seen)
            else:
                stack.extend(typing.get_args(tp))
    return seen


def test_the_schema_requires_what_the_loader_requires(capsys):
    assert cli.main(["schema"]) == 0
    defs = json.loads(capsys.readouterr().out)["$defs"]
    for key in KEYS:
        assert defs[preset_class(key).__name__]["required"] == ["schema_version", "panel"]
        validate_data({"schema_version": 1, "panel": key})  # nothing else is needed ...
        for missing in REQUIRED_FIELDS:  # ... and neither of these can be left out
            data = {"schema_version": 1, "panel": key}
            del data[missing]
            with pytest.raises(PresetError, match=missing):
                validate_data(data)


def test_the_schema_shows_every_list_default():
    defs = json_schema()["$defs"]
    models: dict[str, type[BaseModel]] = {}
    for spec in registry.panels():
        _models(spec.config_class(), models)
    shown = 0
    for name, cls in models.items():
        for field_name, field in cls.model_fields.items():
            if field.default_factory is None:
                continue
            value = field.default_factory()
            prop = defs[name]["properties"][field_name]
            if isinstance(value, BaseModel):
                assert "default" not in prop  # its own fields show their defaults
            else:
                assert prop["default"] == TypeAdapter(field.annotation).dump_python(value, mode="json"), (name, field_name)
                shown += 1
    assert shown >= 10
    assert defs["BanditsConfig"]["properties"]["means"]["default"] == [0.2, 0.5, 0.8]


def test_docs_presets_md_is_generated_from_the_models():
    assert (ROOT / "docs" / "presets.md").read_text(encoding="utf-8") == render_markdown(), \
        "docs/presets.md is out of date: run python scripts/presets_doc.py"


def test_the_doc_covers_every_panel_speed_and_every_config_field(capsys):
    assert cli.main(["schema", "--markdown"]) == 0
    text = capsys.readouterr().out
    assert text == render_markdown()
    assert "| `speed` |" in text and "**required**" in text
    for spec in registry.panels():
        assert f"### `{spec.key}`:" in text
        for name, cls in _models(spec.config_class(), {}).items():
            for field_name in cls.model_fields:
                assert f"| `{field_name}` |" in text, (spec.key, name, field_name)
    assert "### `generative`:" in text and "### `attention`:" in text
