"""The head of a page: what stands between the top and the first real paragraph.

``head_removals`` marks, among the first ``HEAD_SCAN`` lines:

- everything above the title line that is not a paragraph (taglines, language
  switches, phone numbers, promo questions: the head does not end at the first
  line with ``?`` or ``!``);
- spam, unrelated lists, button-sized lines, timestamps and datelines;
- a credit pair under the title (``钛媒体 | 王小川``);
- a widget block: ``WIDGET_MIN_LABELS`` or more short label lines in a row
  (``股票名称`` / ``半导体行业`` / ``研报页数`` / ``41 页``, ``联系TA`` / ``分类 汽车``).

``account_card_removals`` drops the account card under a reprint header and
``contents_removals`` a table of contents above the first paragraph.
"""

from __future__ import annotations

import re
from itertools import pairwise

from tui.clean import datelines, structure
from tui.clean.chromelines import (
    NAV_MAX_TOKEN,
    Context,
    is_button_line,
    is_content_line,
    is_field,
    is_minor,
    is_spam_line,
    is_unrelated_list,
    is_weak_line,
    title_key,
)
from tui.clean.lineforms import line_key, normal_form
from tui.text.han import HAN_RE

HEAD_SCAN = 15  # non-blank lines looked at for the head of the page
TOC_MIN_ENTRIES = 2  # a table of contents above the article lists this many headings...
TOC_MAX_LEN = 30  # ...each at most this long
ACCOUNT_CARD_LINES = 3  # lines under a reprint header that may be the account's card
ACCOUNT_NAME_MAX = 12  # a name over a dateline is at most this long
WIDGET_MIN_LABELS = 3  # short label lines in a row that make a widget block...
WIDGET_MAX_LEN = 12  # ...each at most this long
PARAGRAPH_LEN = 60  # a line this long above the title is text, whatever its punctuation
_REPRINT_HEADER = re.compile(
    r"^以下(?:文章|内容)(?:来源于|来自|转载自)\s*(?:微信公众号|公众号)?\s*:?\s*(?P<name>[^\s,]{2,24})"
)
_PARAGRAPH_MARK = re.compile(r"[。;…]")
SECTION_LABEL_MAX = 8  # a label over the first paragraph: at most this long...
SECTION_LABEL_MIN_HAN = 2  # ...with this many Han characters


def is_title_line(line: str, title: str | None) -> bool:
    """The title, or the title under a column label (``星河業績 | 标题``)."""
    tkey = title_key(title)
    if not tkey:
        return False
    key = line_key(line)
    if key == tkey:
        return True
    return key.endswith(tkey) and bool(re.fullmatch(r"[^|]{2,8}\|", key[: -len(tkey)]))


def _is_paragraph(line: str) -> bool:
    key = line_key(line)
    return bool(_PARAGRAPH_MARK.search(key)) or len(key) >= PARAGRAPH_LEN


def _is_section_label(line: str) -> bool:
    """A short label that can head the text under it: a few Han characters in one
    word (``有效期 长期有效`` is a field and its value), not a button, no counter."""
    key = line_key(line)
    return (
        not re.search(r"\S\s+\S", line.strip())
        and 0 < len(key) <= SECTION_LABEL_MAX
        and len(HAN_RE.findall(key)) >= SECTION_LABEL_MIN_HAN
        and not is_button_line(line)
        and not re.search(r"\d", key)
    )


def _names_over_datelines(
    head: list[int], title_at: int | None, lines: list[str], removed: list[bool]
) -> None:
    """Under the title, a short name right above a dateline is the account or
    author posting it (``财经早知道`` / ``2025-12-01 18:22 发布于北京``)."""
    if title_at is None:
        return
    after = [i for i in head if i > title_at]
    for here, below in pairwise(after):
        line = lines[here]
        if removed[here] or not removed[below] or len(line_key(line)) > ACCOUNT_NAME_MAX:
            continue
        if is_weak_line(line) and not re.search(r"[,，:：、]", line):
            below_line = lines[below]
            if datelines.timestamp_date(below_line) or datelines.is_dateline(below_line):
                removed[here] = True


def _is_widget_label(line: str) -> bool:
    key = line_key(line)
    if is_field(line) and datelines.timestamp_date(line) is None:
        return True
    return (
        0 < len(key) <= WIDGET_MAX_LEN
        and is_weak_line(line)
        and not structure.is_markdown_line(line)
        and structure.heading_style(line.strip()) is None
    )


def _widget_runs(head: list[int], lines: list[str], removed: list[bool]) -> None:
    """Short label lines in a row, with the chrome between them: a widget block of
    ``WIDGET_MIN_LABELS`` labels or more (chrome already removed counts when it is
    label-sized; a dek under a dateline and a byline stays)."""
    labels: list[int] = []
    for i in [*head, -1]:
        if i >= 0 and _is_widget_label(lines[i]):
            labels.append(i)
            continue
        if i >= 0 and removed[i]:
            continue  # a longer chrome line (a dateline, a byline) does not break a block
        if len(labels) >= WIDGET_MIN_LABELS:
            for j in labels:
                removed[j] = True
        labels = []


def head_removals(
    lines: list[str], title: str | None, removed: list[bool], protected: list[bool]
) -> None:
    """Mark spam and chrome before the first real paragraph."""
    tkey = title_key(title)
    indexes = [i for i, line in enumerate(lines) if line.strip() and not protected[i]]
    context = Context(lines)

    def spam(line: str) -> bool:
        return is_spam_line(line, title) or (
            line_key(line) != tkey and is_unrelated_list(line, context)
        )

    scan = indexes[:HEAD_SCAN]
    title_at = next((i for i in scan if is_title_line(lines[i], title)), None)
    head: list[int] = []
    for i in scan:
        line = lines[i]
        after_title = title_at is None or i > title_at
        text_starts = not removed[i] and is_content_line(line) and not spam(line)
        if after_title and text_starts and (title_at is not None or line_key(line) != tkey):
            break
        head.append(i)
    else:
        # No real paragraph near the top: only spam is sure enough to remove.
        for i in head:
            if not removed[i] and spam(lines[i]):
                removed[i] = True
        return
    text_above = False  # a paragraph above the title: what follows it is text too
    for i in head:
        line = lines[i]
        if removed[i] or structure.is_markdown_heading(line):
            continue
        text_above = text_above or (title_at is not None and i < title_at and _is_paragraph(line))
        before_title = (
            title_at is not None and i < title_at and not text_above and not _is_paragraph(line)
        )
        numbered = structure.heading_style(line.strip()) is not None  # 一、戰略 is a heading
        lead_in = i == head[-1] and _is_section_label(line)  # 核心观点 / 接线员 over the text
        button_like = is_weak_line(line) and not numbered and not lead_in and is_minor(line)
        meta = not _is_paragraph(line) and (
            datelines.timestamp_date(line) is not None or datelines.is_dateline(line)
        )
        credit = title_at is not None and i > title_at and is_credit_pair(line)
        removed[i] = spam(line) or before_title or button_like or meta or credit
    _names_over_datelines(head, title_at, lines, removed)
    after = [i for i in head if title_at is None or i > title_at]
    if after and _is_section_label(lines[after[-1]]):
        after = after[:-1]  # the label right over the text belongs to the text
    _widget_runs(after, lines, removed)


def is_credit_pair(line: str) -> bool:
    """``钛媒体 | 王小川`` under a headline: two or three short words joined by ``|``
    or ``丨`` and no punctuation (outlet and author, column and author)."""
    text = normal_form(line)
    if re.search(r"[。!?;,:，、()]", text):
        return False
    parts = [p.strip() for p in re.split(r"[|丨]", text)]
    return 2 <= len(parts) <= 3 and all(0 < len(p.replace(" ", "")) <= NAV_MAX_TOKEN for p in parts)


def account_card_removals(lines: list[str], removed: list[bool], protected: list[bool]) -> None:
    """The account card under a reprint header: after ``以下文章来源于晚点LatePost``,
    the next lines that start with the account's name (``晚点LatePost.``,
    ``晚点LatePost是一家…的媒体。``) are its name and blurb, not the article."""
    for index, line in enumerate(lines):
        match = _REPRINT_HEADER.match(normal_form(line)) if line.strip() else None
        if not match:
            continue
        name = line_key(match.group("name"))
        seen = 0
        for after in range(index + 1, len(lines)):
            if not lines[after].strip() or protected[after]:
                continue
            seen += 1
            if seen > ACCOUNT_CARD_LINES or not line_key(lines[after]).startswith(name):
                break
            removed[after] = True


def contents_removals(lines: list[str], removed: list[bool], protected: list[bool]) -> None:
    """A table of contents above the first paragraph: two or more short lines there
    that come again, in the same order, further down (as the section headings). The
    copies above go; the headings stay where the sections are."""
    filled = [i for i, line in enumerate(lines) if line.strip() and not protected[i]]
    first = next((i for i in filled if not removed[i] and is_content_line(lines[i])), None)
    if first is None:
        return
    later = [line_key(lines[i]) for i in filled if i > first and not removed[i]]
    found: list[int] = []
    at = 0
    for i in filled:
        if i >= first or removed[i]:
            continue
        key = line_key(lines[i])
        if not key or len(key) > TOC_MAX_LEN:
            continue
        try:
            at = later.index(key, at) + 1
        except ValueError:
            continue
        found.append(i)
    if len(found) >= TOC_MIN_ENTRIES:
        for i in found:
            removed[i] = True
