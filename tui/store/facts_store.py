"""Fact groups kept in the library, incrementally.

Groups live in ``fact_groups``, one row per group, keyed by the (company, period)
partition they belong to (see ``tui.figures.facts``). Storing or removing an
article marks the partitions its old and new figures touch as dirty
(``fact_dirty``), in the same transaction as the article's rows; ``refresh``
regroups the dirty partitions from the figure table and clears them, again in one
write transaction. So the stored groups never mix two versions of an article, a
crash leaves the dirty marks for the next refresh, and one new article in a large
library regroups only its partitions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from tui.figures.facts import FactInput, fact_order, group_partition
from tui.text.models import FactGroup, FactMember, Figure

_FIGURE_COLUMNS = (
    'f.text, f.start, f."end", f.kind, f.value, f.value_max, f.unit, f.approx, f.change,'
    " f.metric, f.company, f.period, a.id, a.source_path, a.title"
)


def mark_dirty(conn: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO fact_dirty(company, period) VALUES (?, ?)", keys)


def has_dirty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM fact_dirty LIMIT 1").fetchone() is not None


def _input(row: sqlite3.Row | tuple[Any, ...]) -> FactInput:
    figure = Figure(
        text=row[0],
        start=row[1],
        end=row[2],
        kind=row[3],
        value=row[4],
        value_max=row[5],
        unit=row[6],
        approx=row[7],
        change=row[8],
        metric=row[9],
        company=row[10],
        period=row[11],
    )
    return FactInput(article_id=row[12], source_path=row[13], title=row[14], figure=figure)


def _sort_text(group: FactGroup) -> str:
    _label, *rest = fact_order(group)
    return "\x1f".join(str(part) if not isinstance(part, int) else f"{part:012d}" for part in rest)


def _write_groups(
    conn: sqlite3.Connection, company: str, period: str, groups: list[FactGroup]
) -> None:
    conn.execute("DELETE FROM fact_groups WHERE company = ? AND period = ?", (company, period))
    conn.executemany(
        "INSERT INTO fact_groups(company, period, label, sort, data) VALUES (?, ?, ?, ?, ?)",
        [
            (
                company,
                period,
                fact_order(g)[0],
                _sort_text(g),
                json.dumps(asdict(g), ensure_ascii=False),
            )
            for g in groups
        ],
    )


def refresh(conn: sqlite3.Connection) -> int:
    """Regroup the dirty partitions (inside the caller's write transaction); how many."""
    dirty = conn.execute("SELECT company, period FROM fact_dirty").fetchall()
    for company, period in dirty:
        rows = conn.execute(
            f"SELECT {_FIGURE_COLUMNS} FROM figures f JOIN articles a ON a.seq = f.article"
            " WHERE f.company = ? AND f.period = ? AND f.metric IS NOT NULL AND f.metric != ''",
            (company, period),
        ).fetchall()
        _write_groups(conn, company, period, group_partition([_input(r) for r in rows]))
    conn.execute("DELETE FROM fact_dirty")
    return len(dirty)


def rebuild(conn: sqlite3.Connection) -> None:
    """Regroup every partition (inside the caller's write transaction)."""
    conn.execute("DELETE FROM fact_groups")
    conn.execute("DELETE FROM fact_dirty")
    rows = conn.execute(
        f"SELECT {_FIGURE_COLUMNS} FROM figures f JOIN articles a ON a.seq = f.article"
        " WHERE f.company IS NOT NULL AND f.company != '' AND f.period IS NOT NULL"
        " AND f.period != '' AND f.metric IS NOT NULL AND f.metric != ''"
        " ORDER BY f.company, f.period"
    )
    key: tuple[str, str] | None = None
    items: list[FactInput] = []
    for row in rows:
        row_key = (row[10], row[11])
        if row_key != key:
            if key is not None:
                _write_groups(conn, key[0], key[1], group_partition(items))
            key, items = row_key, []
        items.append(_input(row))
    if key is not None:
        _write_groups(conn, key[0], key[1], group_partition(items))


def group_from_json(data: str) -> FactGroup:
    raw = json.loads(data)
    members = [FactMember(**m) for m in raw.pop("members", [])]
    return FactGroup(**raw, members=members)


def all_groups(conn: sqlite3.Connection) -> list[FactGroup]:
    rows = conn.execute("SELECT data FROM fact_groups ORDER BY label, sort").fetchall()
    return [group_from_json(r[0]) for r in rows]


def groups_for_article(conn: sqlite3.Connection, seq: int) -> list[FactGroup]:
    """The groups of the partitions the article's figures belong to."""
    rows = conn.execute(
        "SELECT g.data FROM (SELECT DISTINCT company, period FROM figures WHERE article = ?) k"
        " JOIN fact_groups g ON g.company = k.company AND g.period = k.period"
        " ORDER BY g.label, g.sort",
        (seq,),
    ).fetchall()
    return [group_from_json(r[0]) for r in rows]
