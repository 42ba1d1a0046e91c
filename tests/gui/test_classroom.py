"""Classroom features: gallery, presentation mode, themes, language, recording, notes, tooltips."""

import io

import pytest
from PIL import Image
from superqt import QCollapsible
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QSlider

from playground import presets as presets_module
from playground.presets import new_preset, save_preset
from tests.gui.pixels import non_background_pixels
from widgets.panels import available_panels, panel_class


@pytest.fixture
def shipped(counter_gui, tmp_path, monkeypatch):
    root = tmp_path / "shipped"
    save_preset(new_preset("counter", title="Count by threes", notes="Adds **three** each step. More text.",
                           config={"rate": 3.0}), root / "counter" / "threes.json")
    monkeypatch.setattr(presets_module, "presets_dir", lambda: root)
    return root


def test_gallery_lists_presets_by_topic_and_double_click_opens_one(shipped, window, qtbot):
    window.show_gallery()
    assert window.pages.currentWidget() is window.gallery
    view = window.gallery.lists["Tests"]
    item = view.item(0)
    assert item.text() == "Count by threes" and "Adds **three** each step" in item.toolTip()
    assert not item.icon().isNull()
    view.itemDoubleClicked.emit(item)
    assert window.pages.currentWidget() is window.tabs
    assert window.panel("counter").form.editors["rate"].value() == 3.0


def test_presentation_mode_enlarges_fonts_and_lines_and_f5_toggles_it(window, qtbot):
    panel = window.panel("counter")
    base_font = QApplication.font().pointSizeF()
    base_width = panel.curve.opts["pen"].widthF()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    try:
        assert window.presenting and window.isFullScreen()
        assert QApplication.font().pointSizeF() == pytest.approx(base_font * 1.6)
        assert panel.curve.opts["pen"].widthF() == pytest.approx(base_width * 1.6)
        assert not window.notes_dock.isVisible() and not window.menuBar().isVisible()
    finally:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert QApplication.font().pointSizeF() == pytest.approx(base_font)
    assert panel.curve.opts["pen"].widthF() == pytest.approx(base_width)


def test_dark_theme_changes_the_plot_background(window, qtbot):
    panel = window.panel("counter")
    window.apply_look("dark")
    dark = panel.plot.grab().toImage().pixelColor(panel.plot.width() // 2, panel.plot.height() // 2)
    window.apply_look("light")
    light = panel.plot.grab().toImage().pixelColor(panel.plot.width() // 2, panel.plot.height() // 2)
    assert dark.lightness() < 60 < 200 < light.lightness()


def test_language_switch_changes_visible_text(window, qtbot):
    assert window.act_play.text() == "Play"
    window.set_language("zh_CN")
    try:
        assert window.act_play.text() == "播放"
        assert window.notes_dock.windowTitle() == "课堂笔记"
        assert window.menuBar().actions()[0].text() == "文件(&F)"
    finally:
        window.set_language("en")
    assert window.act_play.text() == "Play" and window.menuBar().actions()[0].text() == "&File"


def test_recording_makes_a_gif_with_frames_and_shows_an_indicator(window, qtbot, tmp_path):
    window.play()
    qtbot.waitUntil(lambda: window.drawn is not None and window.drawn.step > 0, timeout=20000)
    window.toggle_recording()
    assert window.status_rec.isVisible()
    # Generous: on a loaded 2-core machine frames come slowly (this checks recording, not speed).
    qtbot.waitUntil(lambda: len(window.recorder.frames) >= 5, timeout=90000)
    window.toggle_recording(str(tmp_path / "lesson.gif"))
    window.worker.pause()
    assert not window.status_rec.isVisible()
    gif = Image.open(io.BytesIO((tmp_path / "lesson.gif").read_bytes()))
    # Pillow merges identical consecutive frames, so count at least a few distinct ones.
    assert len(window.recorder.frames) >= 5 and gif.format == "GIF" and gif.n_frames >= 3
    assert gif.size == (window.panel().width(), window.panel().height())


def test_copy_plot_puts_an_image_on_the_clipboard(window, qtbot):
    window.copy_plot()
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() == window.panel().width()


def test_notes_render_formulas_as_images_and_edits_are_saved_with_the_preset(window, qtbot, tmp_path):
    window.notes.set_notes("Adam", r"Bias correction: $$\hat m_t = \frac{m_t}{1-\beta_1^t}$$")
    html = window.notes.browser.toHtml()
    assert "<img" in html and "\\frac" not in window.notes.browser.toPlainText()
    assert non_background_pixels(window.notes.browser.viewport()) > 200
    window.notes.edit_button.setChecked(True)
    window.notes.editor.setPlainText("My own lesson: $a^2+b^2=c^2$")
    window.notes.edit_button.setChecked(False)
    path = tmp_path / "mine.json"
    window._save_to(path)
    assert "My own lesson" in path.read_text()


def test_settings_persist_theme_and_language(window, qtbot):
    window.apply_look("dark")
    window.language = "zh_CN"
    window.save_settings()
    window.settings.sync()
    assert window.settings.value("theme") == "dark" and window.settings.value("language") == "zh_CN"
    window.apply_look("light")


def test_every_control_of_every_panel_has_a_tooltip(qtbot):
    missing = []
    for spec in available_panels():
        panel = panel_class(spec.key)()
        qtbot.addWidget(panel)
        for widget in panel.controls.findChildren(QAbstractSpinBox) + panel.controls.findChildren(QComboBox) + \
                panel.controls.findChildren(QAbstractButton) + panel.controls.findChildren(QSlider) + \
                panel.controls.findChildren(QLineEdit):
            if type(widget).__name__ in {"QToolButton"} or not widget.isVisibleTo(panel):
                continue
            if isinstance(widget.parentWidget(), QCollapsible) and isinstance(widget, QAbstractButton):
                continue  # a section's header: its title says what it is
            owner = widget
            while owner is not None and not owner.toolTip() and owner is not panel:
                owner = owner.parentWidget()  # a tooltip on the composite (a labelled slider) counts
            if owner is None or owner is panel:
                missing.append(f"{spec.key}: {type(widget).__name__} {widget.objectName() or widget.property('text')}")
    assert not missing, missing


def test_language_switch_translates_panel_controls_too(window, qtbot):
    from widgets.form import ConfigForm
    from widgets.panels import available_panels

    real = [s.key for s in available_panels() if s.key != "counter"]
    if not real:
        pytest.skip("no real panel")
    panel = window.panel(real[0])
    forms = panel.findChildren(ConfigForm)
    labels = lambda: [f.layout_.labelForField(e).text() for f in forms for e in f.editors.values()]  # noqa: E731
    english = labels()
    window.set_language("zh_CN")
    qtbot.wait(50)  # LanguageChange reaches every widget through the event loop
    try:
        chinese = labels()
        changed = sum(a != b for a, b in zip(english, chinese))
        assert changed >= len(english) // 2, (english, chinese)
    finally:
        window.set_language("en")
    qtbot.wait(50)
    assert labels() == english
