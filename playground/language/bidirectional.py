"""A forward-only and a bidirectional RNN trained on the same batches of a tagging task (bidirectional mode).

Both nets read one-hot tokens and tag every position from their hidden states:

forward-only     H_t = phi(X_t W_xh + H_{t-1} W_hh + b_h),                    O_t = H_t W_hq + b_q
bidirectional    H_t^(f) = phi(X_t W_xh^(f) + H_{t-1}^(f) W_hh^(f) + b_h^(f))  (reads x_1 .. x_t)
                 H_t^(b) = phi(X_t W_xh^(b) + H_{t+1}^(b) W_hh^(b) + b_h^(b))  (reads x_T .. x_t)
                 H_t = (H_t^(f), H_t^(b)),                                   O_t = H_t W_hq + b_q

Training uses torch's fused nn.RNN / nn.GRU / nn.LSTM. Every ``eval_every`` steps both nets are
measured on 512 held-out sequences (drawn from a generator of their own, never trained on) by
running the same weights step by step (torch.gru_cell etc.), so every hidden state H_t is a tensor
autograd can differentiate: ||dL/dH_t|| per position is the gradient through time. Everything stays
on ``ctx.device`` until ``snapshot()`` reads it back.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from playground.engine import Engine, RunContext, upload
from playground.language import bidir_tasks as tasks

HELD_OUT = 512
HISTORY_ROWS = 1024  # even: the history halves itself when full
CELLS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}
CELL_NAMES = {"rnn": "RNN", "gru": "GRU", "lstm": "LSTM"}
MODELS = ("forward", "bidir")


class Tagger(nn.Module):
    """One recurrent layer (one or two directions) and a linear layer that scores the tags at each step."""

    def __init__(self, cell: str, hidden: int, classes: int, bidirectional: bool) -> None:
        super().__init__()
        self.cell = cell
        self.rnn = CELLS[cell](tasks.VOCAB, hidden, bidirectional=bidirectional)  # (T, B, V) in
        self.head = nn.Linear(hidden * (2 if bidirectional else 1), classes)

    @property
    def bidirectional(self) -> bool:
        return self.rnn.bidirectional

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Tag scores (T, B, classes) of one-hot tokens (T, B, V)."""
        return self.head(self.rnn(x)[0])

    def unrolled(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor], list[torch.Tensor]]:
        """The same scores, with every hidden state a separate tensor in the graph: (scores, H^(f)_t, H^(b)_t)."""
        forward = unroll(self.rnn, x, reverse=False)
        backward = unroll(self.rnn, x, reverse=True) if self.bidirectional else []
        states = torch.stack(forward) if not backward else torch.cat([torch.stack(forward), torch.stack(backward)], 2)
        return self.head(states), forward, backward


def unroll(rnn: nn.RNNBase, x: torch.Tensor, reverse: bool) -> list[torch.Tensor]:
    """H_1 .. H_T of one direction of a one-layer nn.RNN/GRU/LSTM, computed one step at a time."""
    suffix = "_l0_reverse" if reverse else "_l0"
    weights = [getattr(rnn, name + suffix) for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    T, B, _ = x.shape
    h = x.new_zeros(B, rnn.hidden_size)
    c = x.new_zeros(B, rnn.hidden_size)
    states: list[torch.Tensor | None] = [None] * T
    for t in (range(T - 1, -1, -1) if reverse else range(T)):  # the backward direction reads x_T first
        if isinstance(rnn, nn.LSTM):
            h, c = torch.lstm_cell(x[t], (h, c), *weights)
        elif isinstance(rnn, nn.GRU):
            h = torch.gru_cell(x[t], h, *weights)
        else:
            h = torch.rnn_tanh_cell(x[t], h, *weights)
        states[t] = h
    return states  # type: ignore[return-value]


def one_hot(tokens: np.ndarray, device: str) -> torch.Tensor:
    """(B, T) token ids -> (T, B, V) one-hot floats on ``device``."""
    ids = upload(torch.from_numpy(np.ascontiguousarray(tokens.T)), device)
    return F.one_hot(ids, tasks.VOCAB).float()


def tag_loss(scores: torch.Tensor, tags: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over every position of every sequence; tags are (T, B)."""
    return F.cross_entropy(scores.reshape(-1, scores.shape[-1]), tags.reshape(-1))


def build_taggers(cell: str, hidden: int, classes: int, seed: int, device: str) -> dict[str, Tagger]:
    """The two nets, each initialised from the same seed (the forward net's weights are the
    bidirectional net's forward direction at step 0)."""
    taggers = {}
    for name in MODELS:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            taggers[name] = Tagger(cell, hidden, classes, bidirectional=name == "bidir").to(device)
    return taggers


class BidirectionalEngine(Engine):
    snapshot_kind = "language.bidirectional"  # declared in snapshots.py

    def __init__(self, config, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        if str(ctx.device) == "cpu":
            torch.set_num_threads(1)  # two small nets: more threads only fight the window for the cores
        c = config
        self.device = ctx.device
        self.task = c.bi_task
        self.classes = tasks.classes(c.bi_task)
        self.taggers = build_taggers(c.bi_cell, c.bi_hidden, self.classes, ctx.seed + 1, self.device)
        self.optimizers = {name: torch.optim.Adam(t.parameters(), lr=c.bi_lr) for name, t in self.taggers.items()}
        self.train_rng = np.random.default_rng([ctx.seed, 0])
        tokens, tags = tasks.make_batch(c.bi_task, c.bi_seq_len, HELD_OUT, np.random.default_rng([ctx.seed, 1]))
        self.test_tokens = tokens
        self.test_x = one_hot(tokens, self.device)
        self.test_y = upload(torch.from_numpy(np.ascontiguousarray(tags.T)), self.device)
        self.ceiling = tasks.causal_ceiling(c.bi_task, c.bi_seq_len)
        M = len(MODELS)
        self.train_row = torch.zeros(M, 2, device=self.device)  # latest step: loss, accuracy
        self.train_sum = torch.zeros(M, device=self.device)  # train loss summed since the last evaluation
        self.train_count = 0
        self.hist = torch.zeros(HISTORY_ROWS, M, 2, device=self.device)  # held-out accuracy, mean train loss
        self.hist_step = np.zeros(HISTORY_ROWS, dtype=np.int64)
        self.hist_len = 0
        self.hist_stride = 1  # record every hist_stride-th evaluation (doubles when the history halves)
        self.evals = 0
        self.eval_step = 0
        self._evaluate()

    # Training ---------------------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return 0 < self.config.bi_max_steps <= self.step

    def natural_length(self) -> int | None:
        return self.config.bi_max_steps or None

    def advance(self, n: int) -> None:
        with torch.enable_grad():
            for _ in range(n):
                if self.finished:
                    return
                self._train_step()
                c = self.config
                if self.step % c.bi_eval_every == 0 or self.step == c.bi_max_steps:
                    self._evaluate()

    def _train_step(self) -> None:
        c = self.config
        tokens, tags = tasks.make_batch(c.bi_task, c.bi_seq_len, c.bi_batch, self.train_rng)
        x = one_hot(tokens, self.device)
        y = upload(torch.from_numpy(np.ascontiguousarray(tags.T)), self.device)
        for i, name in enumerate(MODELS):  # the same batch for both nets
            scores = self.taggers[name](x)
            loss = tag_loss(scores, y)
            self.optimizers[name].zero_grad(set_to_none=True)
            loss.backward()
            self.optimizers[name].step()
            accuracy = (scores.detach().argmax(-1) == y).float().mean()
            self.train_row[i] = torch.stack([loss.detach(), accuracy])
            self.train_sum[i] += loss.detach()
        self.train_count += 1
        self.step += 1

    # Held-out measurements --------------------------------------------------------------------------------
    def _evaluate(self) -> None:
        """Accuracy per position, gradients through time and one example's states, on the held-out set."""
        self.inside = {name: self._look_inside(tagger) for name, tagger in self.taggers.items()}
        mean_train = self.train_sum / max(self.train_count, 1)
        if self.train_count == 0:  # step 0: the untrained nets' held-out loss stands in
            mean_train = torch.stack([self.inside[name]["loss"] for name in MODELS])
        self.train_sum.zero_()
        self.train_count = 0
        self.eval_step = self.step
        if self.evals % self.hist_stride == 0:
            self._record(torch.stack([torch.stack([self.inside[name]["accuracy"], mean_train[i]])
                                      for i, name in enumerate(MODELS)]))
        self.evals += 1

    def _look_inside(self, tagger: Tagger) -> dict[str, torch.Tensor]:
        scores, forward, backward = tagger.unrolled(self.test_x)
        loss = tag_loss(scores, self.test_y)
        grads = torch.autograd.grad(loss, forward + backward)
        norms = torch.stack([torch.linalg.vector_norm(g) for g in grads]).detach()
        T = len(forward)
        right = (scores.detach().argmax(-1) == self.test_y).float()  # (T, B)
        found = {
            "loss": loss.detach(),
            "accuracy": right.mean(),
            "per_position": right.mean(1),
            "prediction": scores.detach()[:, 0].argmax(-1),
            "grad_f": norms[:T],
            "hidden_f": torch.stack(forward).detach()[:, 0],  # (T, H) of example 0
        }
        if backward:
            found["grad_b"] = norms[T:]
            found["hidden_b"] = torch.stack(backward).detach()[:, 0]
        return found

    def _record(self, row: torch.Tensor) -> None:
        self.hist[self.hist_len] = row
        self.hist_step[self.hist_len] = self.step
        self.hist_len += 1
        if self.hist_len == HISTORY_ROWS:  # keep every other row, record half as often
            half = HISTORY_ROWS // 2
            self.hist[:half] = self.hist[0::2].clone()
            self.hist_step[:half] = self.hist_step[0::2]
            self.hist_len = half
            self.hist_stride *= 2

    # What the plots need ----------------------------------------------------------------------------------
    def snapshot(self):
        c = self.config
        host = {name: {key: value.cpu().numpy() for key, value in found.items()}
                for name, found in self.inside.items()}
        hist = self.hist[: self.hist_len].cpu().numpy()
        train = self.train_row.cpu().numpy()
        T = c.bi_seq_len
        example_tags = tasks.tags(self.task, self.test_tokens[:1])[0]
        metrics: dict[str, float] = {"causal_ceiling": float(self.ceiling.mean()), "eval_step": float(self.eval_step)}
        arrays: dict[str, np.ndarray] = {
            "t": np.arange(1, T + 1),
            "ceiling_t": self.ceiling.astype(np.float64),
            "hist_step": self.hist_step[: self.hist_len].copy(),
            "example_tokens": self.test_tokens[0].copy(),
            "example_tags": example_tags,
            "hidden_f": host["bidir"]["hidden_f"],
            "hidden_b": host["bidir"]["hidden_b"],
            "grad/forward": host["forward"]["grad_f"],
            "grad/bidir_f": host["bidir"]["grad_f"],
            "grad/bidir_b": host["bidir"]["grad_b"],
        }
        for i, name in enumerate(MODELS):
            metrics.update({
                f"test_acc_{name}": float(host[name]["accuracy"]),
                f"test_loss_{name}": float(host[name]["loss"]),
                f"train_loss_{name}": float(train[i, 0]),
                f"train_acc_{name}": float(train[i, 1]),
            })
            arrays.update({
                f"pos_acc/{name}": host[name]["per_position"],
                f"prediction/{name}": host[name]["prediction"],
                f"hist_acc/{name}": hist[:, i, 0],
                f"hist_loss/{name}": hist[:, i, 1],
            })
        cell = CELL_NAMES[c.bi_cell]
        tables = {
            "task": self.task,
            "task_label": tasks.TASK_LABELS[self.task],
            "labels": {"forward": f"forward {cell}", "bidir": f"bidirectional {cell}"},
            "tag_names": tag_names(self.task),
            "token_names": [token_name(v) for v in range(tasks.VOCAB)],
        }
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables)

    def result(self) -> dict[str, Any]:
        snap = self.snapshot()
        tables = {"task": snap.tables["task"], "labels": snap.tables["labels"],
                  "ceiling_t": [round(float(v), 6) for v in snap.arrays["ceiling_t"]]}
        for name in MODELS:
            tables[f"pos_acc_{name}"] = [round(float(v), 6) for v in snap.arrays[f"pos_acc/{name}"]]
        return {"step": snap.step, "metrics": dict(snap.metrics), "tables": tables}


def token_name(value: int) -> str:
    return "abcdefgh"[value]


def tag_names(task: str) -> list[str]:
    """How each tag is written under the example: a token's letter, '-' for none, 0/1 for repeats_later."""
    if task == "repeats_later":
        return ["0", "1"]
    return [token_name(v) for v in range(tasks.VOCAB)] + ["-"]
