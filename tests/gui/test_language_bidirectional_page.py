"""The bidirectional page draws a real snapshot (curves, heatmaps, texts), forgets it, and speaks Chinese."""

import numpy as np
import pytest
import torch

from playground.engine import RunContext
from playground.language.bidirectional import BidirectionalEngine
from playground.language.config import LanguageConfig
from tests.gui.driving import show_panel, snapshot_after
from tests.gui.pixels import non_background_pixels
from widgets import i18n
from widgets.language_views import bidirectional

torch.set_num_threads(1)


class _Panel:
    """What a Page needs of its panel: only edit_config, which this page never calls."""

    def edit_config(self, **_fields) -> None:
        raise AssertionError("the bidirectional page has no editors of its own")


@pytest.fixture
def page(qtbot):
    return show_panel(qtbot, bidirectional.Page(_Panel()))


def _snapshot(task="repeats_later", steps=(5, 5)):
    config = LanguageConfig(mode="bidirectional", bi_task=task, bi_seq_len=10, bi_hidden=12, bi_eval_every=5,
                            bi_max_steps=10)
    return snapshot_after(BidirectionalEngine(config, RunContext(seed=0)), steps)


def test_page_draws_a_real_snapshot_and_clears(page, qtbot):
    blank = non_background_pixels(page, stride=4)
    snap = _snapshot()
    page.draw(snap)
    qtbot.wait(20)
    drawn = non_background_pixels(page, stride=4)
    assert drawn > blank + 3000, (blank, drawn)
    x, y = page.position_curves["bidir"].getData()
    assert np.array_equal(x, np.arange(1, 11)) and np.allclose(y, snap.arrays["pos_acc/bidir"])
    x, y = page.ceiling_line.getData()
    assert np.allclose(y, snap.metrics["causal_ceiling"])
    assert page.forward_states.image.image.shape == (12, 10)  # units x time
    assert page.backward_states.image.image.shape == (12, 10)
    assert page.grad_curves["bidir_b"].getData()[1].size == 10
    assert "does this token appear again later" in page.task_label.text()
    lines = page.example.text().splitlines()
    assert len(lines) == 4 and lines[1].split()[2:] == [str(v) for v in snap.arrays["example_tags"]]
    assert page.accuracy.legend is not None and "bidirectional GRU" in page.labels.values()
    page.clear()
    qtbot.wait(20)
    assert non_background_pixels(page, stride=4) < drawn and page.example.text() == ""


def test_every_text_of_the_page_has_chinese():
    texts = [bidirectional.ACCURACY, bidirectional.PER_POSITION, bidirectional.FORWARD_STATES,
             bidirectional.BACKWARD_STATES, bidirectional.GRADIENTS, bidirectional.CEILING,
             *bidirectional.GRAD_NAMES.values(), bidirectional.READOUT, bidirectional.EXAMPLE,
             "Tagging task", "Recurrent nets", "Tagging training", "position t", "unit", "norm"]
    from playground.language.bidir_tasks import TASK_LABELS
    texts += list(TASK_LABELS.values())
    missing = [text for text in texts if text not in i18n.ZH]
    assert not missing
    i18n.set_language("zh_CN")
    try:
        assert i18n.tr_message("bidirectional LSTM") == "双向 LSTM"
        assert i18n.tr_message("forward GRU") == "只有正向的 GRU"
    finally:
        i18n.set_language("en")
