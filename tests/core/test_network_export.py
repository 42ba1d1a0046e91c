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
