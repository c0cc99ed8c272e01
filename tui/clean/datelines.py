"""Publication dates: timestamp lines, datelines and press-release openings.

- ``timestamp_date``: a short line that is mostly a full date (``2025-08-21 17:19``,
  ``发布时间:2025年8月21日 新浪科技``);
- ``is_dateline``: a short line stating a full date among labels and names, no
  sentence (``2024/7/19 7:35:12 来源:IT之家 作者:清源``, ``21 Nov 2025``,
  ``某某 发布于 2025-08-27 22:09 浏览:7次``);
- ``press_date``: the date that opens a press release or wire story
  (``香港2025年11月19日 /美通社/ --``, ``中國北京，2024年5月16日，…``).

A date that bounds a period is not a publication date: ``截至2024年12月31日止季度``,
``自2024年1月1日起``. A line that reads as prose is never a dateline.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from tui.clean import prose, structure
from tui.clean.lineforms import head_indexes, meta_form, normal_form
from tui.text.dates import DATE_RE
from tui.text.han import HAN_CLASS

DATE = DATE_RE
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_DATE = re.compile(
    r"(?:\b(?P<d2>\d{1,2})\s+)?\b(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_DATE_LABELS = re.compile(r"(发布|发表|更新|时间|日期|于|来源|:)")
_PERIOD_BEFORE = re.compile(r"(?:截至|截止|至|到|自|从)\s*$")
_PERIOD_AFTER = re.compile(r"^\s*(?:止|前|后|起|以来|之前|之后|期间|为止)")
_PRESS = re.compile(
    r"^(?!截至|截止|至|自|从|于|在)(?P<place>[" + HAN_CLASS + r"]{2,8}?)\s*[,，]?\s*"
    r"(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:[,，]|/|电|電|讯|訊|--)"
)
_COUNTER = re.compile(r"(?:浏览|阅读|评论|点击|点赞|人气|热度)\s*[:：]?\s*\d+\s*[次万wk+]*")
TIMESTAMP_MAX_LEN = 60  # a timestamp line is short...
TIMESTAMP_REST_MAX_LEN = 16  # ...and mostly the date (a site name may follow)
DATELINE_MAX_LEN = 100  # a dateline with bylines and counters, no sentences


def _is_period_bound(text: str, start: int, end: int) -> bool:
    return bool(_PERIOD_BEFORE.search(text[:start]) or _PERIOD_AFTER.match(text[end:]))


def publication_match(text: str) -> re.Match[str] | None:
    """The first full date in the text that does not bound a period."""
    for match in DATE.finditer(text):
        if not _is_period_bound(text, match.start(), match.end()):
            return match
    return None


def timestamp_date(line: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a timestamp line such as ``2025-08-21 17:19`` or
    ``发布时间:2025年8月21日 新浪科技``: a short line that is mostly a full date."""
    text = normal_form(line)
    if not text or len(text) > TIMESTAMP_MAX_LEN or re.search(r"[。!?;]", text):
        return None
    match = publication_match(text)
    if not match:
        return None
    rest = _DATE_LABELS.sub("", _TIME.sub("", text[: match.start()] + text[match.end() :]))
    if len(re.sub(r"\s+", "", rest)) > TIMESTAMP_REST_MAX_LEN:
        return None
    return int(match["y"]), int(match["m"]), int(match["d"])


def normalise_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date, datetime or string stating a full date; else None."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return None
    text = str(value)
    match = publication_match(text)
    if match:
        parts = (int(match["y"]), int(match["m"]), int(match["d"]))
    else:
        english = _EN_DATE.search(text)
        if not english or not (english["d"] or english["d2"]):
            return None  # "May 2024" states no day
        month = _MONTHS.index(english["mon"][:3].lower()) + 1
        parts = (int(english["y"]), month, int(english["d"] or english["d2"]))
    try:
        day = _dt.date(*parts)
    except ValueError:
        return None
    return day.isoformat()


def date_from_line(line: str) -> str | None:
    """The date of a timestamp line (the date is most of the line), else None."""
    parts = timestamp_date(line)
    if parts is None:
        return None
    try:
        return _dt.date(*parts).isoformat()
    except ValueError:
        return None


def is_dateline(line: str) -> bool:
    """A short line stating a full date, without sentences."""
    text = meta_form(line)
    if len(text) > DATELINE_MAX_LEN or re.search(r"[。!?;]", text):
        return False
    rest = _COUNTER.sub("", _TIME.sub("", DATE.sub("", text)))
    if structure.is_markdown_line(line) or prose.reads_as_prose(rest):
        return False
    return normalise_date(text) is not None


def press_date(line: str) -> str | None:
    """The date opening a press release or wire story, else None."""
    match = _PRESS.match(meta_form(line))
    return normalise_date(match["date"]) if match else None


def find_date(lines: list[str], head: int) -> str | None:
    """The date of the first timestamp line; else of a dateline among the first
    ``head`` non-blank lines; else of a press-release opening there."""
    for line in lines:
        if line.strip() and not structure.is_markdown_line(line):
            found = date_from_line(line)
            if found:
                return found
    top = [lines[i] for i in head_indexes(lines, head)]
    for line in top:
        if is_dateline(line):
            return normalise_date(meta_form(line))
    for line in top:
        found = press_date(line)
        if found:
            return found
    return None
