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

CHAR_PERPLEXITY = """
**A character-level language model.** An RNN reads a text one character at a time and, at every
step, predicts the next one (lecture notes 7.2: 基于字符级循环神经网络来创建语言模型). Training uses
*teacher forcing*: whatever the model predicted, the next input is the true character. The loss is
the softmax cross-entropy of each prediction; the panel scores the model on the held-out last 10% of
the text by the **perplexity** (notes 7.5 困惑度)

    PPL = exp(-(1/T) sum_t log P(x_t | x_1, ..., x_{t-1}))

the exponential of the mean cross-entropy. It is 1 for a model that is always sure and right, the
vocabulary size V for a uniform guess, infinite for a model that gives a true character probability 0.

The dashed lines are the n-gram baselines, counted on the training text with Laplace smoothing
(notes: Laplace smoothing): the unigram `P(x) = (n(x) + 1) / (n + V)` and the bigram
`P(x'|x) = (n(x, x') + 1) / (n(x) + V)`. On this Shakespeare (V = 62) they score 27.6 and 12.1.
The GRU of 128 units starts at 62.9 (uniform), passes the bigram within 50 minibatches of 32 x 64
characters and reaches 7.3 after 150 (seed 0): it uses more than the one character before.
"""

CHAR_PERPLEXITY_ZH = """
**字符级语言模型。** 循环神经网络一次读一个字符，在每个时间步预测下一个字符（课堂笔记 7.2：
基于字符级循环神经网络来创建语言模型）。训练时用*强制教学*（teacher forcing）：不管模型预测了什么，
下一个输入总是真实的字符。损失是每个预测的 softmax 交叉熵；面板用文本最后 10% 的留出部分计算
**困惑度**（笔记 7.5 困惑度）

    PPL = exp(-(1/T) sum_t log P(x_t | x_1, ..., x_{t-1}))

即平均交叉熵的指数。总是确定且正确的模型困惑度为 1，均匀猜测时为词表大小 V，
给真实字符概率 0 的模型困惑度为正无穷。

虚线是 n 元语法基线，在训练文本上计数并做拉普拉斯平滑（笔记：Laplace smoothing）：
一元 `P(x) = (n(x) + 1) / (n + V)`，二元 `P(x'|x) = (n(x, x') + 1) / (n(x) + V)`。
在这份莎士比亚文本上（V = 62）它们分别为 27.6 和 12.1。128 个单元的 GRU 从 62.9（均匀）开始，
50 个 32 x 64 字符的小批量之内就超过二元基线，150 个之后到 7.3（种子 0）：
它用到的不只是前一个字符。
"""

CHAR_TEMPERATURE = """
**Sampling with a temperature.** To write text the model is fed the prompt, then its own choices,
one character at a time. The next character is drawn from

    p_i = exp(z_i / T) / sum_j exp(z_j / T)

where z are the model's scores (logits) and T the **temperature**. T = 1 samples the model's own
distribution; T < 1 sharpens it toward the most probable characters (safer, more repetitive);
T > 1 flattens it toward the uniform 1/V (more surprising, soon gibberish). **Greedy** decoding
takes `argmax_i p_i` every step: it is T -> 0, deterministic, and tends to fall into loops
("the the the ..."). The bars show the top 10 next-character probabilities at the first generated
steps; type a prompt, change T or tick greedy while it trains: the sample is redrawn without a restart.
The heatmap is the top layer's hidden state (64 units) after each character of the sample.
"""

CHAR_TEMPERATURE_ZH = """
**带温度的采样。** 生成文本时，先把提示输入模型，然后一次一个字符地输入模型自己的选择。
下一个字符从

    p_i = exp(z_i / T) / sum_j exp(z_j / T)

中抽取，其中 z 是模型的打分（logits），T 是**温度**。T = 1 按模型自己的分布采样；
T < 1 让分布更尖锐，偏向最可能的字符（更稳妥，更重复）；T > 1 让分布变平，趋向均匀的 1/V
（更出人意料，很快变成乱码）。**贪心**解码每一步取 `argmax_i p_i`：相当于 T -> 0，
是确定性的，容易陷入循环（"the the the ..."）。柱状图显示前几个生成步骤中概率最高的 10 个
下一个字符；训练进行时可以输入提示、改变 T 或勾选贪心：样本会重新生成，不必重新开始训练。
热图是样本每个字符之后顶层的隐状态（64 个单元）。
"""

CHAR_SEQUENTIAL = """
**Random sampling vs sequential partitioning** (notes 7.3 时序数据的采样). With **random sampling**
each minibatch row is a piece of the text cut anywhere, and consecutive minibatches are not
adjacent, so the hidden state must be reset before each one. With **sequential partitioning**
(相邻采样) row i of minibatch t+1 continues row i of minibatch t, so the last hidden state can be
carried into the next minibatch, **detached** from the graph so that the gradient only runs
back through the current minibatch (truncated backpropagation through time).

With rows of only 8 characters this matters: after 200 minibatches (GRU, seed 0) the held-out
perplexity is 9.1 with random sampling, 8.8 with sequential minibatches and the state reset, and
8.5 with the state carried (this preset): the carried state remembers more than 8 characters.
Gradients are clipped to norm at most theta, `g <- min(1, theta / ||g||) g` (notes 7.4 裁剪梯度);
the lower plot shows `||g||` before clipping.
"""

CHAR_SEQUENTIAL_ZH = """
**随机采样与相邻采样**（笔记 7.3 时序数据的采样）。**随机采样**时，小批量的每一行是从文本任意位置
截取的一段，相邻两个小批量在原始序列上并不相邻，所以每个小批量之前都要重新初始化隐状态。
**相邻采样**时，第 t+1 个小批量的第 i 行紧接着第 t 个小批量的第 i 行，所以可以把最后的隐状态
传给下一个小批量，并把它从计算图中**分离**（detach），使梯度只在当前小批量内反向传播
（截断的时间反向传播）。

每行只有 8 个字符时，这一点就很重要：训练 200 个小批量后（GRU，种子 0），留出文本上的困惑度
随机采样为 9.1，相邻采样但重置隐状态为 8.8，相邻采样并传递隐状态（本预设）为 8.5：
传递下来的隐状态记住了多于 8 个字符的内容。梯度被裁剪到范数不超过 theta，
`g <- min(1, theta / ||g||) g`（笔记 7.4 裁剪梯度）；下方的图显示裁剪前的 `||g||`。
"""

CHAR_LM_LESSONS = {
    "char_gru_perplexity": {
        "title": "Character GRU: perplexity vs n-gram baselines",
        "title_zh": "字符级 GRU：困惑度与 n 元语法基线",
        "config": {"mode": "char_lm", "char_cell": "gru", "char_hidden": 128, "char_max_steps": 150,
                   "char_eval_every": 50},
        "notes": CHAR_PERPLEXITY, "notes_zh": CHAR_PERPLEXITY_ZH},
    "char_sampling_temperature": {
        "title": "Character model: temperature and greedy sampling",
        "title_zh": "字符级模型：温度采样与贪心采样",
        "config": {"mode": "char_lm", "char_cell": "gru", "char_max_steps": 150, "char_eval_every": 50,
                   "prompt": "MENENIUS:", "temperature": 0.6},
        "notes": CHAR_TEMPERATURE, "notes_zh": CHAR_TEMPERATURE_ZH},
    "char_sequential_vs_random": {
        "title": "Character model: sequential minibatches, carried state, clipping",
        "title_zh": "字符级模型：相邻采样、传递隐状态与梯度裁剪",
        "config": {"mode": "char_lm", "char_cell": "gru", "char_sampling": "sequential", "char_carry_state": True,
                   "char_seq_len": 8, "char_max_steps": 200, "char_eval_every": 100, "clip_theta": 1.0},
        "notes": CHAR_SEQUENTIAL, "notes_zh": CHAR_SEQUENTIAL_ZH},
}

# --- end char_lm lessons ------------------------------------------------------

# --- embeddings lessons ----------------------------------------------------------
_EMB_BASE = dict(mode="embeddings", emb_architecture="skip-gram", emb_objective="negative sampling", emb_dim=24,
                 emb_window=2, emb_negatives=5, emb_subsample_t=0.001, emb_lr=0.01, emb_batch=256, emb_steps=1500,
                 emb_neighbours=8, emb_projected=40)
EMBEDDINGS_LESSONS = {
    "skipgram_neighbours": dict(
        title="Word embeddings: skip-gram with negative sampling, nearest neighbours",
        title_zh="词嵌入：带负采样的跳字模型与最近邻",
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
        title_zh="词嵌入：类比 a - b + c",
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
        title_zh="词嵌入：完整 softmax 与负采样，每个词对的代价",
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
        title_zh="词嵌入：连续词袋模型",
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
SEQ2SEQ_LESSONS = {
    "seq2seq_attention_vs_none": dict(
        title="Seq2seq: attention vs one context vector",
        title_zh="序列到序列：注意力与单个背景向量",
        config=dict(mode="seq2seq", sentence="march 5 2021", beam_width=3, length_alpha=0.75, seq2seq_hidden=64,
                    seq2seq_lr=0.005, seq2seq_batch=64, seq2seq_steps=150, seq2seq_eval_every=10),
        notes="""
Two encoder-decoder GRUs learn to translate dates, `march 5 2021 -> 2021-03-05` (also `5 march 2021`
and `march 5 , 2021`), on the same batches, with teacher forcing (the true previous token is fed).
512 (date, format) pairs are held out and never trained on.

The encoder reads `h_t = GRU(x_t, h_(t-1))`. The decoder (seed notes, 编码器-解码器) has state
`s_t' = g(y_(t'-1), c, s_(t'-1))` and is trained to maximise `P(y_1, ..., y_T' | x_1, ..., x_T)`, i.e. to
minimise `-sum_t' log P(y_t' | y_1, ..., y_(t'-1), c)`.

- **Without attention** one context vector `c = h_T` must carry the whole sentence.
- **With additive (Bahdanau) attention** every output step gets its own context: the score
  `e_t't = a(s_(t'-1), h_t) = w_v^T tanh(W_q s_(t'-1) + W_k h_t)`, the weights
  `alpha_t't = exp(e_t't) / sum_t exp(e_t't)` and the context `c_t' = sum_t alpha_t't h_t`.

With seed 0, after 150 steps the attention model gets most held-out dates exactly right while the
model without attention still gets far fewer (the curves: exact match and token accuracy, both
models). The heatmap is the alignment `alpha_t't` of the sentence you type (output tokens down,
input tokens across): the year digits look at the year, `0 3` at `march`, `0 5` at `5`. Type another
date while it trains; words it does not know are named and skipped.
""",
        notes_zh="""
两个编码器-解码器 GRU 在相同的批次上学习翻译日期：`march 5 2021 -> 2021-03-05`（以及
`5 march 2021` 和 `march 5 , 2021`），训练时使用 teacher forcing（输入真实的上一个词元）。
512 个（日期，格式）对被留出，从不参与训练。

编码器计算 `h_t = GRU(x_t, h_(t-1))`。解码器（课堂笔记，编码器-解码器）的隐藏状态为
`s_t' = g(y_(t'-1), c, s_(t'-1))`，训练目标是最大化 `P(y_1, ..., y_T' | x_1, ..., x_T)`，即最小化
`-sum_t' log P(y_t' | y_1, ..., y_(t'-1), c)`。

- **没有注意力**时，只有一个背景变量 `c = h_T` 承载整个句子。
- **有加性（Bahdanau）注意力**时，每个输出时间步都有自己的背景变量：评分
  `e_t't = a(s_(t'-1), h_t) = w_v^T tanh(W_q s_(t'-1) + W_k h_t)`，权重
  `alpha_t't = exp(e_t't) / sum_t exp(e_t't)`，背景变量 `c_t' = sum_t alpha_t't h_t`。

种子为 0 时，训练 150 步后，有注意力的模型在留出的日期上大多完全正确，而没有注意力的模型
正确的要少得多（曲线：两个模型的完全匹配率和词元准确率）。热图是你输入的句子的对齐
`alpha_t't`（纵向为输出词元，横向为输入词元）：年份的数字看向年份，`0 3` 看向 `march`，
`0 5` 看向 `5`。训练时可以输入另一个日期；不认识的词会被指出并跳过。
""",
    ),
    "beam_search_length_penalty": dict(
        title="Seq2seq: greedy vs beam search with a length penalty",
        title_zh="序列到序列：贪心搜索与带长度惩罚的束搜索",
        config=dict(mode="seq2seq", sentence="march 2021", beam_width=4, length_alpha=0.75, seq2seq_hidden=64,
                    seq2seq_lr=0.005, seq2seq_batch=64, seq2seq_steps=40, seq2seq_eval_every=10),
        notes="""
The attention model decodes the typed sentence two ways (seed notes, 解码器算法):

- **greedy search**: `y_t = argmax_y P(y | y_1, ..., y_(t-1))`;
- **beam search** with beam width k: keep the k best partial outputs, expand each over the whole
  vocabulary, keep the k best of the `k |Y|` candidates; an output ending in `<eos>` is finished.
  Finally choose the highest `(1/L^alpha) log P(y_1, ..., y_L)`, i.e. score `= log P / L^alpha`.

`march 2021` has no day, so the young model (40 steps) must guess. With seed 0 greedy says
`2021-03-23`, while beam search with k = 4 finds `2012-03-23`, whose log P is higher: beam search
finds what the *model* believes more, which need not be right. The trees are drawn as in the
attention panel: orange kept in the beam, grey pruned (the best pruned ones of each step), green the
chosen output, each node with its log P.

Every date has the same length (`L = 11` with `<eos>`), so alpha does not reorder these candidates;
it matters when a search ends outputs at different lengths (alpha 0 ranks by log P alone and favours
short outputs). Try k = 1 (exactly greedy), more training steps, or other sentences.
""",
        notes_zh="""
有注意力的模型用两种方式解码你输入的句子（课堂笔记，解码器算法）：

- **贪心搜索**：`y_t = argmax_y P(y | y_1, ..., y_(t-1))`；
- 束宽为 k 的**束搜索**：保留 k 个最好的部分输出，把每个在整个词表上展开，从 `k |Y|`
  个候选中保留最好的 k 个；以 `<eos>` 结尾的输出即告完成。最后选择
  `(1/L^alpha) log P(y_1, ..., y_L)` 最高的输出，即得分 `= log P / L^alpha`。

`march 2021` 没有日，所以刚训练 40 步的模型只能猜。种子为 0 时贪心搜索给出 `2021-03-23`，
而 k = 4 的束搜索找到 `2012-03-23`，它的 log P 更高：束搜索找到的是*模型*更相信的输出，
不一定是正确的。搜索树的画法与注意力面板相同：橙色留在束中，灰色被剪掉（每步最好的几个
被剪候选），绿色是最终选中的输出，每个节点显示它的 log P。

每个日期长度都相同（含 `<eos>` 时 `L = 11`），所以 alpha 不会改变这些候选的排序；当搜索在
不同长度处结束输出时它才起作用（alpha 为 0 时只按 log P 排序，偏爱短的输出）。试试 k = 1
（恰好是贪心搜索）、更多的训练步数，或其他句子。
""",
    ),
}

# --- end seq2seq lessons ------------------------------------------------------

# --- bidirectional lessons ----------------------------------------------------------
BIDIR_FORMULAS = """
A bidirectional RNN runs two recurrent layers over the sequence, one forward and one backward, and
tags position `t` from both (lecture notes, 双向循环神经网络):

- forward: `H_t^(f) = phi(X_t W_xh^(f) + H_{t-1}^(f) W_hh^(f) + b_h^(f))` reads `x_1 .. x_t`
- backward: `H_t^(b) = phi(X_t W_xh^(b) + H_{t+1}^(b) W_hh^(b) + b_h^(b))` reads `x_T .. x_t`
- output: `H_t = (H_t^(f), H_t^(b))` (concatenated), `O_t = H_t W_hq + b_q`

The forward-only net has `H_t^(f)` alone. Both nets train on the same batches; the plots show their
accuracy on 512 held-out sequences (never trained on), per position, one example's hidden states
(time x units) and the gradient norms `||dL/dH_t||` through time.
"""

BIDIR_FORMULAS_ZH = """
双向循环神经网络在序列上运行两个循环层，一个正向、一个反向，并根据两者为位置 `t` 打标签
（讲义：双向循环神经网络）：

- 正向：`H_t^(f) = phi(X_t W_xh^(f) + H_{t-1}^(f) W_hh^(f) + b_h^(f))`，读入 `x_1 .. x_t`
- 反向：`H_t^(b) = phi(X_t W_xh^(b) + H_{t+1}^(b) W_hh^(b) + b_h^(b))`，读入 `x_T .. x_t`
- 输出：`H_t = (H_t^(f), H_t^(b))`（拼接），`O_t = H_t W_hq + b_q`

只有正向的网络只有 `H_t^(f)`。两个网络在相同的小批量上训练；图中显示它们在 512 条留出序列
（从不用于训练）上的准确率、每个位置的准确率、一个样例的隐藏状态（时间 x 单元），以及随时间的
梯度范数 `||dL/dH_t||`。
"""

BIDIRECTIONAL_LESSONS = {
    "bidirectional_sees_the_future": dict(
        title="A bidirectional RNN sees the future",
        title_zh="双向 RNN 能看到未来",
        config=dict(mode="bidirectional", bi_task="repeats_later", bi_cell="gru", bi_hidden=32, bi_seq_len=12,
                    bi_lr=0.01, bi_batch=64, bi_max_steps=400, bi_eval_every=20),
        notes=f"""
{BIDIR_FORMULAS}
The task: 12 tokens drawn uniformly from 8; tag each token 1 if the same token appears again later
in the sequence, else 0. The answer lies in the future. A causal tagger at `t` knows only that the
`T - t` later tokens are uniform, so the token repeats with probability
`p_t = 1 - (1 - 1/V)^(T - t)` and the best it can do is guess the likelier tag: accuracy
`max(p_t, 1 - p_t)`. Averaged over the 12 positions this causal ceiling is **0.703** (the dashed
line); per position it falls from 0.77 at `t = 1` to 0.51 at `t = 7` (where `p_t` is near 1/2) and
rises to 1 at `t = 12` (nothing comes after the last token).

With seed 0, after 400 steps the forward-only GRU's held-out accuracy is **0.691**, stuck at the
ceiling, while the bidirectional GRU reaches **1.000**. The per-position plot shows where the
forward net fails: most in the middle, just as `max(p_t, 1 - p_t)` predicts. The backward
direction's hidden states remember which tokens it has already read (from the end); the forward
direction's add nothing the task needs. Try `last_token` or `token_ahead` (the ceiling drops to
about 1/8 per position), or an `rnn` cell.
""",
        notes_zh=f"""
{BIDIR_FORMULAS_ZH}
任务：从 8 个词元中均匀抽取 12 个；如果同一个词元在序列后面再次出现，就把它标为 1，否则标为 0。
答案在未来。位置 `t` 上的因果标注器只知道后面 `T - t` 个词元是均匀分布的，所以该词元重复的概率是
`p_t = 1 - (1 - 1/V)^(T - t)`，它最多只能猜更可能的标签：准确率 `max(p_t, 1 - p_t)`。
在 12 个位置上平均，这个因果上限是 **0.703**（虚线）；逐位置看，它从 `t = 1` 的 0.77
降到 `t = 7` 的 0.51（此处 `p_t` 接近 1/2），再在 `t = 12` 升到 1（最后一个词元之后什么都没有）。

随机种子 0，训练 400 步后，只有正向的 GRU 在留出集上的准确率为 **0.691**，卡在上限处，
而双向 GRU 达到 **1.000**。逐位置的图显示了正向网络在哪里失败：中间最多，正如
`max(p_t, 1 - p_t)` 所预测的。反向的隐藏状态记住了它（从末尾开始）已经读过哪些词元；
正向的隐藏状态对这个任务没有帮助。试试 `last_token` 或 `token_ahead`（上限降到每个位置
约 1/8），或者 `rnn` 单元。
""",
    ),
    "past_only_both_succeed": dict(
        title="When the answer is in the past, bidirectionality does not matter",
        title_zh="答案在过去时，双向无关紧要",
        config=dict(mode="bidirectional", bi_task="token_behind", bi_cell="gru", bi_hidden=32, bi_seq_len=12,
                    bi_lr=0.01, bi_batch=64, bi_max_steps=300, bi_eval_every=20),
        notes=f"""
{BIDIR_FORMULAS}
The task: tag each position with the token two steps earlier (`-` for the first two). Everything
the tag needs is in `x_1 .. x_t`, so the causal ceiling is 1 at every position (the dashed line at
the top), and the forward direction `H_t^(f)` alone is enough.

With seed 0, after 300 steps both nets reach **1.000** held-out accuracy at every position. The
bidirectional net has twice the recurrent units and learns nothing more: its backward states carry
nothing the tag needs, and the gradients `||dL/dH_t||` into its backward direction stay small.
A bidirectional RNN pays off only when the answer at `t` depends on what comes after `t`; it also
needs the whole sequence before it can tag the first token, so it cannot predict the next token
of a stream (a language model must be causal).
""",
        notes_zh=f"""
{BIDIR_FORMULAS_ZH}
任务：用两步之前的词元给每个位置打标签（前两个位置为 `-`）。标签所需的一切都在
`x_1 .. x_t` 中，所以每个位置的因果上限都是 1（顶部的虚线），只用正向的 `H_t^(f)` 就够了。

随机种子 0，训练 300 步后，两个网络在每个位置上的留出准确率都达到 **1.000**。双向网络的
循环单元多一倍，却没有学到更多：它的反向状态不携带标签需要的任何信息，流入反向的梯度
`||dL/dH_t||` 一直很小。只有当位置 `t` 的答案取决于 `t` 之后的内容时，双向 RNN 才有用；
它还必须先读完整个序列才能标注第一个词元，所以不能预测数据流中的下一个词元（语言模型必须是因果的）。
""",
    ),
}

# --- end bidirectional lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # char_lm lessons
    **CHAR_LM_LESSONS,

    # embeddings lessons
    **EMBEDDINGS_LESSONS,

    # seq2seq lessons
    **SEQ2SEQ_LESSONS,

    # bidirectional lessons
    **BIDIRECTIONAL_LESSONS,

}



def build(name: str):
    """The preset of lesson ``name``: the lesson's ``speed`` (steps per second, None: as fast as it goes)."""
    from playground.presets import new_preset, tidy_notes

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], title_zh=lesson["title_zh"], notes=tidy_notes(lesson["notes"]),
                      notes_zh=tidy_notes(lesson["notes_zh"]), seed=0, device="auto", speed=lesson.get("speed"), config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped presets folder of this panel)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
