"""The forms a line is compared in: Simplified, half-width, without pinyin notes.

- ``normal_form``: Simplified, NFKC (half-width punctuation), bracketed tone-marked
  pinyin dropped, zero-width characters dropped, whitespace collapsed, case-folded;
- ``line_key``: ``normal_form`` without whitespace or leading bullets: two lines
  with the same key say the same thing;
- ``meta_form``: like ``normal_form`` but case kept (names such as ChinaZ).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tui.text import script

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_BRACKET = re.compile(rf"[(（][a-zA-Zü{_TONED}]*[{_TONED}][a-zA-Zü{_TONED}]*[)）]")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")
_SPACE = re.compile(r"\s+")
_LEADING_MARKS = re.compile(r"^[•·▪●◆■►▶*\-–—>#]+")


def drop_pinyin_brackets(text: str) -> str:
    """The text without bracketed tone-marked pinyin (for matching only)."""
    return _PINYIN_BRACKET.sub("", text)


def _normal(text: str) -> str:
    text = _ZERO_WIDTH.sub("", text)
    text = _PINYIN_BRACKET.sub("", text)
    text = unicodedata.normalize("NFKC", script.to_simplified(text))
    return _SPACE.sub(" ", text).strip().casefold()


@lru_cache(maxsize=8192)
def normal_form(text: str) -> str:
    """The line in Simplified, half-width punctuation, case-folded (spaces kept)."""
    return _normal(text)


@lru_cache(maxsize=8192)
def line_key(text: str) -> str:
    """The comparison key of a line: ``normal_form`` without whitespace or bullets."""
    key = _SPACE.sub("", normal_form(text))
    return _LEADING_MARKS.sub("", key)


def meta_form(line: str) -> str:
    """The line in Simplified with half-width punctuation, pinyin dropped, case kept."""
    text = drop_pinyin_brackets(line)
    text = script.to_simplified(text)
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def meta_forms(lines: list[str]) -> list[str]:
    """``meta_form`` of every line, converted as one text: none of the steps reaches
    across a line end (the pinyin notes, opencc's phrases and the override spellings
    hold no newline, and NFKC maps no character to one), so each line comes out as
    ``meta_form`` gives it, for one conversion instead of one per line."""
    text = "\n".join(lines)
    text = unicodedata.normalize("NFKC", script.to_simplified(drop_pinyin_brackets(text)))
    parts = text.split("\n")
    if len(parts) != len(lines):  # never seen; line by line then
        return [meta_form(line) for line in lines]
    space = _SPACE.sub
    return [space(" ", part).strip() for part in parts]


def head_indexes(lines: list[str], count: int) -> list[int]:
    """Indexes of the first ``count`` non-blank lines, a line equal to an earlier
    one not counted (a title printed ten times does not push the dateline out of
    the head, and the page read again, without the copies, has the same head)."""
    out: list[int] = []
    seen: set[str] = set()
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        key = line_key(line)
        out.append(index)
        if key in seen:
            continue
        seen.add(key)
        if len(seen) >= count:
            break
    return out
