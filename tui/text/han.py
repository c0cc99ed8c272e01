"""What counts as a Han (Chinese) character: one set of ranges for the whole app.

Han characters are the CJK Unified Ideographs (U+4E00-U+9FFF), Extension A
(U+3400-U+4DBF), the compatibility ideographs (U+F900-U+FAFF) and the
supplementary-plane extensions B-H (U+20000-U+3134F). Kana, CJK punctuation and
full-width forms are *not* Han; ``is_cjk_text`` covers those too.

``HAN_CLASS`` is the same set as text for a regex character class (without the
brackets), so patterns elsewhere can say ``rf"[{HAN_CLASS}]{{2,4}}"``.
"""

from __future__ import annotations

import re

HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)
"""Inclusive code point ranges of Han characters."""

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""The ranges of ``HAN_RANGES`` as the body of a regex character class."""

HAN_RE = re.compile(f"[{HAN_CLASS}]")
HAN_RUN_RE = re.compile(f"[{HAN_CLASS}]+")


def is_han(ch: str) -> bool:
    """Whether one character is a Han ideograph."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def has_han(text: str) -> bool:
    """Whether the text holds at least one Han character."""
    return HAN_RE.search(text) is not None


def is_cjk_text(ch: str) -> bool:
    """Han characters, kana, CJK punctuation and full-width forms."""
    code = ord(ch)
    return (
        is_han(ch)
        or 0x3000 <= code <= 0x30FF
        or 0xFF01 <= code <= 0xFF60
        or 0xFFE0 <= code <= 0xFFE6
    )


def required_han(pattern: re.Pattern[str]) -> str:
    """The longest run of Han characters written out in the pattern's top level, which
    every match therefore contains (``经授权`` in ``(?P<name>…)经授权(?:发布|转载)``),
    or "" when there is none. A text without it need not be searched: a pattern that
    starts with a repeated character class or a lookbehind is tried at every position.
    (Han characters have no other case, so IGNORECASE does not change this.)"""
    from re import _parser  # the standard library's own regex parser

    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
    except re.error:  # no shortcut then: the pattern is searched as before
        return ""
    best = run = ""
    for op, arg in items:
        if op is _parser.LITERAL and HAN_RE.match(chr(arg)):
            run += chr(arg)
            if len(run) > len(best):
                best = run
        else:
            run = ""
    return best
