"""End-to-end cleaning of the five seeds: no damage left, content kept, right metadata,
and cleaning the rendered Markdown gives the same article (idempotence)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from tui.clean.loading import read_document
from tui.clean.render import render_markdown
from tui.pipeline import clean_text
from tui.text.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_BRACKET = re.compile(rf"[(（][a-zü{TONED}]*[{TONED}][a-zü{TONED}]*[)）]")


def squash(text: str) -> str:
    """Width and whitespace do not matter when looking for a sentence."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def has(body: str, snippet: str) -> bool:
    return squash(snippet) in squash(body)


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def seed_path(prefix: str) -> Path:
    return next(p for p in SEED_FILES if p.name.startswith(prefix))


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Article]:
    out: dict[str, Article] = {}
    for path in SEED_FILES:
        doc = read_document(path)
        out[path.name[:3]] = clean_text(
            doc.text, source_path=doc.path, encoding=doc.encoding, is_html=doc.is_html
        )
    return out


# ---------------------------------------------------------------- all seeds

ALL = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("seed", ALL)
def test_title_is_not_left_in_the_body(cleaned: dict[str, Article], seed: str) -> None:
    article = cleaned[seed]
    assert not any(squash(p) == squash(article.title) for p in paragraphs(article.body))
    assert not squash(article.body).startswith(squash(article.title))


@pytest.mark.parametrize("seed", ALL)
def test_no_paragraph_is_repeated(cleaned: dict[str, Article], seed: str) -> None:
    paras = [squash(p) for p in paragraphs(cleaned[seed].body) if len(squash(p)) >= 6]
    assert len(paras) == len(set(paras))


@pytest.mark.parametrize("seed", ALL)
def test_no_injected_pinyin_left(cleaned: dict[str, Article], seed: str) -> None:
    article = cleaned[seed]
    assert PINYIN_BRACKET.findall(article.body + article.title) == []


@pytest.mark.parametrize("seed", ALL)
def test_no_html_left(cleaned: dict[str, Article], seed: str) -> None:
    assert re.search(r"</?[a-z]+[^>]*>", cleaned[seed].body) is None


@pytest.mark.parametrize("seed", ALL)
def test_cleaning_the_rendered_markdown_gives_the_same_article(
    cleaned: dict[str, Article], seed: str
) -> None:
    article = cleaned[seed]
    rendered = render_markdown(article)
    again = clean_text(rendered, source_path=article.source_path)
    for field in ("title", "date", "site", "author", "body"):
        assert getattr(again, field) == getattr(article, field), field
    assert render_markdown(again) == rendered


@pytest.mark.parametrize("seed", ALL)
def test_render_front_matter(cleaned: dict[str, Article], seed: str) -> None:
    article = cleaned[seed]
    rendered = render_markdown(article)
    assert rendered.startswith("---\n")
    _, header, body = rendered.split("---\n", 2)
    front = yaml.safe_load(header)
    assert front["title"] == article.title
    assert front["date"] == article.date
    assert front["site"] == article.site
    assert front["author"] == article.author
    assert front["tags"] == article.tags
    assert body.strip() == article.body


# ---------------------------------------------------------------- 000: clean Markdown


def test_000_clean_markdown_keeps_its_text(cleaned: dict[str, Article]) -> None:
    raw = seed_path("000").read_text(encoding="utf-8")
    original_body = raw.split("---\n", 2)[2].strip()
    article = cleaned["000"]
    assert article.body == original_body
    assert article.title == "巨头AI的“开源”之梦：广告驱动下的商业化新纪元"
    assert article.date == "2025-06-17"
    assert article.site is None and article.author is None


# ---------------------------------------------------------------- 001: ZAKER / 钛媒体


def test_001_damage_removed(cleaned: dict[str, Article]) -> None:
    body = cleaned["001"].body
    for gone in (
        "中文字幕",
        "ZAKER",
        "12小時前",
        "定焦 One,作者",
        "相關標簽",
        "最新評論",
        "沒有更多評論了",
        "掃描分享",
        "掃碼分享",
        "熱門推薦",
        "查看更多內容",
        "pje8p",
    ):
        assert not has(body, gone), gone
    assert not re.search(r"^ {4,}", body, re.MULTILINE)


def test_001_content_and_headings_kept(cleaned: dict[str, Article]) -> None:
    article = cleaned["001"]
    body = article.body
    assert paragraphs(body)[0].startswith("過去兩年")
    for kept in (
        "燒了那么多錢,真有人賺到錢了嗎?",
        "無論是國內外巨頭還是創業公司",
        "第二類是",
        "模型即服務(MaaS)",
        "ByteBrain 利用大模型(LLM)優化火山引擎穩定性",
        "它不能短期養活公司,但可以讓市場對公司重新定價。",
    ):
        assert has(body, kept), kept
    headings = [p for p in paragraphs(body) if p.startswith("#")]
    assert [squash(h) for h in headings] == [
        squash(h)
        for h in (
            "## 大廠做 AI,四類賺錢方式",
            "### 第一梯隊:百度、阿里、騰訊、華為",
            "### 第二梯隊:快手、字節、美圖",
            "### 第三梯隊:科大訊飛、昆侖萬維",
        )
    ]
    assert article.script == "hant"


def test_001_metadata(cleaned: dict[str, Article]) -> None:
    article = cleaned["001"]
    assert squash(article.title) == squash("大廠搞 AI,誰賺到錢了?")
    assert (article.date, article.site, article.author) == (
        None,
        "鈦媒體/定焦 One",
        "王璐",
    )  # its own script


# ---------------------------------------------------------------- 002: 第一财经


def test_002_title_repeats_and_repeated_body_removed(cleaned: dict[str, Article]) -> None:
    body = cleaned["002"].body
    assert paragraphs(body)[0] == "又是一年财报季，AI毫无悬念成为互联网企业高频提及的关键词。"
    assert squash(body).count(squash("又是一年财报季")) == 1
    assert squash(body).count(squash("重金押注AI,早成大厂趋势。")) == 1
    assert "财报电话会，看中国互联网大厂的AI进度" not in body


def test_002_chrome_removed_content_kept(cleaned: dict[str, Article]) -> None:
    article = cleaned["002"]
    body = article.body
    for gone in ("本文来自", "相关推荐", "评论列表", "暂无评论", "发表评论", "(de)", "dànqiānwèn"):
        assert not has(body, gone), gone
    assert paragraphs(body)[-1].startswith("中国互联网巨头的AI故事")
    for kept in (
        "对阿里来说,电商作为垂类,并不占领互联网入口。而聚焦AI,能实现对入口的突破",
        "但千问3等开源模型尚未形成稳定盈利模式",
        "2024年全年资本开支更突破767亿元,同比增长221%。",
    ):
        assert has(body, kept), kept
    headings = [p for p in paragraphs(body) if p.startswith("#")]
    assert [squash(h) for h in headings] == [
        squash("## 战略路线分野:基建派 vs 应用派"),
        squash("## 不止是资本豪赌,还需商业闭环"),
    ]


def test_002_metadata(cleaned: dict[str, Article]) -> None:
    article = cleaned["002"]
    assert squash(article.title) == squash("从腾讯与阿里的财报电话会,看中国互联网大厂的AI进度")
    assert (article.date, article.site, article.author) == (None, "第一财经", None)


# ---------------------------------------------------------------- 003: DoNews / 零态LT


def test_003_chrome_removed(cleaned: dict[str, Article]) -> None:
    body = cleaned["003"].body
    for gone in (
        "久久精品",
        "張琪",
        "何坤",
        "陳佳慧",
        "零態LT",
        "特別聲明",
        "DoNews",
        "標簽: 財經",
        "二維碼",
        "Copyright",
    ):
        assert not has(body, gone), gone


def test_003_content_and_headings_kept(cleaned: dict[str, Article]) -> None:
    body = cleaned["003"].body
    assert paragraphs(body)[0].startswith("進入2025年")
    assert paragraphs(body)[-1] == "用長期主義，贏得AI時代的先機。"
    for kept in (
        "資本開支突破767億元(同比激增221%)",
        "從快思考模型TurboS到3D生成模型(Hugging Face排名第一)",
        "這種千人千面的投放,讓點擊率(CTR)提升。",
    ):
        assert has(body, kept), kept
    headings = [p for p in paragraphs(body) if p.startswith("#")]
    assert squash("## 一、戰略杠桿") in map(squash, headings)
    assert squash("## 四、寫在最后") in map(squash, headings)
    assert len([h for h in headings if h.startswith("## ")]) == 4


def test_003_metadata(cleaned: dict[str, Article]) -> None:
    article = cleaned["003"]
    assert squash(article.title) == squash("巨額斥資研發,騰訊如何砸穿AI天花板")
    assert (article.date, article.site, article.author) == (None, "DoNews/零態LT", "張琪")


# ---------------------------------------------------------------- 004: OFweek 维科号


def test_004_chrome_removed(cleaned: dict[str, Article]) -> None:
    body = cleaned["004"].body
    for gone in (
        "加入自媒體",
        "2025-08-21",
        "慢放",
        "原文標題",
        "入駐維科號",
        "評論",
        "驗證碼",
        "看不清",
        "掃碼關注",
        "OFweek人工智能網",
        "精彩內容",
        "糾錯",
        "公網安備",
        "44030502002758",
    ):
        assert not has(body, gone), gone
    short_lines = {p for p in paragraphs(body) if len(p) <= 4}
    assert short_lines.isdisjoint({"訂閱", "關注", "圖片", "x"})


def test_004_content_and_headings_kept(cleaned: dict[str, Article]) -> None:
    body = cleaned["004"].body
    assert paragraphs(body)[0].startswith("在當今的全球科技公司中")
    assert paragraphs(body)[-1].startswith("綜合來看,評估騰訊在AI時代的價值".replace(",", "，"))
    for kept in (
        "主要是GPU(圖形處理器)",
        "廣告加載率(Ad Load,即用戶在瀏覽內容時看到廣告的頻率)僅為3-6%",
        "這,才是騰訊AI故事最宏大的敘事。",
    ):
        assert has(body, kept), kept
    headings = [p for p in paragraphs(body) if p.startswith("#")]
    assert [squash(h) for h in headings] == [
        squash(h)
        for h in (
            "## ①大模型戰爭的下半場:資本和算力的比拼",
            "## ② 增長引擎:AI賦能,提升「挖金礦效率」",
            "## ③ 未來生態:從「賣鏟人」到Agent平臺的終極構想",
            "## 結語",
        )
    ]


def test_004_mojibake_repaired(cleaned: dict[str, Article]) -> None:
    body = cleaned["004"].body
    assert has(body, "」微信Agent便能夠理解")
    assert has(body, "或直接在對方活躍的時間段")
    assert "刮⑿" not in body and "钴S" not in body


def test_004_metadata(cleaned: dict[str, Article]) -> None:
    article = cleaned["004"]
    assert squash(article.title) == squash("大模型下半場,騰訊手里還有哪“三張牌”?")
    assert (article.date, article.site, article.author) == ("2025-08-21", "OFweek 維科號", None)
