"""The problems screen (``!`` or a click on the header's ⚠): every file the last
sync could not read, with its reason, and what the library said on opening
(e.g. that it was damaged, set aside and rebuilt)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import KEYS, PROBLEMS, bindings_for
from tui.reader_model import Problem


def problems_content(problems: Sequence[Problem], notice: str = "") -> Content:
    """The text of the screen: the library notice, then one entry per file."""
    lines: list[Content] = [Content.styled("解读 · 问题文件", "bold"), Content("")]
    if notice:
        lines += [Content.styled("资料库", "bold underline"), Content("  " + notice), Content("")]
    if problems:
        lines.append(Content.styled(f"无法读取的文件（{len(problems)} 个）", "bold underline"))
        for problem in problems:
            lines.append(Content.styled("  " + problem.path, "bold"))
            lines.append(Content.styled("    " + problem.reason, "dim"))
    elif not notice:
        lines.append(Content("没有问题：所有文件都已读取。"))
    lines.append(Content(""))
    for entry in KEYS:
        if entry.scope == PROBLEMS:
            lines.append(Content.styled(f"{entry.keys} {entry.description}", "dim"))
    return Content("\n").join(lines)


class ProblemsScreen(ModalScreen[None]):
    """Lists every problem file; escape, q or ! closes it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(PROBLEMS))

    def __init__(self, problems: Sequence[Problem], notice: str = "") -> None:
        super().__init__()
        self.problems = list(problems)
        self.notice = notice

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems"):
            yield Static(problems_content(self.problems, self.notice), id="problems-text")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#problems", VerticalScroll).scroll_relative(y=step, animate=False)
