"""The caches and shortcuts that make cleaning fast give the answers of the plain
computation they replace (segmentation, the mojibake scorer's word lookups)."""

from __future__ import annotations

import math

from tui.clean.mojibake.model import _model
from tui.clean.mojibake.suspects import _covered_by_word
from tui.lang.segment import Segmenter
from tui.text import dictionary

_TEXTS = (
    "阿里云计算业务收入同比增长，阿里巴巴集团首席执行官吴泳铭表示",
    "腾讯控股2025年第一季度营收1800亿元，同比增长13%。",
    "中華人民共和國國家發展和改革委員會發布通知",
    "壁仞科技和沐曦都在做GPU，哔哩哔哩则在做内容",
    "对方;钴S的产品\ue1d6在市场上",
)


def test_segmenter_forgets_cached_cuts_when_a_word_is_added() -> None:
    """A block cut before ``add_word`` is cut again with the new word afterwards."""
    seg = Segmenter(dictionary.stock())
    text = "云栖大会上发布了通义千问新版本"
    before = list(seg.cut(text))
    assert "通义千问" not in before
    seg.add_word("通义千问")
    after = list(seg.cut(text))
    assert "通义千问" in after
    assert "".join(after) == text


def test_segmenter_lists_equal_its_generators() -> None:
    seg = Segmenter(dictionary.stock(), ["阿里云"])
    for text in _TEXTS:
        words = seg.words_of(text)
        assert words == list(seg.cut(text)) == [w for w, _, _ in seg.spans(text)]
        assert "".join(words) == text
        # Asked again (every block now cached), the same words.
        assert seg.words_of(text) == words


def _plain_window_values(window: str) -> tuple[tuple[int, float], ...]:
    return tuple(
        (len(word), math.log(count))
        for word, count in dictionary.stock().words_at(window, 0)
        if len(word) > 1 and count
    )


def test_scorer_window_lookups_equal_the_dictionary() -> None:
    """Two-character shortcuts give what a lookup of the whole window gives."""
    model = _model()
    longest = dictionary.stock().longest
    for text in (*_TEXTS, "\udcb5中国", "中\udcb5国人"):
        simple = model.simplified(text)
        for start in range(len(simple)):
            window = simple[start : start + longest]
            assert model.window_values(window) == _plain_window_values(window)


def _plain_covered(simple: str, index: int) -> bool:
    model = _model()
    for length in (2, 3, 4):
        for begin in range(max(0, index - length + 1), index + 1):
            word = simple[begin : begin + length]
            if begin + length <= len(simple) and (model.word_logp(word) or word in model.names):
                return True
    return False


def test_word_cover_equals_lookups_of_every_word() -> None:
    model = _model()
    for text in _TEXTS:
        simple = model.simplified(text)
        for index in range(len(simple)):
            assert _covered_by_word(simple, index, model) == _plain_covered(simple, index)
