"""The help screen: every key of the reader, grouped by where it works."""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import KEY_HELP


def help_content() -> Content:
    lines: list[Content] = [Content.styled("解读 · 按键", "bold"), Content("")]
    for scope, entries in groupby(KEY_HELP, key=lambda k: k.scope):
        lines.append(Content.styled(scope, "bold underline"))
        for entry in entries:
            lines.append(Content.assemble(("  " + entry.keys.ljust(18), "bold"), entry.description))
        lines.append(Content(""))
    lines.append(Content.styled("esc / q / ? 关闭帮助", "dim"))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "关闭"),
        Binding("j,down", "scroll(1)", "下", show=False),
        Binding("k,up", "scroll(-1)", "上", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_content(), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=step, animate=False)
