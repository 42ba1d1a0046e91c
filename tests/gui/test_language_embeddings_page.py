"""The embeddings page draws a real snapshot, and typing a word writes the LIVE field ``query_word``."""

import pytest

torch = pytest.importorskip("torch")

from PySide6.QtWidgets import QLineEdit  # noqa: E402

from playground.engine import RunContext  # noqa: E402
from playground.language.config import LanguageConfig  # noqa: E402
from playground.language.embeddings_engine import EmbeddingsEngine  # noqa: E402
from playground.modes import live_calls  # noqa: E402
from tests.gui.driving import show_panel, snapshot_after  # noqa: E402
from tests.gui.pixels import non_background_pixels  # noqa: E402
from widgets.language_views.embeddings import Page  # noqa: E402
from widgets.panels.language_panel import Panel  # noqa: E402

torch.set_num_threads(1)
CONFIG = LanguageConfig(mode="embeddings", emb_batch=64, emb_steps=30, query_word="kinq",
                        analogy="king - man + woman = queen")


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel(CONFIG))


def test_the_page_draws_a_real_snapshot_and_clears(panel, qtbot):
    page = panel.pages.currentWidget()
    assert isinstance(page, Page)
    blank = non_background_pixels(page, stride=4)
    snap = snapshot_after(EmbeddingsEngine(CONFIG, RunContext(seed=0)), (10, 20))
    panel.show_snapshot(snap)
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 1000, (blank, drawn)  # 40 points, their labels, three curves
    assert "kinq" in page.message.text() and "king" in page.message.text()  # unknown word, closest spelling
    assert page.projection.words == snap.tables["projected_words"]
    assert len(page.projection.words) >= 40 and {"king", "man", "woman", "queen"} <= set(page.projection.words)
    assert snap.tables["answers"][0]["word"] in page.answers.text()
    assert "3648" in page.cost.text() and "144" in page.cost.text()  # V d = 152 x 24, (K + 1) d = 6 x 24
    panel.clear()
    qtbot.wait(20)
    assert page.projection.words == [] and len(page.projection.points.data) == 0
    assert not any(label.isVisible() for label in page.projection.labels)
    x, _ = page.loss.curves["loss"].getData()
    assert (x is None or len(x) == 0) and page.message.text() == ""


def test_typing_a_word_writes_the_live_field(panel):
    edit = panel.forms["Words to ask"].editors["query_word"]
    assert isinstance(edit, QLineEdit)
    edit.setText("paris")
    edit.editingFinished.emit()
    assert panel.state.config.query_word == "paris"
    # a live field: the running engine takes it through set_query_word, no restart
    assert live_calls(panel.state.config, {"query_word"}) == [("set_query_word", "paris")]
    assert live_calls(panel.state.config, {"analogy"}) == [("set_analogy", panel.state.config.analogy)]


def test_the_engine_messages_are_shown_in_chinese(panel, qtbot):
    from widgets import i18n

    engine = EmbeddingsEngine(CONFIG, RunContext(seed=0))
    engine.set_analogy("king - man + woman = king")
    messages = [engine.snapshot().tables[name] for name in ("query_message", "analogy_message")]
    engine.set_analogy("king man")
    engine.set_query_word("")
    messages += [engine.snapshot().tables[name] for name in ("query_message", "analogy_message")]
    i18n.set_language("zh_CN")
    try:
        for message in messages:
            for part in message.split("; "):
                assert i18n.tr_message(part) != part, part
    finally:
        i18n.set_language("en")
