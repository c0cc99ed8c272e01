"""Tests for tui.clean.textnorm: line ends, stray whitespace, CJK punctuation widths."""

from __future__ import annotations

import pytest

from tui.clean.frontmatter import split_front_matter
from tui.clean.textnorm import (
    is_cjk,
    normalise_newlines,
    normalise_punctuation,
    normalise_whitespace,
)
from tui.text.paths import seeds_dir

SEEDS = sorted(seeds_dir().glob("*.txt"))


def seed_body(number: str) -> str:
    path = next(p for p in SEEDS if p.name.startswith(number))
    return split_front_matter(path.read_text(encoding="utf-8"))[1]


# --- newlines


def test_newlines() -> None:
    assert normalise_newlines("一\r\n二\r三\n四\u2028五") == "一\n二\n三\n四\n五"


def test_crlf_is_one_line_break_not_two() -> None:
    assert normalise_newlines("一\r\n\r\n二") == "一\n\n二"


# --- whitespace


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("      第一段。", "第一段。"),
        ("\u3000\u3000第一段。", "第一段。"),
        ("第一段。  \t", "第一段。"),
        ("騰\u200b訊\ufeff控股", "騰訊控股"),
        ("騰訊 控股", "騰訊控股"),
        ("騰訊\u3000控股\u00a0財報", "騰訊控股財報"),
        ("大廠搞 AI,誰賺到錢了?", "大廠搞 AI,誰賺到錢了?"),
        ("大廠搞   AI", "大廠搞 AI"),
        ("營收 94 億元", "營收 94 億元"),
        ("AI  Native  company", "AI  Native  company"),
        ("增長。 下一句", "增長。下一句"),
        ("*   **百度**重塑了搜索广告", "*   **百度**重塑了搜索广告"),
        ("    - 没有上级的列表项", "- 没有上级的列表项"),
        ("    • 關于ZAKER 合作", "• 關于ZAKER 合作"),
        ("   ", ""),
    ],
)
def test_normalise_whitespace(text: str, expected: str) -> None:
    assert normalise_whitespace(text) == expected


def test_nested_list_items_keep_their_indentation() -> None:
    text = "- 第一项\n    - 嵌套项\n    - 嵌套项二\n  1. 编号\n\n      正文缩进"
    assert normalise_whitespace(text) == (
        "- 第一项\n    - 嵌套项\n    - 嵌套项二\n  1. 编号\n\n正文缩进"
    )


def test_whitespace_leaves_fenced_code_alone() -> None:
    text = "前文 中文\n```\n    代码 缩进\n```\n后文"
    assert normalise_whitespace(text) == "前文中文\n```\n    代码 缩进\n```\n后文"


# --- punctuation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大廠搞 AI,誰賺到錢了?", "大廠搞 AI，誰賺到錢了？"),
        ("第一梯隊:百度、阿里", "第一梯隊：百度、阿里"),
        ("首先;其次!", "首先；其次！"),
        ("2025年Q1,阿里", "2025年Q1，阿里"),
        ("增長3.9%,其中", "增長3.9%，其中"),
        ("“未来故事”,变为", "“未来故事”，变为"),
        ("**广告业务**,而非", "**广告业务**，而非"),
        ("原文標題 : 大模型下半場", "原文標題：大模型下半場"),
        ("GPU(圖形處理器)", "GPU（圖形處理器）"),
        ("模型即服務(MaaS),該業務", "模型即服務（MaaS），該業務"),
        ("點擊率(CTR)提升", "點擊率（CTR）提升"),
        ("谷歌 GCP(30%)、微軟", "谷歌 GCP（30%）、微軟"),
        ("(同比激增221%),近", "（同比激增221%），近"),
        ("(Ad Load,即用戶看到廣告的頻率)僅為", "（Ad Load，即用戶看到廣告的頻率）僅為"),
        ("表明(biǎomíng):AI已从", "表明（biǎomíng）：AI已从"),
        ("(a)(b)中", "（a）（b）中"),
        (
            '名為 " 頂尖精益 AI Native 公司排行榜 " 的名單',
            "名為“頂尖精益 AI Native 公司排行榜”的名單",
        ),
        ('" 模型即產品 "" 模型即服務 " 是', "“模型即產品”“模型即服務”是"),
        ('"AI 即功能 ",與', "“AI 即功能”，與"),
    ],
)
def test_half_width_marks_next_to_cjk_become_full_width(text: str, expected: str) -> None:
    assert normalise_punctuation(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hello, world! How are you?",
        "營收 1,000 萬",
        "2025-08-21 17:19",
        "比例為1:3",
        "AI,ML and LLM",
        "模型 (LLM) 優化",
        "出品|零態LT(ID:LingTai_LT)",
        "1) 第一點",
        "f(x) = y",
        "[^1]: 何聆筝（2025/6/17）。",
        "見[連結](https://a.cn/p?x=1&y=(2))。",
        "![圖片](images/a,b.png)",
        "`a,b` 是代碼",
        "見 <https://x.cn/中?q=1> 與 https://x.cn/a?b=c,d",
        "&nbsp;中文",
        '"1+N" 體系',
        '"All in AI" 都在',
        '他說 " 好 ，還有 " 三個 " 引號',  # odd count: ambiguous
        '[連結](http://x.cn " 標題 ")',
    ],
)
def test_latin_numbers_and_markdown_are_untouched(text: str) -> None:
    assert normalise_punctuation(text) == text


def test_punctuation_leaves_fenced_code_alone() -> None:
    text = "```\nprint(中文, 1)\n```\n中文,好"
    assert normalise_punctuation(text) == "```\nprint(中文, 1)\n```\n中文，好"


def test_is_cjk() -> None:
    assert all(is_cjk(ch) for ch in "中文，。「」（）𠮷")
    assert not any(is_cjk(ch) for ch in "Aa1,.()")


# --- seeds and idempotence


def test_clean_seed_000_is_unchanged() -> None:
    body = seed_body("000")
    assert normalise_whitespace(body) == body
    assert normalise_punctuation(body) == body
    assert normalise_newlines(body) == body


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_idempotent_on_seeds(number: str) -> None:
    once = normalise_punctuation(normalise_whitespace(normalise_newlines(seed_body(number))))
    assert normalise_newlines(once) == once
    assert normalise_whitespace(once) == once
    assert normalise_punctuation(once) == once


def test_seed_001_gets_full_width_marks() -> None:
    text = normalise_punctuation(normalise_whitespace(seed_body("001")))
    assert "大廠搞 AI，誰賺到錢了？" in text
    assert "文 | 定焦 One，作者 | 王璐，編輯 | 魏佳" in text
    assert "模型即服務（MaaS）" in text
    assert "谷歌 GCP（30%）" in text
    assert "“超級員工”，單個員工" in text
    assert "單個員工" in text  # the article's own script is kept
    assert "\n      " not in text


def test_heading_keeps_the_space_after_its_number() -> None:
    assert normalise_whitespace("## 一 价格战\n腾讯 控股") == "## 一 价格战\n腾讯控股"
    assert normalise_whitespace("##  一   价格战") == "## 一 价格战"
