"""The window's message for a configuration too large to train live, in English and Chinese."""

from __future__ import annotations

from playground.attention.config import AttentionConfig
from widgets.i18n import set_language, tr
from widgets.mode_sections import config_problem

HUGE_TRANSFORMER = dict(mode="transformer", d_model=128, heads=4, layers=2, seq_len=16, batch_size=512)


def test_the_refusal_names_the_fields_in_english_and_chinese(qapp):
    why = config_problem(AttentionConfig, HUGE_TRANSFORMER)
    assert why is not None and "too large to train live" in why
    assert "d_model 128" in why and "batch_size 512" in why
    try:
        set_language("zh_CN")
        chinese = config_problem(AttentionConfig, HUGE_TRANSFORMER)
    finally:
        set_language("en")
    assert "太大，无法实时训练" in chinese
    assert "d_model 128" in chinese and "batch_size 512" in chinese and "请减小" in chinese


def test_other_messages_are_not_caught_by_the_pattern(qapp):
    try:
        set_language("zh_CN")
        assert tr("d_model 30 is not a multiple of heads 4") == "d_model 30 is not a multiple of heads 4"
        assert tr("Play") == "播放"
    finally:
        set_language("en")
