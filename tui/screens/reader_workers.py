"""The reader screen's workers: every library call and every slow parse of the
reader happens here, in a thread, and comes back as a message
(``tui.screens.reader_messages``), so no key ever waits for the library."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from tui.filters import apply_filters
from tui.reader_model import (
    Problem,
    ReaderModel,
    Shown,
    check_files,
    fetch_article,
    index_rows,
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
    def read_library(self, start: bool = False, force: bool = False) -> None:
        """Read the rows; at start also the search results and the first article."""
        model = self.model
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
        self.post_message(RowsRead(rows, search, start=True, preload=first))
        if first is not None:
            self._load(first)
        # The filters' index last: the list is painted and the article read without it.
        self.post_message(RowsIndexed(rows, index_rows(rows)))

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
        self.post_message(SearchDone(query, to_simplified(query), ids))

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
