"""The company view (``C``): one company's figures grouped by metric and ordered by
period, a sparkline for each metric stated for three or more periods, and the
articles that mention the company.

``enter`` on a figure opens its article at the figure, on an article opens the
article (both post ``OpenArticleAt``); ``y`` copies a figure with its citation;
``escape`` returns. The library is read in a thread worker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from tui.bindings import COMPANY, bindings_for
from tui.figures.query import period_sort_key
from tui.screens.writing import (
    WRITING_CSS,
    CitationReady,
    OpenArticleAt,
    column_widths,
    copy_with_toast,
    hit_citation,
    post_below,
)
from tui.store.lookup import FigureHit, FigureSource
from tui.text.script import to_simplified
from tui.widgets.chrome import KeyBar

MIN_TREND = 3  # periods a metric needs for a sparkline
COLUMNS = (
    ("metric", "指标"),
    ("period", "时期"),
    ("figure", "数字"),
    ("site", "来源"),
    ("date", "日期"),
    ("title", "文章"),
)
WIDTHS = [
    ("metric", 12, 8),
    ("period", 8, 8),
    ("figure", 14, 12),
    ("site", 12, 6),
    ("date", 10, 10),
    ("title", 30, 6),
]
NARROW = 100  # below this width the figures table leaves out the site (the date stays)


@dataclass
class Trend:
    """A metric's values over periods (one value per period, of its main kind)."""

    metric: str
    periods: list[str]
    values: list[float]


@dataclass
class CompanyFigures:
    """What the view shows for one company."""

    company: str
    groups: list[tuple[str, list[FigureHit]]] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    articles: list[Any] = field(default_factory=list)  # rows of the articles naming it


@dataclass
class CompanyLoaded(Message):
    figures: CompanyFigures


def trend_of(metric: str, hits: list[FigureHit]) -> Trend | None:
    """The metric over periods of one length (years, or quarters …: never a year next
    to a quarter), in its most frequent kind and unit (amounts, not their growth
    rates); the latest article's value when a period has several. None below
    ``MIN_TREND`` periods."""
    dated = [h for h in hits if h.figure.period]
    if not dated:
        return None
    kinds = Counter((h.figure.kind, h.figure.unit, h.figure.change) for h in dated)
    main = kinds.most_common(1)[0][0]
    series: dict[int, dict[str, FigureHit]] = {}
    for hit in sorted(dated, key=lambda h: h.date or ""):
        if (hit.figure.kind, hit.figure.unit, hit.figure.change) == main:
            span = period_sort_key(hit.figure.period)[2]
            series.setdefault(span, {})[str(hit.figure.period)] = hit
    if not series:
        return None
    by_period = max(series.values(), key=len)
    if len(by_period) < MIN_TREND:
        return None
    periods = sorted(by_period, key=period_sort_key)
    return Trend(metric, periods, [by_period[p].figure.value for p in periods])


def company_figures(source: FigureSource, library: Any, company: str, paths: Any) -> CompanyFigures:
    """The company's figures by metric (most figures first), ordered by period."""
    hits = source.query([], company=company)
    by_metric: dict[str, list[FigureHit]] = {}
    for hit in hits:
        by_metric.setdefault(hit.figure.metric or "（未知指标）", []).append(hit)
    groups = [
        (metric, sorted(items, key=lambda h: (period_sort_key(h.figure.period), h.date or "")))
        for metric, items in sorted(by_metric.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    trends = [t for metric, items in groups if (t := trend_of(metric, items)) is not None]
    articles = [row for row in library.list_articles(paths) if company in row.companies]
    return CompanyFigures(company, groups, trends, articles)


class CompanyView(Screen[None]):
    """One company at a glance."""

    CSS_PATH: ClassVar[Any] = WRITING_CSS
    BINDINGS: ClassVar[list[BindingType]] = list(bindings_for(COMPANY))

    def __init__(
        self,
        library: Any,
        company: str,
        paths: list[str] | None = None,
        *,
        simplified: bool = False,
        source: FigureSource | None = None,
    ) -> None:
        super().__init__(id="company-view")
        self.library = library
        self.company = company
        self.paths = paths
        self.simplified = simplified
        self.source = source or FigureSource(library, paths)
        self.rows: list[FigureHit] = []
        self.columns: list[tuple[str, str]] = list(COLUMNS)
        self.article_ids: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="company-head"):
            yield Static(self.company, id="company-title")
            yield Static("正在读取…", id="company-count")
        with Horizontal(id="company-main"):
            with Vertical(id="company-left"):
                trends = VerticalScroll(id="company-trends")
                trends.can_focus = False
                yield trends
                yield DataTable(id="company-figures", cursor_type="row")
            yield OptionList(id="company-articles", markup=False)
        yield KeyBar(id="company-keys")

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#company-figures", DataTable)

    def on_mount(self) -> None:
        table = self.table
        table.border_title = "数字"
        self.query_one("#company-articles").border_title = "文章"
        width = self.app.size.width or 80
        self.columns = [c for c in COLUMNS if width >= NARROW or c[0] != "site"]
        keys = {key for key, _ in self.columns}
        widths = column_widths([w for w in WIDTHS if w[0] in keys], width * 2 // 3 - 4)
        for key, label in self.columns:
            table.add_column(label, key=key, width=widths[key])
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="company")
    def load(self) -> None:
        figures = company_figures(self.source, self.library, self.company, self.paths)
        self.post_message(CompanyLoaded(figures))

    def _shown(self, value: str | None) -> str:
        if not value:
            return ""
        return to_simplified(value) if self.simplified else value

    def on_company_loaded(self, message: CompanyLoaded) -> None:
        data = message.figures
        count = sum(len(items) for _, items in data.groups)
        self.query_one("#company-count", Static).update(
            f"{count} 个数字 · {len(data.groups)} 个指标 · {len(data.articles)} 篇文章"
        )
        trends = self.query_one("#company-trends", VerticalScroll)
        trends.remove_children()
        trends.display = bool(data.trends)
        for trend in data.trends:
            row = Horizontal(
                Static(trend.metric, classes="trend-label"),
                Sparkline(trend.values, summary_function=max),
                Static(f"{trend.periods[0]} → {trend.periods[-1]}", classes="trend-range"),
                classes="trend",
            )
            trends.mount(row)
        table = self.table
        table.clear()
        self.rows = []
        for metric, items in data.groups:
            for position, hit in enumerate(items):
                cells = {
                    "metric": Text(metric, style="bold") if position == 0 else Text(""),
                    "period": Text(hit.figure.period or "—"),
                    "figure": Text(self._shown(hit.text), style="bold"),
                    "site": Text(self._shown(hit.site)),
                    "date": Text(hit.date or ""),
                    "title": Text(self._shown(hit.title), overflow="ellipsis", no_wrap=True),
                }
                table.add_row(*(cells[key] for key, _ in self.columns), key=str(len(self.rows)))
                self.rows.append(hit)
        articles = self.query_one("#company-articles", OptionList)
        self.article_ids = [row.id for row in data.articles]
        articles.set_options(
            Option(
                self._shown(row.title)
                + "\n"
                + " · ".join(p for p in (row.date, self._shown(row.site)) if p)
            )
            for row in data.articles
        )
        if data.articles:
            articles.highlighted = 0
        if not data.groups:
            self.query_one("#company-count", Static).update(
                f"没有数字 · {len(data.articles)} 篇文章"
            )

    def current_hit(self) -> FigureHit | None:
        row = self.table.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @on(DataTable.RowSelected, "#company-figures")
    def _figure_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open_figure()

    @on(OptionList.OptionSelected, "#company-articles")
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open_article(event.option_index)

    def _open_figure(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            post_below(self, OpenArticleAt(hit.article_id, hit.start, hit.end, hit.index))
            self.dismiss()

    def _open_article(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.article_ids):
            post_below(self, OpenArticleAt(self.article_ids[index]))
            self.dismiss()

    @property
    def articles_list(self) -> OptionList:
        return self.query_one("#company-articles", OptionList)

    def action_choose(self) -> None:
        if self.focused is self.articles_list:
            self._open_article(self.articles_list.highlighted)
        else:
            self._open_figure()

    def action_cursor(self, step: int) -> None:
        if self.focused is self.articles_list:
            articles = self.articles_list
            if articles.option_count:
                current = articles.highlighted or 0
                articles.highlighted = max(0, min(articles.option_count - 1, current + step))
            return
        table = self.table
        table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def action_copy(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.copy_hit(hit)

    @work(thread=True, group="citation")
    def copy_hit(self, hit: FigureHit) -> None:
        self.post_message(hit_citation(self.library, hit, self.simplified))

    def on_citation_ready(self, message: CitationReady) -> None:
        message.stop()
        copy_with_toast(self.app, message)

    def action_back(self) -> None:
        self.dismiss()
