"""``python -m tui bench [--articles N] [--json]``: measure the goals of scale.

Builds a synthetic library of N articles (default 10,000) from the bundled
seeds in a temporary directory (``tui.store.synthetic``: other companies,
numbers, dates and paragraphs, both scripts, 1% long reports of about 200,000
characters), imports it in a subprocess (cold import rate, peak memory of the
largest process), then measures each goal with median and p95 over repeated
runs:

- library operations in this process: one changed file re-imported (its facts
  updated), the full facts rebuild, the re-check of unchanged files, the
  library-wide figure query, the search query itself;
- the reader, driven from outside in fresh subprocesses (``tui.cli.bench_reader``,
  headless ``App.run_test``): first start on the seeds with a fresh data
  directory to titles, warm start to the list painted against the smallest
  Textual app, search per keystroke (1, 2, 4 characters, both scripts), filter
  changes, opening the longest article, the reader's peak memory;
- opening a 20,000- and a 200,000-character article in the article view as the
  reader does (parsed and laid out as far as the screen shows), the same
  200,000 characters laid out to the end (``G``), and Textual's stock
  ``Markdown`` widget on the same 20,000 characters.

Prints a table (or JSON with ``--json``) and keeps the last results in the
cache directory (``bench-last.json``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from tui.text import paths as app_paths

RESULTS_FILE = "bench-last.json"


@dataclass
class Row:
    """One measurement: values in seconds (or MB / articles per second, see unit)."""

    name: str
    goal: str
    values: list[float] = field(default_factory=list)
    unit: str = "ms"
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def p95(self) -> float | None:
        if not self.values:
            return None
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def cell(self, value: float | None) -> str:
        if value is None:
            return "—"
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms"
        if self.unit == "s":
            return f"{value:.2f} s"
        if self.unit == "x":
            return f"{value:.2f}x"
        return f"{value:.1f} {self.unit}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(median=self.median, p95=self.p95, runs=len(self.values))
        return data


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``bench`` subcommand."""
    parser = subparsers.add_parser(
        "bench", help="measure import, start-up and every key on a synthetic library"
    )
    parser.add_argument("--articles", type=int, default=10_000, help="library size (10000)")
    parser.add_argument("--runs", type=int, default=5, help="repeats of each measure (5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--grow-from",
        type=int,
        default=0,
        metavar="K",
        help="import K articles cold, then add varied copies (with their files) up to"
        " --articles, for sizes whose import would take hours (default: import all)",
    )
    parser.set_defaults(func=run_bench)


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return values


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "JIEDU_HOME": str(home)}
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env


# -- import -------------------------------------------------------------------------

_IMPORT = """
import resource, sys
from tui.store.library import Library
with Library(sys.argv[1]) as lib:
    report = lib.sync(sys.argv[2:])
print(report.added + report.updated, len(report.errors))
"""


def measure_import(library: Path, corpus: Path, home: Path) -> tuple[float, int, int, float]:
    """(seconds, articles stored, errors, peak RSS MB of the largest process)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(library), str(corpus)],
        env=_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"import failed: {done.stderr.strip().splitlines()[-1:]}")
    stored, errors = (int(x) for x in done.stdout.split())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, stored, errors, max(peak, before) / 1024


def measure_long_clean(text: str) -> float:
    """Seconds to clean ``text`` once the cleaner is loaded (the goal is about
    linear cleaning; loading jieba and the data files is a start-up cost)."""
    from tui.pipeline import clean_text

    clean_text("腾讯2025年第一季度营收1800亿元，同比增长13%。", source_path="warm.txt")
    start = time.perf_counter()
    clean_text(text, source_path="long.txt")
    return time.perf_counter() - start


# -- library operations -----------------------------------------------------------


def measure_library(library: Path, corpus: Path, runs: int) -> dict[str, list[float]]:
    from tui.cli.bench_facts import refresh_timer
    from tui.store.library import Library

    out: dict[str, list[float]] = {}
    with Library(library) as lib:
        files = sorted(corpus.rglob("*.txt"))
        target = files[len(files) // 2]
        original = target.read_bytes()
        try:
            changed, facts = [], []
            with refresh_timer() as refreshing:
                for run in range(runs):
                    extra = f"\n\n腾讯第{run}季度营收增长{run + 11}%，达到{run + 100}亿元。\n"
                    target.write_bytes(original + extra.encode("utf-8"))
                    refreshing.clear()
                    start = time.perf_counter()
                    lib.sync([target])
                    changed.append(time.perf_counter() - start)
                    facts.append(sum(refreshing))
            out["one_changed"] = changed
            out["one_changed_facts"] = facts
        finally:
            target.write_bytes(original)
            lib.sync([target])
        out["facts_rebuild"] = _timed(lib.rebuild_facts, max(1, min(runs, 3)))
        if hasattr(lib, "changed_files"):
            out["recheck"] = _timed(lambda: lib.changed_files([corpus]), runs)
        else:
            out["recheck"] = _timed(lambda: lib.sync([corpus]), runs)
        queries = ["腾讯 营收", "阿里 资本开支", "2025Q1", "騰訊 營收"]
        if hasattr(lib, "query_figures"):
            out["figure_query"] = [
                v for q in queries for v in _timed(lambda q=q: lib.query_figures(q), runs)
            ]
        else:
            out["figure_query"] = _timed(lambda: [a.figures for a in lib.all_articles()], runs)
        for script, queries in (
            ("s", ("云", "腾讯", "资本开支")),
            ("t", ("雲", "騰訊", "資本開支")),
        ):
            for query in queries:
                key = f"search_lib_{script}{len(query)}"
                out[key] = _timed(lambda q=query: lib.search(q), runs)
    return out


# -- the reader, in subprocesses --------------------------------------------------


def run_reader(mode: str, home: Path, library: Path | None, paths: list[str]) -> dict[str, Any]:
    args = [sys.executable, "-m", "tui.cli.bench_reader", mode]
    env = _env(home)
    t0 = time.time()
    done = subprocess.run(
        [*args, repr(t0), str(library or ""), *paths],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=7200,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        raise RuntimeError(f"reader ({mode}) failed: {' | '.join(tail)}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- article view against the stock Markdown widget -------------------------------


async def measure_views(bodies: dict[int, str], runs: int) -> dict[str, list[float]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    from tui.text.hits import find_hits
    from tui.widgets.article_view import ArticleView
    from tui.widgets.mdblocks import open_document

    class Host(App[None]):
        CSS_PATH: ClassVar[list[str | Path]] = [app_paths.styles_dir() / "reader.tcss"]

        def compose(self) -> ComposeResult:
            yield ArticleView(id="article")

    out: dict[str, list[float]] = {}
    app = Host()
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        for chars, body in bodies.items():
            values = []
            for _ in range(runs + 1):
                start = time.perf_counter()
                document = open_document(
                    "标题", ["site · 2025-01-01"], body, [], find_hits(body, "腾讯")
                )
                view.set_document(document)
                for y in range(view.size.height):
                    view.render_line(y)
                values.append(time.perf_counter() - start)
                await pilot.pause()
            out[f"view_{chars}"] = values[1:]  # the first loads markdown-it
        body = bodies[max(bodies)]
        values = []
        for _ in range(runs):
            start = time.perf_counter()
            view.set_document(open_document("标题", [], body, [], find_hits(body, "腾讯")))
            view.action_scroll_end()
            values.append(time.perf_counter() - start)
            await pilot.pause()
        out["view_end"] = values

    class MarkdownHost(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown("")

    body = bodies[min(bodies)]
    app2 = MarkdownHost()
    async with app2.run_test(size=(120, 35)) as pilot:
        widget = app2.query_one(Markdown)
        values = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            await widget.update(body)
            await pilot.pause()
            values.append(time.perf_counter() - start)
        out["markdown_stock"] = values[1:]
    return out


def _body(corpus_texts: list[str], chars: int) -> str:
    parts, size = [], 0
    while size < chars:
        for text in corpus_texts:
            parts.append(text)
            size += len(text) + 2
            if size >= chars:
                break
    return "\n\n".join(parts)[:chars]


# -- the run --------------------------------------------------------------------------


def collect(articles: int, runs: int, grow_from: int = 0) -> tuple[list[Row], dict[str, Any]]:
    import asyncio

    from tui.store import synthetic

    info: dict[str, Any] = {"articles": articles, "runs": runs, "cpus": os.cpu_count()}
    imported = grow_from if 0 < grow_from < articles else articles
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="jiedu-bench-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        say(f"writing {imported} synthetic articles …")
        written = synthetic.write_library(corpus, imported)
        chars = [p.stat().st_size for p in written]
        info["corpus_mb"] = round(sum(chars) / 1e6, 1)
        library = root / "library.sqlite3"
        say("cold import …")
        seconds, stored, errors, import_rss = measure_import(library, corpus, root / "home-import")
        info.update(stored=stored, import_errors=errors, import_seconds=round(seconds, 1))
        if imported < articles:
            from tui.cli.bench_facts import grow

            say(f"growing the library to {articles} articles (copies with their files) …")
            seed_library = root / "imported.sqlite3"
            for suffix in ("", "-wal", "-shm"):  # a closed WAL library has no siblings
                if Path(f"{library}{suffix}").exists():
                    Path(f"{library}{suffix}").rename(f"{seed_library}{suffix}")
            grow(seed_library, library, articles, files=corpus / "grown")
            seed_library.unlink()
            info["grown_from"] = imported
        rows.append(Row("cold import", ">= 50 articles/s", [stored / seconds], "articles/s"))
        long_text = synthetic.article_text(synthetic.LONG_EVERY - 1)
        say("cleaning one long article …")
        rows.append(
            Row(
                f"clean one {len(long_text):,}-char article",
                "<= 2 s",
                [measure_long_clean(long_text)],
                "s",
            )
        )
        say("library operations …")
        lib = measure_library(library, corpus, runs)
        rows.append(
            Row(
                "facts updated after one changed file",
                "<= 0.5 s",
                lib["one_changed_facts"],
            )
        )
        rows.append(
            Row(
                "one changed file re-imported, all of it (first: a cold cleaner)",
                "",
                lib["one_changed"],
            )
        )
        rows.append(Row("full facts rebuild", "<= 10 s", lib["facts_rebuild"], "s"))
        rows.append(Row("re-check of unchanged files", "<= 1 s", lib["recheck"], "s"))
        rows.append(Row("figure query (library-wide)", "<= 50 ms p95", lib["figure_query"]))
        for key in sorted(k for k in lib if k.startswith("search_lib_")):
            script = "Simplified" if key[11] == "s" else "Traditional"
            rows.append(Row(f"library search, {key[12:]}-char {script}", "", lib[key]))

        say("reader: first start on the seeds …")
        seeds = [str(app_paths.seeds_dir())]
        first = [
            run_reader("first", root / f"home-first-{i}", None, seeds)["to_list"]
            for i in range(max(1, min(runs, 3)))
        ]
        rows.append(
            Row("first start on the seeds to titles (fresh data dir)", "<= 1.5 s", first, "s")
        )
        say("reader: warm start and keys …")
        minimal = [
            run_reader("minimal", root / "home-min", None, [])["to_list"] for _ in range(runs)
        ]
        warm_runs = [
            run_reader("warm", root / "home-warm", library, [str(corpus)])
            for _ in range(max(1, min(runs, 3)))
        ]
        warm = [r["to_list"] for r in warm_runs]
        rows.append(Row("warm start to the list painted", "<= 0.8 s", warm, "s"))
        rows.append(Row("smallest Textual app painted", "", minimal, "s"))
        rows.append(
            Row(
                "warm start / smallest app",
                "<= 2x",
                [statistics.median(warm) / statistics.median(minimal)],
                "x",
            )
        )
        keys = warm_runs[0]
        floor = [v for r in warm_runs for v in r.get("floor", [])]
        rows.append(
            Row(
                "harness: one Pilot wait with nothing to do (not in the key rows: timed to the last paint)",
                "",
                floor,
            )
        )
        for script in ("simplified", "traditional"):
            for length in (1, 2, 4):
                values = [v for r in warm_runs for v in r.get(f"search_{script}_{length}", [])]
                rows.append(
                    Row(f"search shown per key, {length} chars, {script}", "<= 100 ms p95", values)
                )
        for kind in ("company", "tag", "both"):
            values = [v for r in warm_runs for v in r.get(f"filter_{kind}", [])]
            rows.append(Row(f"filter change ({kind})", "<= 50 ms p95", values))
        if "open_longest" in keys:
            rows.append(
                Row(
                    f"open the longest article in the reader ({keys['open_longest_chars']:,} chars)",
                    "<= 200 ms p95",
                    [v for r in warm_runs for v in r.get("open_longest", [])],
                )
            )
        say("article view and the stock Markdown widget …")
        texts = [p.read_text(encoding="utf-8") for p in written[:40]]
        views = asyncio.run(
            measure_views({20_000: _body(texts, 20_000), 200_000: _body(texts, 200_000)}, runs)
        )
        rows.append(Row("article view open, 20,000 chars", "<= 50 ms p95", views["view_20000"]))
        rows.append(Row("article view open, 200,000 chars", "<= 200 ms p95", views["view_200000"]))
        rows.append(Row("article view, 200,000 chars laid out to the end", "", views["view_end"]))
        rows.append(Row("stock Markdown widget, same 20,000 chars", "", views["markdown_stock"]))
        ratio = statistics.median(views["markdown_stock"]) / statistics.median(views["view_20000"])
        rows.append(Row("stock Markdown / article view (20,000 chars)", "", [ratio], "x"))
        rows.append(
            Row(
                "peak memory, reader", "<= 400 MB", [max(r["peak_rss_mb"] for r in warm_runs)], "MB"
            )
        )
        rows.append(Row("peak memory, largest import process", "<= 500 MB", [import_rss], "MB"))
    return rows, info


def table(rows: list[Row], info: dict[str, Any]) -> str:
    head = ("measure", "goal", "median", "p95", "runs")
    cells = [head] + [
        (
            r.name,
            r.goal,
            r.cell(r.median),
            r.cell(r.p95) if len(r.values) > 1 else "",
            str(len(r.values)),
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = [
        f"jiedu bench: {info['articles']:,} articles ({info.get('corpus_mb')} MB), "
        f"{info.get('cpus')} CPUs, {info['runs']} runs; imported {info.get('stored')} "
        f"in {info.get('import_seconds')} s, {info.get('import_errors')} errors"
        + (f"; grown from {info['grown_from']:,} by copies" if info.get("grown_from") else ""),
        "",
    ]
    for index, cell in enumerate(cells):
        lines.append("  ".join(c.ljust(widths[i]) for i, c in enumerate(cell)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run_bench(args: argparse.Namespace) -> int:
    """Run every measurement, print the table (or JSON), keep the results."""
    from tui.cli.common import CliError

    try:
        rows, info = collect(max(1, args.articles), max(1, args.runs), max(0, args.grow_from))
    except (RuntimeError, subprocess.SubprocessError, TimeoutError) as exc:
        raise CliError(f"bench: {exc}") from None
    results = {
        "info": info,
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "rows": [r.to_dict() for r in rows],
    }
    with contextlib.suppress(OSError):
        (app_paths.cache_dir() / RESULTS_FILE).write_text(
            json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    if args.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(table(rows, info) + "\n")
    return 0
