"""Lesson notes follow the UI language: 简体中文 shows a preset's notes_zh, and editing there writes notes_zh."""

from playground.presets import load_preset, new_preset

ENGLISH = "Momentum: $m \\leftarrow \\beta m + \\eta g$, and the step is $\\theta \\leftarrow \\theta - m$."
CHINESE = "动量：$m \\leftarrow \\beta m + \\eta g$，每步更新 $\\theta \\leftarrow \\theta - m$。"


def lesson(notes_zh=CHINESE):
    return new_preset("counter", title="Momentum", notes=ENGLISH, notes_zh=notes_zh, config={"rate": 2.0})


def shown(window) -> str:
    return window.notes.browser.toPlainText()


def test_switching_to_chinese_shows_the_chinese_notes_and_back(window, qtbot):
    window.apply_preset(lesson())
    window.worker.pause()
    assert "Momentum:" in shown(window) and "动量" not in shown(window)
    window.set_language("zh_CN")
    try:
        assert "动量" in shown(window) and "Momentum:" not in shown(window)
        assert window.notes.markdown == CHINESE
    finally:
        window.set_language("en")
    assert window.notes.markdown == ENGLISH


def test_a_preset_without_chinese_notes_shows_the_english_in_chinese(window, qtbot):
    window.set_language("zh_CN")
    try:
        window.apply_preset(lesson(notes_zh=""))
        window.worker.pause()
        assert window.notes.markdown == ENGLISH
    finally:
        window.set_language("en")


def test_editing_in_chinese_writes_notes_zh_and_keeps_the_english(window, qtbot, tmp_path):
    window.apply_preset(lesson())
    window.worker.pause()
    window.set_language("zh_CN")
    try:
        window.notes.edit_button.setChecked(True)
        assert window.notes.editor.toPlainText() == CHINESE
        window.notes.editor.setPlainText("我的笔记：$a^2+b^2=c^2$")
        window.notes.edit_button.setChecked(False)
    finally:
        window.set_language("en")
    path = tmp_path / "mine.json"
    window._save_to(path)
    saved = load_preset(path)
    assert saved.notes_zh == "我的笔记：$a^2+b^2=c^2$" and saved.notes == ENGLISH


def test_the_notes_heading_and_window_title_show_title_zh_in_chinese(window, qtbot):
    window.apply_preset(new_preset("counter", title="Momentum", title_zh="动量", notes=ENGLISH, config={"rate": 2.0}))
    window.worker.pause()
    assert shown(window).startswith("Momentum") and "Momentum" in window.windowTitle()
    window.set_language("zh_CN")
    try:
        assert shown(window).startswith("动量") and "Momentum" not in shown(window).splitlines()[0]
        assert window.windowTitle().endswith(" - 动量")
    finally:
        window.set_language("en")
    assert shown(window).startswith("Momentum") and window.windowTitle().endswith(" - Momentum")


def test_a_preset_without_title_zh_keeps_its_english_title_in_chinese(window, qtbot):
    window.set_language("zh_CN")
    try:
        window.apply_preset(new_preset("counter", title="My own lesson", notes=ENGLISH, config={"rate": 2.0}))
        window.worker.pause()
        assert shown(window).startswith("My own lesson") and window.windowTitle().endswith(" - My own lesson")
    finally:
        window.set_language("en")
