"""Synthetic articles and libraries, for tests and for measuring the library at scale.

``make_articles(n)`` makes ``n`` cleaned ``Article`` objects without running the
cleaner (fast, deterministic for a seed): titles and bodies of about 7,000
characters (1 % about 200,000 with ``long_share``) built from sentences about the
companies of the dictionary (their names and aliases, both scripts: one article in
four is in Traditional characters), with figures whose text, offsets, company,
metric, period and value agree with the body (values repeat across articles so
that facts form groups and conflicts). ``build_library(path, n)`` stores them in a
library, optionally writing each body to a source file whose stat is stored (for
the start-up re-check).

``python -m tui.store.synthetic_articles N`` builds a library of N articles in a temporary
directory and prints the timings of the library's operations (list rows, search,
figure query, re-check, facts rebuild and one-article update), median and p95, and
its peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tui.text.models import Article, Figure

COMPANIES = [
    ("腾讯", ["腾讯", "腾讯控股", "Tencent"]),
    ("阿里巴巴", ["阿里巴巴", "阿里", "Alibaba"]),
    ("百度", ["百度", "Baidu"]),
    ("小米", ["小米", "小米集团"]),
    ("美团", ["美团"]),
    ("快手", ["快手"]),
    ("京东", ["京东", "JD"]),
    ("字节跳动", ["字节跳动", "字节"]),
    ("中芯国际", ["中芯国际", "中芯"]),
    ("比亚迪", ["比亚迪"]),
    ("拼多多", ["拼多多"]),
    ("网易", ["网易"]),
]
METRICS = [
    ("营收", "money"),
    ("净利润", "money"),
    ("资本开支", "money"),
    ("研发投入", "money"),
    ("云收入", "money"),
    ("广告收入", "money"),
    ("毛利率", "percent"),
    ("日活", "count"),
]
FILLER = [
    "在人工智能浪潮下，大模型的训练和推理需求持续增长，算力成为各家公司竞争的焦点。",
    "分析师认为，行业整体仍处于投入期，商业化落地的节奏决定了下一阶段的格局。",
    "与此同时，海外市场的监管环境趋严，出海业务面临新的挑战与机遇。",
    "公司管理层在电话会上表示，将继续加大对基础设施和核心技术的投入。",
    "从用户侧看，生成式应用的渗透率快速提升，但付费意愿仍有待验证。",
    "供应链方面，高端芯片的获取仍存在不确定性，国产替代进程正在加快。",
    "市场对此反应积极，股价在财报发布后的交易日内上涨，成交量明显放大。",
    "业内人士指出，云计算、广告和电商是互联网公司收入增长的三大引擎。",
    "The company said its AI strategy remains focused on models, cloud and applications.",
    "据了解，该项目预计在明年上半年完成第一阶段建设，并逐步向合作伙伴开放。",
]
PERIODS = ["2023", "2024", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025H1"]
_PERIOD_WORDS = {
    "2023": "2023年",
    "2024": "2024年",
    "2024Q4": "2024年第四季度",
    "2025Q1": "2025年第一季度",
    "2025Q2": "2025年第二季度",
    "2025Q3": "2025年第三季度",
    "2025H1": "2025年上半年",
}
SITES = ["36氪", "虎嗅", "界面新闻", "新浪科技", "澎湃新闻", "钛媒体", "IT之家", "财新"]


def _figure_sentence(
    rng: random.Random, company: str, alias: str
) -> tuple[str, list[tuple[int, int, dict[str, Any]]]]:
    """One sentence stating a figure, and (start, end, fields) of its figures."""
    metric, kind = rng.choice(METRICS)
    period = rng.choice(PERIODS)
    lead = f"{alias}{_PERIOD_WORDS[period]}{metric}"
    # One true value per company, metric and period; most articles state it, some
    # round it, a few state another number (a conflict).
    true = random.Random(f"{company}/{metric}/{period}")
    roll = rng.random()
    if kind == "money":
        value = round(true.uniform(50, 4000), 1)
        if roll < 0.1:
            value = round(value * rng.choice([0.9, 1.1]), 1)
        text = f"{round(value):g}亿元" if roll > 0.8 else f"{value:g}亿元"
        value = float(text[: -len("亿元")])
        fields = {"kind": "money", "value": value * 1e8, "unit": "CNY"}
    elif kind == "percent":
        value = round(true.uniform(10, 60), 1)
        if roll < 0.1:
            value = round(value + rng.choice([-3, 3]), 1)
        text = f"{value:g}%"
        fields = {"kind": "percent", "value": value, "unit": "%"}
    else:
        value = round(true.uniform(500, 9000))
        if roll < 0.1:
            value = round(value * rng.choice([0.8, 1.2]))
        text = f"{value:g}万"
        fields = {"kind": "count", "value": value * 1e4, "unit": None}
    sentence = f"{lead}为{text}，"
    start = len(sentence) - len(text) - 1
    spans = [(start, start + len(text), dict(fields, metric=metric, period=period))]
    growth = round(true.uniform(-20, 120), 1)
    growth_text = f"{growth:g}%"
    sentence += "同比增长"
    spans.append(
        (
            len(sentence),
            len(sentence) + len(growth_text),
            {
                "kind": "percent",
                "value": growth,
                "unit": "%",
                "metric": metric,
                "period": period,
                "change": "yoy",
            },
        )
    )
    sentence += growth_text + "。"
    for _start, _end, item in spans:
        item["company"] = company
    return sentence, spans


def make_article(index: int, rng: random.Random, chars: int = 7000) -> Article:
    """One synthetic article of about ``chars`` characters."""
    from tui.text.script import to_traditional

    company, aliases = rng.choice(COMPANIES)
    other, other_aliases = rng.choice(COMPANIES)
    paragraphs: list[str] = []
    figures: list[Figure] = []
    offset = 0
    while offset < chars:
        parts: list[str] = []
        spans: list[tuple[int, int, dict[str, Any]]] = []
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.08:
                owner, names = (company, aliases) if rng.random() < 0.8 else (other, other_aliases)
                sentence, found = _figure_sentence(rng, owner, rng.choice(names))
                base = sum(len(p) for p in parts)
                spans += [(base + s, base + e, f) for s, e, f in found]
                parts.append(sentence)
            else:
                parts.append(rng.choice(FILLER))
        paragraph = "".join(parts)
        figures += [
            Figure(text=paragraph[s:e], start=offset + s, end=offset + e, **f) for s, e, f in spans
        ]
        paragraphs.append(paragraph)
        offset += len(paragraph) + 2
    body = "\n\n".join(paragraphs)
    month = rng.randint(1, 12)
    title = f"{rng.choice(aliases)}{rng.choice(PERIODS)}业绩解读：{rng.choice(FILLER)[:12]}"
    script = "hans"
    if index % 4 == 3:
        body, title, script = to_traditional(body), to_traditional(title), "hant"
        for figure in figures:
            figure.text = body[figure.start : figure.end]
    return Article(
        id=f"syn{index:06d}",
        source_path=f"/synthetic/{index:06d}.md",
        title=title,
        body=body,
        date=f"2025-{month:02d}-{rng.randint(1, 28):02d}",
        site=rng.choice(SITES),
        companies=sorted({company, other}),
        tags=["AI", company],
        figures=figures,
        script=script,
        content_hash=f"{index:064x}",
    )


def make_articles(
    n: int, seed: int = 0, long_share: float = 0.0, chars: int = 7000
) -> Iterator[Article]:
    """``n`` synthetic articles; ``long_share`` of them about 200,000 characters."""
    rng = random.Random(seed)
    for index in range(n):
        size = 200_000 if long_share and rng.random() < long_share else chars
        yield make_article(index, rng, size)


def build_library(
    path: str | Path,
    n: int,
    *,
    seed: int = 0,
    sources: Path | None = None,
    long_share: float = 0.0,
    chars: int = 7000,
) -> Any:
    """A library of ``n`` synthetic articles at ``path`` (returned open); with
    ``sources``, each body is also written there and its stat stored."""
    from tui.store.library import Library, pipeline_version

    library = Library(path)
    version = pipeline_version()
    for article in make_articles(n, seed, long_share, chars):
        mtime_ns = size = 0
        if sources is not None:
            file = sources / f"{article.id}.md"
            file.write_text(f"# {article.title}\n\n{article.body}\n", "utf-8")
            info = file.stat()
            article.source_path = os.path.realpath(file)
            mtime_ns, size = info.st_mtime_ns, info.st_size
        library._store(article, version, mtime_ns, size, refresh=False)
    library.rebuild_facts()
    return library


# -- measuring ---------------------------------------------------------------------


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(median, p95, median CPU) seconds of ``runs`` calls."""
    values, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        values.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    values.sort()
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95, statistics.median(cpu)


SEARCHES = ("云", "腾", "騰", "腾讯", "騰訊", "资本开支", "資本開支", "人工智能")
FIGURE_QUERIES = ("阿里 资本开支", "腾讯 2025Q1", "Tencent 2025年一季度 营收", "767亿元", "日活")


def measure_library(
    library: Any, sources: Path | None, runs: int = 20
) -> list[tuple[str, float, float, float]]:
    """(name, median s, p95 s, median CPU s) of the library's operations."""
    results: list[tuple[str, float, float, float]] = []
    results.append(("list_rows", *_time(library.list_rows, runs)))
    for query in SEARCHES:
        results.append((f"search {query}", *_time(lambda q=query: library.search(q), runs)))
    for words in FIGURE_QUERIES:
        results.append(
            (f"query_figures {words}", *_time(lambda w=words: library.query_figures(w), runs))
        )
    if sources is not None:
        results.append(("changed_files", *_time(lambda: library.changed_files([sources]), 3)))
    results.append(("facts rebuild", *_time(library.rebuild_facts, 1)))
    one = make_article(10**6, random.Random(99))

    def store_one() -> None:
        library._store(one, "synthetic", 0, 0)

    results.append(("facts: add one article", *_time(store_one, 1)))
    one.figures = one.figures[: len(one.figures) // 2]
    results.append(("facts: change one article", *_time(store_one, 1)))
    results.append(
        ("facts: remove one article", *_time(lambda: library.remove([one.source_path]), 1))
    )
    return results


def measure(n: int, runs: int = 20) -> list[tuple[str, float, float, float]]:
    """Build a library of ``n`` articles in a temporary directory and measure it."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        sources.mkdir()
        start, start_cpu = time.perf_counter(), time.process_time()
        library = build_library(Path(tmp) / "library.sqlite3", n, sources=sources)
        build = (
            "build (store, no cleaning)",
            time.perf_counter() - start,
            0.0,
            time.process_time() - start_cpu,
        )
        results = [build, *measure_library(library, sources, runs)]
        library.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, nargs="?", default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--library", type=Path, help="measure this built library instead")
    parser.add_argument("--sources", type=Path, help="its source folder (for changed_files)")
    args = parser.parse_args(argv)
    if args.library:
        from tui.store.library import Library

        with Library(args.library) as library:
            results = measure_library(library, args.sources, args.runs)
    else:
        results = measure(args.articles, args.runs)
    for name, median, p95, cpu in results:
        sys.stdout.write(
            f"{name:36} {median * 1000:9.1f} ms  p95 {p95 * 1000:9.1f} ms"
            f"  cpu {cpu * 1000:9.1f} ms\n"
        )
    peak = peak_rss_mb()
    if peak is not None:
        sys.stdout.write(f"{'peak RSS of this process':36} {peak:9.1f} MB\n")
    return 0


def peak_rss_mb() -> float | None:
    """The process's peak resident memory in MB (None where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS


if __name__ == "__main__":
    raise SystemExit(main())
