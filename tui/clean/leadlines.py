"""Metadata glued to the start of a line, split from the text that follows it.

Scrapers and sites glue what a page says about itself to its first paragraph:

- a scraper's ``date 2025-11-25`` before the first line;
- an outlet and a reporter in brackets: ``【财新网】（见习记者 靳晴）腾讯昨日公布…``;
- a site and a day before ``消息``: ``站长之家(ChinaZ.com) 12月3日 消息:今日…``,
  and a reporter after it: ``9月12日消息（郭睿琦）小米汽车…`` (read, not cut: a
  wire dateline is how the story opens);
- labelled credits: ``出品|某某频道 作者|某某 第三季度，…`` (one word a label).

``split_lead(line)`` returns a ``Lead`` with the fields found and the rest of the
line (the article's text, kept); ``None`` when nothing is glued. Metadata reads the
fields; chrome keeps only the rest. Both see the same split, so the text after a
prefix is never lost and the prefix never reaches the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.clean import prose
from tui.clean.lineforms import head_indexes
from tui.text.han import HAN_CLASS

_NAME = rf"[{HAN_CLASS}·]{{2,4}}"
_NAMES = rf"{_NAME}(?:[、,，/ ]{_NAME})*"
_DATE_PREFIX = re.compile(
    r"^\s*date\s+(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+"
)
_BRACKET_SITE = re.compile(
    rf"^【(?P<site>[^【】\s]{{2,12}}?)(?:讯|訊)?】\s*(?:[（(]\s*(?:见习记者|實習記者|实习记者|特约记者|記者|记者|通讯员|通訊員)?\s*(?P<author>{_NAMES})\s*[)）])?\s*(?=\S)"
)
_SITE_MESSAGE = re.compile(
    r"^(?P<site>[^\s\d,，。:：;；|()（）]{2,16}?)\s*(?:[(（][A-Za-z0-9.\-]{3,30}[)）])?\s*"
    r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:消息|訊|讯|电|電)\s*[:：,，]\s*(?=\S)"
)
_MESSAGE_REPORTER = re.compile(
    rf"^\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:消息|訊|讯)\s*[（(]\s*(?:记者|記者)?\s*(?P<author>{_NAMES})\s*[)）]\s*(?=\S)"
)
_WIRE = re.compile(
    r"^(?:[^\s，,。]{2,10}?(?:消息|讯|訊)|[^\s，,。]{2,6}社[^\s，,。]{2,8}\d{1,2}月\d{1,2}日电)\s*[，,:：\s]\s*(?=\S)"
)
_CREDIT = re.compile(
    r"(?P<label>出品|作者|文|撰文|记者|記者|编辑|編輯|来源|來源)\s*[|｜丨]\s*(?P<value>[^\s|｜丨]{1,20})\s+"
)
_SENTENCE = re.compile(r"[。！？!?；;，,]")
LEAD_REST_MIN = 8  # the text after glued credits: at least this long, with punctuation


@dataclass
class Lead:
    """Fields glued to the start of a line, and the text after them."""

    rest: str
    date: str | None = None
    site: str | None = None
    author: str | None = None
    credits: list[tuple[str, str]] | None = None  # (label, value) of labelled credits


def _credits(text: str) -> tuple[list[tuple[str, str]], str] | None:
    """``出品|X 作者|Y 正文…``: two or more labelled credits, then text."""
    pairs: list[tuple[str, str]] = []
    at = 0
    while True:
        match = _CREDIT.match(text, at)
        if not match:
            break
        pairs.append((match["label"], match["value"]))
        at = match.end()
    rest = text[at:]
    if not pairs or len(rest) < LEAD_REST_MIN or re.search(r"[|｜丨]", rest):
        return None  # more credits follow: a byline line, not text
    if not prose.reads_as_prose(rest):
        return None
    return pairs, rest


def dateline_end(text: str) -> int:
    """Where the text after a wire dateline starts (0 when there is none)."""
    match = _SITE_MESSAGE.match(text) or _MESSAGE_REPORTER.match(text) or _WIRE.match(text)
    return match.end() if match else 0


def split_lead(line: str) -> Lead | None:
    """The metadata glued to the start of the line and the text after it, or None."""
    text = line.strip()
    lead = Lead(rest=text)
    found = False
    match = _DATE_PREFIX.match(text)
    if match:
        lead.date, text, found = match["date"], text[match.end() :], True
    match = _BRACKET_SITE.match(text)
    if match and (match["author"] or "。" in text[match.end() :]):
        lead.site, lead.author = match["site"], match["author"]
        text, found = text[match.end() :], True
    else:
        # A wire dateline (``站长之家 12月3日 消息:``, ``9月12日消息（郭某）``) is
        # read but stays: it is the opening of the story as written.
        match = _SITE_MESSAGE.match(text)
        if match:
            lead.site, found = match["site"], True
        else:
            match = _MESSAGE_REPORTER.match(text)
            if match:
                lead.author, found = match["author"], True
            else:
                credits = _credits(text)
                if credits is not None:
                    lead.credits, text = credits
                    found = True
    if not found or not text.strip():
        return None
    lead.rest = text.strip()
    return lead


HEAD_LINES = 10  # non-blank lines at the top where glued metadata is looked for


def head_leads(lines: list[str]) -> dict[int, Lead]:
    """The glued metadata of the first ``HEAD_LINES`` non-blank lines, by index; a
    scraper's ``date`` prefix on any line (it is never article text)."""
    found: dict[int, Lead] = {}
    head = set(head_indexes(lines, HEAD_LINES))
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if index in head:
            lead = split_lead(line)
        else:
            match = _DATE_PREFIX.match(line)
            rest = line[match.end() :].strip() if match else ""
            lead = Lead(rest=rest, date=match["date"]) if match and rest else None
        if lead is not None:
            found[index] = lead
    return found


def split_lines(lines: list[str]) -> list[str]:
    """The lines with glued metadata removed from the start of head lines (the text
    after it kept)."""
    out = list(lines)
    for index, lead in head_leads(lines).items():
        out[index] = lead.rest
    return out
