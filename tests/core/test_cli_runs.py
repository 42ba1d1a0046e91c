"""`playground run` on real panels: where a run ends, what its summary may claim, what it imports."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from playground import cli, registry
from playground.presets import new_preset, save_preset

ROOT = Path(cli.__file__).resolve().parents[1]


def _run(args, tmp_path):
    assert cli.main(["run", *args, "--out", str(tmp_path)]) == 0
    return json.loads((tmp_path / "result.json").read_text())


def test_a_preset_with_an_end_runs_to_it_without_steps(counter_panel, tmp_path):
    """The old default (--steps 1000) stopped a 2500-step preset at 1000."""
    path = tmp_path / "c.json"
    save_preset(new_preset("counter", device="cpu", config={"stop_at": 2500}), path)
    result = _run([str(path)], tmp_path)
    assert result["steps"] == 2500 and result["finished"] is True and result["natural_length"] == 2500
    assert result["metrics"]["value"] == pytest.approx(2500.0)


def test_steps_stop_a_run_early_and_say_so(counter_panel, tmp_path, capsys):
    path = tmp_path / "c.json"
    save_preset(new_preset("counter", device="cpu", config={"stop_at": 2500}), path)
    result = _run([str(path), "--steps", "40"], tmp_path)
    assert result["steps"] == 40 and result["finished"] is False
    assert "before the preset's end" in capsys.readouterr().err


def test_an_open_ended_preset_runs_the_default_steps_and_says_so(counter_panel, tmp_path, capsys):
    path = tmp_path / "c.json"
    save_preset(new_preset("counter", device="cpu"), path)
    result = _run([str(path)], tmp_path)
    assert result["steps"] == cli.OPEN_ENDED_STEPS and result["natural_length"] is None
    assert "runs until stopped" in capsys.readouterr().err


def test_cliff_runs_all_its_episodes_without_steps(tmp_path):
    """The issue: `run cliff...` stopped after 5 of the preset's 500 episodes."""
    result = _run(["cliff_sarsa_vs_q_learning"], tmp_path)
    assert result["finished"] is True
    for learner in result["learners"].values():
        assert learner["episodes"] == 500 and "mean_return_last_100" in learner


def test_a_short_run_does_not_claim_a_mean_over_100_episodes(tmp_path):
    result = _run(["cliff_sarsa_vs_q_learning", "--steps", "1000", "--every", "1000"], tmp_path)
    assert result["finished"] is False
    for learner in result["learners"].values():
        episodes = learner["episodes"]
        assert 0 < episodes < 100
        name = f"mean_return_last_{episodes}"
        assert [k for k in learner if k.startswith("mean_return")] == [name, f"{name}_se", f"{name}_runs"]


def test_run_help_says_what_a_step_is_for_every_panel(capsys):
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    lines = capsys.readouterr().out.splitlines()
    for spec in registry.panels():
        mine = [line for line in lines if line.split()[:1] == [spec.key]]
        assert len(mine) == 1, spec.key
        assert len(mine[0].split()) > 3  # a description, not just the name


def _imports_torch(preset: str, tmp_path) -> bool:
    """Run the CLI on ``preset`` for 2 steps in a fresh interpreter; did it import torch?"""
    code = ("import sys\nfrom playground import cli\n"
            f"assert cli.main(['run', {preset!r}, '--steps', '2', '--out', {str(tmp_path)!r}]) == 0\n"
            "print('torch' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("preset", ["bandits/ucb_bonus", "mdp/seed_3state_mdp", "mdp/cliff_sarsa_vs_q_learning"])
def test_numpy_panels_run_without_importing_torch(preset, tmp_path):
    assert not _imports_torch(preset, tmp_path)


def test_a_torch_panel_still_imports_torch(tmp_path):
    """The control for the test above: the check does see torch when an engine needs it."""
    assert _imports_torch("mdp/dqn_cartpole", tmp_path)
