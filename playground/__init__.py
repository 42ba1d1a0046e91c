"""The playground's core: numpy + torch math, presets and engines. No Qt is imported here."""

__version__ = "0.1.0"
