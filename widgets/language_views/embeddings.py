"""The word embeddings page: a live PCA of the most frequent words, the loss and analogy-test curves,
the typed word's nearest neighbours, the typed analogy's answers and the cost of each objective."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from widgets.conv_views import CurveView, HIGHLIGHT, equal_columns, set_title
from widgets import theme
from widgets.i18n import register, tr, tr_message
from widgets.live_plot import AppScatterPlotItem, add_plot, colour
from widgets.panels.paged import Page as BasePage
from widgets.readout import ReadoutLabel

PROJECTION = "2-D projection (PCA) of {n} word vectors v (orange: the typed word, green: its neighbours)"
LOSS = "training loss (mean of 10 steps)"
ANALOGY_TEST = "analogy test of the corpus"
CURVES = ("loss",)
ACCURACY = ("rank 1", "top 5")
COST = ("{architecture}, {objective}: {madds} multiply-adds per pair    negative sampling (K + 1) d = {ns}    "
        "full softmax V d = {fs}    (V = {vocab})")
NEIGHBOURS = "nearest to '{word}' (cosine): {list}"
ANSWERS = "{a} - {b} + {c} = ? (cosine): {list}"
RANK = "rank of '{word}' among the answers: {rank} (cosine {cosine})"
MESSAGES = ("'{word}' is not in the vocabulary ({n} words)",
            "closest spellings: {words}",
            "'{word}' is one of a, b, c, which are excluded from the answers")

register({
    PROJECTION: "{n} 个词向量 v 的二维投影（主成分分析）（橙色：输入的词，绿色：它的近邻）",
    LOSS: "训练损失（10 步的平均）",
    ANALOGY_TEST: "语料的类比测试", "loss": "损失", "rank 1": "排第 1", "top 5": "前 5 名",
    "training step": "训练步数", "share of analogies": "类比的比例", "principal axis 1": "主轴 1",
    "principal axis 2": "主轴 2",
    COST: "{architecture}，{objective}：每个词对 {madds} 次乘加    负采样 (K + 1) d = {ns}    "
          "完整 softmax V d = {fs}    （V = {vocab}）",
    NEIGHBOURS: "与 '{word}' 最近的词（余弦）：{list}", ANSWERS: "{a} - {b} + {c} = ?（余弦）：{list}",
    RANK: "'{word}' 在答案中的排名：{rank}（余弦 {cosine}）",
    MESSAGES[0]: "'{word}' 不在词典中（共 {n} 个词）",
    MESSAGES[1]: "拼写最接近的词：{words}",
    MESSAGES[2]: "'{word}' 是 a、b、c 之一，它们不作为答案",
    "type a word to see its nearest neighbours": "输入一个词，查看它的最近邻",
    "write an analogy as 'a - b + c' or 'a - b + c = d', e.g. 'king - man + woman = queen'":
        "类比的写法是 'a - b + c' 或 'a - b + c = d'，例如 'king - man + woman = queen'",
    "skip-gram": "跳字模型", "CBOW": "连续词袋模型", "negative sampling": "负采样", "full softmax": "完整 softmax",
    # the mode's sections and fields (form labels and tooltips)
    "Embedding model": "嵌入模型", "Embedding training": "嵌入训练", "Words to ask": "要查询的词",
    "architecture": "模型结构", "objective": "目标函数", "dimension d": "维度 d", "window m": "窗口 m",
    "noise words K": "噪声词数 K", "subsampling t": "二次采样 t", "learning rate": "学习率", "batch size": "批大小",
    "steps": "步数", "query word": "查询词", "analogy": "类比", "neighbours": "近邻数",
    "words projected": "投影的词数",
    "skip-gram predicts each context word from the centre word; CBOW predicts the centre word from the mean of its "
    "context words' vectors":
        "跳字模型由中心词预测每个背景词；连续词袋模型由背景词向量的平均预测中心词",
    "negative sampling: one true pair against K noise words, (K + 1) d multiply-adds per pair; full softmax: a score "
    "for every word of the vocabulary, V d per pair":
        "负采样：一个真实词对对抗 K 个噪声词，每个词对 (K + 1) d 次乘加；完整 softmax：为词典中的每个词打分，"
        "每个词对 V d 次乘加",
    "Length d of each word vector": "每个词向量的长度 d",
    "Context window m: the words at most m away in the sentence": "背景窗口 m：句中距离不超过 m 的词",
    "Noise words K per pair, drawn from P(w) ~ f(w)^0.75": "每个词对的噪声词数 K，按 P(w) ~ f(w)^0.75 抽取",
    "Subsampling threshold t: each occurrence of w is dropped with "
    "P = max(1 - sqrt(t / f(w)), 0) (0: no subsampling)":
        "二次采样阈值 t：w 的每次出现以 P = max(1 - sqrt(t / f(w)), 0) 的概率被丢弃（0：不做二次采样）",
    "Adam learning rate of both embedding tables": "两个嵌入表的 Adam 学习率",
    "Training pairs (skip-gram) or windows (CBOW) per step":
        "每步的训练词对（跳字模型）或窗口（连续词袋模型）数",
    "Training steps (0: until stopped)": "训练步数（0：一直训练到停止）",
    "A word whose nearest neighbours by cosine similarity are listed (changes take effect at once, no restart)":
        "列出按余弦相似度最近的词的那个词（修改立即生效，无需重新开始）",
    "An analogy 'a - b + c' or 'a - b + c = d': the words nearest to v_a - v_b + v_c, a, b and c excluded, and the "
    "rank of d":
        "类比 'a - b + c' 或 'a - b + c = d'：与 v_a - v_b + v_c 最接近的词（排除 a、b、c），以及 d 的排名",
    "How many nearest neighbours and analogy answers to list": "列出的最近邻和类比答案的个数",
    "The most frequent words shown in the 2-D projection (PCA), besides the typed word, its neighbours and the "
    "analogy's words":
        "在二维投影（主成分分析）中显示的最高频词数（另外还显示输入的词、它的近邻和类比中的词）",
}, messages=(PROJECTION, COST, NEIGHBOURS, ANSWERS, RANK, *MESSAGES))


def _word_list(rows: list[dict]) -> str:
    return ", ".join(f"{row['word']} ({row['cosine']:.2f})" for row in rows) or "-"


class ProjectionView:
    """Points with word labels; the query word and its neighbours highlighted."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, rowspan: int) -> None:
        self.plot = add_plot(layout, row=row, col=col, rowspan=rowspan)
        set_title(self.plot, tr(PROJECTION).format(n=40))
        self.plot.setLabel("bottom", "principal axis 1")
        self.plot.setLabel("left", "principal axis 2")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.points = AppScatterPlotItem(size=8, pen=None)
        self.plot.addItem(self.points)
        self.labels: list[pg.TextItem] = []
        self.words: list[str] = []

    def set_title(self, n: int) -> None:
        set_title(self.plot, tr(PROJECTION).format(n=n))

    def _label(self, index: int) -> pg.TextItem:
        while len(self.labels) <= index:
            text = pg.TextItem(anchor=(0, 1), color=theme.current().text)
            self.plot.addItem(text)
            self.labels.append(text)
        return self.labels[index]

    def set_words(self, xy: np.ndarray, words: list[str], query: str, neighbours: set[str]) -> None:
        brushes = [pg.mkBrush(HIGHLIGHT) if w == query else pg.mkBrush(colour(2)) if w in neighbours
                   else pg.mkBrush(colour(1)) for w in words]
        self.points.setData(xy[:, 0], xy[:, 1], brush=brushes)
        for i, word in enumerate(words):
            label = self._label(i)
            if label.toPlainText() != word:
                label.setText(word)
            label.setPos(float(xy[i, 0]), float(xy[i, 1]))
            label.setVisible(True)
        for label in self.labels[len(words):]:
            label.setVisible(False)
        self.words = list(words)

    def clear(self) -> None:
        self.points.setData([], [])
        for label in self.labels:
            label.setVisible(False)
        self.words = []


class Page(BasePage):
    def build(self) -> None:
        g = self.graphics.ci
        self.projection = ProjectionView(g, 0, 0, rowspan=2)
        self.loss = CurveView(g, 0, 1, LOSS, "training step", "loss", list(CURVES))
        self.accuracy = CurveView(g, 1, 1, ANALOGY_TEST, "training step", "share of analogies", list(ACCURACY),
                                  y_range=(0, 1))
        equal_columns(g, [3, 2])
        self.cost = ReadoutLabel(size=13)
        self.neighbours = ReadoutLabel(size=14)
        self.answers = ReadoutLabel(size=14)
        self.message = ReadoutLabel(size=13)
        for label in (self.cost, self.neighbours, self.answers, self.message):
            self.below.addWidget(label)

    def draw(self, snap) -> None:
        a, t, m = snap.arrays, snap.tables, snap.metrics
        words = t["projected_words"]
        self.projection.set_title(len(words))
        self.projection.set_words(a["projection"], words, t["query_word"], {row["word"] for row in t["neighbours"]})
        steps = a["hist_step"]
        self.loss.set("loss", steps, a["hist_loss"], tr("loss"))
        self.accuracy.set("rank 1", steps, a["hist_top1"], tr("rank 1"))
        self.accuracy.set("top 5", steps, a["hist_top5"], tr("top 5"))
        self._draw_texts(t, m)

    def _draw_texts(self, t, m) -> None:
        self.cost.setText(tr(COST).format(architecture=tr(t["architecture"]), objective=tr(t["objective"]),
                                          madds=f"{m['madds_per_pair']:.0f}", ns=f"{m['madds_negative_sampling']:.0f}",
                                          fs=f"{m['madds_full_softmax']:.0f}", vocab=f"{m['vocab_size']:.0f}"))
        self.neighbours.setText(tr(NEIGHBOURS).format(word=t["query_word"], list=_word_list(t["neighbours"]))
                                if t["neighbours"] else "")
        answer = ""
        if t["answers"]:
            a, b, c = t["analogy_words"]
            answer = tr(ANSWERS).format(a=a, b=b, c=c, list=_word_list(t["answers"]))
            if "expected_rank" in m:
                answer += "    " + tr(RANK).format(word=t["expected"], rank=f"{m['expected_rank']:.0f}",
                                                   cosine=f"{m['expected_cosine']:.2f}")
        self.answers.setText(answer)
        parts = [text for text in (t["query_message"], t["analogy_message"]) if text]
        self.message.setText("    ".join(tr_message(p) for text in parts for p in text.split("; ")))

    def clear(self) -> None:
        self.projection.clear()
        self.loss.clear()
        self.accuracy.clear()
        for label in (self.cost, self.neighbours, self.answers, self.message):
            label.setText("")
