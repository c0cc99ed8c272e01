"""The article list: a Line API widget that paints only the rows on screen.

Each article is an entry of two or three lines: its title in bold (clipped to
two lines with the CJK wrapping rules and …), then site, date and companies
dimmed. The list keeps the rows, their heights and a prefix sum of the heights
(``tops``); a line on screen is found by bisecting ``tops``, and only the entries
it shows are turned into text. Heights come from the title's width in cells
without wrapping anything (``row_height``), so setting 10,000 rows is a few list
passes, and a new filter repaints a screenful, not the list.

Styles: the ``article-list--*`` component classes (``styles/reader.tcss``).
Messages: ``ArticleChosen`` when the highlight moves to another article (with
``open`` on enter or a click), ``ReadOn`` for space / b.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import ClassVar, Protocol

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Padding, Visual

from tui.bindings import LIST, bindings_for
from tui.cjkwrap import text_width, wrap_text
from tui.present import row_subtitle
from tui.widgets.messages import ArticleChosen, ReadOn
from tui.widgets.quiet import set_virtual_size

MAX_KNOWN = 200_000  # rows whose heights are kept between filter changes
RENDERED = 512  # entries kept as painted strips (a few screenfuls in each state)


class ListRow(Protocol):
    id: str
    title: str
    title_simplified: str
    site: str | None
    date: str | None
    companies: list[str]


def _clip(text: str, width: int, lines: int) -> str:
    """``text`` wrapped (CJK rules) to at most ``lines`` lines of ``width`` cells."""
    wrapped = wrap_text(text, width)
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    while last and text_width(last) + 1 > width:
        last = last[:-1]
    kept[-1] = last + "…"
    return "\n".join(kept)


def row_height(row: ListRow, simplified: bool, width: int) -> int:
    """Lines of ``row_prompt(row, simplified, width)`` without wrapping anything:
    a title that fits takes one line, else two (it is clipped to two); then the
    subtitle line, if any."""
    title = row.title_simplified if simplified and row.title_simplified else row.title
    subtitle = bool(row.site or row.date or row.companies)
    return (1 if text_width(title.strip()) <= width else 2) + subtitle


def row_prompt(row: ListRow, simplified: bool, width: int = 0) -> Content:
    """One article entry: title (two lines at most), then site, date and companies."""
    title = row.title_simplified if simplified and row.title_simplified else row.title
    subtitle = row_subtitle(row.site, row.date, row.companies)
    if width > 0:
        title = _clip(title, width, 2)
        subtitle = _clip(subtitle, width, 1)
    parts: list[tuple[str, str]] = [(title, "bold")]
    if subtitle:
        parts.append(("\n" + subtitle, "dim"))
    return Content.assemble(*parts)


class RowCursor(ScrollView, can_focus=True):
    """The keys Textual's lists answer (arrows, home/end, paging) as cursor moves;
    the reader's own list keys are in ``tui.bindings`` (``ArticleList.BINDINGS``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
    ]


class ArticleList(RowCursor):
    """The filtered, searched list of articles.

    Posts ``ArticleChosen`` when the highlight moves to another article (``open``
    on enter or a click) and ``ReadOn`` for space / b (page the article, stay in
    the list).
    """

    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .article-list--row {
            padding: 0 1 0 0;
        }
        & > .article-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .article-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .article-list--hover {
            background: $block-hover-background;
        }
        & > .article-list--empty {
            color: $text-disabled;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--row",
        "article-list--highlighted",
        "article-list--hover",
        "article-list--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(LIST))

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.row_ids: list[str] = []
        self._rows: list[ListRow] = []
        self._simplified = False
        self._empty_text = "没有文章"
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._width = -1  # the prompt width ``tops`` was computed for (-1: not yet)
        self._content_width = -1  # the content width it was found for
        self.tops: list[int] = [0]  # first line of each entry, then the total
        # Heights per (script, width), by row object (kept alive in ``_alive``, so
        # its id is not reused; a re-read gives new rows, so a changed title is new).
        self._known: dict[tuple[bool, int], dict[int, int]] = {}
        self._alive: dict[int, ListRow] = {}
        self._strips: LRUCache[object, tuple[ListRow, list[Strip]]] = LRUCache(RENDERED)
        self._paint: tuple[int, dict[str, VisualStyle]] | None = None  # while painting
        self._more = 0  # rows to come after these (see ``set_rows``)

    # -- rows ---------------------------------------------------------------------

    @property
    def empty_text(self) -> str:
        """What the list says when it has no rows."""
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        if text != self._empty_text:
            self._empty_text = text
            if not self._rows:
                self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(
        self, rows: Sequence[ListRow], simplified: bool, keep: str | None, more: int = 0
    ) -> None:
        """Replace the rows, keeping ``keep`` highlighted when it is still listed
        (else the first row); the list scrolls to show it. ``more``: rows that
        follow, not given yet (the scroll bar makes room for them)."""
        before = self.highlighted_id
        self._more = more
        self._rows = list(rows)
        self._simplified = simplified
        self.row_ids = ids = [row.id for row in self._rows]
        self._hover = None
        self._measure(force=True)
        index: int | None = None
        if ids:
            try:
                index = ids.index(keep) if keep is not None else 0
            except ValueError:
                index = 0
        self._highlighted = index
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.scroll_to_highlight()
        self.refresh()
        if self.highlighted_id != before and self.highlighted_id is not None:
            self.post_message(ArticleChosen(self.highlighted_id))

    def _prompt_width(self) -> int:
        """The cells an entry's text takes (the content width less the row padding)."""
        width = self.scrollable_content_region.width
        if width <= 0 or not self.is_mounted:
            return 0
        return width - self.get_component_styles("article-list--row").padding.width

    def _measure(self, force: bool = False) -> None:
        """Heights and ``tops`` of the rows for the current width (once laid out;
        ``force``: the rows changed)."""
        width = self._prompt_width()
        self._content_width = self.scrollable_content_region.width
        if width == self._width and not force:
            return
        self._width = width
        if width <= 0:
            self.tops = [0]
            # Not laid out yet: a first guess of two lines a row, so the first
            # layout shows the scroll bar a long list needs.
            set_virtual_size(self, Size(0, 2 * (len(self._rows) + self._more)))
            return
        rows, simplified = self._rows, self._simplified
        known = self._known.setdefault((simplified, width), {})
        if len(self._alive) > MAX_KNOWN:  # rows read again many times over
            self._known.clear()
            self._alive.clear()
            known = self._known[(simplified, width)] = {}
        heights = list(map(known.get, map(id, rows)))  # C-level: a filter change at 10,000
        if None in heights:
            for i, height in enumerate(heights):
                if height is None:
                    row = rows[i]
                    heights[i] = known[id(row)] = row_height(row, simplified, width)
                    self._alive[id(row)] = row
        self.tops = tops = list(accumulate(heights, initial=0))  # type: ignore[arg-type]
        # Rows to come: as high as these on average.
        more = self._more * tops[-1] // len(rows) if rows else 0
        set_virtual_size(self, Size(self._content_width, tops[-1] + more))

    def on_resize(self) -> None:
        # Painting may have measured the new width already: reveal the highlight anyway.
        self._measure()
        self.scroll_to_highlight()
        self.refresh()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # (focus changes the highlight's colours)
        self._measure()  # the row padding may have changed

    # -- the highlight --------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        """The position of the highlighted row (None when the list is empty)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        count = len(self._rows)
        index = max(0, min(count - 1, index)) if index is not None and count else None
        before, old = self.highlighted_id, self._highlighted
        if index == old:
            return
        self._highlighted = index
        self._refresh_entry(old)
        self._refresh_entry(index)
        self.scroll_to_highlight()
        if self.highlighted_id != before and self.highlighted_id is not None:
            self.post_message(ArticleChosen(self.highlighted_id))

    @property
    def highlighted_id(self) -> str | None:
        if self._highlighted is None or not self.row_ids:
            return None
        return self.row_ids[self._highlighted]

    def _refresh_entry(self, index: int | None) -> None:
        if index is not None and self._width > 0 and index < len(self._rows):
            top = self.tops[index]
            self.refresh_lines(top, self.tops[index + 1] - top)

    def scroll_to_highlight(self) -> None:
        """Scroll the least needed to show the whole highlighted entry, then on to
        the next entry's first line if the view would begin inside an entry (a new
        list of search results is not shown from the middle of a title)."""
        index = self._highlighted
        if index is None or not self.is_mounted or self._width <= 0:
            return
        top = self.tops[index]
        region = Region(0, top, self.scrollable_content_region.width, self.tops[index + 1] - top)
        self.scroll_to_region(region, force=True, animate=False, immediate=True)
        first = round(self.scroll_y)
        inside = self.entry_at(first)
        if inside is None or self.tops[inside] == first:
            return
        # Down, never up: the highlighted entry's top is an entry top below the view's
        # first line, so it stays in view, and its end was in view already.
        below = self.tops[inside + 1]
        if below <= top and below <= self.max_scroll_y:
            self.scroll_to(y=below, animate=False, immediate=True, force=True)

    def entry_at(self, line: int) -> int | None:
        """The row shown on ``line`` of the whole list (None past the end)."""
        if self._width <= 0 or not 0 <= line < self.tops[-1]:
            return None
        return bisect_right(self.tops, line) - 1

    def action_cursor_up(self) -> None:
        if self._rows:  # from the first row to the last, as Textual's lists do
            current = self._highlighted if self._highlighted is not None else 0
            self.highlighted = (current - 1) % len(self._rows)

    def action_cursor_down(self) -> None:
        if self._rows:
            current = self._highlighted if self._highlighted is not None else -1
            self.highlighted = (current + 1) % len(self._rows)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._rows) - 1

    def _move_page(self, direction: int) -> None:
        if not self._rows or self._width <= 0 or self._highlighted is None:
            return
        height = self.scrollable_content_region.height
        line = self.tops[self._highlighted] + direction * height
        self.highlighted = self.entry_at(max(0, min(self.tops[-1] - 1, line)))

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_select(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(ArticleChosen(self.highlighted_id, open=True))

    def action_read_on(self, pages: int) -> None:
        self.post_message(ReadOn(pages))

    # -- the mouse ------------------------------------------------------------------

    def _entry_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        return self.entry_at(offset.y + self.scroll_offset.y)

    def on_click(self, event: events.Click) -> None:
        index = self._entry_under(event)
        if index is not None:
            event.stop()
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._entry_under(event))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            old, self._hover = self._hover, index
            self._refresh_entry(old)
            self._refresh_entry(index)

    # -- painting -----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width and the row styles once per paint, not per line: each asks
        # the screen where the widget is.
        self._paint = (self.scrollable_content_region.width, {})
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def _width_now(self) -> int:
        return self._paint[0] if self._paint is not None else self.scrollable_content_region.width

    def _row_style(self, state: str) -> VisualStyle:
        """The visual style of an entry in ``state`` ("", highlighted, hover)."""
        styles = self._paint[1] if self._paint is not None else {}
        style = styles.get(state)
        if style is None:
            names = ["article-list--row"] + ([f"article-list--{state}"] if state else [])
            style = styles[state] = self.get_visual_style(*names)
        return style

    def _entry_strips(self, index: int) -> list[Strip]:
        """The painted lines of entry ``index`` in its state (highlighted, hovered)."""
        row = self._rows[index]
        if index == self._highlighted:
            style = self._row_style("highlighted")
        elif index == self._hover:
            style = self._row_style("hover")
        else:
            style = self._row_style("")
        width = self._width_now()
        key = (id(row), style, width, self._width, self._simplified)
        cached = self._strips.get(key)
        if cached is not None and cached[0] is row:
            return cached[1]
        height = self.tops[index + 1] - self.tops[index]
        padding = self.get_component_styles("article-list--row").padding
        prompt = row_prompt(row, self._simplified, self._width)
        visual: Visual = Padding(prompt, padding) if padding else prompt
        strips = Visual.to_strips(self, visual, width, None, style)[:height]
        blank = Strip.blank(width, style.rich_style)
        strips = [strip.extend_cell_length(width, style.rich_style) for strip in strips]
        strips += [blank] * (height - len(strips))
        self._strips[key] = (row, strips)
        return strips

    def render_line(self, y: int) -> Strip:
        width = self._width_now()
        line = self.scroll_offset.y + y
        if not self._rows:
            style = self.get_visual_style("article-list--row")
            if line == 0 and self._empty_text:
                empty = self.get_visual_style("article-list--row", "article-list--empty")
                padding = self.get_component_styles("article-list--row").padding
                text = Content(_clip(self._empty_text, max(1, width - padding.width), 1))
                strips = Visual.to_strips(self, Padding(text, padding), width, 1, empty)
                return strips[0].extend_cell_length(width, empty.rich_style)
            return Strip.blank(width, style.rich_style)
        if width != self._content_width:
            self._measure()
        index = self.entry_at(line)
        if index is None:
            return Strip.blank(width, self._row_style("").rich_style)
        return self._entry_strips(index)[line - self.tops[index]]
