"""The language panel: a character-level language model, word embeddings, seq2seq with attention, a bidirectional RNN. One page per mode, each in its own module of widgets/language_views/."""

from __future__ import annotations

from playground.language.config import LanguageConfig
from widgets.language_views.char_lm import Page as CharLmPage
from widgets.language_views.embeddings import Page as EmbeddingsPage
from widgets.language_views.seq2seq import Page as Seq2SeqPage
from widgets.language_views.bidirectional import Page as BidirectionalPage
from widgets.panels.paged import PagedPanel


class Panel(PagedPanel):
    key = "language"
    config_class = LanguageConfig
    page_classes = {
        "char_lm": CharLmPage,
        "embeddings": EmbeddingsPage,
        "seq2seq": Seq2SeqPage,
        "bidirectional": BidirectionalPage,
    }


if __name__ == "__main__":  # pragma: no cover
    from widgets.panels.preview import preview

    preview(Panel)
