"""Kernels-on-images mode: one kernel over a picture, then pooling; each step shifts the picture.

Step t shifts the image by t pixels to the right (cyclically, t = 1 .. max_shift; then the run is
finished, and Step back walks back through the shifts), so the panel
can measure how much the feature map and the pooled map change under a small shift: pooling's
(partial) invariance, as in the seed notes ("the pattern can move by one cell and 2x2 max pooling
still reports it").
"""

from __future__ import annotations

import numpy as np

from playground.conv import images, ops
from playground.engine import Engine, EngineError


def same_conv(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Cross-correlation padded with zeros so the feature map has the image's size (odd or even kernels)."""
    kh, kw = kernel.shape
    padded = np.pad(image, (((kh - 1) // 2, kh // 2), ((kw - 1) // 2, kw // 2)))
    return ops.corr2d(padded, kernel)


def relative_change(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / ||b||, 0 when both are zero."""
    norm = float(np.linalg.norm(b))
    diff = float(np.linalg.norm(a - b))
    return diff / norm if norm > 0 else (0.0 if diff == 0 else 1.0)


class KernelsEngine(Engine):
    snapshot_kind = "conv.kernels"  # declared in snapshots.py

    def __init__(self, config, ctx) -> None:
        super().__init__(config, ctx)
        try:
            self.kernel = images.get_kernel(config.kernel, config.custom_kernel)
        except ValueError as error:
            raise EngineError(str(error)) from None
        self.image = images.make_image(config.image, config.digit_index)
        if config.pool_size > self.image.shape[0]:
            raise EngineError(f"the pooling window ({config.pool_size}) is larger than the image ({self.image.shape[0]})")
        self.label = images.digit(config.digit_index)[1] if config.image == "digit" else None
        self.feature0, self.pooled0 = self._compute(0)

    @property
    def finished(self) -> bool:
        return self.step >= self.config.max_shift

    def natural_length(self) -> int:
        return self.config.max_shift

    def shift(self) -> int:
        return self.step

    def _compute(self, shift: int) -> tuple[np.ndarray, np.ndarray]:
        shifted = np.roll(self.image, shift, axis=1)
        feature = same_conv(shifted, self.kernel)
        return feature, ops.pool2d(feature, self.config.pool_size, self.config.pool)

    def advance(self, n: int) -> None:
        self.step = min(self.step + n, self.config.max_shift)  # the state is a function of the step

    def snapshot(self):
        shift = self.shift()
        shifted = np.roll(self.image, shift, axis=1)
        feature, pooled = self._compute(shift)
        scale = max(float(np.abs(self.pooled0).max()), 1e-12)
        changed = (np.abs(pooled - self.pooled0) > 1e-6 * scale).astype(float)
        feature_changed = np.abs(feature - self.feature0) > 1e-6 * max(float(np.abs(self.feature0).max()), 1e-12)
        kh, kw = self.kernel.shape
        return self.make_snapshot(
            metrics={"shift": float(shift),
                     "feature_change": relative_change(feature, self.feature0),
                     "pooled_change": relative_change(pooled, self.pooled0),
                     "feature_cells_changed": float(feature_changed.mean()),
                     "pooled_cells_changed": float(changed.mean()),
                     "feature_min": float(feature.min()), "feature_max": float(feature.max())},
            arrays={"image": shifted, "kernel": self.kernel, "feature": feature, "pooled": pooled,
                    "pooled_ref": self.pooled0, "pooled_changed": changed},
            tables={"kernel_shape": f"{kh}x{kw}", "image_shape": f"{shifted.shape[0]}x{shifted.shape[1]}",
                    "label": self.label, "pool": f"{self.config.pool} pooling {self.config.pool_size}x{self.config.pool_size}"})
