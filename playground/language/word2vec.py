"""word2vec's pieces (seed notes, 词嵌入): the vocabulary, subsampling, training pairs, the two losses,
cosine neighbours, analogies and the 2-D projection. numpy for the data, torch for the losses."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

NOISE_POWER = 0.75  # the word2vec paper draws noise words from P(w) proportional to f(w)^0.75
PAD = -1


@dataclass(frozen=True)
class Vocabulary:
    words: list[str]  # most frequent first
    counts: np.ndarray  # occurrences of each word in the corpus

    @classmethod
    def of(cls, sentences: list[list[str]]) -> "Vocabulary":
        counted = Counter(word for sentence in sentences for word in sentence)
        ordered = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
        return cls([w for w, _ in ordered], np.array([c for _, c in ordered], dtype=np.int64))

    @property
    def index(self) -> dict[str, int]:
        return {word: i for i, word in enumerate(self.words)}

    @property
    def frequencies(self) -> np.ndarray:
        """f(w): occurrences of w / all words."""
        return self.counts / self.counts.sum()

    def noise_distribution(self) -> np.ndarray:
        weights = self.frequencies ** NOISE_POWER
        return weights / weights.sum()

    def closest_spellings(self, word: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(word, self.words, n=n, cutoff=0.6)


def discard_probability(frequency, t: float) -> np.ndarray:
    """Subsampling (二次采样): each occurrence of w is dropped with P = max(1 - sqrt(t / f(w)), 0).
    t = 0 turns subsampling off."""
    f = np.asarray(frequency, dtype=float)
    if t <= 0:
        return np.zeros_like(f)
    return np.maximum(1.0 - np.sqrt(t / f), 0.0)


def context_table(sentences: list[list[str]], index: dict[str, int], window: int) -> tuple[np.ndarray, np.ndarray]:
    """(centres (N,), contexts (N, 2 window)): every token of the corpus and the words at most
    ``window`` away from it in its own sentence, PAD where the sentence ends."""
    centres, contexts = [], []
    for sentence in sentences:
        ids = [index[w] for w in sentence]
        for i, centre in enumerate(ids):
            row = [ids[j] if 0 <= j < len(ids) else PAD
                   for j in range(i - window, i + window + 1) if j != i]
            centres.append(centre)
            contexts.append(row)
    return np.array(centres, dtype=np.int64), np.array(contexts, dtype=np.int64).reshape(len(centres), 2 * window)


def negative_sampling_loss(v_c, u_o, u_noise):
    """-log sigma(u_o^T v_c) - sum_k log sigma(-u_k^T v_c), per pair (torch tensors: (B, d), (B, d), (B, K, d))."""
    import torch.nn.functional as F

    positive = (u_o * v_c).sum(-1)
    negative = (u_noise @ v_c.unsqueeze(-1)).squeeze(-1)
    return -F.logsigmoid(positive) - F.logsigmoid(-negative).sum(-1)


def full_softmax_loss(v_c, u_all, target):
    """-log P(w_o | w_c) = -u_o^T v_c + log sum_i exp(u_i^T v_c), per pair (torch: (B, d), (V, d), (B,))."""
    import torch.nn.functional as F

    return F.cross_entropy(v_c @ u_all.T, target, reduction="none")


def multiply_adds_per_pair(objective: str, vocab: int, dim: int, negatives: int) -> int:
    """Forward multiply-adds of the output layer for one (centre, context) pair:
    full softmax V d (a score for every word), negative sampling (K + 1) d."""
    return vocab * dim if objective == "full softmax" else (negatives + 1) * dim


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def nearest(vectors: np.ndarray, query: np.ndarray, k: int, exclude: set[int] = frozenset()) -> list[tuple[int, float]]:
    """The k rows most similar to ``query`` by cosine x.y / (|x| |y|), best first, skipping ``exclude``."""
    cosines = unit_rows(vectors) @ (query / max(np.linalg.norm(query), 1e-12))
    order = [i for i in np.argsort(-cosines, kind="stable") if i not in exclude]
    return [(int(i), float(cosines[i])) for i in order[:k]]


ANALOGY = re.compile(r"^\s*([^\s+=-]+)\s*-\s*([^\s+=-]+)\s*\+\s*([^\s+=-]+)\s*(?:=\s*([^\s+=-]+)\s*)?$")
ANALOGY_FORMAT = "write an analogy as 'a - b + c' or 'a - b + c = d', e.g. 'king - man + woman = queen'"


def parse_analogy(text: str) -> tuple[list[str], str | None] | None:
    """(["a", "b", "c"], "d" or None) of 'a - b + c [= d]', lower-cased; None when it is not that form."""
    match = ANALOGY.match(text.lower()) if isinstance(text, str) else None
    if match is None:
        return None
    return [match.group(1), match.group(2), match.group(3)], match.group(4)


def analogy(vectors: np.ndarray, a: int, b: int, c: int, k: int) -> tuple[list[tuple[int, float]], np.ndarray]:
    """The k words nearest to v_a - v_b + c (unit vectors, 3CosAdd), a, b and c excluded, and the
    cosine of every word with that target (excluded ones set to -inf)."""
    unit = unit_rows(vectors)
    target = unit[a] - unit[b] + unit[c]
    cosines = unit @ (target / max(np.linalg.norm(target), 1e-12))
    cosines[[a, b, c]] = -np.inf
    order = np.argsort(-cosines, kind="stable")
    return [(int(i), float(cosines[i])) for i in order[:k]], cosines


def rank_of(cosines: np.ndarray, word: int) -> int:
    """1 + how many candidates score above ``word`` (ties broken by index, as argsort does)."""
    better = (cosines > cosines[word]).sum() + ((cosines == cosines[word]) & (np.arange(len(cosines)) < word)).sum()
    return int(better) + 1


def project_2d(vectors: np.ndarray) -> np.ndarray:
    """PCA by SVD of the centred rows: the coordinates on the two main axes. Each axis's sign is
    fixed by its largest coordinate being positive (an SVD's signs are arbitrary), so the live
    picture does not flip between snapshots, and the projection depends on the vectors alone."""
    xy = np.zeros((len(vectors), 2))
    if len(vectors) < 2:
        return xy
    u, s, _ = np.linalg.svd(vectors - vectors.mean(axis=0), full_matrices=False)
    axes = min(2, len(s))
    xy[:, :axes] = u[:, :axes] * s[:axes]
    for axis in range(axes):
        if xy[np.argmax(np.abs(xy[:, axis])), axis] < 0:
            xy[:, axis] *= -1
    return xy
