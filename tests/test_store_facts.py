"""Facts kept incrementally in the library equal a full rebuild after every change."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tui.figures.facts import group_facts
from tui.store import facts_store
from tui.store.library import Library
from tui.store.schema import label_groups_current
from tui.store.synthetic_articles import make_articles
from tui.text.models import Article, Figure


def _check(lib: Library) -> None:
    incremental = lib.facts()
    assert incremental == group_facts(lib.all_articles())
    assert lib.rebuild_facts() == len(incremental)
    assert lib.facts() == incremental


def test_incremental_facts_equal_a_full_rebuild(tmp_path: Path) -> None:
    rng = random.Random(11)
    articles = list(make_articles(80, seed=11))
    with Library(tmp_path / "lib.sqlite3") as lib:
        for article in articles[:60]:  # one at a time: facts regrouped with each article
            lib._store(article, "v", 0, 0)
        _check(lib)
        assert any(g.status == "conflict" for g in lib.facts())
        assert any(g.status == "agree" and len(g.members) > 2 for g in lib.facts())
        for article in articles[60:]:  # a batch: regrouped once at the end
            lib._store(article, "v", 0, 0, refresh=False)
        _check(lib)
        for article in rng.sample(articles, 10):  # change: drop, alter and add figures
            article.figures = article.figures[1:]
            if article.figures:
                figure = article.figures[0]
                figure.value *= 1.5
                figure.text = "另一个数"
            article.figures.append(_near_a_band_edge(rng))
            lib._store(article, "v", 1, 1)
            _check(lib)
        # Label conflicts (kept per value band) are among what stayed equal.
        assert any(g.note and "different labels" in g.note for g in lib.facts())
        removed = rng.sample(articles, 5)
        assert lib.remove([a.source_path for a in removed]) == 5
        _check(lib)
        gone = {a.id for a in removed}
        assert all(m.article_id not in gone for g in lib.facts() for m in g.members)


# Values on both sides of a label band's edge (1.05 ** 349 = 24,835,069): label
# conflicts are clustered in windows of two bands, and a figure changes the groups
# of its band and both neighbours.
_EDGE_TEXTS = {
    "2480万": 24_800_000,
    "2483万": 24_830_000,
    "2483.4万": 24_834_000,
    "2483.6万": 24_836_000,
    "2484万": 24_840_000,
    "2485万上下": 24_850_000,
}


def _near_a_band_edge(rng: random.Random, start: int = 0) -> Figure:
    text = rng.choice(sorted(_EDGE_TEXTS))
    return Figure(
        text=text,
        start=start,
        end=start + len(text),
        kind="count",
        value=_EDGE_TEXTS[text],
        approx="~" if text.endswith("上下") else None,
        metric=rng.choice(["日活", "月活", "MAU"]),
        company="腾讯",
        period=rng.choice(["2025Q1", "2025Q1", None]),
    )


def test_label_conflicts_at_a_band_edge_stay_equal_to_a_rebuild(tmp_path: Path) -> None:
    """One figure at a time added, changed and removed around a band edge: the
    label groups kept per band equal the grouping of all articles each time."""
    rng = random.Random(5)
    articles = list(make_articles(30, seed=5))
    with Library(tmp_path / "lib.sqlite3") as lib:
        for index, article in enumerate(articles):
            article.figures.append(_near_a_band_edge(rng, 50_000 + index))
            lib._store(article, "v", 0, 0)
        _check(lib)
        labels = [g for g in lib.facts() if g.note and "different labels" in g.note]
        assert len(labels) > 1 and any(len({m.value for m in g.members}) > 1 for g in labels)
        for article in rng.sample(articles, 12):
            article.figures[-1] = _near_a_band_edge(rng, article.figures[-1].start)
            lib._store(article, "v", 1, 1)
            _check(lib)
        assert lib.remove([a.source_path for a in articles[:6]]) == 6
        _check(lib)


def test_fact_status_for_an_article(tmp_path: Path) -> None:
    articles = list(make_articles(40, seed=12))
    with Library(tmp_path / "lib.sqlite3") as lib:
        for article in articles:
            lib._store(article, "v", 0, 0, refresh=False)
        groups = lib.facts()
        for article in articles[:10]:
            expected: dict[tuple[int, int], str] = {}
            for group in groups:
                for member in group.members:
                    if member.article_id == article.id:
                        key = (member.start, member.end)
                        if expected.get(key) != "conflict":
                            expected[key] = group.status
            assert lib.fact_status_for(article.id) == expected
        assert lib.fact_status_for("no such id") == {}


def test_members_of_a_label_conflict_are_marked_in_their_article(tmp_path: Path) -> None:
    """元宝's 2480万 as 日活 (dated) in one article and 月活 (undated) in another: both
    figures are marked as in conflict, as the groups of the whole library say."""

    def users(metric: str, period: str | None) -> Figure:
        return Figure(
            text="2480万",
            start=3,
            end=9,
            kind="count",
            value=24_800_000,
            metric=metric,
            company="腾讯",
            period=period,
        )

    with Library(tmp_path / "lib.sqlite3") as lib:
        for name, figure in (("a", users("日活", "2025Q1")), ("b", users("月活", None))):
            lib._store(
                Article(id=name, source_path=f"/{name}.md", title=name, body="", figures=[figure]),
                "v",
                0,
                0,
            )
        [group] = lib.facts()
        assert group.metric == "日活 / 月活"
        assert lib.fact_status_for("a") == lib.fact_status_for("b") == {(3, 9): "conflict"}
        seq = lib._conn.execute("SELECT seq FROM articles WHERE id = 'b'").fetchone()[0]
        assert facts_store.groups_for_article(lib._conn, seq, "b") == [group]


def test_interrupted_batch_is_regrouped_on_next_read(tmp_path: Path) -> None:
    articles = list(make_articles(20, seed=13))
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        for article in articles:
            lib._store(article, "v", 0, 0, refresh=False)  # as if the sync stopped here
    with Library(path) as lib:
        assert lib.facts() == group_facts(lib.all_articles()) != []


def test_streamed_rebuild_equals_grouping_all_articles_at_once(tmp_path: Path) -> None:
    """The rebuild reads one partition at a time and keeps label candidates per
    company, including figures without a period (label conflicts allow that)."""
    articles = list(make_articles(60, seed=21))
    for index, article in enumerate(articles[:12]):
        article.figures.append(
            Figure(
                text="2480万",
                start=10_000 + index,
                end=10_006 + index,
                kind="count",
                value=24_800_000,
                metric="日活" if index % 2 else "月活",
                company="腾讯" if index % 3 else "阿里巴巴",
                period=None if index % 4 == 0 else "2025Q1",
            )
        )
    with Library(tmp_path / "lib.sqlite3") as lib:
        for article in articles:
            lib._store(article, "v", 0, 0, refresh=False)
        expected = group_facts(lib.all_articles())
        assert lib.rebuild_facts() == len(expected)
        assert lib.facts() == expected
        labels = [g for g in expected if g.note and "different labels" in g.note]
        assert {g.company for g in labels} == {"腾讯", "阿里巴巴"}
        undated = {10_000, 10_004, 10_008}  # the starts of the figures without a period
        assert any(m.start in undated for g in labels for m in g.members)
        assert lib.rebuild_facts() == len(expected)  # a second rebuild replaces, not adds
        assert lib.facts() == expected


def test_library_measure_prints_the_facts_timings_and_peak_memory(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tui.store.synthetic_articles import main

    assert main(["12", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line[:36].strip() for line in lines]
    assert "facts rebuild" in names and "facts: change one article" in names
    peak = next(line for line in lines if line.startswith("peak RSS"))
    assert float(peak.split()[-2]) > 10  # MB: a Python process with sqlite loaded


def test_members_are_stored_by_article_id_and_groups_stored_before_still_read(
    tmp_path: Path,
) -> None:
    """A stored member names its article by id (path and title are joined when read);
    groups stored with the path and title in each member read the same."""
    import json

    articles = list(make_articles(40, seed=14))
    with Library(tmp_path / "lib.sqlite3") as lib:
        for article in articles:
            lib._store(article, "v", 0, 0, refresh=False)
        groups = lib.facts()
        status = {a.id: lib.fact_status_for(a.id) for a in articles[:8]}
        assert groups and any(status.values())
        stored = [r[0] for r in lib._conn.execute("SELECT data FROM fact_groups")]
        assert not any(a.source_path in data for data in stored for a in articles)
        # As stored before: every member a dict with its article's path and title.
        paths = {a.id: (a.source_path, a.title) for a in articles}
        with lib._conn:
            for gid, data in lib._conn.execute("SELECT gid, data FROM fact_groups").fetchall():
                group = facts_store.group_from_json(data, paths)
                raw = json.loads(data)
                raw["members"] = [vars(m) for m in group.members]
                assert all(m["source_path"] and m["title"] for m in raw["members"])
                lib._conn.execute(
                    "UPDATE fact_groups SET data = ? WHERE gid = ?",
                    (json.dumps(raw, ensure_ascii=False), gid),
                )
        assert lib.facts() == groups
        assert {a.id: lib.fact_status_for(a.id) for a in articles[:8]} == status


def test_group_marks_reads_the_status_and_the_article_members_from_the_text() -> None:
    import json

    from tui.store.facts_store import _group_json, group_marks
    from tui.text.models import FactGroup, FactMember

    nasty = 'x", "start": 1, "end": 2, "article_id": "a"}, "status": "agree", "members": ['
    members = [
        FactMember("/p/a.md", nasty, nasty, 1.0, 10, 15, "a"),
        FactMember("/p/b.md", "b", "706.9亿元", 1.0, 3, 9, "b"),
        FactMember("/p/a.md", "a", "7亿元", 1.0, 40, 43, "a"),
    ]
    data = _group_json(FactGroup("腾讯", "营收", "2025Q1", "conflict", members))
    assert group_marks(data, "a") == ("conflict", [(10, 15), (40, 43)])
    assert group_marks(data, "b") == ("conflict", [(3, 9)])
    assert group_marks(data, "c") == ("conflict", [])
    # Text of another layout is decoded.
    other = '{"members": [{"source_path": "", "title": "", "text": "", "value": 1.0,'
    other += ' "start": 1, "end": 2, "article_id": "a"}], "status": "agree", "company": null,'
    other += ' "metric": null, "period": null}'
    assert group_marks(other, "a") == ("agree", [(1, 2)])
    # As stored before members were kept by id: a dict per member, status first.
    old = json.dumps(
        {
            "company": "腾讯",
            "metric": "营收",
            "period": "2025Q1",
            "status": "agree",
            "members": [
                {**vars(m), "source_path": m.source_path, "title": m.title} for m in members
            ],
            "note": "",
        },
        ensure_ascii=False,
    )
    assert group_marks(old, "a") == ("agree", [(10, 15), (40, 43)])
    assert group_marks(old, "b") == ("agree", [(3, 9)])


def test_label_conflicts_stored_as_pairs_are_regrouped_on_opening(tmp_path: Path) -> None:
    """A library written before label conflicts were clusters (no ``label_groups`` in
    meta, a group per pair of sides) gets its facts rebuilt once when opened."""
    articles = list(make_articles(20, seed=15))
    rng = random.Random(15)
    for index, article in enumerate(articles):
        article.figures.append(_near_a_band_edge(rng, 50_000 + index))
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        for article in articles:
            lib._store(article, "v", 0, 0)
        expected = lib.facts()
        with lib._conn:
            lib._conn.execute("DELETE FROM meta WHERE key = 'label_groups'")
            lib._conn.execute(
                "UPDATE fact_groups SET data = replace(data, '日活', '旧') WHERE label = 1"
            )
        assert lib.facts() != expected
    told: list[str] = []
    with Library(path, on_upgrade=told.append) as lib:
        assert lib.facts() == expected == group_facts(lib.all_articles())
        assert label_groups_current(lib._conn)
    assert len(told) == 1 and "once" in told[0]  # the user is told before the wait
    with Library(path, on_upgrade=told.append):
        pass
    assert len(told) == 1  # done once
