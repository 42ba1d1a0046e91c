"""The built wheel ships every preset of the tree, byte for byte, and finds them with no checkout."""

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = "playground/presets_data/"  # where setup.py puts presets/ inside the wheel
SOURCES = ("pyproject.toml", "setup.py", "README.md", "playground", "widgets", "presets")

pytestmark = pytest.mark.skipif(importlib.util.find_spec("setuptools") is None,
                                reason="building the wheel without a network needs setuptools here")


def tree_presets() -> dict[str, bytes]:
    folder = ROOT / "presets"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources, so the build leaves nothing in the checkout."""
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "--no-index", "-q", "-w", str(out), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_ships_every_preset_of_the_tree_byte_for_byte(wheel):
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name.removeprefix(PACKAGED): archive.read(name)
                   for name in archive.namelist() if name.startswith(PACKAGED)}
    tree = tree_presets()
    assert sorted(shipped) == sorted(tree)
    assert all(shipped[name] == tree[name] for name in tree)
    assert len({name.split("/")[0] for name in tree}) >= 8  # one folder per panel, all of them


def test_an_installed_wheel_lists_and_runs_presets_from_any_folder(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:  # a pure-Python wheel unpacked is an installed package
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}

    def playground(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "playground", *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    where = subprocess.run([sys.executable, "-c", "from playground import presets; print(presets.presets_dir())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert Path(where.stdout.strip()) == site / "playground" / "presets_data", where.stderr
    listed = [line.split()[0] for line in playground("presets").splitlines() if line.strip()]
    expected = sorted(name.removesuffix(".json") for name in tree_presets() if name.endswith(".json"))
    assert listed == expected
    playground("run", "optimizer/momentum_ravine", "--steps", "5", "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "result.json").is_file() and (tmp_path / "out" / "metrics.csv").is_file()
