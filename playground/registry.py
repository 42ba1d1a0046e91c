"""The one place that lists the panels.

A panel is a domain package ``playground/<package>/`` with ``config.py`` (a pydantic ``CONFIG``
class, no torch import so the window opens fast), ``engine.py`` (``make_engine(config, ctx)``) and
``snapshots.py`` (``SNAPSHOT_TYPES``: the declared kinds of Snapshot its engines yield, see
playground/snapshot_types.py).
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

from playground.modes import mode_of


@dataclass(frozen=True)
class PanelSpec:
    key: str  # the "panel" field of a preset
    title: str  # the tab's label
    package: str  # the domain package under playground/, or a full dotted module path
    topic: str  # the gallery group
    step: str = "one engine step"  # what one step of ``playground run --steps`` is, for its --help

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
        return self._engine_module().make_engine(config, ctx)

    def uses_torch(self, config: Any) -> bool:
        """Whether the engine for ``config`` needs torch: False only where its mode says so
        (``Mode.uses_torch`` in the config's ``MODES``, playground/modes.py), so the CLI can skip
        importing torch; True for a config that declares no modes."""
        if not getattr(type(config), "MODES", None):
            return True
        return mode_of(config).uses_torch

    def snapshot_types(self) -> dict[str, Any]:
        """The kinds of Snapshot this panel's engines yield, each a SnapshotType keyed by kind,
        from the package's ``snapshots.py`` (no torch import); {} for a package without one."""
        try:
            module = importlib.import_module(f"{self.module}.snapshots")
        except ModuleNotFoundError as e:
            if e.name != f"{self.module}.snapshots":
                raise
            return {}
        return dict(module.SNAPSHOT_TYPES)

    def _engine_module(self):
        return importlib.import_module(f"{self.module}.engine")


ALL_PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("optimizer", "Optimizers", "optim", "Optimisation",
              "one update of every enabled optimizer on the surface (no end)"),
    PanelSpec("network", "Network", "nets", "Networks", "one minibatch of training (no end)"),
    PanelSpec("rnn", "RNN gradients", "rnn", "Recurrent networks",
              "one training batch of sequences for each net (no end)"),
    PanelSpec("generative", "Generative", "generative", "Generative models",
              "vae: one minibatch; gan: one generator update after d_steps critic updates (ends at max_steps)"),
    PanelSpec("bandits", "Bandits", "bandits", "Bandits",
              "one pull by every algorithm in every run (ends at the horizon)"),
    PanelSpec("mdp", "MDP & RL", "mdp", "MDP & RL",
              "tabular: one sweep of each DP solver (ends when they converge); gridworld: one DP sweep "
              "and one move of every TD learner (ends after the episodes); dqn: one CartPole move (ends "
              "after max_episodes or when solved)"),
    PanelSpec("conv", "Convolution", "conv", "Convolution",
              "arithmetic: one kernel position (ends at the last); kernels: one pixel of shift (ends at max_shift); "
              "backprop: one gradient step (no end); train: one minibatch (ends at max_steps)"),
    PanelSpec("attention", "Attention", "attention", "Attention",
              "kernel_regression: one gradient step on w (ends at nw_steps); scoring: one draw of queries "
              "and keys (ends at score_samples); positional, transformer: one minibatch (ends at max_steps); "
              "decoding: one output token (ends when both searches finish)"),
    PanelSpec("language", "Language", "language", "Language",
              "char_lm: one minibatch (ends at max_steps); embeddings: one minibatch of word pairs (ends at "
              "max_steps); seq2seq, bidirectional: one minibatch for each model (ends at max_steps)"),
    PanelSpec("foundations", "Foundations", "foundations", "Foundations",
              "perceptron: one update; regression: one gradient step of each path; backprop: one operation "
              "of the forward or backward pass; gradient_check: one parameter checked; information, "
              "activations: one redraw (see each mode's lesson)"),
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
