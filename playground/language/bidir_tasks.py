"""Tagging tasks for the bidirectional mode, and the best accuracy a causal (forward-only) tagger can reach.

Each sequence is T tokens drawn uniformly and independently from a vocabulary of V = 8; every position
t = 1..T gets a tag that depends on tokens before or after it:

token_ahead     the token at t + 2 (the tag "none" for the last two positions)
last_token      the sequence's last token x_T
repeats_later   1 if x_t appears again among x_{t+1..T}, else 0
token_behind    the token at t - 2 ("none" for the first two): the past only, so a forward RNN can do it

A forward-only tagger at t has seen x_1..x_t and nothing after; the future tokens are independent of
the past, so the best it can do is the Bayes rule on what it knows (it may count positions). Its
accuracy per position is, in closed form:

token_ahead     1/V for t <= T - 2, 1 for the last two (the tag is "none" whatever comes)
last_token      1/V for t < T, 1 at t = T
repeats_later   max(p_t, 1 - p_t) with p_t = P(x_t occurs in T - t later tokens) = 1 - (1 - 1/V)^(T - t)
token_behind    1 everywhere

No torch here: the config checks the step cost with this module, and the engine uploads the batches.
"""

from __future__ import annotations

import numpy as np

VOCAB = 8  # tokens 0..7
SHIFT = 2  # how far ahead / behind token_ahead and token_behind look
TASKS = ("token_ahead", "last_token", "repeats_later", "token_behind")
NONE_TAG = VOCAB  # the tag of a position whose target lies outside the sequence
TASK_LABELS = {
    "token_ahead": "tag = the token 2 steps later",
    "last_token": "tag = the sequence's last token",
    "repeats_later": "tag = does this token appear again later?",
    "token_behind": "tag = the token 2 steps earlier",
}


def classes(task: str) -> int:
    """How many tags the output layer scores."""
    _known(task)
    return 2 if task == "repeats_later" else VOCAB + 1


def _known(task: str) -> None:
    if task not in TASKS:
        raise ValueError(f"unknown tagging task {task!r} (choose one of {', '.join(TASKS)})")


def tags(task: str, tokens: np.ndarray) -> np.ndarray:
    """The tags of a batch of token sequences (B, T) -> (B, T), int64."""
    _known(task)
    tokens = np.asarray(tokens, dtype=np.int64)
    B, T = tokens.shape
    out = np.full((B, T), NONE_TAG, dtype=np.int64)
    if task == "token_ahead":
        out[:, : max(T - SHIFT, 0)] = tokens[:, SHIFT:]
    elif task == "token_behind":
        out[:, SHIFT:] = tokens[:, : max(T - SHIFT, 0)]
    elif task == "last_token":
        out[:] = tokens[:, -1:]
    else:  # repeats_later: compare each token with every later one
        later = np.triu(np.ones((T, T), dtype=bool), k=1)  # later[t, s]: s > t
        same = tokens[:, :, None] == tokens[:, None, :]
        out = (same & later).any(axis=2).astype(np.int64)
    return out


def make_batch(task: str, seq_len: int, batch: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``batch`` random sequences and their tags, both (B, T) int64."""
    tokens = rng.integers(0, VOCAB, size=(batch, seq_len), dtype=np.int64)
    return tokens, tags(task, tokens)


def causal_ceiling(task: str, seq_len: int) -> np.ndarray:
    """The best expected accuracy of a forward-only tagger at each position t = 1..T (closed form)."""
    _known(task)
    T = seq_len
    t = np.arange(1, T + 1)
    if task == "token_ahead":
        return np.where(t <= T - SHIFT, 1.0 / VOCAB, 1.0)
    if task == "last_token":
        return np.where(t < T, 1.0 / VOCAB, 1.0)
    if task == "repeats_later":
        p = 1.0 - (1.0 - 1.0 / VOCAB) ** (T - t)
        return np.maximum(p, 1.0 - p)
    return np.ones(T)


def step_macs(cell: str, hidden: int, seq_len: int, batch: int) -> float:
    """Multiply-adds of one training step of both models (three directions), forward and backward."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[cell]
    per_direction = seq_len * batch * gates * hidden * (hidden + VOCAB)
    return 3.0 * 3 * per_direction  # three directions; backward costs about twice the forward


def check_step_cost(config) -> None:
    from playground.limits import check_cost

    cost = step_macs(config.bi_cell, config.bi_hidden, config.bi_seq_len, config.bi_batch)
    check_cost(cost, "this bidirectional tagger", {"hidden units": config.bi_hidden,
                                                   "seq len": config.bi_seq_len, "batch size": config.bi_batch})
