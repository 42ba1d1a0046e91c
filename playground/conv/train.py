"""Train mode: a LeNet-style CNN (and a twin to compare with) on sklearn's 8x8 digits, on ctx.device.

Every step is one minibatch of ``batch_size`` training digits, drawn from a per-epoch permutation of
a numpy generator seeded with ctx.seed, so ``advance(a); advance(b)`` equals ``advance(a + b)``.
Every ``eval_every`` steps (inside ``advance``, so the curves do not depend on how the app chunks
steps) the test split is evaluated; the sums, the curves and the confusion matrix stay on the device
and are read back only by ``snapshot``, so a GPU never waits inside ``advance``.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from playground.conv import images, ops
from playground.conv.history import Ring
from playground.conv.models import LeNet, MLP, count_params, mlp_hidden_for
from playground.engine import Engine, upload

HISTORY = 2000


def build_models(config, seed: int):
    """(cnn, twin or None, twin label)."""
    def lenet(batch_norm=config.batch_norm, residual=config.residual):
        return LeNet(config.conv1_channels, config.conv2_channels, config.conv_kernel, config.hidden,
                     config.activation, batch_norm, residual)

    torch.manual_seed(seed)
    cnn = lenet()
    torch.manual_seed(seed + 1)
    if config.compare == "mlp":
        twin, label = MLP(mlp_hidden_for(count_params(cnn)), config.activation), "MLP"
    elif config.compare == "bn toggled":
        twin = lenet(batch_norm=not config.batch_norm)
        label = "CNN with BN" if not config.batch_norm else "CNN without BN"
    elif config.compare == "residual toggled":
        twin = lenet(residual=not config.residual)
        label = "CNN with residual block" if not config.residual else "CNN without residual block"
    else:
        twin, label = None, ""
    return cnn, twin, label


class DeviceRing:
    """A ``Ring`` of float64 rows kept on the device; ``on_host`` copies it back in one transfer."""

    def __init__(self, columns: int, capacity: int, device: torch.device) -> None:
        self.data = torch.zeros(capacity, columns, dtype=torch.float64, device=device)
        self.capacity = capacity
        self.count = 0

    def append(self, first: float, rest: torch.Tensor) -> None:
        """One row: a host number (the step) and a device vector (the measurements)."""
        slot = self.count % self.capacity
        self.data[slot, 0] = first
        self.data[slot, 1:] = rest
        self.count += 1

    def on_host(self) -> Ring:
        ring = Ring(self.data.shape[1], self.capacity)
        ring.data = self.data.cpu().numpy()
        ring.count = self.count
        return ring


def make_optimizer(config, model):
    if config.optimizer == "adam":
        return torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    return torch.optim.SGD(model.parameters(), lr=config.learning_rate, momentum=0.9)


class _Trainee:
    """One model, its optimizer and its on-device running sums."""

    def __init__(self, model, config, device):
        self.model = model.to(device)
        self.optimizer = make_optimizer(config, self.model)
        self.loss_sum = torch.zeros((), device=device)
        self.correct = torch.zeros((), device=device, dtype=torch.long)
        self.seen = 0
        self.params = count_params(model)

    def train_step(self, xb, yb) -> None:
        logits = self.model(xb)
        loss = F.cross_entropy(logits, yb)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        self.loss_sum += loss.detach()
        self.correct += (logits.detach().argmax(1) == yb).sum()
        self.seen += len(yb)

    def take_train_stats(self, batches: int) -> tuple[torch.Tensor, torch.Tensor]:
        """(mean loss per batch, accuracy) since the last call, as float64 device scalars."""
        loss = self.loss_sum.double() / max(batches, 1)
        acc = self.correct.double() / max(self.seen, 1)
        self.loss_sum.zero_()
        self.correct.zero_()
        self.seen = 0
        return loss, acc

    @torch.no_grad()
    def evaluate(self, x, y) -> tuple[torch.Tensor, torch.Tensor]:
        """(test accuracy as a float64 device scalar, predictions)."""
        self.model.train(False)
        predictions = self.model(x).argmax(1)
        self.model.train()
        return (predictions == y).float().mean().double(), predictions


class TrainEngine(Engine):
    snapshot_kind = "conv.train"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        if ctx.device == "cpu":
            torch.set_num_threads(1)
        self.device = torch.device(ctx.device)
        x_tr, y_tr, x_te, y_te = images.digits_split()
        self.x_train = torch.as_tensor(x_tr[:, None]).to(self.device)
        self.y_train = torch.as_tensor(y_tr).to(self.device)
        self.x_test = torch.as_tensor(x_te[:, None]).to(self.device)
        self.y_test = torch.as_tensor(y_te).to(self.device)
        self.y_test_np = y_te
        # the digits whose feature maps are shown: the first test digit of each class, 0..9
        self.gallery_index = np.array([int(np.flatnonzero(y_te == d)[0]) for d in range(10)])
        self.gallery_x = self.x_test[torch.as_tensor(self.gallery_index, device=self.device)]
        cnn, twin, self.twin_label = build_models(config, ctx.seed)
        self.cnn = _Trainee(cnn, config, self.device)
        self.twin = _Trainee(twin, config, self.device) if twin is not None else None
        self.rng = np.random.default_rng(ctx.seed)
        self.order = torch.empty(0, dtype=torch.long, device=self.device)
        self.cursor = 0
        self.batches_since_eval = 0
        # columns: step, cnn train loss, cnn train acc, cnn test acc, twin train loss, twin test acc
        self.history = DeviceRing(6, HISTORY, self.device)
        self.confusion_counts = torch.zeros(100, dtype=torch.long, device=self.device)  # true * 10 + predicted
        self._evaluate()

    # Training -----------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return bool(self.config.max_steps) and self.step >= self.config.max_steps

    def natural_length(self) -> int | None:
        return self.config.max_steps or None  # 0: trains until stopped

    def _next_batch(self) -> torch.Tensor:
        size = self.config.batch_size
        if self.cursor + size > len(self.order):  # a fresh permutation per epoch; the tail is dropped
            self.order = upload(torch.as_tensor(self.rng.permutation(len(self.y_train))), self.device)
            self.cursor = 0
        batch = self.order[self.cursor:self.cursor + size]
        self.cursor += size
        return batch

    def advance(self, n: int) -> None:
        if self.config.max_steps:
            n = min(n, self.config.max_steps - self.step)
        for _ in range(max(n, 0)):
            index = self._next_batch()
            xb, yb = self.x_train[index], self.y_train[index]
            self.cnn.train_step(xb, yb)
            if self.twin is not None:
                self.twin.train_step(xb, yb)
            self.step += 1
            self.batches_since_eval += 1
            if self.step % self.config.eval_every == 0 or self.finished:
                self._evaluate()

    def _evaluate(self) -> None:
        batches = self.batches_since_eval
        if batches:
            loss, train_acc = self.cnn.take_train_stats(batches)
        else:  # step 0: the untrained network's loss on one batch-sized slice, for the curve's start
            loss, train_acc = self._initial_stats(self.cnn.model)
        acc, predictions = self.cnn.evaluate(self.x_test, self.y_test)
        # index_add_, not bincount: on CUDA bincount reads the largest index back to size its output
        self.confusion_counts = torch.zeros_like(self.confusion_counts).index_add_(
            0, self.y_test * 10 + predictions, torch.ones_like(predictions))
        twin_loss = twin_acc = torch.zeros((), dtype=torch.float64, device=self.device)
        if self.twin is not None:
            twin_loss, _ = self.twin.take_train_stats(batches) if batches else self._initial_stats(self.twin.model)
            twin_acc, _ = self.twin.evaluate(self.x_test, self.y_test)
        self.history.append(self.step, torch.stack([loss, train_acc, acc, twin_loss, twin_acc]))
        self.batches_since_eval = 0

    @property
    def confusion(self) -> np.ndarray:
        """Test digits by (true class, predicted class) at the latest evaluation."""
        return self.confusion_counts.reshape(10, 10).cpu().numpy()

    @torch.no_grad()
    def _initial_stats(self, model) -> tuple[torch.Tensor, torch.Tensor]:
        model.train(False)
        logits = model(self.x_train[:256])
        model.train()
        loss = F.cross_entropy(logits, self.y_train[:256]).double()
        return loss, (logits.argmax(1) == self.y_train[:256]).float().mean().double()

    # What the plots need --------------------------------------------------------------------------
    def gallery(self):
        """Feature maps of one test digit per class (0..9), and the chosen unit's input gradient for each.

        One batched forward in eval mode (samples do not mix), and one backward of the unit summed
        over the batch, which gives every digit its own d unit / d pixel.
        """
        c = self.config
        model = self.cnn.model
        model.train(False)
        x = self.gallery_x.clone().requires_grad_(True)
        with torch.enable_grad():
            feats = model.features(x)
            layer = feats[c.rf_layer]
            ch = c.rf_channel % layer.shape[1]
            row, col = min(c.rf_row, layer.shape[2] - 1), min(c.rf_col, layer.shape[3] - 1)
            layer[:, ch, row, col].sum().backward()
        model.train()
        model.zero_grad(set_to_none=True)
        maps = {name: feats[name].detach().cpu().numpy() for name in ("conv1", "pool1", "conv2", "pool2")}
        probs = torch.softmax(feats["logits"].detach(), 1).cpu().numpy()
        grad = x.grad[:, 0].abs().cpu().numpy()
        peak = grad.reshape(len(grad), -1).max(axis=1)
        grad = grad / np.where(peak > 0, peak, 1.0)[:, None, None]  # each digit's |d unit / d pixel| in [0, 1]
        box = ops.receptive_field(model.geometry(), model.layer_index(c.rf_layer), row, col)
        unit = {"layer": c.rf_layer, "channel": ch, "row": row, "col": col,
                "values": layer[:, ch, row, col].detach().cpu().numpy().tolist()}
        return maps, probs, grad, box, unit

    def snapshot(self):
        c = self.config
        h = self.history.on_host()
        maps, probs, grad, box, unit = self.gallery()
        filters = self.cnn.model.conv1.weight.detach()[:, 0].cpu().numpy()
        loss = h.last(1)
        metrics = {"train_loss": loss, "train_acc": h.last(2), "test_acc": h.last(3),
                   "epoch": self.step * c.batch_size / len(self.y_train), "params": float(self.cnn.params)}
        if self.twin is not None:
            metrics.update({"twin_train_loss": h.last(4), "twin_test_acc": h.last(5),
                            "twin_params": float(self.twin.params)})
        clipped = (max(box[0], 0), min(box[1], 7), max(box[2], 0), min(box[3], 7))
        diverged = None
        if not np.isfinite(loss):
            diverged = (f"diverged at step {self.step}: the training loss is {loss} -- lower the learning rate "
                        f"({c.learning_rate:g}) or switch on batch norm")
        # float32 copies: the worker keeps hundreds of snapshots for step-back
        f32 = np.float32
        arrays = {"hist_step": h.column(0), "hist_loss": h.column(1).astype(f32),
                  "hist_train_acc": h.column(2).astype(f32), "hist_test_acc": h.column(3).astype(f32),
                  "hist_twin_loss": h.column(4).astype(f32), "hist_twin_acc": h.column(5).astype(f32),
                  "confusion": self.confusion, "filters": images.tile(filters), "filters_raw": filters,
                  "digits": self.gallery_x[:, 0].cpu().numpy(), "probs": probs,
                  "rf_grad": grad.astype(f32), "rf_box": np.array(clipped, float), "rf_box_full": np.array(box, float)}
        for name, layer_maps in maps.items():  # (10 digits, rows, cols) mosaics of every channel
            arrays[f"fmap_{name}"] = np.stack([images.tile(m) for m in layer_maps]).astype(f32)
        return self.make_snapshot(
            metrics=metrics, arrays=arrays,
            tables={"twin": self.twin_label, "labels": list(range(10)),
                    "gallery_index": self.gallery_index.tolist(), "unit": unit,
                    "shapes": {name: list(m.shape[1:]) for name, m in maps.items()},
                    "params": self.cnn.params, "twin_params": self.twin.params if self.twin else 0},
            diverged=diverged)

    def result(self):
        snap = self.snapshot()
        return {"step": snap.step, "metrics": dict(snap.metrics),
                "tables": {"confusion": self.confusion.tolist(), "twin": self.twin_label,
                           "params": self.cnn.params, "twin_params": self.twin.params if self.twin else 0}}
