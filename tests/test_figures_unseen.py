"""Figures of articles the extractor was not written against.

Sentences in the style of Chinese earnings coverage of companies outside the seeds
(小米, 美团, 比亚迪, 台积电, 特斯拉 …), both scripts, written for these tests. Each
test pins one rule of the grammar: ranges, kinds of metric, year-to-date periods,
comparison bases, Taiwanese change words, process nodes.
"""

from __future__ import annotations

from typing import Any

import pytest

from tui.figures.extract import figures_from_text
from tui.text.models import Figure

DATE = "2025-11-20"


def figures(text: str, date: str | None = DATE) -> list[Figure]:
    found = figures_from_text(text, date)
    for figure in found:
        assert text[figure.start : figure.end] == figure.text
    return found


def one(text: str, surface: str, date: str | None = DATE) -> Figure:
    matches = [f for f in figures(text, date) if f.text == surface]
    assert len(matches) == 1, [f.text for f in figures(text, date)]
    return matches[0]


def fields(figure: Figure, *names: str) -> tuple[Any, ...]:
    return tuple(getattr(figure, name) for name in names)


def texts(text: str) -> list[str]:
    return [f.text for f in figures(text)]


# -- ranges -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "value_max", "unit"),
    [
        ("理想汽车预计交付量在10万辆至11万辆之间。", "10万辆至11万辆", 1e5, 1.1e5, "辆"),
        ("营收预计为10亿元至15亿元。", "10亿元至15亿元", 1e9, 1.5e9, "CNY"),
        ("净利润10亿-15亿元。", "10亿-15亿元", 1e9, 1.5e9, "CNY"),
        ("第三财季指引在5.5亿至5.8亿美元之间。", "5.5亿至5.8亿美元", 5.5e8, 5.8e8, "USD"),
        ("净利润在10至15亿元之间。", "10至15亿元", 1e9, 1.5e9, "CNY"),
        ("毛利率介于18%至20%之间。", "18%至20%", 18, 20, "%"),
        ("占比60%~70%。", "60%~70%", 60, 70, "%"),
    ],
)
def test_ranges_with_the_unit_on_both_sides(
    text: str, surface: str, value: float, value_max: float, unit: str
) -> None:
    figure = one(text, surface)
    assert fields(figure, "value", "value_max", "unit") == (value, value_max, unit)


def test_a_range_never_turns_its_second_end_negative() -> None:
    assert [f.value for f in figures("利润10亿-15亿元。")] == [1e9]


def test_change_then_level_stays_two_figures() -> None:
    assert texts("营收增长50亿元至300亿元。") == ["50亿元", "300亿元"]
    assert texts("同比增长20%至319亿元。") == ["20%", "319亿元"]


def test_different_units_are_not_a_range() -> None:
    assert texts("交付10万辆至20家门店。") == ["10万辆", "20家"]


# -- what is not a figure ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "台积电3纳米制程已量产。",
        "A18芯片采用3nm工艺。",
        "小米15 Pro、华为Mate 70、iPhone 17 Pro Max、Model 3、理想L9均已上市。",
        "英伟达A100、H100供不应求，骁龙8至尊版和苹果M4芯片同台竞技。",
        "腾讯控股（00700.HK）与阿里巴巴（9988.HK）。",
        "客服电话400-820-8820，京ICP备12345678号，软件版本v2.5已上线。",
        "创始人今年55岁，公司成立于2010年4月6日，发布会于19:30开始。",
        "Qwen2.5-72B在榜单上排名第3名，GPT-4o随后发布。",
    ],
)
def test_names_codes_dates_and_ages_are_not_figures(text: str) -> None:
    assert texts(text) == []


# -- scan: new forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "unit", "approx"),
    [
        ("营收翻了一番。", "翻了一番", "multiple", 2, "x", None),
        ("用户数翻两番。", "翻两番", "multiple", 4, "x", None),
        ("净利润翻倍。", "翻倍", "multiple", 2, "x", None),
        ("负债率下降2个点。", "2个点", "pp", 2, "pp", None),
        ("共发行2.5亿股。", "2.5亿股", "count", 2.5e8, "股", None),
        ("连续7个月交付量破3万台。", "破3万台", "count", 3e4, "台", ">"),
        ("股价一度跌破100港元。", "跌破100港元", "money", 100, "HKD", "<"),
    ],
)
def test_new_surface_forms(
    text: str, surface: str, kind: str, value: float, unit: str, approx: str | None
) -> None:
    figure = one(text, surface)
    assert fields(figure, "kind", "value", "unit", "approx") == (kind, value, unit, approx)


# -- metric -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("小米创新业务收入达213亿元，交付新车81302辆。", "81302辆", "交付量"),
        ("京东营收突破6000亿元，京东外卖日订单量超过2500万单。", "超过2500万单", "订单量"),
        ("小米手机收入460亿元，全球智能手机出货量4330万台。", "4330万台", "出货量"),
        ("比亚迪今年1-9月累计销量超过320万辆。", "超过320万辆", "销量"),
        ("携程净营业收入为533亿元；经调整EBITDA为170亿元。", "170亿元", "EBITDA"),
        ("台积电3纳米制程出货占晶圆销售金额的23%。", "23%", "占比"),
        ("网易研发投入占净收入比例超过15%。", "超过15%", "占比"),
        ("相当于每位员工每月给公司带来747.5万元人民币的业绩。", "747.5万元人民币", "人均创收"),
        ("小米汽车单车均价约23万元。", "约23万元", "价格"),
        ("Claude Code年化营收达到5亿美元。", "5亿美元", "ARR"),
        ("每股派息0.9港元。", "0.9港元", "股息"),
        ("每股收益2.5美元。", "2.5美元", "每股收益"),
        ("截至6月30日，公司现金储备约为800亿元。", "约为800亿元", "现金储备"),
        ("智谱完成新一轮融资，金额超过10亿元。", "超过10亿元", "融资"),
        ("美团第二季度经营利润为2.26亿元。", "2.26亿元", "经营利润"),
    ],
)
def test_metric_words(text: str, surface: str, metric: str) -> None:
    assert one(text, surface).metric == metric


def test_a_count_does_not_take_a_money_metric() -> None:
    text = "小米智能电动汽车及AI等创新业务收入达213亿元，新增门店超过300座。"
    assert one(text, "超过300座").metric != "AI收入"
    assert one("苹果计划新增2万名员工，投资5000亿美元。", "5000亿美元").metric == "投资"


def test_a_count_does_not_take_the_metric_of_an_earlier_clause() -> None:
    text = "研发人员占比超过60%，拥有专利2.3万件。"
    assert one(text, "2.3万件").metric is None


def test_a_count_of_the_same_unit_keeps_the_metric() -> None:
    text = "比亚迪去年同期的销量为100万辆，今年上半年增至215万辆。"
    assert one(text, "215万辆").metric == "销量"


# -- change -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "change"),
    [
        ("台積電9月營收3310億新台幣，年增31.4%。", "31.4%", "yoy"),
        ("營收季增12%。", "12%", "qoq"),
        ("份额约为37.9%，比去年提升1.1个百分点。", "1.1个百分点", "yoy"),
        ("中芯国际预计第四季度收入环比持平到增长2%。", "2%", "qoq"),
        ("比亚迪去年同期的销量为100万辆。", "100万辆", None),
        ("小米全年增长35%。", "35%", None),
        ("2024年增长20%。", "20%", None),
    ],
)
def test_change_markers(text: str, surface: str, change: str | None) -> None:
    assert one(text, surface).change == change


# -- period -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        ("宁德时代前三季度营业收入2830.72亿元。", "2830.72亿元", "2025Q1-Q3"),
        ("台積電前三季累計營收2.76萬億新台幣。", "2.76萬億新台幣", "2025Q1-Q3"),
        ("比亚迪今年1-9月累计销量超过320万辆。", "超过320万辆", "2025Q1-Q3"),
        ("2024年1-6月，京东营收5800亿元。", "5800亿元", "2024H1"),
        ("2025年Q1-Q3营收9500亿元。", "9500亿元", "2025Q1-Q3"),
        ("今年前10个月，理想汽车累计交付32万辆。", "32万辆", "2025-01/10"),
        ("3-5月交付12万辆。", "12万辆", "2025-03/05"),
        ("台积电H1营收约为1.77万亿新台币。", "约为1.77万亿新台币", "2025H1"),
        ("苹果第四财季营收为1025亿美元。", "1025亿美元", "FY2025Q4"),
        ("小米2025年第三季度营收1131亿元。公司全年交付目标为35万辆。", "35万辆", "2025"),
    ],
)
def test_periods(text: str, surface: str, period: str) -> None:
    assert one(text, surface).period == period


def test_comparison_bases_are_not_periods() -> None:
    text = "宁德时代的份额约为37.9%，比去年提升1.1个百分点。"
    assert one(text, "1.1个百分点").period is None
    text = "携程本季度营收同比增长16%，出境游订单恢复至2019年同期的120%以上。"
    assert one(text, "120%以上").period == "2025Q4"


def test_a_span_without_a_period_still_has_none() -> None:
    assert one("近7年累计砸下3403亿元。", "3403亿元").period is None


def test_a_paragraph_opening_with_qizhong_continues_the_previous_one() -> None:
    text = "特斯拉第三季度营收281亿美元。\n\n其中，汽车业务收入约212亿美元。"
    assert one(text, "约212亿美元").period == "2025Q3"
    text = "## 展望\n\n其中，汽车业务收入约212亿美元。"
    assert one(text, "约212亿美元").period is None


def test_a_fiscal_year_does_not_make_the_next_paragraphs_quarters_fiscal() -> None:
    text = (
        "微软2026财年第一季度营收777亿美元，本财季资本开支为349亿美元。\n\n"
        "Meta第三季度营收512.4亿美元，同比增长26%。"
    )
    assert one(text, "349亿美元").period == "FY2026Q1"
    assert one(text, "512.4亿美元").period == "2025Q3"


def test_a_fiscal_quarter_in_the_same_paragraph_stays_fiscal() -> None:
    text = "阿里巴巴2026财年第一季度营收2477亿元，第二季度营收2478亿元。"
    assert one(text, "2478亿元").period == "FY2026Q2"


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("OpenAI年化收入突破130亿美元。", "突破130亿美元", "ARR"),
        ("ChatGPT周活跃用户超过8亿。", "超过8亿", "周活"),
        ("美团同期经营亏损141亿元。", "141亿元", "经营亏损"),
        ("Kimi的API调用量增长了5倍。", "5倍", "调用量"),
    ],
)
def test_more_metric_words(text: str, surface: str, metric: str) -> None:
    assert one(text, surface).metric == metric


@pytest.mark.parametrize(
    ("text", "surface", "company"),
    [
        ("特斯拉第三季度交付约49.7万辆汽车，其中Model Y交付48.1万辆。", "48.1万辆", "特斯拉"),
        ("拼多多旗下Temu月活用户已逾4亿。", "逾4亿", "拼多多"),
        ("美团外卖日均订单量最高达到9800万单。", "9800万单", "美团"),
        ("月之暗面旗下Kimi月活跃用户一度超过3600万。", "超过3600万", "月之暗面"),
        ("MiniMax去年营收约7000万美元，海螺AI日活突破百万。", "突破百万", "MiniMax"),
        ("苹果2025财年营收4160亿美元，其中iPhone收入约2090亿美元。", "约2090亿美元", "苹果"),
        ("淘宝闪购日订单量突破8000万单。", "突破8000万单", "阿里巴巴"),
        ("微信及WeChat的合并月活跃账户数达14.1亿。", "14.1亿", "腾讯"),
        ("抖音电商GMV超过3.5万亿元。", "超过3.5万亿元", "字节跳动"),
    ],
)
def test_products_resolve_to_their_owner(text: str, surface: str, company: str) -> None:
    assert one(text, surface).company == company


def test_the_company_carries_over_sentences_and_the_nearest_one_wins() -> None:
    text = (
        "比亞迪第三季度新能源汽車銷量達111.4萬輛，同比增長38%，再次超過特斯拉。"
        "相比之下，特斯拉同期交付49.7萬輛。\n\n"
        "在海外市場，比亞迪前三季度累計出口超過70萬輛。該公司預計全年銷量將突破500萬輛。"
    )
    assert one(text, "38%").company == "比亚迪"
    assert fields(one(text, "49.7萬輛"), "company", "period") == ("特斯拉", "2025Q3")
    assert fields(one(text, "超過70萬輛"), "company", "period") == ("比亚迪", "2025Q1-Q3")
    assert fields(one(text, "突破500萬輛"), "company", "approx") == ("比亚迪", ">")


def test_an_undated_restatement_takes_the_period_of_the_dated_figure() -> None:
    text = (
        "2024年，京东研发投入达到170.3亿元。\n\n"
        "170億的研發不是終點，而是起點。京东的研发投入还将继续增长。"
    )
    assert one(text, "170億").period == "2024"


def test_an_undated_figure_with_two_dated_matches_stays_undated() -> None:
    text = "2023年，京东研发投入170亿元。2024年，京东研发投入170亿元。\n\n京东研发投入170亿元。"
    assert [f.period for f in figures(text)] == ["2023", "2024", None]


def test_small_numbers_are_not_dated_by_repetition() -> None:
    text = "2024年，京东营收增长20%。\n\n京东营收增长20%。"
    assert [f.period for f in figures(text)] == ["2024", None]


@pytest.mark.parametrize(
    ("text", "surface", "value", "approx"),
    [
        ("宁德时代市占率近7成。", "近7成", 70, "~"),
        ("出货量超5成来自海外。", "超5成", 50, ">"),
        ("三成来自储能。", "三成", 30, None),
        ("约2.5成的用户。", "约2.5成", 25, "~"),
    ],
)
def test_tenths_in_arabic_and_chinese_digits(
    text: str, surface: str, value: float, approx: str | None
) -> None:
    figure = one(text, surface)
    assert fields(figure, "kind", "value", "approx") == ("percent", value, approx)


@pytest.mark.parametrize("text", ["公司三成员出席。", "一成不变。", "两成本项目。", "五成功案例"])
def test_cheng_inside_a_word_is_not_tenths(text: str) -> None:
    assert texts(text) == []


def test_a_company_reporting_its_own_news_is_the_subject() -> None:
    text = "据特斯拉透露，其上海超级工厂年产能超过95万辆。"
    assert fields(one(text, "超过95万辆"), "company", "metric") == ("特斯拉", "产能")
    text = "据IDC数据，小米出货4330万部。与苹果相比，华为出货量为3300万部。"
    assert one(text, "4330万部").company == "小米"


def test_a_process_node_before_capacity_is_a_name() -> None:
    assert texts("台积电2nm产能预计2026年达到每月10万片。") == ["10万片"]


def test_hong_kong_and_taiwan_wording() -> None:
    text = "騰訊控股第三季度收入按年增長15%至1,928.7億元人民幣，按季上升5%。"
    assert fields(one(text, "15%"), "change", "period") == ("yoy", "2025Q3")
    assert one(text, "5%").change == "qoq"
    text = "三星電子第三季營業利益12.1兆韓元，較去年同期增加32.5%。"
    figure = one(text, "12.1兆韓元")
    assert fields(figure, "value", "unit", "metric", "period") == (
        12.1e12,
        "KRW",
        "经营利润",
        "2025Q3",
    )
    text = "台積電宣布每股派發現金股利5元新台幣，資本預算約150億美元。"
    assert fields(one(text, "5元新台幣"), "unit", "metric") == ("TWD", "股息")
    assert one(text, "約150億美元").metric == "资本开支"


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        # 阿里巴巴's fiscal year ends on 31 March: July to September 2025 is FY2026Q2
        ("阿里巴巴截至2025年9月30日止季度收入為2,478億元。", "2,478億元", "FY2026Q2"),
        ("截至2025年6月30日止六个月，收入为5000亿元。", "5000亿元", "2025H1"),
        ("截至2025年3月31日止年度，阿里巴巴收入9963亿元。", "9963亿元", "FY2025"),
        ("截至2024年12月31日止年度，腾讯收入6603亿元。", "6603亿元", "2024"),
    ],
)
def test_periods_ending_on_a_date(text: str, surface: str, period: str) -> None:
    assert one(text, surface).period == period


def test_last_years_same_period_as_the_topic() -> None:
    text = "美團第三季度經營虧損為141億元，去年同期則錄得經營溢利128億元。"
    figure = one(text, "128億元")
    assert fields(figure, "period", "change", "metric") == ("2024Q3", None, "经营利润")
    text = "美团第三季度营收955亿元，较去年同期增长2%。"
    assert fields(one(text, "2%"), "period", "change") == ("2025Q3", "yoy")


def test_a_base_with_de_is_the_period_of_the_figure_after_it() -> None:
    text = "目前有35%的结果由AI生成，远高于年初的22%。员工较年初减少3000人。"
    assert one(text, "22%").period == "2025"
    assert one(text, "3000人").period is None


def test_price_earnings_ratio_and_diluted_earnings_per_share() -> None:
    assert one("小米市值约1.1萬億港元，市盈率约30倍。", "约30倍").metric == "市盈率"
    assert one("每股攤薄收益1.85美元。", "1.85美元").metric == "每股收益"


def test_table_cells_take_their_column_header() -> None:
    text = (
        "三季度业绩如下。\n\n"
        "| 公司 | 营收 | 同比 | 净利润 |\n"
        "|---|---|---|---|\n"
        "| 小米 | 1131亿元 | 22.3% | 113亿元 |\n"
        "| 美团 | 955亿元 | 2% | -186亿元 |"
    )
    assert fields(one(text, "1131亿元"), "metric", "company") == ("营收", "小米")
    assert fields(one(text, "22.3%"), "change", "company", "metric") == ("yoy", "小米", "营收")
    assert fields(one(text, "-186亿元"), "metric", "company", "value") == (
        "净利润",
        "美团",
        -186e8,
    )


def test_a_pipe_line_without_a_separator_is_not_a_table() -> None:
    text = "| 公司 | 同比 |\n| 小米 | 22.3% |"
    assert one(text, "22.3%").change is None
    assert one("| 公司 | 同比 |\n|---|---|\n| 小米 | 22.3% |", "22.3%").change == "yoy"


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("售价$999。", "$999", 999, "USD"),
        ("约合￥7200。", "约合￥7200", 7200, "CNY"),
        ("港股报HK$42.5。", "HK$42.5", 42.5, "HKD"),
        ("融资US$5亿。", "US$5亿", 5e8, "USD"),
        ("募资RMB 100亿。", "RMB 100亿", 1e10, "CNY"),
    ],
)
def test_currency_signs_before_the_number(text: str, surface: str, value: float, unit: str) -> None:
    figure = one(text, surface)
    assert fields(figure, "kind", "value", "unit") == ("money", value, unit)


def test_a_unicode_minus_is_a_sign() -> None:
    assert one("净利润同比−5%。", "−5%").value == -5


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [("小米占据三分之一的市场份额。", "三分之一", 100 / 3), ("苹果约占四分之一。", "四分之一", 25)],
)
def test_fractions_are_shares(text: str, surface: str, value: float) -> None:
    figure = one(text, surface)
    assert figure.kind == "percent"
    assert figure.value == pytest.approx(value)


def test_compound_amounts_and_chinese_currency_before_the_number() -> None:
    text = "累計營收約為新台幣3兆1,000億元，10月營收新台幣3,674.7億元。"
    figure = one(text, "約為新台幣3兆1,000億元")
    assert fields(figure, "value", "unit", "approx") == (3.1e12, "TWD", "~")
    assert fields(one(text, "新台幣3,674.7億元"), "value", "unit") == (3.6747e11, "TWD")
    assert one("营收人民币1131亿元。", "人民币1131亿元").unit == "CNY"
    assert one("收入1亿2000万元。", "1亿2000万元").value == 1.2e8


def test_an_as_of_date_does_not_carry_to_the_next_sentence() -> None:
    text = "截至9月30日，美團持有現金約707億元。董事會批准了不超過10億美元的回購計劃。"
    assert one(text, "約707億元").period == "2025-09"
    assert one(text, "不超過10億美元").period is None


def test_a_plan_does_not_take_last_years_period() -> None:
    text = "MiniMax去年营收约7000万美元。公司计划在香港上市，拟募资约40亿港元。"
    assert one(text, "约7000万美元").period == "2024"
    assert one(text, "约40亿港元").period is None


def test_last_years_full_year_is_a_comparison_base() -> None:
    text = "OpenAI今年上半年收入约43亿美元，比去年全年还多16%，但同期烧掉了约25亿美元。"
    assert one(text, "16%").period == "2025H1"
    assert one(text, "约25亿美元").period == "2025H1"


def test_a_single_other_companys_period_does_not_carry() -> None:
    text = "MiniMax去年营收约7000万美元。百川智能的员工人数则降至不足300人。"
    assert one(text, "不足300人").period is None
    text = "美图今年以来的涨幅达到127.42%，阿里和快手涨幅均超过40%。腾讯涨幅也达到24.58%。"
    assert one(text, "24.58%").period == "2025"


def test_an_earnings_headline_dates_its_companys_undated_figures() -> None:
    body = "小米公布业绩，总收入1131亿元。\n\nIoT与生活消费产品收入276亿元。"
    found = figures_from_text(body, DATE, "小米三季度营收1131亿元")
    assert [f.period for f in found] == ["2025Q3", "2025Q3"]
    found = figures_from_text(body, DATE, "小米的AI野心")
    assert [f.period for f in found] == [None, None]
    found = figures_from_text("美团营收955亿元。", DATE, "小米三季度营收1131亿元")
    assert [f.period for f in found] == [None]


def test_a_market_share_keeps_the_company() -> None:
    text = "小米智能手机出货量为4330万部，全球市场份额约为13.5%。"
    assert one(text, "约为13.5%").company == "小米"
    text = "小米出货4330万部。行业整体出货量3.2亿部。"
    assert one(text, "3.2亿部").company is None


def test_a_collective_subject_gives_no_company() -> None:
    text = "华为的营收为8621亿元，小米为3659亿元，两者相差近5000亿元。"
    assert one(text, "3659亿元").company == "小米"
    assert one(text, "近5000亿元").company is None


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("比亚迪以384万辆的年销量成为全球第一。", "384万辆", "销量"),
        ("微软对OpenAI累计投资超过130亿美元，持股约27%。", "约27%", "持股比例"),
    ],
)
def test_metric_right_after_with_de(text: str, surface: str, metric: str) -> None:
    assert one(text, surface).metric == metric


def test_a_word_holding_a_trigger_is_not_one() -> None:
    text = "豆包大模型日均tokens使用量超过30万亿。"
    assert one(text, "超过30万亿").metric == "调用量"
    assert one("豆包大模型的价格降至0.8元。", "0.8元").metric == "价格"


def test_half_a_year_of_growth_is_not_the_taiwanese_yoy_marker() -> None:
    assert one("模型调用量半年增长了10倍。", "10倍").change is None
    assert one("營收年增31.4%。", "31.4%").change == "yoy"


def test_customers_are_counted() -> None:
    assert one("付费客户超过30万家。", "超过30万家").metric == "客户数"


def test_model_years_are_names() -> None:
    assert texts("2025款Model Y售价26.35万元，2024款降价1万元。") == ["26.35万元", "1万元"]
    assert texts("腾讯旗下有3款产品。") == ["3款"]


def test_a_named_years_same_period_as_the_topic() -> None:
    text = "公司Q3营收达到50亿元。2023年同期营收为40亿元。"
    assert one(text, "40亿元").period == "2023Q3"
    text = "公司Q3营收达到50亿元，远超2023年同期的40亿元。"
    assert one(text, "40亿元").period == "2023Q3"
    text = "公司Q3营收达到50亿元，恢复至2023年同期的120%。"
    assert one(text, "120%").period == "2025Q3"


def test_former_and_latter_pick_from_the_last_list() -> None:
    text = "阿里和腾讯本季度的资本开支分别为386亿元和130亿元。前者同比增长80%，后者同比下降24%。"
    assert one(text, "386亿元").company == "阿里巴巴"
    assert one(text, "80%").company == "阿里巴巴"
    assert one(text, "24%").company == "腾讯"


def test_former_and_latter_after_a_single_company_are_not_the_list() -> None:
    text = "阿里和腾讯都在投入。腾讯推出了IMA和元宝，后者月活用户规模稳定在2480万上下。"
    assert one(text, "2480万上下").company == "腾讯"


def test_a_list_of_car_makers_distributes_with_fenbie() -> None:
    text = "蔚来、小鹏和理想9月交付量分别为34749辆、41581辆和33951辆。"
    assert [f.company for f in figures(text)] == ["蔚来", "小鹏汽车", "理想汽车"]


def test_a_multiple_of_a_base_period_is_of_the_current_one() -> None:
    text = "前三季度海外销量超过70万辆，约为去年全年的1.7倍。"
    assert one(text, "1.7倍").period == "2025Q1-Q3"
    text = "前三季度，比亚迪研发费用达到437.5亿元，超过同期净利润的1.8倍。"
    assert one(text, "437.5亿元").period == "2025Q1-Q3"


def test_an_exchange_rate_is_nobodys_and_keeps_the_subject() -> None:
    text = "聯發科預估第四季營收介於1,426億元至1,523億元之間，以匯率1美元兌30.6元新台幣計算，季增0%至7%。"
    assert one(text, "30.6元新台幣").company is None
    assert fields(one(text, "0%至7%"), "company", "change") == ("联发科", "qoq")


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        ("3Q25营收为50亿元。", "50亿元", "2025Q3"),
        ("25Q3营收为50亿元。", "50亿元", "2025Q3"),
        ("公司第三季度营收50亿元，预计下季度营收55亿元。", "55亿元", "2025Q4"),
        ("第四季度营收50亿元，下一季度营收55亿元。", "55亿元", "2026Q1"),
    ],
)
def test_short_quarter_forms_and_next_quarter(text: str, surface: str, period: str) -> None:
    assert one(text, surface).period == period


@pytest.mark.parametrize(
    ("text", "surface", "value", "value_max", "unit"),
    [
        ("三星存储芯片业务营收达到数十亿美元。", "数十亿美元", 2e9, 9e9, "USD"),
        ("覆盖几百家门店。", "几百家", 200, 900, "家"),
        ("员工数万名。", "数万名", 2e4, 9e4, "名"),
        ("拥有数百万用户。", "数百万用户", 2e6, 9e6, "用户"),
    ],
)
def test_several_of_a_magnitude_is_a_range(
    text: str, surface: str, value: float, value_max: float, unit: str
) -> None:
    assert fields(one(text, surface), "value", "value_max", "unit") == (value, value_max, unit)


def test_several_without_an_amount_is_not_a_figure() -> None:
    assert texts("低两位数百分比，数十年来，几个月，烧了数倍的获客费用。") == ["低两位数"]


def test_random_fragments_never_break_the_offsets() -> None:
    import random

    rng = random.Random(7)
    alphabet = (
        "0123456789亿万元美元%至-~，。、年月日第季度前三成倍同比环比去年H1Q3截至止的前者小米|\n "
    )
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 50)))
        for figure in figures_from_text(text, rng.choice([None, DATE]), "小米三季度"):
            assert text[figure.start : figure.end] == figure.text


def test_this_quarter_is_the_headlines_quarter() -> None:
    body = "哔哩哔哩本季度广告收入同比增长20%。"
    (figure,) = figures_from_text(body, DATE, "B站三季度广告收入增长20%")
    assert figure.period == "2025Q3"
    (figure,) = figures_from_text(body, DATE, "B站的广告生意")
    assert figure.period == "2025Q4"  # no headline quarter: the article date's quarter


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025年1月至9月，销量326万辆。", "2025Q1-Q3"),
        ("1月-9月销量326万辆。", "2025Q1-Q3"),
        ("今年1~6月销量200万辆。", "2025H1"),
        ("3月1日至3月5日销量1万辆。", None),
    ],
)
def test_month_stretches_with_the_month_on_both_ends(text: str, period: str | None) -> None:
    (figure,) = figures(text)
    assert figure.period == period


@pytest.mark.parametrize(
    ("text", "surface", "change"),
    [
        ("營收年成長20%，季衰退3%。", "20%", "yoy"),
        ("營收年成長20%，季衰退3%。", "3%", "qoq"),
        ("台積電第三季增長20%。", "20%", None),
        ("9月增长5%。", "5%", None),
        ("营收月增5%。", "5%", "qoq"),
        ("營收去年同期成長20%。", "20%", "yoy"),
    ],
)
def test_taiwanese_growth_words(text: str, surface: str, change: str | None) -> None:
    assert one(text, surface).change == change


def test_a_taiwanese_decline_then_level_is_two_figures() -> None:
    assert texts("聯發科營收衰退5億元至100億元。") == ["5億元", "100億元"]


@pytest.mark.parametrize("text", ["估值100亿美元出头", "员工3000人开外", "营收10亿元有余"])
def test_approx_suffixes_above(text: str) -> None:
    figure = one(text + "。", text[2:])
    assert figure.approx == ">"


def test_zhao_before_a_unit_is_mega_not_a_magnitude() -> None:
    assert texts("主频5兆赫，内存512兆字节。") == []
    assert one("装机50兆瓦。", "50兆瓦").unit == "兆瓦"
    assert one("交易金额约22亿欧元。", "约22亿欧元").unit == "EUR"


# Second round: 网易, 哔哩哔哩, 中芯國際, 聯想 (Hong Kong style), 快手, 腾讯音乐.


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("每股基本盈利為2.74美仙。", "2.74美仙", 0.0274, "USD"),
        ("董事會宣派中期股息每股8.0港仙。", "8.0港仙", 0.08, "HKD"),
        ("每股派息12美分。", "12美分", 0.12, "USD"),
    ],
)
def test_cents_are_a_hundredth_of_their_currency(
    text: str, surface: str, value: float, unit: str
) -> None:
    figure = one(text, surface)
    assert figure.kind == "money"
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit


def test_a_split_fiscal_year_is_the_year_it_ends() -> None:
    text = "聯想集團公佈2025/26財年第二季度業績。集團收入達205億美元，按年增長15%。"
    assert one(text, "205億美元").period == "FY2026Q2"
    assert one(text, "15%").period == "FY2026Q2"


def test_the_previous_quarter_as_topic_is_the_quarter_before() -> None:
    text = "中芯國際第三季度產能利用率為95.8%，上季度為92.5%。"
    assert one(text, "95.8%").period == "2025Q3"
    assert one(text, "92.5%").period == "2025Q2"


def test_a_comparison_with_the_previous_quarter_is_the_current_one() -> None:
    text = "第三季度毛利率為22.0%，較上季度上升1.5個百分點。"
    assert one(text, "1.5個百分點").period == "2025Q3"


def test_a_guidance_quarter_is_not_what_this_quarter_means() -> None:
    text = (
        "中芯國際第三季度銷售收入為23.8億美元。管理層預計第四季度收入環比增長2%。"
        "本季度每股基本盈利為0.04美元。"
    )
    assert one(text, "2%").period == "2025Q4"
    assert one(text, "0.04美元").period == "2025Q3"


def test_a_month_after_since_is_the_start_of_a_stretch() -> None:
    text = (
        "快手第三季度可灵AI收入超过3亿元。可灵AI自2024年6月上线以来，用户规模已突破4500万。"
        "线上营销服务收入为201亿元。腾讯音乐同日公布第三季度业绩，总收入为84.6亿元。"
    )
    assert one(text, "突破4500万").period is None
    assert one(text, "201亿元").period == "2025Q3"
    assert one(text, "84.6亿元").period == "2025Q3"


def test_yun_yinyue_is_music_not_cloud_revenue() -> None:
    assert one("网易云音乐净收入为20亿元。", "20亿元").metric == "营收"
    assert one("阿里云收入为398亿元。", "398亿元").metric == "云收入"


def test_respectively_after_listed_metrics() -> None:
    text = "广告收入和游戏收入分别为25.7亿元、15.1亿元。"
    assert [f.metric for f in figures(text)] == ["广告收入", "游戏收入"]


def test_respectively_after_metrics_of_earlier_clauses() -> None:
    text = "日均活跃用户达1.17亿，月均活跃用户达3.76亿，同比分别增长9%、8%。"
    assert [f.metric for f in figures(text)] == ["日活", "MAU", "日活", "MAU"]


def test_hong_kong_profit_words() -> None:
    assert one("股東應佔溢利為3.4億美元。", "3.4億美元").metric == "净利润"
    assert one("每股美国存托股净利润为13.58元。", "13.58元").metric == "每股收益"


def test_a_dividend_named_right_after_its_amount() -> None:
    text = "董事会宣布派发每股美国存托股0.57美元的季度股息。"
    assert one(text, "0.57美元").metric == "股息"
