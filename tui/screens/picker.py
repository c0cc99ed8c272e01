"""The company and tag pickers: a list with counts that narrows as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.bindings import PICKER, bindings_for
from tui.filters import Facet, narrow


def facet_prompt(facet: Facet) -> Content:
    mark = ("✓ ", "bold") if facet.active else "  "
    name_style = "bold underline" if facet.active else ""
    return Content.assemble(mark, (facet.name, name_style), (f"  {facet.count}", "dim"))


def picker_keys() -> Content:
    """The keys of the picker (the main footer is under the modal)."""
    pairs = (("输入", "缩小"), ("↑↓", "移动"), ("enter", "应用"), ("esc", "关闭"))
    return Content("  ").join(Content.assemble((key, "bold"), f" {label}") for key, label in pairs)


class PickerScreen(ModalScreen[str | None]):
    """Choose one company or tag; enter applies the highlighted entry, escape cancels.

    Choosing an entry that is already active removes it from the filters.
    """

    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(PICKER))

    def __init__(
        self,
        title: str,
        facets: Sequence[Facet],
        simplify: Callable[[str], str] | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.facets = list(facets)
        self.simplify = simplify
        self.cursor_blink = cursor_blink
        self.shown: list[Facet] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(self.title_text, id="picker-title")
            field = Input(placeholder="输入以筛选…", id="picker-input", compact=True)
            field.cursor_blink = self.cursor_blink
            yield field
            yield OptionList(id="picker-list", markup=False)
            yield Static(picker_keys(), id="picker-keys")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-input", Input).focus()

    def _fill(self, typed: str) -> None:
        extra = ""
        if typed and self.simplify is not None:
            extra = self.simplify(typed)
        self.shown = narrow(self.facets, typed, extra)
        options = self.query_one("#picker-list", OptionList)
        if self.shown:
            options.set_options(Option(facet_prompt(f), id=f.name) for f in self.shown)
            options.highlighted = 0
        else:
            empty = "（没有匹配）" if self.facets else f"（当前列表里没有{self.title_text}）"
            options.set_options([Option(empty, disabled=True)])
            options.highlighted = None

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if not self.shown:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def action_choose(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if self.shown and options.highlighted is not None:
            self.dismiss(self.shown[options.highlighted].name)

    def action_cancel(self) -> None:
        self.dismiss(None)
