"""The title of a page, chosen by evidence.

Among the first lines of the page (``TITLE_SCAN``, up to the first paragraph),
lines that can never be a title are skipped: chrome and spam, datelines and
timestamps (``21 Nov 2025``), bylines, disclaimers, captions, a person's name and
post (``某公司董事长兼首席执行官某某``), lines with too few words (``附錄 99.1``).
Each remaining candidate is scored by its evidence:

- repeated in the page, or glued to the start of a paragraph (``EVIDENCE_STRONG``);
- the last crumb of a breadcrumb, an ``原文标题:`` / ``标题:`` line, the HTML
  ``<title>`` (``EVIDENCE_STRONG``);
- just above a dateline or a byline (``EVIDENCE_ABOVE_META``);
- headline shape: 8–60 characters, no sentence-final ``。`` (``EVIDENCE_SHAPE``);
- the first candidate (``EVIDENCE_FIRST``), so a short headline over a longer dek
  stays the title;
- a short line that looks like a name (a known site, a dateline under it, named
  inside another line) counts against (``EVIDENCE_NAME``).

The best candidate wins (the earliest on a tie). A line ``栏目 | 标题`` offers the
part after the bar. When no candidate is left, the caller falls back to the
``<title>``, then to the opening clause of the first paragraph (``derived_title``),
marked as derived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.clean import chrome, datelines, leadlines, structure
from tui.clean.lineforms import drop_pinyin_brackets, line_key, normal_form
from tui.clean.sites import is_known_site, site_rules, squash
from tui.text import script
from tui.text.han import HAN_CLASS

TITLE_SCAN = 12  # non-blank lines at the top where the title is looked for
TITLE_MIN_LEN = 5
TITLE_MAX_LEN = 64
TITLE_MIN_WORDS = 4  # Han characters and Latin letters a title has at least
HEADLINE_MIN_LEN = 8  # headline shape: at least this long...
HEADLINE_MAX_LEN = 60  # ...and at most this long
DERIVED_MIN_LEN = 12  # a derived title takes clauses until it is this long...
DERIVED_MAX_LEN = 60  # ...and is cut at this length
EVIDENCE_STRONG = 4
EVIDENCE_ABOVE_META = 2
EVIDENCE_SHAPE = 1
EVIDENCE_FIRST = 1
EVIDENCE_NAME = -3

_H1 = re.compile(r"^#\s+(.+?)\s*#*$")
_ORIGINAL_TITLE = re.compile(
    r"^\s*[(（【]?\s*(?:原(?:文)?|文章|新闻)?标题\s*[:：|｜]\s*(?P<title>.+?)\s*[)）】]?\s*$"
)
_TITLE_LABEL = re.compile(r"^\s*(?:文章|新闻)?标题\s*[:：]\s*")
_SITE_SUFFIX = re.compile(r"^(?P<title>.{4,}?)\s*(?:_|\s[|｜\-—]\s)\s*(?P<site>[^_|｜\-—]{2,16})$")
_COLUMN = re.compile(r"^(?P<column>[^|｜\s]{2,8})\s*[|｜]\s*(?P<title>[^|｜]{8,})$")
_WORD_CHAR = re.compile(rf"[A-Za-z{HAN_CLASS}]")
_TRAIL = re.compile(r"\s*(?:>|»|›|＞)\s*")
_LONE_LABEL = re.compile(r"[" + HAN_CLASS + r"]{1,4}(?:于|自)|[" + HAN_CLASS + r"]{1,6}:")
_LEAD_LABEL = re.compile(r"^\s*(?:导语|摘要|编者按|導語|編者按)\s*[:：]\s*")
_DATE_ONLY = re.compile(r"(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日|(?:19|20)\d{2}年")
_CLAUSE_END = "，,；;。！？!?：:"
_OPENERS = "（(「『“《【["
_CLOSERS = "）)」』”》】]"
_META_REASONS = frozenset(
    {
        "byline",
        "source-note",
        "source-label",
        "original-mark",
        "reporter",
        "iso-datetime",
        "cn-datetime",
        "relative-time",
    }
)


@dataclass
class Candidate:
    index: int  # among the head lines
    text: str
    score: int = 0


def original_title(lines: list[str]) -> str | None:
    """The value of an ``原文标题:`` or ``标题:`` line, in the line's own script."""
    for line in lines:
        if "标题" not in normal_form(line):
            continue
        stripped = drop_pinyin_brackets(line.strip())
        simplified = script.to_simplified(stripped)
        match = _ORIGINAL_TITLE.match(simplified)
        if match and len(simplified) == len(stripped):
            # Same length: cut the original-script line at the same offset.
            return stripped[match.start("title") : match.end("title")].strip() or None
        if match:
            return match.group("title").strip() or None
    return None


def is_plausible_title(line: str) -> bool:
    """Short, no full stop, enough words; not chrome, spam, a dateline, a list item,
    a numbered section or a person's name and post."""
    text = line.strip()
    key = line_key(text)
    if not (TITLE_MIN_LEN <= len(key) <= TITLE_MAX_LEN):
        return False
    if len(_WORD_CHAR.findall(key)) < TITLE_MIN_WORDS:
        return False
    if re.search(r"[。;]", key) or re.search(r"[:,、]$", key):
        return False
    if structure.is_markdown_line(text) or re.match(r"^[•·▪●◆■►▶#@]", text):
        return False
    if structure.heading_style(text) is not None or chrome.is_name_and_post(text):
        return False
    if datelines.is_dateline(text) or datelines.timestamp_date(text) is not None:
        return False
    return not (chrome.is_chrome_line(text) or chrome.is_spam_line(text))


def _head_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.strip():
            out.append(line.strip())
            if len(out) >= TITLE_SCAN:
                break
    return out


def strip_site_suffix(title: str) -> str:
    """``标题_新浪财经`` / ``标题 - 虎嗅网`` -> ``标题`` when the suffix names a site."""
    match = _SITE_SUFFIX.match(title)
    if not match:
        return title
    suffix = match.group("site").strip()
    squashed = squash(script.to_simplified(suffix))
    known = squashed in site_rules().aliases or bool(
        re.search(r"(网|新闻|财经|科技|频道)$", suffix)
    )
    return match.group("title").strip() if known else title


def page_title_text(page_title: str | None) -> str | None:
    """An HTML ``<title>`` without its site suffixes (``标题_科技_新浪网`` -> ``标题``)."""
    if not page_title or not page_title.strip():
        return None
    title = re.sub(r"\s+", " ", page_title).strip()
    while (shorter := strip_site_suffix(title)) != title:
        title = shorter
    return title


def _last_crumbs(head: list[str]) -> set[str]:
    """Keys of the last item of every ``>`` trail in the head (a breadcrumb ends with
    the page's own title)."""
    crumbs: set[str] = set()
    for line in head:
        parts = [p for p in _TRAIL.split(line) if p.strip()]
        if len(parts) >= 2 and len(parts[-1]) <= TITLE_MAX_LEN:
            crumbs.add(line_key(parts[-1]))
    return crumbs


def _is_meta_line(line: str) -> bool:
    """A dateline, timestamp or byline: what sits under a headline."""
    if datelines.is_dateline(line) or datelines.timestamp_date(line) is not None:
        return True
    return chrome.chrome_reason(line) in _META_REASONS


def _looks_like_a_name(candidate: str, lines: list[str]) -> bool:
    if is_known_site(candidate):
        return True
    key = line_key(candidate)
    filled = [line for line in lines if line.strip()]
    keys = [line_key(line) for line in filled]
    at = next((i for i, k in enumerate(keys) if k == key), None)
    if at is not None and at + 1 < len(filled) and datelines.is_dateline(filled[at + 1]):
        return True
    if at is not None and at > 0 and _LONE_LABEL.fullmatch(keys[at - 1]):
        return True  # the value of a label on the line above (首发于 / AI产品观察)
    return any(key in other and other != key for other in keys)


def doubled_prefix(line: str) -> str | None:
    """``T`` when the line starts with ``T`` twice: a title glued to a first paragraph
    that opens with the title's words (``X背后：Y的豪赌X背后：Y的豪赌，这家…``)."""
    text = line.strip()
    for size in range(min(TITLE_MAX_LEN, len(text) // 2), TITLE_MIN_LEN - 1, -1):
        if text[:size] == text[size : 2 * size]:
            title = text[:size].strip()
            return title if is_plausible_title(title) else None
    return None


def _candidates(head: list[str], lines: list[str]) -> list[Candidate]:
    context = chrome.Context(lines)
    fields = [chrome.is_field(line) for line in head]
    found: list[Candidate] = []
    for index, line in enumerate(head):
        near = fields[max(0, index - 1) : index] + fields[index + 1 : index + 2]
        if fields[index] and any(near):
            continue  # a field of a widget block (授权方式:免费软件), not a headline
        text = _TITLE_LABEL.sub("", line)
        column = _COLUMN.match(text)
        if column and is_plausible_title(column["title"]):
            text = column["title"].strip()
        if is_plausible_title(text) and not chrome.is_unrelated_list(text, context):
            found.append(Candidate(index, strip_site_suffix(text)))
        elif (
            not chrome.is_chrome_line(line)
            and chrome.is_content_line(line)
            and not chrome.is_spam_line(line)
        ):
            break
    return found


def find_title(lines: list[str], page_title: str | None = None) -> str | None:
    """The page's title by evidence, or None when no line can be one."""
    head = _head_lines(lines)
    for line in head:
        match = _H1.match(line)
        if match:
            return match.group(1).strip()
        if not chrome.is_chrome_line(line) and not chrome.is_spam_line(line):
            break
    for line in head:
        doubled = doubled_prefix(line)
        if doubled is not None:
            return doubled  # the title glued to a paragraph that starts with it
        if chrome.is_content_line(line) and not chrome.is_chrome_line(line):
            break
    candidates = _candidates(head, lines)
    original = original_title(lines)
    strong = _last_crumbs(head)
    for text in (original, page_title_text(page_title)):
        if text:
            strong.add(line_key(text))
    keys = [line_key(line) for line in lines if line.strip()]
    for number, candidate in enumerate(candidates):
        ckey = line_key(candidate.text)
        repeats = sum(1 for key in keys if key == ckey)
        glued = any(key.startswith(ckey) and len(key) > len(ckey) for key in keys)
        headline_shaped = HEADLINE_MIN_LEN <= len(ckey) <= HEADLINE_MAX_LEN
        # A short line shown twice is an account's name (WeChat prints it twice).
        repeated = glued or (repeats >= 2 and headline_shaped)
        if repeated or ckey in strong:
            candidate.score += EVIDENCE_STRONG
        following = head[candidate.index + 1] if candidate.index + 1 < len(head) else ""
        if following and _is_meta_line(following):
            candidate.score += EVIDENCE_ABOVE_META
        if headline_shaped:
            candidate.score += EVIDENCE_SHAPE
        elif ckey not in strong and _looks_like_a_name(candidate.text, lines):
            candidate.score += EVIDENCE_NAME
        if number == 0:
            candidate.score += EVIDENCE_FIRST
    if candidates:
        best = max(candidates, key=lambda c: (c.score, -c.index))
        if best.score > 0:
            return best.text
    return original


def _clauses(text: str) -> list[str]:
    """The text cut after each clause mark outside brackets."""
    out: list[str] = []
    depth = 0
    start = 0
    for at, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif char in _CLAUSE_END and depth == 0:
            out.append(text[start:at])
            out.append(char)
            start = at + 1
    if start < len(text):
        out.append(text[start:])
    return out


def derived_title(lines: list[str]) -> str | None:
    """The opening clause of the first paragraph (clauses added until it is
    ``DERIVED_MIN_LEN`` long), for a page without a title line."""
    for line in lines:
        if not line.strip() or structure.is_markdown_line(line) or chrome.is_chrome_line(line):
            continue
        if not chrome.is_content_line(line) or chrome.is_spam_line(line):
            continue
        text = line.strip()
        text = text[leadlines.dateline_end(text) :]
        text = _LEAD_LABEL.sub("", text)
        pieces = _clauses(text)
        while len(pieces) > 2 and _DATE_ONLY.fullmatch(pieces[0].strip()):
            pieces = pieces[2:]  # "7月4日，在…上": the date alone says nothing
        title = ""
        for piece in pieces:
            if len(piece) == 1 and piece in _CLAUSE_END:
                if len(line_key(title)) >= DERIVED_MIN_LEN or piece in "。！？!?":
                    break
                title += piece
                continue
            title += piece
        title = title.strip()[:DERIVED_MAX_LEN].strip()
        return title or None
    return None
