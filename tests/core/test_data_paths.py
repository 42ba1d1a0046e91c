"""A preset reads data only from beside it, or from a path the user allowed."""

import csv

import numpy as np
import pytest

from playground import cli
from playground.data_paths import bind_data_paths, check_data_paths, outside_data_paths, relative_data_paths
from playground.presets import PresetError, load_preset, new_preset, save_preset

SECRET = "s3cr3t-key-material"


def _data_csv(path):
    xs = np.linspace(-3, 3, 12)
    path.write_text("x1,x2,label\n" + "\n".join(f"{x},{-x},{int(x > 0)}" for x in xs) + "\n")
    return path


def _net_preset(folder, csv_path):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "shared.json"
    save_preset(new_preset("network", seed=0, device="cpu", config={"dataset": "csv", "csv_path": csv_path}), path)
    return path


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "home" / "key.csv"
    path.parent.mkdir()
    path.write_text(f"{SECRET},1,1\n")
    return path


def test_a_relative_csv_path_is_read_from_the_presets_folder_not_the_working_folder(tmp_path, monkeypatch):
    folder = tmp_path / "lesson"
    path = _net_preset(folder, "data.csv")
    _data_csv(folder / "data.csv")
    monkeypatch.chdir(tmp_path)  # no data.csv here
    out = tmp_path / "out"
    assert cli.main(["run", str(path), "--steps", "3", "--out", str(out)]) == 0
    assert [row[0] for row in csv.reader(open(out / "metrics.csv"))][1:] == ["0", "1", "2", "3"]
    bound = bind_data_paths(load_preset(path), path)
    assert bound.config.csv_path == str((folder / "data.csv").resolve())


@pytest.mark.parametrize("how", ["absolute", "dot-dot", "symlink"])
def test_the_cli_refuses_a_data_file_outside_the_presets_folder(tmp_path, secret, capsys, how):
    folder = tmp_path / "downloads"
    folder.mkdir()
    if how == "symlink":
        (folder / "data.csv").symlink_to(secret)
    csv_path = {"absolute": str(secret), "dot-dot": "../home/key.csv", "symlink": "data.csv"}[how]
    path = _net_preset(folder, csv_path)
    assert cli.main(["run", str(path), "--steps", "3", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "outside the preset's folder" in err and f"--allow-data {secret.resolve()}" in err
    assert SECRET not in err and not (tmp_path / "out").exists()


def test_allow_data_lets_the_user_choose_a_file_or_folder_outside(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    data = _data_csv(tmp_path / "mine" / "data.csv")
    path = _net_preset(tmp_path / "lesson", str(data))
    for allowed in (data, data.parent):
        assert cli.main(["run", str(path), "--steps", "2", "--out", str(tmp_path / "out"),
                         "--allow-data", str(allowed)]) == 0
    assert cli.main(["run", str(path), "--steps", "2", "--out", str(tmp_path / "out"),
                     "--allow-data", str(tmp_path / "lesson")]) == 2  # another folder does not count


def test_an_error_about_a_file_outside_never_quotes_its_cells(tmp_path, secret, capsys):
    secret.write_text(f"1,2,1\n3,{SECRET},0\n1,1,1\n2,2,0\n")
    path = _net_preset(tmp_path / "lesson", str(secret))
    assert cli.main(["run", str(path), "--steps", "2", "--out", str(tmp_path / "out"),
                     "--allow-data", str(secret)]) == 2
    err = capsys.readouterr().err
    assert "line 2, column 2: not a number" in err and SECRET not in err


def test_outside_and_check_agree_and_name_the_resolved_file(tmp_path, secret):
    path = _net_preset(tmp_path / "lesson", "../home/./key.csv")
    preset = bind_data_paths(load_preset(path), path)
    assert outside_data_paths(preset, path) == [secret.resolve()]
    assert outside_data_paths(preset, path, [secret]) == []
    with pytest.raises(PresetError, match="outside the preset's folder"):
        check_data_paths(load_preset(path), path)
    assert outside_data_paths(new_preset("network"), path) == []  # no data file: nothing to check


def test_saving_writes_a_data_file_beside_the_preset_relative_to_it(tmp_path):
    folder = tmp_path / "lesson"
    (folder / "data").mkdir(parents=True)
    data = _data_csv(folder / "data" / "d.csv")
    preset = new_preset("network", config={"dataset": "csv", "csv_path": str(data)})
    assert relative_data_paths(preset, folder / "p.json").config.csv_path == "data/d.csv"
    assert relative_data_paths(preset, tmp_path / "elsewhere" / "p.json").config.csv_path == str(data)
