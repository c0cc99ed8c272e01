"""The main screen: filters and article list, the article, the figures panel.

The state lives in a :class:`tui.reader_model.ReaderModel`; this screen turns
keys and widget messages into model calls and redraws what they say changed.
The library is read only in threads, whose results come back as messages (or,
at mount, are taken from the thread that read them): at start the rows (and the
article to show first) are read in a worker and painted, a large library's
first screenful of rows before the rest (``FirstScreen``, read from the moment
the screen is made, so the first layout holds the list), then the files are
synced in another worker, which reports progress and the files it could not
read. The reading place is saved a second
after the last move, and on exit.
"""

from __future__ import annotations

import gc
import threading
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches

from tui.bindings import SCREEN_BINDINGS
from tui.filters import Filters
from tui.reader_model import (
    Change,
    LoadedArticle,
    Problem,
    ReaderModel,
    Row,
    Shown,
    Top,
    library_notice,
)
from tui.screens.reader_messages import (
    ArticleLoaded,
    FilesMissing,
    RowsIndexed,
    RowsRead,
    SearchDone,
    SyncFailed,
    SyncFinished,
    SyncProgressed,
)
from tui.screens.reader_workers import FirstScreen, LibraryWorkers, document_of, same_drawing
from tui.screens.reader_writing import WritingKeys
from tui.store.state import ReaderState
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.chrome import FacetSummary, KeyBar, StatusBar, library_label, status_content
from tui.widgets.figures_panel import FigureEntry, FiguresPanel
from tui.widgets.messages import (
    ArticleChosen,
    FigureChosen,
    FigureCopy,
    FigureSelected,
    FilterChanged,
    QueryChanged,
    QuerySubmitted,
    ReadOn,
)
from tui.widgets.search import SearchBox

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widgets import Input

    from tui.store.library import Library
    from tui.widgets.mdblocks import Document

WIDE = 120  # from this width the figures panel shows by default
NARROW = 100  # below this width the figures panel replaces the list pane
SAVE_DELAY = 1.0  # seconds after the last move before the place is saved
FILL_EVERY = 0.5  # seconds between list refreshes while a new library fills
# Generation-1 collections between automatic full collections once the list is
# painted (Python's default is 10): the reader makes its own full collection when
# idle (``_when_idle``), so typing pays for none. At 100, four full collections of
# 45-55 ms still fell in the bench's 120 search keys at 10,000 articles (one
# generation-1 collection comes every few keys); at 1,000 one comes every few
# hundred keys, and a second of rest collects the cycles made meanwhile.
FULL_COLLECTION_EVERY = 1000
ARTICLE_AFTER = 1 / 60  # seconds (a frame) from the first painted list to its article
FIRST_WAIT = 0.05  # seconds the mounting screen waits for its first screenful of rows


_collector = {"paused": False, "frozen": False}


def pause_collector() -> None:
    """Pause the cycle collector while the reader starts (``ReaderApp`` calls this
    as it begins to run): the start makes Textual's objects, the widgets and the
    library's rows, all kept, and the collections they set off (full ones walking
    everything imported, 15-35 ms each) only delayed the first list. Objects
    freed by reference count are still freed meanwhile."""
    if gc.isenabled():
        gc.disable()
        _collector["paused"] = True


def resume_collector(freeze: bool = True) -> None:
    """Once the list is painted (``freeze``): what exists now lives as long as the
    app (Textual, the widgets, the library's rows), moved out of the collector's
    reach once per process, so a full collection no longer walks it, which took
    150-280 ms in the middle of a key or a filter change; only cycles made before
    this point are kept. Then (and when the app ends) the collector runs again
    if it was paused."""
    if freeze and not _collector["frozen"]:
        if not gc.get_freeze_count():
            gc.freeze()
            # After the freeze only what keys, filters and articles made since is
            # walked by a full collection, yet one still took 40-80 ms at 10,000
            # articles (the loaded articles, their layouts, the lists of rows), 30
            # times in 200 keys and filter changes: now one in ten as often, and
            # one when the reader is idle (``ReaderScreen._when_idle``).
            first, second, third = gc.get_threshold()
            gc.set_threshold(first, second, max(third, FULL_COLLECTION_EVERY))
        _collector["frozen"] = True
    if _collector["paused"]:
        _collector["paused"] = False
        gc.enable()


def freeze_more() -> None:
    """Once the collector's freeze is made (``resume_collector``): move what was
    made since out of its reach too. A large library's rows come after its first
    screenful is painted, and after the freeze: at 10,000 articles 45,000 more
    objects (the rows, their lists, the filters' index) that every full
    collection would walk again (55,000 objects frozen without this, 100,000
    with it)."""
    if _collector["frozen"] and gc.get_freeze_count():
        gc.freeze()


class ReaderScreen(WritingKeys, LibraryWorkers):
    """The reader's main screen (its workers: ``tui.screens.reader_workers``; its
    writing keys: ``tui.screens.reader_writing``)."""

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
        self.model = ReaderModel(state)
        self.stopping = threading.Event()
        self.sync_enabled = sync
        self.cursor_blink = cursor_blink
        self.problems: list[Problem] = []
        self.notice = ""
        self._painted = False
        self._hit_on_draw = False  # enter in the search box: select the first hit once drawn
        self._loading: str | None = None  # the article a worker is reading
        self._pending: tuple[str, Top] | None = None  # the article to draw when it comes
        self._last_reload = 0.0
        self._library_label = library_label(str(library.path), paths)
        self._save_timer: Timer | None = None
        # The last article drawn (what was shown, its document, searching), to skip
        # drawing it again unchanged (see ``draw``).
        self._drawn: tuple[Shown, Document, bool] | None = None
        self._first_screen = FirstScreen(library, paths, self.model)
        self._rest_read = False  # the rows after a first screenful came, their index not yet

    # The model's state under the names tests and the palette use.
    @property
    def rows(self) -> list[Row]:
        return self.model.rows

    @property
    def filters(self) -> Filters:
        return self.model.filters

    @property
    def simplified(self) -> bool:
        return self.model.simplified

    @property
    def shown(self) -> Shown | None:
        return self.model.shown

    @property
    def entries(self) -> list[FigureEntry]:
        return self.model.shown.entries if self.model.shown else []

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
                search = SearchBox(placeholder="搜索标题和正文…", id="search", compact=True)
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
        return self.query_one("#search", SearchBox)

    def on_mount(self) -> None:
        self.article_list.border_title = "文章"
        self.figures_panel.border_title = "数字"
        self.search_input.display = False
        self.article_view.set_placeholder("正在整理文章…")
        self.apply_layout()
        self.article_list.focus()
        if self.model.filters.query:
            self.search_input.value = self.model.filters.query
            self.search_input.display = True
        self.notice = library_notice(self.library)
        if self.notice:
            self.notify(self.notice, title="资料库", severity="warning", markup=False, timeout=15)
            self.query_one(StatusBar).show_problems(1)
        self.update_status()
        # A large library's first screenful, read in a thread since the screen was
        # made, is listed before the first layout; the rest follows from a worker.
        first = self._first_screen
        listed = first.take(FIRST_WAIT)
        if listed is not None:
            self.on_rows_read(listed.message())
        self.read_library(start=True, first=first, listed=listed is not None)

    def _after_quiet_frame(self) -> None:
        self.call_after_refresh(self._after_first_paint)  # (once nothing waits to be drawn)

    def _after_first_paint(self) -> None:
        # The article is shown only now: parsing Markdown the first time loads
        # markdown-it and compiles the wrapping tables, which would delay the list.
        self._painted = True
        resume_collector()
        self.show_highlighted()
        if self.sync_enabled:
            self.sync_library()
            if not self.model.rows:
                # A new library: while its first file is cleaned (in a worker process,
                # see workers.prestart) load what drawing the first article needs, so
                # the first titles are not painted after a markdown-it import.
                self.warm_up()
        else:
            self.warm_up()

    def on_resize(self) -> None:
        self.apply_layout()

    def figures_visible(self) -> bool:
        if self.model.figures_choice is not None:
            return self.model.figures_choice
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

    # -- worker results ------------------------------------------------------------

    def on_rows_read(self, message: RowsRead) -> None:
        model = self.model
        if message.preload is not None:
            self._loading = message.preload
        if message.search is not None:
            model.search_done(*message.search)
        keep = model.keep_id()
        if message.rest:  # the whole list after its first screenful: stay where the user is
            keep = model.shown_id or self.article_list.highlighted_id or keep
            self._rest_read = True
        model.set_rows(message.rows, message.unread)
        first = model.stay_on_first()
        if message.force:
            self._reshow_in_place()
        self.refresh_list(keep=keep, first=first)
        if first:
            model.auto_id = self.article_list.highlighted_id
        if message.painted is not None:
            self.call_after_refresh(message.painted.set)
        if message.start:
            # A frame after the list is on screen: the screen stays complete and
            # idle for that frame (what ``tui.cli.bench_reader`` waits to see)
            # before the first article's 50-100 ms of work (markdown-it's import,
            # its first parse) and the files' check, whose progress repaints the
            # status bar, begin; the user sees the list at the same moment.
            self.call_after_refresh(self.set_timer, ARTICLE_AFTER, self._after_quiet_frame)

    def on_rows_indexed(self, message: RowsIndexed) -> None:
        self.model.adopt_index(message.rows, message.index)
        if self._rest_read:  # every row of a large library, and its index, are in
            self._rest_read = False
            freeze_more()

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if self._loading == message.article_id:
            self._loading = None
        if message.loaded is None:
            return
        self.model.remember(message.loaded)
        pending, self._pending = self._pending, None
        wanted = self.article_list.highlighted_id
        if pending is not None and pending[0] == message.article_id == wanted:
            if self.model.shown_id != wanted:
                self.draw(message.loaded, pending[1])
        elif pending is not None:
            self._pending = pending  # still waiting for the wanted one

    def on_files_missing(self, message: FilesMissing) -> None:
        if self.model.set_missing(message.source_paths):
            self.refresh_list(keep=self.model.keep_id())

    def on_sync_progressed(self, message: SyncProgressed) -> None:
        model = self.model
        if model.sync_started():
            self._last_reload = 0.0
            self.article_list.empty_text = "正在整理…"
            if not model.rows:
                self.refresh_list()  # say so in the empty list
        self.query_one(StatusBar).show_progress(message.done, message.total)
        # A new library: show the articles as they are cleaned (at most twice a second).
        now = time.monotonic()
        if model.filling and message.done and now - self._last_reload > FILL_EVERY:
            self._last_reload = now
            self.read_library()

    def on_sync_finished(self, message: SyncFinished) -> None:
        self.model.syncing = False
        changed = message.added + message.updated
        self.problems = message.problems
        label = f"新增 {message.added} · 更新 {message.updated}" if changed else ""
        if message.problems:
            count = len(message.problems)
            label = f"{label} · {count} 个文件出错".strip(" ·")
            lines = [f"{Path(p.path).name}: {p.reason}" for p in message.problems[:5]]
            lines += [f"…另有 {count - 5} 个" if count > 5 else "", "按 ! 查看全部"]
            self.notify(
                "\n".join(line for line in lines if line),
                title="无法读取",
                severity="warning",
                markup=False,
                timeout=10,
            )
        status = self.query_one(StatusBar)
        status.hide_progress(label)
        status.show_problems(len(self.problems) + bool(self.notice))
        if changed:
            self.model.forget_articles()
        self.read_library(force=changed > 0)
        if not self.model.rows and not changed:
            text = "没有文章：请给出 .txt/.md/.html 文件或目录"
            if message.problems:
                first = message.problems[0]
                reason = f"{Path(first.path).name}: {first.reason}"
                text = f"没有文章：{len(message.problems)} 个文件无法读取（{reason}）"
            self.article_view.set_placeholder(text)

    def on_sync_failed(self, message: SyncFailed) -> None:
        self.model.syncing = False
        self.query_one(StatusBar).hide_progress("整理失败")
        self.notify(message.reason, title="整理失败", severity="error", markup=False)

    def on_search_done(self, message: SearchDone) -> None:
        model = self.model
        if message.loaded is not None:
            model.remember(message.loaded)
        keep = model.shown_id or self.article_list.highlighted_id
        change = model.search_done(message.query, message.simplified_query, message.ids)
        if change is Change.NONE:
            return  # typed on since
        self._reshow_in_place()  # the hits changed
        self.refresh_list(keep=keep or model.restore_id)
        if model.open_first_pending:
            model.open_first_pending = False
            self._open_first()

    # -- list and filters ----------------------------------------------------

    def apply(self, change: Change) -> None:
        """Redraw what a model call changed, keeping the current article."""
        keep = self.model.current_id(self.article_list.highlighted_id)
        if change & Change.SEARCH:
            self.run_search(self.model.filters.query)
        if change & Change.ARTICLE:
            self._reshow_in_place()
        if change & (Change.LIST | Change.ARTICLE):
            self.refresh_list(keep=keep)
        if change:
            self.schedule_save()

    def _reshow_in_place(self) -> None:
        """Make the next ``show_highlighted`` draw the current article again at
        the same place (its text, hits or script changed)."""
        self.model.reshow_in_place(self.article_view.place)

    def refresh_list(self, keep: str | None = None, first: bool = False) -> None:
        """Redraw list, facets and header from the model, keeping ``keep``
        (default: the shown article) highlighted, or the first article with ``first``."""
        model = self.model
        lst = self.article_list
        if model.syncing and not model.rows:
            lst.empty_text = "正在整理…"
        else:
            lst.empty_text = "没有匹配的文章" if model.rows else "没有文章"
        if first:
            keep = None
        elif keep is None:
            keep = model.shown_id
        lst.set_rows(model.visible, model.simplified, keep, more=model.unread)
        lst.border_title = f"文章 {model.visible_total}/{model.row_total}"
        facets = self.query_one(FacetSummary)
        if model.unread:  # counted once every row is read
            facets.show_pending()
        else:
            counts = model.facets()
            facets.show_facets(counts.companies, counts.tags)
        self.update_status()
        self.refresh_bindings()
        self.show_highlighted()

    def update_status(self) -> None:
        model = self.model
        self.query_one(StatusBar).show_status(
            status_content(
                self._library_label,
                model.visible_total,
                model.row_total,
                model.filters,
                model.simplified,
            )
        )

    @on(ArticleChosen)
    def _article_chosen(self, event: ArticleChosen) -> None:
        event.stop()
        self.show_highlighted()
        if event.open:
            self.article_view.focus()

    @on(ReadOn)
    def _read_on(self, event: ReadOn) -> None:
        event.stop()
        if event.pages > 0:
            self.article_view.action_page_down()
        else:
            self.article_view.action_page_up()

    # -- the article -----------------------------------------------------------

    def show_highlighted(self) -> None:
        if not self._painted:
            return
        model = self.model
        article_id = self.article_list.highlighted_id
        if article_id is None:
            model.hide()
            self.article_view.set_document(None)
            self.article_view.set_placeholder(
                self.article_list.empty_text if model.rows else self.article_view.placeholder
            )
            self.figures_panel.set_entries([], message="")
            return
        if model.shown_id != article_id:
            top = model.take_top(article_id)
            loaded = model.loaded(article_id)
            if loaded is not None:
                self._pending = None
                self.draw(loaded, top)
                return
            self._pending = (article_id, top)
            if self._loading != article_id:
                self._loading = article_id
                self.load_article(article_id)

    def draw(self, loaded: LoadedArticle, top: Top = 0) -> None:
        """Show an article (in the chosen script) with its figures and search hits.

        The article is parsed and laid out only as far as it is shown (and up to
        a figure or hit jumped to), so a long one opens as fast as a short one."""
        model = self.model
        last, shown = self._drawn, model.present(loaded)
        view = self.article_view
        if (
            last is not None
            and view.document is last[1]
            and last[2] == model.searching
            and top == view.place  # (a place: drawn again where it is)
            and not self._hit_on_draw
            and same_drawing(last[0], shown)
        ):
            # Drawn again at its place with the same hits (a search key that found
            # the same words in it): the document and its layout stay.
            self.select_pending_figure()
            self.schedule_save()
            return
        document = document_of(shown)
        self._drawn = (shown, document, model.searching)
        view.set_document(document, top, searching=model.searching)
        self.figures_panel.set_entries(shown.entries)
        if self._hit_on_draw:
            self._hit_on_draw = False
            view.select_hit(0)
        self.select_pending_figure()
        self.schedule_save()

    @on(FigureChosen)
    def _figure_chosen(self, event: FigureChosen) -> None:
        event.stop()
        self.article_view.select_figure(event.index)

    @on(FigureSelected)
    def _figure_selected(self, event: FigureSelected) -> None:
        event.stop()
        self.figures_panel.highlight_figure(event.index)

    @on(ArticleView.Scrolled)
    def _scrolled(self, event: ArticleView.Scrolled) -> None:
        event.stop()
        # Save the place soon after scrolling stops, so a dropped SSH connection or
        # a killed terminal still reopens here.
        self.schedule_save()

    # -- search ------------------------------------------------------------------

    def action_search(self) -> None:
        if not self.query_one("#left").display:
            self.model.figures_choice = False
            self.apply_layout()
        self.search_input.display = True
        self.search_input.focus()
        self.refresh_bindings()

    @on(QueryChanged)
    def _query_changed(self, event: QueryChanged) -> None:
        event.stop()
        self.apply(self.model.set_query(event.query))

    @on(QuerySubmitted)
    def _query_submitted(self, event: QuerySubmitted) -> None:
        event.stop()
        if self.model.searching and self.model.search_ids is None:
            self.model.open_first_pending = True
            return
        self._open_first()

    def _open_first(self) -> None:
        if not self.model.visible:
            return
        self.article_list.highlighted = 0
        view = self.article_view
        view.focus()
        if self.model.shown_id == self.article_list.highlighted_id:
            view.select_hit(0)
        else:
            self._hit_on_draw = True
            self.show_highlighted()

    def action_clear_search(self) -> None:
        if not self.filters.query and not self.search_input.display:
            return
        change = self.model.clear_search()
        self.search_input.value = ""
        self.search_input.display = False
        self.apply(change | Change.LIST)
        self.article_list.focus()

    # -- filters ---------------------------------------------------------------

    def action_pick_company(self) -> None:
        self._pick("公司", "companies")

    def action_pick_tag(self) -> None:
        self._pick("标签", "tags")

    def _pick(self, title: str, kind: str) -> None:
        from tui.screens.picker import PickerScreen
        from tui.text.script import to_simplified

        counts = self.model.facets()
        facets = counts.companies if kind == "companies" else counts.tags

        def chosen(name: str | None) -> None:
            if name:
                self.post_message(FilterChanged(kind, name))

        self.app.push_screen(
            PickerScreen(title, facets, to_simplified, cursor_blink=self.cursor_blink), chosen
        )

    @on(FilterChanged)
    def _filter_changed(self, event: FilterChanged) -> None:
        event.stop()
        self.apply(self.model.toggle_facet(event.kind, event.name))

    def action_clear_filters(self) -> None:
        change = self.model.clear_filters()
        self.search_input.value = ""
        self.search_input.display = False
        self.apply(change)

    # -- other actions -----------------------------------------------------------

    def action_toggle_script(self) -> None:
        self.apply(self.model.toggle_script())

    def action_focus_figures(self) -> None:
        if not self.figures_visible():
            self.model.figures_choice = True
            self.apply_layout()
        self.figures_panel.focus()

    def action_toggle_figures(self) -> None:
        self.model.figures_choice = not self.figures_visible()
        self.apply_layout()
        self.schedule_save()

    def action_next(self) -> None:
        self.article_view.action_step(1)

    def action_previous(self) -> None:
        self.article_view.action_step(-1)

    def selected_entry(self) -> FigureEntry | None:
        panel = self.figures_panel
        if self.focused is panel and panel.highlighted_entry is not None:
            return panel.highlighted_entry
        view = self.article_view
        if 0 <= view.selected_figure < len(self.entries):
            return self.entries[view.selected_figure]
        return panel.highlighted_entry

    @on(FigureCopy)
    def _figure_copy(self, event: FigureCopy) -> None:
        event.stop()
        entries = {e.index: e for e in self.entries}
        self.action_copy_figure(entries.get(event.index))

    def action_open_article(self) -> None:
        self._article_chosen(ArticleChosen(None, open=True))

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

    def action_problems(self) -> None:
        from tui.screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.problems, self.notice))

    @on(StatusBar.ProblemsClicked)
    def _problems_clicked(self, event: StatusBar.ProblemsClicked) -> None:
        event.stop()
        self.action_problems()

    def action_quit(self) -> None:
        self.stopping.set()
        self.save_state()
        self.app.exit(0)

    # -- state ---------------------------------------------------------------------

    def current_state(self) -> ReaderState:
        view = self.article_view
        return self.model.state(view.place, view.top_line, self.app.theme)

    def schedule_save(self) -> None:
        """Save a second after the last move (every move would rewrite the file),
        and collect the garbage cycles then (see ``_when_idle``)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._when_idle)

    def _when_idle(self) -> None:
        """A second after the last move: save the place, then make the full
        collection that automatic ones, made rarer once the list is painted
        (``FULL_COLLECTION_EVERY``), would have made in the middle of keys."""
        self.save_state()
        if gc.get_freeze_count():
            gc.collect()

    def save_state(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        save = getattr(self.app, "save_state", None)
        if callable(save) and self.model.rows_read:
            save(self.current_state())

    def on_unmount(self) -> None:
        self.stopping.set()
        with suppress(NoMatches):  # widgets already gone: the last save stands
            self.save_state()
