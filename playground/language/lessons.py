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

# --- end embeddings lessons ------------------------------------------------------

# --- seq2seq lessons ----------------------------------------------------------
SEQ2SEQ_LESSONS = {
    "seq2seq_attention_vs_none": dict(
        title="Seq2seq: attention vs one context vector",
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

    # embeddings lessons

    # seq2seq lessons
    **SEQ2SEQ_LESSONS,

    # bidirectional lessons
    **BIDIRECTIONAL_LESSONS,

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
