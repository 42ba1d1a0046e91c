"""docs/presets.md, generated from the preset models (through ``presets.json_schema()``).

``python -m playground schema --markdown`` prints it; ``scripts/presets_doc.py`` writes it; a test
checks that the file in the repository is what the models say, so the doc cannot drift.
"""

from __future__ import annotations

import json
from typing import Any

from playground import registry
from playground.presets import CURRENT_SCHEMA_VERSION, REQUIRED_FIELDS, PresetBase, json_schema, preset_class

# What the top-level fields mean where the model has no description of its own.
TOP_LEVEL_MEANING = {
    "schema_version": f"format version, now {CURRENT_SCHEMA_VERSION}; older files are migrated on load, newer ones refused",
    "panel": "which panel the preset is for",
    "title": "shown in the gallery and the window title",
    "notes": "markdown lesson text shown beside the panel; `$...$` and `$$...$$` are drawn as math",
    "seed": "the random seed: the same preset and seed give the same numbers in the app and `playground run`",
    "device": "`auto` (cuda, then mps, then cpu), `cpu`, `cuda`, `cuda:N` or `mps`; numpy-only runs use the CPU",
    "config": "the panel's settings (below); unknown keys and out-of-range values are refused",
}

INTRO = """# Presets

A preset is one JSON file that holds everything a person set up in one panel. Saving writes it
atomically (a temp file, then a rename); loading is JSON + validation, never unpickling.
Saving keeps the file's permission bits and, through a symlink, writes the link's target.

A data file a preset names (the network panel's `csv_path`) is read from the preset's own folder
when the path is relative. A path that leads outside that folder (after `..` and symlinks) is read
only if you allow it: `playground run PRESET --allow-data PATH` (a file or a folder), or "Yes" to
the window's question. Saving a preset writes a data file inside its folder as a relative path,
so the two can be moved together.

This page is generated from the preset models by `python scripts/presets_doc.py` (the same text as
`playground schema --markdown`); a test fails when it and the models disagree. `playground schema`
prints the JSON Schema, `playground validate FILE` checks a file and names the field and the reason:

```
INVALID lesson.json: invalid preset:
  config.rate: Input should be less than or equal to 100
```
"""


def _cell(text: str) -> str:
    """Text that stays inside one markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def _type(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    if _ref_name(schema):
        return f"object `{_ref_name(schema)}`"
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        if "prefixItems" in schema:
            return "[" + ", ".join(_type(item) for item in schema["prefixItems"]) + "]"
        return f"list of {_type(schema.get('items', {}))}"
    return kind


def _limits(schema: dict[str, Any]) -> str:
    parts = []
    for option in schema.get("anyOf", [schema]):
        for key, text in (("minimum", ">= {}"), ("exclusiveMinimum", "> {}"), ("maximum", "<= {}"),
                          ("exclusiveMaximum", "< {}"), ("minLength", "at least {} characters"),
                          ("maxLength", "at most {} characters"), ("minItems", "at least {} items"),
                          ("maxItems", "at most {} items"), ("pattern", "matches `{}`")):
            if key in option:
                parts.append(text.format(option[key]))
    return ", ".join(parts)


def _default(schema: dict[str, Any], required: bool) -> str:
    if required:
        return "**required**"
    if "default" in schema:
        return f"`{json.dumps(schema['default'], ensure_ascii=False)}`"
    if _ref_name(schema):
        return "its fields' defaults"
    return ""


def _table(model: dict[str, Any], meaning: dict[str, str] | None = None) -> list[str]:
    rows = ["| field | type | default | allowed | meaning |", "| --- | --- | --- | --- | --- |"]
    required = set(model.get("required", []))
    for name, field in model.get("properties", {}).items():
        text = field.get("description") or (meaning or {}).get(name, "")
        rows.append("| " + " | ".join(_cell(part) for part in (
            f"`{name}`", _type(field), _default(field, name in required), _limits(field), text)) + " |")
    return rows


def _nested_models(name: str, defs: dict[str, Any]) -> list[str]:
    """The models a model refers to, depth first in field order, each once."""
    found: list[str] = []

    def visit(schema: Any) -> None:
        if isinstance(schema, dict):
            ref = _ref_name(schema)
            if ref and ref not in found and ref != name:
                found.append(ref)
                visit(defs[ref])
            for value in schema.values():
                visit(value)
        elif isinstance(schema, list):
            for value in schema:
                visit(value)

    visit(defs[name].get("properties", {}))
    return found


def _panel_section(spec: registry.PanelSpec, defs: dict[str, Any]) -> list[str]:
    preset = defs[preset_class(spec.key).__name__]
    config = _ref_name(preset["properties"]["config"])
    lines = [f"### `{spec.key}`: {spec.title}", "",
             f"One step of `playground run`: {spec.step}.", "",
             f"`config` (`{config}`):", "", *_table(defs[config]), ""]
    for nested in _nested_models(config, defs):
        lines += [f"`{nested}`:", "", *_table(defs[nested]), ""]
    return lines


def render_markdown() -> str:
    schema = json_schema()
    defs = schema["$defs"]
    keys = [spec.key for spec in registry.panels()]
    first = defs[preset_class(keys[0]).__name__]
    top = {**first, "properties": {**first["properties"], "panel": {"enum": keys}, "config": {"type": "object", "default": {}}}}
    minimal = json.dumps({"schema_version": CURRENT_SCHEMA_VERSION, "panel": keys[0]})
    lines = [INTRO, "## What a file needs", "",
             f"Only {' and '.join(f'`{f}`' for f in REQUIRED_FIELDS)} are required; every other field, at the top "
             "and inside `config`, may be left out and then takes the default shown below. So the smallest "
             f"valid preset is `{minimal}` (any panel key works). Unknown fields are refused.", "",
             "## Top-level fields", "",
             *_table(top, TOP_LEVEL_MEANING), "", "## The `config` of each panel", ""]
    assert set(first["properties"]) == set(PresetBase.model_fields)
    for spec in registry.panels():
        lines += _panel_section(spec, defs)
    return "\n".join(lines).rstrip() + "\n"
