"""The figures panel: each figure of the open article with metric, company, period
and its agree/conflict mark from the cross-article fact groups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.bindings import FIGURES, bindings_for
from tui.present import figure_label, status_mark
from tui.reader_model import FigureEntry
from tui.widgets.article_list import PaneOptionList
from tui.widgets.messages import FigureChosen, FigureCopy

__all__ = ["FigureEntry", "FiguresPanel", "figure_prompt"]


def figure_prompt(entry: FigureEntry) -> Content:
    """Two lines: the figure as written with its agree/conflict mark; metric, company, period."""
    mark = status_mark(entry.status)
    first: list[tuple[str, str] | str] = [(entry.text, "bold underline")]
    if mark:
        first.extend(["  ", (mark, "bold reverse" if entry.status == "conflict" else "bold")])
    return Content.assemble(*first, ("\n" + figure_label(entry.figure), "dim"))


class FiguresPanel(PaneOptionList):
    """Figures of the open article, in reading order; enter posts ``FigureChosen``,
    y posts ``FigureCopy``."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(FIGURES))

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.entries: list[FigureEntry] = []

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
            self.set_options(Option(figure_prompt(e), id=str(e.index)) for e in entries)
            self.highlighted = 0
        self.border_title = f"数字 {len(entries)}"

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
