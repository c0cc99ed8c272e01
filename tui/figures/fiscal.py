"""Fiscal calendars: a figure's period in the form its company reports in.

Each company's fiscal-year end is a data field of ``data/companies.yaml``
(``fiscal_year_end: "03-31"``); without it the fiscal year is the calendar year.

* A calendar-year company (腾讯, 快手, 小米, 比亚迪 …) has no fiscal periods of its
  own: 快手2025财年第三季度 is 2025Q3, FY2025 is 2025.
* A company whose fiscal year ends at a quarter end (阿里巴巴 and 联想 on 31 March,
  微软 on 30 June) reports fiscal quarters: its calendar quarter 2025Q3 (July to
  September 2025) is FY2026Q2. A calendar year or half of such a company is left
  as written (it spans two fiscal years).
* A fiscal year that does not end at a quarter end (英伟达, late January) keeps
  both forms as written: they do not line up.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui.text.data import load_yaml

_FISCAL = re.compile(r"^FY(\d{4})(?:(Q[1-4]|H[12]))?$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


@lru_cache(maxsize=1)
def year_end_months() -> dict[str, int]:
    """Canonical company name -> month its fiscal year ends (only non-calendar years)."""
    months = {}
    for entry in load_yaml("companies.yaml").get("companies") or []:
        end = str(entry.get("fiscal_year_end") or "")
        if re.fullmatch(r"\d{2}-\d{2}", end) and end != "12-31":
            months[str(entry["name"])] = int(end[:2])
    return months


def year_end_month(company: str | None) -> int:
    """The month the company's fiscal year ends; 12 for a calendar year or no company."""
    return year_end_months().get(company or "", 12)


def _calendar_quarters(period: str) -> list[tuple[int, int]]:
    """2025Q3 -> [(2025, 3)]; 2025Q2-Q3 and 2025H1 -> their quarters; else []."""
    match = re.fullmatch(r"(\d{4})(?:Q([1-4])(?:-Q([1-4]))?|H([12]))", period)
    if match is None:
        return []
    year = int(match.group(1))
    if match.group(4):
        first = 1 if match.group(4) == "1" else 3
        return [(year, first), (year, first + 1)]
    first = int(match.group(2))
    last = int(match.group(3) or first)
    return [(year, q) for q in range(first, last + 1)]


def calendar_to_fiscal(period: str, end_month: int) -> str:
    """2025Q3 -> FY2026Q2 for a year ending in March (2024Q2-Q3 -> FY2025H1);
    unchanged when the period does not fall in one fiscal year of whole quarters."""
    quarters = _calendar_quarters(period)
    if not quarters or end_month % 3 or end_month == 12:
        return period
    fiscal = []
    for year, quarter in quarters:
        last_month = 3 * quarter
        fiscal.append(
            (
                year if last_month <= end_month else year + 1,
                ((last_month - end_month - 1) % 12) // 3 + 1,
            )
        )
    years = {year for year, _ in fiscal}
    if len(years) != 1:
        return period
    (year,) = years
    first, last = fiscal[0][1], fiscal[-1][1]
    if first == last:
        return f"FY{year}Q{first}"
    names = {(1, 2): "H1", (3, 4): "H2", (1, 4): ""}
    suffix = names.get((first, last), f"Q{first}-Q{last}")
    return f"FY{year}{suffix}"


def for_company(period: str | None, company: str | None) -> str | None:
    """The period as the company reports it (see the module docstring)."""
    if not period or company is None:
        return period
    end_month = year_end_month(company)
    fiscal = _FISCAL.match(period)
    if end_month == 12:
        if fiscal is None:
            return period
        return fiscal.group(1) + (fiscal.group(2) or "")
    if fiscal is not None:
        return period
    return calendar_to_fiscal(period, end_month)
