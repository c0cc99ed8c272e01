"""The reader's state in plain Python: rows, filters, search, the shown article,
the reading place and what to restore (no Textual; unit-tested on its own).

The screen (``tui.screens.reader``) holds one :class:`ReaderModel`, tells it what
happened (rows read, a key pressed, search results in, an article loaded) and
redraws what the returned :class:`Change` names. Library calls happen in the
screen's workers; their results reach the model as plain values
(:class:`LoadedArticle`, lists of rows), so every rule here is tested without a
terminal and without a library.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Flag, auto
from typing import Any, Protocol

from tui.filters import FacetCounts, Filters, facet_counts, facets_without, indexed_facets
from tui.present import meta_lines
from tui.store.state import ReaderState
from tui.text.hits import find_hits
from tui.text.models import Article, FactGroup, Figure

Place = tuple[int, int]  # (block, line within the block): a width-independent position
Top = int | Place  # where to open an article: a line, or a place
Spans = list[tuple[int, int]]
CACHE_SIZE = 16  # loaded articles kept for re-rendering without the library
SMALL = 500  # fewer visible rows than this: count their facets row by row


class Row(Protocol):
    """What the model needs of a library row (``tui.store.library.ArticleRow``)."""

    id: str
    source_path: str
    title: str
    title_simplified: str
    site: str | None
    date: str | None
    companies: list[str]
    tags: list[str]


class Change(Flag):
    """What a model method changed, so the screen redraws only that."""

    NONE = 0
    LIST = auto()  # the visible rows (list, facets, header)
    ARTICLE = auto()  # the shown article must be drawn again at its place
    SEARCH = auto()  # a new query: run the search
    STATUS = auto()  # only the header (script, filters)


@dataclass(frozen=True)
class LoadedArticle:
    """An article as read from the library (in a worker), with what drawing it needs."""

    article: Article
    simple_title: str | None = None
    simple_body: str | None = None
    statuses: dict[tuple[int, int], str] = field(default_factory=dict)  # fact marks


@dataclass
class FigureEntry:
    """A figure as shown: its text in the displayed script and its fact status."""

    index: int
    text: str
    figure: Figure
    status: str | None = None


@dataclass
class Shown:
    """What the article view shows: the article in the chosen script, its figures
    (in reading order) and the search hits in its title and body."""

    article: Article
    title: str
    body: str
    meta: list[str] = field(default_factory=list)
    entries: list[FigureEntry] = field(default_factory=list)
    body_hits: Spans = field(default_factory=list)
    title_hits: Spans = field(default_factory=list)

    @property
    def figure_spans(self) -> Spans:
        return [(e.figure.start, e.figure.end) for e in self.entries]


def merge_ranges(*groups: Spans) -> Spans:
    """Sorted, non-overlapping union of span lists (the first of overlapping ones wins)."""
    merged: Spans = []
    for start, end in sorted(r for group in groups for r in group):
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged


def fact_table(groups: Iterable[FactGroup]) -> dict[str, dict[tuple[int, int], str]]:
    """article id → {(start, end): "agree" | "conflict"}; a conflict wins over an agreement."""
    table: dict[str, dict[tuple[int, int], str]] = {}
    for group in groups:
        for member in group.members:
            marks = table.setdefault(member.article_id, {})
            key = (member.start, member.end)
            if marks.get(key) != "conflict":
                marks[key] = group.status
    return table


class ReaderModel:
    """Rows, filters, search, the shown article and the place to restore."""

    def __init__(self, state: ReaderState | None = None) -> None:
        state = state or ReaderState()
        self.rows: list[Row] = []
        self.visible: list[Row] = []
        self.filters = Filters(tuple(state.companies), tuple(state.tags), state.query)
        self.search_ids: list[str] | None = None
        self.simplified_query = ""
        self.simplified = state.simplified
        self.figures_choice: bool | None = state.figures_panel
        self.theme = state.theme
        self.shown: Shown | None = None
        self.rows_read = False  # the first read of the library is in
        # Rows not read yet: at start a large library's first screenful is listed
        # while the rest is read (``LibraryWorkers.read_library``).
        self.unread = 0
        self.restore_id: str | None = state.article_id
        self.restore_top: Top | None = None
        if state.article_id:
            self.restore_top = (
                (state.top_block, state.top_offset) if state.top_block >= 0 else state.top_line
            )
        self.missing: set[str] = set()  # source paths whose files are gone
        # Company and tag -> positions in rows: built once per read of the rows, off
        # the way to the painted list (``index_rows`` in the reading worker, or here
        # when first needed).
        self._index: RowIndex | None = RowIndex({}, {})
        self._indexed: Sequence[Row] | None = None  # the rows ``_index`` may be adopted for
        self._position: dict[str, int] = {}  # id -> position in rows
        self._visible_positions: list[int] | None = None  # None: every row
        self._rows_read_count = 0
        self._facets: tuple[object, FacetCounts] | None = None
        self._all_facets: tuple[object, FacetCounts] | None = None
        self._cache: OrderedDict[str, LoadedArticle] = OrderedDict()
        # The figure entries and metadata lines of the article last presented, by
        # (loaded article, Simplified shown): a search key draws it again with new
        # hits, and a long report has hundreds of figures.
        self._presented: tuple[LoadedArticle, bool, list[FigureEntry], list[str]] | None = None
        # A new library filling while it syncs: stay on the newest article until
        # the user moves (``auto_id`` is the one highlighted for them).
        self.syncing = False
        self.filling = False
        self.auto_id: str | None = None
        self.open_first_pending = False  # enter in the search box before results came

    # -- rows and filters -------------------------------------------------------

    @property
    def searching(self) -> bool:
        return bool(self.filters.query.strip())

    def _apply(self) -> Change:
        """Recompute the visible rows: an index lookup per chosen company and tag
        (the rows' order kept), then the search results' rank order (the library
        searched; its ids are only mapped to rows here)."""
        ids = self.search_ids if self.searching else None
        if self.searching and ids is None:
            ids = []  # results not in yet
        chosen = [self._by_company.get(c, set()) for c in self.filters.companies]
        chosen += [self._by_tag.get(t, set()) for t in self.filters.tags]
        keep = set.intersection(*chosen) if chosen else None
        positions: list[int] | None
        if ids is not None:
            found = map(self._position.get, ids)
            positions = [p for p in found if p is not None and (keep is None or p in keep)]
        else:
            positions = sorted(keep) if keep is not None else None
        self._visible_positions = positions
        rows = self.rows
        self.visible = list(rows) if positions is None else list(map(rows.__getitem__, positions))
        return Change.LIST

    def set_rows(self, rows: Sequence[Row], unread: int = 0) -> Change:
        """The library's rows (read again): index them and recompute what is visible.
        ``unread``: the library has that many rows more, read next (``rows`` are
        its first screenful)."""
        self.unread = unread
        missing = self.missing
        self.rows = [r for r in rows if r.source_path not in missing] if missing else list(rows)
        self.rows_read = True
        self._rows_read_count += 1
        self._index = None
        self._indexed = None if missing else rows  # positions in ``rows`` are ours
        self._position = {row.id: i for i, row in enumerate(self.rows)}
        return self._apply()

    def adopt_index(self, rows: Sequence[Row], index: RowIndex) -> None:
        """``index_rows(rows)``, made by a worker: kept when ``rows`` are still the
        rows as read (else it is built here when first needed)."""
        if self._index is None and rows is self._indexed:
            self._index = index

    @property
    def _by_company(self) -> dict[str, set[int]]:
        return self._row_index().companies

    @property
    def _by_tag(self) -> dict[str, set[int]]:
        return self._row_index().tags

    def _row_index(self) -> RowIndex:
        if self._index is None:
            self._index = index_rows(self.rows)
        return self._index

    def set_missing(self, source_paths: Iterable[str]) -> Change:
        """Files gone from the opened folders: their articles leave the list."""
        self.missing = set(source_paths)
        if not self.missing:
            return Change.NONE
        return self.set_rows(self.rows)

    def facets(self) -> FacetCounts:
        """Company and tag counts of the visible rows (kept until they change)."""
        unfiltered = not self.filters.active
        key = (self.filters, id(self.search_ids), self._rows_read_count)
        cached = self._all_facets if unfiltered else self._facets
        if cached is None or cached[0] != key:
            cached = (key, self._count_facets())
            if unfiltered:
                self._all_facets = cached  # every row: the most expensive, the most common
            else:
                self._facets = cached
        return cached[1]

    def _count_facets(self) -> FacetCounts:
        positions = self._visible_positions
        if positions is not None and len(positions) < SMALL:
            return facet_counts(self.visible, self.filters)  # a pass over a few rows
        if positions is None and self._index is None:
            # Every row, before the index is in (the first list): one C-level count,
            # less than building the index on the way to the first paint.
            return facet_counts(self.visible, self.filters)
        rows = self.rows
        if positions is not None and len(rows) - len(positions) < len(positions):
            # Most rows visible (a one-character search at 10,000): count the hidden.
            hidden = list(map(rows.__getitem__, set(range(len(rows))).difference(positions)))
            return FacetCounts(
                facets_without(
                    self._by_company, (r.companies for r in hidden), self.filters.companies
                ),
                facets_without(self._by_tag, (r.tags for r in hidden), self.filters.tags),
            )
        visible = set(positions) if positions is not None else None
        return FacetCounts(
            indexed_facets(self._by_company, visible, self.filters.companies),
            indexed_facets(self._by_tag, visible, self.filters.tags),
        )

    @property
    def row_total(self) -> int:
        """The rows of the library, read or not."""
        return len(self.rows) + self.unread

    @property
    def visible_total(self) -> int:
        """The rows listed once the library is read (the rows not read yet count
        as listed when nothing filters them)."""
        return len(self.visible) + (0 if self.filters.active else self.unread)

    @property
    def visible_ids(self) -> list[str]:
        return [row.id for row in self.visible]

    def toggle_company(self, name: str) -> Change:
        self.filters = self.filters.toggle_company(name)
        return self._apply()

    def toggle_tag(self, name: str) -> Change:
        self.filters = self.filters.toggle_tag(name)
        return self._apply()

    def toggle_facet(self, kind: str, name: str) -> Change:
        return self.toggle_company(name) if kind == "companies" else self.toggle_tag(name)

    def clear_filters(self) -> Change:
        had_query = bool(self.filters.query)
        self.filters = Filters()
        self.search_ids = None
        self.simplified_query = ""
        return self._apply() | (Change.ARTICLE if had_query else Change.NONE)

    # -- search -------------------------------------------------------------------

    def set_query(self, query: str) -> Change:
        """The search box changed: an empty query clears the search at once; any
        other asks for a search (the list changes when the results come)."""
        if query == self.filters.query:
            return Change.NONE  # (a restored query is searched by the start-up read)
        self.filters = self.filters.with_query(query)
        if not query.strip():
            self.search_ids = None
            self.simplified_query = ""
            return self._apply() | Change.ARTICLE
        return Change.SEARCH

    def search_done(self, query: str, simplified_query: str, ids: list[str]) -> Change:
        """Results for ``query``; ignored when the user has typed on since."""
        if query != self.filters.query:
            return Change.NONE
        self.search_ids = list(ids)
        self.simplified_query = simplified_query
        return self._apply() | Change.ARTICLE  # the hits changed

    def shown_after_search(self, ids: Sequence[str]) -> str | None:
        """The article that results ``ids`` would show: the one shown (or to be
        restored) if it is among them, else the first listed; None when no result
        is listed or filters make it uncertain. Read from a worker as a guess (a
        wrong one only reads an article for nothing)."""
        if self.filters.companies or self.filters.tags:
            return None
        current = self.shown_id or self.restore_id
        position = self._position
        first = None
        for article_id in ids:
            if article_id == current:
                return current
            if first is None and article_id in position:
                first = article_id
        return first

    def clear_search(self) -> Change:
        had_query = bool(self.filters.query)
        self.filters = self.filters.with_query("")
        self.search_ids = None
        self.simplified_query = ""
        return self._apply() | (Change.ARTICLE if had_query else Change.NONE)

    def toggle_script(self) -> Change:
        self.simplified = not self.simplified
        return Change.LIST | Change.ARTICLE

    # -- the article ----------------------------------------------------------------

    def remember(self, loaded: LoadedArticle) -> None:
        """Keep a loaded article for drawing it again (script, hits) without the library."""
        self._cache[loaded.article.id] = loaded
        self._cache.move_to_end(loaded.article.id)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def loaded(self, article_id: str) -> LoadedArticle | None:
        return self._cache.get(article_id)

    def forget_articles(self) -> None:
        """The library changed: articles and fact marks are read again when shown."""
        self._cache.clear()

    @property
    def shown_id(self) -> str | None:
        return self.shown.article.id if self.shown is not None else None

    def current_id(self, highlighted: str | None) -> str | None:
        """The article shown, else the highlighted one, else the one to restore."""
        return self.shown_id or highlighted or self.restore_id

    def keep_id(self) -> str | None:
        """The article the list keeps highlighted when it is rebuilt."""
        return self.shown_id or self.restore_id

    def take_top(self, article_id: str) -> Top:
        """Where to open ``article_id``: the saved place the first time it is shown
        after a start (or a redraw in place), else the top."""
        top: Top = 0
        if article_id == self.restore_id and self.restore_top is not None:
            top = self.restore_top
        self.restore_top = None  # a place is restored once, for that article only
        return top

    def reshow_in_place(self, place: Place) -> None:
        """The shown article must be drawn again at ``place`` (text, hits or script changed)."""
        if self.shown is not None:
            self.restore_id = self.shown.article.id
            self.restore_top = place
        self.shown = None

    def present(self, loaded: LoadedArticle) -> Shown:
        """What to draw for ``loaded`` in the chosen script with the current hits;
        it becomes the shown article."""
        article = loaded.article
        title, body = article.title, article.body
        simple_title, simple_body = loaded.simple_title, loaded.simple_body
        if (
            self.simplified
            and simple_body is not None
            and simple_title is not None
            and len(simple_body) == len(body)  # figure offsets stay valid
        ):
            title, body = simple_title, simple_body
        simple = body is not article.body
        kept = self._presented
        if kept is not None and kept[0] is loaded and kept[1] == simple:
            entries, meta = kept[2], kept[3]  # drawn again for new hits: the same figures
        else:
            figures = sorted(
                (f for f in article.figures if 0 <= f.start < f.end <= len(body)),
                key=lambda f: (f.start, f.end),
            )
            statuses = loaded.statuses
            entries = [
                FigureEntry(i, body[f.start : f.end], f, statuses.get((f.start, f.end)))
                for i, f in enumerate(figures)
            ]
            meta = meta_lines(
                article.site, article.author, article.date, article.tags, article.companies
            )
            self._presented = (loaded, simple, entries, meta)
        body_hits, title_hits = self._hits(title, body, simple_title, simple_body)
        self.shown = Shown(article, title, body, meta, entries, body_hits, title_hits)
        return self.shown

    def _hits(
        self, title: str, body: str, simple_title: str | None, simple_body: str | None
    ) -> tuple[Spans, Spans]:
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
        return merge_ranges(*body_hits), merge_ranges(*title_hits)

    def hide(self) -> None:
        self.shown = None

    # -- filling a new library ----------------------------------------------------

    def sync_started(self) -> bool:
        """A sync began; True the first time (the list says it is being filled)."""
        if self.syncing:
            return False
        self.syncing = True
        self.filling = not self.rows
        return True

    def stay_on_first(self) -> bool:
        """While a new library fills: True to keep the first (newest) article
        highlighted, i.e. the user has not moved and the article to restore has
        not arrived."""
        current = self.shown_id or self.restore_id
        return (
            self.filling
            and current == self.auto_id
            and not any(r.id == self.restore_id for r in self.rows)
        )

    # -- saving -----------------------------------------------------------------------

    def state(self, place: Place | None, top_line: int, theme: str | None) -> ReaderState:
        """The state to save; ``place`` is None when no article is shown."""
        block, offset = place if place is not None and self.shown else (-1, 0)
        return ReaderState(
            article_id=self.shown_id or self.restore_id,
            top_line=top_line if self.shown else 0,
            top_block=block,
            top_offset=offset,
            companies=list(self.filters.companies),
            tags=list(self.filters.tags),
            query=self.filters.query,
            simplified=self.simplified,
            figures_panel=self.figures_choice,
            theme=theme,
        )


# -- the library, as the screen's workers read it --------------------------------------
# Small adapters over ``tui.store.library.Library`` so the screen does not depend
# on which read API the library offers (``list_rows`` reads every row in one query
# without walking the files; older libraries only have ``list_articles(paths)``).


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, and why."""

    path: str
    reason: str


@dataclass
class RowIndex:
    """Company and tag -> the positions of the rows that have it."""

    companies: dict[str, set[int]]
    tags: dict[str, set[int]]


def _positions(values: Iterable[list[str]]) -> dict[str, set[int]]:
    found: defaultdict[str, list[int]] = defaultdict(list)
    for i, names in enumerate(values):
        for name in names:
            found[name].append(i)
    return {name: set(positions) for name, positions in found.items()}


def index_rows(rows: Sequence[Row]) -> RowIndex:
    """The filters' index of ``rows`` (pure: a worker builds it for the model)."""
    return RowIndex(_positions(row.companies for row in rows), _positions(row.tags for row in rows))


def read_rows(library: object, paths: Sequence[str]) -> list[Row]:
    """The rows of the opened ``paths`` (call from a worker: it may walk the files)."""
    return list(library.list_articles(paths))  # type: ignore[attr-defined]


def read_first_rows(
    library: object, paths: Sequence[str], limit: int
) -> tuple[list[Row], int] | None:
    """The first ``limit`` rows of ``read_rows`` and how many there are, or None
    when the library cannot read them alone (call from a worker)."""
    first_rows = getattr(library, "first_rows", None)
    if first_rows is None:
        return None
    rows, total = first_rows(paths, limit)
    return list(rows), total


def fetch_article(library: object, article_id: str) -> LoadedArticle | None:
    """An article with its Simplified title and body and the agree/conflict marks
    of its figures (call from a worker)."""
    article = library.get_article(article_id)  # type: ignore[attr-defined]
    if article is None:
        return None
    try:
        simple_title, simple_body = library.get_simplified(article_id)  # type: ignore[attr-defined]
    except KeyError:
        simple_title = simple_body = None
    status_for = getattr(library, "fact_status_for", None)
    if status_for is not None:  # the article's groups only (an indexed query)
        statuses = status_for(article_id)
    else:
        statuses = fact_table(library.facts()).get(article_id, {})  # type: ignore[attr-defined]
    return LoadedArticle(article, simple_title, simple_body, statuses)


def check_files(library: object, paths: Sequence[str]) -> Any:
    """What changed under ``paths`` (a ``ChangeSet``: new, changed, missing,
    errors) with one walk and one query, or None when the library cannot say."""
    changed_files = getattr(library, "changed_files", None)
    return changed_files(paths) if changed_files is not None else None


def library_notice(library: object) -> str:
    """What the library says about itself on opening (e.g. it was damaged and rebuilt)."""
    notice = getattr(library, "notice", None)
    return str(notice) if notice else ""
