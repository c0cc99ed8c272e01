"""The records the library stores and hands out: list rows, sync progress and
reports, what changed on disk, and articles and fact groups to and from JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tui.clean.loading import LoadError
from tui.text.models import Article, Figure

__all__ = [
    "LIST_SEPARATOR",
    "ArticleRow",
    "ChangeSet",
    "SyncProgress",
    "SyncReport",
    "article_from_dict",
    "article_to_json",
    "join_list",
    "split_list",
]


@dataclass
class SyncProgress:
    """Progress of a sync, sent after each file."""

    done: int
    total: int
    path: str


@dataclass
class SyncReport:
    """What a sync did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LoadError] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


@dataclass
class ArticleRow:
    """The light fields of an article, for lists and filters."""

    id: str
    source_path: str
    title: str
    title_simplified: str
    site: str | None
    date: str | None
    author: str | None
    companies: list[str]
    tags: list[str]
    script: str
    figure_count: int = 0
    chars: int = 0


@dataclass
class ChangeSet:
    """Files under some paths compared with the library by (mtime, size, version)."""

    new: list[str] = field(default_factory=list)  # files not in the library
    changed: list[str] = field(default_factory=list)  # stat or pipeline version differ
    unchanged: list[str] = field(default_factory=list)  # ids of up-to-date articles
    missing: list[str] = field(default_factory=list)  # stored source paths now gone
    errors: list[LoadError] = field(default_factory=list)

    @property
    def to_read(self) -> list[str]:
        """The files a sync has to read (new and changed)."""
        return self.new + self.changed


LIST_SEPARATOR = "\x1f"


def join_list(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


def split_list(text: str) -> list[str]:
    return text.split(LIST_SEPARATOR) if text else []


def article_to_json(article: Article) -> str:
    """The article as JSON (what ``asdict`` gives, without its deep copies)."""
    data = dict(vars(article))
    data["figures"] = [vars(f) for f in article.figures]
    return _ENCODER.encode(data)


# json.dumps(data, ensure_ascii=False) without a new encoder per article or a check for
# cycles in each figure (the data is plain): the same text.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def article_from_dict(data: dict[str, Any]) -> Article:
    figures = [Figure(**f) for f in data.pop("figures", [])]
    return Article(**data, figures=figures)
