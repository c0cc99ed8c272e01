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


_NORMAL_CACHE = 8192
_normal_forms: dict[str, str] = {}


def normal_form(text: str) -> str:
    """The line in Simplified, half-width punctuation, case-folded (spaces kept).

    Kept per text (the title, metadata and chrome passes ask about the same lines);
    ``prime_normal_forms`` fills in a whole article's lines at once."""
    found = _normal_forms.get(text)
    if found is None:
        if len(_normal_forms) >= _NORMAL_CACHE:
            _normal_forms.clear()
        found = _normal_forms[text] = _normal(text)
    return found


def prime_normal_forms(lines: list[str]) -> None:
    """``normal_form`` of the lines not known yet, converted as one text: none of the
    steps reaches across a line end (see ``meta_forms``), so each line gets what
    ``normal_form`` gives it, for one conversion instead of one per line. The
    ``meta_form`` of a line without zero-width characters is the same text before
    case folding: it is kept too."""
    todo = [line for line in dict.fromkeys(lines) if line not in _normal_forms]
    if len(todo) < 2 or any("\n" in line for line in todo):
        return
    text = _PINYIN_BRACKET.sub("", _ZERO_WIDTH.sub("", "\n".join(todo)))
    parts = unicodedata.normalize("NFKC", script.to_simplified(text)).split("\n")
    if len(parts) != len(todo):  # never seen; line by line when asked then
        return
    if len(_normal_forms) + len(todo) > _NORMAL_CACHE:
        _normal_forms.clear()
    if len(_meta_forms) + len(todo) > _NORMAL_CACHE:
        _meta_forms.clear()
    space = _SPACE.sub
    zero_width = _ZERO_WIDTH.search
    for line, part in zip(todo, parts, strict=True):
        form = space(" ", part).strip()
        _normal_forms[line] = form.casefold()
        if zero_width(line) is None:
            _meta_forms[line] = form


@lru_cache(maxsize=8192)
def line_key(text: str) -> str:
    """The comparison key of a line: ``normal_form`` without whitespace or bullets."""
    key = _SPACE.sub("", normal_form(text))
    return _LEADING_MARKS.sub("", key)


_meta_forms: dict[str, str] = {}
"""``meta_form`` of lines primed by ``prime_normal_forms``."""


def meta_form(line: str) -> str:
    """The line in Simplified with half-width punctuation, pinyin dropped, case kept."""
    found = _meta_forms.get(line)
    if found is not None:
        return found
    text = drop_pinyin_brackets(line)
    text = script.to_simplified(text)
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def meta_forms(lines: list[str]) -> list[str]:
    """``meta_form`` of every line, the lines not primed converted as one text: none
    of the steps reaches across a line end (the pinyin notes, opencc's phrases and
    the override spellings hold no newline, and NFKC maps no character to one), so
    each line comes out as ``meta_form`` gives it, for one conversion instead of one
    per line."""
    known = _meta_forms
    todo = [line for line in dict.fromkeys(lines) if line not in known]
    forms: dict[str, str] = {}
    if todo:
        text = "\n".join(todo)
        text = unicodedata.normalize("NFKC", script.to_simplified(drop_pinyin_brackets(text)))
        parts = text.split("\n")
        if len(parts) != len(todo):  # never seen; line by line then
            forms = {line: meta_form(line) for line in todo}
        else:
            space = _SPACE.sub
            forms = {line: space(" ", part).strip() for line, part in zip(todo, parts, strict=True)}
    return [forms[line] if line in forms else known[line] for line in lines]


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
