"""The hand-written convolution math against torch, scipy and the seed notes' textbook numbers."""

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from pydantic import ValidationError
from scipy.signal import convolve2d

from playground.conv import ops
from playground.conv.config import ConvConfig, geometry_problem, parse_kernel

torch.set_num_threads(1)


def _torch_conv(x, w, **kw):
    return F.conv2d(torch.as_tensor(x)[None, None], torch.as_tensor(w)[None, None], **kw)[0, 0].numpy()


# Output size -------------------------------------------------------------------------------------------
def test_output_size_formula_matches_torch_conv2d_for_every_setting():
    checked = refused = 0
    x_cache = {}
    for n, k, p, s, d in itertools.product(range(1, 10), range(1, 6), range(0, 4), range(1, 4), range(1, 4)):
        x = x_cache.setdefault(n, torch.zeros(1, 1, n, n))
        w = torch.zeros(1, 1, k, k)
        size = ops.out_size(n, k, p, s, d)
        why = geometry_problem(n, k, p, s, d, False, 0)
        try:
            shape = F.conv2d(x, w, stride=s, padding=p, dilation=d).shape[-2:]
        except RuntimeError:
            assert size < 1 and why is not None, (n, k, p, s, d)
            refused += 1
            continue
        assert tuple(shape) == (size, size), (n, k, p, s, d)
        assert why is None
        checked += 1
    assert checked > 1000 and refused > 50


def test_transposed_output_size_matches_torch_conv_transpose2d_for_every_setting():
    checked = refused = 0
    for n, k, p, s, d, op in itertools.product(range(1, 7), range(1, 5), range(0, 4), range(1, 4), range(1, 4), range(0, 3)):
        size = ops.transpose_out_size(n, k, p, s, d, op)
        why = geometry_problem(n, k, p, s, d, True, op)
        if size < 1:  # torch returns an empty tensor (or refuses); the panel refuses with a reason
            assert why is not None
            refused += 1
            continue
        try:
            shape = F.conv_transpose2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), stride=s, padding=p,
                                       dilation=d, output_padding=op).shape[-2:]
        except RuntimeError:
            assert why is not None, (n, k, p, s, d, op)
            refused += 1
            continue
        assert tuple(shape) == (size, size), (n, k, p, s, d, op)
        assert why is None, (n, k, p, s, d, op, why)
        checked += 1
    assert checked > 1000 and refused > 500


def test_seed_output_sizes():
    # narrow, wide and same-width convolutions of the seed notes (n = 7, m = 3)
    assert ops.out_size(7, 3, 0, 1) == 7 - 3 + 1 == 5
    assert ops.out_size(7, 3, 2, 1) == 7 + 3 - 1 == 9
    assert ops.out_size(7, 3, 1, 1) == 7
    assert ops.out_size(7, 3, 1, 2) == 4  # floor((7 - 3 + 2)/2) + 1
    # the seed's transposed example: o' = s(i' - 1) + k = 2(2 - 1) + 3 = 5
    assert ops.transpose_out_size(2, 3, 0, 2) == 5
    # a transposed convolution undoes the shape change of the convolution with the same settings
    for n in range(3, 12):
        y = ops.out_size(n, 3, 1, 2)
        assert ops.transpose_out_size(y, 3, 1, 2, output_padding=(n + 2 - 3) % 2) == n


# Values --------------------------------------------------------------------------------------------------
def test_corr2d_textbook_example():
    x = np.arange(9.0).reshape(3, 3)
    k = np.array([[0.0, 1.0], [2.0, 3.0]])
    assert ops.corr2d(x, k).tolist() == [[19.0, 25.0], [37.0, 43.0]]


def test_direct_convolution_equals_torch_conv2d():
    rng = np.random.default_rng(0)
    for n, k, p, s, d in [(5, 3, 0, 1, 1), (7, 3, 1, 2, 1), (8, 2, 2, 3, 2), (9, 5, 2, 1, 2), (6, 1, 0, 2, 1),
                          (10, 4, 3, 3, 3), (4, 4, 0, 1, 1)]:
        x, w = rng.normal(size=(n, n)), rng.normal(size=(k, k))
        np.testing.assert_allclose(ops.corr2d(x, w, s, p, d), _torch_conv(x, w, stride=s, padding=p, dilation=d),
                                   atol=1e-12)
    # several channels in and out: the per-channel correlations are summed
    x, w = rng.normal(size=(3, 7, 6)), rng.normal(size=(4, 3, 3, 2))
    expected = F.conv2d(torch.as_tensor(x)[None], torch.as_tensor(w), stride=2, padding=1)[0].numpy()
    np.testing.assert_allclose(ops.corr2d(x, w, stride=2, padding=1), expected, atol=1e-12)


def test_seed_convolution_is_correlation_with_the_flipped_kernel():
    rng = np.random.default_rng(1)
    x, w = rng.normal(size=(6, 7)), rng.normal(size=(3, 2))
    full = ops.convolve2d_full(x, w)
    np.testing.assert_allclose(full, convolve2d(x, w), atol=1e-12)  # scipy's true convolution
    # corr = rot180(conv): the 'valid' part of the convolution is the correlation with rot180(w)
    np.testing.assert_allclose(full[2:6, 1:7], ops.corr2d(x, ops.rot180(w)), atol=1e-12)
    assert not np.allclose(ops.corr2d(x, w), ops.corr2d(x, ops.rot180(w)))  # the flip matters
    # a symmetric kernel does not care
    sym = np.array([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]])
    np.testing.assert_allclose(ops.corr2d(x, sym), convolve2d(x, sym, mode="valid"))


def test_transposed_convolution_equals_torch():
    rng = np.random.default_rng(2)
    for n, k, p, s, d in itertools.product((1, 2, 4), (1, 2, 3), (0, 1, 2), (1, 2, 3), (1, 2)):
        for op in range(max(s, d)):
            if ops.transpose_out_size(n, k, p, s, d, op) < 1:
                continue
            x, w = rng.normal(size=(n, n)), rng.normal(size=(k, k))
            expected = F.conv_transpose2d(torch.as_tensor(x)[None, None], torch.as_tensor(w)[None, None], stride=s,
                                          padding=p, dilation=d, output_padding=op)[0, 0].numpy()
            np.testing.assert_allclose(ops.conv_transpose2d(x, w, s, p, d, op), expected, atol=1e-12)


def test_transposed_convolution_is_the_adjoint_of_convolution():
    # <corr(x, W), y> = <x, corr^T(y, W)>: CX = Y, X = C^T Y in the seed notes
    rng = np.random.default_rng(3)
    x, w = rng.normal(size=(7, 7)), rng.normal(size=(3, 3))
    y = rng.normal(size=(3, 3))
    forward = ops.corr2d(x, w, stride=2, padding=0)
    back = ops.conv_transpose2d(y, w, stride=2, padding=0)
    assert back.shape == x.shape
    assert np.sum(forward * y) == pytest.approx(np.sum(x * back))


# Gradients -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n,kh,kw,p,s,d", [(5, 3, 3, 0, 1, 1), (6, 3, 2, 1, 1, 1), (7, 3, 3, 1, 2, 1),
                                           (8, 2, 3, 2, 3, 2), (9, 3, 3, 0, 2, 2), (6, 1, 1, 0, 1, 1)])
def test_gradients_match_autograd(n, kh, kw, p, s, d):
    rng = np.random.default_rng(n * 31 + kh)
    x, w = rng.normal(size=(n, n)), rng.normal(size=(kh, kw))
    y = ops.corr2d(x, w, s, p, d)
    g = rng.normal(size=y.shape)
    xt = torch.tensor(x, requires_grad=True)
    wt = torch.tensor(w, requires_grad=True)
    out = F.conv2d(xt[None, None], wt[None, None], stride=s, padding=p, dilation=d)[0, 0]
    (out * torch.as_tensor(g)).sum().backward()
    grad_w, grad_x = ops.conv_grads(x, w, g, s, p, d)
    np.testing.assert_allclose(grad_w, wt.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(grad_x, xt.grad.numpy(), atol=1e-12)


def test_seed_gradient_formulas_stride_one():
    rng = np.random.default_rng(4)
    x, w = rng.normal(size=(6, 6)), rng.normal(size=(3, 3))
    g = rng.normal(size=(4, 4))
    grad_w, grad_x = ops.conv_grads(x, w, g)
    np.testing.assert_allclose(grad_w, ops.corr2d(x, g))  # dL/dW = dL/dY (x) X
    np.testing.assert_allclose(grad_x, ops.convolve2d_full(g, w))  # dL/dX = full convolution of dL/dY with W
    np.testing.assert_allclose(grad_x, convolve2d(g, w, mode="full"))


def test_touched_inputs_are_where_the_gradient_of_one_cell_lives():
    rng = np.random.default_rng(5)
    x, w = rng.normal(size=(7, 7)), rng.normal(size=(3, 3)) + 5.0  # no zero weights
    for i, j, s, p, d in [(0, 0, 1, 1, 1), (2, 1, 2, 1, 1), (1, 1, 1, 0, 2)]:
        g = np.zeros_like(ops.corr2d(x, w, s, p, d))
        g[i, j] = 1.0
        _, grad_x = ops.conv_grads(x, w, g, s, p, d)
        np.testing.assert_array_equal(ops.touched_inputs(x.shape, w.shape, i, j, s, p, d), grad_x != 0)


# Pooling and receptive fields ----------------------------------------------------------------------------
def test_pooling_seed_example_and_torch():
    x = np.arange(9.0).reshape(3, 3)
    assert ops.pool2d(x, 2, "max", stride=1).tolist() == [[4.0, 5.0], [7.0, 8.0]]
    assert ops.pool2d(x, 2, "average", stride=1).tolist() == [[2.0, 3.0], [5.0, 6.0]]
    rng = np.random.default_rng(6)
    z = rng.normal(size=(3, 9, 8))
    np.testing.assert_allclose(ops.pool2d(z, 2, "max"), F.max_pool2d(torch.as_tensor(z), 2).numpy())
    np.testing.assert_allclose(ops.pool2d(z, 3, "average"), F.avg_pool2d(torch.as_tensor(z), 3).numpy())


def test_receptive_field_matches_gradient_support():
    layers = [(3, 1, 1, 1), (2, 2, 0, 1), (3, 1, 0, 2), (2, 2, 0, 1)]
    x = torch.ones(1, 1, 20, 20, requires_grad=True)
    h = F.conv2d(x, torch.ones(1, 1, 3, 3), padding=1)
    h = F.avg_pool2d(h, 2)
    h = F.conv2d(h, torch.ones(1, 1, 3, 3), dilation=2)
    h = F.avg_pool2d(h, 2)
    for row, col in [(0, 0), (1, 1), (1, 2)]:  # (1, 1) sees rows 3..16, inside the border
        x.grad = None
        h[0, 0, row, col].backward(retain_graph=True)
        rows, cols = np.nonzero(x.grad[0, 0].numpy())
        r0, r1, c0, c1 = ops.receptive_field(layers, 3, row, col)
        assert (rows.min(), rows.max(), cols.min(), cols.max()) == (max(r0, 0), min(r1, 19), max(c0, 0), min(c1, 19))
    assert ops.receptive_field(layers[:1], 0, 0, 0) == (-1, 1, -1, 1)  # a padded 3x3 conv sees the border


# Config ----------------------------------------------------------------------------------------------------
def test_parse_kernel_reads_numbers_and_refuses_the_rest():
    assert parse_kernel("1 0 -1; 2 0 -2\n1, 0, -1") == [[1, 0, -1], [2, 0, -2], [1, 0, -1]]
    assert parse_kernel("1/9 1/9") == [[pytest.approx(1 / 9)] * 2]
    for bad, words in [("1 x 2", "'x'"), ("1 2; 3", "different lengths"), ("", "empty"), ("1/0", "zero"),
                       ("; ".join(["1 " * 8] * 8), "at most 7x7"), ("1e400", "not a usable number")]:
        with pytest.raises(ValueError, match=words):
            parse_kernel(bad)
    with pytest.raises(ValidationError, match="custom kernel"):
        ConvConfig(custom_kernel="1 2; a b")


def test_config_refuses_impossible_geometry_with_a_reason():
    with pytest.raises(ValidationError, match="dilated kernel spans"):
        ConvConfig(input_size=3, kernel_size=3, dilation=2)
    with pytest.raises(ValidationError, match="output padding"):
        ConvConfig(transposed=True, stride=1, output_padding=1)
    with pytest.raises(ValidationError, match="spans"):
        ConvConfig(mode="backprop", input_size=4, kernel="custom", custom_kernel="1 2 3 4 5")
    ConvConfig(mode="train", input_size=3, kernel_size=5)  # geometry only matters where it is used
