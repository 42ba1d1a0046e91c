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
        "config": {"mode": "char_lm", "char_cell": "gru", "char_hidden": 128, "char_max_steps": 150,
                   "char_eval_every": 50},
        "notes": CHAR_PERPLEXITY, "notes_zh": CHAR_PERPLEXITY_ZH},
    "char_sampling_temperature": {
        "title": "Character model: temperature and greedy sampling",
        "config": {"mode": "char_lm", "char_cell": "gru", "char_max_steps": 150, "char_eval_every": 50,
                   "prompt": "MENENIUS:", "temperature": 0.6},
        "notes": CHAR_TEMPERATURE, "notes_zh": CHAR_TEMPERATURE_ZH},
    "char_sequential_vs_random": {
        "title": "Character model: sequential minibatches, carried state, clipping",
        "config": {"mode": "char_lm", "char_cell": "gru", "char_sampling": "sequential", "char_carry_state": True,
                   "char_seq_len": 8, "char_max_steps": 200, "char_eval_every": 100, "clip_theta": 1.0},
        "notes": CHAR_SEQUENTIAL, "notes_zh": CHAR_SEQUENTIAL_ZH},
}

# --- end char_lm lessons ------------------------------------------------------

# --- embeddings lessons ----------------------------------------------------------

# --- end embeddings lessons ------------------------------------------------------

# --- seq2seq lessons ----------------------------------------------------------

# --- end seq2seq lessons ------------------------------------------------------

# --- bidirectional lessons ----------------------------------------------------------

# --- end bidirectional lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # char_lm lessons
    **CHAR_LM_LESSONS,

    # embeddings lessons

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
