"""Period values and their arithmetic (``tui.figures.period`` reads them from text).

Forms: ``2025`` (a calendar year), ``2025Q1``, ``2025H1``, ``2025Q1-Q3``, ``2025-03``
(a month), ``2025-01/10`` (months 1 to 10), ``FY2026`` and ``FY2026Q1`` (fiscal).
"""

from __future__ import annotations

import re


def months_period(year: int, first: int, last: int) -> str | None:
    """Months first..last of a year as a period: 1-3 is 2025Q1, 1-6 2025H1, 1-9 2025Q1-Q3,
    1-12 the year, 4-6 2025Q2, 7-12 2025H2; other stretches 2025-01/05."""
    if not 1 <= first <= last <= 12:
        return None
    if (first, last) == (1, 12):
        return str(year)
    if (first, last) in ((1, 6), (7, 12)):
        return f"{year}H{1 if first == 1 else 2}"
    if first % 3 == 1 and last % 3 == 0:
        q1, q2 = (first + 2) // 3, last // 3
        return f"{year}Q{q1}" if q1 == q2 else f"{year}Q{q1}-Q{q2}"
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{last:02d}"


def year_of(period: str | None) -> int | None:
    """The year number of a period (of a fiscal one, its fiscal year)."""
    if not period:
        return None
    digits = period[2:6] if period.startswith("FY") else period[:4]
    return int(digits) if digits.isdigit() else None


def quarter_key(period: str) -> tuple[int, int]:
    """(year, quarter) of a calendar quarter, for ordering."""
    return (int(period[:4]), int(period[5]))


STOP_MONTHS = {"季度": 3, "三个月": 3, "3个月": 3, "六个月": 6, "6个月": 6, "半年": 6}
STOP_MONTHS |= {"九个月": 9, "9个月": 9, "年度": 12, "财年": 12, "十二个月": 12, "12个月": 12}


def ended_period(year: int, month: int, stop: str) -> str | None:
    """截至2025年9月30日止季度 (2025Q3), 止六个月 (2025H1), 截至3月31日止年度 (FY2025)."""
    months = STOP_MONTHS[stop]
    if months == 12:
        return str(year) if month == 12 else f"FY{year}"
    first = month - months + 1
    return months_period(year, first, month) if first >= 1 else None


def shifted_year(period: str, offset: int) -> str:
    """The same period ``offset`` years away: 2025Q3 -> 2024Q3, FY2026Q1 -> FY2025Q1."""
    return re.sub(r"\d{4}", lambda y: str(int(y.group()) + offset), period, count=1)


def calendar_year(period: str | None) -> int | None:
    """The year of a calendar period (not of a fiscal one: 全年 is a calendar year)."""
    return None if period is None or period.startswith("FY") else year_of(period)


CALENDAR_QUARTER = re.compile(r"^\d{4}Q[1-4]$")


def expand_years(first: str, last: str) -> list[str]:
    """FY2023..FY2025 -> FY2023, FY2024, FY2025 (years and fiscal years only)."""
    fiscal = first.startswith("FY")
    if fiscal != last.startswith("FY"):
        return []
    a, b = (first[2:], last[2:]) if fiscal else (first, last)
    if not (a.isdigit() and b.isdigit() and len(a) == len(b) == 4 and int(a) < int(b)):
        return []
    prefix = "FY" if fiscal else ""
    return [f"{prefix}{year}" for year in range(int(a), int(b) + 1)]


QUARTER_END = re.compile(r"^(?:FY)?\d{4}Q[1-4]$")


def quarter_before(period: str) -> str:
    """2025Q3 -> 2025Q2, 2025Q1 -> 2024Q4, FY2026Q2 -> FY2026Q1."""
    prefix = "FY" if period.startswith("FY") else ""
    year, quarter = int(period[len(prefix) : len(prefix) + 4]), int(period[-1])
    year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return f"{prefix}{year}Q{quarter}"


def year_ok(value: str) -> bool:
    year = year_of(value)
    return year is not None and 1990 <= year <= 2100
