"""Library-wide figure lookup: every figure with its article, filtered by the words
of ``tui.figures.query`` and ordered for reading.

``FigureHit`` is one figure with what the lookup shows (the figure as written,
metric, company, period, site, date, article). ``FigureSource`` answers a lookup:
it uses the library's indexed figures table (``Library.query_figures``) when the
library has one, else it reads every article's figures once and filters them in
memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tui.figures.query import FigureFacts, FigureQuery, matches, parse_query, period_sort_key
from tui.text.models import Article, Figure


@dataclass(frozen=True)
class FigureHit:
    """One figure of the library and the article it comes from."""

    article_id: str
    index: int  # position in the article's figures
    figure: Figure
    title: str
    site: str | None
    date: str | None
    source_path: str
    script: str
    facts: FigureFacts

    @property
    def text(self) -> str:
        return self.figure.text

    @property
    def start(self) -> int:
        return self.figure.start

    @property
    def end(self) -> int:
        return self.figure.end


def hits_of(article: Article) -> list[FigureHit]:
    """The article's figures as lookup rows."""
    return [
        FigureHit(
            article_id=article.id,
            index=index,
            figure=figure,
            title=article.title,
            site=article.site,
            date=article.date,
            source_path=article.source_path,
            script=article.script,
            facts=FigureFacts.of(
                figure.text, figure.metric, figure.company, figure.period, article.title
            ),
        )
        for index, figure in enumerate(article.figures)
    ]


class _Reader(Protocol):
    def list_articles(self, paths: Iterable[Any] | None = None) -> list[Any]: ...

    def get_article(self, article_id: str) -> Article | None: ...


def load_hits(library: _Reader, paths: Iterable[Any] | None = None) -> list[FigureHit]:
    """Every figure of the library's articles (those under ``paths``), newest first."""
    hits: list[FigureHit] = []
    for row in library.list_articles(paths):
        article = library.get_article(row.id)
        if article is not None:
            hits.extend(hits_of(article))
    return hits


def filter_hits(hits: Iterable[FigureHit], query: FigureQuery) -> list[FigureHit]:
    if query.empty:
        return list(hits)
    return [hit for hit in hits if matches(query, hit.facts)]


# -- orders ------------------------------------------------------------------------------

BY_DATE = "date"
BY_VALUE = "value"
BY_PERIOD = "period"
ORDERS = (BY_DATE, BY_VALUE, BY_PERIOD)
ORDER_LABELS = {BY_DATE: "日期", BY_VALUE: "数值", BY_PERIOD: "时期"}


def _date_key(hit: FigureHit) -> tuple[str, str, int]:
    return (hit.date or "", hit.article_id, -hit.start)


def sort_hits(hits: Sequence[FigureHit], order: str, descending: bool = True) -> list[FigureHit]:
    """Hits by article date (newest first, then reading order), by value or by period."""
    if order == BY_VALUE:
        key: Callable[[FigureHit], Any] = lambda h: (h.figure.value, _date_key(h))  # noqa: E731
    elif order == BY_PERIOD:
        key = lambda h: (period_sort_key(h.figure.period), _date_key(h))  # noqa: E731
    else:
        key = _date_key
    return sorted(hits, key=key, reverse=descending)


class FigureSource:
    """Answers lookups over one library, from its figures table when it has one."""

    def __init__(self, library: Any, paths: Iterable[Any] | None = None) -> None:
        self.library = library
        self.paths = list(paths) if paths is not None else None
        self._hits: list[FigureHit] | None = None

    def all_hits(self) -> list[FigureHit]:
        if self._hits is None:
            self._hits = load_hits(self.library, self.paths)
        return self._hits

    def query(self, words: str | Sequence[str], **explicit: str | None) -> list[FigureHit]:
        """The figures matching every word (and ``company``/``metric``/``period``)."""
        query = parse_query(words if isinstance(words, str) else list(words), **explicit)
        return filter_hits(self.all_hits(), query)

    def article_hits(self, article_id: str) -> list[FigureHit]:
        return [hit for hit in self.all_hits() if hit.article_id == article_id]
