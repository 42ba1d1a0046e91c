"""Backprop mode: recover a hidden kernel by gradient descent with the seed's hand-derived gradient.

X is a seeded random grid, the target is T = corr2d(X, W*) for the chosen kernel W*, the loss is
L = 1/(2M) sum_ij (Y_ij - T_ij)^2 with Y = corr2d(X, W) and M output cells, so dL/dY = (Y - T)/M.
Each step does W <- W - lr dL/dW with dL/dW from ``ops.conv_grads`` (no autograd); each snapshot
also asks torch's autograd for dL/dW and dL/dX and reports the largest difference.
"""

from __future__ import annotations

import numpy as np

from playground.conv import images, ops
from playground.conv.history import Ring
from playground.engine import Engine, EngineError


def autograd_grads(x, w, target, stride, padding, dilation):
    """(loss, dL/dW, dL/dX) of the same loss from torch's autograd, in float64."""
    import torch
    import torch.nn.functional as F

    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    y = F.conv2d(xt[None, None], wt[None, None], stride=stride, padding=padding, dilation=dilation)[0, 0]
    loss = 0.5 * ((y - torch.as_tensor(target)) ** 2).mean()
    loss.backward()
    return float(loss.detach()), wt.grad.numpy().copy(), xt.grad.numpy().copy()


class BackpropEngine(Engine):
    snapshot_kind = "conv.backprop"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        try:
            self.w_true = images.get_kernel(c.kernel, c.custom_kernel)
        except ValueError as error:
            raise EngineError(str(error)) from None
        self.geometry = dict(stride=c.stride, padding=c.padding, dilation=c.dilation)
        rng = np.random.default_rng(ctx.seed)
        self.x = rng.standard_normal((c.input_size, c.input_size))
        try:
            self.target = ops.corr2d(self.x, self.w_true, **self.geometry)
        except ValueError as error:
            raise EngineError(str(error)) from None
        self.w = 0.1 * rng.standard_normal(self.w_true.shape)
        self.lr = c.kernel_lr
        self.losses = Ring(2, capacity=2000)
        self._evaluate()
        self.losses.append(0, self.loss)

    def _evaluate(self) -> None:
        with np.errstate(over="ignore", invalid="ignore"):  # a too-large step overflows: reported as divergence
            self.y = ops.corr2d(self.x, self.w, **self.geometry)
            residual = self.y - self.target
            self.loss = 0.5 * float(np.mean(residual ** 2))
            self.grad_y = residual / residual.size
            self.grad_w, self.grad_x = ops.conv_grads(self.x, self.w, self.grad_y, **self.geometry)

    def advance(self, n: int) -> None:
        for _ in range(n):
            if not np.isfinite(self.loss):
                return
            with np.errstate(over="ignore", invalid="ignore"):
                self.w = self.w - self.lr * self.grad_w
            self.step += 1
            self._evaluate()
            self.losses.append(self.step, self.loss)

    def cell(self) -> tuple[int, int]:
        """The highlighted output cell, clipped to the output."""
        ho, wo = self.y.shape
        return min(self.config.out_row, ho - 1), min(self.config.out_col, wo - 1)

    def snapshot(self):
        i, j = self.cell()
        kh, kw = self.w.shape
        s, p, d = self.geometry["stride"], self.geometry["padding"], self.geometry["dilation"]
        xp = ops.pad2d(self.x, p)
        taps, _, _ = ops.corr2d_cell(xp, self.w, i, j, s, d)
        dy_dw = xp[taps[:, 0], taps[:, 1]].reshape(kh, kw)  # dy_ij/dw_uv = x_(i s + u d, j s + v d)
        dy_dx = np.zeros_like(xp)  # dy_ij/dx = w placed on the cells it multiplied
        np.add.at(dy_dx, (taps[:, 0], taps[:, 1]), self.w.ravel())
        dy_dx = dy_dx[p:p + self.x.shape[0], p:p + self.x.shape[1]]
        touched = ops.touched_inputs(self.x.shape, (kh, kw), i, j, s, p, d)
        diverged = None
        if np.isfinite(self.loss):
            _, auto_w, auto_x = autograd_grads(self.x, self.w, self.target, s, p, d)
            err_w = float(np.abs(auto_w - self.grad_w).max())
            err_x = float(np.abs(auto_x - self.grad_x).max())
        else:
            err_w = err_x = float("nan")
            diverged = (f"diverged at step {self.step}: the loss is {self.loss} -- the kernel step "
                        f"lr = {self.lr:g} is too large for this input")
        return self.make_snapshot(
            metrics={"loss": self.loss, "kernel_error": float(np.abs(self.w - self.w_true).max()),
                     "grad_w_vs_autograd": err_w, "grad_x_vs_autograd": err_x, "y_cell": float(self.y[i, j])},
            arrays={"x": self.x, "w": self.w, "w_true": self.w_true, "y": self.y, "target": self.target,
                    "grad_y": self.grad_y, "grad_w": self.grad_w, "grad_x": self.grad_x, "touched": touched,
                    "touched_cells": np.argwhere(touched > 0).astype(float), "cell_mark": np.array([[i, j]], float),
                    "dy_dw": dy_dw, "dy_dx": dy_dx, "loss_steps": self.losses.column(0),
                    "loss_values": self.losses.column(1)},
            tables={"cell": [i, j], "kernel_shape": [kh, kw]},
            diverged=diverged)
