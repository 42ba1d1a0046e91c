"""Images, kernels and the digits data set for the convolution panel (numpy and scikit-learn only)."""

from __future__ import annotations

from functools import cache

import numpy as np

from playground.conv.config import parse_kernel

IMAGE_SIZE = 32
TEST_DIGITS = 360  # the fixed test split of sklearn's 1,797 digits (20%, stratified, random_state=0)

KERNELS: dict[str, np.ndarray] = {
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], float),
    "box blur": np.full((3, 3), 1 / 9),
    "gaussian blur": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], float) / 16,
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], float),
    "edge (Laplacian)": np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], float),
    # Written for cross-correlation (what the panel and torch compute): positive where the image
    # brightens to the right (Sobel x) or downwards (Sobel y).
    "Sobel x": np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], float),
    "Sobel y": np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], float),
}


def get_kernel(name: str, custom: str = "") -> np.ndarray:
    """A named kernel, or the custom text parsed (ValueError with a readable message if it is not numbers)."""
    if name == "custom":
        return np.array(parse_kernel(custom), dtype=float)
    return KERNELS[name].copy()


@cache
def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    data = load_digits()
    images = (data.images / 16.0).astype(np.float32)
    images.setflags(write=False)
    return images, data.target.astype(np.int64)


def digit(index: int) -> tuple[np.ndarray, int]:
    """One of sklearn's 8x8 digits scaled to [0, 1], and its label."""
    images, labels = _digits()
    index = int(index) % len(images)
    return images[index].astype(float), int(labels[index])


@cache
def digits_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x_train, y_train, x_test, y_test): a fixed stratified split, the same for every seed."""
    from sklearn.model_selection import train_test_split

    images, labels = _digits()
    x_tr, x_te, y_tr, y_te = train_test_split(images, labels, test_size=TEST_DIGITS, random_state=0, stratify=labels)
    return x_tr, y_tr, x_te, y_te


def make_image(name: str, digit_index: int = 0, size: int = IMAGE_SIZE) -> np.ndarray:
    """A small greyscale picture in [0, 1] (a digit is 8x8, the generated ones size x size)."""
    if name == "digit":
        return digit(digit_index)[0]
    yy, xx = np.mgrid[0:size, 0:size].astype(float)
    if name == "checkerboard":
        return (((yy // 4) + (xx // 4)) % 2).astype(float)
    if name == "circle":
        c = (size - 1) / 2
        return ((yy - c) ** 2 + (xx - c) ** 2 <= (0.35 * size) ** 2).astype(float)
    if name == "stripes":
        return ((xx + yy) // 4 % 2).astype(float)
    if name == "gradient":
        image = xx / (size - 1)
        image[size // 4:size // 2, size // 4:size // 2] = 1.0
        return image
    if name == "shapes":
        image = np.zeros((size, size))
        image[4:14, 4:14] = 1.0  # a square
        image[((yy - 22) ** 2 + (xx - 9) ** 2) <= 25] = 0.7  # a disk
        tri = (yy >= 5) & (yy <= 15) & (np.abs(xx - 23) <= (yy - 5) * 0.6)  # a triangle
        image[tri] = 0.85
        image[20:30, 18] = 1.0  # a vertical bar
        image[24, 16:31] = 1.0  # and a horizontal one
        return image
    raise ValueError(f"no built-in image called {name!r}")


def tile(maps: np.ndarray, columns: int | None = None, gap: int = 1, scale_each: bool = True) -> np.ndarray:
    """Lay (C, H, W) maps out in a grid separated by NaN gaps (drawn transparent), for one image item.

    With ``scale_each`` every map is divided by its own largest |value|, so faint channels show too.
    """
    maps = np.asarray(maps, dtype=float)
    if maps.ndim == 2:
        maps = maps[None]
    count, h, w = maps.shape
    if scale_each:
        peak = np.abs(maps).reshape(count, -1).max(axis=1)
        maps = maps / np.where(peak > 0, peak, 1.0)[:, None, None]
    columns = columns or int(np.ceil(np.sqrt(count)))
    rows = int(np.ceil(count / columns))
    out = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), np.nan)
    for index in range(count):
        r, c = divmod(index, columns)
        out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = maps[index]
    return out
