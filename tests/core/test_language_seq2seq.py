"""The seq2seq mode: additive attention, the date task, beam search, the engine and its lessons."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from playground.attention.decoding import final_score  # noqa: E402
from playground.engine import RunContext  # noqa: E402
from playground.language import dates  # noqa: E402
from playground.language.config import LanguageConfig  # noqa: E402
from playground.language.lessons import LESSONS  # noqa: E402
from playground.language.seq2seq import Seq2Seq, additive_attention, attention_entropy  # noqa: E402
from playground.language.seq2seq_engine import Seq2SeqEngine  # noqa: E402


def small(**fields) -> LanguageConfig:
    base = dict(mode="seq2seq", seq2seq_hidden=16, seq2seq_batch=8, seq2seq_steps=6, seq2seq_eval_every=2)
    return LanguageConfig(**{**base, **fields})


def test_additive_attention_weights_sum_to_one_and_equal_a_hand_computation():
    torch.manual_seed(1)
    hidden, T = 4, 5
    W_q, W_k = torch.nn.Linear(hidden, hidden, bias=False), torch.nn.Linear(hidden, hidden, bias=False)
    w_v = torch.nn.Linear(hidden, 1, bias=False)
    s, h = torch.randn(2, hidden), torch.randn(2, T, hidden)
    mask = torch.tensor([[True] * 5, [True, True, True, False, False]])
    with torch.no_grad():
        context, alpha = additive_attention(s, W_k(h), h, mask, W_q, w_v)
    assert torch.allclose(alpha.sum(-1), torch.ones(2))
    assert alpha[1, 3:].tolist() == [0.0, 0.0]  # padding gets weight exactly 0
    Wq, Wk, wv = (m.weight.detach().numpy().astype(float) for m in (W_q, W_k, w_v))
    for b, length in ((0, 5), (1, 3)):
        sb, hb = s[b].numpy().astype(float), h[b, :length].numpy().astype(float)
        e = np.array([(wv @ np.tanh(Wq @ sb + Wk @ ht)).item() for ht in hb])  # e_t = w_v^T tanh(W_q s + W_k h_t)
        a = np.exp(e) / np.exp(e).sum()
        assert np.allclose(alpha[b, :length].numpy(), a, atol=1e-6)
        assert np.allclose(context[b].numpy(), a @ hb, atol=1e-6)  # c = sum_t alpha_t h_t


def test_attention_entropy_of_uniform_and_one_hot_rows():
    uniform = torch.full((1, 1, 4), 0.25)
    one_hot = torch.tensor([[[0.0, 1.0, 0.0, 0.0]]])
    assert attention_entropy(uniform).item() == pytest.approx(math.log(4))
    assert attention_entropy(one_hot).item() == pytest.approx(0.0)


def test_date_pairs_and_the_held_out_split():
    import datetime as dt

    date = dt.date(2021, 3, 5)
    assert dates.source_tokens(date, 0) == ["march", "5", "2", "0", "2", "1"]
    assert dates.source_tokens(date, 1) == ["5", "march", "2", "0", "2", "1"]
    assert dates.source_tokens(date, 2) == ["march", "5", ",", "2", "0", "2", "1"]
    assert "".join(dates.target_tokens(date)[:-1]) == "2021-03-05"
    train, held_out = dates.split()
    assert len(held_out) == dates.HELD_OUT
    assert not set(held_out) & set(train)
    assert len(train) + len(held_out) == 3 * len(dates.all_dates())


def test_unknown_tokens_are_named_and_skipped():
    known, unknown, message = dates.tokenize("Marhc 5 2021 !")
    assert known == ["5", "2", "0", "2", "1"]
    assert unknown == ["marhc", "!"]
    assert "marhc" in message
    assert dates.tokenize("")[2].startswith("no known tokens")


def test_unknown_tokens_reach_the_snapshot_and_training_goes_on():
    engine = Seq2SeqEngine(small(sentence="march 5 2021"), RunContext(seed=0))
    engine.advance(2)
    engine.set_sentence("blorp 5 march 2021")
    engine.set_sentence(None)  # not text: an empty sentence, no exception
    engine.set_sentence("blorp 5 march 2021")
    snap = engine.snapshot()
    assert snap.tables["unknown"] == ["blorp"]
    assert snap.tables["source_tokens"] == ["5", "march", "2", "0", "2", "1"]
    assert "blorp" in snap.tables["message"]
    assert snap.arrays["alignment"].shape[1] == 6
    engine.set_sentence("nothing known")
    snap = engine.snapshot()
    assert snap.arrays["alignment"].shape == (0, 0) and snap.tables["beam"]["best"] == ""
    engine.advance(2)
    assert engine.step == 4


def test_alignment_rows_sum_to_one():
    engine = Seq2SeqEngine(small(), RunContext(seed=0))
    engine.advance(2)
    alignment = engine.snapshot().arrays["alignment"]
    assert alignment.shape[1] == len(dates.tokenize("march 5 2021")[0])
    assert np.allclose(alignment.sum(1), 1.0, atol=1e-5)


def test_beam_width_one_equals_greedy_decoding():
    engine = Seq2SeqEngine(small(beam_width=1, sentence="june 17 1987"), RunContext(seed=3))
    engine.advance(4)
    snap = engine.snapshot()
    assert snap.tables["beam"]["best"] == snap.tables["greedy"]["best"]
    # and both equal the model's own greedy decoding (argmax at every step), cut at <eos>
    assert snap.tables["greedy"]["best"] == snap.tables["output_attn"]
    assert snap.metrics["beam_logp"] == pytest.approx(snap.metrics["greedy_logp"])


def test_length_penalty_score_is_log_p_over_length_to_the_alpha():
    assert final_score(-2.0, 4, 0.75) == pytest.approx(-2.0 / 4 ** 0.75)
    assert final_score(-2.0, 4, 0.0) == -2.0
    engine = Seq2SeqEngine(small(length_alpha=1.3), RunContext(seed=0))
    engine.advance(1)
    for row in engine.snapshot().tables["beam"]["candidates"]:
        assert row["score"] == pytest.approx(row["logp"] / row["length"] ** 1.3)


def test_chunking_does_not_change_the_run():
    a = Seq2SeqEngine(small(), RunContext(seed=5))
    b = Seq2SeqEngine(small(), RunContext(seed=5))
    a.advance(6)
    for n in (1, 2, 3):
        b.advance(n)
    sa, sb = a.snapshot(), b.snapshot()
    for name in ("hist_loss_attn", "hist_exact_plain", "hist_grad_attn", "hist_entropy", "alignment"):
        np.testing.assert_array_equal(sa.arrays[name], sb.arrays[name])
    assert sa.tables["beam"] == sb.tables["beam"]


def test_both_models_start_from_the_same_shared_weights():
    engine = Seq2SeqEngine(small(), RunContext(seed=0))
    attn, plain = (engine.trainees[n].model for n in ("attn", "plain"))
    assert torch.equal(attn.encoder.weight_hh_l0, plain.encoder.weight_hh_l0)
    assert isinstance(attn, Seq2Seq) and attn.attention and not plain.attention


def test_lesson_attention_beats_no_attention_on_held_out_exact_match():
    """The lesson's claim, headless through playground.engine, as the app and the CLI run it."""
    from playground.engine import build_engine, run
    from playground.language.lessons import build

    engine = build_engine(build("seq2seq_attention_vs_none"))
    gen = run(engine)
    snap = next(gen)
    while not snap.done:
        snap = gen.send(50)
    assert snap.step == LESSONS["seq2seq_attention_vs_none"]["config"]["seq2seq_steps"]
    assert snap.metrics["exact_attn"] > 0.8
    assert snap.metrics["exact_attn"] > snap.metrics["exact_plain"] + 0.2
    assert snap.tables["output_attn"] == "2021-03-05"


def test_lesson_beam_search_finds_a_likelier_output_than_greedy():
    """The beam lesson's figures: after 40 steps (seed 0) greedy and beam k = 4 disagree on 'march 2021'."""
    from playground.engine import build_engine
    from playground.language.lessons import build

    engine = build_engine(build("beam_search_length_penalty"))
    engine.advance(engine.natural_length())
    snap = engine.snapshot()
    assert snap.tables["greedy"]["best"] == "2021-03-23"
    assert snap.tables["beam"]["best"] == "2012-03-23"
    assert snap.metrics["beam_logp"] > snap.metrics["greedy_logp"]
    assert {row["length"] for row in snap.tables["beam"]["candidates"]} == {11}  # why alpha changes nothing here
