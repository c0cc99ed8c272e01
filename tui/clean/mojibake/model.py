"""The scoring model of the mojibake repair: tuned constants, jieba frequencies, the
t2s table, character classes and the word-level language model (``_score``)."""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from tui.text import dictionary
from tui.text.data import derived, keep_derived, load_yaml
from tui.text.dictionary import Dictionary
from tui.text.han import HAN_CLASS, is_han
from tui.text.markers import MARKED_RE
from tui.text.script import opencc_converter

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
_WINDOW_CACHE = 200_000  # dictionary lookups kept by the scoring model
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
    rf"[{_TRAIL_SYMBOL_CLASS}](?:(?=[{_CJK_CLASS}])|(?<=[{_CJK_CLASS}].))"
)
"""A trail symbol before or after a CJK character (written symbol first: the regex
engine then skips to the symbols instead of trying each position)."""
_MARKED = MARKED_RE

_FINE, _RARE, _SUSPICIOUS = 0, 1, 2
_COMMON_CHARS = 3000
"""Characters ``_Model.uncommon`` lets a regex skip."""

_EXTENDS: tuple[tuple[int, float], ...] = ((0, 0.0),)
"""Marks a two-character start that longer dictionary words share (see
``_Model.window_values``); compared by identity."""


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
    ascii_before_hanzi: re.Pattern[str]
    """``short_ascii_run`` without its left condition (``hanzi``): the regex engine
    finds these fast; a match is a ``short_ascii_run`` match when it starts the text
    or follows a ``hanzi`` character (an ASCII character never is one, so no
    ``short_ascii_run`` match starts inside another of these)."""
    hanzi: re.Pattern[str]
    """One CJK character or non-ASCII common punctuation mark."""
    question_particles: frozenset[str]
    question_words: tuple[str, ...]


@dataclass
class _Model:
    """jieba frequencies, the t2s converter and caches shared by all repairs."""

    words: Dictionary
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
    ranked_fills: dict[tuple[tuple[int, ...], str, str], list[str]] = field(default_factory=dict)
    singles: dict[str, float | None] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    word_values: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)
    text_scores: dict[str, float] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)
    fine_chars: set[str] = field(default_factory=set)
    """Characters that are plain ASCII or of the fine kind (no suspects)."""
    longest: int = 0
    """Characters in the longest dictionary word."""
    short_values: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict)
    """What each character adds to a score read on its own (see ``_step``)."""
    covered: dict[tuple[str, int], bool] = field(default_factory=dict)
    """``suspects._covered_by_word`` by the text around the character."""
    uncommon_re: re.Pattern[str] | None = None
    """See ``uncommon``."""
    bound_values: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Per character, what ``bound.score_bound`` allows it (see ``bound.char_values``)."""
    names: frozenset[str] = frozenset()
    """Names of two to four characters the data files list (高鑫零售, 36氪): words
    jieba's dictionary lacks (see ``names_in_data``)."""

    def step(self, char: str) -> float:
        found = self.steps.get(char)
        if found is None:
            found = self.steps[char] = _step(char, self)
        return found

    def simplified(self, text: str) -> str:
        """Character-by-character t2s (same length as ``text``)."""
        return text.translate(self.t2s_table)

    def window_values(self, window: str) -> tuple[tuple[int, float], ...]:
        """(length, log-frequency) of every dictionary word of two or more
        characters that ``window`` begins with (kept: the repair scores the same
        stretch of text again for each candidate edit).

        Most windows begin with two characters that no longer word begins with:
        their words are those of the two characters, kept once for every window."""
        if len(window) > 2:
            short = self.short_values.get(window[:2])
            if short is None:
                short = self._short_values(window[:2])
            if short is not _EXTENDS:
                return short
        if len(self.word_values) > _WINDOW_CACHE:
            self.word_values.clear()
        values = tuple(
            (len(word), math.log(count))
            for word, count in self.words.words_at(window, 0)
            if len(word) > 1 and count
        )
        self.word_values[window] = values
        return values

    def _short_values(self, pair: str) -> tuple[tuple[int, float], ...]:
        """``window_values`` of any window beginning with ``pair``, or ``_EXTENDS``
        when some dictionary word is longer than ``pair`` and begins with it."""
        try:
            found = self.words.trie.iterkeys(pair)
            first, second = next(found, None), next(found, None)
        except UnicodeEncodeError:  # a raw byte carried as a surrogate
            first = second = None
            values: tuple[tuple[int, float], ...] = _EXTENDS
        else:
            if second is not None or (first is not None and first != pair):
                values = _EXTENDS
            else:
                count = self.words.freq(pair) if first is not None else 0
                values = ((2, math.log(count)),) if count else ()
        if len(self.short_values) > _WINDOW_CACHE:
            self.short_values.clear()
        self.short_values[pair] = values
        return values

    def word_logp(self, word: str) -> float | None:
        count = self.words.freq(word)
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

    def uncommon(self) -> re.Pattern[str]:
        """Matches any character but plain ASCII and the commonest characters of the
        dictionary that are of the fine kind: a regex finds the few others in a
        segment faster than a set of all its characters (``suspects``)."""
        if self.uncommon_re is None:
            commonest = sorted(self.char_logp, key=lambda ch: (-self.char_logp[ch], ch))
            fine = [ch for ch in commonest[:_COMMON_CHARS] if self.kind(ch) == _FINE]
            plain = "\t\n\r -~"
            self.uncommon_re = re.compile(f"[^{plain}{re.escape(''.join(sorted(fine)))}]")
        return self.uncommon_re

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
    counts = _char_counts()
    total = math.log(sum(counts.values()))
    model = _Model(
        words=stock,
        logtotal=math.log(stock.total),
        char_logp={ch: math.log(n) - total for ch, n in counts.items() if n > 0},
        convert=opencc_converter("t2s").convert,
        punct=_load_punctuation(),
        pairs=_all_pairs(),
        longest=stock.longest,
    )
    _preload_t2s(model)
    model.names = names_in_data(model)
    return model


NAME_FILES = ("companies.yaml",)
_NAME = re.compile(f"(?=[0-9]*[{HAN_CLASS}])[0-9{HAN_CLASS}]{{2,4}}")


def names_in_data(model: _Model) -> frozenset[str]:
    """Every string of two to four Han characters or digits, one of them Han, in the
    data files that list names (``NAME_FILES``), in Simplified: a rare character in
    a company's name (鑫 of 高鑫零售, 氪 of 36氪) is no sign of a misread byte."""
    found: set[str] = set()
    pending: list[object] = [load_yaml(name) for name in NAME_FILES]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and _NAME.fullmatch(item):
            found.add(model.simplified(item))
    return frozenset(found)


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
        ascii_before_hanzi=re.compile(rf"[!-~]{{1,3}}(?=[{hanzi_text}])"),
        hanzi=re.compile(rf"[{hanzi_text}]"),
        question_particles=frozenset(str(raw.get("question_particles", ""))),
        question_words=tuple(str(w) for w in raw.get("question_words") or []),
    )


def _char_counts() -> dict[str, int]:
    """How often each character occurs in jieba's dictionary, weighted by word frequency.

    Computing this takes a second or more, so it is a derived table
    (``tui.text.data.derived``), keyed by the jieba version and dictionary.
    """
    key = f"{dictionary.jieba_version()}:default"
    with contextlib.suppress(KeyError, AttributeError, TypeError, ValueError):
        stored = derived("mojibake_chars.json", key)
        if stored is not None:
            return {str(k): int(v) for k, v in stored["chars"].items()}
    counts: dict[str, int] = {}
    for raw in dictionary.source_file().read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        for ch in parts[0]:
            counts[ch] = counts.get(ch, 0) + int(parts[1])
    keep_derived("mojibake_chars.json", key, {"chars": counts})
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
    and symbols have fixed costs (``_char_cost``). Kept per text: the repair scores
    the same candidate text again for about half of its edits.
    """
    scores = model.text_scores
    found = scores.get(simple)
    if found is None:
        if len(scores) > _WINDOW_CACHE:
            scores.clear()
        found = scores[simple] = _best_score(simple, model)
    return found


def _best_score(simple: str, model: _Model) -> float:
    size = len(simple)
    neg = -math.inf
    best = [0.0] + [neg] * size
    word_values = model.word_values
    window_values = model.window_values
    steps = model.steps
    step_of = model.step
    longest = model.words.longest
    logtotal = model.logtotal
    mid_sentence = model.punct.mid_sentence
    for start in range(size):
        base = best[start]
        if base == neg:
            continue
        ch = simple[start]
        window = simple[start : start + longest]
        values = word_values.get(window)
        if values is None:
            values = window_values(window)
        for length, logcount in values:
            end = start + length
            value = base + logcount - logtotal + _CJK_BONUS * length
            if value > best[end]:
                best[end] = value
        step = steps.get(ch)
        if step is None:
            step = step_of(ch)
        if step is _LATIN_STEP:
            if start == 0 or step_of(simple[start - 1]) is not _LATIN_STEP:
                run = _LATIN_RUN.match(simple, start)
                stop = run.end()  # type: ignore[union-attr]
                value = base + _latin_cost(run.group())  # type: ignore[union-attr]
                if value > best[stop]:
                    best[stop] = value
            continue
        value = base + step
        if ch in mid_sentence and simple[start + 1 : start + 2] == _END:
            value += _COST_PUNCT_AT_END
        if value > best[start + 1]:
            best[start + 1] = value
    return best[size]


_LATIN_STEP = math.nan
"""The step of a character that starts or continues a Latin run (scored as a run)."""


def _step(ch: str, model: _Model) -> float:
    """What reading ``ch`` on its own adds to a score (``_LATIN_STEP`` for Latin)."""
    if _is_cjk(ch):
        single = model.single_logp(ch)
        return _COST_UNKNOWN_CJK if single is None else single + _CJK_BONUS
    if _LATIN_RUN.match(ch):
        return _LATIN_STEP
    return _char_cost(ch, model)


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
