"""jiedu's lexicon data: the company dictionary (data/companies.yaml) and the topic
vocabulary (data/topics.yaml, data/stopwords.yaml), loaded once, as lookup tables.

This module reads data only; it does no segmentation. The segmenter takes its user
words from here (``user_words``), and the company finder and the tag extractor
match with these tables, so the language layer imports top-down:
lexicon <- segment <- companies <- tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tui.text.data import load_yaml
from tui.text.firstchar import FirstCharAlternation
from tui.text.han import has_han as has_cjk
from tui.text.script import simplified_key, to_simplified

_COMPANIES_FILE = "companies.yaml"
_TOPICS_FILE = "topics.yaml"
_STOPWORDS_FILE = "stopwords.yaml"


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
    # jieba words already tried for prefix + alias + suffix (美国高通公司 -> 高通), and
    # the company found or None: a word is tried once (see tui.lang.companies).
    affixed: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    # ``latin_any_case`` with its spellings picked by the letter they start at (the same
    # matches, a third of the time: tui.text.firstchar).
    latin_any_case_matcher: FirstCharAlternation | None = field(
        default=None, compare=False, repr=False
    )


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
    matcher = _latin_matcher(spellings, flags)
    return None if matcher is None else matcher.pattern


def _latin_matcher(spellings: list[str], flags: int) -> FirstCharAlternation | None:
    if not spellings:
        return None
    ordered = sorted(set(spellings), key=len, reverse=True)
    # The lookahead on the first characters lets the scan skip Chinese text at once
    # instead of trying every alternative at every position (15x faster, same matches);
    # the matcher then tries only the spellings that start with the letter found.
    firsts = "".join(sorted({re.escape(s[0]) for s in ordered}))
    return FirstCharAlternation(
        [re.escape(s) for s in ordered],
        firsts,
        flags,
        before="(?<![A-Za-z0-9])",
        after="(?![A-Za-z])",
    )


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
    any_case = _latin_matcher(list(latin_any), re.IGNORECASE)
    return CompanyTable(
        companies=companies,
        lookup=lookup,
        words=words,
        shields=frozenset(shields),
        prefixes=tuple(sorted(_str_list(affixes.get("prefixes")), key=len, reverse=True)),
        suffixes=tuple(sorted(_str_list(affixes.get("suffixes")), key=len, reverse=True)),
        latin_any_case=any_case.pattern if any_case else None,
        latin_exact=_latin_pattern(list(latin_exact), 0),
        latin_any_case_matcher=any_case,
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


def company_words() -> list[str]:
    """Chinese spellings and shield words for the shared jieba tokenizer."""
    table = company_table()
    return sorted(set(table.words) | {w for w in table.shields if has_cjk(w)})


def resolve(name: str) -> str | None:
    """The canonical company for any alias or product, in either script, any case."""
    key = simplified_key(name.strip())
    if not key:
        return None
    return company_table().lookup.get(key)


@dataclass(frozen=True)
class Vocabulary:
    """Canonical topics, the keywords that point at them, and the stop list."""

    topics: tuple[str, ...]
    keywords: dict[str, str]  # case-folded keyword -> topic
    spellings: tuple[str, ...]  # keywords as written (for the tokenizer)
    stopwords: frozenset[str]


def _load_yaml(name: str) -> dict[str, object]:
    return load_yaml(name)


def _build_vocabulary(topics_raw: dict[str, object], stop_raw: dict[str, object]) -> Vocabulary:
    topics: list[str] = []
    keywords: dict[str, str] = {}
    spellings: list[str] = []
    for topic, words in (topics_raw.get("topics") or {}).items():
        topic = str(topic).strip()
        topics.append(topic)
        for word in [topic, *(str(w).strip() for w in words or [])]:
            key = word.casefold()
            owner = keywords.get(key)
            if owner is not None and owner != topic:
                raise ValueError(f"{_TOPICS_FILE}: {word!r} is listed for {owner} and {topic}")
            keywords[key] = topic
            spellings.append(word)
    stopwords = frozenset(str(w).strip().casefold() for w in stop_raw.get("stopwords") or [])
    return Vocabulary(tuple(topics), keywords, tuple(dict.fromkeys(spellings)), stopwords)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The topic vocabulary and stop list, loaded once."""
    return _build_vocabulary(_load_yaml(_TOPICS_FILE), _load_yaml(_STOPWORDS_FILE))


def topic_words() -> list[str]:
    """Keywords for the shared jieba tokenizer (so multi-word keywords stay whole)."""
    return [w for w in vocabulary().spellings if has_cjk(w)]


def user_words() -> list[str]:
    """Every Chinese word the shared jieba tokenizer must keep whole, sorted."""
    return sorted({w for w in (*company_words(), *topic_words()) if has_cjk(w)})
