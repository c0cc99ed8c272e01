"""A cheap upper bound on the language-model score of a candidate reading, so that the
search can drop an edit without scoring it (``_evaluate``).

Why it is needed
----------------
Clean text has suspicious clusters too (a rare name such as 吴泳铭, ``App`` between
Chinese words), and each is searched: about twenty single-byte edits, each walked,
decoded and scored by the word-level language model (``model._score``, a dynamic
programme over dictionary lookups). Nearly every edit of clean text misaligns the
bytes up to the next ASCII byte and reads as a string of unrelated characters that
scores tens to hundreds of nats below the old reading; only an edit that can gain
more than ``MARGIN`` matters. The bound below shows most of them cannot, in a few
dictionary lookups per character instead of the full scoring.

The bound
---------
``_score`` is the best segmentation of a text into items: dictionary words of two or
more characters (``log(count) - logtotal + _CJK_BONUS * length``), single characters
(their ``step``), maximal Latin runs (a fixed negative cost), plus a negative cost
for a mid-sentence mark that ends the text. Split a word's score evenly over its
characters; ``share(c)`` is the most any word containing ``c`` gives each of its
characters. A candidate reading is ``left + new + right`` (``left`` and ``right``
the unchanged context). In any segmentation, the items that touch ``new`` cover one
span ``[a, b)`` around it, and

* the items before ``a`` segment ``left[:a]``: at most ``_score(left[:a])``;
* the items after ``b`` segment a suffix of ``right``: at most its ``_score``;
* inside ``[a, b)`` each character gets at most ``v``: its ``step`` (0 for a Latin
  character: a run's cost is negative), or ``share`` when it can be inside a word
  with a neighbour - when the two characters are adjacent in some dictionary word
  (``follows``). A character of ``left`` inside ``[a, b)`` belongs to the one item
  that crosses into ``new``, a word or a Latin run, so ``a`` can only be reached
  back from ``new`` through such adjacent pairs; the same holds for ``right``.

The bound is the sum of the best ``left`` part, the ``v`` of the new characters and
the best ``right`` part. It is exact arithmetic over the same numbers the scorer
adds (``_BOUND_SLACK`` covers the rounding of a different order of addition). The
property test in ``tests/test_mojibake_bound.py`` checks it against ``_score`` on
random and damaged text.

``shares`` and ``follows`` come from the stock jieba dictionary (words of two or more
characters with a non-zero count, the ones the scorer uses), a derived table bundled
in ``tui/data/derived`` for the jieba version jiedu ships with.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from functools import lru_cache

from tui.clean.mojibake.model import _CJK_BONUS, _Model, _score
from tui.text import dictionary
from tui.text.data import derived, keep_derived
from tui.text.dictionary import Dictionary

_TABLE = "mojibake_links.json"
_FORMAT = 1
_BOUND_SLACK = 1e-6
"""Nats added to the bound: the scorer sums the same terms in another order."""


@dataclass(frozen=True)
class Links:
    """Per-character word shares and adjacency in the dictionary's words."""

    per_char: dict[str, float]
    """The most ``(log(count) - logtotal) / length`` of any word containing the
    character (a word's log-probability per character)."""
    follows: dict[str, str]
    """The characters that directly follow the key character in some word."""


def score_bound(left: str, new: str, right: str, model: _Model) -> float:
    """An upper bound of ``_score(left + new + right)`` (see the module docstring);
    ``_score`` of ``left`` and ``right`` and their parts is computed (and kept)."""
    text = left + new + right
    start, end = len(left), len(left) + len(new)
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (
        left_bound(left, text[start : start + 1], model)
        + middle_bound(new, before, after, model)
        + right_bound(right, text[end - 1] if end else "", model)
        + _BOUND_SLACK
    )


def middle_bound(new: str, before: str, after: str, model: _Model) -> float:
    """The most the characters of ``new`` get from items that touch them, between
    ``before`` and ``after`` (one character each, or empty)."""
    total = 0.0
    last = len(new) - 1
    for index, ch in enumerate(new):
        total += char_bound(
            ch,
            new[index - 1] if index else before,
            new[index + 1] if index < last else after,
            model,
        )
    return total


def char_bound(ch: str, before: str, after: str, model: _Model) -> float:
    """``v``: the most ``ch`` gets, between ``before`` and ``after``."""
    alone, share = char_values(ch, model)
    if share > alone:
        follows = links().follows
        if (before and ch in follows.get(before, "")) or (after and after in follows.get(ch, "")):
            return share
    return alone


def char_values(ch: str, model: _Model) -> tuple[float, float]:
    """(what ``ch`` adds alone - 0 for Latin -, its ``share`` or -inf)."""
    found = model.bound_values.get(ch)
    if found is None:
        step = model.step(ch)
        if step != step:  # Latin: a run costs less than nothing
            step = 0.0
        per_char = links().per_char.get(ch)
        share = -math.inf if per_char is None else per_char + _CJK_BONUS
        found = model.bound_values[ch] = (step, share)
    return found


def _latin(ch: str, model: _Model) -> bool:
    step = model.step(ch)
    return step != step


def _linked(before: str, after: str, model: _Model) -> bool:
    """Adjacent inside some word, or both in a Latin run."""
    if after in links().follows.get(before, ""):
        return True
    return _latin(before, model) and _latin(after, model)


def _crossing(ch: str, model: _Model) -> float:
    """Most a character gets from a word or Latin run that crosses the edge."""
    share = char_values(ch, model)[1]
    return max(share, 0.0) if _latin(ch, model) else share


def left_bound(left: str, after: str, model: _Model) -> float:
    """The most the characters of ``left`` get, ``after`` (a character or empty)
    following them: their own score, or a word or Latin run across the edge."""
    best = _score(left, model)
    if not left or not after:
        return best
    gained = 0.0
    index = len(left) - 1
    nxt = after
    while index >= 0 and _linked(left[index], nxt, model):
        gained += _crossing(left[index], model)
        best = max(best, _score(left[:index], model) + gained)
        nxt = left[index]
        index -= 1
    return best


def right_bound(right: str, before: str, model: _Model) -> float:
    """``left_bound`` mirrored: ``right`` after ``before``."""
    best = _score(right, model)
    if not right or not before:
        return best
    gained = 0.0
    prv = before
    for index, ch in enumerate(right):
        if not _linked(prv, ch, model):
            break
        gained += _crossing(ch, model)
        best = max(best, gained + _score(right[index + 1 :], model))
        prv = ch
    return best


@lru_cache(maxsize=1)
def links() -> Links:
    """The table for the stock dictionary (bundled, else cached, else computed)."""
    key = _key()
    with contextlib.suppress(KeyError, AttributeError, TypeError, ValueError):
        stored = derived(_TABLE, key)
        if stored is not None:
            return Links(
                {str(k): float(v) for k, v in stored["per_char"].items()},
                {str(k): str(v) for k, v in stored["follows"].items()},
            )
    table = compute_links(dictionary.stock())
    keep_derived(_TABLE, key, {"per_char": table.per_char, "follows": table.follows})
    return table


def _key() -> str:
    return f"{dictionary.jieba_version()}:default:{_FORMAT}"


def compute_links(words: Dictionary) -> Links:
    """``Links`` from every word of two or more characters with a non-zero count."""
    logtotal = math.log(words.total)
    per_char: dict[str, float] = {}
    follows: dict[str, set[str]] = {}
    for word, count in words:
        if len(word) < 2 or not count:
            continue
        value = (math.log(count) - logtotal) / len(word)
        for index, ch in enumerate(word):
            if value > per_char.get(ch, -math.inf):
                per_char[ch] = value
            if index:
                follows.setdefault(word[index - 1], set()).add(ch)
    return Links(per_char, {ch: "".join(sorted(after)) for ch, after in sorted(follows.items())})
