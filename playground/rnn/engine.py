"""Train recurrent nets on a memory task and record ||dL/dh_t|| and ||dL/dx_t|| for every step t.

One engine trains one net ("single") or an RNN, an LSTM and a GRU on the same batches ("compare").
Everything recorded per iteration stays on the device in bounded buffers: heatmap rings
(iterations x timesteps) and a decimating history of loss / accuracy / gradient norm (when full it
averages neighbouring entries and records half as often), so a run of any length has a bounded
footprint and ``advance(a); advance(b)`` equals ``advance(a + b)``. Host copies happen in ``snapshot``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from playground.engine import Engine, RunContext, upload
from playground.modes import engine_for
from playground.rnn import tasks, theory
from playground.rnn.cells import RecurrentNet, local_derivative
from playground.rnn.config import VANILLA_CELLS, RnnConfig

LABELS = {"rnn_tanh": "RNN (tanh)", "rnn_relu": "RNN (ReLU)", "rnn_sigmoid": "RNN (sigmoid)",
          "rnn_linear": "RNN (linear)", "lstm": "LSTM", "gru": "GRU"}
GATE_LABELS = {"lstm": "forget gate f_t", "gru": "update gate z_t"}
HISTORY_ROWS = 1024  # even: the history halves itself when full
LOG_FLOOR, LOG_CEIL = -30.0, 38.5  # log10 of 0 and of inf/NaN gradients, so arrays stay finite
ADDING_TOLERANCE = 0.04  # an adding-problem answer counts as right within this of the true sum
SINE_TOLERANCE = 0.1


def _log10_norms(grads: torch.Tensor) -> torch.Tensor:
    """log10 of the Frobenius norm of each step's gradient, over batch and units: (T, B, n) -> (T,)."""
    norms = torch.linalg.vector_norm(grads, dim=(1, 2), dtype=torch.float64)  # float32 squares overflow
    logs = torch.nan_to_num(torch.log10(norms), nan=LOG_CEIL, posinf=LOG_CEIL, neginf=LOG_FLOOR)
    return logs.clamp(LOG_FLOOR, LOG_CEIL).float()


def make_optimizer(name: str, params, lr: float) -> torch.optim.Optimizer:
    if name == "adam":
        return torch.optim.Adam(params, lr=lr)
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr)
    raise ValueError(f"unknown optimizer {name!r}")


class Trainee:
    """One net with its optimizer and what its latest iteration measured."""

    def __init__(self, name: str, cell: str, config: RnnConfig, task: tasks.TaskSpec, seed: int,
                 device: str) -> None:
        self.name = name
        self.cell = cell
        gen = torch.Generator().manual_seed(seed)
        self.net = RecurrentNet(cell, task.input_size, config.hidden, task.output_size, config.init,
                                config.rho, config.forget_bias, gen, config.gru_variant).to(device)
        self.params = list(self.net.parameters())
        self.optimizer = make_optimizer(config.optimizer, self.params, config.lr)
        self.clips = torch.zeros((), device=device)
        # The latest iteration: per-step log norms, hidden states and gates (detached, for theory).
        self.profile_h = torch.zeros(config.seq_len, device=device)
        self.profile_x = torch.zeros(config.seq_len, device=device)
        self.row = torch.zeros(3, device=device)  # loss, accuracy, gradient norm
        self.hs: list[torch.Tensor] = []
        self.gates: list[torch.Tensor] | None = None


class RnnEngine(Engine):
    snapshot_kind = "rnn"  # declared in snapshots.py

    def __init__(self, config: RnnConfig, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        self.device = ctx.device
        self.task = tasks.spec(config.task, config.vocab, config.noise)
        if config.mode == "compare":
            vanilla = config.cell if config.cell in VANILLA_CELLS else "rnn_tanh"
            cells = [("rnn", vanilla), ("lstm", "lstm"), ("gru", "gru")]
        else:
            cells = [(config.cell, config.cell)]
        # Same initial seed for every net: compare mode differs only in the cell.
        self.trainees = [Trainee(name, cell, config, self.task, ctx.seed + 1, self.device) for name, cell in cells]
        self.data_gen = torch.Generator().manual_seed(ctx.seed)
        M, T, R = len(self.trainees), config.seq_len, config.heatmap_rows
        self.heat_h = torch.zeros(M, R, T, device=self.device)
        self.heat_x = torch.zeros(M, R, T, device=self.device)
        self.heat_iter = np.zeros(R, dtype=np.int64)
        self.heat_count = 0  # rows written so far (the ring holds the last R)
        self.hist = torch.zeros(HISTORY_ROWS, M, 3, device=self.device)
        self.hist_step = np.zeros(HISTORY_ROWS, dtype=np.int64)
        self.hist_len = 0
        self.hist_stride = 1
        self.hist_sum = torch.zeros(M, 3, device=self.device)
        self.hist_pending = 0
        # Measure the untrained nets on a probe batch (no update), so step 0 already shows the
        # gradient profile at initialisation and every metric is finite.
        probe_gen = torch.Generator().manual_seed(ctx.seed + 7919)
        x, y, clean = self._batch(probe_gen)
        for trainee in self.trainees:
            self._backward(trainee, x, y, clean)
            for p in trainee.params:
                p.grad = None

    # One training iteration ---------------------------------------------------------------------------
    def _batch(self, gen: torch.Generator):
        c = self.config
        x, y, clean = tasks.make_batch(c.task, c.seq_len, c.batch, gen, c.vocab, c.noise)
        x = upload(x, self.device).requires_grad_(True)
        return x, upload(y, self.device), upload(clean, self.device)

    def _loss(self, out: torch.Tensor, y: torch.Tensor, clean: torch.Tensor):
        if self.task.classify:
            loss = F.cross_entropy(out, y)
            accuracy = (out.detach().argmax(1) == y).float().mean()
        else:
            loss = F.mse_loss(out, y)
            tol = SINE_TOLERANCE if self.task.every_step else ADDING_TOLERANCE
            accuracy = ((out.detach() - clean).abs() < tol).float().mean()
        return loss, accuracy

    def _backward(self, trainee: Trainee, x, y, clean) -> torch.Tensor:
        """Forward, then dL/d(params), dL/dh_t for every t and dL/dx in one autograd call."""
        run = trainee.net(x, every_step=self.task.every_step)
        loss, accuracy = self._loss(run.out, y, clean)
        n = len(trainee.params)
        grads = torch.autograd.grad(loss, trainee.params + run.hs + [x])
        for p, g in zip(trainee.params, grads[:n]):
            p.grad = g
        trainee.profile_h = _log10_norms(torch.stack(grads[n:-1]))
        trainee.profile_x = _log10_norms(grads[-1])
        grad_norm = torch.linalg.vector_norm(
            torch.stack([torch.linalg.vector_norm(g, dtype=torch.float64) for g in grads[:n]])).float()
        trainee.row = torch.stack([loss.detach(), accuracy, grad_norm])
        trainee.hs = [h.detach() for h in run.hs]
        trainee.gates = [g.detach() for g in run.gates] if run.gates is not None else None
        return grad_norm

    def _iterate(self) -> None:
        c = self.config
        x, y, clean = self._batch(self.data_gen)
        self.step += 1
        record = self.step % c.heatmap_every == 0
        slot = self.heat_count % c.heatmap_rows
        for i, trainee in enumerate(self.trainees):
            grad_norm = self._backward(trainee, x, y, clean)
            if c.clip:
                scale = (c.clip_norm / (grad_norm + 1e-6)).clamp(max=1.0)
                for p in trainee.params:
                    p.grad.mul_(scale)
                trainee.clips += (grad_norm > c.clip_norm).float()
            trainee.optimizer.step()
            if record:
                self.heat_h[i, slot] = trainee.profile_h
                self.heat_x[i, slot] = trainee.profile_x
            self.hist_sum[i] += trainee.row
        if record:
            self.heat_iter[slot] = self.step
            self.heat_count += 1
        self._record_history()

    def _record_history(self) -> None:
        self.hist_pending += 1
        if self.hist_pending < self.hist_stride:
            return
        self.hist[self.hist_len] = self.hist_sum / self.hist_stride
        self.hist_step[self.hist_len] = self.step
        self.hist_len += 1
        self.hist_sum.zero_()
        self.hist_pending = 0
        if self.hist_len == HISTORY_ROWS:  # halve: average neighbours, record half as often
            half = HISTORY_ROWS // 2
            self.hist[:half] = 0.5 * (self.hist[0::2] + self.hist[1::2])
            self.hist_step[:half] = self.hist_step[1::2]
            self.hist_len = half
            self.hist_stride *= 2

    def advance(self, n: int) -> None:
        with torch.enable_grad():
            for _ in range(n):
                self._iterate()

    # What the plots need ------------------------------------------------------------------------------
    def _heat_rows(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        R = self.config.heatmap_rows
        filled = min(self.heat_count, R)
        start = self.heat_count % R if self.heat_count > R else 0
        order = (np.arange(filled) + start) % R
        idx = torch.as_tensor(order, device=self.device)
        h = self.heat_h.index_select(1, idx).cpu().numpy()
        x = self.heat_x.index_select(1, idx).cpu().numpy()
        return self.heat_iter[order], h, x

    def _theory(self, trainee: Trainee) -> dict[str, Any]:
        block = trainee.net.recurrent_block().detach().double().cpu().numpy()
        if np.isfinite(block).all():
            eig = np.linalg.eigvals(block)
            radius = float(np.abs(eig).max())
        else:  # the weights blew up: nothing to draw, and a non-finite metric pauses the run
            eig = np.zeros(len(block), dtype=complex)
            radius = float("inf")
        hs = torch.stack(trainee.hs)  # (T, B, H)
        if trainee.gates is not None:
            gates = torch.stack(trainee.gates)
            mean_gate = float(gates.mean())
            unit_map = gates[:, 0, :].t()
            mean_derivative = float("nan")
        else:
            deriv = local_derivative(trainee.cell, hs)
            mean_derivative = float(deriv.mean())
            mean_gate = float("nan")
            unit_map = deriv[:, 0, :].t()
        factor, label = theory.step_factor(trainee.cell, radius, mean_derivative, mean_gate)
        profile = trainee.profile_h.cpu().numpy()
        return {
            "eig": np.stack([eig.real, eig.imag], axis=1),
            "radius": radius,
            "factor": factor,
            "label": label,
            "mean_derivative": mean_derivative if math.isfinite(mean_derivative) else 0.0,
            "mean_gate": mean_gate if math.isfinite(mean_gate) else 0.0,
            "profile": profile,
            "theory": theory.theory_line(profile, factor),
            "units": np.nan_to_num(unit_map.cpu().numpy(), nan=0.0, posinf=1.0, neginf=0.0),
        }

    def snapshot(self):
        T = self.config.seq_len
        heat_iter, heat_h, heat_x = self._heat_rows()
        hist = self.hist[: self.hist_len].cpu().numpy()
        metrics: dict[str, float] = {}
        arrays: dict[str, np.ndarray] = {
            "t": np.arange(1, T + 1),
            "heat_iter": heat_iter,
            "hist_step": self.hist_step[: self.hist_len].copy(),
        }
        theory_labels, gate_labels, profiles = {}, {}, []
        diverged = None
        for i, trainee in enumerate(self.trainees):
            name = trainee.name
            loss, accuracy, grad_norm = (float(v) for v in trainee.row.cpu())
            th = self._theory(trainee)
            profiles.append(th["profile"])
            metrics.update({
                f"loss_{name}": loss,
                f"accuracy_{name}": accuracy,
                f"grad_norm_{name}": grad_norm,
                f"clip_events_{name}": float(trainee.clips),
                f"spectral_radius_{name}": th["radius"],
                f"step_factor_{name}": th["factor"],
                f"measured_factor_{name}": 10.0 ** (-theory.fit_slope(th["profile"])),
                f"log10_grad_h1_{name}": float(th["profile"][0]),
                f"log10_grad_hT_{name}": float(th["profile"][-1]),
            })
            arrays.update({
                f"heat_h/{name}": heat_h[i], f"heat_x/{name}": heat_x[i],
                f"profile/{name}": th["profile"], f"theory/{name}": th["theory"],
                f"eig/{name}": th["eig"], f"units/{name}": th["units"],
                f"hist_loss/{name}": hist[:, i, 0], f"hist_acc/{name}": hist[:, i, 1],
                f"hist_grad/{name}": hist[:, i, 2],
            })
            theory_labels[name] = th["label"]
            gate_labels[name] = GATE_LABELS.get(trainee.cell, "derivative f'(z_t)")
            if diverged is None and not (math.isfinite(loss) and math.isfinite(grad_norm)):
                diverged = (f"diverged at step {self.step}: {LABELS[trainee.cell]} loss = {loss}, gradient "
                            f"norm = {grad_norm} (turn on clipping, or lower rho or the learning rate)")
        tables = {
            "models": [t.name for t in self.trainees],
            "labels": {t.name: LABELS[t.cell] for t in self.trainees},
            "cells": {t.name: t.cell for t in self.trainees},
            "task": self.task.name,
            "baseline_loss": self.task.baseline_loss,
            "baseline_label": self.task.baseline_label,
            "levels_h": theory.robust_levels(heat_h, *profiles),
            "levels_x": theory.robust_levels(heat_x),
            "theory_labels": theory_labels,
            "gate_labels": gate_labels,
            "heatmap_rows": int(min(self.heat_count, self.config.heatmap_rows)),
        }
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables, diverged=diverged)

    def evaluate(self, sequences: int = 1000, seed: int = 2**30) -> dict[str, dict[str, float]]:
        """Loss and accuracy of every net on fresh sequences (no update): a held-out test."""
        c = self.config
        gen = torch.Generator().manual_seed(seed)
        x, y, clean = tasks.make_batch(c.task, c.seq_len, sequences, gen, c.vocab, c.noise)
        x, y, clean = upload(x, self.device), upload(y, self.device), upload(clean, self.device)
        scores = {}
        with torch.no_grad():
            for trainee in self.trainees:
                loss, accuracy = self._loss(trainee.net(x, every_step=self.task.every_step).out, y, clean)
                scores[trainee.name] = {"loss": float(loss), "accuracy": float(accuracy)}
        return scores

    def result(self) -> dict[str, Any]:
        snap = self.snapshot()
        tables = {k: snap.tables[k] for k in ("models", "labels", "task", "baseline_loss")}
        for name in snap.tables["models"]:
            tables[f"profile_{name}"] = [round(float(v), 6) for v in snap.arrays[f"profile/{name}"]]
        return {"step": snap.step, "metrics": dict(snap.metrics), "tables": tables}


def make_engine(config: RnnConfig, ctx: RunContext) -> RnnEngine:
    torch.set_num_threads(1)
    return engine_for(config, ctx)  # RnnConfig.MODES: both modes are RnnEngine
