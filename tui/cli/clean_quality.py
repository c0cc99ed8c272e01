"""Quality of cleaning on hand-checked pages from sites the rules were not written for.

``python -m tui.cli.clean_quality [--fixtures DIR] [--json] [--verbose]`` cleans
every fixture page that has an expectation file beside it (``page.txt`` and
``page.yaml``) under ``tests/fixtures/unseen*`` and compares:

* the title (and whether it was derived from the opening clause, when no line of
  the page has the evidence of a title);
* the date, site and author, exactly (in the article's own script);
* ``keep``: snippets of article text that must be in the body (compared without
  whitespace, NFKC); ``exact``: snippets that must be there character for
  character; ``headings`` when given: the body's headings in order;
* ``drop``: snippets of chrome that must not be in the body; the title left as a
  body line counts as junk too.

A page is fully right when everything holds. It prints one row per folder and
the total: pages, fully right, wrong titles, pages with junk kept, pages with
text lost, and date/site/author accuracy. ``--verbose`` lists every problem.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_REPO_FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
_EXPECTED_SUFFIX = ".yaml"


def squash(text: str) -> str:
    """Text compared without whitespace, in NFKC (half-width punctuation)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class PageResult:
    """What one page got right and wrong."""

    name: str
    title_ok: bool = True
    date_ok: bool = True
    site_ok: bool = True
    author_ok: bool = True
    junk: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def fully_right(self) -> bool:
        return (
            self.title_ok
            and self.date_ok
            and self.site_ok
            and self.author_ok
            and not self.junk
            and not self.lost
        )


@dataclass
class Summary:
    """Counts over a set of pages."""

    pages: int = 0
    fully_right: int = 0
    wrong_titles: int = 0
    junk_kept: int = 0
    text_lost: int = 0
    date_ok: int = 0
    site_ok: int = 0
    author_ok: int = 0

    def add(self, page: PageResult) -> None:
        self.pages += 1
        self.fully_right += page.fully_right
        self.wrong_titles += not page.title_ok
        self.junk_kept += bool(page.junk)
        self.text_lost += bool(page.lost)
        self.date_ok += page.date_ok
        self.site_ok += page.site_ok
        self.author_ok += page.author_ok

    def share(self, count: int) -> float:
        return count / self.pages if self.pages else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "fully_right": self.fully_right,
            "fully_right_share": round(self.share(self.fully_right), 3),
            "wrong_titles": self.wrong_titles,
            "junk_kept": self.junk_kept,
            "text_lost": self.text_lost,
            "date_accuracy": round(self.share(self.date_ok), 3),
            "site_accuracy": round(self.share(self.site_ok), 3),
            "author_accuracy": round(self.share(self.author_ok), 3),
        }


def fixture_pages(root: Path) -> list[tuple[Path, Path]]:
    """(page, expectation) pairs in the ``unseen*`` folders under root."""
    pairs: list[tuple[Path, Path]] = []
    for folder in sorted(p for p in root.glob("unseen*") if p.is_dir()):
        for expected in sorted(folder.glob(f"*{_EXPECTED_SUFFIX}")):
            pages = [
                p
                for p in folder.glob(expected.stem + ".*")
                if p.suffix != _EXPECTED_SUFFIX and p.is_file()
            ]
            if len(pages) == 1:
                pairs.append((pages[0], expected))
    return pairs


def _headings(body: str) -> list[str]:
    return [re.sub(r"^#+\s*", "", line) for line in body.split("\n") if line.startswith("#")]


def score_page(name: str, article: Any, expected: dict[str, Any]) -> PageResult:
    """Compare a cleaned article with its expectation."""
    result = PageResult(name)
    body = article.body
    squashed = squash(body)
    derived = bool(expected.get("title_derived", False))
    if squash(article.title) != squash(str(expected["title"])) or (
        bool(getattr(article, "title_derived", False)) != derived
    ):
        result.title_ok = False
        result.problems.append(
            f"title {article.title!r} (derived={getattr(article, 'title_derived', False)}), "
            f"expected {expected['title']!r} (derived={derived})"
        )
    for key in ("date", "site", "author"):
        want = expected.get(key)
        got = getattr(article, key)
        if (str(want) if want is not None else None) != got:
            setattr(result, f"{key}_ok", False)
            result.problems.append(f"{key} {got!r}, expected {want!r}")
    for snippet in expected.get("keep") or []:
        if squash(str(snippet)) not in squashed:
            result.lost.append(str(snippet))
    for snippet in expected.get("exact") or []:
        if str(snippet) not in body:
            result.lost.append(str(snippet))
    for snippet in expected.get("drop") or []:
        if str(snippet) in body:
            result.junk.append(str(snippet))
    title_key = squash(article.title)
    if title_key and title_key in [squash(re.sub(r"^#+\s*", "", x)) for x in body.split("\n")]:
        result.junk.append(f"title line {article.title!r}")
    if "headings" in expected and _headings(body) != list(expected["headings"] or []):
        result.junk.append(f"headings {_headings(body)!r}")
    result.problems.extend(f"lost {s!r}" for s in result.lost)
    result.problems.extend(f"kept {s!r}" for s in result.junk)
    return result


def clean_page(path: Path) -> Any:
    from tui.clean.loading import read_document
    from tui.pipeline import clean_text

    document = read_document(path)
    return clean_text(
        document.text,
        source_path=document.path,
        encoding=document.encoding,
        is_html=document.is_html or None,
    )


def measure(root: Path) -> dict[str, list[PageResult]]:
    """Results per fixture folder."""
    results: dict[str, list[PageResult]] = {}
    for page, expected_path in fixture_pages(root):
        with expected_path.open(encoding="utf-8") as handle:
            expected = yaml.safe_load(handle) or {}
        article = clean_page(page)
        name = f"{page.parent.name}/{page.name}"
        results.setdefault(page.parent.name, []).append(score_page(name, article, expected))
    return results


def summarise(results: dict[str, list[PageResult]]) -> dict[str, Summary]:
    """A summary per folder and ``total``."""
    out: dict[str, Summary] = {}
    total = Summary()
    for folder, pages in results.items():
        summary = Summary()
        for page in pages:
            summary.add(page)
            total.add(page)
        out[folder] = summary
    out["total"] = total
    return out


def format_table(summaries: dict[str, Summary]) -> str:
    head = (
        f"{'fixtures':<10} {'pages':>5} {'fully right':>12} {'wrong title':>11} "
        f"{'junk kept':>9} {'text lost':>9} {'date':>6} {'site':>6} {'author':>6}"
    )
    rows = [head, "-" * len(head)]
    for name, s in summaries.items():
        rows.append(
            f"{name:<10} {s.pages:>5} {s.fully_right:>4} ({s.share(s.fully_right):.2f}) "
            f"{s.wrong_titles:>11} {s.junk_kept:>9} {s.text_lost:>9} "
            f"{s.share(s.date_ok):>6.2f} {s.share(s.site_ok):>6.2f} {s.share(s.author_ok):>6.2f}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tui.cli.clean_quality", description="Score cleaning on the fixture pages."
    )
    parser.add_argument("--fixtures", type=Path, default=_REPO_FIXTURES)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every problem")
    args = parser.parse_args(argv)
    results = measure(args.fixtures)
    summaries = summarise(results)
    if args.json:
        data = {name: s.to_dict() for name, s in summaries.items()}
        data["problems"] = {
            page.name: page.problems
            for pages in results.values()
            for page in pages
            if page.problems
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(format_table(summaries))
    if args.verbose:
        for pages in results.values():
            for page in pages:
                for problem in page.problems:
                    print(f"{page.name}: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
