"""The search box: posts ``QueryChanged`` as you type and ``QuerySubmitted`` on enter."""

from __future__ import annotations

from typing import ClassVar, Self

from textual import on
from textual.binding import BindingType
from textual.geometry import Region
from textual.widgets import Input

from tui.bindings import SEARCH, bindings_for
from tui.widgets.messages import QueryChanged, QuerySubmitted


class SearchBox(Input):
    """The search box; its footer shows that enter opens the first result.

    Textual's Input widens its scrollable size with every character typed,
    which lays out the whole screen (and repaints every scrollbar) on each key;
    the box is one line across the list pane whatever its text, so a key only
    updates its scrolling and repaints it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(SEARCH))

    _typing = False  # inside Input's value watcher

    def _watch_value(self, value: str) -> None:
        self._typing = True
        try:
            super()._watch_value(value)
        finally:
            self._typing = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if layout and self._typing and not self.styles.auto_dimensions and self.container_size:
            layout = False  # (its own size does not change: see the class docstring)
            self._scroll_update(self.virtual_size)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(QueryChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(QuerySubmitted(event.value))
