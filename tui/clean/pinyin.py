"""Removal of pinyin injected after words: 又是一年(yīnián) -> 又是一年.

Scrapers and "reading aid" plugins insert the pinyin of a word or character in
brackets right after it: ``又是一年(yīnián)``, ``創(chuàng)業(yè)``, ``的(de)(de)``,
``千问(dànqiānwèn)3``. A bracket is injected pinyin when

1. its content looks like pinyin: Latin letters (with or without tone marks,
   or tone numbers), optionally separated by spaces, apostrophes or hyphens; all
   lower case unless it carries tone marks (so ``(AI)``, ``(LLM)`` never are);
2. and the content, toneless and without separators, spells the pinyin of the
   Han characters just before the bracket, one reading per character, every
   reading of a heteronym allowed (pypinyin, which reads Traditional characters
   too; opencc folds the rare character it does not know). The characters may be
   a suffix of the preceding run (``但千问(dànqiānwèn)`` covers 但千问), or, for two
   syllables or more, a window ending up to two characters earlier or separated
   from the bracket by a few digits, Latin letters or spaces.

Decided by pronunciation, not by a word list, so real brackets survive:
``(MaaS)``, ``GPU(圖形處理器)``, ``(同比激增221%)``, ``(de facto)`` (the content is
not the reading of what precedes). Repeated brackets (``的(de)(de)``) are all
removed: each is checked against the text before it after earlier removals.
Round brackets of either width are handled, and square ``[ ]`` and ``【 】``
ones (a ``[...]`` followed by ``(``, ``[`` or ``:`` is Markdown and left alone).
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import re
import unicodedata
from functools import lru_cache
from typing import Any

from tui.text.data import derived, keep_derived
from tui.text.han import HAN_CLASS
from tui.text.script import opencc_converter

_BRACKET = re.compile(
    r"[ \t]*(?:"
    r"[(（]([^()（）\n]{1,80})[)）]"
    r"|\[([^\[\]\n]{1,80})\](?![(\[:])"  # not a Markdown link, reference or footnote
    r"|【([^【】\n]{1,80})】"
    r")"
)
_PINYIN_CHARS = re.compile(
    r"[a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềḿńňǹĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙÜ1-5 '’\-]+"
)
_TONE_MARKED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜếềḿńňǹĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ]")
_MAX_CHARS = 10  # the longest word a bracket may cover
_MAX_SHIFT = 2  # Han characters a window may end before the bracket
_MAX_GAP = 3  # digits/Latin/spaces allowed between the window and the bracket
_MAX_RUN = 6  # adjacent brackets that may together spell the word before them
_ERHUA = "儿兒"
_TAIL = _MAX_CHARS + _MAX_SHIFT + _MAX_GAP + 1
# ``_preceding_han`` as one search: up to _MAX_GAP gap characters (ASCII letters,
# digits, spaces) at the end, and up to _MAX_CHARS + _MAX_SHIFT Han characters
# before them. The two classes share no character, so the earliest start is the
# longest run.
_PRECEDING = re.compile(
    rf"([{HAN_CLASS}]{{0,{_MAX_CHARS + _MAX_SHIFT}}})([A-Za-z0-9 ]{{0,{_MAX_GAP}}})\Z"
)


def remove_injected_pinyin(text: str) -> str:
    """Remove brackets holding the pinyin of the characters just before them."""
    if not any(bracket in text for bracket in "(（[【"):
        return text
    out: list[str] = []
    position = 0
    matches = list(_BRACKET.finditer(text))
    index = 0
    while index < len(matches):
        match = matches[index]
        kept = text[position : match.start()]
        out.append(kept)
        position = match.end()
        # Most brackets of a text are not pinyin (``(AI)``, ``(同比激增221%)``): the
        # text before one (the end of the output so far) is only looked at for those
        # that are.
        syllables = _normalise(_content(match))
        if syllables is None:
            out.append(match.group(0))
            index += 1
            continue
        # The end of the output so far: the text just kept when that is long enough.
        tail = kept if len(kept) >= _TAIL else _tail(out)
        if _matches_preceding(tail, syllables):
            index += 1
            continue
        run = _split_reading_run(matches, index, tail)
        if run:
            position = matches[index + run - 1].end()
            index += run
            continue
        out.append(match.group(0))
        index += 1
    out.append(text[position:])
    return "".join(out)


def remove_injected_pinyin_again(before: str, after: str) -> str:
    """``remove_injected_pinyin(after)`` where ``before`` is already its output and
    ``after`` is ``before`` with some lines changed (by the mojibake repair).

    The removal decides line by line (a bracket holds no line end and is checked
    against the characters just before it on its line), and is idempotent on a
    line (see ``test_pinyin_removal_is_idempotent``): only the changed lines can
    change again."""
    if after == before:
        return after
    old_lines = before.split("\n")
    new_lines = after.split("\n")
    if len(old_lines) != len(new_lines):
        return remove_injected_pinyin(after)
    return "\n".join(
        line if line == old else remove_injected_pinyin(line)
        for line, old in zip(new_lines, old_lines, strict=True)
    )


def _tail(out: list[str]) -> str:
    """The last ``_TAIL`` characters of the output so far."""
    tail = ""
    for piece in reversed(out):
        tail = piece + tail
        if len(tail) >= _TAIL:
            break
    return tail[-_TAIL:]


def _content(match: re.Match[str]) -> str:
    return match.group(match.lastindex or 0)  # the one group that took part


def _split_reading_run(matches: list[re.Match[str]], index: int, tail: str) -> int:
    """How many adjacent brackets from ``index`` together spell the characters before
    them, one syllable each (``一年(yī)(nián)``); 0 when they do not."""
    syllables = ""
    for count in range(1, _MAX_RUN + 1):
        at = index + count - 1
        if at >= len(matches) or (count > 1 and matches[at].start() != matches[at - 1].end()):
            return 0
        part = _normalise(_content(matches[at]))
        if part is None:
            return 0
        syllables += part
        if count > 1 and _matches_preceding(tail, syllables):
            return count
    return 0


@lru_cache(maxsize=8192)
def _normalise(content: str) -> str | None:
    """Toneless, separator-free lower-case pinyin letters, or None if not pinyin."""
    content = content.strip()
    if not content or not _PINYIN_CHARS.fullmatch(content):
        return None
    if not _TONE_MARKED.search(content) and content != content.lower():
        return None  # (AI), (LLM), (MaaS): upper case without tone marks
    letters = re.sub(r"[ '’\-1-5]", "", content.lower())
    decomposed = unicodedata.normalize("NFD", letters).replace("u\u0308", "v")
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if not letters.isascii() or not letters.isalpha():
        return None
    return letters


def _matches_preceding(before: str, syllables: str) -> bool:
    run, gap = _preceding_han(before)
    return bool(run) and _run_spells(run, gap, syllables)


@lru_cache(maxsize=32768)
def _run_spells(run: str, gap: bool, syllables: str) -> bool:
    """Whether ``syllables`` spell a window of the Han run (see the module docstring)."""
    for shift in range(_MAX_SHIFT + 1):
        end = len(run) - shift
        for size in range(1, min(_MAX_CHARS, end) + 1):
            window = run[end - size : end]
            if (shift or gap) and size < 2:
                continue
            if _spells(window, syllables):
                return True
    return False


def _preceding_han(before: str) -> tuple[str, bool]:
    """The run of Han characters ending the text (past a short non-Han gap)."""
    match = _PRECEDING.search(before, max(0, len(before) - _MAX_GAP - _MAX_CHARS - _MAX_SHIFT))
    assert match is not None  # both groups may be empty
    return match.group(1), bool(match.group(2))


def _spells(window: str, syllables: str) -> bool:
    """Whether ``syllables`` is one reading of each character in turn."""
    return _spells_from(window, syllables)


@lru_cache(maxsize=65536)
def _spells_from(window: str, syllables: str) -> bool:
    if not window:
        return not syllables
    for reading in _readings(window[0]):
        if syllables.startswith(reading) and _spells_from(window[1:], syllables[len(reading) :]):
            return True
    return False


@lru_cache(maxsize=32768)
def _readings(ch: str) -> tuple[str, ...]:
    """Toneless readings of a Han character (ü written v), all heteronyms."""
    readings = set(_reading_table().get(ch, "").split())
    if "er" in readings and ch in _ERHUA:
        readings.add("r")  # erhua: 一会儿 is written yīhuìr
    readings |= {r.replace("v", "u") for r in readings if "v" in r}  # 女 as nu, 绿 as lu
    if not readings:
        simplified = _to_simplified(ch)
        if simplified != ch:
            return _readings(simplified)
    return tuple(sorted(readings, key=len, reverse=True))


def pypinyin_readings() -> dict[str, str]:
    """Every character pypinyin knows -> its toneless readings, space-separated
    (about 42,000 characters, 1.5 s: a derived table)."""
    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    table: dict[str, str] = {}
    for code in sorted(pinyin_dict):
        found = pinyin(chr(code), style=Style.NORMAL, heteronym=True, errors="ignore")
        readings = sorted({reading for group in found for reading in group if reading.isascii()})
        if readings:
            table[chr(code)] = " ".join(readings)
    return table


@lru_cache(maxsize=1)
def _reading_table() -> dict[str, str]:
    """``pypinyin_readings`` from the derived table (bundled for the pypinyin jiedu
    ships with; importing pypinyin and reading its dictionary takes a second)."""
    key = f"pypinyin {importlib.metadata.version('pypinyin')}"
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
        stored = derived("pinyin_readings.json", key)
        if stored is not None:
            return {str(k): str(v) for k, v in stored["readings"].items()}
    table = pypinyin_readings()
    keep_derived("pinyin_readings.json", key, {"readings": table})
    return table


def _to_simplified(ch: str) -> str:
    return str(_t2s().convert(ch))


@lru_cache(maxsize=1)
def _t2s() -> Any:
    return opencc_converter("t2s")
