"""The shared text primitives: Han predicate, markers, dates, data loader."""

from __future__ import annotations

import pytest

from tui.text import data, dates, han, markers


@pytest.mark.parametrize("ch", ["中", "㐀", "䶿", "鿿", "豈", "𠮷", "𱍊"])
def test_han_characters(ch: str) -> None:
    assert han.is_han(ch)
    assert han.HAN_RE.fullmatch(ch)


@pytest.mark.parametrize("ch", ["A", "1", "，", "。", "あ", "ア", "〔", "Ａ", "\ufffd", "\ue000"])
def test_not_han(ch: str) -> None:
    assert not han.is_han(ch)
    assert not han.HAN_RE.fullmatch(ch)


def test_predicate_and_regex_agree_over_the_bmp() -> None:
    for code in range(0x2E80, 0xFFFF):
        ch = chr(code)
        assert han.is_han(ch) == bool(han.HAN_RE.fullmatch(ch)), hex(code)


def test_cjk_text_includes_punctuation_and_kana() -> None:
    assert all(han.is_cjk_text(ch) for ch in "中，。「」（）あ𠮷")
    assert not any(han.is_cjk_text(ch) for ch in "Aa1,.()")


def test_markers_round_trip() -> None:
    text = "前文" + markers.mark("\ufffd") + "后文"
    assert markers.MARKED_RE.search(text).group() == "〔乱码：\ufffd〕"
    blanked = markers.without_marks(text)
    assert blanked == "前文" + " " * len(markers.mark("\ufffd")) + "后文"
    assert len(blanked) == len(text)  # offsets kept
    assert markers.without_marks("没有标记") == "没有标记"


def test_marker_does_not_cross_lines() -> None:
    assert markers.MARKED_RE.search("〔乱码：a\nb〕") is None


@pytest.mark.parametrize(
    ("text", "ymd"),
    [
        ("发布于2025年8月21日 10:00", ("2025", "8", "21")),
        ("2024-03-18", ("2024", "03", "18")),
        ("x 1999/12/1 y", ("1999", "12", "1")),
    ],
)
def test_date_pattern(text: str, ymd: tuple[str, str, str]) -> None:
    match = dates.DATE_RE.search(text)
    assert match is not None
    assert (match["y"], match["m"], match["d"]) == ymd


def test_date_pattern_ignores_longer_numbers() -> None:
    assert dates.DATE_RE.search("编号 12025-08-21") is None
    assert dates.DATE_RE.search("3025-08-21") is None


def test_load_yaml_is_cached_and_a_mapping() -> None:
    first = data.load_yaml("mojibake.yaml")
    assert isinstance(first, dict) and first
    assert data.load_yaml("mojibake.yaml") is first
