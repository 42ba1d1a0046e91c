"""Texts set while a panel draws follow the UI language: plain text items, legend renames, algorithm names."""

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.bandits_views import algorithm_label
from widgets.i18n import retranslate_plots, set_language, show_text, tr_message
from widgets.plot_items import AppPlotWidget


def test_a_text_item_follows_a_language_switch(qtbot):
    holder = QWidget()  # retranslate_plots walks the plots among a widget's children
    qtbot.addWidget(holder)
    plot = AppPlotWidget()
    QVBoxLayout(holder).addWidget(plot)
    item = pg.TextItem("")
    plot.addItem(item)
    show_text(item, "start")
    assert item.toPlainText() == "start"
    set_language("zh_CN")
    try:
        retranslate_plots(holder)
        assert item.toPlainText() == "起点"
    finally:
        set_language("en")
    retranslate_plots(holder)
    assert item.toPlainText() == "start"


def test_a_renamed_legend_entry_is_shown_translated_and_kept_in_english(qtbot):
    plot = AppPlotWidget()
    qtbot.addWidget(plot)
    legend = plot.getPlotItem().addLegend()
    curve = plot.plot([0, 1], [0, 1], name="best constant answer")
    set_language("zh_CN")
    try:
        legend.rename(curve, "always answer 1: MSE 1/6")
        assert legend.getLabel(curve).text == "总是回答 1：MSE 1/6"
    finally:
        set_language("en")
    legend.retranslate()
    assert legend.getLabel(curve).text == "always answer 1: MSE 1/6"


def test_algorithm_names_translate_their_words_and_keep_their_numbers(qapp):
    set_language("zh_CN")
    try:
        assert algorithm_label("epsilon-greedy (eps=0.01)") == "ε-贪心（eps=0.01）"
        assert algorithm_label("gradient bandit (alpha=0.1, baseline)") == "梯度老虎机（alpha=0.1, 基线）"
        assert algorithm_label("UCB1 (c=2)") == "UCB1（c=2）"
        assert algorithm_label("my (own) name") == "my (own) name"  # typed by the user
    finally:
        set_language("en")
    assert algorithm_label("gradient bandit (alpha=0.1, baseline)") == "gradient bandit (alpha=0.1, baseline)"


def test_readout_templates_fill_in_their_numbers(qapp):
    set_language("zh_CN")
    try:
        assert tr_message("digit 0 -> 5 (p 0.12), conv2[0,1,1]") == "数字 0 -> 5（p 0.12），conv2[0,1,1]"
        assert (tr_message("torch.nn.functional.conv2d gives 4x4 (agrees)")
                == "PyTorch 的 conv2d 给出 4x4（一致）")
    finally:
        set_language("en")
