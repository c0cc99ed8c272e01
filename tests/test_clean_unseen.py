"""End-to-end cleaning of pages from sites and damage that are not in the seeds.

The fixtures in ``tests/fixtures/unseen`` were written for these tests: other sites'
navigation, footers and bylines (WeChat, 新浪科技, IT之家, 36氪, 虎嗅, 腾讯新闻,
网易, 界面新闻, 澎湃, a Taiwanese outlet), GBK, Big5 and UTF-16 files, CR and CRLF
line ends, a full HTML page and an HTML fragment saved as .txt. For each: the real
paragraphs are kept, the chrome is gone, the metadata is right, and cleaning the
rendered Markdown gives the same article. Figures are not extracted here (they have
their own tests), so that only the cleaner is exercised.

A second round, ``tests/fixtures/unseen2`` (other wording again): 钛媒体 with a
``站名 | 作者`` credit line and a footer of licences, a 财新 Q&A interview (问：/答：
must survive), a 极客公园 page in UTF-8 with BOM whose whole body is repeated after
the title, a short GB18030 file with a character outside GBK, a Big5 page under a
breadcrumb, an HTML page with <article>/<section>/<figure>, <ul> menus and <ruby>
pinyin, 今日头条 and 百家号 pages with bracketed pinyin, a 知乎专栏 page with
zero-width spaces, a table of contents and vote buttons, 雪球, 证券时报 and 搜狐号.

A third round, ``tests/fixtures/unseen3`` (47 pages), reproduces with invented
text the damage read on about fifty real pages from some forty-five sites (wire
press releases,券商研报 pages, forums, Traditional-script outlets, pages with no
title line): see ``python -m tui.cli.clean_quality``. Every page's expectation
is the YAML file beside it.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tui.clean.loading import read_document
from tui.clean.render import render_markdown
from tui.cli.clean_quality import fixture_pages
from tui.pipeline import clean_text
from tui.text.models import Article

FIXTURE_ROOT = Path(__file__).resolve().parent / "fixtures"
FIXTURES = FIXTURE_ROOT / "unseen"


@dataclass(frozen=True)
class Case:
    file: str
    encoding: str
    title: str
    date: str | None
    site: str | None
    author: str | None
    keep: tuple[str, ...]
    drop: tuple[str, ...]
    headings: tuple[str, ...] = field(default=())
    folder: str = "unseen"
    title_derived: bool = False
    exact: tuple[str, ...] = field(default=())
    check_headings: bool = False


def _load_cases() -> list[Case]:
    """Every page of ``unseen``, ``unseen2`` and ``unseen3`` with its expectation
    file (``page.yaml`` beside ``page.txt``): one source for these tests and for
    ``python -m tui.cli.clean_quality``."""
    cases: list[Case] = []
    for page, expected_path in fixture_pages(FIXTURE_ROOT):
        expected = yaml.safe_load(expected_path.read_text(encoding="utf-8")) or {}
        cases.append(
            Case(
                file=page.name,
                encoding=str(expected.get("encoding", "utf-8")),
                title=str(expected["title"]),
                date=expected.get("date"),
                site=expected.get("site"),
                author=expected.get("author"),
                keep=tuple(str(k) for k in expected.get("keep") or ()),
                drop=tuple(str(d) for d in expected.get("drop") or ()),
                headings=tuple(str(h) for h in expected.get("headings") or ()),
                folder=page.parent.name,
                title_derived=bool(expected.get("title_derived", False)),
                exact=tuple(str(k) for k in expected.get("exact") or ()),
                check_headings="headings" in expected,
            )
        )
    return cases


CASES = _load_cases()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(autouse=True)
def _no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tui.figures.extract", None)


def clean_fixture(case: Case) -> Article:
    document = read_document(FIXTURE_ROOT / case.folder / case.file)
    assert document.encoding == case.encoding
    return clean_text(
        document.text,
        source_path=document.path,
        encoding=document.encoding,
        is_html=document.is_html or None,
    )


def _case(file: str, folder: str = "unseen") -> Case:
    return next(c for c in CASES if c.file == file and c.folder == folder)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_metadata(case: Case) -> None:
    article = clean_fixture(case)
    assert (article.title, article.date, article.site, article.author) == (
        case.title,
        case.date,
        case.site,
        case.author,
    )
    assert article.title_derived is case.title_derived


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_real_content_is_kept(case: Case) -> None:
    body = squash(clean_fixture(case).body)
    missing = [snippet for snippet in case.keep if squash(snippet) not in body]
    missing += [snippet for snippet in case.exact if snippet not in clean_fixture(case).body]
    assert not missing


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_chrome_is_removed(case: Case) -> None:
    body = clean_fixture(case).body
    left = [snippet for snippet in case.drop if snippet in body]
    assert not left, body


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_headings_and_title(case: Case) -> None:
    article = clean_fixture(case)
    lines = article.body.split("\n")
    assert squash(article.title) not in [squash(re.sub(r"^#+\s*", "", x)) for x in lines]
    headings = [re.sub(r"^#+\s*", "", line) for line in lines if line.startswith("#")]
    if case.check_headings or case.folder != "unseen3":
        assert headings == list(case.headings)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_cleaning_again_gives_the_same_article(case: Case) -> None:
    article = clean_fixture(case)
    rendered = render_markdown(article)
    again = clean_text(rendered, source_path=article.source_path)
    assert again.body == article.body
    assert (again.title, again.date, again.site, again.author) == (
        article.title,
        article.date,
        article.site,
        article.author,
    )


def test_fixtures_are_not_modified() -> None:
    def contents() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in FIXTURE_ROOT.rglob("*") if p.is_file()}

    before = contents()
    for case in CASES:
        clean_fixture(case)
    assert contents() == before


def test_repeated_body_with_title_glued_twice_is_kept_once() -> None:
    body = clean_fixture(_case("sohu_messy.txt")).body
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("DeepSeek爆火背后：幻方量化的AI豪赌，这家量化私募")


def test_clean_article_keeps_every_line() -> None:
    source = (FIXTURES / "plain_clean.txt").read_text(encoding="utf-8")
    body = clean_fixture(_case("plain_clean.txt")).body
    lines = [line for line in source.split("\n")[1:] if line.strip()]
    assert [squash(line) for line in lines] == [
        squash(re.sub(r"^#+ ", "", line)) for line in body.split("\n") if line.strip()
    ]


def test_damage_markers_do_not_become_tags() -> None:
    article = clean_fixture(_case("double_encoded.txt"))
    assert "〔乱码：" in article.body
    assert not [tag for tag in article.tags if "乱码" in tag]


def test_stray_whitespace_and_invisible_characters_are_removed() -> None:
    text = (
        "标题在这里出现了\n\n"
        "\u3000\u3000腾讯\u200b发布了\ufeff混元\u00a0大模型，这是一个很长的句子用来测\u00ad试。\t\n\n"
        "   第二段内容也很长，需要足够的长度才能算正文，ToB 业务增长 30%。   \n"
    )
    body = clean_text(text).body
    assert body == (
        "腾讯发布了混元大模型，这是一个很长的句子用来测试。\n\n"
        "第二段内容也很长，需要足够的长度才能算正文，ToB 业务增长 30%。"
    )


def test_page_title_is_the_title_when_the_body_has_none() -> None:
    page = (
        "<html><head><title>阿里云再降价：核心产品平均降幅20%_科技_新浪网</title></head><body>"
        "<div><p>2月29日，阿里云宣布全线下调云产品价格，平均降幅超过20%。</p>"
        "<p>这是阿里云史上力度最大的一次降价。</p></div></body></html>"
    )
    article = clean_text(page, is_html=True)
    assert article.title == "阿里云再降价：核心产品平均降幅20%"
    assert article.body.startswith("2月29日，阿里云宣布全线下调云产品价格")


def test_repeated_body_is_kept_once() -> None:
    body = clean_fixture(_case("geekpark_bom.txt", "unseen2")).body
    assert body.count("融资环境明显收紧") == 1
    assert body.count("- 智谱推出企业级Agent平台") == 1


def test_interview_keeps_every_question_and_answer() -> None:
    body = clean_fixture(_case("caixin_qa.txt", "unseen2")).body
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert [p[:2] for p in paragraphs] == ["问：", "答："] * 3
