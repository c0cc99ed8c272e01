"""A synthetic library of clippings made from the bundled seeds, for the
benchmark and for tests that need many files.

Each article is a seed (chrome, spam lines and all) varied so that no two are
alike: other companies in place of the seed's, other numbers and dates, its
middle paragraphs shuffled and topped up with paragraphs of the other seeds to
about ``typical_chars`` characters, and about a third of the articles in the
other script. One article in ``long_every`` is a long report of about
``long_chars`` characters. The same arguments always give the same files.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tui.text import paths as app_paths

TYPICAL_CHARS = 7_000
LONG_CHARS = 200_000
LONG_EVERY = 100  # 1% of the articles are long reports

_NUMBER = re.compile(
    r"(?P<stamp>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)?)"
    r"|(?P<date>20\d\d(?P<sep>[-/.年])\d{1,2}(?:[-/.月]\d{1,2}日?)?)"
    r"|(?<![\d.])\d+(?:\.\d+)?(?![\d.])"
)
_HAN_NAME = re.compile(r"^[\u3400-\u9fff]{2,}$")


@dataclass(frozen=True)
class _Seed:
    head: list[str]  # the first paragraphs (title, chrome): kept in place
    middle: list[str]  # the paragraphs that are shuffled and topped up
    tail: list[str]  # the last paragraph (footer chrome, copyright): kept in place
    names: tuple[str, ...]  # company names that occur in the text, longest first
    traditional: bool  # written in Traditional characters


@lru_cache(maxsize=1)
def _company_names() -> tuple[tuple[str, ...], ...]:
    """Every company's Chinese names (canonical first), from the companies data file."""
    import yaml

    path = app_paths.data_file("companies.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = []
    for entry in data.get("companies", []):
        chinese = [n for n in [entry.get("name"), *entry.get("aliases", [])] if n]
        chinese = [n for n in chinese if _HAN_NAME.match(str(n))]
        if chinese:
            names.append(tuple(str(n) for n in chinese))
    return tuple(names)


def _paragraphs(text: str) -> list[str]:
    parts = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(parts) < 6:  # a seed without blank lines: its lines are the paragraphs
        parts = [p for p in text.split("\n") if p.strip()]
    return parts


@lru_cache(maxsize=1)
def _seeds() -> tuple[_Seed, ...]:
    all_names = sorted({n for names in _company_names() for n in names}, key=len, reverse=True)
    seeds = []
    for path in sorted(app_paths.seeds_dir().glob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        parts = _paragraphs(text)
        head_count = max(2, len(parts) // 8)
        head, middle, tail = parts[:head_count], parts[head_count:-1], parts[-1:]
        names = tuple(n for n in all_names if n in text)
        from tui.text.script import HANT, detect_script

        traditional = detect_script(text) == HANT
        seeds.append(_Seed(head, middle or head, tail, names, traditional))
    if not seeds:
        raise FileNotFoundError(f"no seeds in {app_paths.seeds_dir()}")
    return tuple(seeds)


def _vary_numbers(text: str, rng: random.Random) -> str:
    def number(match: re.Match[str]) -> str:
        value = match.group(0)
        year, month, day = rng.randint(2015, 2026), rng.randint(1, 12), rng.randint(1, 28)
        if match.group("stamp"):  # a front-matter time stamp stays a valid one
            return f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+08:00"
        if match.group("date"):
            if match.group("sep") == "年":
                return f"{year}年{month}月{day}日" if "日" in value else f"{year}年{month}月"
            sep = match.group("sep")
            return f"{year}{sep}{month:02d}{sep}{day:02d}"
        if "." in value:
            whole, frac = value.split(".", 1)
            return f"{rng.randint(0, max(9, int(whole) * 3))}.{rng.randint(0, 10 ** len(frac) - 1):0{len(frac)}d}"
        digits = len(value)
        after = match.string[match.end() : match.end() + 1]
        if after == "月":  # a month stays a month (去年8月, not 去年80月)
            return str(month)
        if after in "日号" and after:
            return str(day)
        if digits == 4 and value.startswith("20"):  # a year: keep it a plausible year
            return str(rng.randint(2015, 2026))
        low = 10 ** (digits - 1) if digits > 1 else 0
        return str(rng.randint(low, 10**digits - 1))

    return _NUMBER.sub(number, text)


@lru_cache(maxsize=1)
def _seed_names() -> tuple[tuple[str, ...], re.Pattern[str]]:
    # Longest first (the pattern must prefer 腾讯控股 to 腾讯), then by name: a set's
    # order depends on the hash seed, and the same arguments must give the same files.
    names = sorted({n for s in _seeds() for n in s.names}, key=lambda n: (-len(n), n))
    return tuple(names), re.compile("|".join(re.escape(n) for n in names) or "(?!)")


def _vary_companies(text: str, rng: random.Random) -> str:
    names, pattern = _seed_names()
    pool = _company_names()
    mapping = {name: rng.choice(pool)[0] for name in names}
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def article_text(
    index: int,
    *,
    seed: int = 0,
    typical_chars: int = TYPICAL_CHARS,
    long_chars: int = LONG_CHARS,
    long_every: int = LONG_EVERY,
) -> str:
    """The text of synthetic article ``index`` (the same every time)."""
    rng = random.Random(f"{seed}:{index}")
    seeds = _seeds()
    base = seeds[index % len(seeds)]
    target = long_chars if long_every and index % long_every == long_every - 1 else typical_chars
    middle = list(base.middle)
    rng.shuffle(middle)
    body = list(middle)
    size = sum(len(p) for p in base.head + body + base.tail)
    while size < target:
        other = rng.choice(seeds)
        paragraph = rng.choice(other.middle)
        body.insert(rng.randint(0, len(body)), paragraph)
        size += len(paragraph)
    while size > target * 1.3 and len(body) > 3:
        size -= len(body.pop(rng.randrange(len(body))))
    text = "\n\n".join(base.head + body + base.tail) + "\n"
    text = _vary_companies(text, rng)
    text = _vary_numbers(text, rng)
    text += f"\n编号 {seed}-{index}\n"  # every article differs, even two long reports
    if rng.random() < 0.35:
        from tui.text.script import to_simplified, to_traditional

        text = to_simplified(text) if base.traditional else to_traditional(text)
    return text


def iter_articles(count: int, **options: int) -> Iterator[tuple[str, str]]:
    """(file name, text) of ``count`` synthetic articles."""
    width = max(5, len(str(count)))
    for index in range(count):
        yield f"a{index:0{width}d}.txt", article_text(index, **options)


def write_library(directory: str | Path, count: int, **options: int) -> list[Path]:
    """Write ``count`` synthetic articles into ``directory`` (100 to a subfolder)."""
    root = Path(directory)
    written = []
    for index, (name, text) in enumerate(iter_articles(count, **options)):
        folder = root / f"d{index // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
