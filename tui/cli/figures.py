"""The ``figures`` and ``facts`` subcommands.

* ``python -m tui figures [--company X] [--metric M] [--period P] [--query WORDS]
  [--format table|json|csv|md] [PATHS…]`` lists every figure, one row each with
  its article's title, site and date.
* ``python -m tui facts [same options] [PATHS…]`` lists the fact groups (company,
  metric, period, status agree | conflict, members), conflicts first; a group is
  kept when one of its members matches.

The options mean what the words of the reader's lookup mean (``tui.figures.query``):
``--company`` any alias or product in either script (元宝 finds 腾讯), ``--metric``
a metric or one of its words, ``--period`` 2025Q1, 2025年一季度, 去年 or a year
(with its quarters), ``--query`` words that are each a company, a period, a
metric, or text in the number as written, the metric or the article's title.

Both read the articles through the library (``--library PATH``), the bundled
seeds when no path is given; the exit status is 1 when a file could not be read.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

from tui.cli.common import load_articles
from tui.figures.query import FigureFacts, FigureQuery, matches, parse_query
from tui.text.models import Article, FactGroup, Figure

FIGURE_COLUMNS = (
    "title",
    "site",
    "date",
    "company",
    "metric",
    "period",
    "text",
    "kind",
    "value",
    "value_max",
    "unit",
    "approx",
    "change",
    "source_path",
    "start",
    "end",
)
_TABLE_COLUMNS = ("date", "site", "title", "company", "metric", "period", "text", "kind", "value")
_TITLE_WIDTH = 24


def figure_row(article: Article, figure: Figure) -> dict[str, Any]:
    """One output row: the figure's fields and where it comes from."""
    row: dict[str, Any] = {
        "title": article.title,
        "site": article.site,
        "date": article.date,
        "source_path": article.source_path,
    }
    row.update(figure.to_dict())
    return {column: row.get(column) for column in FIGURE_COLUMNS}


def _facts(figure: Figure, title: str = "") -> FigureFacts:
    return FigureFacts.of(figure.text, figure.metric, figure.company, figure.period, title)


def company_matches(figure: Figure, wanted: str) -> bool:
    """The figure's company is the one named by ``wanted`` (any alias, either script)."""
    return matches(parse_query(None, company=wanted), _facts(figure))


def query_matches(figure: Figure, query: str, title: str = "") -> bool:
    """Every word of the query matches the figure (see ``tui.figures.query``)."""
    return matches(parse_query(query), _facts(figure, title))


def select_rows(
    articles: Iterable[Article],
    company: str | None = None,
    query: str | None = None,
    *,
    metric: str | None = None,
    period: str | None = None,
) -> list[dict[str, Any]]:
    wanted = parse_query(query, company=company, metric=metric, period=period)
    rows = []
    for article in articles:
        for figure in article.figures:
            if wanted.empty or matches(wanted, _facts(figure, article.title)):
                rows.append(figure_row(article, figure))
    return rows


def select_groups(groups: Iterable[FactGroup], query: FigureQuery) -> list[FactGroup]:
    """The groups with a member that matches, conflicts first."""
    kept = [
        group
        for group in groups
        if query.empty
        or any(
            matches(
                query,
                FigureFacts.of(m.text, group.metric, group.company, group.period, m.title),
            )
            for m in group.members
        )
    ]
    return sorted(kept, key=lambda g: g.status != "conflict")


# -- output -------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """Cut the text to at most ``width`` columns, with an ellipsis when cut."""
    if display_width(text) <= width:
        return text
    out = ""
    for char in text:
        if display_width(out + char) > width - 1:
            break
        out += char
    return out + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(rows: list[dict[str, Any]], columns: tuple[str, ...] = _TABLE_COLUMNS) -> str:
    cells = [
        [_fit(_cell(row[c]), _TITLE_WIDTH) if c == "title" else _cell(row[c]) for c in columns]
        for row in rows
    ]
    widths = [
        max([display_width(c), *(display_width(line[i]) for line in cells)])
        for i, c in enumerate(columns)
    ]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    for line in cells:
        lines.append("  ".join(_pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def format_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIGURE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_md_table(columns: tuple[str, ...], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def format_figures(rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return format_csv(rows)
    if fmt == "md":
        return format_md_table(
            _TABLE_COLUMNS, [[_cell(row[c]) for c in _TABLE_COLUMNS] for row in rows]
        )
    return format_table(rows)


def fact_record(group: FactGroup) -> dict[str, Any]:
    """A fact group with the promised fields."""
    return {
        "company": group.company,
        "metric": group.metric,
        "period": group.period,
        "status": group.status,
        "note": group.note,
        "members": [
            {
                "source_path": m.source_path,
                "title": m.title,
                "text": m.text,
                "value": m.value,
                "start": m.start,
                "end": m.end,
            }
            for m in group.members
        ],
    }


FACT_COLUMNS = ("status", "company", "metric", "period", "text", "value", "title", "source_path")
_FACT_TABLE_COLUMNS = ("status", "company", "metric", "period", "text", "title")


def fact_rows(groups: list[FactGroup]) -> list[dict[str, Any]]:
    """One row per member of each group, with the group's fields."""
    return [
        {
            "status": g.status,
            "company": g.company,
            "metric": g.metric,
            "period": g.period,
            "text": m.text,
            "value": m.value,
            "title": m.title,
            "source_path": m.source_path,
        }
        for g in groups
        for m in g.members
    ]


def format_facts(groups: list[FactGroup], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([fact_record(g) for g in groups], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in fact_rows(groups):
            writer.writerow({k: _cell(v) for k, v in row.items()})
        return buffer.getvalue()
    if fmt == "table":
        return format_table(fact_rows(groups), _FACT_TABLE_COLUMNS)
    parts = []
    for group in groups:
        heading = " · ".join(
            [group.company or "?", group.metric or "?", group.period or "no period", group.status]
        )
        parts.append(f"## {heading}\n")
        if group.note:
            parts.append(f"{group.note}\n")
        rows = [[m.text, _cell(m.value), m.title, m.source_path] for m in group.members]
        parts.append(format_md_table(("text", "value", "title", "source"), rows))
    return "\n".join(parts)


# -- commands -----------------------------------------------------------------------


def _cmd_figures(args: argparse.Namespace) -> int:
    articles, status = load_articles(args.paths, args.library)
    rows = select_rows(articles, args.company, args.query, metric=args.metric, period=args.period)
    sys.stdout.write(format_figures(rows, args.format))
    return status


def _cmd_facts(args: argparse.Namespace) -> int:
    from tui.figures.facts import group_facts

    articles, status = load_articles(args.paths, args.library)
    query = parse_query(args.query, company=args.company, metric=args.metric, period=args.period)
    sys.stdout.write(format_facts(select_groups(group_facts(articles), query), args.format))
    return status


def _add_query_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--company", metavar="X", help="only this company (any alias)")
    parser.add_argument("--metric", metavar="M", help="only this metric (or one of its words)")
    parser.add_argument("--period", metavar="P", help="only this period (2025Q1, 去年, 2024)")
    parser.add_argument(
        "--query", metavar="WORDS", help="words: company, period, metric, number or title"
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``figures`` and ``facts`` subcommands."""
    figures = subparsers.add_parser("figures", help="list the figures of the articles")
    figures.add_argument("--format", choices=("table", "json", "csv", "md"), default="table")
    _add_query_options(figures)
    figures.set_defaults(func=_cmd_figures)

    facts = subparsers.add_parser("facts", help="group the same facts across articles")
    facts.add_argument("--format", choices=("table", "json", "csv", "md"), default="md")
    _add_query_options(facts)
    facts.set_defaults(func=_cmd_facts)
