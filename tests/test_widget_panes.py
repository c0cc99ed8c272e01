"""Each pane widget alone in a tiny app: what it shows and the domain messages it
posts (no reader screen, no library)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.content import Content
from textual.message import Message
from ui_helpers import sample_articles

from tui.reader_model import FigureEntry
from tui.store.library import ArticleRow
from tui.text.paths import styles_dir
from tui.widgets.article_list import ArticleList, row_prompt
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
        many = long_rows(200)
        widget.set_rows(many, False, keep="r150")
        await pilot.pause()
        assert widget.highlighted_id == "r150"
        width = widget._prompt_width()
        heights = [row_prompt(r, False, width).plain.count("\n") + 1 for r in many]
        assert widget.tops == [sum(heights[:i]) for i in range(201)]
        assert [widget.entry_at(widget.tops[i]) for i in (0, 37, 199)] == [0, 37, 199]
        widget.set_rows([], False, keep=None)
        assert widget.highlighted_id is None


def long_rows(count: int) -> list[ArticleRow]:
    """Rows whose titles take one or two lines, half of them with a subtitle."""
    return [
        ArticleRow(f"r{i}", "/x", f"{i}号" + "很长的标题" * (i % 7 + 1), "t",
                   "site" if i % 2 else None, None, None, [], [], "hans")
        for i in range(count)
    ]  # fmt: skip


def screen_text(widget: ArticleList) -> list[str]:
    """The list's lines as painted now (the visible region only)."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def test_article_list_paints_the_rows_in_view_after_scrolling() -> None:
    widget = ArticleList(id="articles")
    app = Harness(widget)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = long_rows(300)
        widget.set_rows(rows, False, keep=None)
        await pilot.pause()
        assert screen_text(widget)[0] == "0号很长的标题"
        widget.highlighted = 250  # the list scrolls so the whole entry shows
        await pilot.pause()
        lines = screen_text(widget)
        top = widget.tops[250]
        assert (
            widget.scroll_offset.y <= top < widget.tops[251] <= widget.scroll_offset.y + len(lines)
        )
        assert lines[top - widget.scroll_offset.y].startswith("250号")
        first = widget.entry_at(widget.scroll_offset.y)
        assert first is not None and first < 250
        offset = widget.scroll_offset.y - widget.tops[first]
        expected = row_prompt(rows[first], False, widget._prompt_width()).plain.split("\n")
        assert lines[0] == expected[offset].rstrip()
        # A two-line title is clipped with …; the subtitle shows under it.
        long = 237  # seven times the phrase (70 cells), with a site
        assert widget.tops[long + 1] - widget.tops[long] == 3
        widget.highlighted = long
        await pilot.pause()
        at = widget.tops[long] - widget.scroll_offset.y
        assert screen_text(widget)[at + 1].endswith("…")
        assert screen_text(widget)[at + 2] == "site"


async def test_article_list_keeps_the_highlight_in_view_when_narrowed() -> None:
    widget = ArticleList(id="articles")
    app = Harness(widget)
    async with app.run_test(size=(60, 30)) as pilot:
        widget.set_rows(long_rows(300), False, keep="r40")
        await pilot.pause()
        wide = widget.tops[40]
        await pilot.resize_terminal(30, 20)
        await pilot.pause()
        top, end = widget.tops[40], widget.tops[41]
        assert top > wide  # titles take two lines now
        assert widget.scroll_offset.y <= top and end <= widget.scroll_offset.y + widget.size.height
        assert screen_text(widget)[top - widget.scroll_offset.y].startswith("40号")


async def test_article_list_view_begins_at_an_entry_not_inside_one() -> None:
    """Rows of one, two and three lines; whichever row is kept, the view shows it
    whole and its first line is an entry's first line (a list of search results
    is not shown from the middle of a title)."""
    widget = ArticleList(id="articles")
    app = Harness(widget)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = long_rows(300)
        heights = set()
        for keep in (40, 97, 183, 237, 251, 299):
            widget.set_rows(rows, False, keep=f"r{keep}")
            await pilot.pause()
            y, height = widget.scroll_offset.y, widget.scrollable_content_region.height
            top, end = widget.tops[keep], widget.tops[keep + 1]
            heights.add(end - top)
            assert y <= top and end <= y + height
            assert y in widget.tops or y == widget.max_scroll_y
            assert screen_text(widget)[top - y].startswith(f"{keep}号")
        assert len(heights) > 1  # entries of different heights were kept


async def test_article_list_keys_move_the_highlight() -> None:
    widget = ArticleList(id="articles")
    app = Harness(widget)
    async with app.run_test(size=(40, 12)) as pilot:
        widget.set_rows(long_rows(50), False, keep="r3")
        await pilot.pause()
        app.got.clear()
        await pilot.press("down", "down", "up")
        assert widget.highlighted == 4
        await pilot.press("end")
        assert widget.highlighted_id == "r49"
        await pilot.press("down")  # wraps around, as Textual's lists do
        assert widget.highlighted == 0
        await pilot.press("up", "home", "k")
        assert widget.highlighted == 49
        await pilot.press("pageup")
        page_up = widget.highlighted
        assert page_up is not None and 40 < page_up < 49
        await pilot.press("pagedown", "G", "g")
        assert widget.highlighted == 0
        await pilot.pause()
        assert [m.article_id for m in app.got if isinstance(m, ArticleChosen)] == [
            "r4", "r5", "r4", "r49", "r0", "r49", "r0", "r49", f"r{page_up}", "r49", "r0"
        ]  # fmt: skip
        # New rows keep the highlighted article (posting nothing), else take the first.
        app.got.clear()
        widget.highlighted = 10
        await pilot.pause()
        widget.set_rows(long_rows(30)[5:], False, keep="r10")
        assert widget.highlighted == 5 and widget.highlighted_id == "r10"
        widget.set_rows(long_rows(30)[20:], False, keep="r10")
        assert widget.highlighted_id == "r20"
        await pilot.pause()
        assert app.got == [ArticleChosen("r10"), ArticleChosen("r20")]


async def test_article_list_click_opens_the_row_and_empty_text_shows() -> None:
    widget = ArticleList(id="articles")
    app = Harness(widget)
    async with app.run_test(size=(40, 12)) as pilot:
        widget.set_rows(long_rows(50), False, keep=None)
        await pilot.pause()
        app.got.clear()
        # Row 2 starts on line tops[2]; the widget has a border and padding of one.
        await pilot.click(widget, offset=(3, widget.tops[2] + 1))
        await pilot.pause()
        assert widget.highlighted == 2
        assert app.got == [ArticleChosen("r2"), ArticleChosen("r2", open=True)]
        widget.empty_text = "没有匹配的文章"
        widget.set_rows([], False, keep="r2")
        await pilot.pause()
        assert widget.highlighted is None and widget.row_count == 0
        assert screen_text(widget)[0] == "没有匹配的文章"
        await pilot.press("down", "enter", "pagedown")  # nothing to move to, nothing posted
        await pilot.pause()
        assert [m for m in app.got if isinstance(m, ArticleChosen)][2:] == []


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


async def test_header_facets_and_keys_update_only_when_they_look_different() -> None:
    widget = StatusBar(id="status")
    app = Harness(widget)
    async with app.run_test(size=(80, 3)) as pilot:
        text = widget.query_one("#status-text")
        widget.show_status(Content("解读 · 3/5 篇"))
        await pilot.pause()
        before = text._layout_updates
        widget.show_status(Content("解读 · 3/5 篇"))
        # The same text in another style is a change (Content == compares text only).
        bold = Content.assemble(("解读", "bold"), " · 3/5 篇")
        widget.show_status(bold)
        await pilot.pause()
        assert text.visual is not None and text.visual.spans == bold.spans  # type: ignore[attr-defined]
        assert text._layout_updates == before  # one line still: no layout


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


async def test_typing_and_new_rows_repaint_without_laying_out_the_screen() -> None:
    # Each layout repaints the whole screen and every scrollbar: a search key or a
    # filter change must not ask for one (the widgets keep their size).
    box = SearchBox(id="search", compact=True)
    box.cursor_blink = False
    app = Harness(box)
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        before = box._layout_updates
        await pilot.press("研", "发", "投", "入")
        await pilot.pause()
        assert box.value == "研发投入" and box._layout_updates == before
        assert box.virtual_size.width == box.content_width  # its scrolling still follows
    widget = ArticleList(id="articles")
    app = Harness(widget)
    async with app.run_test(size=(40, 12)) as pilot:
        widget.set_rows(long_rows(300), False, keep=None)
        await pilot.pause()
        before = widget._layout_updates
        widget.set_rows(long_rows(120), False, keep=None)
        await pilot.pause()
        assert widget._layout_updates == before
        assert widget.virtual_size.height == widget.tops[-1]
        assert widget.vertical_scrollbar.window_virtual_size == widget.tops[-1]


async def test_figure_heights_are_textual_s_wrapping_line_by_line() -> None:
    article = sample_articles()[0]
    entries = [FigureEntry(i, f.text, f, "conflict") for i, f in enumerate(article.figures)]
    widget = FiguresPanel(id="figures")
    app = Harness(widget)
    async with app.run_test(size=(40, 30)) as pilot:
        widget.set_entries(entries)
        await pilot.pause()
        for width in (6, 9, 14, 20, 36):
            expected = [
                widget._get_visual(option).get_height(widget.styles, width)
                for option in widget.options
            ]
            assert widget._known_heights(width) == expected


async def test_figures_of_another_article_repaint_without_laying_out_a_full_pane() -> None:
    # A search key that shows another article sets its figures: while the pane is
    # as tall as it may be before and after, it asks for no layout of the screen
    # (a third of such a key at 10,000 articles); a pane that shrinks still does.
    article = sample_articles()[0]
    figure = article.figures[0]

    def entries(count: int) -> list[FigureEntry]:
        return [FigureEntry(i, f"{i}%", figure, None) for i in range(count)]

    widget = FiguresPanel(id="figures")
    app = Harness(widget)
    async with app.run_test(size=(40, 12)) as pilot:
        widget.set_entries(entries(40))
        await pilot.pause()
        layouts: list[object] = []
        screen = app.screen
        refresh_layout = screen._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            layouts.append(args)
            refresh_layout(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        widget.set_entries(entries(30))
        assert not widget._layout_required  # (its scroll bar's styles may still ask)
        await pilot.pause()
        assert widget.option_count == 30 and widget.border_title == "数字 30"
        assert widget.outer_size.height == screen.size.height
        layouts.clear()
        widget.set_entries(entries(1))
        assert widget._layout_required
        await pilot.pause()
        assert layouts  # it shrinks to its one entry
        assert widget.outer_size.height < screen.size.height
