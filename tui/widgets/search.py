"""The search box: posts ``QueryChanged`` as you type and ``QuerySubmitted`` on enter."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.widgets import Input

from tui.bindings import SEARCH, bindings_for
from tui.widgets.messages import QueryChanged, QuerySubmitted


class SearchBox(Input):
    """The search box; its footer shows that enter opens the first result."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(SEARCH))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(QueryChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(QuerySubmitted(event.value))
