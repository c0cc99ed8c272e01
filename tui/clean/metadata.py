"""Article metadata from the raw lines: title, date, site (publisher), author.

Read before chrome removal, because bylines, source notes, disclaimers and
timestamps are chrome but carry the metadata. Front matter wins for every field.
Metadata glued to the start of a head line (``date 2025-11-25 …``, ``【财新网】
（记者 某某）…``, ``出品|X 作者|Y 正文…``) is read from ``leadlines``.

- title: the front matter's; else chosen by evidence (``titles``); else the HTML
  ``<title>``; else the opening clause of the first paragraph, marked derived.
- date: ``YYYY-MM-DD`` from the front matter, a scraper's ``date`` prefix, a
  timestamp line, a dateline or a press-release opening (``datelines``).
- site: the publisher, from source notes (``本文来自…``), ``分享自…``, ``来源:``,
  disclaimers (``不代表X立场``), copyright lines, the source line above the title
  (``钛媒体 12小时前``), ``出品|`` / ``文 |`` bylines, wire datelines (``/美通社/``)
  and any listed site named inside a dateline. A platform and a different
  original outlet are joined: ``钛媒体/定焦 One``. Names go through
  ``data/sites.yaml`` (canonical names, suffixes such as 专栏 dropped).
- author: ``作者|张琪``, or ``文 | X`` / ``撰文:X`` when X looks like a person, a
  reporter in a dateline, ``用户名 • 2025-06-24``, ``用户名 发布于 …``.

Site and author are matched in Simplified and returned in the article's own
script (a Traditional article gives 鈦媒體 and 陳志明); search and grouping derive
the Simplified form themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tui.clean import chrome, datelines, leadlines, structure, titles
from tui.clean.lineforms import head_indexes, meta_form, meta_forms, prime_normal_forms
from tui.clean.sites import (
    canonical_site,
    in_own_script,
    is_known_site,
    known_site_in,
    site_rules,
    squash,
)
from tui.text import script
from tui.text.dates import PLAIN_DATE_TEXT
from tui.text.han import HAN_CLASS

EDGE_HEAD = 10  # non-blank lines at the top where weak site evidence is read
EDGE_TAIL = 20  # ... and at the bottom
ACCOUNT_NAME_MAX = 16  # an account's name over its card is at most this long

_SPACED_AUTHOR = re.compile(
    r"(?:^|\s)(?P<label>作者|记者|撰文)\s+(?P<name>[" + HAN_CLASS + r"·]{2,4})(?=\s|$)"
)
_VALUE_END = re.compile(r"[,，;；。()（）\[\]【】]")
_NAME_LIST = re.compile(
    r"^\s*(?P<names>["
    + HAN_CLASS
    + r"·]{2,4}(?:\s*[,，、/]\s*["
    + HAN_CLASS
    + r"·]{2,4})+)(?=\s|$|[;；。])"
)
_ID_SUFFIX = re.compile(r"\s*[(（]\s*(?:id|ID|微信号|公众号)\s*[:：].*$")
_PERSON = re.compile(
    r"^["
    + HAN_CLASS
    + r"·]{2,5}(?:[、,，/\s]+["
    + HAN_CLASS
    + r"·]{2,5})*$|^[A-Z][a-z]+(?: [A-Z][a-z]+)+$"
)
_REPORTER = re.compile(
    r"(?:记者|通讯员|实习生|撰稿人|特约作者)\s*(?P<name>["
    + HAN_CLASS
    + r"·]{2,4}(?:[、,\s]+["
    + HAN_CLASS
    + r"·]{2,4})*)"
    r"\s*(?:/\s*[" + HAN_CLASS + r"]{2,6}(?:报导|报道|电))?\s*$"
)
_TRAILING_DATE = re.compile(rf"\s+(?:{PLAIN_DATE_TEXT}|\d{{1,2}}:\d{{2}}).*$")
_NEXT_FIELD = re.compile(r"\s+[^\s:：|｜]{1,6}[:：|｜].*$")
_URL = re.compile(r"^[a-z]+://|^www\.", re.IGNORECASE)
_USER_DATELINE = re.compile(
    r"^(?P<name>[^\s•·|:：,，]{2,16})\s*(?:[•·]|发布于|发表于)\s*(?:19|20)\d{2}[-/.年]"
)
_POSTED_TITLE = re.compile(
    r"^.{0,12}?(?:主笔|记者|编辑|作者|分析师|研究员|撰稿人|评论员)(?P<name>["
    + HAN_CLASS
    + r"·]{2,4})$"
)
_NOT_A_USER = re.compile(
    r"(?:网|新闻|日报|财经|科技|频道|时报|晚报|周刊)$|admin|管理员", re.IGNORECASE
)


@dataclass
class Metadata:
    """What the page says about itself, site and author in the article's script.

    ``derived_title`` is the opening clause of the first paragraph, for a page
    whose lines hold no title (``title`` is None then)."""

    title: str | None = None
    date: str | None = None
    site: str | None = None
    author: str | None = None
    derived_title: str | None = None


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
        names = _NAME_LIST.match(value)
        if names:  # 研报作者:潘暕,骆奕扬 / 研究员:甲/乙
            pairs.append((match.group(1), names["names"].strip()))
            continue
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
    head = set(head_indexes(lines, EDGE_HEAD))
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        reason = chrome.chrome_reason(line)
        if reason in ("byline", "source-note", "source-label") or (
            index in head and datelines.is_dateline(line)
        ):
            found = parse_byline(line)
            if not found and index in head and datelines.is_dateline(line):
                # ``2024/10/18 作者 陳志明``: a label and a name, a space between.
                match = _SPACED_AUTHOR.search(meta_form(line))
                found = [(match["label"], match["name"])] if match else []
            pairs.extend(found)
    return pairs


def _role(label: str) -> str:
    return chrome.lexicon().byline_roles.get(label, "other")


def is_person_name(value: str) -> bool:
    return bool(_PERSON.match(value.strip()))


def _clean_author(value: str) -> str:
    names = [n for n in re.split(r"[、,，/\s]+", value.strip()) if n]
    # ``文 | 钛媒体 王小川``: the outlet before the name is not an author.
    names = [n for n in names if not is_known_site(n)] or names
    names = [_without_post(n) for n in names]
    return "、".join(names) if all(is_person_name(n) for n in names) else value.strip()


def _without_post(name: str) -> str:
    """``商业消费主笔黄青春`` -> ``黄青春``: a job title before the name dropped."""
    match = _POSTED_TITLE.match(name)
    return match["name"] if match else name


def _site_then_person(value: str) -> tuple[str, str] | None:
    """``晚潮Journal 李某`` (after ``文|``): a publication, then a person."""
    parts = value.split()
    if len(parts) >= 2 and is_person_name(parts[-1]) and not is_person_name(parts[0]):
        return " ".join(parts[:-1]), parts[-1]
    return None


def _reporter(lines: list[str]) -> str | None:
    """The name in a reporter line such as ``澎湃新闻记者 李明``."""
    for line in lines:
        if line.strip() and chrome.chrome_reason(line) == "reporter":
            match = _REPORTER.search(meta_form(line))
            if match:
                return _clean_author(match.group("name"))
    return None


def find_author(
    lines: list[str], leads: dict[int, leadlines.Lead] | None = None, title: str | None = None
) -> str | None:
    pairs = _lead_pairs(leads) + _byline_pairs(lines)
    title_key = squash(script.to_simplified(title)) if title else ""
    for label, value in pairs:
        if label == "作者" and value and not (title_key and squash(value) in title_key):
            return _clean_author(value)  # not a keyword from the title (作者: 华为手机排名)
    for label, value in pairs:
        if _role(label) != "author":
            continue
        split = _site_then_person(value) if label == "文" else None
        if split:
            return _clean_author(split[1])
        if is_person_name(_without_post(value)) and not is_known_site(value):
            return _clean_author(value)
    for lead in (leads or {}).values():
        if lead.author:
            return _clean_author(script.to_simplified(lead.author))
    return (
        _reporter(lines)
        or _prefixed_author(lines)
        or _author_from_patterns(lines)
        or _user_author(lines)
    )


def _lead_pairs(leads: dict[int, leadlines.Lead] | None) -> list[tuple[str, str]]:
    """Labelled credits glued to a head line, labels and values in Simplified."""
    pairs: list[tuple[str, str]] = []
    for lead in (leads or {}).values():
        for label, value in lead.credits or []:
            pairs.append((meta_form(label), meta_form(value)))
    return pairs


def _user_author(lines: list[str]) -> str | None:
    """The user in ``科技观察员阿木 • 2025-06-24 15:26`` or ``阿木 发布于 2025-08-27``."""
    for line in [lines[i] for i in head_indexes(lines, EDGE_HEAD)]:
        match = _USER_DATELINE.match(meta_form(line))
        if not match or not datelines.is_dateline(line):
            continue
        name = match["name"]
        if is_known_site(name) or known_site_in(name) or _NOT_A_USER.search(name):
            continue
        return name
    return None


def _prefixed_author(lines: list[str]) -> str | None:
    """The name in a byline with an outlet before its label (``界面新闻记者 | 张三``)."""
    for line in lines:
        found = chrome.prefixed_byline(line) if line.strip() else None
        if found and _role(found[0]) == "author":
            return _clean_author(found[1])
    return None


def _author_from_patterns(lines: list[str]) -> str | None:
    """A person named by a head line matching ``author_patterns`` (``原创 李明 智能车参考``)."""
    rules = site_rules()
    for line in [lines[i] for i in head_indexes(lines, EDGE_HEAD)]:
        text = meta_form(line)
        for pattern in rules.authors:
            match = pattern.search(text)
            if match and is_person_name(match.group("name")):
                return _clean_author(match.group("name"))
    return None


# ---------------------------------------------------------------- site


def _edge_indexes(lines: list[str]) -> set[int]:
    """Indexes of the first EDGE_HEAD and last EDGE_TAIL non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(head_indexes(lines, EDGE_HEAD)) | set(filled[-EDGE_TAIL:])


def _site_candidates(
    lines: list[str], leads: dict[int, leadlines.Lead] | None = None
) -> tuple[list[str], list[str]]:
    """(platform names, origin names) in document order."""
    rules = site_rules()
    edges = _edge_indexes(lines)
    head = set(head_indexes(lines, EDGE_HEAD))
    platforms: list[str] = []
    origins: list[str] = []
    for lead in (leads or {}).values():
        name = canonical_site(lead.site) if lead.site else None
        if name:
            origins.append(name)
    for label, value in _lead_pairs(leads):
        name = canonical_site(value) if _role(label) == "origin" else None
        if name:
            origins.append(name)
    forms = meta_forms(lines)
    for index, line in enumerate(lines):
        if not line.strip() or structure.is_markdown_line(line):
            continue
        text = forms[index]
        for role, pattern, max_len, edge_only, needs in rules.patterns:
            if len(text) > max_len or (edge_only and index not in edges) or needs not in text:
                continue
            match = pattern.search(text)
            if not match:
                continue
            name = canonical_site(match.group("name"))
            if name:
                (platforms if role == "platform" else origins).append(name)
        if index in head and chrome.chrome_reason(line) == "account-id":
            name = _name_above(lines, index)  # 芯潮观察 / 微信号 xinchao_guancha
            if name:
                origins.append(name)
        if index in head and datelines.is_dateline(line):
            named = known_site_in(text)  # 澎湃新闻 - 首页头条 • 2024-05-17 10:03
            if named:
                origins.append(named)
    edge_lines = [line if i in edges else "" for i, line in enumerate(lines)]
    pairs = _byline_pairs(edge_lines)
    has_author_label = any(label == "作者" for label, _ in pairs)
    for label, value in pairs:
        role = _role(label)
        split = _site_then_person(value) if label == "文" else None
        if split:
            value = split[0]
        if (
            role == "origin"
            or split
            or (label == "文" and (has_author_label or not is_person_name(value)))
        ):
            name = canonical_site(value)
            if name:
                origins.append(name)
    return platforms, origins


def _name_above(lines: list[str], index: int) -> str | None:
    """The short name on the line above ``index`` (an account's name over its card)."""
    above = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
    text = meta_form(above)
    if not text or len(text) > ACCOUNT_NAME_MAX or re.search(r"[\s,，。:：|]", text):
        return None
    return canonical_site(text)


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
            if short != long and squash(short) in squash(long) and short in counts:
                counts[long] = counts.get(long, 0) + counts.pop(short)
                break
    kept = [name for name in order if name in counts]
    return sorted(kept, key=lambda n: (-counts[n], order.index(n)))


def find_site(lines: list[str], leads: dict[int, leadlines.Lead] | None = None) -> str | None:
    platforms, origins = _site_candidates(lines, leads)
    platform = next(iter(_merge(platforms)), None)
    origin = next(
        (
            o
            for o in _merge(origins)
            if not platform
            or (squash(o) not in squash(platform) and squash(platform) not in squash(o))
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


def _own_script(value: str | None, lines: list[str], traditional: bool) -> str | None:
    """A site or author as the article writes it (each part of ``平台/来源``)."""
    if not value:
        return value
    return "/".join(in_own_script(part, lines, traditional) for part in value.split("/"))


def _front_date(front: dict[str, Any]) -> str | None:
    for key in ("date", "published", "publish_date", "pubDate"):
        if front.get(key) is not None:
            found = datelines.normalise_date(front[key])
            if found:
                return found
    return None


def _declared_empty(front: dict[str, Any], key: str) -> bool:
    """The front matter says the field is unknown (``date: null``, as the cleaner's own
    Markdown writes it): the lines are not searched for it. Else a date or site found
    only once chrome above it was gone would appear when the output is read again."""
    return key in front and front[key] is None


def extract_metadata(
    lines: list[str], front_matter: dict[str, Any], page_title: str | None = None
) -> Metadata:
    """Title, date, site and author; front matter first, then the page's own lines.

    ``page_title`` is an HTML page's ``<title>``: evidence for a title line, and the
    title when the lines offer none (its site suffix dropped)."""
    front = front_matter or {}
    prime_normal_forms(lines)  # every rule below compares lines in their normal form
    leads = leadlines.head_leads(lines)
    lines = chrome.prepare_lines(lines)
    prime_normal_forms(lines)
    traditional = script.detect_script("\n".join(lines)) == "hant"
    title = _front_text(front, "title")
    derived = None
    if title and front.get("title_derived") is True:
        title, derived = None, title
    elif not title:
        title = titles.find_title(lines, page_title) or titles.page_title_text(page_title)
        if not title:
            derived = titles.derived_title(lines)
    lead_date = next((lead.date for lead in leads.values() if lead.date), None)
    date = _front_date(front)
    if date is None and not _declared_empty(front, "date"):
        date = datelines.normalise_date(lead_date) or datelines.find_date(lines, EDGE_HEAD)
    site_value = _front_text(front, "site", "publisher", "media")
    source = _front_text(front, "source")
    if not site_value and source and not _URL.match(source):
        site_value = source
    site = None
    if site_value:  # each part of 平台/来源 canonical, as the front matter spells it
        # (as the front matter writes it: the tool's own output reads back the same)
        parts = [canonical_site(part) or part.strip() for part in site_value.split("/")]
        site = "/".join(in_own_script(p, [site_value], True, fallback=False) for p in parts if p)
    elif not _declared_empty(front, "site"):
        site = _own_script(find_site(lines, leads), lines, traditional)
    author = _front_text(front, "author", "authors")
    if not author and not _declared_empty(front, "author"):
        author = _own_script(find_author(lines, leads, title), lines, traditional)
    return Metadata(title=title, date=date, site=site, author=author, derived_title=derived)
