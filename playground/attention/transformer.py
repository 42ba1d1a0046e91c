"""A tiny transformer encoder trained live on a toy sequence task (seed notes: multi-head attention).

    head_j = softmax(Q_j K_j^T / sqrt(d_h)) V_j,  Q_j = X W_q^j, ...,  MultiHead(X) = [head_1 ... head_h] W_o

A block is x + MHA(LN(x)) then x + MLP(LN(x)) (pre-norm). Every output position predicts the token
the task puts there: the reversed input, the sorted input, or the input shifted right by a delay
(blank token 0 first). Self-attention without a positional encoding is permutation-equivariant:
shuffle the inputs and the outputs shuffle the same way, so no position can know it is "first" and
reversal (or a delay) cannot be learned. Add a sinusoidal or learned encoding and it can.

Batches come from a torch.Generator seeded with ctx.seed (drawn on the CPU, then moved to the
device), and evaluation happens inside advance() every eval_every steps, so advance(a); advance(b)
equals advance(a + b).
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from playground.attention.positional import sinusoidal
from playground.conv.history import Ring
from playground.deferred import DeferredRows
from playground.engine import Engine, upload

EVAL_SIZE = 512
EXAMPLES = 8  # held-out sequences whose attention maps the panel can show


def mosaic(maps: np.ndarray) -> np.ndarray:
    """(examples, layers, heads, n, n) -> (examples, layers (n+1) - 1, heads (n+1) - 1): one tile per head,
    layers down, heads across, NaN between the tiles (drawn empty)."""
    e, layers, heads, n, _ = maps.shape
    out = np.full((e, layers * (n + 1) - 1, heads * (n + 1) - 1), np.nan, dtype=np.float32)
    for layer in range(layers):
        for head in range(heads):
            out[:, layer * (n + 1):layer * (n + 1) + n, head * (n + 1):head * (n + 1) + n] = maps[:, layer, head]
    return out


def make_batch(task: str, size: int, seq_len: int, vocab: int, delay: int, gen: torch.Generator):
    """(inputs, targets) of shape (size, seq_len), content tokens 1..vocab-1."""
    x = torch.randint(1, vocab, (size, seq_len), generator=gen)
    if task == "reverse":
        y = x.flip(1)
    elif task == "sort":
        y = x.sort(1).values
    else:
        y = torch.zeros_like(x)
        if delay < seq_len:
            y[:, delay:] = x[:, :seq_len - delay]
    return x, y


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model: int, heads: int) -> None:
        super().__init__()
        self.heads, self.d_head = heads, d_model // heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        b, n, d = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, self.d_head).permute(2, 0, 3, 1, 4)
        weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.d_head), dim=-1)  # (b, h, n, n)
        mixed = (weights @ v).transpose(1, 2).reshape(b, n, d)
        return self.out(mixed), weights


class Block(nn.Module):
    def __init__(self, d_model: int, heads: int) -> None:
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = MultiHeadSelfAttention(d_model, heads)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.ReLU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x):
        a, weights = self.attn(self.ln1(x))
        x = x + a
        return x + self.mlp(self.ln2(x)), weights


class TinyTransformer(nn.Module):
    def __init__(self, vocab: int, seq_len: int, d_model: int, heads: int, layers: int, positional: str) -> None:
        super().__init__()
        self.positional = positional
        self.embed = nn.Embedding(vocab, d_model)
        if positional == "learned":
            self.pos = nn.Parameter(0.1 * torch.randn(seq_len, d_model))
        else:
            self.register_buffer("pos", sinusoidal(seq_len, d_model) if positional == "sinusoidal"
                                 else torch.zeros(seq_len, d_model))
        self.blocks = nn.ModuleList(Block(d_model, heads) for _ in range(layers))
        self.ln = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab)

    def forward(self, tokens: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        x = self.embed(tokens) + self.pos[: tokens.shape[1]]
        maps = []
        for block in self.blocks:
            x, weights = block(x)
            maps.append(weights)
        return self.head(self.ln(x)), maps


def build_model(config, positional: str, seed: int) -> TinyTransformer:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return TinyTransformer(config.vocab, config.seq_len, config.d_model, config.heads, config.layers, positional)


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


class _Trainee:
    def __init__(self, model, config, device) -> None:
        self.model = model.to(device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.learning_rate)
        self.loss_sum = torch.zeros((), device=device)
        self.batches = 0

    def train_step(self, x, y) -> None:
        logits, _ = self.model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.loss_sum += loss.detach()
        self.batches += 1

    def take_loss(self, x0, y0) -> tuple[torch.Tensor, int]:
        """(summed loss on the device, batches summed): the mean is taken on the host, at snapshot time."""
        if not self.batches:  # step 0: the untrained loss on the held-out set
            with torch.no_grad():
                logits, _ = self.model(x0)
                return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y0.reshape(-1)), 1
        taken = self.loss_sum.clone(), self.batches
        self.loss_sum.zero_()
        self.batches = 0
        return taken

    @torch.no_grad()
    def evaluate(self, x, y) -> tuple[torch.Tensor, torch.Tensor]:
        """(token accuracy, sequence accuracy) as device scalars."""
        self.model.train(False)
        logits, _ = self.model(x)
        self.model.train()
        right = logits.argmax(-1) == y
        return right.float().mean(), right.all(1).float().mean()


def history_row(step, loss_sum, batches, acc, seq, twin_sum, twin_batches, twin_acc, twin_seq) -> tuple:
    """One curve point on the host: the mean losses divided there, in float64, as they always were."""
    return (float(step), float(loss_sum) / batches, float(acc), float(seq),
            float(twin_sum) / twin_batches, float(twin_acc), float(twin_seq))


def twin_positional(positional: str) -> str:
    return "sinusoidal" if positional == "none" else "none"


class TransformerEngine(Engine):
    snapshot_kind = "attention.transformer"  # declared in snapshots.py

    def __init__(self, config, ctx, positional: str | None = None) -> None:
        super().__init__(config, ctx)
        c = config
        if ctx.device == "cpu":
            torch.set_num_threads(1)
        self.device = torch.device(ctx.device)
        self.positional = positional or c.positional
        self.gen = torch.Generator().manual_seed(ctx.seed)
        eval_gen = torch.Generator().manual_seed(ctx.seed + 10_007)
        x0, y0 = make_batch(c.task, EVAL_SIZE, c.seq_len, c.vocab, c.delay, eval_gen)
        self.x_eval, self.y_eval = x0.to(self.device), y0.to(self.device)
        self.main = _Trainee(build_model(c, self.positional, ctx.seed), c, self.device)
        self.twin_label = ""
        self.twin = None
        if c.compare == "positional toggled" and positional is None:
            other = twin_positional(self.positional)
            self.twin = _Trainee(build_model(c, other, ctx.seed), c, self.device)
            self.twin_label = f"positional encoding: {other}"
        # step, loss, token acc, sequence acc, twin loss, twin token acc, twin sequence acc
        self._history = DeferredRows(Ring(7, capacity=2000), history_row)
        self._evaluate()

    @property
    def finished(self) -> bool:
        return bool(self.config.max_steps) and self.step >= self.config.max_steps

    def natural_length(self) -> int | None:
        return self.config.max_steps or None  # 0: trains until stopped

    @property
    def history(self) -> Ring:
        return self._history.settle()

    def advance(self, n: int) -> None:
        c = self.config
        if c.max_steps:
            n = min(n, c.max_steps - self.step)
        for _ in range(max(n, 0)):
            x, y = make_batch(c.task, c.batch_size, c.seq_len, c.vocab, c.delay, self.gen)
            x, y = upload(x, self.device), upload(y, self.device)
            self.main.train_step(x, y)
            if self.twin is not None:
                self.twin.train_step(x, y)
            self.step += 1
            if self.step % c.eval_every == 0 or self.finished:
                self._evaluate()

    def _evaluate(self) -> None:
        # device scalars, read only when a snapshot reads the history: no sync inside advance()
        loss = self.main.take_loss(self.x_eval, self.y_eval)
        acc, seq = self.main.evaluate(self.x_eval, self.y_eval)
        twin = (0.0, 1, 0.0, 0.0)
        if self.twin is not None:
            twin = (*self.twin.take_loss(self.x_eval, self.y_eval), *self.twin.evaluate(self.x_eval, self.y_eval))
        self._history.append(self.step, *loss, acc, seq, *twin)

    @torch.no_grad()
    def examples(self, trainee: _Trainee):
        """Attention maps of the first EXAMPLES held-out sequences, (examples, layers, heads, n, n), and predictions."""
        model = trainee.model
        model.train(False)
        logits, maps = model(self.x_eval[:EXAMPLES])
        model.train()
        return torch.stack(maps, 1).cpu().numpy(), logits.argmax(-1).cpu().numpy()

    def snapshot(self):
        h = self.history
        maps, prediction = self.examples(self.main)
        loss = h.last(1)
        metrics = {"loss": loss, "token_acc": h.last(2), "sequence_acc": h.last(3),
                   "params": float(count_params(self.main.model))}
        arrays = {"hist_step": h.column(0), "hist_loss": h.column(1), "hist_acc": h.column(2),
                  "hist_seq_acc": h.column(3), "attn_maps": maps.astype(np.float32), "attn_mosaic": mosaic(maps),
                  "example_input": self.x_eval[:EXAMPLES].cpu().numpy(),
                  "example_target": self.y_eval[:EXAMPLES].cpu().numpy(), "example_prediction": prediction}
        if self.twin is not None:
            twin_maps, twin_prediction = self.examples(self.twin)
            metrics.update({"twin_loss": h.last(4), "twin_token_acc": h.last(5), "twin_sequence_acc": h.last(6)})
            arrays.update({"hist_twin_loss": h.column(4), "hist_twin_acc": h.column(5),
                           "hist_twin_seq_acc": h.column(6), "twin_attn_maps": twin_maps.astype(np.float32),
                           "twin_attn_mosaic": mosaic(twin_maps), "twin_prediction": twin_prediction})
        diverged = None if np.isfinite(loss) else f"diverged at step {self.step}: lower the learning rate"
        return self.make_snapshot(metrics=metrics, arrays=arrays, diverged=diverged,
                                  tables={"task": self.config.task, "positional": self.positional,
                                          "twin": self.twin_label})
