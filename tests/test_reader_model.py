"""The reader's model without Textual: filters, search, script, the shown article,
the place to restore, filling a new library, the saved state."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field

from ui_helpers import FakeLibrary, sample_articles

from tui.filters import Filters
from tui.reader_model import (
    Change,
    LoadedArticle,
    Problem,
    ReaderModel,
    check_files,
    fact_table,
    fetch_article,
    library_notice,
    merge_ranges,
    read_rows,
)
from tui.store.state import ReaderState


@dataclass
class Row:
    id: str
    companies: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source_path: str = ""
    title: str = ""
    title_simplified: str = ""
    site: str | None = None
    date: str | None = None


ROWS = [
    Row("a", ["腾讯"], ["大模型", "广告"]),
    Row("b", ["腾讯", "阿里巴巴"], ["云服务"]),
    Row("c", ["百度"], ["大模型"]),
]


def loaded(article_id: str) -> LoadedArticle:
    from tui.text.script import to_simplified

    article = next(a for a in sample_articles() if a.id == article_id)
    return LoadedArticle(article, to_simplified(article.title), to_simplified(article.body))


def test_the_model_imports_no_textual() -> None:
    code = "import sys, tui.reader_model; print('textual' in sys.modules or 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rows_filters_and_what_changed() -> None:
    model = ReaderModel()
    assert model.set_rows(ROWS) == Change.LIST
    assert model.visible_ids == ["a", "b", "c"]
    assert model.toggle_company("腾讯") == Change.LIST
    assert model.visible_ids == ["a", "b"]
    assert model.toggle_facet("tags", "大模型") == Change.LIST
    assert model.visible_ids == ["a"]
    facets = model.facets()
    assert [(f.name, f.count, f.active) for f in facets.companies] == [("腾讯", 1, True)]
    model.toggle_facet("companies", "腾讯")  # choosing again removes it
    assert model.visible_ids == ["a", "c"]
    assert model.clear_filters() == Change.LIST  # no query: the article stays as drawn
    assert model.filters == Filters() and model.visible_ids == ["a", "b", "c"]


def test_a_query_asks_for_a_search_and_results_replace_the_list_in_rank_order() -> None:
    model = ReaderModel()
    model.set_rows(ROWS)
    assert model.set_query("大模型") == Change.SEARCH
    assert model.set_query("大模型") == Change.NONE  # the same text again: nothing to do
    assert model.search_done("大", "大", ["c"]) == Change.NONE  # typed on since
    assert model.search_done("大模型", "大模型", ["c", "a"]) == Change.LIST | Change.ARTICLE
    assert model.visible_ids == ["c", "a"]
    model.toggle_company("腾讯")
    assert model.visible_ids == ["a"]  # search and facets combine
    assert model.clear_search() == Change.LIST | Change.ARTICLE
    assert model.visible_ids == ["a", "b"] and model.search_ids is None


def test_an_empty_query_clears_at_once_and_results_not_in_show_nothing() -> None:
    model = ReaderModel()
    model.set_rows(ROWS)
    model.set_query("云")
    model.set_rows(ROWS)  # rows read again before the results come
    assert model.visible_ids == []
    assert model.set_query("  ") == Change.LIST | Change.ARTICLE
    assert model.visible_ids == ["a", "b", "c"]


def test_present_uses_the_script_statuses_and_hits() -> None:
    model = ReaderModel()
    t1 = loaded("t1")
    first = t1.article.figures[0]
    t1 = LoadedArticle(
        t1.article, t1.simple_title, t1.simple_body, {(first.start, first.end): "agree"}
    )
    shown = model.present(t1)
    assert shown.title == "騰訊研發投入創新高" and model.shown_id == "t1"
    assert [e.text for e in shown.entries][:2] == ["706.9億元", "767億元"]
    assert shown.entries[0].status == "agree" and shown.entries[1].status is None
    assert shown.body_hits == [] and shown.meta[0].startswith("DoNews")
    assert model.toggle_script() == Change.LIST | Change.ARTICLE
    shown = model.present(t1)
    assert shown.title == "腾讯研发投入创新高"
    assert shown.entries[0].text == "706.9亿元"
    # A Simplified query finds the Traditional text (and the other way round).
    model.toggle_script()
    model.set_query("研发")
    model.search_done("研发", "研发", ["t1"])
    shown = model.present(t1)
    assert shown.title_hits == [(2, 4)]
    assert len(shown.body_hits) >= 2


def test_drawing_again_for_new_hits_keeps_the_figure_entries() -> None:
    model = ReaderModel()
    t1 = loaded("t1")
    model.set_query("研")
    model.search_done("研", "研", ["t1"])
    first = model.present(t1)
    model.set_query("研发")
    model.search_done("研发", "研发", ["t1"])
    again = model.present(t1)
    assert again.entries is first.entries and again.meta is first.meta  # not rebuilt
    assert again.body_hits != first.body_hits or again.title_hits != first.title_hits
    model.toggle_script()
    simplified = model.present(t1)
    assert simplified.entries is not first.entries
    assert simplified.entries[0].text == "706.9亿元"
    other = model.present(LoadedArticle(t1.article, t1.simple_title, t1.simple_body, {}))
    assert other.entries is not simplified.entries  # another load: its own fact marks


def test_a_body_of_another_length_keeps_the_own_script() -> None:
    model = ReaderModel(ReaderState(simplified=True))
    t1 = loaded("t1")
    odd = LoadedArticle(t1.article, t1.simple_title, (t1.simple_body or "") + "多")
    assert model.present(odd).title == "騰訊研發投入創新高"  # figure offsets would not fit


def test_the_saved_place_is_restored_once_for_that_article_only() -> None:
    state = ReaderState(article_id="t1", top_block=3, top_offset=2, top_line=40)
    model = ReaderModel(state)
    assert model.keep_id() == "t1"
    assert model.take_top("s1") == 0  # another article first: the place is dropped
    assert model.take_top("t1") == 0
    model = ReaderModel(ReaderState(article_id="t1", top_line=7))
    assert model.take_top("t1") == 7  # an old state file: a line
    model = ReaderModel(state)
    assert model.take_top("t1") == (3, 2)
    assert model.take_top("t1") == 0


def test_reshow_in_place_redraws_the_shown_article_at_its_place() -> None:
    model = ReaderModel()
    model.present(loaded("s1"))
    model.reshow_in_place((5, 1))
    assert model.shown is None and model.keep_id() == "s1"
    assert model.take_top("s1") == (5, 1)


def test_the_cache_keeps_recent_articles_and_forgets_on_change() -> None:
    model = ReaderModel()
    for i in range(40):
        article = sample_articles()[0]
        article.id = f"x{i}"
        model.remember(LoadedArticle(article))
    assert model.loaded("x0") is None and model.loaded("x39") is not None
    model.forget_articles()
    assert model.loaded("x39") is None


def test_missing_files_leave_the_list_even_when_rows_are_read_again() -> None:
    rows = [Row("a", source_path="/c/a.md"), Row("b", source_path="/c/b.md")]
    model = ReaderModel()
    model.set_rows(rows)
    assert model.set_missing([]) == Change.NONE
    assert model.set_missing(["/c/a.md"]) == Change.LIST
    assert model.visible_ids == ["b"]
    model.set_rows(rows)
    assert model.visible_ids == ["b"]


def test_a_filling_library_stays_on_the_newest_until_the_user_moves() -> None:
    model = ReaderModel()
    assert model.sync_started() and not model.sync_started()
    assert model.filling
    model.set_rows(ROWS[:1])
    assert model.stay_on_first()  # nothing shown, nothing to restore
    model.auto_id = "a"
    model.present(loaded("s1"))  # the user moved to another article
    assert not model.stay_on_first()
    model = ReaderModel(ReaderState(article_id="c"))
    model.sync_started()
    model.set_rows(ROWS)
    assert not model.stay_on_first()  # the article to restore has arrived


def test_state_to_save() -> None:
    model = ReaderModel(ReaderState(companies=["腾讯"], query="云", figures_panel=False))
    state = model.state((2, 1), 30, "nord")
    assert state.article_id is None and state.top_block == -1 and state.top_line == 0
    assert state.companies == ["腾讯"] and state.query == "云" and state.figures_panel is False
    model.present(loaded("t1"))
    state = model.state((2, 1), 30, "nord")
    assert (state.article_id, state.top_block, state.top_offset, state.top_line) == (
        "t1",
        2,
        1,
        30,
    )
    assert state.theme == "nord"


def test_merge_ranges_and_fact_table() -> None:
    assert merge_ranges([(0, 2), (5, 6)], [(1, 3), (6, 8)]) == [(0, 2), (5, 6), (6, 8)]
    library = FakeLibrary.__new__(FakeLibrary)
    library.articles = {a.id: a for a in sample_articles()}
    table = fact_table(library.facts())
    assert set(table) == {"t1"}
    assert sorted(table["t1"].values()) == ["agree", "conflict"]


def test_adapters_read_the_library(tmp_path: object) -> None:
    from pathlib import Path

    library = FakeLibrary(Path(str(tmp_path)) / "x.sqlite3")
    assert [r.id for r in read_rows(library, ["/clips"])] == ["s1", "s2", "t1"]
    got = fetch_article(library, "t1")
    assert got is not None and got.simple_title == "腾讯研发投入创新高"
    assert sorted(got.statuses.values()) == ["agree", "conflict"]
    assert check_files(library, ["/clips"]) is None
    assert fetch_article(library, "missing") is None
    assert library_notice(library) == ""
    library.notice = "资料库损坏，已改名并重建"  # type: ignore[attr-defined]
    assert library_notice(library) == "资料库损坏，已改名并重建"
    assert Problem("a.txt", "x") == Problem("a.txt", "x")


def test_facets_follow_filters_search_and_rows_read_again() -> None:
    model = ReaderModel()
    model.set_rows(ROWS)
    everything = model.facets()
    assert {f.name: f.count for f in everything.companies} == {"腾讯": 2, "阿里巴巴": 1, "百度": 1}
    model.toggle_company("百度")
    assert [f.name for f in model.facets().tags] == ["大模型"]
    model.clear_filters()
    assert model.facets() is everything  # kept while nothing changed
    model.set_query("云")
    model.search_done("云", "云", ["b"])
    assert {f.name for f in model.facets().tags} == {"云服务"}
    model.clear_search()
    model.set_rows([*ROWS, Row("d", ["腾讯"], ["芯片"])])
    assert {f.name: f.count for f in model.facets().companies}["腾讯"] == 3


def test_many_rows_filter_search_and_count_as_the_plain_functions() -> None:
    """Above a few hundred rows the model works from its indexes (positions of each
    company and tag, of each id); it must answer as filtering row by row would."""
    import random

    from tui.filters import apply_filters, facet_counts

    rng = random.Random(5)
    names, tags = ["腾讯", "阿里巴巴", "百度", "小米"], ["大模型", "云服务", "芯片"]
    rows = [
        Row(f"r{i}", rng.sample(names, rng.randint(0, 2)), rng.sample(tags, rng.randint(0, 2)))
        for i in range(4000)
    ]
    model = ReaderModel()
    model.set_rows(rows)
    ids = [f"r{i}" for i in rng.sample(range(4300), 3000)]  # some not listed (removed since)
    for companies, tag_filter, query in [
        ((), (), ""),
        (("腾讯",), (), ""),
        (("腾讯", "百度"), ("芯片",), ""),
        ((), ("大模型",), "云"),
        (("小米",), (), "云"),
    ]:
        model.clear_filters()
        for name in companies:
            model.toggle_company(name)
        for name in tag_filter:
            model.toggle_tag(name)
        if query:
            model.set_query(query)
            model.search_done(query, query, ids)
        filters = Filters(companies, tag_filter)
        expected = apply_filters(rows, filters, ids if query else None)
        assert model.visible == expected
        assert len(expected) > 500 or companies == ("腾讯", "百度")  # the indexed counts
        assert model.facets() == facet_counts(expected, Filters(companies, tag_filter, query))
    # Most rows found: the counts are every row's less those of the rows hidden.
    model.clear_filters()
    model.toggle_tag("芯片")
    most = [f"r{i}" for i in range(4000) if i % 7]
    model.set_query("云")
    model.search_done("云", "云", most)
    expected = apply_filters(rows, Filters((), ("芯片",)), most)
    assert model.visible == expected
    assert model.facets() == facet_counts(expected, Filters((), ("芯片",), "云"))
    model.toggle_tag("芯片")
    expected = apply_filters(rows, Filters(), most)
    assert len(rows) - len(expected) < len(expected)
    assert model.facets() == facet_counts(expected, Filters((), (), "云"))


def test_the_index_comes_from_the_worker_for_those_rows_or_is_built_when_needed() -> None:
    """``set_rows`` paints without the filters' index (facets are counted over the
    rows); ``adopt_index`` keeps one a worker built only for the rows as read; a
    filter before it came builds it, and every way answers the same."""
    from tui.reader_model import index_rows

    rows = [*ROWS, Row("d", ["腾讯", "腾讯"], ["芯片"])]  # a name twice counts once
    model = ReaderModel()
    model.set_rows(rows)
    assert model._index is None  # not built on the way to the first paint
    counted = model.facets()
    assert {f.name: f.count for f in counted.companies} == {"腾讯": 3, "阿里巴巴": 1, "百度": 1}
    model.adopt_index(list(rows), index_rows(rows))  # other rows (a copy): not kept
    assert model._index is None
    index = index_rows(rows)
    model.adopt_index(rows, index)
    assert model._index is index
    assert index.companies["腾讯"] == {0, 1, 3}
    model.toggle_company("腾讯")
    assert [r.id for r in model.visible] == ["a", "b", "d"]
    model.clear_filters()

    lazy = ReaderModel()
    lazy.set_rows(rows)
    lazy.toggle_tag("大模型")  # no index from a worker: built here
    assert [r.id for r in lazy.visible] == ["a", "c"]
    lazy.adopt_index(rows, index_rows(rows))  # too late: the one built stays
    assert lazy._index is not None and lazy._index is not index
    lazy.clear_filters()
    assert lazy.facets().companies == counted.companies

    gone = ReaderModel()
    gone.set_missing([""])  # the rows' files are gone: positions differ from the read
    gone.set_rows(rows)
    gone.adopt_index(rows, index_rows(rows))
    assert gone._index is None
