"""The bidirectional mode: tags and causal ceilings in closed form, who sees the future, chunking, the lessons."""

import json

import numpy as np
import pytest
import torch

from playground.engine import RunContext, build_engine
from playground.language import bidir_tasks as tasks
from playground.language.bidirectional import BidirectionalEngine, Tagger, one_hot
from playground.language.config import LanguageConfig
from playground.language.snapshots import SNAPSHOT_TYPES
from playground.presets import load_preset, presets_dir

torch.set_num_threads(1)
FOLDER = presets_dir() / "language"


def _config(**fields):
    return LanguageConfig(mode="bidirectional", **fields)


# The tasks and their ceilings ------------------------------------------------------------------------
def test_tags_by_hand():
    tokens = np.array([[3, 1, 3, 0, 1, 5]])
    assert tasks.tags("token_ahead", tokens).tolist() == [[3, 0, 1, 5, 8, 8]]
    assert tasks.tags("token_behind", tokens).tolist() == [[8, 8, 3, 1, 3, 0]]
    assert tasks.tags("last_token", tokens).tolist() == [[5] * 6]
    assert tasks.tags("repeats_later", tokens).tolist() == [[1, 1, 0, 0, 0, 0]]


def test_causal_ceiling_closed_form():
    T = 12
    ahead = tasks.causal_ceiling("token_ahead", T)
    assert ahead[:10].tolist() == [0.125] * 10 and ahead[10:].tolist() == [1.0, 1.0]
    assert tasks.causal_ceiling("last_token", T).mean() == pytest.approx((11 / 8 + 1) / 12)
    assert tasks.causal_ceiling("token_behind", T).tolist() == [1.0] * T
    repeats = tasks.causal_ceiling("repeats_later", T)
    p1 = 1 - (7 / 8) ** 11
    assert repeats[0] == pytest.approx(max(p1, 1 - p1)) and repeats[0] == pytest.approx(0.7698, abs=1e-4)
    assert repeats[6] == pytest.approx((7 / 8) ** 5) and repeats[-1] == 1.0
    assert repeats.mean() == pytest.approx(0.703, abs=5e-4)  # the figure the lesson quotes


def test_causal_ceiling_is_what_the_best_causal_rule_scores():
    """Predict 1 where p_t > 1/2 (the Bayes rule on the past): its accuracy on many sequences is the ceiling."""
    rng = np.random.default_rng(5)
    tokens, tags = tasks.make_batch("repeats_later", 12, 200_000, rng)
    p = 1 - (7 / 8) ** (12 - np.arange(1, 13))
    guess = (p > 0.5).astype(int)
    measured = (tags == guess).mean(0)
    assert np.allclose(measured, tasks.causal_ceiling("repeats_later", 12), atol=0.005)


def test_unknown_task_and_too_large_config_are_refused():
    with pytest.raises(ValueError, match="unknown tagging task"):
        tasks.classes("palindrome")
    with pytest.raises(ValueError, match="too large to train live"):
        _config(bi_cell="lstm", bi_hidden=128, bi_seq_len=64, bi_batch=512)


# Who sees the future ---------------------------------------------------------------------------------
@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_bidirectional_output_depends_on_the_future_and_forward_does_not(cell):
    torch.manual_seed(0)
    T, t = 10, 3
    tokens = np.random.default_rng(0).integers(0, 8, size=(4, T))
    changed = tokens.copy()
    changed[:, t + 2] = (changed[:, t + 2] + 3) % 8  # a token after t
    for bidirectional, moves in ((False, False), (True, True)):
        tagger = Tagger(cell, 16, 9, bidirectional)
        with torch.no_grad():
            before, after = tagger(one_hot(tokens, "cpu")), tagger(one_hot(changed, "cpu"))
        up_to_t = (after[: t + 1] - before[: t + 1]).abs().max().item()
        assert (up_to_t > 1e-4) == moves, (cell, bidirectional, up_to_t)
        assert (after[t + 2:] - before[t + 2:]).abs().max().item() > 1e-4  # the changed step itself moves


@pytest.mark.parametrize("cell", ["rnn", "gru", "lstm"])
def test_unrolled_states_are_torchs_fused_layer(cell):
    torch.manual_seed(1)
    tagger = Tagger(cell, 8, 2, bidirectional=True)
    x = one_hot(np.random.default_rng(1).integers(0, 8, size=(3, 7)), "cpu")
    with torch.no_grad():
        fused = tagger(x)
        unrolled, forward, backward = tagger.unrolled(x)
        states = tagger.rnn(x)[0]
    assert torch.allclose(fused, unrolled, atol=1e-5)
    assert torch.allclose(states[..., :8], torch.stack(forward), atol=1e-5)
    assert torch.allclose(states[..., 8:], torch.stack(backward), atol=1e-5)


def test_gradient_through_time_of_the_last_forward_state_is_only_its_own_output():
    """dL/dH_T of the forward direction: nothing comes after T, so it is the head's gradient at T alone."""
    engine = BidirectionalEngine(_config(bi_seq_len=6, bi_eval_every=5, bi_max_steps=5), RunContext(seed=0))
    tagger = engine.taggers["forward"]
    scores, forward, _ = tagger.unrolled(engine.test_x)
    loss = torch.nn.functional.cross_entropy(scores.reshape(-1, scores.shape[-1]), engine.test_y.reshape(-1))
    last = torch.autograd.grad(loss, forward[-1])[0]
    probs = torch.softmax(scores[-1].detach(), -1)
    probs[torch.arange(probs.shape[0]), engine.test_y[-1]] -= 1
    by_hand = probs @ tagger.head.weight.detach() / scores.shape[0] / scores.shape[1]
    assert torch.allclose(last, by_hand, atol=1e-7)
    assert engine.snapshot().arrays["grad/forward"][-1] == pytest.approx(float(torch.linalg.vector_norm(by_hand)),
                                                                          rel=1e-5)


# The engine ------------------------------------------------------------------------------------------
def test_chunking_does_not_change_the_run():
    config = _config(bi_task="token_ahead", bi_seq_len=6, bi_hidden=8, bi_max_steps=30, bi_eval_every=7)
    one = BidirectionalEngine(config, RunContext(seed=3))
    one.advance(30)
    many = BidirectionalEngine(config, RunContext(seed=3))
    for n in (1, 6, 2, 13, 100):
        many.advance(n)
    a, b = one.snapshot(), many.snapshot()
    assert a.step == b.step == 30 and one.finished
    assert a.metrics == b.metrics
    for name in a.arrays:
        assert np.array_equal(a.arrays[name], b.arrays[name]), name
    assert a.arrays["hist_step"].tolist() == [0, 7, 14, 21, 28, 30]


def test_snapshot_matches_its_type_and_the_held_out_set_is_kept_apart():
    engine = BidirectionalEngine(_config(bi_max_steps=3), RunContext(seed=0))
    snap = engine.snapshot()
    assert SNAPSHOT_TYPES["language.bidirectional"].check(snap) == []
    train = tasks.make_batch("token_ahead", 12, 64, np.random.default_rng([0, 0]))[0]
    held_out = engine.test_tokens
    assert not (train[:, None, :] == held_out[None, :, :]).all(-1).any()  # no held-out sequence in a batch
    assert snap.arrays["hidden_f"].shape == snap.arrays["hidden_b"].shape == (12, 32)


# The lessons -----------------------------------------------------------------------------------------
def _run_lesson(name):
    preset = load_preset(FOLDER / f"{name}.json")
    engine = build_engine(preset.model_copy(update={"device": "cpu"}))
    engine.advance(preset.config.bi_max_steps)
    assert engine.finished
    return preset, engine.snapshot()


def test_bidirectional_sees_the_future_lesson():
    preset, snap = _run_lesson("bidirectional_sees_the_future")
    m = snap.metrics
    assert m["causal_ceiling"] == pytest.approx(0.703, abs=5e-4)
    assert m["test_acc_bidir"] > 0.98  # the notes: 1.000
    assert abs(m["test_acc_forward"] - m["causal_ceiling"]) < 0.03  # the notes: 0.691, stuck at the ceiling
    assert m["test_acc_bidir"] - m["test_acc_forward"] > 0.25
    forward, ceiling = snap.arrays["pos_acc/forward"], snap.arrays["ceiling_t"]
    assert np.all(forward < ceiling + 0.06)  # no position beats the causal rule by more than noise
    assert forward[5:7].mean() < forward[0] and forward[5:7].mean() < 0.6  # worst in the middle, as p_t says
    assert "**0.703**" in preset.notes and "**1.000**" in preset.notes and f"**{m['test_acc_forward']:.3f}**" in \
        preset.notes


def test_past_only_lesson_both_succeed():
    preset, snap = _run_lesson("past_only_both_succeed")
    assert snap.metrics["causal_ceiling"] == 1.0
    assert snap.metrics["test_acc_forward"] > 0.99 and snap.metrics["test_acc_bidir"] > 0.99
    # the backward direction carries nothing the tags need: less gradient reaches it than the forward one
    assert snap.arrays["grad/bidir_b"].sum() < snap.arrays["grad/bidir_f"].sum()
    assert "**1.000**" in preset.notes


def test_result_json_is_finite(tmp_path):
    engine = BidirectionalEngine(_config(bi_max_steps=2), RunContext(seed=0))
    engine.advance(2)
    result = json.loads(json.dumps(engine.result()))
    assert all(np.isfinite(v) for v in result["metrics"].values())
    assert len(result["tables"]["pos_acc_bidir"]) == 12
