"""The char_lm page: perplexity against the n-gram baselines, the gradient norm before clipping, the
next-character probabilities of the sample's first step, the hidden state over the sample, and the
prompt box with the sample under it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea

from widgets.conv_views import DIVERGING, CurveView, ImageView, equal_columns, set_title
from widgets.i18n import register, tr, tr_message
from widgets.live_plot import add_plot, colour
from widgets.panels.paged import Page as PageBase
from widgets.readout import ReadoutLabel

SAMPLE_LINES = 6  # lines of the generated sample shown at once (it scrolls)
PPL_TITLE = "Perplexity exp(mean NLL) vs step"
GRAD_TITLE = "Gradient norm ||g|| before clipping"
BARS_TITLE = "Next-character probabilities, first generated step"
HEAT_TITLE = "Top layer's hidden state over the sample"
TRAIN, HELD, UNI, BI, THETA, NORM = ("train (last minibatches)", "held-out", "unigram (Laplace)",
                                      "bigram (Laplace)", "theta", "||g||")
READOUT = ("held-out perplexity {held:.2f}   train {train:.2f}   unigram {uni:.2f}   bigram {bi:.2f}   "
           "vocabulary {vocab}   parameters {params}   epochs {epochs}")
NEXT_STEPS = "next steps: {steps}"
CORPUS = "corpus: {corpus}"
CORPUS_SIZE = "{name}, {count} characters"  # how the engine names its corpus (playground/language/char_lm.py)
MESSAGES = ("not in the corpus's {n}-character vocabulary, skipped: {chars}",
            "nothing of the prompt is in the vocabulary: the sample starts from {char}",
            "temperature {value} is not a number: kept {kept}",
            "temperature {value} must be a positive number: kept {kept}",
            "sample length {value} is not a whole number: kept {kept}",
            "corpus file {path}: is empty", "corpus file {path}: looks binary (it has NUL bytes), not a text file",
            "corpus file {path}: is not UTF-8 text (bad byte at offset {offset})",
            "corpus file {path}: too short: {n} characters, at least {m} are needed",
            "corpus file {path}: too big: a corpus file is at most {mb} MB",
            "this character model is too large to train live: {sizes} make one step about {times} times the most "
            "a laptop does in a second; lower one of {fields}")

register({
    PPL_TITLE: "困惑度 exp(平均负对数似然) 随步数", GRAD_TITLE: "裁剪前的梯度范数 ||g||",
    BARS_TITLE: "下一个字符的概率（第一个生成步）", HEAT_TITLE: "样本上顶层的隐状态",
    TRAIN: "训练（最近的小批量）", HELD: "留出文本", UNI: "一元（拉普拉斯）", BI: "二元（拉普拉斯）",
    THETA: "theta", NORM: "||g||", "step": "步数", "perplexity": "困惑度", "norm": "范数", "probability": "概率",
    "next character": "下一个字符", "character of the sample": "样本中的字符", "hidden unit": "隐藏单元",
    "Prompt": "提示", "Type the text the sample starts from": "输入样本开头的文本",
    READOUT: "留出困惑度 {held:.2f}   训练 {train:.2f}   一元 {uni:.2f}   二元 {bi:.2f}   词表 {vocab}   "
             "参数 {params}   轮数 {epochs}",
    NEXT_STEPS: "之后几步：{steps}", CORPUS: "语料：{corpus}", CORPUS_SIZE: "{name}，{count} 个字符",
    # sections and form labels of the mode
    "Corpus": "语料", "Character model": "字符模型", "Character training": "字符模型训练", "Sample text": "生成样本",
    "corpus file": "语料文件", "minibatch sampling": "小批量采样", "carry hidden state": "传递隐状态",
    "sequence length": "序列长度", "clip theta": "裁剪阈值 theta", "eval every": "评估间隔",
    "sample length": "样本长度", "temperature": "温度", "greedy": "贪心", "hidden units": "隐藏单元",
    "rnn": "rnn", "gru": "gru", "lstm": "lstm", "random": "随机", "sequential": "相邻",
    # messages from the engine and the config
    MESSAGES[0]: "不在语料的 {n} 个字符的词表中，已跳过：{chars}",
    MESSAGES[1]: "提示中没有词表里的字符：样本从 {char} 开始",
    MESSAGES[2]: "温度 {value} 不是数字：保持 {kept}", MESSAGES[3]: "温度 {value} 必须是正数：保持 {kept}",
    MESSAGES[4]: "样本长度 {value} 不是整数：保持 {kept}",
    MESSAGES[5]: "语料文件 {path}：是空的", MESSAGES[6]: "语料文件 {path}：看起来是二进制文件（含 NUL 字节），不是文本",
    MESSAGES[7]: "语料文件 {path}：不是 UTF-8 文本（偏移 {offset} 处有坏字节）",
    MESSAGES[8]: "语料文件 {path}：太短：{n} 个字符，至少需要 {m} 个",
    MESSAGES[9]: "语料文件 {path}：太大：语料文件最多 {mb} MB",
    MESSAGES[10]: "这个字符模型太大，无法实时训练：{sizes} 使一步的计算量约为笔记本电脑一秒所能完成的 {times} 倍；"
                  "请降低 {fields} 之一",
}, messages=(READOUT, NEXT_STEPS, CORPUS, CORPUS_SIZE, *MESSAGES))


def shown(ch: str) -> str:
    """A character as a tick label: a newline and a space made visible."""
    return {"\n": "⏎", " ": "␣", "\t": "⇥"}.get(ch, ch)


class Page(PageBase):
    def build(self) -> None:
        ci = self.graphics.ci
        self.ppl = CurveView(ci, 0, 0, PPL_TITLE, "step", "perplexity", [TRAIN, HELD, UNI, BI], log_y=True)
        for name, style in ((UNI, Qt.PenStyle.DashLine), (BI, Qt.PenStyle.DashLine)):
            self.ppl.curves[name].setPen(pg.mkPen(self.ppl.curves[name].opts["pen"].color(), width=2, style=style))
        self.ppl.curves[HELD].setSymbol("o")
        self.ppl.curves[HELD].setSymbolSize(7)
        self.grad = CurveView(ci, 0, 1, GRAD_TITLE, "step", "norm", [NORM, THETA])
        self.grad.curves[THETA].setPen(pg.mkPen(colour(3), width=2, style=Qt.PenStyle.DashLine))
        self.bars_plot = add_plot(ci, row=1, col=0)
        set_title(self.bars_plot, BARS_TITLE)
        self.bars_plot.setLabel("bottom", "next character")
        self.bars_plot.setLabel("left", "probability")
        self.bars_plot.setYRange(0, 1, padding=0.02)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=pg.mkBrush(colour(0)))
        self.bars_plot.addItem(self.bars)
        self.heat = ImageView(ci, 1, 1, HEAT_TITLE, cmap=DIVERGING)
        self.heat.plot.setLabel("bottom", "character of the sample")
        self.heat.plot.setLabel("left", "hidden unit")
        self.heat.plot.setAspectLocked(False)  # 100 characters x 64 units: fill the cell, not a thin strip
        # fixed y ranges with headroom above the data, so the legends (top right) never cover it
        self.ppl.plot.enableAutoRange(y=False)
        # round perplexities as the log axis's ticks (its own minor labels crowd two decades)
        self.ppl.plot.getAxis("left").setTicks([[(float(np.log10(v)), f"{v:g}")
                                                 for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)]])
        self.grad.plot.enableAutoRange(y=False)
        equal_columns(ci, [1, 1])

        row = QHBoxLayout()
        self.prompt_label = QLabel(tr("Prompt"))
        self.prompt_box = QLineEdit()
        self.prompt_box.setMaxLength(200)
        self.prompt_box.setPlaceholderText(tr("Type the text the sample starts from"))
        self.prompt_box.editingFinished.connect(self._on_prompt_edited)
        row.addWidget(self.prompt_label)
        row.addWidget(self.prompt_box, 1)
        self.below.addLayout(row)
        self.sample = QLabel()
        self.sample.setWordWrap(True)
        self.sample.setTextFormat(Qt.TextFormat.PlainText)
        self.sample.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sample.setFont(QFont("monospace"))
        self.sample.setProperty("user_text", True)  # the model's own text: nothing in it to translate
        # A 200-character sample with its line breaks took most of a 1280x720 page in presentation
        # mode and squashed the plots to a sliver: it scrolls inside a few lines instead.
        self.sample_scroll = QScrollArea()
        self.sample_scroll.setWidget(self.sample)
        self.sample_scroll.setWidgetResizable(True)
        self.sample_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sample_scroll.setMaximumHeight(SAMPLE_LINES * self.sample.fontMetrics().lineSpacing() + 8)
        self.below.addWidget(self.sample_scroll)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b")
        self.below.addWidget(self.message)
        self.readout = ReadoutLabel()
        self.below.addWidget(self.readout)

    def _on_prompt_edited(self) -> None:
        text = self.prompt_box.text()
        if text != self.panel.config().prompt:
            self.panel.edit_config(prompt=text)

    def show_config(self, config) -> None:
        if getattr(config, "prompt", None) is not None and self.prompt_box.text() != config.prompt:
            self.prompt_box.setText(config.prompt)

    def clear(self) -> None:
        self.ppl.clear()
        self.grad.clear()
        self.bars.setOpts(x=[], height=[])
        self.heat.clear()
        self.sample.setText("")
        self.message.setText("")
        self.readout.setText("")

    def draw(self, snap) -> None:
        a, m, t = snap.arrays, snap.metrics, snap.tables
        self._draw_curves(a, m)
        self._draw_bars(a["top_probs"], t["top_chars"])
        self._draw_heat(a["sample_hidden"], t["hidden_chars"])
        self.sample.setText(t["prompt_used"] + t["sample"])
        self.message.setText(tr_message(t["message"]))
        readout = tr(READOUT).format(held=m["held_out_ppl"], train=m["train_ppl"], uni=m["unigram_ppl"],
                                     bi=m["bigram_ppl"], vocab=int(m["vocab_size"]), params=int(m["params"]),
                                     epochs=int(m["epochs"]))
        later = [" ".join(f"{shown(c)} {p:.2f}" for c, p in zip(chars[:3], probs[:3]))
                 for chars, probs in zip(t["top_chars"][1:], a["top_probs"][1:])]
        lines = [readout, tr(CORPUS).format(corpus=tr_message(t["corpus"]))]
        if later:
            lines.append(tr(NEXT_STEPS).format(steps="  |  ".join(later)))
        self.readout.setText("\n".join(lines))

    def _draw_curves(self, a, m) -> None:
        steps = a["hist_step"]
        self.ppl.set(TRAIN, steps, a["hist_train_ppl"])
        self.ppl.set(HELD, a["eval_step"], a["eval_ppl"])
        span = np.array([0.0, max(float(steps[-1]) if len(steps) else 1.0, 1.0)])
        self.ppl.set(UNI, span, np.full(2, m["unigram_ppl"]))
        self.ppl.set(BI, span, np.full(2, m["bigram_ppl"]))
        self.grad.set(NORM, steps, a["hist_grad_norm"])
        theta = m["clip_theta"]
        # log axis: from below the best perplexity seen to 8 V (the untrained model starts near V)
        low = min(3.0, float(np.nanmin(a["eval_ppl"])) * 0.8) if len(a["eval_ppl"]) else 3.0
        self.ppl.plot.setYRange(np.log10(max(low, 1.0)), np.log10(8 * m["vocab_size"]), padding=0)
        norms = a["hist_grad_norm"]
        top = max(theta, float(np.nanmax(norms)) if len(norms) and np.isfinite(norms).any() else 1.0, 1e-6)
        self.grad.plot.setYRange(0, 1.6 * top, padding=0)
        self.grad.show(THETA, theta > 0)
        if theta > 0:
            self.grad.set(THETA, span, np.full(2, theta))

    def _draw_bars(self, probs: np.ndarray, chars: list) -> None:
        if not len(probs):
            self.bars.setOpts(x=[], height=[])
            return
        first = probs[0]
        self.bars.setOpts(x=np.arange(len(first)), height=first, width=0.7)
        self.bars_plot.getAxis("bottom").setTicks([[(i, shown(c)) for i, c in enumerate(chars[0])]])
        self.bars_plot.setXRange(-0.6, len(first) - 0.4, padding=0)

    def _draw_heat(self, hidden: np.ndarray, chars: str) -> None:
        if not hidden.size:
            self.heat.clear()
            return
        self.heat.set_image(hidden.T, levels=(-1.0, 1.0))  # rows: units, columns: characters
        every = max(1, len(chars) // 25)
        self.heat.plot.getAxis("bottom").setTicks([[(i, shown(c)) for i, c in enumerate(chars) if i % every == 0]])
