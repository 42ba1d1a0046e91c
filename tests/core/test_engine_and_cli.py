"""The run protocol and the headless CLI, on the fake counter panel."""

import csv
import json
import math
import subprocess
import sys

import numpy as np
import pytest

from playground import cli
from playground.engine import build_engine, run
from playground.presets import new_preset, save_preset
from playground.snapshot import Snapshot


def test_snapshot_is_a_frozen_copy():
    source = np.arange(4.0)
    snap = Snapshot(gen_id=1, step=2, metrics={"loss": 1}, arrays={"w": source})
    source[0] = 99
    assert snap.arrays["w"][0] == 0
    with pytest.raises(ValueError):
        snap.arrays["w"][1] = 5
    with pytest.raises(TypeError):
        snap.metrics["loss"] = 2
    assert Snapshot(0, 3, metrics={"loss": math.inf}).divergence() == "diverged at step 3: loss = inf"


def test_chunking_does_not_change_the_numbers(counter_panel):
    preset = new_preset("counter", seed=5, device="cpu", config={"noise": 1.0})
    one = run(build_engine(preset))
    next(one)
    for _ in range(40):
        a = one.send(1)
    many = run(build_engine(preset))
    next(many)
    many.send(15)
    b = many.send(25)
    assert a.step == b.step == 40
    assert a.metrics["value"] == b.metrics["value"]


def test_cli_run_writes_metrics_and_result(counter_panel, tmp_path):
    path = tmp_path / "c.json"
    save_preset(new_preset("counter", seed=1, device="cpu", config={"rate": 0.5}), path)
    assert cli.main(["run", str(path), "--steps", "30", "--every", "10", "--out", str(tmp_path / "out")]) == 0
    rows = list(csv.DictReader(open(tmp_path / "out" / "metrics.csv")))
    assert [int(r["step"]) for r in rows] == [0, 10, 20, 30]
    assert float(rows[-1]["value"]) == pytest.approx(15.0)
    result = json.loads((tmp_path / "out" / "result.json").read_text())
    assert result["steps"] == 30 and result["metrics"]["double"] == pytest.approx(30.0)
    assert result["device"] == "cpu" and result["diverged"] is None


def test_cli_run_stops_at_divergence_and_says_so(counter_panel, tmp_path, capsys):
    path = tmp_path / "c.json"
    save_preset(new_preset("counter", device="cpu", config={"blow_up_at": 12}), path)
    assert cli.main(["run", str(path), "--steps", "100", "--every", "5", "--out", str(tmp_path)]) == 0
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["steps"] == 15
    assert result["diverged"].startswith("diverged at step 15")
    assert "diverged" in capsys.readouterr().err


def test_cli_validate_names_the_problem(counter_panel, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": 1, "panel": "counter", "config": {"rate": "x"}}))
    assert cli.main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "config.rate" in err
    assert cli.main(["run", str(bad), "--out", str(tmp_path)]) == 2


def test_cli_schema_is_json_schema(counter_panel, capsys):
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    text = json.dumps(schema)
    assert "schema_version" in text and "CounterConfig" in text


def test_python_dash_m_runs_headless_without_qt(tmp_path):
    """`python -m playground presets` works and never imports Qt."""
    code = ("import sys, runpy; sys.argv=['playground','presets']\n"
            "try:\n runpy.run_module('playground', run_name='__main__')\nexcept SystemExit as e: assert e.code == 0, e.code\n"
            "assert not any(m.startswith(('PySide6','pyqtgraph')) for m in sys.modules), 'Qt was imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_no_display_gives_advice_not_an_abort():
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    done = subprocess.run([sys.executable, "-m", "playground"], capture_output=True, text=True, env=env, timeout=120,
                          cwd=str(__import__("pathlib").Path(cli.__file__).resolve().parents[1]))
    assert done.returncode == 2
    assert "no display" in done.stderr and "playground run" in done.stderr


def test_window_options_first_still_open_the_window():
    """`playground --play PRESET` is the window's (it says there is no display), not a bad subcommand."""
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    done = subprocess.run([sys.executable, "-m", "playground", "--play", "optimizer/momentum_ravine"],
                          capture_output=True, text=True, env=env, timeout=120,
                          cwd=str(__import__("pathlib").Path(cli.__file__).resolve().parents[1]))
    assert done.returncode == 2 and "no display" in done.stderr, done.stderr


def test_cli_metrics_csv_quotes_a_label_a_spreadsheet_would_run(tmp_path):
    from playground.optim.config import OptimizerEntry

    racers = [OptimizerEntry.of_kind("sgd", label='=HYPERLINK("http://x","y")'),
              OptimizerEntry.of_kind("adam", label="=cmd|' /C calc'!A0")]
    path = tmp_path / "evil.json"
    save_preset(new_preset("optimizer", seed=1, device="cpu", config={"optimizers": racers}), path)
    assert cli.main(["run", str(path), "--steps", "5", "--out", str(tmp_path / "out")]) == 0
    rows = list(csv.reader(open(tmp_path / "out" / "metrics.csv", encoding="utf-8")))
    header = rows[0]
    assert '\'=HYPERLINK("http://x","y")/loss' in header and "'=cmd|' /C calc'!A0/loss" in header
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert all(float(cell) == float(cell) for cell in rows[-1])  # the numbers stay numbers
