"""Facts at scale on a library shaped like the benchmark's: grow it, time it, dump it.

The benchmark's library is made of real-cleaned synthetic clippings
(``tui.store.synthetic.write_library``): the seeds' text with varied numbers, so
the same companies, metrics and periods recur and a (company, metric, period)
partition holds hundreds of figures at 10,000 articles. Importing 10,000 files
takes half an hour; this tool grows an imported library instead:

* ``grow SRC DST N``: copy the library SRC to DST and add copies of its articles
  (new ids and paths; each figure's numbers varied as ``write_library`` varies
  them, its value scaled to match) until it holds N articles; then rebuild facts.
* ``measure LIB [--corpus DIR] [--runs R]``: CPU and wall seconds of a full facts
  rebuild, and of re-importing one changed file of DIR (as ``python -m tui bench``
  does: the middle file with a sentence appended), split into the whole sync and
  the facts refresh inside it.
* ``partitions LIB``: the distribution of figures per partition and members per group.
* ``dump LIB OUT``: every fact group as JSON lines, in ``fact_order`` (diff two dumps
  to check that a change keeps the groups).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import random
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tui.clean.loading import path_text
from tui.store import facts_store
from tui.store.library import Library
from tui.store.synthetic import _vary_numbers
from tui.text.models import Figure

_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _vary_figure(figure: Figure, rng: random.Random) -> Figure:
    """The figure with the numbers of its text varied as ``write_library`` varies an
    article's, its value (and upper bound) scaled by the change of its first number."""
    old = _FIRST_NUMBER.search(figure.text)
    if old is None:
        return figure
    text = _vary_numbers(figure.text, rng)
    new = _FIRST_NUMBER.search(text)
    before = float(old.group().replace(",", ""))
    if new is None or not before:
        return figure
    factor = float(new.group().replace(",", "")) / before
    return dataclasses.replace(
        figure,
        text=text,
        value=figure.value * factor,
        value_max=None if figure.value_max is None else figure.value_max * factor,
    )


def grow(source: Path, target: Path, count: int, seed: int = 0, files: Path | None = None) -> int:
    """Copy ``source`` to ``target`` and add varied copies of its articles up to ``count``.

    With ``files``, each copy also gets a source file there (the original file's bytes,
    100 to a folder) stored with its real stat and the original's cleaner version, so
    the start-up re-check of ``files`` finds every copy unchanged, as in a library
    that was imported; without it the copies' paths do not exist.
    """
    shutil.copyfile(source, target)
    rng = random.Random(seed)
    with Library(target) as lib:
        lib._conn.execute("PRAGMA synchronous = OFF")  # a scratch copy: no fsync per article
        originals = lib.all_articles()
        versions = dict(lib._conn.execute("SELECT id, cleaner_version FROM articles"))
        have = len(originals)
        copy = 0
        while have < count:
            article = originals[copy % len(originals)]
            copy += 1
            path, version, mtime_ns, size = f"{article.source_path}.c{copy}", "grown", 0, 0
            if files is not None:
                original = Path(article.source_path)
                folder = files / f"g{copy // 100:04d}"
                folder.mkdir(parents=True, exist_ok=True)
                written = folder / f"{original.stem}-c{copy}{original.suffix or '.txt'}"
                try:
                    written.write_bytes(original.read_bytes())
                except OSError:
                    written.write_text(article.body, encoding="utf-8")
                info = written.stat()
                path, mtime_ns, size = path_text(written.resolve()), info.st_mtime_ns, info.st_size
                version = versions.get(article.id, "grown")
            clone = dataclasses.replace(
                article,
                id=f"{article.id}-c{copy}",
                source_path=path,
                figures=[_vary_figure(f, rng) for f in article.figures],
            )
            lib._store(clone, version, mtime_ns, size, refresh=False)
            have += 1
        return lib.rebuild_facts()


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


@contextlib.contextmanager
def refresh_timer(clock: Callable[[], float] = time.perf_counter) -> Iterator[list[float]]:
    """Time every facts refresh made inside the block (the facts update of a sync),
    by ``clock``: the durations are appended to the list yielded."""
    times: list[float] = []
    plain_refresh = facts_store.refresh

    def timed_refresh(conn: Any) -> int:
        start = clock()
        try:
            return plain_refresh(conn)
        finally:
            times.append(clock() - start)

    facts_store.refresh = timed_refresh  # type: ignore[assignment]
    try:
        yield times
    finally:
        facts_store.refresh = plain_refresh  # type: ignore[assignment]


def measure(library: Path, corpus: Path | None, runs: int, rebuilds: int = 3) -> dict[str, Any]:
    """Seconds (wall, CPU) of a facts rebuild and of one changed file's re-import."""
    out: dict[str, Any] = {}
    with Library(library) as lib:
        out["rebuild"] = [_timed(lib.rebuild_facts) for _ in range(rebuilds)]
        if corpus is not None:
            files = sorted(corpus.rglob("*.txt"))
            target = files[len(files) // 2]
            original = target.read_bytes()
            changed, refreshes = [], []
            try:
                with refresh_timer(time.process_time) as refresh_time:
                    for run in range(runs):
                        extra = f"\n\n腾讯第{run}季度营收增长{run + 11}%，达到{run + 100}亿元。\n"
                        target.write_bytes(original + extra.encode("utf-8"))
                        refresh_time.clear()
                        changed.append(_timed(lambda: lib.sync([target])))
                        refreshes.append(sum(refresh_time))
            finally:
                target.write_bytes(original)
                lib.sync([target])
            out["one_changed"] = changed
            out["one_changed_refresh_cpu"] = refreshes
    return out


def partitions(library: Path) -> dict[str, Any]:
    """Figures per (company, metric, period) partition and members per stored group."""
    with Library(library) as lib:
        conn = lib._conn
        sizes = sorted(
            (
                r[0]
                for r in conn.execute(
                    "SELECT count(*) FROM figures WHERE company != '' AND metric != ''"
                    " AND period != '' GROUP BY company, metric, period"
                )
            ),
            reverse=True,
        )
        groups = [len(g.members) for g in lib.facts()]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        figures = conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    return {
        "articles": articles,
        "figures": figures,
        "partitions": len(sizes),
        "figures_in_partitions": sum(sizes),
        "largest_partitions": sizes[:10],
        "partition_median": statistics.median(sizes) if sizes else 0,
        "share_in_top_1pct": sum(sizes[: max(1, len(sizes) // 100)]) / max(1, sum(sizes)),
        "groups": len(groups),
        "members": sum(groups),
        "largest_groups": sorted(groups, reverse=True)[:10],
    }


def dump(library: Path, out: Path) -> int:
    """Every fact group as one JSON line, in order; how many."""
    with Library(library) as lib:
        groups = lib.facts()
    with out.open("w", encoding="utf-8") as handle:
        for group in groups:
            handle.write(json.dumps(group.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return len(groups)


def _summary(values: list[tuple[float, float]]) -> str:
    walls = [v[0] for v in values]
    cpus = [v[1] for v in values]
    return (
        f"wall median {statistics.median(walls):.3f} s max {max(walls):.3f} s,"
        f" CPU median {statistics.median(cpus):.3f} s max {max(cpus):.3f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    grow_p = commands.add_parser("grow")
    grow_p.add_argument("source", type=Path)
    grow_p.add_argument("target", type=Path)
    grow_p.add_argument("count", type=int)
    grow_p.add_argument("--files", type=Path, help="write each copy's source file here")
    measure_p = commands.add_parser("measure")
    measure_p.add_argument("library", type=Path)
    measure_p.add_argument("--corpus", type=Path)
    measure_p.add_argument("--runs", type=int, default=5)
    measure_p.add_argument("--rebuilds", type=int, default=3, help="0: time no rebuild")
    part_p = commands.add_parser("partitions")
    part_p.add_argument("library", type=Path)
    dump_p = commands.add_parser("dump")
    dump_p.add_argument("library", type=Path)
    dump_p.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "grow":
        print(f"{grow(args.source, args.target, args.count, files=args.files)} groups")
    elif args.command == "measure":
        result = measure(args.library, args.corpus, args.runs, args.rebuilds)
        if result["rebuild"]:
            print(f"facts rebuild: {_summary(result['rebuild'])}")
        if "one_changed" in result:
            print(f"one changed file re-imported: {_summary(result['one_changed'])}")
            refresh = result["one_changed_refresh_cpu"]
            print(
                f"  facts refresh inside it: CPU median {statistics.median(refresh):.3f} s"
                f" max {max(refresh):.3f} s"
            )
    elif args.command == "partitions":
        print(json.dumps(partitions(args.library), ensure_ascii=False, indent=1))
    else:
        print(f"{dump(args.library, args.out)} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
