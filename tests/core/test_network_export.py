"""The exported PyTorch script runs on its own and trains; weights round-trip through safetensors."""

import os
import subprocess
import sys

import numpy as np
import pytest

from playground.engine import EngineError, RunContext
from playground.nets.config import LayerConfig, NetworkConfig
from playground.nets.engine import make_engine
from playground.nets.export import script_text, write_script

STEPS = 6  # crosses an epoch boundary: 30 training points in batches of 8, 8, 8, 6


def exported_namespace(cfg, seed):
    """Our own generated script, executed in a fresh namespace (its main() does not run)."""
    namespace = {"__name__": "exported_network"}
    exec(compile(script_text(cfg, seed), "network.py", "exec"), namespace)  # noqa: S102 - our own code
    return namespace


def script_losses(namespace, steps):
    losses = []
    while len(losses) < steps:
        for idx in namespace["epoch_batches"]():
            losses.append(namespace["train_step"](idx))
            if len(losses) == steps:
                break
    return losses


REPRO_CONFIGS = {
    "spiral, dropout, batch norm, residual, L1 + L2": NetworkConfig(
        dataset="spiral", n_points=60, train_ratio=0.5, batch_size=8, noise=0.2, sin_x1=True, x1x2=True,
        hidden=[LayerConfig(width=5, activation="tanh", dropout=0.2, batch_norm=True)] * 2, residual=True,
        init="xavier", optimizer="Adam", lr=0.03, l1=1e-3, l2=1e-3),
    "bump regression, plain SGD": NetworkConfig(
        dataset="bump", n_points=60, train_ratio=0.5, batch_size=8, x1_sq=True, x2_sq=True,
        hidden=[LayerConfig(width=7, activation="gelu")], init="normal", init_sigma=0.7, optimizer="SGD",
        lr=0.05),
    "digits": NetworkConfig(dataset="digits", train_ratio=0.5, batch_size=64,
                            hidden=[LayerConfig(width=12, dropout=0.1)], init="he", optimizer="Momentum", lr=0.05),
}


@pytest.mark.parametrize("name", sorted(REPRO_CONFIGS))
def test_exported_script_repeats_the_apps_run_for_a_nonzero_seed(name):
    cfg, seed = REPRO_CONFIGS[name], 7
    engine = make_engine(cfg, RunContext(seed=seed))
    script = exported_namespace(cfg, seed)
    assert script["SEED"] == seed
    # The same data, split the same way
    for ours, theirs in (("Xtr", "X_TRAIN"), ("Ytr", "Y_TRAIN"), ("Xte", "X_TEST"), ("Yte", "Y_TEST")):
        assert getattr(engine, ours).dtype == script[theirs].dtype
        np.testing.assert_array_equal(getattr(engine, ours).numpy(), script[theirs].numpy(), err_msg=theirs)
    # the same initial weights
    initial = engine.model.state_dict()
    assert set(initial) == set(script["model"].state_dict())
    for key, value in script["model"].state_dict().items():
        np.testing.assert_allclose(initial[key].numpy(), value.numpy(), atol=1e-6, err_msg=key)
    # and the same first losses, minibatch by minibatch
    engine_losses = []
    for _ in range(STEPS):
        engine.advance(1)
        engine_losses.append(float(engine.last_loss))
    np.testing.assert_allclose(script_losses(script, STEPS), engine_losses, rtol=0, atol=1e-6)
    for key, value in script["model"].state_dict().items():
        np.testing.assert_allclose(engine.model.state_dict()[key].numpy(), value.numpy(), atol=1e-5, err_msg=key)


def test_another_seed_gives_the_script_other_data():
    cfg = REPRO_CONFIGS["bump regression, plain SGD"]
    a, b = exported_namespace(cfg, 7), exported_namespace(cfg, 8)
    assert not np.array_equal(a["X_TRAIN"].numpy(), b["X_TRAIN"].numpy())


def test_exported_script_trains_in_a_subprocess(tmp_path):
    cfg = NetworkConfig(dataset="circles", n_points=200, hidden=[LayerConfig(width=6, activation="relu",
                        dropout=0.1, batch_norm=True)] * 2, residual=True, init="he", optimizer="Adam", lr=0.02,
                        l2=1e-4, x1_sq=True, x2_sq=True)
    path = tmp_path / "net.py"
    write_script(cfg, path, seed=1)
    weights = tmp_path / "w.safetensors"
    done = subprocess.run([sys.executable, str(path), "15", str(weights)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    last = [line for line in done.stdout.splitlines() if line.startswith("final")][0]
    assert float(last.split()[-1]) > 0.9  # circles with x1², x2² are easy
    engine = make_engine(cfg, RunContext(seed=1))
    engine.load_weights(weights)  # the script's weights fit the panel's network
    assert engine.snapshot().metrics["test_acc"] > 0.9


def test_script_for_digits_and_regression_compiles():
    for cfg in (NetworkConfig(dataset="digits", hidden=[LayerConfig(width=8)], optimizer="Nesterov"),
                NetworkConfig(dataset="bump", hidden=[], optimizer="RMSprop", init="zeros")):
        code = compile(script_text(cfg), "net.py", "exec")
        assert "optimizer" in code.co_names or "torch" in code.co_names


def test_safetensors_round_trip_and_mismatch(tmp_path):
    cfg = NetworkConfig(dataset="moons", hidden=[LayerConfig(width=5)], optimizer="Adam", lr=0.01)
    trained = make_engine(cfg, RunContext(seed=0))
    trained.advance(300)
    path = tmp_path / "w.safetensors"
    trained.save_weights(path)
    assert path.read_bytes()[8:9] == b"{"  # a safetensors header, not a pickle
    fresh = make_engine(cfg, RunContext(seed=5))
    fresh.load_weights(path)
    a, b = trained.snapshot().arrays, fresh.snapshot().arrays
    assert np.array_equal(a["boundary"], b["boundary"])
    other = make_engine(cfg.model_copy(update={"hidden": [LayerConfig(width=7)]}), RunContext())
    with pytest.raises(EngineError, match="shape"):
        other.load_weights(path)
    (tmp_path / "junk.safetensors").write_bytes(b"not weights")
    with pytest.raises(EngineError, match="cannot read"):
        fresh.load_weights(tmp_path / "junk.safetensors")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes and symlinks")
def test_saving_weights_keeps_the_files_mode_and_symlink(tmp_path):
    cfg = NetworkConfig(dataset="moons", hidden=[LayerConfig(width=3)])
    engine = make_engine(cfg, RunContext(seed=0))
    real = tmp_path / "kept" / "w.safetensors"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "w.safetensors"
    link.symlink_to(real)
    engine.save_weights(link)
    assert link.is_symlink() and real.read_bytes()[8:9] == b"{" and (real.stat().st_mode & 0o777) == 0o640
    engine.load_weights(link)
