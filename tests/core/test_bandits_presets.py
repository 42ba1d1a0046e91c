"""Every shipped Bandits preset loads, runs, and teaches what its notes say (fewer runs, same seed)."""

import csv
import json
import re

import pytest

from playground import cli, presets
from playground.bandits import lessons, theory
from playground.bandits.engine import make_engine
from playground.engine import RunContext, run

PRESET_DIR = presets.presets_dir() / "bandits"
STEMS = sorted(lessons.LESSONS)


def engine_for(stem, runs=300, steps=None):
    preset = presets.load_preset(PRESET_DIR / f"{stem}.json")
    cfg = preset.config.model_copy(update={"runs": min(runs, preset.config.runs)})
    engine = make_engine(cfg, RunContext(seed=preset.seed))
    engine.advance(steps or cfg.horizon)
    return engine


def late(engine, name, i, last=200):
    return float(engine.snapshot().arrays[f"{name}_{i}"][-last:].mean())


@pytest.mark.parametrize("stem", STEMS)
def test_preset_loads_and_runs(stem):
    preset = presets.load_preset(PRESET_DIR / f"{stem}.json")
    assert preset.panel == "bandits" and preset.notes and "$" in preset.notes
    gen = run(make_engine(preset.config.model_copy(update={"runs": 20}), RunContext(seed=preset.seed)))
    next(gen)
    snap = gen.send(5)
    assert snap.step == 5 and snap.divergence() is None
    json.dumps(make_engine(preset.config.model_copy(update={"runs": 5}), RunContext()).result())


def test_etc_lesson():
    assert theory.etc_best_m(0.5, 2000) == 78  # the number in the notes
    e = engine_for("etc_commitment")
    snap = e.snapshot()
    best, early, late_m = (snap.arrays[f"regret_{i}"][-1] for i in range(3))
    assert best < early and best < late_m
    assert late_m == pytest.approx(400 * 0.5)  # exploring 400 times each costs m * Delta exactly
    assert best < snap.arrays["bound_etc"][-1]


def test_optimism_lesson():
    e = engine_for("optimistic_initial_values")
    assert late(e, "optimal", 0) > late(e, "optimal", 1) > late(e, "optimal", 2)


def test_thompson_lesson():
    e = engine_for("thompson_sampling")
    regrets = [e.snapshot().arrays[f"regret_{i}"][-1] for i in range(4)]
    assert regrets[0] == min(regrets)


def test_nonstationary_lesson():
    e = engine_for("nonstationary_constant_step", runs=200, steps=3000)
    assert late(e, "optimal", 1, 500) > late(e, "optimal", 0, 500) + 10


def test_ucb_lesson():
    e = engine_for("ucb_bonus")
    regrets = [e.snapshot().arrays[f"regret_{i}"][-1] for i in range(5)]
    assert regrets[2] > regrets[1] > regrets[0]  # c = 5 pays most for exploring
    assert max(regrets[:2]) < regrets[4]  # UCB beats epsilon-greedy


CLI_ROW = re.compile(r"`python -m playground run bandits/(\w+) --steps (\d+)`.*?`metrics\.csv` at step (\d+)")
QUOTE = re.compile(r"`([a-z0-9_]+)` = (-?\d+(?:\.(\d+))?)")


def quoted_numbers(notes: str) -> list[tuple[str, int, int, str, str]]:
    """(stem, steps, row step, column, value as written) for every CLI number a note quotes."""
    out, where = [], None
    for line in notes.splitlines():
        found = CLI_ROW.search(line)
        if found:
            where = (found[1], int(found[2]), int(found[3]))
        for quote in QUOTE.finditer(line):
            assert where, f"{quote[0]} is quoted before the note says which run and step it comes from"
            out.append((*where, quote[1], quote[2]))
    return out


@pytest.mark.slow  # runs every lesson at full size through the CLI: about 20 s on two cores
@pytest.mark.parametrize("stem", STEMS)
def test_notes_quote_what_the_cli_writes(stem, tmp_path):
    notes = presets.load_preset(PRESET_DIR / f"{stem}.json").notes
    quotes = quoted_numbers(notes)
    assert len(quotes) >= 3, "each lesson quotes the CLI's numbers for what it teaches"
    rows = {}
    for quoted_stem, steps, _, _, _ in quotes:
        assert quoted_stem == stem
        if steps not in rows:
            out = tmp_path / str(steps)
            assert cli.main(["run", f"bandits/{stem}", "--steps", str(steps), "--out", str(out)]) == 0
            with open(out / "metrics.csv", newline="", encoding="utf-8") as handle:
                rows[steps] = {int(row["step"]): row for row in csv.DictReader(handle)}
    for _, steps, step, column, text in quotes:
        written = float(rows[steps][step][column])
        decimals = len(text.partition(".")[2])
        assert abs(written - float(text)) <= 0.5 * 10 ** -decimals + 1e-9, \
            f"{stem}: the note says {column} = {text} at step {step}, metrics.csv has {written}"


@pytest.mark.parametrize("stem", STEMS)
def test_chinese_notes_quote_the_same_cli_numbers(stem):
    preset = presets.load_preset(PRESET_DIR / f"{stem}.json")
    english = sorted(QUOTE.findall(preset.notes))
    assert english and sorted(QUOTE.findall(preset.notes_zh)) == english
    assert f"bandits/{stem} --steps" in preset.notes_zh
