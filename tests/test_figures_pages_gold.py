"""Figure extraction on articles written after real earnings pages (tests/gold/pages).

Twenty-five short articles in both scripts, each reproducing what real coverage of
腾讯, 阿里巴巴, 小米, 比亚迪, 快手, 联想, 英伟达, 网易, 哔哩哔哩, 美团, 小鹏汽车, 百度,
苹果, 微软, 台积电, 京东, 携程 and 腾讯音乐 does to a figure's period and metric: no article date,
fiscal years (a calendar company's 2025财年第三季度, 阿里巴巴's 截至9月30日止季度,
20/21财年, 本财年前6个月), 首三季 and 期内 (Hong Kong), 去年同期 and 较去年同期的…,
guidance quarters, research-note shorthand (25Q3, 25年第三季度, 2025-2027年), and a
metric named before a cause (毛利率受…成本下降带动). Each article sits next to its
hand-checked list; the lists of p12 to p25 were written before the extractor was run
on them. The floors are the measured figures minus at most 0.02.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli.figures_quality import Score, fixture_sets, load_gold, measure, total

PAGES = Path(__file__).resolve().parent / "gold" / "pages"


@pytest.fixture(scope="module")
def score() -> Score:
    return total(measure(PAGES, PAGES))


def test_every_article_has_a_gold_list() -> None:
    gold = load_gold(PAGES)
    assert len(gold) == 25
    for name, data in gold.items():
        assert (PAGES / name).is_file()
        assert len(data["figures"]) >= 6
    assert sum(len(data["figures"]) for data in gold.values()) >= 250


def test_goals_on_the_page_articles(score: Score) -> None:
    assert score.precision == 1.0, score.problems
    assert score.recall >= 0.99, score.problems
    assert score.value_accuracy >= 0.99, score.problems
    assert score.company_accuracy >= 0.98, score.problems
    assert score.period_accuracy >= 0.98, score.problems


def test_metrics_on_the_page_articles(score: Score) -> None:
    assert score.metric_checked >= 200
    assert score.metric_accuracy >= 0.98, score.problems


def test_the_sets_report_names_every_set() -> None:
    assert set(fixture_sets()) == {"seeds", "unseen", "pages"}
