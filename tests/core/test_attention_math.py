"""The attention panel's math against hand computations, closed forms and invariants."""

import math

import numpy as np
import pytest
import torch

from playground.attention import decoding, positional, scoring
from playground.attention.config import AttentionConfig, check_function
from playground.attention.kernel_regression import evaluate_function, nw_estimate, nw_weights
from playground.attention.transformer import MultiHeadSelfAttention, TinyTransformer, make_batch
from playground.engine import EngineError
from playground.optim.formula import FormulaError

torch.set_num_threads(1)


# Nadaraya-Watson ---------------------------------------------------------------------------------
def test_nw_estimator_equals_a_hand_computation():
    keys = torch.tensor([0.0, 1.0, 3.0], dtype=torch.float64)
    values = torch.tensor([1.0, 2.0, 5.0], dtype=torch.float64)
    query = torch.tensor([1.5], dtype=torch.float64)
    # w = 1: scores -(1.5)^2/2, -(0.5)^2/2, -(1.5)^2/2 = -1.125, -0.125, -1.125
    e1, e2 = math.exp(-1.125), math.exp(-0.125)
    alpha = [e1 / (2 * e1 + e2), e2 / (2 * e1 + e2), e1 / (2 * e1 + e2)]
    expected = alpha[0] * 1 + alpha[1] * 2 + alpha[2] * 5
    assert float(nw_estimate(query, keys, values, 1.0)[0]) == pytest.approx(expected, abs=1e-14)
    assert alpha[1] == pytest.approx(0.5761168847658291, abs=1e-15)  # e^-0.125 / (e^-0.125 + 2 e^-1.125)
    assert expected == pytest.approx(2.4239, abs=1e-4)
    # w = 2 is the seed's kernel on (x - x_i) * 2
    w2 = nw_weights(query, keys, 2.0)[0].numpy()
    s = np.exp(-np.array([1.5, 0.5, 1.5]) ** 2 * 4 / 2)
    np.testing.assert_allclose(w2, s / s.sum(), atol=1e-15)


def test_nw_weights_sum_to_one_and_leave_one_out_masks_the_diagonal():
    gen = torch.Generator().manual_seed(0)
    x = torch.rand(20, generator=gen, dtype=torch.float64) * 5
    w = nw_weights(x, x, 3.0, exclude_self=True)
    np.testing.assert_allclose(w.sum(1).numpy(), 1.0, atol=1e-12)
    assert (torch.diagonal(w) == 0).all()
    full = nw_weights(torch.linspace(0, 5, 7, dtype=torch.float64), x, 0.7)
    np.testing.assert_allclose(full.sum(1).numpy(), 1.0, atol=1e-12)
    assert (full > 0).all()


def test_typed_functions_are_parsed_safely():
    x = np.array([0.0, 1.0, 4.0])
    np.testing.assert_allclose(evaluate_function("2*sin(x) + x^0.8", x), 2 * np.sin(x) + x ** 0.8)
    for bad in ("__import__('os')", "x.real", "y + x", "2x"):
        with pytest.raises(FormulaError):
            check_function(bad)
        with pytest.raises(ValueError):
            AttentionConfig(function=bad)
    with pytest.raises(EngineError, match="not a finite number at x = 0"):
        evaluate_function("log(x)", x)


# Scoring -------------------------------------------------------------------------------------------
def test_masking_gives_padded_keys_zero_weight_and_rows_sum_to_one():
    gen = torch.Generator().manual_seed(1)
    scores = torch.randn(3, 5, 8, generator=gen) * 10
    p = scoring.masked_softmax(scores, torch.tensor([2, 5, 1]))
    np.testing.assert_allclose(p.sum(-1).numpy(), 1.0, atol=1e-6)
    assert (p[0, :, 2:] == 0).all() and (p[2, :, 1:] == 0).all() and (p[2, :, 0] == 1).all()
    assert (p[1, :, :5] > 0).all() and (p[1, :, 5:] == 0).all()
    # masked keys get 0 whatever their score; the rest are the softmax of the kept scores
    q = scoring.masked_softmax(scores[0], 2)
    torch.testing.assert_close(q[:, :2], torch.softmax(scores[0, :, :2], -1))


def test_scaled_dot_product_keeps_unit_variance():
    gen = torch.Generator().manual_seed(2)
    for d in (4, 64, 512):
        q = torch.randn(2000, d, generator=gen, dtype=torch.float64)
        k = torch.randn(2000, d, generator=gen, dtype=torch.float64)
        raw = (q * k).sum(1)
        assert float(raw.var()) == pytest.approx(d, rel=0.1)
        assert float((raw / math.sqrt(d)).var()) == pytest.approx(1.0, rel=0.1)
    s = scoring.sweep(4, 10, 0)
    assert np.all(np.abs(s["sweep_var_scaled"] - 1) < 0.2)
    np.testing.assert_allclose(s["sweep_var_unscaled"] / s["sweep_d"], 1, atol=0.2)
    # without the scaling the softmax saturates: entropy and gradient fall with d
    assert s["sweep_entropy_unscaled"][-1] < 0.15 < 1.8 < s["sweep_entropy_scaled"][-1]
    assert s["sweep_grad_unscaled"][-1] < 0.2 * s["sweep_grad_scaled"][-1]


def test_softmax_jacobian_norm_matches_autograd():
    s = torch.tensor([0.3, -1.2, 2.0, 0.5], dtype=torch.float64)
    jac = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, 0), s)
    p = torch.softmax(s, 0)
    assert float(scoring.softmax_jacobian_norm(p)) == pytest.approx(float(jac.norm()), abs=1e-14)
    assert float(scoring.entropy(torch.tensor([0.25] * 4))) == pytest.approx(math.log(4))


def test_additive_scores_formula():
    gen = torch.Generator().manual_seed(3)
    q, k = torch.randn(2, 3, generator=gen), torch.randn(4, 5, generator=gen)
    w_q, w_k, w_v = torch.randn(6, 3, generator=gen), torch.randn(6, 5, generator=gen), torch.randn(6, generator=gen)
    s = scoring.additive_scores(q, k, w_q, w_k, w_v)
    assert s.shape == (2, 4)
    assert float(s[1, 2]) == pytest.approx(float(w_v @ torch.tanh(w_q @ q[1] + w_k @ k[2])), abs=1e-6)


# Positional encoding ------------------------------------------------------------------------------
def test_sinusoidal_encoding_matches_the_formula():
    pe = positional.sinusoidal(50, 16, torch.float64).numpy()
    for p in (0, 1, 7, 49):
        for i in range(8):
            angle = p / 10000 ** (2 * i / 16)
            assert pe[p, 2 * i] == pytest.approx(math.sin(angle), abs=1e-12)
            assert pe[p, 2 * i + 1] == pytest.approx(math.cos(angle), abs=1e-12)
    assert pe[0].tolist() == [0.0, 1.0] * 8


def test_shift_is_a_rotation_and_dot_products_depend_on_the_offset_only():
    pe = positional.sinusoidal(40, 32, torch.float64)
    for delta in (1, 3, 10):
        r = positional.rotation(delta, 32)
        assert float((pe[:-delta] @ r.T - pe[delta:]).abs().max()) < 1e-12
    dot = positional.dot_products(pe.numpy())
    for offset in (0, 1, 5, 20):
        diagonal = np.diagonal(dot, offset)
        np.testing.assert_allclose(diagonal, diagonal[0], atol=1e-10)
    np.testing.assert_allclose(np.diagonal(dot), 16.0)  # |PE(p)|^2 = d/2 (sin^2 + cos^2 per pair)
    assert dot[0].argmax() == 0


# Transformer ---------------------------------------------------------------------------------------
def test_tasks():
    gen = torch.Generator().manual_seed(0)
    x, y = make_batch("reverse", 3, 5, 8, 2, gen)
    assert torch.equal(y, x.flip(1)) and int(x.min()) >= 1 and int(x.max()) <= 7
    x, y = make_batch("sort", 3, 5, 8, 2, gen)
    assert torch.equal(y, x.sort(1).values)
    x, y = make_batch("copy with delay", 3, 5, 8, 2, gen)
    assert torch.equal(y[:, 2:], x[:, :3]) and (y[:, :2] == 0).all()


def test_multi_head_attention_weights_sum_to_one_and_equal_torch():
    torch.manual_seed(0)
    mine = MultiHeadSelfAttention(8, 2)
    x = torch.randn(3, 5, 8)
    out, weights = mine(x)
    assert weights.shape == (3, 2, 5, 5)
    torch.testing.assert_close(weights.sum(-1), torch.ones(3, 2, 5))
    ref = torch.nn.MultiheadAttention(8, 2, batch_first=True)
    with torch.no_grad():
        ref.in_proj_weight.copy_(mine.qkv.weight)
        ref.in_proj_bias.copy_(mine.qkv.bias)
        ref.out_proj.weight.copy_(mine.out.weight)
        ref.out_proj.bias.copy_(mine.out.bias)
    ref_out, ref_weights = ref(x, x, x, need_weights=True, average_attn_weights=False)
    torch.testing.assert_close(out, ref_out, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(weights, ref_weights, atol=1e-6, rtol=1e-5)


def test_without_positions_self_attention_is_permutation_equivariant():
    torch.manual_seed(0)
    model = TinyTransformer(8, 6, 16, 2, 2, "none")
    x = torch.randint(1, 8, (4, 6))
    perm = torch.tensor([3, 0, 5, 1, 4, 2])
    logits, _ = model(x)
    shuffled, _ = model(x[:, perm])
    torch.testing.assert_close(shuffled, logits[:, perm], atol=1e-5, rtol=1e-5)
    with_pe = TinyTransformer(8, 6, 16, 2, 2, "sinusoidal")
    a, _ = with_pe(x)
    b, _ = with_pe(x[:, perm])
    assert float((b - a[:, perm]).detach().abs().max()) > 1e-2


# Decoding ------------------------------------------------------------------------------------------
def _lm():
    return decoding.ToyLanguageModel(["A", "B", "C"], decoding.SEED_TABLE, 0)


def test_the_seed_example_greedy_and_beam():
    greedy = decoding.BeamSearch(_lm(), 1, 4).run()
    beam = decoding.BeamSearch(_lm(), 2, 4).run()
    g, b = greedy.nodes[greedy.best()], beam.nodes[beam.best()]
    assert g.tokens == ("A", "B", "C", "<eos>") and math.exp(g.logp) == pytest.approx(0.5 * 0.4 * 0.4 * 0.6)
    assert b.tokens == ("A", "C", "B", "<eos>") and math.exp(b.logp) == pytest.approx(0.5 * 0.3 * 0.6 * 0.6)
    assert math.exp(g.logp) == pytest.approx(0.048) and math.exp(b.logp) == pytest.approx(0.054)
    assert decoding.final_score(b.logp, 4, 0.75) == pytest.approx(math.log(0.054) / 4 ** 0.75)


def test_beam_width_one_equals_greedy():
    for seed in range(20):
        lm = decoding.ToyLanguageModel(list("ABCDE"), None, seed)
        beam = decoding.BeamSearch(lm, 1, 6).run()
        # greedy written out directly: argmax at every step until <eos> or max_len
        tokens, logp = (), 0.0
        while len(tokens) < 6 and (not tokens or tokens[-1] != "<eos>"):
            p = lm.probs(tokens)
            i = int(np.argmax(p))
            tokens, logp = tokens + (lm.tokens[i],), logp + math.log(p[i])
        best = beam.nodes[beam.best()]
        assert best.tokens == tokens and best.logp == pytest.approx(logp)


def test_wider_beams_never_find_a_less_likely_output_at_alpha_zero():
    for seed in range(10):
        lm = decoding.ToyLanguageModel(list("ABCD"), None, seed)
        scores = []
        for k in (1, 2, 3, 50):
            s = decoding.BeamSearch(lm, k, 4, alpha=0.0).run()
            scores.append(s.nodes[s.best()].logp)
        assert scores[-1] >= max(scores[:-1]) - 1e-12  # k = 50 > 5^3: the exhaustive search
