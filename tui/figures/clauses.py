"""Paragraphs, sentences and clauses of a body, as offsets.

* paragraphs are separated by blank lines; a paragraph that is a Markdown
  heading (``#``) or a single short line without sentence punctuation is a heading;
* sentences end at 。！？!? (with any closing quotes) and at line ends;
* clauses end at ，,：:；; and dashes (a half-width comma or colon between two
  digits is part of a number or a time and does not end a clause). The 、 of
  enumerations does not end a clause: 腾讯、阿里分别… is one clause.

A sentence that opens with a continuation word (其中, 以…为例) continues the
previous one: periods stated there still hold, also when it opens a paragraph
that follows a body paragraph (not a heading).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tui.figures.lexicon import lexicon

# Written as one character class first, so that the regex engine's fast scan finds
# where they can match: ``[。！？!?]+[”’」』）)\"']*|\n`` and
# ``[，；;：]|——|—|(?<!\d),|,(?!\d)|(?<!\d):|:(?!\d)`` (same matches: see
# tests/test_figures_shortcuts.py).
_SENTENCE_END = re.compile(r"[。！？!?\n](?:(?<=\n)|[。！？!?]*[”’」』）)\"']*)")
_CLAUSE_END = re.compile(
    r"[，；;：—,:](?:(?<=[，；;：])|(?<=—)—?|(?<=,)(?:(?<!\d,)|(?!\d))|(?<=:)(?:(?<!\d:)|(?!\d)))"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_HEADING_MAX = 30
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;，,]")


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Sentence(Span):
    index: int = 0
    paragraph: int = 0
    continues: bool = False  # opens with 其中 / 以…为例: continues the previous sentence


@dataclass(slots=True)
class Clause(Span):
    index: int = 0
    sentence: int = 0
    paragraph: int = 0


@dataclass(slots=True)
class Paragraph(Span):
    heading: bool = False


@dataclass
class Layout:
    """The segmentation of one text."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    _clause_starts: list[int] = field(default_factory=list)

    def clause_at(self, pos: int) -> Clause:
        """The clause holding the offset (the last one starting at or before it)."""
        index = max(0, bisect.bisect_right(self._clause_starts, pos) - 1)
        return self.clauses[index]

    def sentence_scope(self, sentence_index: int) -> int:
        """Start offset of the stretch a sentence's periods come from (continuations included)."""
        index = sentence_index
        while index > 0 and self.sentences[index].continues:
            previous = self.sentences[index - 1]
            current = self.sentences[index]
            if previous.paragraph != current.paragraph and not self._opens_paragraph(index):
                break
            index -= 1
        return self.sentences[index].start

    def _opens_paragraph(self, sentence_index: int) -> bool:
        """The sentence is the first of its paragraph, right after a body paragraph:
        a paragraph opening with 其中 continues the previous paragraph."""
        current = self.sentences[sentence_index]
        previous = self.sentences[sentence_index - 1]
        return (
            previous.paragraph == current.paragraph - 1
            and not self.paragraphs[previous.paragraph].heading
        )


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraph spans (blank-line separated), with heading flags."""
    paragraphs = []
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        if chunk.strip():
            paragraphs.append(Paragraph(position, end, is_heading(chunk)))
        position = match.end() if match else len(text)
    return paragraphs


def is_heading(chunk: str) -> bool:
    """A Markdown heading, or one short line without sentence punctuation."""
    stripped = chunk.strip()
    if stripped.startswith("#"):
        return True
    return (
        "\n" not in stripped
        and len(stripped) <= _HEADING_MAX
        and not _SENTENCE_PUNCT.search(stripped[:-1] if stripped else "")
        and not stripped.endswith(("。", "！", "？", "!", "?", "；", ";"))
    )


def _pieces(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    position = start
    filled = _NOT_SPACE.search  # what str.strip would leave: the same whitespace
    for match in pattern.finditer(text, start, end):
        # a delimiter that is not a space fills its piece (every clause end does)
        if not text[match.end() - 1].isspace() or filled(text, position, match.end()):
            spans.append((position, match.end()))
        position = match.end()
    if filled(text, position, end):
        spans.append((position, end))
    return spans


_NOT_SPACE = re.compile(r"\S")


def opens_continuation(sentence_text: str) -> bool:
    """其中…, 同时…, 以百度文库 AI 为例…: the sentence continues the previous one."""
    lex = lexicon()
    head = sentence_text.lstrip(' \t“"「')
    if head.startswith(lex.continuation_openers):
        return True
    return any(p.match(head) for p in lex.continuation_patterns)


def _clause_ends(text: str) -> list[int]:
    """The ends of every clause delimiter of the text, found in one pass.

    Within a sentence they are the ends ``_CLAUSE_END.finditer(text, start, end)``
    gives: a sentence ends after 。！？!? (and closing quotes) or before a line end, so
    no delimiter (at most ——) reaches across its bounds, and none ends the sentence
    where the lookahead of , and : would see past it."""
    return [match.end() for match in _CLAUSE_END.finditer(text)]


def segment(text: str) -> Layout:
    """Paragraphs, sentences and clauses of the (matching) text."""
    layout = Layout(paragraphs=split_paragraphs(text))
    sentences = layout.sentences
    clauses = layout.clauses
    ends = _clause_ends(text)
    filled = _NOT_SPACE.search
    for p_index, paragraph in enumerate(layout.paragraphs):
        for s_start, s_end in _pieces(text, paragraph.start, paragraph.end, _SENTENCE_END):
            s_index = len(sentences)
            sentences.append(
                Sentence(s_start, s_end, s_index, p_index, opens_continuation(text[s_start:s_end]))
            )
            # _pieces(text, s_start, s_end, _CLAUSE_END): a delimiter fills its piece
            position = s_start
            at = bisect.bisect_right(ends, s_start)
            while at < len(ends) and ends[at] <= s_end:
                clauses.append(Clause(position, ends[at], len(clauses), s_index, p_index))
                position = ends[at]
                at += 1
            if filled(text, position, s_end):
                clauses.append(Clause(position, s_end, len(clauses), s_index, p_index))
    layout._clause_starts = [c.start for c in layout.clauses]
    return layout
