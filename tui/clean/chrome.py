"""Removal of site chrome, SEO spam, repeated titles and repeated paragraphs.

``strip_chrome(lines, title)`` works on the article's lines after HTML, pinyin and
mojibake repair, once metadata has read what it needs from them. It first
prepares the lines (``prepare_lines``: metadata glued to a head line split off,
image tags cut out), then marks what goes:

- chrome wherever it is (``chromelines.chrome_reason``); a punctuated legal
  sentence is chrome only near the head or tail of the page;
- copies of the title (also glued to the first paragraph, or under a column label);
- the head of the page (``head``): what stands above the first paragraph;
- the tail of the page: from the first chrome line (or link list) after the last
  real paragraph, everything goes (comment boxes, footers, related lists);
- repeats (``repeats``): paragraphs repeated verbatim and truncated copies.

Lines are compared through ``line_key`` (``lineforms``). The lines returned are
the original lines (minus what was removed), blank lines kept as paragraph
separators. The line tests live in ``chromelines`` and are re-exported here.
"""

from __future__ import annotations

import re

from tui.clean import captions, head, leadlines, repeats
from tui.clean.chromelines import (
    Context,
    Lexicon,
    breadcrumb_last,
    chrome_reason,
    grams,
    is_breadcrumb,
    is_button_line,
    is_byline,
    is_chrome_line,
    is_content_line,
    is_decoration,
    is_disclaimer,
    is_field,
    is_name_and_post,
    is_nav_line,
    is_original_mark,
    is_spam_line,
    is_unrelated_list,
    is_weak_line,
    lexicon,
    prefixed_byline,
    title_key,
)
from tui.clean.datelines import timestamp_date
from tui.clean.lineforms import drop_pinyin_brackets, line_key, normal_form

__all__ = [
    "Context",
    "Lexicon",
    "breadcrumb_last",
    "chrome_reason",
    "drop_pinyin_brackets",
    "grams",
    "is_breadcrumb",
    "is_button_line",
    "is_byline",
    "is_chrome_line",
    "is_content_line",
    "is_decoration",
    "is_disclaimer",
    "is_field",
    "is_name_and_post",
    "is_nav_line",
    "is_original_mark",
    "is_spam_line",
    "is_title_copy",
    "is_unrelated_list",
    "is_weak_line",
    "lexicon",
    "line_key",
    "normal_form",
    "prefixed_byline",
    "prepare_lines",
    "strip_chrome",
    "strip_title_prefix",
    "timestamp_date",
    "title_key",
]

_TITLE_LABEL_KEY = re.compile(r"^(?:文章|新闻)?标题:")
_STRONG_SENTENCE = re.compile(r"[。;…]")
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]]+\]:")
_TABLE = re.compile(r"^\s*\|")
_FENCE = re.compile(r"^\s*(```|~~~)")
LEGAL_HEAD = 6  # non-blank lines at the top where a punctuated legal notice is chrome
LEGAL_TAIL = 15  # ... and at the bottom
_LEGAL_REASONS = frozenset({"legal", "all-rights"})
GLUED_SCAN = 8  # non-blank lines where a title glued to a paragraph is looked for


def prepare_lines(lines: list[str]) -> list[str]:
    """The lines as the rules read them: metadata glued to the start of a head line
    split off (the text after it kept), image tags cut out."""
    return [captions.strip_images(line) for line in leadlines.split_lines(lines)]


_CLAUSE_CONTINUES = frozenset(",，、")
_TITLE_SUFFIX = re.compile(r"^[_|\-—–·]+.{1,16}$")


def is_title_copy(line: str, title: str | None) -> bool:
    """The title again, possibly with a page-title suffix (``标题_新浪财经``)."""
    tkey = title_key(title)
    if not tkey or not line.strip():
        return False
    key = _TITLE_LABEL_KEY.sub("", line_key(line))  # 标题:X is the title X
    if key == tkey or head.is_title_line(line, title):
        return True
    return key.startswith(tkey) and bool(_TITLE_SUFFIX.match(key[len(tkey) :]))


def strip_title_prefix(line: str, title: str) -> str | None:
    """The rest of the line when it starts with the title (glued), else None."""
    tkey = title_key(title)
    key = line_key(line)
    if len(tkey) < 4 or not key.startswith(tkey) or len(key) <= len(tkey):
        return None
    text = line.strip()
    if text.startswith(title.strip()):
        rest = text[len(title.strip()) :]
    else:
        rest = None
        for cut in range(1, len(text) + 1):
            if line_key(text[:cut]) == tkey:
                rest = text[cut:]
                break
        if rest is None:
            return None
    if rest.lstrip(" \t")[:1] in _CLAUSE_CONTINUES:
        return None  # "标题，这家公司…": the title's words are the sentence's subject
    rest = rest.lstrip(" \t:：,，、|-—")
    return rest or None


def _protected(lines: list[str]) -> list[bool]:
    """Lines never touched: fenced code, footnote definitions, table rows."""
    flags: list[bool] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            flags.append(True)
            in_fence = not in_fence
            continue
        flags.append(in_fence or bool(_FOOTNOTE.match(line) or _TABLE.match(line)))
    return flags


def _unglue_title(lines: list[str], title: str | None, protected: list[bool]) -> list[str]:
    """Strip the title from the start of a paragraph it was glued to (head only).

    A paragraph equal to an earlier one once that was unglued (the title glued on
    a paragraph that opens with the title's words, then the whole body repeated) is
    the article's own text: it is left for ``_dedupe``, not cut again."""
    if not title:
        return lines
    out = list(lines)
    earlier: set[str] = set()
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip() or protected[index]:
            continue
        seen += 1
        if seen > GLUED_SCAN:
            break
        key = line_key(line)
        rest = strip_title_prefix(line, title)
        if rest is not None and is_content_line(rest) and key not in earlier:
            out[index] = rest
        earlier.add(line_key(out[index]))
    return out


def _tail_removals(lines: list[str], strong: list[bool], removed: list[bool]) -> None:
    """From the first chrome line after the last real paragraph, remove everything.
    A link list or navigation bar there (``关于我们 | 隐私政策 | 网站地图 | …``) counts
    as chrome too."""
    start: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        if strong[i] or (
            not _FOOTNOTE.match(line) and not _TABLE.match(line) and is_spam_line(line)
        ):
            start = i
        elif removed[i] or is_weak_line(line) or not is_content_line(line):
            continue
        else:
            break
    if start is None:
        return
    for i in range(start, len(lines)):
        removed[i] = True


def _collapse_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


def _edge_lines(lines: list[str]) -> set[int]:
    """Indexes of the first ``LEGAL_HEAD`` and last ``LEGAL_TAIL`` non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:LEGAL_HEAD]) | set(filled[-LEGAL_TAIL:])


def _is_strong(line: str, at_edge: bool) -> bool:
    """Chrome for certain. A punctuated sentence that only names a reprint rule or
    right (``该平台规定用户不得转载他人作品。``) is chrome at the head or tail of the
    page, where notices sit, but article text in the middle."""
    reason = chrome_reason(line)
    if reason is None:
        return False
    sentence = bool(_STRONG_SENTENCE.search(line_key(line)))
    return at_edge or reason not in _LEGAL_REASONS or not sentence


def strip_chrome(lines: list[str], title: str | None) -> list[str]:
    """Remove spam, chrome, title copies and repeated paragraphs from the lines."""
    lines = [line.rstrip() for line in prepare_lines(lines)]
    protected = _protected(lines)
    lines = _unglue_title(lines, title, protected)
    edges = _edge_lines(lines)
    strong = [
        not protected[i] and bool(line.strip()) and _is_strong(line, i in edges)
        for i, line in enumerate(lines)
    ]
    copies = [not protected[i] and is_title_copy(line, title) for i, line in enumerate(lines)]
    removed = [s or c for s, c in zip(strong, copies, strict=True)]
    head.account_card_removals(lines, removed, protected)
    head.head_removals(lines, title, removed, protected)
    # Repeats go before the tail is judged: a repeated paragraph at the end is not
    # the last real paragraph (the page read again would have none there).
    repeats.dedupe(lines, removed, protected)
    _tail_removals(lines, strong, removed)
    head.contents_removals(lines, removed, protected)
    repeats.truncated_copies(lines, removed, protected)
    return _collapse_blank([line for line, gone in zip(lines, removed, strict=True) if not gone])
