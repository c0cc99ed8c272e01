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
from dataclasses import dataclass, field
from functools import lru_cache

from tui.lang.segment import has_cjk, tokens
from tui.text.data import load_yaml
from tui.text.script import simplified_key, to_simplified

_COMPANIES_FILE = "companies.yaml"
_JOINABLE_GAP = re.compile(r"[ \t\u3000]*")
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")


@dataclass(frozen=True)
class Company:
    """One company of the dictionary."""

    name: str
    en: str
    aliases: tuple[str, ...]
    products: tuple[str, ...]
    exact_case: frozenset[str]
    match_name: bool = True
    list_aliases: tuple[str, ...] = ()  # everyday words that name it only in a list

    def spellings(self) -> list[str]:
        """Every spelling that stands for the company, as written in the YAML file."""
        names = [self.name] if self.match_name else []
        if self.en and (self.match_name or self.en != self.name):
            names.append(self.en)
        return names + list(self.aliases) + list(self.products)


@dataclass(frozen=True)
class CompanyTable:
    """The loaded dictionary with its lookup tables."""

    companies: tuple[Company, ...]
    lookup: dict[str, str]  # simplified_key(spelling) -> canonical name (all spellings)
    words: dict[str, str]  # Simplified spelling with Chinese characters -> canonical
    shields: frozenset[str]  # words hiding an alias (阿里山), sources (36氪)
    prefixes: tuple[str, ...]  # 美国 in the jieba word 美国高通公司
    suffixes: tuple[str, ...]  # 公司 in the jieba word 微软公司
    latin_any_case: re.Pattern[str] | None
    latin_exact: re.Pattern[str] | None
    list_words: dict[str, str] = field(default_factory=dict)  # 理想 -> 理想汽车, in lists


def _str_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value).strip()]


def _parse_company(entry: dict[str, object]) -> Company:
    name = str(entry["name"]).strip()
    return Company(
        name=name,
        en=str(entry.get("en") or "").strip(),
        aliases=tuple(_str_list(entry.get("aliases"))),
        products=tuple(_str_list(entry.get("products"))),
        exact_case=frozenset(_str_list(entry.get("exact_case"))),
        match_name=bool(entry.get("match_name", True)),
        list_aliases=tuple(to_simplified(a) for a in _str_list(entry.get("list_aliases"))),
    )


def _latin_pattern(spellings: list[str], flags: int) -> re.Pattern[str] | None:
    if not spellings:
        return None
    ordered = sorted(set(spellings), key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in ordered)
    # The lookahead on the first characters lets the scan skip Chinese text at once
    # instead of trying every alternative at every position (15x faster, same matches).
    firsts = "".join(sorted({re.escape(s[0]) for s in ordered}))
    return re.compile(rf"(?<![A-Za-z0-9])(?=[{firsts}])(?:{alternatives})(?![A-Za-z])", flags)


def _add(table: dict[str, str], key: str, canonical: str, spelling: str) -> None:
    owner = table.get(key)
    if owner is not None and owner != canonical:
        raise ValueError(f"{_COMPANIES_FILE}: {spelling!r} is listed for {owner} and {canonical}")
    table[key] = canonical


def _build_table(raw: dict[str, object]) -> CompanyTable:
    companies = tuple(_parse_company(entry) for entry in raw.get("companies") or [])
    lookup: dict[str, str] = {}
    words: dict[str, str] = {}
    latin_any: dict[str, str] = {}
    latin_exact: dict[str, str] = {}
    for company in companies:
        # The canonical name always resolves, even when it does not match in text.
        _add(lookup, simplified_key(company.name), company.name, company.name)
        for spelling in company.spellings():
            _add(lookup, simplified_key(spelling), company.name, spelling)
            if has_cjk(spelling):
                _add(words, to_simplified(spelling), company.name, spelling)
            elif spelling in company.exact_case:
                _add(latin_exact, spelling, company.name, spelling)
            else:
                _add(latin_any, spelling.casefold(), company.name, spelling)
    shields = {to_simplified(w) for w in _str_list(raw.get("shields"))}
    sources = _str_list(raw.get("sources"))
    shields.update(to_simplified(w) for w in sources)
    for source in sources:
        lookup.pop(simplified_key(source), None)
    affixes = raw.get("affixes")
    if not isinstance(affixes, dict):
        affixes = {}
    return CompanyTable(
        companies=companies,
        lookup=lookup,
        words=words,
        shields=frozenset(shields),
        prefixes=tuple(sorted(_str_list(affixes.get("prefixes")), key=len, reverse=True)),
        suffixes=tuple(sorted(_str_list(affixes.get("suffixes")), key=len, reverse=True)),
        latin_any_case=_latin_pattern(list(latin_any), re.IGNORECASE),
        latin_exact=_latin_pattern(list(latin_exact), 0),
        list_words={alias: c.name for c in companies for alias in c.list_aliases},
    )


@lru_cache(maxsize=1)
def company_table() -> CompanyTable:
    """The company dictionary, loaded once."""
    raw = load_yaml(_COMPANIES_FILE)
    return _build_table(raw)


def companies() -> tuple[Company, ...]:
    return company_table().companies


def alias_table() -> dict[str, str]:
    """Every known spelling (Simplified, case-folded) -> canonical company name."""
    return dict(company_table().lookup)


def user_words() -> list[str]:
    """Chinese spellings and shield words for the shared jieba tokenizer."""
    table = company_table()
    return sorted(set(table.words) | {w for w in table.shields if has_cjk(w)})


def resolve(name: str) -> str | None:
    """The canonical company for any alias or product, in either script, any case."""
    key = simplified_key(name.strip())
    if not key:
        return None
    return company_table().lookup.get(key)


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


def _word_spans(text: str, table: CompanyTable) -> list[tuple[int, int, str]]:
    spans = []
    for word, start, end in tokens(text):
        canonical = table.words.get(word)
        if canonical is None and len(word) > 2 and word not in table.shields and has_cjk(word):
            canonical = _affixed_owner(word, table)
        if canonical is not None:
            spans.append((start, end, canonical))
    return spans


def _latin_spans(text: str, table: CompanyTable) -> list[tuple[int, int, str]]:
    spans = []
    if table.latin_any_case is not None:
        for match in table.latin_any_case.finditer(text):
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
    return [s for s in spans if not any(u0 <= s[0] < u1 for u0, u1 in urls)]


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
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e, _ in found):
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
