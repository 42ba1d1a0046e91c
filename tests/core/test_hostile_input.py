"""Hostile input (issue 24): files that are not files, numbers past float range, duplicate keys,
NaN and huge presets get a clear message naming the file and the field; nothing hangs or throws
anything but the project's own errors."""

import json
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from playground import cli, presets
from playground.attention.config import AttentionConfig
from playground.engine import EngineError
from playground.files import FileRefused, read_regular_file
from playground.mdp import dp
from playground.mdp.config import MDPConfig, TabularConfig
from playground.mdp.engine import make_engine
from playground.mdp.model import from_tabular_config
from playground.nets import data as D
from playground.optim import formula
from playground.optim.config import SurfaceConfig
from playground.presets import PresetError, load_preset, parse_text

HUGE_HEX = "0x" + "f" * 257  # 2**1028 - 1: an int float() cannot hold


def write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


# 1. Integer literals past float range in formulas --------------------------------------------------------
@pytest.mark.parametrize("text", [HUGE_HEX, "x + 0x" + "f" * 290, "1e999 * x"])
def test_formula_number_past_float_range_is_a_formula_error(text):
    with pytest.raises(formula.FormulaError, match="too large"):
        formula.parse(text)


def test_surface_and_attention_fields_refuse_a_huge_literal_as_validation_errors():
    from pydantic import ValidationError

    # The surface kind is not "formula": the field is still checked, with a message, not an OverflowError.
    with pytest.raises(ValidationError, match="too large"):
        SurfaceConfig(kind="rosenbrock", formula=HUGE_HEX)
    with pytest.raises(ValidationError, match="too large"):
        AttentionConfig(function=HUGE_HEX)


def test_preset_with_a_huge_formula_literal_is_invalid_in_validate_and_run(tmp_path, capsys):
    data = _first_optimizer()
    data["config"]["surface"]["formula"] = HUGE_HEX
    path = write(tmp_path, "huge.json", data)
    assert cli.main(["validate", path]) == 1
    assert "surface.formula" in capsys.readouterr().err
    assert cli.main(["run", path, "--out", str(tmp_path / "out")]) == 2
    assert "too large" in capsys.readouterr().err


def _first_optimizer() -> dict:
    path = next(p for p in presets.shipped_presets() if p.parent.name == "optimizer")
    return json.loads(path.read_text(encoding="utf-8"))


# 2. JSON integers past Python's digit limit; validate checks every file ----------------------------------
def test_json_integer_of_5000_digits_is_refused_naming_the_file(tmp_path):
    path = write(tmp_path, "big.json", '{"schema_version": 1, "panel": "optimizer", "seed": ' + "7" * 5000 + "}")
    with pytest.raises(PresetError, match=r"big\.json: a whole number with 5,000 digits"):
        load_preset(path)


def test_validate_checks_every_file_and_names_each(tmp_path, capsys):
    good = write(tmp_path, "a.json", _first_optimizer())
    big = write(tmp_path, "big.json", '{"seed": ' + "7" * 5000 + "}")
    also_good = write(tmp_path, "c.json", _first_optimizer())
    assert cli.main(["validate", good, big, also_good]) == 1
    out, err = capsys.readouterr()
    assert f"OK {good}" in out and f"OK {also_good}" in out
    assert "big.json" in err and "Exceeds" not in err


# 3. FIFOs, devices and directories ----------------------------------------------------------------------
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@needs_fifo
def test_fifo_preset_is_refused_without_waiting_for_a_writer(tmp_path, capsys):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    answered = _answers_without_blocking(lambda: cli.main(["validate", str(fifo)]))
    assert answered == [1]
    assert "is a FIFO (named pipe), not a regular file" in capsys.readouterr().err
    assert _answers_without_blocking(lambda: cli.main(["run", str(fifo), "--out", str(tmp_path)])) == [2]


@needs_fifo
def test_fifo_csv_is_refused_as_a_fifo_not_as_missing(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(EngineError, match="is a FIFO"):
        D.load_csv(str(fifo))


def _answers_without_blocking(call) -> list:
    """Run ``call`` in a thread; a hang shows as an empty list (the thread is a daemon, left behind)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    thread.join(30)  # a generous bound, not a speed assertion: before the fix this never returned
    return result


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_device_file_is_refused_not_read_until_memory_runs_out():
    with pytest.raises(PresetError, match="is a device, not a regular file"):
        load_preset("/dev/zero")
    with pytest.raises(EngineError, match="is a device"):
        D.load_csv("/dev/zero")


def test_directory_is_refused_as_a_directory(tmp_path, capsys):
    with pytest.raises(PresetError, match="is a directory"):
        load_preset(tmp_path)
    with pytest.raises(EngineError, match="is a directory"):
        D.load_csv(str(tmp_path))
    assert cli.main(["validate", str(tmp_path)]) == 1
    assert "is a directory" in capsys.readouterr().err


def test_read_regular_file_reads_at_most_the_limit(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 11)
    assert read_regular_file(path, 11) == b"x" * 11
    with pytest.raises(FileRefused, match="too big"):
        read_regular_file(path, 10)


# 4. Duplicate keys -----------------------------------------------------------------------------------------
def test_duplicate_key_is_refused_naming_it():
    text = '{"schema_version": 1, "panel": "optimizer", "seed": 1, "seed": 2}'
    with pytest.raises(PresetError, match="'seed' is given twice"):
        parse_text(text, "dup.json")


def test_duplicate_key_inside_the_config_is_refused_too():
    text = '{"schema_version": 1, "panel": "optimizer", "config": {"surface": {"kind": "ravine", "kind": "saddle"}}}'
    with pytest.raises(PresetError, match="'kind' is given twice"):
        parse_text(text, "dup.json")


# 5. Oversized presets ------------------------------------------------------------------------------------------
def test_three_megabytes_of_unknown_keys_is_refused_before_parsing(tmp_path):
    keys = ", ".join(f'"k{i}": 0' for i in range(300_000))
    path = write(tmp_path, "keys.json", '{"schema_version": 1, "panel": "optimizer", ' + keys + "}")
    assert os.path.getsize(path) > 3_000_000
    with pytest.raises(PresetError, match="at most 1 MB"):
        load_preset(path)


def test_many_keys_under_the_size_limit_are_refused_by_count():
    keys = ", ".join(f'"k{i}": 0' for i in range(presets.MAX_JSON_KEYS + 1))
    with pytest.raises(PresetError, match="more than 20,000 keys"):
        parse_text('{"schema_version": 1, "panel": "optimizer", ' + keys + "}", "keys.json")


def test_text_presets_have_the_same_size_limit():
    with pytest.raises(PresetError, match="at most 1 MB"):
        parse_text(" " * (presets.MAX_PRESET_BYTES + 1), "spaces.json")


# 6. Non-finite values -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("nan", ["NaN", '"nan"', "Infinity", "1e999"])
def test_nan_in_generative_points_is_refused_naming_the_field(nan):
    data = {"schema_version": 1, "panel": "generative", "config": {"data": "drawn", "points": [[0.0, 1.0], [0.5, 0.5]]}}
    text = json.dumps(data).replace("0.5]", nan + "]", 1)
    with pytest.raises(PresetError, match=r"config\.points\.1\.1: (nan|inf) is not a finite number"):
        parse_text(text, "nan.json")


# 7. MDP rewards whose values overflow -----------------------------------------------------------------------------
def test_huge_reward_is_reported_as_overflow_not_as_singular():
    config = TabularConfig(R=[[1e308, 1e308], [1.0, 0.0], [0.0, 1.0]], gamma=0.9)
    with pytest.raises(dp.ValuesOverflowError, match="the values overflow: rewards up to 1e\\+308 with gamma = 0.9"):
        dp.evaluate_linear(from_tabular_config(config), np.full((3, 2), 0.5), 0.9)
    with pytest.raises(EngineError, match="overflow"):
        make_engine(MDPConfig(tabular=config), _ctx())


def test_a_loop_at_gamma_one_is_still_called_singular():
    # s1 and s2 swap forever under both actions, gamma = 1: V = R + V has no solution.
    P = [[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]] * 2
    config = TabularConfig(P=P, R=[[1.0, 1.0], [1.0, 1.0], [0.0, 0.0]], terminal=[False, False, True], gamma=1.0)
    with pytest.raises(dp.SingularError, match="singular") as caught:
        dp.evaluate_linear(from_tabular_config(config), np.full((3, 2), 0.5), 1.0)
    assert not isinstance(caught.value, dp.ValuesOverflowError)


def _ctx():
    from playground.engine import RunContext

    return RunContext(seed=0)


# 8. CSV values past float32 -------------------------------------------------------------------------------------
def test_csv_value_past_float32_names_line_and_column(tmp_path):
    rows = ["x1,x2,y", "0,0,1", "1,1e39,0", "2,2,1", "3,3,0"]
    path = write(tmp_path, "wide.csv", "\n".join(rows) + "\n")
    with pytest.raises(EngineError, match=r"wide\.csv line 3, column 2: a value beyond float32's range"):
        D.load_csv(path)


def test_csv_value_at_float32_max_is_kept(tmp_path):
    big = float(np.finfo(np.float32).max)
    rows = [f"0,{big!r},1", "1,1,0", "2,2,1", "3,3,0"]
    data = D.load_csv(write(tmp_path, "edge.csv", "\n".join(rows) + "\n"))
    assert np.isfinite(data.x).all() and data.x[0, 1] == np.float32(big)


def test_validate_of_a_fifo_in_a_subprocess_ends(tmp_path):
    """The CLI as a person runs it: a FIFO answers with a message and exit status 1."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "playground", "validate", str(fifo)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "is a FIFO" in done.stderr and "Traceback" not in done.stderr
