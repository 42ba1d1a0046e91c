"""The core's errors (PresetError, StateError, EngineError, the configs' validators) in 简体中文.

The core raises finished English; ``tr_message`` turns it into Chinese where the window shows it
(the error dialog and the status bar), through the templates of widgets/core_messages_zh.py.
"""

from __future__ import annotations

import re
import string

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from playground.presets import PresetError, new_preset, parse_text
from playground.state import PanelState, StateError
from widgets import i18n
from widgets.core_messages_zh import CORE_MESSAGES_ZH

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b(?:is|are|the|must|should|not|a|an|of|invalid|preset|needs?)\b")


@pytest.fixture
def chinese(qapp):
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("english", [t for t in CORE_MESSAGES_ZH if "{" in t])
def test_each_template_has_chinese_with_the_same_fields(english):
    chinese = CORE_MESSAGES_ZH[english]
    assert CJK.search(chinese) or fields(english) == {"message"}, chinese
    assert fields(chinese) == fields(re.sub(r"\{\.\.\.\}", "", english))
    chinese.format(**{name: "x" for name in fields(chinese)})  # no stray braces


def preset_error(text: str) -> str:
    with pytest.raises(PresetError) as caught:
        parse_text(text, "lesson.json")
    return str(caught.value)


def test_a_validator_error_in_a_preset_comes_out_chinese(chinese):
    english = preset_error('{"schema_version": 1, "panel": "attention", "config": {"d_model": 6, "heads": 4}}')
    assert "is not a multiple of heads" in english
    assert i18n.tr_message(english) == ("lesson.json：无效的预设：\n"
                                        "  attention.config: d_model 6 不是头数 heads 4 的倍数：每个头分得 d_model / heads 维")


def test_pydantic_bounds_and_unknown_fields_come_out_chinese(chinese):
    english = preset_error('{"schema_version": 1, "panel": "optimizer", "seed": -1, "config": {"bogus": 1}}')
    chinese_text = i18n.tr_message(english)
    assert "optimizer.seed: 应大于或等于 0" in chinese_text and "optimizer.config.bogus: 不允许多余的字段" in chinese_text
    assert not ENGLISH_WORD.search(chinese_text), chinese_text


@pytest.mark.parametrize("text, expected", [
    ('[1, 2]', "lesson.json：预设是一个 JSON 对象 {...}，而不是 list"),
    ('{"schema_version": 7, "panel": "optimizer"}',
     "lesson.json：schema_version：7 比本程序能理解的版本（1）更新；请更新游乐场后再打开"),
    ('{"a": 1, "a": 2}', "lesson.json：同一对象中键 'a' 出现了两次；请只保留一个"),
    ('{"schema_version": 1,', "lesson.json：不是有效的 JSON：第 1 行第 22 列，Expecting property name enclosed in double quotes"),
])
def test_preset_errors_come_out_chinese(chinese, text, expected):
    assert i18n.tr_message(preset_error(text)) == expected


def test_a_settings_change_refused_comes_out_chinese(chinese):
    state = PanelState(new_preset("conv"))
    with pytest.raises(StateError) as caught:
        state.update_config(custom_kernel="1 x 2")
    message = f"not applied -- {caught.value}"
    assert i18n.tr_message(message) == ("未应用 -- config.custom_kernel: "
                                        "自定义卷积核第 1 行有 'x'：请使用 2、-0.5 或 1/9 这样的数")


def test_an_engine_error_comes_out_chinese(chinese):
    english = "device 'cuda' was asked for, but torch sees no CUDA GPU"
    assert i18n.tr_message(english) == "要求使用设备 'cuda'，但 torch 找不到 CUDA GPU"


def test_english_stays_english(qapp):
    english = preset_error('[1]')
    assert i18n.tr_message(english) == english


def test_the_error_dialog_and_status_bar_show_the_core_error_in_chinese(window, qtbot):
    english = preset_error('{"schema_version": 1, "panel": "attention", "config": {"d_model": 6, "heads": 4}}')
    window.set_language("zh_CN")
    try:
        window.show_error(i18n.tr("Cannot open preset"), english)
        dialog = window.findChild(QMessageBox, "error_dialog")
        assert dialog is not None and "不是头数 heads 4 的倍数" in dialog.text()
        assert window.statusBar().currentMessage().endswith("lesson.json：无效的预设：")
        dialog.close()
        QApplication.processEvents()
    finally:
        window.set_language("en")
