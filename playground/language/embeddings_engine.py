"""The word embeddings mode's engine: word2vec (skip-gram or CBOW; negative sampling or full softmax)
on the shipped analogy corpus (playground/language/analogy_corpus.py).

Two nn.Embedding tables, v (centre / input) and u (context / output), trained by Adam on batches
drawn each step from one CPU generator: the same random numbers are drawn every step whatever the
settings, so ``advance(a); advance(b)`` equals ``advance(a + b)``. The typed word and analogy
(LIVE fields) are answered only in ``snapshot()``; a word not in the vocabulary is a message there,
never an exception, and the run keeps its state.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from playground.conv.history import Ring
from playground.deferred import DeferredRows
from playground.engine import Engine, upload
from playground.language import analogy_corpus
from playground.language import word2vec as w2v

RECORD_EVERY = 10  # steps per point of the curves: the mean loss of those steps, then the analogy test
TOP = 5  # the analogy test counts a hit in the top 5 as well as at rank 1


class AnalogyTest:
    """The corpus grammar's analogies 'a - b + c = d' as index tensors, scored on the device."""

    def __init__(self, index: dict[str, int], device) -> None:
        rows = [[index[w] for w in q] for q in analogy_corpus.analogy_questions() if all(w in index for w in q)]
        self.questions = torch.tensor(rows, dtype=torch.long, device=device).reshape(-1, 4)

    @torch.no_grad()
    def accuracy(self, vectors: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(share with d at rank 1, share with d in the top 5), a, b and c excluded: device scalars."""
        if not len(self.questions):
            zero = vectors.new_zeros(())
            return zero, zero
        unit = vectors / vectors.norm(dim=1, keepdim=True).clamp_min(1e-12)
        a, b, c, d = self.questions.T
        target = unit[a] - unit[b] + unit[c]
        scores = target @ unit.T
        scores.scatter_(1, self.questions[:, :3], -math.inf)
        top = scores.topk(min(TOP, scores.shape[1]), dim=1).indices
        hits = top == d[:, None]
        return hits[:, 0].float().mean(), hits.any(dim=1).float().mean()


class EmbeddingsEngine(Engine):
    snapshot_kind = "language.embeddings"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        if ctx.device == "cpu":
            torch.set_num_threads(1)
        self.device = torch.device(ctx.device)
        sentences = analogy_corpus.load()
        self.vocab = w2v.Vocabulary.of(sentences)
        self.index = self.vocab.index
        centres, contexts = w2v.context_table(sentences, self.index, c.emb_window)
        self.centres = torch.from_numpy(centres).to(self.device)
        self.contexts = torch.from_numpy(contexts).to(self.device)
        discard = w2v.discard_probability(self.vocab.frequencies, c.emb_subsample_t)
        self.discard = torch.tensor(discard, dtype=torch.float32, device=self.device)
        self.noise = torch.tensor(self.vocab.noise_distribution(), dtype=torch.float32)
        self.gen = torch.Generator().manual_seed(ctx.seed)
        torch.manual_seed(ctx.seed)
        size, d = len(self.vocab.words), c.emb_dim
        self.v = nn.Embedding(size, d)  # centre (input) vectors: the embeddings shown
        self.u = nn.Embedding(size, d)  # context (output) vectors
        with torch.no_grad():  # word2vec's start: small random v, zero u (drawn on the CPU: the same on any device)
            self.v.weight.uniform_(-0.5 / d, 0.5 / d)
            self.u.weight.zero_()
        self.v, self.u = self.v.to(self.device), self.u.to(self.device)
        self.optimizer = torch.optim.Adam([self.v.weight, self.u.weight], lr=c.emb_lr)
        self.test = AnalogyTest(self.index, self.device)
        self._loss_sum = torch.zeros((), device=self.device)
        self._history = DeferredRows(Ring(4, capacity=2000))
        self.set_query_word(c.query_word)
        self.set_analogy(c.analogy)
        self._record(torch.tensor(self.initial_loss(), device=self.device))

    def initial_loss(self) -> float:
        """The loss before any step, exactly: with u = 0 every score u^T v is 0, so negative sampling's
        loss is (K + 1) log 2 and the full softmax's log V."""
        if self.config.emb_objective == "full softmax":
            return math.log(len(self.vocab.words))
        return (self.config.emb_negatives + 1) * math.log(2.0)

    # --- the typed word and analogy (LIVE) -------------------------------------------------------------
    def set_query_word(self, word) -> None:
        """Never raises: a word not in the vocabulary is a message in the next snapshot."""
        self.query_word = word.strip().lower() if isinstance(word, str) else ""

    def set_analogy(self, text) -> None:
        self.analogy_text = text if isinstance(text, str) else ""

    # --- training ----------------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return bool(self.config.emb_steps) and self.step >= self.config.emb_steps

    def natural_length(self) -> int | None:
        return self.config.emb_steps or None

    @property
    def history(self) -> Ring:
        return self._history.settle()

    def _draw(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """One step's random numbers, the same draws in every mode: positions, uniforms, noise words."""
        c = self.config
        positions = torch.randint(len(self.centres), (c.emb_batch,), generator=self.gen)
        uniforms = torch.rand(c.emb_batch, 2 * c.emb_window + 2, generator=self.gen)
        noise = torch.multinomial(self.noise, c.emb_batch * c.emb_negatives, replacement=True, generator=self.gen)
        return (upload(positions, self.device), upload(uniforms, self.device),
                upload(noise.reshape(c.emb_batch, c.emb_negatives), self.device))

    def _kept(self, words: torch.Tensor, uniforms: torch.Tensor) -> torch.Tensor:
        """Subsampling: a word survives when its uniform is at least its discard probability."""
        valid = words != w2v.PAD
        return valid & (uniforms >= self.discard[words.clamp_min(0)])

    def _pair_losses(self, centre_vectors: torch.Tensor, targets: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        if self.config.emb_objective == "full softmax":
            return w2v.full_softmax_loss(centre_vectors, self.u.weight, targets)
        return w2v.negative_sampling_loss(centre_vectors, self.u(targets), self.u(noise))

    def _loss(self) -> torch.Tensor:
        c = self.config
        positions, uniforms, noise = self._draw()
        centres, contexts = self.centres[positions], self.contexts[positions]
        centre_kept = self._kept(centres, uniforms[:, 0])
        if c.emb_architecture == "skip-gram":
            # one context word per drawn centre: a uniformly chosen slot of its window
            slot = (uniforms[:, 1] * contexts.shape[1]).long().clamp_max(contexts.shape[1] - 1)
            targets = contexts.gather(1, slot[:, None]).squeeze(1)
            kept = centre_kept & self._kept(targets, uniforms[:, 2])
            losses = self._pair_losses(self.v(centres), targets.clamp_min(0), noise)
        else:
            # CBOW: the mean of the surviving context words' v predicts the centre word
            context_kept = self._kept(contexts, uniforms[:, 2:]).float()
            count = context_kept.sum(1)
            mean = (self.v(contexts.clamp_min(0)) * context_kept[..., None]).sum(1) / count.clamp_min(1)[:, None]
            kept = centre_kept & (count > 0)
            losses = self._pair_losses(mean, centres, noise)
        kept = kept.float()
        return (losses * kept).sum() / kept.sum().clamp_min(1)

    def advance(self, n: int) -> None:
        if self.config.emb_steps:
            n = min(n, self.config.emb_steps - self.step)
        for _ in range(max(n, 0)):
            loss = self._loss()
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            self._loss_sum = self._loss_sum + loss.detach()
            self.step += 1
            if self.step % RECORD_EVERY == 0 or self.finished:
                steps = self.step % RECORD_EVERY or RECORD_EVERY
                self._record(self._loss_sum / steps)
                self._loss_sum = torch.zeros((), device=self.device)

    def _record(self, loss: torch.Tensor) -> None:
        # device scalars, read back only when a snapshot reads the history
        self._history.append(self.step, loss, *self.test.accuracy(self.v.weight.detach()))

    # --- the snapshot ----------------------------------------------------------------------------------
    def _unknown(self, word: str) -> str:
        close = self.vocab.closest_spellings(word)
        message = f"'{word}' is not in the vocabulary ({len(self.vocab.words)} words)"
        return message + ("; closest spellings: " + ", ".join(close) if close else "")

    def _neighbours(self, vectors: np.ndarray) -> tuple[list, str]:
        word = self.query_word
        if not word:
            return [], "type a word to see its nearest neighbours"
        if word not in self.index:
            return [], self._unknown(word)
        i = self.index[word]
        found = w2v.nearest(vectors, vectors[i], self.config.emb_neighbours, exclude={i})
        return [{"word": self.vocab.words[j], "cosine": cos} for j, cos in found], ""

    def _analogy(self, vectors: np.ndarray) -> tuple[dict, dict]:
        """(tables, metrics) of the typed analogy."""
        tables = {"analogy": self.analogy_text, "analogy_words": [], "expected": "", "answers": [],
                  "analogy_message": ""}
        parsed = w2v.parse_analogy(self.analogy_text)
        if parsed is None:
            tables["analogy_message"] = w2v.ANALOGY_FORMAT
            return tables, {}
        words, expected = parsed
        tables.update(analogy_words=words, expected=expected or "")
        unknown = [w for w in [*words, expected] if w and w not in self.index]
        if unknown:
            tables["analogy_message"] = "; ".join(self._unknown(w) for w in unknown)
            return tables, {}
        a, b, c = (self.index[w] for w in words)
        found, cosines = w2v.analogy(vectors, a, b, c, self.config.emb_neighbours)
        tables["answers"] = [{"word": self.vocab.words[j], "cosine": cos} for j, cos in found]
        if not expected:
            return tables, {}
        d = self.index[expected]
        if d in (a, b, c):
            tables["analogy_message"] = f"'{expected}' is one of a, b, c, which are excluded from the answers"
            return tables, {}
        return tables, {"expected_rank": float(w2v.rank_of(cosines, d)), "expected_cosine": float(cosines[d])}

    def _projected(self, neighbours: list, analogy_tables: dict) -> list[int]:
        """The words in the 2-D projection: the most frequent ones (mostly the grammar's little words),
        then the typed word, its neighbours and the analogy's words, so what is asked is always seen."""
        shown = list(range(min(self.config.emb_projected, len(self.vocab.words))))
        asked = [self.query_word, *(row["word"] for row in neighbours), *analogy_tables["analogy_words"],
                 analogy_tables["expected"]]
        for word in asked:
            i = self.index.get(word)
            if i is not None and i not in shown:
                shown.append(i)
        return shown

    def snapshot(self):
        c = self.config
        h = self.history
        vectors = self.v.weight.detach().cpu().numpy().astype(np.float64)
        neighbours, query_message = self._neighbours(vectors)
        analogy_tables, analogy_metrics = self._analogy(vectors)
        shown = self._projected(neighbours, analogy_tables)
        size = len(self.vocab.words)
        metrics = {"loss": h.last(1), "analogy_top1": h.last(2), "analogy_top5": h.last(3), "vocab_size": float(size),
                   "madds_per_pair": float(w2v.multiply_adds_per_pair(c.emb_objective, size, c.emb_dim,
                                                                      c.emb_negatives)),
                   "madds_negative_sampling": float(w2v.multiply_adds_per_pair("negative sampling", size, c.emb_dim,
                                                                               c.emb_negatives)),
                   "madds_full_softmax": float(w2v.multiply_adds_per_pair("full softmax", size, c.emb_dim,
                                                                          c.emb_negatives)),
                   **analogy_metrics}
        arrays = {"hist_step": h.column(0), "hist_loss": h.column(1), "hist_top1": h.column(2),
                  "hist_top5": h.column(3), "projection": w2v.project_2d(vectors[shown])}
        tables = {"projected_words": [self.vocab.words[i] for i in shown], "query_word": self.query_word,
                  "neighbours": neighbours, "query_message": query_message, "architecture": c.emb_architecture,
                  "objective": c.emb_objective, **analogy_tables}
        diverged = None if math.isfinite(metrics["loss"]) else f"diverged at step {self.step}: lower the learning rate"
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables, diverged=diverged)
