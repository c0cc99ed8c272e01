"""The ``figures`` and ``facts`` subcommands.

* ``python -m tui figures [--company X] [--query WORDS] [--format table|json|csv|md] [PATHS…]``
  lists every figure, one row each with its article's title, site and date.
  ``--company`` takes any alias or product in either script (元宝 finds 腾讯);
  ``--query`` keeps figures whose metric, company or text holds every word, in
  either script (营收 finds 營收).
* ``python -m tui facts [--format json|md] [PATHS…]`` lists the fact groups
  (company, metric, period, status agree | conflict, members).

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


def _simplified(text: str) -> str:
    from tui.text.script import simplified_key

    return simplified_key(text)


def company_matches(figure: Figure, wanted: str) -> bool:
    """The figure's company is the one named by ``wanted`` (any alias, either script)."""
    if not figure.company:
        return False
    from tui.lang.companies import resolve

    canonical = resolve(wanted) or wanted
    return _simplified(figure.company) == _simplified(canonical)


def query_matches(figure: Figure, query: str) -> bool:
    """Every word of the query is in the figure's metric, company or text (either script).

    A word that names a company (any alias or product: Tencent, 騰訊, 微信) matches
    the figures of that company.
    """
    from tui.lang.companies import resolve

    haystack = _simplified(" ".join(filter(None, (figure.metric, figure.company, figure.text))))
    for word in query.split():
        if _simplified(word) in haystack:
            continue
        owner = resolve(word)
        if owner is None or owner != figure.company:
            return False
    return True


def select_rows(
    articles: Iterable[Article], company: str | None = None, query: str | None = None
) -> list[dict[str, Any]]:
    rows = []
    for article in articles:
        for figure in article.figures:
            if company and not company_matches(figure, company):
                continue
            if query and not query_matches(figure, query):
                continue
            rows.append(figure_row(article, figure))
    return rows


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


def format_table(rows: list[dict[str, Any]]) -> str:
    cells = [
        [
            _fit(_cell(row[c]), _TITLE_WIDTH) if c == "title" else _cell(row[c])
            for c in _TABLE_COLUMNS
        ]
        for row in rows
    ]
    widths = [
        max([display_width(c), *(display_width(line[i]) for line in cells)])
        for i, c in enumerate(_TABLE_COLUMNS)
    ]
    lines = ["  ".join(_pad(c, w) for c, w in zip(_TABLE_COLUMNS, widths, strict=True)).rstrip()]
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


def format_facts(groups: list[FactGroup], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([fact_record(g) for g in groups], ensure_ascii=False, indent=2) + "\n"
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
    rows = select_rows(articles, args.company, args.query)
    sys.stdout.write(format_figures(rows, args.format))
    return status


def _cmd_facts(args: argparse.Namespace) -> int:
    from tui.figures.facts import group_facts

    articles, status = load_articles(args.paths, args.library)
    sys.stdout.write(format_facts(group_facts(articles), args.format))
    return status


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``figures`` and ``facts`` subcommands."""
    figures = subparsers.add_parser("figures", help="list the figures of the articles")
    figures.add_argument("--company", metavar="X", help="only this company (any alias)")
    figures.add_argument("--query", metavar="WORDS", help="words in metric, company or text")
    figures.add_argument("--format", choices=("table", "json", "csv", "md"), default="table")
    figures.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    figures.set_defaults(func=_cmd_figures)

    facts = subparsers.add_parser("facts", help="group the same facts across articles")
    facts.add_argument("--format", choices=("json", "md"), default="md")
    facts.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    facts.set_defaults(func=_cmd_facts)
