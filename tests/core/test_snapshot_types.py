"""The engine side of the snapshot contract: every snapshot an engine yields is its declared type."""

import pickle
import typing

import numpy as np
import pytest

from playground import registry
from playground.engine import build_engine, run
from playground.presets import load_preset, new_preset, shipped_presets
from playground.snapshot import Snapshot, _rebuild
from playground.snapshot_types import Arr, SnapshotType

TOY = SnapshotType(
    "toy",
    arrays={"x": Arr("f", "n"), "y": Arr("f", "n", 2), "mask": Arr("b", 3), "twin?": Arr("f", "n"),
            "curve_{i}": Arr("f", "t"), "extra_{i}?": Arr("iu", "t"), "{learner}_Q?": Arr("f", None, None)},
    metrics=("loss", "{algo}_reward", "bonus?"),
    tables={"labels": list, "note": (str, type(None))},
    params={"learner": ("sarsa", "q_learning")})


def toy(**changes):
    fields = dict(kind="toy", metrics={"loss": 1.0, "ucb_reward": 0.5},
                  arrays={"x": np.zeros(4), "y": np.zeros((4, 2)), "mask": np.ones(3, bool), "curve_0": np.zeros(7),
                          "curve_1": np.zeros(7)},
                  tables={"labels": ["a"], "note": None})
    for section, value in changes.items():
        fields[section] = {**fields[section], **value} if isinstance(value, dict) else value
    arrays = {k: v for k, v in fields.pop("arrays").items() if v is not None}
    return Snapshot(gen_id=0, step=0, arrays=arrays, **fields)


def test_a_conforming_snapshot_has_no_problems():
    assert TOY.check(toy()) == []
    assert TOY.check(toy(arrays={"twin": np.ones(4), "extra_1": np.arange(7), "sarsa_Q": np.zeros((2, 3))},
                         metrics={"bonus": 2.0})) == []


@pytest.mark.parametrize("changes, problem", [
    (dict(kind="other"), "kind is 'other', expected 'toy'"),
    (dict(arrays={"x": None}), "toy: missing array 'x'"),
    (dict(arrays={"z": np.zeros(4)}), "toy: undeclared array 'z'"),
    (dict(arrays={"curve_0": None, "curve_1": None}), "toy: missing array 'curve_{i}'"),
    (dict(arrays={"curve_a": np.zeros(7)}), "toy: undeclared array 'curve_a'"),
    (dict(arrays={"expected_sarsa_Q": np.zeros((2, 2))}), "toy: undeclared array 'expected_sarsa_Q'"),
    (dict(arrays={"mask": np.ones(3)}), "toy: array 'mask' has dtype float64, expected kind 'b'"),
    (dict(arrays={"extra_0": np.zeros(7)}), "toy: array 'extra_0' has dtype float64, expected kind 'iu'"),
    (dict(arrays={"mask": np.ones(4, bool)}), "toy: array 'mask' axis 0 has length 4, expected 3"),
    (dict(arrays={"y": np.zeros(4)}), "toy: array 'y' has shape (4,), expected rank 2 ('n', 2)"),
    (dict(arrays={"y": np.zeros((5, 2))}), "toy: dimension 'n' is 5 in 'y' but 4 in 'x'"),
    (dict(arrays={"curve_1": np.zeros(6)}), "toy: dimension 't' is 6 in 'curve_1' but 7 in 'curve_0'"),
    (dict(metrics={"loss_x": 1.0}), "toy: undeclared metric 'loss_x'"),
    (dict(tables={"labels": "a"}), "toy: table 'labels' is a str, expected <class 'list'>"),
    (dict(tables={"rows": []}), "toy: undeclared table 'rows'"),
])
def test_each_mismatch_is_named(changes, problem):
    assert TOY.check(toy(**changes)) == [problem]


def test_a_family_without_a_question_mark_needs_a_member():
    snap = toy()
    no_algorithm = Snapshot(gen_id=0, step=0, kind="toy", metrics={"loss": 1.0}, arrays=dict(snap.arrays),
                            tables=dict(snap.tables))
    assert TOY.check(no_algorithm) == ["toy: missing metric '{algo}_reward'"]


def test_declares_covers_exact_names_and_families():
    assert TOY.declares("arrays", "twin") and TOY.declares("arrays", "curve_12")
    assert TOY.declares("arrays", "q_learning_Q") and not TOY.declares("arrays", "dqn_Q")
    assert TOY.declares("metrics", "epsilon_greedy_0_1_reward") and not TOY.declares("metrics", "regret")
    assert not TOY.declares("tables", "labels_x")


def test_kind_survives_the_pipe_and_old_pickles_still_load():
    snap = toy()
    again = pickle.loads(pickle.dumps(snap))
    assert again.kind == "toy" and TOY.check(again) == []
    old = _rebuild(1, 2, {"loss": 1.0}, {"x": np.zeros(2)}, {}, None, False)  # pickled before kinds existed
    assert old.kind == "" and old.step == 2


# The shipped engines --------------------------------------------------------------------------------
def _types():
    return {kind: t for spec in registry.panels() for kind, t in spec.snapshot_types().items()}


def test_every_panel_declares_its_kinds_under_its_key():
    for spec in registry.panels():
        kinds = spec.snapshot_types()
        assert kinds, f"{spec.key}: no SNAPSHOT_TYPES in {spec.module}.snapshots"
        for kind, declared in kinds.items():
            assert declared.kind == kind and (kind == spec.key or kind.startswith(spec.key + "."))


def _mode_configs():
    """The default config of every panel in each of its modes: the kinds no shipped preset may reach."""
    for spec in registry.panels():
        config_class = spec.config_class()
        mode = config_class.model_fields.get("mode")
        modes = typing.get_args(mode.annotation) if mode is not None else ()
        for value in modes or (None,):
            config = config_class() if value is None else config_class(mode=value)
            yield pytest.param(spec.key, config.model_dump(), id=f"{spec.key}-default-{value or 'only'}")


def _conforms(preset) -> set[str]:
    """The kinds of the snapshots a few steps of ``preset`` yield, each checked against its type."""
    types = _types()
    gen = run(build_engine(preset.model_copy(update={"device": "cpu"})))
    snaps = [next(gen)]
    for n in (1, 2):
        if snaps[-1].done:
            break
        snaps.append(gen.send(n))
    for snap in snaps:
        assert snap.kind in types, f"{preset.panel}: snapshot kind {snap.kind!r} is not declared"
        assert types[snap.kind].check(snap) == [], f"step {snap.step}"
    return {snap.kind for snap in snaps}


PRESETS = shipped_presets()


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shipped_preset_yields_its_declared_type(path):
    preset = load_preset(path)
    kinds = _conforms(preset)
    assert kinds and kinds <= set(registry.panel(preset.panel).snapshot_types())


@pytest.mark.parametrize("key, config", list(_mode_configs()))
def test_every_mode_yields_its_declared_type(key, config):
    kinds = _conforms(new_preset(key, seed=0, device="cpu", config=config))
    assert len(kinds) == 1 and kinds <= set(registry.panel(key).snapshot_types())  # one mode, one kind
