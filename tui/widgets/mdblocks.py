"""Markdown to styled, wrapped lines for the article view (no Textual import).

``build_document`` parses an article's Markdown body with markdown-it-py and turns
the tokens into :class:`Block` objects: runs of text, each with a style key (a
``+``-joined set of roles such as ``"h2+strong"``), the index of the figure it
belongs to and the index of the search hit it belongs to. ``layout`` wraps the
blocks to a width with :mod:`tui.cjkwrap`, never splitting a figure.

Figures and hits are given as character offsets into the Markdown source. They
are carried through parsing by private-use marker characters inserted into the
source, so the offsets survive emphasis, links and soft breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tui.cjkwrap import char_width, join_soft_break
from tui.widgets.mdsplit import Cuts

FIGURE_BASE = 0xF0000  # chr(FIGURE_BASE + i) opens figure i
FIGURE_END = "\ue001"
HIT_OPEN = "\ue002"
HIT_END = "\ue003"
_MARKERS = re.compile("[\ue001-\ue003\U000f0000-\U000ffffd]")

BULLETS = ("•", "◦", "▪")
QUOTE_BAR = "▌ "


class Run(NamedTuple):
    """A piece of text drawn in one style."""

    text: str
    style: str = ""  # "+"-joined roles, "" for plain text
    figure: int = -1  # index into the document's figures, -1 for none
    hit: int = -1  # index of the search hit, -1 for none


@dataclass
class Block:
    """One wrapped unit: a paragraph, heading, list item paragraph, rule, blank line…"""

    runs: list[Run]
    first_prefix: list[Run] = field(default_factory=list)
    rest_prefix: list[Run] = field(default_factory=list)
    kind: str = "para"


@dataclass
class Document:
    """An article ready to be laid out at any width.

    A document from :func:`open_document` is parsed in pieces as it is laid out
    (:meth:`parse_more`); ``blocks`` grows until the document is ``complete``,
    and ``hit_count`` and ``links`` are final only then. The blocks are the same
    as from one parse of the whole body: the pieces are cut only where a
    top-level block starts (see :mod:`tui.widgets.mdsplit`).
    """

    blocks: list[Block]
    figure_count: int = 0
    hit_count: int = 0
    links: list[str] = field(default_factory=list)
    _rest: _Rest | None = field(default=None, repr=False, compare=False)

    @property
    def complete(self) -> bool:
        return self._rest is None

    @property
    def ready(self) -> int:
        """How many blocks are final: all of a complete document; else up to the
        last one that is not blank (a trailing blank line may still go)."""
        count = len(self.blocks)
        if self._rest is not None:
            while count and self.blocks[count - 1].kind == "blank":
                count -= 1
        return count

    def parse_more(self) -> bool:
        """Parse the next piece of the body (and end the document after the
        last); False when the document was already complete."""
        rest = self._rest
        if rest is None:
            return False
        end = rest.cuts.next_cut(rest.pos, rest.piece)
        piece = rest.text[rest.pos : end]
        if rest.cuts.definitions:  # shared: link references, footnotes numbered in order
            tokens = _parser(pieces=True).parse(piece, rest.env)
        else:
            tokens = _parser().parse(piece)
        _blocks_from_tokens(rest.builder, tokens)
        rest.pos = end
        rest.pieces.append((end, len(self.blocks)))
        if end >= len(rest.text):
            if rest.cuts.definitions:  # the footnotes, at the end as from one parse
                _blocks_from_tokens(rest.builder, _parser().parse(rest.cuts.definitions, rest.env))
            _finish(rest.builder, rest.body_start)
            self._rest = None
        self.hit_count = rest.builder.hits
        return True

    def finish(self) -> Document:
        """Parse the rest of the body."""
        while self.parse_more():
            pass
        return self

    def blocks_through_marker(self, marker: str) -> int:
        """Parse up to the piece holding ``marker`` (a figure's); the number of
        blocks up to the end of that piece (all of them when it is not found)."""
        rest = self._rest
        if rest is None:
            return len(self.blocks)
        at = rest.text.find(marker)
        if at < 0:
            if marker in rest.cuts.definitions:  # in a footnote: drawn at the end
                self.finish()
            return len(self.blocks)  # (else not in the body: nothing to parse for it)
        while self._rest is not None and rest.pos <= at:
            self.parse_more()
        return next((count for end, count in rest.pieces if end > at), len(self.blocks))

    def hits_ahead(self) -> bool:
        """Whether the part of the body not parsed yet has search hits."""
        rest = self._rest
        return rest is not None and (
            rest.text.find(HIT_OPEN, rest.pos) >= 0 or HIT_OPEN in rest.cuts.definitions
        )

    def remaining_chars(self) -> int:
        """Characters of Markdown not parsed yet."""
        return 0 if self._rest is None else len(self._rest.text) - self._rest.pos


@dataclass
class _Rest:
    """The body of a document still to parse, and the state carried across pieces."""

    builder: _Builder
    cuts: Cuts  # the annotated body (without its definitions) and where to cut it
    piece: int  # characters per piece (at least)
    body_start: int  # the first block of the body
    pos: int = 0  # where the next piece starts
    env: dict[str, Any] = field(default_factory=dict)  # markdown-it's, shared by the pieces

    @property
    def text(self) -> str:
        return self.cuts.text

    pieces: list[tuple[int, int]] = field(default_factory=list)  # (end, blocks after it)


# -- annotation ---------------------------------------------------------------


def annotate(
    text: str,
    figures: Sequence[tuple[int, int]] = (),
    hits: Sequence[tuple[int, int]] = (),
) -> str:
    """Insert figure and hit markers into ``text`` at the given offsets.

    Ranges outside the text or empty are ignored. At one position, closing
    markers come before opening ones.
    """
    events: list[tuple[int, int, str]] = []
    n = len(text)
    for index, (start, end) in enumerate(figures):
        if 0 <= start < end <= n:
            events.append((start, 1, chr(FIGURE_BASE + index)))
            events.append((end, 0, FIGURE_END))
    for start, end in hits:
        if 0 <= start < end <= n:
            events.append((start, 1, HIT_OPEN))
            events.append((end, 0, HIT_END))
    if not events:
        return text
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = []
    pos = 0
    for offset, _, marker in events:
        out.append(text[pos:offset])
        out.append(marker)
        pos = offset
    out.append(text[pos:])
    return "".join(out)


def strip_markers(text: str) -> str:
    return _MARKERS.sub("", text)


# -- parsing ------------------------------------------------------------------

_PARSERS: dict[bool, Any] = {}


def _parser(pieces: bool = False) -> Any:
    """The Markdown parser; with ``pieces``, one that leaves the footnotes of a
    piece for the end of the document."""
    parser = _PARSERS.get(pieces)
    if parser is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin

        parser = (
            MarkdownIt("commonmark", {"html": True})
            .enable(["table", "strikethrough"])
            .use(footnote_plugin)
        )
        if pieces:
            parser.core.ruler.disable("footnote_tail")
        _PARSERS[pieces] = parser
    return parser


@dataclass
class _Container:
    first: str
    rest: str
    style: str = "bullet"
    used: bool = False


class _Builder:
    """Walks markdown-it tokens and collects blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.containers: list[_Container] = []
        self.figure = -1
        self.in_hit = False
        self.hits = 0
        self.links: list[str] = []
        self.list_depth = 0
        self.list_counters: list[int] = []

    # markers and runs

    def emit(self, runs: list[Run], text: str, style: str) -> None:
        """Append ``text`` to ``runs``, turning markers into figure/hit indices."""
        pos = 0
        for match in _MARKERS.finditer(text):
            if match.start() > pos:
                runs.append(self._run(text[pos : match.start()], style))
            marker = match.group()
            if marker == FIGURE_END:
                self.figure = -1
            elif marker == HIT_OPEN:
                self.in_hit = True
                self.hits += 1
            elif marker == HIT_END:
                self.in_hit = False
            else:
                self.figure = ord(marker) - FIGURE_BASE
            pos = match.end()
        if pos < len(text):
            runs.append(self._run(text[pos:], style))

    def _run(self, text: str, style: str) -> Run:
        return Run(text, style, self.figure, self.hits - 1 if self.in_hit else -1)

    # prefixes

    def prefixes(self) -> tuple[list[Run], list[Run]]:
        first: list[Run] = []
        rest: list[Run] = []
        for container in self.containers:
            if container.used:
                first.append(Run(container.rest, container.style))
            else:
                first.append(Run(container.first, container.style))
                container.used = True
            rest.append(Run(container.rest, container.style))
        return first, rest

    def add(self, runs: list[Run], kind: str) -> None:
        first, rest = self.prefixes()
        self.blocks.append(Block(runs, first, rest, kind))

    def blank(self) -> None:
        if not self.blocks or self.blocks[-1].kind == "blank":
            return
        prefix = [Run(c.rest.rstrip(), c.style) for c in self.containers if c.style == "quote"]
        self.blocks.append(Block([], prefix, prefix, "blank"))

    def close_container(self) -> None:
        self.containers.pop()
        if self.blocks and self.blocks[-1].kind == "blank":
            self.blocks.pop()
        self.blank()

    # inline

    def inline(self, token: Any, base: str) -> list[Run]:
        runs: list[Run] = []
        roles: list[str] = [base] if base else []
        link_href: list[str] = []
        for child in token.children or ():
            kind = child.type
            style = "+".join(sorted(set(roles)))
            if kind == "text":
                self.emit(runs, child.content, style)
            elif kind == "softbreak":
                runs.append(self._run("\0soft", style))
            elif kind == "hardbreak":
                runs.append(self._run("\n", style))
            elif kind == "code_inline":
                self.emit(runs, child.content, "+".join(sorted({*roles, "code"})))
            elif kind in ("em_open", "strong_open", "s_open"):
                roles.append({"em_open": "em", "strong_open": "strong", "s_open": "strike"}[kind])
            elif kind in ("em_close", "strong_close", "s_close"):
                role = {"em_close": "em", "strong_close": "strong", "s_close": "strike"}[kind]
                if role in roles:
                    roles.remove(role)
            elif kind == "link_open":
                roles.append("link")
                link_href.append(str(child.attrs.get("href", "")))
            elif kind == "link_close":
                if "link" in roles:
                    roles.remove("link")
                href = link_href.pop() if link_href else ""
                if href and not href.startswith("#"):
                    self.links.append(strip_markers(href))
                    runs.append(Run(f"[{len(self.links)}]", "footnote"))
            elif kind == "image":
                alt = strip_markers(child.content or "")
                runs.append(Run(f"[图: {alt}]" if alt else "[图]", "dim"))
            elif kind == "footnote_ref":
                label = child.meta.get("label") or str(child.meta.get("id", 0) + 1)
                runs.append(Run(f"[{label}]", "footnote"))
            elif kind == "html_inline":
                self.emit(runs, child.content, "dim")
        return _join_soft_breaks(runs)


def _join_soft_breaks(runs: list[Run]) -> list[Run]:
    """Replace soft-break placeholders with a space or nothing (CJK on either side)."""
    out: list[Run] = []
    for index, run in enumerate(runs):
        if run.text != "\0soft":
            out.append(run)
            continue
        left = next((r.text for r in reversed(out) if r.text), "")
        right = next((r.text for r in runs[index + 1 :] if r.text and r.text != "\0soft"), "")
        sep = join_soft_break(left, right)
        if sep:
            out.append(run._replace(text=sep))
    return out


def _heading_style(tag: str) -> str:
    return {"h1": "h1", "h2": "h2"}.get(tag, "h3")


def _runs_width(runs: list[Run]) -> int:
    return sum(char_width(c) for run in runs for c in run.text)


def _add_table(builder: _Builder, rows: list[list[list[Run]]], head_rows: int) -> None:
    """The rows of a table with their columns aligned (cells padded to the widest)."""
    widths: list[int] = []
    for row in rows:
        for index, cell in enumerate(row):
            width = _runs_width(cell)
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
    for number, row in enumerate(rows):
        runs: list[Run] = []
        for index, cell in enumerate(row):
            if index:
                runs.append(Run(" │ ", "dim"))
            runs.extend(cell)
            pad = widths[index] - _runs_width(cell)
            if pad and index < len(row) - 1:
                runs.append(Run(" " * pad))
        builder.add(runs, "row")
        if number + 1 == head_rows:
            builder.add([], "rule")


def _blocks_from_tokens(builder: _Builder, tokens: list[Any]) -> None:
    i = 0
    table_row: list[list[Run]] | None = None
    table_rows: list[list[list[Run]]] = []
    head_rows = 0
    in_head = False
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            style = _heading_style(token.tag)
            builder.add(builder.inline(tokens[i + 1], style), "heading")
            builder.blank()
            i += 3
            continue
        if kind == "paragraph_open":
            runs = builder.inline(tokens[i + 1], "")
            builder.add(runs, "para")
            if not token.hidden:
                builder.blank()
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 0
            builder.list_counters.append(start)
            builder.list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            builder.list_counters.pop()
            builder.list_depth -= 1
            if builder.blocks and builder.blocks[-1].kind != "blank":
                builder.blank()
        elif kind == "list_item_open":
            counter = builder.list_counters[-1] if builder.list_counters else 0
            if counter:
                marker = f"{token.info or counter}{token.markup or '.'} "
                builder.list_counters[-1] = counter + 1
            else:
                marker = BULLETS[(builder.list_depth - 1) % len(BULLETS)] + " "
            width = sum(char_width(c) for c in marker)
            builder.containers.append(_Container(marker, " " * width, "bullet"))
        elif kind == "list_item_close":
            builder.containers.pop()
        elif kind == "blockquote_open":
            builder.containers.append(_Container(QUOTE_BAR, QUOTE_BAR, "quote"))
        elif kind == "blockquote_close":
            builder.close_container()
        elif kind in ("fence", "code_block"):
            runs: list[Run] = []
            builder.emit(runs, token.content.rstrip("\n"), "code")
            builder.containers.append(_Container("  ", "  ", "code"))
            builder.add(runs, "code")
            builder.containers.pop()
            builder.blank()
        elif kind == "hr":
            builder.add([], "rule")
            builder.blank()
        elif kind == "html_block":
            runs = []
            builder.emit(runs, token.content.rstrip("\n"), "dim")
            builder.add(runs, "html")
            builder.blank()
        elif kind == "table_open":
            table_rows = []
            head_rows = 0
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
            head_rows = len(table_rows)
        elif kind == "tr_open":
            table_row = []
        elif kind in ("th_open", "td_open") and table_row is not None:
            table_row.append(builder.inline(tokens[i + 1], "strong" if in_head else ""))
            i += 3
            continue
        elif kind == "tr_close" and table_row is not None:
            table_rows.append(table_row)
            table_row = None
        elif kind == "table_close":
            _add_table(builder, table_rows, head_rows)
            builder.blank()
        elif kind == "footnote_block_open":
            builder.add([], "rule")
            builder.add([Run("注释", "h3")], "heading")
        elif kind == "footnote_open":
            label = token.meta.get("label") or str(token.meta.get("id", 0) + 1)
            marker = f"[{label}] "
            width = sum(char_width(c) for c in marker)
            builder.containers.append(_Container(marker, " " * width, "footnote"))
        elif kind == "footnote_close":
            builder.containers.pop()
        elif kind == "inline":
            builder.add(builder.inline(token, ""), "para")
        i += 1


PIECE = 4_000  # characters of Markdown parsed at a time


def open_document(
    title: str,
    meta_lines: Iterable[str],
    body: str,
    figures: Sequence[tuple[int, int]] = (),
    body_hits: Sequence[tuple[int, int]] = (),
    title_hits: Sequence[tuple[int, int]] = (),
    *,
    piece: int | None = PIECE,
) -> Document:
    """The blocks for the title, the metadata lines and the first ``piece``
    characters of the Markdown body; the rest is parsed as it is laid out.

    ``figures`` and ``body_hits`` are (start, end) offsets into ``body``;
    ``title_hits`` into ``title``. Hits are numbered in reading order. With
    ``piece`` None the body is parsed whole at once.
    """
    builder = _Builder()
    title_runs: list[Run] = []
    builder.emit(title_runs, annotate(title, (), title_hits), "title")
    builder.in_hit = False
    builder.add(title_runs, "title")
    for line in meta_lines:
        if line:
            builder.add([Run(line, "meta")], "meta")
    builder.add([], "rule")
    builder.blank()
    marked = annotate(body, figures, body_hits)
    cuts = Cuts(marked, whole=piece is None)
    rest = _Rest(builder, cuts, max(1, piece or 1), len(builder.blocks))
    if rest.cuts.definitions:
        _parser(pieces=True).parse(rest.cuts.definitions, rest.env)  # known to every piece
    document = Document(builder.blocks, len(figures), builder.hits, builder.links, rest)
    document.parse_more()
    return document


def build_document(
    title: str,
    meta_lines: Iterable[str],
    body: str,
    figures: Sequence[tuple[int, int]] = (),
    body_hits: Sequence[tuple[int, int]] = (),
    title_hits: Sequence[tuple[int, int]] = (),
) -> Document:
    """The whole document in one parse (see :func:`open_document`)."""
    return open_document(title, meta_lines, body, figures, body_hits, title_hits, piece=None)


def _finish(builder: _Builder, body_start: int) -> None:
    """The end of a document: a note for an empty body, the list of links."""
    if all(block.kind == "blank" for block in builder.blocks[body_start:]):
        builder.add([Run("（正文为空）", "dim")], "para")
    if builder.links:
        builder.blank()
        builder.add([], "rule")
        builder.add([Run("链接", "h3")], "heading")
        for index, href in enumerate(builder.links, 1):
            marker = f"[{index}] "
            builder.containers.append(_Container(marker, " " * len(marker), "footnote"))
            builder.add([Run(href, "link")], "para")
            builder.containers.pop()
    while builder.blocks and builder.blocks[-1].kind == "blank":
        builder.blocks.pop()
