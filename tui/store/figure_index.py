"""Figures in an indexed table: the library-wide figure query.

Each figure of each article is a row of ``figures`` (article, offsets, value,
unit, kind, metric, company, period, the text as written) with a search key: the
Simplified, case-folded text, metric and company, indexed as character pairs in
``figure_fts``; periods are matched through their written forms (2025Q1 is also
2025年第一季度, 2025年一季度 and 2025年Q1).

``query_figures(words)`` keeps the figures for which every word matches:

* a substring of the figure's key (the number as written, 767亿 or 767; a metric,
  资本开支; the company's name), either script — looked up in ``figure_fts``, which
  indexes overlapping character pairs of the key (fast on digits, which one-character
  tokens are not);
* a company: any alias or product, either script (阿里, Alibaba, 阿里云 → 阿里巴巴);
* a period: a substring of any of its written forms (2025Q1, 2025年一季度, 一季度,
  2025年), or a period the period reader finds in the word (2025年第1季度, Q1 2025);
* the article's title (a substring of its key).

The figure index holds, for each figure, the bigrams of its key and of its
article's title key, and one whole token each for its period and its company, so
the whole query is one FTS match (each word's alternatives joined by OR, words
joined by AND), and only the rows of the result are read.
"""

from __future__ import annotations

import functools
import operator
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date as _date
from typing import Any

from tui.text.models import Figure

_QUARTER_WORDS = {"1": "一", "2": "二", "3": "三", "4": "四"}
_HALF_WORDS = {"1": "上半年", "2": "下半年"}


@dataclass
class FigureRow:
    """One figure of the library with the article it comes from."""

    article_id: str
    title: str
    site: str | None
    date: str | None
    source_path: str
    text: str
    start: int
    end: int
    kind: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    approx: str | None = None
    change: str | None = None
    metric: str | None = None
    company: str | None = None
    period: str | None = None
    index: int = 0  # position in the article's figures (Article.figures[index])
    script: str = "hans"  # the article's script

    def figure(self) -> Figure:
        return Figure(
            text=self.text,
            start=self.start,
            end=self.end,
            kind=self.kind,
            value=self.value,
            value_max=self.value_max,
            unit=self.unit,
            approx=self.approx,
            change=self.change,
            metric=self.metric,
            company=self.company,
            period=self.period,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def period_forms(period: str | None) -> list[str]:
    """The ways a period is written: 2025Q1 → 2025年第一季度, 2025年一季度, 2025年Q1…"""
    if not period:
        return []
    forms = [period]
    fiscal = period.startswith("FY")
    core = period[2:] if fiscal else period
    year, _, rest = core.partition("Q") if "Q" in core else core.partition("H")
    if not year.isdigit():
        if "-" in core:  # 2025-03
            y, _, month = core.partition("-")
            if y.isdigit() and month.isdigit():
                forms += [f"{y}年{int(month)}月", f"{y}年{month}月"]
        return forms
    label = f"{year}财年" if fiscal else f"{year}年"
    if "Q" in core and rest.isdigit():
        word = _QUARTER_WORDS.get(rest, rest)
        forms += [
            f"{label}第{word}季度",
            f"{label}{word}季度",
            f"{label}Q{rest}",
            f"{label}第{rest}季度",
            f"Q{rest} {year}",
        ]
    elif "H" in core and rest.isdigit():
        forms += [f"{label}{_HALF_WORDS.get(rest, rest)}", f"{label}H{rest}"]
    else:
        forms.append(label)
        if fiscal:
            forms.append(f"{year}年度")
    return forms


def figure_key(figure: Figure) -> str:
    """What a query word is looked up in by substring: text, metric, company (Simplified).
    Periods are matched through their written forms (``period_forms``), titles through
    the article's title key."""
    from tui.text.script import simplified_key

    return simplified_key("\n".join([figure.text, figure.metric or "", figure.company or ""]))


_KEY_SEPARATOR = "\x1e"  # between keys converted together: unchanged, never in a phrase


def figure_keys(figures: list[Figure]) -> list[str]:
    """``figure_key`` of each figure, converted in one call (an article's figures: the
    conversion's cost is mostly per call); one by one if the keys hold the separator."""
    parts = ["\n".join([f.text, f.metric or "", f.company or ""]) for f in figures]
    if len(parts) < 2 or any(_KEY_SEPARATOR in part for part in parts):
        return [figure_key(f) for f in figures]
    from tui.text.script import simplified_key

    keys = simplified_key(_KEY_SEPARATOR.join(parts)).split(_KEY_SEPARATOR)
    if len(keys) != len(parts):  # (the conversion never drops it; but if it did)
        return [figure_key(f) for f in figures]
    return keys


_TOKEN_MAP = {c: chr(0xE000 + c) for c in range(128) if not chr(c).isalnum()}
_END = chr(0xE000 + 10)  # a newline, as mapped: every character has a bigram after it
_NEWLINE = "\n".translate(_TOKEN_MAP)


@functools.lru_cache(maxsize=4096)
def _token(prefix: str, value: str | None) -> str:
    """One whole-word token for an exact value (a company, a period): never a bigram.
    (Cached: an article's figures repeat a few companies and periods.)"""
    if not value:
        return ""
    return prefix + value.casefold().translate(_TOKEN_MAP)


def figure_tokens(
    key: str | None,
    title_key: str | None = None,
    period: str | None = None,
    company: str | None = None,
) -> str:
    """A figure's index tokens: overlapping pairs of characters (bigrams) of its key and
    of its article's title key, one token for its period and one for its company."""
    return _figure_tokens(key, title_tokens(title_key), period, company)


def title_tokens(title_key: str | None) -> str:
    """The bigrams ``figure_tokens`` gives every figure of an article for its title
    (with the one from the newline after the key): computed once per article."""
    text = _NEWLINE + (title_key or "").translate(_TOKEN_MAP) + _END
    return " ".join(map(operator.add, text, text[1:]))


def _figure_tokens(
    key: str | None, title_part: str, period: str | None, company: str | None
) -> str:
    # The key's bigrams up to its newline, then the title's (``title_tokens``): the
    # bigrams of key + newline + title + end, as one string.
    text = (key or "").translate(_TOKEN_MAP) + _NEWLINE
    bigrams = " ".join(map(operator.add, text, text[1:]))
    bigrams = f"{bigrams} {title_part}" if bigrams else title_part
    return " ".join(filter(None, (bigrams, _token("p", period), _token("c", company))))


def register(conn: sqlite3.Connection) -> None:
    """The SQL function the figure index's content view needs."""
    conn.create_function("figure_tokens", 4, figure_tokens, deterministic=True)


def bigram_match(key: str) -> str:
    """An FTS query matching ``key`` as a substring of an indexed key: the phrase of its
    bigrams; one character is a prefix query on the bigrams it starts."""
    text = key.translate(_TOKEN_MAP)
    if len(text) == 1:
        return text + "*"
    return '"' + " ".join(map(operator.add, text, text[1:])) + '"'


def add_figures(
    conn: sqlite3.Connection,
    seq: int,
    figures: Iterable[Figure],
    keys: list[str] | None = None,
    title_key: str = "",
) -> set[tuple[str, str, str]]:
    """Store the article's figures; the (company, metric, period) fact keys they touch."""
    figures = list(figures)
    rows, tokens = figure_rows(figures, title_key, keys)
    write_figure_rows(conn, seq, rows, tokens)
    return fact_keys(figures)


def figure_rows(
    figures: list[Figure], title_key: str = "", keys: list[str] | None = None
) -> tuple[list[tuple[Any, ...]], list[str]]:
    """What ``write_figure_rows`` stores for an article's figures: each figure's row
    (from ``n`` to the search key) and its index tokens. Computed where the article
    is cleaned (a worker process), so the process that writes only writes."""
    if not figures:
        return [], []
    if keys is None:
        keys = figure_keys(figures)
    title_part = title_tokens(title_key)
    pairs = list(zip(figures, keys, strict=True))
    rows = [
        (
            index,
            figure.start,
            figure.end,
            figure.text,
            figure.kind,
            figure.value,
            figure.value_max,
            figure.unit,
            figure.approx,
            figure.change,
            figure.metric,
            figure.company,
            figure.period,
            key,
        )
        for index, (figure, key) in enumerate(pairs)
    ]
    tokens = [
        _figure_tokens(key, title_part, figure.period, figure.company) for figure, key in pairs
    ]
    return rows, tokens


def write_figure_rows(
    conn: sqlite3.Connection, seq: int, rows: list[tuple[Any, ...]], tokens: list[str]
) -> None:
    """Store an article's figure rows and index tokens (``figure_rows``): two statements
    for all the figures (their ids are the table's next ones, as SQLite would give them:
    the caller holds the write transaction)."""
    if not rows:
        return
    first = conn.execute("SELECT COALESCE(MAX(fid), 0) + 1 FROM figures").fetchone()[0]
    conn.executemany(
        'INSERT INTO figures (fid, article, n, start, "end", text, kind, value, value_max,'
        " unit, approx, change, metric, company, period, search)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + index, seq, *row) for index, row in enumerate(rows)],
    )
    conn.executemany(
        "INSERT INTO figure_fts(docid, search) VALUES (?, ?)",
        [(first + index, text) for index, text in enumerate(tokens)],
    )


def fact_keys(figures: Iterable[Figure]) -> set[tuple[str, str, str]]:
    """The fact partitions (company, metric, period) and label bands the figures touch."""
    touched: set[tuple[str, str, str]] = set()
    for figure in figures:
        if figure.company and figure.metric:
            touched.add((figure.company, figure.metric, figure.period or ""))
            touched |= label_keys(figure.company, figure.value)
    return touched


def label_keys(company: str, value: float | None) -> set[tuple[str, str, str]]:
    """The label-conflict bands a figure's value can take part in, as fact keys
    (company, "band:N", ""): its own band and its two neighbours (see
    ``label_conflicts``)."""
    # Here, not at the top: the facts grouping loads its lexicons, which opening a
    # library to read it does not need.
    from tui.figures.facts import LABEL_BAND, LABEL_MIN_STORED, label_band

    if value is None or abs(value) < LABEL_MIN_STORED:
        return set()
    band = label_band(value)
    return {(company, f"{LABEL_BAND}{b}", "") for b in (band - 1, band, band + 1)}


def remove_figures(conn: sqlite3.Connection, seq: int) -> set[tuple[str, str, str]]:
    """Delete the article's figures (index first); the fact keys they touched."""
    rows = conn.execute(
        "SELECT fid, company, period, metric, value FROM figures WHERE article = ?", (seq,)
    ).fetchall()
    touched: set[tuple[str, str, str]] = set()
    for row in rows:
        if row[1] and row[3]:
            touched.add((row[1], row[3], row[2] or ""))
            touched |= label_keys(row[1], row[4])
        conn.execute("DELETE FROM figure_fts WHERE docid = ?", (row[0],))
    conn.execute("DELETE FROM figures WHERE article = ?", (seq,))
    return touched


def _periods(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    """Every period of the figure table with its written forms (cached until a write)."""
    stamp = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0], id(conn))
    cached = _PERIOD_CACHE.get(id(conn))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    from tui.text.script import simplified_key

    rows = conn.execute("SELECT DISTINCT period FROM figures WHERE period IS NOT NULL")
    periods = [(r[0], [simplified_key(f) for f in period_forms(r[0])]) for r in rows]
    _PERIOD_CACHE[id(conn)] = (stamp, periods)
    return periods


_PERIOD_CACHE: dict[int, tuple[tuple[int, int, int], list[tuple[str, list[str]]]]] = {}


def word_match(conn: sqlite3.Connection, word: str) -> str:
    """The FTS alternatives one word stands for, joined by OR: a substring of the key or
    title, the company it names (any alias), the periods it names (any written form)."""
    from tui.figures.period import find_periods
    from tui.lang.companies import resolve
    from tui.text.script import simplified_key, to_simplified

    key = simplified_key(word)
    alternatives = [bigram_match(key)]
    owner = resolve(word)
    if owner:
        alternatives.append(_token("c", owner))
    codes = {period for period, forms in _periods(conn) if any(key in form for form in forms)}
    codes.update(
        m.value
        for m in find_periods(to_simplified(word), _date.today().isoformat())
        if m.value and m.end - m.start >= len(word.strip()) - 1
    )
    alternatives += [_token("p", code) for code in sorted(codes)]
    return " OR ".join(alternatives)


_ROW_SQL = (
    'SELECT a.id, a.title, a.site, a.date, a.source_path, f.text, f.start, f."end",'
    " f.kind, f.value, f.value_max, f.unit, f.approx, f.change, f.metric, f.company,"
    " f.period, f.n, a.script FROM figures f JOIN articles a ON a.seq = f.article"
)


def _parentheses(conn: sqlite3.Connection) -> bool:
    """SQLite's FTS takes the enhanced query syntax (parentheses, AND binds tighter)."""
    row = conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS3_PARENTHESIS')").fetchone()
    return bool(row[0])


def query_figures(
    conn: sqlite3.Connection, words: str | list[str], limit: int | None = 500
) -> list[FigureRow]:
    """Figures matching every word, newest article first, in text order.

    One full-text query: each word's alternatives joined by OR, words by AND."""
    if isinstance(words, str):
        words = words.split()
    words = [w for w in words if w.strip()]
    if not words:
        return []
    groups = [word_match(conn, word) for word in words]
    if _parentheses(conn):
        hits = "SELECT docid FROM figure_fts WHERE figure_fts MATCH ?"
        params: list[Any] = [" AND ".join(f"({group})" for group in groups)]
    else:  # standard query syntax: one word per query, intersected
        hits = " INTERSECT ".join(
            ["SELECT docid FROM figure_fts WHERE figure_fts MATCH ?"] * len(groups)
        )
        params = list(groups)
    sql = (
        _ROW_SQL + f" WHERE f.fid IN ({hits})"
        " ORDER BY COALESCE(a.date, '') DESC, a.source_path, f.n"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [FigureRow(*row) for row in conn.execute(sql, params)]
