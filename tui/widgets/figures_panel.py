"""The figures panel: each figure of the open article with metric, company, period
and its agree/conflict mark from the cross-article fact groups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets.option_list import Option

from tui.present import figure_label, status_mark
from tui.text.models import Figure
from tui.widgets.article_list import PaneOptionList


@dataclass
class FigureEntry:
    """A figure as shown: its text in the displayed script and its fact status."""

    index: int
    text: str
    figure: Figure
    status: str | None = None


def figure_prompt(entry: FigureEntry) -> Content:
    """Two lines: the figure as written with its agree/conflict mark; metric, company, period."""
    mark = status_mark(entry.status)
    first: list[tuple[str, str] | str] = [(entry.text, "bold underline")]
    if mark:
        first.extend(["  ", (mark, "bold reverse" if entry.status == "conflict" else "bold")])
    return Content.assemble(*first, ("\n" + figure_label(entry.figure), "dim"))


class FiguresPanel(PaneOptionList):
    """Figures of the open article, in reading order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "下", show=False),
        Binding("k", "cursor_up", "上", show=False),
        Binding("g", "first", "首", show=False),
        Binding("G", "last", "末", show=False),
        Binding("enter", "select", "跳转"),
        Binding("y", "screen.copy_figure", "复制"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.entries: list[FigureEntry] = []

    def set_entries(
        self, entries: Sequence[FigureEntry], message: str = "（本文没有数字）"
    ) -> None:
        """Show ``entries``; without any, a disabled line with ``message`` (if any)."""
        self.entries = list(entries)
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

    @property
    def highlighted_entry(self) -> FigureEntry | None:
        if self.highlighted is None or not self.entries:
            return None
        return self.entries[self.highlighted]
