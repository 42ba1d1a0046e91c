"""Every config field's description (a form control's tooltip) has Simplified Chinese, and the forms show it.

The descriptions are read from the registry's panels, so a panel added later is covered as soon as
it is registered; its view module may bring its own translations through ``i18n.register``, so each
panel's widget module is imported first.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import typing

import pytest
from pydantic import BaseModel

from playground import registry
from widgets import i18n
from widgets.panels import panel_module_name

CJK = re.compile(r"[\u4e00-\u9fff]")


def models_of(model: type[BaseModel], seen: set | None = None):
    """``model`` and every pydantic model its fields hold (lists, optionals and unions opened up)."""
    seen = set() if seen is None else seen
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            kind = stack.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                yield from models_of(kind, seen)
            stack += typing.get_args(kind)


def descriptions(spec: registry.PanelSpec) -> dict[str, str]:
    """English description -> 'Model.field' for every described field of the panel's config."""
    found = {}
    for model in models_of(spec.config_class()):
        for name, field in model.model_fields.items():
            if field.description:
                found.setdefault(field.description, f"{model.__name__}.{name}")
    return found


def import_views(spec: registry.PanelSpec) -> None:
    """The panel's widget module: importing it runs its i18n.register (when it has one)."""
    name = panel_module_name(spec.key)
    if importlib.util.find_spec(name) is not None:
        importlib.import_module(name)


@pytest.mark.parametrize("spec", registry.panels(), ids=lambda spec: spec.key)
def test_every_config_description_has_chinese(spec):
    import_views(spec)
    found = descriptions(spec)
    assert found, f"{spec.key}: its config has no described fields"
    missing = [f"  {where}: {text!r}" for text, where in found.items()
               if not CJK.search(i18n.ZH.get(text, ""))]
    assert not missing, (f"{spec.key}: {len(missing)} description(s) without Chinese (add them to "
                         "widgets/descriptions_zh.py or the panel's i18n.register):\n" + "\n".join(missing))


def test_models_of_opens_lists_and_nested_models():
    from playground.optim.config import OptimConfig

    names = {model.__name__ for model in models_of(OptimConfig)}
    assert {"OptimConfig", "SurfaceConfig", "OptimizerEntry", "ScheduleConfig"} <= names


def switch_to(code: str) -> None:
    """Switch the language and let Qt deliver its LanguageChange events (they are posted)."""
    from PySide6.QtWidgets import QApplication

    i18n.set_language(code)
    QApplication.processEvents()


def test_a_form_shows_chinese_tooltips_and_english_again(qtbot):
    from playground.optim.config import OptimConfig
    from widgets.form import ConfigForm

    english = OptimConfig.model_fields["tolerance"].description
    form = ConfigForm(OptimConfig, fields=["tolerance", "grid"])
    qtbot.addWidget(form)
    tip = form.editors["tolerance"].toolTip
    assert tip() == english
    switch_to("zh_CN")
    try:
        assert tip() == "当 f − f* 不超过此值时，认为优化器已到达。"
        i18n.translate_widgets(form)  # the window's pass on a switch keeps it
        assert tip() == "当 f − f* 不超过此值时，认为优化器已到达。"
        built_in_chinese = ConfigForm(OptimConfig, fields=["grid"])
        qtbot.addWidget(built_in_chinese)
        assert CJK.search(built_in_chinese.editors["grid"].toolTip())
    finally:
        switch_to("en")
    assert tip() == english
    i18n.translate_widgets(built_in_chinese)
    assert built_in_chinese.editors["grid"].toolTip() == OptimConfig.model_fields["grid"].description


def test_translate_widgets_translates_a_tooltip_set_in_english(qtbot):
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("Play")
    qtbot.addWidget(button)
    button.setToolTip("Restart the run from step 0")
    i18n.set_language("zh_CN")
    try:
        i18n.translate_widgets(button)
        assert button.toolTip() == "从第 0 步重新开始"
    finally:
        i18n.set_language("en")
    i18n.translate_widgets(button)
    assert button.toolTip() == "Restart the run from step 0"
