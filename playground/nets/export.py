"""Export a network and its training loop as a standalone PyTorch script; weights as safetensors.

The script needs only torch (and scikit-learn for the digits): the training data of the 2-D sets is
written into it exactly, already turned into the chosen input features. Given the run's config and
seed it repeats the engine's CPU run step for step: the same data split, initial weights (one
generator seeded with the seed, in the engine's order), minibatch order and dropout masks
(tests/core/test_network_export.py runs both and compares).
"""

from __future__ import annotations

import os

import numpy as np

from playground.engine import EngineError
from playground.nets import data as D

OPTIMIZER_CODE = {
    "SGD": "torch.optim.SGD(model.parameters(), lr=LR)",
    "Momentum": "torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)",
    "Nesterov": "torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9, nesterov=True)",
}
ACT_CODE = {"relu": "nn.ReLU()", "leaky_relu": "nn.LeakyReLU(0.01)", "tanh": "nn.Tanh()", "sigmoid": "nn.Sigmoid()",
            "gelu": "nn.GELU()", "linear": "nn.Identity()", "softplus": "nn.Softplus()", "elu": "nn.ELU()",
            "prelu": "nn.PReLU()", "maxout": "Maxout(3)", "abs": "Abs()"}

TEMPLATE = '''#!/usr/bin/env python3
\"\"\"A {n_layers}-hidden-layer network on '{dataset}', exported from the deep-learning playground.

Run: python {name} [EPOCHS] [WEIGHTS.safetensors]
Inputs: {features}

With seed {seed} it repeats the playground's run on the CPU: the same data, initial weights, minibatches
and dropout masks, so the same losses (on a GPU the playground's dropout masks and rounding differ).
\"\"\"

import math
import sys

import torch
import torch.nn.functional as F
from torch import nn

SEED = {seed}
LR = {lr!r}
BATCH = {batch}
L1, L2 = {l1!r}, {l2!r}
CLASSIFY, N_CLASSES, LOSS = {classify}, {n_classes}, {loss!r}
GEN = torch.Generator().manual_seed(SEED)  # initial weights, then each epoch's shuffle
DROPOUT_GEN = torch.Generator().manual_seed(SEED + 1)  # dropout masks

{data_code}
N_TRAIN = len(Y_TRAIN)


class Dropout(nn.Module):
    \"\"\"Inverted dropout drawing from DROPOUT_GEN, as the playground's.\"\"\"

    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, h):
        if not self.training or self.p == 0:
            return h
        keep = torch.rand(h.shape, generator=DROPOUT_GEN) >= self.p
        return h * keep / (1.0 - self.p)


class Maxout(nn.Module):
    \"\"\"max_k z_k: k consecutive pre-activations per neuron.\"\"\"

    def __init__(self, pieces):
        super().__init__()
        self.pieces = pieces

    def forward(self, z):
        return z.unflatten(-1, (-1, self.pieces)).amax(-1)


class Abs(nn.Module):
    def forward(self, z):
        return z.abs()


class Block(nn.Module):
    def __init__(self, n_in, width, act, dropout, batch_norm, residual):
        super().__init__()
        pieces = getattr(act, "pieces", 1)
        self.linear = nn.Linear(n_in, width * pieces)
        self.norm = nn.BatchNorm1d(width * pieces) if batch_norm else nn.Identity()
        self.act = act
        self.drop = Dropout(dropout)
        self.residual = residual and n_in == width

    def forward(self, h):
        out = self.act(self.norm(self.linear(h)))
        return self.drop(out + h if self.residual else out)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([
{blocks}
        ])
        self.out = nn.Linear({last_width}, {n_out})

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.out(x)


model = Net()
with torch.no_grad():  # init: {init}
    for layer in [b.linear for b in model.blocks] + [model.out]:
        fan_out, fan_in = layer.weight.shape
        std = {std_code}
        layer.weight.copy_(torch.randn(layer.weight.shape, generator=GEN) * std)
        layer.bias.zero_()
optimizer = {optimizer_code}
WEIGHTS = [b.linear.weight for b in model.blocks] + [model.out.weight]


def loss_fn(out, y):
    if not CLASSIFY:
        return F.mse_loss(out[:, 0], y)
    if N_CLASSES == 2:
        if LOSS == "cross_entropy":
            return F.binary_cross_entropy_with_logits(out[:, 0], y.float())
        return F.mse_loss(torch.sigmoid(out[:, 0]), y.float())
    if LOSS == "cross_entropy":
        return F.cross_entropy(out, y)
    return F.mse_loss(torch.softmax(out, 1), F.one_hot(y, N_CLASSES).float())


def penalty():
    total = 0.0
    if L1 > 0:
        total = total + L1 * sum(w.abs().sum() for w in WEIGHTS)
    if L2 > 0:
        total = total + L2 * sum((w * w).sum() for w in WEIGHTS)
    return total


def epoch_batches():
    \"\"\"One epoch's minibatches of training indices, in a fresh random order.\"\"\"
    order = torch.randperm(N_TRAIN, generator=GEN)
    start = 0
    while start < N_TRAIN:
        end = start + BATCH
        if N_TRAIN - end == 1:
            end = N_TRAIN  # never leave a minibatch of one point (batch norm needs two)
        yield order[start:end]
        start = end


def train_step(idx):
    model.train()
    loss = loss_fn(model(X_TRAIN[idx]), Y_TRAIN[idx]) + penalty()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return float(loss.detach())


@torch.no_grad()
def evaluate(x, y):
    model.train(False)
    out = model(x)
    loss = float(loss_fn(out, y))
    if CLASSIFY:
        pred = (out[:, 0] > 0).long() if N_CLASSES == 2 else out.argmax(1)
        score = float((pred == y).float().mean())
    else:
        var = float(((y - y.mean()) ** 2).mean())
        score = 1.0 - float(((out[:, 0] - y) ** 2).mean()) / var if var > 0 else 0.0
    model.train()
    return loss, score


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for epoch in range(1, epochs + 1):
        for idx in epoch_batches():
            train_step(idx)
        train_loss, train_acc = evaluate(X_TRAIN, Y_TRAIN)
        test_loss, test_acc = evaluate(X_TEST, Y_TEST)
        if not math.isfinite(train_loss):
            sys.exit(f"diverged at epoch {{epoch}}: lower the learning rate")
        if epoch % max(1, epochs // 20) == 0 or epoch == epochs:
            print(f"epoch {{epoch}} train_loss {{train_loss:.4f}} test_loss {{test_loss:.4f}} "
                  f"train_acc {{train_acc:.4f}} test_acc {{test_acc:.4f}}")
    print(f"final train_acc {{train_acc:.4f}} test_acc {{test_acc:.4f}}")
    if len(sys.argv) > 2:
        from safetensors.torch import save_file

        save_file({{k: v.contiguous() for k, v in model.state_dict().items()}}, sys.argv[2])
        print("weights saved to", sys.argv[2])


if __name__ == "__main__":
    main()
'''


def _tensor_code(name: str, array: np.ndarray, integer: bool) -> str:
    if integer:
        body = repr(array.astype(int).tolist())
        return f"{name} = torch.tensor({body}, dtype=torch.long)"
    # Every float32 written exactly (as the double it is), so the script trains on the app's numbers.
    body = repr(array.astype(np.float32).tolist())
    return f"{name} = torch.tensor({body}, dtype=torch.float32)"


def script_text(config, seed: int = 0, name: str = "network.py") -> str:
    raw = D.load(config, seed)
    names = D.chosen_features(config)
    if config.dataset != "digits" and not names:
        raise EngineError("pick at least one input feature before exporting")
    n = len(raw.y)
    n_train = min(n - 1, max(1, int(round(n * config.train_ratio))))
    if config.dataset == "digits":
        data_code = "\n".join([
            "import numpy as np",
            "from sklearn.datasets import load_digits",
            "",
            "_digits = load_digits()",
            "_order = np.random.default_rng(SEED).permutation(len(_digits.target))  # the playground's shuffle",
            "X_ALL = torch.tensor((_digits.data[_order] / 16.0).astype(np.float32))",
            "Y_ALL = torch.tensor(_digits.target[_order], dtype=torch.long)",
            f"X_TRAIN, X_TEST = X_ALL[:{n_train}], X_ALL[{n_train}:]",
            f"Y_TRAIN, Y_TEST = Y_ALL[:{n_train}], Y_ALL[{n_train}:]",
        ])
        n_in = 64
    else:
        feats = D.features(raw.x, names)
        n_in = feats.shape[1]
        data_code = "\n".join([
            f"# {n_train} training and {n - n_train} test points; columns: {', '.join(names)}",
            _tensor_code("X_TRAIN", feats[:n_train], False), _tensor_code("Y_TRAIN", raw.y[:n_train], raw.classify),
            _tensor_code("X_TEST", feats[n_train:], False), _tensor_code("Y_TEST", raw.y[n_train:], raw.classify),
        ])
    blocks, width = [], n_in
    for layer in config.hidden:
        blocks.append(f"            Block({width}, {layer.width}, {ACT_CODE[layer.activation]}, {layer.dropout!r}, "
                      f"{layer.batch_norm}, {config.residual}),")
        width = layer.width
    std_code = {"xavier": "math.sqrt(2.0 / (fan_in + fan_out))", "he": "math.sqrt(2.0 / fan_in)",
                "normal": repr(config.init_sigma), "zeros": "0.0"}[config.init]
    optimizer_code = OPTIMIZER_CODE.get(config.optimizer, f"torch.optim.{config.optimizer}(model.parameters(), lr=LR)")
    return TEMPLATE.format(
        n_layers=len(config.hidden), dataset=config.dataset, name=name,
        features=", ".join(D.FEATURE_LABELS[f] for f in names) or "64 pixels", seed=seed, lr=config.lr,
        batch=min(config.batch_size, n_train), l1=config.l1, l2=config.l2, classify=raw.classify,
        n_classes=raw.n_classes, loss=config.loss if raw.classify else "mse", data_code=data_code,
        blocks="\n".join(blocks), last_width=width, n_out=raw.n_classes if raw.n_classes > 2 else 1,
        init=config.init, std_code=std_code, optimizer_code=optimizer_code)


def write_script(config, path: str | os.PathLike, seed: int = 0) -> None:
    from playground.presets import atomic_write_text

    atomic_write_text(path, script_text(config, seed, os.path.basename(str(path))))


def save_weights(model, path: str | os.PathLike) -> None:
    """The model's state_dict as safetensors (never pickle), written all or nothing."""
    from safetensors.torch import save

    from playground.files import atomic_write_bytes

    atomic_write_bytes(path, save({k: v.detach().contiguous().cpu() for k, v in model.state_dict().items()}))


def load_weights(model, path: str | os.PathLike) -> None:
    """Load safetensors weights into ``model``; a file for another network gets a clear message."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        tensors = load_file(str(path))
    except (OSError, SafetensorError) as error:
        raise EngineError(f"cannot read weights from {path}: {error}") from error
    expected = model.state_dict()
    if set(tensors) != set(expected):
        raise EngineError(f"{os.path.basename(str(path))} holds weights of another network "
                          f"(its tensors {sorted(tensors)[:4]}... differ from this one's)")
    for key, value in tensors.items():
        if value.shape != expected[key].shape:
            raise EngineError(f"{os.path.basename(str(path))}: {key} has shape {tuple(value.shape)}, "
                              f"this network needs {tuple(expected[key].shape)}")
    device = next(model.parameters()).device
    model.load_state_dict({k: v.to(device) for k, v in tensors.items()})
