"""One module per panel: ``widgets/panels/<key>_panel.py`` defines ``Panel`` (a PanelBase)."""

from __future__ import annotations

import importlib
import importlib.util

from playground import registry


# key -> module, for panels that live elsewhere (the tests register a small fake panel here).
EXTRA_PANEL_MODULES: dict[str, str] = {}


def panel_module_name(key: str) -> str:
    return EXTRA_PANEL_MODULES.get(key, f"widgets.panels.{key}_panel")


def available_panels() -> list[registry.PanelSpec]:
    """Panels that have both a core package and a widget file, in tab order."""
    return [spec for spec in registry.panels() if importlib.util.find_spec(panel_module_name(spec.key))]


def panel_class(key: str):
    return importlib.import_module(panel_module_name(key)).Panel
