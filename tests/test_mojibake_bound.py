"""Tests for the score bound that spares the mojibake repair most of its scoring
(``tui.clean.mojibake.model._score_bound``): it never falls below the score it
bounds, and the repair makes the same choices with it as without it."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.clean.mojibake import gbk, repair_mojibake
from tui.clean.mojibake import model as mojibake_model
from tui.clean.mojibake.model import _END, _PLACEHOLDER, _best_score, _model, _score_bound
from tui.text import data, dictionary

# Characters of every class the scorer tells apart: common and rare Han, words that
# continue across an edit (中华人民共和国), Latin letters and digits (runs), ASCII and
# full-width punctuation (mid-sentence marks pay more before the end), trail-byte
# symbols, private-use and broken characters, the placeholder and the end mark.
ALPHABET = [
    *"的是在了中华人民共和国腾讯阿里巴巴微信用户对方活跃铭炽琪態蚳峁珊",
    *"AaBbIiSgent5G0123",
    *"，。、；：？！（）“”,.;:?!()@[]^_{|}~ ",
    *("\ue000", "\ue765", "\ufffd", chr(0xDC00 + 0xB5), _PLACEHOLDER),
]

texts = st.lists(st.sampled_from(ALPHABET), min_size=0, max_size=24).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=texts,
    old_middle=texts,
    new_middle=texts,
    suffix=texts,
    ends=st.booleans(),
)
def test_bound_is_never_below_the_score(
    prefix: str, old_middle: str, new_middle: str, suffix: str, ends: bool
) -> None:
    model = _model()
    end = _END if ends else ""
    old = prefix + old_middle + suffix + end
    new = prefix + new_middle + suffix + end
    bound = _score_bound(new, model.scored(old), model)
    assert bound >= _best_score(new, model) - 1e-9


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("对方活跃的用户", "对方;钴S的用户"),  # a Latin letter between Han
        ("中华人民共和国成立", "中华人民X和国成立"),  # a word across the first change
        ("GPT模型", "GPT4模型"),  # a Latin run that goes on past the change
        ("增长了。\n", "增长了。，\n"),  # a mark before the end
        ("", "腾讯"),
        ("腾讯", ""),
    ],
)
def test_bound_holds_on_edges(old: str, new: str) -> None:
    model = _model()
    assert _score_bound(new, model.scored(old), model) >= _best_score(new, model) - 1e-9


def _repair_unbounded(text: str) -> str:
    """The repair with every reading scored (the bound never rules one out)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gbk, "_score_bound", lambda new, old, model: math.inf)
        gbk._REPAIRED.clear()
        return repair_mojibake(text)


def _repair_bounded(text: str) -> str:
    gbk._REPAIRED.clear()
    return repair_mojibake(text)


SENTENCES = [
    "用户可以在微信里直接调用元宝完成任务。",
    "騰訊的AI投入正在加速，遠超市場預期。",
    "阿里巴巴宣布将在未来三年投入三千八百亿元建设云和AI基础设施。",
    "阿里巴巴集团CEO吴泳铭表示，公司将继续加大投入。",
    "微信的連接屬性讓技術普及成本幾乎為零。",
]


def _damage(sentence: str, kind: str, where: int, value: int) -> str:
    data_bytes = bytearray(sentence.encode("gbk"))
    index = where % len(data_bytes)
    if kind == "highbit":
        data_bytes[index] &= 0x7F
    elif kind == "drop":
        del data_bytes[index]
    else:
        data_bytes.insert(index, value)
    return data_bytes.decode("gb18030", errors="replace")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sentence=st.sampled_from(SENTENCES),
    kind=st.sampled_from(["highbit", "drop", "insert"]),
    where=st.integers(min_value=0, max_value=200),
    value=st.integers(min_value=0x81, max_value=0xFE),
)
def test_repair_with_the_bound_equals_the_full_search(
    sentence: str, kind: str, where: int, value: int
) -> None:
    damaged = _damage(sentence, kind, where, value)
    assume(damaged != sentence)
    assert _repair_bounded(damaged) == _repair_unbounded(damaged)


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [("對方;钴S的", "對方活躍的"), ("!刮⑿臕gent", "」微信Agent")],
)
def test_real_damage_is_still_repaired(damaged: str, repaired: str) -> None:
    assert repaired in _repair_bounded(damaged)


def test_clean_text_with_rare_names_is_ruled_out_without_scoring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A false alarm (rare characters in names, brackets) is where the bound saves
    work: most of its readings are never scored, and the text stays as it is."""
    text = "据悉，龘龘科技（上海）与中石化旗下子公司签署协议，金额约3亿元。"
    scored: list[str] = []
    real = mojibake_model._best_score

    def counting(simple: str, model: mojibake_model._Model) -> float:
        scored.append(simple)
        return real(simple, model)

    monkeypatch.setattr(mojibake_model, "_best_score", counting)
    _model().text_scores.clear()
    assert _repair_bounded(text) == text
    bounded = len(scored)
    scored.clear()
    _model().text_scores.clear()
    assert _repair_unbounded(text) == text
    assert bounded < len(scored)


def test_word_shares_are_bundled_and_current(jiedu_home: object) -> None:
    key = f"{dictionary.jieba_version()}:default"
    bundled = data.derived("mojibake_shares.json", key)
    assert bundled is not None, "tui/data/derived/mojibake_shares.json is stale: regenerate it"
    model = _model()
    assert bundled["shares"] == mojibake_model.compute_word_shares(model.words, model.logtotal)
