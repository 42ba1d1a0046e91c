"""The one place that lists the panels.

A panel is a domain package ``playground/<package>/`` with ``config.py`` (a pydantic ``CONFIG``
class, no torch import so the window opens fast) and ``engine.py`` (``make_engine(config, ctx)``).
A panel whose package is not there yet is simply absent: nothing else needs to change when one
is added, beyond its widget file ``widgets/panels/<key>_panel.py``.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class PanelSpec:
    key: str  # the "panel" field of a preset
    title: str  # the tab's label
    package: str  # the domain package under playground/, or a full dotted module path
    topic: str  # the gallery group

    @property
    def module(self) -> str:
        return self.package if "." in self.package else f"playground.{self.package}"

    @property
    def available(self) -> bool:
        try:
            return importlib.util.find_spec(f"{self.module}.config") is not None
        except ModuleNotFoundError:
            return False

    def config_class(self) -> type[BaseModel]:
        return importlib.import_module(f"{self.module}.config").CONFIG

    def make_engine(self, config: Any, ctx: Any):
        # Imported here, in the worker thread or the CLI, so torch never loads on the GUI path.
        return importlib.import_module(f"{self.module}.engine").make_engine(config, ctx)


ALL_PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("optimizer", "Optimizers", "optim", "Optimisation"),
    PanelSpec("network", "Network", "nets", "Networks"),
    PanelSpec("rnn", "RNN gradients", "rnn", "Recurrent networks"),
    PanelSpec("generative", "Generative", "generative", "Generative models"),
    PanelSpec("bandits", "Bandits", "bandits", "Bandits"),
    PanelSpec("mdp", "MDP & RL", "mdp", "MDP & RL"),
    PanelSpec("conv", "Convolution", "conv", "Convolution"),
    PanelSpec("attention", "Attention", "attention", "Attention"),
)


@cache
def panels() -> tuple[PanelSpec, ...]:
    """The panels that exist in this build, in tab order."""
    return tuple(spec for spec in ALL_PANELS if spec.available)


def panel(key: str) -> PanelSpec:
    for spec in panels():
        if spec.key == key:
            return spec
    known = ", ".join(s.key for s in panels())
    raise KeyError(f"no panel named {key!r} (known panels: {known})")
