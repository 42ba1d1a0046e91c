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

# --- end bidirectional lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # char_lm lessons

    # embeddings lessons

    # seq2seq lessons
    **SEQ2SEQ_LESSONS,

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
