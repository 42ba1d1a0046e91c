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
EMBEDDINGS_MODEL = Section("Embedding model", ("emb_architecture", "emb_objective", "emb_dim", "emb_window",
                                                "emb_negatives", "emb_subsample_t"))
EMBEDDINGS_TRAINING = Section("Embedding training", ("emb_lr", "emb_batch", "emb_steps"))
EMBEDDINGS_QUERIES = Section("Words to ask", ("query_word", "analogy", "emb_neighbours", "emb_projected"))

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
        RunMode("embeddings", "playground.language.embeddings_engine:EmbeddingsEngine", ("language.embeddings",),
                (EMBEDDINGS_QUERIES, EMBEDDINGS_MODEL, EMBEDDINGS_TRAINING)),

        # seq2seq mode

        # bidirectional mode

    )
    # Fields that only change what the trained model is asked (a prompt, a word): the running
    # engine takes them through the named method, without a restart (playground/modes.py live_calls).
    LIVE: ClassVar[dict[str, str]] = {
        # char_lm live

        # embeddings live
        "query_word": "set_query_word",
        "analogy": "set_analogy",

        # seq2seq live

        # bidirectional live

    }

    mode: Mode = Field("char_lm", description="What the panel shows: a character-level language model, word "
                       "embeddings, seq2seq with attention, or a bidirectional RNN")

    # --- char_lm fields ----------------------------------------------------------------------------------

    # --- end char_lm fields -------------------------------------------------------------------------------

    # --- embeddings fields -------------------------------------------------------------------------------
    emb_architecture: Literal["skip-gram", "CBOW"] = Field(
        "skip-gram", title="architecture",
        description="skip-gram predicts each context word from the centre word; CBOW predicts the "
        "centre word from the mean of its context words' vectors")
    emb_objective: Literal["negative sampling", "full softmax"] = Field(
        "negative sampling", title="objective",
        description="negative sampling: one true pair against K noise words, (K + 1) d "
        "multiply-adds per pair; full softmax: a score for every word of the vocabulary, V d per pair")
    emb_dim: int = Field(24, ge=2, le=128, title="dimension d", description="Length d of each word vector")
    emb_window: int = Field(2, ge=1, le=5, title="window m",
                            description="Context window m: the words at most m away in the sentence")
    emb_negatives: int = Field(5, ge=1, le=20, title="noise words K",
                               description="Noise words K per pair, drawn from P(w) ~ f(w)^0.75")
    emb_subsample_t: float = Field(0.001, ge=0, le=1, title="subsampling t",
                                   description="Subsampling threshold t: each occurrence of w is dropped with "
                                   "P = max(1 - sqrt(t / f(w)), 0) (0: no subsampling)")
    emb_lr: float = Field(0.01, gt=0, le=1, title="learning rate",
                          description="Adam learning rate of both embedding tables")
    emb_batch: int = Field(256, ge=1, le=4096, title="batch size",
                           description="Training pairs (skip-gram) or windows (CBOW) per step")
    emb_steps: int = Field(1500, ge=0, le=100_000, title="steps", description="Training steps (0: until stopped)")
    query_word: str = Field("king", max_length=60, description="A word whose nearest neighbours by cosine "
                            "similarity are listed (changes take effect at once, no restart)")
    analogy: str = Field("king - man + woman = queen", max_length=120,
                         description="An analogy 'a - b + c' or 'a - b + c = d': the words nearest to "
                         "v_a - v_b + v_c, a, b and c excluded, and the rank of d")
    emb_neighbours: int = Field(8, ge=1, le=20, title="neighbours",
                                description="How many nearest neighbours and analogy answers to list")
    emb_projected: int = Field(40, ge=2, le=200, title="words projected",
                               description="The most frequent words shown in the 2-D projection (PCA), besides "
                               "the typed word, its neighbours and the analogy's words")

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
