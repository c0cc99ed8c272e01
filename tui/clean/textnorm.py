"""Whitespace and line-end normalisation, and CJK punctuation widths.

All functions are idempotent: applying one twice gives the same text as once.

``normalise_whitespace`` (stray whitespace) removes zero-width characters, turns
non-breaking, full-width and other Unicode spaces into ordinary spaces, strips
indentation and trailing spaces from lines, and deletes the spaces scrapers
insert between two CJK characters (``騰訊 控股`` -> ``騰訊控股``). A space between
CJK and Latin or digits (``大廠搞 AI``) is kept; runs of spaces next to CJK
become one. Markdown headings keep their spaces, squeezed to one (``## 一 价格战``). Markdown stays intact: fenced code blocks are left alone and a list
item indented under another item keeps its indentation (an indented item with
no item above is scraped indentation and loses it).

``normalise_punctuation`` turns half-width ``, : ; ? !`` next to CJK text into
``，：；？！``, ``( )`` pairs into ``（ ）`` and padded ``" "`` pairs into ``“ ”``.
The decisions:

- a mark converts when its nearest neighbour on either side (looking past spaces,
  Markdown emphasis, quotes and other marks) is CJK: ``AI,誰`` ->
  ``AI，誰``, ``增長3.9%,其中`` -> ``增長3.9%，其中``; never between two digits
  (``1,000``, ``17:19``) and never in Latin-only text (``Hello, world``);
  spaces around a converted mark are removed (full-width marks carry their own);
- a bracket pair converts when its content contains CJK (``GPU(圖形處理器)``)
  or it is directly attached to CJK outside (``模型即服務(MaaS)`` ->
  ``模型即服務（MaaS）``, ``點擊率(CTR)提升``), as Chinese typography writes
  brackets in Chinese prose; a Latin pair standing apart (``模型 (LLM) 優化``,
  ``零態LT(ID:LingTai_LT)`` at the end of a line) stays half-width, and so do
  unpaired brackets (``1) 第一``);
- straight double quotes padded inside with spaces around CJK content, the
  mark of scrapers that flattened ``“超級員工”`` into ``" 超級員工 "``, become
  ``“超級員工”``; unpadded ones (``"1+N"``, ``"All in AI"``) stay;
- Markdown syntax never changes: inline code, link and image destinations
  ``](...)``, autolinks ``<...>``, bare URLs, footnote definitions ``[^1]:``,
  images ``![``, fenced code blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.text.han import is_cjk_text

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u200e\u200f\u00ad"))
_SPACES = "\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u1680"
_SPACE_TABLE = dict.fromkeys(map(ord, _SPACES), " ")
_ODD_SPACE = re.compile("[" + "".join(map(chr, _ZERO_WIDTH)) + _SPACES + "]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_HEADING = re.compile(r"^#{1,6}\s")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,3}[.)])[ \t]")

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_MARKS = frozenset(_HALF_TO_FULL) | frozenset(_HALF_TO_FULL.values())
# Looked past when finding a mark's neighbour. Brackets are not: a half-width
# one is not CJK, a full-width one is.
_TRANSPARENT = frozenset(" \t*_~\"'“”‘’") | _MARKS
# Spans where nothing is converted: code, link destinations, autolinks, URLs.
_PROTECTED = re.compile(
    r"`[^`]*`"
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"
    r"|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>"
    r"|(?:https?|ftp)://[^\s<>\u3000-\u9fff\uff00-\uffef]+"
    r"|www\.[A-Za-z0-9-]+\.[^\s<>\u3000-\u9fff\uff00-\uffef]+"
    r"|&[A-Za-z]+;|&#\d+;"
)
_MAX_PASSES = 8
_CONVERTIBLE = re.compile(r'[,:;?!()"]')
_HALF_MARK = re.compile("[" + re.escape("".join(_HALF_TO_FULL)) + "]")
_ROUND = re.compile(r"[()]")
_QUOTE = re.compile('"')


def normalise_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")


def remove_zero_width(text: str) -> str:
    """Zero-width spaces and marks outside code fences dropped (a line holding only
    ``\u200b`` between a page's buttons is a blank line, not a paragraph)."""
    if not any(chr(code) in text for code in _ZERO_WIDTH):
        return text  # most texts have none: no pass over every line
    return _outside_fences(text, lambda line: line.translate(_ZERO_WIDTH))


is_cjk = is_cjk_text
"""Han characters, kana, CJK punctuation and full-width forms (``tui.text.han``)."""


# --- whitespace ------------------------------------------------------------


def normalise_whitespace(text: str) -> str:
    """Strip indentation, trailing and stray whitespace (see the module docstring)."""
    previous_was_item = False

    def fix(line: str) -> str:
        nonlocal previous_was_item
        fixed = _whitespace_line(line, keep_list_indent=previous_was_item)
        if fixed:
            previous_was_item = bool(_LIST_ITEM.match(fixed))
        return fixed

    return _outside_fences(text, fix)


def _whitespace_line(line: str, *, keep_list_indent: bool) -> str:
    """One line; a nested Markdown list item (under another item) keeps its indent."""
    if _ODD_SPACE.search(line):  # most lines have none: no translation of every character
        line = line.translate(_ZERO_WIDTH).translate(_SPACE_TABLE)
    indent = ""
    item = _LIST_ITEM.match(line)
    if item and keep_list_indent:
        indent = item.group(1)
    line = line.strip()
    if _MD_HEADING.match(line):
        # A heading keeps the space after its number (``## 一 价格战``): one space.
        return _BLANKS.sub(" ", line)
    line = _BLANKS.sub(_squeeze_spaces, line)
    return indent + line if line else ""


_BLANKS = re.compile(r"[ \t]+")


def _squeeze_spaces(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    cjk_before = bool(before) and is_cjk(before)
    cjk_after = bool(after) and is_cjk(after)
    if cjk_before and cjk_after:
        return ""
    if cjk_before or cjk_after:
        return " "
    return match.group(0)


def _outside_fences(text: str, fix_line: Callable[[str], str]) -> str:
    """Apply ``fix_line`` to every line outside fenced code blocks."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if opening and opening.group(1) == fence:
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        out.append(fix_line(line))
    return "\n".join(out)


# --- punctuation -----------------------------------------------------------


def normalise_punctuation(text: str) -> str:
    """Half-width ``, : ; ? ! ( )`` in CJK text become full-width (see module docstring)."""
    return _outside_fences(text, _punctuation_line)


def _punctuation_line(line: str) -> str:
    # Converting one mark can make another one's neighbour CJK: repeat to a fixpoint.
    for _ in range(_MAX_PASSES):
        fixed = _punctuation_pass(line)
        if fixed == line:
            break
        line = fixed
    return line


def _punctuation_pass(line: str) -> str:
    if not _CONVERTIBLE.search(line):
        return line
    protected = _protected_positions(line)
    chars = list(line)
    converted: set[int] = set()
    for found in _HALF_MARK.finditer(line):  # the marks only, not every character
        index = found.start()
        if index not in protected and _mark_converts(line, index):
            chars[index] = _HALF_TO_FULL[found.group()]
            converted.add(index)
    brackets: set[int] = set()
    for start, end in _bracket_pairs(line, protected):
        if _pair_converts(line, start, end):
            chars[start], chars[end] = "（", "）"
            brackets.update((start, end))
    padding: set[int] = set()
    for start, end in _padded_quote_pairs(line, protected):
        chars[start], chars[end] = "“", "”"
        brackets.update((start, end))
        padding.update(_inner_spaces(line, start, end))
    return _drop_spaces_around(chars, converted, brackets, padding)


def _protected_positions(line: str) -> set[int]:
    positions: set[int] = set()
    for match in _PROTECTED.finditer(line):
        positions.update(range(match.start(), match.end()))
    return positions


def _neighbour(line: str, index: int, step: int) -> str:
    position = index + step
    while 0 <= position < len(line):
        if line[position] not in _TRANSPARENT:
            return line[position]
        position += step
    return ""


def _mark_converts(line: str, index: int) -> bool:
    ch = line[index]
    before = line[index - 1] if index else ""
    after = line[index + 1] if index + 1 < len(line) else ""
    if before.isdigit() and after.isdigit():  # 1,000  17:19  1:3
        return False
    if ch == "!" and after == "[":  # Markdown image
        return False
    if ch == ":" and (before == "]" or line.startswith("//", index + 1)):  # [^1]:  http://
        return False
    previous = _neighbour(line, index, -1)
    following = _neighbour(line, index, 1)
    return (bool(previous) and is_cjk(previous)) or (bool(following) and is_cjk(following))


def _bracket_pairs(line: str, protected: set[int]) -> list[tuple[int, int]]:
    """Matching half-width ``( )`` pairs outside protected spans and link syntax."""
    pairs: list[tuple[int, int]] = []
    if "(" not in line:
        return pairs
    stack: list[int] = []
    for found in _ROUND.finditer(line):  # the brackets only, not every character
        index = found.start()
        if index in protected:
            continue
        if found.group() == "(":
            stack.append(index)
        elif stack:
            pairs.append((stack.pop(), index))
    return [(start, end) for start, end in pairs if not (start and line[start - 1] == "]")]


def _pair_converts(line: str, start: int, end: int) -> bool:
    left, right = line[:start].rstrip()[-1:], line[end + 1 :].lstrip()[:1]
    spaced = line[start - 1 : start] == " " and line[end + 1 : end + 2] == " "
    if spaced and all(c.isascii() and c.isalnum() for c in (left, right)):
        return False  # between Latin words: Kling AI (可灵AI) 2.5
    if any(is_cjk(ch) for ch in line[start + 1 : end]):
        return True
    before = line[start - 1] if start else ""
    after = line[end + 1] if end + 1 < len(line) else ""
    return any(ch and is_cjk(ch) for ch in (before, after))


def _padded_quote_pairs(line: str, protected: set[int]) -> list[tuple[int, int]]:
    """Straight ``" ... "`` pairs padded inside with spaces around CJK content.

    Scrapers turn ``“超級員工”`` into ``" 超級員工 "``. Quotes pair up in order;
    a line with an odd number of them is ambiguous and left alone, and so are
    unpadded quotes (``"1+N"``, ``"All in AI"``).
    """
    if '"' not in line:
        return []
    quotes = [m.start() for m in _QUOTE.finditer(line) if m.start() not in protected]
    if len(quotes) % 2:
        return []
    pairs: list[tuple[int, int]] = []
    for start, end in zip(quotes[0::2], quotes[1::2], strict=True):
        content = line[start + 1 : end]
        padded = content[:1] == " " or content[-1:] == " "
        if padded and content.strip() and any(is_cjk(ch) for ch in content):
            pairs.append((start, end))
    return pairs


def _inner_spaces(line: str, start: int, end: int) -> set[int]:
    spaces: set[int] = set()
    position = start + 1
    while position < end and line[position] == " ":
        spaces.add(position)
        position += 1
    position = end - 1
    while position > start and line[position] == " ":
        spaces.add(position)
        position -= 1
    return spaces


def _drop_spaces_around(
    chars: list[str], marks: set[int], brackets: set[int], padding: set[int]
) -> str:
    """Remove the spaces a conversion made redundant.

    Spaces on either side of a converted mark go; spaces between a converted
    bracket or quote and CJK go (as ``normalise_whitespace`` would remove
    them), and so does the padding inside converted quotes.
    """
    drop: set[int] = set(padding)
    for index in marks | brackets:
        for step in (-1, 1):
            run: list[int] = []
            position = index + step
            while 0 <= position < len(chars) and chars[position] in " \t":
                run.append(position)
                position += step
            beyond = chars[position] if 0 <= position < len(chars) else ""
            if index in marks or (beyond and (is_cjk(beyond) or beyond in "“”")):
                drop.update(run)
    if not drop:
        return "".join(chars)
    return "".join(ch for index, ch in enumerate(chars) if index not in drop)
