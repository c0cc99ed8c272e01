"""Text shown by the reader: metadata lines, figure labels, marks and citations.

Pure functions so the wording is tested without a UI.
"""

from __future__ import annotations

import re
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


_QUARTERS = "一二三四"


def period_text(period: str | None) -> str:
    """A period as it reads in a sentence: ``2024`` → ``2024年``, ``2025Q1`` →
    ``2025年第一季度``, ``2025H1`` → ``2025年上半年``; others unchanged."""
    if not period:
        return ""
    if re.fullmatch(r"\d{4}", period):
        return f"{period}年"
    match = re.fullmatch(r"(\d{4})Q([1-4])", period)
    if match:
        return f"{match[1]}年第{_QUARTERS[int(match[2]) - 1]}季度"
    match = re.fullmatch(r"(\d{4})H([12])", period)
    if match:
        return f"{match[1]}年{'上' if match[2] == '1' else '下'}半年"
    return period


def citation(
    text: str,
    figure: Figure,
    title: str,
    site: str | None,
    date: str | None,
) -> str:
    """A figure with its source, for pasting into writing.

    ``腾讯2024年研发投入706.9亿元（来源：《巨额斥资研发》，DoNews，2025-03-20）``
    """
    lead = "".join(p for p in (figure.company, period_text(figure.period), figure.metric) if p)
    source = "，".join(p for p in (f"《{title}》", site, date) if p)
    return f"{lead}{text}（来源：{source}）"
