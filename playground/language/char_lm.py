"""A character-level language model: an RNN, GRU or LSTM (1-3 layers) reads a text one character at
a time and predicts the next (teacher forcing: the true previous character is always the input).

Perplexity `exp(-(1/T) sum_t log P(x_t | x_<t))` on the held-out last 10% is compared with the
Laplace unigram and bigram baselines (char_corpus.py). Minibatches come by random sampling (state
reset) or sequential partitioning (state carried, detached, or reset); gradients are clipped as
`g <- min(1, theta/||g||) g` and their norm before clipping is plotted. A sample from the user's
prompt (temperature or greedy) is drawn at snapshot time, on the CPU, with its own generator, so
showing it never changes the training run. The weights it samples from are those of the last multiple
of SAMPLE_EVERY steps (cloned on the device, no sync), so the sample is the same however the run was chunked.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from playground.conv.history import Ring
from playground.deferred import DeferredRows
from playground.engine import Engine, upload
from playground.language.char_corpus import (EMBEDDING, Batches, baseline_perplexities, held_out_streams,
                                             load_corpus)

EVAL_STREAMS = 64  # the held-out text is read as this many parallel rows, state carried along each
SAMPLE_EVERY = 25  # minibatches between the weights samples are drawn from (a sample costs ~200 small steps)
TOP_K = 10  # next characters shown per step
TOP_STEPS = 3  # generated steps whose top-k are shown
HEAT_CHARS = 100  # sample characters in the hidden-state picture
HEAT_UNITS = 64  # hidden units in it
TRAIN_PPL_WINDOW = 20  # minibatches averaged for the train perplexity readout
PROMPT_LIMIT = 200
CELLS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}


class CharModel(nn.Module):
    """Embedding -> stacked recurrent layers (batch_first) -> a linear read-out to the vocabulary."""

    def __init__(self, vocab: int, cell: str, hidden: int, layers: int) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, EMBEDDING)
        self.rnn = CELLS[cell](EMBEDDING, hidden, num_layers=layers, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, x, state=None):
        """Logits (batch, steps, vocab), the top layer's outputs (batch, steps, hidden) and the last state."""
        outputs, state = self.rnn(self.embed(x), state)
        return self.head(outputs), outputs, state


def detached(state):
    """The state as a leaf (LSTM: a (h, c) pair): the next minibatch's gradients stop here."""
    if state is None:
        return None
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def grad_norm_and_clip(params: list, theta: float):
    """The gradients' global 2-norm before clipping (a device scalar); when theta > 0 the gradients are
    scaled by min(1, theta/||g||) (torch's clip_grad_norm_: no read-back, so no device sync)."""
    if theta > 0:
        return nn.utils.clip_grad_norm_(params, theta)
    grads = [p.grad for p in params if p.grad is not None]
    return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))


def nll_rows(step: int, loss, norm):
    return (float(step), float(loss), float(norm))


class CharLMEngine(Engine):
    snapshot_kind = "language.char_lm"

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        self.corpus = load_corpus(c.corpus_path)  # EngineError on an unusable file
        self.device = torch.device(ctx.device)
        torch.manual_seed(ctx.seed)
        self.model = CharModel(self.corpus.vocab_size, c.char_cell, c.char_hidden, c.char_layers).to(self.device)
        self.params = list(self.model.parameters())
        self.optimizer = torch.optim.Adam(self.params, lr=c.char_lr)
        self.batches = Batches(self.corpus.train, c.char_batch, c.char_seq_len, c.char_sampling,
                               np.random.default_rng(ctx.seed))
        self.state = None
        rows = held_out_streams(self.corpus.held_out, EVAL_STREAMS)
        self.eval_x = torch.from_numpy(rows[:, :-1]).to(self.device)
        self.eval_y = torch.from_numpy(rows[:, 1:]).to(self.device)
        self.unigram_ppl, self.bigram_ppl = baseline_perplexities(self.corpus, rows[:, :-1], rows[:, 1:])
        self._train = DeferredRows(Ring(3, capacity=2000), nll_rows)  # step, loss, grad norm before clipping
        self._eval = DeferredRows(Ring(2, capacity=2000))  # step, held-out perplexity
        self.prompt, self.temperature = c.prompt, c.temperature
        self.greedy, self.sample_length = c.greedy, c.sample_length
        self.live_message = ""
        self._sample_key = None
        self._sample: dict = {}
        self._sampler = CharModel(self.corpus.vocab_size, c.char_cell, c.char_hidden, c.char_layers)
        self._freeze_weights()
        self._evaluate()

    # --- training ------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return bool(self.config.char_max_steps) and self.step >= self.config.char_max_steps

    def natural_length(self) -> int | None:
        return self.config.char_max_steps or None

    def advance(self, n: int) -> None:
        if self.config.char_max_steps:
            n = min(n, self.config.char_max_steps - self.step)
        for _ in range(max(n, 0)):
            self._train_step()
            self.step += 1
            if self.step % self.config.char_eval_every == 0 or self.finished:
                self._evaluate()
            if self.step % SAMPLE_EVERY == 0 or self.finished:
                self._freeze_weights()

    def _freeze_weights(self) -> None:
        """Keep a copy of the weights (on the device: no sync) for the samples until the next copy."""
        self._frozen_step = self.step
        self._frozen = {k: v.detach().clone() for k, v in self.model.state_dict().items()}

    def _initial_state(self):
        """The state the next minibatch starts from: carried only across adjacent (sequential) minibatches."""
        c = self.config
        if c.char_sampling == "sequential" and c.char_carry_state and not self.batches.starts_epoch:
            return detached(self.state)
        return None

    def _train_step(self) -> None:
        x, y = self.batches.next()
        x, y = upload(torch.from_numpy(x), self.device), upload(torch.from_numpy(y), self.device)
        logits, _, self.state = self.model(x, self._initial_state())
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        norm = grad_norm_and_clip(self.params, self.config.clip_theta)
        self.optimizer.step()
        self._train.append(self.step + 1, loss.detach(), norm.detach())

    @torch.no_grad()
    def _evaluate(self) -> None:
        """Held-out perplexity exp(mean NLL), kept on the device until a snapshot reads it."""
        logits, _, _ = self.model(self.eval_x)
        nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), self.eval_y.reshape(-1))
        self._eval.append(self.step, torch.exp(nll))

    # --- live settings: never raise on a user's value -------------------------------------------
    def set_prompt(self, text) -> None:
        self.prompt = str(text or "")[:PROMPT_LIMIT]
        self._sample_key = None

    def set_temperature(self, value) -> None:
        try:
            t = float(value)
        except (TypeError, ValueError):
            self.live_message = f"temperature {value!r} is not a number: kept {self.temperature:g}"
            return
        if not math.isfinite(t) or t <= 0:
            self.live_message = f"temperature {value!r} must be a positive number: kept {self.temperature:g}"
            return
        self.temperature, self.live_message = min(max(t, 0.05), 5.0), ""
        self._sample_key = None

    def set_greedy(self, value) -> None:
        self.greedy = bool(value)
        self._sample_key = None

    def set_sample_length(self, value) -> None:
        try:
            self.sample_length = min(max(int(value), 1), 1000)
        except (TypeError, ValueError):
            self.live_message = f"sample length {value!r} is not a whole number: kept {self.sample_length}"
            return
        self._sample_key = None

    # --- sampling ------------------------------------------------------------------------------
    def encode_prompt(self, prompt: str) -> tuple[list[int], str]:
        """The prompt's ids and, in order of first appearance, its characters outside the vocabulary (skipped)."""
        lookup = {ch: i for i, ch in enumerate(self.corpus.chars)}
        unknown = "".join(dict.fromkeys(ch for ch in prompt if ch not in lookup))
        return [lookup[ch] for ch in prompt if ch in lookup], unknown

    def _start_ids(self, ids: list[int]) -> tuple[list[int], str]:
        if ids:
            return ids, ""
        chars = self.corpus.chars
        start = chars.index("\n") if "\n" in chars else 0
        return [start], f"nothing of the prompt is in the vocabulary: the sample starts from {chars[start]!r}"

    @torch.no_grad()
    def sample(self) -> dict:
        """prompt + generated text, the first steps' top-k next characters and the top layer's hidden
        state over the characters read. Drawn on a CPU model holding the frozen weights (_freeze_weights)
        with a generator seeded by (seed, their step), so a sample never depends on how the run was chunked."""
        model = self._sampler
        model.load_state_dict({k: v.cpu() for k, v in self._frozen.items()})
        ids, unknown = self.encode_prompt(self.prompt)
        ids, empty_message = self._start_ids(ids)
        gen = torch.Generator().manual_seed(self.ctx.seed * 1_000_003 + self._frozen_step)
        logits, outputs, state = model(torch.tensor([ids]))
        hidden = [outputs[0]]
        last = logits[0, -1]
        generated: list[int] = []
        top_probs, top_chars = [], []
        temperature = 1.0 if self.greedy else self.temperature
        for i in range(self.sample_length):
            probs = torch.softmax(last / temperature, dim=-1)
            if i < TOP_STEPS:
                p, index = torch.topk(probs, min(TOP_K, len(probs)))
                top_probs.append(p.numpy())
                top_chars.append([self.corpus.chars[j] for j in index.tolist()])
            nxt = int(torch.argmax(probs)) if self.greedy else int(torch.multinomial(probs, 1, generator=gen))
            generated.append(nxt)
            if i + 1 < self.sample_length:  # the last character is shown, not read
                logits, outputs, state = model(torch.tensor([[nxt]]), state)
                hidden.append(outputs[0])
                last = logits[0, -1]
        heat = torch.cat(hidden)[:HEAT_CHARS, :HEAT_UNITS].numpy().astype(np.float32)
        chars = self.corpus.chars
        read = "".join(chars[j] for j in ids + generated)[:len(heat)]
        return {"prompt_used": "".join(chars[j] for j in ids), "text": "".join(chars[j] for j in generated),
                "unknown": unknown, "empty_message": empty_message, "top_probs": np.array(top_probs, np.float32),
                "top_chars": top_chars, "heat": heat, "heat_chars": read}

    def _current_sample(self) -> dict:
        key = (self.prompt, self.temperature, self.greedy, self.sample_length, self._frozen_step)
        if self._sample_key != key:
            self._sample = self.sample()
            self._sample_key = key
        return self._sample

    # --- snapshot ------------------------------------------------------------------------------
    def _messages(self, sample: dict) -> str:
        notes = [self.live_message, sample["empty_message"]]
        if sample["unknown"]:
            listed = ", ".join(repr(ch) for ch in sample["unknown"])
            notes.insert(0, f"not in the corpus's {self.corpus.vocab_size}-character vocabulary, skipped: {listed}")
        return "; ".join(n for n in notes if n)

    def snapshot(self):
        train, held = self._train.settle(), self._eval.settle()
        losses = train.column(1)[-TRAIN_PPL_WINDOW:]
        train_ppl = float(np.exp(losses.mean())) if len(losses) else float(self.corpus.vocab_size)
        sample = self._current_sample()
        metrics = {"train_ppl": train_ppl, "held_out_ppl": held.last(1), "unigram_ppl": self.unigram_ppl,
                   "bigram_ppl": self.bigram_ppl, "grad_norm": train.last(2), "clip_theta": self.config.clip_theta,
                   "vocab_size": float(self.corpus.vocab_size),
                   "params": float(sum(p.numel() for p in self.params)), "epochs": float(self.batches.epochs)}
        arrays = {"hist_step": train.column(0), "hist_train_ppl": np.exp(train.column(1)),
                  "hist_grad_norm": train.column(2), "eval_step": held.column(0), "eval_ppl": held.column(1),
                  "top_probs": sample["top_probs"].reshape(-1, min(TOP_K, self.corpus.vocab_size)),
                  "sample_hidden": sample["heat"]}
        tables = {"sample": sample["text"], "prompt_used": sample["prompt_used"], "unknown": sample["unknown"],
                  "message": self._messages(sample),
                  "corpus": f"{self.corpus.name}, {len(self.corpus.text):,} characters",
                  "top_chars": sample["top_chars"], "hidden_chars": sample["heat_chars"],
                  "cell": self.config.char_cell, "sampling": self.config.char_sampling}
        diverged = None if math.isfinite(train_ppl) else (
            f"diverged at step {self.step}: lower the learning rate or clip the gradients (theta)")
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables, diverged=diverged)
