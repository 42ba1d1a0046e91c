"""The shipped lesson presets of the attention panel, written here so their notes live beside the math.

``python -m playground.attention.lessons`` (re)writes ``presets/attention/*.json``; a test checks the
shipped files equal what this module makes. Figures quoted in the notes are measured with seed 0 and
checked by tests/core/test_attention_presets.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

NW = """
**Attention pooling.** The seed notes (注意力机制) write Nadaraya-Watson kernel regression as

    f(x) = sum_i alpha(x, x_i) y_i,   alpha(x, x_i) = exp(-(x - x_i)^2 / 2) / sum_j exp(-(x - x_j)^2 / 2)
         = sum_j Softmax(-(x - x_j)^2 / 2) y_j

with the Gaussian kernel `K(u) = exp(-u^2/2) / sqrt(2 pi)`. In attention's words: the **query** is the
x where we want a prediction, the **keys** are the training inputs x_i, the **values** their outputs
y_i, and the attention weights are a softmax over the keys of a score that is large for keys near
the query. The panel adds a width parameter w: `alpha = softmax(-((x - x_i) w)^2 / 2)` (w = 1 is the
seed's formula; a larger w is a narrower kernel).
"""

SCALING = """
**Scoring functions** (seed notes):

- additive attention `a(q, k) = w_v^T tanh(W_q q + W_k k)`, for queries and keys of any lengths;
- scaled dot product `a(q, k) = q . k / sqrt(d)` ("除 d 是为了保持 scale 不变": dividing keeps the
  scale unchanged); batched, `Softmax(Q K^T / sqrt(d)) V`.

If the d entries of q and k are independent with mean 0 and variance 1, `q . k` is a sum of d
products of variance 1, so its variance is d; dividing by `sqrt(d)` makes it 1 again whatever d is.
"""

PANEL = "attention"

LESSONS: dict[str, dict] = {
    "attention_pooling": dict(
        title="Nadaraya-Watson: kernel regression is attention pooling",
        config=dict(mode="kernel_regression", function="2*sin(x) + x^0.8", n_train=50, noise=0.5, width=1.0),
        notes=f"""
{NW}
The data: 50 points `x_i` uniform on [0, 5], `y_i = 2 sin(x_i) + x_i^0.8 + noise` (noise sd 0.5).
The left plot shows the points (keys and values), the true function and the estimate at 50
evenly spaced queries; the heatmap is the attention weights, one row per query, one column per key
(keys sorted by x): a bright band along the diagonal, since every query attends to the keys near it.

With w = 1 (seed 0) the estimate's mean squared error against the true function is **0.295**, and
the mean entropy of a row of weights is **3.42** nats (a uniform row over 50 keys would be
ln 50 = 3.91): each query averages over many keys, so the estimate is smooth but too flat at the
peaks. Type another function in `f(x) =` (e.g. `sin(3*x)`, `abs(x - 2.5)`, `exp(-x)*5`), change the
noise, or the width w (2 or 4: a narrower kernel, a wigglier curve). The next lesson learns w.
""",
    ),
    "learned_kernel_width": dict(
        title="Learning the kernel width by gradient descent",
        config=dict(mode="kernel_regression", function="2*sin(x) + x^0.8", n_train=50, noise=0.5, width=1.0,
                    learn_width=True, width_lr=0.5, nw_steps=200),
        notes=f"""
{NW}
Here w is a parameter, trained by gradient descent on the squared error. On the plain training
error that fails: as w grows every training point attends only to itself (its own key is the
nearest) and the error goes to 0 while the curve turns into a staircase through the noise. So the
loss is the **leave-one-out** error: each training point is predicted from the *other* points
(its own key is masked out, exactly like a padded key in the scoring lesson),

    L(w) = 1/(2n) sum_i (y_i - sum_(j != i) softmax_j(-((x_i - x_j) w)^2 / 2) y_j)^2.

Measured with seed 0 after 200 steps of step size 0.5: w goes from 1 to **2.85**, the leave-one-out
loss from **0.338** to **0.166**, and the error against the true function from 0.295 to **0.035**.
The heatmap's band narrows as w grows. Try step size 5, or noise 0 (w keeps growing: without noise
the nearest neighbours are the best estimate), or noise 2 (a wider kernel wins).
""",
    ),
    "scaled_dot_product": dict(
        title="Why the dot product is divided by sqrt(d)",
        config=dict(mode="scoring", dim=64, score_queries=4, score_keys=10, valid_len=10, score_samples=200),
        notes=f"""
{SCALING}
Each step draws 4 fresh queries and 10 keys with `d = 64` entries from N(0, 1). Over the 200 draws
(seed 0) the scores `q . k` have variance **63.8** (about d) and the scaled scores **1.00**. The
softmax of the unscaled scores is nearly one-hot: its mean entropy is **0.35** nats against **1.92**
for the scaled ones (the most is ln 10 = 2.30). A saturated softmax also passes less gradient: the
norm of its Jacobian `diag(p) - p p^T` is **0.162** unscaled against **0.346** scaled (and it goes
to 0 as d grows: 0.051 at d = 512 in the sweep).

The lower-right plots sweep d from 1 to 512 (64 draws each): with the scaling the variance stays at
1 and the entropy near 1.9 for every d; without it the variance grows like d and the entropy and
the gradient fall towards 0. Move the `dim` slider and compare the three weight matrices on top:
scaled dot product, unscaled, and additive attention (its random `W_q, W_k` are scaled by
`1/sqrt(d)`, and `tanh` bounds every feature, so it never saturates this way).
""",
    ),
    "masking_padded_keys": dict(
        title="Masking: padded keys get weight 0",
        config=dict(mode="scoring", dim=16, score_queries=4, score_keys=10, valid_len=4, score_samples=200),
        notes=f"""
A minibatch holds sequences of different lengths, padded to the longest. Attention must not look at
the padding, so the scores of keys at index `>= valid_len` are replaced by `-inf` before the softmax
(d2l's `masked_softmax` uses -1e6): `exp(-inf) = 0`, so those keys get weight exactly **0** and the
remaining `valid_len` weights still sum to 1.

Here 10 keys, of which only the first 4 are real. The three weight matrices (scaled dot product,
unscaled, additive) have zeros in columns 4-9 in every row (the panel prints the total weight on
padded keys: 0), and every row sums to 1. The entropy of a row can now be at most ln 4 = 1.39.
Change `valid_len` and watch the zeros move; the tests check that masked weights are exactly 0.
{SCALING}""",
    ),
    "position_matters": dict(
        title="Self-attention needs positions: reversal with and without a positional encoding",
        config=dict(mode="transformer", task="reverse", seq_len=6, vocab=8, d_model=32, heads=2, layers=1,
                    positional="sinusoidal", compare="positional toggled", max_steps=600),
        notes="""
A tiny transformer block, multi-head self-attention and then an MLP (pre-norm, with residual
connections), reads 6 tokens from 1..7 and must output them **reversed**; every output position
predicts one token (cross-entropy, Adam, 64 sequences a step). Multi-head attention (seed notes):

    head_j = Softmax(Q_j K_j^T / sqrt(d_h)) V_j,   Q_j = X W_q^j, K_j = X W_k^j, V_j = X W_v^j
    MultiHead(X) = [head_1, ..., head_h] W_o

Two copies train on the same batches: one adds the sinusoidal positional encoding to the token
embeddings, its twin adds nothing. Self-attention by itself is **permutation-equivariant**: shuffle
the input tokens and the outputs are shuffled the same way. So without positions an output cannot
know whether it is the first or the last one, and "the token at the mirrored position" means
nothing to it.

Measured with seed 0 after 600 steps, on 512 held-out sequences: with the sinusoidal encoding the
token accuracy is **100%** (96.5% already at step 100); without it **42.2%** and not one whole
sequence right. The heatmaps show each head's weights for one held-out input (rows: output
positions, columns: input positions): with positions they form the anti-diagonal, output i reading
input 5 - i. Try the sort task (sorting needs positions too), or a learned encoding.
""",
    ),
    "copy_with_delay": dict(
        title="Copy with delay: a learned positional encoding",
        config=dict(mode="transformer", task="copy with delay", delay=2, seq_len=6, vocab=8, d_model=32, heads=2,
                    layers=1, positional="learned", max_steps=600),
        notes="""
Output position i must show input position i - 2 (and the blank token 0 at positions 0 and 1): a
fixed shift, which attention does by putting all the weight of query i on key i - 2. Here the
positional encoding is **learned**: a parameter matrix of 6 x 32, initialised small and random,
trained with the rest.

Measured with seed 0: the token accuracy on 512 held-out sequences is **75.4%** at step 100,
**99.97%** at step 150 and **100%** at the end (step 600). The heatmaps show the shifted diagonal forming in the heads; the first two
rows, which only have to output the blank, may look anywhere. Try delay 0-5 (larger delays leave
fewer tokens to copy), more heads, or `positional = none` (the shift cannot be learned).
""",
    ),
    "sinusoidal_encoding": dict(
        title="The sinusoidal positional encoding and a learned one",
        config=dict(mode="positional", pe_positions=40, pe_dim=32, task="reverse", seq_len=6, vocab=8, d_model=32,
                    heads=2, max_steps=400),
        notes="""
The seed notes (位置编码):

    P(i, 2j) = sin(i / 10000^(2j/d)),   P(i, 2j+1) = cos(i / 10000^(2j/d))

Each pair of columns is a sine and a cosine at the frequency `w_j = 1/10000^(2j/d)`: the first
columns change fast with the position, the last ones hardly at all, like the digits of a binary
counter but smooth (top-left heatmap: 40 positions x 32 dimensions). Moving by delta positions
turns every pair by the angle `delta w_j`, for every position i (the seed's matrix):

    [[cos(delta w_j), sin(delta w_j)], [-sin(delta w_j), cos(delta w_j)]] (P(i,2j), P(i,2j+1)) = (P(i+delta,2j), P(i+delta,2j+1))

The panel checks it over the whole matrix (largest error about 1e-15). So the dot product
`P(i) . P(k)` depends only on i - k (top right: constant along every diagonal, largest at i = k), which
is what lets attention find "the token 3 to the left" with one linear map.

Bottom: a **learned** encoding (6 positions x 32), trained on the reversal task by the transformer
of the previous lessons, with the cosine similarity between its positions. Measured with seed 0 it
reaches **100%** token accuracy at step 150. Its positions end up distinct (the cosine similarity
of two different positions is at most **0.51**) but with none of the sinusoid's structure: the
similarity does not depend on the offset alone, and the encoding says nothing about positions it
never saw (a sequence longer than 6), where the sinusoidal one simply continues.
""",
    ),
    "beam_search": dict(
        title="Greedy search vs beam search",
        config=dict(mode="decoding", language_model="seed example", beam_width=2, max_len=4, length_alpha=0.75),
        notes="""
A decoder outputs one token at a time from `P(y_t | y_1, ..., y_(t-1), c)`. The seed notes
(解码器算法):

- **greedy search**: `y_t = argmax_y P(y | y_1, ..., y_(t-1))`. If the best output's token at step t
  is not the argmax of step t, greedy cannot find it.
- **beam search** with beam width k (束宽): keep the k best partial outputs; at each step expand each
  over the whole vocabulary and keep the k best of the `k |Y|` candidates; an output ending in
  `<eos>` is finished. Finally choose the one with the highest `(1/L^alpha) log P(y_1, ..., y_L)`,
  alpha usually 0.75, which keeps long outputs from losing just for having more factors.

The toy model over A, B, C, `<eos>` is the classic textbook example (the seed gives the algorithm
but no numbers). Each **Step** is one time step. Greedy takes A (0.5), B (0.4), C (0.4), `<eos>`
(0.6): `P = 0.5 x 0.4 x 0.4 x 0.6 = ` **0.048**. Beam search with k = 2 keeps A C at step 2 (0.15, second
to A B's 0.20), and A C B (0.09) beats A B C (0.08) at step 3: it ends with A C B `<eos>`,
`P = 0.5 x 0.3 x 0.6 x 0.6 = ` **0.054**. In the tree, orange nodes are kept in the beam, grey ones are
pruned, green is the output chosen, and every node shows its log P.

Try k = 1 (exactly greedy), k = 3, alpha 0 (rank by probability alone), or the random model with
more tokens and a longer max_len.
""",
    ),
}


def tidy(notes: str) -> str:
    """Notes without the blank lines around them, ending in one newline; empty stays empty."""
    return notes.strip() + "\n" if notes.strip() else ""


def build(name: str):
    from playground.presets import new_preset

    lesson = LESSONS[name]
    mode = lesson["config"].get("mode", "")
    speed = 1.0 if mode == "decoding" else None  # a search watched one time step a second
    return new_preset(PANEL, title=lesson["title"], notes=lesson["notes"].strip() + "\n",
                      notes_zh=tidy(lesson.get("notes_zh", "")), seed=0,
                      device="auto", speed=speed, config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/attention/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
