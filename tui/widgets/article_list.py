"""The article list: one OptionList entry per article (title, then site, date, companies).

OptionList renders lazily, so a thousand articles stay fast (ListView would
build a widget per row).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from itertools import accumulate
from typing import Any, ClassVar, Protocol

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.bindings import LIST, bindings_for
from tui.cjkwrap import text_width, wrap_text
from tui.present import row_subtitle
from tui.widgets.messages import ArticleChosen, ReadOn

MAX_ENTRIES = 200_000  # list entries kept between filter changes


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


class RowOption(Option):
    """A list entry whose prompt is built when it is first drawn (a list of
    10,000 articles draws a screenful)."""

    def __init__(self, row: ListRow, simplified: bool, width: int, cache: dict[Any, Content]):
        super().__init__("", id=row.id)
        self._row = row
        self._key = (row.id, row.title, simplified, width)
        self._cache = cache
        self._prompt = None

    @property
    def prompt(self) -> Content:
        if self._prompt is None:
            prompt = self._cache.get(self._key)
            if prompt is None:
                _, _, simplified, width = self._key
                prompt = self._cache[self._key] = row_prompt(self._row, simplified, width)
            self._prompt = prompt
        return self._prompt


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


class PaneOptionList(OptionList):
    """An OptionList that ignores pgup/pgdn before its lines are laid out (hidden or
    too small), where Textual's OptionList raises a KeyError."""

    def action_page_up(self) -> None:
        with suppress(KeyError, IndexError):
            super().action_page_up()

    def action_page_down(self) -> None:
        with suppress(KeyError, IndexError):
            super().action_page_down()


class ArticleList(PaneOptionList):
    """The filtered, searched list of articles.

    Posts ``ArticleChosen`` when the highlight moves (``open`` on enter) and
    ``ReadOn`` for space / b (page the article, stay in the list).
    """

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(LIST))

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.row_ids: list[str] = []
        self.empty_text = "没有文章"
        self._rows: list[ListRow] = []
        self._simplified = False
        self._built_width = -1
        self._prompts: dict[Any, Content] = {}
        self._entry_heights: list[int] = []
        self._entries: dict[
            tuple[bool, int], dict[int, tuple[Option, int]]
        ] = {}  # lines of each entry, known from the wrapping

    def _prompt_width(self) -> int:
        return max(0, self.scrollable_content_region.width - 1)  # right padding

    def set_rows(self, rows: Sequence[ListRow], simplified: bool, keep: str | None) -> None:
        """Replace the entries, keeping ``keep`` highlighted when it is still listed."""
        self._rows = list(rows)
        self._simplified = simplified
        ids = [row.id for row in rows]
        if not rows:
            self.row_ids = []
            self._entry_heights = []
            self.set_options([Option(self.empty_text, disabled=True)])
            self.highlighted = None
            return
        self.row_ids = ids
        width = self._prompt_width()
        self._built_width = width
        # Heights are known without wrapping; prompts are made when drawn; entries
        # are kept for the next filter change (a new object per row is slow at 10,000).
        # Keyed by the row object (a re-read gives new rows, so changed titles are
        # never stale; the entry holds its row, so the id is not reused).
        entries = self._entries.setdefault((simplified, width), {})
        if len(entries) > MAX_ENTRIES:  # rows read again many times over
            entries.clear()
        got = [entries.get(id(row)) for row in rows]
        for i, entry in enumerate(got):
            if entry is None:
                row = rows[i]
                option = RowOption(row, simplified, width, self._prompts)
                height = row_height(row, simplified, width) if width >= 4 else 0
                got[i] = entries[id(row)] = (option, height)
        options = [entry[0] for entry in got]  # type: ignore[index]
        heights = [entry[1] for entry in got]  # type: ignore[index]
        if width >= 4 and self.is_mounted:
            self._replace_options(options, heights)
        else:
            self._entry_heights = []
            self.set_options(options)
        self.highlighted = ids.index(keep) if keep in ids else 0

    def _replace_options(self, options: list[Option], heights: list[int]) -> None:
        """``set_options`` with the heights known: Textual's tables filled by
        C-level dict and list builders instead of a Python loop per entry (a
        filter change back to 10,000 articles spent most of its time there)."""
        self._entry_heights = heights
        self._options[:] = options
        self._option_render_cache.clear()
        self._id_to_option.clear()
        self._id_to_option.update(zip(self.row_ids, options, strict=True))
        self._option_to_index.clear()
        self._option_to_index.update(zip(options, range(len(options)), strict=True))
        cache = self._line_cache
        cache.lines[:] = [(i, line) for i, h in enumerate(heights) for line in range(h)]
        cache.heights.clear()
        cache.heights.update(enumerate(heights))
        cache.index_to_line.clear()
        cache.index_to_line.update(enumerate(accumulate(heights, initial=0)))
        self.highlighted = None
        self.scroll_y = 0
        self.refresh(layout=self.styles.auto_dimensions)
        self._update_lines()

    def _update_lines(self) -> None:
        """Textual's line table, from the known heights (measuring 10,000 entries
        through Content.get_height took most of a filter change)."""
        heights = self._entry_heights
        if (
            not self.scrollable_content_region
            or len(heights) != self.option_count
            or self._prompt_width() != self._built_width
        ):
            super()._update_lines()
            return
        cache = self._line_cache
        lines = cache.lines
        for index in range(lines[-1][0] + 1 if lines else 0, len(heights)):
            cache.index_to_line[index] = len(lines)
            cache.heights[index] = heights[index]
            lines.extend((index, line) for line in range(heights[index]))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, len(lines))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def on_resize(self) -> None:
        width = self._prompt_width()
        if self._rows and width != self._built_width:
            keep = self.highlighted_id
            self.set_rows(self._rows, self._simplified, keep)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(ArticleChosen(self.highlighted_id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(ArticleChosen(self.highlighted_id, open=True))

    def action_read_on(self, pages: int) -> None:
        self.post_message(ReadOn(pages))

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not self.row_ids:
            return None
        return self.row_ids[self.highlighted]
