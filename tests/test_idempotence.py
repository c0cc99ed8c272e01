"""Cleaning is idempotent: the Markdown ``python -m tui clean`` prints cleans to itself.

Hypothesis builds pages from the pieces real pages are made of (headlines,
datelines, bylines, chrome, captions, prose with and without its final 。,
Markdown, numbers, stray marks) and checks that cleaning the rendered article
(front matter included) gives the same article and the same Markdown, and that
the cleaning stages of ``tui.clean`` leave their own output alone.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.clean import chrome, metadata
from tui.clean.render import render_markdown
from tui.pipeline import clean_text

PIECES = [
    "星河集团第三季度营收同比增长15%",
    "2025-11-12 20:01",
    "来源：晨星财经 作者：陈某某",
    "文|魏某华",
    "出品|锦鲤财经频道 作者|陈某某 第三季度，锦鲤科技实现营收208亿元，同比增长15%。",
    " date 2025-11-25 晨光集團上季收入2478億元，按年升5%。",
    "星河集团今日公布第三季度业绩，净利润同比增长33%至598亿元。",
    "分业务看,公司营收同比增长12%,其中广告业务",
    "截至2024年12月31日止季度,公司研发投入为200亿元",
    "图源：远航汽车官方微博",
    "![](https://img.example.com/1.jpg)",
    "●",
    "@远航科技",
    "第1张",
    "首页 > 科技 > 正文",
    "免费在线观看|高清电影下载|最新电影排行|热门综艺在线",
    "点击关注我们！",
    "99999",
    "---",
    "## 一、价格不是唯一的变量",
    "- 收入同比增长9%至1724亿元",
    "| 指标 | 数值 |",
    "Kling AI (可灵AI) 2.5",
    "香港2025年11月19日 /美通社/ -- 星河互聯今天公佈第三季業績。",
    "兩類現車開放選購！青禾開啟賣車模式",
    "\t缩进的段落，内容也很长很长，足够算作正文。",
    "",
]

lines = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12)
mixed = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(alphabet="星河集团营收同比增长，。、：|>-#*0123456789 ab\t", max_size=30),
    ),
    min_size=1,
    max_size=10,
)


@pytest.fixture(autouse=True)
def _no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tui.figures.extract", None)


def _fields(article: object) -> tuple[object, ...]:
    return tuple(
        getattr(article, name)
        for name in ("title", "title_derived", "date", "site", "author", "body")
    )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples on every run, as the other property tests
)
@given(lines)
def test_rendered_markdown_cleans_to_itself(pieces: list[str]) -> None:
    article = clean_text("\n".join(pieces), source_path="page.txt")
    rendered = render_markdown(article)
    again = clean_text(rendered, source_path="page.txt")
    assert _fields(again) == _fields(article)
    assert render_markdown(again) == rendered


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples on every run, as the other property tests
)
@given(mixed)
def test_rendered_markdown_of_fuzzed_text_cleans_to_itself(pieces: list[str]) -> None:
    article = clean_text("\n".join(pieces), source_path="page.txt")
    rendered = render_markdown(article)
    assert render_markdown(clean_text(rendered, source_path="page.txt")) == rendered


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8, unique=True))
def test_chrome_stage_leaves_its_output_alone(pieces: list[str]) -> None:
    # (A page of distinct lines within the head window: what the head of a page
    # is depends on how many lines stand above the text.)
    meta = metadata.extract_metadata(pieces, {})
    once = chrome.strip_chrome(pieces, meta.title)
    assert chrome.strip_chrome(once, meta.title) == once


@pytest.mark.parametrize(
    "text",
    [
        "99999\n星河集团今日公布第三季度业绩，净利润同比增长33%至598亿元。",
        "---\n\n99999\n\n星河集团今日公布第三季度业绩。",
        "---\n\t缩进的段落，内容也很长很长，足够算作正文。",
        "## 一、价格不是唯一的变量\n\t缩进的段落，内容也很长很长，足够算作正文。",
        "- 收入同比增长9%至1724亿元\n\t缩进的段落，内容也很长很长，足够算作正文。",
        "兩類現車開放選購！青禾開啟賣車模式\n出品|锦鲤财经频道 作者|陈某某 第三季度，锦鲤科技实现营收208亿元，同比增长15%。",
        # Two lines joined into one that read as SEO keywords (numbers and marks
        # between separators) and were dropped the second time: found by Hypothesis.
        "0>、\n0>0",
        # A lone number over digits and marks joined into one line: kept the first
        # time, dropped as a counter the second (Hypothesis). Digits and marks alone
        # are no paragraph.
        "0\n0、\n000000000。",
        # A lowercase letter at the start of an indented line: judged as mojibake
        # residue only once the indentation was stripped (Hypothesis).
        " a星",
        "\u3000a星",
        # A dateline below the head window until the chrome over it was removed: the
        # Markdown's ``date: null`` is kept, not searched for again (Hypothesis).
        "星河集团第三季度营收同比增长15%\n来源：晨星财经 作者：陈某某\n文|魏某华\n"
        "出品|锦鲤财经频道 作者|陈某某 第三季度，锦鲤科技实现营收208亿元，同比增长15%。\n"
        "星河集团今日公布第三季度业绩，净利润同比增长33%至598亿元。\n"
        "分业务看,公司营收同比增长12%,其中广告业务\n"
        "截至2024年12月31日止季度,公司研发投入为200亿元\n图源：远航汽车官方微博\n●\n@远航科技\n"
        "香港2025年11月19日 /美通社/ -- 星河互聯今天公佈第三季業績。",
    ],
)
def test_known_cases_clean_to_themselves(text: str) -> None:
    article = clean_text(text, source_path="page.txt")
    rendered = render_markdown(article)
    again = clean_text(rendered, source_path="page.txt")
    assert _fields(again) == _fields(article)
    assert render_markdown(again) == rendered
    # Nothing of the page's text was dropped on the way: a leading 99999 stays.
    if text.startswith("99999"):
        assert article.body.startswith("99999")
