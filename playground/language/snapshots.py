"""What each language mode's snapshot holds (see playground/snapshot_types.py). One block per mode."""

from __future__ import annotations

from playground.snapshot_types import Arr, SnapshotType, by_kind  # noqa: F401 - used by the blocks below

F, INT, BOOL = "f", "iu", "b"

# --- char_lm kinds ------------------------------------------------------------
CHAR_LM = SnapshotType(
    "language.char_lm",
    arrays={"hist_step": Arr(F, "s"), "hist_train_ppl": Arr(F, "s"), "hist_grad_norm": Arr(F, "s"),
            "eval_step": Arr(F, "e"), "eval_ppl": Arr(F, "e"),
            "top_probs": Arr(F, "g", "k"), "sample_hidden": Arr(F, "c", "u")},
    metrics=("train_ppl", "held_out_ppl", "unigram_ppl", "bigram_ppl", "grad_norm", "clip_theta", "vocab_size",
             "params", "epochs"),
    tables={"sample": str, "prompt_used": str, "unknown": str, "message": str, "corpus": str, "top_chars": list,
            "hidden_chars": str, "cell": str, "sampling": str},
    doc="A character RNN/GRU/LSTM language model: perplexity curves against the n-gram baselines, the gradient "
        "norm before clipping, a sample from the prompt with its first steps' top-k next characters and the "
        "top layer's hidden state over the sample's characters.")

# --- end char_lm kinds --------------------------------------------------------

# --- embeddings kinds ------------------------------------------------------------
EMBEDDINGS = SnapshotType(
    "language.embeddings",
    arrays={"hist_step": Arr(F, "s"), "hist_loss": Arr(F, "s"), "hist_top1": Arr(F, "s"), "hist_top5": Arr(F, "s"),
            "projection": Arr(F, "p", 2)},
    metrics=("loss", "analogy_top1", "analogy_top5", "vocab_size", "madds_per_pair", "madds_negative_sampling",
             "madds_full_softmax", "expected_rank?", "expected_cosine?"),
    tables={"projected_words": list, "query_word": str, "neighbours": list, "query_message": str,
            "analogy": str, "analogy_words": list, "expected": str, "answers": list, "analogy_message": str,
            "architecture": str, "objective": str},
    doc="word2vec (skip-gram or CBOW, negative sampling or full softmax): the loss and analogy-test curves, a PCA "
        "of the most frequent words, the typed word's nearest neighbours and the typed analogy's answers.")

# --- end embeddings kinds --------------------------------------------------------

# --- seq2seq kinds ------------------------------------------------------------
_SEQ2SEQ_MODELS = ("attn", "plain")
_SEQ2SEQ_CURVES = {f"hist_{what}_{model}": Arr(F, "s") for what in ("loss", "exact", "token", "grad")
                   for model in _SEQ2SEQ_MODELS}
_SEQ2SEQ_TREES = {f"{s}_{what}": spec for s in ("beam", "greedy") for what, spec in
                  (("xy", Arr(F, f"{s}_nodes", 2)), ("parent", Arr(INT, f"{s}_nodes")), ("logp", Arr(F, f"{s}_nodes")),
                   ("kept", Arr(BOOL, f"{s}_nodes")), ("finished", Arr(BOOL, f"{s}_nodes")))}
SEQ2SEQ = SnapshotType(
    "language.seq2seq",
    arrays={"hist_step": Arr(F, "s"), "hist_entropy": Arr(F, "s"), **_SEQ2SEQ_CURVES, **_SEQ2SEQ_TREES,
            "alignment": Arr(F, "out", "in")},
    metrics=(*(f"{what}_{model}" for what in ("loss", "exact", "token", "grad") for model in _SEQ2SEQ_MODELS),
             "entropy_attn", "beam_logp?", "beam_score?", "greedy_logp?", "greedy_score?"),
    tables={"sentence": str, "source_tokens": list, "unknown": list, "message": str, "beam_width": int,
            "beam": dict, "greedy": dict, "beam_labels": list, "greedy_labels": list, "output_tokens": list,
            "output_attn": str, "output_plain": str},
    doc="Two encoder-decoder GRUs (with / without additive attention): held-out curves, the typed sentence's "
        "alignment (output x input) and its beam and greedy search trees.")

# --- end seq2seq kinds --------------------------------------------------------

# --- bidirectional kinds ------------------------------------------------------------
BIDIRECTIONAL = SnapshotType(
    "language.bidirectional",
    arrays={"t": Arr(INT, "T"), "ceiling_t": Arr(F, "T"), "hist_step": Arr(INT, "e"),
            "example_tokens": Arr(INT, "T"), "example_tags": Arr(INT, "T"),
            "hidden_f": Arr(F, "T", "H"), "hidden_b": Arr(F, "T", "H"),
            "grad/forward": Arr(F, "T"), "grad/bidir_f": Arr(F, "T"), "grad/bidir_b": Arr(F, "T"),
            **{f"{what}/{model}": Arr(kind, dim) for model in ("forward", "bidir")
               for what, kind, dim in (("pos_acc", F, "T"), ("prediction", INT, "T"), ("hist_acc", F, "e"),
                                       ("hist_loss", F, "e"))}},
    metrics=("causal_ceiling", "eval_step", *(f"{what}_{model}" for model in ("forward", "bidir")
                                              for what in ("test_acc", "test_loss", "train_loss", "train_acc"))),
    tables={"task": str, "task_label": str, "labels": dict, "tag_names": list, "token_names": list},
    doc="A forward-only and a bidirectional tagger on the same batches: held-out accuracy (history and per "
        "position) against the causal ceiling, one example's forward and backward hidden states, ||dL/dH_t||.")

# --- end bidirectional kinds --------------------------------------------------------


# Every kind above, one name per mode's block.
SNAPSHOT_TYPES = by_kind(
    # char_lm kinds
    CHAR_LM,

    # embeddings kinds
    EMBEDDINGS,

    # seq2seq kinds
    SEQ2SEQ,

    # bidirectional kinds
    BIDIRECTIONAL,

)
