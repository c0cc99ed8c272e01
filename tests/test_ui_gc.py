"""Once the reader has painted its list, what exists is out of the cycle
collector's reach (``gc.freeze``): a full collection in the middle of a key no
longer walks Textual, the widgets and the library's rows, and automatic full
collections are rarer (the reader makes one when idle). Run in a fresh
interpreter, since the test process freezes nothing of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCRIPT = """
import asyncio, gc, sys
from pathlib import Path
from tui.store.synthetic_articles import build_library

root = Path(sys.argv[1])
(root / "src").mkdir()
library = build_library(root / "lib.sqlite3", 30, sources=root / "src")
from tui.app import ReaderApp

async def main():
    before = gc.get_freeze_count()
    app = ReaderApp(library, [str(root / "src")], cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.get_screen("reader")
        for _ in range(200):
            await pilot.pause()
            if screen.article_list.row_count and screen.model.shown_id:
                break
        full = []
        gc.callbacks.append(lambda phase, info: full.append(info["generation"] == 2))
        await pilot.press("j")  # a move: a second later the place is saved, garbage collected
        await asyncio.sleep(1.5)
        await pilot.pause()
        print(before, gc.get_freeze_count(), len(screen.rows), gc.get_threshold()[2], any(full))

asyncio.run(main())
"""


def _run(script: str, tmp_path: Path) -> list[str]:
    """Run ``script`` in a fresh interpreter (its own collector), return its words."""
    env = {**os.environ, "JIEDU_HOME": str(tmp_path / "home"), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()


def test_the_reader_freezes_what_exists_once_its_list_is_painted(tmp_path: Path) -> None:
    before, after, rows, full_every, collected = _run(SCRIPT, tmp_path)
    assert int(before) == 0
    assert int(rows) == 30
    assert int(after) > 10_000  # Textual, the app and its rows, not a handful of objects
    assert int(full_every) >= 100  # full collections made rarer (Python's default: 10)
    assert collected == "True"  # and one made when the reader is idle


SCRIPT_LARGE = """
import asyncio, gc, sys
from pathlib import Path
from tui.store.synthetic_articles import build_library
import tui.screens.reader_workers as workers

workers.FIRST_ROWS = 10  # 30 articles: a first screenful, then the rest
read_rows = workers.read_rows

def slow_read_rows(*args):
    import time
    time.sleep(0.5)  # the rest comes after the freeze, as 10,000 rows do
    return read_rows(*args)

workers.read_rows = slow_read_rows
root = Path(sys.argv[1])
(root / "src").mkdir()
library = build_library(root / "lib.sqlite3", 30, sources=root / "src")
from tui.app import ReaderApp

async def main():
    app = ReaderApp(library, [str(root / "src")], cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.get_screen("reader")
        model = screen.model
        for _ in range(200):
            await pilot.pause()
            if len(screen.rows) == 30 and model._index is not None and gc.get_freeze_count():
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        tracked = {id(o) for o in gc.get_objects()}
        print(len(screen.rows), sum(id(r) not in tracked for r in screen.rows))

asyncio.run(main())
"""


def test_a_large_library_s_rows_read_after_the_freeze_are_frozen_too(tmp_path: Path) -> None:
    rows, frozen = _run(SCRIPT_LARGE, tmp_path)
    assert int(rows) == 30
    assert int(frozen) == 30  # out of the collector's reach, as the first rows would be
