"""Network panel core: datasets, features, CSV errors, the MLP, the engine's outcomes and invariants."""

import json

import numpy as np
import pytest
import torch

from playground.engine import EngineError, RunContext, run
from playground.nets import data as D
from playground.nets.config import NetworkConfig, LayerConfig
from playground.nets.engine import make_engine


def engine(seed=0, **kw):
    torch.manual_seed(seed)
    return make_engine(NetworkConfig(**kw), RunContext(seed=seed))


def layers(n, width=8, act="tanh", **kw):
    return [LayerConfig(width=width, activation=act, **kw) for _ in range(n)]


@pytest.mark.parametrize("name", list(D.GENERATORS))
def test_datasets_are_seeded_and_in_the_plane(name):
    a = D.generate(name, 200, 0.1, 7)
    b = D.generate(name, 200, 0.1, 7)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)
    assert a.x.shape == (200, 2) and np.abs(a.x).max() < 12
    if a.classify:
        assert set(np.unique(a.y)) == {0, 1} and 60 < a.y.sum() < 140
    else:
        assert a.y.dtype == np.float32 and a.y.std() > 0.05


def test_labels_follow_their_rule_without_noise():
    xor = D.generate("xor", 300, 0.0, 0)
    assert np.array_equal(xor.y, (xor.x[:, 0] * xor.x[:, 1] > 0).astype(int))
    circles = D.generate("circles", 300, 0.0, 0)
    r = np.hypot(circles.x[:, 0], circles.x[:, 1])
    assert r[circles.y == 1].max() < r[circles.y == 0].min()
    plane = D.generate("plane", 100, 0.0, 0)
    assert np.allclose(plane.y, plane.x.sum(1) / 12, atol=1e-6)


def test_features_are_the_formulas():
    x = np.array([[1.0, 2.0], [-3.0, 0.5]], dtype=np.float32)
    f = D.features(x, ["x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2"])
    assert np.allclose(f[1], [-3, 0.5, 9, 0.25, -1.5, np.sin(-3), np.sin(0.5)])


def test_csv_loads_classes_and_regression(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("x1,x2,label\n0,1,1\n1,0,-1\n2,2,1\n3,1,-1\n")
    d = D.load_csv(str(path))
    assert d.classify and d.y.tolist() == [1, 0, 1, 0] and d.x.shape == (4, 2)
    path.write_text("0,1,0.5\n1,0,2.5\n2,2,1\n3,1,-1\n")
    assert not D.load_csv(str(path)).classify


@pytest.mark.parametrize("text, message", [
    ("", "0 data rows"),
    ("1,2\n3,4\n", "expected 3 columns"),
    ("1,2,1\n3,abc,0\n1,1,1\n2,2,0\n", "line 2, column 2: not a number"),
    ("1,2,1\n3,nan,0\n1,1,1\n2,2,0\n", "finite"),
])
def test_bad_csv_gets_a_clear_message(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(EngineError, match=message):
        D.load_csv(str(path))
    with pytest.raises(EngineError, match="not found"):
        D.load_csv(str(tmp_path / "missing.csv"))
    with pytest.raises(EngineError, match="pick at least one input feature"):
        engine(x1=False, x2=False)


def test_huge_csv_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_text("1,2,1\n" * 100)
    monkeypatch.setattr(D, "MAX_CSV_BYTES", 100)
    with pytest.raises(EngineError, match="too big"):
        D.load_csv(str(path))


def test_spiral_two_layers_of_eight_tanh_reaches_90_percent():
    e = engine(dataset="spiral", hidden=layers(2), optimizer="Adam", lr=0.01)
    e.advance(8000)
    m = e.snapshot().metrics
    assert m["test_acc"] >= 0.90, m


def test_xor_linear_fails_and_x1x2_solves_it():
    linear = engine(dataset="xor", hidden=[])
    linear.advance(1000)
    assert 0.35 < linear.snapshot().metrics["test_acc"] < 0.7
    product = engine(dataset="xor", hidden=[], x1x2=True)
    product.advance(1000)
    assert product.snapshot().metrics["test_acc"] > 0.95


def test_ten_sigmoid_layers_vanish_and_the_fixes_do_not():
    sigmoid = engine(hidden=layers(10, act="sigmoid")).snapshot().metrics["grad_ratio"]
    he_relu = engine(hidden=layers(10, act="relu"), init="he").snapshot().metrics["grad_ratio"]
    residual = engine(hidden=layers(10, act="sigmoid"), residual=True).snapshot().metrics["grad_ratio"]
    assert sigmoid < 1e-5
    assert he_relu > 0.1
    assert residual > 1000 * sigmoid


def test_per_layer_gradients_shrink_towards_the_input_in_a_sigmoid_stack():
    snap = engine(hidden=layers(10, act="sigmoid")).snapshot()
    g = snap.arrays["grad_mean_abs"]
    assert g.shape == (11,) and np.all(np.diff(np.log(g[:-1])) > 0)  # each layer closer to the output is larger


def test_zero_init_keeps_neurons_identical():
    e = engine(dataset="circles", hidden=layers(2, width=4), init="zeros", optimizer="SGD", lr=0.1)
    e.advance(200)
    w = e.snapshot().arrays["weights_1"]
    assert np.allclose(w, w[0:1, 0:1])  # every weight of the second layer is the same number


def test_dead_relus_are_counted():
    e = engine(hidden=layers(1, width=8, act="relu"), init="normal", init_sigma=0.0)
    assert e.snapshot().metrics["dead_relu"] == 8  # all outputs are relu(0) = 0


def test_chunk_invariance_with_dropout_and_batch_norm():
    kw = dict(dataset="moons", hidden=layers(3, width=6, act="relu", dropout=0.2, batch_norm=True),
              residual=True, optimizer="Adam", lr=0.01, batch_size=7, n_points=101, l1=1e-4, l2=1e-3)
    a, b = engine(**kw), engine(**kw)
    a.advance(3)
    a.advance(40)
    b.advance(43)
    sa, sb = a.snapshot(), b.snapshot()
    assert sa.metrics == sb.metrics
    for key in sa.arrays:
        assert np.array_equal(sa.arrays[key], sb.arrays[key], equal_nan=True), key


def test_snapshot_shapes_and_result_is_json():
    e = engine(hidden=layers(2, width=5), grid=20, x1x2=True)
    gen = run(e)
    next(gen)
    snap = gen.send(30)
    assert snap.arrays["boundary"].shape == (20, 20)
    assert snap.arrays["maps_0"].shape == (3, 20, 20) and snap.arrays["maps_2"].shape == (5, 20, 20)
    assert snap.arrays["weights_0"].shape == (5, 3) and snap.arrays["widths"].tolist() == [3, 5, 5, 1]
    assert snap.arrays["act_hist"].shape == (2, 32) and snap.arrays["act_hist"].sum() == 2 * 5 * 250
    assert len(snap.arrays["hist_epoch"]) == 2  # the start and the end of epoch 1 (25 steps of 10)
    json.dumps(e.result())


def test_regression_reports_r_squared():
    e = engine(dataset="plane", hidden=[], optimizer="Adam", lr=0.05)
    e.advance(500)
    m = e.snapshot().metrics
    assert m["test_acc"] > 0.99 and m["test_loss"] < 1e-3


def test_digits_train_and_give_a_confusion_matrix():
    e = engine(dataset="digits", hidden=layers(1, width=16, act="relu"), optimizer="Adam", lr=0.01, batch_size=32)
    e.advance(300)
    snap = e.snapshot()
    assert snap.metrics["test_acc"] > 0.9
    c = snap.arrays["confusion"]
    assert c.shape == (10, 10) and c.sum() == 1797 - 898 and np.trace(c) / c.sum() == pytest.approx(snap.metrics["test_acc"])


def test_too_high_learning_rate_diverges():
    e = engine(dataset="plane", hidden=layers(2, act="relu"), init="he", optimizer="SGD", lr=50.0)
    e.advance(200)
    snap = e.snapshot()
    assert snap.divergence() is not None
