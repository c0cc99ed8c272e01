"""Time ``tui.pipeline.clean_text`` on a synthetic article set (``python -m tui.cli.bench_clean``).

The set is built from the bundled seeds and the unseen test fixtures: ``--articles``
documents of about ``--chars`` characters, each a different mix of paragraphs (with
the numbers varied), plus one long article of ``--long`` characters and one single
line of ``--line`` characters. Prints the per-article milliseconds (median, p95,
mean), articles per second on one core and the long-input timings. The first article
is timed separately: it pays for loading the dictionaries (``cold``).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

from tui.clean.loading import decode_bytes
from tui.text.markers import MARK_OPEN
from tui.text.paths import seeds_dir


def _paragraphs() -> list[str]:
    """Paragraphs of prose: the seeds and the unseen fixtures, cleaned (so the set is
    mostly clean text, as most clippings are), without damage markers or headings."""
    from tui.pipeline import clean_text

    roots = [seeds_dir(), Path(__file__).resolve().parents[2] / "tests" / "fixtures"]
    out: list[str] = []
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.suffix not in (".txt", ".md", ".html"):
                continue
            try:
                text, encoding = decode_bytes(path.read_bytes())
            except ValueError:
                continue
            body = clean_text(text, source_path=str(path), encoding=encoding).body
            for para in body.split("\n"):
                para = para.strip()
                if len(para) >= 40 and MARK_OPEN not in para and not para.startswith(_NOT_PROSE):
                    out.append(para)
    return out


_NOT_PROSE = ("#", "|", "!", "[", ">", "-", "*")


def build_articles(count: int, chars: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    paras = _paragraphs()
    articles: list[str] = []
    for number in range(count):
        title = rng.choice(paras)[:24].rstrip("，。,.")
        body: list[str] = [title, f"2025-0{1 + number % 9}-1{number % 10} 来源：测试网", ""]
        size = 0
        while size < chars:
            para = re.sub(r"\d+", lambda m: str(rng.randint(1, 999)), rng.choice(paras))
            body.append(para)
            body.append("")
            size += len(para)
        articles.append("\n".join(body))
    return articles


def _time(text: str, path: str) -> float:
    from tui.pipeline import clean_text

    start = time.perf_counter()
    clean_text(text, source_path=path)
    return time.perf_counter() - start


_COLD_ARTICLE = "腾讯发布第三季度财报\n\n腾讯第三季度营收同比增长15%，达到1,500亿元。\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--chars", type=int, default=7000)
    parser.add_argument("--long", type=int, default=200_000)
    parser.add_argument("--line", type=int, default=300_000)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    import tui.pipeline  # noqa: F401

    imported = time.perf_counter() - start
    cold = _time(_COLD_ARTICLE, "cold.txt")
    articles = build_articles(args.articles, args.chars)
    times = [_time(text, f"a{i}.txt") for i, text in enumerate(articles, 1)]
    times.sort()
    total_chars = sum(len(a) for a in articles)
    print(
        f"import tui.pipeline: {imported * 1000:.0f} ms; first (small) article: {cold * 1000:.0f} ms"
    )
    print(
        f"{len(times)} articles, {total_chars / max(1, len(times)):.0f} chars each: "
        f"median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {times[int(0.95 * (len(times) - 1))] * 1000:.1f} ms, "
        f"mean {statistics.fmean(times) * 1000:.1f} ms, "
        f"{len(times) / sum(times):.1f} articles/s on one core"
    )
    if args.long:
        text = "\n\n".join(build_articles(1, args.long, seed=11))
        print(f"{len(text)}-char article: {_time(text, 'long.txt'):.2f} s")
    if args.line:
        line = "".join(build_articles(1, args.line, seed=13)[0].split("\n"))
        print(f"{len(line)}-char single line: {_time(line, 'line.txt'):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
