"""Byte-level GBK repair: re-encode a segment, try single-byte edits near suspicious
characters, score the readings and apply those that clear the margin; mark what
cannot be repaired. Long segments are repaired in bounded pieces."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from tui.clean.mojibake.bound import (
    _BOUND_SLACK,
    _latin,
    char_bound,
    char_values,
    left_bound,
    links,
    middle_bound,
    right_bound,
)
from tui.clean.mojibake.model import (
    _CJK_BONUS,
    _CONTEXT_UNITS,
    _COST_PUNCT_AT_END,
    _EDIT_PENALTY,
    _END,
    _FILL_BOUND,
    _FILL_CONFIDENCE,
    _FILL_PENALTY,
    _FILL_TOP,
    _FINE,
    _GBK_PRIVATE_LAST,
    _LATIN_RUN,
    _LEFT_EXTENSION,
    _MARKED,
    _MAX_ROUNDS,
    _PINYIN_FRAGMENT,
    _PLACEHOLDER,
    _RARE,
    _SCORE_CONTEXT,
    _WALK_CAP,
    MARGIN,
    WILD,
    _char_cost,
    _is_broken,
    _is_cjk,
    _is_private,
    _is_raw,
    _latin_cost,
    _Model,
    _plain,
    _raw,
    _score,
)
from tui.clean.mojibake.suspects import _clusters, _covered_by_word, _suspects
from tui.text.han import HAN_CLASS
from tui.text.markers import MARK_CLOSE, MARK_OPEN

# ------------------------------------------------------------------------------ bytes


def _encode_chars(chars: list[str]) -> tuple[list[int], list[int]]:
    """Bytes of a segment and the offset where each character starts (plus the end).

    U+FFFD is one unknown byte; surrogate escapes are the raw bytes they carry.
    """
    plain = _encode_plain("".join(chars))
    if plain is not None:
        return plain
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


def _encode_plain(text: str) -> tuple[list[int], list[int]] | None:
    """``_encode_chars`` of a text of ASCII and two-byte characters only, else None.

    Read from any character's start, such bytes give that character back unit by
    unit (every two-byte GB18030 code is a valid lead and trail that decodes to the
    character it encodes), which ``_cannot_gain`` relies on."""
    if "\ufffd" in text:
        return None
    try:
        encoded = text.encode("gb18030")
    except UnicodeEncodeError:  # surrogate escapes
        return None
    wide = len(text) - len(text.encode("ascii", "ignore"))
    if len(encoded) != len(text) + wide:  # a four-byte character
        return None
    return list(encoded), list(accumulate([(ch > "\x7f") + 1 for ch in text], initial=0))


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


def _remnant_end(data: list[int], index: int, size: int | None = None) -> int:
    """End of a pinyin-note remnant (``hù)``) starting at ``index``, else ``index``
    (``size``: where the bytes end, when ``data`` is a window of them)."""
    if size is None:
        size = len(data)
    pos = index
    while pos < size and pos - index < 12:
        byte = data[pos]
        if 0x61 <= byte <= 0x7A:
            pos += 1
        elif byte == 0xA8 and pos + 1 < size and 0xA1 <= data[pos + 1] <= 0xBF:
            pos += 2
        else:
            break
    if index < pos < size and data[pos] == 0x29:
        return pos + 1
    return index


# ---------------------------------------------------------------------------- editing


class _Edit(NamedTuple):
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
    tails: dict[int, _Tail] = field(default_factory=dict)
    """``_tail`` by old byte offset."""
    singles: dict[tuple[int, int], float] = field(default_factory=dict)
    """``_singles_score`` of ``simple[start:stop]`` and its right context."""
    contexts: dict[tuple[int, int, int], _Context] = field(default_factory=dict)
    """``_context`` by (first, same, stop)."""
    flagged: list[int] | None = None
    """``_suspects`` of the segment, once asked (the search and the marking ask again)."""
    plain: bool = False
    """Only ASCII and two-byte characters (``_encode_plain``)."""
    text: str = ""
    """``"".join(chars)`` (the edits of every cluster look for pinyin fragments in it)."""

    @classmethod
    def build(cls, chars: list[str], model: _Model) -> _Segment:
        text = "".join(chars)
        encoded = _encode_plain(text)
        data, starts = _encode_chars(chars) if encoded is None else encoded
        bounds = dict(zip(starts, range(len(starts)), strict=True))
        segment = cls(chars, model.simplified(text), data, starts, bounds)
        segment.plain = encoded is not None
        segment.text = text
        return segment

    def suspects(self, model: _Model) -> list[int]:
        if self.flagged is None:
            self.flagged = _suspects(self.chars, self.simple, model)
        return self.flagged

    def char_at(self, offset: int) -> int:
        """Index of the character whose bytes hold ``offset``."""
        return max(0, min(bisect_right(self.starts, offset) - 1, len(self.chars) - 1))


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
    for match in _PINYIN_FRAGMENT.finditer(segment.text, lo_char):
        if match.start() >= hi_char:
            break
        begin, end = starts[match.start()], starts[match.end()]
        yield _Edit("wild", begin, end - begin, (WILD,))
    for index in range(lo_char, hi_char):
        if chars[index] == "?":
            yield _Edit("wild", starts[index], 1, (WILD,))


def _walk(
    segment: _Segment, begin: int, edit: _Edit, cap: int | None, head_only: bool = False
) -> tuple[list[tuple[int, ...]], int | None, int]:
    """Decode units of the edited bytes from ``begin`` until they realign with the old.

    Returns the units, the old character index where both readings meet again (None
    when ``cap`` units were read first) and the old byte offset reached. With
    ``head_only``, the walk also stops (returning ``_TAIL`` for the index) once it is
    past the edited bytes: what follows is read from the old bytes (``_tail``).

    Only the edited bytes the walk can reach are copied (from ``begin``, at most
    ``_UNIT_REACH`` bytes a unit): indices below are relative to ``begin``.
    """
    data = segment.data
    pos, insert = edit.pos, edit.insert
    after = pos + edit.drop
    shift = len(insert) - edit.drop
    edited_end = pos + len(insert) - begin
    if head_only:
        reach: int | None = edited_end + _UNIT_REACH
    elif cap is not None:
        reach = (cap + 1) * _UNIT_REACH
    else:
        reach = None
    new = data[begin:pos]
    new.extend(insert)
    new.extend(data[after:] if reach is None else data[after : after + max(0, reach - edited_end)])
    size = len(data) + shift - begin  # the edited bytes' length from ``begin``
    edit_at = pos - begin
    units: list[tuple[int, ...]] = []
    index = 0
    bounds = segment.bounds
    settled = pos + max(edit.drop, 1)
    moved = begin - shift  # local index + moved = old byte offset
    most = size + 1 if cap is None else cap  # each unit takes a byte at least
    while index < size and len(units) < most:
        # _unit_length, inlined (the walk is the repair's innermost loop).
        byte = new[index]
        if 0 <= byte < 0x80 or byte == 0x80 or byte == 0xFF or index + 1 >= size:
            length = 1
        else:
            nxt = new[index + 1]
            if nxt == WILD or 0x40 <= nxt <= 0x7E or 0x80 <= nxt <= 0xFE:
                length = 2
            elif (
                0x30 <= nxt <= 0x39
                and index + 3 < size
                and 0x81 <= new[index + 2] <= 0xFE
                and 0x30 <= new[index + 3] <= 0x39
            ):
                length = 4
            else:
                length = 1
        if (
            length == 1
            and index >= edit_at
            and 0x81 <= byte <= 0xFE
            and index + 1 < size
            and new[index + 1] == 0x3F
        ):  # _lost_trail
            units.append((byte, WILD))
            length = _remnant_end(new, index + 2, size) - index
        elif length == 1:
            units.append((byte,))
        else:
            units.append(tuple(new[index : index + length]))
        index += length
        if index >= edited_end:
            old_index = index + moved
            if old_index >= settled:
                stop = bounds.get(old_index)
                if stop is not None:
                    return units, stop, old_index
            if head_only and index < size:
                return units, _TAIL, old_index
    if index >= size:
        return units, len(segment.chars), len(data)
    return units, None, index + moved


_UNIT_REACH = 20
"""Bytes a unit of ``_walk`` spans at most, with what it looks at past its end (a
pinyin remnant after a lost trail is read with it: up to 17 bytes)."""

_TAIL = -1
"""``_walk(head_only=True)``'s character index when the rest is read from old bytes."""


def _tail_unit(data: list[int], index: int) -> tuple[tuple[int, ...], int]:
    """The unit at ``index`` of unedited bytes past an edit, as ``_walk`` reads it
    there, and where the next one starts."""
    length = _unit_length(data, index)
    if length == 1 and _lost_trail(data, index):
        return (data[index], WILD), _remnant_end(data, index + 2)
    return tuple(data[index : index + length]), index + length


class _Tail(NamedTuple):
    """The reading of old bytes from an offset until it meets the old reading again
    (a misaligned run is read so after any edit before it): what the bound needs."""

    units: int
    stop: int
    """Old character index where the readings meet."""
    wild: int
    """Units with an unknown byte (placeholders)."""
    paren: bool
    """Whether it holds ``(`` (the scorer drops pinyin notes: no bound then)."""
    first: str
    last: str
    value: float
    """``char_bound`` summed over its (Simplified) characters, the first one's left
    neighbour left out (see ``_Tail.joined``)."""
    first_alone: float
    first_share: float
    first_right: bool
    """Whether the first character is linked to the second as in a word."""

    def joined(self, before: str) -> float:
        """``value`` with the character ``before`` the first one taken into account."""
        if (
            self.first_share > self.first_alone
            and not self.first_right
            and before
            and self.first in links().follows.get(before, "")
        ):
            return self.value + self.first_share - self.first_alone
        return self.value


_LONG = _Tail(0, 0, 0, True, "", "", 0.0, 0.0, 0.0, False)
"""A tail longer than the walk's cap (read in full instead)."""


def _tail(segment: _Segment, offset: int, model: _Model) -> _Tail:
    """The ``_Tail`` from ``offset`` (kept per segment: the edits of a cluster share
    their misaligned runs), or ``_LONG``."""
    memo = segment.tails
    found = memo.get(offset)
    if found is not None:
        return found
    data, bounds, simple = segment.data, segment.bounds, segment.simple
    path: list[tuple[int, int, bool, str]] = []  # offset, next offset, unknown byte, text
    index = offset
    rest: _Tail | None = None
    while True:
        known = memo.get(index)
        if known is not None:
            rest = known
            break
        if len(path) > _WALK_CAP:
            rest = _LONG
            break
        unit, nxt = _tail_unit(data, index)
        if WILD in unit:
            text = _PLACEHOLDER
        else:
            char = model.decode_unit(unit)
            text = "".join(_raw(byte) for byte in unit) if char is None else char
        path.append((index, nxt, WILD in unit, model.simplified(text)))
        if nxt in bounds:
            break
        index = nxt
    if rest is _LONG:
        memo[offset] = _LONG
        if len(path) <= _WALK_CAP:  # every node before a long tail is long
            for node, _, _, _ in path:
                memo[node] = _LONG
        return _LONG
    follows = links().follows
    for node, nxt, wild, chars in reversed(path):
        if rest is None:
            stop = bounds[nxt]
            after = simple[stop] if stop < len(simple) else _END
        else:
            stop, after = rest.stop, rest.first
        first = chars[0]
        if len(chars) == 1:
            value = char_bound(first, "", after, model)
            following = after
        else:
            value = middle_bound(chars, "", after, model)
            following = chars[1]
        alone, share = char_values(first, model)
        linked = bool(following) and following in follows.get(first, "")
        if rest is None:
            tail = _Tail(
                1, stop, int(wild), "(" in chars, first, chars[-1], value, alone, share, linked
            )
        else:
            tail = _Tail(
                1 + rest.units,
                stop,
                wild + rest.wild,
                "(" in chars or rest.paren,
                first,
                rest.last,
                value + rest.joined(chars[-1]),
                alone,
                share,
                linked,
            )
        memo[node] = tail
        rest = tail
    assert rest is not None
    return rest


def _cannot_gain(
    segment: _Segment,
    edit: _Edit,
    first: int,
    model: _Model,
    cap: int | None,
    floor: float,
    at: int | None = None,
) -> bool:
    """Whether ``_evaluate`` would find that the edit gains at most ``floor`` (or
    return None), shown with ``score_bound`` instead of scoring the reading.

    The walk is read up to the end of the edited bytes; the misaligned run after it
    comes from ``_tail``, shared by the edits of a cluster. The characters before
    the edit that read as they did are scored with the left context, exactly.
    (``at``: ``segment.char_at(edit.pos)``, when the caller has it.)"""
    skipped = _skippable(segment, edit, first, at)
    starts = segment.starts
    units, stop, old_end = _walk(
        segment,
        starts[first + skipped],
        edit,
        None if cap is None else cap - skipped,
        head_only=True,
    )
    chars, wild_units = _decode_units(units, model)
    wild = len(wild_units)
    same = 0  # characters that read as before, after the skipped ones
    old_chars = segment.chars
    start = first + skipped
    most_same = min(len(chars), len(old_chars) - start)
    while same < most_same and chars[same] == old_chars[start + same]:
        same += 1
    head = model.simplified("".join(chars[same:]))
    tail = None
    if stop == _TAIL:
        tail = _tail(segment, old_end, model)
        if (
            tail is _LONG
            or tail.paren
            or (cap is not None and skipped + len(units) + tail.units > cap)
        ):
            return False
        stop = tail.stop
        wild += tail.wild
    elif stop is None:
        stop = max(first, min(len(segment.chars), segment.char_at(old_end)))
    same += skipped
    # The scored text is left + chars + right: cut it as known + head (+ tail) + right.
    # What depends on the context only is kept per segment (``_Context``).
    context = segment.contexts.get((first, same, stop))
    if context is None:
        context = segment.contexts[(first, same, stop)] = _context(
            segment, first, same, stop, model
        )
    if context.paren or "(" in head:
        return False  # the scorer drops pinyin notes (``_plain``)
    before = context.before
    if tail is not None:
        middle = middle_bound(head, before, tail.first, model) + tail.joined(head[-1:] or before)
        first_new, last_new = head[:1] or tail.first, tail.last
    else:
        middle = middle_bound(head, before, context.after, model)
        first_new, last_new = head[:1] or context.after, head[-1:] or before
    left = context.lefts.get(first_new)
    if left is None:
        left = context.lefts[first_new] = left_bound(context.known, first_new, model)
    right = context.rights.get(last_new)
    if right is None:
        right = context.rights[last_new] = right_bound(context.right, last_new, model)
    bound = left + middle + right + _BOUND_SLACK
    # Prune when bound - old score - penalty <= floor (with unknown bytes: when
    # _evaluate's own test, gain + _FILL_BOUND per unknown byte <= MARGIN, holds).
    most = bound - _EDIT_PENALTY[edit.kind] - _FILL_PENALTY * wild
    limit = MARGIN - _FILL_BOUND * wild if wild else floor
    # First against a lower bound of the old score: the left part's own score and
    # the rest read one character at a time (a segmentation, so no better than the
    # best one), where that split is a segmentation of the whole.
    lower = context.lower
    if lower is not None and most - lower <= limit:
        return True
    return most - _old_score(segment, first, stop, model)[2] <= limit


def _skippable(segment: _Segment, edit: _Edit, first: int, at: int | None = None) -> int:
    """Characters from ``first`` that the walk for ``edit`` reads as they were.

    In a plain segment the bytes before the edited character read as the old
    characters, unit by unit, and the walk cannot stop before it is past the
    edited bytes: started at the edited character (or the one before, when a byte
    is dropped at a character's start), it reads the same units from there."""
    if not segment.plain:
        return 0
    if at is None:
        at = segment.char_at(edit.pos)
    if segment.starts[at] >= edit.pos + len(edit.insert):  # a byte dropped at its start
        at -= 1
    return max(0, at - first)


class _Context(NamedTuple):
    """What ``_cannot_gain`` needs of the unchanged text around a reading of
    ``chars[first + same:stop]``, kept per segment: the edits of a cluster share it."""

    known: str
    """``simple[first - _SCORE_CONTEXT:first + same]``: scored left context."""
    right: str
    """``_right_context``."""
    paren: bool
    """``(`` in either (the scorer drops pinyin notes: no bound then)."""
    before: str
    after: str
    lower: float | None
    """A lower bound of the old reading's score (None when there is none cheap)."""
    lefts: dict[str, float]
    """``left_bound(known, c)`` by the first new character ``c``."""
    rights: dict[str, float]
    """``right_bound(right, c)`` by the last new character ``c``."""


def _context(segment: _Segment, first: int, same: int, stop: int, model: _Model) -> _Context:
    known = segment.simple[max(0, first - _SCORE_CONTEXT) : first + same]
    right = _right_context(segment, stop)
    before = known[-1:]
    lower = None
    rest = segment.simple[first + same : stop] + right
    if "(" not in rest and not (
        before and rest and _latin(before, model) and _latin(rest[0], model)
    ):
        singles = segment.singles.get((first + same, stop))
        if singles is None:
            singles = segment.singles[(first + same, stop)] = _singles_score(rest, model)
        lower = _score(known, model) + singles
        if before in model.punct.mid_sentence and rest[:1] == _END:
            lower += _COST_PUNCT_AT_END
    paren = "(" in known or "(" in right
    return _Context(known, right, paren, before, right[:1], lower, {}, {})


def _singles_score(simple: str, model: _Model) -> float:
    """The score of ``simple`` read as single characters and Latin runs (one path of
    ``_best_score``, so at most its score)."""
    total = 0.0
    index = 0
    size = len(simple)
    mid_sentence = model.punct.mid_sentence
    while index < size:
        ch = simple[index]
        step = model.step(ch)
        if step != step:  # a Latin run
            run = _LATIN_RUN.match(simple, index)
            assert run is not None
            total += _latin_cost(run.group())
            index = run.end()
            continue
        total += step
        if ch in mid_sentence and simple[index + 1 : index + 2] == _END:
            total += _COST_PUNCT_AT_END
        index += 1
    return total


def _right_context(segment: _Segment, stop: int) -> str:
    right = segment.simple[stop : stop + _SCORE_CONTEXT]
    if stop + _SCORE_CONTEXT >= len(segment.simple):
        right += _END
    return right


def _old_score(segment: _Segment, first: int, stop: int, model: _Model) -> tuple[str, str, float]:
    """The scoring context around ``chars[first:stop]`` and the old reading's score."""
    left = segment.simple[max(0, first - _SCORE_CONTEXT) : first]
    right = _right_context(segment, stop)
    old_score = segment.scores.get((first, stop))
    if old_score is None:
        old_score = _score(_plain(left + segment.simple[first:stop] + right), model)
        segment.scores[(first, stop)] = old_score
    return left, right, old_score


def _decode_units(
    units: list[tuple[int, ...]], model: _Model
) -> tuple[list[str], dict[int, tuple[int, ...]]]:
    """Characters of decoded units and, by character index, the units with an unknown
    byte (shown as placeholders); undecodable bytes become surrogate escapes."""
    chars: list[str] = []
    wild_units: dict[int, tuple[int, ...]] = {}
    pairs = model.pairs
    for unit in units:
        if WILD in unit:
            wild_units[len(chars)] = unit
            chars.append(_PLACEHOLDER)
            continue
        # model.decode_unit, its two commonest cases inlined.
        if len(unit) == 1 and unit[0] < 0x80:
            chars.append(chr(unit[0]))
            continue
        if len(unit) == 2:
            lead, trail = unit
            if 0x81 <= lead <= 0xFE and 0x40 <= trail <= 0xFE and trail != 0x7F:
                chars.append(pairs[(lead - 0x81) * 190 + trail - (0x40 if trail < 0x7F else 0x41)])
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
    freq, logtotal = model.words.freq, model.logtotal
    l1, l2, r1, r2 = left[-1:], left[-2:], right[:1], right[:2]
    contexts = [(p, q) for p, q in ((l1, ""), ("", r1), (l2, ""), ("", r2), (l1, r1)) if p or q]
    scored: list[tuple[float, str]] = []
    for char, simple, alone in options:
        best = alone
        for before, after in contexts:
            word = before + simple + after
            if len(word) < 2:
                continue
            count = freq(word)
            if count:
                best = max(best, math.log(count) - logtotal + _CJK_BONUS * (len(word) - 1))
        scored.append((best, char))
    scored.sort(key=lambda item: -item[0])
    return [char for _, char in scored[:_FILL_TOP]]


_RANKED_FILLS = 50_000
"""Rankings kept: a damaged paragraph quoted again asks for the same ones."""


def _unknown_unit(unit: tuple[int, ...]) -> str:
    """A unit whose unknown byte could not be chosen: U+FFFD and its known byte, escaped."""
    return "".join("\ufffd" if byte == WILD else _raw(byte) for byte in unit)


def _evaluate(
    segment: _Segment,
    edit: _Edit,
    model: _Model,
    cap: int | None = _WALK_CAP,
    floor: float | None = None,
) -> _Reading | None:
    """The reading an edit produces around its position, scored against the old one.

    With ``floor``, None also when the reading cannot gain more than ``floor``: the
    search asks only for readings that clear the margin (or beat its best so far),
    and ``score_bound`` shows most edits of clean text cannot without scoring them.
    """
    at = segment.char_at(edit.pos)
    first = max(0, at - _CONTEXT_UNITS)
    if floor is not None and _cannot_gain(segment, edit, first, model, cap, floor, at):
        return None
    units, stop, old_end = _walk(segment, segment.starts[first], edit, cap)
    if stop is None:
        stop = max(first, min(len(segment.chars), segment.char_at(old_end)))
    chars, wild_units = _decode_units(units, model)
    if chars == segment.chars[first:stop]:
        return None
    left, right, old_score = _old_score(segment, first, stop, model)
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
    key = (unit, near_left[-2:], near_right[:2])  # all that _rank_fills looks at
    options = model.ranked_fills.get(key)
    if options is None:
        if len(model.ranked_fills) > _RANKED_FILLS:
            model.ranked_fills.clear()
        options = _rank_fills(_fill_options(unit, model), near_left, near_right, model)
        model.ranked_fills[key] = options
    if not options:
        return "\ufffd", False
    ranked = sorted(
        ((gain([*chars[:index], option, *chars[index + 1 :]]), option) for option in options),
        reverse=True,
    )
    best_score, best = ranked[0]
    after = near_right[:1]
    if not _is_cjk(best) and ((after and _is_cjk(after)) or best in (near_left[-1:], after)):
        # Punctuation has a fixed cost whatever the context: between 。 and 、 (one
        # trail byte apart) inside a sentence the model has no say, and a guessed 。
        # reads as real text. At the end of the text a sentence end is safe.
        return best, False
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
    """The best reading of the edits near ``span`` that brings in no rare character,
    when it clears the margin (else None or a reading that does not).

    Readings that cannot clear the margin, or cannot beat the best so far, are not
    scored (``floor``): they could not be the answer."""
    best: _Reading | None = None
    for edit in _edits(segment, span, model):
        floor = MARGIN if best is None else max(MARGIN, best.gain)
        reading = _evaluate(segment, edit, model, floor=floor)
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


_REPAIRED: dict[tuple[int, str], str] = {}
_REPAIRED_MAX = 2048  # pieces are at most a few hundred characters


def _repair_segment(text: str, model: _Model) -> str:
    """Apply the best edits to one segment until none clears the margin, then mark a
    ``?`` the repairs left stranded (see ``_mark_stranded_questions``).

    Remembered per piece: clippings repeat their damaged paragraphs (a body pasted
    twice, a long report quoting itself), and each repair is a search."""
    key = (id(model), text)
    known = _REPAIRED.get(key)
    if known is not None:
        return known
    repaired = _apply_repairs(text, model)
    if repaired != text and "?" in repaired:
        repaired = _mark_stranded_questions(text, repaired, model)
    if len(_REPAIRED) >= _REPAIRED_MAX:
        _REPAIRED.clear()
    _REPAIRED[key] = repaired
    return repaired


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
    flagged = _suspects(text, None, model)
    if not flagged:
        return text
    segment = _Segment.build(list(text), model)
    segment.flagged = flagged
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
    for span in _clusters(segment.suspects(model)):
        key = (span[0], "".join(segment.chars[max(0, span[0] - 4) : span[1] + 5]))
        if key in hopeless:
            continue
        if _rare_word_in_clean_context(segment, span, model):
            hopeless.add(key)
            continue
        reading = _best_reading(segment, span, model)
        if reading is not None and reading.gain > MARGIN:
            full = _evaluate(segment, reading.edit, model, cap=None, floor=MARGIN)
            if full is not None and full.gain > MARGIN:
                return full
        hopeless.add(key)
    return None


def _rare_word_in_clean_context(segment: _Segment, span: tuple[int, int], model: _Model) -> bool:
    """A cheap test that a cluster cannot be byte-shift damage, before scoring edits.

    A misaligned GBK reading turns every character up to the next ASCII byte into
    another one, so damage never leaves a lone odd character between intact words.
    A cluster of one rare character that jieba knows (吴泳**铭**, 刘**炽**平), whose
    neighbours on both sides are ordinary characters inside dictionary words, is a
    rare name or term: the edits around it are not tried (clean text skips scoring).
    """
    first, last = span
    chars, simple = segment.chars, segment.simple
    if first != last or not 2 <= first <= len(chars) - 3:
        return False
    if model.kind(chars[first]) != _RARE or model.single_logp(simple[first]) is None:
        return False
    for index in (first - 2, first - 1, first + 1, first + 2):
        ch = chars[index]
        if not _is_cjk(ch) or model.kind(ch) != _FINE:
            return False
    return _covered_by_word(simple, first - 1, model) and _covered_by_word(simple, first + 1, model)


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
    for first, last in _clusters(segment.suspects(model), gap=2):
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


_PIECE_TARGET = 400
_PIECE_MAX = 800
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
