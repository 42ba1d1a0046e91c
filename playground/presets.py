"""Load, validate, migrate and save presets: one JSON format for every panel.

A preset is never unpickled and never half-written: reading is ``json`` plus pydantic
validation, writing is a temp file in the same folder followed by ``os.replace`` (``playground.files``).
"""

from __future__ import annotations

import json
import math
import os
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, create_model
from pydantic.json_schema import GenerateJsonSchema, NoDefault

from playground import registry
from playground.files import atomic_write_text  # noqa: F401 - callers import it from here too
from playground.files import FileRefused, read_regular_file

CURRENT_SCHEMA_VERSION = 1
# The biggest lesson (200,000 characters of Chinese notes) is about 600 kB; parsing costs ~100x the
# file's size in memory, so anything larger is refused before it is parsed.
MAX_PRESET_BYTES = 1_000_000
MAX_JSON_KEYS = 20_000  # every key of every object in the file; a real preset has a few hundred
MAX_INT_DIGITS = 309  # as many as the largest float has; more cannot be a number a preset means

# from_version -> function turning a dict of that version into one of from_version + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class PresetError(Exception):
    """A preset that cannot be used, with a message naming the file, the field and the reason."""


class PresetBase(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = Field(CURRENT_SCHEMA_VERSION, ge=1)
    panel: str
    title: str = Field("", max_length=200)
    title_zh: str = Field("", max_length=200, description="The title in Simplified Chinese, shown instead of title when the UI language is 简体中文; empty: the app shows title")
    notes: str = Field("", max_length=200_000, description="Markdown lesson text shown beside the panel")
    notes_zh: str = Field("", max_length=200_000, description="The same lesson text in Simplified Chinese, shown instead of notes when the UI language is 简体中文; empty: the app shows notes")
    seed: int = Field(0, ge=0, le=2**31 - 1)
    device: str = Field("auto", pattern=r"^(auto|cpu|mps|cuda(:\d{1,2})?)$")
    speed: float | None = Field(None, gt=0, le=1e6, description="Steps per second the app plays at; null: as fast as it can")
    config: BaseModel


Preset = PresetBase  # the typed alias code uses; each panel has a subclass with its config type


@cache
def preset_class(key: str) -> type[PresetBase]:
    return preset_class_for(registry.panel(key))


@cache
def preset_class_for(spec: registry.PanelSpec) -> type[PresetBase]:
    """The preset model of one panel, from its spec (the engine host gets the spec, not the registry)."""
    config_cls = spec.config_class()
    key = spec.key
    return create_model(
        f"{config_cls.__name__.removesuffix('Config')}Preset",
        __base__=PresetBase,
        panel=(Literal[key], key),  # type: ignore[valid-type]
        config=(config_cls, Field(default_factory=config_cls)),
    )


def preset_from_json(text: str, spec: registry.PanelSpec) -> PresetBase:
    """A preset this app wrote itself (the worker's hand-over to the engine host), checked again."""
    return preset_class_for(spec).model_validate_json(text)


@cache
def _adapter() -> TypeAdapter:
    classes = tuple(preset_class(spec.key) for spec in registry.panels())
    if len(classes) == 1:
        return TypeAdapter(classes[0])
    return TypeAdapter(Annotated[Union[classes], Field(discriminator="panel")])  # type: ignore[valid-type]


# What the loader insists on (validate_data); every other field has a default.
REQUIRED_FIELDS = ("schema_version", "panel")


class _DefaultsShown(GenerateJsonSchema):
    """Shows defaults made by a factory (lists such as ``means`` or ``algorithms``), which pydantic
    leaves out. A nested model's default is left out: its own fields show theirs."""

    def get_default_value(self, schema) -> Any:
        factory = schema.get("default_factory")
        if factory is None or schema.get("default_factory_takes_data"):
            return super().get_default_value(schema)
        value = factory()
        return NoDefault if isinstance(value, BaseModel) else value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a preset file, as the loader reads one: the fields it requires are
    ``required``, and every default is shown, list defaults included."""
    schema = _adapter().json_schema(schema_generator=_DefaultsShown)
    defs = schema.get("$defs", {})
    for spec in registry.panels():
        name = preset_class(spec.key).__name__
        preset_schema = defs.get(name, schema if schema.get("title") == name else None)
        if preset_schema is not None:
            preset_schema["required"] = list(REQUIRED_FIELDS)
    schema["description"] = (f"A playground preset. Only {' and '.join(REQUIRED_FIELDS)} are required; every "
                             "other field takes the default shown. Unknown fields are refused.")
    return schema


def new_preset(key: str, **fields: Any) -> PresetBase:
    """A preset of the panel's defaults."""
    return preset_class(key)(panel=key, **fields)


def migrate(data: dict[str, Any], migrations=None, current: int | None = None) -> dict[str, Any]:
    """Bring an older preset dict up to ``current`` through the chain of migrations."""
    migrations = MIGRATIONS if migrations is None else migrations
    current = CURRENT_SCHEMA_VERSION if current is None else current
    version = data.get("schema_version", 1)
    while version < current:
        data = migrations[version](dict(data))
        version += 1
        data["schema_version"] = version
    return data


def _format_errors(error: ValidationError) -> str:
    lines = []
    for item in error.errors()[:8]:
        where = ".".join(str(p) for p in item["loc"] if not str(p).endswith("Preset")) or "(top level)"
        lines.append(f"  {where}: {item['msg']}")
    more = error.error_count() - 8
    if more > 0:
        lines.append(f"  ... and {more} more")
    return "\n".join(lines)


def validate_data(data: Any, source: str = "preset", migrations=None, current=None) -> PresetBase:
    """Turn parsed JSON into a Preset, or raise PresetError saying what is wrong and where."""
    current = CURRENT_SCHEMA_VERSION if current is None else current
    if not isinstance(data, dict):
        raise PresetError(f"{source}: a preset is a JSON object {{...}}, not {type(data).__name__}")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PresetError(f"{source}: schema_version: must be a whole number, got {version!r}")
    if version > current:
        raise PresetError(
            f"{source}: schema_version: {version} is newer than this app understands ({current}); "
            "update the playground to open it"
        )
    if version < 1:
        raise PresetError(f"{source}: schema_version: must be 1 or more, got {version}")
    panel = data.get("panel")
    known = [spec.key for spec in registry.panels()]
    if panel not in known:
        raise PresetError(f"{source}: panel: {panel!r} is not a panel of this app (known: {', '.join(known)})")
    try:
        data = migrate(data, migrations, current)
        preset = _adapter().validate_python(data)
    except ValidationError as error:
        raise PresetError(f"{source}: invalid preset:\n{_format_errors(error)}") from None
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:  # a migration that met a malformed file
        raise PresetError(f"{source}: cannot read this preset: {error}") from None
    _refuse_non_finite(preset.model_dump(), source)
    return preset


def _refuse_non_finite(value: Any, source: str, where: str = "") -> None:
    """NaN or infinity anywhere (a JSON ``NaN``, ``1e999`` or the string "nan" a float field took) is
    refused here, naming the field: left in, it surfaces later as a misleading 'diverged' or a
    pydantic error about ``None`` after a JSON round trip."""
    if isinstance(value, float) and not math.isfinite(value):
        raise PresetError(f"{source}: {where or '(top level)'}: {value} is not a finite number")
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_non_finite(item, source, f"{where}.{key}" if where else str(key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _refuse_non_finite(item, source, f"{where}.{index}")


class _StrictObjects:
    """``object_pairs_hook`` for json.loads: refuses a key given twice (json keeps the last one
    silently) and more keys in all than any preset has (each costs memory before validation)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.keys = 0

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.keys += len(pairs)
        if self.keys > MAX_JSON_KEYS:
            raise PresetError(f"{self.source}: not a preset: more than {MAX_JSON_KEYS:,} keys")
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise PresetError(f"{self.source}: the key {key!r} is given twice in one object; keep one")
            result[key] = value
        return result


def _whole_number(source: str) -> Callable[[str], int]:
    def parse(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            raise PresetError(f"{source}: a whole number with {len(digits.lstrip('-')):,} digits; "
                              f"numbers in a preset have at most {MAX_INT_DIGITS}")
        return int(digits)
    return parse


def parse_text(text: str | bytes, source: str = "preset") -> PresetBase:
    size = len(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if size > MAX_PRESET_BYTES:
        raise PresetError(f"{source}: file is {size:,} bytes; presets are at most {MAX_PRESET_BYTES / 1e6:g} MB")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PresetError(f"{source}: not a text file (not UTF-8 at byte {error.start})") from None
    if not text.strip():
        raise PresetError(f"{source}: the file is empty")
    try:
        data = json.loads(text, object_pairs_hook=_StrictObjects(source), parse_int=_whole_number(source))
    except json.JSONDecodeError as error:
        raise PresetError(f"{source}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise PresetError(f"{source}: not a preset: JSON nested too deeply") from None
    return validate_data(data, source)


def load_preset(path: str | os.PathLike) -> PresetBase:
    """Read and validate a preset file: only a regular file, and never more than the size limit of it."""
    try:
        raw = read_regular_file(path, MAX_PRESET_BYTES, "preset")
    except FileRefused as error:
        raise PresetError(str(error)) from None
    return parse_text(raw, str(path))


def dump_preset(preset: PresetBase) -> str:
    return json.dumps(preset.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def save_preset(preset: PresetBase, path: str | os.PathLike) -> None:
    atomic_write_text(path, dump_preset(preset))


def tidy_notes(notes: str) -> str:
    """Lesson notes as stored: no blank lines around them, one final newline ("" stays "")."""
    return notes.strip() + "\n" if notes.strip() else ""


def write_lessons(panel: str, names, build, folder: Path | None = None) -> list[Path]:
    """Write each lesson ``build(name)`` as ``<name>.json`` in ``folder`` (default: the panel's
    shipped presets); the lessons modules regenerate their presets with it."""
    folder = folder or presets_dir() / panel
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.json"
        save_preset(build(name), path)
        paths.append(path)
    return paths


def presets_dir() -> Path:
    """Shipped presets: ``presets/`` of a checkout, or the package data ``playground/presets_data``
    of an installed wheel (setup.py maps the one onto the other)."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "presets"
    # A checkout has its pyproject.toml beside presets/; site-packages may hold anyone's presets/.
    if checkout.is_dir() and (here.parent / "pyproject.toml").is_file():
        return checkout
    packaged = here / "presets_data"
    return packaged if packaged.is_dir() else checkout


def shipped_presets() -> list[Path]:
    """Every shipped preset of a panel this build has, sorted by panel then name."""
    keys = {spec.key for spec in registry.panels()}
    root = presets_dir()
    return sorted(p for p in root.glob("*/*.json") if p.parent.name in keys)


def find_preset(name: str) -> Path:
    """A path as given, or a shipped preset by name (``ravine`` or ``optimizer/ravine``)."""
    path = Path(name)
    if path.exists():
        return path
    stem = name.removesuffix(".json")
    for candidate in shipped_presets():
        if stem in (candidate.stem, f"{candidate.parent.name}/{candidate.stem}"):
            return candidate
    raise PresetError(f"{name}: no such file, and no shipped preset of that name (see `playground presets`)")
