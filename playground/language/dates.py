"""The toy translation task of the seq2seq mode: spelled-out dates -> ISO dates, made in code.

    "march 5 2021"    ->  2 0 2 1 - 0 3 - 0 5 <eos>
    "5 march 2021"    ->  (the same)
    "march 5 , 2021"  ->  (the same)

Source tokens are month words, single digits and ","; numbers a person types are split into digits
("2021" -> 2 0 2 1), so the model has to copy digits and reorder them: the year goes first, the
month word becomes two digits, the day is padded to two digits. The (date, format) pairs are
shuffled once with a fixed seed and the first HELD_OUT of them never reach training.
No torch here: the engine turns the index lists into tensors.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
DIGITS = tuple("0123456789")
PAD, BOS, EOS = "<pad>", "<bos>", "<eos>"
SOURCE_VOCAB = (PAD, *MONTHS, *DIGITS, ",")
TARGET_VOCAB = (PAD, BOS, EOS, *DIGITS, "-")
SOURCE_INDEX = {token: i for i, token in enumerate(SOURCE_VOCAB)}
TARGET_INDEX = {token: i for i, token in enumerate(TARGET_VOCAB)}
FORMATS = ("month day year", "day month year", "month day , year")
FIRST_YEAR, LAST_YEAR = 1950, 2049
SOURCE_LEN = 8  # "september 1 5 , 2 0 2 1": month, 2 day digits, ",", 4 year digits
TARGET_LEN = 11  # 10 characters of YYYY-MM-DD, then <eos>
HELD_OUT = 512
SPLIT_SEED = 20_210_305  # the split is the same for every run seed: held-out pairs stay held out
MAX_TYPED_TOKENS = 24


def source_tokens(date: dt.date, fmt: int) -> list[str]:
    month, day, year = MONTHS[date.month - 1], list(str(date.day)), list(str(date.year))
    if fmt == 0:
        return [month, *day, *year]
    if fmt == 1:
        return [*day, month, *year]
    return [month, *day, ",", *year]


def target_tokens(date: dt.date) -> list[str]:
    return [*date.isoformat(), EOS]


def all_dates() -> list[dt.date]:
    day, last, one = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31), dt.timedelta(days=1)
    dates = []
    while day <= last:
        dates.append(day)
        day += one
    return dates


def encode_pairs(pairs: list[tuple[dt.date, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(source indices padded to SOURCE_LEN, source lengths, target indices) of (date, format) pairs."""
    source = np.zeros((len(pairs), SOURCE_LEN), np.int64)
    lengths = np.zeros(len(pairs), np.int64)
    target = np.zeros((len(pairs), TARGET_LEN), np.int64)
    for row, (date, fmt) in enumerate(pairs):
        tokens = source_tokens(date, fmt)
        source[row, :len(tokens)] = [SOURCE_INDEX[t] for t in tokens]
        lengths[row] = len(tokens)
        target[row] = [TARGET_INDEX[t] for t in target_tokens(date)]
    return source, lengths, target


def split() -> tuple[list[tuple[dt.date, int]], list[tuple[dt.date, int]]]:
    """(training pairs, held-out pairs): every (date, format), shuffled once with SPLIT_SEED."""
    pairs = [(date, fmt) for date in all_dates() for fmt in range(len(FORMATS))]
    order = np.random.default_rng(SPLIT_SEED).permutation(len(pairs))
    shuffled = [pairs[i] for i in order]
    return shuffled[HELD_OUT:], shuffled[:HELD_OUT]


def tokenize(sentence: str) -> tuple[list[str], list[str], str]:
    """(known source tokens, unknown tokens, message) of a typed sentence; unknown tokens are skipped."""
    words = re.findall(r"[a-z]+|\d|,|[^\sa-z\d,]+", sentence.lower())
    if len(words) > MAX_TYPED_TOKENS:
        words = words[:MAX_TYPED_TOKENS]
        cut = f"only the first {MAX_TYPED_TOKENS} tokens are used"
    else:
        cut = ""
    known = [w for w in words if w in SOURCE_INDEX and w != PAD]
    unknown = [w for w in words if w not in SOURCE_INDEX or w == PAD]
    messages = []
    if unknown:
        messages.append("unknown tokens skipped: " + ", ".join(unknown))
    if not known:
        messages.append("no known tokens: type a date such as 'march 5 2021'")
    if cut:
        messages.append(cut)
    return known, unknown, "; ".join(messages)
