"""Each pane widget alone in a tiny app: what it shows and the domain messages it
posts (no reader screen, no library)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.message import Message
from ui_helpers import sample_articles

from tui.reader_model import FigureEntry
from tui.store.library import ArticleRow
from tui.text.paths import styles_dir
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.chrome import StatusBar
from tui.widgets.figures_panel import FiguresPanel
from tui.widgets.mdblocks import build_document
from tui.widgets.messages import (
    ArticleChosen,
    FigureChosen,
    FigureCopy,
    FigureSelected,
    QueryChanged,
    QuerySubmitted,
    ReadOn,
)
from tui.widgets.search import SearchBox


class Harness(App[None]):
    """Mounts one widget and records every message that bubbles up from it."""

    CSS_PATH: ClassVar[list[str | Path]] = [styles_dir() / "reader.tcss"]

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.widget = widget
        self.got: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus()

    def on_article_chosen(self, message: ArticleChosen) -> None:
        self.got.append(message)

    def on_read_on(self, message: ReadOn) -> None:
        self.got.append(message)

    def on_figure_chosen(self, message: FigureChosen) -> None:
        self.got.append(message)

    def on_figure_copy(self, message: FigureCopy) -> None:
        self.got.append(message)

    def on_figure_selected(self, message: FigureSelected) -> None:
        self.got.append(message)

    def on_query_changed(self, message: QueryChanged) -> None:
        self.got.append(message)

    def on_query_submitted(self, message: QuerySubmitted) -> None:
        self.got.append(message)

    def on_status_bar_problems_clicked(self, message: StatusBar.ProblemsClicked) -> None:
        self.got.append(message)


def rows() -> list[ArticleRow]:
    return [
        ArticleRow(a.id, a.source_path, a.title, a.title, a.site, a.date, a.author,
                   a.companies, a.tags, a.script)
        for a in sample_articles()
    ]  # fmt: skip


async def test_article_list_posts_article_chosen_and_read_on() -> None:
    widget = ArticleList(id="articles")
    app = Harness(widget)
    async with app.run_test(size=(60, 20)) as pilot:
        widget.set_rows(rows(), False, keep="s1")
        await pilot.pause()
        assert widget.highlighted_id == "s1"
        app.got.clear()
        await pilot.press("j")
        await pilot.pause()
        assert app.got == [ArticleChosen("s2")]
        await pilot.press("enter", "space", "b", "g")
        await pilot.pause()
        assert app.got[1:] == [
            ArticleChosen("s2", open=True),
            ReadOn(1),
            ReadOn(-1),
            ArticleChosen("t1"),
        ]
        # The known heights match the wrapped entries, line for line.
        many = [
            ArticleRow(f"r{i}", "/x", "很长的标题" * (i % 7 + 1), "t", "site" if i % 2 else None,
                       None, None, [], [], "hans")
            for i in range(200)
        ]  # fmt: skip
        widget.set_rows(many, False, keep="r150")
        await pilot.pause()
        assert widget.highlighted_id == "r150"
        heights = [widget.get_option_at_index(i).prompt.plain.count("\n") + 1 for i in range(200)]
        assert len(widget._lines) == sum(heights)
        assert [widget._lines[sum(heights[:i])] for i in (0, 37, 199)] == [
            (0, 0),
            (37, 0),
            (199, 0),
        ]
        widget.set_rows([], False, keep=None)
        assert widget.highlighted_id is None


async def test_figures_panel_posts_chosen_and_copy() -> None:
    article = sample_articles()[0]
    entries = [FigureEntry(i, f.text, f, None) for i, f in enumerate(article.figures)]
    entries[3].status = "conflict"
    widget = FiguresPanel(id="figures")
    app = Harness(widget)
    async with app.run_test(size=(40, 30)) as pilot:
        widget.set_entries(entries)
        await pilot.pause()
        assert widget.border_title == "数字 6"
        await pilot.press("j", "enter", "y")
        await pilot.pause()
        assert app.got == [FigureChosen(1), FigureCopy(1)]
        widget.highlight_figure(3)
        assert widget.highlighted_entry is entries[3]
        widget.set_entries([])
        assert widget.highlighted_entry is None
        assert "本文没有数字" in str(widget.get_option_at_index(0).prompt)


async def test_article_view_steps_through_figures_then_hits_on_its_own() -> None:
    article = sample_articles()[0]
    spans = sorted((f.start, f.end) for f in article.figures)
    widget = ArticleView(id="article")
    app = Harness(widget)
    async with app.run_test(size=(60, 12)) as pilot:
        widget.set_document(build_document(article.title, [], article.body, spans))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert widget.selected_figure == 0 and app.got == [FigureSelected(0)]
        await pilot.press("n", "n")
        assert widget.selected_figure == 2
        widget.action_step(-1)
        assert widget.selected_figure == 1
        hits = [(m, m + 2) for m in range(len(article.body)) if article.body.startswith("騰訊", m)]
        document = build_document(article.title, [], article.body, spans, hits)
        widget.set_document(document, searching=True)
        await pilot.pause()
        app.got.clear()
        await pilot.press("n")
        assert widget.current_hit == 0 and widget.selected_figure == -1 and app.got == []
        await pilot.press("space")
        assert widget.top_line > 0
        widget.set_document(build_document("空", [], "没有数字。", []))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert widget.selected_figure == -1
        assert any("本文没有数字" in str(n.message) for n in app._notifications)


async def test_article_view_restores_a_place_independent_of_the_width() -> None:
    article = sample_articles()[0]
    widget = ArticleView(id="article")
    app = Harness(widget)
    async with app.run_test(size=(60, 12)) as pilot:
        widget.set_document(build_document(article.title, [], article.body, []), (20, 0))
        await pilot.pause()
        assert widget.place == (20, 0)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert widget.place == (20, 0)


async def test_search_box_posts_changes_and_submit() -> None:
    widget = SearchBox(id="search", compact=True)
    widget.cursor_blink = False
    app = Harness(widget)
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.press("研", "发", "enter")
        await pilot.pause()
        assert app.got == [QueryChanged("研"), QueryChanged("研发"), QuerySubmitted("研发")]


async def test_status_bar_shows_problems_and_a_click_asks_for_them() -> None:
    widget = StatusBar(id="status")
    app = Harness(widget)
    async with app.run_test(size=(80, 3)) as pilot:
        label = widget.query_one("#problems-label")
        assert not label.display
        widget.show_problems(3)
        await pilot.pause()
        assert label.display and "3 个问题" in str(label.render())
        await pilot.click("#problems-label")
        await pilot.pause()
        assert len(app.got) == 1 and isinstance(app.got[0], StatusBar.ProblemsClicked)
        widget.show_problems(0)
        assert not label.display
