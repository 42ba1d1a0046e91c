"""The language panel's settings: one config, four modes (no torch import here).

char_lm        a character-level RNN/GRU/LSTM language model on a shipped public-domain text:
               perplexity against unigram and bigram baselines, samples from a typed prompt.
embeddings     skip-gram and CBOW word embeddings with negative sampling: a live 2-D projection,
               nearest neighbours and analogies of typed words.
seq2seq        an encoder-decoder GRU on a toy translation task, with and without additive
               (Bahdanau) attention: the alignment of a typed sentence, greedy vs beam search.
bidirectional  a tagging task whose answer depends on the future: forward-only vs bidirectional RNN.

Each mode's fields, sections and live fields live in its own block below (one block per mode).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from playground.modes import Mode as RunMode
from playground.modes import Section

Mode = Literal["char_lm", "embeddings", "seq2seq", "bidirectional"]

# --- char_lm: sections -------------------------------------------------------------------------------

# --- end char_lm sections ------------------------------------------------------------------------------

# --- embeddings: sections ----------------------------------------------------------------------------

# --- end embeddings sections ---------------------------------------------------------------------------

# --- seq2seq: sections -------------------------------------------------------------------------------

# --- end seq2seq sections ------------------------------------------------------------------------------

# --- bidirectional: sections -------------------------------------------------------------------------

# --- end bidirectional sections ------------------------------------------------------------------------


class LanguageConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[RunMode, ...]] = (  # see playground/modes.py; one line per mode
        # char_lm mode

        # embeddings mode

        # seq2seq mode

        # bidirectional mode

    )
    # Fields that only change what the trained model is asked (a prompt, a word): the running
    # engine takes them through the named method, without a restart (playground/modes.py live_calls).
    LIVE: ClassVar[dict[str, str]] = {
        # char_lm live

        # embeddings live

        # seq2seq live

        # bidirectional live

    }

    mode: Mode = Field("char_lm", description="What the panel shows: a character-level language model, word "
                       "embeddings, seq2seq with attention, or a bidirectional RNN")

    # --- char_lm fields ----------------------------------------------------------------------------------

    # --- end char_lm fields -------------------------------------------------------------------------------

    # --- embeddings fields -------------------------------------------------------------------------------

    # --- end embeddings fields ----------------------------------------------------------------------------

    # --- seq2seq fields ----------------------------------------------------------------------------------

    # --- end seq2seq fields -------------------------------------------------------------------------------

    # --- bidirectional fields ----------------------------------------------------------------------------

    # --- end bidirectional fields -------------------------------------------------------------------------

    @model_validator(mode="after")
    def _consistent(self) -> "LanguageConfig":
        # --- checks across fields, one block per mode (each calls a function of its own module) ---

        # --- end checks ---
        return self


CONFIG = LanguageConfig
