"""The help screen: every key of the reader, grouped by where it works."""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import HELP, KEY_HELP, KEYS, bindings_for


def help_content() -> Content:
    lines: list[Content] = [Content.styled("解读 · 按键", "bold"), Content("")]
    for scope, entries in groupby(KEY_HELP, key=lambda k: k.scope):
        lines.append(Content.styled(scope, "bold underline"))
        for entry in entries:
            lines.append(Content.assemble(("  " + entry.keys.ljust(18), "bold"), entry.description))
        lines.append(Content(""))
    for entry in KEYS:
        if entry.scope == HELP:
            lines.append(Content.styled(f"{entry.keys} {entry.description}", "dim"))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(HELP))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_content(), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=step, animate=False)
