"""One source of truth per panel: its controls are bound both ways to one PanelState.

For every real panel and every shipped preset: save -> load into another panel -> save gives the
same bytes, and touching every control without changing it changes nothing (the controls show
exactly the state). For every control a panel's forms show: changing it changes exactly its one
field of the saved preset.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit

from playground.presets import load_preset, save_preset, shipped_presets
from playground.state import changed_fields
from widgets.form import ConfigForm
from widgets.panels import available_panels, panel_class

KEYS = [spec.key for spec in available_panels()]

# Forms that edit one item of a list (an algorithm, a racer): an edit changes that list, as a whole.
LIST_FIELDS = {"AlgoSpec": "config.algorithms", "OptimizerEntry": "config.optimizers",
               "ScheduleConfig": "config.optimizers"}
# Controls that change more than their own field, by design (each with its reason).
MANY_FIELDS = {
    ("optimizer", "kind", "SurfaceConfig"): "a new surface brings its usual view box and start point",
}
# The preset each panel's controls are changed from: its first, except where a field is tied to
# another there (typed bandit means fix the number of arms, so "arms" alone cannot change).
START = {"bandits": "testbed_10_armed"}
# Text that is valid where a line edit's current text is replaced.
TEXTS = {"formula": "x^2 + 2*y^2", "custom_kernel": "0 1 0; 1 -4 1; 0 1 0", "label": "mine",
         "function": "x + sin(x)", "csv_path": "", "sentence": "the cat sat"}


def presets_of(key):
    return [p for p in shipped_presets() if p.parent.name == key]


def build(qtbot, key):
    panel = panel_class(key)()
    qtbot.addWidget(panel)
    return panel


def saved_text(panel, path) -> str:
    save_preset(panel.state.preset, path)
    return path.read_text(encoding="utf-8")


def touch_every_form(panel) -> None:
    """Each form says 'changed' as if the person had touched every control and kept its value."""
    for form in panel.findChildren(ConfigForm):
        form.changed.emit()


@pytest.mark.parametrize("key", KEYS)
def test_save_load_save_is_byte_identical_and_the_controls_hold_the_state(qtbot, tmp_path, key):
    first = build(qtbot, key)
    second = build(qtbot, key)
    for path in presets_of(key):
        first.state.replace(load_preset(path))
        text = saved_text(first, tmp_path / "first.json")
        second.state.replace(load_preset(tmp_path / "first.json"))
        assert saved_text(second, tmp_path / "second.json") == text, path.name
        touch_every_form(second)
        assert saved_text(second, tmp_path / "second.json") == text, f"{path.name}: controls differ from the state"


def candidates(editor, name: str):
    """New values to try for a control, the likeliest valid first."""
    if isinstance(editor, QComboBox):
        current = editor.currentIndex()
        return [("index", i) for i in range(editor.count()) if i != current]
    if isinstance(editor, QCheckBox):
        return [("checked", not editor.isChecked())]
    if isinstance(editor, QLineEdit):
        return [("text", text) for text in (TEXTS.get(name, "a"),) if text != editor.text()]
    if isinstance(editor, QAbstractSpinBox):
        return [("step", n) for k in range(1, 5) for n in (k, -k)]  # as the arrow keys step it
    step = editor.singleStep() or 1  # a labelled slider
    value = editor.value()
    return [("value", v) for v in (value + step, value - step) if editor.minimum() <= v <= editor.maximum()]


def set_control(editor, how, value) -> None:
    if how == "index":
        editor.setCurrentIndex(value)
    elif how == "checked":
        editor.setChecked(value)
    elif how == "text":
        editor.setText(value)
        editor.editingFinished.emit()
    elif how == "step":
        editor.stepBy(value)
    else:
        editor.setValue(value)


def expected_field(key: str, form: ConfigForm, name: str, changed: set[str]) -> bool:
    list_field = LIST_FIELDS.get(form.model.__name__)
    if list_field is not None:
        return changed == {list_field}
    return len(changed) == 1 and next(iter(changed)).split(".")[-1] == name


@pytest.mark.parametrize("key", KEYS)
def test_changing_any_control_changes_exactly_its_field(qtbot, key):
    panel = build(qtbot, key)
    start = next((p for p in presets_of(key) if p.stem == START.get(key)), presets_of(key)[0])
    panel.state.replace(load_preset(start))
    problems = []
    checked = 0
    for form in panel.findChildren(ConfigForm):
        for name, editor in form.editors.items():
            if (key, name, form.model.__name__) in MANY_FIELDS:
                continue
            for how, value in candidates(editor, name):
                before = panel.state.preset.model_dump(mode="json")
                set_control(editor, how, value)
                changed = changed_fields(before, panel.state.preset.model_dump(mode="json"))
                if changed:  # an invalid value changes nothing; the next candidate is tried
                    if not expected_field(key, form, name, changed):
                        problems.append(f"{form.model.__name__}.{name}: changed {sorted(changed)}")
                    checked += 1
                    break
            else:
                problems.append(f"{form.model.__name__}.{name}: no change of it reached the state")
    assert not problems, problems
    assert checked >= 3


def test_the_many_fields_exception_is_still_needed(qtbot):
    """A surface choice changes its view box and start too (one undo step), so it is listed."""
    panel = build(qtbot, "optimizer")
    kind = panel.surface_form.editors["kind"]
    before = panel.state.preset.model_dump(mode="json")
    kind.setCurrentIndex(kind.findData("himmelblau"))
    changed = changed_fields(before, panel.state.preset.model_dump(mode="json"))
    assert "config.surface.kind" in changed and len(changed) > 1
    panel.state.undo()
    assert panel.state.preset.model_dump(mode="json") == before and kind.currentData() == before["config"]["surface"]["kind"]


@pytest.mark.parametrize("key", KEYS)
def test_undo_puts_the_control_back(qtbot, key):
    panel = build(qtbot, key)
    form = next(f for f in panel.findChildren(ConfigForm) if f.editors and f.model.__name__ not in LIST_FIELDS)
    before = panel.state.preset.model_dump_json()
    for name, editor in form.editors.items():
        shown = form.values()[name]
        for how, value in candidates(editor, name):
            set_control(editor, how, value)
            if panel.state.preset.model_dump_json() != before:
                assert panel.state.undo()
                assert panel.state.preset.model_dump_json() == before and form.values()[name] == shown
                assert panel.state.redo() and form.values()[name] != shown
                return
    pytest.fail(f"no control of {key}'s first form changed its state")
