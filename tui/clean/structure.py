"""Paragraphs and section headings to Markdown.

``build_markdown`` receives the article's lines after chrome removal (blank lines
kept where the source had them) and returns the Markdown body:

- every prose line is its own paragraph, paragraphs are separated by one blank line
  (scraped pages put one paragraph on each line, with or without blank lines);
- Markdown that is already there is kept as it is: headings, block quotes, lists,
  footnote definitions, tables, rules and fenced code; consecutive structural lines
  stay together (a list, a run of footnotes, a heading directly above them);
- section headings are recognised in plain text (short lines without sentence
  punctuation, or with a numbering marker such as ``一、``, ``①``, ``第一梯队:``)
  and emitted as ``##`` / ``###`` headings. A document that already has Markdown
  headings is left alone, which also makes the step idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.text import script
from tui.text.data import load_yaml
from tui.text.han import HAN_CLASS

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_STRUCTURAL = re.compile(
    r"^(?:#{1,6}\s|>|[-*+]\s|\d{1,3}[.)]\s|\[\^[^\]]+\]:|\||```|~~~|(?:-{3,}|\*{3,}|_{3,})\s*$)"
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_BULLET = re.compile(r"^[•·▪●◆■►▶]\s*")

# Sentence punctuation: a line containing one of these is prose, not a heading.
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;…]")
_TRAILING_NO_HEADING = re.compile(r"[:：,，、\-—]$")
_WORDY = re.compile(rf"[{HAN_CLASS}A-Za-z]")
_CJK_NUM = "一二三四五六七八九十百零〇两"

# Numbering styles, tried in order; the name identifies the style for levels.
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"^[{_CJK_NUM}]+\s*[、.．]\s*")),
    ("cn-paren", re.compile(rf"^[(（][{_CJK_NUM}]+[)）]\s*")),
    ("circled", re.compile(r"^[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe]\s*")),
    (
        "ordinal",
        re.compile(
            rf"^第[{_CJK_NUM}\d]+(?:章|节|部分|篇|层|级|梯队|类|点|步|阶段|幕|回)?\s*[:：、,，.．\s]\s*"
        ),
    ),
    ("arabic-paren", re.compile(r"^[(（]\d{1,2}[)）]\s*")),
    ("arabic", re.compile(r"^\d{1,2}\s*[、．]\s*|^\d{1,2}\.\s*(?=\D)")),
    ("part", re.compile(r"^(?:part|chapter|section)\s*\d+\s*[:：.]?\s*", re.IGNORECASE)),
)

MAX_HEADING_LEN = 30
MAX_NUMBERED_HEADING_LEN = 40
MAX_LEVEL = 4


@dataclass(frozen=True)
class _Rules:
    section_words: frozenset[str]
    not_heading: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = load_yaml("structure.yaml")
    return _Rules(
        section_words=frozenset(str(w) for w in raw.get("section_words") or []),
        not_heading=tuple(re.compile(str(p)) for p in raw.get("not_heading_patterns") or []),
    )


def is_markdown_line(line: str) -> bool:
    """True for a line that is already Markdown structure (heading, list, quote, ...)."""
    return bool(_MD_STRUCTURAL.match(line.strip()))


def is_markdown_heading(line: str) -> bool:
    return bool(_MD_HEADING.match(line.strip()))


def heading_style(text: str) -> str | None:
    """The numbering style of a heading-like text (``一、`` -> "cn"), None if unnumbered."""
    stripped = script.to_simplified(text.strip())
    for name, pattern in _STYLES:
        if pattern.match(stripped):
            return name
    return None


def strip_numbering(text: str) -> str:
    """The heading text without its numbering marker (in the text's own script)."""
    stripped = text.strip()
    simplified = script.to_simplified(stripped)
    for _name, pattern in _STYLES:
        match = pattern.match(simplified)
        if match:
            source = stripped if len(simplified) == len(stripped) else simplified
            return source[match.end() :].strip()
    return stripped


def _core_len(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


def is_section_word(text: str) -> bool:
    """A closing or opening section title such as 结语 or 写在最后."""
    core = re.sub(r"\s+", "", script.to_simplified(strip_numbering(text)))
    return core in _rules().section_words


def looks_like_heading(line: str) -> bool:
    """A short line without sentence punctuation, or a numbered short line.

    Only the line itself is looked at; ``build_markdown`` adds the context checks.
    """
    text = line.strip()
    if not text or is_markdown_line(text) or _BULLET.match(text):
        return False
    if _SENTENCE_PUNCT.search(text) or _TRAILING_NO_HEADING.search(text):
        return False
    body = strip_numbering(text)
    if len(_WORDY.findall(body)) < 2:
        return False
    simplified = script.to_simplified(text)
    if any(p.match(simplified) for p in _rules().not_heading):
        return False
    limit = MAX_NUMBERED_HEADING_LEN if heading_style(text) else MAX_HEADING_LEN
    return _core_len(text) <= limit


@dataclass
class _Heading:
    style: str | None
    level: int
    section_word: bool


def _heading_level(text: str, previous: list[_Heading], directly_after_heading: bool) -> _Heading:
    """Choose ## / ### / #### from the numbering style and the headings before.

    Closing/opening words (结语, 写在最后) take the top level. A numbering style
    seen before keeps its level; a new style nests one level under the heading
    before it (第一梯队 under an unnumbered section), or is top level when it opens
    the document. An unnumbered heading right after another heading is its
    subtitle (one level down); otherwise it takes the level of the previous
    unnumbered heading, or nests under a numbered one.
    """
    style = heading_style(text)
    section_word = is_section_word(text)
    top = min((h.level for h in previous), default=2)
    last = previous[-1] if previous else None
    if section_word:
        return _Heading(style, top, True)
    if style is not None:
        same = [h for h in previous if h.style == style]
        if same:
            return _Heading(style, same[-1].level, False)
        if last is None or last.section_word:
            return _Heading(style, top, False)
        return _Heading(style, min(last.level + 1, MAX_LEVEL), False)
    # Unnumbered heading.
    if last is None:
        return _Heading(None, 2, False)
    if directly_after_heading and not last.section_word:
        return _Heading(None, min(last.level + 1, MAX_LEVEL), False)
    unnumbered = [h for h in previous if h.style is None and not h.section_word]
    if unnumbered:
        return _Heading(None, unnumbered[-1].level, False)
    if last.section_word:
        return _Heading(None, last.level, False)
    return _Heading(None, min(last.level + 1, MAX_LEVEL), False)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Split lines into blocks: fenced code is one block, other lines are grouped so
    that consecutive Markdown-structural lines stay together and every prose line
    stands alone."""
    blocks: list[list[str]] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(current)
        current = []

    previous_structural = False
    for raw in lines:
        line = raw.rstrip()
        if in_fence:
            current.append(line)
            if _FENCE.match(line):
                in_fence = False
                flush()
            continue
        if _FENCE.match(line):
            flush()
            current = [line.strip()]
            in_fence = True
            continue
        if not line.strip():
            flush()
            previous_structural = False
            continue
        if _THEMATIC_BREAK.match(line):
            # A rule stands alone: what follows it (indented or not) is a new block.
            flush()
            blocks.append([line.strip()])
            previous_structural = False
            continue
        structural = is_markdown_line(line)
        # Only an indented list item continues a block (a nested list); an indented
        # paragraph after a list or a heading is a paragraph of its own (pages
        # indent paragraphs; the cleaned text does not, and must read the same).
        continuation = (
            bool(current)
            and previous_structural
            and line[:1].isspace()
            and bool(_LIST_ITEM.match(line))
            and not _MD_HEADING.match(current[-1])
        )
        if (structural or continuation) and previous_structural and current:
            current.append(line if continuation or _LIST_ITEM.match(line) else line.strip())
        else:
            flush()
            current = [_normalise_prose(line) if not structural else line.strip()]
        previous_structural = structural or continuation
    flush()
    return blocks


def _normalise_prose(line: str) -> str:
    """Strip indentation; a leading bullet character becomes a Markdown list marker."""
    text = line.strip()
    match = _BULLET.match(text)
    if match:
        return "- " + text[match.end() :]
    return text


def _heading_candidates(blocks: list[list[str]]) -> list[bool]:
    """Which blocks become headings: single-line heading-like blocks that are not the
    last block. In a run of three or more such blocks (a list of short items, not
    sections) only the numbered ones count."""
    flags = [
        len(block) == 1 and index < len(blocks) - 1 and looks_like_heading(block[0])
        for index, block in enumerate(blocks)
    ]
    start = 0
    while start < len(flags):
        if not flags[start]:
            start += 1
            continue
        end = start
        while end < len(flags) and flags[end]:
            end += 1
        if end - start >= 3:
            for index in range(start, end):
                flags[index] = heading_style(blocks[index][0]) is not None
        start = end
    return flags


# A line ending in one of these cannot end a paragraph: the next line goes on with it.
_OPEN_END = re.compile(r"[，、,（(「『“《〈\[]$")
# A line ending in one of these may end a paragraph.
_CLOSED_END = re.compile(r"[。！？!?…；;：:”」』》）)\]】.\"']$")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9%]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9(]")


def _join_two(left: str, right: str) -> str:
    """Join a soft-broken line: no space between CJK, one between two Latin words."""
    left, right = left.rstrip(), right.strip()
    if _ASCII_WORD_END.search(left) and _ASCII_WORD_START.match(right):
        return left + " " + right
    return left + right


def join_soft_breaks(lines: list[str], markdown: bool = False) -> list[str]:
    """Join the lines of a hard-wrapped paragraph into one line.

    Scraped pages put one paragraph on each line, so a line break ends a
    paragraph unless the line cannot end one: it ends with a comma, an
    enumeration comma or an opening bracket or quote. In a Markdown document a
    line break inside a block of prose is a soft break (CommonMark), so there a
    line that does not end a sentence also goes on with the next line, unless
    it ends with a hard break (two spaces or a backslash). Markdown structure
    (headings, lists, quotes, tables, fences, footnotes) is never joined.
    """
    out: list[str] = []
    in_fence = False
    joinable = False  # whether the last line of ``out`` may take the next line
    for raw in lines:
        line = raw.rstrip("\n")
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            joinable = False
            continue
        stripped = line.strip()
        plain = bool(stripped) and not in_fence and not is_markdown_line(stripped)
        if plain and joinable and out:
            out[-1] = _join_two(out[-1], stripped)
        else:
            out.append(line)
        if not plain:
            joinable = False
            continue
        last = out[-1]
        if _HARD_BREAK.search(last):
            joinable = False
        elif _OPEN_END.search(last.rstrip()):
            joinable = True
        else:
            joinable = markdown and not _CLOSED_END.search(last.rstrip())
    return out


def build_markdown(lines: list[str], markdown: bool = False) -> str:
    """Markdown body from cleaned lines: paragraphs and section headings.

    ``markdown``: the source is a Markdown document (line breaks inside prose
    are soft breaks, see ``join_soft_breaks``)."""
    blocks = _blocks(join_soft_breaks(lines, markdown))
    has_headings = any(is_markdown_heading(line) for block in blocks for line in block)
    candidates = [False] * len(blocks) if has_headings else _heading_candidates(blocks)
    headings: list[_Heading] = []
    out: list[str] = []
    previous_was_heading = False
    for block, candidate in zip(blocks, candidates, strict=True):
        first = block[0]
        if candidate:
            heading = _heading_level(first, headings, previous_was_heading)
            headings.append(heading)
            out.append("#" * heading.level + " " + first.strip())
            previous_was_heading = True
            continue
        out.append("\n".join(block))
        previous_was_heading = False
    return "\n\n".join(out)
