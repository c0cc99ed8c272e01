"""Text shown by the reader: metadata lines, figure labels and marks (citations:
``tui.figures.citation``).

Pure functions so the wording is tested without a UI.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.text.models import Figure

STATUS_MARKS = {"agree": "✓ 一致", "conflict": "✗ 冲突"}


def meta_lines(
    site: str | None,
    author: str | None,
    date: str | None,
    tags: Sequence[str],
    companies: Sequence[str],
) -> list[str]:
    """The metadata lines under an article's title."""
    first = " · ".join(part for part in (site, f"作者 {author}" if author else None, date) if part)
    second = "  ".join(
        part
        for part in (
            f"标签：{'、'.join(tags)}" if tags else "",
            f"公司：{'、'.join(companies)}" if companies else "",
        )
        if part
    )
    return [line for line in (first, second) if line]


def row_subtitle(site: str | None, date: str | None, companies: Sequence[str]) -> str:
    """The second line of an article-list entry."""
    parts = [p for p in (site, date) if p]
    if companies:
        parts.append("、".join(companies[:3]) + ("…" if len(companies) > 3 else ""))
    return " · ".join(parts)


def figure_label(figure: Figure) -> str:
    """Metric, company and period of a figure, as one short line."""
    return " · ".join(p for p in (figure.metric, figure.company, figure.period) if p) or "—"


def status_mark(status: str | None) -> str:
    """The agree/conflict mark of a figure in the fact groups ('' when in none)."""
    return STATUS_MARKS.get(status or "", "")
