"""The full-text index answers exactly as the scan it replaced: same ids, same order,
for 1- to 4-character queries in either script, on the seeds and a generated library."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.ui_helpers import seed_library  # noqa: F401  (session fixture)
from tui.store.library import Library, pipeline_version
from tui.store.synthetic_articles import make_articles
from tui.text.models import Article
from tui.text.script import to_simplified, to_traditional


def reference_search(lib: Library, query: str) -> list[str]:
    """The search as it was before the index: instr on every text, counts in Python."""
    terms = [to_simplified(t).casefold() for t in query.split() if t.strip()]
    if not terms:
        return []
    scored = []
    for row in lib.list_rows():
        title, body = lib.get_simplified(row.id)
        text = (title + "\n" + body).casefold()
        if not all(t in text for t in terms):
            continue
        title_key = title.casefold()
        score = sum(10 * title_key.count(t) + text.count(t) for t in terms)
        scored.append((-score, row.id))
    return [article_id for _, article_id in sorted(scored)]


def sample_queries(lib: Library, rng: random.Random, count: int) -> list[str]:
    """Substrings of the stored texts, 1 to 4 characters, in the article's own script
    and converted to the other one, plus two-term queries."""
    articles = [lib.get_article(r.id) for r in lib.list_rows()]
    queries: list[str] = []
    for _ in range(count):
        article = rng.choice(articles)
        assert article is not None
        text = article.title + article.body
        length = rng.randint(1, 4)
        start = rng.randrange(0, max(1, len(text) - length))
        piece = text[start : start + length].strip()
        if not piece:
            continue
        queries.append(piece)
        queries.append(to_traditional(piece))
    queries += [f"{a} {b}" for a, b in zip(queries[::7], queries[3::7], strict=False)]
    return queries


FIXED = [
    "腾讯",
    "騰訊",
    "云",
    "雲",
    "AI",
    "ai",
    "%",
    "3%",
    "。",
    "2025",
    "亿元",
    "哈哈",
    "人工智能",
]


def _assert_same(lib: Library, queries: list[str]) -> None:
    for query in queries:
        assert lib.search(query) == reference_search(lib, query), query


def test_index_equals_scan_on_the_seeds(seed_library: Path, tmp_path: Path) -> None:  # noqa: F811
    import shutil

    path = tmp_path / "lib.sqlite3"
    shutil.copyfile(seed_library, path)
    with Library(path) as lib:
        assert len(lib.list_rows()) == 5
        queries = FIXED + sample_queries(lib, random.Random(1), 150)
        _assert_same(lib, queries)
        assert lib.search("腾讯") == lib.search("騰訊") != []


def test_index_equals_scan_on_a_generated_library(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        articles = list(make_articles(60, seed=7))
        # overlapping matches: the index counts 哈哈 twice in 哈哈哈, str.count once
        articles.append(
            Article(
                id="laugh",
                source_path="/laugh.md",
                title="哈哈哈 AAA",
                body="哈哈哈，腾讯。aaaa 3%% 雲",
            )
        )
        for article in articles:
            lib._store(article, pipeline_version(), 0, 0, refresh=False)
        queries = [*FIXED, "aa", "a", "哈哈 哈", *sample_queries(lib, random.Random(2), 200)]
        _assert_same(lib, queries)
        assert lib.search("哈哈")[0] == "laugh"


def test_search_within_ids_and_after_changes(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        articles = list(make_articles(10, seed=9))
        for article in articles:
            lib._store(article, "v", 0, 0)
        everything = lib.search("营收")
        assert everything
        some = set(everything[:3])
        assert lib.search("营收", ids=some) == [i for i in everything if i in some]
        changed = articles[0]
        changed.body = "一段全新的文字，只提到独一无二的词语。"
        changed.figures = []
        lib._store(changed, "v", 1, 1)
        assert lib.search("独一无二") == [changed.id]
        assert changed.id not in lib.search("营收") or "营收" in changed.title
        lib.remove([changed.source_path])
        assert lib.search("独一无二") == []
        assert lib.search("") == [] and lib.search("   ") == []


@pytest.mark.parametrize("query", ['"', "a OR b", "NEAR", "*", "-", "腾讯 -云", "(", "'"])
def test_query_syntax_characters_are_plain_text(tmp_path: Path, query: str) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib._store(
            Article(id="x", source_path="/x.md", title="t", body='a OR b "NEAR" * - ( \''),
            "v",
            0,
            0,
        )
        assert lib.search(query) == reference_search(lib, query)
