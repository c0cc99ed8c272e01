"""What lookup words mean (tui.figures.query) and the library-wide lookup over the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.figures.query import (
    COMPANY,
    METRIC,
    PERIOD,
    TEXT,
    FigureFacts,
    matches,
    parse_query,
    period_matches,
    period_sort_key,
    read_word,
)
from tui.store.library import Library
from tui.store.lookup import BY_PERIOD, BY_VALUE, FigureSource, sort_hits

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TODAY = "2026-03-01"


@pytest.mark.parametrize(
    ("word", "kind", "detail"),
    [
        ("阿里", COMPANY, "阿里巴巴"),
        ("Alibaba", COMPANY, "阿里巴巴"),
        ("騰訊", COMPANY, "腾讯"),
        ("微信", COMPANY, "腾讯"),
        ("2025Q1", PERIOD, "2025Q1"),
        ("2025年一季度", PERIOD, "2025Q1"),
        ("去年", PERIOD, "2025"),
        ("去年四季度", PERIOD, "2025Q4"),
        ("2024", PERIOD, "2024"),
        ("2024年上半年", PERIOD, "2024H1"),
        ("資本開支", METRIC, "资本开支"),
        ("营业收入", METRIC, "营收"),
        ("767", TEXT, ""),
        ("天花板", TEXT, ""),
    ],
)
def test_each_word_is_read_as_the_most_specific_thing(word: str, kind: str, detail: str) -> None:
    term = read_word(word, TODAY)
    assert term.kind == kind
    if kind == COMPANY:
        assert term.company == detail
    elif kind == PERIOD:
        assert term.period == detail
    elif kind == METRIC:
        assert detail in term.metrics


def test_a_year_matches_its_parts_and_a_quarter_only_itself() -> None:
    assert period_matches("2025", True, "2025Q1")
    assert period_matches("2025", True, "2025-03")
    assert not period_matches("2025", True, "20251")
    assert not period_matches("2025Q1", False, "2025")
    assert not period_matches("2025", True, None)


ROW = FigureFacts.of(
    "突破767億元", "资本开支", "腾讯", "2024", "巨額斥資研發，騰訊如何砸穿AI天花板"
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("腾讯 资本开支", True),
        ("Tencent 2024", True),
        ("騰訊 2024年", True),
        ("767億", True),
        ("767亿 天花板", True),
        ("去年", False),  # 2025 from TODAY
        ("阿里 资本开支", False),
        ("腾讯 营收", False),
        ("2024年一季度", False),
    ],
)
def test_every_word_must_match(query: str, expected: bool) -> None:
    assert matches(parse_query(query, today=TODAY), ROW) is expected


def test_explicit_options_are_read_as_their_kind_only() -> None:
    query = parse_query(None, company="元寶", metric="資本開支", period="2024年", today=TODAY)
    assert [t.kind for t in query.terms] == [COMPANY, METRIC, PERIOD]
    assert matches(query, ROW)
    assert not matches(parse_query(None, period="2025", today=TODAY), ROW)


def test_period_order_puts_quarters_before_their_year() -> None:
    periods = ["2025", "2024", "2025Q1", "2024H2", None, "2025-02"]
    assert sorted(periods, key=period_sort_key) == [
        None,
        "2024H2",
        "2024",
        "2025-02",
        "2025Q1",
        "2025",
    ]


@pytest.fixture(scope="module")
def seed_source(tmp_path_factory: pytest.TempPathFactory) -> FigureSource:
    library = Library(tmp_path_factory.mktemp("lookup") / "library.sqlite3")
    library.sync([str(SEEDS)])
    return FigureSource(library)


def test_lookup_over_the_seeds_finds_tencent_capex_in_three_articles(seed_source) -> None:
    hits = seed_source.query("騰訊 资本开支 2024")
    amounts = [h for h in hits if h.figure.kind == "money"]
    assert {h.figure.value for h in amounts} == {7.67e10}
    assert len({h.article_id for h in amounts}) == 3
    assert {h.figure.kind for h in hits} == {"money", "percent"}  # and its growth, 221%
    for hit in hits:
        assert hit.figure.company == "腾讯" and hit.figure.period == "2024"


def test_typing_more_narrows(seed_source) -> None:
    counts = [len(seed_source.query(q)) for q in ("腾", "腾讯", "腾讯 资本", "腾讯 资本 767")]
    assert counts[0] >= counts[1] > counts[2] >= counts[3] > 0


def test_sorting_by_value_and_period(seed_source) -> None:
    hits = seed_source.query("腾讯")
    by_value = sort_hits(hits, BY_VALUE)
    assert [h.figure.value for h in by_value] == sorted(
        (h.figure.value for h in hits), reverse=True
    )
    by_period = sort_hits(hits, BY_PERIOD, descending=False)
    keys = [period_sort_key(h.figure.period) for h in by_period]
    assert keys == sorted(keys)
