"""Script detection and conversion between Traditional and Simplified Chinese.

Conversion uses opencc (``t2s`` / ``s2t``) plus an override dictionary
(``data/opencc_overrides.yaml``) for terms opencc gets wrong, mostly brand names:
plain t2s turns Huawei's 昇腾 into 升腾. Override terms are cut out of the text
before conversion and put back in their Simplified form, so opencc never sees
them. Converters, overrides and per-character script tables are loaded lazily,
once per process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

from tui.text.data import load_yaml
from tui.text.han import HAN_RANGES, HAN_RE

HANS = "hans"
HANT = "hant"

_OVERRIDES_FILE = "opencc_overrides.yaml"
_CJK = HAN_RE


@dataclass(frozen=True)
class _OverrideTable:
    """Spellings to protect and what each must become, with a matcher for them."""

    replacements: dict[str, str]
    pattern: re.Pattern[str] | None


@lru_cache(maxsize=4)
def opencc_converter(config: str) -> opencc.OpenCC:
    """One opencc converter per configuration for the whole process (``t2s``, ``s2t``…)."""
    return opencc.OpenCC(config)


_converter = opencc_converter


def _read_overrides() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The YAML file's ``brands`` and ``fixes`` sections (Simplified -> other spellings)."""
    raw = load_yaml(_OVERRIDES_FILE)
    sections: list[dict[str, list[str]]] = []
    for name in ("brands", "fixes"):
        section = raw.get(name) or {}
        sections.append(
            {str(key): [str(v) for v in (values or [])] for key, values in section.items()}
        )
    return sections[0], sections[1]


def _compile(replacements: dict[str, str]) -> _OverrideTable:
    if not replacements:
        return _OverrideTable({}, None)
    ordered = sorted(replacements, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(term) for term in ordered))
    return _OverrideTable(replacements, pattern)


@lru_cache(maxsize=1)
def _to_simplified_table() -> _OverrideTable:
    brands, fixes = _read_overrides()
    s2t = _converter("s2t")
    replacements: dict[str, str] = {}
    for target, variants in {**brands, **fixes}.items():
        for spelling in (target, s2t.convert(target), *variants):
            replacements[spelling] = target
    return _compile(replacements)


@lru_cache(maxsize=1)
def _to_traditional_table() -> _OverrideTable:
    """Brand names keep their own Traditional spelling (the first listed variant)."""
    brands, _fixes = _read_overrides()
    replacements: dict[str, str] = {}
    for target, variants in brands.items():
        traditional = variants[0] if variants else target
        replacements[target] = traditional
        replacements[traditional] = traditional
    return _compile(replacements)


def _convert(text: str, config: str, table: _OverrideTable) -> str:
    converter = _converter(config)
    if table.pattern is None:
        return converter.convert(text)
    parts: list[str] = []
    position = 0
    for match in table.pattern.finditer(text):
        if match.start() > position:
            parts.append(converter.convert(text[position : match.start()]))
        parts.append(table.replacements[match.group()])
        position = match.end()
    if position < len(text):
        parts.append(converter.convert(text[position:]))
    return "".join(parts)


@lru_cache(maxsize=256)
def to_simplified(text: str) -> str:
    """The text in Simplified characters; brand names from the override list survive."""
    if not text:
        return text
    return _convert(text, "t2s", _to_simplified_table())


@lru_cache(maxsize=256)
def to_traditional(text: str) -> str:
    """The text in Traditional characters (opencc s2t); used to search in either script."""
    if not text:
        return text
    return _convert(text, "s2t", _to_traditional_table())


def to_simplified_after(line_before: str, text: str) -> str:
    """``to_simplified(text)``, read from ``to_simplified(line_before + "\n" + text)``
    when a caller converted that already (the cleaner converts an article's title
    and body together): that conversion is cached, and cut after the converted line
    it gives the text's own, since no conversion reaches across a line end (opencc's
    phrases and the override spellings hold no newline)."""
    if "\n" in line_before:
        return to_simplified(text)
    head = to_simplified(line_before)
    return to_simplified(line_before + "\n" + text)[len(head) + 1 :]


def simplified_key(text: str) -> str:
    """A normalised form for search and filters: NFKC, Simplified, case-folded."""
    return to_simplified(unicodedata.normalize("NFKC", text)).casefold()


# Per-character script table: char -> (changes under t2s, changes under s2t).
_CHAR_SCRIPT: dict[str, tuple[bool, bool]] = {}


def _classify(chars: set[str]) -> None:
    """Fill the per-character table for the characters not seen before."""
    new = sorted(c for c in chars if c not in _CHAR_SCRIPT)
    if not new:
        return
    joined = "\n".join(new)
    simplified = _converter("t2s").convert(joined).split("\n")
    traditional = _converter("s2t").convert(joined).split("\n")
    if len(simplified) != len(new) or len(traditional) != len(new):
        # Conversion changed the line structure (never seen); classify one by one.
        simplified = [_converter("t2s").convert(c) for c in new]
        traditional = [_converter("s2t").convert(c) for c in new]
    for char, simp, trad in zip(new, simplified, traditional, strict=True):
        _CHAR_SCRIPT[char] = (simp != char, trad != char)


@dataclass(frozen=True)
class _Counters:
    """Regexes over the characters classified so far (``size`` of them): the
    Traditional-only ones, the Simplified-only ones, and every Han character not
    among them (counted one by one until the next rebuild)."""

    size: int
    hant: re.Pattern[str]
    hans: re.Pattern[str]
    unseen: re.Pattern[str]


_NEVER = re.compile(r"(?!)")
_counters = _Counters(0, _NEVER, _NEVER, _CJK)
_REBUILD_AT = 256  # newly classified characters that make the regexes be rebuilt


def _ranges_class(ranges: list[tuple[int, int]]) -> str:
    """A regex matching one character of the given inclusive code point ranges."""
    if not ranges:
        return "(?!)"
    body = "".join(
        f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges
    )
    return f"[{body}]"


def _runs(codes: list[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive ranges of consecutive ones."""
    out: list[tuple[int, int]] = []
    for code in codes:
        if out and code == out[-1][1] + 1:
            out[-1] = (out[-1][0], code)
        else:
            out.append((code, code))
    return out


def _rebuild_counters() -> _Counters:
    """The regexes for the characters classified so far.

    Only characters of the Basic Multilingual Plane go in them: a class within it
    compiles to a bitmap (one test per character), one reaching above U+FFFF to a
    list of ranges tried one by one. The rare Han characters above it stay
    ``unseen`` (their whole ranges) and are counted one by one."""
    global _counters
    known = sorted(ord(c) for c in _CHAR_SCRIPT if ord(c) <= 0xFFFF)
    unseen: list[tuple[int, int]] = []
    for start, end in HAN_RANGES:
        if end > 0xFFFF:
            unseen.append((start, end))
        else:
            unseen.extend(_gaps(start, end, [c for c in known if start <= c <= end]))
    bmp = [(c, flags) for c, flags in _CHAR_SCRIPT.items() if ord(c) <= 0xFFFF]
    hant = sorted(ord(c) for c, (is_hant, _) in bmp if is_hant)
    hans = sorted(ord(c) for c, (_, is_hans) in bmp if is_hans)
    _counters = _Counters(
        size=len(_CHAR_SCRIPT),
        hant=re.compile(_ranges_class(_runs(hant))),
        hans=re.compile(_ranges_class(_runs(hans))),
        unseen=re.compile(_ranges_class(sorted(unseen))),
    )
    return _counters


def _gaps(start: int, end: int, taken: list[int]) -> list[tuple[int, int]]:
    """The stretches of [start, end] between the sorted code points ``taken``."""
    out = []
    low = start
    for code in taken:
        if code > low:
            out.append((low, code - 1))
        low = code + 1
    if low <= end:
        out.append((low, end))
    return out


def script_counts(text: str) -> tuple[int, int]:
    """(Traditional-only characters, Simplified-only characters) in the text.

    Counted in C by two regexes of the characters classified so far; a character
    not in them yet is classified (``_classify``) and counted on its own, and the
    regexes are rebuilt once ``_REBUILD_AT`` such characters have gathered."""
    counters = _counters
    hant = len(counters.hant.findall(text))
    hans = len(counters.hans.findall(text))
    extra = set(counters.unseen.findall(text))
    if extra:
        _classify(extra)
        for char in extra:
            is_hant, is_hans = _CHAR_SCRIPT[char]
            if is_hant or is_hans:
                count = text.count(char)
                hant += count if is_hant else 0
                hans += count if is_hans else 0
        if len(_CHAR_SCRIPT) - counters.size >= _REBUILD_AT:
            _rebuild_counters()
    return hant, hans


def detect_script(text: str) -> str:
    """'hant' when the text is written in Traditional characters, else 'hans'.

    Counts characters that only exist in one script: those opencc changes when
    converting to Simplified (Traditional forms) against those it changes when
    converting to Traditional (Simplified forms). Ties and texts without Chinese
    characters count as Simplified.
    """
    hant, hans = script_counts(text)
    return HANT if hant > hans else HANS
