"""Article metadata from the raw lines: title, date, site (publisher), author.

Read before chrome removal, because bylines, source notes, disclaimers and
timestamps are chrome but carry the metadata. Front matter wins for every field.

- title: the front matter's; else a Markdown ``# H1``; else among the first lines
  (spam and chrome skipped) the plausible title lines (short, no full stop), the one
  repeated in the page or glued to a paragraph first, the one equal to an
  ``原文标题:`` line next, the first one last; else the ``原文标题`` value.
- date: ``YYYY-MM-DD`` from the front matter or from a timestamp line
  (``2025-08-21 17:19``, ``发布时间:2025年8月21日``); None for ``12小时前``.
- site: the publisher, from source notes (``本文来自…``), ``分享自…``, ``来源:``,
  disclaimers (``不代表X立场``), copyright lines, the source line above the title
  (``钛媒体 12小时前``) and ``出品|`` / ``文 |`` bylines. A platform and a different
  original outlet are joined: ``钛媒体/定焦 One``. Names go through
  ``data/sites.yaml`` (canonical names, suffixes such as 专栏 dropped).
- author: ``作者|张琪``, or ``文 | X`` / ``撰文:X`` when X looks like a person.

Site and author are returned in Simplified characters (they are identifiers for
filters and grouping; the article text keeps its own script), so that 鈦媒體 and
钛媒体 are one site. Titles keep the article's script.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from tui.clean import chrome, structure
from tui.text import script
from tui.text.paths import data_file

TITLE_SCAN = 12  # non-blank lines at the top where the title is looked for
TITLE_MIN_LEN = 5
TITLE_MAX_LEN = 64
HEADLINE_MIN_LEN = 8  # a shorter first candidate is often the site or account name
EDGE_HEAD = 10  # non-blank lines at the top where weak site evidence is read
EDGE_TAIL = 20  # ... and at the bottom
DATELINE_MAX_LEN = 100  # a dateline with bylines and counters, no sentences

_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EN_DATE = re.compile(
    r"(?:\b(?P<d2>\d{1,2})\s+)?\b(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_H1 = re.compile(r"^#\s+(.+?)\s*#*$")
_ORIGINAL_TITLE = re.compile(
    r"^\s*[(（【]?\s*原(?:文)?标题\s*[:：|｜]\s*(?P<title>.+?)\s*[)）】]?\s*$"
)
_SPACED_AUTHOR = re.compile(
    r"(?:^|\s)(?P<label>作者|记者|撰文)\s+(?P<name>[\u4e00-\u9fff·]{2,4})(?=\s|$)"
)
_TITLE_LABEL = re.compile(r"^\s*(?:文章|新闻)?标题\s*[:：]\s*")
_VALUE_END = re.compile(r"[,，;；。()（）\[\]【】]")
_ID_SUFFIX = re.compile(r"\s*[(（]\s*(?:id|ID|微信号|公众号)\s*[:：].*$")
_PERSON = re.compile(
    r"^[\u4e00-\u9fff·]{2,5}(?:[、,，\s]+[\u4e00-\u9fff·]{2,5})*$|^[A-Z][a-z]+(?: [A-Z][a-z]+)+$"
)
_REPORTER = re.compile(
    r"(?:记者|通讯员|实习生|撰稿人|特约作者)\s*(?P<name>[\u4e00-\u9fff·]{2,4}(?:[、,\s]+[\u4e00-\u9fff·]{2,4})*)"
    r"\s*(?:/\s*[\u4e00-\u9fff]{2,6}(?:报导|报道|电))?\s*$"
)
_SITE_SUFFIX = re.compile(r"^(?P<title>.{4,}?)\s*(?:_|\s[|｜\-—]\s)\s*(?P<site>[^_|｜\-—]{2,16})$")
_TRAILING_DATE = re.compile(
    r"\s+(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}).*$"
)
_NEXT_FIELD = re.compile(r"\s+[^\s:：|｜]{1,6}[:：|｜].*$")
_URL = re.compile(r"^[a-z]+://|^www\.", re.IGNORECASE)


@dataclass
class Metadata:
    """What the page says about itself; site and author in Simplified."""

    title: str | None = None
    date: str | None = None
    site: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class _SiteRules:
    aliases: dict[str, str]  # squashed casefolded spelling -> canonical name
    strip_suffixes: tuple[str, ...]
    strip_prefixes: tuple[str, ...]
    not_names: frozenset[str]
    not_name_start: re.Pattern[str] | None  # "发表于北京": a place, not a publisher
    authors: tuple[re.Pattern[str], ...]  # regexes with a group `name`, head lines only
    not_name_words: tuple[str, ...]  # "记者林宏达/台北报导": a byline, not a publisher
    patterns: tuple[tuple[str, re.Pattern[str], int, bool], ...]  # role, regex, max, edge


def _squash(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold()


@lru_cache(maxsize=1)
def _site_rules() -> _SiteRules:
    with data_file("sites.yaml").open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    aliases: dict[str, str] = {}
    for canonical, spellings in (raw.get("canonical") or {}).items():
        for spelling in [canonical, *(spellings or [])]:
            aliases[_squash(str(spelling))] = str(canonical)
    return _SiteRules(
        aliases=aliases,
        strip_suffixes=tuple(
            sorted((str(s) for s in raw.get("strip_suffixes") or []), key=len, reverse=True)
        ),
        strip_prefixes=tuple(
            sorted((str(s) for s in raw.get("strip_prefixes") or []), key=len, reverse=True)
        ),
        not_names=frozenset(_squash(str(n)) for n in raw.get("not_names") or []),
        not_name_start=(
            re.compile("^(?:" + "|".join(re.escape(str(w)) for w in raw["not_name_starts"]) + ")")
            if raw.get("not_name_starts")
            else None
        ),
        authors=tuple(re.compile(str(p)) for p in raw.get("author_patterns") or []),
        not_name_words=tuple(_squash(str(w)) for w in raw.get("not_name_words") or []),
        patterns=tuple(
            (
                str(p["role"]),
                re.compile(str(p["regex"]), re.IGNORECASE),
                int(p.get("max_len", 200)),
                str(p.get("zone", "any")) == "edge",
            )
            for p in raw.get("patterns") or []
        ),
    )


def meta_form(line: str) -> str:
    """The line in Simplified with half-width punctuation, pinyin dropped, case kept."""
    text = chrome.drop_pinyin_brackets(line)
    text = script.to_simplified(text)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


# ---------------------------------------------------------------- dates


def normalise_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date, datetime or string stating a full date; else None."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return None
    text = str(value)
    match = _DATE.search(text)
    if match:
        parts = (int(match["y"]), int(match["m"]), int(match["d"]))
    else:
        english = _EN_DATE.search(text)
        if not english or not (english["d"] or english["d2"]):
            return None  # "May 2024" states no day
        month = _MONTHS.index(english["mon"][:3].lower()) + 1
        parts = (int(english["y"]), month, int(english["d"] or english["d2"]))
    try:
        day = _dt.date(*parts)
    except ValueError:
        return None
    return day.isoformat()


def date_from_line(line: str) -> str | None:
    """The date of a timestamp line (the date is most of the line), else None."""
    parts = chrome.timestamp_date(line)
    if parts is None:
        return None
    try:
        return _dt.date(*parts).isoformat()
    except ValueError:
        return None


def find_date(lines: list[str]) -> str | None:
    """The date of the first timestamp line; else a full date in a dateline near the
    top (``2024/7/19 7:35:12 来源:IT之家 作者:清源 评论:128``: a short line without
    sentence punctuation among the first ``EDGE_HEAD`` lines)."""
    for line in lines:
        if line.strip() and not structure.is_markdown_line(line):
            found = date_from_line(line)
            if found:
                return found
    for line in [line for line in lines if line.strip()][:EDGE_HEAD]:
        if _is_dateline(line):
            return normalise_date(meta_form(line))
    return None


# ---------------------------------------------------------------- title


def original_title(lines: list[str]) -> str | None:
    """The value of an ``原文标题:`` line, in the line's own script."""
    for line in lines:
        if "标题" not in chrome.normal_form(line):
            continue
        stripped = chrome.drop_pinyin_brackets(line.strip())
        simplified = script.to_simplified(stripped)
        match = _ORIGINAL_TITLE.match(simplified)
        if match and len(simplified) == len(stripped):
            # Same length: cut the original-script line at the same offset.
            return stripped[match.start("title") : match.end("title")].strip() or None
        if match:
            return match.group("title").strip() or None
    return None


def is_plausible_title(line: str) -> bool:
    """Short, no full stop, not chrome, spam, a list item or a numbered section."""
    text = line.strip()
    key = chrome.line_key(text)
    if not (TITLE_MIN_LEN <= len(key) <= TITLE_MAX_LEN):
        return False
    if re.search(r"[。;]", key) or re.search(r"[:,、]$", key):
        return False
    if structure.is_markdown_line(text) or re.match(r"^[•·▪●◆■►▶]", text):
        return False
    if structure.heading_style(text) is not None:
        return False
    return not (chrome.is_chrome_line(text) or chrome.is_spam_line(text))


def _head_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.strip():
            out.append(line.strip())
            if len(out) >= TITLE_SCAN:
                break
    return out


def _strip_site_suffix(title: str) -> str:
    """``标题_新浪财经`` / ``标题 - 虎嗅网`` -> ``标题`` when the suffix names a site."""
    match = _SITE_SUFFIX.match(title)
    if not match:
        return title
    suffix = match.group("site").strip()
    squashed = _squash(script.to_simplified(suffix))
    known = squashed in _site_rules().aliases or bool(
        re.search(r"(网|新闻|财经|科技|频道)$", suffix)
    )
    return match.group("title").strip() if known else title


def find_title(lines: list[str]) -> str | None:
    head = _head_lines(lines)
    for line in head:
        match = _H1.match(line)
        if match:
            return match.group(1).strip()
        if not chrome.is_chrome_line(line) and not chrome.is_spam_line(line):
            break
    context = chrome.Context(lines)
    candidates: list[str] = []
    for line in head:
        doubled = doubled_prefix(line)
        if doubled is not None:
            # The title glued to a paragraph that starts with it (``TT,...``).
            return doubled
        if is_plausible_title(line) and not chrome.is_unrelated_list(line, context):
            candidates.append(line)
        elif chrome.is_content_line(line) and not chrome.is_spam_line(line):
            break
    original = original_title(lines)
    keys = [chrome.line_key(line) for line in lines if line.strip()]
    candidates = [_strip_site_suffix(_TITLE_LABEL.sub("", c)) for c in candidates]
    if original:
        okey = chrome.line_key(original)
        for candidate in candidates:
            if chrome.line_key(candidate) == okey:
                return candidate
    for candidate in candidates:
        ckey = chrome.line_key(candidate)
        repeats = sum(1 for key in keys if key == ckey)
        glued = any(key.startswith(ckey) and len(key) > len(ckey) for key in keys)
        if repeats >= 2 or glued:
            return candidate
    if candidates:
        return _prefer_headline(candidates, lines)
    return original


def doubled_prefix(line: str) -> str | None:
    """``T`` when the line starts with ``T`` twice: a title glued to a first paragraph
    that opens with the title's words (``X背后：Y的豪赌X背后：Y的豪赌，这家…``)."""
    text = line.strip()
    for size in range(min(TITLE_MAX_LEN, len(text) // 2), TITLE_MIN_LEN - 1, -1):
        if text[:size] == text[size : 2 * size]:
            title = text[:size].strip()
            return title if is_plausible_title(title) else None
    return None


def _prefer_headline(candidates: list[str], lines: list[str]) -> str:
    """The first candidate, unless it looks like a name and a headline follows.

    Pages often show the publisher or account name above the headline (WeChat:
    ``智能车参考`` / time / headline / ``原创 李明 智能车参考``). A short first candidate
    (below ``HEADLINE_MIN_LEN``) gives way to the next longer one when it looks like
    a name: a known site, a dateline right under it, or named again inside another
    line of the page. A short headline over a longer dek stays the title."""
    first = candidates[0]
    fkey = chrome.line_key(first)
    longer = [c for c in candidates[1:] if len(chrome.line_key(c)) >= HEADLINE_MIN_LEN]
    if len(fkey) >= HEADLINE_MIN_LEN or not longer:
        return first
    return longer[0] if _looks_like_a_name(first, lines) else first


_LONE_LABEL = re.compile(r"[\u4e00-\u9fff]{1,4}(?:于|自)|[\u4e00-\u9fff]{1,6}:")


def _looks_like_a_name(candidate: str, lines: list[str]) -> bool:
    if is_known_site(candidate):
        return True
    key = chrome.line_key(candidate)
    filled = [line for line in lines if line.strip()]
    keys = [chrome.line_key(line) for line in filled]
    at = next((i for i, k in enumerate(keys) if k == key), None)
    if at is not None and at + 1 < len(filled) and _is_dateline(filled[at + 1]):
        return True
    if at is not None and at > 0 and _LONE_LABEL.fullmatch(keys[at - 1]):
        return True  # the value of a label on the line above (首发于 / AI产品观察)
    return any(key in other and other != key for other in keys)


# ---------------------------------------------------------------- bylines


def parse_byline(line: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a byline or source note, labels in Simplified."""
    lex = chrome.lexicon()
    text = meta_form(line)
    labels = "|".join(re.escape(label) for label in sorted(lex.byline_roles, key=len, reverse=True))
    finder = re.compile(rf"(?:^|(?<=[,，;；\s(（]))({labels})\s*[|｜丨:：/]\s*", re.IGNORECASE)
    matches = list(finder.finditer(text))
    pairs: list[tuple[str, str]] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = _ID_SUFFIX.sub("", text[match.end() : end])
        value = _NEXT_FIELD.sub("", _TRAILING_DATE.sub("", value))
        cut = _VALUE_END.search(value)
        if cut:
            value = value[: cut.start()]
        value = value.strip(" |｜丨/")
        if value:
            pairs.append((match.group(1), value))
    return pairs


def _byline_pairs(lines: list[str]) -> list[tuple[str, str]]:
    """Label/value pairs of bylines and source notes, and of the datelines near the
    top that carry labelled fields (``2024/7/19 来源:IT之家 作者:清源 责编:清源``)."""
    pairs: list[tuple[str, str]] = []
    head = set([i for i, line in enumerate(lines) if line.strip()][:EDGE_HEAD])
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        reason = chrome.chrome_reason(line)
        if reason in ("byline", "source-note", "source-label") or (
            index in head and _is_dateline(line)
        ):
            found = parse_byline(line)
            if not found and index in head and _is_dateline(line):
                # ``2024/10/18 作者 陳志明``: a label and a name, a space between.
                match = _SPACED_AUTHOR.search(meta_form(line))
                found = [(match["label"], match["name"])] if match else []
            pairs.extend(found)
    return pairs


def _is_dateline(line: str) -> bool:
    """A short line stating a full date, without sentences."""
    text = meta_form(line)
    if len(text) > DATELINE_MAX_LEN or re.search(r"[。!?;]", text):
        return False
    if chrome.is_content_line(line) or structure.is_markdown_line(line):
        return False
    return normalise_date(text) is not None


def _role(label: str) -> str:
    return chrome.lexicon().byline_roles.get(label, "other")


def is_person_name(value: str) -> bool:
    return bool(_PERSON.match(value.strip()))


def _clean_author(value: str) -> str:
    names = [n for n in re.split(r"[、,，\s]+", value.strip()) if n]
    # ``文 | 钛媒体 王小川``: the outlet before the name is not an author.
    names = [n for n in names if not is_known_site(n)] or names
    return "、".join(names) if all(is_person_name(n) for n in names) else value.strip()


def _reporter(lines: list[str]) -> str | None:
    """The name in a reporter line such as ``澎湃新闻记者 李明``."""
    for line in lines:
        if line.strip() and chrome.chrome_reason(line) == "reporter":
            match = _REPORTER.search(meta_form(line))
            if match:
                return _clean_author(match.group("name"))
    return None


def find_author(lines: list[str]) -> str | None:
    pairs = _byline_pairs(lines)
    for label, value in pairs:
        if label == "作者" and value:
            return _clean_author(value)
    for label, value in pairs:
        if _role(label) == "author" and is_person_name(value) and not is_known_site(value):
            return _clean_author(value)
    return _reporter(lines) or _prefixed_author(lines) or _author_from_patterns(lines)


def _prefixed_author(lines: list[str]) -> str | None:
    """The name in a byline with an outlet before its label (``界面新闻记者 | 张三``)."""
    for line in lines:
        found = chrome.prefixed_byline(line) if line.strip() else None
        if found and _role(found[0]) == "author":
            return _clean_author(found[1])
    return None


def _author_from_patterns(lines: list[str]) -> str | None:
    """A person named by a head line matching ``author_patterns`` (``原创 李明 智能车参考``)."""
    rules = _site_rules()
    for line in [line for line in lines if line.strip()][:EDGE_HEAD]:
        text = meta_form(line)
        for pattern in rules.authors:
            match = pattern.search(text)
            if match and is_person_name(match.group("name")):
                return _clean_author(match.group("name"))
    return None


# ---------------------------------------------------------------- site


def canonical_site(name: str) -> str | None:
    """The publisher's canonical name, suffixes such as 专栏 dropped; None if not a name."""
    rules = _site_rules()
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
    squashed = _squash(name)
    if len(squashed) < 2 or squashed in rules.not_names or _URL.match(name):
        return None
    if rules.not_name_start is not None and rules.not_name_start.match(squashed):
        return None
    if any(word in squashed for word in rules.not_name_words):
        return None
    if not re.search(r"[A-Za-z\u4e00-\u9fff]", name):
        return None
    return rules.aliases.get(squashed, name)


def _edge_indexes(lines: list[str]) -> set[int]:
    """Indexes of the first EDGE_HEAD and last EDGE_TAIL non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:EDGE_HEAD]) | set(filled[-EDGE_TAIL:])


def is_known_site(name: str) -> bool:
    """A name listed in data/sites.yaml (any spelling)."""
    return _squash(script.to_simplified(name)) in _site_rules().aliases


def _site_candidates(lines: list[str]) -> tuple[list[str], list[str]]:
    """(platform names, origin names) in document order."""
    rules = _site_rules()
    edges = _edge_indexes(lines)
    platforms: list[str] = []
    origins: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip() or structure.is_markdown_line(line):
            continue
        text = meta_form(line)
        for role, pattern, max_len, edge_only in rules.patterns:
            if len(text) > max_len or (edge_only and index not in edges):
                continue
            match = pattern.search(text)
            if not match:
                continue
            name = canonical_site(match.group("name"))
            if name:
                (platforms if role == "platform" else origins).append(name)
    edge_lines = [line if i in edges else "" for i, line in enumerate(lines)]
    pairs = _byline_pairs(edge_lines)
    has_author_label = any(label == "作者" for label, _ in pairs)
    for label, value in pairs:
        role = _role(label)
        if role == "origin" or (label == "文" and (has_author_label or not is_person_name(value))):
            name = canonical_site(value)
            if name:
                origins.append(name)
    return platforms, origins


def _merge(names: list[str]) -> list[str]:
    """Most frequent first; a name contained in another counts for the longer one."""
    counts: dict[str, int] = {}
    order: list[str] = []
    for name in names:
        if name not in counts:
            order.append(name)
        counts[name] = counts.get(name, 0) + 1
    for short in list(order):
        for long in order:
            if short != long and _squash(short) in _squash(long) and short in counts:
                counts[long] = counts.get(long, 0) + counts.pop(short)
                break
    kept = [name for name in order if name in counts]
    return sorted(kept, key=lambda n: (-counts[n], order.index(n)))


def find_site(lines: list[str]) -> str | None:
    platforms, origins = _site_candidates(lines)
    platform = next(iter(_merge(platforms)), None)
    origin = next(
        (
            o
            for o in _merge(origins)
            if not platform
            or (_squash(o) not in _squash(platform) and _squash(platform) not in _squash(o))
        ),
        None,
    )
    if platform and origin:
        return f"{platform}/{origin}"
    return platform or origin or next(iter(_merge(origins)), None)


# ---------------------------------------------------------------- front matter


def _front_text(front: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = front.get(key)
        if isinstance(value, list | tuple):
            value = "、".join(str(v).strip() for v in value if v is not None and str(v).strip())
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def extract_metadata(
    lines: list[str], front_matter: dict[str, Any], page_title: str | None = None
) -> Metadata:
    """Title, date, site and author; front matter first, then the page's own lines.

    ``page_title`` is an HTML page's ``<title>``: the title when the lines offer
    none (its site suffix dropped, ``标题_新浪科技`` -> ``标题``)."""
    front = front_matter or {}
    title = _front_text(front, "title") or find_title(lines)
    if not title and page_title and page_title.strip():
        title = re.sub(r"\s+", " ", page_title).strip()
        while (shorter := _strip_site_suffix(title)) != title:  # 标题_科技_新浪网
            title = shorter
    date = next(
        (
            normalise_date(front[key])
            for key in ("date", "published", "publish_date", "pubDate")
            if front.get(key) is not None
        ),
        None,
    ) or find_date(lines)
    site_value = _front_text(front, "site", "publisher", "media")
    source = _front_text(front, "source")
    if not site_value and source and not _URL.match(source):
        site_value = source
    site = canonical_site(site_value) if site_value else find_site(lines)
    if site_value and site is None:
        site = script.to_simplified(site_value)
    author_value = _front_text(front, "author", "authors")
    author = script.to_simplified(author_value) if author_value else find_author(lines)
    return Metadata(title=title, date=date, site=site, author=author)
