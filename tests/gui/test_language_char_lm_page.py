"""The language panel's char_lm page draws a real snapshot, and its prompt box writes ``prompt`` to the
state, a LIVE field: the running engine takes it through set_prompt, without a restart."""

import numpy as np
import pytest
import torch

from playground.engine import RunContext
from playground.language.char_lm import CharLMEngine
from playground.language.config import LanguageConfig
from playground.language.snapshots import CHAR_LM
from playground.modes import live_calls
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import non_background_pixels
from tests.gui.test_snapshot_views import declared_only
from widgets.i18n import ZH
from widgets.panels.language_panel import Panel

torch.set_num_threads(1)


SMALL = dict(mode="char_lm", char_hidden=16, char_batch=4, char_seq_len=8, char_eval_every=2, char_max_steps=0,
             sample_length=40)


@pytest.fixture
def panel(qtbot):
    return show_panel(qtbot, Panel())


def _snapshot(**overrides):
    config = LanguageConfig(**{**SMALL, **overrides})
    return config, snapshot_after(CharLMEngine(config, RunContext(seed=0)), (2, 3))


def test_the_page_draws_a_real_snapshot(panel, qtbot):
    config, snap = _snapshot(prompt="First é")
    panel.set_config(config)
    page = panel.mode_pages["char_lm"]
    blank = non_background_pixels(page, stride=4)
    panel.show_snapshot(declared_only(snap, CHAR_LM))  # reads only what the kind declares
    qtbot.wait(50)
    assert non_background_pixels(page, stride=4) > blank + 500
    assert page.sample.text() == snap.tables["prompt_used"] + snap.tables["sample"]
    assert page.sample.text().startswith("First ") and len(snap.tables["sample"]) == 40
    assert "'é'" in page.message.text()  # the unknown character is named on the page
    heights = page.bars.opts["height"]
    assert np.allclose(heights, snap.arrays["top_probs"][0])
    x, y = page.ppl.curves["held-out"].getData()
    assert np.allclose(10 ** y, snap.arrays["eval_ppl"])  # a log-y plot holds log10
    assert page.heat.image.image.shape == snap.arrays["sample_hidden"].T.shape
    panel.clear()
    assert page.sample.text() == ""


def test_the_prompt_box_writes_a_live_field(panel, qtbot):
    panel.set_config(LanguageConfig(**SMALL))
    page = panel.mode_pages["char_lm"]
    assert page.prompt_box.text() == "First Citizen:"
    page.prompt_box.setText("ROMEO:")
    page.prompt_box.editingFinished.emit()
    assert panel.config().prompt == "ROMEO:"
    # only a live field changed: the window calls the engine's method instead of restarting the run
    assert live_calls(panel.config(), {"prompt"}) == [("set_prompt", "ROMEO:")]
    assert live_calls(panel.config(), {"prompt", "char_hidden"}) is None
    panel.set_config(LanguageConfig(**{**SMALL, "prompt": "MENENIUS:"}))
    assert page.prompt_box.text() == "MENENIUS:"  # the box shows the state


def test_the_pages_texts_have_chinese():
    from widgets.language_views import char_lm

    for text in (char_lm.PPL_TITLE, char_lm.GRAD_TITLE, char_lm.BARS_TITLE, char_lm.HEAT_TITLE, char_lm.READOUT,
                 *char_lm.MESSAGES, "Character model", "Character training", "Sample text", "corpus file"):
        assert text in ZH
