"""What one line of a page is: chrome, spam, navigation, a byline, a paragraph.

Every test here looks at a single line (``Context`` adds what the rest of the page
shares with it); ``tui.clean.chrome`` decides from these what leaves the page.

- ``chrome_reason``: a line of site chrome wherever it is (buttons, comment
  widgets, share and QR prompts, captcha, copyright, ICP and police numbers,
  reprint disclaimers, bylines, tag lines, timestamps, captions and image
  credits, lone decoration marks), from the lexicon in ``data/chrome.yaml``;
- ``is_spam_line``: an SEO spam line (several short segments joined by ``,`` ``/``
  ``|`` without sentence punctuation, and not reading as prose) or a navigation
  bar (``is_nav_line``: many short Han words);
- ``is_unrelated_list``: a list joined by ``、`` or spaces that shares almost no
  character bigrams with the rest of the page;
- ``is_content_line`` / ``is_weak_line``: a real paragraph; a short line without
  sentence punctuation (a label, a link, a heading);
- ``is_breadcrumb`` (its last crumb may be the headline, question mark and all),
  ``is_byline``, ``is_disclaimer``, ``is_name_and_post`` (a photo caption naming a
  person and their post).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from tui.clean import captions, prose, structure
from tui.clean.lineforms import line_key, normal_form
from tui.text.data import load_yaml
from tui.text.han import HAN_CLASS, HAN_RUN_RE
from tui.text.markers import MARKED_RE

_TOKEN_SPLIT = re.compile(r"[\s|/,、:;·•]+")
_TOKEN_MARKS = "-—–=*_~()[]【】<>《》»«›‹→.…"
_BREADCRUMB_SEP = re.compile(r"[>»›/]")
_BREADCRUMB_SPLIT = re.compile(r"[\s>»›/|]+")
_BREADCRUMB_LEAD = re.compile(
    r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置是?|现在的位置)\s*:\s*"
)
_CRUMB_PUNCT = re.compile(r"[。!?;,:，]")
BREADCRUMB_MIN_TOKENS = 2  # a breadcrumb trail has this many words or more...
BREADCRUMB_MAX_TOKENS = 6  # ...and at most this many
BREADCRUMB_LAST_MAX = 64  # its last crumb may be the headline, this long at most
_SENTENCE = re.compile(r"[。!?;…]")
_STRONG_SENTENCE = re.compile(r"[。;…]")
_WORD_CHAR = re.compile(r"[^\W\d_]")  # a letter of any script, Han included
_SPAM_SPLIT = re.compile(r"[,/|_>»›]+")
_NAV_SPLIT = re.compile(r"[\s|·•/]+")
_NAME = rf"[{HAN_CLASS}·]{{2,4}}"
_LIST_SPLIT = re.compile(r"[,/|_>»›、\s]+")
_LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9.\-]*[a-z0-9]|[a-z]")
_SHORT_HAN = re.compile(rf"[{HAN_CLASS}]{{1,4}}")
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]]+\]:")
_TABLE = re.compile(r"^\s*\|")
_DECORATION = re.compile(r"^[\s●•·▪◆■►▶○◎★☆◇□▲△▼▽…．｜|]+$")
_ORIGINAL_MARK = re.compile(r"^原创(?:\s+|\s*[:|丨]\s*)\S")
CONTENT_MIN_LEN = 12  # a real paragraph: at least this long, with sentence punctuation
CONTENT_LONG_LEN = 60  # ... or at least this long whatever its punctuation
WEAK_MAX_LEN = 30  # short line without sentence punctuation: maybe chrome near head/tail
MINOR_MAX_LEN = 4  # button-sized line
NAV_MIN_TOKENS = 5  # a navigation bar has at least this many words...
NAV_MAX_TOKEN = 8  # ...none longer than this...
NAV_HAN_SHARE = 0.9  # ...and nearly all of them short runs of Han characters
BYLINE_PREFIX_MAX = 10  # an outlet name before a byline label (界面新闻记者 | 张三)
BYLINE_PREFIXED_MAX_LEN = 30
UNRELATED_MIN_GRAMS = 8  # enough of a line to judge what it shares with the page
UNRELATED_MAX_SHARE = 0.1  # an unrelated list shares at most this share of its grams
UNRELATED_MIN_CONTEXT = 150  # distinct grams a page needs before relatedness means much
ORIGINAL_MARK_MAX_LEN = 60
NAME_POST_MAX_LEN = 30
_DOCUMENT = re.compile(r"\.(?:pdf|docx?|pptx?|xlsx?)$")
_FIELD = re.compile(r"\s*([^\s:|]{1,6})\s*:\s*([^\s:]{1,30})(?=\s|$)")
FIELD_MIN = 2  # label:value fields that make a line of fields
_FIELD_LINE = re.compile(r"^[^:,。!?;|]{2,6}:[^:,。!?;|]{1,24}$")
FIELD_LINE_MAX = 30
SPAM_MIN_SEGMENTS = 3
SPAM_MAX_SEGMENT = 30


@dataclass(frozen=True)
class Lexicon:
    """The chrome lexicon from data/chrome.yaml, normalised like ``line_key``."""

    buttons: frozenset[str]
    ambiguous_buttons: frozenset[str]
    phrases: tuple[str, ...]
    phrase_max_len: int
    legal: tuple[str, ...]
    legal_max_len: int
    patterns: tuple[tuple[str, re.Pattern[str], int], ...]
    disclaimer_starts: re.Pattern[str]
    disclaimer_stances: tuple[str, ...]
    disclaimer_keywords: tuple[str, ...]
    disclaimer_max_len: int
    byline_roles: dict[str, str]
    byline_start: re.Pattern[str]
    byline_prefixed: re.Pattern[str]
    byline_max_len: int
    breadcrumb_words: frozenset[str] = frozenset()
    breadcrumb_suffixes: tuple[str, ...] = ()
    name_post: re.Pattern[str] = re.compile(r"(?!)")


def _token(text: str) -> str:
    return line_key(text).strip(_TOKEN_MARKS)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load data/chrome.yaml once."""
    raw = load_yaml("chrome.yaml")
    roles: dict[str, str] = {}
    for role, labels in (raw.get("byline_labels") or {}).items():
        for label in labels or []:
            roles[line_key(str(label))] = str(role)
    labels_re = "|".join(re.escape(label) for label in sorted(roles, key=len, reverse=True))
    long_labels = "|".join(
        re.escape(label) for label in sorted(roles, key=len, reverse=True) if len(label) >= 2
    )
    disclaimer = raw.get("disclaimer") or {}
    return Lexicon(
        buttons=frozenset(_token(str(w)) for w in raw.get("buttons") or []),
        ambiguous_buttons=frozenset(_token(str(w)) for w in raw.get("ambiguous_buttons") or []),
        phrases=tuple(line_key(str(w)) for w in raw.get("phrases") or []),
        phrase_max_len=int(raw.get("phrase_max_len", 60)),
        legal=tuple(line_key(str(w)) for w in raw.get("legal") or []),
        legal_max_len=int(raw.get("legal_max_len", 120)),
        patterns=tuple(
            (str(p["name"]), re.compile(str(p["regex"])), int(p.get("max_len", 80)))
            for p in raw.get("patterns") or []
        ),
        disclaimer_starts=re.compile(str(disclaimer.get("starts", r"^声明:"))),
        disclaimer_stances=tuple(line_key(str(w)) for w in disclaimer.get("stances") or []),
        disclaimer_keywords=tuple(line_key(str(w)) for w in disclaimer.get("keywords") or []),
        disclaimer_max_len=int(disclaimer.get("max_len", 300)),
        byline_roles=roles,
        byline_start=re.compile(rf"^(?:{labels_re})[|:/丨]"),
        byline_prefixed=re.compile(
            rf"^[^|:/丨,.;!?。\s]{{0,{BYLINE_PREFIX_MAX}}}?\s*(?P<label>{long_labels})"
            rf"(?:\s*[|:/丨]\s*|\s+)(?P<name>{_NAME})$"
        ),
        byline_max_len=int(raw.get("byline_max_len", 100)),
        breadcrumb_words=frozenset(_token(str(w)) for w in raw.get("breadcrumb_words") or []),
        breadcrumb_suffixes=tuple(_token(str(w)) for w in raw.get("breadcrumb_suffixes") or []),
        name_post=_name_post_pattern([line_key(str(w)) for w in raw.get("person_posts") or []]),
    )


def _name_post_pattern(posts: list[str]) -> re.Pattern[str]:
    if not posts:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(p) for p in sorted(posts, key=len, reverse=True))
    return re.compile(
        rf"^[{HAN_CLASS}a-z0-9·]{{2,16}}?(?:{alternatives})(?:兼(?:{alternatives}))*{_NAME}$"
    )


def is_button_line(line: str) -> bool:
    """A line made only of button or navigation words ("订阅", "分享 收藏 举报")."""
    lex = lexicon()
    key = line_key(line).strip(_TOKEN_MARKS + ":")
    if not key:
        return False
    if key in lex.buttons:
        return True
    # Token by token, stopping at the first that is not a button word (a sentence's
    # first clause): most lines are prose.
    first = None
    count = 0
    for piece in _TOKEN_SPLIT.split(normal_form(line)):
        token = _token(piece)
        if not token:
            continue
        if token not in lex.buttons and token not in lex.ambiguous_buttons:
            return False
        count += 1
        if first is None:
            first = token
    if first is None:
        return False
    return count >= 2 or first in lex.buttons


def is_breadcrumb(line: str) -> bool:
    """A breadcrumb trail: a few short words joined by ``>`` ``»`` ``›`` or ``/``, one
    of them a navigation word (``首页 / 科技``, ``财新网 > 科技 > 正文``) or, with ``>``,
    the name of a site or section (``搜狐号 > 科技``). The last crumb may be the
    page's headline (``论坛首页 > 汽车 > 交付要等多久？``). A headline with a slash
    (``OpenAI/微软的新合作``) has neither."""
    text = _BREADCRUMB_LEAD.sub("", normal_form(line))
    if not _BREADCRUMB_SEP.search(text):
        return False
    tokens = [t for t in (_token(p) for p in _BREADCRUMB_SPLIT.split(text)) if t]
    if not (BREADCRUMB_MIN_TOKENS <= len(tokens) <= BREADCRUMB_MAX_TOKENS):
        return False
    crumbs = [p for p in re.split(r"[>»›]", text) if p.strip()]
    headline_last = len(crumbs) >= 3 and len(_token(crumbs[-1])) <= BREADCRUMB_LAST_MAX
    if headline_last:
        head_text = ">".join(crumbs[:-1])
        tokens = [t for t in (_token(p) for p in _BREADCRUMB_SPLIT.split(head_text)) if t]
    elif _CRUMB_PUNCT.search(text):
        return False
    if _CRUMB_PUNCT.search(">".join(crumbs[:-1]) if headline_last else text):
        return False
    if any(len(t) > NAV_MAX_TOKEN for t in tokens):
        return False
    lex = lexicon()
    if any(t in lex.breadcrumb_words for t in tokens):
        return True
    # A section of a site (搜狐号 > 科技, 东方财富网 > 财经频道) needs a ``>`` trail.
    return bool(re.search(r"[>»›]", text)) and any(
        t.endswith(lex.breadcrumb_suffixes) for t in tokens
    )


def is_byline(line: str) -> bool:
    """A byline or credits line: ``作者|张琪``, ``文 | 定焦 One,作者 | 王璐,编辑 | 魏佳``,
    or an outlet before the label: ``界面新闻记者 | 张三``, ``腾讯新闻《潜望》 作者 王雨``
    (see ``prefixed_byline``)."""
    lex = lexicon()
    key = line_key(line)
    if len(key) > lex.byline_max_len or re.search(r"[。?!]", key):
        return False
    if lex.byline_start.match(key) or prefixed_byline(line) is not None:
        return True
    return is_field_line(line)


def is_field_line(line: str) -> bool:
    """A line made only of ``label:value`` fields, one label a byline label
    (``评级:看好 分析师:何某 执业编号:S0110521050001``)."""
    text = normal_form(line)
    fields = _FIELD.findall(text)
    if len(fields) < FIELD_MIN or len(_FIELD.sub("", text).strip()) > 0:
        return False
    roles = lexicon().byline_roles
    return any(line_key(label) in roles for label, _ in fields)


def prefixed_byline(line: str) -> tuple[str, str] | None:
    """(label, name) of a byline with a short outlet name before its label.

    The label has two characters or more (记者, 作者, 编辑), a separator or a space
    follows it and the rest is one name of two to four Han characters, so a title
    such as ``一位作者的自白`` (no space after the label) is not a byline."""
    text = normal_form(line)
    if len(text) > BYLINE_PREFIXED_MAX_LEN:
        return None
    match = lexicon().byline_prefixed.match(text)
    return (match["label"], match["name"]) if match else None


def is_original_mark(line: str) -> bool:
    """WeChat's head line ``原创 李明 智能车参考 2024年03月18日 08:30 北京``: 原创, then
    a space or separator and names, no sentence. (``原创内容的价值`` is a heading.)"""
    text = normal_form(line)
    if len(text) > ORIGINAL_MARK_MAX_LEN or re.search(r"[。!?;,]", text):
        return False
    return bool(_ORIGINAL_MARK.match(text))


def is_disclaimer(line: str) -> bool:
    """A reprint or platform disclaimer (``特别声明:本文为...转载``, ``...不代表X立场``)."""
    lex = lexicon()
    key = line_key(line)
    if len(key) > lex.disclaimer_max_len:
        return False
    if not (lex.disclaimer_starts.search(key) or any(s in key for s in lex.disclaimer_stances)):
        return False
    return any(word in key for word in lex.disclaimer_keywords)


@lru_cache(maxsize=4096)
def chrome_reason(line: str) -> str | None:
    """Why the line is site chrome wherever it appears, or None if it is not.

    Kept per line: the title, metadata and chrome passes ask about the same lines,
    and clippings repeat their chrome lines from article to article."""
    if not line.strip() or _FOOTNOTE.match(line) or _TABLE.match(line):
        return None
    if is_decoration(line):
        return "decoration"
    if captions.is_caption(line):
        return "caption"
    lex = lexicon()
    key = line_key(line)
    if not key:
        return None
    if is_button_line(line):
        return "button"
    for name, pattern, max_len in lex.patterns:
        if len(key) <= max_len and pattern.search(key):
            return name
    if is_breadcrumb(line):
        return "breadcrumb"
    if is_byline(line):
        return "byline"
    if is_original_mark(line):
        return "original-mark"
    if is_disclaimer(line):
        return "disclaimer"
    if len(key) <= lex.legal_max_len and any(word in key for word in lex.legal):
        return "legal"
    if (
        len(key) <= lex.phrase_max_len
        and "。" not in key
        and any(phrase in key for phrase in lex.phrases)
    ):
        return "phrase"
    return None


def is_chrome_line(line: str) -> bool:
    return chrome_reason(line) is not None


def title_key(title: str | None) -> str:
    return line_key(title) if title else ""


def is_spam_line(line: str, title: str | None = None) -> bool:
    """SEO spam: several short segments joined by , / | _ and no sentence punctuation."""
    text = normal_form(line)
    if not text or structure.is_markdown_line(line):
        return False
    if title and line_key(line) == title_key(title):
        return False
    if _SENTENCE.search(text) or prose.reads_as_prose(line) or _DOCUMENT.search(text):
        return False
    if is_nav_line(line):
        return True
    if "，" in line:
        # Clauses joined by full-width commas are prose that lost its full stop; an
        # unrelated list written so is caught by ``is_unrelated_list``.
        return False
    segments = [s for s in (seg.strip() for seg in _SPAM_SPLIT.split(text)) if s]
    # Segments are words (Han or letters; ``str.isalpha`` is true of both): numbers
    # and punctuation joined so (``0>、0>0``) are not a list of keywords.
    if sum(any(c.isalpha() for c in s) for s in segments) < SPAM_MIN_SEGMENTS:
        return False
    return all(len(s.replace(" ", "")) <= SPAM_MAX_SEGMENT for s in segments)


def is_nav_line(line: str) -> bool:
    """A navigation bar: many short words separated by spaces, no sentence punctuation
    (``新浪首页 新闻 体育 财经 娱乐 科技``). Most of the words must be short runs of
    Han characters, so a title with Latin names and numbers (``OpenAI 发布 GPT-4o
    mini``) is not one."""
    text = normal_form(line)
    if not text or structure.is_markdown_line(line) or re.search(r"[。!?;,:…]", text):
        return False
    tokens = [t for t in _NAV_SPLIT.split(text) if t]
    if len(tokens) < NAV_MIN_TOKENS or any(len(t) > NAV_MAX_TOKEN for t in tokens):
        return False
    short_han = sum(1 for t in tokens if _SHORT_HAN.fullmatch(t))
    return short_han >= NAV_HAN_SHARE * len(tokens)


@lru_cache(maxsize=2048)
def grams(text: str) -> frozenset[str]:
    """Character bigrams of the Han runs and the Latin words (two letters or more) of
    a text, in ``normal_form``: what a line shares with the article it is in (kept
    per line: the head and the title passes each build a ``Context`` of the page)."""
    text = normal_form(MARKED_RE.sub("", text))
    found = {word for word in _LATIN_WORD.findall(text) if len(word) >= 2}
    for run in HAN_RUN_RE.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(found)


class Context:
    """The grams of a document's lines, to ask what one line shares with the rest."""

    def __init__(self, lines: list[str]) -> None:
        # Counted when first asked (few pages have a line that gets this far), in C:
        # the head and title passes each build one for the whole page.
        self._lines = tuple(lines)
        self._counts: dict[str, int] | None = None

    @property
    def counts(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = dict(Counter(chain.from_iterable(map(grams, self._lines))))
        return self._counts

    @property
    def size(self) -> int:
        return len(self.counts)

    def related_share(self, line: str) -> float:
        """Share of the line's grams that also occur in another line of the document."""
        own = grams(line)
        if not own:
            return 1.0
        # The line's own copy counts once; a gram is shared when another line has it.
        return sum(1 for gram in own if self.counts.get(gram, 0) > 1) / len(own)


def is_unrelated_list(line: str, context: Context) -> bool:
    """SEO spam of a kind ``is_spam_line`` cannot tell from an enumeration: short
    segments joined by ``、`` or spaces (``免费在线观看高清电影、最新热播电视剧大全、…``),
    no sentence punctuation, and almost nothing in common with the rest of the page
    (an enumeration such as ``第一梯队：百度、阿里、腾讯`` names what the article is about)."""
    text = normal_form(line)
    if not text or structure.is_markdown_line(line) or _SENTENCE.search(text):
        return False
    if prose.reads_as_prose(line):
        return False
    # Split the line as written: clauses joined by full-width commas are prose.
    segments = [seg for seg in _LIST_SPLIT.split(line.strip()) if seg.strip()]
    if len(segments) < SPAM_MIN_SEGMENTS or len(grams(line)) < UNRELATED_MIN_GRAMS:
        return False
    if context.size < UNRELATED_MIN_CONTEXT:
        return False  # too little page to say what it is about
    return context.related_share(line) <= UNRELATED_MAX_SHARE


def is_content_line(line: str) -> bool:
    """A real paragraph: long enough, written in sentences, and in words (digits and
    marks alone are not: ``0、000000000。`` is no paragraph)."""
    key = line_key(line)
    if not _WORD_CHAR.search(key):
        return False
    if len(key) >= CONTENT_MIN_LEN and _SENTENCE.search(key):
        return True
    return len(key) >= CONTENT_LONG_LEN and not is_spam_line(line)


def is_weak_line(line: str) -> bool:
    """A short line without sentence punctuation (a label, a link, a heading...)."""
    if _FOOTNOTE.match(line) or _TABLE.match(line):
        return False
    key = line_key(line)
    return bool(key) and len(key) <= WEAK_MAX_LEN and not _STRONG_SENTENCE.search(key)


def is_minor(line: str) -> bool:
    """Button-sized or bullet-marked line (nav items such as ``• 关于ZAKER 合作``)."""
    stripped = line.strip()
    return len(line_key(line)) <= MINOR_MAX_LEN or bool(re.match(r"^[•·▪●◆■►▶]", stripped))


def is_field(line: str) -> bool:
    """A ``label:value`` line of a widget (``文件大小:241.12MB``, ``界面语言:简体中文``)."""
    key = line_key(line)
    return len(key) <= FIELD_LINE_MAX and bool(_FIELD_LINE.match(key))


def is_decoration(line: str) -> bool:
    """A line of bullets, dots or bars only (a lone ``●``, ``…………``, ``|``)."""
    return bool(line.strip()) and bool(_DECORATION.match(line))


def is_name_and_post(line: str) -> bool:
    """A photo caption naming an organisation's officer: ``星河集团董事长兼首席执行官陈某``
    (a post from ``person_posts`` in data/chrome.yaml, then a name, nothing else)."""
    text = normal_form(line).replace(" ", "")
    if len(text) > NAME_POST_MAX_LEN or re.search(r"[。,!?;:、()]", text):
        return False
    return bool(lexicon().name_post.search(text))


def breadcrumb_last(line: str) -> str | None:
    """The last crumb of a breadcrumb line, as written, or None."""
    if not is_breadcrumb(line):
        return None
    text = re.sub(
        r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置是?|现在的位置)\s*[:：]\s*",
        "",
        line.strip(),
    )
    parts = [p.strip() for p in re.split(r"[>»›/＞]", text) if p.strip()]
    return parts[-1] if parts else None
