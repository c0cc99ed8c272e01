"""What the reader screen's workers send back: rows, an article, search results,
sync progress. Plain messages, so every library call stays in a worker."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.message import Message

from tui.reader_model import LoadedArticle, Problem, Row, RowIndex


@dataclass
class RowsRead(Message):
    """The library's rows, the current search's results, and at start the first article."""

    rows: list[Row]
    search: tuple[str, str, list[str]] | None = None
    start: bool = False
    force: bool = False  # the library changed: draw the shown article again
    preload: str | None = None  # the article the same worker reads next
    unread: int = 0  # the library's rows not in ``rows``: a first screenful, the rest follows
    rest: bool = False  # the whole list after a first screenful
    painted: threading.Event | None = None  # set once the list is painted


@dataclass
class RowsIndexed(Message):
    """The filters' index of the rows a ``RowsRead`` brought (built after them)."""

    rows: list[Row]
    index: RowIndex


@dataclass
class ArticleLoaded(Message):
    article_id: str
    loaded: LoadedArticle | None


@dataclass
class FilesMissing(Message):
    """Stored articles whose files are gone from the opened folders."""

    source_paths: list[str]


@dataclass
class SyncProgressed(Message):
    done: int
    total: int
    path: str


@dataclass
class SyncFinished(Message):
    added: int
    updated: int
    problems: list[Problem]


@dataclass
class SyncFailed(Message):
    reason: str


@dataclass
class SearchDone(Message):
    query: str
    simplified_query: str
    ids: list[str]
    loaded: LoadedArticle | None = None  # the article the results list first, if not kept yet
