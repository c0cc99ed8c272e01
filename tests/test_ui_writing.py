"""The writing screens on the seeds: figure lookup, facts view, company view, copy with
citations in both scripts, the citation template (good, missing, broken), and a
snapshot of each screen at 80x24 and 120x35."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static
from ui_helpers import SEEDS, FakeLibrary, copy_library, seed_library

from tui.app import ReaderApp
from tui.figures.citation import DEFAULT_CONFIG, config_path
from tui.figures.query import period_sort_key
from tui.screens.company_view import CompanyView
from tui.screens.facts_view import LABEL_MARK, FactsView
from tui.screens.lookup import LookupScreen
from tui.screens.reader import ReaderScreen
from tui.screens.writing import OpenArticleAt, editor_argv
from tui.store.library import Library
from tui.text.models import FactGroup, FactMember

__all__ = ["seed_library"]

SnapCompare = Callable[..., bool]


class Base(Screen[None]):
    """Where the user came from: records the articles it is asked to open."""

    def compose(self) -> ComposeResult:
        yield Static("base")

    def on_open_article_at(self, message: OpenArticleAt) -> None:
        self.app.opened.append(message)  # type: ignore[attr-defined]


class Host(App[None]):
    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.opened: list[OpenArticleAt] = []

    def on_mount(self) -> None:
        self.push_screen(Base())
        self.push_screen(self.make())


@pytest.fixture
def library(seed_library: Path, jiedu_home: Path) -> Library:
    lib = Library(copy_library(seed_library, jiedu_home))
    yield lib
    lib.close()


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def table_column(app: App[Any], selector: str, column: int) -> list[str]:
    table = app.screen.query_one(selector, DataTable)
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


def lookup(library: Library, words: str = "", simplified: bool = False) -> Host:
    return Host(
        lambda: LookupScreen(library, words=words, simplified=simplified, cursor_blink=False)
    )


# -- lookup ------------------------------------------------------------------------------


async def test_typing_narrows_the_lookup(library: Library) -> None:
    app = lookup(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert app.screen.hits == []  # nothing typed: a hint, no rows
        counts = []
        for word in ("騰", "訊", " ", "资", "本", "开", "支"):
            await pilot.press(*word) if word != " " else await pilot.press("space")
            await settle(pilot)
            counts.append(len(app.screen.hits))
        assert counts == sorted(counts, reverse=True)
        assert counts[-1] < counts[1] and counts[0] > 50
        assert set(table_column(app, "#lookup-table", 1)) == {"资本开支"}
        assert set(table_column(app, "#lookup-table", 2)) == {"腾讯"}


async def test_enter_opens_the_article_at_the_figure(library: Library) -> None:
    app = lookup(library, "腾讯 资本开支 2024")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        hit = app.screen.hits[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Base)
        assert app.opened == [OpenArticleAt(hit.article_id, hit.start, hit.end, hit.index)]
        article = library.get_article(hit.article_id)
        assert article is not None
        assert article.body[hit.start : hit.end] == hit.text


async def test_escape_returns_without_opening(library: Library) -> None:
    app = lookup(library, "腾讯")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, Base) and app.opened == []


async def test_sorting_by_value_and_period(library: Library) -> None:
    app = lookup(library, "腾讯 资本开支")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "v")
        await settle(pilot)
        values = [h.figure.value for h in app.screen.hits]
        assert values == sorted(values, reverse=True)
        assert "数字 ↓" in [str(c.label) for c in app.screen.table.columns.values()]
        await pilot.press("p", "p")  # period, then the other way round
        await settle(pilot)
        keys = [period_sort_key(h.figure.period) for h in app.screen.hits]
        assert keys == sorted(keys)
        assert [h.figure.period for h in app.screen.hits][-2:] == ["2025Q2", "2025"]


@pytest.mark.parametrize(
    ("simplified", "expected"),
    [
        (
            True,
            "腾讯2024年资本开支突破767亿元（《巨额斥资研发，腾讯如何砸穿AI天花板》，DoNews/零态LT）",
        ),
        (
            False,
            "騰訊2024年資本開支突破767億元（《巨額斥資研發，騰訊如何砸穿AI天花板》，DoNews/零態LT）",
        ),
    ],
)
async def test_y_copies_the_figure_with_its_citation_in_one_script(
    library: Library, simplified: bool, expected: str
) -> None:
    app = lookup(library, "天花板 767", simplified=simplified)
    copied: list[str] = []
    async with app.run_test(size=(120, 35)) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await settle(pilot)
        assert len(app.screen.hits) == 1
        await pilot.press("tab", "y")
        await settle(pilot)
        assert copied == [expected]
        await pilot.press("ctrl+y")  # from anywhere on the screen
        await settle(pilot)
        assert copied == [expected, expected]


async def test_the_template_from_the_config_file_is_used(library: Library) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        DEFAULT_CONFIG.replace(
            'figure: "{company}{period}{metric}{figure}（《{title}》，{site}，{date}）"',
            'figure: "{figure}（{site}）"',
        ),
        encoding="utf-8",
    )
    app = lookup(library, "天花板 767", simplified=True)
    copied: list[str] = []
    async with app.run_test(size=(120, 35)) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert copied == ["突破767亿元（DoNews/零态LT）"]


async def test_a_missing_template_file_is_written_and_the_default_used(library: Library) -> None:
    assert not config_path().exists()
    app = lookup(library, "天花板 767", simplified=True)
    copied: list[str] = []
    async with app.run_test(size=(120, 35)) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert copied and copied[0].startswith("腾讯2024年资本开支突破767亿元（《")
    assert config_path().read_text(encoding="utf-8") == DEFAULT_CONFIG


async def test_a_broken_template_says_so_and_the_default_is_used(library: Library) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("styles:\n  plain:\n    figure: '{figure}（{sight}）'\n", encoding="utf-8")
    app = lookup(library, "天花板 767", simplified=True)
    copied: list[str] = []
    async with app.run_test(size=(120, 35)) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await settle(pilot)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert copied and copied[0].startswith("腾讯2024年资本开支突破767亿元（《")
        messages = [str(n.message) for n in app._notifications]
        assert any("unknown field {sight}" in m for m in messages)
        assert copied[0] in messages  # the toast shows exactly what was copied


# -- facts view ----------------------------------------------------------------------------


class FactsLibrary(FakeLibrary):
    """The fake library's groups (agree, conflict) and a label conflict of its own."""

    def facts(self) -> list[FactGroup]:
        groups = super().facts()
        t1 = self.articles["t1"]
        s1 = self.articles["s1"]
        dau = t1.figures[4]
        growth = s1.figures[0]
        label = FactGroup(
            "腾讯",
            "日活 / 月活",
            "2024",
            "conflict",
            [
                FactMember(t1.source_path, t1.title, dau.text, 1.0, dau.start, dau.end, "t1"),
                FactMember(
                    s1.source_path, s1.title, growth.text, 1.0, growth.start, growth.end, "s1"
                ),
            ],
            "same number, different labels",
        )
        return [*groups, label]


def facts(library: Any, simplified: bool = True) -> Host:
    return Host(lambda: FactsView(library, simplified=simplified))


async def test_facts_view_puts_conflicts_first_and_flags_labels(tmp_path: Path) -> None:
    app = facts(FactsLibrary(tmp_path / "lib"))
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        statuses = table_column(app, "#facts-table", 0)
        assert statuses == [LABEL_MARK, "", "✗ 冲突", "✓ 一致"]
        metrics = table_column(app, "#facts-table", 2)
        assert metrics == ["日活 / 月活", "", "净利润", "研发投入"]
        # members side by side, in the display script, with their article's site and date
        assert table_column(app, "#facts-table", 4)[:2] == ["2480万", "18%"]
        assert table_column(app, "#facts-table", 5)[:2] == ["DoNews", "第一财经"]
        assert table_column(app, "#facts-table", 6)[:2] == ["2025-03-20", "2025-05-15"]
        assert "3 组 · 2 组冲突" in str(app.screen.query_one("#facts-count", Static).render())


async def test_enter_on_a_fact_member_opens_its_article_at_the_figure(tmp_path: Path) -> None:
    library = FactsLibrary(tmp_path / "lib")
    app = facts(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        s1 = library.articles["s1"]
        figure = s1.figures[0]
        assert app.opened == [OpenArticleAt("s1", figure.start, figure.end)]


async def test_y_on_a_fact_member_copies_it_with_its_citation(tmp_path: Path) -> None:
    app = facts(FactsLibrary(tmp_path / "lib"), simplified=False)
    copied: list[str] = []
    async with app.run_test(size=(120, 35)) as pilot:
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await settle(pilot)
        await pilot.press("down", "down", "y")
        await settle(pilot)
        assert copied == ["騰訊2024年淨利潤68%（《騰訊研發投入創新高》，DoNews，2025-03-20）"]


# -- company view ---------------------------------------------------------------------------


def company(library: Library, name: str) -> Host:
    return Host(lambda: CompanyView(library, name, simplified=True))


async def test_company_view_groups_by_metric_in_period_order(library: Library) -> None:
    app = company(library, "腾讯")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = app.screen
        metrics: list[str] = []
        for hit in screen.rows:
            if not metrics or metrics[-1] != hit.figure.metric:
                metrics.append(hit.figure.metric)
        assert len(metrics) == len(set(metrics))  # each metric once, its figures together
        capex = [h.figure.period for h in screen.rows if h.figure.metric == "资本开支"]
        assert capex.index("2024") < capex.index("2025Q1") < capex.index("2025Q2")
        articles = screen.query_one("#company-articles")
        assert articles.option_count == 5


async def test_company_view_draws_a_sparkline_for_three_periods(library: Library) -> None:
    app = company(library, "阿里巴巴")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        sparklines = list(app.screen.query(Sparkline))
        assert len(sparklines) == 1
        assert len(sparklines[0].data or []) == 3


async def test_enter_on_a_company_figure_and_on_an_article(library: Library) -> None:
    app = company(library, "腾讯")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        hit = app.screen.rows[0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.opened == [OpenArticleAt(hit.article_id, hit.start, hit.end, hit.index)]
    app = company(library, "腾讯")
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        first_id = app.screen.article_ids[0]
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert app.opened == [OpenArticleAt(first_id)]


# -- snapshots ------------------------------------------------------------------------------


def settle_then(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


SIZES = [(80, 24), (120, 35)]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_lookup(snap_compare: SnapCompare, library: Library, size) -> None:
    assert snap_compare(
        lookup(library, "腾讯 资本开支"), terminal_size=size, run_before=settle_then()
    )


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_facts_view(snap_compare: SnapCompare, tmp_path: Path, size) -> None:
    app = facts(FactsLibrary(tmp_path / "lib"))
    assert snap_compare(app, terminal_size=size, run_before=settle_then())


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_company_view(snap_compare: SnapCompare, library: Library, size) -> None:
    assert snap_compare(company(library, "阿里巴巴"), terminal_size=size, run_before=settle_then())


# -- the writing keys in the reader ------------------------------------------------------


def reader_app(library: Any) -> ReaderApp:
    return ReaderApp(library, [str(SEEDS)], sync=False, cursor_blink=False)


def reader_of(app: ReaderApp) -> ReaderScreen:
    screen = app.get_screen("reader")
    assert isinstance(screen, ReaderScreen)
    return screen


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


async def test_f_finds_a_figure_and_enter_opens_its_article_at_it(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)
        await type_text(pilot, "腾讯 资本开支 2025Q1")
        await settle(pilot)
        hit = app.screen.current_hit()
        assert hit is not None and hit.figure.period == "2025Q1"
        await pilot.press("enter")
        await settle(pilot)
        screen = reader_of(app)
        assert app.screen is screen
        assert screen.model.shown is not None
        assert screen.model.shown.article.id == hit.article_id
        chosen = screen.article_view.selected_figure
        entry = next(e for e in screen.entries if e.index == chosen)
        assert (entry.figure.start, entry.figure.end) == (hit.start, hit.end)
        assert screen.article_list.highlighted_id == hit.article_id
        assert screen.figures_panel.highlighted_entry == entry


async def test_opening_an_article_hidden_by_the_filters_clears_them(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader_of(app)
        target = next(r for r in screen.model.rows if "百度" not in r.companies)
        await pilot.press("c", *"百度", "enter")
        await settle(pilot)
        assert target.id not in {r.id for r in screen.model.visible}
        screen.post_message(OpenArticleAt(target.id))
        await settle(pilot)
        assert not screen.filters.active
        assert screen.model.shown is not None and screen.model.shown.article.id == target.id


async def test_escape_in_the_lookup_returns_to_the_same_article(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader_of(app)
        before = screen.model.shown_id
        await pilot.press("F")
        await settle(pilot)
        await type_text(pilot, "腾讯")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.model.shown_id == before


async def open_capex_article(pilot: Pilot[Any], app: ReaderApp) -> ReaderScreen:
    """Open 巨額斥資研發… (Traditional) at its first figure."""
    screen = reader_of(app)
    target = next(r for r in screen.model.rows if r.title.startswith("巨額斥資"))
    screen.post_message(OpenArticleAt(target.id))
    await settle(pilot)
    return screen


async def test_y_and_Y_copy_in_the_display_script(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_capex_article(pilot, app)
        article = screen.model.shown.article
        await pilot.press("Y")
        assert (
            app.clipboard
            == f"《巨額斥資研發，騰訊如何砸穿AI天花板》，DoNews/零態LT，{article.source_path}"
        )
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("Y")
        assert (
            app.clipboard
            == f"《巨额斥资研发，腾讯如何砸穿AI天花板》，DoNews/零态LT，{article.source_path}"
        )
        await pilot.press("n", "y")  # the first figure: 706.9億元 (研发投入, 2024)
        assert app.clipboard.startswith("腾讯2024年研发投入706.9亿元（《巨额斥资研发")
        toasts = [str(n.message) for n in app._notifications]
        assert app.clipboard in toasts


async def test_Q_quotes_the_sentence_of_the_selected_figure(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await open_capex_article(pilot, app)
        await pilot.press("n", "Q")
        assert app.clipboard.startswith("「騰訊控股卻像一列蒸汽火車，在AI賽道上瘋狂加速，")
        assert app.clipboard.endswith("」（《巨額斥資研發，騰訊如何砸穿AI天花板》，DoNews/零態LT）")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("n", "Q")
        assert app.clipboard.startswith("“腾讯控股却像一列蒸汽火车")


async def test_Q_without_a_figure_quotes_the_first_paragraph_on_screen(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_capex_article(pilot, app)
        screen.article_view.focus()
        await pilot.press("Q")
        assert app.clipboard.startswith("「進入2025年，互聯網行業保守投資成為主旋律。")


async def test_o_copies_the_source_path(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_capex_article(pilot, app)
        await pilot.press("o")
        assert app.clipboard == screen.model.shown.article.source_path
        assert Path(app.clipboard).is_file()


async def test_e_opens_the_source_in_the_editor(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "argv.txt"
    editor = tmp_path / "fake-editor"
    editor.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{editor} --wait")
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = await open_capex_article(pilot, app)
        source = screen.model.shown.article.source_path
        before = Path(source).read_bytes()
        await pilot.press("e")
        await settle(pilot)
        assert record.read_text(encoding="utf-8").splitlines() == ["--wait", source]
        assert Path(source).read_bytes() == before


async def test_e_without_an_editor_says_how_to_set_one(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await open_capex_article(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("$EDITOR" in m for m in messages)


async def test_v_and_C_open_the_facts_and_company_views(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await open_capex_article(pilot, app)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, FactsView)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n", "C")  # the company of the selected figure
        await settle(pilot)
        assert isinstance(app.screen, CompanyView) and app.screen.company == "腾讯"
        await pilot.press("enter")  # its first figure, in its article
        await settle(pilot)
        screen = reader_of(app)
        assert app.screen is screen and screen.article_view.selected_figure >= 0


async def test_the_new_keys_are_in_help_and_in_the_palette(library: Library) -> None:
    app = reader_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        for key, words in (
            ("F", "全库查数字"),
            ("v", "事实核对"),
            ("C", "公司页"),
            ("Y", "复制本文出处"),
            ("Q", "复制引文"),
            ("e", "$EDITOR"),
            ("o", "源文件路径"),
        ):
            assert any(
                line.strip().startswith(key) and words in line for line in text.splitlines()
            ), key
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"查数字")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)


def test_editor_argv_prefers_visual_and_splits_like_a_shell() -> None:
    env = {"VISUAL": "vi -n", "EDITOR": "nano", "PATH": os.defpath}
    assert editor_argv("/a b.txt", env) == ["vi", "-n", "/a b.txt"]
    assert editor_argv("/x", {"EDITOR": "no-such-editor-here", "PATH": os.defpath}) is None
    assert editor_argv("/x", {"PATH": os.defpath}) is None
