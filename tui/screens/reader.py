"""The main screen: filters and article list, the article, the figures panel.

Startup shows the rows already in the library at once; syncing (cleaning new or
changed files, which loads jieba and opencc) runs in a thread worker after the
first paint and reports back with small messages. Searching also runs in a
thread worker so typing never waits for it.
"""

from __future__ import annotations

import os
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList

from tui.bindings import SCREEN_BINDINGS
from tui.filters import Filters, apply_filters, facet_counts
from tui.present import citation, meta_lines
from tui.store.state import ReaderState
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView, Place
from tui.widgets.chrome import FacetSummary, KeyBar, StatusBar, library_label, status_content
from tui.widgets.figures_panel import FigureEntry, FiguresPanel
from tui.widgets.mdblocks import build_document, find_hits

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.store.library import ArticleRow, Library
    from tui.text.models import Article

# ``python -m tui bench`` names a file here: the time of the first paint of the
# list is written to it and the reader exits.
BENCH_ENV = "JIEDU_BENCH_PAINT_FILE"
WIDE = 120  # from this width the figures panel shows by default
NARROW = 100  # below this width the figures panel replaces the list pane
SAVE_DELAY = 1.0  # seconds after the last scroll before the place is saved


@dataclass
class SyncProgressed(Message):
    done: int
    total: int
    path: str


@dataclass
class SyncFinished(Message):
    added: int
    updated: int
    errors: list[str]


@dataclass
class SyncFailed(Message):
    reason: str


@dataclass
class SearchDone(Message):
    query: str
    simplified_query: str
    ids: list[str]


@dataclass
class _Shown:
    """What the article view currently shows."""

    article: Article
    title: str
    body: str


class SearchInput(Input):
    """The search box; its footer shows that enter opens the first result."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "打开首个")]


def _merge_ranges(*groups: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for group in groups for r in group):
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged


class ReaderScreen(Screen[None]):
    """The reader's main screen."""

    BINDINGS: ClassVar[list[BindingType]] = list(SCREEN_BINDINGS)
    AUTO_FOCUS = "#articles"

    def __init__(
        self,
        library: Library,
        paths: list[str],
        state: ReaderState,
        *,
        sync: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__(id="reader")
        self.library = library
        self.paths = paths
        self.state = state
        self.sync_enabled = sync
        self.cursor_blink = cursor_blink
        self.rows: list[ArticleRow] = []
        self.visible_rows: list[ArticleRow] = []
        self.filters = Filters(tuple(state.companies), tuple(state.tags), "")
        self.simplified = state.simplified
        self.figures_choice: bool | None = state.figures_panel
        self.search_ids: list[str] | None = None
        self.simplified_query = ""
        self.shown: _Shown | None = None
        self.entries: list[FigureEntry] = []
        self.syncing = False
        self._open_first_result = False
        self._fact_status: dict[str, dict[tuple[int, int], str]] | None = None
        self._restore_top: int | Place | None = None
        if state.article_id:
            self._restore_top = (
                (state.top_block, state.top_offset) if state.top_block >= 0 else state.top_line
            )
        self._restore_id = state.article_id
        self._painted = False
        self._fill_while_syncing = False
        self._auto_id: str | None = None  # the article highlighted for the user while filling
        self._last_reload = 0.0
        self._library_label = library_label(str(library.path), paths)
        self._save_timer: Timer | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            return self.filters.active  # hidden from the footer when there is nothing to clear
        if action == "clear_search":
            return bool(self.filters.query) or self.search_input.display
        return True

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                search = SearchInput(placeholder="搜索标题和正文…", id="search", compact=True)
                search.cursor_blink = self.cursor_blink
                yield search
                yield FacetSummary(id="facets")
                yield ArticleList(id="articles")
            yield ArticleView(id="article")
            yield FiguresPanel(id="figures")
        yield KeyBar(id="keys")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def figures_panel(self) -> FiguresPanel:
        return self.query_one("#figures", FiguresPanel)

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    def on_mount(self) -> None:
        self.article_list.border_title = "文章"
        self.figures_panel.border_title = "数字"
        self.search_input.display = False
        self.rows = self.library.list_articles(self.paths)
        if not self.rows:
            self.article_view.set_placeholder("正在整理文章…")
        self.refresh_list(keep=self._restore_id)
        self.apply_layout()
        self.article_list.focus()
        if self.state.query:
            self.search_input.value = self.state.query
            self.search_input.display = True
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        bench_file = os.environ.get(BENCH_ENV)
        if bench_file:  # python -m tui bench: the list is on the terminal now
            Path(bench_file).write_text(repr(time.time()), encoding="utf-8")
            self.app.exit(0)
            return
        # The article is shown only now: parsing Markdown the first time loads
        # markdown-it and compiles the wrapping tables, which would delay the list.
        self._painted = True
        self.show_highlighted()
        if self.sync_enabled:
            self.sync_library()
        else:
            self.warm_up()

    def on_resize(self) -> None:
        self.apply_layout()

    def figures_visible(self) -> bool:
        if self.figures_choice is not None:
            return self.figures_choice
        return self.size.width >= WIDE

    def apply_layout(self) -> None:
        """Show or hide the side panes for the current width and the user's choice."""
        figures = self.figures_visible()
        left = not (figures and self.size.width < NARROW)
        self.figures_panel.display = figures
        self.query_one("#left").display = left
        focused = self.focused
        if focused is not None and (
            not focused.display or (not left and focused.id in ("articles", "search"))
        ):
            self.article_view.focus()

    # -- sync ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="sync")
    def sync_library(self) -> None:
        self.post_message(SyncProgressed(0, 0, ""))
        try:
            report = self.library.sync(
                self.paths,
                lambda p: self.post_message(SyncProgressed(p.done, p.total, p.path)),
            )
        except Exception as exc:  # the reader stays usable on the old library
            self.post_message(SyncFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(
            SyncFinished(
                report.added,
                report.updated,
                [f"{Path(e.path).name}: {e.reason}" for e in report.errors],
            )
        )
        self._warm()

    @work(thread=True, group="warm")
    def warm_up(self) -> None:
        self._warm()

    def _warm(self) -> None:
        """Load the slow modules off the main thread before they are needed."""
        from tui.text.script import to_simplified

        to_simplified("騰訊")
        build_document("", [], "預熱 *warm*", [(0, 1)])

    def on_sync_progressed(self, message: SyncProgressed) -> None:
        if not self.syncing:
            self.syncing = True
            self._fill_while_syncing = not self.rows
            self._last_reload = 0.0
            self.article_list.empty_text = "正在整理…"
            if not self.rows:
                self.refresh_list()  # say so in the empty list
        self.query_one(StatusBar).show_progress(message.done, message.total)
        # A new library: show the articles as they are cleaned (at most twice a second).
        now = time.monotonic()
        if self._fill_while_syncing and message.done and now - self._last_reload > 0.5:
            self._last_reload = now
            self.reload_rows()

    def on_sync_finished(self, message: SyncFinished) -> None:
        self.syncing = False
        changed = message.added + message.updated
        label = f"新增 {message.added} · 更新 {message.updated}" if changed else ""
        if message.errors:
            label = f"{label} · {len(message.errors)} 个文件出错".strip(" ·")
            more = len(message.errors) - 5
            lines = message.errors[:5] + ([f"…另有 {more} 个"] if more > 0 else [])
            self.notify(
                "\n".join(lines), title="无法读取", severity="warning", markup=False, timeout=10
            )
        self.query_one(StatusBar).hide_progress(label)
        self._fact_status = None
        self.reload_rows(force=changed > 0)
        if not self.rows:
            text = "没有文章：请给出 .txt/.md/.html 文件或目录"
            if message.errors:
                text = f"没有文章：{len(message.errors)} 个文件无法读取（{message.errors[0]}）"
            self.article_view.set_placeholder(text)

    def on_sync_failed(self, message: SyncFailed) -> None:
        self.syncing = False
        self.query_one(StatusBar).hide_progress("整理失败")
        self.notify(message.reason, title="整理失败", severity="error", markup=False)

    def reload_rows(self, force: bool = False) -> None:
        """Read the rows again; ``force`` also shows the current article again."""
        self.rows = self.library.list_articles(self.paths)
        current = self.shown.article.id if self.shown else self._restore_id
        # A new library filling up: stay on the first article (the newest), unless
        # the user has moved since (or the article to restore has arrived).
        first = (
            self._fill_while_syncing
            and current == self._auto_id
            and not any(r.id == self._restore_id for r in self.rows)
        )
        if force:
            self._reshow_in_place()
        self.refresh_list(keep=current, first=first)
        if first:
            self._auto_id = self.article_list.highlighted_id

    def _current_id(self) -> str | None:
        """The article shown (or about to be shown again)."""
        if self.shown is not None:
            return self.shown.article.id
        return self.article_list.highlighted_id or self._restore_id

    def _reshow_in_place(self) -> None:
        """Make the next ``show_highlighted`` render the current article again at
        the same place (its text, hits or script changed)."""
        if self.shown is not None:
            self._restore_id = self.shown.article.id
            self._restore_top = self.article_view.place
        self.shown = None

    # -- list and filters ----------------------------------------------------

    def refresh_list(self, keep: str | None = None, first: bool = False) -> None:
        """Apply filters and search to the rows and redraw list, facets and header,
        keeping ``keep`` (default: the shown article) highlighted, or the first
        article with ``first``."""
        searching = bool(self.filters.query.strip())
        ids = self.search_ids if searching else None
        if searching and ids is None:
            ids = []  # results not in yet
        self.visible_rows = apply_filters(self.rows, self.filters, ids)
        lst = self.article_list
        if self.syncing and not self.rows:
            lst.empty_text = "正在整理…"
        else:
            lst.empty_text = "没有匹配的文章" if self.rows else "没有文章"
        if not first and keep is None and self.shown is not None:
            keep = self.shown.article.id
        elif first:
            keep = None
        lst.set_rows(self.visible_rows, self.simplified, keep)
        lst.border_title = f"文章 {len(self.visible_rows)}/{len(self.rows)}"
        counts = facet_counts(self.visible_rows, self.filters)
        self.query_one(FacetSummary).show_facets(counts.companies, counts.tags)
        self.update_status()
        self.refresh_bindings()
        self.show_highlighted()

    def update_status(self) -> None:
        self.query_one(StatusBar).show_status(
            status_content(
                self._library_label,
                len(self.visible_rows),
                len(self.rows),
                self.filters,
                self.simplified,
            )
        )

    def show_highlighted(self) -> None:
        if not self._painted:
            return
        article_id = self.article_list.highlighted_id
        if article_id is None:
            self.shown = None
            self.entries = []
            self.article_view.set_document(None)
            self.article_view.set_placeholder(
                self.article_list.empty_text if self.rows else self.article_view.placeholder
            )
            self.figures_panel.set_entries([], message="")
            return
        if self.shown is None or self.shown.article.id != article_id:
            top: int | Place = 0
            if article_id == self._restore_id and self._restore_top is not None:
                top = self._restore_top
            self._restore_top = None  # a place is restored once, for that article only
            self.show_article(article_id, top)

    @on(OptionList.OptionHighlighted, "#articles")
    def _article_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_highlighted()

    @on(OptionList.OptionSelected, "#articles")
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.show_highlighted()
        self.article_view.focus()

    # -- the article -----------------------------------------------------------

    def fact_status(self, article_id: str) -> dict[tuple[int, int], str]:
        if self._fact_status is None:
            table: dict[str, dict[tuple[int, int], str]] = {}
            for group in self.library.facts():
                for member in group.members:
                    marks = table.setdefault(member.article_id, {})
                    key = (member.start, member.end)
                    if marks.get(key) != "conflict":
                        marks[key] = group.status
            self._fact_status = table
        return self._fact_status.get(article_id, {})

    def show_article(self, article_id: str, top: int | Place = 0) -> None:
        """Show an article (in the chosen script) with its figures and search hits."""
        article = self.library.get_article(article_id)
        if article is None:
            return
        title, body = article.title, article.body
        simple_title = simple_body = None
        if self.simplified or self.filters.query.strip():
            try:
                simple_title, simple_body = self.library.get_simplified(article_id)
            except KeyError:
                simple_title = simple_body = None
        if (
            self.simplified
            and simple_body is not None
            and simple_title is not None
            and len(simple_body) == len(body)  # figure offsets stay valid
        ):
            title, body = simple_title, simple_body
        self.shown = _Shown(article, title, body)
        figures = sorted(
            (f for f in article.figures if 0 <= f.start < f.end <= len(body)),
            key=lambda f: (f.start, f.end),
        )
        statuses = self.fact_status(article_id)
        self.entries = [
            FigureEntry(i, body[f.start : f.end], f, statuses.get((f.start, f.end)))
            for i, f in enumerate(figures)
        ]
        body_hits, title_hits = self._hits(title, body, simple_title, simple_body)
        document = build_document(
            title,
            meta_lines(
                article.site,
                article.author,
                article.date,
                article.tags,
                article.companies,
            ),
            body,
            [(f.start, f.end) for f in figures],
            body_hits,
            title_hits,
        )
        self.article_view.set_document(document, top)
        self.figures_panel.set_entries(self.entries)
        self.save_state()

    def _hits(
        self, title: str, body: str, simple_title: str | None, simple_body: str | None
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        query = self.filters.query.strip()
        if not query:
            return [], []
        body_hits = [find_hits(body, query)]
        title_hits = [find_hits(title, query)]
        simple_query = self.simplified_query or query
        if simple_body is not None and len(simple_body) == len(body):
            body_hits.append(find_hits(simple_body, simple_query))
        if simple_title is not None and len(simple_title) == len(title):
            title_hits.append(find_hits(simple_title, simple_query))
        return _merge_ranges(*body_hits), _merge_ranges(*title_hits)

    def rerender_article(self) -> None:
        """Show the current article again (script or search changed), keeping the place."""
        if self.shown is None:
            self.show_highlighted()
            return
        self.show_article(self.shown.article.id, self.article_view.place)

    @on(OptionList.OptionSelected, "#figures")
    def _figure_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.article_view.select_figure(int(event.option.id))

    @on(ArticleView.Scrolled)
    def _scrolled(self, event: ArticleView.Scrolled) -> None:
        event.stop()
        self.state.top_line = event.top
        # Save the place soon after scrolling stops, so a dropped SSH connection or
        # a killed terminal still reopens here.
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_place)

    def _save_place(self) -> None:
        self._save_timer = None
        if self.shown is not None:
            self.save_state()

    # -- search ------------------------------------------------------------------

    def action_search(self) -> None:
        if not self.query_one("#left").display:
            self.figures_choice = False
            self.apply_layout()
        self.search_input.display = True
        self.search_input.focus()
        self.refresh_bindings()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value
        self.filters = self.filters.with_query(query)
        if not query.strip():
            self.search_ids = None
            self.simplified_query = ""
            self.refresh_list()
            self.rerender_article()
            return
        self.run_search(query)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        from tui.text.script import to_simplified

        ids = self.library.search(query)
        self.post_message(SearchDone(query, to_simplified(query), ids))

    def on_search_done(self, message: SearchDone) -> None:
        if message.query != self.filters.query:
            return  # typed on since
        self.search_ids = message.ids
        self.simplified_query = message.simplified_query
        keep = self.shown.article.id if self.shown else self.article_list.highlighted_id
        self._reshow_in_place()  # the hits changed
        self.refresh_list(keep=keep or self._restore_id)
        if self._open_first_result:
            self._open_first_result = False
            self._open_first()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.filters.query.strip() and self.search_ids is None:
            self._open_first_result = True
            return
        self._open_first()

    def _open_first(self) -> None:
        if self.visible_rows:
            self.article_list.highlighted = 0
            self.show_highlighted()
            view = self.article_view
            view.focus()
            if view.hit_count:
                view.select_hit(0)

    def action_clear_search(self) -> None:
        had_query = bool(self.filters.query)
        if not had_query and not self.search_input.display:
            return
        current = self._current_id()
        self.search_input.value = ""
        self.search_input.display = False
        self.filters = self.filters.with_query("")
        self.search_ids = None
        self.simplified_query = ""
        if had_query:
            self._reshow_in_place()
        self.refresh_list(keep=current)
        self.article_list.focus()
        self.save_state()

    # -- filters ---------------------------------------------------------------

    def _simplify(self, text: str) -> str:
        from tui.text.script import to_simplified

        return to_simplified(text)

    def action_pick_company(self) -> None:
        self._pick("公司", "companies")

    def action_pick_tag(self) -> None:
        self._pick("标签", "tags")

    def _pick(self, title: str, kind: str) -> None:
        from tui.screens.picker import PickerScreen

        counts = facet_counts(self.visible_rows, self.filters)
        facets = counts.companies if kind == "companies" else counts.tags

        def chosen(name: str | None) -> None:
            if not name:
                return
            if kind == "companies":
                self.filters = self.filters.toggle_company(name)
            else:
                self.filters = self.filters.toggle_tag(name)
            self.refresh_list()
            self.save_state()

        self.app.push_screen(
            PickerScreen(title, facets, self._simplify, cursor_blink=self.cursor_blink), chosen
        )

    def action_clear_filters(self) -> None:
        had_query = bool(self.filters.query)
        current = self._current_id()
        self.filters = Filters()
        self.search_ids = None
        self.simplified_query = ""
        self.search_input.value = ""
        self.search_input.display = False
        if had_query:
            self._reshow_in_place()
        self.refresh_list(keep=current)
        self.save_state()

    # -- other actions -----------------------------------------------------------

    def action_toggle_script(self) -> None:
        self.simplified = not self.simplified
        current = self.shown.article.id if self.shown else None
        self._reshow_in_place()
        self.refresh_list(keep=current)
        self.save_state()

    def action_focus_figures(self) -> None:
        if not self.figures_visible():
            self.figures_choice = True
            self.apply_layout()
        self.figures_panel.focus()

    def action_toggle_figures(self) -> None:
        self.figures_choice = not self.figures_visible()
        self.apply_layout()
        self.save_state()

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        view = self.article_view
        lay = view.layout_lines
        if self.filters.query.strip() and view.hit_count and lay is not None:
            view.select_hit(view.step_target(lay.hit_lines, view.current_hit, direction))
            return
        order = view.figure_order()
        if not order or lay is None:
            self.notify("本文没有数字" if not self.filters.query else "没有搜索结果")
            return
        current = order.index(view.selected_figure) if view.selected_figure in order else -1
        lines = [lay.figure_lines[i] for i in order]
        figure = order[view.step_target(lines, current, direction)]
        view.select_figure(figure)
        self.figures_panel.highlight_figure(figure)

    def selected_entry(self) -> FigureEntry | None:
        panel = self.figures_panel
        if self.focused is panel and panel.highlighted_entry is not None:
            return panel.highlighted_entry
        view = self.article_view
        if view.selected_figure >= 0 and view.selected_figure < len(self.entries):
            return self.entries[view.selected_figure]
        return panel.highlighted_entry

    def action_copy_figure(self) -> None:
        entry = self.selected_entry()
        if entry is None or self.shown is None:
            self.notify("没有可复制的数字", severity="warning")
            return
        article = self.shown.article
        text = citation(entry.text, entry.figure, self.shown.title, article.site, article.date)
        self.app.copy_to_clipboard(text)
        self.notify(text, title="已复制", markup=False)

    def action_open_article(self) -> None:
        self.show_highlighted()
        self.article_view.focus()

    def action_page_down(self) -> None:
        self.article_view.action_page_down()

    def action_page_up(self) -> None:
        self.article_view.action_page_up()

    def action_article_top(self) -> None:
        self.article_view.action_scroll_home()

    def action_article_bottom(self) -> None:
        self.article_view.action_scroll_end()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.save_state()
        self.app.exit(0)

    # -- state ---------------------------------------------------------------------

    def current_state(self) -> ReaderState:
        block, offset = self.article_view.place if self.shown else (-1, 0)
        return ReaderState(
            article_id=self.shown.article.id if self.shown else self.state.article_id,
            top_line=self.article_view.top_line if self.shown else 0,
            top_block=block,
            top_offset=offset,
            companies=list(self.filters.companies),
            tags=list(self.filters.tags),
            query=self.filters.query,
            simplified=self.simplified,
            figures_panel=self.figures_choice,
            theme=self.app.theme,
        )

    def save_state(self) -> None:
        save = getattr(self.app, "save_state", None)
        if callable(save):
            self.state = self.current_state()
            save(self.state)

    def on_unmount(self) -> None:
        with suppress(NoMatches):  # widgets already gone: the last save stands
            self.save_state()

    def debug_info(self) -> dict[str, Any]:
        """A summary for tests and the benchmark."""
        return {
            "visible": [r.id for r in self.visible_rows],
            "shown": self.shown.article.id if self.shown else None,
            "filters": self.filters,
        }
