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
CHAR_DATA = Section("Corpus", ("corpus_path",))
CHAR_MODEL = Section("Character model", ("char_cell", "char_hidden", "char_layers"))
CHAR_TRAINING = Section("Character training", ("char_sampling", "char_carry_state", "char_batch", "char_seq_len",
                                               "char_lr", "clip_theta", "char_max_steps", "char_eval_every"))
CHAR_SAMPLE = Section("Sample text", ("sample_length", "temperature", "greedy"))  # the page has the prompt box

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
        RunMode("char_lm", "playground.language.char_lm:CharLMEngine", ("language.char_lm",),
                (CHAR_DATA, CHAR_MODEL, CHAR_TRAINING, CHAR_SAMPLE), also_uses=("prompt",)),

        # embeddings mode

        # seq2seq mode

        # bidirectional mode

    )
    # Fields that only change what the trained model is asked (a prompt, a word): the running
    # engine takes them through the named method, without a restart (playground/modes.py live_calls).
    LIVE: ClassVar[dict[str, str]] = {
        # char_lm live
        "prompt": "set_prompt", "temperature": "set_temperature", "greedy": "set_greedy",
        "sample_length": "set_sample_length",

        # embeddings live

        # seq2seq live

        # bidirectional live

    }

    mode: Mode = Field("char_lm", description="What the panel shows: a character-level language model, word "
                       "embeddings, seq2seq with attention, or a bidirectional RNN")

    # --- char_lm fields ----------------------------------------------------------------------------------
    corpus_path: str = Field(
        "", title="corpus file", max_length=4096,
        description="A UTF-8 text file to train on (at most 5 MB); empty: the shipped public-domain Shakespeare "
        "(200 KB). The last 10% is held out")
    char_cell: Literal["rnn", "gru", "lstm"] = Field(
        "gru", title="cell", description="The recurrent cell: plain tanh RNN, GRU or LSTM")
    char_hidden: int = Field(128, title="hidden units", ge=8, le=512, description="Hidden units per layer")
    char_layers: int = Field(1, title="layers", ge=1, le=3,
                             description="Stacked recurrent layers (each reads the one below)")
    char_sampling: Literal["random", "sequential"] = Field(
        "random", title="minibatch sampling",
        description="random: minibatches cut anywhere, hidden state reset before each; sequential: row i of a "
        "minibatch continues row i of the one before (adjacent), so the state can be carried")
    char_carry_state: bool = Field(
        True, title="carry hidden state", description="Sequential sampling: carry the last hidden state "
        "(detached) into the next minibatch; off: reset it to zero. Random sampling always resets")
    char_batch: int = Field(32, title="batch size", ge=1, le=256, description="Rows of text per minibatch")
    char_seq_len: int = Field(64, title="sequence length", ge=2, le=256,
                              description="Characters per row (time steps unrolled; teacher forcing)")
    char_lr: float = Field(0.005, title="learning rate", gt=0, le=1, description="Adam's step size")
    clip_theta: float = Field(1.0, title="clip theta", ge=0, le=1000,
                              description="Gradient clipping g <- min(1, theta/||g||) g; 0: no clipping")
    char_max_steps: int = Field(300, title="max steps", ge=0, le=1_000_000,
                                description="Minibatches to train (0: until stopped)")
    char_eval_every: int = Field(50, title="eval every", ge=1, le=10_000,
                                 description="Minibatches between held-out perplexity measurements")
    prompt: str = Field("First Citizen:", max_length=200, description="The text the sample starts from "
                        "(characters not in the corpus are skipped)")
    sample_length: int = Field(200, title="sample length", ge=1, le=1000,
                               description="Characters to generate after the prompt")
    temperature: float = Field(1.0, ge=0.05, le=5.0, description="Sampling temperature: p ~ softmax(logits / T)")
    greedy: bool = Field(False, description="Always take the most probable next character (no sampling)")

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
        if self.mode == "char_lm":
            from playground.language.char_corpus import check_step_cost

            check_step_cost(self)

        # --- end checks ---
        return self


CONFIG = LanguageConfig
