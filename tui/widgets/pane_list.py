"""An OptionList for the reader's small panes (figures) that tolerates paging
before it is laid out."""

from __future__ import annotations

from contextlib import suppress

from textual.widgets import OptionList


class PaneOptionList(OptionList):
    """An OptionList that ignores pgup/pgdn before its lines are laid out (hidden or
    too small), where Textual's OptionList raises a KeyError."""

    def action_page_up(self) -> None:
        with suppress(KeyError, IndexError):
            super().action_page_up()

    def action_page_down(self) -> None:
        with suppress(KeyError, IndexError):
            super().action_page_down()
