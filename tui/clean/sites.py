"""Publisher names: the rules in ``data/sites.yaml`` and the canonical form of a name.

``canonical_site`` turns an extracted name into the publisher's canonical name
(suffixes such as 专栏 dropped, spellings merged: 鈦媒體 and 钛媒体APP are 钛媒体),
or None when the text is not a name (本站, a place, a byline). ``known_site_in``
finds a listed publisher inside a longer line (``澎湃新闻 - 首页头条 • …``).
Names are compared in Simplified; ``in_own_script`` gives a name back in the
spelling the article uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.text import script
from tui.text.data import load_yaml
from tui.text.han import HAN_CLASS, required_han

_URL = re.compile(r"^[a-z]+://|^www\.", re.IGNORECASE)
KNOWN_MIN_LEN = 2  # a listed spelling found inside a longer name has this many characters


@dataclass(frozen=True)
class _SiteRules:
    aliases: dict[str, str]  # squashed casefolded spelling -> canonical name
    strip_suffixes: tuple[str, ...]
    strip_prefixes: tuple[str, ...]
    not_names: frozenset[str]
    not_name_start: re.Pattern[str] | None  # "发表于北京": a place, not a publisher
    authors: tuple[re.Pattern[str], ...]  # regexes with a group `name`, head lines only
    not_name_words: tuple[str, ...]  # "记者林宏达/台北报导": a byline, not a publisher
    # role, regex, max length, edge only, Han text every match contains ("" if none)
    patterns: tuple[tuple[str, re.Pattern[str], int, bool, str], ...]


def squash(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold()


@lru_cache(maxsize=1)
def site_rules() -> _SiteRules:
    raw = load_yaml("sites.yaml")
    aliases: dict[str, str] = {}
    for canonical, spellings in (raw.get("canonical") or {}).items():
        for spelling in [canonical, *(spellings or [])]:
            aliases[squash(str(spelling))] = str(canonical)
    return _SiteRules(
        aliases=aliases,
        strip_suffixes=tuple(
            sorted((str(s) for s in raw.get("strip_suffixes") or []), key=len, reverse=True)
        ),
        strip_prefixes=tuple(
            sorted((str(s) for s in raw.get("strip_prefixes") or []), key=len, reverse=True)
        ),
        not_names=frozenset(squash(str(n)) for n in raw.get("not_names") or []),
        not_name_start=(
            re.compile("^(?:" + "|".join(re.escape(str(w)) for w in raw["not_name_starts"]) + ")")
            if raw.get("not_name_starts")
            else None
        ),
        authors=tuple(re.compile(str(p)) for p in raw.get("author_patterns") or []),
        not_name_words=tuple(squash(str(w)) for w in raw.get("not_name_words") or []),
        patterns=tuple(
            (
                str(p["role"]),
                regex := re.compile(str(p["regex"]), re.IGNORECASE),
                int(p.get("max_len", 200)),
                str(p.get("zone", "any")) == "edge",
                required_han(regex),
            )
            for p in raw.get("patterns") or []
        ),
    )


def canonical_site(name: str) -> str | None:
    """The publisher's canonical name, suffixes such as 专栏 dropped; None if not a name."""
    rules = site_rules()
    name = script.to_simplified(name).strip(" \"'“”「」『』《》").rstrip(".")
    for prefix in rules.strip_prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix) :].strip()
            break
    changed = True
    while changed:
        changed = False
        for suffix in rules.strip_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                name = name[: -len(suffix)].strip()
                changed = True
    squashed = squash(name)
    if len(squashed) < 2 or squashed in rules.not_names or _URL.match(name):
        return None
    if rules.not_name_start is not None and rules.not_name_start.match(squashed):
        return None
    if any(word in squashed for word in rules.not_name_words):
        return None
    if not re.search(rf"[A-Za-z{HAN_CLASS}]", name):
        return None
    if squashed in rules.aliases:
        return rules.aliases[squashed]
    return _known_prefix(name) or name


def is_known_site(name: str) -> bool:
    """A name listed in data/sites.yaml (any spelling)."""
    return squash(script.to_simplified(name)) in site_rules().aliases


def _known_prefix(name: str) -> str | None:
    """The canonical name of a listed spelling that starts the name (``虎嗅黄青春频道``
    is 虎嗅's channel), longest first."""
    squashed = squash(script.to_simplified(name))
    found = [
        (spelling, canonical)
        for spelling, canonical in site_rules().aliases.items()
        if len(spelling) >= KNOWN_MIN_LEN and squashed.startswith(spelling)
    ]
    return max(found, key=lambda pair: len(pair[0]))[1] if found else None


def known_site_in(text: str) -> str | None:
    """The canonical name of the longest listed spelling inside the text, or None."""
    squashed = squash(script.to_simplified(text))
    found = [
        (spelling, canonical)
        for spelling, canonical in site_rules().aliases.items()
        if len(spelling) > KNOWN_MIN_LEN and spelling in squashed
    ]
    return max(found, key=lambda pair: len(pair[0]))[1] if found else None


def in_own_script(value: str, lines: list[str], traditional: bool, fallback: bool = True) -> str:
    """The value as a Traditional article spells it: the same characters found in
    one of its lines (compared in Simplified), else converted to Traditional
    (``fallback``) or left as it is. A Simplified article's value is returned as
    it is."""
    if not value or not traditional:
        return value
    for line in lines:
        if not line.strip():
            continue
        simplified = script.to_simplified(line)
        at = simplified.find(value)
        if at >= 0 and len(simplified) == len(line):
            return line[at : at + len(value)]
    return script.to_traditional(value) if fallback else value
