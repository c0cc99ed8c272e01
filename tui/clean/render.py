"""An Article rendered as Markdown with YAML front matter (``python -m tui clean``).

The output cleans back to the same article: the front matter carries the metadata
(title, date, site, author, tags, and summary when there is one) and the body is
the cleaned Markdown, which the cleaner leaves unchanged.
"""

from __future__ import annotations

from typing import Any

import yaml

from tui.text.models import Article


def front_matter(article: Article) -> dict[str, Any]:
    """The metadata written above the body."""
    front: dict[str, Any] = {"title": article.title}
    if article.title_derived:
        front["title_derived"] = True
    front |= {
        "date": article.date,
        "site": article.site,
        "author": article.author,
        "tags": list(article.tags),
    }
    if article.summary:
        front["summary"] = article.summary
    return front


def render_markdown(article: Article) -> str:
    """Markdown with YAML front matter; ends with a newline."""
    header = yaml.safe_dump(
        front_matter(article), allow_unicode=True, sort_keys=False, width=1_000_000
    )
    body = article.body.strip("\n")
    return f"---\n{header}---\n\n{body}\n"
