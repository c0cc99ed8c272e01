"""The figures panel: each figure of the open article with metric, company, period
and its agree/conflict mark from the cross-article fact groups.

A long report has hundreds of figures: their entries are drawn when they come
into view, and their heights are known without wrapping them (two lines when
both fit the panel; only an entry that does not is measured by Textual)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.bindings import FIGURES, bindings_for
from tui.cjkwrap import text_width
from tui.present import figure_label, status_mark
from tui.reader_model import FigureEntry
from tui.widgets.messages import FigureChosen, FigureCopy
from tui.widgets.pane_list import PaneOptionList
from tui.widgets.quiet import set_virtual_size

__all__ = ["FigureEntry", "FiguresPanel", "figure_prompt"]


def figure_prompt(entry: FigureEntry) -> Content:
    """Two lines: the figure as written with its agree/conflict mark; metric, company, period."""
    mark = status_mark(entry.status)
    first: list[tuple[str, str] | str] = [(entry.text, "bold underline")]
    if mark:
        first.extend(["  ", (mark, "bold reverse" if entry.status == "conflict" else "bold")])
    return Content.assemble(*first, ("\n" + figure_label(entry.figure), "dim"))


def entry_height(entry: FigureEntry, width: int) -> int | None:
    """The lines of ``figure_prompt(entry)`` at ``width`` cells when each of its
    two lines fits (2), else None (it wraps: measure it)."""
    mark = status_mark(entry.status)
    first = _width(entry.text) + (2 + _width(mark) if mark else 0)
    if "\n" in entry.text or first > width or _width(figure_label(entry.figure)) > width:
        return None
    return 2


_WIDTHS: dict[str, int] = {}  # labels and figures repeat across entries
_HEIGHTS: dict[tuple[str, int], int] = {}  # (line, width): wrapped lines


def _width(text: str) -> int:
    width = _WIDTHS.get(text)
    if width is None:
        if len(_WIDTHS) > 50_000:
            _WIDTHS.clear()
        width = _WIDTHS[text] = text_width(text)
    return width


class FigureOption(Option):
    """A figure's entry whose prompt is built when it is first drawn."""

    def __init__(self, entry: FigureEntry) -> None:
        super().__init__("", id=str(entry.index))
        self.entry = entry
        self._prompt: Content | None = None

    @property
    def prompt(self) -> Content:
        if self._prompt is None:
            self._prompt = figure_prompt(self.entry)
        return self._prompt


class FiguresPanel(PaneOptionList):
    """Figures of the open article, in reading order; enter posts ``FigureChosen``,
    y posts ``FigureCopy``."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(FIGURES))

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.entries: list[FigureEntry] = []
        self._entry_heights: dict[int, list[int]] = {}  # width: the height of each entry

    def set_entries(
        self, entries: Sequence[FigureEntry], message: str = "（本文没有数字）"
    ) -> None:
        """Show ``entries``; without any, a disabled line with ``message`` (if any).

        The same entries again (the article redrawn for new search hits) keep the
        list and its highlight as they are."""
        entries = list(entries)
        if entries and entries == self.entries and self.option_count == len(entries):
            return
        self.entries = entries
        if not entries:
            self.set_options([Option(message, disabled=True)] if message else [])
            self.highlighted = None
        else:
            full = self._full_height()
            self._entry_heights = {}
            self.set_options(FigureOption(e) for e in entries)
            self.highlighted = 0
            if full and 2 * len(entries) >= self.size.height:
                # As tall as it may be before and after (an entry has two lines at
                # least): the pane keeps its size, so it is repainted without laying
                # out the screen, which took a third of a search key that showed
                # another article.
                self._layout_required = False
        self.border_title = f"数字 {len(entries)}"

    def _full_height(self) -> bool:
        """Whether the pane is laid out as tall as its parent lets it be."""
        parent = self.parent
        return (
            self.is_mounted
            and self.display
            and isinstance(parent, Widget)
            and self.size.height > 0
            and self.outer_size.height >= parent.size.height
        )

    def _known_heights(self, width: int) -> list[int]:
        """The height of each entry at ``width`` cells (the prompt's width)."""
        known = self._entry_heights.get(width)
        if known is None:
            heights = [entry_height(entry, width) for entry in self.entries]
            for index, height in enumerate(heights):
                if height is None:  # wraps: as Textual measures it, line by line
                    lines = figure_prompt(self.entries[index]).plain.split("\n")
                    heights[index] = sum(self._line_height(line, width) for line in lines)
            known = self._entry_heights[width] = heights  # type: ignore[assignment]
        return known

    def _line_height(self, line: str, width: int) -> int:
        """The lines one line of an entry wraps to at ``width`` cells, as Textual
        wraps it (the same labels recur: metric, company and period)."""
        key = (line, width)
        height = _HEIGHTS.get(key)
        if height is None:
            if len(_HEIGHTS) > 50_000:
                _HEIGHTS.clear()
            height = _HEIGHTS[key] = Content(line).get_height(self.styles, width)
        return height

    def _padding_width(self) -> int:
        return self.get_component_styles("option-list--option").padding.width

    def _update_lines(self) -> None:
        """Textual's line table from the known heights (measuring every entry
        through Content.get_height took most of opening a long report)."""
        if not self.entries or self.option_count != len(self.entries):
            super()._update_lines()
            return
        region = self.scrollable_content_region
        if not region:
            return
        cache = self._line_cache
        lines = cache.lines
        width = region.width - self._get_left_gutter_width()
        next_index = lines[-1][0] + 1 if lines else 0
        if next_index < len(self.entries):  # (the table is cleared on resize)
            heights = self._known_heights(width - self._padding_width())
            for index in range(next_index, len(heights)):
                cache.index_to_line[index] = len(lines)
                cache.heights[index] = heights[index]
                lines.extend((index, line) for line in range(heights[index]))
        virtual_size = Size(width, len(lines))
        # No screen layout here: new entries asked for one when they were set.
        set_virtual_size(self, virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self.entries or self.option_count != len(self.entries):
            return super().get_content_height(container, viewport, width)
        if 2 * len(self.entries) >= container.height:
            # Taller than the pane whatever wraps (an entry has two lines at least):
            # the pane is as tall as it may be, and the entries are not measured
            # at this width too (the line table measures them at the width it shows).
            return 2 * len(self.entries)
        return sum(self._known_heights(width - self._padding_width()))

    def highlight_figure(self, index: int) -> None:
        """Move the cursor to figure ``index`` (an index into the article's figures)."""
        for position, entry in enumerate(self.entries):
            if entry.index == index:
                self.highlighted = position
                return

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(FigureChosen(int(event.option.id)))

    def action_copy(self) -> None:
        entry = self.highlighted_entry
        self.post_message(FigureCopy(entry.index if entry is not None else -1))

    @property
    def highlighted_entry(self) -> FigureEntry | None:
        if self.highlighted is None or not self.entries:
            return None
        return self.entries[self.highlighted]
