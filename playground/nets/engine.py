"""Training engine: one step is one minibatch; snapshots carry the boundary, neuron maps and gradient health."""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F

from playground.engine import Engine, EngineError, RunContext, upload
from playground.modes import engine_for
from playground.nets import data as D
from playground.nets.model import MLP, init_weights, make_optimizer

HIST_CAP = 2000  # most points kept in each training curve (then every other one is dropped)
# Columns of the per-epoch record, kept on the device (float64: the exact values float() gave).
HIST_COLUMNS = ("train_loss", "train_acc", "test_loss", "test_acc")
ACT_EDGES = np.linspace(-2.0, 2.0, 33)  # activation histogram bins (values outside go to the end bins)
GRAD_EDGES = np.linspace(-10.0, 0.0, 31)  # log10 |dL/dW| histogram bins
METRICS = ("epoch", "train_loss", "test_loss", "train_acc", "test_acc", "grad_ratio", "dead_relu")


class NetworkEngine(Engine):
    @property
    def snapshot_kind(self) -> str:  # declared in snapshots.py
        return "network.digits" if self.config.dataset == "digits" else "network.points"

    def __init__(self, config, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        torch.set_num_threads(1)
        self.device = torch.device(ctx.device)
        raw = D.load(config, ctx.seed)
        self.data = raw
        self.names = D.chosen_features(config)
        if config.dataset != "digits" and not self.names:
            raise EngineError("pick at least one input feature (x1, x2, x1², ...)")
        n = len(raw.y)
        n_train = min(n - 1, max(1, int(round(n * config.train_ratio))))
        self.n_train = n_train
        feats = D.features(raw.x, self.names)
        self.raw_train, self.raw_test = raw.x[:n_train], raw.x[n_train:]
        self.y_train_np, self.y_test_np = raw.y[:n_train], raw.y[n_train:]
        dev = self.device
        self.Xtr = torch.as_tensor(feats[:n_train], device=dev)
        self.Xte = torch.as_tensor(feats[n_train:], device=dev)
        self.Ytr = torch.as_tensor(raw.y[:n_train], device=dev)
        self.Yte = torch.as_tensor(raw.y[n_train:], device=dev)
        self.classify = raw.classify
        self.n_classes = raw.n_classes
        n_out = raw.n_classes if raw.n_classes > 2 else 1
        self.loss_kind = config.loss if raw.classify else "mse"
        self.gen = torch.Generator().manual_seed(ctx.seed)
        self.model = MLP(feats.shape[1], n_out, config.hidden, config.residual)
        init_weights(self.model, config.init, config.init_sigma, self.gen)
        self.model.to(dev)
        self.dropout_gen = torch.Generator(device=dev).manual_seed(ctx.seed + 1)
        self.model.set_generator(self.dropout_gen)
        self.linears = self.model.linears()
        self.weights = [lin.weight for lin in self.linears]
        self.opt = make_optimizer(config.optimizer, self.model.parameters(), config.lr)
        self.batch = min(config.batch_size, n_train)
        self.has_bn = any(layer.batch_norm for layer in config.hidden)
        self.pos = 0
        self.perm = None
        self.last_loss: torch.Tensor | None = None
        self.epoch = 0
        # The training curves: one row per recorded epoch, written on the device inside advance()
        # and read back only by snapshot(), so a GPU run never waits at an epoch's end.
        self.hist_stride = 1
        self.hist_len = 0
        self.hist_epoch: list[int] = []
        self.hist_values = torch.zeros(HIST_CAP + 1, len(HIST_COLUMNS), dtype=torch.float64, device=dev)
        self.hist_grad = torch.zeros(HIST_CAP + 1, len(self.weights), device=dev)
        self.diverged: str | None = None
        grid = D.plane_grid(config.grid) if config.dataset != "digits" else None
        self.Xgrid = torch.as_tensor(D.features(grid, self.names), device=dev) if grid is not None else None
        self._record()

    # Training -----------------------------------------------------------------------------
    def _loss(self, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if not self.classify:
            return F.mse_loss(out[:, 0], y)
        if self.n_classes == 2:
            if self.loss_kind == "cross_entropy":
                return F.binary_cross_entropy_with_logits(out[:, 0], y.float())
            return F.mse_loss(torch.sigmoid(out[:, 0]), y.float())
        if self.loss_kind == "cross_entropy":
            return F.cross_entropy(out, y)
        return F.mse_loss(torch.softmax(out, 1), F.one_hot(y, self.n_classes).float())

    def _penalty(self) -> torch.Tensor | float:
        cfg = self.config
        total = 0.0
        if cfg.l1 > 0:
            total = total + cfg.l1 * sum(w.abs().sum() for w in self.weights)
        if cfg.l2 > 0:
            total = total + cfg.l2 * sum((w * w).sum() for w in self.weights)
        return total

    def advance(self, n: int) -> None:
        model, opt = self.model, self.opt
        model.train()
        for _ in range(n):
            if self.pos == 0:
                self.perm = upload(torch.randperm(self.n_train, generator=self.gen), self.device)
            end = self.pos + self.batch
            if self.n_train - end == 1 or (self.has_bn and 0 < self.n_train - end < 2):
                end = self.n_train  # never leave a minibatch of one point (batch norm needs two)
            idx = self.perm[self.pos:end]
            out = model(self.Xtr[idx])
            loss = self._loss(out, self.Ytr[idx]) + self._penalty()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            self.last_loss = loss.detach()  # the minibatch's loss, penalty included (no host sync)
            self.step += 1
            if end >= self.n_train:
                self.pos = 0
                self.epoch += 1
                if self.epoch % self.hist_stride == 0:
                    self._record()
            else:
                self.pos = end

    # Evaluation ------------------------------------------------------------------------------
    @torch.no_grad()
    def _evaluate_on_device(self, X, Y) -> torch.Tensor:
        """(loss, accuracy) as a float64 device tensor; for regression the accuracy is R²."""
        if len(Y) == 0:
            return torch.zeros(2, dtype=torch.float64, device=self.device)
        self.model.train(False)
        out = self.model(X)
        loss = self._loss(out, Y).double()
        if self.classify:
            pred = (out[:, 0] > 0).long() if self.n_classes == 2 else out.argmax(1)
            acc = (pred == Y).float().mean().double()
        else:
            var = ((Y - Y.mean()) ** 2).mean().double()
            mse = ((out[:, 0] - Y) ** 2).mean().double()
            acc = torch.where(var > 0, 1.0 - mse / var, 0.0)  # no R² of a constant target
        return torch.stack([loss, acc])

    def _evaluate(self, X, Y) -> tuple[float, float]:
        loss, acc = self._evaluate_on_device(X, Y).tolist()
        return loss, acc

    def _mean_abs_grad(self) -> torch.Tensor:
        values = [w.grad.abs().mean() if w.grad is not None else torch.zeros((), device=self.device)
                  for w in self.weights]
        return torch.stack(values)

    def _record(self) -> None:
        row = self.hist_len
        self.hist_values[row, :2] = self._evaluate_on_device(self.Xtr, self.Ytr)
        self.hist_values[row, 2:] = self._evaluate_on_device(self.Xte, self.Yte)
        self.hist_grad[row] = self._mean_abs_grad()
        self.hist_epoch.append(self.epoch)
        self.hist_len += 1
        if self.hist_len > HIST_CAP:  # keep every other record, and record half as often
            kept = len(self.hist_epoch[::2])
            self.hist_values[:kept] = self.hist_values[:self.hist_len:2].clone()
            self.hist_grad[:kept] = self.hist_grad[:self.hist_len:2].clone()
            self.hist_epoch = self.hist_epoch[::2]
            self.hist_len = kept
            self.hist_stride *= 2
        self.model.train()

    def _history_arrays(self) -> dict[str, np.ndarray]:
        values = self.hist_values[:self.hist_len].cpu().numpy()
        column = {name: values[:, i].copy() for i, name in enumerate(HIST_COLUMNS)}
        return {"hist_epoch": np.asarray(self.hist_epoch, float),
                "hist_train_loss": column["train_loss"], "hist_test_loss": column["test_loss"],
                "hist_train_acc": column["train_acc"], "hist_test_acc": column["test_acc"],
                "hist_grad": self.hist_grad[:self.hist_len].cpu().numpy().astype(np.float64)}

    def gradient_health(self) -> dict[str, np.ndarray | float]:
        """Full-batch gradients in eval mode (no dropout, no batch-norm update): per-layer stats."""
        self.model.train(False)
        keep: list[torch.Tensor] = []
        out = self.model(self.Xtr, keep)
        loss = self._loss(out, self.Ytr)
        grads = torch.autograd.grad(loss, self.weights, allow_unused=True)
        grads = [g if g is not None else torch.zeros_like(w) for g, w in zip(grads, self.weights)]
        mean_abs = torch.stack([g.abs().mean() for g in grads]).detach().cpu().numpy().astype(np.float64)
        norms = torch.stack([g.norm() for g in grads]).detach().cpu().numpy().astype(np.float64)
        first, last = norms[0], norms[-1]
        ratio = float(first / last) if last > 0 else (0.0 if first == 0 else 1e30)
        grad_hist = np.stack([
            np.histogram(np.clip(np.log10(np.abs(g.detach().cpu().numpy()).ravel() + 1e-30), -10, 0),
                         GRAD_EDGES)[0] for g in grads]).astype(np.float64)
        acts = [h.detach().cpu().numpy() for h in keep]
        act_hist = (np.stack([np.histogram(np.clip(a.ravel(), -2, 2), ACT_EDGES)[0] for a in acts]).astype(np.float64)
                    if acts else np.zeros((0, len(ACT_EDGES) - 1)))
        dead = 0
        for layer, a in zip(self.config.hidden, acts):
            if layer.activation == "relu":
                dead += int((np.abs(a).max(0) == 0).sum()) if len(a) else 0
        self.model.train()
        return {"mean_abs": mean_abs, "norms": norms, "ratio": ratio, "grad_hist": grad_hist,
                "act_hist": act_hist, "dead": dead}

    @torch.no_grad()
    def _maps(self) -> dict[str, np.ndarray]:
        if self.Xgrid is None:
            return {}
        self.model.train(False)
        keep: list[torch.Tensor] = []
        out = self.model(self.Xgrid, keep)
        g = self.config.grid
        if self.classify:
            boundary = torch.sigmoid(out[:, 0]) * 2 - 1  # in [-1, 1], as TF Playground colours it
        else:
            boundary = out[:, 0]
        inputs = self.Xgrid.T / self.Xgrid.abs().amax(1, keepdim=True).T.clamp_min(1e-12)  # each feature in [-1, 1]
        maps = [inputs] + [h.T for h in keep]
        arrays = {"boundary": boundary.reshape(g, g).cpu().numpy()}
        for i, m in enumerate(maps):
            arrays[f"maps_{i}"] = m.reshape(-1, g, g).cpu().numpy()
        self.model.train()
        return arrays

    @torch.no_grad()
    def _digits_arrays(self) -> dict[str, np.ndarray]:
        self.model.train(False)
        pred = self.model(self.Xte).argmax(1).cpu().numpy()
        true = self.y_test_np
        confusion = np.zeros((10, 10))
        np.add.at(confusion, (true, pred), 1)
        self.model.train()
        k = min(24, len(true))
        return {"confusion": confusion, "digit_images": self.raw_test[:k].reshape(k, 8, 8),
                "digit_pred": pred[:k], "digit_true": true[:k]}

    def snapshot(self):
        tr_loss, tr_acc = self._evaluate(self.Xtr, self.Ytr)
        te_loss, te_acc = self._evaluate(self.Xte, self.Yte)
        health = self.gradient_health()
        metrics = {"epoch": self.epoch, "train_loss": tr_loss, "test_loss": te_loss, "train_acc": tr_acc,
                   "test_acc": te_acc, "grad_ratio": health["ratio"], "dead_relu": health["dead"]}
        diverged = None
        if not (math.isfinite(tr_loss) and all(torch.isfinite(w).all() for w in self.weights)):
            diverged = f"diverged at step {self.step}: the loss or the weights became NaN/inf (learning rate too high?)"
        arrays: dict[str, np.ndarray] = {
            "grad_mean_abs": health["mean_abs"], "grad_norms": health["norms"],
            "grad_hist": health["grad_hist"], "act_hist": health["act_hist"],
            "act_edges": ACT_EDGES, "grad_edges": GRAD_EDGES,
            **self._history_arrays(),
            "widths": np.asarray([self.Xtr.shape[1]] + [l.width for l in self.config.hidden]
                                 + [self.weights[-1].shape[0]]),
        }
        for i, w in enumerate(self.weights):
            arrays[f"weights_{i}"] = w.detach().cpu().numpy()
        if self.config.dataset == "digits":
            arrays.update(self._digits_arrays())
        else:
            arrays.update(self._maps())
            arrays.update({"train_x": self.raw_train, "train_y": self.y_train_np.astype(float),
                           "test_x": self.raw_test, "test_y": self.y_test_np.astype(float)})
        tables = {"features": [D.FEATURE_LABELS[n] for n in self.names], "classify": self.classify,
                  "dataset": self.config.dataset}
        return self.make_snapshot(metrics=metrics, arrays=arrays, tables=tables, diverged=diverged)

    def result(self):
        snap = self.snapshot()
        out = {"step": snap.step, "metrics": dict(snap.metrics),
               "tables": {"grad_mean_abs_per_layer": snap.arrays["grad_mean_abs"].tolist(),
                          "features": list(snap.tables["features"])}}
        if "confusion" in snap.arrays:
            out["tables"]["confusion"] = snap.arrays["confusion"].astype(int).tolist()
        return out

    def save_weights(self, path) -> None:
        from playground.nets.export import save_weights

        save_weights(self.model, path)

    def load_weights(self, path) -> None:
        from playground.nets.export import load_weights

        load_weights(self.model, path)

    def steps_per_epoch(self) -> int:
        return max(1, math.ceil(self.n_train / self.batch))


def make_engine(config, ctx: RunContext) -> NetworkEngine:
    return engine_for(config, ctx)  # NetworkConfig.MODES
