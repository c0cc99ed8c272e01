"""Figures in an indexed table: the library-wide figure query.

Each figure of each article is a row of ``figures`` (article, offsets, value,
unit, kind, metric, company, period, the text as written) with a search key: the
Simplified, case-folded text, metric, company and the period in its written forms
(2025Q1 is also 2025年第一季度, 2025年一季度 and 2025年Q1), indexed one token per
character in ``figure_fts`` like the article text (see ``tui.store.search``).

``query_figures(words)`` keeps the figures for which every word matches:

* a substring of the figure's key (the number as written, 767亿 or 767; a metric,
  资本开支; a period in any written form, 2025Q1, 2025年一季度, 一季度), either script;
* a company: any alias or product, either script (阿里, Alibaba, 阿里云 → 阿里巴巴);
* a period written another way (2025年第1季度, Q1 2025), read with the period reader;
* the article's title (a substring of it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date as _date
from typing import Any

from tui.store.search import phrase, search_tokens, title_match
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
    """What a query word is looked up in: text, metric, company, period forms (Simplified)."""
    from tui.text.script import simplified_key

    parts = [figure.text, figure.metric or "", figure.company or "", *period_forms(figure.period)]
    return simplified_key("\n".join(parts))


def add_figures(
    conn: sqlite3.Connection, seq: int, figures: Iterable[Figure], keys: list[str] | None = None
) -> set[tuple[str, str, str]]:
    """Store the article's figures; the (company, metric, period) fact keys they touch."""
    touched: set[tuple[str, str, str]] = set()
    figures = list(figures)
    if keys is None:
        keys = [figure_key(f) for f in figures]
    for figure, key in zip(figures, keys, strict=True):
        cursor = conn.execute(
            'INSERT INTO figures (article, start, "end", text, kind, value, value_max, unit,'
            " approx, change, metric, company, period, search)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq,
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
            ),
        )
        conn.execute(
            "INSERT INTO figure_fts(docid, search) VALUES (?, ?)",
            (cursor.lastrowid, search_tokens(key)),
        )
        if figure.company and figure.period and figure.metric:
            touched.add((figure.company, figure.metric, figure.period))
    return touched


def remove_figures(conn: sqlite3.Connection, seq: int) -> set[tuple[str, str, str]]:
    """Delete the article's figures (index first); the fact keys they touched."""
    rows = conn.execute(
        "SELECT fid, company, period, metric FROM figures WHERE article = ?", (seq,)
    ).fetchall()
    touched = {(r[1], r[3], r[2]) for r in rows if r[1] and r[2] and r[3]}
    for row in rows:
        conn.execute("DELETE FROM figure_fts WHERE docid = ?", (row[0],))
    conn.execute("DELETE FROM figures WHERE article = ?", (seq,))
    return touched


def _word_sql(word: str) -> tuple[str, list[Any]]:
    """A query giving the fids that ``word`` matches, and its parameters."""
    from tui.figures.period import find_periods
    from tui.lang.companies import resolve
    from tui.text.script import simplified_key, to_simplified

    key = simplified_key(word)
    parts = ["SELECT docid AS fid FROM figure_fts WHERE figure_fts MATCH ?"]
    params: list[Any] = [phrase(key)]
    owner = resolve(word)
    if owner:
        parts.append("SELECT fid FROM figures WHERE company = ?")
        params.append(owner)
    mentions = [
        m
        for m in find_periods(to_simplified(word), _date.today().isoformat())
        if m.value and m.end - m.start >= len(word.strip()) - 1
    ]
    for mention in mentions[:1]:
        parts.append("SELECT fid FROM figures WHERE period = ?")
        params.append(mention.value)
    parts.append(
        "SELECT fid FROM figures WHERE article IN"
        " (SELECT docid FROM article_fts WHERE article_fts MATCH ?)"
    )
    params.append(title_match(key))
    return " UNION ".join(parts), params


def query_figures(
    conn: sqlite3.Connection, words: str | list[str], limit: int | None = 500
) -> list[FigureRow]:
    """Figures matching every word, newest article first, in text order."""
    if isinstance(words, str):
        words = words.split()
    words = [w for w in words if w.strip()]
    if not words:
        return []
    selects, params = [], []
    for word in words:
        sql, word_params = _word_sql(word)
        selects.append(f"SELECT fid FROM ({sql})")
        params += word_params
    hits = " INTERSECT ".join(selects)
    sql = (
        f"WITH hits(fid) AS ({hits})"
        ' SELECT a.id, a.title, a.site, a.date, a.source_path, f.text, f.start, f."end",'
        " f.kind, f.value, f.value_max, f.unit, f.approx, f.change, f.metric, f.company,"
        " f.period FROM hits JOIN figures f ON f.fid = hits.fid"
        " JOIN articles a ON a.seq = f.article"
        " ORDER BY COALESCE(a.date, '') DESC, a.source_path, f.start"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [FigureRow(*row) for row in conn.execute(sql, params)]
