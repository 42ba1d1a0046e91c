"""Convolution written out by hand in numpy, following the seed notes' sums (no torch here).

Two conventions meet in this file, and they differ only by a flip of the kernel:

* the **convolution** of the seed notes, y_ij = sum_uv w_uv x_(i-u, j-v) (the index of x runs
  *against* the index of w), implemented as ``convolve2d_full``;
* the **cross-correlation** that deep-learning libraries call "convolution" (torch's ``conv2d``),
  y_ij = sum_uv w_uv x_(i s + u d, j s + v d) on the zero-padded input (both indices run the same
  way), implemented as ``corr2d``.

The seed writes corr = rot180(conv): ``convolve2d_full(x, w)`` restricted to the cells where the
kernel fits equals ``corr2d(x, rot180(w))``. A learned kernel does not care which convention is
used (it would simply learn the flipped weights), which is why libraries skip the flip.

The gradients follow the seed derivation for a loss L of Y = corr2d(X, W):
    dL/dW_uv = sum_ij dL/dY_ij x_(i s + u d, j s + v d)        (dL/dW = dL/dY (x) X, a correlation)
    dL/dX    = the *full* convolution of dL/dY with W, i.e. a correlation of the zero-padded
               (and, for stride s, zero-upsampled) dL/dY with rot180(W), then the padding cropped.
"""

from __future__ import annotations

import numpy as np


def rot180(w: np.ndarray) -> np.ndarray:
    """The kernel flipped in both spatial axes (the last two)."""
    return np.ascontiguousarray(w[..., ::-1, ::-1])


def pad2d(x: np.ndarray, p: int) -> np.ndarray:
    """Zeros added on every side of the last two axes."""
    if p == 0:
        return np.asarray(x, dtype=float)
    widths = [(0, 0)] * (x.ndim - 2) + [(p, p), (p, p)]
    return np.pad(np.asarray(x, dtype=float), widths)


def dilate(w: np.ndarray, d: int) -> np.ndarray:
    """A kernel with d-1 zeros between its taps: k taps span d(k-1)+1 cells."""
    if d == 1:
        return np.asarray(w, dtype=float)
    kh, kw = w.shape[-2:]
    out = np.zeros(w.shape[:-2] + (d * (kh - 1) + 1, d * (kw - 1) + 1))
    out[..., ::d, ::d] = w
    return out


def out_size(n: int, k: int, p: int = 0, s: int = 1, d: int = 1) -> int:
    """floor((n + 2p - d(k-1) - 1)/s) + 1 (the seed: floor((n - m + 2p)/s) + 1 with m = d(k-1)+1)."""
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def transpose_out_size(n: int, k: int, p: int = 0, s: int = 1, d: int = 1, output_padding: int = 0) -> int:
    """(n-1)s - 2p + d(k-1) + output_padding + 1 (the seed: o' = s(i'-1) + k for p = 0, d = 1)."""
    return (n - 1) * s - 2 * p + d * (k - 1) + output_padding + 1


def corr2d(x: np.ndarray, w: np.ndarray, stride: int = 1, padding: int = 0, dilation: int = 1) -> np.ndarray:
    """Cross-correlation (torch's conv2d, no bias) by the sum over kernel taps.

    x: (H, W) with w: (kh, kw) -> (Ho, Wo); or x: (Ci, H, W) with w: (Co, Ci, kh, kw) -> (Co, Ho, Wo).
    The loop runs over the taps (u, v); each tap adds w_uv times a strided slice of the padded input,
    which is y_ij = sum_uv w_uv x_(i s + u d, j s + v d) for every (i, j) at once.
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    channels = x.ndim == 3
    if not channels:
        x, w = x[None], w[None, None]
    xp = pad2d(x, padding)
    kh, kw = w.shape[-2:]
    ho = out_size(x.shape[-2], kh, padding, stride, dilation)
    wo = out_size(x.shape[-1], kw, padding, stride, dilation)
    if ho < 1 or wo < 1:
        raise ValueError(f"the dilated kernel does not fit the padded input ({x.shape[-2:]} with padding {padding})")
    y = np.zeros((w.shape[0], ho, wo))
    for u in range(kh):
        for v in range(kw):
            r, c = u * dilation, v * dilation
            patch = xp[:, r:r + stride * (ho - 1) + 1:stride, c:c + stride * (wo - 1) + 1:stride]
            y += np.einsum("oi,ihw->ohw", w[:, :, u, v], patch)
    return y if channels else y[0]


def corr2d_cell(xp: np.ndarray, w: np.ndarray, i: int, j: int, stride: int = 1, dilation: int = 1):
    """One output cell of corr2d on an already padded 2-D input: (taps, products, sum).

    taps: (kh*kw, 2) row/column of the padded input each weight multiplies.
    """
    kh, kw = w.shape
    rows = i * stride + dilation * np.arange(kh)
    cols = j * stride + dilation * np.arange(kw)
    products = w * xp[np.ix_(rows, cols)]
    taps = np.stack(np.meshgrid(rows, cols, indexing="ij"), axis=-1).reshape(-1, 2)
    return taps, products, float(products.sum())


def convolve2d_full(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The seed's convolution y_ij = sum_uv w_uv x_(i-u, j-v), every (i, j) where any term is nonzero.

    Output (H + kh - 1, W + kw - 1) (the 'full' convolution, scipy.signal.convolve2d's default).
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    kh, kw = w.shape
    y = np.zeros((x.shape[0] + kh - 1, x.shape[1] + kw - 1))
    for u in range(kh):
        for v in range(kw):
            y[u:u + x.shape[0], v:v + x.shape[1]] += w[u, v] * x
    return y


def conv_transpose2d(x: np.ndarray, w: np.ndarray, stride: int = 1, padding: int = 0, dilation: int = 1,
                     output_padding: int = 0) -> np.ndarray:
    """Transposed convolution (torch's conv_transpose2d, no bias) by scattering: x_ij stamps x_ij * W.

    x: (H, W), w: (kh, kw). The stamp of input cell (i, j) lands with its tap (u, v) on canvas cell
    (i s + u d, j s + v d); the canvas is then cropped by ``padding`` on every side (and
    ``output_padding`` extra cells stay at the bottom and right).
    """
    canvas = transpose_canvas(x, w, stride, dilation, output_padding)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            stamp_transposed(canvas, x, w, i, j, stride, dilation)
    return crop_transposed(canvas, padding)


def transpose_canvas(x: np.ndarray, w: np.ndarray, stride: int, dilation: int, output_padding: int) -> np.ndarray:
    """The zero canvas a transposed convolution scatters into, before the padding is cropped."""
    kh, kw = w.shape
    return np.zeros((transpose_out_size(x.shape[0], kh, 0, stride, dilation, output_padding),
                     transpose_out_size(x.shape[1], kw, 0, stride, dilation, output_padding)))


def stamp_transposed(canvas: np.ndarray, x: np.ndarray, w: np.ndarray, i: int, j: int, stride: int, dilation: int):
    """Add x_ij * W onto the canvas at the taps of input cell (i, j); returns (taps, products)."""
    kh, kw = w.shape
    rows = i * stride + dilation * np.arange(kh)
    cols = j * stride + dilation * np.arange(kw)
    products = float(x[i, j]) * np.asarray(w, dtype=float)
    canvas[np.ix_(rows, cols)] += products
    taps = np.stack(np.meshgrid(rows, cols, indexing="ij"), axis=-1).reshape(-1, 2)
    return taps, products


def crop_transposed(canvas: np.ndarray, padding: int) -> np.ndarray:
    if padding == 0:
        return canvas.copy()
    return canvas[padding:canvas.shape[0] - padding, padding:canvas.shape[1] - padding].copy()


def conv_grads(x: np.ndarray, w: np.ndarray, grad_y: np.ndarray, stride: int = 1, padding: int = 0,
               dilation: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(dL/dW, dL/dX) of Y = corr2d(X, W) for 2-D X, W, from dL/dY, by the seed derivation.

    dL/dW_uv = sum_ij g_ij xpad_(i s + u d, j s + v d): a correlation of the padded input with g
    (g spread out by the stride, read with the dilation).
    dL/dX: g upsampled by the stride (s-1 zeros between cells), padded by kd-1 all round, correlated
    with rot180 of the dilated kernel -- the full convolution of g with W -- then cropped by p.
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    g = np.asarray(grad_y, dtype=float)
    kh, kw = w.shape
    ho, wo = g.shape
    xp = pad2d(x, padding)
    grad_w = np.zeros_like(w)
    for u in range(kh):
        for v in range(kw):
            r, c = u * dilation, v * dilation
            grad_w[u, v] = np.sum(g * xp[r:r + stride * (ho - 1) + 1:stride, c:c + stride * (wo - 1) + 1:stride])
    g_up = np.zeros((stride * (ho - 1) + 1, stride * (wo - 1) + 1))
    g_up[::stride, ::stride] = g
    wd = dilate(w, dilation)
    g_full = np.pad(g_up, ((wd.shape[0] - 1,) * 2, (wd.shape[1] - 1,) * 2))
    full = corr2d(g_full, rot180(wd))
    grad_xp = np.zeros_like(xp)
    grad_xp[:full.shape[0], :full.shape[1]] = full  # rows the kernel never reached (stride remainder) stay 0
    grad_x = grad_xp[padding:padding + x.shape[0], padding:padding + x.shape[1]]
    return grad_w, grad_x


def touched_inputs(shape: tuple[int, int], kernel_shape: tuple[int, int], i: int, j: int, stride: int = 1,
                   padding: int = 0, dilation: int = 1) -> np.ndarray:
    """A 0/1 map over the (unpadded) input of the cells output (i, j) read: dy_ij/dx != 0 for nonzero W."""
    mask = np.zeros((shape[0] + 2 * padding, shape[1] + 2 * padding))
    rows = i * stride + dilation * np.arange(kernel_shape[0])
    cols = j * stride + dilation * np.arange(kernel_shape[1])
    mask[np.ix_(rows, cols)] = 1.0
    return mask[padding:padding + shape[0], padding:padding + shape[1]]


def pool2d(x: np.ndarray, size: int, mode: str = "max", stride: int | None = None) -> np.ndarray:
    """Max or average pooling of the last two axes (the seed's pool2d), window = stride = size by default."""
    stride = size if stride is None else stride
    x = np.asarray(x, dtype=float)
    ho = (x.shape[-2] - size) // stride + 1
    wo = (x.shape[-1] - size) // stride + 1
    windows = np.stack([x[..., u:u + stride * (ho - 1) + 1:stride, v:v + stride * (wo - 1) + 1:stride]
                        for u in range(size) for v in range(size)])
    return windows.max(axis=0) if mode == "max" else windows.mean(axis=0)


def receptive_field(layers: list[tuple[int, int, int, int]], index: int, row: int, col: int) -> tuple[int, int, int, int]:
    """Input rows r0..r1 and columns c0..c1 (inclusive, may pass the border) a unit can see.

    ``layers``: (kernel, stride, padding, dilation) of each layer from the input up; the unit is at
    (row, col) of layer ``index``. Walking down, a unit span [a, b] of layer l covers
    [a s - p, b s - p + d(k-1)] of the layer below.
    """
    r0 = r1 = row
    c0 = c1 = col
    for k, s, p, d in reversed(layers[:index + 1]):
        r0, r1 = r0 * s - p, r1 * s - p + d * (k - 1)
        c0, c1 = c0 * s - p, c1 * s - p + d * (k - 1)
    return r0, r1, c0, c1
