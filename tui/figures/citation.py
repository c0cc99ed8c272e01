"""Citations for writing: a figure, an article or a quotation with its source.

The wording comes from templates in ``citation.yaml`` in the user's config
directory (``tui.text.paths.config_dir()``), written with the defaults and a
comment on first use. ``style`` picks a set of templates (``plain`` or
``footnote``, or a set of the user's own under ``styles``); each set has a
``figure``, an ``article`` and a ``quotation`` template with ``{field}`` slots
(see ``FIELDS``). A template with a mistake (an unknown field, a lone brace)
is reported in a message and the built-in one is used instead.

A field that is empty takes the separator before it away (``《标题》，{site}，
{date}`` without a site reads ``《标题》，2025-06-18``), and brackets left empty
go too. The whole citation, template text included, is converted to one
script (``hans`` or ``hant``): never ``腾讯…767億元``. Paths, links, dates and
footnote keys are never converted.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tui.text import paths as app_paths
from tui.text.models import Article, Figure
from tui.text.script import HANS, HANT, to_simplified, to_traditional

CONFIG_NAME = "citation.yaml"
KINDS = ("figure", "article", "quotation")

# Fields a template may use, with what they hold.
FIELDS: dict[str, str] = {
    "company": "the figure's company",
    "period": "its period as written in a sentence (2024年, 2025年第一季度)",
    "metric": "its metric (资本开支)",
    "figure": "the number as written in the article (767亿元)",
    "title": "the article's title",
    "site": "its site",
    "date": "its date (YYYY-MM-DD)",
    "author": "its author",
    "link": "the URL from its front matter, else the source file's path",
    "url": "the URL from its front matter",
    "path": "the source file's path",
    "quote": "the quoted sentence or paragraph, in 「」 or “”",
    "key": "a short footnote label for the article",
}
# Fields never converted between scripts.
_VERBATIM = frozenset({"link", "url", "path", "date", "key"})

DEFAULT_CONFIG = """\
# jiedu citation templates (引用格式), used by y, Y and Q in the reader and by
# `python -m tui pick`. Edit and reopen the reader; a template with a mistake is
# reported and the built-in one is used instead. Delete this file to get it back.
#
# style: the set of templates to use: plain or footnote (or one of your own
#   under styles).
# Fields:
#   {company} {period} {metric} {figure}  the figure's company, period (2024年,
#       2025年第一季度), metric and the number as written in the article
#   {title} {site} {date} {author}        the article's
#   {link}   the URL from the article's front matter, else its source file's path
#   {url} {path}                          each on its own
#   {quote}  the quoted sentence or paragraph, in 「」 (Traditional) or “” (Simplified)
#   {key}    a short footnote label for the article
# An empty field takes the separator before it away (no "，，"), empty brackets
# go too. The whole citation follows the script shown in the reader (key s).
style: plain
styles:
  plain:
    figure: "{company}{period}{metric}{figure}（《{title}》，{site}，{date}）"
    article: "《{title}》，{site}，{date}，{link}"
    quotation: "{quote}（《{title}》，{site}，{date}）"
  footnote:
    figure: "{company}{period}{metric}{figure}[^{key}]\\n\\n[^{key}]: 《{title}》，{site}，{date}，{link}"
    article: "[^{key}]: 《{title}》，{site}，{date}，{link}"
    quotation: "{quote}[^{key}]\\n\\n[^{key}]: 《{title}》，{site}，{date}，{link}"
"""

_DEFAULTS: dict[str, dict[str, str]] = yaml.safe_load(DEFAULT_CONFIG)["styles"]
DEFAULT_STYLE = "plain"


@dataclass(frozen=True)
class CitationConfig:
    """The templates in use (kind -> template) and what was wrong with the file."""

    style: str
    templates: dict[str, str]
    problems: tuple[str, ...] = ()
    path: Path | None = None


def config_path() -> Path:
    return app_paths.config_dir() / CONFIG_NAME


def template_problem(template: object) -> str | None:
    """What is wrong with a template, or None when it is usable."""
    if not isinstance(template, str):
        return f"not a text but {type(template).__name__}"
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:  # a lone { or }
        return f"{exc} (write {{{{ and }}}} for a brace)"
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in FIELDS:
            known = " ".join(f"{{{f}}}" for f in FIELDS)
            return f"unknown field {{{name}}} (known: {known})"
        if spec or conversion:
            return f"{{{name}}}: no format options allowed"
    return None


def default_config(problems: tuple[str, ...] = (), path: Path | None = None) -> CitationConfig:
    return CitationConfig(DEFAULT_STYLE, dict(_DEFAULTS[DEFAULT_STYLE]), problems, path)


def load_config(path: Path | None = None, *, create: bool = True) -> CitationConfig:
    """The templates from the config file, written with the defaults when missing.

    Problems (unreadable YAML, an unknown style, a broken template) are collected
    as messages; whatever is wrong falls back to the built-in template.
    """
    path = path or config_path()
    if not path.exists():
        if create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(DEFAULT_CONFIG, encoding="utf-8")
            except OSError:
                pass  # a read-only config directory: the defaults still work
        return default_config(path=path)
    name = path.name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return default_config((f"{name}: cannot read it ({reason}); using the default",), path)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return default_config((f"{name}: expected style: and styles:, using the default",), path)
    problems: list[str] = []
    user_styles = raw.get("styles") or {}
    if not isinstance(user_styles, dict):
        problems.append(f"{name}: styles must be a mapping of sets of templates")
        user_styles = {}
    style = str(raw.get("style") or DEFAULT_STYLE)
    if style not in user_styles and style not in _DEFAULTS:
        known = ", ".join(sorted({*_DEFAULTS, *map(str, user_styles)}))
        problems.append(f"{name}: no style {style!r} (known: {known}); using {DEFAULT_STYLE}")
        style = DEFAULT_STYLE
    builtin = _DEFAULTS.get(style, _DEFAULTS[DEFAULT_STYLE])
    chosen = user_styles.get(style) or {}
    if not isinstance(chosen, dict):
        problems.append(f"{name}: styles.{style} must map figure/article/quotation to templates")
        chosen = {}
    templates: dict[str, str] = {}
    for kind in KINDS:
        template = chosen.get(kind, builtin[kind])
        problem = template_problem(template)
        if problem is not None:
            problems.append(f"{name}: styles.{style}.{kind}: {problem}; using the default")
            template = builtin[kind]
        templates[kind] = str(template)
    return CitationConfig(style, templates, tuple(problems), path)


# -- the source of a citation ------------------------------------------------------

_URL_KEYS = ("url", "link", "source_url", "original_url", "source", "canonical", "href")


def front_matter_url(front_matter: dict[str, Any]) -> str | None:
    """The article's address from its front matter, when it has one."""
    for key in _URL_KEYS:
        value = front_matter.get(key)
        if isinstance(value, str) and re.match(r"https?://\S+$", value.strip()):
            return value.strip()
    return None


@dataclass(frozen=True)
class Source:
    """Where a citation points: an article's title, site, date, author and address."""

    title: str
    site: str | None = None
    date: str | None = None
    author: str | None = None
    path: str | None = None
    url: str | None = None
    key: str = ""
    script: str = HANS  # the article's own script

    @classmethod
    def of(cls, article: Article) -> Source:
        return cls(
            title=article.title,
            site=article.site,
            date=article.date,
            author=article.author,
            path=article.source_path or None,
            url=front_matter_url(article.front_matter or {}),
            key=(article.id or "")[:8],
            script=article.script,
        )

    def fields(self) -> dict[str, str | None]:
        return {
            "title": self.title,
            "site": self.site,
            "date": self.date,
            "author": self.author,
            "link": self.url or self.path,
            "url": self.url,
            "path": self.path,
            "key": self.key or None,
        }


# -- wording -----------------------------------------------------------------------

_QUARTERS = "一二三四"


def period_text(period: str | None) -> str:
    """A period as it reads in a sentence: ``2024`` → ``2024年``, ``2025Q1`` →
    ``2025年第一季度``, ``2025H1`` → ``2025年上半年``, ``2025-03`` → ``2025年3月``,
    ``FY2026Q1`` → ``2026财年第一季度``; others unchanged."""
    if not period:
        return ""
    match = re.fullmatch(r"(FY)?(\d{4})(?:Q([1-4])|H([12])|-(\d{2}))?", period)
    if match is None:
        return period
    fiscal, year, quarter, half, month = match.groups()
    text = f"{year}财年" if fiscal else f"{year}年"
    if quarter:
        text += f"第{_QUARTERS[int(quarter) - 1]}季度"
    elif half:
        text += "上半年" if half == "1" else "下半年"
    elif month:
        text += f"{int(month)}月"
    return text


def quote_marks(script: str) -> tuple[str, str]:
    """Quotation marks of the script: 「」 in Traditional, “” in Simplified."""
    return ("「", "」") if script == HANT else ("“", "”")


def quoted(text: str, script: str) -> str:
    """The text in the script's quotation marks; quotes inside become inner quotes."""
    if script == HANT:
        inner = text.replace("「", "『").replace("」", "』")
        inner = inner.replace("“", "『").replace("”", "』")
    else:
        inner = text.replace("“", "‘").replace("”", "’")
        inner = inner.replace("「", "‘").replace("」", "’")
    opening, closing = quote_marks(script)
    return f"{opening}{inner}{closing}"


def convert(text: str, script: str) -> str:
    return to_traditional(text) if script == HANT else to_simplified(text)


_EMPTY = "\x00"
_SEP = r"[，,、；;：:·|/ 　\-–—]"
_OPENERS = r"[（(《〈\[【「『“‘]"
_EMPTY_AT_START = re.compile(rf"(^|{_OPENERS}|\n){_SEP}*{_EMPTY}+{_SEP}*", re.MULTILINE)
_EMPTY_AFTER_SEP = re.compile(rf"{_SEP}*{_EMPTY}")
_EMPTY_BRACKETS = re.compile(r"（\s*）|\(\s*\)|《\s*》|〈\s*〉|【\s*】|\[\s*\]|「\s*」|“\s*”")
_SLOT = 0xE000  # private-use characters stand for verbatim fields during conversion


def render(template: str, values: dict[str, str | None], script: str) -> str:
    """Fill the template, drop empty fields with their separators, and convert the
    whole text to ``script`` (verbatim fields excepted)."""
    verbatim: list[str] = []
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        value = (values.get(name) or "").strip()
        if not value:
            out.append(_EMPTY)
        elif name in _VERBATIM:
            out.append(chr(_SLOT + len(verbatim)))
            verbatim.append(value)
        else:
            out.append(value)
    text = _EMPTY_AT_START.sub(r"\1", "".join(out))
    text = _EMPTY_AFTER_SEP.sub("", text)
    text = _EMPTY_BRACKETS.sub("", text)
    text = convert(text, script)
    for index, value in enumerate(verbatim):
        text = text.replace(chr(_SLOT + index), value)
    return text.strip()


def _script(source: Source, simplified: bool) -> str:
    return HANS if simplified else source.script


def figure_citation(
    figure: Figure,
    source: Source,
    *,
    simplified: bool,
    text: str | None = None,
    config: CitationConfig | None = None,
) -> str:
    """The figure with its source (``text``: the figure as written, default its own)."""
    config = config or load_config()
    values = {
        **source.fields(),
        "company": figure.company,
        "period": period_text(figure.period),
        "metric": figure.metric,
        "figure": text if text is not None else figure.text,
    }
    return render(config.templates["figure"], values, _script(source, simplified))


def article_citation(
    source: Source, *, simplified: bool, config: CitationConfig | None = None
) -> str:
    """The article's citation: title, site, date and its address."""
    config = config or load_config()
    return render(config.templates["article"], source.fields(), _script(source, simplified))


def quotation_citation(
    quote: str, source: Source, *, simplified: bool, config: CitationConfig | None = None
) -> str:
    """The quote in the script's quotation marks, followed by its citation."""
    config = config or load_config()
    script = _script(source, simplified)
    values = {**source.fields(), "quote": quoted(convert(quote, script), script)}
    return render(config.templates["quotation"], values, script)


# -- what a quotation quotes --------------------------------------------------------

_BLANK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")


def paragraph_span(body: str, offset: int) -> tuple[int, int]:
    """[start, end) of the paragraph (text between blank lines) holding ``offset``."""
    offset = max(0, min(offset, len(body)))
    start = 0
    for match in _BLANK.finditer(body):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            return start, match.start()
    return start, len(body)


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the sentence holding body[start:end], within its paragraph."""
    first, last = paragraph_span(body, start)
    sentence_start = first
    for match in _SENTENCE_END.finditer(body, first, last):
        if match.end() <= start:
            sentence_start = match.end()
        elif match.end() >= end:
            return sentence_start, match.end()
    return sentence_start, last


_MARKUP = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"^[ \t]*(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__|`)"), ""),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
)


def plain_text(markdown: str) -> str:
    """Markdown text as words only: no markup, lines joined (with a space only
    between Latin words)."""
    text = markdown
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii():
            out += " "
        out += line
    return out


def quotation_text(body: str, start: int, end: int, *, sentence: bool) -> str:
    """The words to quote for body[start:end]: its sentence (``sentence``) or its
    whole paragraph, as plain text."""
    first, last = sentence_span(body, start, end) if sentence else paragraph_span(body, start)
    return plain_text(body[first:last])


_NOT_PROSE = re.compile(r"^\s*(?:#{1,6}\s|[-*_]{3,}\s*$|!\[|\|)")


def quote_for(
    body: str,
    *,
    figure: tuple[int, int] | None = None,
    match: tuple[int, int] | None = None,
    offset: int = 0,
) -> str:
    """What ``Q`` quotes: the sentence of the selected figure, else the paragraph of
    the search match, else the first paragraph of prose from ``offset`` on (the top
    of the screen; headings, rules, images and tables are skipped)."""
    if figure is not None:
        return quotation_text(body, figure[0], figure[1], sentence=True)
    if match is not None:
        return quotation_text(body, match[0], match[1], sentence=False)
    position = max(0, min(offset, len(body)))
    while position < len(body):
        start, end = paragraph_span(body, position)
        text = body[start:end]
        if text.strip() and not _NOT_PROSE.match(text):
            return plain_text(text)
        following = _BLANK.search(body, end)
        if following is None:
            break
        position = following.end()
    return ""
