"""Snapshot tests of the reader on the seeds, at 100x30 and 80x24 (cursor blink off).

Regenerate after an intended change with ``pytest tests/test_ui_snapshots.py
--snapshot-update`` and look at the SVGs in ``tests/__snapshots__``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from ui_helpers import SEEDS, copy_library, seed_library

from tui.app import ReaderApp
from tui.store.library import Library

__all__ = ["seed_library"]

SnapCompare = Callable[..., bool]


def make_app(seed_library: Path, home: Path) -> ReaderApp:
    library = Library(copy_library(seed_library, home))
    return ReaderApp(library, [str(SEEDS)], cursor_blink=False)


def settle_then(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_snapshot_100x30_start(
    snap_compare: SnapCompare, seed_library: Path, jiedu_home: Path
) -> None:
    app = make_app(seed_library, jiedu_home)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle_then())


def test_snapshot_100x30_search_and_filter(
    snap_compare: SnapCompare, seed_library: Path, jiedu_home: Path
) -> None:
    app = make_app(seed_library, jiedu_home)
    keys = ("c", "腾", "讯", "enter", "slash", "研", "发", "enter", "n")
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle_then(*keys))


def test_snapshot_100x30_simplified_figures(
    snap_compare: SnapCompare, seed_library: Path, jiedu_home: Path
) -> None:
    app = make_app(seed_library, jiedu_home)
    keys = ("j", "j", "s", "f", "n")
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle_then(*keys))


def test_snapshot_80x24_start(
    snap_compare: SnapCompare, seed_library: Path, jiedu_home: Path
) -> None:
    app = make_app(seed_library, jiedu_home)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle_then())


def test_snapshot_80x24_figures_panel(
    snap_compare: SnapCompare, seed_library: Path, jiedu_home: Path
) -> None:
    app = make_app(seed_library, jiedu_home)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle_then("f"))


def test_snapshot_80x24_company_picker(
    snap_compare: SnapCompare, seed_library: Path, jiedu_home: Path
) -> None:
    app = make_app(seed_library, jiedu_home)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle_then("c"))


def test_snapshot_100x30_help(
    snap_compare: SnapCompare, seed_library: Path, jiedu_home: Path
) -> None:
    app = make_app(seed_library, jiedu_home)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle_then("question_mark"))
