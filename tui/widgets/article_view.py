"""The article view: a Line API widget that paints only the visible lines.

The Markdown body is turned into blocks once (``mdblocks.build_document``) and
wrapped to the widget's width with the CJK rules (``mdblocks.layout``); each
visible line becomes a Strip with styles from the ``article-view--*`` component
classes in ``styles/reader.tcss``. Figures, the selected figure and search hits
are styles on top of the text, so changing the selection repaints without
re-wrapping.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.bindings import ARTICLE, bindings_for
from tui.reader_model import Place
from tui.widgets.mdblocks import Document, Layout, Run, layout
from tui.widgets.messages import FigureSelected

MAX_MEASURE = 90  # widest text column in cells; wider views centre the column

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

    # -- content ------------------------------------------------------------

    def set_document(
        self,
        document: Document | None,
        top: int | Place = 0,
        *,
        searching: bool = False,
        lines: Layout | None = None,
    ) -> None:
        """Show ``document`` scrolled to line ``top`` (0 for the beginning) or to a
        place (block, line within it); ``searching``: n / N step through the hits.
        ``lines`` is the document already laid out (in a worker), used when its
        width is the view's."""
        self.document = document
        self.searching = searching
        self.selected_figure = -1
        self.current_hit = -1
        self._layout = lines
        self._pending_top = top
        if self.scrollable_content_region.width:
            self._relayout()
            self._apply_pending_top()

    def _apply_pending_top(self) -> None:
        if self._pending_top is not None and self._layout is not None:
            top = self._pending_top
            self._scroll_to_line(top if isinstance(top, int) else self.line_of(top))
            self._pending_top = None

    def text_width(self) -> int:
        """The width the text is wrapped to (for laying out in a worker)."""
        return self._text_width()

    @property
    def place(self) -> Place:
        """Where the top line is, independent of the width: (block, line within it)."""
        lay = self._layout
        top = self.top_line
        if lay is None or not lay.line_block:
            return (0, top)
        top = min(top, len(lay.line_block) - 1)
        block = lay.line_block[top]
        return (block, top - lay.block_lines[block])

    def line_of(self, place: Place) -> int:
        """The line at ``place`` in the current layout (clamped to its block)."""
        lay = self._layout
        block, offset = place
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
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        width = self._text_width()
        if self._layout is None or self._layout.width != width:
            self._layout = layout(self.document, width)
        self.virtual_size = Size(width, len(self._layout))
        self.refresh()

    @property
    def layout_lines(self) -> Layout | None:
        """The current wrapped lines (for tests and the benchmark)."""
        return self._layout

    @property
    def top_line(self) -> int:
        return round(self.scroll_offset.y)

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=max(0, line), animate=False, immediate=True, force=True)

    def on_resize(self) -> None:
        if self.document is None:
            return
        if self._layout is None:
            self._relayout()
            self._apply_pending_top()
            return
        if self._layout.width == self._text_width():
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
        self.scroll_end(animate=False)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled(round(new_value)))

    # -- figures and hits ---------------------------------------------------

    def select_figure(self, index: int, scroll: bool = True) -> bool:
        """Highlight figure ``index`` strongly and scroll it into view."""
        if self._layout is None or index not in self._layout.figure_lines:
            return False
        self.selected_figure = index
        self.current_hit = -1  # one strong highlight at a time (they look alike without colour)
        if scroll:
            self._reveal(self._layout.figure_lines[index])
        self.refresh()
        return True

    def select_hit(self, index: int) -> bool:
        """Make hit ``index`` the current one and scroll it into view."""
        if self._layout is None or not 0 <= index < len(self._layout.hit_lines):
            return False
        self.current_hit = index
        self.selected_figure = -1
        self._reveal(self._layout.hit_lines[index])
        self.refresh()
        return True

    def step_target(self, lines: list[int], current: int, direction: int) -> int:
        """The next (``direction`` 1) or previous (-1) of the items at ``lines``
        (reading order), like n/N in less: from the current item while it is on
        screen, else from the screen (the first at or below its top, the last
        above it), wrapping around."""
        count = len(lines)
        top = self.top_line
        height = max(1, self.scrollable_content_region.height or self.size.height)
        if 0 <= current < count and top <= lines[current] < top + height:
            return (current + direction) % count
        if direction > 0:
            return next((i for i, line in enumerate(lines) if line >= top), 0)
        return next((i for i in range(count - 1, -1, -1) if lines[i] < top), count - 1)

    @property
    def hit_count(self) -> int:
        return len(self._layout.hit_lines) if self._layout else 0

    def figure_order(self) -> list[int]:
        """Figure indices in reading order."""
        if self._layout is None:
            return []
        return sorted(self._layout.figure_lines, key=lambda i: (self._layout.figure_lines[i], i))

    def action_step(self, direction: int) -> None:
        """n / N: the next or previous search hit, or without a search (or without
        hits here) the next or previous figure; the figures panel follows through
        ``FigureSelected``."""
        lay = self._layout
        if self.searching and self.hit_count and lay is not None:
            self.select_hit(self.step_target(lay.hit_lines, self.current_hit, direction))
            return
        order = self.figure_order()
        if not order or lay is None:
            self.notify("本文没有数字" if not self.searching else "没有搜索结果")
            return
        current = order.index(self.selected_figure) if self.selected_figure in order else -1
        lines = [lay.figure_lines[i] for i in order]
        figure = order[self.step_target(lines, current, direction)]
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

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
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
            return Strip.blank(width, base)
        pad = max(0, (width - lines.width) // 2)
        segments = [Segment(" " * pad, base)] if pad else []
        segments.extend(Segment(run.text, self._style(run)) for run in lines.lines[index])
        return Strip(segments).adjust_cell_length(width, base)
