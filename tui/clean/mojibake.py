"""Repair of GBK byte-shift mojibake (a byte lost, gained or damaged inside GBK text).

How the damage arises
---------------------
GBK writes a Chinese character as two bytes (lead 0x81-0xFE, trail 0x40-0x7E or
0x80-0xFE) and ASCII as one. When one byte of the stream is damaged, the bytes after
it pair with the wrong partners, so the decoder emits wrong characters - rare ones,
user-defined-area codes that land in the Private Use Area, symbols such as ``⑿`` -
until an ASCII byte happens to restore the alignment. Trail bytes 0x40-0x7E are
ASCII letters and symbols, so misaligned Traditional text is peppered with stray
``S``, ``I``, ``@``. The seeds show three variants, all handled here:

* a byte lost its high bit (0xA1 -> ``!``, 0xBB -> ``;``, 0x9E -> a control
  character): ``!刮⑿臕gent`` is ``」微信Agent``, ``對方;钴S的`` is ``對方活躍的``;
* a lead byte replaced by ``?`` (a decoder that swallowed the lead byte and the
  ``(`` of an injected pinyin note), leaving the rest of the note behind:
  ``性?xún)r(jià)值`` is ``性價(jià)值``, ``因?yàn)橛脩?hù)`` is ``因為用戶``;
* in general, a byte dropped or inserted anywhere (a file read from a wrong offset,
  a truncated copy), decoded strictly or with U+FFFD for the undecodable bytes.

How the repair decides
----------------------
1. Lines are cut into segments of GBK-representable text; emoji and other
   characters outside GBK, line ends and earlier markers are barriers never touched.
2. Suspicious characters are flagged: U+FFFD, controls, Private Use Area, unusual
   symbols, ``?`` followed by a pinyin fragment, stray ASCII that GBK trail bytes
   turn into (``@ [ ] ^ _ { | }`` next to CJK, short lowercase runs between CJK), and
   CJK characters that are rare in the jieba dictionary and form no dictionary word
   with their neighbours.
3. Around each cluster of flagged characters the segment is re-encoded to GB18030
   bytes and every single-byte edit in a small window is tried: restore a high
   bit, drop a byte, insert an unknown byte, or read ``?`` (with a pinyin fragment)
   as one unknown byte. A byte that an earlier repair left undecodable (an orphan
   of the realignment) can be dropped without penalty. U+FFFD is always one unknown byte (Python's decoders replace
   one byte per error). The edited bytes are decoded until their alignment meets
   the old one again. An unknown byte is chosen among all values that make a known
   character, by the language model.
4. Readings are scored by a word-level language model: the best segmentation under
   jieba's dictionary word frequencies, computed on the Simplified form (opencc
   ``t2s``), with single characters scored by their frequency, a bonus per
   character read as real text (so that dropping characters is not a free win),
   and fixed costs for Latin runs, punctuation, symbols, private-use and broken
   characters. Injected pinyin notes like ``(yè)`` are ignored when scoring.
5. An edit is applied only when it beats the old reading by ``MARGIN`` nats after
   an edit penalty; otherwise the text stays exactly as it was. (Forcing every
   possible edit at all 31,733 positions of the clean seed text gains at most
   10.8 nats; the seed repairs gain 24 to 100.) Edits are applied greedily until
   none clears the margin, so the result is a fixed point and the function is
   idempotent.
6. What is certainly damage but cannot be repaired is kept visible inside
   ``〔乱码：…〕``: a run with U+FFFD or undecodable bytes (shown as one U+FFFD),
   user-defined-area characters among other suspicious ones, and a repaired
   character whose lost byte the dictionary cannot choose (two candidates within
   ``_FILL_CONFIDENCE`` nats; a rare punctuation mark is no rival for a character)
   is shown as a marked U+FFFD rather than guessed: a wrong guess would disguise
   the damage as text. So is a ``?`` that a decoder wrote for a whole character
   and that the repair left stranded between two characters (``規?化``).
   Marked spans are skipped by later runs.

The stock jieba dictionary (jieba's global tokenizer; jiedu's own words live in a
separate tokenizer, see ``segment.py``) and the opencc converter are loaded lazily,
once per process; per-character frequencies derived from the dictionary are cached
in the cache directory. Punctuation classes come from ``data/mojibake.yaml``.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tui.text import dictionary
from tui.text.data import load_yaml
from tui.text.han import HAN_CLASS, is_han
from tui.text.markers import MARK_CLOSE, MARK_OPEN, MARKED_RE, without_marks
from tui.text.paths import cache_dir
from tui.text.script import opencc_converter

__all__ = ["MARGIN", "MARK_CLOSE", "MARK_OPEN", "WILD", "repair_mojibake", "without_marks"]


MARGIN = 14.0
"""Nats an edit must gain over the unedited reading (after its penalty) to be applied."""

WILD = -1
"""A byte whose value is unknown: U+FFFD, an inserted byte, a ``?`` read as a byte."""

_DATA_FILE = "mojibake.yaml"

# Edit penalties (nats), on top of the language-model scores.
_EDIT_PENALTY = {"highbit": 3.0, "delete": 6.0, "orphan": 0.0, "insert": 6.0, "wild": 1.0}
"""``orphan`` drops a byte an earlier repair left undecodable: it was already junk."""
_FILL_PENALTY = 1.0
_FILL_CONFIDENCE = 1.5
_FILL_TOP = 10
_FILL_BOUND = 10.0
"""Most a filled unknown byte is assumed to add; readings that cannot reach the
margin even with this much are not worth choosing fills for."""

# Re-reading a line of UTF-8 that was decoded as GBK (``_reread``).
_REREAD_SLACK = 2
"""U+FFFD the re-reading may add beyond two per lost byte (a UTF-8 sequence cut by a
lost byte reads as its remnant and the lost byte)."""
_REREAD_MIN_CJK = 2
_REREAD_GAIN_PER_CHAR = 4.0  # nats per Chinese character the re-reading must gain

# Search window and limits.
_CONTEXT_UNITS = 3
_LEFT_EXTENSION = 6
_SCORE_CONTEXT = 8
_WALK_CAP = 64
_MAX_ROUNDS = 12

# Language-model costs (natural-log units).
_CJK_BONUS = 8.0
_INSIDE_WORD_DISCOUNT = -2.5
_COST_UNKNOWN_CJK = -19.0
_COST_LATIN_RUN = -11.0
_COST_STRAY_LATIN = -17.0
_COST_SPACE = -1.0
_COST_PUNCT = -6.0
_COST_FREQUENT_PUNCT = -5.5
_COST_WIDE_PUNCT = -7.0
_COST_PUNCT_AT_END = -4.0
_COST_TRAIL_SYMBOL = -12.0
_COST_SYMBOL = -16.0
_COST_PRIVATE = -25.0
_COST_BROKEN = -25.0
_COST_REPLACEMENT = -10.0
"""U+FFFD stands for a byte of some real character: scoring it as garbage would
reward any edit that swallows it into invented characters."""

# Rarity thresholds for flagging a CJK character read on its own.
_RARE_LOGP = math.log(300 / 60_000_000)
_RARE_NEAR_STRAY_LOGP = math.log(1500 / 60_000_000)

_PLACEHOLDER = "\x00"
"""Stands for a character with an unknown byte while the rest is scored."""
_END = "\n"
"""Appended to a scored text that reaches the end of its segment."""
_GBK_PRIVATE_LAST = 0xE765
"""GB18030 maps GBK's user-defined areas to U+E000-U+E765."""

_TRAIL_SYMBOLS = frozenset(chr(b) for b in range(0x40, 0x7F) if not chr(b).isalnum())
"""``@ [ \\ ] ^ _ ` { | } ~``: ASCII that a GBK trail byte reads as when misaligned."""
_TONE_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
_CJK_CLASS = HAN_CLASS
_TRAIL_SYMBOL_CLASS = "".join("\\" + ch for ch in sorted(_TRAIL_SYMBOLS))

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
"""Lines split on LF only: ``str.splitlines`` also splits on CR and U+001C-U+001E,
which GBK bytes 0x8D and 0x9C-0x9E become when they lose their high bit."""
_NOT_PLAIN = re.compile(r"[^\t\n\r -~]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+")
_PINYIN_NOTE = re.compile(rf"\([a-z{_TONE_LETTERS}]+\)")
_PINYIN_FRAGMENT = re.compile(rf"[?\ufffd][a-z{_TONE_LETTERS}]{{1,6}}\)")
_TRAIL_SYMBOL_NEAR_CJK = re.compile(
    rf"[{_TRAIL_SYMBOL_CLASS}](?=[{_CJK_CLASS}])|(?<=[{_CJK_CLASS}])[{_TRAIL_SYMBOL_CLASS}]"
)
_MARKED = MARKED_RE

_FINE, _RARE, _SUSPICIOUS = 0, 1, 2


# ----------------------------------------------------------------------------- model


@dataclass(frozen=True)
class _Punctuation:
    """Punctuation classes from ``data/mojibake.yaml``."""

    common: frozenset[str]
    frequent: frozenset[str]
    mid_sentence: frozenset[str]
    short_ascii_run: re.Pattern[str]
    """One to three ASCII characters between CJK characters or full-width punctuation
    (or at the start of the text)."""
    question_particles: frozenset[str]
    question_words: tuple[str, ...]


@dataclass
class _Model:
    """jieba frequencies, the t2s converter and caches shared by all repairs."""

    freq: dict[str, int]
    logtotal: float
    char_logp: dict[str, float]
    convert: Callable[[str], str]
    punct: _Punctuation
    pairs: str
    """Every two-byte GB18030 unit decoded, lead-major (126 leads x 190 trails)."""
    t2s_table: dict[int, str] = field(default_factory=dict)
    """Traditional -> Simplified for every CJK character GBK holds (others unchanged)."""
    units: dict[tuple[int, ...], str | None] = field(default_factory=dict)
    fills: dict[tuple[int, ...], tuple[tuple[str, str, float], ...]] = field(default_factory=dict)
    singles: dict[str, float | None] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)

    def simplified(self, text: str) -> str:
        """Character-by-character t2s (same length as ``text``)."""
        return text.translate(self.t2s_table)

    def word_logp(self, word: str) -> float | None:
        count = self.freq.get(word)
        if not count:
            return None
        return math.log(count) - self.logtotal

    def single_logp(self, char: str) -> float | None:
        """A (Simplified) character read on its own.

        Its jieba frequency as a one-character word or, for characters that mostly
        live inside words (态, 琪), a discounted share of their frequency across the
        whole dictionary, whichever is higher; None for characters jieba never saw.
        """
        if char in self.singles:
            return self.singles[char]
        inside = self.char_logp.get(char)
        alone = self.word_logp(char)
        if inside is None:
            value = alone
        else:
            value = max(-math.inf if alone is None else alone, inside + _INSIDE_WORD_DISCOUNT)
        self.singles[char] = value
        return value

    def kind(self, char: str) -> int:
        """Whether a character is fine, rare (look at its neighbours) or suspicious."""
        cached = self.kinds.get(char)
        if cached is None:
            cached = _char_kind(char, self)
            self.kinds[char] = cached
        return cached

    def decode_unit(self, unit: tuple[int, ...]) -> str | None:
        """One GB18030 code unit as a character; None when it is not a valid unit."""
        if len(unit) == 2:
            lead, trail = unit
            if 0x81 <= lead <= 0xFE and 0x40 <= trail <= 0xFE and trail != 0x7F:
                return self.pairs[(lead - 0x81) * 190 + trail - (0x40 if trail < 0x7F else 0x41)]
        if unit in self.units:
            return self.units[unit]
        try:
            text: str | None = bytes(unit).decode("gb18030")
        except (UnicodeDecodeError, ValueError):
            text = None
        char = text if text is not None and len(text) == 1 else None
        self.units[unit] = char
        return char


@lru_cache(maxsize=1)
def _model() -> _Model:
    stock = dictionary.stock()
    counts = _char_counts(stock)
    total = math.log(sum(counts.values()))
    model = _Model(
        freq=stock.FREQ,
        logtotal=math.log(stock.total),
        char_logp={ch: math.log(n) - total for ch, n in counts.items() if n > 0},
        convert=opencc_converter("t2s").convert,
        punct=_load_punctuation(),
        pairs=_all_pairs(),
    )
    _preload_t2s(model)
    return model


def _all_pairs() -> str:
    """All 23,940 two-byte units, decoded in one go (each is exactly one character)."""
    trails = [*range(0x40, 0x7F), *range(0x80, 0xFF)]
    data = bytes(b for lead in range(0x81, 0xFF) for trail in trails for b in (lead, trail))
    text = data.decode("gb18030", errors="replace")
    if len(text) != 126 * len(trails):  # pragma: no cover - depends on the codec tables
        raise RuntimeError("unexpected GB18030 decoder behaviour")
    return text


def _preload_t2s(model: _Model) -> None:
    """Convert every CJK character GBK holds in one opencc call; repairs then convert
    with ``str.translate``. (The text is GBK already or scored only where it is.)"""
    chars = sorted({ch for ch in model.pairs if _is_cjk(ch)})
    converted = model.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - opencc keeps line breaks
        raise RuntimeError("unexpected opencc behaviour")
    model.t2s_table.update(
        {
            ord(ch): simple
            for ch, simple in zip(chars, converted, strict=True)
            if len(simple) == 1 and simple != ch
        }
    )


def _load_punctuation() -> _Punctuation:
    raw = load_yaml(_DATA_FILE)
    common = str(raw.get("common_punctuation", ""))
    hanzi_text = _CJK_CLASS + re.escape("".join(sorted({c for c in common if not c.isascii()})))
    return _Punctuation(
        common=frozenset(common),
        frequent=frozenset(str(raw.get("frequent_punctuation", ""))),
        mid_sentence=frozenset(str(raw.get("mid_sentence_punctuation", ""))),
        short_ascii_run=re.compile(rf"(?:^|(?<=[{hanzi_text}]))[!-~]{{1,3}}(?=[{hanzi_text}])"),
        question_particles=frozenset(str(raw.get("question_particles", ""))),
        question_words=tuple(str(w) for w in raw.get("question_words") or []),
    )


def _char_counts(stock: Any) -> dict[str, int]:
    """How often each character occurs in jieba's dictionary, weighted by word frequency.

    Computing this takes about half a second, so it is cached in the cache directory,
    keyed by the jieba version and dictionary.
    """
    import jieba

    key = f"{jieba.__version__}:{stock.dictionary or 'default'}"
    cache = cache_dir() / "mojibake_chars.json"
    with contextlib.suppress(OSError, ValueError, KeyError, AttributeError, TypeError):
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return {str(k): int(v) for k, v in stored["chars"].items()}
    counts: dict[str, int] = {}
    with stock.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) < 2 or not parts[1].isdigit():
                continue
            for ch in parts[0]:
                counts[ch] = counts.get(ch, 0) + int(parts[1])
    with contextlib.suppress(OSError):
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({"key": key, "chars": counts}), encoding="utf-8")
        os.replace(partial, cache)
    return counts


# ------------------------------------------------------------------ character classes


_is_cjk = is_han


def _is_private(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


def _is_raw(ch: str) -> bool:
    """An undecodable byte, carried as a surrogate escape (U+DC00-U+DCFF)."""
    return 0xDC00 <= ord(ch) <= 0xDCFF


def _is_broken(ch: str) -> bool:
    return ch == "\ufffd" or _is_raw(ch)


def _raw(byte: int) -> str:
    return chr(0xDC00 + byte)


def _is_odd_symbol(ch: str, model: _Model) -> bool:
    """Non-ASCII that is neither CJK, a Latin letter, a space nor common punctuation."""
    if ch.isascii() or _is_cjk(ch) or ch in model.punct.common or ch.isspace():
        return False
    return not _LATIN_RUN.fullmatch(ch)


def _char_kind(char: str, model: _Model) -> int:
    if char < " " or _is_broken(char) or _is_private(char) or _is_odd_symbol(char, model):
        return _SUSPICIOUS
    if not _is_cjk(char):
        return _FINE
    single = model.single_logp(model.simplified(char))
    if single is not None and single >= _RARE_NEAR_STRAY_LOGP:
        return _FINE
    return _RARE


# --------------------------------------------------------------------- language model


def _score(simple: str, model: _Model) -> float:
    """Score of the best segmentation of a Simplified text (higher is more plausible).

    Dictionary words score their jieba log-frequency, single CJK characters their
    ``single_logp``, both plus ``_CJK_BONUS`` per character; Latin runs, punctuation
    and symbols have fixed costs (``_char_cost``).
    """
    size = len(simple)
    best = [0.0] + [-math.inf] * size
    freq = model.freq
    logtotal = model.logtotal
    for start in range(size):
        base = best[start]
        if base == -math.inf:
            continue
        ch = simple[start]
        end = start + 2
        while end <= size:
            count = freq.get(simple[start:end])
            if count is None:
                break
            if count:
                value = base + math.log(count) - logtotal + _CJK_BONUS * (end - start)
                if value > best[end]:
                    best[end] = value
            end += 1
        if _is_cjk(ch):
            single = model.single_logp(ch)
            value = base + (_COST_UNKNOWN_CJK if single is None else single + _CJK_BONUS)
            if value > best[start + 1]:
                best[start + 1] = value
            continue
        run = _LATIN_RUN.match(simple, start)
        if run is not None:
            if start == 0 or not _LATIN_RUN.match(simple[start - 1]):
                stop = run.end()
                value = base + _latin_cost(run.group())
                if value > best[stop]:
                    best[stop] = value
            continue
        value = base + _char_cost(ch, model)
        if ch in model.punct.mid_sentence and simple[start + 1 : start + 2] == _END:
            value += _COST_PUNCT_AT_END
        if value > best[start + 1]:
            best[start + 1] = value
    return best[size]


def _latin_cost(run: str) -> float:
    """A Latin run; one or two characters with a lowercase letter are rarely real text."""
    if len(run) <= 2 and not (run.isupper() or run.isdigit()):
        return _COST_STRAY_LATIN
    return _COST_LATIN_RUN


def _char_cost(ch: str, model: _Model) -> float:
    """Cost of a non-CJK character outside a Latin run."""
    if ch in (_PLACEHOLDER, _END):
        return 0.0
    if ch in _TRAIL_SYMBOLS:
        return _COST_TRAIL_SYMBOL
    if ch == "\ufffd":
        return _COST_REPLACEMENT
    if _is_raw(ch):
        return _COST_BROKEN
    if _is_private(ch):
        return _COST_PRIVATE
    if ch.isspace():
        return _COST_SPACE
    if ch in model.punct.common:
        if ch.isascii():
            return _COST_PUNCT
        # Full-width marks are real text and earn the bonus characters earn.
        cost = _COST_FREQUENT_PUNCT if ch in model.punct.frequent else _COST_WIDE_PUNCT
        return cost + _CJK_BONUS
    return _COST_SYMBOL


def _plain(simple: str) -> str:
    """Text for scoring: injected pinyin notes like ``(yè)`` would break words apart."""
    return _PINYIN_NOTE.sub("", simple) if "(" in simple else simple


# -------------------------------------------------------------------------- suspicion


def _suspects(chars: list[str], simple: str, model: _Model) -> list[int]:
    """Indices of characters that look like the product of a misaligned decode."""
    joined = "".join(chars)
    flagged: set[int] = set(_stray_ascii(joined, model))
    if "?" in joined or "\ufffd" in joined:
        flagged.update(match.start() for match in _PINYIN_FRAGMENT.finditer(joined))
    for match in _NOT_PLAIN.finditer(joined):
        index = match.start()
        kind = model.kind(match.group())
        if kind == _SUSPICIOUS:
            flagged.add(index)
        elif kind == _RARE and not _covered_by_word(simple, index, model):
            single = model.single_logp(simple[index])
            near_stray = _is_stray(chars, index - 1) or _is_stray(chars, index + 1)
            if single is None or single < _RARE_LOGP or near_stray:
                flagged.add(index)
    return sorted(flagged)


def _stray_ascii(text: str, model: _Model) -> Iterator[int]:
    """ASCII that GBK trail bytes turn into and Chinese prose rarely holds.

    Symbols from the trail-byte range (``@ [ ] ^ _ { | }`` …) touching a CJK
    character, unless they are Markdown or link syntax; and runs of up to three
    ASCII characters between CJK characters (or full-width punctuation, or at the
    start) that hold a lowercase letter or such a symbol (``i]``, ``^D``, ``sw``;
    not ``AI``, ``5G`` or a half-width comma).
    """
    for match in _TRAIL_SYMBOL_NEAR_CJK.finditer(text):
        index = match.start()
        before = text[index - 1 : index]
        after = text[index + 1 : index + 2]
        if not (_is_ascii_punct(before) or _is_ascii_punct(after) or _in_brackets(text, index)):
            yield index
    for match in model.punct.short_ascii_run.finditer(text):
        run = match.group()
        if _is_markup_or_emoticon(run):
            continue
        if any(c.islower() or c in _TRAIL_SYMBOLS for c in run):
            yield from range(match.start(), match.end())


def _is_markup_or_emoticon(run: str) -> bool:
    """``<a>``, ``</`` (tags) and ``^_^``, ``-_-`` (faces) are typed, not residue."""
    if "<" in run or ">" in run:
        return True
    if len(run) == 2 and run[0] == run[1] and run[0] in "_*~":
        return True  # Markdown emphasis and strike-through (变量__名字__)
    return len(run) == 3 and run[0] == run[2] and run[1] in "_.-" and not run[0].isalnum()


def _is_ascii_punct(ch: str) -> bool:
    """Markdown and link syntax (``[^1]``, ``](http``) puts symbols next to each other."""
    return len(ch) == 1 and ch.isascii() and not ch.isalnum() and not ch.isspace()


def _in_brackets(text: str, index: int) -> bool:
    """A bracket with its partner close by (``[^1]``, ``{x}``) is syntax, not residue."""
    pairs = {"[": "]", "{": "}"}
    ch = text[index]
    if ch in pairs:
        return pairs[ch] in text[index + 1 : index + 21]
    opener = {v: k for k, v in pairs.items()}.get(ch)
    return opener is not None and opener in text[max(0, index - 20) : index]


def _is_stray(chars: list[str], index: int) -> bool:
    """An ASCII character alone between two CJK characters (``方;钴``, ``钴S的``)."""
    if not 0 < index < len(chars) - 1:
        return False
    ch = chars[index]
    return (
        ch.isascii()
        and not ch.isspace()
        and _is_cjk(chars[index - 1])
        and _is_cjk(chars[index + 1])
    )


def _covered_by_word(simple: str, index: int, model: _Model) -> bool:
    """Whether the character at ``index`` is part of a 2-4 character dictionary word."""
    for length in (2, 3, 4):
        for begin in range(max(0, index - length + 1), index + 1):
            if begin + length <= len(simple) and model.word_logp(simple[begin : begin + length]):
                return True
    return False


def _clusters(flagged: list[int], gap: int = 3) -> list[tuple[int, int]]:
    """Group flagged indices at most ``gap`` apart into inclusive (first, last) spans."""
    spans: list[tuple[int, int]] = []
    for index in flagged:
        if spans and index - spans[-1][1] <= gap:
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((index, index))
    return spans


# ------------------------------------------------------------------------------ bytes


def _encode_chars(chars: list[str]) -> tuple[list[int], list[int]]:
    """Bytes of a segment and the offset where each character starts (plus the end).

    U+FFFD is one unknown byte; surrogate escapes are the raw bytes they carry.
    """
    data: list[int] = []
    starts: list[int] = []
    for ch in chars:
        starts.append(len(data))
        if ch == "\ufffd":
            data.append(WILD)
        elif _is_raw(ch):
            data.append(ord(ch) - 0xDC00)
        else:
            data.extend(ch.encode("gb18030"))
    starts.append(len(data))
    return data, starts


def _is_trail(byte: int) -> bool:
    return byte == WILD or 0x40 <= byte <= 0x7E or 0x80 <= byte <= 0xFE


def _unit_length(data: list[int], index: int) -> int:
    """Bytes taken by the GB18030 unit starting at ``index`` (1 for an invalid byte)."""
    byte = data[index]
    if 0 <= byte < 0x80 or byte in (0x80, 0xFF) or index + 1 >= len(data):
        return 1
    nxt = data[index + 1]
    if _is_trail(nxt):
        return 2
    if (
        0x30 <= nxt <= 0x39
        and index + 3 < len(data)
        and 0x81 <= data[index + 2] <= 0xFE
        and 0x30 <= data[index + 3] <= 0x39
    ):
        return 4
    return 1


def _lost_trail(data: list[int], index: int) -> bool:
    """A lead byte followed by ``?``: a decoder replaced the lost trail with ``?``."""
    return 0x81 <= data[index] <= 0xFE and index + 1 < len(data) and data[index + 1] == 0x3F


def _remnant_end(data: list[int], index: int) -> int:
    """End of a pinyin-note remnant (``hù)``) starting at ``index``, else ``index``."""
    pos = index
    while pos < len(data) and pos - index < 12:
        byte = data[pos]
        if 0x61 <= byte <= 0x7A:
            pos += 1
        elif byte == 0xA8 and pos + 1 < len(data) and 0xA1 <= data[pos + 1] <= 0xBF:
            pos += 2
        else:
            break
    if index < pos < len(data) and data[pos] == 0x29:
        return pos + 1
    return index


# ---------------------------------------------------------------------------- editing


@dataclass(frozen=True)
class _Edit:
    """Replace ``data[pos:pos + drop]`` with ``insert``; ``kind`` names the edit."""

    kind: str
    pos: int
    drop: int
    insert: tuple[int, ...]


@dataclass
class _Segment:
    """A run of GBK-representable characters with its bytes and cached scores."""

    chars: list[str]
    simple: str
    data: list[int]
    starts: list[int]
    bounds: dict[int, int]
    """Character index by the byte offset where the character starts."""
    scores: dict[tuple[int, int], float] = field(default_factory=dict)

    @classmethod
    def build(cls, chars: list[str], model: _Model) -> _Segment:
        data, starts = _encode_chars(chars)
        bounds = {offset: index for index, offset in enumerate(starts)}
        return cls(chars, model.simplified("".join(chars)), data, starts, bounds)

    def char_at(self, offset: int) -> int:
        """Index of the character whose bytes hold ``offset``."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return max(0, min(lo, len(self.chars) - 1))


@dataclass
class _Reading:
    """What an edit makes of ``chars[first:stop]`` and how much it gains."""

    edit: _Edit
    first: int
    stop: int
    chars: list[str]
    gain: float
    uncertain: bool = False


def _may_have_lost_high_bit(data: list[int], pos: int) -> bool:
    """A byte below 0x80 that could be a lead or trail byte with its top bit cleared."""
    byte = data[pos]
    if byte in (WILD, 0x00, 0x09, 0x0A) or byte >= 0x7F:
        return False
    if byte == 0x20:
        return pos + 1 < len(data) and data[pos + 1] >= 0x80
    return True


def _window_start(segment: _Segment, first: int, model: _Model) -> int:
    """Where to start editing: a few characters before the first flagged one, further
    back while the characters there form no dictionary word (misaligned text)."""
    start = first
    steps = 0
    while (
        start > 0
        and steps < _LEFT_EXTENSION
        and _is_cjk(segment.chars[start - 1])
        and not _covered_by_word(segment.simple, start - 1, model)
    ):
        start -= 1
        steps += 1
    return max(0, start - _CONTEXT_UNITS)


def _edits(segment: _Segment, span: tuple[int, int], model: _Model) -> Iterator[_Edit]:
    """Single-byte edits near a flagged span (character indices, inclusive)."""
    first, last = span
    chars, data, starts = segment.chars, segment.data, segment.starts
    lo_char = _window_start(segment, first, model)
    lo, hi = starts[lo_char], starts[min(len(chars), first + 2)]
    for pos in range(lo, hi):
        if _may_have_lost_high_bit(data, pos):
            yield _Edit("highbit", pos, 1, (data[pos] | 0x80,))
        if data[pos] >= 0x80:
            orphan = _is_raw(chars[segment.char_at(pos)])
            yield _Edit("orphan" if orphan else "delete", pos, 1, ())
    for pos in range(lo, hi + 1):
        yield _Edit("insert", pos, 0, (WILD,))
    hi_char = min(len(chars), last + _CONTEXT_UNITS + 1)
    joined = "".join(chars)
    for match in _PINYIN_FRAGMENT.finditer(joined, lo_char):
        if match.start() >= hi_char:
            break
        begin, end = starts[match.start()], starts[match.end()]
        yield _Edit("wild", begin, end - begin, (WILD,))
    for index in range(lo_char, hi_char):
        if chars[index] == "?":
            yield _Edit("wild", starts[index], 1, (WILD,))


def _walk(
    segment: _Segment, begin: int, edit: _Edit, cap: int | None
) -> tuple[list[tuple[int, ...]], int | None, int]:
    """Decode units of the edited bytes from ``begin`` until they realign with the old.

    Returns the units, the old character index where both readings meet again (None
    when ``cap`` units were read first) and the old byte offset reached.
    """
    data = segment.data
    shift = len(edit.insert) - edit.drop
    edited_end = edit.pos + len(edit.insert)
    new = data[: edit.pos] + list(edit.insert) + data[edit.pos + edit.drop :]
    units: list[tuple[int, ...]] = []
    index = begin
    while index < len(new) and (cap is None or len(units) < cap):
        length = _unit_length(new, index)
        if length == 1 and index >= edit.pos and _lost_trail(new, index):
            units.append((new[index], WILD))
            length = _remnant_end(new, index + 2) - index
        else:
            units.append(tuple(new[index : index + length]))
        index += length
        old_index = index - shift
        if index >= edited_end and old_index >= edit.pos + max(edit.drop, 1):
            stop = segment.bounds.get(old_index)
            if stop is not None:
                return units, stop, old_index
    if index >= len(new):
        return units, len(segment.chars), len(data)
    return units, None, index - shift


def _decode_units(
    units: list[tuple[int, ...]], model: _Model
) -> tuple[list[str], dict[int, tuple[int, ...]]]:
    """Characters of decoded units and, by character index, the units with an unknown
    byte (shown as placeholders); undecodable bytes become surrogate escapes."""
    chars: list[str] = []
    wild_units: dict[int, tuple[int, ...]] = {}
    for unit in units:
        if WILD in unit:
            wild_units[len(chars)] = unit
            chars.append(_PLACEHOLDER)
            continue
        char = model.decode_unit(unit)
        if char is None:
            chars.extend(_raw(byte) for byte in unit if byte != WILD)
        else:
            chars.append(char)
    return chars, wild_units


def _fill_options(unit: tuple[int, ...], model: _Model) -> tuple[tuple[str, str, float], ...]:
    """What a unit with one unknown byte can be: known CJK characters or common
    punctuation, each as (character, Simplified form, score read alone)."""
    cached = model.fills.get(unit)
    if cached is not None:
        return cached
    options: list[tuple[str, str, float]] = []
    if len(unit) == 2 and unit.count(WILD) == 1:
        lead_unknown = unit[0] == WILD
        values = range(0x81, 0xFF) if lead_unknown else [*range(0x40, 0x7F), *range(0x80, 0xFF)]
        for value in values:
            char = model.decode_unit((value, unit[1]) if lead_unknown else (unit[0], value))
            if char is None:
                continue
            simple = model.simplified(char)
            if char in model.punct.common:
                options.append((char, simple, _char_cost(char, model)))
            elif _is_cjk(char):
                alone = model.single_logp(simple)
                if alone is not None:
                    options.append((char, simple, alone))
    model.fills[unit] = tuple(options)
    return model.fills[unit]


def _rank_fills(
    options: tuple[tuple[str, str, float], ...], left: str, right: str, model: _Model
) -> list[str]:
    """The options that fit best between the (Simplified) neighbours, best first.

    A fast estimate: the option alone, or in a two- or three-character dictionary
    word with its neighbours.
    """
    freq, logtotal = model.freq, model.logtotal
    l1, l2, r1, r2 = left[-1:], left[-2:], right[:1], right[:2]
    contexts = [(p, q) for p, q in ((l1, ""), ("", r1), (l2, ""), ("", r2), (l1, r1)) if p or q]
    scored: list[tuple[float, str]] = []
    for char, simple, alone in options:
        best = alone
        for before, after in contexts:
            word = before + simple + after
            if len(word) < 2:
                continue
            count = freq.get(word)
            if count:
                best = max(best, math.log(count) - logtotal + _CJK_BONUS * (len(word) - 1))
        scored.append((best, char))
    scored.sort(key=lambda item: -item[0])
    return [char for _, char in scored[:_FILL_TOP]]


def _unknown_unit(unit: tuple[int, ...]) -> str:
    """A unit whose unknown byte could not be chosen: U+FFFD and its known byte, escaped."""
    return "".join("\ufffd" if byte == WILD else _raw(byte) for byte in unit)


def _evaluate(
    segment: _Segment, edit: _Edit, model: _Model, cap: int | None = _WALK_CAP
) -> _Reading | None:
    """The reading an edit produces around its position, scored against the old one."""
    first = max(0, segment.char_at(edit.pos) - _CONTEXT_UNITS)
    units, stop, old_end = _walk(segment, segment.starts[first], edit, cap)
    if stop is None:
        stop = max(first, min(len(segment.chars), segment.char_at(old_end)))
    chars, wild_units = _decode_units(units, model)
    if chars == segment.chars[first:stop]:
        return None
    left = segment.simple[max(0, first - _SCORE_CONTEXT) : first]
    right = segment.simple[stop : stop + _SCORE_CONTEXT]
    if stop + _SCORE_CONTEXT >= len(segment.simple):
        right += _END
    old_score = segment.scores.get((first, stop))
    if old_score is None:
        old_score = _score(_plain(left + segment.simple[first:stop] + right), model)
        segment.scores[(first, stop)] = old_score
    penalty = _EDIT_PENALTY[edit.kind] + _FILL_PENALTY * len(wild_units)

    def gain(candidate: list[str]) -> float:
        text = _plain(left + model.simplified("".join(candidate)) + right)
        return _score(text, model) - old_score - penalty

    uncertain: dict[int, str] = {}
    if wild_units:
        if gain(chars) + _FILL_BOUND * len(wild_units) <= MARGIN:
            return None
        for index, unit in sorted(wild_units.items()):
            chars[index], sure = _choose_fill(chars, index, unit, left, right, gain, model)
            if not sure:
                uncertain[index] = _unknown_unit(unit)
    if uncertain and edit.kind == "highbit":
        # The restored byte would vanish into a marker with its unknown partner:
        # better to leave the visible character and mark only the damage.
        return None
    total = gain(chars)
    for index, text in uncertain.items():
        chars[index] = text
    return _Reading(edit, first, stop, list("".join(chars)), total, bool(uncertain))


def _choose_fill(
    chars: list[str],
    index: int,
    unit: tuple[int, ...],
    left: str,
    right: str,
    gain: Callable[[list[str]], float],
    model: _Model,
) -> tuple[str, bool]:
    """The character for a unit with an unknown byte, and whether the choice is clear."""
    near_left = _plain(left + model.simplified("".join(chars[:index])))[-3:]
    near_right = _plain(model.simplified("".join(chars[index + 1 :])) + right)[:3]
    options = _rank_fills(_fill_options(unit, model), near_left, near_right, model)
    if not options:
        return "\ufffd", False
    ranked = sorted(
        ((gain([*chars[:index], option, *chars[index + 1 :]]), option) for option in options),
        reverse=True,
    )
    best_score, best = ranked[0]
    rivals = [score for score, option in ranked[1:] if _is_rival(best, option, model)]
    sure = not rivals or best_score - rivals[0] >= _FILL_CONFIDENCE
    return best, sure


def _is_rival(best: str, option: str, model: _Model) -> bool:
    """Whether ``option`` makes the choice of ``best`` doubtful. A CJK character is
    not put in doubt by a rare punctuation mark: those have a fixed cost whatever the
    context, so they tie with any fill and would mark every lost byte."""
    if _is_cjk(best) and not _is_cjk(option):
        return option in model.punct.frequent
    return True


def _best_reading(segment: _Segment, span: tuple[int, int], model: _Model) -> _Reading | None:
    best: _Reading | None = None
    for edit in _edits(segment, span, model):
        reading = _evaluate(segment, edit, model)
        if reading is None or (best is not None and reading.gain <= best.gain):
            continue
        if not _introduces_rare(segment, reading, model):
            best = reading
    return best


def _introduces_rare(segment: _Segment, reading: _Reading, model: _Model) -> bool:
    """Whether a reading brings in a rare character that forms no dictionary word.

    A real repair restores ordinary text; trading stray letters for rare characters
    (``a股和h股`` read as ``峁珊蚳股``) only games the language model, which charges
    Latin letters between Chinese more than it charges an odd character."""
    old = set(segment.chars[reading.first : reading.stop])
    left = segment.simple[max(0, reading.first - _SCORE_CONTEXT) : reading.first]
    right = segment.simple[reading.stop : reading.stop + _SCORE_CONTEXT]
    text = left + model.simplified("".join(reading.chars)) + right
    for index, ch in enumerate(reading.chars):
        if ch in old or not _is_cjk(ch) or model.kind(ch) != _RARE:
            continue
        if not _covered_by_word(text, len(left) + index, model):
            return True
    return False


# ----------------------------------------------------------------------------- repair


def _repair_segment(text: str, model: _Model) -> str:
    """Apply the best edits to one segment until none clears the margin, then mark a
    ``?`` the repairs left stranded (see ``_mark_stranded_questions``)."""
    repaired = _apply_repairs(text, model)
    if repaired == text or "?" not in repaired:
        return repaired
    return _mark_stranded_questions(text, repaired, model)


def _mark_stranded_questions(old: str, new: str, model: _Model) -> str:
    """Mark a ``?`` left between two CJK characters right next to repaired text.

    A decoder that gives up on a pair of bytes writes ``?`` for a whole character
    (``規?;\ue1d6?`` was ``規模化。``). Once the bytes around it are re-aligned the
    ``?`` sits between two characters of one phrase (``規?化``) and would pass for a
    question mark. A ``?`` that the repair left unchanged, touching a changed span,
    with CJK on both sides and not ending a clause that reads as a question (see
    ``_ends_question``), is that lost character: it is shown as a marked U+FFFD
    instead. A ``?`` away from any repair is never touched.
    """
    from difflib import SequenceMatcher

    changed_edges: set[int] = set()
    for tag, _i1, _i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            changed_edges.update((j1 - 1, j2))
    out = list(new)
    for index in sorted(changed_edges, reverse=True):
        if (
            0 < index < len(new) - 1
            and new[index] == "?"
            and _is_cjk(new[index - 1])
            and _is_cjk(new[index + 1])
            and not _ends_question(new[:index], model)
        ):
            out[index] = MARK_OPEN + "\ufffd" + MARK_CLOSE
    return "".join(out)


_CLAUSE_START = re.compile(r"[^，。！？；：,.!?;:\n]*$")


def _ends_question(before: str, model: _Model) -> bool:
    """Whether the clause ending ``before`` reads as a question (``嗎``, ``为什么…``)."""
    match = _CLAUSE_START.search(before)
    clause = model.simplified(match.group()) if match else ""
    if not clause:
        return False
    punct = model.punct
    return clause[-1] in punct.question_particles or any(w in clause for w in punct.question_words)


def _apply_repairs(text: str, model: _Model) -> str:
    chars = list(text)
    if not _suspects(chars, model.simplified(text), model):
        return text
    segment = _Segment.build(chars, model)
    hopeless: set[tuple[int, str]] = set()
    for _ in range(_MAX_ROUNDS):
        reading = _next_repair(segment, hopeless, model)
        if reading is None:
            break
        before, after = segment.chars[: reading.first], segment.chars[reading.stop :]
        if reading.uncertain:
            marked = _mark_broken_runs(reading.chars)
            return _repair_text("".join([*before, marked, *after]), model)
        segment = _Segment.build([*before, *reading.chars, *after], model)
    return "".join(_mark_unrepaired(segment, model))


def _next_repair(
    segment: _Segment, hopeless: set[tuple[int, str]], model: _Model
) -> _Reading | None:
    """The first cluster's best reading that clears the margin (walked in full)."""
    for span in _clusters(_suspects(segment.chars, segment.simple, model)):
        key = (span[0], "".join(segment.chars[max(0, span[0] - 4) : span[1] + 5]))
        if key in hopeless:
            continue
        reading = _best_reading(segment, span, model)
        if reading is not None and reading.gain > MARGIN:
            full = _evaluate(segment, reading.edit, model, cap=None)
            if full is not None and full.gain > MARGIN:
                return full
        hopeless.add(key)
    return None


def _mark_broken_runs(chars: list[str]) -> str:
    """Repaired characters with each unreadable run shown as a marked U+FFFD."""
    return "".join(
        MARK_OPEN + ch + MARK_CLOSE if ch == "\ufffd" else ch for ch in _collapse_broken(chars)
    )


def _mark_unrepaired(segment: _Segment, model: _Model) -> list[str]:
    """Wrap clusters that are certainly damage in the visible marker."""
    chars = segment.chars
    out: list[str] = []
    done = 0
    for first, last in _clusters(_suspects(chars, segment.simple, model), gap=2):
        span = chars[first : last + 1]
        broken = any(_is_broken(c) for c in span)
        private = any(_is_private(c) and ord(c) <= _GBK_PRIVATE_LAST for c in span)
        if not (broken or (private and len(span) > 1)):
            continue
        out.extend(chars[done:first])
        out.extend([MARK_OPEN, *_collapse_broken(span), MARK_CLOSE])
        done = last + 1
    out.extend(chars[done:])
    return out


def _collapse_broken(chars: list[str]) -> list[str]:
    """Each run of unreadable bytes becomes a single U+FFFD."""
    out: list[str] = []
    for ch in chars:
        if _is_broken(ch):
            if out and out[-1] == "\ufffd":
                continue
            ch = "\ufffd"
        out.append(ch)
    return out


def _repair_text(text: str, model: _Model) -> str:
    """Repair one line (without its line end), segment by segment."""
    return "".join(
        _repair_segment(part, model) if repairable and not piece.isascii() else part
        for repairable, piece in _segments(text)
        for part in (_bounded(piece) if repairable else (piece,))
    )


_PIECE_TARGET = 1000
_PIECE_MAX = 2000
"""Segments longer than ``_PIECE_MAX`` characters are repaired in pieces of about
``_PIECE_TARGET``, so the cost stays linear on a paragraph of any length."""
_SENTENCE_CUT = re.compile(rf"(?<=[{HAN_CLASS}])[。！？](?=[{HAN_CLASS}])")
"""A full-width sentence end between Han characters. The decoder was aligned there (a
misaligned reading pairs its bytes with their neighbours), so a byte-shift's damage,
which runs until an ASCII byte realigns the reading, never spans it. ASCII is no
safe cut: a byte that lost its high bit reads as ASCII (``對方;钴S的``)."""


def _bounded(segment: str) -> Iterator[str]:
    """A long segment cut after full-width sentence ends between Han characters (else
    anywhere) into pieces of bounded length."""
    start = 0
    while len(segment) - start > _PIECE_MAX:
        low, high = start + _PIECE_TARGET, start + _PIECE_MAX
        match = _SENTENCE_CUT.search(segment, low, high)
        cut = match.end() if match else high
        yield segment[start:cut]
        start = cut
    yield segment[start:]


def _segments(line: str) -> Iterator[tuple[bool, str]]:
    """Cut a line into (repairable, text) pieces; marked spans and non-GBK are barriers."""
    position = 0
    for match in _MARKED.finditer(line):
        yield from _split_gbk(line[position : match.start()])
        yield False, match.group()
        position = match.end()
    yield from _split_gbk(line[position:])


def _split_gbk(text: str) -> Iterator[tuple[bool, str]]:
    """Runs of characters GBK can hold (U+FFFD and escapes included) and runs it cannot."""
    if not text:
        return
    if "\ufffd" not in text and _encodes_as_gbk(text):
        yield True, text
        return
    current: list[str] = []
    state = _gbk_representable(text[0])
    for ch in text:
        ok = _gbk_representable(ch)
        if ok != state:
            yield state, "".join(current)
            current, state = [], ok
        current.append(ch)
    yield state, "".join(current)


def _encodes_as_gbk(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _gbk_representable(ch: str) -> bool:
    if _is_broken(ch):
        return True
    try:
        return len(ch.encode("gb18030")) <= 2
    except UnicodeEncodeError:
        return False


def repair_mojibake(text: str) -> str:
    """Undo GBK byte-shift damage in ``text``; clean text is returned unchanged.

    See the module docstring for how damage is found, repaired and, where it cannot
    be repaired, marked with ``〔乱码：…〕``.
    """
    if text.isascii():
        return text
    model = _model()
    pieces: list[str] = []
    for line in _LINE.findall(text):
        body = line[:-2] if line.endswith("\r\n") else line.rstrip("\n")
        if body.isascii():
            pieces.append(line)
        else:
            reread = _reread(body, model) or body
            pieces.append(_repair_line(reread, model) + line[len(body) :])
    return "".join(pieces)


_FIXPOINT_PASSES = 3


def _repair_line(text: str, model: _Model) -> str:
    """Repair a line until a further pass changes nothing (so a second run of the
    repair leaves its output alone: a marker added in one pass splits the segment,
    and the pieces may read differently alone). A clean line takes one pass."""
    out = _repair_text(text, model)
    for _ in range(_FIXPOINT_PASSES):
        if out == text:
            break
        text, out = out, _repair_text(out, model)
    return out


def _reread(line: str, model: _Model) -> str | None:
    """The line decoded again when it is text that was decoded with the wrong codec.

    A UTF-8 file opened as GBK turns every Chinese character (three bytes) into one
    and a half wrong ones: ``腾讯发布`` reads ``鑵捐鍙戝竷``; opened as Latin-1 or
    Windows-1252 it reads ``è…¾è®¯``, and a GBK file opened so reads ``ÌÚÑ¶``.
    Encoding the line back with the wrong codec gives the original bytes; a byte
    the decoder replaced with U+FFFD is lost and comes back as U+FFFD (marked
    later). A re-reading is taken only when it decodes with no more damage than the
    line had, holds Chinese text, and scores far better under the language model:
    clean text re-read is mostly invalid, so it is never taken.
    """
    if MARK_OPEN in line:
        return None
    has_cjk = any(_is_cjk(ch) for ch in line)
    has_latin1 = sum(1 for ch in line if "\x80" <= ch <= "\xff") >= _REREAD_MIN_CJK
    for wrong, right in _REREADINGS:
        if (wrong == "gb18030" and not has_cjk) or (wrong != "gb18030" and not has_latin1):
            continue
        reread = _decode_again(line, wrong, right)
        if reread is not None and _reread_is_better(line, reread, model):
            return reread
    return None


_REREADINGS = (("gb18030", "utf-8"), ("cp1252", "utf-8"), ("latin-1", "utf-8"), ("latin-1", "gbk"))
"""(codec the text was wrongly decoded with, codec it was written in)."""


def _decode_again(line: str, wrong: str, right: str) -> str | None:
    data = bytearray()
    for ch in line:
        if ch == "\ufffd":
            data += b"\xff"  # invalid in UTF-8 and as a GBK lead: decodes to U+FFFD
            continue
        try:
            data += ch.encode(wrong)
        except UnicodeEncodeError:
            return None
    return data.decode(right, errors="replace")


def _reread_is_better(line: str, reread: str, model: _Model) -> bool:
    lost = line.count("\ufffd")
    if reread == line or reread.count("\ufffd") > 2 * lost + _REREAD_SLACK:
        return False
    cjk = sum(1 for ch in reread if _is_cjk(ch))
    if cjk < _REREAD_MIN_CJK:
        return False
    old = _score(model.simplified(line.replace("\ufffd", "")), model)
    new = _score(model.simplified(reread.replace("\ufffd", "")), model)
    return new - old >= _REREAD_GAIN_PER_CHAR * cjk
