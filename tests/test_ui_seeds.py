"""The reader on the real library of the seeds: first sync, display scripts, restore."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from ui_helpers import SEEDS, copy_library, seed_library

from tui.app import ReaderApp
from tui.screens.reader import ReaderScreen
from tui.store.library import Library
from tui.widgets.mdlayout import line_text

__all__ = ["seed_library"]


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def reader(app: ReaderApp) -> ReaderScreen:
    screen = app.get_screen("reader")
    assert isinstance(screen, ReaderScreen)
    return screen


def test_simplified_text_keeps_figure_offsets(seed_library: Path) -> None:
    # The reader shows Simplified text with the figures' offsets into the own-script
    # body, which needs a character-for-character conversion.
    with Library(seed_library) as lib:
        for row in lib.list_articles():
            article = lib.get_article(row.id)
            assert article is not None
            title, body = lib.get_simplified(row.id)
            assert len(body) == len(article.body), row.source_path
            assert len(title) == len(article.title), row.source_path


async def test_first_start_syncs_in_a_worker_then_lists_the_seeds(jiedu_home: Path) -> None:
    library = Library(jiedu_home / "data" / "library.sqlite3")
    app = ReaderApp(library, [str(SEEDS)], cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = reader(app)
        if screen.rows == []:  # the sync has not finished yet: a placeholder shows
            assert screen.article_view.placeholder == "正在整理文章…"
        await settle(pilot)
        assert len(screen.rows) == 5
        assert screen.shown is not None
        lay = screen.article_view.layout_lines
        assert lay is not None and line_text(lay.lines[0]) == screen.shown.title
        assert "新增 5" in str(screen.query_one("#sync-label").render())
    library.close()


async def test_seed_articles_switch_script(seed_library: Path, jiedu_home: Path) -> None:
    library = Library(copy_library(seed_library, jiedu_home))
    app = ReaderApp(library, [str(SEEDS)], cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = reader(app)
        traditional = [r for r in screen.rows if r.script == "hant"]
        assert traditional, "the seeds include Traditional articles"
        target = traditional[0]
        screen.article_list.highlighted = screen.article_list.row_ids.index(target.id)
        await settle(pilot)
        assert screen.shown is not None and screen.shown.title == target.title
        await pilot.press("s")
        await settle(pilot)
        assert screen.shown is not None and screen.shown.title == target.title_simplified
        assert screen.shown.title != target.title
    library.close()


def test_seed_articles_wrap_by_the_cjk_rules_at_every_width(seed_library: Path) -> None:
    # At any reasonable width: no line too wide, no closing punctuation starting a
    # line (or opening ending one) inside a paragraph, no figure split that fits.
    from tui.cjkwrap import CLOSING, OPENING, text_width
    from tui.present import meta_lines
    from tui.widgets.mdblocks import build_document
    from tui.widgets.mdlayout import layout

    with Library(seed_library) as lib:
        for row in lib.list_articles():
            article = lib.get_article(row.id)
            assert article is not None
            body = article.body
            figures = sorted(
                (f.start, f.end) for f in article.figures if 0 <= f.start < f.end <= len(body)
            )
            meta = meta_lines(article.site, article.author, article.date, [], [])
            document = build_document(article.title, meta, body, figures)
            for width in range(20, 91, 7):
                lay = layout(document, width)
                lines_of: dict[int, set[int]] = {}
                for number, line in enumerate(lay.lines):
                    text = line_text(line)
                    assert text_width(text) <= width, (row.id, width, text)
                    same_block = (
                        number + 1 < len(lay.lines)
                        and lay.line_block[number + 1] == lay.line_block[number]
                    )
                    after = line_text(lay.lines[number + 1]).strip() if same_block else ""
                    if after and text.strip():
                        assert after[0] not in CLOSING, (row.id, width, after)
                        assert text.strip()[-1] not in OPENING, (row.id, width, text)
                    for run in line:
                        if run.figure >= 0:
                            lines_of.setdefault(run.figure, set()).add(number)
                for index, numbers in lines_of.items():
                    start, end = figures[index]
                    if text_width(body[start:end]) <= width - 4:
                        assert len(numbers) == 1, (row.id, width, body[start:end])
