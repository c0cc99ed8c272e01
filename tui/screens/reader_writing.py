"""The reader's writing keys, mixed into ``ReaderScreen``: ``y`` (figure with its
citation), ``Y`` (the article's citation), ``Q`` (a quotation with its
citation), ``F`` (figure lookup), ``v`` (facts view), ``C`` (company view),
``e`` (the source file in $VISUAL / $EDITOR) and ``o`` (copy the source path),
and ``OpenArticleAt`` from the writing screens: open that article scrolled to
the figure, highlighted.

Copies go through ``App.copy_to_clipboard`` (OSC 52) in the display script with
a toast that shows exactly what was copied. The keys are rows of
``tui.bindings``; the screens read the library in their own workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.screens.writing import (
    CitationReady,
    OpenArticleAt,
    article_figure_citation,
    copy_with_toast,
    open_in_editor,
    quotation,
    whole_article_citation,
)

if TYPE_CHECKING:
    from tui.reader_model import FigureEntry, ReaderModel, Shown
    from tui.store.lookup import FigureSource
    from tui.widgets.article_list import ArticleList
    from tui.widgets.article_view import ArticleView
    from tui.widgets.figures_panel import FiguresPanel


class WritingKeys:
    """Writing actions of the reader screen (a mixin: the screen provides the
    library, the model and the panes)."""

    _open_at: tuple[str, int, int] | None = None  # article, figure start, end to select

    if TYPE_CHECKING:  # what the reader screen provides
        app: Any
        library: Any
        paths: list[str]
        model: ReaderModel
        cursor_blink: bool
        focused: Any
        sync_enabled: bool
        article_list: ArticleList
        article_view: ArticleView
        figures_panel: FiguresPanel

        def selected_entry(self) -> FigureEntry | None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def action_clear_filters(self) -> None: ...
        def sync_library(self) -> None: ...
        def call_after_refresh(self, callback: Any) -> bool: ...

    # -- what is selected -------------------------------------------------------------

    def _shown_or_say(self) -> Shown | None:
        shown = self.model.shown
        if shown is None:
            self.notify("没有打开的文章", severity="warning")
        return shown

    def _chosen_entry(self) -> FigureEntry | None:
        """The figure the user points at: highlighted in the article, or in the
        focused figures panel."""
        if self.focused is self.figures_panel or self.article_view.selected_figure >= 0:
            return self.selected_entry()
        return None

    def _source(self) -> FigureSource:
        from tui.store.lookup import FigureSource

        return FigureSource(self.library, self.paths, only={row.id for row in self.model.rows})

    # -- copies -------------------------------------------------------------------------

    def action_copy_figure(self, entry: FigureEntry | None = None) -> None:
        entry = entry or self.selected_entry()
        shown = self.model.shown
        if entry is None or shown is None:
            self.notify("没有可复制的数字", severity="warning")
            return
        ready = article_figure_citation(
            shown.article, entry.figure, entry.text, self.model.simplified
        )
        copy_with_toast(self.app, ready)

    def action_copy_article(self) -> None:
        shown = self._shown_or_say()
        if shown is not None:
            copy_with_toast(self.app, whole_article_citation(shown.article, self.model.simplified))

    def action_copy_quote(self) -> None:
        from tui.figures.citation import quote_for  # (PyYAML, OpenCC: not before the list)

        shown = self._shown_or_say()
        if shown is None:
            return
        view = self.article_view
        entry = self._chosen_entry()
        body_hit = view.current_hit - len(shown.title_hits)
        if entry is not None:
            text = quote_for(shown.body, figure=(entry.figure.start, entry.figure.end))
        elif 0 <= body_hit < len(shown.body_hits):
            text = quote_for(shown.body, match=shown.body_hits[body_hit])
        else:
            text = self._first_paragraph_on_screen()
        if not text:
            self.notify("屏幕上没有可引用的段落", severity="warning")
            return
        copy_with_toast(self.app, quotation(shown.article, text, self.model.simplified))

    def _first_paragraph_on_screen(self) -> str:
        """The text of the first paragraph from the top of the article view, as shown."""
        document = self.article_view.document
        if document is None:
            return ""
        block, _line = self.article_view.place
        for candidate in document.blocks[max(0, block) :]:
            if candidate.kind == "para":
                text = "".join(run.text for run in candidate.runs).strip()
                if text:
                    return text
        return ""

    def action_copy_source_path(self) -> None:
        shown = self._shown_or_say()
        if shown is not None:
            copy_with_toast(self.app, CitationReady(shown.article.source_path))

    # -- the writing screens ---------------------------------------------------------------

    def action_figure_lookup(self) -> None:
        from tui.screens.lookup import LookupScreen

        self.app.push_screen(
            LookupScreen(
                self.library,
                simplified=self.model.simplified,
                cursor_blink=self.cursor_blink,
                source=self._source(),
            )
        )

    def action_facts_view(self) -> None:
        from tui.screens.facts_view import FactsView

        self.app.push_screen(FactsView(self.library, self.paths, simplified=self.model.simplified))

    def action_company_view(self) -> None:
        entry = self._chosen_entry()
        shown = self.model.shown
        company = entry.figure.company if entry is not None else None
        if company is None and shown is not None and shown.article.companies:
            mentions = shown.article.company_mentions or {}
            company = max(shown.article.companies, key=lambda c: mentions.get(c, 0))
        if company is not None:
            self._push_company(company)
            return
        from tui.screens.picker import PickerScreen
        from tui.text.script import to_simplified

        def chosen(name: str | None) -> None:
            if name:
                self._push_company(name)

        companies = self.model.facets().companies
        self.app.push_screen(
            PickerScreen("公司页", companies, to_simplified, cursor_blink=self.cursor_blink),
            chosen,
        )

    def _push_company(self, company: str) -> None:
        from tui.screens.company_view import CompanyView

        self.app.push_screen(
            CompanyView(
                self.library,
                company,
                self.paths,
                simplified=self.model.simplified,
                source=self._source(),
            )
        )

    def action_edit_source(self) -> None:
        shown = self._shown_or_say()
        if shown is None:
            return
        problem = open_in_editor(self.app, shown.article.source_path)
        if problem is not None:
            self.notify(problem, title="无法编辑", severity="warning", markup=False)
        elif self.sync_enabled:
            self.sync_library()  # read the edited file again

    # -- opening an article at a figure ---------------------------------------------------

    def on_open_article_at(self, message: OpenArticleAt) -> None:
        message.stop()
        model = self.model
        if not any(row.id == message.article_id for row in model.visible):
            if not any(row.id == message.article_id for row in model.rows):
                self.notify("这篇文章不在当前打开的目录中", severity="warning")
                return
            self.action_clear_filters()
            self.notify("已清除筛选以显示这篇文章")
        self._open_at = (message.article_id, message.start, message.end)
        position = next(i for i, row in enumerate(model.visible) if row.id == message.article_id)
        self.article_view.focus()
        if model.shown_id == message.article_id:
            self.select_pending_figure()
        else:
            self.article_list.highlighted = position  # the article is drawn, then selected

    def select_pending_figure(self) -> None:
        """After an article is drawn: select the figure ``OpenArticleAt`` asked for."""
        pending, shown = self._open_at, self.model.shown
        if pending is None or shown is None or shown.article.id != pending[0]:
            return
        self._open_at = None
        _article, start, end = pending
        for entry in shown.entries:
            if (entry.figure.start, entry.figure.end) == (start, end):
                self.call_after_refresh(self._select, entry.index)
                return

    def _select(self, index: int) -> None:
        if self.article_view.select_figure(index):
            self.figures_panel.highlight_figure(index)
