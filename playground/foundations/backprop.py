"""Backpropagation by hand: a small network's forward and backward pass, one operation per step.

Three networks from the lecture notes, each written as a tape of operations (numpy float64):

mlp               z^(l) = W^(l) a^(l-1) + b^(l), a^(l) = f(z^(l)), L = 1/2 ||a^(L) - y||^2; backward by the
                  delta rule delta^(l) = (W^(l+1)^T delta^(l+1)) * f'(z^(l)), dL/dW^(l) = delta^(l) a^(l-1)^T.
conv_dense_dense  the notes' worked example: y_1 = conv(w_1, z_0) + b_1, y_2 = w_2^T z_1, y_3 = w_3^T z_2,
                  z_i = f(y_i), L = L(z_3); dL/dw_1 = conv(dL/dy_1, z_0), dL/db_1 = sum_k dL/dy_1k.
rnn_bptt          the notes' RNN: H_t = f(U X_t + W H_(t-1)), Y_t = softmax(V H_t), L = -sum_t log(Y_t^T y_t);
                  dL/dV, dL/dU, dL/dW accumulated through time (BPTT), t = T down to 1.

One engine step runs the next operation of the tape (forward ops, the loss, then the backward ops in
reverse order); after the last one the hand gradients are checked against torch autograd in float64.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from playground.engine import Engine, RunContext

PHASES = ("forward", "loss", "backward")


# Activations and their derivatives, written from the forward value where the notes do so
# (sigmoid: g' = g(1 - g), tanh: g' = 1 - g^2).
def activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    raise ValueError(f"unknown activation {name!r} (sigmoid, tanh or relu)")


def derivative(name: str, z: np.ndarray) -> np.ndarray:
    a = activate(name, z)
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    return (z > 0).astype(z.dtype)  # relu: 0 at the kink, as torch takes it


DERIVATIVE_TEXT = {"sigmoid": "f'(z) = f(z)(1 - f(z))", "tanh": "f'(z) = 1 - f(z)^2",
                   "relu": "f'(z) = 1 if z > 0 else 0"}


def softmax(o: np.ndarray) -> np.ndarray:
    e = np.exp(o - o.max())
    return e / e.sum()


def correlate_valid(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """The notes' conv (no kernel flip, stride 1, no padding): out[k] = sum_j kernel[j] image[k + j]."""
    kh, kw = kernel.shape
    rows, cols = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.empty((rows, cols))
    for r in range(rows):
        for c in range(cols):
            out[r, c] = np.sum(kernel * image[r:r + kh, c:c + kw])
    return out


@dataclass
class Op:
    """One node of the computation graph: the value it computes, from earlier values, and how it is written."""

    key: str  # the value's name on the tape
    label: str  # the graph box's text
    phase: str  # forward | loss | backward
    scalar: str  # the formula for one entry
    matrix: str  # the same in matrix form
    compute: Callable[[dict], np.ndarray]
    inputs: tuple[str, ...]  # tape keys it reads (graph edges come from the ones that are ops)
    xy: tuple[float, float]
    local: tuple[str, Callable[[dict], np.ndarray]] | None = None  # a local gradient shown beside it


@dataclass
class Network:
    name: str
    params: dict[str, np.ndarray]  # leaves autograd differentiates
    data: dict[str, np.ndarray]  # inputs and targets
    ops: list[Op]
    grads: dict[str, str]  # parameter -> the tape key of its final hand gradient
    torch_loss: Callable  # (torch params dict, torch data dict) -> scalar loss, the same network in torch
    activation: str
    notes: dict = field(default_factory=dict)


def col(v: np.ndarray) -> np.ndarray:
    return np.asarray(v, dtype=np.float64).reshape(-1, 1)


# --- the MLP -------------------------------------------------------------------------------------------------
def build_mlp(sizes: list[int], activation: str, rng: np.random.Generator) -> Network:
    depth = len(sizes) - 1
    params = {}
    for l in range(1, depth + 1):
        params[f"W{l}"] = rng.normal(0.0, 1.0 / np.sqrt(sizes[l - 1]), (sizes[l], sizes[l - 1]))
        params[f"b{l}"] = col(rng.normal(0.0, 0.1, sizes[l]))
    data = {"a0": col(rng.normal(0.0, 1.0, sizes[0])), "y": col(rng.uniform(0.0, 1.0, sizes[-1]))}
    f = activation
    ops: list[Op] = []
    for l in range(1, depth + 1):
        ops.append(Op(f"z{l}", f"z({l})", "forward", f"z_i^({l}) = sum_j W_ij^({l}) a_j^({l - 1}) + b_i^({l})",
                      f"z^({l}) = W^({l}) a^({l - 1}) + b^({l})",
                      lambda v, l=l: v[f"W{l}"] @ v[f"a{l - 1}"] + v[f"b{l}"], (f"a{l - 1}",), (2 * l - 2, 1)))
        ops.append(Op(f"a{l}", f"a({l})", "forward", f"a_i^({l}) = f(z_i^({l}))", f"a^({l}) = f(z^({l}))",
                      lambda v, l=l: activate(f, v[f"z{l}"]), (f"z{l}",), (2 * l - 1, 1)))
    ops.append(Op("L", "L", "loss", f"L = 1/2 sum_i (a_i^({depth}) - y_i)^2", f"L = 1/2 ||a^({depth}) - y||^2",
                  lambda v: np.array([[0.5 * float(np.sum((v[f"a{depth}"] - v["y"]) ** 2))]]), (f"a{depth}",),
                  (2 * depth, 1)))
    ops.append(Op(f"da{depth}", f"dL/da({depth})", "backward", f"dL/da_i^({depth}) = a_i^({depth}) - y_i",
                  f"dL/da^({depth}) = a^({depth}) - y", lambda v: v[f"a{depth}"] - v["y"], ("L",),
                  (2 * depth - 1, 0)))
    for l in range(depth, 0, -1):
        above = (f"delta^({l}) = (W^({l + 1})^T delta^({l + 1})) * f'(z^({l}))" if l < depth
                 else f"delta^({l}) = (a^({l}) - y) * f'(z^({l}))")
        ops.append(Op(f"d{l}", f"delta({l})", "backward", f"delta_i^({l}) = dL/da_i^({l}) f'(z_i^({l}))", above,
                      lambda v, l=l: v[f"da{l}"] * derivative(f, v[f"z{l}"]), (f"da{l}",), (2 * l - 2, 0),
                      local=(f"f'(z^({l}))", lambda v, l=l: derivative(f, v[f"z{l}"]))))
        ops.append(Op(f"dW{l}", f"dL/dW({l})", "backward", f"dL/dW_ij^({l}) = delta_i^({l}) a_j^({l - 1})",
                      f"dL/dW^({l}) = delta^({l}) a^({l - 1})^T", lambda v, l=l: v[f"d{l}"] @ v[f"a{l - 1}"].T,
                      (f"d{l}",), (2 * l - 2.45, -1)))
        ops.append(Op(f"db{l}", f"dL/db({l})", "backward", f"dL/db_i^({l}) = delta_i^({l})",
                      f"dL/db^({l}) = delta^({l})", lambda v, l=l: v[f"d{l}"].copy(), (f"d{l}",), (2 * l - 1.55, -1)))
        if l > 1:
            ops.append(Op(f"da{l - 1}", f"dL/da({l - 1})", "backward",
                          f"dL/da_j^({l - 1}) = sum_i W_ij^({l}) delta_i^({l})",
                          f"dL/da^({l - 1}) = W^({l})^T delta^({l})", lambda v, l=l: v[f"W{l}"].T @ v[f"d{l}"],
                          (f"d{l}",), (2 * l - 3, 0)))

    def torch_loss(p, d):
        import torch

        a = d["a0"]
        for l in range(1, depth + 1):
            a = torch_activate(f, p[f"W{l}"] @ a + p[f"b{l}"])
        return 0.5 * torch.sum((a - d["y"]) ** 2)

    grads = {name: "d" + name for name in params}
    return Network("mlp", params, data, ops, grads, torch_loss, f)


# --- convolution -> dense -> dense (the notes' worked example) ---------------------------------------------
def build_conv_dense_dense(hidden: int, activation: str, rng: np.random.Generator) -> Network:
    f = activation
    params = {"w1": rng.normal(0.0, 1.0 / 3.0, (3, 3)), "b1": np.array([[0.1]]),
              "w2": rng.normal(0.0, 0.5, (4, hidden)), "w3": rng.normal(0.0, 1.0 / np.sqrt(hidden), (hidden, 1))}
    data = {"z0": rng.normal(0.0, 1.0, (4, 4)), "t": np.array([[rng.uniform(0.0, 1.0)]])}
    ops = [
        Op("y1", "y1 = conv", "forward", "y_1k = sum_j w_1j z_0,(k+j) + b_1", "y_1 = conv(w_1, z_0) + b_1",
           lambda v: correlate_valid(v["z0"], v["w1"]) + v["b1"][0, 0], (), (0, 1)),
        Op("z1", "z1", "forward", "z_1k = f(y_1k)", "z_1 = f(y_1)", lambda v: activate(f, v["y1"]), ("y1",), (1, 1)),
        Op("y2", "y2 = dense", "forward", "y_2i = sum_k w_2,ki z_1k", "y_2 = w_2^T z_1",
           lambda v: v["w2"].T @ v["z1"].reshape(-1, 1), ("z1",), (2, 1)),
        Op("z2", "z2", "forward", "z_2i = f(y_2i)", "z_2 = f(y_2)", lambda v: activate(f, v["y2"]), ("y2",), (3, 1)),
        Op("y3", "y3 = dense", "forward", "y_3 = sum_i w_3i z_2i", "y_3 = w_3^T z_2", lambda v: v["w3"].T @ v["z2"],
           ("z2",), (4, 1)),
        Op("z3", "z3", "forward", "z_3 = f(y_3)", "z_3 = f(y_3)", lambda v: activate(f, v["y3"]), ("y3",), (5, 1)),
        Op("L", "L", "loss", "L = 1/2 (z_3 - t)^2", "L = L(z_3) = 1/2 (z_3 - t)^2",
           lambda v: 0.5 * (v["z3"] - v["t"]) ** 2, ("z3",), (6, 1)),
        Op("dz3", "dL/dz3", "backward", "dL/dz_3 = z_3 - t", "dL/dz_3 = z_3 - t", lambda v: v["z3"] - v["t"], ("L",),
           (5, 0)),
        Op("dy3", "dL/dy3", "backward", "dL/dy_3 = dL/dz_3 f'(y_3)", "dL/dy_3 = dL/dz_3 f'(y_3)",
           lambda v: v["dz3"] * derivative(f, v["y3"]), ("dz3",), (4, 0),
           local=("f'(y_3)", lambda v: derivative(f, v["y3"]))),
        Op("dw3", "dL/dw3", "backward", "dL/dw_3i = dL/dz_3 f'(y_3) z_2i", "dL/dw_3 = dL/dz_3 f'(y_3) z_2",
           lambda v: v["z2"] * v["dy3"][0, 0], ("dy3",), (3.55, -1)),
        Op("dz2", "dL/dz2", "backward", "dL/dz_2i = dL/dz_3 f'(y_3) w_3i", "dL/dz_2 = dL/dz_3 f'(y_3) w_3",
           lambda v: v["w3"] * v["dy3"][0, 0], ("dy3",), (3, 0)),
        Op("dy2", "dL/dy2", "backward", "dL/dy_2i = dL/dz_2i f'(y_2i)", "dL/dy_2 = dL/dz_3 f'(y_3) w_3 * f'(y_2)",
           lambda v: v["dz2"] * derivative(f, v["y2"]), ("dz2",), (2, 0),
           local=("f'(y_2)", lambda v: derivative(f, v["y2"]))),
        Op("dw2", "dL/dw2", "backward", "dL/dw_2,ki = z_1k dL/dy_2i", "dL/dw_2 = z_1 (dL/dy_2)^T",
           lambda v: v["z1"].reshape(-1, 1) @ v["dy2"].T, ("dy2",), (1.55, -1)),
        Op("dz1", "dL/dz1", "backward", "dL/dz_1k = sum_i w_2,ki dL/dy_2i", "dL/dz_1 = w_2 dL/dy_2",
           lambda v: (v["w2"] @ v["dy2"]).reshape(2, 2), ("dy2",), (1, 0)),
        Op("dy1", "dL/dy1", "backward", "dL/dy_1k = dL/dz_1k f'(y_1k)",
           "dL/dy_1 = dL/dz_3 f'(y_3) w_3 f'(y_2) w_2 f'(y_1)", lambda v: v["dz1"] * derivative(f, v["y1"]), ("dz1",),
           (0, 0), local=("f'(y_1)", lambda v: derivative(f, v["y1"]))),
        Op("dw1", "dL/dw1", "backward",
           "dL/dw_11 = dL/dy_11 z_0,11 + dL/dy_12 z_0,12 + dL/dy_13 z_0,21 + dL/dy_14 z_0,22",
           "dL/dw_1 = conv(dL/dy_1, z_0)", lambda v: correlate_valid(v["z0"], v["dy1"]), ("dy1",), (-0.45, -1)),
        Op("db1", "dL/db1", "backward", "dL/db_1 = sum_k 1 * dL/dy_1k", "dL/db_1 = sum_k dL/dy_1k",
           lambda v: np.array([[v["dy1"].sum()]]), ("dy1",), (0.45, -1)),
    ]

    def torch_loss(p, d):
        import torch

        y1 = torch.nn.functional.conv2d(d["z0"][None, None], p["w1"][None, None]) + p["b1"][0, 0]
        z1 = torch_activate(f, y1).reshape(-1, 1)
        z2 = torch_activate(f, p["w2"].T @ z1)
        z3 = torch_activate(f, p["w3"].T @ z2)
        return 0.5 * torch.sum((z3 - d["t"]) ** 2)

    grads = {"w1": "dw1", "b1": "db1", "w2": "dw2", "w3": "dw3"}
    return Network("conv_dense_dense", params, data, ops, grads, torch_loss, f)


# --- the RNN, unrolled (BPTT) -------------------------------------------------------------------------------
def build_rnn(inputs: int, hidden: int, outputs: int, steps: int, activation: str,
              rng: np.random.Generator) -> Network:
    f, T = activation, steps
    params = {"U": rng.normal(0.0, 1.0, (hidden, inputs)),
              "W": rng.normal(0.0, 1.0 / np.sqrt(hidden), (hidden, hidden)),
              "V": rng.normal(0.0, 1.0, (outputs, hidden))}
    data = {"H0": np.zeros((hidden, 1))}
    for t in range(1, T + 1):
        data[f"X{t}"] = col(np.eye(inputs)[rng.integers(inputs)])
        data[f"y{t}"] = col(np.eye(outputs)[rng.integers(outputs)])
    ops: list[Op] = []
    for t in range(1, T + 1):
        x = 2 * (t - 1)
        ops.append(Op(f"H{t}", f"H{t}", "forward", f"H_{t},i = f(sum_j U_ij X_{t},j + sum_k W_ik H_{t - 1},k)",
                      f"H_{t} = f(U X_{t} + W H_{t - 1})",
                      lambda v, t=t: activate(f, v["U"] @ v[f"X{t}"] + v["W"] @ v[f"H{t - 1}"]),
                      (f"H{t - 1}",), (x, 1)))
        ops.append(Op(f"Y{t}", f"Y{t}", "forward", f"Y_{t},i = exp(o_i) / sum_j exp(o_j), o = V H_{t}",
                      f"Y_{t} = softmax(V H_{t})", lambda v, t=t: softmax(v["V"] @ v[f"H{t}"]), (f"H{t}",), (x, 2)))
    ops.append(Op("L", "L", "loss", "L = -sum_t log(Y_t^T y_t)", "L = -sum_t log(Y_t^T y_t)",
                  lambda v: np.array([[-sum(np.log((v[f"Y{t}"].T @ v[f"y{t}"])[0, 0]) for t in range(1, T + 1))]]),
                  tuple(f"Y{t}" for t in range(1, T + 1)), (2 * T - 1, 2)))
    for t in range(T, 0, -1):
        x = 2 * (t - 1)
        later = f"dV{t + 1}" if t < T else None
        ops.append(Op(f"do{t}", f"dL/do{t}", "backward", f"dL/do_{t},i = Y_{t},i - y_{t},i",
                      f"dL/do_{t} = Y_{t} - y_{t}", lambda v, t=t: v[f"Y{t}"] - v[f"y{t}"],
                      ("L",), (x, 0)))
        ops.append(Op(f"dV{t}", f"dL/dV (t>={t})", "backward", f"dL/dV_ij += dL/do_{t},i H_{t},j",
                      f"dL/dV = sum_(t>={t}) dL/do_t H_t^T",
                      lambda v, t=t, later=later: (v[later] if later else 0.0) + v[f"do{t}"] @ v[f"H{t}"].T,
                      (f"do{t}",) + ((later,) if later else ()), (x + 0.8, 0.35)))
        if t == T:
            dh = (f"dL/dH_{T},j = sum_i V_ij dL/do_{T},i", f"dL/dH_{T} = V^T dL/do_{T}",
                  lambda v: v["V"].T @ v[f"do{T}"], (f"do{T}",))
        else:
            dh = (f"dL/dH_{t},j = sum_i V_ij dL/do_{t},i + sum_k W_kj dL/ds_{t + 1},k",
                  f"dL/dH_{t} = V^T dL/do_{t} + W^T dL/ds_{t + 1}",
                  lambda v, t=t: v["V"].T @ v[f"do{t}"] + v["W"].T @ v[f"ds{t + 1}"], (f"do{t}", f"ds{t + 1}"))
        ops.append(Op(f"dH{t}", f"dL/dH{t}", "backward", dh[0], dh[1], dh[2], dh[3], (x, -1)))
        ops.append(Op(f"ds{t}", f"dL/ds{t}", "backward", f"dL/ds_{t},i = dL/dH_{t},i f'(s_{t},i)",
                      f"dL/ds_{t} = dL/dH_{t} * f'(s_{t}),  s_{t} = U X_{t} + W H_{t - 1}",
                      lambda v, t=t: v[f"dH{t}"] * local_rnn(f, v, t), (f"dH{t}",), (x, -2),
                      local=(f"f'(s_{t})", lambda v, t=t: local_rnn(f, v, t))))
        for name, other, y in (("U", f"X{t}", -2.3), ("W", f"H{t - 1}", -1.5)):
            prev = f"d{name}{t + 1}" if t < T else None
            ops.append(Op(f"d{name}{t}", f"dL/d{name} (t>={t})", "backward",
                          f"dL/d{name}_ij += dL/ds_{t},i {other[0]}_{other[1:]},j",
                          f"dL/d{name} = sum_(t>={t}) dL/ds_t {'X_t' if name == 'U' else 'H_(t-1)'}^T",
                          lambda v, t=t, other=other, prev=prev: (v[prev] if prev else 0.0) + v[f"ds{t}"] @ v[other].T,
                          (f"ds{t}",) + ((prev,) if prev else ()), (x + 0.8, y)))

    def torch_loss(p, d):
        import torch

        h, loss = d["H0"], 0.0
        for t in range(1, T + 1):
            h = torch_activate(f, p["U"] @ d[f"X{t}"] + p["W"] @ h)
            y_hat = torch.softmax(p["V"] @ h, dim=0)
            loss = loss - torch.log(torch.sum(y_hat * d[f"y{t}"]))
        return loss

    grads = {"V": "dV1", "U": "dU1", "W": "dW1"}
    return Network("rnn_bptt", params, data, ops, grads, torch_loss, f)


def local_rnn(f: str, v: dict, t: int) -> np.ndarray:
    """f'(s_t), s_t = U X_t + W H_(t-1) (for the sigmoid, H_t (1 - H_t) as the notes write it)."""
    return derivative(f, v["U"] @ v[f"X{t}"] + v["W"] @ v[f"H{t - 1}"])


def torch_activate(name: str, z):
    import torch

    return {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}[name](z)


def build_network(config, seed: int) -> Network:
    rng = np.random.default_rng(seed)
    if config.network == "conv_dense_dense":
        return build_conv_dense_dense(config.bp_hidden, config.bp_activation, rng)
    if config.network == "rnn_bptt":
        return build_rnn(config.bp_inputs, config.bp_hidden, config.bp_outputs, config.bp_steps,
                         config.bp_activation, rng)
    sizes = [config.bp_inputs] + [config.bp_hidden] * (config.bp_depth - 1) + [config.bp_outputs]
    return build_mlp(sizes, config.bp_activation, rng)


def run_tape(net: Network) -> dict[str, np.ndarray]:
    """Every op of the tape in order: the values a finished run holds."""
    values = {**net.params, **net.data}
    for op in net.ops:
        values[op.key] = np.asarray(op.compute(values), dtype=np.float64)
    return values


def autograd_differences(net: Network, values: dict[str, np.ndarray]) -> dict[str, float]:
    """max |hand gradient - torch autograd gradient| of each parameter, both in float64 on the CPU."""
    import torch

    params = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in net.params.items()}
    data = {k: torch.tensor(v, dtype=torch.float64) for k, v in net.data.items()}
    net.torch_loss(params, data).backward()
    return {name: float(np.max(np.abs(values[key].reshape(net.params[name].shape) - params[name].grad.numpy())))
            for name, key in net.grads.items()}


def graph_edges(net: Network) -> np.ndarray:
    index = {op.key: i for i, op in enumerate(net.ops)}
    edges = [(index[src], i) for i, op in enumerate(net.ops) for src in op.inputs if src in index]
    return np.array(edges, dtype=np.int64).reshape(-1, 2)


class BackpropEngine(Engine):
    """One op of the tape per step; after the last one, the autograd check (it needs torch, on the CPU)."""

    snapshot_kind = "foundations.backprop"
    runs_on_cpu_only = True

    def __init__(self, config, ctx: RunContext) -> None:
        super().__init__(config, ctx)
        self.net = build_network(config, ctx.seed)
        self.values: dict[str, np.ndarray] = {**self.net.params, **self.net.data}
        self.locals: dict[str, np.ndarray] = {}
        self.done_ops = 0
        self.check: dict[str, float] | None = None
        self.edges = graph_edges(self.net)

    @property
    def finished(self) -> bool:
        return self.done_ops >= len(self.net.ops)

    def natural_length(self) -> int:
        return len(self.net.ops)

    def advance(self, n: int) -> None:
        for _ in range(n):
            if self.finished:
                return
            op = self.net.ops[self.done_ops]
            self.values[op.key] = np.asarray(op.compute(self.values), dtype=np.float64)
            if op.local is not None:
                self.locals[op.key] = np.asarray(op.local[1](self.values), dtype=np.float64)
            self.done_ops += 1
            self.step += 1
            if self.finished:
                self.check = autograd_differences(self.net, self.values)

    def snapshot(self):
        ops = self.net.ops
        done = np.arange(len(ops)) < self.done_ops
        arrays = {"node_xy": np.array([op.xy for op in ops], dtype=np.float64),
                  "node_phase": np.array([PHASES.index(op.phase) for op in ops], dtype=np.int64),
                  "node_done": done, "edges": self.edges}
        tables = {"network": self.net.name, "activation": self.net.activation,
                  "derivative": DERIVATIVE_TEXT[self.net.activation],
                  "node_labels": [op.label for op in ops], "current": self.done_ops - 1}
        metrics = {"ops_done": float(self.done_ops), "ops_total": float(len(ops))}
        if self.done_ops:
            op = ops[self.done_ops - 1]
            value = self.values[op.key]
            arrays["value"] = np.atleast_2d(value)
            tables.update(name=op.label, phase=op.phase, scalar=op.scalar, matrix=op.matrix)
            if op.key in self.locals:
                arrays["local"] = np.atleast_2d(self.locals[op.key])
                tables["local_name"] = op.local[0]
        if "L" in self.values:
            metrics["loss"] = float(self.values["L"].sum())
        if self.check is not None:
            metrics["autograd_max_diff"] = max(self.check.values())
            tables["check"] = dict(self.check)
        return self.make_snapshot(arrays=arrays, metrics=metrics, tables=tables)
