"""Figure periods that hold on real pages: fiscal calendars, no article date,
去年同期, periods carried over the article, forecasts, and the metric of a clause
with a cause in it (issue 8, causes 10 and 11)."""

from __future__ import annotations

import pytest

from tui.figures.extract import figures_from_text
from tui.figures.fiscal import calendar_to_fiscal, for_company, year_end_month
from tui.text.models import Figure


def one(text: str, surface: str, date: str | None = None, title: str | None = None) -> Figure:
    found = [f for f in figures_from_text(text, date, title) if f.text == surface]
    assert len(found) == 1, [f.text for f in figures_from_text(text, date, title)]
    return found[0]


def test_fiscal_year_ends_come_from_the_company_data() -> None:
    assert year_end_month("阿里巴巴") == 3
    assert year_end_month("联想") == 3
    assert year_end_month("微软") == 6
    assert year_end_month("腾讯") == 12  # no field: the calendar year
    assert year_end_month(None) == 12


@pytest.mark.parametrize(
    ("period", "end_month", "expected"),
    [
        ("2025Q3", 3, "FY2026Q2"),
        ("2025Q1", 3, "FY2025Q4"),
        ("2025Q4", 3, "FY2026Q3"),
        ("2025Q3", 6, "FY2026Q1"),
        ("2024Q2-Q3", 3, "FY2025H1"),
        ("2025H1", 6, "FY2025H2"),
        ("2025Q1-Q3", 3, "2025Q1-Q3"),  # spans two fiscal years: left as written
        ("2025", 3, "2025"),
        ("2025Q3", 1, "2025Q3"),  # a year ending in January: quarters do not line up
    ],
)
def test_calendar_periods_in_a_fiscal_calendar(period: str, end_month: int, expected: str) -> None:
    assert calendar_to_fiscal(period, end_month) == expected


def test_calendar_companies_have_no_fiscal_periods() -> None:
    assert for_company("FY2025Q3", "快手") == "2025Q3"
    assert for_company("FY2025", "腾讯") == "2025"
    assert for_company("FY2026Q3", "英伟达") == "FY2026Q3"
    assert for_company("FY2025Q3", None) == "FY2025Q3"


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        ("快手科技公布2025财年第三季度业绩，总营收为356亿元。", "356亿元", "2025Q3"),
        ("百度發布了2019財年第二季度財報，總營收為263億元人民幣。", "263億元人民幣", "2019Q2"),
        ("阿里巴巴2025財年第三財季收入為2802億元。", "2802億元", "FY2025Q3"),
        ("阿里巴巴2025年第三季度收入为2478亿元。", "2478亿元", "FY2026Q2"),
        ("联想集团公布截至2024年9月30日止第二财季业绩，收入1279亿元。", "1279亿元", "FY2025Q2"),
        ("联想集团公布20/21财年第二财季业绩，营业额为1005亿元。", "1005亿元", "FY2021Q2"),
        ("英伟达2026财年第三财季营收为570亿美元。", "570亿美元", "FY2026Q3"),
    ],
)
def test_each_company_in_its_own_calendar(text: str, surface: str, period: str) -> None:
    assert one(text, surface, "2025-11-20").period == period


def test_periods_resolve_without_an_article_date() -> None:
    text = (
        "小米集团今日发布2025年第二季度财报。二季度营收1160亿元。\n\n"
        "智能手机收入455亿元，与去年同期的465亿元相比减少2.1%。"
    )
    assert one(text, "1160亿元").period == "2025Q2"
    assert one(text, "455亿元").period == "2025Q2"  # the report period holds for the article
    assert one(text, "465亿元").period == "2024Q2"  # the base's own figure
    assert one(text, "2.1%").period == "2025Q2"


def test_a_later_year_of_a_forecast_does_not_move_the_quarter() -> None:
    text = "腾讯第一季度营收1800亿元，同比增长13%，公司预计2025年和2026年资本开支将继续增长。"
    assert one(text, "1800亿元").period == "2025Q1"
    assert one(text, "1800亿元", "2025-05-14").period == "2025Q1"


def test_last_years_same_period_counts_from_the_period_in_context() -> None:
    text = (
        "美團第三季收入954.9億元。期內經營虧損達141億元，去年同期經營溢利為146億元。"
        "歸屬股東的淨利潤為53億元，較去年同期的117億元明顯下降。"
    )
    assert one(text, "146億元", "2025-11-28").period == "2024Q3"
    assert one(text, "117億元", "2025-11-28").period == "2024Q3"
    assert one(text, "53億元", "2025-11-28").period == "2025Q3"


def test_the_reported_period_is_carried_over_paragraphs() -> None:
    text = (
        "騰訊公布截至2025年9月30日止第三季業績，收入按年增長15%。\n\n"
        "營銷服務收入按年增長21%至362億元。\n\n"
        "首三季純利1,666億元，按年升17%。"
    )
    assert one(text, "362億元").period == "2025Q3"
    assert one(text, "1,666億元").period == "2025Q1-Q3"


def test_guidance_periods_hold_for_guidance_only() -> None:
    text = (
        "美團第三季收入954.9億元，期內經營虧損141億元。\n\n美團預計第四季的經營虧損趨勢將延續。"
        "銷售及營銷開支為343億元。聯發科預估第四季營收將增長，毛利率預估為46%。"
    )
    assert one(text, "343億元", "2025-11-28").period == "2025Q3"
    assert one(text, "46%", "2025-11-28").period == "2025Q4"


def test_a_share_price_takes_no_report_period() -> None:
    text = "聯想公布截至2024年9月30日止第二財季業績，收入1,279億元。\n\n聯想股價收報10.3港元。"
    assert one(text, "10.3港元", "2024-11-15").period is None


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        ("美團公布截至2025年6月底止次季業績，收入918億元。", "918億元", "2025Q2"),
        ("比亞迪首三季純利233.3億元。", "233.3億元", "2025Q1-Q3"),
        ("网易25年第三季度净收入为284亿元。", "284亿元", "2025Q3"),
        ("联想本财年前6个月营业额为1905亿元。", "1905亿元", None),  # no fiscal year named
        ("由2024年第二季度的2亿元增加10%至2025年第二季度的6亿元。", "10%", "2025Q2"),
    ],
)
def test_more_period_forms(text: str, surface: str, period: str | None) -> None:
    assert one(text, surface, "2025-11-20").period == period


def test_year_ranges_are_handed_out() -> None:
    text = "预计京东2025-2027年营收分别为13188亿元、14210亿元和15155亿元。"
    periods = [f.period for f in figures_from_text(text, "2025-11-14")]
    assert periods == ["2025", "2026", "2027"]


@pytest.mark.parametrize(
    "text",
    [
        "快手毛利率受原材料成本下降带动,同比微升0.3个百分点至54.7%。",
        "快手毛利率受成本下降带动同比微升0.3个百分点至54.7%。",
    ],
)
def test_the_metric_is_the_subject_not_the_cause(text: str) -> None:
    assert [f.metric for f in figures_from_text(text)] == ["毛利率", "毛利率"]


def test_a_listed_head_before_等_is_not_the_metric() -> None:
    text = "小米智能电动汽车及AI等创新业务分部收入为213亿元。"
    assert one(text, "213亿元").metric == "营收"
