"""PanelState: one validated, evented copy of a panel's preset, with undo/redo."""

import pytest

from playground.presets import new_preset
from playground.state import PanelState, StateError, changed_fields


def make_state() -> tuple[PanelState, list[set[str]]]:
    state = PanelState(new_preset("optimizer"), merge_within_s=0)  # every change a step of its own
    heard: list[set[str]] = []
    state.subscribe(heard.append)
    return state, heard


def test_a_change_names_exactly_the_fields_that_changed():
    state, heard = make_state()
    assert state.update(seed=7) == {"seed"}
    assert state.update_config(noise_sigma=0.5) == {"config.noise_sigma"}
    assert heard == [{"seed"}, {"config.noise_sigma"}]
    assert state.preset.seed == 7 and state.config.noise_sigma == 0.5


def test_setting_a_value_it_already_has_notifies_nobody():
    state, heard = make_state()
    assert state.update(seed=state.preset.seed) == set()
    assert state.update_config(noise_sigma=state.config.noise_sigma) == set()
    assert heard == [] and not state.can_undo()


def test_nested_config_fields_are_named_by_their_path():
    state, _ = make_state()
    surface = state.config.surface.model_copy(update={"kind": "quadratic"})
    assert "config.surface.kind" in state.update_config(surface=surface)


def test_an_invalid_change_raises_naming_the_field_and_keeps_the_old_value():
    state, heard = make_state()
    before = state.preset
    with pytest.raises(StateError, match=r"^seed: "):
        state.update(seed=-1)
    with pytest.raises(StateError, match=r"^config.noise_sigma: "):
        state.update_config(noise_sigma=-5)
    with pytest.raises(StateError, match=r"config.no_such_thing: no such setting"):
        state.update_config(no_such_thing=1)
    assert state.preset is before and heard == [] and not state.can_undo()


def test_undo_and_redo_walk_the_history_and_a_new_change_drops_the_redo():
    state, heard = make_state()
    state.update(seed=1)
    state.update(seed=2)
    assert state.undo() == {"seed"} and state.preset.seed == 1
    assert state.undo() == {"seed"} and state.preset.seed == 0
    assert state.undo() == set() and state.preset.seed == 0  # nothing older
    assert state.redo() == {"seed"} and state.preset.seed == 1
    state.update(seed=5)
    assert not state.can_redo() and state.redo() == set() and state.preset.seed == 5
    assert heard[-1] == {"seed"}


def test_the_history_is_bounded():
    state = PanelState(new_preset("optimizer"), history=3, merge_within_s=0)
    for seed in range(1, 10):
        state.update(seed=seed)
    undone = 0
    while state.undo():
        undone += 1
    assert undone == 3 and state.preset.seed == 6


def test_replace_loads_a_preset_and_can_start_a_fresh_history():
    state, heard = make_state()
    loaded = new_preset("optimizer", seed=9, title="loaded")
    assert state.replace(loaded) == {"seed", "title"}
    assert state.undo() == {"seed", "title"}
    assert state.replace(loaded, undoable=False) == {"seed", "title"} and not state.can_undo()


def test_unsubscribed_listeners_hear_nothing():
    state, heard = make_state()
    state.unsubscribe(heard.append)
    state.update(seed=3)
    assert heard == []


def test_changed_fields_treats_a_list_as_one_leaf():
    assert changed_fields({"a": [1, 2], "b": {"c": 1}}, {"a": [1, 3], "b": {"c": 2}}) == {"a", "b.c"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_quick_run_of_changes_to_one_field_is_one_undo_step():
    clock = FakeClock()
    state = PanelState(new_preset("optimizer"), merge_within_s=0.8, clock=clock)
    for i, sigma in enumerate((0.1, 0.2, 0.3)):  # a slider dragged: 0.1 s apart
        clock.now = i * 0.1
        state.update_config(noise_sigma=sigma)
    clock.now = 5.0
    state.update_config(noise_sigma=0.9)  # later: a step of its own
    clock.now = 5.1
    state.update(seed=3)  # another field: a step of its own
    assert state.undo() == {"seed"} and state.config.noise_sigma == 0.9
    assert state.undo() == {"config.noise_sigma"} and state.config.noise_sigma == 0.3
    assert state.undo() == {"config.noise_sigma"} and state.config.noise_sigma == 0.0
    assert not state.can_undo()
