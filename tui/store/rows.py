"""A cleaned article as the library stores it: its rows, index tokens and fact keys.

``stored_article`` computes everything the library writes for an article that
does not depend on the library (the Simplified title and body, the title key, the
JSON, the search index's tokens, the figure rows with their index tokens, the fact
partitions the figures touch). An import computes it in the worker process that
cleaned the article and sends it instead of the article (plain strings and tuples,
quick to unpickle): the parent, which writes every article on the same cores as
the workers, then only writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.store import figure_index
from tui.store.records import article_to_json, join_list
from tui.store.search import search_tokens
from tui.text.models import Article


@dataclass(slots=True)
class StoredArticle:
    """What ``Library`` writes for one article (see ``stored_article``)."""

    id: str
    source_path: str
    content_hash: str
    title: str
    title_simplified: str
    title_key: str
    site: str | None
    date: str | None
    author: str | None
    script: str
    companies: str  # joined (``join_list``)
    tags: str
    figure_count: int
    chars: int
    body_simplified: str
    data: str  # the article as JSON
    title_tokens: str  # the search index's tokens
    body_tokens: str
    figure_rows: list[tuple[Any, ...]]  # ``figure_index.figure_rows``
    figure_tokens: list[str]
    fact_keys: set[tuple[str, str, str]]


def stored_article(article: Article) -> StoredArticle:
    """The rows, tokens and fact keys the library stores for ``article``."""
    from tui.text.script import simplified_key, to_simplified, to_simplified_after

    title_s = to_simplified(article.title)
    body_s = to_simplified_after(article.title, article.body)  # cached by the cleaner
    title_key = simplified_key(article.title)
    rows, tokens = figure_index.figure_rows(article.figures, title_key)
    return StoredArticle(
        id=article.id,
        source_path=article.source_path,
        content_hash=article.content_hash,
        title=article.title,
        title_simplified=title_s,
        title_key=title_key,
        site=article.site,
        date=article.date,
        author=article.author,
        script=article.script,
        companies=join_list(article.companies),
        tags=join_list(article.tags),
        figure_count=len(article.figures),
        chars=len(article.body),
        body_simplified=body_s,
        data=article_to_json(article),
        title_tokens=search_tokens(title_s),
        body_tokens=search_tokens(body_s),
        figure_rows=rows,
        figure_tokens=tokens,
        fact_keys=figure_index.fact_keys(article.figures),
    )
