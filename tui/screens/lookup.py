"""The figure lookup (``F``, and ``python -m tui pick``): a query box over every
figure of the library that narrows on each keystroke.

Rows: the figure as written, metric, company, period, site, date and article,
in the display script. ``enter`` opens the article at the figure (posts
``OpenArticleAt``; in pick mode ``FigurePicked`` with its citation), ``y`` (or
``ctrl+y`` while typing) copies the figure with its citation, ``v`` / ``p`` / ``d``,
``ctrl+s`` or a column's header order the rows by value, period or date,
``escape`` returns. The keys are the ``数字查找`` rows of ``tui.bindings``.

The library is read in thread workers; results come back as messages and a
result for words typed over since is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from tui.bindings import LOOKUP, bindings_for
from tui.screens.writing import (
    WRITING_CSS,
    CitationReady,
    FigurePicked,
    OpenArticleAt,
    column_widths,
    copy_with_toast,
    hit_citation,
    post_below,
)
from tui.store.lookup import (
    BY_DATE,
    BY_PERIOD,
    BY_VALUE,
    ORDER_LABELS,
    ORDERS,
    FigureHit,
    FigureSource,
    sort_hits,
)
from tui.text.script import to_simplified
from tui.widgets.chrome import KeyBar

MAX_ROWS = 500  # rows drawn; the count says how many matched
COLUMNS = (
    ("figure", "数字"),
    ("metric", "指标"),
    ("company", "公司"),
    ("period", "时期"),
    ("site", "来源"),
    ("date", "日期"),
    ("title", "文章"),
)
# (key, preferred width, least width); the article's title takes the rest.
WIDTHS = [
    ("figure", 14, 12),
    ("metric", 12, 8),
    ("company", 8, 4),
    ("period", 8, 8),
    ("site", 14, 8),
    ("date", 10, 10),
    ("title", 40, 10),
]
_SORT_COLUMNS = {"figure": BY_VALUE, "period": BY_PERIOD, "date": BY_DATE}


@dataclass
class LookupDone(Message):
    """The rows for the words typed (sorted), and how many matched."""

    words: str
    hits: list[FigureHit]


def hit_cells(hit: FigureHit, simplified: bool) -> list[Text]:
    """The cells of a row, in the display script."""

    def shown(value: str | None) -> str:
        if not value:
            return ""
        return to_simplified(value) if simplified else value

    figure = hit.figure
    return [
        Text(shown(figure.text), style="bold"),
        Text(figure.metric or "—"),
        Text(figure.company or "—"),
        Text(figure.period or "—"),
        Text(shown(hit.site)),
        Text(hit.date or ""),
        Text(shown(hit.title), overflow="ellipsis", no_wrap=True),
    ]


class LookupTable(DataTable[Text]):
    """The result rows (keys: the screen's, from ``tui.bindings``)."""


class LookupScreen(Screen[None]):
    """Find any figure of the library by company, metric, period, number or title."""

    CSS_PATH: ClassVar[Any] = WRITING_CSS
    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(LOOKUP))

    def __init__(
        self,
        library: Any,
        paths: list[str] | None = None,
        *,
        words: str = "",
        simplified: bool = False,
        pick: bool = False,
        cursor_blink: bool = True,
        source: FigureSource | None = None,
    ) -> None:
        super().__init__(id="lookup")
        self.library = library
        self.source = source or FigureSource(library, paths)
        self.initial_words = words
        self.simplified = simplified
        self.pick = pick
        self.cursor_blink = cursor_blink
        self.order = BY_DATE
        self.descending = True
        self.hits: list[FigureHit] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="lookup-head"):
            yield Static("数字查找", id="lookup-title")
            yield Static("", id="lookup-count")
        field = Input(
            value=self.initial_words,
            placeholder="公司 指标 时期 数字 标题…（如：阿里 资本开支 去年）",
            id="lookup-query",
            compact=True,
        )
        field.cursor_blink = self.cursor_blink
        yield field
        table = LookupTable(id="lookup-table", cursor_type="row", zebra_stripes=True)
        table.cursor_foreground_priority = "renderable"
        yield table
        yield KeyBar(id="lookup-keys")

    @property
    def table(self) -> LookupTable:
        return self.query_one("#lookup-table", LookupTable)

    @property
    def query_input(self) -> Input:
        return self.query_one("#lookup-query", Input)

    @property
    def words(self) -> str:
        return self.query_input.value

    def on_mount(self) -> None:
        self._set_columns()
        self.query_one("#lookup-count", Static).update("正在读取…")
        self.query_input.focus()
        self.run_lookup(self.words)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("choose", "copy"):
            return self.current_hit() is not None or None
        return True

    # -- rows ------------------------------------------------------------------

    def _set_columns(self) -> None:
        table = self.table
        table.clear(columns=True)
        arrow = "↓" if self.descending else "↑"
        widths = column_widths(WIDTHS, (self.app.size.width or 80) - 4)
        for key, label in COLUMNS:
            mark = f" {arrow}" if _SORT_COLUMNS.get(key) == self.order else ""
            table.add_column(label + mark, key=key, width=widths[key])

    def on_resize(self) -> None:
        self._set_columns()
        if self.loaded:
            self.show_hits(self.hits)

    @work(thread=True, exclusive=True, group="lookup")
    def run_lookup(self, words: str) -> None:
        hits = self.source.query(words)
        self.post_message(LookupDone(words, sort_hits(hits, self.order, self.descending)))

    @on(Input.Changed, "#lookup-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_lookup(event.value)

    def on_lookup_done(self, message: LookupDone) -> None:
        if message.words != self.words:
            return  # typed on since
        self.loaded = True
        self.show_hits(message.hits)

    def show_hits(self, hits: list[FigureHit]) -> None:
        self.hits = hits
        table = self.table
        table.clear()
        for position, hit in enumerate(hits[:MAX_ROWS]):
            table.add_row(*hit_cells(hit, self.simplified), key=str(position))
        if hits:
            table.move_cursor(row=0)
        shown = f"前 {MAX_ROWS} / " if len(hits) > MAX_ROWS else ""
        order = ORDER_LABELS[self.order] + ("↓" if self.descending else "↑")
        if hits:
            status = f"{shown}{len(hits)} 个数字 · 按{order}"
        elif self.words.strip():
            status = "没有匹配的数字"
        else:
            status = "输入公司、指标、时期、数字或标题中的词"
        self.query_one("#lookup-count", Static).update(status)
        self.refresh_bindings()

    def current_hit(self) -> FigureHit | None:
        if not self.hits or not self.is_mounted:
            return None
        row = self.table.cursor_row
        if 0 <= row < min(len(self.hits), MAX_ROWS):
            return self.hits[row]
        return None

    # -- actions ---------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if not self.hits:
            return
        table = self.table
        last = min(len(self.hits), MAX_ROWS) - 1
        table.move_cursor(row=max(0, min(last, table.cursor_row + step)))

    def action_sort(self, order: str) -> None:
        if order == self.order:
            self.descending = not self.descending
        else:
            self.order, self.descending = order, True  # newest, largest, latest first
        self._set_columns()
        self.show_hits(sort_hits(self.hits, self.order, self.descending))

    def action_next_order(self) -> None:
        self.action_sort(ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)])

    @on(DataTable.HeaderSelected, "#lookup-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        order = _SORT_COLUMNS.get(str(event.column_key.value))
        if order is not None:
            self.action_sort(order)

    @on(DataTable.RowSelected, "#lookup-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    @on(Input.Submitted, "#lookup-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        if self.pick:
            self.build_citation(hit, "pick")
            return
        post_below(self, OpenArticleAt(hit.article_id, hit.start, hit.end, hit.index))
        self.dismiss()

    def action_copy(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.build_citation(hit, "copy")

    @work(thread=True, group="citation")
    def build_citation(self, hit: FigureHit, purpose: str) -> None:
        ready = hit_citation(self.library, hit, self.simplified)
        ready.purpose = purpose
        self.post_message(ready)

    def on_citation_ready(self, message: CitationReady) -> None:
        message.stop()
        if message.purpose == "pick":
            self.app.post_message(FigurePicked(message.text))
        else:
            copy_with_toast(self.app, message)

    def action_back(self) -> None:
        if self.pick:
            self.app.exit(None, return_code=1)
            return
        self.dismiss()
