"""Where figures are, with their surface, value, unit and approx (tui.figures.scan)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.figures.scan import scan
from tui.figures.textview import matching_text


def found(text: str) -> list[tuple[str, Decimal, Decimal | None, str | None, str | None]]:
    m = matching_text(text)
    return [(text[q.start : q.end], q.value, q.value_max, q.unit, q.approx) for q in scan(m)]


def only(text: str) -> tuple[str, Decimal, Decimal | None, str | None, str | None]:
    figures = found(text)
    assert len(figures) == 1, figures
    return figures[0]


def test_money_with_magnitude_and_currency() -> None:
    assert only("研发投入706.9亿元。") == ("706.9亿元", Decimal("70690000000.0"), None, "CNY", None)
    assert only("营收高达 441 亿美元，")[1:4] == (Decimal(44100000000), None, "USD")
    assert only("回购1,120亿港元股票")[0] == "1,120亿港元"
    assert only("带来 747.5 万元人民币的业绩")[3] == "CNY"


def test_price_per_share_keeps_its_unit() -> None:
    surface, value, _, unit, _ = only("股价一度升至 70.55 元 / 股，")
    assert (surface, value, unit) == ("70.55 元 / 股", Decimal("70.55"), "CNY")


def test_percent_pp_multiple_and_ranges() -> None:
    assert only("同比增长18%")[:2] == ("18%", Decimal(18))
    assert only("下降5.36个百分点")[:2] == ("5.36个百分点", Decimal("5.36"))
    assert only("同比+4个百分点")[:2] == ("+4个百分点", Decimal(4))
    assert only("是CPU的120倍")[:2] == ("120倍", Decimal(120))
    assert only("以60%-70%的利用率")[:3] == ("60%-70%", Decimal(60), Decimal(70))
    assert only("平均线在13-16%之间")[:3] == ("13-16%", Decimal(13), Decimal(16))


def test_change_then_level_is_two_figures_not_a_range() -> None:
    assert [f[0] for f in found("净利润暴涨68%至1940.73亿元")] == ["68%", "1940.73亿元"]
    assert [f[0] for f in found("同比增长 20% 至 319 亿元")] == ["20%", "319 亿元"]


def test_counts_with_magnitude_measure_word_or_counted_noun() -> None:
    assert only("MAU 达 9400 万，")[:2] == ("9400 万", Decimal(94000000))
    assert only("开源 200 余个模型")[:2] == ("200 余个", Decimal(200))
    assert only("下载量超 3 亿次")[0] == "超 3 亿次"
    assert only("融入13.85亿月活用户的日常")[0] == "13.85亿月活用户"
    assert only("由16384个GPU构成")[3] == "个"


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("超过700亿元", ">"),
        ("逾5亿元", ">"),
        ("突破767亿元", ">"),
        ("近50倍", "~"),
        ("约14亿元", "~"),
        ("2480万上下", "~"),
        ("1000万左右", "~"),
        ("至少3800亿元", ">="),
        ("40%以上", ">="),
        ("不足1%", "<"),
        ("仅450万元", "<"),
        ("200余个", ">"),
        ("不超过5亿元", "<="),
    ],
)
def test_approx_words_around_the_number(text: str, approx: str) -> None:
    surface, _, _, _, found_approx = only(text)
    assert surface == text
    assert found_approx == approx


def test_words_ending_like_an_approx_word_are_not_one() -> None:
    assert only("经过3次迭代")[0] == "3次"
    assert only("最近3个版本")[4] is None


@pytest.mark.parametrize(
    "text",
    [
        "2025年第一季度",
        "今年2月24日",
        "17:19发布",
        "2025-08-21",
        "Qwen3 模型",
        "QwQ-32B",
        "英伟达H100",
        "Llama 3 405B模型",
        "混元3D v2.5",
        "DeepSeek-V3",
        "第12位",
        "排名第 3 家",
        "25-35岁女性",
        "晚上8点",
        "54 天",
        "每3个小时",
        "近7年",
        "1-3年",
        "粤公网安备 44030502002758号",
        "510阿里日",
        "1+N 体系",
        "5G 通信",
        "0条评论",
        "[^1]",
        "https://m.36kr.com/p/3340024718014469",
        "两家公司",
        "九家大厂",
        "千帆平台",
        "百度",
        "数倍",
        "骨折",
        "三折叠手机",
    ],
)
def test_not_figures(text: str) -> None:
    assert found(text) == []


def test_chinese_percent_forms() -> None:
    assert only("价格降至官方三折")[:2] == ("三折", Decimal(30))
    assert only("打七五折")[:2] == ("七五折", Decimal(75))
    assert only("价格仅为对手的近百分之一")[:2] == ("近百分之一", Decimal(1))
    assert only("市场份额达三成以上")[:2] == ("三成以上", Decimal(30))


def test_digit_count_growth_is_a_percent_range() -> None:
    assert only("连续七个季度保持三位数增长")[:3] == ("三位数", Decimal(100), Decimal(999))
    assert only("增速跌至个位数。")[:3] == ("个位数", Decimal(1), Decimal(9))
    assert only("占收入的低两位数百分比")[:3] == ("低两位数", Decimal(10), Decimal(99))
    assert found("这是一个三位数的密码") == []


def test_orders_of_magnitude_are_approximate() -> None:
    assert only("坐拥10亿级社交用户")[:2] == ("10亿级", Decimal(1000000000))
    assert only("从百万级飙升")[4] == "~"
    assert only("研发投入均维持在百亿级以上")[:2] == ("百亿级以上", Decimal(10000000000))
    assert only("研发投入均维持在百亿级以上")[4] == ">="
    assert only("都是百万元级别")[3] == "CNY"


def test_chinese_magnitude_numerals_need_an_approx_word_or_unit() -> None:
    assert only("提供近百种模型")[:2] == ("近百种", Decimal(100))
    assert only("月营收过亿的应用")[:2] == ("过亿", Decimal(100000000))
    assert only("已有两千人报名")[:2] == ("两千人", Decimal(2000))
    assert found("增速超百度") == []


def test_physical_units_are_numbers() -> None:
    surface, value, _, unit, approx = only("700W以上的功耗")
    assert (surface, value, unit, approx) == ("700W以上", Decimal(700), "W", ">=")


def test_traditional_text_scans_like_simplified() -> None:
    assert only("資本開支突破767億元")[0] == "突破767億元"
    assert only("同比+4個百分點")[0] == "+4個百分點"
