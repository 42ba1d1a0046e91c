"""Arithmetic mode: the kernel advances one position per step.

Forward: step t fills output cell t (row-major) with sum_uv w_uv x_pad(i s + u d, j s + v d).
Transposed: step t takes input cell t and stamps x_ij * W onto the output canvas at
(i s + u d, j s + v d); the canvas is cropped by the padding at the end.
Each snapshot carries the whole picture (grids, highlighted cells, products) so step-back works.
"""

from __future__ import annotations

import numpy as np

from playground.conv import ops
from playground.engine import Engine, EngineError


def grid_values(kind: str, n: int, k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The input grid and the kernel the slide shows (small numbers that are easy to add up)."""
    if kind == "ones":
        return np.ones((n, n)), np.ones((k, k))
    if kind == "ramp":
        return np.arange(1.0, n * n + 1).reshape(n, n), np.arange(1.0, k * k + 1).reshape(k, k)
    x = rng.integers(0, 4, size=(n, n)).astype(float)
    w = rng.integers(-1, 2, size=(k, k)).astype(float)
    if not w.any():
        w[k // 2, k // 2] = 1.0
    return x, w


def torch_output_shape(x: np.ndarray, w: np.ndarray, transposed: bool, s: int, p: int, d: int, op: int):
    """torch's answer (shape and values) for the same convolution, to check the formula and the loops."""
    import torch
    import torch.nn.functional as F

    xt = torch.as_tensor(x, dtype=torch.float64)[None, None]
    wt = torch.as_tensor(w, dtype=torch.float64)[None, None]
    if transposed:
        y = F.conv_transpose2d(xt, wt, stride=s, padding=p, dilation=d, output_padding=op)
    else:
        y = F.conv2d(xt, wt, stride=s, padding=p, dilation=d)
    return tuple(y.shape[-2:]), y[0, 0].numpy()


def _fmt(value: float) -> str:
    return f"{value:g}" if value >= 0 else f"({value:g})"


class ArithmeticEngine(Engine):
    snapshot_kind = "conv.arithmetic"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        c = config
        self.n, self.k, self.p, self.s, self.d = c.input_size, c.kernel_size, c.padding, c.stride, c.dilation
        self.transposed, self.op = c.transposed, c.output_padding
        self.x, self.w = grid_values(c.values, self.n, self.k, np.random.default_rng(ctx.seed))
        if self.transposed:
            self.size = ops.transpose_out_size(self.n, self.k, self.p, self.s, self.d, self.op)
            self.canvas = ops.transpose_canvas(self.x, self.w, self.s, self.d, self.op)
            self.touched = np.zeros_like(self.canvas, dtype=bool)
            self.total = self.n * self.n
            reference = ops.conv_transpose2d(self.x, self.w, self.s, self.p, self.d, self.op)
        else:
            self.size = ops.out_size(self.n, self.k, self.p, self.s, self.d)
            if self.size < 1:
                raise EngineError(f"the output would have {self.size} cells: the dilated kernel does not fit")
            self.xp = ops.pad2d(self.x, self.p)
            self.out = np.full((self.size, self.size), np.nan)
            self.total = self.size * self.size
            reference = ops.corr2d(self.x, self.w, self.s, self.p, self.d)
        self.torch_shape, torch_values = torch_output_shape(self.x, self.w, self.transposed, self.s, self.p, self.d, self.op)
        same_shape = reference.shape == tuple(torch_values.shape)
        self.error_vs_torch = float(np.abs(reference - torch_values).max()) if same_shape else float("inf")
        self.taps = np.zeros((0, 2))
        self.products = np.zeros_like(self.w)
        self.cell_sum = 0.0
        self.cell_text = "press Step (or Play) to move the kernel"

    @property
    def finished(self) -> bool:
        return self.step >= self.total

    def natural_length(self) -> int:
        return self.total

    def advance(self, n: int) -> None:
        for _ in range(min(n, self.total - self.step)):
            self._do_cell(self.step)
            self.step += 1

    def _do_cell(self, t: int) -> None:
        if self.transposed:
            i, j = divmod(t, self.n)
            self.taps, self.products = ops.stamp_transposed(self.canvas, self.x, self.w, i, j, self.s, self.d)
            self.touched[self.taps[:, 0], self.taps[:, 1]] = True
            self.cell_sum = float(self.x[i, j])
            self.cell_text = (f"input x[{i},{j}] = {self.x[i, j]:g} stamps {self.x[i, j]:g} x W onto output rows "
                              f"{self.taps[0, 0] - self.p}..{self.taps[-1, 0] - self.p}, columns "
                              f"{self.taps[0, 1] - self.p}..{self.taps[-1, 1] - self.p} (before cropping: "
                              f"{i}*{self.s} + u*{self.d})")
        else:
            i, j = divmod(t, self.size)
            self.taps, self.products, self.cell_sum = ops.corr2d_cell(self.xp, self.w, i, j, self.s, self.d)
            self.out[i, j] = self.cell_sum
            terms = " + ".join(f"{_fmt(w)}*{_fmt(x)}" for w, x in
                               zip(self.w.ravel(), self.xp[self.taps[:, 0], self.taps[:, 1]]))
            self.cell_text = f"y[{i},{j}] = {terms} = {self.cell_sum:g}"

    def formula(self) -> str:
        n, k, p, s, d = self.n, self.k, self.p, self.s, self.d
        if self.transposed:
            return (f"out = (n-1)s - 2p + d(k-1) + output_padding + 1 = ({n}-1)*{s} - 2*{p} + {d}*({k}-1) + "
                    f"{self.op} + 1 = {self.size}")
        return (f"out = floor((n + 2p - d(k-1) - 1)/s) + 1 = floor(({n} + 2*{p} - {d}*({k}-1) - 1)/{s}) + 1 = "
                f"{self.size}")

    def snapshot(self):
        c = self.config
        if self.transposed:
            in_grid, in_shade = self.x, np.zeros_like(self.x)
            if self.step:
                i, j = divmod(self.step - 1, self.n)
                in_taps = np.array([[i, j]])
            else:
                in_taps = np.zeros((0, 2))
            out_grid = np.where(self.touched, self.canvas, np.nan)
            full = self.canvas.shape[0]
            keep = np.zeros(full, dtype=bool)
            keep[self.p:full - self.p] = True
            out_shade = (~(keep[:, None] & keep[None, :])).astype(float)
            out_taps = self.taps
        else:
            in_grid = self.xp
            in_shade = np.ones_like(self.xp)
            in_shade[self.p:self.p + self.n, self.p:self.p + self.n] = 0.0
            in_taps = self.taps
            out_grid, out_shade = self.out, np.zeros_like(self.out)
            out_taps = np.array([divmod(self.step - 1, self.size)]) if self.step else np.zeros((0, 2))
        th, tw = self.torch_shape
        matches = float(th == self.size and tw == self.size)
        return self.make_snapshot(
            metrics={"cell": float(self.step), "cells": float(self.total), "out_size": float(self.size),
                     "torch_out_h": float(th), "torch_out_w": float(tw), "matches_torch": matches,
                     "max_error_vs_torch": self.error_vs_torch, "cell_sum": self.cell_sum},
            arrays={"in_grid": in_grid, "in_shade": in_shade, "in_taps": np.asarray(in_taps, float),
                    "kernel": self.w, "products": self.products, "out_grid": out_grid, "out_shade": out_shade,
                    "out_taps": np.asarray(out_taps, float)},
            tables={"formula": self.formula(), "cell": self.cell_text,
                    "torch": f"torch.nn.functional.{'conv_transpose2d' if c.transposed else 'conv2d'} gives "
                             f"{th}x{tw} ({'agrees' if matches else 'DISAGREES'})",
                    "transposed": bool(c.transposed), "padding": self.p})

    def result(self):
        snap = self.snapshot()
        output = ops.crop_transposed(self.canvas, self.p) if self.transposed else np.nan_to_num(self.out)
        return {"step": snap.step, "metrics": dict(snap.metrics),
                "tables": {"formula": snap.tables["formula"], "torch": snap.tables["torch"],
                           "output": output.tolist()}}
