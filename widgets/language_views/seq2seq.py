"""The seq2seq page: the typed sentence's alignment, held-out curves of both models, beam and greedy trees."""

from __future__ import annotations

import numpy as np

from widgets.attention_views import TreeView
from widgets.conv_views import CurveView, GridView, equal_columns
from widgets.i18n import register, tr, tr_message
from widgets.panels.paged import Page as BasePage
from widgets.readout import ReadoutLabel

ALIGNMENT = "alignment alpha_t't (attention model)"
EXACT = "held-out exact match and token accuracy"
LOSS = "training loss -log P (teacher forcing)"
GRADIENTS = "gradient norm and attention entropy"
BEAM = "beam search, k = {k} (orange: kept, green: chosen)"
GREEDY = "greedy search"
CURVES = ("exact, attention", "exact, no attention", "tokens, attention", "tokens, no attention")
LOSSES = ("attention", "no attention")
GRADIENT_CURVES = ("|grad|, attention", "|grad|, no attention", "entropy of alpha (nats)")
OUTPUTS = ("typed: {tokens}    attention: {attn}    no attention: {plain}    beam: {beam}    greedy: {greedy}")
SCORES = "beam log P {beam_logp}, score {beam_score}    greedy log P {greedy_logp}, score {greedy_score}"
CANDIDATE = "{tokens}  L {length}  log P {logp}  score {score}"
MESSAGES = ("unknown tokens skipped: {tokens}", "only the first {n} tokens are used")

register({
    ALIGNMENT: "对齐权重 alpha_(t', t)（有注意力的模型）", EXACT: "留出集上的完全匹配率与词元准确率",
    LOSS: "训练损失 -log P（强制教学）", GRADIENTS: "梯度范数与注意力熵",
    BEAM: "束搜索，k = {k}（橙色：保留，绿色：选中）", GREEDY: "贪心搜索",
    "exact, attention": "完全匹配，有注意力", "exact, no attention": "完全匹配，无注意力",
    "tokens, attention": "词元，有注意力", "tokens, no attention": "词元，无注意力",
    "attention": "有注意力", "no attention": "无注意力",
    "|grad|, attention": "|梯度|，有注意力", "|grad|, no attention": "|梯度|，无注意力",
    "entropy of alpha (nats)": "alpha 的熵（奈特）",
    "input token": "输入词元", "output token": "输出词元", "training step": "训练步数", "accuracy": "准确率",
    "loss": "损失", "norm, entropy": "范数、熵",
    OUTPUTS: "输入：{tokens}    有注意力：{attn}    无注意力：{plain}    束搜索：{beam}    贪心：{greedy}",
    SCORES: "束搜索 log P {beam_logp}，得分 {beam_score}    贪心 log P {greedy_logp}，得分 {greedy_score}",
    CANDIDATE: "{tokens}  L {length}  log P {logp}  得分 {score}",
    "beam candidates (best score first):": "束搜索候选（得分从高到低）：",
    "unknown tokens skipped: {tokens}": "已跳过未知词元：{tokens}",
    "no known tokens: type a date such as 'march 5 2021'": "没有已知词元：请输入一个日期，例如 'march 5 2021'",
    "only the first {n} tokens are used": "只使用前 {n} 个词元",
    # the mode's sections and fields (form labels and tooltips)
    "Seq2seq training": "序列到序列训练", "Typed sentence and search": "输入的句子与搜索",
    "sentence": "句子", "seq2seq hidden": "序列到序列隐藏大小", "seq2seq lr": "序列到序列学习率",
    "seq2seq batch": "序列到序列批大小", "seq2seq steps": "序列到序列步数", "seq2seq eval every": "序列到序列评估间隔",
    "A date to translate, e.g. 'march 5 2021', '5 march 2021' or 'march 5 , 2021': its alignment heatmap and beam "
    "search (unknown words are skipped)": "要翻译的日期，例如 'march 5 2021'、'5 march 2021' 或 'march 5 , 2021'："
    "显示它的对齐热图和束搜索（未知的词会被跳过）",
    "Beam width k for the typed sentence (1 is greedy search)": "输入句子的束宽 k（1 即贪心搜索）",
    "Final score (1/L^alpha) log P: alpha 0 ranks by log P alone (short outputs win), larger alpha favours longer "
    "outputs": "最终得分 (1/L^alpha) log P：alpha 为 0 时只按 log P 排序（短输出占优），alpha 越大越偏爱长输出",
    "Hidden size of the encoder and decoder GRUs": "编码器与解码器 GRU 的隐藏大小",
    "Adam learning rate of both models": "两个模型的 Adam 学习率",
    "Sentence pairs per training step (the same for both models)": "每个训练步的句对数（两个模型相同）",
    "Training steps (0: until stopped)": "训练步数（0：一直训练到停止）",
    "Steps between evaluations on the 512 held-out pairs": "在 512 个留出句对上评估的间隔步数",
}, messages=(BEAM, OUTPUTS, SCORES, CANDIDATE, *MESSAGES))


def _number(value) -> str:
    return "-" if value is None else f"{value:.3f}"


class Page(BasePage):
    def build(self) -> None:
        g = self.graphics.ci
        self.alignment = GridView(g, 0, 0, ALIGNMENT, signed=False, numbers=True, max_numbers=16,
                                  x_label="input token", y_label="output token")
        self.exact = CurveView(g, 0, 1, EXACT, "training step", "accuracy", list(CURVES), y_range=(0, 1))
        self.loss = CurveView(g, 0, 2, LOSS, "training step", "loss", list(LOSSES), log_y=True)
        self.beam = TreeView(g, 1, 0, BEAM.format(k=3))
        self.greedy = TreeView(g, 1, 1, GREEDY)
        self.gradients = CurveView(g, 1, 2, GRADIENTS, "training step", "norm, entropy", list(GRADIENT_CURVES))
        equal_columns(g, [1, 1, 1])
        self.outputs = ReadoutLabel(size=14)
        self.scores = ReadoutLabel(size=13)
        self.message = ReadoutLabel(size=13)
        self.candidates = ReadoutLabel(size=12)
        for label in (self.outputs, self.scores, self.message, self.candidates):
            self.below.addWidget(label)

    def draw(self, snap) -> None:
        a, t, m = snap.arrays, snap.tables, snap.metrics
        self._draw_alignment(a["alignment"], t["source_tokens"], t["output_tokens"])
        steps = a["hist_step"]
        for name, model in zip(CURVES, ("exact_attn", "exact_plain", "token_attn", "token_plain")):
            self.exact.set(name, steps, a[f"hist_{model}"], tr(name))
        trained = steps > 0  # the row of step 0 has no training step's loss or gradient yet
        for name, model in zip(LOSSES, ("attn", "plain")):
            self.loss.set(name, steps[trained], np.maximum(a[f"hist_loss_{model}"][trained], 1e-6), tr(name))
        for name, key in zip(GRADIENT_CURVES, ("hist_grad_attn", "hist_grad_plain", "hist_entropy")):
            self.gradients.set(name, steps[trained], a[key][trained], tr(name))
        self.beam.set_title(tr(BEAM).format(k=t["beam_width"]))
        for prefix, view in (("beam", self.beam), ("greedy", self.greedy)):
            if len(a[f"{prefix}_xy"]):
                view.set_tree(a[f"{prefix}_xy"], a[f"{prefix}_parent"], a[f"{prefix}_logp"], a[f"{prefix}_kept"],
                              t[f"{prefix}_labels"], t[prefix]["best_path"])
            else:
                view.clear()
        self._draw_texts(t, m)

    def _draw_alignment(self, alignment, inputs, outputs) -> None:
        if not alignment.size:
            self.alignment.clear()
            return
        self.alignment.set_grid(alignment, levels=(0.0, 1.0))
        self.alignment.plot.getAxis("bottom").setTicks([list(enumerate(inputs))])
        self.alignment.plot.getAxis("left").setTicks([list(enumerate(outputs))])

    def _draw_texts(self, t, m) -> None:
        self.outputs.setText(tr(OUTPUTS).format(tokens=" ".join(t["source_tokens"]) or "-",
                                                attn=t["output_attn"] or "-", plain=t["output_plain"] or "-",
                                                beam=t["beam"]["best"] or "-", greedy=t["greedy"]["best"] or "-"))
        self.scores.setText(tr(SCORES).format(beam_logp=_number(m.get("beam_logp")),
                                              beam_score=_number(m.get("beam_score")),
                                              greedy_logp=_number(m.get("greedy_logp")),
                                              greedy_score=_number(m.get("greedy_score"))))
        self.message.setText("; ".join(tr_message(part) for part in t["message"].split("; ")) if t["message"] else "")
        rows = [tr(CANDIDATE).format(tokens=row["tokens"], length=row["length"], logp=f"{row['logp']:.3f}",
                                     score=f"{row['score']:.3f}") for row in t["beam"]["candidates"][:4]]
        self.candidates.setText(tr("beam candidates (best score first):") + "  " + "    ".join(rows) if rows else "")

    def clear(self) -> None:
        self.alignment.clear()
        for view in (self.exact, self.loss, self.gradients, self.beam, self.greedy):
            view.clear()
        for label in (self.outputs, self.scores, self.message, self.candidates):
            label.setText("")
