"""``python -m tui bench``: how fast the reader opens an article and starts.

Two measurements, printed as a table:

* opening a 20,000-character article with its highlights: parse the Markdown,
  wrap it with the CJK rules and paint the visible lines of a real ArticleView
  (styled from ``styles/reader.tcss``) in a headless app: the median of repeated
  opens (what a user sees: the reader loads markdown-it in a worker at start),
  and the first open in a fresh process, which also loads markdown-it;
* startup to the first paint of the article list: ``python -m tui`` on an
  already built library, started in a pseudo-terminal, against the smallest
  Textual app painting one line, each in fresh subprocesses (median of runs).
  The apps write the time of their first paint to a file named by
  ``JIEDU_BENCH_PAINT_FILE`` and exit.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from tui.text import paths as app_paths

PAINT_ENV = "JIEDU_BENCH_PAINT_FILE"

MINIMAL_APP = """
import os, time
from pathlib import Path
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.screen.call_after_refresh(self.painted)

    def painted(self):
        Path(os.environ["JIEDU_BENCH_PAINT_FILE"]).write_text(repr(time.time()))
        self.exit()

Minimal().run()
"""


@dataclass
class Result:
    name: str
    values: list[float]  # seconds

    @property
    def median(self) -> float:
        import statistics

        return statistics.median(self.values)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``bench`` subcommand."""
    parser = subparsers.add_parser(
        "bench", help="measure article opening and startup speed of the reader"
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or directories (default: seeds)"
    )
    parser.add_argument("--runs", type=int, default=5, help="subprocess runs (default 5)")
    parser.add_argument("--chars", type=int, default=20000, help="article size (default 20000)")
    parser.add_argument("--width", type=int, default=120, help="terminal width (default 120)")
    parser.add_argument("--height", type=int, default=35, help="terminal height (default 35)")
    parser.set_defaults(func=run_bench)


# -- the 20,000-character article ---------------------------------------------


def build_big_article(library_path: Path, chars: int) -> tuple[str, str, list[tuple[int, int]]]:
    """(title, body, figure ranges): the library's articles joined to ``chars`` characters."""
    from tui.store.library import Library

    with Library(library_path) as lib:
        articles = lib.all_articles()
    if not articles:
        raise SystemExit("bench: the library is empty")
    parts: list[str] = []
    figures: list[tuple[int, int]] = []
    length = 0
    while length < chars:
        for article in articles:
            offset = length + (2 if parts else 0)
            figures.extend((offset + f.start, offset + f.end) for f in article.figures)
            parts.append(article.body)
            length = offset + len(article.body)
            if length >= chars:
                break
    body = "\n\n".join(parts)
    cut = body.rfind("\n\n", 0, chars)
    body = body[: cut if cut > chars // 2 else chars]
    figures = [(s, e) for s, e in figures if e <= len(body)]
    if not figures:  # no figure extraction yet: highlight numbers with units instead
        pattern = r"\d+(?:\.\d+)?\s?(?:%|亿元|億元|亿美元|億美元|万|萬|倍|亿|億)"
        figures = [m.span() for m in re.finditer(pattern, body)]
    return articles[0].title, body, figures


async def _measure_open(
    title: str, body: str, figures: list[tuple[int, int]], runs: int, size: tuple[int, int]
) -> tuple[float, list[float], int]:
    from textual.app import App, ComposeResult

    from tui.widgets.article_view import ArticleView
    from tui.widgets.mdblocks import build_document, find_hits

    class Host(App[None]):
        CSS_PATH: ClassVar[list[str | Path]] = [app_paths.styles_dir() / "reader.tcss"]

        def compose(self) -> ComposeResult:
            yield ArticleView(id="article")

    def open_once(view: ArticleView) -> float:
        start = time.perf_counter()
        document = build_document(
            title, ["site · 2025-01-01"], body, figures, find_hits(body, "腾讯")
        )
        view.set_document(document)
        for y in range(view.size.height):
            view.render_line(y)
        return time.perf_counter() - start

    app = Host()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        cold = open_once(view)
        warm = []
        for _ in range(max(5, runs * 4)):
            await pilot.pause()
            warm.append(open_once(view))
        lines = len(view.layout_lines or [])
    return cold, warm, lines


# -- startup ----------------------------------------------------------------------


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def time_to_paint(command: list[str], env: dict[str, str], size: tuple[int, int]) -> float:
    """Seconds from spawning ``command`` in a pseudo-terminal to its first paint."""
    import fcntl
    import pty
    import struct
    import subprocess
    import tempfile
    import termios
    import threading

    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "painted"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        child_env = {**env, PAINT_ENV: str(marker), "TERM": env.get("TERM", "xterm-256color")}
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        start = time.time()
        proc = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=child_env, close_fds=True
        )
        os.close(slave)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"bench: {' '.join(command)} did not paint within 60 s") from None
        finally:
            os.close(master)
        if not marker.exists():
            raise RuntimeError(f"bench: {' '.join(command)} exited without painting")
        return float(marker.read_text()) - start


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def run_bench(args: argparse.Namespace) -> int:
    """Run both measurements and print the table."""
    import asyncio
    import statistics
    import tempfile

    from tui.store.library import Library

    with tempfile.TemporaryDirectory(prefix="jiedu-bench-") as home:
        env = {**os.environ, "JIEDU_HOME": home}
        env.pop("NO_COLOR", None)
        library = Path(home) / "data" / "library.sqlite3"
        library.parent.mkdir(parents=True, exist_ok=True)
        seeds = [str(p) for p in (args.paths or [str(app_paths.seeds_dir())])]
        print(f"building the library from {', '.join(seeds)} …", file=sys.stderr)
        with Library(library) as lib:
            lib.sync(seeds)

        title, body, figures = build_big_article(library, args.chars)
        cold, warm, lines = asyncio.run(
            _measure_open(title, body, figures, args.runs, (args.width, args.height))
        )

        size = (args.width, args.height)
        reader_cmd = [sys.executable, "-m", "tui", "--library", str(library), *seeds]
        minimal_cmd = [sys.executable, "-c", MINIMAL_APP]
        time_to_paint(reader_cmd, env, size)  # warm the OS file cache and .pyc files
        time_to_paint(minimal_cmd, env, size)
        reader_times: list[float] = []
        minimal_times: list[float] = []
        for _ in range(args.runs):
            minimal_times.append(time_to_paint(minimal_cmd, env, size))
            reader_times.append(time_to_paint(reader_cmd, env, size))

    reader = Result("reader", reader_times)
    minimal = Result("minimal", minimal_times)
    rows = [
        ("measurement", "median", "min / max", "runs"),
        (
            f"open {len(body)}-char article, {len(figures)} figures, {lines} lines"
            " (reader running; bar 50 ms)",
            _ms(statistics.median(warm)),
            f"{_ms(min(warm))} / {_ms(max(warm))}",
            str(len(warm)),
        ),
        (
            "same, first open in a fresh process (+ loading markdown-it)",
            _ms(cold),
            "",
            "1",
        ),
        (
            "python -m tui: start to article list painted",
            _ms(reader.median),
            f"{_ms(min(reader.values))} / {_ms(max(reader.values))}",
            str(args.runs),
        ),
        (
            "minimal Textual app: start to one line painted",
            _ms(minimal.median),
            f"{_ms(min(minimal.values))} / {_ms(max(minimal.values))}",
            str(args.runs),
        ),
        ("ratio reader / minimal (bar 2x)", f"{reader.median / minimal.median:.2f}x", "", ""),
    ]
    print(_table(rows))
    return 0
