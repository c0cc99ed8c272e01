"""HTML fragments and whole pages to plain text with paragraph breaks.

Uses the standard library's ``html.parser``. The element lists (dropped,
paragraph, block, inline ...) live in ``data/html.yaml``.

- Elements that are not article text (script, style, noscript, head, nav,
  buttons, ruby annotations ...) are dropped with their content, and so are
  elements hidden with the ``hidden`` attribute or an inline
  ``display:none``/``visibility:hidden`` style (a favourite hiding place of SEO
  spam). An element other than script/style that is never closed is not dropped:
  losing the rest of the document to a missing end tag would be worse.
- Paragraph elements (p, h1-h6, blockquote, table ...) become blank lines, block
  elements (div, li, tr ...) and ``<br>`` line breaks, table cells are joined
  with `` | ``. Entities are unescaped, non-breaking spaces become spaces.
- Unknown tags are not HTML and are kept as literal text: ``<三体>``,
  ``<https://example.com>``.
- Two modes. A *page* (a doctype, ``<html>``/``<body>``, or tags on at least
  half of the lines) is laid out like a browser would: source line breaks are
  only spaces (nothing between two Han characters). A *fragment* (plain text
  with some stray tags, as scraped clippings often are) keeps its own line
  breaks, so that removing a ``<style>`` line does not join the paragraphs.
- Orphaned end-tag tails whose ``<`` was eaten by mojibake (``?/p>``) lose the
  tag part.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from tui.text.data import load_yaml
from tui.text.han import is_han

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
_PAGE_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(#\d{2,7};|#[xX][0-9a-fA-F]{2,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLANK_LINE = re.compile(r"[ \t\f\r]*\n[ \t\f\r]*\n[ \t\f\r\n]*")
_SOURCE_BREAK = "\x01"  # a line break in a page's source: a space, or nothing between Han
_MIN_ENTITIES = 2
_PAGE_LINE_SHARE = 0.5
# Elements whose unclosed content is still dropped (their content is code).
_ALWAYS_DROP = frozenset({"script", "style"})


@dataclass(frozen=True)
class _Rules:
    drop: frozenset[str]
    paragraph: frozenset[str]
    block: frozenset[str]
    breaks: dict[str, int]
    cell: frozenset[str]
    void: frozenset[str]
    known: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_yaml("html.yaml")
    sets = {key: frozenset(str(name) for name in data.get(key) or []) for key in data}
    breaks = {str(name): int(count) for name, count in (data.get("break") or {}).items()}
    known = frozenset().union(*(sets[key] for key in sets if key != "break"), breaks)
    return _Rules(
        drop=sets["drop"],
        paragraph=sets["paragraph"],
        block=sets["block"],
        breaks=breaks,
        cell=sets["cell"],
        void=sets["void"],
        known=known,
    )


def looks_like_html(text: str) -> bool:
    """True when the text contains real HTML: known tags, a doctype or comment,
    or several character entities. A stray ``<`` or ``《》`` is not HTML."""
    if _PAGE_MARKERS.search(text) or _COMMENT.search(text):
        return True
    known = _rules().known
    if any(match.group(2).lower() in known for match in _TAG.finditer(text)):
        return True
    entities = [m for m in _ENTITY.finditer(text) if html.unescape(m.group(0)) != m.group(0)]
    return len(entities) >= _MIN_ENTITIES


_TITLE_ELEMENT = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def page_title(text: str) -> str | None:
    """The text of the page's ``<title>`` element, entities unescaped; None if absent."""
    match = _TITLE_ELEMENT.search(text)
    if not match:
        return None
    title = re.sub(r"<[^>]+>", "", html.unescape(match.group(1)))
    return re.sub(r"\s+", " ", title).strip() or None


def html_to_text(text: str, *, markdown_headings: bool = False) -> str:
    """Plain text of an HTML page or fragment, paragraphs separated by blank lines.

    With ``markdown_headings`` h1-h6 become ``#``-prefixed Markdown headings;
    by default they are plain lines of their own.
    """
    page = _is_page(text)
    parser = _TextExtractor(_rules(), page=page, markdown_headings=markdown_headings)
    # A clipping laid out like a page but without <html>/<body> keeps its blank
    # lines as paragraph breaks (a title line above a tagged body is not glued to it).
    parser.blank_lines_break = page and not _PAGE_MARKERS.search(text)
    parser.feed(text)
    parser.close()
    return _tidy(parser.result(), page=page)


def _is_page(text: str) -> bool:
    if _PAGE_MARKERS.search(text):
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    known = _rules().known
    tagged = sum(
        1 for line in lines if any(m.group(2).lower() in known for m in _TAG.finditer(line))
    )
    return tagged >= len(lines) * _PAGE_LINE_SHARE


MAX_TABLE_CELL = 60  # longer cells mean a layout table, not data


class _TextExtractor(HTMLParser):
    """Collects text and layout breaks; see the module docstring."""

    def __init__(self, rules: _Rules, *, page: bool, markdown_headings: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.page = page
        self.markdown_headings = markdown_headings
        self.parts: list[str] = []
        self.pre_depth = 0
        # The outermost dropped element: its name, nesting count and where its output began.
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.skip_mark = 0
        self.row_cells = 0
        self.row_mark: int | None = None  # where the open table row's output began
        self.table_rows = 0  # Markdown rows written for the current table
        self.pending = 0  # line breaks owed before the next text: 1 line, 2 paragraph
        self.blank_lines_break = False  # a blank line in the source is a paragraph break
        self.lists: list[list[str | int]] = []  # open <ul>/<ol>: [tag, items so far]

    # --- parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            if self.skip_tag == "head" and tag == "body":  # </head> is optional
                del self.parts[self.skip_mark :]
                self._end_skip()
            else:
                if tag == self.skip_tag:
                    self.skip_depth += 1
                if tag in self.rules.known:
                    self._open(tag)  # layout kept in case the element is never closed
                return
        if tag not in self.rules.known:
            self._emit(self.get_starttag_text() or "")
            return
        if tag not in self.rules.void and (tag in self.rules.drop or _is_hidden(attrs)):
            self._start_skip(tag)
            return
        self._open(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.rules.known:
            if self.skip_tag is None:
                self._emit(self.get_starttag_text() or "")
            return
        if self.skip_tag is None and (tag in self.rules.drop or _is_hidden(attrs)):
            return
        self._open(tag)
        self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    del self.parts[self.skip_mark :]
                    self.pending = 0  # a dropped element leaves no layout behind
                    self._end_skip()
                    return
            if tag in self.rules.known:
                self._close(tag)
            return
        if tag not in self.rules.known:
            self._emit(f"</{tag}>")
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.skip_tag is not None and self.skip_tag in _ALWAYS_DROP:
            return
        if self.page and not self.pre_depth:
            if self.blank_lines_break and _BLANK_LINE.search(data):
                for index, piece in enumerate(_BLANK_LINE.split(data)):
                    if index:
                        self._break(2)
                    self._emit(self._flow(piece))
                return
            data = self._flow(data)
        self._emit(data)

    @staticmethod
    def _flow(data: str) -> str:
        """Source text as a browser flows it: line breaks become source breaks."""
        data = re.sub(r"[ \t\f\r]*\n[ \t\f\r\n]*", _SOURCE_BREAK, data)
        return re.sub(r"[ \t\f\r]+", " ", data)

    # --- helpers

    def _emit(self, text: str) -> None:
        if not text:
            return
        if self.pending:
            self.parts.append("\n" * self.pending)
            self.pending = 0
        self.parts.append(text)

    def _break(self, lines: int) -> None:
        """Owe a line (1) or paragraph (2) break; adjacent blocks share theirs."""
        self.pending = max(self.pending, lines)

    def _start_skip(self, tag: str) -> None:
        if self.pending:
            self.parts.append("\n" * self.pending)
            self.pending = 0
        self.skip_tag = tag
        self.skip_depth = 1
        self.skip_mark = len(self.parts)

    def _end_skip(self) -> None:
        self.skip_tag = None
        self.skip_depth = 0

    def _open(self, tag: str) -> None:
        rules = self.rules
        if tag in rules.breaks:
            # <br><br> is a paragraph break: breaks add up (to at most 2).
            self.pending = min(2, self.pending + rules.breaks[tag])
        elif tag in rules.paragraph:
            self._break(2)
            if self.markdown_headings and re.fullmatch(r"h[1-6]", tag):
                self._emit("#" * int(tag[1]) + " ")
        elif tag in rules.block:
            self._break(1)
        if tag == "table":
            self._end_row()
            self.table_rows = 0
        if tag == "tr":
            self._end_row()
            self.row_cells = 0
            self.row_mark = len(self.parts)
        elif tag in rules.cell:
            if self.row_cells:
                self._emit(" | ")
            self.row_cells += 1
        if tag == "pre":
            self.pre_depth += 1
        if tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists and not self.pre_depth:
            # A list item keeps its Markdown marker, so that a list of points
            # stays a list (and is not read as a run of short headings).
            kind, count = self.lists[-1]
            self.lists[-1][1] = int(count) + 1
            self._emit(f"{int(count) + 1}. " if kind == "ol" else "- ")

    def _close(self, tag: str) -> None:
        rules = self.rules
        if tag in ("tr", "table"):
            self._end_row()
        if tag in rules.paragraph:
            self._break(2)
        elif tag in rules.block:
            self._break(1)
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in ("ul", "ol") and self.lists and self.lists[-1][0] == tag:
            self.lists.pop()

    def _end_row(self) -> None:
        """Write the finished row as a Markdown table row when it is a data row.

        A row whose cells are short single lines (a data table) becomes ``| a | b |``,
        the first one followed by the ``| --- |`` delimiter; a layout table (cells
        holding paragraphs) keeps its cells joined with `` | `` as plain text."""
        mark, self.row_mark = self.row_mark, None
        if mark is None or self.skip_tag is not None or mark > len(self.parts):
            return
        text = "".join(self.parts[mark:])
        body = text.lstrip("\n")
        cells = [cell.strip() for cell in body.split(" | ")]
        if not body.strip() or "\n" in body or any(len(c) > MAX_TABLE_CELL for c in cells):
            return
        row = "| " + " | ".join(cells) + " |"
        if self.table_rows == 0:
            row += "\n|" + " --- |" * len(cells)
        self.table_rows += 1
        self.parts[mark:] = [text[: len(text) - len(body)] + row]

    def result(self) -> str:
        # An unclosed dropped element (other than script/style) keeps its text.
        if self.skip_tag is not None and self.skip_tag in _ALWAYS_DROP:
            del self.parts[self.skip_mark :]
        return "".join(self.parts)


def _is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "style" and value and _HIDDEN_STYLE.search(value):
            return True
    return False


def _is_han(ch: str) -> bool:
    """Han or CJK punctuation: a source line break between two of them is no space."""
    return is_han(ch) or 0x3000 <= ord(ch) <= 0x303F


def _join_source_breaks(text: str) -> str:
    """A page's source line break: nothing between Han characters, else a space."""
    out: list[str] = []
    for index, ch in enumerate(text):
        if ch != _SOURCE_BREAK:
            out.append(ch)
            continue
        before = out[-1] if out else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before and after and _is_han(before) and _is_han(after):
            continue
        out.append(" ")
    return "".join(out)


@lru_cache(maxsize=1)
def _orphan_end_tags() -> re.Pattern[str]:
    names = "|".join(sorted(_rules().known, key=len, reverse=True))
    return re.compile(rf"(?<![<\w])/(?:{names})>", re.IGNORECASE)


def _tidy(text: str, *, page: bool) -> str:
    if page:
        text = _join_source_breaks(text)
    text = text.replace("\xa0", " ")
    text = _orphan_end_tags().sub("", text)
    lines = [line.strip() if page else line.rstrip() for line in text.split("\n")]
    if page:
        lines = [re.sub(r" {2,}", " ", line) for line in lines]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")
