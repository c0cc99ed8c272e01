"""The figure extractor's vocabularies, loaded once from ``data/figures.yaml`` and
``data/metrics.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tui.text.data import load_yaml


@dataclass(frozen=True)
class Metric:
    """A metric label, the kind of amount it implies, and its trigger words."""

    label: str
    kind: str  # money | count | percent | any
    triggers: tuple[str, ...]
    generic: bool = False  # a broad label (营收, 投入) that may stand for a specific one
    undated: bool = False  # a point-in-time market figure (股价, 市值): no report period


@dataclass(frozen=True)
class Lexicon:
    """Everything ``figures.yaml`` lists, as lookup tables."""

    approx_prefixes: dict[str, str]  # word -> approx symbol
    approx_suffixes: dict[str, str]
    approx_false_friends: tuple[str, ...]
    magnitudes: dict[str, int]
    currencies: dict[str, str]
    currency_fractions: dict[str, str]  # 美仙 -> "0.01" (a Decimal's text)
    currency_prefixes: dict[str, str]
    measure_words: tuple[str, ...]
    model_year_words: tuple[str, ...]
    counted_nouns: tuple[str, ...]
    physical_units: tuple[str, ...]
    non_figure_units: tuple[str, ...]
    label_after_units: tuple[str, ...]
    tenths_false_friends: tuple[str, ...]
    ordinal_prefixes: tuple[str, ...]
    change_markers: dict[str, str]  # word -> yoy | qoq
    level_words: tuple[str, ...]
    base_markers: tuple[str, ...]
    change_false_friends: tuple[str, ...]
    year_word_chars: str
    generic_subjects: tuple[str, ...]
    generic_qualified: tuple[str, ...]
    neutral_subjects: tuple[str, ...]
    object_markers: tuple[str, ...]
    source_markers: tuple[str, ...]
    source_verbs: tuple[str, ...]
    adverbial_openers: tuple[str, ...]
    pronouns: tuple[str, ...]
    list_pronouns: dict[str, str]  # 前者 -> first, 后者 -> last
    pronoun_false_friends: tuple[str, ...]
    dominant_share: float
    respectively: tuple[str, ...]
    continuation_openers: tuple[str, ...]
    continuation_patterns: tuple[re.Pattern[str], ...]


def _longest_first(words: list[Any]) -> tuple[str, ...]:
    return tuple(sorted({str(w) for w in words}, key=lambda w: (-len(w), w)))


def _inverted(section: dict[str, list[Any]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, words in section.items():
        for word in words or []:
            table[str(word)] = str(key)
    return table


def _read(name: str) -> dict[str, Any]:
    return load_yaml(name)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = _read("figures.yaml")
    return Lexicon(
        approx_prefixes=_inverted(raw["approx_prefixes"]),
        approx_suffixes=_inverted(raw["approx_suffixes"]),
        approx_false_friends=_longest_first(raw["approx_false_friends"]),
        magnitudes={str(k): int(v) for k, v in raw["magnitudes"].items()},
        currencies={str(k): str(v) for k, v in raw["currencies"].items()},
        currency_fractions={
            str(k): str(v) for k, v in (raw.get("currency_fractions") or {}).items()
        },
        currency_prefixes=dict(
            sorted(
                ((str(k), str(v)) for k, v in (raw.get("currency_prefixes") or {}).items()),
                key=lambda item: -len(item[0]),
            )
        ),
        measure_words=_longest_first(raw["measure_words"]),
        model_year_words=_longest_first(raw.get("model_year_words") or []),
        counted_nouns=_longest_first(raw["counted_nouns"]),
        physical_units=_longest_first(raw["physical_units"]),
        non_figure_units=_longest_first(raw["non_figure_units"]),
        label_after_units=_longest_first(raw.get("label_after_units") or []),
        tenths_false_friends=_longest_first(raw.get("tenths_false_friends") or []),
        ordinal_prefixes=_longest_first(raw["ordinal_prefixes"]),
        change_markers=_inverted(raw["change_markers"]),
        level_words=_longest_first(raw["level_words"]),
        base_markers=_longest_first(raw.get("base_markers") or []),
        change_false_friends=_longest_first(raw.get("change_false_friends") or []),
        year_word_chars=str(raw.get("year_word_chars") or ""),
        generic_subjects=_longest_first(raw["generic_subjects"]),
        generic_qualified=_longest_first(raw.get("generic_qualified") or []),
        neutral_subjects=_longest_first(raw.get("neutral_subjects") or []),
        object_markers=_longest_first(raw["object_markers"]),
        source_markers=_longest_first(raw.get("source_markers") or []),
        source_verbs=_longest_first(raw.get("source_verbs") or []),
        adverbial_openers=_longest_first(raw["adverbial_openers"]),
        pronouns=_longest_first(raw["pronouns"]),
        list_pronouns={str(k): str(v) for k, v in (raw.get("list_pronouns") or {}).items()},
        pronoun_false_friends=_longest_first(raw["pronoun_false_friends"]),
        dominant_share=float(raw["dominant_share"]),
        respectively=_longest_first(raw["respectively"]),
        continuation_openers=_longest_first(raw["continuation_openers"]),
        continuation_patterns=tuple(re.compile(p) for p in raw["continuation_patterns"]),
    )


@lru_cache(maxsize=1)
def metrics() -> tuple[Metric, ...]:
    raw = _read("metrics.yaml")
    return tuple(
        Metric(
            label=str(entry["label"]),
            kind=str(entry.get("kind") or "any"),
            triggers=tuple(str(t) for t in entry["triggers"]),
            generic=bool(entry.get("generic", False)),
            undated=bool(entry.get("undated", False)),
        )
        for entry in raw["metrics"]
    )


@lru_cache(maxsize=1)
def not_triggers() -> tuple[str, ...]:
    """Words that hold a metric trigger but name no metric (大模型 holds 模型)."""
    return tuple(str(w) for w in _read("metrics.yaml").get("not_triggers") or [])


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex matching any of the words, the longest one at a position.

    Built as a trie (common prefixes factored out), so that matching costs about
    one character test per position instead of one test per word.
    """
    trie: dict[str, Any] = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _trie_regex(node: dict[str, Any]) -> str:
    ends_here = "" in node
    branches = [
        re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
