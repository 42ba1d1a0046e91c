"""Every formula in every shipped lesson is drawn as math, never left as raw LaTeX."""

import re

import pytest

from playground.presets import load_preset, shipped_presets
from widgets.math_markdown import DISPLAY, INLINE, _clean, formula_png


def formulas(notes: str) -> list[str]:
    found = [m.group(1) for m in DISPLAY.finditer(notes)]
    found += [m.group(1) for m in INLINE.finditer(DISPLAY.sub("", notes))]
    return found


@pytest.mark.parametrize("path", shipped_presets(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_formula_in_the_notes_renders(path):
    notes = load_preset(path).notes
    broken = [tex for tex in formulas(notes) if formula_png(_clean(tex)) is None]
    assert not broken, broken


def test_a_formula_written_over_several_lines_is_drawn_as_one_formula():
    """matplotlib splits a text at newlines before it looks for $...$: a line break left in a
    formula drew its LaTeX source (adam_vs_sgd_rosenbrock, nesterov_vs_momentum, sgd_noise_decay)."""
    tex = "\\hat m = \\frac{m}{1 - \\beta_1^t}, \\qquad\n\\theta \\leftarrow \\theta - \\eta\\, \\hat m"
    assert "\n" not in _clean(tex)
    one_line = formula_png(_clean(tex.replace("\n", " ")))
    assert formula_png(_clean(tex)) == one_line


@pytest.mark.parametrize("path", shipped_presets(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_formula_in_the_notes_is_cleaned_into_several_lines(path):
    preset = load_preset(path)
    for notes in (preset.notes, preset.notes_zh):
        assert not [tex for tex in formulas(notes) if "\n" in _clean(tex)]


def test_a_wide_display_formula_is_split_at_qquad_and_scaled_to_the_column():
    from widgets.math_markdown import display_parts, png_size, render

    tex = "a = \\frac{1}{2}, \\qquad b = \\sqrt{x_{1} + x_{2} + x_{3} + x_{4} + x_{5} + x_{6} + x_{7} + x_{8} + x_{9}}"
    assert display_parts(tex) == ["a = \\frac{1}{2}", tex.split("\\qquad ")[1]]
    assert display_parts("\\mathrm{f}{a \\qquad b}") == ["\\mathrm{f}{a \\qquad b}"]  # not inside braces
    html = render(f"$${tex}$$", max_width=120)
    assert html.count("<img") == 2 and html.count('<p align="center">') == 2
    assert all(int(w) <= 120 for w in re.findall(r'width="(\d+)"', html))
    assert png_size(formula_png(_clean(display_parts(tex)[1]), 13.0)) [0] > 120  # so it was scaled


def test_a_comparison_at_a_line_start_is_not_a_blockquote():
    from widgets.math_markdown import render

    html = render("the tests check\n>= 90% accuracy\n\n> a real quote")
    assert "&gt;= 90%" in html and html.count("<blockquote>") == 1


NAMED = ["pooling_invariance", "beta_vae_tradeoff", "adam_vs_sgd_rosenbrock", "nesterov_vs_momentum", "sgd_noise_decay", "eight_racers_himmelblau",
         "spiral_needs_depth", "gru_vs_lstm", "lstm_forget_bias", "lenet_on_digits"]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("name", NAMED)
def test_the_notes_fit_a_narrow_dock_and_show_the_title_once(qtbot, name, language):
    """At the dock's narrowest (240 px) nothing is cut at its edge: no horizontal scrolling, no
    raw LaTeX, a table's text column keeps whole words, the title is one heading."""
    from playground.presets import find_preset
    from widgets.i18n import set_language
    from widgets.math_markdown import render
    from widgets.notes_view import NotesView

    preset = load_preset(find_preset(name))
    set_language(language)
    view = NotesView()
    qtbot.addWidget(view)
    view.resize(260, 900)
    view.show()
    view.set_notes(preset.title, preset.notes, preset.notes_zh)
    qtbot.waitUntil(lambda: view.rendered_width == view.column_width(), timeout=5000)
    html = view.browser.toHtml()
    text = view.browser.toPlainText()
    assert view.browser.horizontalScrollBar().maximum() == 0, "a formula is cut at the dock's edge"
    assert "\\frac" not in text and "\\theta" not in text and "$" not in text
    assert text.count(preset.title) <= 1 and render(view.heading() + view.markdown).count("<h1>") == 1
    assert "blockquote" not in html and "margin-left:40px" not in html
    formula_tables = tables(view.browser.document()) if name == "eight_racers_himmelblau" else []
    for table in formula_tables:  # the names' column is not squeezed to a letter a line
        names = [table.cellAt(row, 0).firstCursorPosition().block() for row in range(table.rows())]
        assert all(block.layout().lineCount() == 1 for block in names), [b.text() for b in names]


def tables(document):
    from PySide6.QtGui import QTextTable

    return [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]
