"""CJK line breaking: widths, break opportunities and the wrapping rules."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tui.cjkwrap import (
    break_opportunities,
    char_width,
    cumulative_widths,
    is_wide,
    join_soft_break,
    text_width,
    wrap,
    wrap_text,
)

PARAGRAPH = (
    "騰訊全年研發投入706.9億元，資本開支突破767億元（同比激增221%），近7年累計砸下3403億元。"
)


def test_widths_match_rich() -> None:
    sample = "腾讯AI 大模型，“开源”① 45% ｜ é"
    assert text_width(sample) == cell_len(sample)
    assert [char_width(c) for c in "腾A，"] == [2, 1, 2]
    assert cumulative_widths("a腾b") == [0, 1, 3, 4]


def test_text_width_is_the_sum_of_the_characters_widths() -> None:
    """Counted by runs of wide characters and zero-width ones only when present:
    the same as one character at a time, wide, narrow, zero-width and mixed."""
    import random

    rng = random.Random(7)
    alphabet = "腾讯AI 大模型，“开源”①45%｜é\u0301\u200b\ufe0f\x07한カ😀\t"
    samples = ["", "a", "腾", "\u200b", "e\u0301", "腾讯\u200b控股"]
    samples += ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(300)]
    for sample in samples:
        assert text_width(sample) == sum(char_width(c) for c in sample), sample


def test_is_wide() -> None:
    assert is_wide("腾") and is_wide("，") and is_wide("（")
    assert not is_wide("a") and not is_wide("%") and not is_wide(" ")


def test_break_between_any_two_cjk_characters() -> None:
    allowed = break_opportunities("腾讯研发")
    assert allowed == [False, True, True, True]


def test_no_break_inside_latin_words_or_numbers() -> None:
    text = "AI大模型706.9亿"
    allowed = break_opportunities(text)
    assert allowed[1] is False  # A|I
    assert allowed[2] is True  # I|大
    assert not any(allowed[6:10])  # inside 706.9


def test_closing_punctuation_never_starts_a_line() -> None:
    # from 8 cells up, which fits the widest unbreakable piece (221%）)
    for width in range(8, 30):
        for line in wrap_text(PARAGRAPH, width):
            assert line[:1] not in "，。）、%", (width, line)


def test_opening_punctuation_never_ends_a_line() -> None:
    text = "腾讯表示（同比）「大模型」《财报》“开源”都是重点内容之一"
    for width in range(4, 30):
        for line in wrap_text(text, width):
            assert line[-1:] not in "（「《“", (width, line)


def test_protected_figure_never_split() -> None:
    start = PARAGRAPH.index("706.9億元")
    figure = (start, start + len("706.9億元"))
    for width in range(12, 40):
        lines = wrap(PARAGRAPH, width, [figure])
        assert any(s <= figure[0] and figure[1] <= e for s, e in lines), width


def test_unprotected_number_and_unit_may_break_but_number_stays_whole() -> None:
    lines = wrap_text("一二三四五六七八706.9亿元", 20)
    assert lines == ["一二三四五六七八", "706.9亿元"]


def test_lines_fit_and_keep_all_text() -> None:
    text = "AI is the most important technology 大模型 will change everything，真的。"
    for width in range(6, 40):
        lines = wrap_text(text, width)
        assert all(text_width(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_line_fills_up_to_width_with_latin_word_inside() -> None:
    # Rich would leave half a line empty before the Latin word; we break between CJK.
    text = "腾讯控股的混元大模型Hunyuan已经在广告系统中全面上线"
    lines = wrap_text(text, 20)
    assert text_width(lines[0]) >= 18


def test_spaces_dropped_at_breaks() -> None:
    assert wrap_text("hello world again", 11) == ["hello world", "again"]


def test_newline_forces_break() -> None:
    assert wrap_text("第一行\n第二行", 40) == ["第一行", "第二行"]
    assert wrap_text("a\n\nb", 10) == ["a", "", "b"]


def test_overlong_word_cut_by_cells() -> None:
    assert wrap_text("abcdefghijklmnop", 6) == ["abcdef", "ghijkl", "mnop"]


def test_empty_text_is_one_empty_line() -> None:
    assert wrap("", 10) == [(0, 0)]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("腾讯", "研发", ""),
        ("AI", "技术", ""),
        ("腾讯", "AI", ""),
        ("hello", "world", " "),
        ("hello ", "world", ""),
        ("", "world", ""),
    ],
)
def test_soft_break_joins_without_space_between_cjk(left: str, right: str, expected: str) -> None:
    assert join_soft_break(left, right) == expected
