"""The article view: a Line API widget that paints only the visible lines.

The Markdown body is turned into blocks (``mdblocks.open_document``) and
wrapped to the widget's width with the CJK rules (``mdlayout.Layout``), both
only as far as they are needed: the lines on screen and a screenful more, or
up to the figure, hit or reading place jumped to; the scrollbar counts an
estimate for the rest until the end has been laid out (so a 200,000-character
report opens as fast as a short one). Each visible line becomes a Strip with
styles from the ``article-view--*`` component classes in
``styles/reader.tcss``. Figures, the selected figure and search hits are
styles on top of the text, so changing the selection repaints without
re-wrapping.
"""

from __future__ import annotations

from collections.abc import Callable, Sized
from itertools import islice
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.bindings import ARTICLE, bindings_for
from tui.reader_model import Place
from tui.widgets.mdblocks import Document, Run
from tui.widgets.mdlayout import Layout
from tui.widgets.messages import FigureSelected
from tui.widgets.quiet import set_virtual_size

MAX_MEASURE = 90  # widest text column in cells; wider views centre the column
AHEAD = 2  # screenfuls laid out below the one shown
SHORT_REST = 12_000  # characters: a rest this short is laid out at once

ROLES = (
    "title",
    "meta",
    "rule",
    "h1",
    "h2",
    "h3",
    "strong",
    "em",
    "strike",
    "code",
    "link",
    "footnote",
    "dim",
    "bullet",
    "quote",
)


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, wrapped, highlighted article text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--{role}" for role in ROLES),
        "article-view--figure",
        "article-view--figure-selected",
        "article-view--hit",
        "article-view--hit-current",
        "article-view--placeholder",
    }

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(ARTICLE))

    class Scrolled(Message):
        """The top line changed (for saving the reading position)."""

        def __init__(self, top: int) -> None:
            super().__init__()
            self.top = top

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document: Document | None = None
        self.placeholder = ""
        self._layout: Layout | None = None
        self._styles: dict[tuple[str, int, int], Style] = {}
        self.selected_figure = -1
        self.current_hit = -1
        self._pending_top: int | Place | None = None
        self.searching = False  # a search is active: n / N step through its hits first
        self._paint: tuple[Style, int] | None = None  # (base style, width) while painting

    # -- content ------------------------------------------------------------

    def set_document(
        self,
        document: Document | None,
        top: int | Place = 0,
        *,
        searching: bool = False,
    ) -> None:
        """Show ``document`` scrolled to line ``top`` (0 for the beginning) or to a
        place (block, line within it); ``searching``: n / N step through the hits."""
        self.document = document
        self.searching = searching
        self.selected_figure = -1
        self.current_hit = -1
        self._layout = None
        self._pending_top = top
        if self.scrollable_content_region.width:
            self._relayout()
            self._apply_pending_top()

    def _apply_pending_top(self) -> None:
        if self._pending_top is not None and self._layout is not None:
            top = self._pending_top
            self._scroll_to_line(top if isinstance(top, int) else self.line_of(top))
            self._pending_top = None

    @property
    def place(self) -> Place:
        """Where the top line is, independent of the width: (block, line within it)."""
        lay = self._layout
        top = self.top_line
        if lay is not None:
            lay.to_line(top)
        if lay is None or not lay.line_block:
            return (0, top)
        top = min(top, len(lay.line_block) - 1)
        block = lay.line_block[top]
        return (block, top - lay.block_lines[block])

    def line_of(self, place: Place) -> int:
        """The line at ``place`` in the current layout (clamped to its block)."""
        lay = self._layout
        block, offset = place
        if lay is not None:
            lay.to_block(block)
        if lay is None or not lay.block_lines:
            return 0
        if not 0 <= block < len(lay.block_lines):
            return len(lay) if block >= 0 else 0
        start = lay.block_lines[block]
        end = lay.block_lines[block + 1] if block + 1 < len(lay.block_lines) else len(lay)
        return min(start + max(0, offset), max(start, end - 1))

    def set_placeholder(self, text: str) -> None:
        """Show a line of text instead of an article."""
        self.placeholder = text
        if self.document is None:
            self.refresh()

    def _text_width(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        return max(4, min(MAX_MEASURE, width))

    def _relayout(self) -> None:
        if self.document is None:
            self._layout = None
            set_virtual_size(self, Size(0, 0))
            self.refresh()
            return
        width = self._text_width()
        if self._layout is None or self._layout.width != width:
            self._layout = Layout(self.document, width)
        self._fill()
        self.refresh()

    def _fill(self, top: int | None = None) -> None:
        """Lay out the screen from line ``top`` (default: the top line) and the
        screenfuls below it; size the scroll range (an estimate until the end is
        laid out)."""
        lay = self._layout
        if lay is None:
            return
        height = max(1, self.scrollable_content_region.height or self.size.height)
        lay.to_line((self.top_line if top is None else top) + (AHEAD + 1) * height)
        if not lay.complete and lay.pending_chars() <= SHORT_REST:
            lay.finish()  # little left: the scroll range is exact from here on
        size = Size(lay.width, lay.estimated_height())
        set_virtual_size(self, size)

    @property
    def layout_lines(self) -> Layout | None:
        """The whole wrapped document (laying out the rest; for tests and the
        benchmark)."""
        if self._layout is not None and not self._layout.complete:
            self._layout.finish()
            self._fill()
        return self._layout

    @property
    def laid_lines(self) -> Layout | None:
        """The wrapped lines as far as they are laid out."""
        return self._layout

    @property
    def top_line(self) -> int:
        return round(self.scroll_offset.y)

    def _scroll_to_line(self, line: int) -> None:
        self._fill(max(0, line))
        self.scroll_to(y=max(0, line), animate=False, immediate=True, force=True)

    def on_resize(self) -> None:
        if self.document is None:
            return
        if self._layout is None:
            self._relayout()
            self._apply_pending_top()
            return
        if self._layout.width == self._text_width():
            self._fill()  # taller: more lines on screen
            return
        place = self.place
        self._layout = None
        self._relayout()
        self._scroll_to_line(self.line_of(place))

    # Paging jumps at once, like less (an animation is many frames over SSH).
    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        if self._layout is not None and not self._layout.complete:
            self._layout.finish()  # the end is where the whole layout ends
            self._fill()
        self.scroll_end(animate=False)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._fill()
            self.post_message(self.Scrolled(round(new_value)))

    # -- figures and hits ---------------------------------------------------

    def select_figure(self, index: int, scroll: bool = True) -> bool:
        """Highlight figure ``index`` strongly and scroll it into view (laying
        out the article up to it first)."""
        line = None if self._layout is None else self._layout.to_figure(index)
        if line is None:
            return False
        self.selected_figure = index
        self.current_hit = -1  # one strong highlight at a time (they look alike without colour)
        if scroll:
            self._reveal(line)
        self.refresh()
        return True

    def select_hit(self, index: int) -> bool:
        """Make hit ``index`` the current one and scroll it into view (laying out
        the article up to it first); False if there is no such hit."""
        line = None if self._layout is None or index < 0 else self._layout.to_hit(index)
        if line is None:
            return False
        self.current_hit = index
        self.selected_figure = -1
        self._reveal(line)
        self.refresh()
        return True

    def _step(
        self, lines: list[int], more: Callable[[], bool], current: int, direction: int
    ) -> int | None:
        """The next (``direction`` 1) or previous (-1) of the items at ``lines``
        (reading order, laid out so far; ``more`` lays out further and says
        whether there was more), like n/N in less: from the current item while
        it is on screen, else from the screen (the first at or below its top,
        the last above it), wrapping around. None when there are no items."""
        top = self.top_line
        height = max(1, self.scrollable_content_region.height or self.size.height)
        if 0 <= current < len(lines) and top <= lines[current] < top + height:
            target = current + direction
        elif direction > 0:
            target = next((i for i, line in enumerate(lines) if line >= top), len(lines))
            while target == len(lines) and more():
                target = next((i for i in range(target, len(lines)) if lines[i] >= top), target)
        else:
            target = next((i for i in range(len(lines) - 1, -1, -1) if lines[i] < top), -1)
        while target >= len(lines) and more():
            pass
        if target >= len(lines):
            target = 0  # past the last: the first
        if target < 0:
            while more():  # before the first: the last, at the end of the article
                pass
            target = len(lines) - 1
        return target if 0 <= target < len(lines) else None

    @property
    def hit_count(self) -> int:
        """The number of search hits in the whole article (lays it out whole)."""
        lay = self.layout_lines
        return len(lay.hit_lines) if lay else 0

    def figure_order(self) -> list[int]:
        """Figure indices in reading order (of the whole article, laid out whole)."""
        lay = self.layout_lines
        if lay is None:
            return []
        return sorted(lay.figure_lines, key=lambda i: (lay.figure_lines[i], i))

    def action_step(self, direction: int) -> None:
        """n / N: the next or previous search hit, or without a search (or without
        hits here) the next or previous figure; the figures panel follows through
        ``FigureSelected``. The article is laid out only as far as the step goes."""
        lay = self._layout
        if lay is None:
            return
        if self.searching and lay.to_hit(0) is not None:
            hits = lay.hit_lines
            target = self._step(hits, lambda: _grow(lay, hits), self.current_hit, direction)
            if target is not None:
                self.select_hit(target)
            return
        figures = lay.figure_lines
        order = list(figures)  # reading order: as they are laid out
        lines = [figures[i] for i in order]

        def more() -> bool:
            if not _grow(lay, figures):
                return False
            for index in islice(figures, len(order), None):
                order.append(index)
                lines.append(figures[index])
            return True

        current = order.index(self.selected_figure) if self.selected_figure in order else -1
        target = None
        if lay.document.figure_count:
            target = self._step(lines, more, current, direction)
        if target is None:
            self.notify("本文没有数字" if not self.searching else "没有搜索结果")
            return
        figure = order[target]
        self.select_figure(figure)
        self.post_message(FigureSelected(figure))

    def _reveal(self, line: int) -> None:
        height = self.scrollable_content_region.height or self.size.height
        top = self.top_line
        if top <= line < top + max(1, height - 1):
            return
        self._scroll_to_line(line - max(0, height // 3))

    # -- painting -----------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _role(self, name: str) -> Style:
        """The style of one component class, to lay over other styles.

        Text attributes come from the partial style; colours from the full one,
        because theme colours such as ``$text-muted`` are "auto" or translucent and
        only resolve against the widget's background.
        """
        styles = self.get_component_styles(f"article-view--{name}")
        full = self.get_component_rich_style(f"article-view--{name}")
        partial = self.get_component_rich_style(f"article-view--{name}", partial=True)
        return Style(
            color=full.color if styles.has_rule("color") else None,
            bgcolor=full.bgcolor if styles.has_rule("background") else None,
            bold=partial.bold,
            dim=partial.dim,
            italic=partial.italic,
            underline=partial.underline,
            reverse=partial.reverse,
            strike=partial.strike,
        )

    def _style(self, run: Run) -> Style:
        figure = 0 if run.figure < 0 else (2 if run.figure == self.selected_figure else 1)
        hit = 0 if run.hit < 0 else (2 if run.hit == self.current_hit else 1)
        key = (run.style, figure, hit)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            for role in run.style.split("+") if run.style else ():
                style += self._role(role)
            if figure:
                style += self._role("figure-selected" if figure == 2 else "figure")
            if hit:
                style += self._role("hit-current" if hit == 2 else "hit")
            self._styles[key] = style
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        # The base style and width once per paint, not per line.
        self._paint = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def render_line(self, y: int) -> Strip:
        base, width = self._paint or (self.rich_style, self.scrollable_content_region.width)
        lines = self._layout
        index = self.top_line + y
        if lines is None:
            if y == 1 and self.placeholder:
                style = base + self._role("placeholder")
                return Strip([Segment("  " + self.placeholder, style)]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if index >= len(lines.lines):
            lines.to_line(index)  # scrolled before the layout caught up
        if index >= len(lines.lines):
            return Strip.blank(width, base)
        pad = max(0, (width - lines.width) // 2)
        segments = [Segment(" " * pad, base)] if pad else []
        segments.extend(Segment(run.text, self._style(run)) for run in lines.lines[index])
        return Strip(segments).adjust_cell_length(width, base)


def _grow(lay: Layout, items: Sized) -> bool:
    """Lay out until ``items`` (hit lines or figure lines) grows; False at the end."""
    count = len(items)
    while len(items) == count:
        if not lay.grow():
            return False
    return True
