"""Figure extraction on the five seeds against the hand-checked lists in tests/gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli.figures_quality import Score, format_report, load_gold, measure, score_seed
from tui.text.models import Figure

GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def scores(request: pytest.FixtureRequest) -> dict[str, Score]:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    return measure(GOLD, seeds)


def _total(scores: dict[str, Score]) -> Score:
    total = Score()
    for score in scores.values():
        total.add(score)
    return total


def test_every_seed_has_a_gold_list() -> None:
    gold = load_gold(GOLD)
    assert len(gold) == 5
    assert all(data["figures"] for data in gold.values())


def test_goals_on_the_seeds(scores: dict[str, Score]) -> None:
    # The README states recall 1.000, company 0.989, period 0.967: the floors are those
    # minus a small tolerance, so that a regression of two or three figures fails.
    total = _total(scores)
    assert total.recall >= 0.99, total.problems
    assert total.precision == 1.0, total.problems  # no false figures
    assert total.value_accuracy == 1.0, total.problems
    assert total.company_accuracy >= 0.975, total.problems
    assert total.period_accuracy >= 0.95, total.problems


def test_each_seed_finds_nearly_all_its_figures(scores: dict[str, Score]) -> None:
    for seed, score in scores.items():
        assert score.recall >= 0.95, (seed, score.problems)
        assert score.period_accuracy >= 0.9, (seed, score.problems)


def test_report_lists_every_seed_and_overall(scores: dict[str, Score]) -> None:
    report = format_report(scores)
    assert "overall" in report
    assert all(seed in report for seed in scores)


def _figure(text: str, value: float, company: str | None = None) -> Figure:
    return Figure(text=text, start=0, end=len(text), kind="money", value=value, company=company)


def test_scoring_pairs_by_text_and_order() -> None:
    gold = [
        {"text": "5 亿元", "kind": "money", "value": 5e8, "company": "腾讯", "period": None},
        {"text": "3亿元", "kind": "money", "value": 3e8, "company": None, "period": None},
    ]
    figures = [_figure("5亿元", 5e8, "百度"), _figure("9亿元", 9e8)]
    score = score_seed("x", figures, gold)
    assert (score.paired, score.correct) == (1, 1)
    assert score.precision == 0.5  # 9亿元 is a false figure
    assert score.recall == 0.5  # 3亿元 is missed
    assert score.company_accuracy == 0.0
    assert any("false figure '9亿元'" in p for p in score.problems)
