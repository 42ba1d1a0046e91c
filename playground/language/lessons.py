"""The shipped lesson presets of the language panel, written here so their notes live beside the math.

``python -m playground.language.lessons`` (re)writes ``presets/language/*.json``; a test checks the shipped
files equal what this module makes. Each mode's lessons are a dict in its own block below, with
``notes`` and ``notes_zh`` (the same formulas, in Chinese); figures quoted in the notes are measured
with seed 0 and checked by the mode's tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

PANEL = "language"

# --- char_lm lessons ----------------------------------------------------------

# --- end char_lm lessons ------------------------------------------------------

# --- embeddings lessons ----------------------------------------------------------
_EMB_BASE = dict(mode="embeddings", emb_architecture="skip-gram", emb_objective="negative sampling", emb_dim=24,
                 emb_window=2, emb_negatives=5, emb_subsample_t=0.001, emb_lr=0.01, emb_batch=256, emb_steps=1500,
                 emb_neighbours=8, emb_projected=40)
EMBEDDINGS_LESSONS = {
    "skipgram_neighbours": dict(
        title="Word embeddings: skip-gram with negative sampling, nearest neighbours",
        config=dict(_EMB_BASE, query_word="paris", analogy="paris - france + italy = rome"),
        notes="""
A skip-gram model (seed notes, 跳字模型) learns a centre vector `v_w` and a context vector `u_w` for each
of the 152 words of a small generated corpus (sentences about kings and queens, countries and capitals,
verbs in two tenses; `playground/language/data/`). The centre word generates the words around it, window m:
`P(w_o | w_c) = exp(u_o^T v_c) / sum_i exp(u_i^T v_c)` and the loss is
`J = -sum_c sum_(j != c, |j - c| <= m) log P(w_j | w_c)`.

**Negative sampling** replaces the sum over the vocabulary by K noise words drawn from `P(w) ~ f(w)^0.75`:
`-log P(w_o | w_c) = -log sigma(u_o^T v_c) - sum_k log sigma(-u_k^T v_c)`. Before any step `u = 0`, so the loss
is `(K + 1) log 2` (4.16 for K = 5).

**Subsampling** (二次采样) drops each occurrence of a frequent word with `P(w) = max(1 - sqrt(t / f(w)), 0)`:
with `t = 0.001`, "the" (`f = 0.122`) is dropped 91% of the time; rare words never.

Watch the projection (PCA by SVD of the `v` of the 40 most frequent words, plus the word you type and its
neighbours) sort itself: the grammar's little words, capitals together, people together. The list under it is the nearest neighbours of the word you type,
by cosine `x . y / (|x| |y|)`: type `king`, `swam`, `rome` while it trains (no restart). A word not in
the vocabulary is named, with the closest spellings.
""",
        notes_zh="""
跳字模型（课堂笔记，跳字模型）为一个小型生成语料中的 152 个词各学习一个中心词向量 `v_w` 和一个背景词向量
`u_w`（语料是关于国王与王后、国家与首都、两种时态的动词的句子；见 `playground/language/data/`）。中心词生成
窗口 m 内的背景词：`P(w_o | w_c) = exp(u_o^T v_c) / sum_i exp(u_i^T v_c)`，损失为
`J = -sum_c sum_(j != c, |j - c| <= m) log P(w_j | w_c)`。

**负采样**用 K 个按 `P(w) ~ f(w)^0.75` 抽取的噪声词代替对整个词典的求和：
`-log P(w_o | w_c) = -log sigma(u_o^T v_c) - sum_k log sigma(-u_k^T v_c)`。训练开始前 `u = 0`，所以损失为
`(K + 1) log 2`（K = 5 时为 4.16）。

**二次采样**以概率 `P(w) = max(1 - sqrt(t / f(w)), 0)` 丢弃高频词的每次出现：`t = 0.001` 时，"the"
（`f = 0.122`）有 91% 的出现被丢弃；低频词从不丢弃。

观察投影图（用 SVD 对 40 个最高频词以及你输入的词和它的近邻的 `v` 做主成分分析）如何自行分组：语法中的
虚词、聚在一起的首都、聚在一起的人物。下方列出你输入的词按余弦相似度 `x . y / (|x| |y|)` 的近邻：训练时输入 `king`、`swam`、
`rome`（无需重新开始）。不在词典中的词会被指出，并给出拼写最接近的词。
""",
    ),
    "word_analogies": dict(
        title="Word embeddings: analogies a - b + c",
        config=dict(_EMB_BASE, query_word="queen", analogy="king - man + woman = queen"),
        notes="""
An analogy `a : b :: d : c` (seed notes, 求类比词) is answered by the word whose vector is nearest, by cosine,
to `v_a - v_b + v_c`, with a, b and c themselves excluded from the candidates. `king - man + woman` should
be `queen`: king and man share the male contexts (he, his), king and queen the royal ones (palace, crown).

The readout shows the answers and the **rank** of the expected word after `=`; with seed 0 `queen` is in
the top 5 by the end of the run. The curves score the corpus grammar's 148 analogies (gender, country ->
capital, present -> past): the share with the right word at rank 1 and in the top 5.

Type others while it trains: `paris - france + italy = rome`, `walked - walk + swim = swam`,
`prince - boy + girl = princess`. A malformed analogy or an unknown word gets a message; training goes on.
""",
        notes_zh="""
类比 `a : b :: d : c`（课堂笔记，求类比词）的答案是向量按余弦最接近 `v_a - v_b + v_c` 的词，a、b、c 本身
不作为候选。`king - man + woman` 应当是 `queen`：king 与 man 共享男性的上下文（he、his），king 与 queen
共享王室的上下文（palace、crown）。

读数显示答案，以及 `=` 之后期望词的**排名**；种子为 0 时，训练结束时 `queen` 在前 5 名之内。曲线用语料
语法中的 148 个类比（性别、国家 -> 首都、现在时 -> 过去时）打分：正确词排第 1 的比例和在前 5 名的比例。

训练时输入别的类比：`paris - france + italy = rome`、`walked - walk + swim = swam`、
`prince - boy + girl = princess`。格式不对的类比或未知的词会得到一条提示，训练继续进行。
""",
    ),
    "negative_sampling_cost": dict(
        title="Word embeddings: full softmax vs negative sampling, the cost per pair",
        config=dict(_EMB_BASE, emb_objective="full softmax", emb_steps=1200, query_word="king",
                    analogy="paris - france + italy = rome"),
        notes="""
The full softmax (seed notes, 跳字模型) scores every word for every pair:
`log P(w_o | w_c) = u_o^T v_c - log(sum_i exp(u_i^T v_c))`, `V d` multiply-adds per pair (152 x 24 = 3648 here),
and its gradient `dlog P / dv_c = u_o - sum_j P(w_j | w_c) u_j` touches all V context vectors. It starts at
`log V` = 5.02.

Negative sampling (近似训练) needs only the true word and K noise words: `(K + 1) d` = 144 multiply-adds per
pair for K = 5, 25 times fewer; with a real vocabulary of 10^5 words the gap is 10^4.
**Hierarchical softmax** (层序 softmax) is the other way out: the words are leaves of a binary tree and
`P(w_o | w_c) = prod_(j=1)^(L(w_o)-1) sigma([[n(w_o, j+1) = leftChild(n(w_o, j))]] u_(n(w_o, j))^T v_c)`, with
`[[x]] = 1` if x is true, else -1: `log2 V` inner products per pair, and the leaves' probabilities still sum to 1
because `sigma(x) + sigma(-x) = 1`.

The readout shows both costs; switch `objective` to compare the curves (the two losses are on different
scales: only the full softmax's is `-log P(w_o | w_c)`).
""",
        notes_zh="""
完整的 softmax（课堂笔记，跳字模型）对每个词对都给每个词打分：
`log P(w_o | w_c) = u_o^T v_c - log(sum_i exp(u_i^T v_c))`，每个词对需要 `V d` 次乘加（这里是
152 x 24 = 3648），它的梯度 `dlog P / dv_c = u_o - sum_j P(w_j | w_c) u_j` 涉及全部 V 个背景词向量。
初始损失为 `log V` = 5.02。

负采样（近似训练）只需要真实的词和 K 个噪声词：K = 5 时每个词对 `(K + 1) d` = 144 次乘加，少 25 倍；
对一个 10^5 个词的真实词典，差距是 10^4 倍。**层序 softmax** 是另一种办法：词是一棵二叉树的叶节点，
`P(w_o | w_c) = prod_(j=1)^(L(w_o)-1) sigma([[n(w_o, j+1) = leftChild(n(w_o, j))]] u_(n(w_o, j))^T v_c)`，
其中 x 为真时 `[[x]] = 1`，否则为 -1：每个词对只需 `log2 V` 次内积，而所有叶节点的概率之和仍为 1，
因为 `sigma(x) + sigma(-x) = 1`。

读数显示两种代价；切换 `objective` 来比较曲线（两种损失的尺度不同：只有完整 softmax 的损失是
`-log P(w_o | w_c)`）。
""",
    ),
    "cbow_vs_skipgram": dict(
        title="Word embeddings: CBOW",
        config=dict(_EMB_BASE, emb_architecture="CBOW", emb_steps=1200, query_word="rome",
                    analogy="walked - walk + swim = swam"),
        notes="""
The continuous bag of words (seed notes, 连续词袋模型) turns skip-gram around: the context words generate the
centre word. Their vectors are averaged, `v_o_bar = (v_o1 + ... + v_o2m) / 2m`, and
`P(w_c | W_o) = exp(u_c^T v_o_bar) / sum_i exp(u_i^T v_o_bar)`; the loss is
`J = -sum_c (u_c^T v_o_bar - log(sum_i exp(u_i^T v_o_bar)))`, here with negative sampling in place of the sum
over the vocabulary. Each step trains 256 windows (each a centre word and up to 2m = 4 context words that
survived subsampling) instead of 256 single pairs, so each step sees more of the corpus.

Compare with the `skipgram_neighbours` lesson: the same corpus, the same seed. Both group capitals, countries,
people and verbs; the analogy curves show how fast each finds the corpus's 148 analogies.
""",
        notes_zh="""
连续词袋模型（课堂笔记，连续词袋模型）与跳字模型相反：由背景词生成中心词。背景词向量取平均
`v_o_bar = (v_o1 + ... + v_o2m) / 2m`，`P(w_c | W_o) = exp(u_c^T v_o_bar) / sum_i exp(u_i^T v_o_bar)`；损失为
`J = -sum_c (u_c^T v_o_bar - log(sum_i exp(u_i^T v_o_bar)))`，这里用负采样代替对整个词典的求和。每步训练
256 个窗口（每个窗口是一个中心词和最多 2m = 4 个在二次采样后保留下来的背景词），而不是 256 个单独的词对，
所以每步看到的语料更多。

与 `skipgram_neighbours` 课程比较：相同的语料、相同的种子。两者都会把首都、国家、人物和动词分组；类比曲线
显示各自多快找到语料中的 148 个类比。
""",
    ),
}

# --- end embeddings lessons ------------------------------------------------------

# --- seq2seq lessons ----------------------------------------------------------

# --- end seq2seq lessons ------------------------------------------------------

# --- bidirectional lessons ----------------------------------------------------------

# --- end bidirectional lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # char_lm lessons

    # embeddings lessons
    **EMBEDDINGS_LESSONS,

    # seq2seq lessons

    # bidirectional lessons

}


def tidy(notes: str) -> str:
    """Notes as stored: no blank lines around them, one final newline."""
    return notes.strip() + "\n" if notes.strip() else ""


def build(name: str):
    """The preset of lesson ``name``: the lesson's ``speed`` (steps per second, None: as fast as it goes)."""
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], notes=tidy(lesson["notes"]), notes_zh=tidy(lesson["notes_zh"]),
                      seed=0, device="auto", speed=lesson.get("speed"), config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped presets folder of this panel)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
