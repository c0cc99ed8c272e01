"""Numerals, the aligned Simplified matching text and the trie alternation."""

from __future__ import annotations

import re
from decimal import Decimal

from tui.figures.lexicon import alternation
from tui.figures.numbers import decimals, parse_arabic, parse_chinese, parse_numeral
from tui.figures.textview import aligned_simplified, matching_text


def test_parse_arabic_with_thousands_and_decimals() -> None:
    assert parse_arabic("1,120") == Decimal(1120)
    assert parse_arabic("706.9") == Decimal("706.9")
    assert parse_arabic("abc") is None


def test_decimals_counts_digits_after_point() -> None:
    assert decimals("1940.73") == 2
    assert decimals("1941") == 0


def test_parse_chinese_numerals() -> None:
    assert parse_chinese("三") == 3
    assert parse_chinese("十五") == 15
    assert parse_chinese("三千五百万") == 35_000_000
    assert parse_chinese("一亿五千万") == 150_000_000
    assert parse_chinese("万亿") == 10**12
    assert parse_chinese("十亿") == 10**9
    assert parse_chinese("七五") == 75  # digit by digit, as in 七五折
    assert parse_chinese("三家") is None


def test_parse_numeral_with_chinese_point() -> None:
    assert parse_numeral("五点五") == Decimal("5.5")
    assert parse_numeral("12.5") == Decimal("12.5")


def test_matching_text_keeps_length_and_offsets() -> None:
    body = "騰訊營收達到１２３億元，同比增長１５％"
    m = matching_text(body)
    assert len(m) == len(body)
    assert m == "腾讯营收达到123亿元，同比增长15%"


def test_aligned_simplified_falls_back_per_character(monkeypatch) -> None:
    import tui.figures.textview as textview

    def stretching(text: str) -> str:  # a conversion that changes the length
        return text.replace("騰訊", "腾讯公司").replace("營", "营").replace("億", "亿")

    monkeypatch.setattr(textview, "to_simplified", stretching)
    textview._char_simplified.cache_clear()
    body = "騰訊營收\n123億"
    out = aligned_simplified(body)
    textview._char_simplified.cache_clear()
    assert len(out) == len(body)
    assert out.endswith("123亿")


def test_alternation_prefers_the_longest_word() -> None:
    pattern = re.compile(alternation(["超", "超过", "近", "将近"]))
    assert [m.group() for m in pattern.finditer("超过3 超5 将近4")] == ["超过", "超", "将近"]
