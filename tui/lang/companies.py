"""Company dictionary (data/companies.yaml) and company mentions in text.

Every company has a canonical Simplified name; its aliases, English name and
products (元宝, 混元, 微信 -> 腾讯) all stand for it. Matching runs on Simplified
text and respects word boundaries:

* aliases containing Chinese characters are user words of the shared jieba
  tokenizer (tui.lang.segment) and count only when jieba cuts them out as a
  whole word, so 阿里 inside 阿里云 is one mention (of 阿里巴巴, through 阿里云)
  and 星火 inside the idiom 星星之火 is none;
* Latin aliases are matched with a regular expression that needs a non-letter,
  non-digit before and a non-letter after (Meta is not in Metadata, Qwen is in
  Qwen3), ignoring case except for the aliases listed under ``exact_case``.

Overlapping matches keep the longer one, and mentions of the same company that
touch (字节豆包, 腾讯QQ, 谷歌 GCP) count once.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import compress

from tui.lang.lexicon import (  # noqa: F401 - re-exported: the dictionary API
    Company,
    CompanyTable,
    _build_table,
    alias_table,
    companies,
    company_table,
    resolve,
)
from tui.lang.lexicon import company_words as user_words  # noqa: F401
from tui.lang.segment import has_cjk, words_and_ends

_JOINABLE_GAP = re.compile(r"[ \t\u3000]*")
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")


def _affixed_owner(word: str, table: CompanyTable) -> str | None:
    """The company of a jieba word such as 美国高通公司: prefix + alias + suffix."""
    for prefix in (*table.prefixes, ""):
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        for suffix in (*table.suffixes, ""):
            if (prefix or suffix) and rest.endswith(suffix):
                core = rest[: len(rest) - len(suffix)]
                if core in table.words:
                    return table.words[core]
    return None


_AFFIXED_CACHE = 50_000
_UNSEEN = object()


def _word_spans(text: str, table: CompanyTable) -> list[tuple[int, int, str]]:
    words, ends = words_and_ends(text)
    # Each distinct word looked up once (an article has thousands of words, a few
    # hundred of them distinct), then the positions of the words that name a company.
    owners: dict[str, str] = {}
    known = table.words
    affixed = table.affixed  # word -> owner or None, each word tried once
    for word in set(words):
        canonical = known.get(word)
        if canonical is None:
            if len(word) <= 2:
                continue
            canonical = affixed.get(word, _UNSEEN)
            if canonical is _UNSEEN:
                canonical = None
                if word not in table.shields and has_cjk(word):
                    canonical = _affixed_owner(word, table)
                if len(affixed) >= _AFFIXED_CACHE:
                    affixed.clear()
                affixed[word] = canonical
        if canonical is not None:
            owners[word] = canonical
    if not owners:
        return []
    at = compress(range(len(words)), map(owners.__contains__, words))
    return [(ends[i] - len(words[i]), ends[i], owners[words[i]]) for i in at]


def _latin_spans(text: str, table: CompanyTable) -> list[tuple[int, int, str]]:
    spans = []
    if table.latin_any_case is not None:
        matcher = table.latin_any_case_matcher  # finds what finditer finds
        found = matcher.matches(text) if matcher else table.latin_any_case.finditer(text)
        for match in found:
            spans.append((match.start(), match.end(), table.lookup[match.group().casefold()]))
    if table.latin_exact is not None:
        for match in table.latin_exact.finditer(text):
            spans.append((match.start(), match.end(), table.lookup[match.group().casefold()]))
    return spans


def _drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping spans (the earliest when equally long)."""
    kept: list[tuple[int, int, str]] = []  # disjoint, in text order
    starts: list[int] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        index = bisect.bisect_right(starts, span[0])
        if index and kept[index - 1][1] > span[0]:
            continue
        if index < len(kept) and kept[index][0] < span[1]:
            continue
        kept.insert(index, span)
        starts.insert(index, span[0])
    return kept


def _merge_touching(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One mention for same-company spans separated by nothing but spaces."""
    merged: list[tuple[int, int, str]] = []
    for start, end, canonical in spans:
        if merged:
            last_start, last_end, last_canonical = merged[-1]
            gap = text[last_end:start]
            if last_canonical == canonical and _JOINABLE_GAP.fullmatch(gap):
                merged[-1] = (last_start, end, canonical)
                continue
        merged.append((start, end, canonical))
    return merged


def _outside_urls(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop matches inside web addresses (www.qq.com, openai.com/blog)."""
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    if not urls:
        return spans
    starts = [u0 for u0, _ in urls]  # sorted, not overlapping: one neighbour to test

    def inside(pos: int) -> bool:
        index = bisect.bisect_right(starts, pos) - 1
        return index >= 0 and pos < urls[index][1]

    return [s for s in spans if not inside(s[0])]


@lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[int, int, str], ...]:
    table = company_table()
    spans = _drop_overlaps(_word_spans(text, table) + _latin_spans(text, table))
    spans = _list_spans(text, table, _outside_urls(text, spans))
    return tuple(_merge_touching(text, spans))


_LIST_JOIN = r" ?(?:、|和|与|及|以及|跟|同) ?"


def _list_spans(
    text: str, table: CompanyTable, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Everyday words listed with other companies name a company (蔚来、小鹏和理想):
    ``list_aliases`` count only when joined by 、/和/与 to a mention next to them."""
    if not table.list_words:
        return spans
    pattern = re.compile("|".join(re.escape(w) for w in sorted(table.list_words, key=len)[::-1]))
    found = list(spans)
    for _ in range(3):  # lists grow from their named members: 理想、蔚来 and 小鹏
        added = False
        ends = {end for _, end, _ in found}
        starts = {start for start, _, _ in found}
        # ``found`` is in text order and its spans do not overlap, so the one span
        # that may overlap a match is the last that starts before the match ends
        # (spans added in this pass are earlier matches: they cannot overlap).
        span_starts = [s for s, _, _ in found]
        span_ends = [e for _, e, _ in found]
        for match in pattern.finditer(text):
            start, end = match.span()
            index = bisect.bisect_left(span_starts, end)
            if index and span_ends[index - 1] > start:
                continue
            before = re.search(f"{_LIST_JOIN}$", text[max(0, start - 5) : start])
            after = re.match(_LIST_JOIN, text[end : end + 5])
            joined_before = before is not None and (start - len(before.group())) in ends
            joined_after = after is not None and (end + len(after.group())) in starts
            if joined_before or joined_after:
                found.append((start, end, table.list_words[match.group()]))
                added = True
        if not added:
            break
        found.sort()
    return found


def company_spans(simplified_text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of every company mention, in text order."""
    if not simplified_text:
        return []
    return list(_spans(simplified_text))


def find_companies(simplified_text: str) -> dict[str, int]:
    """Canonical company name -> mention count, most mentioned first."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for start, _end, canonical in company_spans(simplified_text):
        counts[canonical] = counts.get(canonical, 0) + 1
        first.setdefault(canonical, start)
    ordered = sorted(counts, key=lambda name: (-counts[name], first[name]))
    return {name: counts[name] for name in ordered}
