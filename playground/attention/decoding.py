"""Greedy and beam search, one time step per engine step (seed notes, 解码器算法 / beam search 束搜索).

greedy   y_t = argmax_y P(y | y_1..y_(t-1))
beam     keep the k best partial outputs; at each time step expand each over the whole vocabulary,
         keep the k best of the k |Y| candidates (a candidate ending in <eos> is finished and leaves
         the beam); at the end pick, among every finished output and the beams left at max_len, the
         one with the highest (1/L^alpha) log P(y_1..y_L)  (alpha ~ 0.75 in the seed).

The seed gives no numbers, so the "seed example" model is the classic textbook one (d2l 9.8) over
A, B, C, <eos>: greedy finds A B C <eos> with P = 0.5 * 0.4 * 0.4 * 0.6 = 0.048, beam search with
k = 2 finds A C B <eos> with P = 0.5 * 0.3 * 0.6 * 0.6 = 0.054. Prefixes the example does not list
get a fixed random distribution (seeded), as does every prefix of the "random" model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from playground.engine import Engine

EOS = "<eos>"

# P(next | prefix) of the textbook example; order A, B, C, <eos>.
SEED_TABLE: dict[tuple[str, ...], tuple[float, ...]] = {
    (): (0.5, 0.2, 0.2, 0.1),
    ("A",): (0.1, 0.4, 0.3, 0.2),
    ("B",): (0.3, 0.2, 0.3, 0.2),
    ("C",): (0.2, 0.3, 0.3, 0.2),
    ("A", "B"): (0.2, 0.2, 0.4, 0.2),
    ("A", "C"): (0.1, 0.6, 0.2, 0.1),
    ("A", "B", "C"): (0.1, 0.2, 0.1, 0.6),
    ("A", "C", "B"): (0.1, 0.1, 0.2, 0.6),
}


class ToyLanguageModel:
    """P(next token | prefix) from a table, with seeded Dirichlet rows for prefixes the table lacks."""

    def __init__(self, tokens: list[str], table: dict | None = None, seed: int = 0, concentration: float = 0.7):
        self.tokens = tokens + [EOS]
        self.table = dict(table or {})
        self.seed = seed
        self.concentration = concentration

    def probs(self, prefix: tuple[str, ...]) -> np.ndarray:
        if prefix not in self.table:
            code = [self.seed] + [self.tokens.index(t) + 1 for t in prefix]
            rng = np.random.default_rng(code)
            self.table[prefix] = tuple(rng.dirichlet(np.full(len(self.tokens), self.concentration)))
        return np.asarray(self.table[prefix], dtype=float)


def make_language_model(config, seed: int) -> ToyLanguageModel:
    if config.language_model == "seed example":
        return ToyLanguageModel(["A", "B", "C"], SEED_TABLE, seed)
    return ToyLanguageModel([chr(ord("A") + i) for i in range(config.lm_tokens)], None, seed)


@dataclass
class Node:
    tokens: tuple[str, ...]
    logp: float
    parent: int  # index of the parent node (-1: the root)
    depth: int
    kept: bool = False
    finished: bool = False


def final_score(logp: float, length: int, alpha: float) -> float:
    return logp / max(length, 1) ** alpha


@dataclass
class BeamSearch:
    """A beam search that can be advanced one time step at a time; k = 1 is greedy search."""

    lm: ToyLanguageModel
    width: int
    max_len: int
    alpha: float = 0.75
    nodes: list[Node] = field(default_factory=list)
    beam: list[int] = field(default_factory=list)
    done: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.nodes = [Node((), 0.0, -1, 0, kept=True)]
        self.beam = [0]

    @property
    def finished(self) -> bool:
        return not self.beam

    def expand(self) -> None:
        """One time step: every beam entry over the whole vocabulary, keep the best k."""
        if self.finished:
            return
        candidates = []
        for parent in self.beam:
            node = self.nodes[parent]
            for token, p in zip(self.lm.tokens, self.lm.probs(node.tokens)):
                index = len(self.nodes)
                logp = node.logp + (math.log(p) if p > 0 else -math.inf)
                self.nodes.append(Node(node.tokens + (token,), logp, parent, node.depth + 1, finished=token == EOS))
                candidates.append(index)
        # best first; ties go to the earlier candidate (the earlier beam, then the earlier token)
        ranked = sorted(candidates, key=lambda i: (-self.nodes[i].logp, i))[: self.width]
        self.beam = []
        for index in ranked:
            node = self.nodes[index]
            node.kept = True
            if node.finished:
                self.done.append(index)
            elif node.depth < self.max_len:
                self.beam.append(index)
            else:  # reached max_len without <eos>: a final candidate as it is
                self.done.append(index)

    def candidates(self) -> list[int]:
        """Every output that can be chosen now: finished ones, plus the live beams if the search stopped."""
        return list(self.done) if self.finished else list(self.done) + list(self.beam)

    def best(self) -> int | None:
        pool = self.candidates()
        if not pool:
            return None
        return max(pool, key=lambda i: (final_score(self.nodes[i].logp, self.nodes[i].depth, self.alpha), -i))

    def run(self) -> "BeamSearch":
        while not self.finished:
            self.expand()
        return self


def layout(search: BeamSearch) -> np.ndarray:
    """(nodes, 2) positions for a tree drawing: x = time step, y = rank of the node at its step."""
    xy = np.zeros((len(search.nodes), 2))
    rows: dict[int, int] = {}
    for i, node in enumerate(search.nodes):
        row = rows.get(node.depth, 0)
        rows[node.depth] = row + 1
        xy[i] = node.depth, row
    for depth, count in rows.items():  # centre each column
        column = [i for i, n in enumerate(search.nodes) if n.depth == depth]
        xy[column, 1] -= (count - 1) / 2
    return xy


class DecodingEngine(Engine):
    """Beam search (width k) and greedy search side by side, one time step per step."""
    snapshot_kind = "attention.decoding"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        self.lm = make_language_model(c, ctx.seed)
        self.beam = BeamSearch(self.lm, c.beam_width, c.max_len, c.length_alpha)
        self.greedy = BeamSearch(self.lm, 1, c.max_len, c.length_alpha)

    @property
    def finished(self) -> bool:
        return self.beam.finished and self.greedy.finished

    def natural_length(self) -> int:
        return self.config.max_len  # one token per step; every output ends by max_len

    def advance(self, n: int) -> None:
        for _ in range(max(n, 0)):
            if self.finished:
                return
            self.beam.expand()
            self.greedy.expand()
            self.step += 1

    @staticmethod
    def _describe(search: BeamSearch) -> dict:
        best = search.best()
        rows = []
        for i in search.candidates():
            n = search.nodes[i]
            rows.append({"tokens": " ".join(n.tokens), "logp": n.logp, "p": math.exp(n.logp), "length": n.depth,
                         "score": final_score(n.logp, n.depth, search.alpha), "finished": n.finished})
        chosen = search.nodes[best] if best is not None else None
        path, index = [], -1 if best is None else best
        while index >= 0:  # the chosen output's nodes, back to the root
            path.append(index)
            index = search.nodes[index].parent
        return {"best": " ".join(chosen.tokens) if chosen else "", "best_index": -1 if best is None else best,
                "best_path": path[::-1], "candidates": rows}

    def _arrays(self, prefix: str, search: BeamSearch) -> dict[str, np.ndarray]:
        nodes = search.nodes
        return {f"{prefix}_xy": layout(search),
                f"{prefix}_parent": np.array([n.parent for n in nodes]),
                f"{prefix}_logp": np.array([n.logp for n in nodes]),
                f"{prefix}_kept": np.array([n.kept for n in nodes]),
                f"{prefix}_finished": np.array([n.finished for n in nodes])}

    def snapshot(self):
        beam, greedy = self._describe(self.beam), self._describe(self.greedy)
        metrics = {"time_step": float(self.step), "expanded": float(len(self.beam.nodes) - 1)}
        for name, described, search in (("beam", beam, self.beam), ("greedy", greedy, self.greedy)):
            if described["best_index"] >= 0:
                node = search.nodes[described["best_index"]]
                metrics[f"{name}_logp"] = node.logp
                metrics[f"{name}_p"] = math.exp(node.logp)
                metrics[f"{name}_score"] = final_score(node.logp, node.depth, search.alpha)
        arrays = {**self._arrays("beam", self.beam), **self._arrays("greedy", self.greedy)}
        tables = {"beam": beam, "greedy": greedy, "width": self.config.beam_width,
                  "beam_labels": [n.tokens[-1] if n.tokens else "start" for n in self.beam.nodes],
                  "greedy_labels": [n.tokens[-1] if n.tokens else "start" for n in self.greedy.nodes],
                  "tokens": self.lm.tokens}
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables)
