"""Company dictionary: resolving aliases and counting mentions with word boundaries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tui.lang.companies import (
    _build_table,
    alias_table,
    companies,
    company_spans,
    find_companies,
    resolve,
)
from tui.lang.segment import segmenter, tokens
from tui.text import dictionary
from tui.text.paths import data_file
from tui.text.script import script_counts, to_simplified

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def seed_text(prefix: str) -> str:
    """A seed in Simplified script without injected pinyin or repeated lines.

    A stand-in for the cleaner so that these tests do not depend on it.
    """
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    seen: set[str] = set()
    lines = []
    for line in _PINYIN.sub("", path.read_text(encoding="utf-8")).splitlines():
        line = line.strip()
        if line and line in seen:
            continue
        seen.add(line)
        lines.append(line)
    return to_simplified("\n".join(lines))


# --- resolve -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("腾讯", "腾讯"),
        ("騰訊", "腾讯"),
        ("元宝", "腾讯"),
        ("混元", "腾讯"),
        ("微信", "腾讯"),
        ("QQ", "腾讯"),
        ("qwen", "阿里巴巴"),
        ("通義千問", "阿里巴巴"),
        ("夸克", "阿里巴巴"),
        ("钉钉", "阿里巴巴"),
        ("淘天", "阿里巴巴"),
        ("阿里妈妈", "阿里巴巴"),
        ("千帆", "百度"),
        ("蘿蔔快跑", "百度"),
        ("文心一言", "百度"),
        ("豆包", "字节跳动"),
        ("即梦", "字节跳动"),
        ("火山引擎", "字节跳动"),
        ("可灵", "快手"),
        ("Kling", "快手"),
        ("星火", "科大讯飞"),
        ("盘古", "华为"),
        ("昇腾", "华为"),
        ("昇騰", "华为"),
        ("天工", "昆仑万维"),
        ("DramaWave", "昆仑万维"),
        ("ChatGPT", "OpenAI"),
        ("Llama", "Meta"),
        ("Gemini", "谷歌"),
        ("Alphabet", "谷歌"),
        ("深度求索", "DeepSeek"),
        ("輝達", "英伟达"),
        ("  nvidia ", "英伟达"),
    ],
)
def test_resolve_aliases_and_products(name: str, canonical: str) -> None:
    assert resolve(name) == canonical


@pytest.mark.parametrize("name", ["", "   ", "苹果派", "QuestMobile", "36氪", "天眼查"])
def test_resolve_unknown_names_and_sources(name: str) -> None:
    assert resolve(name) is None


def test_every_spelling_in_the_file_resolves_to_its_company() -> None:
    for company in companies():
        assert resolve(company.name) == company.name
        for spelling in company.spellings():
            assert resolve(spelling) == company.name, spelling
            assert resolve(to_simplified(spelling)) == company.name, spelling


def test_simplified_spellings_survive_conversion() -> None:
    # Catches brands opencc would change (昇腾 -> 升腾) that lack an override entry.
    for company in companies():
        for spelling in company.spellings():
            if script_counts(spelling)[0] == 0:  # no Traditional-only characters
                assert to_simplified(spelling) == spelling, spelling


def test_canonical_names_are_simplified_and_unique() -> None:
    names = [c.name for c in companies()]
    assert len(names) == len(set(names))
    assert all(to_simplified(name) == name for name in names)


def test_alias_table_covers_the_seed_companies() -> None:
    table = alias_table()
    for name in ["英伟达", "OpenAI", "Meta", "谷歌", "亚马逊", "微软", "AppLovin", "Midjourney",
                 "DeepSeek", "寒武纪", "商汤", "美图", "快手", "科大讯飞", "字节跳动", "腾讯",
                 "阿里巴巴", "百度", "华为", "昆仑万维", "Anthropic", "Hugging Face"]:  # fmt: skip
        assert name in table.values(), name


def test_a_spelling_listed_for_two_companies_is_an_error() -> None:
    raw = {
        "companies": [
            {"name": "甲", "aliases": ["同名"]},
            {"name": "乙", "products": ["同名"]},
        ]
    }
    with pytest.raises(ValueError, match="同名"):
        _build_table(raw)


def test_sources_are_not_companies() -> None:
    raw = yaml.safe_load(data_file("companies.yaml").read_text(encoding="utf-8"))
    assert "QuestMobile" in raw["sources"]
    for source in raw["sources"]:
        assert resolve(source) is None, source


# --- mentions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short alias inside a longer alias counts once, for the longer one's owner
        ("阿里云收入同比增长18%", {"阿里巴巴": 1}),
        ("美图秀秀的付费用户", {"美图": 1}),
        ("百度百科的词条", {"百度": 1}),
        # Latin boundaries: QQ before Chinese counts, Meta inside Metadata does not
        ("QQ空间和微信", {"腾讯": 2}),
        ("Metadata 很重要", {}),
        ("Meta发布Llama 3", {"Meta": 2}),
        ("Qwen3 和 GPT-4 Turbo", {"阿里巴巴": 1, "OpenAI": 1}),
        ("ChatGPT 的订阅收入", {"OpenAI": 1}),
        ("openai 又降价了", {"OpenAI": 1}),
        # everyday words that contain an alias
        ("星星之火，可以燎原", {}),
        ("阿里山的风景", {}),
        ("早上喝小米粥", {}),
        ("让人联想到过去", {}),
        ("我们的理想", {}),
        ("他发微博称", {}),
        ("计算文件的字节数", {}),
        # exact-case aliases
        ("meta分析的结论", {}),
        ("Cursor 和 Claude Code", {"Cursor": 1, "Anthropic": 1}),
        ("move the cursor", {}),
        # jieba's own compound words around an alias
        ("美国高通公司的芯片", {"高通": 1}),
        ("华为技术有限公司", {"华为": 1}),
        ("小米饭", {}),
        # 京东方 is BOE, not 京东
        ("京东方面板", {"京东方": 1}),
        ("京东方面表示", {"京东": 1}),
    ],
)
def test_find_companies_small_texts(text: str, expected: dict[str, int]) -> None:
    assert find_companies(text) == expected


def test_touching_mentions_of_one_company_count_once() -> None:
    assert find_companies("字节豆包和阿里通义") == {"字节跳动": 1, "阿里巴巴": 1}
    assert find_companies("增速超越了谷歌 GCP(30%)") == {"谷歌": 1}


def test_separate_mentions_count_separately() -> None:
    assert find_companies("即梦与快手的可灵") == {"字节跳动": 1, "快手": 2}


def test_counts_are_sorted_most_mentioned_first() -> None:
    result = find_companies("阿里、腾讯、百度、腾讯")
    assert list(result) == ["腾讯", "阿里巴巴", "百度"]
    assert result["腾讯"] == 2


def test_company_spans_point_at_the_mentions() -> None:
    text = "腾讯的微信和阿里云"
    spans = company_spans(text)
    assert spans == [(0, 2, "腾讯"), (3, 5, "腾讯"), (6, 9, "阿里巴巴")]
    assert [text[s:e] for s, e, _ in spans] == ["腾讯", "微信", "阿里云"]


def test_web_addresses_are_not_mentions() -> None:
    text = "详见 https://openai.com/blog 和 www.qq.com/news，OpenAI 回应"
    assert find_companies(text) == {"OpenAI": 1}


def test_empty_text_has_no_companies() -> None:
    assert find_companies("") == {}
    assert company_spans("") == []


def test_user_words_stay_out_of_the_stock_dictionary() -> None:
    assert [w for w, _, _ in tokens("美图秀秀和阿里云")] == ["美图秀秀", "和", "阿里云"]
    stock = dictionary.stock()
    assert stock.get("美图秀秀") is None
    assert stock.get("阿里云") is None
    assert segmenter().freq_get("阿里云", 1) > 0


# --- seeds ---------------------------------------------------------------------


def test_seed_000_clean_markdown() -> None:
    found = find_companies(seed_text("000"))
    assert list(found)[:3] == ["腾讯", "百度", "阿里巴巴"]
    assert found["腾讯"] >= 15
    for name in ["DeepSeek", "Meta", "快手", "谷歌"]:
        assert name in found, name


def test_seed_001_nine_companies_and_foreign_ones() -> None:
    found = find_companies(seed_text("001"))
    nine = ["百度", "阿里巴巴", "腾讯", "科大讯飞", "快手", "美图", "华为", "字节跳动", "昆仑万维"]
    for name in nine:
        assert found.get(name, 0) >= 5, name
    for name in ["Midjourney", "英伟达", "微软", "寒武纪", "商汤", "OpenAI", "DeepSeek", "谷歌",
                 "亚马逊"]:  # fmt: skip
        assert name in found, name
    assert next(iter(found)) == "百度"


def test_seed_002_alibaba_then_tencent() -> None:
    found = find_companies(seed_text("002"))
    assert list(found)[:2] == ["阿里巴巴", "腾讯"]
    assert found["阿里巴巴"] >= 40 and found["腾讯"] >= 25
    assert "DeepSeek" in found


def test_seed_003_is_about_tencent() -> None:
    found = find_companies(seed_text("003"))
    assert next(iter(found)) == "腾讯"
    assert found["腾讯"] >= 40
    assert found["腾讯"] > 10 * max(v for k, v in found.items() if k != "腾讯")
    for name in ["阿里巴巴", "字节跳动", "Hugging Face"]:
        assert name in found, name


def test_seed_004_tencent_and_the_foreign_companies() -> None:
    found = find_companies(seed_text("004"))
    assert next(iter(found)) == "腾讯"
    for name in ["英伟达", "Meta", "谷歌", "亚马逊", "AppLovin", "Anthropic"]:
        assert name in found, name


def test_seeds_never_count_sources_as_companies() -> None:
    for prefix in ["000", "001", "002", "003", "004"]:
        found = find_companies(seed_text(prefix))
        for source in ["QuestMobile", "天眼查", "DoNews", "OFweek", "钛媒体", "第一财经"]:
            assert source not in found


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("特斯拉Model Y在中国降价", "特斯拉"),
        ("Model 3交付量", "特斯拉"),
        ("AirPods出货量", "苹果"),
        ("Galaxy S25销量", "三星"),
        ("Windows业务收入", "微软"),
        ("Keeta在香港的订单", "美团"),
        ("紅米手機出貨", "小米"),
        ("理想L6月销过万", "理想汽车"),
        ("乐道L60交付", "蔚来"),
        ("方程豹销量", "比亚迪"),
        ("百川大模型发布", "百川智能"),
        ("去哪儿网订单", "携程"),
        ("蛋仔派对月活", "网易"),
        ("原神流水", "米哈游"),
        ("星链用户数", "SpaceX"),
        ("聯電營收", "联电"),
        ("中國移動用戶", "中国移动"),
        ("賓士在華銷量", "奔驰"),
    ],
)
def test_products_and_brands_of_companies_outside_the_seeds(text: str, owner: str) -> None:
    assert [name for _, _, name in company_spans(to_simplified(text))] == [owner]


@pytest.mark.parametrize("text", ["完美的体验", "最美的风景", "津津乐道", "中通过滤网"])
def test_everyday_words_holding_a_new_alias_are_not_mentions(text: str) -> None:
    assert company_spans(to_simplified(text)) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("蔚来、小鹏和理想9月交付量", ["蔚来", "小鹏汽车", "理想汽车"]),
        ("理想、蔚来和小鹏", ["理想汽车", "蔚来", "小鹏汽车"]),
        ("华为和荣耀的出货量", ["华为", "荣耀"]),
        ("百川、智谱、月之暗面", ["百川智能", "智谱", "月之暗面"]),
        ("我的理想和追求", []),
        ("理想很丰满，荣耀属于大家", []),
    ],
)
def test_everyday_words_name_a_company_only_in_a_list(text: str, names: list[str]) -> None:
    assert [name for _, _, name in company_spans(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("海康威视营收", ["海康威视"]),
        ("锐龙处理器", ["AMD"]),
        ("TPU集群", ["谷歌"]),
        ("明日方舟流水", ["鹰角网络"]),
        ("AI浪潮下", []),
        ("一个完美世界", []),
        ("完美世界和三七互娱", ["完美世界", "三七互娱"]),
    ],
)
def test_more_chinese_and_foreign_companies(text: str, names: list[str]) -> None:
    assert [name for _, _, name in company_spans(text)] == names
