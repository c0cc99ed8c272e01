"""The facts view (``v``): every fact group (company, metric, period) with its
members side by side: value as written, article, site, date.

Conflicts come first, and among them the same number under two labels
(``MAU / 日活``) is flagged as such. ``enter`` on a member opens its article at
the figure (posts ``OpenArticleAt``), ``y`` copies it with its citation,
``escape`` returns. The groups are read in a thread worker.
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
from textual.widgets import DataTable, Static

from tui.bindings import FACTS, bindings_for
from tui.screens.writing import (
    WRITING_CSS,
    CitationReady,
    OpenArticleAt,
    article_figure_citation,
    column_widths,
    copy_with_toast,
    post_below,
)
from tui.text.models import FactGroup, FactMember, Figure
from tui.text.script import to_simplified
from tui.widgets.chrome import KeyBar

COLUMNS = (
    ("status", "状态"),
    ("company", "公司"),
    ("metric", "指标"),
    ("period", "时期"),
    ("figure", "数字"),
    ("site", "来源"),
    ("date", "日期"),
    ("title", "文章"),
)
WIDTHS = [
    ("status", 10, 10),
    ("company", 8, 4),
    ("metric", 12, 8),
    ("period", 8, 8),
    ("figure", 14, 12),
    ("site", 14, 4),
    ("date", 10, 10),
    ("title", 40, 4),
]
AGREE_MARK = "✓ 一致"
CONFLICT_MARK = "✗ 冲突"
LABEL_MARK = "✗ 同数异名"


@dataclass(frozen=True)
class FactRow:
    """One member of a group, with its article's site and date."""

    group: FactGroup
    member: FactMember
    site: str | None
    date: str | None
    first: bool  # the group's first member (its row shows the group)


@dataclass
class FactsLoaded(Message):
    rows: list[FactRow]
    groups: int
    conflicts: int


def is_label_conflict(group: FactGroup) -> bool:
    """The same number under different labels (the group's metric joins them)."""
    return group.status == "conflict" and " / " in (group.metric or "")


def group_order(group: FactGroup) -> tuple[int, str, str, str]:
    """Label conflicts, then other conflicts, then agreeing groups."""
    rank = 0 if is_label_conflict(group) else 1 if group.status == "conflict" else 2
    return (rank, group.company or "", group.metric or "", group.period or "")


def fact_rows(groups: list[FactGroup], articles: dict[str, Any]) -> list[FactRow]:
    """Rows for the groups in view order (``articles``: id -> a row with site and date)."""
    rows: list[FactRow] = []
    for group in sorted(groups, key=group_order):
        for position, member in enumerate(group.members):
            row = articles.get(member.article_id)
            rows.append(
                FactRow(
                    group,
                    member,
                    getattr(row, "site", None),
                    getattr(row, "date", None),
                    position == 0,
                )
            )
    return rows


def status_text(group: FactGroup) -> Text:
    if is_label_conflict(group):
        return Text(LABEL_MARK, style="bold reverse")
    if group.status == "conflict":
        return Text(CONFLICT_MARK, style="bold reverse")
    return Text(AGREE_MARK, style="bold")


class FactsView(Screen[None]):
    """Every fact group of the library, conflicts first."""

    CSS_PATH: ClassVar[Any] = WRITING_CSS
    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(FACTS))

    def __init__(self, library: Any, paths: list[str] | None = None, *, simplified: bool = False):
        super().__init__(id="facts-view")
        self.library = library
        self.paths = paths
        self.simplified = simplified
        self.rows: list[FactRow] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="facts-head"):
            yield Static("事实核对", id="facts-title")
            yield Static("正在读取…", id="facts-count")
        yield DataTable(id="facts-table", cursor_type="row")
        yield KeyBar(id="facts-keys")

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#facts-table", DataTable)

    def on_mount(self) -> None:
        table = self.table
        widths = column_widths(WIDTHS, (self.app.size.width or 80) - 4)
        for key, label in COLUMNS:
            table.add_column(label, key=key, width=widths[key])
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="facts")
    def load(self) -> None:
        groups = self.library.facts()
        articles = {row.id: row for row in self.library.list_articles(self.paths)}
        groups = [g for g in groups if any(m.article_id in articles for m in g.members)]
        conflicts = sum(1 for g in groups if g.status == "conflict")
        self.post_message(FactsLoaded(fact_rows(groups, articles), len(groups), conflicts))

    def _shown(self, value: str | None) -> str:
        if not value:
            return ""
        return to_simplified(value) if self.simplified else value

    def on_facts_loaded(self, message: FactsLoaded) -> None:
        self.rows = message.rows
        table = self.table
        table.clear()
        for index, row in enumerate(message.rows):
            group = row.group
            head = row.first
            table.add_row(
                status_text(group) if head else Text(""),
                Text(group.company or "—") if head else Text(""),
                Text(group.metric or "—") if head else Text(""),
                Text(group.period or "—") if head else Text(""),
                Text(self._shown(row.member.text), style="bold"),
                Text(self._shown(row.site)),
                Text(row.date or ""),
                Text(self._shown(row.member.title), overflow="ellipsis", no_wrap=True),
                key=str(index),
            )
        self.query_one("#facts-count", Static).update(
            f"{message.groups} 组 · {message.conflicts} 组冲突"
            if message.groups
            else "没有跨文章的事实组"
        )
        if message.rows:
            table.move_cursor(row=0)

    def current_row(self) -> FactRow | None:
        row = self.table.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @on(DataTable.RowSelected, "#facts-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_cursor(self, step: int) -> None:
        table = self.table
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_choose(self) -> None:
        row = self.current_row()
        if row is None:
            return
        member = row.member
        post_below(self, OpenArticleAt(member.article_id, member.start, member.end))
        self.dismiss()

    def action_copy(self) -> None:
        row = self.current_row()
        if row is not None:
            self.copy_member(row)

    @work(thread=True, group="citation")
    def copy_member(self, row: FactRow) -> None:
        article = self.library.get_article(row.member.article_id)
        if article is None:
            return
        member, group = row.member, row.group
        figure = next(
            (f for f in article.figures if (f.start, f.end) == (member.start, member.end)),
            Figure(member.text, member.start, member.end, "number", member.value),
        )
        if " / " not in (group.metric or ""):
            figure = Figure(**{**figure.to_dict(), "metric": group.metric or figure.metric})
        self.post_message(article_figure_citation(article, figure, member.text, self.simplified))

    def on_citation_ready(self, message: CitationReady) -> None:
        message.stop()
        copy_with_toast(self.app, message)

    def action_back(self) -> None:
        self.dismiss()
