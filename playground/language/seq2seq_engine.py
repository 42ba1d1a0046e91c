"""The seq2seq mode's engine: two encoder-decoders (with and without attention) trained on the same batches.

Training runs in ``advance``; the typed sentence is decoded only in ``snapshot()`` (greedy, and beam
search with the attention panel's BeamSearch, playground/attention/decoding.py), so a sentence changed
while the run plays (``set_sentence``, a LIVE field) costs no training step and never restarts the run.
"""

from __future__ import annotations

import math
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import torch

from playground.attention.decoding import EOS, BeamSearch, final_score, layout
from playground.conv.history import Ring
from playground.deferred import DeferredRows
from playground.engine import Engine, upload
from playground.language import dates
from playground.language.seq2seq import Seq2Seq, Trainee

MAX_OUTPUT = dates.TARGET_LEN + 2  # a search may run past the 11 tokens of a date, and then stops
MODELS = ("attn", "plain")
# step, then per model: loss, exact match, token accuracy, gradient norm; then the attention entropy
HISTORY_COLUMNS = 10


class ModelLanguageModel:
    """P(next | prefix) from a trained decoder, in the interface BeamSearch expects (tokens, probs(prefix)).

    Each prefix's decoder state is cached, so expanding a node costs one decoder step.
    """

    def __init__(self, model: Seq2Seq, source: torch.Tensor) -> None:
        self.model = model
        self.tokens = [t for t in dates.TARGET_VOCAB if t not in (dates.PAD, dates.BOS, EOS)] + [EOS]
        self.columns = [dates.TARGET_INDEX[t] for t in self.tokens]  # <pad> and <bos> are never produced
        lengths = torch.tensor([source.shape[1]], device=source.device)
        with torch.no_grad():
            self.memory = model.encode(source, lengths)
        self.after: dict[tuple[str, ...], torch.Tensor] = {}  # prefix -> the decoder state its step made
        self.cache: dict[tuple[str, ...], np.ndarray] = {}

    @torch.no_grad()
    def probs(self, prefix: tuple[str, ...]) -> np.ndarray:
        if prefix not in self.cache:
            if prefix:
                if prefix[:-1] not in self.after:
                    self.probs(prefix[:-1])
                s, previous = self.after[prefix[:-1]], dates.TARGET_INDEX[prefix[-1]]
            else:
                s, previous = self.memory["last"], dates.TARGET_INDEX[dates.BOS]
            y = torch.tensor([previous], device=s.device)
            logits, self.after[prefix], _ = self.model.step(y, s, self.memory)
            p = torch.softmax(logits[0, self.columns], -1)  # renormalised over the tokens a search may pick
            self.cache[prefix] = p.cpu().numpy().astype(float)
        return self.cache[prefix]


def visible_tree(search: BeamSearch) -> SimpleNamespace:
    """The nodes worth drawing: every kept node, plus at each time step the best ``width`` pruned ones.

    Expanding k beams over the whole vocabulary makes 13 k nodes per step; the pruned runners-up show
    what the beam let go without burying the kept ones. Parents are renumbered; every parent is kept.
    """
    by_depth: dict[int, list[int]] = {}
    for i, node in enumerate(search.nodes):
        if not node.kept:
            by_depth.setdefault(node.depth, []).append(i)
    shown = {i for i, node in enumerate(search.nodes) if node.kept}
    for pruned in by_depth.values():
        shown.update(sorted(pruned, key=lambda i: (-search.nodes[i].logp, i))[: search.width])
    order = sorted(shown)
    new_index = {old: new for new, old in enumerate(order)}
    nodes = [replace(search.nodes[i], parent=new_index.get(search.nodes[i].parent, -1)) for i in order]
    return SimpleNamespace(nodes=nodes, new_index=new_index)


class Seq2SeqEngine(Engine):
    snapshot_kind = "language.seq2seq"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        if ctx.device == "cpu":
            torch.set_num_threads(1)
        self.device = torch.device(ctx.device)
        torch.manual_seed(ctx.seed)
        self.trainees = {"attn": Trainee(Seq2Seq(c.seq2seq_hidden, attention=True), c.seq2seq_lr, self.device)}
        torch.manual_seed(ctx.seed)  # the same start for the shared layers of both models
        self.trainees["plain"] = Trainee(Seq2Seq(c.seq2seq_hidden, attention=False), c.seq2seq_lr, self.device)
        train, held_out = dates.split()
        self.train = [torch.from_numpy(a) for a in dates.encode_pairs(train)]
        self.held_out = [upload(torch.from_numpy(a), self.device) for a in dates.encode_pairs(held_out)]
        self.gen = torch.Generator().manual_seed(ctx.seed)
        self._history = DeferredRows(Ring(HISTORY_COLUMNS, capacity=2000))
        self.sentence = ""
        self.set_sentence(c.sentence)
        self._evaluate()

    # --- the typed sentence (LIVE) -------------------------------------------------------------------
    def set_sentence(self, sentence) -> None:
        """Take a new sentence to align and decode; never raises (bad text is a message in the snapshot)."""
        self.sentence = sentence if isinstance(sentence, str) else ""
        self.known, self.unknown, self.message = dates.tokenize(self.sentence)

    # --- training -----------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return bool(self.config.seq2seq_steps) and self.step >= self.config.seq2seq_steps

    def natural_length(self) -> int | None:
        return self.config.seq2seq_steps or None  # 0: trains until stopped

    @property
    def history(self) -> Ring:
        return self._history.settle()

    def advance(self, n: int) -> None:
        c = self.config
        if c.seq2seq_steps:
            n = min(n, c.seq2seq_steps - self.step)
        source, lengths, target = self.train
        for _ in range(max(n, 0)):
            rows = torch.randint(len(source), (c.seq2seq_batch,), generator=self.gen)
            batch = [upload(a[rows], self.device) for a in (source, lengths, target)]
            for trainee in self.trainees.values():  # the same batch for both models
                trainee.train_step(*batch)
            self.step += 1
            if self.step % c.seq2seq_eval_every == 0 or self.finished:
                self._evaluate()

    def _evaluate(self) -> None:
        # device scalars, read only when a snapshot reads the history: no sync inside advance()
        row = [self.step]
        for name in MODELS:
            trainee = self.trainees[name]
            row += [trainee.loss, *trainee.evaluate(*self.held_out), trainee.grad_norm]
        self._history.append(*row, self.trainees["attn"].entropy)

    # --- the snapshot -------------------------------------------------------------------------------
    def _source(self) -> torch.Tensor:
        return torch.tensor([[dates.SOURCE_INDEX[t] for t in self.known]], device=self.device)

    def _alignment(self, source: torch.Tensor) -> tuple[np.ndarray, list[str], str]:
        """(alpha (output x input), output tokens, plain model's output) of greedy decoding the sentence."""
        lengths = torch.tensor([source.shape[1]], device=self.device)
        out = {}
        for name in MODELS:
            model = self.trainees[name].model
            model.train(False)
            tokens, alphas = model.greedy(source, lengths, MAX_OUTPUT)
            model.train()
            words = [dates.TARGET_VOCAB[i] for i in tokens[0].cpu().tolist()]
            end = words.index(EOS) + 1 if EOS in words else len(words)
            out[name] = (words[:end], alphas[0, :end].cpu().numpy())
        words, alpha = out["attn"]
        return alpha.astype(np.float32), words, "".join(w for w in out["plain"][0] if w != EOS)

    def _search(self, source: torch.Tensor, width: int) -> BeamSearch:
        model = self.trainees["attn"].model
        model.train(False)
        search = BeamSearch(ModelLanguageModel(model, source), width, MAX_OUTPUT, self.config.length_alpha).run()
        model.train()
        return search

    @staticmethod
    def _describe(prefix: str, search: BeamSearch) -> tuple[dict, dict, dict]:
        """(arrays, tables, metrics) of a finished search, drawn as the attention panel draws its trees."""
        tree = visible_tree(search)
        best = search.best()
        path, index = [], -1 if best is None else best
        while index >= 0:
            path.append(tree.new_index[index])
            index = search.nodes[index].parent
        nodes = tree.nodes
        arrays = {f"{prefix}_xy": layout(tree), f"{prefix}_parent": np.array([n.parent for n in nodes]),
                  f"{prefix}_logp": np.array([n.logp for n in nodes]), f"{prefix}_kept": np.array([n.kept for n in nodes]),
                  f"{prefix}_finished": np.array([n.finished for n in nodes])}
        chosen = search.nodes[best]
        candidates = [{"tokens": "".join(search.nodes[i].tokens), "logp": search.nodes[i].logp,
                       "length": search.nodes[i].depth,
                       "score": final_score(search.nodes[i].logp, search.nodes[i].depth, search.alpha)}
                      for i in search.candidates()]
        tables = {prefix: {"best": "".join(t for t in chosen.tokens if t != EOS), "best_path": path[::-1],
                           "candidates": sorted(candidates, key=lambda r: -r["score"])},
                  f"{prefix}_labels": [n.tokens[-1] if n.tokens else "start" for n in nodes]}
        metrics = {f"{prefix}_logp": chosen.logp, f"{prefix}_score": final_score(chosen.logp, chosen.depth, search.alpha)}
        return arrays, tables, metrics

    def _empty_search(self, prefix: str) -> tuple[dict, dict, dict]:
        arrays = {f"{prefix}_xy": np.zeros((0, 2)), f"{prefix}_parent": np.zeros(0, np.int64),
                  f"{prefix}_logp": np.zeros(0), f"{prefix}_kept": np.zeros(0, bool),
                  f"{prefix}_finished": np.zeros(0, bool)}
        return arrays, {prefix: {"best": "", "best_path": [], "candidates": []}, f"{prefix}_labels": []}, {}

    def snapshot(self):
        h = self.history
        metrics = {}
        for offset, name in enumerate(MODELS):
            base = 1 + 4 * offset
            metrics.update({f"loss_{name}": h.last(base), f"exact_{name}": h.last(base + 1),
                            f"token_{name}": h.last(base + 2), f"grad_{name}": h.last(base + 3)})
        metrics["entropy_attn"] = h.last(9)
        arrays = {"hist_step": h.column(0), "hist_entropy": h.column(9)}
        for offset, name in enumerate(MODELS):
            base = 1 + 4 * offset
            for column, what in enumerate(("loss", "exact", "token", "grad")):
                arrays[f"hist_{what}_{name}"] = h.column(base + column)
        tables = {"sentence": self.sentence, "source_tokens": list(self.known), "unknown": list(self.unknown),
                  "message": self.message, "beam_width": self.config.beam_width}
        with torch.no_grad():
            if self.known:
                source = self._source()
                alignment, words, plain = self._alignment(source)
                parts = [self._describe("beam", self._search(source, self.config.beam_width)),
                         self._describe("greedy", self._search(source, 1))]
            else:
                alignment, words, plain = np.zeros((0, 0), np.float32), [], ""
                parts = [self._empty_search("beam"), self._empty_search("greedy")]
        for part_arrays, part_tables, part_metrics in parts:
            arrays.update(part_arrays)
            tables.update(part_tables)
            metrics.update(part_metrics)
        arrays["alignment"] = alignment
        tables.update({"output_tokens": words, "output_attn": "".join(w for w in words if w != EOS),
                       "output_plain": plain})
        loss = metrics["loss_attn"] + metrics["loss_plain"]
        diverged = None if math.isfinite(loss) else f"diverged at step {self.step}: lower the learning rate"
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables, diverged=diverged)
