"""Library-wide figure lookup: every figure with its article, filtered by the words
of ``tui.figures.query`` and ordered for reading.

``FigureHit`` is one figure with what the lookup shows (the figure as written,
metric, company, period, site, date, article). ``FigureSource`` answers a lookup:
the library's indexed figures table (``Library.query_figures``) gives the
candidates fast, and the words' meaning (``tui.figures.query``: a company word
means that company's figures, not every figure of an article whose title names
it) keeps the right ones, so the lookup, ``pick`` and the ``figures`` command
agree. A library without the table (a test double) is read article by article,
once, and filtered in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol

from tui.figures.query import (
    FigureFacts,
    FigureQuery,
    matches,
    parse_query,
    period_sort_key,
)
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


CANDIDATES = 2000  # rows asked of the index per lookup (the newest first)


def hit_of_row(row: Any, facts: FigureFacts | None = None) -> FigureHit:
    """A row of the library's figures table as a lookup row (``facts``: what the
    words are matched against, by default all of it)."""
    figure = row.figure()
    if facts is None:
        facts = FigureFacts.of(figure.text, figure.metric, figure.company, figure.period, row.title)
    return FigureHit(
        article_id=row.article_id,
        index=getattr(row, "index", -1),
        figure=figure,
        title=row.title,
        site=row.site,
        date=row.date,
        source_path=row.source_path,
        script="",
        facts=facts,
    )


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


def _date_key(hit: FigureHit) -> tuple[str, str, str, int]:
    # Ties by file name, not by id: ids hash the absolute path, which differs
    # between two copies of one folder, and the order must not.
    return (hit.date or "", PurePath(hit.source_path).name, hit.source_path, -hit.start)


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

    def __init__(
        self,
        library: Any,
        paths: Iterable[Any] | None = None,
        *,
        only: set[str] | None = None,
    ) -> None:
        self.library = library
        self.paths = list(paths) if paths is not None else None
        self.only = only  # the articles the caller can show (None: all of the library)
        self._hits: list[FigureHit] | None = None

    def all_hits(self) -> list[FigureHit]:
        if self._hits is None:
            self._hits = load_hits(self.library, self.paths)
        return self._hits

    @property
    def indexed(self) -> bool:
        return callable(getattr(self.library, "query_figures", None))

    def query(self, words: str | Sequence[str], **explicit: str | None) -> list[FigureHit]:
        """The figures matching every word (and ``company``/``metric``/``period``);
        none for no words."""
        hits = self._query(words, **explicit)
        if self.only is not None:
            hits = [hit for hit in hits if hit.article_id in self.only]
        return hits

    def _query(self, words: str | Sequence[str], **explicit: str | None) -> list[FigureHit]:
        listed = words.split() if isinstance(words, str) else [w for w in words if w.strip()]
        query = parse_query(listed, **explicit)
        if query.empty:
            return []
        if not self.indexed:
            return filter_hits(self.all_hits(), query)
        asked = listed + [value for value in explicit.values() if value]
        rows = self.library.query_figures(asked, limit=CANDIDATES)
        # The index matched every word as text (number, metric, company, title) or
        # as what it names; what it reads more widely is the company, metric and
        # period words (阿里 is not every figure of an article titled 阿里…).
        labels = query.labels_only()
        hits = []
        for row in rows:
            facts = FigureFacts.labels(row.metric, row.company, row.period)
            if matches(labels, facts):
                hits.append(hit_of_row(row, facts))
        return hits


# -- measuring (``python -m tui.store.lookup [N]``) --------------------------------------

TYPED = ("阿里 资本开支", "腾讯 2025Q1", "Tencent 2025年一季度 营收", "767亿元", "去年 营收")


def keystrokes(words: str) -> list[str]:
    """What the query box holds after each keystroke while ``words`` is typed."""
    return [words[:end] for end in range(1, len(words) + 1) if words[:end].strip()]


def measure_typing(
    source: FigureSource, typed: Sequence[str] = TYPED, runs: int = 3
) -> list[tuple[str, float, float]]:
    """(words, median s, p95 s) of one lookup per keystroke while typing each query."""
    import statistics
    import time

    results = []
    for words in typed:
        values = []
        for _ in range(runs):
            for text in keystrokes(words):
                start = time.perf_counter()
                source.query(text)
                values.append(time.perf_counter() - start)
        values.sort()
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        results.append((words, statistics.median(values), p95))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    import sys
    import tempfile
    from pathlib import Path

    from tui.store.synthetic_articles import build_library

    count = int((list(argv) if argv is not None else sys.argv[1:] or ["10000"])[0])
    with tempfile.TemporaryDirectory() as tmp:
        library = build_library(Path(tmp) / "library.sqlite3", count)
        try:
            source = FigureSource(library)
            source.query("预热")  # load the dictionaries first, as the reader has
            for words, median, p95 in measure_typing(source):
                sys.stdout.write(
                    f"lookup per keystroke {words:28} {median * 1000:7.1f} ms"
                    f"  p95 {p95 * 1000:7.1f} ms\n"
                )
        finally:
            library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
