"""The reader screen's workers: every library call and every slow parse of the
reader happens here, in a thread, and comes back as a message
(``tui.screens.reader_messages``), so no key ever waits for the library."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from tui.filters import apply_filters
from tui.reader_model import (
    Problem,
    ReaderModel,
    Row,
    Shown,
    check_files,
    fetch_article,
    index_rows,
    read_first_rows,
    read_rows,
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
from tui.widgets.mdblocks import Document, build_document, open_document

if TYPE_CHECKING:
    from tui.store.library import SyncProgress

# Rows listed first at start while the rest is read: a screenful on a terminal of
# 150 lines and more (an entry takes one to three lines).
FIRST_ROWS = 150
# Seconds the reading worker waits for the first list to be painted before it
# reads on (its work would take turns with the paint for the interpreter).
PAINT_WAIT = 0.5


def document_of(shown: Shown) -> Document:
    """The blocks of the shown article, parsed as far as they are laid out."""
    return open_document(
        shown.title, shown.meta, shown.body, shown.figure_spans, shown.body_hits, shown.title_hits
    )


def same_drawing(old: Shown, new: Shown) -> bool:
    """Whether ``new`` draws as ``old`` did: the same text, metadata, figures
    (with their marks) and search hits, so its document would be the same."""
    return (
        old.article is new.article
        and old.title is new.title
        and old.body is new.body
        and old.meta is new.meta
        and old.entries is new.entries
        and old.body_hits == new.body_hits
        and old.title_hits == new.title_hits
    )


@dataclass
class Listed:
    """The first screenful of a large library's rows: the rest (``unread`` rows)
    is read after it is painted (``painted``), and the article to show first."""

    rows: list[Row]
    unread: int
    target: str
    painted: threading.Event = field(default_factory=threading.Event)

    def message(self) -> RowsRead:
        return RowsRead(
            self.rows, start=True, preload=self.target, unread=self.unread, painted=self.painted
        )


class FirstScreen:
    """Reads the first screenful of rows (a few milliseconds at any size, along
    the list's index) in a thread from the moment the screen is made, so that
    the screen's first layout already holds the list. ``listed`` is None when
    there is no such screenful: the library fits in it (it is read whole as
    before), filters or a search choose the rows, the article to restore is
    further down, or the library cannot read it."""

    def __init__(self, library: Any, paths: Sequence[str], model: ReaderModel) -> None:
        self.listed: Listed | None = None
        self.done = threading.Event()
        self._args = (library, list(paths), model.filters.active, model.restore_id)
        threading.Thread(target=self._read, name="first-rows", daemon=True).start()

    def _read(self) -> None:
        library, paths, filtered, restore_id = self._args
        try:
            if filtered:
                return
            first = read_first_rows(library, paths, FIRST_ROWS)
            if first is None:
                return
            rows, total = first
            ids = [row.id for row in rows]
            if not ids or total <= len(ids):
                return
            target = restore_id or ids[0]
            if target in ids:
                self.listed = Listed(rows, total - len(ids), target)
        except Exception:  # the usual read of the rows says what is wrong
            self.listed = None
        finally:
            self.done.set()

    def take(self, timeout: float | None) -> Listed | None:
        """The screenful once read (waiting up to ``timeout`` seconds), else None."""
        return self.listed if self.done.wait(timeout) else None


class SyncStopped(Exception):
    """Raised from the sync's progress callback when the app closes."""


class LibraryWorkers(Screen[None]):
    """The reader screen's base: its workers (the screen sets ``library``,
    ``paths`` and ``model``). ``stopping`` is set when the screen goes away, so a
    sync in progress stops after the file it is on instead of keeping the
    process alive until every file is cleaned."""

    library: Any
    paths: Sequence[str]
    model: ReaderModel
    stopping: threading.Event

    @work(thread=True, exclusive=True, group="rows")
    def read_library(
        self,
        start: bool = False,
        force: bool = False,
        first: FirstScreen | None = None,
        listed: bool = False,
    ) -> None:
        """Read the rows; at start also the search results and the first article
        (``first``: the first screenful of rows, read since the screen was made;
        ``listed``: it is listed already)."""
        model = self.model
        if start and first is not None and self._read_first_screen(first, listed):
            return
        rows = read_rows(self.library, self.paths)
        if not start:
            if not force and rows == model.rows:
                # Read again after a sync that changed nothing: the rows shown stay
                # (new row objects would be redrawn for nothing, and would not be
                # frozen with the rest, see ``ReaderScreen._after_first_paint``:
                # 30,000 more objects for each full collection to walk at 10,000).
                return
            # The search again too: articles imported or changed since it ran are
            # found (a search typed while a folder is imported would keep the
            # results of the articles stored at that moment).
            self.post_message(RowsRead(rows, self._search_now(), force=force))
            self.post_message(RowsIndexed(rows, index_rows(rows)))
            return
        search = self._search_now()
        ids = search[2] if search is not None else None
        # Paint the list now; the article it will highlight is read right after.
        visible = [r.id for r in apply_filters(rows, model.filters, ids)]
        first = model.restore_id if model.restore_id in visible else None
        first = first or (visible[0] if visible else None)
        painted = threading.Event()
        self.post_message(RowsRead(rows, search, start=True, preload=first, painted=painted))
        if first is not None:
            painted.wait(PAINT_WAIT)  # the list is painted without this thread's work
            self._load(first)
        # The filters' index last: the list is painted and the article read without it.
        self.post_message(RowsIndexed(rows, index_rows(rows)))

    def _read_first_screen(self, first: FirstScreen, listed: bool) -> bool:
        """At start: a large library's first screenful of rows is listed first
        (``listed``: it is already, by ``ReaderScreen.on_mount``), then the first
        article is read, then every row (about 100 ms at 10,000 articles: the
        query, its sort and 10,000 row objects). False, having done nothing, when
        there is no such screenful (see ``FirstScreen``)."""
        screenful = first.take(None)
        if screenful is None:
            return False
        if not listed:
            self.post_message(screenful.message())
        screenful.painted.wait(PAINT_WAIT)  # the list is painted without this thread's work
        self._load(screenful.target)
        rows = read_rows(self.library, self.paths)
        self.post_message(RowsRead(rows, rest=True))
        self.post_message(RowsIndexed(rows, index_rows(rows)))
        return True

    def _search_now(self) -> tuple[str, str, list[str]] | None:
        """The current query's results from the library, as ``RowsRead`` carries
        them (None: no search)."""
        if not self.model.searching:
            return None
        from tui.text.script import to_simplified

        query = self.model.filters.query
        return query, to_simplified(query), self.library.search(query)

    @work(thread=True, group="open")
    def load_article(self, article_id: str) -> None:
        self._load(article_id)

    def _load(self, article_id: str) -> None:
        self.post_message(ArticleLoaded(article_id, fetch_article(self.library, article_id)))

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        from tui.text.script import to_simplified

        ids = self.library.search(query)
        simplified_query = to_simplified(query)
        # The article the results will show, read with them when it is not kept
        # already, so it is drawn with the list in one paint instead of a paint later.
        target = self.model.shown_after_search(ids)
        loaded = None
        if target is not None and self.model.loaded(target) is None:
            loaded = fetch_article(self.library, target)
        self.post_message(SearchDone(query, simplified_query, ids, loaded))

    @work(thread=True, exclusive=True, group="sync")
    def sync_library(self) -> None:
        """Re-check the files (one walk, one query); clean only what changed."""
        self.post_message(SyncProgressed(0, 0, ""))
        try:
            changes = check_files(self.library, self.paths)
            if changes is not None and changes.missing:
                self.post_message(FilesMissing(list(changes.missing)))
            if changes is not None and not changes.to_read:
                errors, added, updated = changes.errors, 0, 0
            else:
                report = self.library.sync(self.paths, self._progress)
                errors, added, updated = report.errors, report.added, report.updated
        except SyncStopped:
            return  # the app is closing: what was stored stays, the rest next time
        except Exception as exc:  # the reader stays usable on the old library
            self.post_message(SyncFailed(f"{type(exc).__name__}: {exc}"))
            return
        problems = [Problem(e.path, e.reason) for e in errors]
        self.post_message(SyncFinished(added, updated, problems))
        self._warm()

    def _progress(self, progress: SyncProgress) -> None:
        if self.stopping.is_set():
            raise SyncStopped  # ends the sync (and its worker processes) after this file
        self.post_message(SyncProgressed(progress.done, progress.total, progress.path))

    @work(thread=True, group="warm")
    def warm_up(self) -> None:
        self._warm()

    def _warm(self) -> None:
        """Load the slow modules off the main thread before they are needed."""
        from tui.text.script import to_simplified

        to_simplified("騰訊")
        build_document("", [], "預熱 *warm*", [(0, 1)])
