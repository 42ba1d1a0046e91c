"""The character language model's data, in numpy: the corpus, its vocabulary, the n-gram baselines
and the two ways of cutting minibatches (random sampling and sequential partitioning).

No torch here: the baselines and the batch indices are plain counting, tested against hand counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from playground.engine import EngineError
from playground.files import FileRefused, read_regular_file

SHIPPED = Path(__file__).resolve().parent / "data" / "shakespeare.txt"
CORPUS_LIMIT = 5_000_000  # bytes: a user's corpus larger than this is refused, not read
MIN_CHARS = 1_000  # fewer and the held-out 10% is too short to say anything
MAX_VOCAB = 512  # distinct characters: more is not a text a small char model can learn live
HELD_OUT = 0.1  # the last 10% of the corpus is held out for perplexity
EMBEDDING = 32  # the size of each character's learned input vector
GATES = {"rnn": 1, "gru": 3, "lstm": 4}  # weight blocks of a cell: its multiply-adds per unit
VOCAB_GUESS = 100  # the output layer's width in the cost estimate (the corpus is not read to validate)


@dataclass(frozen=True)
class Corpus:
    name: str
    text: str
    chars: str  # the vocabulary, sorted
    ids: np.ndarray  # int64, one id per character of text

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    @property
    def split(self) -> int:
        """Index of the first held-out character."""
        return int(len(self.ids) * (1 - HELD_OUT))

    @property
    def train(self) -> np.ndarray:
        return self.ids[:self.split]

    @property
    def held_out(self) -> np.ndarray:
        return self.ids[self.split:]


def decode_text(data: bytes, name: str) -> str:
    """The bytes of a corpus as text, or EngineError naming what is wrong with it."""
    if not data:
        raise EngineError(f"corpus file {name}: is empty")
    if b"\x00" in data[:65536]:
        raise EngineError(f"corpus file {name}: looks binary (it has NUL bytes), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EngineError(f"corpus file {name}: is not UTF-8 text (bad byte at offset {error.start})") from None
    text = text.replace("\r\n", "\n")
    if len(text) < MIN_CHARS:
        raise EngineError(f"corpus file {name}: too short: {len(text)} characters, at least {MIN_CHARS} are needed")
    distinct = len(set(text))
    if distinct > MAX_VOCAB:
        raise EngineError(f"corpus file {name}: {distinct} distinct characters, at most {MAX_VOCAB} "
                          "(a character model of this size cannot learn that many)")
    return text


def make_corpus(text: str, name: str) -> Corpus:
    chars = "".join(sorted(set(text)))
    lookup = {c: i for i, c in enumerate(chars)}
    ids = np.fromiter((lookup[c] for c in text), dtype=np.int64, count=len(text))
    return Corpus(name, text, chars, ids)


def load_corpus(path: str) -> Corpus:
    """The shipped text (``path`` empty) or a user's UTF-8 text file, checked (EngineError says why not)."""
    if not path:
        return make_corpus(SHIPPED.read_text(encoding="utf-8"), SHIPPED.name)
    try:
        data = read_regular_file(path, CORPUS_LIMIT, what="corpus file")
    except FileRefused as error:
        raise EngineError(f"corpus file {error}") from None
    return make_corpus(decode_text(data, path), Path(path).name)


def check_step_cost(config) -> None:
    """ValueError naming the size fields when one minibatch would cost more than a live run allows."""
    from playground.limits import BACKWARD, check_cost

    h, gates = config.char_hidden, GATES[config.char_cell]
    per_char = gates * (EMBEDDING + h) * h + (config.char_layers - 1) * gates * 2 * h * h + h * VOCAB_GUESS
    cost = BACKWARD * config.char_batch * config.char_seq_len * per_char
    check_cost(cost, "this character model", {"char_hidden": h, "char_layers": config.char_layers,
                                              "char_batch": config.char_batch, "char_seq_len": config.char_seq_len})


# --- n-gram baselines ----------------------------------------------------------------------------

def unigram_probs(train: np.ndarray, vocab: int, alpha: float = 1.0) -> np.ndarray:
    """Laplace (add-alpha) unigram: P(x) = (n(x) + alpha) / (n + alpha V)."""
    counts = np.bincount(train, minlength=vocab).astype(np.float64)
    return (counts + alpha) / (counts.sum() + alpha * vocab)


def bigram_probs(train: np.ndarray, vocab: int, alpha: float = 1.0) -> np.ndarray:
    """Laplace bigram, rows are the previous character: P(x'|x) = (n(x, x') + alpha) / (n(x) + alpha V).

    n(x) counts x as a *previous* character (the last character of the text precedes nothing)."""
    pairs = np.zeros((vocab, vocab))
    np.add.at(pairs, (train[:-1], train[1:]), 1.0)
    return (pairs + alpha) / (pairs.sum(axis=1, keepdims=True) + alpha * vocab)


def perplexity(nll: np.ndarray | float) -> float:
    """exp of the mean negative log-likelihood per predicted character (nats)."""
    return float(np.exp(np.mean(nll)))


def baseline_perplexities(corpus: Corpus, inputs: np.ndarray, targets: np.ndarray) -> tuple[float, float]:
    """Unigram and bigram perplexities (counted on the training text) on the held-out pairs the
    model is scored on (``inputs`` precede ``targets``, same shape)."""
    uni = unigram_probs(corpus.train, corpus.vocab_size)
    bi = bigram_probs(corpus.train, corpus.vocab_size)
    return perplexity(-np.log(uni[targets])), perplexity(-np.log(bi[inputs, targets]))


def held_out_streams(held_out: np.ndarray, streams: int) -> np.ndarray:
    """The held-out ids cut into ``streams`` equal rows (the tail that does not fit is dropped):
    the model reads each row left to right with its state carried, predicting columns 1..end."""
    streams = max(1, min(streams, len(held_out) // 2))
    width = len(held_out) // streams
    return held_out[:streams * width].reshape(streams, width)


# --- minibatches ---------------------------------------------------------------------------------

class Batches:
    """Minibatches of ``batch`` x ``steps`` (inputs, targets shifted by one), epoch after epoch.

    random:     each epoch starts at a random offset in [0, steps), cuts the text into pieces of
                ``steps``, shuffles them; consecutive minibatches are not adjacent in the text, so
                the hidden state must be reset before each (the lecture notes' 随机采样).
    sequential: each epoch starts at a random offset, lays the text out as ``batch`` long rows and
                reads them ``steps`` columns at a time: row i of minibatch t+1 continues row i of
                minibatch t, so the last hidden state may be carried over (相邻采样).
    ``starts_epoch`` says whether the minibatch just made began an epoch (the state is reset there).
    """

    def __init__(self, ids: np.ndarray, batch: int, steps: int, sampling: str, rng: np.random.Generator) -> None:
        self.ids, self.batch, self.steps, self.sampling, self.rng = ids, batch, steps, sampling, rng
        self.queue: list[np.ndarray] = []  # the start of each row of each minibatch left in this epoch
        self.starts_epoch = False
        self.epochs = 0

    def _new_epoch(self) -> None:
        ids, b, t = self.ids, self.batch, self.steps
        offset = int(self.rng.integers(0, t))
        if self.sampling == "random":
            pieces = (len(ids) - offset - 1) // t
            starts = offset + t * self.rng.permutation(pieces)
            self.queue = [starts[k * b:(k + 1) * b] for k in range(pieces // b)]
        else:
            width = (len(ids) - offset - 1) // b
            rows = offset + width * np.arange(b)
            self.queue = [rows + k * t for k in range(width // t)]
        if not self.queue:
            raise EngineError(f"the training text ({len(ids)} characters) is too short for one minibatch of "
                              f"{b} x {t}: lower the batch size or the sequence length")
        self.queue.reverse()  # pop() from the end takes them in order
        self.epochs += 1

    def next(self) -> tuple[np.ndarray, np.ndarray]:
        """The next (inputs, targets), each batch x steps int64: row i reads ids[start_i : start_i + steps]."""
        self.starts_epoch = not self.queue
        if self.starts_epoch:
            self._new_epoch()
        index = self.queue.pop()[:, None] + np.arange(self.steps)
        return self.ids[index], self.ids[index + 1]
