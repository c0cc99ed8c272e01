"""Fact groups kept in the library, incrementally.

Groups live in ``fact_groups``, one row per group, keyed by the (company, metric,
period) partition they belong to (label conflicts, which cross metrics and may
lack a period on some sides, by company and value band: a band's groups depend on
the figures of that band and its two neighbours; see ``tui.figures.facts``). Storing or removing an article
marks the partitions its old and new figures touch as dirty (``fact_dirty``), in
the same transaction as the article's rows; ``refresh`` regroups the dirty
partitions (and the label conflicts of their companies) from the figure
table and clears them, again in one write transaction. So the stored groups never mix two versions of an article, a
crash leaves the dirty marks for the next refresh, and one new article in a large
library regroups only its partitions.
"""

from __future__ import annotations

import gc
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter
from typing import Any

from tui.figures.facts import (
    LABEL_BAND,
    FactInput,
    band_bounds,
    conflict_band,
    fact_order,
    group_partition,
    label_band,
    label_conflicts,
)
from tui.store.schema import mark_label_groups
from tui.text.models import FactGroup, FactMember, Figure

_FIGURE_COLUMNS = (
    'f.text, f.start, f."end", f.kind, f.value, f.value_max, f.unit, f.approx, f.change,'
    " f.metric, f.company, f.period, a.id, a.source_path, a.title"
)


def mark_dirty(conn: sqlite3.Connection, keys: Iterable[tuple[str, str, str]]) -> None:
    """Mark (company, metric, period) partitions for regrouping."""
    conn.executemany(
        "INSERT OR IGNORE INTO fact_dirty(company, metric, period) VALUES (?, ?, ?)", keys
    )


def has_dirty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM fact_dirty LIMIT 1").fetchone() is not None


def _input(row: sqlite3.Row | tuple[Any, ...]) -> FactInput:
    # _FIGURE_COLUMNS lists the figure's fields in Figure's order, then the article's.
    return FactInput(row[12], row[13], row[14], Figure(*row[:12]))


def _select(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows as plain tuples (faster than sqlite3.Row for many rows)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, params).fetchall()


def _sort_text(group: FactGroup) -> str:
    _label, *rest = fact_order(group)
    return "\x1f".join(str(part) if not isinstance(part, int) else f"{part:012d}" for part in rest)


def _group_json(group: FactGroup) -> str:
    # Members are stored as [article id, text, value, start, end]: their article's path
    # and title are joined when the group is read (``group_from_json``). A label
    # conflict or a large partition repeats them for every member, and they were
    # three quarters of the stored text, written again with each rebuild.
    data = {
        "company": group.company,
        "metric": group.metric,
        "period": group.period,
        "status": group.status,
        "members": [[m.article_id, m.text, m.value, m.start, m.end] for m in group.members],
        "note": group.note,
    }
    return _ENCODER.encode(data)


# json.dumps(data, ensure_ascii=False) without a new encoder per group or a check
# for cycles in each member (the data is plain): 8 % less time.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _rows(groups: list[FactGroup], company: str, period: str, metric: str) -> list[tuple[Any, ...]]:
    return [
        (
            company,
            period,
            metric,
            fact_order(g)[0],
            _sort_text(g),
            _group_json(g),
        )
        for g in groups
    ]


_INSERT = (
    "INSERT INTO fact_groups(company, period, metric, label, sort, data) VALUES (?, ?, ?, ?, ?, ?)"
)
_LABEL_CONDITION = (
    "f.kind IN ('count', 'money', 'number') AND f.value_max IS NULL"
    " AND (f.approx IS NULL OR f.approx = '~') AND abs(f.value) >= 10000"
)
_LABEL_FILTER = " AND " + _LABEL_CONDITION


def _regroup(conn: sqlite3.Connection, company: str, metric: str, period: str) -> None:
    rows = _select(
        conn,
        f"SELECT {_FIGURE_COLUMNS} FROM figures f JOIN articles a ON a.seq = f.article"
        " WHERE f.company = ? AND f.period = ? AND f.metric = ?",
        (company, period, metric),
    )
    conn.execute(
        "DELETE FROM fact_groups WHERE company = ? AND period = ? AND label = 0 AND metric = ?",
        (company, period, metric),
    )
    conn.executemany(
        _INSERT, _rows(group_partition([_input(r) for r in rows]), company, period, metric)
    )


def _label_rows(groups: list[FactGroup], company: str) -> list[tuple[Any, ...]]:
    """Rows of label conflicts, each under the band of its smaller value."""
    return [
        row
        for group in groups
        for row in _rows([group], company, "", f"{LABEL_BAND}{conflict_band(group)}")
    ]


def _relabel(conn: sqlite3.Connection, company: str) -> None:
    """All label conflicts of a company (a library stored before label bands)."""
    rows = _select(
        conn,
        f"SELECT {_FIGURE_COLUMNS} FROM figures f JOIN articles a ON a.seq = f.article"
        " WHERE f.company = ? AND f.metric IS NOT NULL AND f.metric != ''" + _LABEL_FILTER,
        (company,),
    )
    conn.execute("DELETE FROM fact_groups WHERE company = ? AND label = 1", (company,))
    conn.executemany(_INSERT, _label_rows(label_conflicts([_input(r) for r in rows]), company))


def _relabel_bands(conn: sqlite3.Connection, company: str, first: int, last: int) -> None:
    """The label conflicts of one company owned by the value bands ``first`` to
    ``last``: only the figures of those bands, the one below and the one above are
    read (a band's conflicts depend on those: ``label_conflicts``; a company's
    figures can be tens of thousands), once for a run of neighbouring bands (a figure
    marks its band and its two neighbours, which read the same figures)."""
    low, high = band_bounds(first - 1)[0], band_bounds(last)[1]
    rows = _select(
        conn,
        f"SELECT {_FIGURE_COLUMNS} FROM figures f JOIN articles a ON a.seq = f.article"
        " WHERE f.company = ? AND (f.value BETWEEN ? AND ? OR f.value BETWEEN ? AND ?)"
        " AND f.metric IS NOT NULL AND f.metric != ''" + _LABEL_FILTER,
        (company, low, high, -high, -low),
    )
    items = [_input(r) for r in rows if first - 1 <= label_band(r[4]) <= last + 1]
    conn.executemany(
        "DELETE FROM fact_groups WHERE company = ? AND period = '' AND label = 1 AND metric = ?",
        [(company, f"{LABEL_BAND}{band}") for band in range(first, last + 1)],
    )
    groups = [g for g in label_conflicts(items) if first <= conflict_band(g) <= last]
    conn.executemany(_INSERT, _label_rows(groups, company))


def _runs(bands: Iterable[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive bands."""
    runs: list[tuple[int, int]] = []
    for band in sorted(bands):
        if runs and runs[-1][1] == band - 1:
            runs[-1] = (runs[-1][0], band)
        else:
            runs.append((band, band))
    return runs


def _has_unbanded_labels(conn: sqlite3.Connection, company: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM fact_groups WHERE company = ? AND label = 1"
            " AND metric NOT LIKE ? LIMIT 1",
            (company, LABEL_BAND + "%"),
        ).fetchone()
        is not None
    )


def refresh(conn: sqlite3.Connection) -> int:
    """Regroup the dirty partitions (inside the caller's write transaction); how many.

    Value partitions are (company, metric, period); label conflicts are kept per
    (company, value band), so one new article rereads only the few bands its large
    values fall in, not every figure of every company it names."""
    dirty = conn.execute("SELECT company, metric, period FROM fact_dirty").fetchall()
    bands: dict[str, set[int]] = {}
    for company, metric, period in dirty:
        if metric.startswith(LABEL_BAND):
            bands.setdefault(company, set()).add(int(metric[len(LABEL_BAND) :]))
        elif period:
            _regroup(conn, company, metric, period)
    for company in sorted(bands):
        if _has_unbanded_labels(conn, company):
            _relabel(conn, company)  # once, for groups stored before bands
            continue
        for first, last in _runs(bands[company]):
            _relabel_bands(conn, company, first, last)
    conn.execute("DELETE FROM fact_dirty")
    return len(dirty)


def rebuild(conn: sqlite3.Connection) -> int:
    """Regroup every partition (inside the caller's write transaction); how many groups.

    Streamed: figures are read once, in (company, period, metric) order from their
    index, and grouped one partition at a time (label conflicts one company at a time,
    from the candidates kept while its partitions go by); each partition's groups are
    written before the next is read, so memory holds one partition and one company's
    label candidates, never the library's figures or groups. Article ids, paths and
    titles are read once: joining them to every figure decoded them again for each
    one. A figure without a period that cannot take part in a label conflict joins
    nothing and is not read (a fifth of the figures of a synthetic library of 10,000
    articles)."""
    with _collector_paused():
        return _rebuild(conn)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: a rebuild makes and drops a few objects per
    figure of the library, none in cycles (reference counting frees them), while the
    collections they trigger walk every object alive, the label candidates kept so far
    among them: about 1.3 of 11 s of CPU in a 10,000-article synthetic rebuild."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def relabel_all(conn: sqlite3.Connection) -> None:
    """Every company's label conflicts grouped again, the other groups kept (inside
    the caller's write transaction): what a full rebuild would store for them (a
    library whose label conflicts are in an older format; 4.7 s against 7.2 s for a
    rebuild on a 10,000-article library of 112,000 pair groups)."""
    companies = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT f.company FROM figures f WHERE f.company IS NOT NULL"
            " AND f.company != '' AND f.metric IS NOT NULL AND f.metric != ''" + _LABEL_FILTER
        )
    ]
    conn.execute("DELETE FROM fact_groups WHERE label = 1")
    for company in companies:
        _relabel(conn, company)
    mark_label_groups(conn)


def _rebuild(conn: sqlite3.Connection) -> int:
    mark_label_groups(conn)
    conn.execute("DELETE FROM fact_groups")
    conn.execute("DELETE FROM fact_dirty")
    articles = {
        seq: (article_id, source_path, title)
        for seq, article_id, source_path, title in _select(
            conn, "SELECT seq, id, source_path, title FROM articles"
        )
    }
    count = 0
    figures = _stream(
        conn,
        f"SELECT {_FIGURE_FIELDS}, {_LABEL_CONDITION} FROM figures f"
        f" WHERE {_HAS_COMPANY_METRIC} AND (f.period != '' OR {_LABEL_CONDITION})"
        " ORDER BY f.company, f.period, f.metric",
    )
    for company, company_rows in groupby(figures, key=itemgetter(10)):
        candidates: list[FactInput] = []
        for (period, metric), rows in groupby(company_rows, key=itemgetter(11, 9)):
            partition = list(rows)
            items = _inputs(partition, articles)
            # row[13]: passes _LABEL_FILTER (label_conflicts checks the rest itself)
            candidates.extend(item for row, item in zip(partition, items, strict=True) if row[13])
            if period:
                groups = group_partition(items)
                conn.executemany(_INSERT, _rows(groups, company, period, metric))
                count += len(groups)
        groups = label_conflicts(candidates)
        conn.executemany(_INSERT, _label_rows(groups, company))
        count += len(groups)
    return count


_FIGURE_FIELDS = (
    'f.text, f.start, f."end", f.kind, f.value, f.value_max, f.unit, f.approx, f.change,'
    " f.metric, f.company, f.period, f.article"
)
_HAS_COMPANY_METRIC = (
    "f.company IS NOT NULL AND f.company != '' AND f.metric IS NOT NULL AND f.metric != ''"
)


def _stream(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[Any, ...]]:
    """Rows as plain tuples, read as they are consumed."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return iter(cursor.execute(sql))


def _inputs(
    rows: Iterable[tuple[Any, ...]], articles: dict[int, tuple[str, str, str]]
) -> list[FactInput]:
    """Fact inputs of ``_FIGURE_FIELDS`` rows: the figure, then its article's seq."""
    inputs = []
    for row in rows:
        article_id, source_path, title = articles[row[12]]
        inputs.append(FactInput(article_id, source_path, title, Figure(*row[:12])))
    return inputs


_Articles = Mapping[str, tuple[str, str]]  # article id -> (source path, title)


def group_from_json(data: str, articles: _Articles) -> FactGroup:
    """A stored group, its members' paths and titles taken from ``articles`` (groups
    stored before members were kept by article id carry their own)."""
    return _group(json.loads(data), articles)


def _group(raw: dict[str, Any], articles: _Articles) -> FactGroup:
    members = []
    for member in raw.pop("members", []):
        if isinstance(member, dict):
            members.append(FactMember(**member))
            continue
        article_id, text, value, start, end = member
        source_path, title = articles.get(article_id, ("", ""))
        members.append(FactMember(source_path, title, text, value, start, end, article_id))
    return FactGroup(**raw, members=members)


def _articles(
    conn: sqlite3.Connection, ids: Iterable[str] | None = None
) -> dict[str, tuple[str, str]]:
    """Article id -> (source path, title), of every article or of ``ids``."""
    if ids is None:
        rows = _select(conn, "SELECT id, source_path, title FROM articles")
    else:
        rows = _select(
            conn,
            "SELECT id, source_path, title FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(ids))),),
        )
    return {article_id: (source_path, title) for article_id, source_path, title in rows}


def all_groups(conn: sqlite3.Connection) -> list[FactGroup]:
    rows = conn.execute("SELECT data FROM fact_groups ORDER BY label, sort").fetchall()
    articles = _articles(conn)
    return [group_from_json(r[0], articles) for r in rows]


# The stored groups an article's figures can be in: those of the (company, period)
# partitions of its figures, and the label conflicts of its companies (stored with
# no period; a company has a few hundred at most in a library of 10,000 articles).
_ARTICLE_GROUPS = (
    "SELECT g.data, g.label, g.sort FROM"
    " (SELECT DISTINCT company, period FROM figures WHERE article = ?) k"
    " JOIN fact_groups g ON g.company = k.company AND g.period = k.period{where}"
    " UNION ALL SELECT g.data, g.label, g.sort FROM"
    " (SELECT DISTINCT company FROM figures WHERE article = ? AND company != '') c"
    " JOIN fact_groups g ON g.company = c.company AND g.period = '' AND g.label = 1{where}"
)
_IS_MEMBER = " WHERE instr(g.data, ?) > 0 OR instr(g.data, ?) > 0"


def groups_for_article(
    conn: sqlite3.Connection, seq: int, article_id: str | None = None
) -> list[FactGroup]:
    """The groups of the partitions the article's figures belong to and the label
    conflicts of its companies; with
    ``article_id``, only those the article is a member of (found in the stored text
    before any is decoded: a long article's partitions hold thousands of groups of
    other articles in a large library)."""
    where = ""
    markers: tuple[str, ...] = ()
    if article_id is not None:
        where, markers = _IS_MEMBER, _member_markers(article_id)
    sql = f"SELECT data FROM ({_ARTICLE_GROUPS.format(where=where)}) ORDER BY label, sort"
    rows = conn.execute(sql, (seq, *markers, seq, *markers)).fetchall()
    raw = [json.loads(r[0]) for r in rows]
    ids = {m[0] for group in raw for m in group["members"] if isinstance(m, list)}
    articles = _articles(conn, ids) if ids else {}
    return [_group(group, articles) for group in raw]


def statuses_for_article(
    conn: sqlite3.Connection, seq: int, article_id: str
) -> dict[tuple[int, int], str]:
    """(start, end) of each figure of the article that is in a fact group ->
    the group's status ("conflict" wins over "agree"; a label conflict is one), read
    from the stored groups without decoding them (a long report's groups hold the members of hundreds of
    other articles in a large library: building them took 280 ms at 10,000)."""
    markers = _member_markers(article_id)
    sql = f"SELECT data FROM ({_ARTICLE_GROUPS.format(where=_IS_MEMBER)})"
    status: dict[tuple[int, int], str] = {}
    for (data,) in conn.execute(sql, (seq, *markers, seq, *markers)):
        group_status, spans = group_marks(data, article_id)
        for key in spans:
            if status.get(key) != "conflict":
                status[key] = group_status
    return status


_STATUS = re.compile(r'"status": "([a-z]+)", "members": \[')
_START_END = re.compile(r'"start": (-?\d+), "end": (-?\d+)')


def _member_markers(article_id: str) -> tuple[str, str]:
    """Text that a stored group holds when ``article_id`` is one of its members: as a
    member list ``[id, text, value, start, end]``, and as stored before (a dict)."""
    return (
        "[" + _ENCODER.encode(article_id) + ",",
        _ENCODER.encode({"article_id": article_id})[1:-1],
    )


_MEMBER = json.JSONDecoder()


def group_marks(data: str, article_id: str) -> tuple[str, list[tuple[int, int]]]:
    """The status of a stored group (``_group_json``) and the (start, end) of the
    article's members in it, read from the text without decoding the group: each of
    the article's members begins with ``["<id>",`` and is decoded alone (a quote
    inside a text is escaped, so that cannot begin inside one). Groups stored before,
    with a dict per member, are found by the id that ends each member; text of
    another layout is decoded."""
    head = _STATUS.search(data)
    if head is None:
        group = group_from_json(data, {})
        spans = [(m.start, m.end) for m in group.members if m.article_id == article_id]
        return group.status, spans
    spans: list[tuple[int, int]] = []
    if data.startswith("[", head.end()):  # members as lists
        needle = _member_markers(article_id)[0]
        at = data.find(needle, head.end())
        while at >= 0:
            member, end = _MEMBER.raw_decode(data, at)
            spans.append((int(member[3]), int(member[4])))
            at = data.find(needle, end)
        return head[1], spans
    needle = ', "article_id": ' + _ENCODER.encode(article_id) + "}"
    at = data.find(needle, head.end())
    while at >= 0:
        found = _START_END.match(data, data.rfind('"start": ', max(0, at - 64), at))
        if found is not None and found.end() == at:
            spans.append((int(found[1]), int(found[2])))
        at = data.find(needle, at + len(needle))
    return head[1], spans
