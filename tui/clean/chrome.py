"""Removal of site chrome, SEO spam, repeated titles and repeated paragraphs.

``strip_chrome(lines, title)`` works on the article's lines after HTML, pinyin and
mojibake repair, once metadata has read what it needs from them. Every rule is a
small function:

- ``chrome_reason``: a line of site chrome wherever it is (buttons, comment
  widgets, share and QR prompts, captcha, copyright, ICP and police numbers,
  reprint disclaimers, bylines, tag lines, timestamps, image placeholders), from
  the lexicon in ``data/chrome.yaml``;
- ``is_spam_line``: an SEO spam line (several short segments joined by ``,`` ``/``
  ``|`` without sentence punctuation; clauses joined by full-width commas are
  prose) or a navigation bar (``is_nav_line``: many short Han words) in the head
  or tail of the page;
- ``is_unrelated_list``: in the head, a list joined by ``、`` or spaces that shares
  almost no character bigrams with the rest of the page (``Context``);
- the head of the page (before the first real paragraph): everything before the
  title line goes, and short button-like lines after it;
- the tail of the page: from the first chrome line (or link list) after the last
  real paragraph, everything goes (comment boxes, footers, related lists); a
  punctuated legal sentence is chrome only near the head or tail;
- copies of the title (also glued to the first paragraph) and any paragraph
  repeated verbatim (kept once).

Lines are compared through ``line_key``: injected pinyin dropped, Simplified,
half-width punctuation, no whitespace, no leading bullets, case-folded. The lines
returned are the original lines (minus what was removed), blank lines kept as
paragraph separators.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yaml

from tui.clean import structure
from tui.text import script
from tui.text.paths import data_file

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_BRACKET = re.compile(rf"[(（][a-zA-Zü{_TONED}]*[{_TONED}][a-zA-Zü{_TONED}]*[)）]")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")
_SPACE = re.compile(r"\s+")
_LEADING_MARKS = re.compile(r"^[•·▪●◆■►▶*\-–—>#]+")
_TOKEN_SPLIT = re.compile(r"[\s|/,、:;·•]+")
_TOKEN_MARKS = "-—–=*_~()[]【】<>《》»«›‹→.…"
_BREADCRUMB_SEP = re.compile(r"[>»›/]")
_BREADCRUMB_SPLIT = re.compile(r"[\s>»›/|]+")
_BREADCRUMB_LEAD = re.compile(r"^\s*(?:当前位置|您的位置|你的位置)\s*:\s*")
BREADCRUMB_MIN_TOKENS = 2  # a breadcrumb trail has this many words or more...
BREADCRUMB_MAX_TOKENS = 6  # ...and at most this many
_TITLE_LABEL_KEY = re.compile(r"^(?:文章|新闻)?标题:")
_SENTENCE = re.compile(r"[。!?;…]")
_STRONG_SENTENCE = re.compile(r"[。;…]")
_SPAM_SPLIT = re.compile(r"[,/|_>»›]+")
_NAV_SPLIT = re.compile(r"[\s|·•/]+")
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_LIST_SPLIT = re.compile(r"[,/|_>»›、\s]+")
_MARKED = re.compile(r"〔乱码：[^〕\n]*〕")
_LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9.\-]*[a-z0-9]|[a-z]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_REPRINT_HEADER = re.compile(
    r"^以下(?:文章|内容)(?:来源于|来自|转载自)\s*(?:微信公众号|公众号)?\s*:?\s*(?P<name>[^\s,]{2,24})"
)
_ORIGINAL_MARK = re.compile(r"^原创(?:\s+|\s*[:|丨]\s*)\S")
_SHORT_HAN = re.compile(r"[\u4e00-\u9fff]{1,4}")
_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
)
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_DATE_LABELS = re.compile(r"(发布|发表|更新|时间|日期|于|来源|:)")
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]]+\]:")
_TABLE = re.compile(r"^\s*\|")
_FENCE = re.compile(r"^\s*(```|~~~)")

LEGAL_HEAD = 6  # non-blank lines at the top where a punctuated legal notice is chrome
LEGAL_TAIL = 15  # ... and at the bottom
_LEGAL_REASONS = frozenset({"legal", "all-rights"})
HEAD_SCAN = 15  # non-blank lines looked at for the head of the page
GLUED_SCAN = 8  # non-blank lines where a title glued to a paragraph is looked for
CONTENT_MIN_LEN = 12  # a real paragraph: at least this long, with sentence punctuation
CONTENT_LONG_LEN = 60  # ... or at least this long whatever its punctuation
WEAK_MAX_LEN = 30  # short line without sentence punctuation: maybe chrome near head/tail
MINOR_MAX_LEN = 4  # button-sized line
TOC_MIN_ENTRIES = 2  # a table of contents above the article lists this many headings...
TOC_MAX_LEN = 30  # ...each at most this long
DEDUPE_MIN_LEN = 6  # shorter repeated lines are kept (list items, labels)
TIMESTAMP_MAX_LEN = 60  # a timestamp line is short...
TIMESTAMP_REST_MAX_LEN = 16  # ...and mostly the date (a site name may follow)
NAV_MIN_TOKENS = 5  # a navigation bar has at least this many words...
NAV_MAX_TOKEN = 8  # ...none longer than this...
NAV_HAN_SHARE = 0.9  # ...and nearly all of them short runs of Han characters
BYLINE_PREFIX_MAX = 10  # an outlet name before a byline label (界面新闻记者 | 张三)
BYLINE_PREFIXED_MAX_LEN = 30
UNRELATED_MIN_GRAMS = 8  # enough of a line to judge what it shares with the page
UNRELATED_MAX_SHARE = 0.1  # an unrelated list shares at most this share of its grams
UNRELATED_MIN_CONTEXT = 150  # distinct grams a page needs before relatedness means much
ORIGINAL_MARK_MAX_LEN = 60
ACCOUNT_CARD_LINES = 3  # lines under a reprint header that may be the account's card
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


def drop_pinyin_brackets(text: str) -> str:
    """The text without bracketed tone-marked pinyin (for matching only)."""
    return _PINYIN_BRACKET.sub("", text)


def _normal(text: str) -> str:
    """Simplified, NFKC (half-width punctuation), pinyin brackets dropped, case-folded;
    whitespace collapsed but kept."""
    text = _ZERO_WIDTH.sub("", text)
    text = _PINYIN_BRACKET.sub("", text)
    text = unicodedata.normalize("NFKC", script.to_simplified(text))
    return _SPACE.sub(" ", text).strip().casefold()


@lru_cache(maxsize=8192)
def normal_form(text: str) -> str:
    """The line in Simplified, half-width punctuation, case-folded (spaces kept)."""
    return _normal(text)


@lru_cache(maxsize=8192)
def line_key(text: str) -> str:
    """The comparison key of a line: ``normal_form`` without whitespace or bullets."""
    key = _SPACE.sub("", normal_form(text))
    return _LEADING_MARKS.sub("", key)


def _token(text: str) -> str:
    return line_key(text).strip(_TOKEN_MARKS)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load data/chrome.yaml once."""
    with data_file("chrome.yaml").open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
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
    )


def is_button_line(line: str) -> bool:
    """A line made only of button or navigation words ("订阅", "分享 收藏 举报")."""
    lex = lexicon()
    key = line_key(line).strip(_TOKEN_MARKS + ":")
    if not key:
        return False
    if key in lex.buttons:
        return True
    tokens = [t for t in (_token(p) for p in _TOKEN_SPLIT.split(normal_form(line))) if t]
    if not tokens:
        return False
    allowed = lex.buttons | lex.ambiguous_buttons
    if not all(t in allowed for t in tokens):
        return False
    return len(tokens) >= 2 or tokens[0] in lex.buttons


def is_breadcrumb(line: str) -> bool:
    """A breadcrumb trail: a few short words joined by ``>`` ``»`` ``›`` or ``/``, one
    of them a navigation word (``首页 / 科技``, ``财新网 > 科技 > 正文``) or, with ``>``,
    the name of a site or section (``搜狐号 > 科技``). A headline with a slash
    (``OpenAI/微软的新合作``) has neither."""
    text = _BREADCRUMB_LEAD.sub("", normal_form(line))
    if not _BREADCRUMB_SEP.search(text) or re.search(r"[。!?;,:，]", text):
        return False
    tokens = [t for t in (_token(p) for p in _BREADCRUMB_SPLIT.split(text)) if t]
    if not (BREADCRUMB_MIN_TOKENS <= len(tokens) <= BREADCRUMB_MAX_TOKENS):
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
    return bool(lex.byline_start.match(key)) or prefixed_byline(line) is not None


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


def chrome_reason(line: str) -> str | None:
    """Why the line is site chrome wherever it appears, or None if it is not."""
    if not line.strip() or _FOOTNOTE.match(line) or _TABLE.match(line):
        return None
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
    if _SENTENCE.search(text):
        return False
    if is_nav_line(line):
        return True
    if "，" in line:
        # Clauses joined by full-width commas are prose that lost its full stop; an
        # unrelated list written so is caught by ``is_unrelated_list``.
        return False
    segments = [s for s in (seg.strip() for seg in _SPAM_SPLIT.split(text)) if s]
    if len(segments) < SPAM_MIN_SEGMENTS:
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


def grams(text: str) -> set[str]:
    """Character bigrams of the Han runs and the Latin words (two letters or more) of
    a text, in ``normal_form``: what a line shares with the article it is in."""
    text = normal_form(_MARKED.sub("", text))
    found = {word for word in _LATIN_WORD.findall(text) if len(word) >= 2}
    for run in _HAN_RUN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


class Context:
    """The grams of a document's lines, to ask what one line shares with the rest."""

    def __init__(self, lines: list[str]) -> None:
        self.counts: dict[str, int] = {}
        for line in lines:
            for gram in grams(line):
                self.counts[gram] = self.counts.get(gram, 0) + 1
        self.size = len(self.counts)

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
    # Split the line as written: clauses joined by full-width commas are prose.
    segments = [seg for seg in _LIST_SPLIT.split(line.strip()) if seg.strip()]
    if len(segments) < SPAM_MIN_SEGMENTS or len(grams(line)) < UNRELATED_MIN_GRAMS:
        return False
    if context.size < UNRELATED_MIN_CONTEXT:
        return False  # too little page to say what it is about
    return context.related_share(line) <= UNRELATED_MAX_SHARE


def timestamp_date(line: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a timestamp line such as ``2025-08-21 17:19`` or
    ``发布时间:2025年8月21日 新浪科技``: a short line that is mostly a full date."""
    text = normal_form(line)
    if not text or len(text) > TIMESTAMP_MAX_LEN or re.search(r"[。!?;]", text):
        return None
    match = _DATE.search(text)
    if not match:
        return None
    rest = _DATE_LABELS.sub("", _TIME.sub("", text[: match.start()] + text[match.end() :]))
    if len(_SPACE.sub("", rest)) > TIMESTAMP_REST_MAX_LEN:
        return None
    return int(match["y"]), int(match["m"]), int(match["d"])


def is_content_line(line: str) -> bool:
    """A real paragraph: long enough and written in sentences."""
    key = line_key(line)
    if len(key) >= CONTENT_MIN_LEN and _SENTENCE.search(key):
        return True
    return len(key) >= CONTENT_LONG_LEN and not is_spam_line(line)


def is_weak_line(line: str) -> bool:
    """A short line without sentence punctuation (a label, a link, a heading...)."""
    if _FOOTNOTE.match(line) or _TABLE.match(line):
        return False
    key = line_key(line)
    return bool(key) and len(key) <= WEAK_MAX_LEN and not _STRONG_SENTENCE.search(key)


def _is_minor(line: str) -> bool:
    """Button-sized or bullet-marked line (nav items such as ``• 关于ZAKER 合作``)."""
    stripped = line.strip()
    return len(line_key(line)) <= MINOR_MAX_LEN or bool(re.match(r"^[•·▪●◆■►▶]", stripped))


_CLAUSE_CONTINUES = frozenset(",，、")
_TITLE_SUFFIX = re.compile(r"^[_|\-—–·]+.{1,16}$")


def is_title_copy(line: str, title: str | None) -> bool:
    """The title again, possibly with a page-title suffix (``标题_新浪财经``)."""
    tkey = title_key(title)
    if not tkey or not line.strip():
        return False
    key = _TITLE_LABEL_KEY.sub("", line_key(line))  # 标题:X is the title X
    if key == tkey:
        return True
    return key.startswith(tkey) and bool(_TITLE_SUFFIX.match(key[len(tkey) :]))


def strip_title_prefix(line: str, title: str) -> str | None:
    """The rest of the line when it starts with the title (glued), else None."""
    tkey = title_key(title)
    key = line_key(line)
    if len(tkey) < 4 or not key.startswith(tkey) or len(key) <= len(tkey):
        return None
    text = line.strip()
    if text.startswith(title.strip()):
        rest = text[len(title.strip()) :]
    else:
        rest = None
        for cut in range(1, len(text) + 1):
            if line_key(text[:cut]) == tkey:
                rest = text[cut:]
                break
        if rest is None:
            return None
    if rest.lstrip(" \t")[:1] in _CLAUSE_CONTINUES:
        return None  # "标题，这家公司…": the title's words are the sentence's subject
    rest = rest.lstrip(" \t:：,，、|-—")
    return rest or None


def _protected(lines: list[str]) -> list[bool]:
    """Lines never touched: fenced code, footnote definitions, table rows."""
    flags: list[bool] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            flags.append(True)
            in_fence = not in_fence
            continue
        flags.append(in_fence or bool(_FOOTNOTE.match(line) or _TABLE.match(line)))
    return flags


def _unglue_title(lines: list[str], title: str | None, protected: list[bool]) -> list[str]:
    """Strip the title from the start of a paragraph it was glued to (head only).

    A paragraph equal to an earlier one once that was unglued (the title glued on
    a paragraph that opens with the title's words, then the whole body repeated) is
    the article's own text: it is left for ``_dedupe``, not cut again."""
    if not title:
        return lines
    out = list(lines)
    earlier: set[str] = set()
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip() or protected[index]:
            continue
        seen += 1
        if seen > GLUED_SCAN:
            break
        key = line_key(line)
        rest = strip_title_prefix(line, title)
        if rest is not None and is_content_line(rest) and key not in earlier:
            out[index] = rest
        earlier.add(line_key(out[index]))
    return out


def _head_removals(
    lines: list[str], title: str | None, removed: list[bool], protected: list[bool]
) -> None:
    """Mark spam and chrome before the first real paragraph."""
    tkey = title_key(title)
    indexes = [i for i, line in enumerate(lines) if line.strip() and not protected[i]]
    context = Context(lines)

    def spam(line: str) -> bool:
        return is_spam_line(line, title) or (
            line_key(line) != tkey and is_unrelated_list(line, context)
        )

    head: list[int] = []
    for i in indexes[:HEAD_SCAN]:
        line = lines[i]
        if not removed[i] and line_key(line) != tkey and is_content_line(line) and not spam(line):
            break
        head.append(i)
    else:
        # No real paragraph near the top: only spam is sure enough to remove.
        for i in head:
            if not removed[i] and spam(lines[i]):
                removed[i] = True
        return
    title_at = next((i for i in head if tkey and line_key(lines[i]) == tkey), None)
    for i in head:
        line = lines[i]
        if removed[i] or structure.is_markdown_heading(line):
            continue
        before_title = title_at is not None and i < title_at and not is_content_line(line)
        numbered = structure.heading_style(line.strip()) is not None  # 一、戰略 is a heading
        button_like = (
            is_weak_line(line)
            and not numbered
            and (_is_minor(line) or timestamp_date(line) is not None)
        )
        credit = title_at is not None and i > title_at and _is_credit_pair(line)
        removed[i] = spam(line) or before_title or button_like or credit


def _is_credit_pair(line: str) -> bool:
    """``钛媒体 | 王小川`` under a headline: two or three short words joined by ``|``
    or ``丨`` and no punctuation (outlet and author, column and author)."""
    text = normal_form(line)
    if re.search(r"[。!?;,:，、()]", text):
        return False
    parts = [p.strip() for p in re.split(r"[|丨]", text)]
    return 2 <= len(parts) <= 3 and all(0 < len(p.replace(" ", "")) <= NAV_MAX_TOKEN for p in parts)


def _account_card_removals(lines: list[str], removed: list[bool], protected: list[bool]) -> None:
    """The account card under a reprint header: after ``以下文章来源于晚点LatePost``,
    the next lines that start with the account's name (``晚点LatePost.``,
    ``晚点LatePost是一家…的媒体。``) are its name and blurb, not the article."""
    for index, line in enumerate(lines):
        match = _REPRINT_HEADER.match(normal_form(line)) if line.strip() else None
        if not match:
            continue
        name = line_key(match.group("name"))
        seen = 0
        for after in range(index + 1, len(lines)):
            if not lines[after].strip() or protected[after]:
                continue
            seen += 1
            if seen > ACCOUNT_CARD_LINES or not line_key(lines[after]).startswith(name):
                break
            removed[after] = True


def _tail_removals(lines: list[str], strong: list[bool], removed: list[bool]) -> None:
    """From the first chrome line after the last real paragraph, remove everything.
    A link list or navigation bar there (``关于我们 | 隐私政策 | 网站地图 | …``) counts
    as chrome too."""
    start: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        if strong[i] or (
            not _FOOTNOTE.match(line) and not _TABLE.match(line) and is_spam_line(line)
        ):
            start = i
        elif removed[i] or is_weak_line(line) or not is_content_line(line):
            continue
        else:
            break
    if start is None:
        return
    for i in range(start, len(lines)):
        removed[i] = True


def _head_contents(lines: list[str], removed: list[bool], protected: list[bool]) -> None:
    """A table of contents above the first paragraph: two or more short lines there
    that come again, in the same order, further down (as the section headings). The
    copies above go; the headings stay where the sections are."""
    filled = [i for i, line in enumerate(lines) if line.strip() and not protected[i]]
    first = next((i for i in filled if not removed[i] and is_content_line(lines[i])), None)
    if first is None:
        return
    later = [line_key(lines[i]) for i in filled if i > first and not removed[i]]
    found: list[int] = []
    at = 0
    for i in filled:
        if i >= first or removed[i]:
            continue
        key = line_key(lines[i])
        if not key or len(key) > TOC_MAX_LEN:
            continue
        try:
            at = later.index(key, at) + 1
        except ValueError:
            continue
        found.append(i)
    if len(found) >= TOC_MIN_ENTRIES:
        for i in found:
            removed[i] = True


def _dedupe(lines: list[str], removed: list[bool], protected: list[bool]) -> None:
    """Keep the first copy of any paragraph repeated verbatim."""
    seen: set[str] = set()
    dropped: set[int] = set()
    for i, line in enumerate(lines):
        if removed[i] or protected[i] or not line.strip():
            continue
        if structure.is_markdown_heading(line):
            continue
        key = line_key(line)
        if len(key) < DEDUPE_MIN_LEN:
            continue
        if key in seen:
            removed[i] = True
            dropped.add(i)
        else:
            seen.add(key)
    _dedupe_short_in_repeats(lines, removed, protected, dropped)


def _dedupe_short_in_repeats(
    lines: list[str], removed: list[bool], protected: list[bool], dropped: set[int]
) -> None:
    """A short line (a heading such as ``一、戰略``) seen before is a repeat too when
    the paragraph after it was dropped as a repeat: the whole body was repeated."""
    seen: set[str] = set()
    filled = [i for i, line in enumerate(lines) if line.strip() and not protected[i]]
    for position, i in enumerate(filled):
        key = line_key(lines[i])
        if not key or len(key) >= DEDUPE_MIN_LEN or removed[i]:
            seen.add(key)
            continue
        after = filled[position + 1] if position + 1 < len(filled) else None
        if key in seen and after is not None and after in dropped:
            removed[i] = True
        seen.add(key)


def _collapse_blank(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


def _edge_lines(lines: list[str]) -> set[int]:
    """Indexes of the first ``LEGAL_HEAD`` and last ``LEGAL_TAIL`` non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:LEGAL_HEAD]) | set(filled[-LEGAL_TAIL:])


def _is_strong(line: str, at_edge: bool) -> bool:
    """Chrome for certain. A punctuated sentence that only names a reprint rule or
    right (``该平台规定用户不得转载他人作品。``) is chrome at the head or tail of the
    page, where notices sit, but article text in the middle."""
    reason = chrome_reason(line)
    if reason is None:
        return False
    sentence = bool(_STRONG_SENTENCE.search(line_key(line)))
    return at_edge or reason not in _LEGAL_REASONS or not sentence


def strip_chrome(lines: list[str], title: str | None) -> list[str]:
    """Remove spam, chrome, title copies and repeated paragraphs from the lines."""
    lines = [line.rstrip() for line in lines]
    protected = _protected(lines)
    lines = _unglue_title(lines, title, protected)
    edges = _edge_lines(lines)
    strong = [
        not protected[i] and bool(line.strip()) and _is_strong(line, i in edges)
        for i, line in enumerate(lines)
    ]
    copies = [not protected[i] and is_title_copy(line, title) for i, line in enumerate(lines)]
    removed = [s or c for s, c in zip(strong, copies, strict=True)]
    _account_card_removals(lines, removed, protected)
    _head_removals(lines, title, removed, protected)
    _tail_removals(lines, strong, removed)
    _head_contents(lines, removed, protected)
    _dedupe(lines, removed, protected)
    return _collapse_blank([line for line, gone in zip(lines, removed, strict=True) if not gone])
