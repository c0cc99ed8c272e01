"""Script conversion and detection: opencc plus the brand-name override list."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui.text.paths import data_file
from tui.text.script import (
    HANS,
    HANT,
    detect_script,
    script_counts,
    simplified_key,
    to_simplified,
    to_simplified_after,
    to_traditional,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_traditional_becomes_simplified() -> None:
    assert to_simplified("騰訊混元與通義千問") == "腾讯混元与通义千问"
    assert to_simplified("鈦媒體、維科號") == "钛媒体、维科号"


def test_ascend_survives_in_both_scripts() -> None:
    # Plain opencc t2s turns Huawei's 昇腾 into 升腾.
    assert to_simplified("華為昇騰910B晶片") == "华为昇腾910B晶片"
    assert to_simplified("华为昇腾芯片") == "华为昇腾芯片"
    assert to_simplified("昇思MindSpore") == "昇思MindSpore"


def test_other_brand_overrides() -> None:
    assert to_simplified("華為乾崑智駕") == "华为乾崑智驾"
    assert to_simplified("鉅亨網報導") == "钜亨网报导"
    assert to_simplified("乾照光電") == "乾照光电"


def test_text_around_an_override_is_still_converted() -> None:
    assert to_simplified("後臺的昇騰集群與雲服務") == "后台的昇腾集群与云服务"


def test_fixes_for_words_opencc_leaves_half_done() -> None:
    assert to_simplified("這是甚麼") == "这是什么"


def test_words_that_keep_their_character() -> None:
    # 瞭望 keeps 瞭 in Simplified; 瞭解 becomes 了解.
    assert to_simplified("瞭望") == "瞭望"
    assert to_simplified("瞭解") == "了解"


def test_every_override_entry_survives_conversion() -> None:
    raw = yaml.safe_load(data_file("opencc_overrides.yaml").read_text(encoding="utf-8"))
    for section in ("brands", "fixes"):
        for target, variants in raw[section].items():
            assert to_simplified(target) == target
            for variant in variants or []:
                assert to_simplified(variant) == target, variant


def test_conversion_is_idempotent_on_a_seed() -> None:
    once = to_simplified(_seed("001"))
    assert to_simplified(once) == once
    assert "騰訊" not in once and "腾讯" in once


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_text_read_from_its_conversion_with_the_line_before(prefix: str) -> None:
    # The cleaner converts title and body together; the store reads the body's own
    # conversion from that cached one: it must be the body converted alone.
    body = _seed(prefix)
    for title in ("騰訊混元與通義千問", "", "昇騰"):
        assert to_simplified_after(title, body) == to_simplified(body)
    assert to_simplified_after("兩行\n標題", "騰訊") == "腾讯"


def test_empty_text() -> None:
    assert to_simplified("") == ""
    assert to_traditional("") == ""


def test_to_traditional_keeps_brands() -> None:
    assert to_traditional("腾讯混元") == "騰訊混元"
    assert to_traditional("华为昇腾") in {"華為昇騰", "華爲昇騰"}
    assert to_traditional("乾崑") == "乾崑"


def test_simplified_key_normalises_width_script_and_case() -> None:
    assert simplified_key("ＱＱ騰訊") == "qq腾讯"
    assert simplified_key("DeepSeek") == simplified_key("deepseek")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("騰訊在這波人工智能浪潮中是否掉隊", HANT),
        ("腾讯在这波人工智能浪潮中是否掉队", HANS),
        ("", HANS),
        ("Hello 123, GPU!", HANS),
    ],
)
def test_detect_script_on_sentences(text: str, expected: str) -> None:
    assert detect_script(text) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", HANS), ("001", HANT), ("002", HANS), ("003", HANT), ("004", HANT)],
)
def test_detect_script_on_seeds(prefix: str, expected: str) -> None:
    assert detect_script(_seed(prefix)) == expected


def test_script_counts_are_lopsided_for_a_traditional_seed() -> None:
    hant, hans = script_counts(_seed("003"))
    assert hant > 5 * hans > 0


def test_shared_characters_count_for_neither_script() -> None:
    # 人工智能 is written the same way in both scripts.
    assert script_counts("人工智能") == (0, 0)
