"""Pilot tests of the reader: every key and filter path, on a library of known articles."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList
from ui_helpers import SEEDS, FakeLibrary, copy_library, sample_articles, seed_library

from tui.app import ReaderApp
from tui.clean.loading import LoadError
from tui.screens.help import HelpScreen
from tui.screens.picker import PickerScreen
from tui.screens.problems import ProblemsScreen
from tui.screens.reader import ReaderScreen
from tui.store.library import ArticleRow, SyncProgress, SyncReport
from tui.text.models import Article, FactGroup
from tui.widgets.chrome import FacetSummary, KeyBar
from tui.widgets.mdblocks import Run
from tui.widgets.mdlayout import line_text

__all__ = ["seed_library"]


@pytest.fixture
def library(tmp_path: Path) -> FakeLibrary:
    return FakeLibrary(tmp_path / "fake.sqlite3")


def make_app(library: FakeLibrary, *, sync: bool = False) -> ReaderApp:
    return ReaderApp(library, ["/clips"], sync=sync, cursor_blink=False)  # type: ignore[arg-type]


def reader(app: ReaderApp) -> ReaderScreen:
    screen = app.get_screen("reader")
    assert isinstance(screen, ReaderScreen)
    return screen


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def article_lines(app: ReaderApp) -> list[str]:
    lay = reader(app).article_view.layout_lines
    assert lay is not None
    return [line_text(line) for line in lay.lines]


def list_text(widget: Any) -> str:
    """The article list's lines as painted now."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def listed(app: ReaderApp) -> list[str]:
    return list(reader(app).article_list.row_ids)


async def test_startup_lists_articles_newest_first_and_shows_the_first(
    library: FakeLibrary,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert listed(app) == ["s1", "s2", "t1"]
        assert screen.shown is not None and screen.shown.article.id == "s1"
        assert article_lines(app)[0] == "阿里云收入增长"
        assert app.focused is screen.article_list
        assert [e.text for e in screen.figures_panel.entries] == ["18%"]


async def test_j_k_and_arrows_move_and_the_article_follows(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("j")
        await settle(pilot)
        assert screen.shown is not None and screen.shown.article.id == "s2"
        await pilot.press("down")
        await settle(pilot)
        assert screen.shown.article.id == "t1"
        await pilot.press("k")
        await settle(pilot)
        assert screen.shown.article.id == "s2"
        await pilot.press("up")
        await settle(pilot)
        assert screen.shown.article.id == "s1"
        await pilot.press("G")
        await settle(pilot)
        assert screen.shown.article.id == "t1"
        await pilot.press("g")
        await settle(pilot)
        assert screen.shown.article.id == "s1"


async def test_enter_opens_and_tab_moves_between_panes(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("enter")
        assert app.focused is screen.article_view
        await pilot.press("tab")
        assert app.focused is screen.figures_panel
        await pilot.press("tab")
        assert app.focused is screen.article_list
        await pilot.press("shift+tab")
        assert app.focused is screen.figures_panel


async def test_article_scrolls_like_less(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G")  # t1, the long article
        await settle(pilot)
        await pilot.press("enter")
        view = screen.article_view
        height = view.scrollable_content_region.height
        await pilot.press("space")
        assert view.top_line == height
        await pilot.press("pagedown")
        assert view.top_line == 2 * height
        await pilot.press("b")
        assert view.top_line == height
        await pilot.press("pageup")
        assert view.top_line == 0
        await pilot.press("j", "j", "down")
        assert view.top_line == 3
        await pilot.press("k")
        assert view.top_line == 2
        await pilot.press("G")
        assert view.top_line == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.top_line == 0


async def test_search_replaces_the_list_in_either_script(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash")
        assert app.focused is screen.search_input
        await pilot.press(*"腾讯")  # Simplified query finds the Traditional 騰訊 article too
        await settle(pilot)
        assert set(listed(app)) == {"s1", "t1"}
        assert listed(app)[0] == "t1"  # more matches rank first
        screen.search_input.value = "騰訊研發"  # Traditional query
        await settle(pilot)
        assert listed(app) == ["t1"]
        screen.search_input.value = "没有这种词"
        await settle(pilot)
        assert listed(app) == []
        assert screen.shown is None
        assert screen.article_view.placeholder == "没有匹配的文章"


async def test_search_enter_opens_first_result_with_hits_and_n_jumps(
    library: FakeLibrary,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash", *"騰訊")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = screen.article_view
        assert app.focused is view
        assert screen.shown is not None and screen.shown.article.id == "t1"
        assert view.hit_count > 40  # title, body, and each of the 40 paragraphs
        assert view.current_hit == 0
        await pilot.press("n")
        assert view.current_hit == 1
        await pilot.press("N", "N")
        assert view.current_hit == view.hit_count - 1
        lay = view.layout_lines
        assert lay is not None
        assert lay.hit_lines[view.current_hit] >= view.top_line  # scrolled to it


async def test_a_search_key_redraws_the_article_only_when_its_hits_change(
    library: FakeLibrary,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.article_view
        await pilot.press("slash", *"騰訊")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.shown is not None and screen.shown.article.id == "t1"
        document, hits = view.document, view.hit_count
        assert hits > 40
        screen.search_input.value = "騰訊 "  # searched again, the same words found
        await settle(pilot)
        assert screen.model.filters.query == "騰訊 " and listed(app)[0] == "t1"
        assert view.document is document and view.hit_count == hits
        screen.search_input.value = "騰訊研發"  # other hits: drawn again
        await settle(pilot)
        assert screen.shown is not None and screen.shown.article.id == "t1"
        assert view.document is not document and 0 < view.hit_count < hits


async def test_escape_clears_the_search(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash", *"百度")
        await settle(pilot)
        assert listed(app) == ["s2"]
        await pilot.press("escape")
        await settle(pilot)
        assert listed(app) == ["s1", "s2", "t1"]
        assert not screen.search_input.display
        assert screen.filters.query == ""
        assert app.focused is screen.article_list


async def test_company_picker_counts_narrows_and_applies(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert [(f.name, f.count) for f in picker.shown] == [
            ("腾讯", 2),
            ("百度", 1),
            ("阿里巴巴", 1),
        ]
        await pilot.press(*"阿里")
        await pilot.pause()
        assert [f.name for f in picker.shown] == ["阿里巴巴"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.filters.companies == ("阿里巴巴",)
        assert listed(app) == ["s1"]
        assert "公司:阿里巴巴" in str(screen.query_one("#status-text").render())


async def test_picker_typing_traditional_and_toggling_off(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("c", *"騰訊")
        await pilot.pause()
        assert [f.name for f in app.screen.shown] == ["腾讯"]  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert listed(app) == ["s1", "t1"]
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.shown[0].active  # type: ignore[attr-defined]
        await pilot.press("enter")  # choosing the active entry removes it
        await settle(pilot)
        assert screen.filters.companies == ()
        assert len(listed(app)) == 3


async def test_picker_escape_changes_nothing_and_down_moves(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("t", "down", "enter")  # second tag by count: 研发 / 云服务
        await settle(pilot)
        assert len(screen.filters.tags) == 1
        chosen = screen.filters.tags[0]
        assert chosen != "大模型"
        await pilot.press("t", "escape")
        await settle(pilot)
        assert screen.filters.tags == (chosen,)


async def test_filters_combine_with_each_other_and_search_then_x_clears(
    library: FakeLibrary,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("c", *"腾讯", "enter")
        await settle(pilot)
        await pilot.press("t", *"大模型", "enter")
        await settle(pilot)
        assert listed(app) == ["s1", "t1"]
        await pilot.press("t", *"云服务", "enter")
        await settle(pilot)
        assert listed(app) == ["s1"]
        await pilot.press("t", *"云服务", "enter")  # off again
        await settle(pilot)
        await pilot.press("slash", *"研發")
        await settle(pilot)
        assert listed(app) == ["t1"]
        await pilot.press("tab")  # leave the search box so x is a key, not text
        await pilot.press("x")
        await settle(pilot)
        assert screen.filters.companies == () and screen.filters.tags == ()
        assert screen.filters.query == ""
        assert listed(app) == ["s1", "s2", "t1"]


async def test_f_focuses_figures_and_enter_scrolls_to_the_figure(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("f")
        assert app.focused is screen.figures_panel
        panel = screen.figures_panel
        assert [e.text for e in panel.entries][-1] == "3403億元"
        assert panel.entries[0].status == "agree"
        assert panel.entries[3].status == "conflict"
        await pilot.press("G", "enter")
        view = screen.article_view
        last = len(panel.entries) - 1
        assert view.selected_figure == last
        lay = view.layout_lines
        assert lay is not None
        line = lay.figure_lines[last]
        assert view.top_line <= line < view.top_line + view.scrollable_content_region.height
        assert view.top_line > 0


async def test_n_and_N_step_through_figures_without_search(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G")
        await settle(pilot)
        view = screen.article_view
        await pilot.press("n")
        assert view.selected_figure == 0
        await pilot.press("n", "n")
        assert view.selected_figure == 2
        assert screen.figures_panel.highlighted == 2
        await pilot.press("N")
        assert view.selected_figure == 1


async def test_s_switches_list_article_and_figures_to_simplified(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G")
        await settle(pilot)
        assert article_lines(app)[0] == "騰訊研發投入創新高"
        await pilot.press("s")
        await settle(pilot)
        assert screen.simplified
        assert article_lines(app)[0] == "腾讯研发投入创新高"
        assert screen.figures_panel.entries[0].text == "706.9亿元"
        assert "腾讯研发投入创新高" in list_text(screen.article_list)
        assert "原文" not in str(screen.query_one("#status-text").render())
        await pilot.press("s")
        await settle(pilot)
        assert article_lines(app)[0] == "騰訊研發投入創新高"


async def test_y_copies_the_figure_with_its_citation(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("f", "y")
        # one script throughout: the article's own (Traditional) ...
        assert app.clipboard == (
            "騰訊2024年研發投入706.9億元（《騰訊研發投入創新高》，DoNews，2025-03-20）"
        )
        # ... or Simplified after s, never a mix such as 腾讯…706.9億元
        await pilot.press("s", "n", "n", "y")
        assert app.clipboard.startswith("腾讯2024年资本开支767亿元（《腾讯研发")


async def test_question_mark_opens_help_with_every_key(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for key in (
            "/",
            "c",
            "t",
            "x",
            "s",
            "f",
            "n",
            "N",
            "y",
            "q",
            "ctrl+p",
            "space",
            "g / home",
        ):
            assert key in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_command_palette_runs_reader_commands(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"简体")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert reader(app).simplified


async def test_q_quits_and_saves_state_that_is_restored(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", *"腾讯", "enter")
        await settle(pilot)
        await pilot.press("j", "enter")  # t1
        await settle(pilot)
        await pilot.press("space", "j", "s")
        await settle(pilot)
        top = reader(app).article_view.top_line
        assert top > 0
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0

    again = make_app(library)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = reader(again)
        assert screen.filters.companies == ("腾讯",)
        assert screen.simplified
        assert screen.shown is not None and screen.shown.article.id == "t1"
        assert screen.article_view.top_line == top


async def test_80x24_toggles_the_figures_panel(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reader(app)
        left = screen.query_one("#left")
        assert left.display and not screen.figures_panel.display
        await pilot.press("f")
        assert screen.figures_panel.display and not left.display
        assert app.focused is screen.figures_panel
        await pilot.press("p")
        assert left.display and not screen.figures_panel.display
        assert app.focused is screen.article_view
        await pilot.press("p")
        assert screen.figures_panel.display
        await pilot.press("slash")  # search brings the list back
        assert left.display and app.focused is screen.search_input


async def test_resizing_never_crashes_and_keeps_the_place(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("enter", "space", "space")
        view = screen.article_view
        lay = view.layout_lines
        assert lay is not None
        block = lay.line_block[view.top_line]
        for size in ((80, 24), (40, 12), (20, 6), (200, 60), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            new = view.layout_lines
            assert new is not None
            assert new.line_block[view.top_line] == block or view.top_line == view.max_scroll_y
        assert article_lines(app)[0] == "騰訊研發投入創新高"


async def test_sync_runs_in_a_worker_and_fills_an_empty_list(tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path / "fake.sqlite3", empty_until_sync=True)
    app = make_app(library, sync=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert library.sync_calls == 1
        assert listed(app) == ["s1", "s2", "t1"]
        label = str(reader(app).query_one("#sync-label").render())
        assert "新增 3" in label
        assert reader(app).shown is not None


async def test_an_empty_library_loads_the_article_view_while_it_syncs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.reader_workers import LibraryWorkers

    library = FakeLibrary(tmp_path / "fake.sqlite3", empty_until_sync=True)
    warmed_during_sync: list[bool] = []
    warm = LibraryWorkers._warm

    def recording_warm(self: LibraryWorkers) -> None:
        warmed_during_sync.append(library.sync_calls == 0 or not library.synced)
        warm(self)

    monkeypatch.setattr(LibraryWorkers, "_warm", recording_warm)
    started = library.sync

    def slow_sync(*args: object, **kwargs: object) -> object:
        time.sleep(0.5)  # the first file is still being cleaned
        return started(*args, **kwargs)

    monkeypatch.setattr(library, "sync", slow_sync)
    app = make_app(library, sync=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert listed(app) == ["s1", "s2", "t1"]
    assert warmed_during_sync[:1] == [True]  # before the sync had stored anything


async def test_styles_distinguish_figures_hits_and_selection_without_colour(
    library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.no_color
        view = reader(app).article_view
        view.selected_figure = 1
        view.current_hit = 1
        figure = view._style(Run("1", "", 0, -1))
        selected = view._style(Run("1", "", 1, -1))
        hit = view._style(Run("1", "", -1, 0))
        current = view._style(Run("1", "", -1, 1))
        plain = view._style(Run("1"))
        assert figure.underline and figure.bold and not figure.reverse
        assert selected.reverse and selected.underline
        assert hit.reverse and not hit.underline and not hit.bold
        assert current.reverse and current.bold and current.underline  # apart in bold text too
        assert not (plain.reverse or plain.underline or plain.bold)
        row = reader(app).article_list.get_visual_style(
            "article-list--row", "article-list--highlighted"
        )
        assert row.underline and row.bold  # the list selection, too


async def test_search_and_place_restored_on_reopen(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"騰訊")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space")
        top = reader(app).article_view.top_line
        assert top > 0
        await pilot.press("q")
    again = make_app(library)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = reader(again)
        assert screen.search_input.display and screen.search_input.value == "騰訊"
        assert set(listed(again)) == {"s1", "t1"}
        assert screen.shown is not None and screen.shown.article.id == "t1"
        assert screen.article_view.top_line == top
        assert screen.article_view.hit_count > 40


async def test_switching_script_keeps_the_reading_place(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter", "space", "j")
        view = reader(app).article_view
        top = view.top_line
        assert top > 0
        await pilot.press("s")
        await settle(pilot)
        assert reader(app).simplified and view.top_line == top


async def test_escape_and_x_keep_the_article_that_was_open(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash", *"騰訊")  # s1 and t1; t1 ranks first
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.shown is not None and screen.shown.article.id == "t1"
        await pilot.press("escape")
        await settle(pilot)
        assert listed(app) == ["s1", "s2", "t1"]
        assert screen.shown is not None and screen.shown.article.id == "t1"
        assert screen.article_list.highlighted_id == "t1"
        await pilot.press("slash", *"騰訊", "enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert screen.filters.query == ""
        assert screen.shown is not None and screen.shown.article.id == "t1"
        assert screen.article_list.highlighted_id == "t1"


async def test_state_is_kept_per_set_of_opened_paths(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", *"百度", "enter")
        await settle(pilot)
        await pilot.press("q")
    other = ReaderApp(library, ["/elsewhere"], sync=False, cursor_blink=False)  # type: ignore[arg-type]
    async with other.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert reader(other).filters.companies == ()
    again = make_app(library)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert reader(again).filters.companies == ("百度",)


class GrowingLibrary(FakeLibrary):
    """An empty library whose articles appear one by one while it syncs (oldest first)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.order = ["t1", "s1", "s2"]  # cleaned in this order; listed newest first
        self.visible = 0
        self.listed_once = threading.Event()

    def sync(self, paths, progress=None):  # type: ignore[no-untyped-def]
        for done in range(1, len(self.order) + 1):
            self.visible = done
            if progress is not None:
                progress(SyncProgress(done, len(self.order), self.order[done - 1]))
            if done == 1:  # let the reader show the first article before the others come
                self.listed_once.wait(2)
        return SyncReport(added=len(self.order), article_ids=list(self.order))

    def list_articles(self, paths=None):  # type: ignore[no-untyped-def]
        rows = [r for r in super().list_articles(paths) if r.id in self.order[: self.visible]]
        if self.visible:
            self.listed_once.set()
        return rows


async def test_a_new_library_shows_the_first_article_once_synced(tmp_path: Path) -> None:
    library = GrowingLibrary(tmp_path / "fake.sqlite3")
    app = make_app(library, sync=True)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await settle(pilot)
        screen = reader(app)
        assert listed(app) == ["s1", "s2", "t1"]
        assert screen.article_list.highlighted_id == "s1"
        assert screen.shown is not None and screen.shown.article.id == "s1"


async def test_footer_shows_the_keys_of_the_focused_pane(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(160, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        keys = screen.query_one(KeyBar)
        assert ("⏎", "打开") in keys.current_items()
        await pilot.press("f")
        await pilot.pause()
        items = keys.current_items()
        assert ("⏎", "跳转") in items and ("y", "复制") in items
        await pilot.press("tab", "tab")  # the article
        await pilot.pause()
        assert app.focused is screen.article_view
        items = keys.current_items()
        assert ("space", "翻页") in items and ("n", "下一处") in items
        await pilot.press("slash")
        await pilot.pause()
        items = keys.current_items()
        assert ("⏎", "打开首个") in items and ("esc", "清除搜索") in items


async def test_picker_shows_its_own_keys(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        hint = str(app.screen.query_one("#picker-keys").render())
        assert "enter 应用" in hint and "esc 关闭" in hint


async def test_paging_the_article_is_immediate(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G", "enter")
        await settle(pilot)
        view = screen.article_view
        view.action_page_down()
        assert view.top_line == view.scrollable_content_region.height
        view.action_scroll_end()
        await pilot.pause()
        assert view.top_line == view.max_scroll_y
        view.action_scroll_home()
        assert view.top_line == 0


class SlowLibrary(FakeLibrary):
    """An empty library whose sync waits until the test lets it go on."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, empty_until_sync=True)
        self.go_on = threading.Event()

    def sync(self, paths, progress=None):  # type: ignore[no-untyped-def]
        self.go_on.wait(5)
        return super().sync(paths, progress)


async def test_an_empty_list_says_it_is_being_filled_while_syncing(tmp_path: Path) -> None:
    library = SlowLibrary(tmp_path / "fake.sqlite3")
    app = make_app(library, sync=True)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(5):
            await pilot.pause()
        screen = reader(app)
        assert "正在整理" in list_text(screen.article_list)
        await pilot.press("j", "c")  # keys work while the library syncs
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("escape")
        library.go_on.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert listed(app) == ["s1", "s2", "t1"]


async def test_reopening_at_another_size_restores_the_same_place_and_theme(
    library: FakeLibrary,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter", "space", "space", "j")
        view = reader(app).article_view
        lay = view.layout_lines
        assert lay is not None
        assert lay.width == 90
        block = lay.line_block[view.top_line]
        app.theme = "textual-light"
        await pilot.press("q")
    again = make_app(library)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = reader(again).article_view
        lay = view.layout_lines
        assert lay is not None
        assert lay.line_block[view.top_line] == block
        assert view.top_line == lay.block_lines[block]  # the paragraph's first line
        assert again.theme == "textual-light"


async def test_page_keys_in_a_pane_with_no_room_do_not_crash(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("p", "p", "f")  # the panel shown whatever the width
        await pilot.resize_terminal(10, 3)
        await pilot.pause()
        screen.figures_panel.set_entries(screen.entries)  # options not laid out yet
        await pilot.press("pageup", "pagedown")
        await pilot.pause()
        assert app.is_running and app.focused is screen.figures_panel
        await pilot.resize_terminal(120, 35)
        await pilot.pause()
        await pilot.press("pagedown")
        assert screen.figures_panel.highlighted == len(screen.entries) - 1


async def test_n_and_N_go_on_from_the_screen_like_less(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G", "enter")
        await settle(pilot)
        view = screen.article_view
        lay = view.layout_lines
        assert lay is not None
        await pilot.press("space", "space")  # past the first figures
        top = view.top_line
        await pilot.press("n")
        assert lay.figure_lines[view.selected_figure] >= top
        assert view.selected_figure == max(lay.figure_lines)  # 3403億元, near the end
        await pilot.press("g", "N")  # above the top: wraps to the last one
        assert view.selected_figure == max(lay.figure_lines)
        await pilot.press("slash", *"騰訊")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert view.current_hit == 0 and view.selected_figure == -1  # one strong highlight
        await pilot.press("G")
        lay = view.layout_lines
        assert lay is not None
        top = view.top_line
        await pilot.press("n")
        assert lay.hit_lines[view.current_hit] >= top > lay.hit_lines[1]  # not back at the top
        before = view.current_hit
        await pilot.press("N")
        assert view.current_hit == before - 1


async def test_the_place_is_saved_soon_after_scrolling(
    library: FakeLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.screens.reader as reader_module
    from tui.store.state import load_state

    monkeypatch.setattr(reader_module, "SAVE_DELAY", 0.05)
    state_file = tmp_path / "state.json"
    app = ReaderApp(library, ["/clips"], sync=False, cursor_blink=False, state_file=state_file)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter", "space", "space")
        top = reader(app).article_view.top_line
        await pilot.pause(0.3)
        saved = load_state(library.path, state_file, ["/clips"])  # still running
        assert saved.article_id == "t1" and saved.top_line == top > 0


async def test_page_keys_in_the_palette_on_a_tiny_terminal_do_not_crash(
    library: FakeLibrary,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(10, 3)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, CommandPalette)
        await pilot.resize_terminal(1, 1)  # no room for any text
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert app.is_running


async def test_space_and_b_in_the_list_page_the_article(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("G")
        await settle(pilot)
        view = screen.article_view
        await pilot.press("space")
        assert app.focused is screen.article_list and view.top_line > 0
        await pilot.press("b")
        assert view.top_line == 0 and screen.shown is not None
        assert screen.shown.article.id == "t1"


class SteppedLibrary(GrowingLibrary):
    """Articles appear one by one, each only when the test says so."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.steps = [threading.Event() for _ in self.order]

    def sync(self, paths, progress=None):  # type: ignore[no-untyped-def]
        for done in range(1, len(self.order) + 1):
            self.steps[done - 1].wait(5)
            self.visible = done
            if progress is not None:
                progress(SyncProgress(done, len(self.order), self.order[done - 1]))
        return SyncReport(added=len(self.order), article_ids=list(self.order))


async def test_filling_a_new_library_keeps_the_article_the_user_moved_to(
    tmp_path: Path,
) -> None:
    library = SteppedLibrary(tmp_path / "fake.sqlite3")
    library.order = ["s2", "t1", "s1"]  # listed: s1, s2, t1
    app = make_app(library, sync=True)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 35)) as pilot:
        screen = reader(app)

        async def step(index: int, rows: list[str]) -> None:
            await asyncio.sleep(0.6)  # the list is reloaded at most twice a second
            library.steps[index].set()
            for _ in range(50):
                await pilot.pause(0.02)
                if listed(app) == rows:
                    return
            raise AssertionError(listed(app))

        await step(0, ["s2"])
        await step(1, ["s2", "t1"])
        await pilot.press("j")  # the user picks t1
        await pilot.pause()
        await step(2, ["s1", "s2", "t1"])
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen.article_list.highlighted_id == "t1"
        assert screen.shown is not None and screen.shown.article.id == "t1"


async def test_ctrl_c_says_how_to_quit_in_chinese(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert any("按 q 退出" in str(n.message) for n in app._notifications)


async def test_the_palette_and_its_system_commands_are_in_chinese(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles[0] == "配色主题" and "截图" in titles and "Quit" not in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen._placeholder == "搜索命令…"
        await pilot.press(*"配色", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen._placeholder == "搜索配色主题…"


async def test_picker_with_nothing_to_pick_says_so(library: FakeLibrary) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"没有这个词", "tab")  # no article left
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        first = app.screen.query_one("#picker-list", OptionList).get_option_at_index(0)
        assert "没有公司" in str(first.prompt)
        await pilot.press(*"腾讯")
        await pilot.pause()
        await pilot.press("enter")  # nothing to apply: stays open
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


class ThreadCheckingLibrary(FakeLibrary):
    """Records the thread of every call that reads the library or walks the files."""

    def __init__(self, path: Path, **kwargs: bool) -> None:
        super().__init__(path, **kwargs)
        self.ui_thread_calls: list[str] = []

    def _note(self, name: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.ui_thread_calls.append(name)

    def list_articles(self, paths: Iterable[str | Path] | None = None) -> list[ArticleRow]:
        self._note("list_articles")
        return super().list_articles(paths)

    def get_article(self, article_id: str) -> Article | None:
        self._note("get_article")
        return super().get_article(article_id)

    def search(self, query: str, ids: Iterable[str] | None = None) -> list[str]:
        self._note("search")
        return super().search(query, ids)

    def facts(self) -> list[FactGroup]:
        self._note("facts")
        return super().facts()

    def sync(self, paths: Iterable[str | Path], progress: Any = None) -> SyncReport:
        self._note("sync")
        return super().sync(paths, progress)


async def test_start_up_never_reads_the_library_on_the_ui_thread(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    from tui.store.state import ReaderState, save_state

    # A saved search and article: the start reads rows, searches and opens in workers.
    save_state(
        tmp_path / "fake.sqlite3",
        ReaderState(article_id="t1", query="騰訊"),
        state_file,
        ["/clips"],
    )
    library = ThreadCheckingLibrary(tmp_path / "fake.sqlite3", empty_until_sync=True)
    app = ReaderApp(library, ["/clips"], state_file=state_file, cursor_blink=False)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = reader(app)
        assert listed(app) == ["t1", "s1"]  # the saved search (rank order), filled by the sync
        assert screen.shown is not None and screen.shown.article.id == "t1"
        await pilot.press("j", "k", "s", "x")
        await settle(pilot)
        assert screen.shown is not None and screen.shown.title == "腾讯研发投入创新高"
    assert library.sync_calls == 1
    assert library.ui_thread_calls == []


async def test_start_up_never_walks_the_files_on_the_ui_thread(
    seed_library: Path, jiedu_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.store.library as library_module
    from tui.store.library import Library

    walks: list[bool] = []

    def watched(walk: Any) -> Any:
        def watched_walk(*args: Any, **kwargs: Any) -> Any:
            walks.append(threading.current_thread() is threading.main_thread())
            return walk(*args, **kwargs)

        return watched_walk

    # Both walks of the library: the sync's and the quick re-check's.
    for name in ("iter_source_files", "_walk"):
        monkeypatch.setattr(library_module, name, watched(getattr(library_module, name)))
    library = Library(copy_library(seed_library, jiedu_home))
    app = ReaderApp(library, [str(SEEDS)], cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(reader(app).rows) == 5
        await pilot.press("j", "j")
        await settle(pilot)
    library.close()
    assert walks and not any(walks)  # the files were walked, never on the UI thread


async def test_problems_screen_lists_every_file_and_the_library_notice(tmp_path: Path) -> None:
    class BadFiles(FakeLibrary):
        notice = "资料库已损坏：已改名为 library.sqlite3.broken-1 并从源文件重建"

        def sync(self, paths: Iterable[str | Path], progress: Any = None) -> SyncReport:
            report = super().sync(paths, progress)
            report.errors = [LoadError(f"/clips/bad{i}.txt", f"原因 {i}") for i in range(12)]
            return report

    library = BadFiles(tmp_path / "fake.sqlite3")
    app = make_app(library, sync=True)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        label = reader(app).query_one("#problems-label")
        assert label.display and "13 个问题" in str(label.render())
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = str(app.screen.query_one("#problems-text").render())
        assert all(f"/clips/bad{i}.txt" in text and f"原因 {i}" in text for i in range(12))
        assert "library.sqlite3.broken-1" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.click("#problems-label")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)


def _long_article() -> Article:
    """About 200,000 characters, with a figure in every 50th paragraph (the last
    figure in the last paragraph)."""
    from tui.text.models import Figure

    paragraphs = [
        f"第{i}段：騰訊在這一段裡投入了{i}億元，討論人工智能的商業化與廣告業務的關係，"
        "分析師認為行業仍處於投入期。"
        for i in range(4000)
    ]
    body = "\n\n".join(paragraphs)
    figures = []
    for i in [*range(0, 4000, 50), 3999]:
        start = body.index(f"第{i}段") + len(f"第{i}段：騰訊在這一段裡投入了")
        text = f"{i}億元"
        figures.append(
            Figure(
                text=text,
                start=start,
                end=start + len(text),
                kind="money",
                value=float(i),
                metric="投入",
                company="騰訊",
                period="2024",
            )
        )
    return Article(
        id="long",
        source_path="/clips/long.txt",
        title="很長的文章",
        body=body,
        date="2026-01-01",
        figures=figures,
        script="hant",
    )


async def test_a_long_article_is_laid_out_only_as_far_as_shown_and_jumps_land_exactly(
    tmp_path: Path,
) -> None:
    from tui.screens.reader_workers import document_of
    from tui.widgets.mdlayout import layout

    long = _long_article()
    assert len(long.body) > 190_000
    library = FakeLibrary(tmp_path / "fake.sqlite3", [long, *sample_articles()])
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.article_view
        assert screen.shown is not None and screen.shown.article.id == "long"
        laid = view.laid_lines
        assert laid is not None and not laid.complete and len(laid) < 300
        assert view.virtual_size.height > 4000  # the scrollbar counts an estimate of the rest
        whole = layout(document_of(screen.shown), laid.width)
        height = view.scrollable_content_region.height
        # The last figure, from the figures panel: laid out up to it, highlighted, in view.
        last = len(screen.entries) - 1
        screen.action_focus_figures()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert view.selected_figure == last
        line = whole.figure_lines[last]
        assert view.top_line <= line < view.top_line + height
        assert [line_text(x) for x in laid.lines] == [
            line_text(x) for x in whole.lines[: len(laid)]
        ]
        strip = view.render_line(line - view.top_line)
        assert "3999億元" in strip.text
        assert any(
            seg.text == "3999億元" and seg.style == view._style(Run("", figure=last))
            for seg in strip._segments
        )
        # A reading place halfway, drawn again: the same place, laid out up to it.
        assert view.select_figure(40)  # paragraph 2000
        place, top = view.place, view.top_line
        assert place[0] > 3000
        screen.model.reshow_in_place(place)
        screen.show_highlighted()
        await settle(pilot)
        assert view.laid_lines is laid  # nothing changed: the layout stays
        assert view.place == place and view.top_line == top
        # Read again (the library changed): a new layout, laid out up to the place.
        screen.model.forget_articles()
        screen.model.reshow_in_place(place)
        screen.show_highlighted()
        await settle(pilot)
        assert view.laid_lines is not laid and not view.laid_lines.complete
        assert view.place == place and view.top_line == top
        # The end: the whole layout's last lines on screen.
        view.focus()
        await pilot.press("end")
        await pilot.pause()
        assert view.laid_lines is not None and view.laid_lines.complete
        assert view.virtual_size.height == len(whole)
        bottom = [view.render_line(y).text.strip() for y in range(height)]
        assert bottom == [line_text(x).strip() for x in whole.lines[-height:]]


async def test_quitting_mid_sync_stops_the_sync_after_the_current_file(tmp_path: Path) -> None:
    class EndlessSync(FakeLibrary):
        def __init__(self, path: Path) -> None:
            super().__init__(path)
            self.steps = 0
            self.stopped = threading.Event()

        def sync(self, paths: Iterable[str | Path], progress: Any = None) -> SyncReport:
            try:
                for done in range(1, 100_000):
                    threading.Event().wait(0.01)  # cleaning a file
                    self.steps = done
                    progress(SyncProgress(done, 100_000, f"/clips/{done}.txt"))
            except BaseException:
                self.stopped.set()
                raise
            return SyncReport()

    library = EndlessSync(tmp_path / "fake.sqlite3")
    app = make_app(library, sync=True)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(30):
            await pilot.pause(0.02)
            if library.steps > 2:
                break
        assert library.steps > 2  # the sync is running
        await pilot.press("q")
    assert await asyncio.to_thread(library.stopped.wait, 5)
    assert library.steps < 1000


async def test_rows_read_again_after_a_sync_that_changed_nothing_are_not_redrawn(
    library: FakeLibrary,
) -> None:
    reads: list[list[Any]] = []
    list_articles = library.list_articles

    def recorded(paths: Any = None) -> list[Any]:
        rows = list_articles(paths)
        reads.append(rows)
        return rows

    library.list_articles = recorded  # type: ignore[method-assign]
    app = make_app(library, sync=True)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = reader(app)
        for _ in range(50):
            await settle(pilot)
            if library.sync_calls and len(reads) >= 2 and not screen.model.syncing:
                break
        await settle(pilot)
        assert library.sync_calls == 1 and len(reads) == 2  # at start, after the sync
        assert reads[1] == reads[0] and reads[1][0] is not reads[0][0]
        assert all(a is b for a, b in zip(screen.rows, reads[0], strict=True))  # kept
        # A library that did change is shown as read.
        library.articles["s2"].title = "百度发布文心新版本（更新）"
        screen.read_library(force=False)
        await settle(pilot)
        assert len(reads) == 3 and screen.rows[0] is reads[2][0]
        assert any(r.title == "百度发布文心新版本（更新）" for r in screen.rows)


async def test_a_search_finds_articles_imported_after_it_was_typed(library: FakeLibrary) -> None:
    """While a folder is imported the list is read again every half second: the
    search is run again with it, so an article stored after the query was typed
    is found (its results were those of the articles stored at that moment)."""
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = reader(app)
        await settle(pilot)
        screen.action_search()
        await settle(pilot)
        screen.search_input.value = "文心"
        await settle(pilot)
        assert [r.id for r in screen.model.visible] == ["s2"]
        later = dataclasses.replace(
            library.articles["s2"],
            id="s3",
            source_path="/clips/s3.txt",
            title="文心一言用户数突破新高",
            date="2025-06-01",
        )
        library.articles["s3"] = later
        screen.read_library(force=False)  # as the import's progress does
        await settle(pilot)
        assert sorted(r.id for r in screen.model.visible) == ["s2", "s3"]
        assert screen.model.filters.query == "文心"
        assert "文心一言用户数突破新高" in list_text(screen.article_list)


class LargeLibrary(ThreadCheckingLibrary):
    """More articles than the first screenful, with the library's ``first_rows``."""

    def __init__(self, path: Path, count: int) -> None:
        base = sample_articles()[1]
        articles = [
            dataclasses.replace(
                base,
                id=f"a{i:03d}",
                source_path=f"/clips/a{i:03d}.txt",
                title=f"第{i}篇",
                date=f"2025-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}",
            )
            for i in range(count)
        ]
        super().__init__(path)
        self.articles = {a.id: a for a in articles}
        self.first_calls: list[int] = []

    def first_rows(self, paths: Any, limit: int) -> tuple[list[ArticleRow], int]:
        self._note("first_rows")
        self.first_calls.append(limit)
        rows = super().list_articles(paths)
        return rows[:limit], len(rows)


async def test_a_large_library_lists_its_first_screenful_then_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.reader_workers import FIRST_ROWS
    from tui.widgets.article_list import ArticleList

    count = FIRST_ROWS + 50
    library = LargeLibrary(tmp_path / "fake.sqlite3", count)
    given: list[tuple[int, int, int, int]] = []
    facets: list[str] = []
    set_rows = ArticleList.set_rows

    def recorded(self: ArticleList, rows: Any, simplified: bool, keep: Any, more: int = 0) -> None:
        shown = reader(app).query_one(FacetSummary)._shown  # the facets until now
        facets.append(shown.plain if shown is not None else "")
        set_rows(self, rows, simplified, keep, more)
        model = reader(app).model  # (what the header and the list's title count)
        given.append((len(rows), more, model.visible_total, model.row_total))

    monkeypatch.setattr(ArticleList, "set_rows", recorded)
    app = make_app(library)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = reader(app)
        assert library.ui_thread_calls == []
        newest = library.list_articles(["/clips"])
        # First the screenful (the header counts every row), then the whole list.
        assert given[0] == (FIRST_ROWS, 50, count, count)
        assert given[-1] == (count, 0, count, count)
        assert screen.article_list.border_title == f"文章 {count}/{count}"
        assert facets[1] == "公司(c) …\n标签(t) …"  # counted once every row is in
        summary = screen.query_one(FacetSummary)._shown
        assert summary is not None and summary.plain.startswith(f"公司(c) 腾讯 {count}")
        assert listed(app) == [r.id for r in newest]
        assert screen.article_list.highlighted_id == newest[0].id
        assert screen.shown is not None and screen.shown.article.id == newest[0].id
        assert screen.article_list.virtual_size.height == screen.article_list.tops[-1]
        await pilot.press("G")  # the last row is there to go to
        await settle(pilot)
        assert screen.shown is not None and screen.shown.article.id == newest[-1].id
    assert library.first_calls == [FIRST_ROWS]


async def test_a_search_key_draws_the_article_it_lists_first_with_the_list(
    library: FakeLibrary,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.shown is not None and screen.shown.article.id == "s1"
        loads: list[str] = []
        screen.load_article = loads.append  # type: ignore[method-assign,assignment]
        screen.action_search()
        screen.search_input.value = "研發"  # only t1, not read yet
        await settle(pilot)
        assert listed(app) == ["t1"]
        assert screen.shown is not None and screen.shown.article.id == "t1"
        assert screen.shown.title_hits  # drawn with the search's hits
        assert loads == []  # read with the results, not after them
