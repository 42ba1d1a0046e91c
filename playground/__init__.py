"""The playground's core: numpy + torch math, presets and engines. No Qt is imported here."""

# pydantic resolves most names lazily (module __getattr__). If a first pydantic import happens
# before PySide6 and a later one after it, shiboken's import hook breaks that lazy import
# ("cannot import name 'import_string'"). Resolving the names every config uses here, once,
# before any other core module loads, makes the order of imports irrelevant.
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator  # noqa: F401

__version__ = "0.1.0"
