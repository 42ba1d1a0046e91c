"""Seq2seq: an encoder-decoder GRU with and without additive (Bahdanau) attention (seed notes: 编码器-解码器, 注意力机制).

encoder      h_t = GRU(x_t, h_(t-1)),  t = 1..T
plain        c = h_T for every output step; s_0 = h_T;  s_t' = GRU([y_(t'-1); c], s_(t'-1))
attention    e_t't = a(s_(t'-1), h_t) = w_v^T tanh(W_q s_(t'-1) + W_k h_t)
             alpha_t't = exp(e_t't) / sum_t exp(e_t't),   c_t' = sum_t alpha_t't h_t
             s_t' = GRU([y_(t'-1); c_t'], s_(t'-1))
output       P(y_t' | y_<t', x) = softmax(W_o [s_t'; c_t'; y_(t'-1)])
loss         -log P(y_1..y_T' | x) = -sum_t' log P(y_t' | y_<t', x), with teacher forcing (the true y_(t'-1) is fed)

Both models train on the same batches; the held-out pairs (dates.py) measure exact match and token accuracy.
"""

from __future__ import annotations

import torch
from torch import nn

from playground.language.dates import SOURCE_VOCAB, TARGET_INDEX, TARGET_VOCAB


def additive_attention(s: torch.Tensor, keys: torch.Tensor, values: torch.Tensor, mask: torch.Tensor,
                       W_q: nn.Linear, w_v: nn.Linear) -> tuple[torch.Tensor, torch.Tensor]:
    """(context (B, H), alpha (B, T)) of decoder states s (B, H) over encoder states ``values`` (B, T, H).

    ``keys`` is W_k h_t, computed once per sentence; ``mask`` (B, T) is False on padding, which gets
    weight exactly 0 (its score is -inf before the softmax).
    """
    scores = w_v(torch.tanh(W_q(s).unsqueeze(1) + keys)).squeeze(-1)  # e_t't, (B, T)
    scores = scores.masked_fill(~mask, float("-inf"))
    alpha = torch.softmax(scores, dim=-1)
    return torch.bmm(alpha.unsqueeze(1), values).squeeze(1), alpha


class Seq2Seq(nn.Module):
    def __init__(self, hidden: int, attention: bool, embed: int = 32) -> None:
        super().__init__()
        self.attention = attention
        self.source_embed = nn.Embedding(len(SOURCE_VOCAB), embed, padding_idx=0)
        self.encoder = nn.GRU(embed, hidden, batch_first=True)
        self.target_embed = nn.Embedding(len(TARGET_VOCAB), embed)
        self.cell = nn.GRUCell(embed + hidden, hidden)
        self.W_q = nn.Linear(hidden, hidden, bias=False)
        self.W_k = nn.Linear(hidden, hidden, bias=False)
        self.w_v = nn.Linear(hidden, 1, bias=False)
        self.out = nn.Linear(2 * hidden + embed, len(TARGET_VOCAB))

    def encode(self, source: torch.Tensor, lengths: torch.Tensor) -> dict:
        """Encoder states, the padding mask, and the decoder's start state s_0 = h_T."""
        states, _ = self.encoder(self.source_embed(source))  # (B, T, H); padding comes after h_T
        last = states[torch.arange(len(source), device=source.device), lengths - 1]
        mask = torch.arange(source.shape[1], device=source.device)[None, :] < lengths[:, None]
        return {"values": states, "keys": self.W_k(states), "mask": mask, "last": last}

    def step(self, y_prev: torch.Tensor, s: torch.Tensor, memory: dict):
        """One decoder step: (logits (B, V), s_t', alpha (B, T) or None)."""
        if self.attention:
            context, alpha = additive_attention(s, memory["keys"], memory["values"], memory["mask"], self.W_q, self.w_v)
        else:
            context, alpha = memory["last"], None
        embedded = self.target_embed(y_prev)
        s = self.cell(torch.cat([embedded, context], -1), s)
        return self.out(torch.cat([s, context, embedded], -1)), s, alpha

    def forward(self, source, lengths, target):
        """Teacher forcing: logits (B, T', V) of each target token given the true previous ones, and alphas."""
        memory = self.encode(source, lengths)
        s, y_prev = memory["last"], torch.full_like(target[:, 0], TARGET_INDEX["<bos>"])
        logits, alphas = [], []
        for t in range(target.shape[1]):
            step_logits, s, alpha = self.step(y_prev, s, memory)
            logits.append(step_logits)
            alphas.append(alpha)
            y_prev = target[:, t]
        return torch.stack(logits, 1), alphas

    @torch.no_grad()
    def greedy(self, source, lengths, steps: int):
        """Free-running greedy decoding: tokens (B, steps) and alphas (B, steps, T) (zeros without attention)."""
        memory = self.encode(source, lengths)
        s, y_prev = memory["last"], torch.full((len(source),), TARGET_INDEX["<bos>"], device=source.device)
        tokens, alphas = [], []
        for _ in range(steps):
            step_logits, s, alpha = self.step(y_prev, s, memory)
            y_prev = step_logits.argmax(-1)
            tokens.append(y_prev)
            alphas.append(alpha if alpha is not None else torch.zeros(source.shape, device=source.device))
        return torch.stack(tokens, 1), torch.stack(alphas, 1)


class Trainee:
    """One model, its optimizer, and the device scalars of its last step (read only at snapshot time)."""

    def __init__(self, model: Seq2Seq, lr: float, device) -> None:
        self.model = model.to(device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.loss = torch.zeros((), device=device)
        self.grad_norm = torch.zeros((), device=device)
        self.entropy = torch.zeros((), device=device)

    def train_step(self, source, lengths, target) -> None:
        logits, alphas = self.model(source, lengths, target)
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1))
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        # the norm before clipping: the gradient norm curve; clipping keeps a GRU's rare spikes harmless
        self.grad_norm = nn.utils.clip_grad_norm_(self.model.parameters(), 5.0).detach()
        self.optimizer.step()
        self.loss = loss.detach()
        if alphas[0] is not None:
            self.entropy = attention_entropy(torch.stack(alphas, 1).detach())

    @torch.no_grad()
    def evaluate(self, source, lengths, target):
        """(exact match, token accuracy) of greedy decoding on held-out pairs, as device scalars."""
        self.model.train(False)
        tokens, _ = self.model.greedy(source, lengths, target.shape[1])
        self.model.train()
        right = tokens == target
        return right.all(1).float().mean(), right.float().mean()


def attention_entropy(alphas: torch.Tensor) -> torch.Tensor:
    """Mean entropy -sum_t alpha_t log alpha_t (nats) of the attention rows (B, T', T); 0 * log 0 counts as 0."""
    logs = torch.where(alphas > 0, alphas.clamp_min(1e-12).log(), torch.zeros_like(alphas))
    return -(alphas * logs).sum(-1).mean()
