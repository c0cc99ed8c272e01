"""Line breaking for Chinese (and mixed Chinese/Latin) text, measured in terminal cells.

Textual and Rich wrap only at spaces. These pure functions implement the rules the
article view needs:

* a break is allowed between any two CJK (wide) characters and between a CJK
  character and a Latin word; Latin words and numbers are never split unless a
  single word is wider than the line;
* closing punctuation (``，。）」%``…) never starts a line and opening punctuation
  (``（「《“``…) never ends one;
* protected ranges (figures such as ``706.9亿元``) are never split;
* spaces at a break are dropped; ``\\n`` forces a break;
* soft line breaks inside a paragraph join without a space when either side is CJK.

Widths follow Rich's cell table so they match what the terminal shows. The
break positions are found with one regular expression and lines are filled
with prefix sums and bisection, so wrapping a 20,000-character article takes
a few milliseconds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

# Characters that must not start a line (they stick to what precedes them).
CLOSING = "，。、；：？！）」』】》〉〕〗〙〛｝］”’…‥·・％‰℃°〃々〆ー～—‐–,.;:?!)]}%'\"»›"
# Characters that must not end a line (they stick to what follows them).
OPENING = "（「『【《〈〔〖〘〚｛［“‘([{«‹￥＄¥$£€#＃"
SPACES = " \t\u3000"
_SPACE_SET = frozenset(SPACES)
_CLOSING_SET = frozenset(CLOSING)
_OPENING_SET = frozenset(OPENING)
# Zero-width characters that occur in text (controls, combining marks, joiners,
# variation selectors); Rich's full table is too slow to scan for every paragraph.
_ZERO_WIDTH = (
    "\x00-\x1f\x7f-\x9f\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u20d0-\u20f0\ufe00-\ufe0f\ufe20-\ufe2f\U000e0100-\U000e01ef"
)


def _cell_ranges(width: int) -> list[tuple[int, int]]:
    try:
        from rich.cells import load_cell_table

        table = load_cell_table("auto").widths
        return [(start, end) for start, end, cells in table if cells == width]
    except (ImportError, AttributeError, TypeError):  # older/newer Rich: fall back
        import unicodedata

        if width != 2:
            return []
        ranges: list[tuple[int, int]] = []
        for code in range(0x1100, 0x40000):
            if unicodedata.east_asian_width(chr(code)) in ("W", "F"):
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1] = (ranges[-1][0], code)
                else:
                    ranges.append((code, code))
        return ranges


def _char_class(ranges: list[tuple[int, int]]) -> str:
    parts = []
    for start, end in ranges:
        if start == end:
            parts.append(re.escape(chr(start)))
        else:
            parts.append(f"{re.escape(chr(start))}-{re.escape(chr(end))}")
    return "".join(parts)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(wide runs, one wide char, zero-width chars, punctuation and spaces)."""
    wide = _char_class(_cell_ranges(2))
    special = re.escape(SPACES + CLOSING + OPENING)
    return (
        re.compile(f"[{wide}]+"),
        re.compile(f"[{wide}]"),
        re.compile(f"[{_ZERO_WIDTH}]"),
        re.compile(f"[{special}]"),
    )


def is_wide(char: str) -> bool:
    """True for CJK ideographs, kana, hangul, full-width forms, wide emoji (two cells)."""
    return bool(char) and _patterns()[1].match(char) is not None


def char_width(char: str) -> int:
    """Cells taken by one character (0, 1 or 2)."""
    if " " <= char <= "~":
        return 1
    _, wide, zero, _ = _patterns()
    if wide.match(char):
        return 2
    return 0 if zero.match(char) else 1


def text_width(text: str) -> int:
    """Cells taken by ``text`` (the wide characters counted by runs, and zero-width
    ones only looked for once one is found: a list of 10,000 titles is measured
    at start)."""
    runs, _, zero, _ = _patterns()
    width = len(text) + sum(map(len, runs.findall(text)))
    if zero.search(text) is not None:
        width -= len(zero.findall(text))
    return width


def join_soft_break(left: str, right: str) -> str:
    """The separator for a soft line break between ``left`` and ``right`` text.

    Nothing when the character on either side is CJK (Chinese has no spaces
    between words) or already a space; a single space between Latin words.
    """
    before = left[-1:]
    after = right[:1]
    if not before or not after:
        return ""
    if before in SPACES or after in SPACES:
        return ""
    if is_wide(before) or is_wide(after):
        return ""
    return " "


def _wide_runs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _patterns()[0].finditer(text)]


def cumulative_widths(text: str, wide_runs: list[tuple[int, int]] | None = None) -> list[int]:
    """``result[i]`` is the width in cells of ``text[:i]``."""
    runs = _wide_runs(text) if wide_runs is None else wide_runs
    zero = _patterns()[2]
    if zero.search(text):
        widths = [char_width(c) for c in text]
        return list(accumulate(widths, initial=0))
    cum = [0]
    pos = 0
    total = 0
    for start, end in runs:
        if start > pos:
            cum.extend(range(total + 1, total + start - pos + 1))
            total += start - pos
        cum.extend(range(total + 2, total + 2 * (end - start) + 1, 2))
        total += 2 * (end - start)
        pos = end
    if pos < len(text):
        cum.extend(range(total + 1, total + len(text) - pos + 1))
    return cum


def _allowed(
    text: str, wide_runs: list[tuple[int, int]], protected: Sequence[tuple[int, int]]
) -> bytearray:
    """Byte ``i`` is 1 when a line may break before ``text[i]`` (no newlines in text)."""
    n = len(text)
    allowed = bytearray(n + 1)
    for start, end in wide_runs:
        # between two wide characters, and on both edges of a wide run
        allowed[start : end + 1] = b"\x01" * (end + 1 - start)
    for match in _patterns()[3].finditer(text):
        i = match.start()
        char = match.group()
        if char in _SPACE_SET:
            allowed[i] = 0
            if i + 1 < n and text[i + 1] not in _SPACE_SET and text[i + 1] not in _CLOSING_SET:
                allowed[i + 1] = 1
            continue
        if char in _CLOSING_SET:
            allowed[i] = 0
        if char in _OPENING_SET:
            allowed[i + 1] = 0
    for start, end in protected:
        lo = max(start + 1, 1)
        if end > lo:
            allowed[lo:end] = bytes(end - lo)
    allowed[0] = 0
    allowed[n] = 1
    return allowed


def break_positions(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[int]:
    """Sorted offsets ``i`` (0 < i < len) where a line may break before ``text[i]``.

    ``text`` must not contain newlines; ``protected`` ranges are never split.
    """
    allowed = _allowed(text, _wide_runs(text), protected)
    return [i for i in range(1, len(text)) if allowed[i]]


def break_opportunities(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[bool]:
    """``result[i]`` is True when a line may break just before ``text[i]``."""
    allowed = [False] * len(text)
    for offset, line in _segments(text):
        if offset:
            allowed[offset] = True
        for pos in break_positions(line, _shift(protected, offset, len(line))):
            allowed[offset + pos] = True
        end = offset + len(line)
        if end < len(text):
            allowed[end] = True
    return allowed


def _segments(text: str) -> list[tuple[int, str]]:
    out = []
    offset = 0
    for part in text.split("\n"):
        out.append((offset, part))
        offset += len(part) + 1
    return out


def _shift(protected: Sequence[tuple[int, int]], offset: int, length: int) -> list[tuple[int, int]]:
    return [
        (max(0, s - offset), min(length, e - offset))
        for s, e in protected
        if e > offset and s < offset + length
    ]


def _wrap_segment(
    text: str, width: int, protected: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    n = len(text)
    runs = _wide_runs(text)
    cum = cumulative_widths(text, runs)
    allowed = _allowed(text, runs, protected)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n and text[start] in SPACES:
        start += 1
    while start < n:
        # the furthest end that fits, then past any spaces (they may hang)
        limit = bisect_right(cum, cum[start] + width) - 1
        while limit < n and text[limit] in SPACES:
            limit += 1
        end = allowed.rfind(1, start + 1, limit + 1) if limit > start else -1
        if end < 0:
            # one piece wider than the line: cut it by cells
            end = max(start + 1, bisect_right(cum, cum[start] + width) - 1)
        line_end = end
        while line_end > start and text[line_end - 1] in SPACES:
            line_end -= 1
        lines.append((start, line_end))
        start = end
        while start < n and text[start] in SPACES:
            start += 1
    return lines or [(0, 0)]


def wrap(text: str, width: int, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Break ``text`` into lines of at most ``width`` cells.

    Returns (start, end) offsets into ``text`` for each line; trailing spaces are
    left out of each line and leading spaces of a continuation line are skipped.
    A single unbreakable piece wider than ``width`` is cut by cells.
    """
    width = max(1, width)
    if "\n" not in text:
        return _wrap_segment(text, width, protected)
    lines: list[tuple[int, int]] = []
    for offset, part in _segments(text):
        for s, e in _wrap_segment(part, width, _shift(protected, offset, len(part))):
            lines.append((s + offset, e + offset))
    return lines


def wrap_text(text: str, width: int, protected: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Convenience: the wrapped lines as strings."""
    return [text[s:e] for s, e in wrap(text, width, protected)]
