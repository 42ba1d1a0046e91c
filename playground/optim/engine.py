"""The race: every enabled optimizer steps once per engine step on the same surface.

Each optimizer owns one 2-vector parameter and a real ``torch.optim`` optimizer. One forward and
one backward pass give every optimizer its gradient at once (the points are stacked). Per step
the engine records position, loss, gradient, the last update and the optimizer's internal state;
a diverged optimizer is frozen where it last was finite and marked in the table.

The record is bounded (``History``): the first 256 steps one by one, later steps at a stride
that doubles whenever the record fills up, so a run of any length keeps its whole history and
every snapshot stays small (the worker keeps a few hundred snapshots for step-back, so snapshot
size matters more than engine memory).

2-D problems are launch-bound on a GPU (each step is a few dozen tiny kernels), so this engine
computes on the CPU whatever device was asked for, and says so: its ``ctx.device`` is "cpu",
which the status bar shows. The MLP landscape's grid is the only heavy part; it runs once.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from typing import Any

import numpy as np
import torch

from playground.engine import Engine, EngineError, RunContext
from playground.modes import engine_for
from playground.optim import surfaces
from playground.optim.config import OptimConfig
from playground.optim.landscape import MLPLandscape
from playground.optim.optimizers import internal_state, make_optimizer
from playground.optim.schedules import lr_at

HEAD_COLUMNS = 256  # the first steps, always kept one by one (zigzags stay visible)
TAIL_COLUMNS = 256  # later steps, at a stride that doubles whenever the tail fills up
ESCAPE_FACTOR = 1000.0  # an optimizer farther than this many view-widths from the view has diverged
DTYPE = torch.float64
# Columns of the per-step record (the last axis of ``_record``).
FIELDS = ("x", "y", "loss", "grad_norm", "grad_x", "grad_y", "update_x", "update_y",
          "first_x", "first_y", "second_x", "second_y", "step_x", "step_y")


class SurfaceGrid:
    """The surface sampled on the view: raw values, the log-scaled display image, its levels.

    ``use_reference(f_star)`` sets the f* the colours are measured from (the grid's lowest value
    until then)."""

    def __init__(self, fn, config: OptimConfig) -> None:
        n = config.grid
        self.xs = np.linspace(config.x_min, config.x_max, n)
        self.ys = np.linspace(config.y_min, config.y_max, n)
        with torch.no_grad():
            gx, gy = torch.meshgrid(torch.as_tensor(self.xs, dtype=DTYPE), torch.as_tensor(self.ys, dtype=DTYPE),
                                    indexing="xy")
            self.values = fn(gx, gy, torch).numpy()  # (ny, nx): row-major, y down the rows
        finite = np.isfinite(self.values)
        if not finite.any():
            raise EngineError("f(x, y) is not a number anywhere in the view; check the formula or move the view")
        self.finite = finite
        self.undefined_fraction = float(1.0 - finite.mean())
        self.lowest = float(self.values[finite].min())
        self.highest = float(self.values[finite].max())
        # The typical slope over the view: gradient arrows of this size get half length.
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN median is handled below
            slope_y, slope_x = np.gradient(self.values, self.ys, self.xs)
            typical = np.nanmedian(np.hypot(slope_x, slope_y))
        self.grad_reference = float(typical) if np.isfinite(typical) and typical > 0 else 1.0
        self.use_reference(None)

    def use_reference(self, f_star: float | None) -> None:
        self.reference = self.lowest if f_star is None else min(f_star, self.lowest)
        # δ keeps the logarithm finite at the minimum: about six decades of colour.
        self.delta = max((self.highest - self.reference) * 1e-6, 1e-12)
        self.display = self.transform(self.values)
        shown = self.display[self.finite]
        self.levels = (float(shown.min()), float(shown.max()))

    def transform(self, values: np.ndarray) -> np.ndarray:
        """log₁₀(f − f_ref + δ): the colour scale (and the 3-D height) of a value."""
        with np.errstate(invalid="ignore"):
            return np.log10(np.maximum(values - self.reference, 0.0) + self.delta)

    def lowest_point(self) -> tuple[float, float]:
        row, col = np.unravel_index(np.nanargmin(self.values), self.values.shape)
        return float(self.xs[col]), float(self.ys[row])

    def contains(self, point: tuple[float, float]) -> bool:
        return self.xs[0] <= point[0] <= self.xs[-1] and self.ys[0] <= point[1] <= self.ys[-1]


def refine_minimum(fn, grid: SurfaceGrid) -> tuple[float, tuple[float, float]]:
    """f* and where, for a surface without a catalogued minimum: L-BFGS from the lowest grid
    point, kept only when it stays in the view and improves on the grid (else the grid's)."""
    start = grid.lowest_point()
    point = torch.tensor(start, dtype=DTYPE, requires_grad=True)
    search = torch.optim.LBFGS([point], lr=1.0, max_iter=200, tolerance_grad=1e-12, tolerance_change=1e-16,
                               line_search_fn="strong_wolfe")

    def closure():
        search.zero_grad()
        value = fn(point[0:1], point[1:2], torch).sum()
        if value.requires_grad:
            value.backward()
        return value

    try:
        search.step(closure)
        with torch.no_grad():
            value = float(fn(point[0:1], point[1:2], torch).sum())
        found = (float(point[0].detach()), float(point[1].detach()))
    except Exception:  # noqa: BLE001 - NaNs in a user's formula can break L-BFGS in many ways
        return grid.lowest, start
    if math.isfinite(value) and value <= grid.lowest and grid.contains(found):
        return value, found
    return grid.lowest, start


class History:
    """Per-step rows (k, fields), bounded: the first HEAD_COLUMNS steps exactly, then a tail whose
    stride doubles (every other tail column dropped) each time the record is full."""

    def __init__(self, row_shape: tuple[int, ...], head: int = HEAD_COLUMNS, tail: int = TAIL_COLUMNS) -> None:
        self.head, self.capacity = head, head + tail
        self.rows = torch.full((self.capacity, *row_shape), math.nan, dtype=DTYPE)
        self.steps = np.zeros(self.capacity, dtype=np.int64)
        self.count = 0
        self.stride = 1

    def wants(self, step: int) -> bool:
        """Whether ``add(step, ...)`` will keep a row (so the caller can skip building it)."""
        if step < self.head:
            return True
        offset = step - self.head
        return offset % self.stride == 0 and (self.count < self.capacity or offset % (2 * self.stride) == 0)

    def add(self, step: int, row: torch.Tensor) -> None:
        """Record ``row`` of ``step``; called in step order (steps ``wants`` refuses may be skipped)."""
        if step >= self.head:
            offset = step - self.head
            if offset % self.stride:
                return
            if self.count == self.capacity:
                kept = slice(self.head, self.head + (self.capacity - self.head) // 2)
                self.rows[kept] = self.rows[self.head::2].clone()
                self.steps[kept] = self.steps[self.head::2].copy()
                self.count = kept.stop
                self.stride *= 2
                if offset % self.stride:
                    return
        self.rows[self.count] = row
        self.steps[self.count] = step
        self.count += 1

    def columns(self, step: int, current: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
        """The recorded steps (n,) and rows as (k, n, fields), ending with ``step``'s ``current``."""
        steps, rows = self.steps[: self.count], self.rows[: self.count]
        if self.count == 0 or steps[-1] != step:
            steps = np.append(steps, step)
            rows = torch.cat([rows, current[None]])
        return steps, rows.transpose(0, 1).numpy()


def unique_names(titles: list[str]) -> list[str]:
    """Legend names: 'SGD', 'SGD 2', ... when titles repeat."""
    seen: dict[str, int] = {}
    names = []
    for title in titles:
        seen[title] = seen.get(title, 0) + 1
        names.append(title if seen[title] == 1 else f"{title} {seen[title]}")
    return names


class OptimEngine(Engine):
    snapshot_kind = "optimizer"  # declared in snapshots.py
    runs_on_cpu_only = True  # 2-D problems are launch-bound on a GPU (see the module docstring)

    def __init__(self, config: OptimConfig, ctx: RunContext) -> None:
        super().__init__(config, dataclasses.replace(ctx, device="cpu"))
        self.info = surfaces.CATALOG[config.surface.kind]
        self.fn = self._surface_function(config, ctx.seed)
        self.grid = SurfaceGrid(self.fn, config)
        self.f_star, self.minima = self._minima(config)
        self.grid.use_reference(self.f_star)
        self.entries = [entry for entry in config.optimizers if entry.enabled]
        self.names = unique_names([entry.title for entry in self.entries])
        k = len(self.entries)
        start = torch.tensor([config.start_x, config.start_y], dtype=DTYPE)
        self.params = [start.clone().requires_grad_(True) for _ in range(k)]
        self.optimizers = [make_optimizer(e, p) for e, p in zip(self.entries, self.params)]
        self.scheduled = [i for i, e in enumerate(self.entries) if e.schedule.kind != "constant"]
        self.noise = torch.Generator().manual_seed(ctx.seed)
        center = torch.tensor([(config.x_min + config.x_max) / 2, (config.y_min + config.y_max) / 2], dtype=DTYPE)
        self.center = center
        self.escape = ESCAPE_FACTOR * max(config.x_max - config.x_min, config.y_max - config.y_min)
        # Per-optimizer status.
        self.active = [True] * k
        self.diverged_at: list[int | None] = [None] * k
        self.reasons: list[str] = [""] * k
        self.arrived_at = torch.full((k,), -1, dtype=torch.long)
        self.history = History((k, len(FIELDS)))
        self.position = start.repeat(k, 1)
        self.current = torch.zeros(k, len(FIELDS), dtype=DTYPE)
        self.loss = torch.full((k,), math.nan, dtype=DTYPE)
        self._evaluate_and_record(previous=self.position.clone())
        if k and not math.isfinite(float(self.loss[0])):
            raise EngineError(f"f is not defined at the start point ({config.start_x:g}, {config.start_y:g}); "
                              "choose another start point")

    # Setup -------------------------------------------------------------------------------------------
    @staticmethod
    def _surface_function(config: OptimConfig, seed: int):
        if config.surface.kind == "mlp":
            return MLPLandscape(config.surface.dataset, config.surface.hidden, seed)
        return surfaces.surface_function(config.surface)

    def _minima(self, config: OptimConfig) -> tuple[float | None, list[tuple[float, float]]]:
        """f* and the points to mark: catalogued, or searched for on a formula or the MLP slice."""
        if config.surface.kind in ("formula", "mlp"):
            f_star, point = refine_minimum(self.fn, self.grid)
            return f_star, [point]
        minima = list(self.info.minima)
        if not self.info.bounded_below or not minima:
            return None, minima
        with torch.no_grad():
            points = torch.tensor(minima, dtype=DTYPE)
            values = self.fn(points[:, 0], points[:, 1], torch)
        return float(values.min()), minima

    # Stepping ------------------------------------------------------------------------------------------
    def advance(self, n: int) -> None:
        for _ in range(n):
            self._step()

    def _step(self) -> None:
        t = self.step
        for i in self.scheduled:
            entry = self.entries[i]
            self.optimizers[i].param_groups[0]["lr"] = lr_at(entry.schedule, entry.lr, t)
        for i, optimizer in enumerate(self.optimizers):
            if self.active[i]:
                optimizer.step()
        self.step += 1
        self._evaluate_and_record(previous=self.position)

    def _evaluate_and_record(self, previous: torch.Tensor) -> None:
        """f and ∇f at every optimizer's new point; freeze the diverged; give each its gradient."""
        position = torch.stack([p.detach() for p in self.params]) if self.params else previous.clone()
        loss, grad = self._value_and_grad(position)
        bad = ~(torch.isfinite(loss) & torch.isfinite(position).all(1) & torch.isfinite(grad).all(1)
                & ((position - self.center).abs().amax(1) <= self.escape)) if self.params else None
        if bad is not None and bool(bad.any()):
            position, loss, grad = self._freeze(bad, position, loss, grad, previous)
        if self.f_star is not None and self.params:
            arrived = (self.arrived_at < 0) & (loss - self.f_star <= self.config.tolerance)
            self.arrived_at[arrived] = self.step
        noisy = grad
        if self.config.noise_sigma > 0:
            noisy = grad + self.config.noise_sigma * torch.randn(grad.shape, generator=self.noise, dtype=DTYPE)
        for i, param in enumerate(self.params):
            param.grad = noisy[i].clone() if self.active[i] else None
        self.loss = loss
        self.current = torch.cat([position, loss[:, None], grad.norm(dim=1, keepdim=True), noisy,
                                  position - previous, torch.full((len(self.params), 6), math.nan, dtype=DTYPE)], 1)
        self._state_read = False
        self.position = position
        if self.history.wants(self.step):
            self.history.add(self.step, self._current_row())

    def _current_row(self) -> torch.Tensor:
        """This step's row, with the optimizers' internal state read in only when a row is needed
        (every step early on, then at the recording stride and at snapshots)."""
        if not self._state_read and self.params:
            self.current[:, 8:] = torch.stack([internal_state(e, o, p)
                                               for e, o, p in zip(self.entries, self.optimizers, self.params)])
        self._state_read = True
        return self.current

    def _value_and_grad(self, position: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        with torch.enable_grad():
            points = position.clone().requires_grad_(True)
            loss = self.fn(points[:, 0], points[:, 1], torch)
            grad = None
            if loss.requires_grad:
                (grad,) = torch.autograd.grad(loss.sum(), points, allow_unused=True)
        return loss.detach(), (torch.zeros_like(position) if grad is None else grad)

    def _freeze(self, bad, position, loss, grad, previous):
        """Stop each newly diverged optimizer at its last finite point and say why."""
        position, loss, grad = position.clone(), loss.clone(), grad.clone()
        for i in torch.nonzero(bad).flatten().tolist():
            why = ("f is not finite" if not math.isfinite(float(loss[i])) else
                   "the gradient is not finite" if not bool(torch.isfinite(grad[i]).all()) else
                   "it left the surface")
            if self.active[i]:
                self.active[i] = False
                self.diverged_at[i] = self.step
                self.reasons[i] = f"{why} at step {self.step}"
            with torch.no_grad():
                self.params[i].copy_(previous[i])
            position[i] = previous[i]
            loss[i] = self.loss[i]
            grad[i] = 0.0
        return position, loss, grad

    # Output ----------------------------------------------------------------------------------------------
    def snapshot(self):
        steps, rows = self.history.columns(self.step, self._current_row())
        field = {name: rows[..., i] for i, name in enumerate(FIELDS)}
        pair = lambda name: np.stack([field[f"{name}_x"], field[f"{name}_y"]], -1).astype(np.float32)  # noqa: E731
        loss = field["loss"]
        bounded = self.f_star is not None
        loss_curve = loss - self.f_star if bounded else loss
        arrays = {
            "steps": steps.astype(np.float64),
            "path": np.stack([field["x"], field["y"]], -1).astype(np.float32),
            "loss_curve": loss_curve.astype(np.float32),
            "grad_norm": field["grad_norm"].astype(np.float32),
            "height": self.grid.transform(loss).astype(np.float32),
            "grad": pair("grad"), "update": pair("update"), "first": pair("first"),
            "second": pair("second"), "step_size": pair("step"),
            "surface": self.grid.display.astype(np.float16),
            "grid_x": self.grid.xs.astype(np.float32), "grid_y": self.grid.ys.astype(np.float32),
            "minima": np.array(self.minima, dtype=np.float64).reshape(-1, 2),
            "saddles": np.array(self.info.saddles, dtype=np.float64).reshape(-1, 2),
            "start": np.array([self.config.start_x, self.config.start_y]),
        }
        tables = {"optimizers": self._rows(), "surface": self._surface_table()}
        return self.make_snapshot(metrics=self._metrics(), arrays=arrays, tables=tables,
                                  diverged=self._all_diverged())

    def _metrics(self) -> dict[str, float]:
        metrics = {}
        for i, name in enumerate(self.names):
            metrics[f"{name}/loss"] = float(self.current[i, 2])
            metrics[f"{name}/grad_norm"] = float(self.current[i, 3])
        return metrics

    def _rows(self) -> list[dict[str, Any]]:
        rows = []
        for i, (entry, name) in enumerate(zip(self.entries, self.names)):
            arrived = int(self.arrived_at[i])
            if self.diverged_at[i] is not None:
                status = f"diverged: {self.reasons[i]}"
            elif arrived >= 0:
                status = f"arrived at step {arrived}"
            else:
                status = "running"
            rows.append({
                "name": name, "kind": entry.kind, "colour": entry.colour,
                "lr": self.optimizers[i].param_groups[0]["lr"],
                "steps_to_tolerance": arrived if arrived >= 0 else None,
                "loss": float(self.current[i, 2]), "grad_norm": float(self.current[i, 3]),
                "x": float(self.current[i, 0]), "y": float(self.current[i, 1]),
                "diverged": self.diverged_at[i] is not None, "diverged_at": self.diverged_at[i],
                "status": status,
            })
        return rows

    def _surface_table(self) -> dict[str, Any]:
        estimated = self.config.surface.kind in ("formula", "mlp")
        bounded = self.f_star is not None
        return {
            "title": surfaces.describe(self.config.surface),
            "f_star": self.f_star, "f_star_estimated": estimated, "bounded_below": bounded,
            "loss_label": "f − f*" if bounded else "f",
            "loss_log": bounded,
            "colour_label": f"log₁₀(f − f* + {self.grid.delta:.1e})",
            "levels": list(self.grid.levels),
            # 3-D view: heights scaled so the surface stands about half as tall as the view is wide.
            "z_scale": 0.5 * max(self.config.x_max - self.config.x_min, self.config.y_max - self.config.y_min)
                       / max(self.grid.levels[1] - self.grid.levels[0], 1e-12),
            "undefined_fraction": self.grid.undefined_fraction,
            "lowest_on_grid": list(self.grid.lowest_point()),
            "tolerance": self.config.tolerance,
            "grad_reference": self.grid.grad_reference,
            "step_reference": 0.02 * max(self.config.x_max - self.config.x_min, self.config.y_max - self.config.y_min),
            "recording_stride": self.history.stride,
            "exact_columns": min(self.history.count, self.history.head),  # leading columns = single steps
        }

    def _all_diverged(self) -> str | None:
        if not self.entries or any(self.active):
            return None
        first = min(d for d in self.diverged_at if d is not None)
        details = "; ".join(f"{name}: {why}" for name, why in zip(self.names, self.reasons))
        return f"diverged at step {first}: every optimizer diverged ({details})"

    def result(self) -> dict[str, Any]:
        return {"step": self.step, "metrics": self._metrics(),
                "tables": {"optimizers": self._rows(), "surface": self._surface_table()}}


def make_engine(config: OptimConfig, ctx: RunContext) -> OptimEngine:
    torch.set_num_threads(1)
    return engine_for(config, ctx)  # OptimConfig.MODES
