"""The language panel: a character-level language model, word embeddings, seq2seq with attention, a bidirectional RNN. One page per mode, each in its own module of widgets/language_views/."""

from __future__ import annotations

from playground.language.config import LanguageConfig
from widgets.panels.paged import PagedPanel


class Panel(PagedPanel):
    key = "language"
    config_class = LanguageConfig
    page_classes = {
        "char_lm": "widgets.language_views.char_lm:Page",
        "embeddings": "widgets.language_views.embeddings:Page",
        "seq2seq": "widgets.language_views.seq2seq:Page",
        "bidirectional": "widgets.language_views.bidirectional:Page",
    }


if __name__ == "__main__":  # pragma: no cover
    from widgets.panels.preview import preview

    preview(Panel)
