"""Each field of a figure on its own: kind, unit, value, change, metric, period, company."""

from __future__ import annotations

from decimal import Decimal

from tui.figures import company as company_mod
from tui.figures.attach import period_for
from tui.figures.clauses import segment, split_paragraphs
from tui.figures.kinds import figure_kind, figure_unit, figure_value, figure_value_max
from tui.figures.metric import find_metrics, metric_for
from tui.figures.period import find_periods, writing_year
from tui.figures.qualifiers import change_of
from tui.figures.scan import COUNT, MONEY, Quantity


def test_kind_comes_from_the_unit_then_the_metric() -> None:
    scaled = Quantity(0, 1, Decimal("2432e8"), scaled=True)
    assert figure_kind(scaled, "money") == MONEY
    assert figure_kind(scaled, "count") == COUNT
    assert figure_kind(scaled, None) == COUNT
    percent = Quantity(0, 1, Decimal(18), unit_class="percent", unit="%")
    assert figure_kind(percent, "money") == "percent"


def test_unit_defaults_to_yuan_for_money_without_currency() -> None:
    scaled = Quantity(0, 1, Decimal(1), scaled=True)
    assert figure_unit(scaled, MONEY) == "CNY"
    assert figure_unit(scaled, COUNT) is None
    assert figure_unit(Quantity(0, 1, Decimal(1), unit="USD"), MONEY) == "USD"


def test_value_and_value_max_are_floats_in_base_units() -> None:
    ranged = Quantity(0, 1, Decimal(60), value_max=Decimal(70))
    assert figure_value(Quantity(0, 1, Decimal("70690000000.0"))) == 70_690_000_000
    assert figure_value_max(ranged) == 70.0
    assert figure_value_max(Quantity(0, 1, Decimal(1))) is None


def _change(text: str, figure: str, *, after: bool = False) -> str | None:
    start = text.index(figure)
    return change_of(text, 0, start, start + len(figure), marker_after=after)


def test_change_markers() -> None:
    assert _change("营收同比增长15%", "15%") == "yoy"
    assert _change("下载量环比大增近1500%", "近1500%") == "qoq"
    assert _change("营收增长18%", "18%") is None
    assert _change("收入同比增长 20% 至 319 亿元", "319 亿元") is None  # the level
    assert _change("实现三位数同比增长", "三位数", after=True) == "yoy"


def _metric(text: str, figure: str) -> str | None:
    start = text.index(figure)
    layout = segment(text)
    clause = layout.clause_at(start)
    sentence = layout.sentences[clause.sentence]
    hit = metric_for(
        text,
        start,
        start + len(figure),
        (clause.start, clause.end),
        sentence.start,
        find_metrics(text),
    )
    return hit.label if hit else None


def test_metric_from_the_clause_then_after_then_the_sentence() -> None:
    assert _metric("阿里总营收 2432 亿，同比增长 3.9%。", "2432 亿") == "营收"
    assert _metric("阿里总营收 2432 亿，同比增长 3.9%。", "3.9%") == "营收"
    assert _metric("腾讯广告 Q1 收入同比增长 20%。", "20%") == "广告收入"
    assert _metric("它已用1941亿净利润撕掉标签。", "1941亿") == "净利润"
    assert _metric("融入13.85亿月活用户的日常。", "13.85亿月活用户") == "MAU"
    assert _metric("毛利率升至57%，经营利润率达38%。", "38%") == "经营利润率"


def _period(text: str, figure: str, date: str | None = None) -> str | None:
    start = text.index(figure)
    layout = segment(text)
    clause = layout.clause_at(start)
    sentence = layout.sentences[clause.sentence]
    return period_for(
        text,
        start,
        start + len(figure),
        layout.sentence_scope(sentence.index),
        find_periods(text, date),
        layout.paragraphs[clause.paragraph].start,
    )


def test_explicit_periods() -> None:
    assert _period("2025年第一季度，营收增长18%。", "18%") == "2025Q1"
    assert _period("2025 年 Q1，阿里总营收 2432 亿。", "2432 亿") == "2025Q1"
    assert _period("2026 财年第一季度营收 441 亿美元。", "441 亿美元") == "FY2026Q1"
    assert _period("截至 2025 年 3 月底，ARR 达到 1.2 亿美元。", "1.2 亿美元") == "2025-03"
    assert _period("2024年上半年营收100亿元。", "100亿元") == "2024H1"


def test_relative_periods_use_the_date() -> None:
    text = "今年一季度投放约14亿元，远超去年Q4的1.1亿元，3月单月投放达11亿元。"
    assert _period(text, "约14亿元", "2025-06-01") == "2025Q1"
    assert _period(text, "1.1亿元", "2025-06-01") == "2024Q4"
    assert _period(text, "11亿元", "2025-06-01") == "2025-03"


def test_writing_year_without_a_date() -> None:
    assert writing_year("进入2025年，行业转向。全年研发投入706.9亿元。", None) == 2025
    assert writing_year("2022 年的 259 亿涨到 2024 年的 317 亿。", None) == 2024
    assert writing_year("随便写写。", "2023-05-01") == 2023


def test_full_year_without_a_year_is_the_last_full_year() -> None:
    text = "进入2025年，行业转向。腾讯全年研发投入706.9亿元。"
    assert _period(text, "706.9亿元") == "2024"


def test_quarter_without_a_year_takes_the_context_year() -> None:
    text = "腾讯全年净利润1940亿元。第四季度单季净利润513亿元。"
    assert _period(text, "513亿元", "2025-03-20") == "2024Q4"


def test_this_quarter_is_the_latest_quarter_mentioned() -> None:
    text = "2025年第二季度营收增长15%。研发费用从去年第四季度开始攀升，本季度达到203亿元。"
    assert _period(text, "203亿元", "2025-08-21") == "2025Q2"


def test_spans_and_events_are_not_periods() -> None:
    assert _period("近7年累计砸下3403亿元。", "3403亿元") is None
    assert (
        _period("今年2月24日，阿里宣布未来三年投入超过3800亿元。", "超过3800亿元", "2025-06-01")
        is None
    )
    assert _period("约为去年同期的1.5倍。", "1.5倍", "2025-06-01") is None


def test_fiscal_range_with_respectively_in_extraction() -> None:
    from tui.figures.extract import figures_from_text

    text = "阿里云2023 财年到 2025 财年的利润率分别为 4%、5.8%、8.9%。"
    assert [f.period for f in figures_from_text(text)] == ["FY2023", "FY2024", "FY2025"]


def test_a_period_carries_through_the_paragraph_but_not_a_bare_current_year() -> None:
    text = "2025年第一季度，小米营收增长47%。手机出货4180万台。\n\n2025年，资本开支将加码。它已用1941亿净利润撕掉标签。"
    assert _period(text, "4180万台", "2025-05-27") == "2025Q1"
    assert _period(text, "1941亿", "2025-05-27") is None


def test_bracketed_period_after_the_figure() -> None:
    text = "日活从2024年初的百万级飙升至2480.5万（6月数据）。"
    assert _period(text, "2480.5万", "2025-07-01") == "2025-06"


def test_paragraphs_and_headings() -> None:
    paragraphs = split_paragraphs("## 标题\n\n第一段，有句子。\n\n短标题")
    assert [p.heading for p in paragraphs] == [True, False, True]


def test_clauses_do_not_split_numbers_or_enumerations() -> None:
    layout = segment("收入1,120亿元，腾讯、阿里分别增长。")
    texts = ["收入1,120亿元，腾讯、阿里分别增长。"[c.start : c.end] for c in layout.clauses]
    assert texts == ["收入1,120亿元，", "腾讯、阿里分别增长。"]


def test_company_groups_and_dominance() -> None:
    text = "腾讯、阿里分别达到 189 亿、149 亿"
    groups = company_mod.group_mentions(text, [(0, 2, "腾讯"), (3, 5, "阿里巴巴")])
    assert [g.names for g in groups] == [("腾讯", "阿里巴巴")]
    singles = [company_mod.Group(0, 1, ("腾讯",))] * 4 + [company_mod.Group(5, 6, ("百度",))]
    assert company_mod.dominant_company(singles) == ("腾讯",)
    assert company_mod.dominant_company(singles[-2:]) == ()


def test_object_and_comparison_base_positions() -> None:
    text = "百度千帆平台将DeepSeek-V3价格降至官方三折"
    deepseek = company_mod.Group(7, 15, ("DeepSeek",))
    assert company_mod.is_object(text, 0, deepseek)
    base_text = "API 价格仅为 GPT-4 Turbo 的近百分之一"
    gpt = company_mod.Group(base_text.index("GPT"), base_text.index("GPT") + 3, ("OpenAI",))
    assert company_mod.is_comparison_base(base_text, gpt, base_text.index("近百分之一"))


def test_pronouns_but_not_their_false_friends() -> None:
    assert company_mod.has_pronoun("其总营收 47 亿", 0, 5)
    assert not company_mod.has_pronoun("其中云收入 301 亿", 0, 5)
    assert not company_mod.has_pronoun("尤其是广告", 0, 5)
