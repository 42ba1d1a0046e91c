"""The four conv engines: real values, chunk invariance, JSON results, training accuracy."""

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground.conv import images, ops
from playground.conv.config import ConvConfig
from playground.conv.engine import make_engine
from playground.conv.models import LeNet, count_params
from playground.engine import RunContext, run

torch.set_num_threads(1)


def engine(seed=0, **fields):
    return make_engine(ConvConfig(**fields), RunContext(seed=seed))


def assert_same_snapshots(a, b):
    assert a.step == b.step
    assert dict(a.metrics) == pytest.approx(dict(b.metrics), nan_ok=True, abs=0, rel=0)
    assert a.arrays.keys() == b.arrays.keys()
    for key in a.arrays:
        np.testing.assert_array_equal(a.arrays[key], b.arrays[key], err_msg=key)


@pytest.mark.parametrize("fields,chunks", [
    (dict(mode="arithmetic", input_size=7, padding=1), (3, 5)),
    (dict(mode="arithmetic", input_size=4, transposed=True, stride=2, output_padding=1), (2, 7)),
    (dict(mode="kernels", max_shift=4), (1, 2)),
    (dict(mode="backprop", stride=2, padding=1, input_size=7), (3, 5)),
    (dict(mode="train", compare="mlp", eval_every=2), (3, 5)),
    (dict(mode="train", batch_norm=True, residual=True, compare="bn toggled", eval_every=3), (3, 5)),
])
def test_advance_is_chunk_invariant(fields, chunks):
    a, b = engine(**fields), engine(**fields)
    for n in chunks:
        a.advance(n)
    b.advance(sum(chunks))
    assert_same_snapshots(a.snapshot(), b.snapshot())
    json.dumps(a.result())


# Arithmetic -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fields", [
    dict(input_size=5), dict(input_size=7, padding=1, stride=2), dict(input_size=8, kernel_size=2, dilation=2, padding=2, stride=3),
    dict(input_size=6, values="ramp", kernel_size=4, padding=3),
])
def test_arithmetic_slide_fills_torch_conv2d(fields):
    eng = engine(mode="arithmetic", **fields)
    c = eng.config
    expected = F.conv2d(torch.as_tensor(eng.x)[None, None], torch.as_tensor(eng.w)[None, None], stride=c.stride,
                        padding=c.padding, dilation=c.dilation)[0, 0].numpy()
    snap = eng.snapshot()
    assert snap.metrics["matches_torch"] == 1.0 and snap.metrics["max_error_vs_torch"] == 0.0
    assert snap.metrics["out_size"] == expected.shape[0] and np.isnan(snap.arrays["out_grid"]).all()
    gen = run(eng)
    next(gen)
    for t in range(1, expected.size + 1):  # one output cell per step, row by row
        snap = gen.send(1)
        i, j = divmod(t - 1, expected.shape[1])
        assert snap.arrays["out_taps"].tolist() == [[i, j]]
        assert snap.metrics["cell_sum"] == pytest.approx(expected[i, j])
        assert np.isnan(snap.arrays["out_grid"]).sum() == expected.size - t
        taps = snap.arrays["in_taps"].astype(int)  # the highlighted input cells are the dilated window
        assert taps[0].tolist() == [i * c.stride, j * c.stride]
        assert taps[-1].tolist() == [i * c.stride + c.dilation * (c.kernel_size - 1), j * c.stride + c.dilation * (c.kernel_size - 1)]
    assert snap.done
    np.testing.assert_allclose(snap.arrays["out_grid"], expected)
    with pytest.raises(StopIteration):
        gen.send(1)


def test_arithmetic_transposed_stamps_sum_to_torch():
    eng = engine(mode="arithmetic", input_size=2, kernel_size=3, stride=2, transposed=True)
    snap = eng.snapshot()
    assert snap.metrics["out_size"] == 5 and snap.metrics["torch_out_h"] == 5  # o' = s(i'-1) + k
    eng.advance(1)
    snap = eng.snapshot()
    stamp = eng.x[0, 0] * eng.w
    np.testing.assert_allclose(snap.arrays["out_grid"][:3, :3], stamp)
    assert np.isnan(snap.arrays["out_grid"][3:, :]).all()
    eng.advance(10)
    expected = F.conv_transpose2d(torch.as_tensor(eng.x)[None, None], torch.as_tensor(eng.w)[None, None], stride=2)[0, 0]
    np.testing.assert_allclose(eng.snapshot().arrays["out_grid"], expected.numpy())
    assert eng.finished and eng.step == 4


def test_arithmetic_transposed_padding_is_cropped():
    eng = engine(mode="arithmetic", input_size=3, kernel_size=3, stride=2, padding=1, output_padding=1, transposed=True)
    eng.advance(100)
    snap = eng.snapshot()
    shade = snap.arrays["out_shade"]
    assert shade.shape == (8, 8) and shade[0].all() and not shade[1:7, 1:7].any() and shade[7].all() is np.True_
    out = np.array(eng.result()["tables"]["output"])
    expected = F.conv_transpose2d(torch.as_tensor(eng.x)[None, None], torch.as_tensor(eng.w)[None, None], stride=2,
                                  padding=1, output_padding=1)[0, 0].numpy()
    assert out.shape == (6, 6) == expected.shape
    np.testing.assert_allclose(out, expected)


def test_arithmetic_ones_count_the_taps_that_land_inside():
    eng = engine(mode="arithmetic", input_size=4, kernel_size=3, padding=1, values="ones")
    eng.advance(16)
    out = eng.snapshot().arrays["out_grid"]
    assert out[0, 0] == 4 and out[0, 1] == 6 and out[1, 1] == 9  # corners see 4 real cells, edges 6


# Kernels --------------------------------------------------------------------------------------------------
def test_identity_kernel_and_pooling_of_a_shift_by_the_window():
    eng = engine(mode="kernels", image="shapes", kernel="identity", pool="max", pool_size=2, max_shift=2)
    snap = eng.snapshot()
    np.testing.assert_array_equal(snap.arrays["feature"], images.make_image("shapes"))
    assert snap.metrics["pooled_change"] == 0 and snap.metrics["shift"] == 0
    eng.advance(2)
    snap = eng.snapshot()
    assert snap.metrics["shift"] == 2
    # a shift by the pooling window shifts the pooled map by exactly one cell
    np.testing.assert_array_equal(snap.arrays["pooled"], np.roll(snap.arrays["pooled_ref"], 1, axis=1))
    assert snap.done
    eng.advance(1)
    assert eng.snapshot().metrics["shift"] == 2 and eng.step == 2  # no further than max_shift


def test_sobel_and_blur_values():
    image = np.zeros((8, 8))
    image[:, 4:] = 1.0  # dark left, bright right
    from playground.conv.kernels import same_conv

    sobel = same_conv(image, images.KERNELS["Sobel x"])
    assert sobel[3, 3] == 4 and sobel[3, 4] == 4 and sobel[3, 1] == 0 and sobel[3, 6] == 0
    assert np.all(same_conv(image, images.KERNELS["Sobel y"])[1:-1] == 0)
    blur = same_conv(np.ones((5, 5)), images.KERNELS["box blur"])
    assert blur[2, 2] == pytest.approx(1.0) and blur[0, 0] == pytest.approx(4 / 9)


def test_max_pooling_changes_less_than_the_feature_map_under_a_one_pixel_shift():
    eng = engine(mode="kernels", image="shapes", kernel="edge (Laplacian)", pool="max", pool_size=2, max_shift=1)
    eng.advance(1)
    m = eng.snapshot().metrics
    assert m["shift"] == 1
    assert m["feature_change"] > 1.0  # thin edges moved by a pixel barely overlap their old place
    assert m["pooled_change"] < 0.6 * m["feature_change"]  # the 2x2 maxima mostly stay put
    wide = engine(mode="kernels", image="shapes", kernel="edge (Laplacian)", pool="max", pool_size=4, max_shift=1)
    wide.advance(1)
    assert wide.snapshot().metrics["pooled_change"] < m["pooled_change"]


def test_kernels_mode_reads_custom_kernels_and_digits():
    eng = engine(mode="kernels", image="digit", digit_index=5, kernel="custom", custom_kernel="0 0 0; 0 2 0; 0 0 0")
    snap = eng.snapshot()
    assert snap.tables["label"] == 5
    np.testing.assert_allclose(snap.arrays["feature"], 2 * images.digit(5)[0])
    assert snap.arrays["pooled"].shape == (4, 4)


# Backprop ---------------------------------------------------------------------------------------------------
def test_backprop_hand_gradient_equals_autograd_and_recovers_the_kernel():
    eng = engine(mode="backprop", input_size=8, kernel="Sobel x", kernel_lr=0.5)
    first = eng.snapshot()
    assert first.metrics["grad_w_vs_autograd"] < 1e-12 and first.metrics["grad_x_vs_autograd"] < 1e-12
    eng.advance(300)
    snap = eng.snapshot()
    assert snap.metrics["loss"] < 1e-6 * first.metrics["loss"]
    assert snap.metrics["kernel_error"] < 1e-3
    np.testing.assert_allclose(snap.arrays["w"], images.KERNELS["Sobel x"], atol=1e-3)
    assert snap.metrics["grad_w_vs_autograd"] < 1e-12
    assert len(snap.arrays["loss_values"]) == 301 and np.all(np.diff(snap.arrays["loss_values"]) <= 1e-15)


def test_backprop_cell_highlights_and_derivatives():
    eng = engine(mode="backprop", input_size=6, stride=2, padding=1, out_row=1, out_col=2)
    snap = eng.snapshot()
    assert snap.tables["cell"] == [1, 2]
    xp = ops.pad2d(eng.x, 1)
    np.testing.assert_allclose(snap.arrays["dy_dw"], xp[2:5, 4:7])  # dy_ij/dW is the window of the input
    touched = snap.arrays["touched"]
    assert touched.sum() == 9 and touched[1:4, 3:6].all()  # padded rows 2..4, columns 4..6
    corner = engine(mode="backprop", input_size=6, stride=2, padding=1, out_row=0, out_col=0).snapshot()
    assert corner.arrays["touched"].sum() == 4 and corner.arrays["touched"][:2, :2].all()  # the rest is padding
    # dy_ij/dX via autograd
    xt = torch.tensor(eng.x, requires_grad=True)
    y = F.conv2d(xt[None, None], torch.as_tensor(eng.w)[None, None], stride=2, padding=1)[0, 0]
    y[1, 2].backward()
    np.testing.assert_allclose(snap.arrays["dy_dx"], xt.grad.numpy())
    far = engine(mode="backprop", input_size=5, out_row=20, out_col=20)
    assert far.snapshot().tables["cell"] == [2, 2]  # clipped to the 3x3 output


def test_backprop_divergence_is_reported():
    eng = engine(mode="backprop", input_size=10, kernel_lr=5.0)
    eng.advance(400)
    snap = eng.snapshot()
    assert snap.divergence() is not None and "too large" in snap.divergence()


# Train -------------------------------------------------------------------------------------------------------
def test_lenet_reaches_95_percent_on_the_digits_test_split():
    eng = engine(seed=0, mode="train", compare="none", max_steps=800)
    for snap in run(eng):
        pass
    snap = eng.snapshot()
    assert snap.step == 800 and snap.done
    assert snap.metrics["test_acc"] >= 0.95
    assert np.trace(snap.arrays["confusion"]) == round(snap.metrics["test_acc"] * 360)
    assert snap.arrays["confusion"].sum() == 360
    assert "twin_test_acc" not in snap.metrics


def test_digits_split_is_fixed_and_stratified():
    x_tr, y_tr, x_te, y_te = images.digits_split()
    assert x_tr.shape == (1437, 8, 8) and x_te.shape == (360, 8, 8)
    assert 0.0 <= x_te.min() and x_te.max() <= 1.0
    assert np.bincount(y_te).min() >= 35


def test_mlp_twin_has_about_the_same_parameter_count():
    eng = engine(mode="train", compare="mlp", conv1_channels=8, conv2_channels=12, hidden=32)
    snap = eng.snapshot()
    cnn = LeNet(8, 12, 3, 32)
    assert snap.metrics["params"] == count_params(cnn) == 8 * 9 + 8 + 12 * 8 * 9 + 12 + 48 * 32 + 32 + 330
    assert abs(snap.metrics["twin_params"] - snap.metrics["params"]) <= 75 / 2
    assert snap.tables["twin"] == "MLP"


def test_batch_norm_speeds_up_a_sigmoid_network():
    eng = engine(seed=0, mode="train", activation="sigmoid", optimizer="sgd", learning_rate=0.1,
                 compare="bn toggled", eval_every=50, max_steps=0)
    eng.advance(250)
    m = eng.snapshot().metrics
    assert m["twin_test_acc"] > 0.8 and m["test_acc"] < 0.3  # the BN twin learns, the plain one is stuck


def test_feature_maps_and_receptive_field_of_a_unit():
    eng = engine(mode="train", activation="tanh", rf_layer="conv2", rf_row=1, rf_col=2)
    snap = eng.snapshot()
    x_te, y_te = images.digits_split()[2:]
    assert y_te[snap.tables["gallery_index"]].tolist() == list(range(10))  # one digit per class
    np.testing.assert_array_equal(snap.arrays["digits"], x_te[snap.tables["gallery_index"]])
    assert snap.tables["shapes"] == {"conv1": [6, 8, 8], "pool1": [6, 4, 4], "conv2": [16, 4, 4], "pool2": [16, 2, 2]}
    assert snap.arrays["fmap_conv1"].shape == (10, 2 * 9 - 1, 3 * 9 - 1)  # per digit, 6 maps of 8x8 in 2 rows of 3
    assert snap.arrays["fmap_pool2"].shape == (10, 4 * 3 - 1, 4 * 3 - 1)  # 16 maps of 2x2 in 4 rows of 4
    # the mosaic holds the layer's maps, each scaled by its largest |value|
    maps = eng.cnn.model.features(torch.as_tensor(x_te[snap.tables["gallery_index"]][:, None]))
    conv1 = maps["conv1"][4, 1].detach().numpy()
    np.testing.assert_allclose(snap.arrays["fmap_conv1"][4, 0:8, 9:17], conv1 / np.abs(conv1).max(), rtol=1e-5)
    # conv2 unit (1, 2): pool1 rows 0..2, cols 1..3; conv1 rows 0..5, cols 2..7; input rows -1..6, cols 1..8
    assert snap.arrays["rf_box_full"].tolist() == [-1, 6, 1, 8]
    assert snap.arrays["rf_box"].tolist() == [0, 6, 1, 7]
    _, rows, cols = np.nonzero(snap.arrays["rf_grad"])
    assert rows.min() >= 0 and rows.max() <= 6 and cols.min() >= 1  # the gradient stays inside the field
    assert snap.arrays["rf_grad"].shape == (10, 8, 8) and (snap.arrays["rf_grad"].reshape(10, -1).max(1) > 0).all()
    np.testing.assert_allclose(snap.arrays["probs"].sum(1), 1.0, atol=1e-5)
    res = engine(mode="train", residual=True, rf_layer="conv2", rf_row=1, rf_col=1)
    # two more 3x3 convs at half resolution: 2 cells there, 4 input pixels, wider on each side than [-1, 6]
    assert res.snapshot().arrays["rf_box_full"].tolist() == [-5, 10, -5, 10]


def test_train_divergence_is_reported():
    eng = engine(mode="train", optimizer="sgd", learning_rate=2.0, activation="relu", compare="none", eval_every=5)
    eng.advance(60)
    snap = eng.snapshot()
    assert snap.divergence() is not None or snap.metrics["test_acc"] < 0.5


def test_device_ring_reads_back_as_the_numpy_ring_it_replaces():
    from playground.conv.history import Ring
    from playground.conv.train import DeviceRing

    ring, device_ring = Ring(3, capacity=4), DeviceRing(3, 4, torch.device("cpu"))
    for step in range(1, 7):  # wraps: the oldest two rows are gone
        ring.append(step, step / 3, -step)
        device_ring.append(step, torch.tensor([step / 3, -step], dtype=torch.float64))
    host = device_ring.on_host()
    assert host.column(0).tolist() == [3.0, 4.0, 5.0, 6.0]
    for i in range(3):
        np.testing.assert_array_equal(host.column(i), ring.column(i))
    assert host.last(1) == ring.last(1) == 2.0 and len(host) == 4


def test_confusion_matrix_counts_every_test_digit_once():
    eng = engine(mode="train", compare="none", eval_every=3)
    eng.advance(9)
    confusion = eng.snapshot().arrays["confusion"]
    assert confusion.dtype == np.int64 and confusion.sum() == len(eng.y_test_np)
    assert confusion.sum(1).tolist() == np.bincount(eng.y_test_np, minlength=10).tolist()  # rows: true class
    assert np.trace(confusion) / confusion.sum() == pytest.approx(eng.snapshot().metrics["test_acc"], abs=1e-6)
