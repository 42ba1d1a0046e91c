"""The language panel's char_lm mode: perplexity, the Laplace n-gram baselines, minibatch sampling,
clipping, chunking, the lessons' figures, bad corpus files and prompts the model cannot read."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest
import torch

from playground.engine import EngineError, RunContext, build_engine, run
from playground.language import char_corpus as cc
from playground.language.char_lm import CharLMEngine, grad_norm_and_clip
from playground.language.config import LanguageConfig
from playground.presets import load_preset, shipped_presets

SMALL = dict(char_hidden=16, char_batch=4, char_seq_len=8, char_eval_every=3, char_max_steps=0, sample_length=20)


def small_engine(**overrides) -> CharLMEngine:
    torch.manual_seed(0)
    return CharLMEngine(LanguageConfig(**{**SMALL, **overrides}), RunContext(seed=0))


# --- the formulas ---------------------------------------------------------------------------------

def test_perplexity_is_exp_of_the_mean_nll():
    # probabilities 1/2 and 1/8 of the true characters: exp((ln 2 + ln 8) / 2) = sqrt(16) = 4
    assert cc.perplexity(np.array([math.log(2), math.log(8)])) == pytest.approx(4.0)
    # a uniform guess over V characters has perplexity V
    assert cc.perplexity(np.full(7, math.log(62))) == pytest.approx(62.0)


def test_laplace_unigram_and_bigram_against_hand_counts():
    corpus = cc.make_corpus("abab" + "c", "tiny")  # ids a=0 b=1 c=2
    ids = corpus.ids
    uni = cc.unigram_probs(ids, 3)
    # n(a)=2, n(b)=2, n(c)=1, n=5, V=3: (n(x)+1)/(n+V)
    assert uni == pytest.approx([3 / 8, 3 / 8, 2 / 8])
    bi = cc.bigram_probs(ids, 3)
    # pairs ab, ba, ab, bc: from a: n(a,b)=2 of n(a)=2; from b: n(b,a)=1, n(b,c)=1 of 2; from c: none
    assert bi[0] == pytest.approx([1 / 5, 3 / 5, 1 / 5])
    assert bi[1] == pytest.approx([2 / 5, 1 / 5, 2 / 5])
    assert bi[2] == pytest.approx([1 / 3, 1 / 3, 1 / 3])
    assert bi.sum(axis=1) == pytest.approx(np.ones(3))


def test_clipping_scales_the_gradient_to_theta_and_reports_the_norm_before():
    p = torch.nn.Parameter(torch.zeros(2))
    p.grad = torch.tensor([3.0, 4.0])  # ||g|| = 5
    assert float(grad_norm_and_clip([p], 1.0)) == pytest.approx(5.0)
    assert p.grad.tolist() == pytest.approx([0.6, 0.8], rel=1e-5)  # min(1, 1/5) g
    p.grad = torch.tensor([3.0, 4.0])
    assert float(grad_norm_and_clip([p], 0.0)) == pytest.approx(5.0)  # theta 0: off
    assert p.grad.tolist() == [3.0, 4.0]
    p.grad = torch.tensor([0.3, 0.4])
    grad_norm_and_clip([p], 1.0)  # below theta: unchanged
    assert p.grad.tolist() == pytest.approx([0.3, 0.4])


# --- minibatches ----------------------------------------------------------------------------------

def test_random_minibatches_are_disjoint_pieces_with_shifted_targets():
    ids = np.arange(1000)
    batches = cc.Batches(ids, batch=4, steps=10, sampling="random", rng=np.random.default_rng(0))
    seen = []
    x, y = batches.next()
    assert batches.starts_epoch
    while True:
        assert (y == x + 1).all() and (np.diff(x, axis=1) == 1).all()
        seen.extend(x[:, 0].tolist())
        if not batches.queue:
            break
        x, y = batches.next()
    offset = seen[0] % 10
    assert sorted(seen) == sorted(set(seen)) and all(s % 10 == offset for s in seen)


def test_sequential_minibatches_continue_each_row():
    ids = np.arange(1000)
    batches = cc.Batches(ids, batch=4, steps=10, sampling="sequential", rng=np.random.default_rng(0))
    x1, _ = batches.next()
    x2, y2 = batches.next()
    assert not batches.starts_epoch
    assert (x2[:, 0] == x1[:, -1] + 1).all()  # row i of minibatch 2 continues row i of minibatch 1
    assert (y2 == x2 + 1).all()


def test_too_short_a_text_for_one_minibatch_is_a_message():
    batches = cc.Batches(np.arange(50), batch=8, steps=10, sampling="random", rng=np.random.default_rng(0))
    with pytest.raises(EngineError, match="too short for one minibatch"):
        batches.next()


# --- the engine -----------------------------------------------------------------------------------

def test_advance_in_chunks_equals_one_advance():
    a, b = small_engine(char_sampling="sequential"), small_engine(char_sampling="sequential")
    a.advance(3)
    a.snapshot()  # a sample and the read-back between chunks change nothing
    a.advance(4)
    b.advance(7)
    sa, sb = a.snapshot(), b.snapshot()
    for name in ("hist_train_ppl", "hist_grad_norm", "eval_ppl"):
        assert np.array_equal(sa.arrays[name], sb.arrays[name])
    for pa, pb in zip(a.model.parameters(), b.model.parameters()):
        assert torch.equal(pa, pb)
    assert sa.tables["sample"] == sb.tables["sample"]


def test_the_baselines_are_the_shipped_texts_figures():
    engine = small_engine()
    snap = engine.snapshot()
    assert snap.metrics["vocab_size"] == 62
    assert snap.metrics["unigram_ppl"] == pytest.approx(27.61, abs=0.01)
    assert snap.metrics["bigram_ppl"] == pytest.approx(12.08, abs=0.01)
    # untrained: close to the uniform guess, perplexity ~ V
    assert snap.metrics["held_out_ppl"] == pytest.approx(62, rel=0.1)


def _finish(path):
    preset = load_preset(path)
    gen = run(build_engine(preset))
    snap = next(gen)
    while not snap.done:
        snap = gen.send(50)
    return snap


def _lesson(name):
    return next(p for p in shipped_presets() if p.parent.name == "language" and p.stem == name)


def test_gru_lesson_beats_the_bigram_baseline():
    snap = _finish(_lesson("char_gru_perplexity"))
    assert snap.step == 150
    assert snap.metrics["held_out_ppl"] < snap.metrics["bigram_ppl"] < snap.metrics["unigram_ppl"]
    assert snap.metrics["held_out_ppl"] == pytest.approx(7.3, abs=0.1)  # the notes' figure
    assert np.isfinite(snap.arrays["eval_ppl"]).all() and len(snap.arrays["eval_ppl"]) == 4  # steps 0, 50, 100, 150


@pytest.mark.slow
def test_sequential_lesson_carried_state_beats_reset_and_random():
    preset = load_preset(_lesson("char_sequential_vs_random"))
    scores = {}
    for label, change in {"carried": {}, "reset": {"char_carry_state": False},
                          "random": {"char_sampling": "random"}}.items():
        config = preset.config.model_copy(update=change)
        snap = _finish_config(preset.model_copy(update={"config": config}))
        scores[label] = snap.metrics["held_out_ppl"]
    assert scores["carried"] < scores["reset"] < scores["random"]
    assert scores == pytest.approx({"carried": 8.5, "reset": 8.8, "random": 9.1}, abs=0.06)  # the notes' figures


def _finish_config(preset):
    gen = run(build_engine(preset))
    snap = next(gen)
    while not snap.done:
        snap = gen.send(100)
    return snap


# --- what a person can get wrong ------------------------------------------------------------------

def test_unknown_prompt_characters_are_named_and_skipped_and_training_goes_on():
    engine = small_engine()
    engine.advance(2)
    engine.set_prompt("Hé 中!")
    snap = engine.snapshot()
    assert snap.tables["unknown"] == "é中"
    assert "'é'" in snap.tables["message"] and "'中'" in snap.tables["message"]
    assert snap.tables["prompt_used"] == "H !"
    engine.advance(2)
    assert engine.snapshot().step == 4
    engine.set_prompt("中中")  # nothing readable: starts after a newline, says so
    snap = engine.snapshot()
    assert snap.tables["prompt_used"] == "\n" and "nothing of the prompt" in snap.tables["message"]
    assert len(snap.tables["sample"]) == 20


def test_bad_live_values_keep_the_old_ones_with_a_message():
    engine = small_engine()
    engine.set_temperature("warm")
    assert "not a number" in engine.snapshot().tables["message"] and engine.temperature == 1.0
    engine.set_temperature(0.5)
    assert engine.snapshot().tables["message"] == "" and engine.temperature == 0.5


def test_greedy_samples_the_argmax_and_ignores_the_temperature():
    engine = small_engine(greedy=True)
    engine.advance(5)
    first = engine.snapshot().tables["sample"]
    engine.set_temperature(3.0)
    assert engine.snapshot().tables["sample"] == first
    probs = engine.snapshot().arrays["top_probs"]
    assert (np.diff(probs, axis=1) <= 0).all()  # sorted, largest first
    assert first[0] == engine.snapshot().tables["top_chars"][0][0]


def test_live_fields_name_engine_methods():
    for method in LanguageConfig.LIVE.values():
        if method in ("set_prompt", "set_temperature", "set_greedy", "set_sample_length"):
            assert callable(getattr(CharLMEngine, method))


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"\x00\x01\x02binary" * 200, "looks binary"),
    (b"\xff\xfe" + "x".encode() * 2000, "not UTF-8"),
    (b"short text", "too short"),
])
def test_bad_corpus_files_are_messages(tmp_path, content, message):
    path = tmp_path / "corpus.txt"
    path.write_bytes(content)
    with pytest.raises(EngineError, match=message):
        small_engine(corpus_path=str(path))


def test_a_100_mb_corpus_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(100_000_000)  # sparse: costs no disk
    with pytest.raises(EngineError, match="too big"):
        cc.load_corpus(str(path))


def test_a_missing_corpus_or_a_folder_is_a_message(tmp_path):
    with pytest.raises(EngineError, match="not found"):
        cc.load_corpus(str(tmp_path / "nothing.txt"))
    with pytest.raises(EngineError, match="directory"):
        cc.load_corpus(str(tmp_path))


def test_a_users_corpus_trains(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("the cat sat on the mat. " * 200, encoding="utf-8")
    engine = small_engine(corpus_path=str(path), prompt="the ")
    engine.advance(3)
    snap = engine.snapshot()
    assert snap.metrics["vocab_size"] == len(set("the cat sat on the mat. "))
    assert snap.tables["corpus"].startswith("mine.txt")


def test_corpus_path_is_a_data_path_field():
    from playground.data_paths import data_fields
    from playground.presets import new_preset

    preset = new_preset("language", title="t", config={"mode": "char_lm", "corpus_path": "text.txt"})
    assert data_fields(preset) == {"corpus_path": "text.txt"}


def test_a_model_too_large_to_train_live_is_refused():
    with pytest.raises(ValueError, match="too large to train live"):
        LanguageConfig(char_cell="lstm", char_hidden=512, char_layers=3, char_batch=256, char_seq_len=256)
    assert os.path.getsize(cc.SHIPPED) < 300_000  # the shipped corpus stays small
