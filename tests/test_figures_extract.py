"""extract_figures end to end on small articles of our own (both scripts)."""

from __future__ import annotations

from tui.figures.extract import extract_figures, figures_from_text
from tui.text.models import Article, Figure


def by_text(figures: list[Figure]) -> dict[str, Figure]:
    return {f.text: f for f in figures}


def test_offsets_point_at_the_surface_in_the_original_script() -> None:
    body = "騰訊2024年資本開支突破767億元（同比激增221%）。\n\n淨利潤1940.73億元。"
    figures = figures_from_text(body, "2025-03-20")
    assert [f.text for f in figures] == ["突破767億元", "221%", "1940.73億元"]
    for figure in figures:
        assert body[figure.start : figure.end] == figure.text


def test_extract_figures_reads_the_article_fields() -> None:
    article = Article(
        id="x",
        source_path="x.md",
        title="小米财报",
        body="2025年第一季度，小米总收入达1112.9亿元，同比增长47.4%。",
        date="2025-05-27",
    )
    revenue, growth = extract_figures(article)
    assert (revenue.kind, revenue.value, revenue.unit) == ("money", 111_290_000_000, "CNY")
    assert (revenue.company, revenue.period, revenue.metric) == ("小米", "2025Q1", "营收")
    assert (growth.kind, growth.value, growth.change) == ("percent", 47.4, "yoy")


def test_nearest_company_in_the_clause_wins() -> None:
    text = "百度智能云营收同比增长42%，增速超越了谷歌 GCP（30%）、微软智能云（21%）。"
    figures = by_text(figures_from_text(text))
    assert figures["42%"].company == "百度"
    assert figures["30%"].company == "谷歌"
    assert figures["21%"].company == "微软"


def test_subject_carries_over_clauses_and_sentences() -> None:
    text = (
        "美国一家名为AppLovin的公司的崛起，便是最好证明。"
        "它通过AI技术找到玩家，其年利润超过40亿美元，股价暴涨近50倍。"
    )
    figures = by_text(figures_from_text(text))
    assert figures["超过40亿美元"].company == "AppLovin"
    assert figures["近50倍"].company == "AppLovin"


def test_product_resolves_to_its_owner() -> None:
    figures = figures_from_text("元宝在今年一季度投放约14亿元。", "2025-06-01")
    assert figures[0].company == "腾讯"


def test_collective_subject_gives_no_company_unless_respectively() -> None:
    text = "腾讯、阿里、百度的研发投入均维持在百亿级以上，腾讯、阿里分别达到 189 亿、149 亿。"
    figures = by_text(figures_from_text(text))
    assert figures["百亿级以上"].company is None
    assert figures["189 亿"].company == "腾讯"
    assert figures["149 亿"].company == "阿里巴巴"
    assert figures["149 亿"].kind == "money"


def test_respectively_hands_out_metrics_of_the_previous_clause() -> None:
    text = "美图全年总营收 33 亿、经调整净利润 6 亿，同比分别增长 23.9%、59.2%。"
    figures = by_text(figures_from_text(text))
    assert figures["23.9%"].metric == "营收"
    assert figures["59.2%"].metric == "经调整净利润"


def test_generic_subject_clears_the_company() -> None:
    text = "腾讯短视频的广告加载率仅为3-6%，而行业同行的平均线则在13-16%之间。"
    figures = by_text(figures_from_text(text))
    assert figures["仅为3-6%"].company == "腾讯"
    assert figures["13-16%"].company is None


def test_pronoun_reaches_back_across_a_paragraph() -> None:
    text = (
        "科大讯飞围绕星火大模型布局，赋能多个行业。\n\n2025 年 Q1 其总营收 47 亿，同比增长 27.7%。"
    )
    figures = by_text(figures_from_text(text))
    assert figures["47 亿"].company == "科大讯飞"
    assert figures["27.7%"].company == "科大讯飞"


def test_comparison_base_is_not_the_company() -> None:
    text = "去年先是 DeepSeek V2 大幅降价，API 价格仅为 GPT-4 Turbo 的近百分之一。"
    figure = figures_from_text(text, "2025-06-01")[0]
    assert (figure.text, figure.company, figure.period) == ("近百分之一", "DeepSeek", "2024")


def test_adverbial_phrase_does_not_change_the_subject() -> None:
    text = "Meta披露了一组数据：在一个由16384个英伟达H100构成的集群上，GPU的故障率是CPU的120倍。"
    figures = by_text(figures_from_text(text))
    assert figures["16384个"].company == "Meta"
    assert figures["120倍"].company == "Meta"


def test_empty_body_has_no_figures() -> None:
    assert figures_from_text("") == []
    assert figures_from_text("没有任何数字的一段话。") == []
