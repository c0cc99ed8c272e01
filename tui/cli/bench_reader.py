"""The reader's side of ``python -m tui bench``: run in a fresh subprocess, it
drives the real reader headless (``App.run_test`` and its Pilot, from outside
the app: the production code has no benchmark hook) and prints its timings as
one JSON object on stdout.

``python -m tui.cli.bench_reader MODE T0 LIBRARY PATHS…``, where T0 is the
parent's ``time.time()`` just before it started this process:

- ``first``: the time from T0 to the end of the paint that put the first titles
  in the list (a fresh data directory: the files are cleaned first), checked
  every 5 ms (``to_list``);
- ``warm``: the same from a built library, then search per keystroke (1 to 4 characters, both scripts), filter changes,
  opening the longest article, and the peak memory of the process;
- ``minimal``: the smallest Textual app, T0 to the end of the paint of its one
  line (the same check as the reader's list).

A key, filter change or opening is timed from just before it is made to the end
of the last screen update the app painted before it went idle again (every
update is rendered in full headless; only writing it to a terminal is
skipped), so the time the harness spends making sure the app is idle (Pilot
waits of 20 ms and more, reported as ``floor``) is not counted, and nothing
painted after the change is left out.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

SIZE = (120, 35)
POLL = 0.005  # seconds between checks for the first titles
QUERIES = {"simplified": ("资本开支", "腾讯控股"), "traditional": ("資本開支", "騰訊控股")}


async def _until(
    pilot: Any, done: Callable[[], bool], timeout: float = 120.0, poll: float | None = None
) -> None:
    """Let the app run until ``done()`` or the timeout: checked each time the whole
    process is idle (Pilot's wait, up to a second while any thread works), or with
    ``poll``, every ``poll`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if poll is None:
            await pilot.pause()
        else:
            await asyncio.sleep(poll)  # the app runs in this loop meanwhile
        if done():
            return
    raise TimeoutError("the reader did not get there in time")


async def _settle(pilot: Any) -> None:
    """Wait for the workers the last action started, and the messages they send."""
    app = pilot.app
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


class Paints:
    """When the app last finished painting the screen: wraps ``app._display``,
    which the screen calls with each update once it is rendered."""

    def __init__(self, app: Any) -> None:
        self.last = 0.0
        self.last_wall = 0.0  # the same moment as ``time.time()``
        display = app._display

        def record(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.last = time.perf_counter()
                self.last_wall = time.time()

        app._display = record

    def since(self, start: float) -> float:
        """Seconds from ``start`` to the end of the last paint (to now when
        nothing was painted since: never less than what was waited for)."""
        end = self.last if self.last > start else time.perf_counter()
        return end - start


def _screen(app: Any) -> Any:
    from tui.screens.reader import ReaderScreen

    for screen in app.screen_stack:
        if isinstance(screen, ReaderScreen):
            return screen
    return app.screen


def _painted(app: Any) -> bool:
    try:
        screen = _screen(app)
        return bool(screen.rows) and bool(screen.article_list.row_count)
    except Exception:
        return False


def _drawn(screen: Any) -> bool:
    """The screen has drawn what changed: no layout, repaint or widget waits for it
    (Textual's own flags, cleared once the compositor has rendered the update),
    and no widget has asked for one it has not passed on to the screen yet (a
    list given its rows marks itself, and the screen only at its next idle)."""
    if (
        getattr(screen, "_layout_required", False)
        or getattr(screen, "_repaint_required", False)
        or getattr(screen, "_dirty_widgets", None)
    ):
        return False
    return not any(
        getattr(w, "_repaint_required", False) or getattr(w, "_layout_required", False)
        for w in screen.walk_children()
    )


async def _first_paint(pilot: Any, paints: Paints, done: Callable[[], bool]) -> float:
    """Wait until ``done()`` on a screen with nothing left to draw, checked every
    ``POLL`` seconds, and return (as ``time.time()``) when the last paint before
    that ended: the paint that completed the screen, not the check that saw it."""
    app = pilot.app
    await _until(pilot, lambda: paints.last > 0 and done() and _drawn(app.screen), poll=POLL)
    return paints.last_wall


async def _start(t0: float, library_path: str, paths: list[str], warm: bool) -> dict[str, Any]:
    from tui.store.library import Library, prepare_import

    prepare_import(library_path)  # as ``python -m tui`` does, before Textual loads
    library = Library(library_path)

    from tui.app import ReaderApp

    app = ReaderApp(library, paths, cursor_blink=False)
    paints = Paints(app)
    result: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        # Polled: waiting for the process to be idle would add up to a second while
        # a thread works on after the list is shown (the files' check, the article).
        result["to_list"] = await _first_paint(pilot, paints, lambda: _painted(app)) - t0
        if warm:
            await _until(pilot, lambda: not _screen(app).model.syncing, timeout=3600)
            await _settle(pilot)
            result.update(await _keys(pilot, app))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    library.close()
    return result


async def _keys(pilot: Any, app: Any, runs: int = 5) -> dict[str, Any]:
    """Search per keystroke, filter changes and opening the longest article."""
    screen = _screen(app)
    paints = Paints(app)
    out: dict[str, Any] = {}
    floor = []
    for _ in range(runs * 4):  # what waiting for the app costs when nothing changes
        start = time.perf_counter()
        await _settle(pilot)
        floor.append(time.perf_counter() - start)
    out["floor"] = floor
    for script, queries in QUERIES.items():
        times: dict[int, list[float]] = {}
        for _ in range(runs):
            for query in queries:
                screen.action_search()
                await _settle(pilot)
                for length in range(1, len(query) + 1):
                    start = time.perf_counter()
                    screen.search_input.value = query[:length]
                    await _settle(pilot)
                    times.setdefault(length, []).append(paints.since(start))
                screen.action_clear_search()
                await _settle(pilot)
        for length, values in times.items():
            out[f"search_{script}_{length}"] = values
    rows = screen.rows
    companies = Counter(c for r in rows for c in r.companies).most_common(3)
    tags = Counter(t for r in rows for t in r.tags).most_common(3)
    model = screen.model

    async def timed(change: Callable[[], Any]) -> float:
        start = time.perf_counter()
        screen.apply(change())
        await _settle(pilot)
        return paints.since(start)

    toggles = {"company": model.toggle_company, "tag": model.toggle_tag}
    for kind, names in (("company", companies), ("tag", tags)):
        values = []
        for _ in range(runs):
            for name, _count in names:
                values.append(await timed(lambda n=name, k=kind: toggles[k](n)))
                values.append(await timed(lambda n=name, k=kind: toggles[k](n)))
        out[f"filter_{kind}"] = values
    both = []
    if companies and tags:
        company, tag = companies[0][0], tags[0][0]
        for _ in range(runs):
            both.append(await timed(lambda: model.toggle_company(company)))
            both.append(await timed(lambda: model.toggle_tag(tag)))
            await timed(lambda: model.toggle_company(company))
            await timed(lambda: model.toggle_tag(tag))
    out["filter_both"] = both
    longest = max(rows, key=lambda r: getattr(r, "chars", 0), default=None)
    shortest = min(rows, key=lambda r: getattr(r, "chars", 0), default=None)
    if longest is not None and shortest is not None and longest.id != shortest.id:
        opens = []
        for _ in range(runs):
            for row in (shortest, longest):
                model.forget_articles()  # read it from the library, as the first time
                index = [r.id for r in model.visible].index(row.id)
                start = time.perf_counter()
                screen.article_list.highlighted = index
                await _until(pilot, lambda r=row: model.shown_id == r.id, timeout=60)
                await _settle(pilot)
                if row is longest:
                    opens.append(paints.since(start))
        out["open_longest"] = opens
        out["open_longest_chars"] = getattr(longest, "chars", 0)
    return out


async def _minimal(t0: float) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    app = Minimal()
    paints = Paints(app)
    async with app.run_test(size=SIZE) as pilot:
        # As the reader's list: the end of the paint that completed the screen.
        painted = await _first_paint(pilot, paints, lambda: bool(app.screen.children)) - t0
    return {"to_list": painted}


def main(argv: list[str]) -> int:
    mode, t0 = argv[0], float(argv[1])
    if mode == "minimal":
        result = asyncio.run(_minimal(t0))
    else:
        result = asyncio.run(_start(t0, argv[2], argv[3:], warm=mode == "warm"))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
