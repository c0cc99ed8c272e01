"""Dataclasses shared by the whole core: Article, Figure, FactGroup and friends."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    """One quantitative claim found in an article's cleaned body."""

    text: str  # exact surface: body[start:end] == text
    start: int
    end: int
    kind: str  # money | percent | pp | count | multiple | number
    value: float
    value_max: float | None = None
    unit: str | None = None  # CNY, USD, HKD, %, pp, x, or the counted noun
    approx: str | None = None  # ">", "~", ">=", "<" or None
    change: str | None = None  # "yoy", "qoq" or None
    metric: str | None = None
    company: str | None = None
    period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Article:
    """A cleaned article with its metadata.

    ``body`` is Markdown in the article's own script, without the title and byline.
    """

    id: str
    source_path: str
    title: str
    body: str
    date: str | None = None  # YYYY-MM-DD
    site: str | None = None
    author: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    front_tags: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    company_mentions: dict[str, int] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    script: str = "hans"  # "hans" (Simplified) or "hant" (Traditional)
    encoding: str = "utf-8"
    front_matter: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""
    title_derived: bool = False  # no line was the title: the opening clause stands in

    def to_export(self) -> dict[str, Any]:
        """The fields promised by ``python -m tui export``."""
        return {
            "id": self.id,
            "source_path": self.source_path,
            "title": self.title,
            "date": self.date,
            "site": self.site,
            "author": self.author,
            "tags": list(self.tags),
            "companies": list(self.companies),
            "body": self.body,
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass
class FactMember:
    """One figure as a member of a fact group, with where it came from."""

    source_path: str
    title: str
    text: str
    value: float
    start: int
    end: int
    article_id: str = ""


@dataclass
class FactGroup:
    """Figures from one or more articles that state the same fact."""

    company: str | None
    metric: str | None
    period: str | None
    status: str  # "agree" | "conflict"
    members: list[FactMember] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
