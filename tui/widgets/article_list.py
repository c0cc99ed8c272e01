"""The article list: one OptionList entry per article (title, then site, date, companies).

OptionList renders lazily, so a thousand articles stay fast (ListView would
build a widget per row).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import ClassVar, Protocol

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.bindings import LIST, bindings_for
from tui.cjkwrap import text_width, wrap_text
from tui.present import row_subtitle
from tui.widgets.messages import ArticleChosen, ReadOn


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
        self._prompts: dict[tuple[str, str, bool, int], Content] = {}

    def _prompt_width(self) -> int:
        return max(0, self.scrollable_content_region.width - 1)  # right padding

    def set_rows(self, rows: Sequence[ListRow], simplified: bool, keep: str | None) -> None:
        """Replace the entries, keeping ``keep`` highlighted when it is still listed."""
        self._rows = list(rows)
        self._simplified = simplified
        ids = [row.id for row in rows]
        if not rows:
            self.row_ids = []
            self.set_options([Option(self.empty_text, disabled=True)])
            self.highlighted = None
            return
        self.row_ids = ids
        width = self._prompt_width()
        self._built_width = width
        self.set_options(Option(self._prompt(row, simplified, width), id=row.id) for row in rows)
        self.highlighted = ids.index(keep) if keep in ids else 0

    def _prompt(self, row: ListRow, simplified: bool, width: int) -> Content:
        key = (row.id, row.title, simplified, width)
        prompt = self._prompts.get(key)
        if prompt is None:
            prompt = self._prompts[key] = row_prompt(row, simplified, width)
        return prompt

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
