"""The data: 2-D targets sampled on the device from a torch.Generator, and sklearn's 8x8 digits.

Every 2-D target is a distribution one can draw from forever (a GAN sees fresh real samples at every
step); the mixtures of gaussians also have modes (centres and a standard deviation) for the
mode-coverage figure.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import torch

from playground.engine import upload

RING_RADIUS = 2.0
RING_SIGMA = 0.05
GRID_SIGMA = 0.05


def modes(name: str, points=(), point_sigma: float = 0.1) -> tuple[np.ndarray, float]:
    """(centres (K, 2), sigma) of a mixture target; (empty, 0) for the spiral and the moons."""
    if name == "ring8":
        angles = 2 * np.pi * np.arange(8) / 8
        return np.stack([RING_RADIUS * np.cos(angles), RING_RADIUS * np.sin(angles)], 1), RING_SIGMA
    if name == "grid25":
        g = np.arange(-2, 3, dtype=float)
        xx, yy = np.meshgrid(g, g)
        return np.stack([xx.ravel(), yy.ravel()], 1), GRID_SIGMA
    if name == "drawn":
        return np.asarray(points, dtype=float).reshape(-1, 2), point_sigma
    return np.zeros((0, 2)), 0.0


def extent(name: str, points=()) -> tuple[float, float, float, float]:
    """(x0, x1, y0, y1): the square of the plane the plots show."""
    if name == "drawn" and len(points):
        p = np.asarray(points, dtype=float)
        half = max(float(np.abs(p).max()) + 0.5, 1.5)
        return -half, half, -half, half
    half = {"ring8": 3.0, "grid25": 3.0, "spiral": 2.5, "moons": 2.5}.get(name, 3.0)
    return -half, half, -half, half


def sample(name: str, n: int, generator: torch.Generator, device, points=(), point_sigma: float = 0.1):
    """(x (n, 2), label (n,)) drawn from a 2-D target; labels are mode (or arm, moon) indices."""
    def randn(*shape):
        return torch.randn(*shape, generator=generator, device=device)

    def rand(*shape):
        return torch.rand(*shape, generator=generator, device=device)

    if name in ("ring8", "grid25", "drawn"):
        centres, sigma = modes(name, points, point_sigma)
        c = upload(torch.as_tensor(centres, dtype=torch.float32), device)
        label = torch.randint(len(c), (n,), generator=generator, device=device)
        return c[label] + sigma * randn(n, 2), label
    if name == "spiral":  # one arm, r from 0.2 to 2.2 over 1.5 turns
        t = rand(n)
        angle = 3 * math.pi * t
        r = 0.2 + 2.0 * t
        x = torch.stack([r * torch.cos(angle), r * torch.sin(angle)], 1) + 0.05 * randn(n, 2)
        return x, torch.clamp((t * 4).long(), max=3)
    if name == "moons":  # sklearn's two moons, centred and scaled by 1.5
        label = torch.randint(2, (n,), generator=generator, device=device)
        angle = math.pi * rand(n)
        upper = torch.stack([torch.cos(angle), torch.sin(angle)], 1)
        lower = torch.stack([1 - torch.cos(angle), 0.5 - torch.sin(angle)], 1)
        x = torch.where(label[:, None] == 0, upper, lower) - upload(torch.tensor([0.5, 0.25]), device)
        return 1.5 * x + 0.06 * randn(n, 2), label
    raise ValueError(f"no 2-D target named {name!r}")


@cache
def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    return (digits.data / 16.0).astype(np.float32), digits.target.astype(np.int64)


def digits() -> tuple[np.ndarray, np.ndarray]:
    """(1797 x 64 pixels in [0, 1], labels): sklearn's 8x8 digits, offline."""
    x, y = _digits()
    return x.copy(), y.copy()


def tile(images: np.ndarray, rows: int, cols: int, gap: int = 0) -> np.ndarray:
    """(rows*cols, 8, 8) -> one (rows*(8+gap)-gap, cols*(8+gap)-gap) image, row-major."""
    h, w = images.shape[1:]
    out = np.full((rows * (h + gap) - gap, cols * (w + gap) - gap), np.nan if gap else 0.0, dtype=np.float32)
    for k, image in enumerate(images[: rows * cols]):
        r, c = divmod(k, cols)
        out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = image
    return out


def seeded_device(ctx) -> tuple[torch.device, torch.Generator]:
    """The run's device and a generator on it seeded from the run (one torch thread on the CPU),
    as both generative engines start."""
    if ctx.device == "cpu":
        torch.set_num_threads(1)
    device = torch.device(ctx.device)
    generator = torch.Generator(device=device)
    generator.manual_seed(ctx.seed)
    return device, generator
