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
EMBEDDINGS_MODEL = Section("Embedding model", ("emb_architecture", "emb_objective", "emb_dim", "emb_window",
                                                "emb_negatives", "emb_subsample_t"))
EMBEDDINGS_TRAINING = Section("Embedding training", ("emb_lr", "emb_batch", "emb_steps"))
EMBEDDINGS_QUERIES = Section("Words to ask", ("query_word", "analogy", "emb_neighbours", "emb_projected"))

# --- end embeddings sections ---------------------------------------------------------------------------

# --- seq2seq: sections -------------------------------------------------------------------------------
SEQ2SEQ_TRAINING = Section("Seq2seq training", ("seq2seq_hidden", "seq2seq_lr", "seq2seq_batch", "seq2seq_steps",
                                                "seq2seq_eval_every"))
SEQ2SEQ_DECODING = Section("Typed sentence and search", ("sentence", "beam_width", "length_alpha"))

# --- end seq2seq sections ------------------------------------------------------------------------------

# --- bidirectional: sections -------------------------------------------------------------------------
BI_TASK = Section("Tagging task", ("bi_task", "bi_seq_len"))
BI_NETS = Section("Recurrent nets", ("bi_cell", "bi_hidden"))
BI_TRAINING = Section("Tagging training", ("bi_lr", "bi_batch", "bi_max_steps", "bi_eval_every"))

# --- end bidirectional sections ------------------------------------------------------------------------


class LanguageConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    MODES: ClassVar[tuple[RunMode, ...]] = (  # see playground/modes.py; one line per mode
        # char_lm mode
        RunMode("char_lm", "playground.language.char_lm:CharLMEngine", ("language.char_lm",),
                (CHAR_DATA, CHAR_MODEL, CHAR_TRAINING, CHAR_SAMPLE), also_uses=("prompt",)),

        # embeddings mode
        RunMode("embeddings", "playground.language.embeddings_engine:EmbeddingsEngine", ("language.embeddings",),
                (EMBEDDINGS_QUERIES, EMBEDDINGS_MODEL, EMBEDDINGS_TRAINING)),

        # seq2seq mode
        RunMode("seq2seq", "playground.language.seq2seq_engine:Seq2SeqEngine", ("language.seq2seq",),
                (SEQ2SEQ_DECODING, SEQ2SEQ_TRAINING)),

        # bidirectional mode
        RunMode("bidirectional", "playground.language.bidirectional:BidirectionalEngine",
                ("language.bidirectional",), (BI_TASK, BI_NETS, BI_TRAINING)),

    )
    # Fields that only change what the trained model is asked (a prompt, a word): the running
    # engine takes them through the named method, without a restart (playground/modes.py live_calls).
    LIVE: ClassVar[dict[str, str]] = {
        # char_lm live
        "prompt": "set_prompt", "temperature": "set_temperature", "greedy": "set_greedy",
        "sample_length": "set_sample_length",

        # embeddings live
        "query_word": "set_query_word",
        "analogy": "set_analogy",

        # seq2seq live
        "sentence": "set_sentence",

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
    sentence: str = Field("march 5 2021", max_length=200, description="A date to translate, e.g. 'march 5 2021', "
                          "'5 march 2021' or 'march 5 , 2021': its alignment heatmap and beam search (unknown words "
                          "are skipped)")
    beam_width: int = Field(3, ge=1, le=6, description="Beam width k for the typed sentence (1 is greedy search)")
    length_alpha: float = Field(0.75, ge=0, le=2, description="Final score (1/L^alpha) log P: alpha 0 ranks by "
                                "log P alone (short outputs win), larger alpha favours longer outputs")
    seq2seq_hidden: int = Field(64, ge=8, le=256, description="Hidden size of the encoder and decoder GRUs")
    seq2seq_lr: float = Field(0.005, gt=0, le=0.1, description="Adam learning rate of both models")
    seq2seq_batch: int = Field(64, ge=1, le=512, description="Sentence pairs per training step (the same for both "
                               "models)")
    seq2seq_steps: int = Field(600, ge=0, le=100_000, description="Training steps (0: until stopped)")
    seq2seq_eval_every: int = Field(25, ge=1, le=1000, description="Steps between evaluations on the 512 held-out "
                                    "pairs")

    # --- end seq2seq fields -------------------------------------------------------------------------------

    # --- bidirectional fields ----------------------------------------------------------------------------
    bi_task: Literal["token_ahead", "last_token", "repeats_later", "token_behind"] = Field(
        "token_ahead", title="task", description="What each position is tagged with: token_ahead, the token 2 steps "
        "later; last_token, the sequence's last token; repeats_later, whether this token appears again later; "
        "token_behind, the token 2 steps earlier (the past only: both nets can do it)")
    bi_seq_len: int = Field(12, ge=4, le=64, title="seq len", description="Tokens per sequence (vocabulary of 8, "
                            "drawn uniformly)")
    bi_cell: Literal["rnn", "gru", "lstm"] = Field("gru", title="cell", description="The recurrent cell of both "
                                                   "nets: plain tanh RNN, GRU or LSTM")
    bi_hidden: int = Field(32, ge=4, le=128, title="hidden units", description="Hidden units of the forward net, "
                           "and of each direction of the bidirectional one")
    bi_lr: float = Field(0.01, gt=0, le=1, title="learning rate", description="Adam's step size (both nets)")
    bi_batch: int = Field(64, ge=1, le=512, title="batch size", description="Sequences per step; both nets train "
                          "on the same batches")
    bi_max_steps: int = Field(600, ge=0, le=1_000_000, title="max steps", description="Training steps before "
                              "the run stops (0: never stops)")
    bi_eval_every: int = Field(25, ge=1, le=10_000, title="eval every", description="Steps between evaluations on "
                               "512 held-out sequences (accuracy per position, hidden states, gradients through time)")

    # --- end bidirectional fields -------------------------------------------------------------------------

    @model_validator(mode="after")
    def _consistent(self) -> "LanguageConfig":
        # --- checks across fields, one block per mode (each calls a function of its own module) ---
        if self.mode == "bidirectional":
            from playground.language.bidir_tasks import check_step_cost as check_bidirectional_cost

            check_bidirectional_cost(self)
        if self.mode == "char_lm":
            from playground.language.char_corpus import check_step_cost

            check_step_cost(self)

        # --- end checks ---
        return self


CONFIG = LanguageConfig
