"""The word embeddings mode: subsampling, the two losses, cosine neighbours, analogies, PCA, the corpus,
the engine (chunking, unknown words, the loss before any step) and the analogy lesson."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from playground.engine import RunContext  # noqa: E402
from playground.language import analogy_corpus  # noqa: E402
from playground.language import word2vec as w2v  # noqa: E402
from playground.language.config import LanguageConfig  # noqa: E402
from playground.language.embeddings_engine import EmbeddingsEngine  # noqa: E402


def small(**fields) -> LanguageConfig:
    base = dict(mode="embeddings", emb_batch=32, emb_steps=30, emb_dim=8)
    return LanguageConfig(**{**base, **fields})


def sigma(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# --- the formulas --------------------------------------------------------------------------------------
def test_subsampling_discards_with_one_minus_the_root_of_t_over_f():
    f = np.array([0.1, 0.01, 0.001, 0.0001])
    p = w2v.discard_probability(f, t=0.001)
    assert p == pytest.approx([1 - math.sqrt(0.01), 1 - math.sqrt(0.1), 0.0, 0.0])
    assert w2v.discard_probability(f, t=0.0).tolist() == [0.0] * 4  # t = 0: subsampling off


def test_the_engine_subsamples_the_with_the_formula():
    engine = EmbeddingsEngine(small(emb_subsample_t=0.001), RunContext(seed=0))
    the = engine.index["the"]
    f = engine.vocab.counts[the] / engine.vocab.counts.sum()
    assert float(engine.discard[the]) == pytest.approx(1 - math.sqrt(0.001 / f), rel=1e-6)
    assert f == pytest.approx(0.122, abs=0.001) and float(engine.discard[the]) == pytest.approx(0.91, abs=0.005)


def test_negative_sampling_loss_equals_a_hand_computation():
    v_c = torch.tensor([[1.0, 2.0]])
    u_o = torch.tensor([[0.5, -0.25]])  # u_o . v_c = 0
    u_k = torch.tensor([[[1.0, 1.0], [-1.0, 0.0]]])  # u_k . v_c = 3, -1
    loss = w2v.negative_sampling_loss(v_c, u_o, u_k)
    hand = -math.log(sigma(0.0)) - math.log(sigma(-3.0)) - math.log(sigma(1.0))
    assert loss.item() == pytest.approx(hand, rel=1e-6)


def test_full_softmax_loss_equals_a_hand_computation():
    v_c = torch.tensor([[1.0, 0.0]])
    u = torch.tensor([[2.0, 0.0], [0.0, 1.0], [-1.0, 3.0]])  # scores 2, 0, -1
    loss = w2v.full_softmax_loss(v_c, u, torch.tensor([1]))
    assert loss.item() == pytest.approx(-(0.0 - math.log(math.exp(2) + math.exp(0) + math.exp(-1))), rel=1e-6)


def test_multiply_adds_per_pair():
    assert w2v.multiply_adds_per_pair("full softmax", 152, 24, 5) == 3648  # V d
    assert w2v.multiply_adds_per_pair("negative sampling", 152, 24, 5) == 144  # (K + 1) d


def test_cosine_neighbours_equal_a_hand_computation():
    vectors = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0], [-3.0, 0.0], [2.0, 0.1]])
    found = w2v.nearest(vectors, vectors[0], k=4, exclude={0})
    assert [i for i, _ in found] == [4, 1, 2, 3]
    assert [c for _, c in found] == pytest.approx([2 / math.sqrt(4.01), 1 / math.sqrt(2), 0.0, -1.0])


def test_analogy_excludes_a_b_c_and_ranks_the_expected_word():
    #               0 king      1 man       2 woman     3 queen     4 other
    vectors = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.1, 1.5], [-1.0, -0.2]])
    # king - man + woman, with unit vectors: (1/sqrt2 - 1, 1/sqrt2 + 1)
    found, cosines = w2v.analogy(vectors, 0, 1, 2, k=5)
    assert [i for i, _ in found][:2] == [3, 4]  # king, man, woman are never answers
    assert all(cosines[[0, 1, 2]] == -np.inf)
    target = w2v.unit_rows(vectors)[0] - w2v.unit_rows(vectors)[1] + w2v.unit_rows(vectors)[2]
    queen = vectors[3] @ target / (np.linalg.norm(vectors[3]) * np.linalg.norm(target))
    assert cosines[3] == pytest.approx(queen)
    assert w2v.rank_of(cosines, 3) == 1 and w2v.rank_of(cosines, 4) == 2


def test_analogy_text_parses_or_is_refused():
    assert w2v.parse_analogy("King - man + woman = Queen") == (["king", "man", "woman"], "queen")
    assert w2v.parse_analogy(" paris-france+italy ") == (["paris", "france", "italy"], None)
    for bad in ("king + man - woman", "king man woman", "", "a - b + c = d = e", None):
        assert w2v.parse_analogy(bad) is None


def test_pca_is_the_svd_projection_with_fixed_signs():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(20, 2)) @ np.array([[3.0, 0.0], [0.0, 0.5]]) @ rng.normal(size=(2, 6))
    xy = w2v.project_2d(vectors)
    centred = vectors - vectors.mean(0)
    # rank-2 data: the projection keeps every distance, and its axes are uncorrelated, largest first
    assert np.linalg.norm(xy[:, None] - xy[None], axis=-1) == pytest.approx(
        np.linalg.norm(centred[:, None] - centred[None], axis=-1), abs=1e-9)
    assert (xy[:, 0] @ xy[:, 1]) == pytest.approx(0, abs=1e-9) and xy[:, 0].var() > xy[:, 1].var()
    assert np.array_equal(w2v.project_2d(-vectors), xy)  # the sign rule: the same picture


# --- the corpus ----------------------------------------------------------------------------------------
def test_the_shipped_corpus_is_what_the_grammar_makes():
    assert analogy_corpus.CORPUS_FILE.read_text(encoding="utf-8") == analogy_corpus.generate()
    assert analogy_corpus.CORPUS_FILE.stat().st_size < 300_000


def test_every_analogy_question_uses_corpus_words():
    words = set(w2v.Vocabulary.of(analogy_corpus.load()).words)
    questions = analogy_corpus.analogy_questions()
    assert len(questions) == 5 * 4 + 8 * 7 + 9 * 8
    assert ("queen", "king", "man", "woman") in questions
    assert all(set(q) <= words for q in questions)


# --- the engine ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("objective,expected", [("negative sampling", 6 * math.log(2)),
                                                ("full softmax", math.log(152))])
def test_the_loss_before_any_step_is_exact(objective, expected):
    engine = EmbeddingsEngine(small(emb_objective=objective, emb_negatives=5), RunContext(seed=0))
    assert engine.snapshot().metrics["loss"] == pytest.approx(expected)
    with torch.no_grad():  # u = 0: every score is 0, whatever the batch
        assert engine._loss().item() == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("architecture", ["skip-gram", "CBOW"])
@pytest.mark.parametrize("objective", ["negative sampling", "full softmax"])
def test_chunking_does_not_change_the_run(architecture, objective):
    config = small(emb_architecture=architecture, emb_objective=objective, emb_steps=23)
    one, two = EmbeddingsEngine(config, RunContext(seed=3)), EmbeddingsEngine(config, RunContext(seed=3))
    one.advance(23)
    for n in (5, 1, 11, 6):
        two.advance(n)
    a, b = one.snapshot(), two.snapshot()
    assert a.step == b.step == 23
    assert a.metrics == b.metrics
    for name in a.arrays:
        assert np.array_equal(a.arrays[name], b.arrays[name]), name
    assert a.tables == b.tables


def test_an_unknown_word_is_reported_and_the_run_keeps_its_state():
    engine = EmbeddingsEngine(small(query_word="king"), RunContext(seed=0))
    engine.advance(10)
    before = engine.v.weight.detach().clone()
    engine.set_query_word("Kinq")
    engine.set_analogy("king - man + wmoan = queen")
    snap = engine.snapshot()
    assert snap.tables["neighbours"] == []
    assert snap.tables["query_message"] == "'kinq' is not in the vocabulary (152 words); closest spellings: king, in"
    assert "'wmoan' is not in the vocabulary" in snap.tables["analogy_message"]
    assert "woman" in snap.tables["analogy_message"]
    assert snap.tables["answers"] == [] and "expected_rank" not in snap.metrics
    assert engine.step == 10 and torch.equal(engine.v.weight, before)
    engine.set_query_word("king")
    engine.set_analogy("king + man")
    snap = engine.snapshot()
    assert len(snap.tables["neighbours"]) == 8 and snap.tables["query_message"] == ""
    assert snap.tables["analogy_message"] == w2v.ANALOGY_FORMAT
    engine.set_query_word(None)  # never raises, whatever it is given
    assert engine.snapshot().tables["query_message"] == "type a word to see its nearest neighbours"


def test_the_snapshot_neighbours_are_the_cosine_neighbours_of_the_vectors():
    engine = EmbeddingsEngine(small(query_word="paris", emb_neighbours=5), RunContext(seed=0))
    engine.advance(20)
    snap = engine.snapshot()
    vectors = engine.v.weight.detach().numpy().astype(float)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosines = unit @ unit[engine.index["paris"]]
    cosines[engine.index["paris"]] = -np.inf
    best = np.argsort(-cosines)[:5]
    assert [row["word"] for row in snap.tables["neighbours"]] == [engine.vocab.words[i] for i in best]
    assert [row["cosine"] for row in snap.tables["neighbours"]] == pytest.approx(cosines[best])


def test_the_projection_shows_the_frequent_words_then_what_was_asked():
    engine = EmbeddingsEngine(small(emb_projected=10, query_word="rome", emb_neighbours=3,
                                    analogy="paris - france + italy = rome"), RunContext(seed=0))
    snap = engine.snapshot()
    words = snap.tables["projected_words"]
    assert words[:10] == engine.vocab.words[:10]
    asked = ["rome", *(row["word"] for row in snap.tables["neighbours"]), "paris", "france", "italy"]
    assert set(asked) <= set(words) and len(words) == len(set(words))
    assert snap.arrays["projection"].shape == (len(words), 2)


def test_an_analogy_naming_an_excluded_word_says_so():
    engine = EmbeddingsEngine(small(analogy="king - man + woman = king"), RunContext(seed=0))
    snap = engine.snapshot()
    assert snap.tables["analogy_message"] == "'king' is one of a, b, c, which are excluded from the answers"
    assert all(row["word"] not in ("king", "man", "woman") for row in snap.tables["answers"])


# --- the lessons ---------------------------------------------------------------------------------------
@pytest.mark.slow
def test_the_analogy_lesson_finds_queen_in_its_top_five():
    from playground.engine import build_engine, run
    from playground.language.lessons import LESSONS, build

    engine = build_engine(build("word_analogies"))
    gen = run(engine)
    snap = next(gen)
    while not engine.finished:
        snap = gen.send(250)
    assert snap.step == LESSONS["word_analogies"]["config"]["emb_steps"]
    assert snap.tables["expected"] == "queen" and snap.metrics["expected_rank"] <= 5
    assert "queen" in [row["word"] for row in snap.tables["answers"][:5]]
    assert snap.metrics["analogy_top5"] > 0.5  # most of the grammar's 148 analogies, too
