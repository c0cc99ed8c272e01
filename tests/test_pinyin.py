"""Tests for tui.clean.pinyin.remove_injected_pinyin."""

from __future__ import annotations

import re

import pytest

from tui.clean.pinyin import remove_injected_pinyin
from tui.text.paths import seeds_dir

# A bracket holding only Latin letters with at least one tone mark.
TONED_BRACKET = re.compile(
    r"[(（][a-zA-Z' ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü' ]*[)）]"
)


def seed_text(number: str) -> str:
    path = next(seeds_dir().glob(f"{number}_*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("又是一年(yīnián)财报季", "又是一年财报季"),
        ("对入口的(de)(de)突破", "对入口的突破"),
        ("無論是創(chuàng)業(yè)公司", "無論是創業公司"),
        ("但千问(dànqiānwèn)3等开源模型", "但千问3等开源模型"),
        ("其重磅产品通义(tōngyì)(tōngyì)却", "其重磅产品通义却"),
        ("AI模型(móxíng)对云(duìyún)业务", "AI模型对云业务"),
        ("从电子商务(diànzishāngwù)公司", "从电子商务公司"),  # neutral tone, no mark
        ("核心产品(chǎnpǐn)如微信(rúwēixìn)、QQ", "核心产品如微信、QQ"),
        ("智能汽车行业(qìchēhángyè),而", "智能汽车行业,而"),  # heteronym 行
        ("大模型下半場(chǎng),騰訊", "大模型下半場,騰訊"),
        ("又是一年（yīnián）财报季", "又是一年财报季"),  # full-width brackets
        ("又是一年 (yī nián) 财报季", "又是一年 财报季"),  # spaces
        ("西安(xī'ān)的公司", "西安的公司"),  # apostrophe
        ("又是一年(yi1nian2)财报季", "又是一年财报季"),  # tone numbers
        ("又是一年(yinian)财报季", "又是一年财报季"),  # no tones at all
        ("绿色(lǜsè)能源", "绿色能源"),
        ("绿色(lvse)能源", "绿色能源"),
        ("又是一年[yīnián]财报季", "又是一年财报季"),
        ("又是一年【yīnián】财报季", "又是一年财报季"),
        ("蒋凡表示(jiǎngfán),淘天", "蒋凡表示,淘天"),  # window ending two characters early
        ("千问3(qiānwèn)登顶", "千问3登顶"),  # digits between word and bracket
        ("(本文(běnwén)来自第一财经)", "(本文来自第一财经)"),
        ("鏈(liàn)", "鏈"),  # Traditional only
    ],
)
def test_injected_pinyin_is_removed(text: str, expected: str) -> None:
    assert remove_injected_pinyin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "模型即服務(MaaS),該業務",
        "利用大模型(LLM)優化",
        "讓點擊率(CTR)提升",
        "高性能芯片——主要是GPU(圖形處理器)。",
        "3D生成模型(Hugging Face排名第一),覆蓋",
        "資本開支突破767億元(同比激增221%),近",
        "廣告加載率(Ad Load,即用戶在瀏覽內容時看到廣告的頻率)僅為3-6%",
        "出品|零態LT(ID:LingTai_LT)",
        "這是事實(de facto)的標準",
        "人工智能(AI)的未來",
        "可愛(AI)",  # upper case without tone marks is never pinyin
        "她說(de)",  # right letters, wrong character
        "第一(a)項",
        "见[yīnián](https://example.com)",  # Markdown link text
        "又是一年(yīnián",  # not a bracket pair
    ],
)
def test_real_brackets_survive(text: str) -> None:
    assert remove_injected_pinyin(text) == text


def test_text_without_brackets_is_returned_as_is() -> None:
    text = "腾讯和阿里巴巴的财报电话会上。"
    assert remove_injected_pinyin(text) is text


@pytest.mark.parametrize("number", ["001", "002"])
def test_no_toned_bracket_is_left_in_seeds(number: str) -> None:
    cleaned = remove_injected_pinyin(seed_text(number))
    assert TONED_BRACKET.findall(cleaned) == []


def test_toned_brackets_left_in_seed_004_only_sit_in_mojibake() -> None:
    # Where GBK mojibake has mangled the character before the bracket there is no
    # character to check against; the mojibake repair restores it and pinyin
    # removal runs again. Everywhere else nothing is left.
    source = seed_text("004")
    cleaned = remove_injected_pinyin(source)
    assert len(TONED_BRACKET.findall(source)) > 100
    left = list(TONED_BRACKET.finditer(cleaned))
    assert len(left) <= 4
    for match in left:
        before = cleaned[match.start() - 1]
        assert before.isascii() and before.isalpha(), cleaned[match.start() - 5 : match.end()]


@pytest.mark.parametrize(
    ("number", "survivors"),
    [
        ("001", ["(MaaS)", "(LLM)", "(30%)", "(如文心大模型)"]),
        ("002", ["(本文来自第一财经)"]),
        ("003", ["(CTR)", "(Hugging Face排名第一)", "(同比激增221%)", "(ID:LingTai_LT)"]),
        ("004", ["GPU(圖形處理器)", "(Ad Load,即", "(NPC)", "(AI生成內容)"]),
    ],
)
def test_real_brackets_in_seeds_survive(number: str, survivors: list[str]) -> None:
    cleaned = remove_injected_pinyin(seed_text(number))
    for survivor in survivors:
        assert survivor in cleaned


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_idempotent_on_seeds(number: str) -> None:
    once = remove_injected_pinyin(seed_text(number))
    assert remove_injected_pinyin(once) == once


def test_clean_seed_000_is_unchanged() -> None:
    text = seed_text("000")
    assert remove_injected_pinyin(text) == text


def test_seed_002_keeps_its_words() -> None:
    cleaned = remove_injected_pinyin(seed_text("002"))
    assert "又是一年财报季" in cleaned
    assert "对入口的突破" in cleaned
    assert "但千问3等开源模型" in cleaned
    assert "其重磅产品通义却在认知和市场份额上掉队" in cleaned


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("又是一年(yī)(nián)的财报季", "又是一年的财报季"),  # one bracket per character
        ("發展人工智能（rén）（gōng）（zhì）（néng）產業", "發展人工智能產業"),
        ("大模型(dà)(mó)(xíng)(Beta)版", "大模型(Beta)版"),  # the real bracket after stays
        ("等一会儿(yīhuìr)再说", "等一会儿再说"),  # erhua
        ("他(tā)说", "他说"),  # a single character
        ("平安(ping an)保险", "平安保险"),
    ],
)
def test_other_injection_styles_are_removed(text: str, expected: str) -> None:
    assert remove_injected_pinyin(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "推出了旗舰版(Pro)和基础版",
        "大模型(Beta)版本",
        "通义千问(Qwen)模型",
        "字节跳动(ByteDance)",
        "营收(revenue)增长",
        "这个词叫内卷(involution)",
        "方案分为两个(a)(b)部分",  # adjacent brackets that spell nothing
        "模型(A)(B)两个版本",
        "同比增长(同比增长12%)",
    ],
)
def test_english_words_and_labels_in_brackets_survive(text: str) -> None:
    assert remove_injected_pinyin(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("女(nu)性用户", "女性用户"), ("旅游(luyou)业", "旅游业"), ("女性(nǚxìng)用户", "女性用户")],
)
def test_u_umlaut_written_as_plain_u(text: str, expected: str) -> None:
    assert remove_injected_pinyin(text) == expected
