"""Topic tags: jieba keywords through the curated vocabulary, front-matter tags kept."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tui.lang.companies import resolve
from tui.lang.tags import (
    MAX_TOPICS,
    MIN_TOPICS,
    TopicScore,
    _build_vocabulary,
    choose_topics,
    extract_tags,
    keyword_of,
    normalise_front_tags,
    topic_scores,
    vocabulary,
)
from tui.text.script import to_simplified

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PREFIXES = ["000", "001", "002", "003", "004"]
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_DIGIT = re.compile(r"\d")


def seed_text(prefix: str) -> str:
    """A seed in Simplified script without injected pinyin or repeated lines."""
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


AD_TEXT = (
    "腾讯的广告收入同比增长20%，广告主投放意愿提升，效果广告点击率上升。"
    "阿里云和腾讯云的云服务收入也在增长，云计算需求旺盛。"
    "大模型推理成本下降，开源模型越来越多，大模型应用加速落地。"
)


# --- vocabulary ----------------------------------------------------------------


def test_vocabulary_topics_are_not_companies_numbers_or_stopwords() -> None:
    vocab = vocabulary()
    assert len(vocab.topics) >= 20
    for topic in vocab.topics:
        assert resolve(topic) is None, topic
        assert not _DIGIT.search(topic), topic
        assert topic.casefold() not in vocab.stopwords, topic
        assert to_simplified(topic) == topic, topic


def test_keywords_are_simplified() -> None:
    for word in vocabulary().spellings:
        assert to_simplified(word) == word, word


def test_every_topic_counts_as_its_own_keyword() -> None:
    vocab = vocabulary()
    for topic in vocab.topics:
        assert vocab.keywords[topic.casefold()] == topic


def test_a_keyword_listed_for_two_topics_is_an_error() -> None:
    raw = {"topics": {"甲": ["同词"], "乙": ["同词"]}}
    with pytest.raises(ValueError, match="同词"):
        _build_vocabulary(raw, {})


def test_keyword_of_handles_case_and_version_numbers() -> None:
    assert keyword_of("GPU") == "gpu"
    assert keyword_of("agent") == "agent"
    assert keyword_of("Qwen3") == "qwen"
    assert keyword_of("H100") == "h100"
    assert keyword_of("今天") is None


# --- scoring and choosing ------------------------------------------------------


def test_synonyms_map_to_their_topic() -> None:
    scores = {s.topic: s for s in topic_scores("腾讯的资本支出大增，资本开支创新高。")}
    assert scores["资本开支"].count == 2


def test_multi_character_keywords_are_whole_words() -> None:
    topics = [s.topic for s in topic_scores("研发投入持续增加，研发费用创新高")]
    assert topics[0] == "研发投入"


def test_title_weighs_more_than_the_body() -> None:
    body = "游戏业务增长。广告业务增长。"
    plain = [s.topic for s in topic_scores(body)]
    titled = [s.topic for s in topic_scores(body, title="游戏的新春天")]
    assert titled[0] == "游戏"
    assert plain.index("游戏") >= titled.index("游戏")


def test_choose_topics_keeps_strong_topics_and_fills_to_three() -> None:
    scores = [
        TopicScore("甲", 10, 100.0),
        TopicScore("乙", 5, 50.0),
        TopicScore("丙", 1, 9.0),
        TopicScore("丁", 1, 1.0),
    ]
    # 丙 is too weak on its own but fills the third place; 丁 is not needed.
    assert choose_topics(scores) == ["甲", "乙", "丙"]


def test_choose_topics_caps_at_ten() -> None:
    scores = [TopicScore(f"题{i}", 5, 100.0 - i) for i in range(15)]
    assert len(choose_topics(scores)) == MAX_TOPICS


def test_choose_topics_drops_weak_ones_when_enough_are_strong() -> None:
    scores = [TopicScore(t, 9, 90.0) for t in "甲乙丙丁"] + [TopicScore("戊", 1, 5.0)]
    assert choose_topics(scores) == ["甲", "乙", "丙", "丁"]


# --- extract_tags ----------------------------------------------------------------


def test_extract_tags_on_a_small_text() -> None:
    tags = extract_tags(AD_TEXT)
    assert MIN_TOPICS <= len(tags) <= MAX_TOPICS
    assert {"广告", "云服务", "大模型"} <= set(tags)
    assert tags[0] == "广告"


def test_front_tags_are_kept_first_and_not_repeated() -> None:
    tags = extract_tags(AD_TEXT, ["人工智能", "广告", "腾讯"])
    assert tags[:3] == ["人工智能", "广告", "腾讯"]
    assert tags.count("广告") == 1
    assert len(tags) >= 3 + 2  # at least two more topics that were not given


def test_front_tags_are_normalised() -> None:
    assert normalise_front_tags(["雲服務", " 广告 ", "广告", None, 2025]) == [
        "云服务",
        "广告",
        "2025",
    ]
    assert normalise_front_tags("AI, 芯片、#游戏") == ["AI", "芯片", "游戏"]
    assert normalise_front_tags(None) == []


def test_empty_text_keeps_only_front_tags() -> None:
    assert extract_tags("", ["标签"]) == ["标签"]
    assert extract_tags("   \n") == []


def test_text_outside_the_vocabulary_still_gets_three_tags() -> None:
    text = (
        "红烧肉的做法：五花肉切块焯水，加入酱油、冰糖和八角，小火慢炖一小时。"
        "五花肉要选肥瘦相间的，冰糖炒出糖色，酱油上色，八角提香。红烧肉软糯不腻。"
    )
    tags = extract_tags(text)
    assert len(tags) == MIN_TOPICS
    assert "五花肉" in tags
    for tag in tags:
        assert not _DIGIT.search(tag)
        assert tag.casefold() not in vocabulary().stopwords


def test_company_names_are_not_tags() -> None:
    text = "腾讯腾讯腾讯，阿里巴巴阿里巴巴，百度。腾讯的游戏业务和广告业务都在增长，游戏玩家增加。"
    tags = extract_tags(text)
    assert all(resolve(tag) is None for tag in tags)
    assert "游戏" in tags


# --- seeds ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tags() -> dict[str, list[str]]:
    return {prefix: extract_tags(seed_text(prefix)) for prefix in PREFIXES}


def test_seed_tags_are_vocabulary_topics_within_bounds(seed_tags: dict[str, list[str]]) -> None:
    topics = set(vocabulary().topics)
    for prefix, tags in seed_tags.items():
        assert MIN_TOPICS <= len(tags) <= MAX_TOPICS, prefix
        assert len(set(tags)) == len(tags), prefix
        for tag in tags:
            assert tag in topics, (prefix, tag)
            assert resolve(tag) is None, (prefix, tag)
            assert not _DIGIT.search(tag), (prefix, tag)


def test_seed_tags_recur_across_articles(seed_tags: dict[str, list[str]]) -> None:
    counts = Counter(tag for tags in seed_tags.values() for tag in tags)
    all_tags = [tag for tags in seed_tags.values() for tag in tags]
    recurring = [tag for tag in all_tags if counts[tag] >= 2]
    assert len(recurring) >= 0.75 * len(all_tags)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", {"广告", "云服务", "商业化"}),
        ("001", {"大模型", "云服务", "商业化", "财报"}),
        ("002", {"电商", "财报", "开源"}),
        ("003", {"游戏", "广告"}),
        ("004", {"算力", "大模型", "智能体"}),
    ],
)
def test_seed_main_topics(seed_tags: dict[str, list[str]], prefix: str, expected: set[str]) -> None:
    assert expected <= set(seed_tags[prefix])


def test_seed_000_front_tags_come_first() -> None:
    front = [
        "人工智能",
        "商业化",
        "广告科技",
        "云服务",
        "大模型",
        "腾讯",
        "百度",
        "阿里巴巴",
        "科技巨头",
    ]
    tags = extract_tags(seed_text("000"), front)
    assert tags[: len(front)] == front
    assert "广告" in tags[len(front) :]


def test_seed_003_title_brings_rd_spending_in() -> None:
    tags = extract_tags(seed_text("003"), title=to_simplified("巨額斥資研發,騰訊如何砸穿AI天花板"))
    assert "研发投入" in tags


def test_topics_of_earnings_coverage_outside_the_seeds() -> None:
    text = (
        "美团第三季度外卖业务亏损扩大，即时零售竞争加剧，骑手补贴增加。"
        "宁德时代动力电池出货量增长，储能业务贡献三成收入。"
        "携程酒店和机票预订量增长，出境游恢复。小米智能电动汽车交付新车10万辆。"
    )
    tags = extract_tags(text)
    for topic in ("本地生活", "新能源", "旅游出行", "智能汽车"):
        assert topic in tags, tags


def test_latin_words_are_not_tags_but_acronyms_may_be() -> None:
    from tui.lang.tags import _is_tag_word

    text = (
        "OpenAI 发布 GPT-4o mini。GPT-4o mini 在测试中得分很高，mini 模型价格便宜，"
        "mini 版本支持文本和视觉。开发者可以通过 API 调用 mini。"
    )
    tags = extract_tags(text, title="OpenAI 发布 GPT-4o mini")
    assert "mini" not in tags
    assert len(tags) >= MIN_TOPICS
    assert not _is_tag_word("mini")
    assert not _is_tag_word("tokens")
    assert not _is_tag_word("English")
    assert _is_tag_word("ERP")  # an acronym that is no vocabulary word or company
