"""Blocks wrapped to a width, as far as they are needed (no Textual import).

A :class:`Layout` wraps the blocks of a :class:`~tui.widgets.mdblocks.Document`
with :mod:`tui.cjkwrap`, never splitting a figure, in reading order and only as
far as it is asked for: up to a line (what the view shows), a block (a saved
reading place), a figure or a search hit (a jump). It parses more of a lazily
parsed document when it runs out of blocks. The lines laid out are always a
prefix of the whole layout, so every line number, figure line and hit line it
gives is final; ``estimated_height`` guesses the rest for the scrollbar.
"""

from __future__ import annotations

from tui.cjkwrap import char_width, wrap
from tui.widgets.mdblocks import FIGURE_BASE, Block, Document, Run


def _prefix_width(prefix: list[Run]) -> int:
    return sum(char_width(c) for run in prefix for c in run.text)


def _figure_ranges(runs: list[Run]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    pos = 0
    current = -1
    start = 0
    for run in runs:
        if run.figure != current:
            if current >= 0:
                ranges.append((start, pos))
            current = run.figure
            start = pos
        pos += len(run.text)
    if current >= 0:
        ranges.append((start, pos))
    return ranges


def _slice_runs(runs: list[Run], spans: list[tuple[int, int]]) -> list[list[Run]]:
    """Cut ``runs`` (one text) into the given (start, end) line spans."""
    out: list[list[Run]] = []
    bounds: list[tuple[int, int, Run]] = []
    pos = 0
    for run in runs:
        bounds.append((pos, pos + len(run.text), run))
        pos += len(run.text)
    index = 0
    for start, end in spans:
        line: list[Run] = []
        while index < len(bounds) and bounds[index][1] <= start:
            index += 1
        j = index
        while j < len(bounds) and bounds[j][0] < end:
            r_start, r_end, run = bounds[j]
            piece = run.text[max(start, r_start) - r_start : min(end, r_end) - r_start]
            if piece:
                line.append(run._replace(text=piece.replace("\n", "")))
            j += 1
        out.append(line)
    return out


class Layout:
    """A document wrapped to one width: ``lines`` (runs per line), the block of
    each line, the first line of each block, of each figure and of each hit,
    for the blocks laid out so far (see :meth:`finish` for all of them)."""

    def __init__(self, document: Document, width: int) -> None:
        self.document = document
        self.width = max(4, width)
        self.lines: list[list[Run]] = []
        self.line_block: list[int] = []
        self.figure_lines: dict[int, int] = {}
        self.hit_lines: list[int] = []
        self.block_lines: list[int] = []
        self._text_chars = 0  # characters of the blocks laid out (for the estimate)
        self._pending: tuple[tuple[int, int], int] = ((-1, -1), 0)  # (laid, parsed): chars

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def complete(self) -> bool:
        """Every block of the whole document is laid out."""
        return self.document.complete and len(self.block_lines) == len(self.document.blocks)

    # -- laying out further ---------------------------------------------------------

    def _more(self, blocks: int) -> bool:
        """Lay out the next block if it is below ``blocks``; False when there is
        none (the document is parsed further when it runs out of final blocks)."""
        document = self.document
        index = len(self.block_lines)
        if index >= blocks:
            return False
        while index >= document.ready:
            if not document.parse_more():
                return False
        self._lay_block(index, document.blocks[index])
        return True

    def grow(self) -> bool:
        """Lay out one more block; False at the end of the document."""
        return self._more(len(self.block_lines) + 1)

    def to_block(self, block: int) -> None:
        """Lay out up to and including ``block`` (or to the end)."""
        while self._more(block + 1):
            pass

    def to_line(self, line: int) -> None:
        """Lay out until line ``line`` exists (or to the end)."""
        while len(self.lines) <= line and self._more(len(self.block_lines) + 1):
            pass

    def to_hit(self, index: int) -> int | None:
        """The line of search hit ``index``, laid out as far as it takes (None
        when there is no such hit)."""
        if index >= self.document.hit_count and not self.document.hits_ahead():
            return None
        while len(self.hit_lines) <= index and self._more(len(self.block_lines) + 1):
            pass
        return self.hit_lines[index] if 0 <= index < len(self.hit_lines) else None

    def to_figure(self, index: int) -> int | None:
        """The line of figure ``index``, laid out up to the piece it is in (None
        when it is not drawn, e.g. inside a link's address)."""
        if index not in self.figure_lines and 0 <= index < self.document.figure_count:
            blocks = self.document.blocks_through_marker(chr(FIGURE_BASE + index))
            while index not in self.figure_lines and self._more(blocks):
                pass
        return self.figure_lines.get(index)

    def finish(self) -> Layout:
        """Lay out every block of the document."""
        while self._more(len(self.block_lines) + 1):
            pass
        return self

    def estimated_height(self) -> int:
        """The number of lines of the whole layout: exact once it is complete,
        else the lines so far and a guess for the rest from the lines per
        character so far."""
        if self.complete:
            return len(self.lines)
        per_char = len(self.lines) / max(1, self._text_chars)
        return len(self.lines) + max(1, round(self.pending_chars() * per_char))

    def pending_chars(self) -> int:
        """Characters not laid out yet: of the blocks parsed and of the Markdown not."""
        document = self.document
        key = (len(self.block_lines), len(document.blocks))
        if self._pending[0] != key:
            blocks = document.blocks[key[0] :]
            self._pending = (key, sum(len(run.text) for block in blocks for run in block.runs))
        return self._pending[1] + document.remaining_chars()

    # -- one block -----------------------------------------------------------------

    def _lay_block(self, block_index: int, block: Block) -> None:
        width = self.width
        lines = self.lines
        line_block = self.line_block
        self.block_lines.append(len(lines))
        if block.kind == "rule":
            pw = _prefix_width(block.first_prefix)
            lines.append([*block.first_prefix, Run("─" * max(1, width - pw), "rule")])
            line_block.append(block_index)
            return
        if not block.runs:
            lines.append(list(block.first_prefix))
            line_block.append(block_index)
            return
        first_w = _prefix_width(block.first_prefix)
        rest_w = _prefix_width(block.rest_prefix)
        avail = max(2, width - max(first_w, rest_w))
        text = "".join(run.text for run in block.runs)
        self._text_chars += len(text)
        spans = wrap(text, avail, _figure_ranges(block.runs))
        figure_lines = self.figure_lines
        hit_lines = self.hit_lines
        for number, line_runs in enumerate(_slice_runs(block.runs, spans)):
            prefix = block.first_prefix if number == 0 else block.rest_prefix
            line_no = len(lines)
            for run in line_runs:
                if run.figure >= 0 and run.figure not in figure_lines:
                    figure_lines[run.figure] = line_no
                if run.hit >= 0:
                    while len(hit_lines) <= run.hit:
                        hit_lines.append(line_no)
            lines.append([*prefix, *line_runs])
            line_block.append(block_index)


def layout(document: Document, width: int) -> Layout:
    """Wrap every block of ``document`` to ``width`` cells."""
    return Layout(document, width).finish()


def line_text(line: list[Run]) -> str:
    """The plain text of a laid-out line (for tests and search)."""
    return "".join(run.text for run in line)
