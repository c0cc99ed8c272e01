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

import yaml

from tui.text.paths import data_file

_FISCAL = re.compile(r"^FY(\d{4})(?:(Q[1-4]|H[12]))?$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


@lru_cache(maxsize=1)
def year_end_months() -> dict[str, int]:
    """Canonical company name -> month its fiscal year ends (only non-calendar years)."""
    with data_file("companies.yaml").open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    months = {}
    for entry in raw.get("companies") or []:
        end = str(entry.get("fiscal_year_end") or "")
        if re.fullmatch(r"\d{2}-\d{2}", end) and end != "12-31":
            months[str(entry["name"])] = int(end[:2])
    return months


def year_end_month(company: str | None) -> int:
    """The month the company's fiscal year ends; 12 for a calendar year or no company."""
    return year_end_months().get(company or "", 12)


def calendar_to_fiscal(period: str, end_month: int) -> str:
    """2025Q3 -> FY2026Q2 for a year ending in March; unchanged when it does not map."""
    match = _QUARTER.match(period)
    if match is None or end_month % 3 or end_month == 12:
        return period
    year, quarter = int(match.group(1)), int(match.group(2))
    last_month = 3 * quarter
    fiscal_year = year if last_month <= end_month else year + 1
    fiscal_quarter = ((last_month - end_month - 1) % 12) // 3 + 1
    return f"FY{fiscal_year}Q{fiscal_quarter}"


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
