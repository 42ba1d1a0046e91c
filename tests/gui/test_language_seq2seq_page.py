"""The seq2seq page draws a real snapshot, and typing a sentence writes the LIVE field ``sentence``."""

import pytest

torch = pytest.importorskip("torch")

from PySide6.QtWidgets import QLineEdit  # noqa: E402

from playground.engine import RunContext  # noqa: E402
from playground.language.config import LanguageConfig  # noqa: E402
from playground.language.seq2seq_engine import Seq2SeqEngine  # noqa: E402
from playground.modes import live_calls  # noqa: E402
from tests.gui.driving import show_panel, snapshot_after  # noqa: E402
from tests.gui.pixels import non_background_pixels  # noqa: E402
from widgets.language_views.seq2seq import Page  # noqa: E402
from widgets.panels.language_panel import Panel  # noqa: E402

torch.set_num_threads(1)
CONFIG = LanguageConfig(mode="seq2seq", seq2seq_hidden=16, seq2seq_batch=8, seq2seq_steps=6, seq2seq_eval_every=2,
                        sentence="marhc 5 march 2021")


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel(CONFIG))


def test_the_page_draws_a_real_snapshot_and_clears(panel, qtbot):
    page = panel.pages.currentWidget()
    assert isinstance(page, Page)
    blank = non_background_pixels(page, stride=4)
    snap = snapshot_after(Seq2SeqEngine(CONFIG, RunContext(seed=0)), (2, 2, 2))
    panel.show_snapshot(snap)
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    assert "marhc" in page.message.text()  # the unknown token is named
    assert snap.tables["output_attn"] in page.outputs.text()
    assert page.alignment.shape == snap.arrays["alignment"].shape
    panel.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn


def test_typing_a_sentence_writes_the_live_field(panel):
    edit = panel.forms["Typed sentence and search"].editors["sentence"]
    assert isinstance(edit, QLineEdit)
    edit.setText("december 31 1999")
    edit.editingFinished.emit()
    assert panel.state.config.sentence == "december 31 1999"
    # a live field: the running engine takes it through set_sentence, no restart
    assert live_calls(panel.state.config, {"sentence"}) == [("set_sentence", "december 31 1999")]
