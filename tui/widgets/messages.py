"""Domain messages the reader's widgets post; the screen reacts to these, never
to raw ``OptionList``/``Input`` events, and no widget calls another."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ArticleChosen(Message):
    """The list moved to an article (``open``: enter was pressed, read it now)."""

    article_id: str | None
    open: bool = False


@dataclass
class ReadOn(Message):
    """Page the article without leaving the list (space / b): ``pages`` 1 or -1."""

    pages: int


@dataclass
class FigureChosen(Message):
    """A figure was chosen (enter in the figures panel): show it in the article."""

    index: int


@dataclass
class FigureSelected(Message):
    """The article view selected a figure (n / N): the figures panel follows."""

    index: int


@dataclass
class FigureCopy(Message):
    """Copy this figure with its citation (y in the figures panel)."""

    index: int


@dataclass
class QueryChanged(Message):
    """The search box's text changed."""

    query: str


@dataclass
class QuerySubmitted(Message):
    """enter in the search box: open the first result."""

    query: str


@dataclass
class FilterChanged(Message):
    """A company or tag was chosen (again: removed) in a picker."""

    kind: str  # "companies" or "tags"
    name: str


@dataclass
class PlaceMoved(Message):
    """The article's top line moved (for saving the reading place)."""

    top: int
