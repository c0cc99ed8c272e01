"""Figure extraction on articles written for these tests (tests/gold/unseen).

Seven short earnings articles outside the seeds' companies, in both scripts
(小米, 美團, AI start-ups, 台積電, 比亚迪, 聯發科, 京東), each with a hand-checked list of
its figures.
They guard the rules against the seeds' wording: the lists were written from the
articles, then the extractor was compared with them.
"""

from __future__ import annotations

from pathlib import Path

from tui.cli.figures_quality import Score, load_gold, measure

UNSEEN = Path(__file__).resolve().parent / "gold" / "unseen"


def test_the_unseen_articles_have_gold_lists() -> None:
    gold = load_gold(UNSEEN)
    assert len(gold) == 7
    for name, data in gold.items():
        assert (UNSEEN / name).is_file()
        assert len(data["figures"]) >= 10


def test_goals_on_the_unseen_articles() -> None:
    total = Score()
    for score in measure(UNSEEN, UNSEEN).values():
        total.add(score)
    assert total.precision == 1.0, total.problems
    assert total.recall >= 0.95, total.problems
    assert total.company_accuracy >= 0.95, total.problems
    assert total.period_accuracy >= 0.9, total.problems
