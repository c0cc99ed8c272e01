"""YAML front matter (``---`` blocks) at the top of a file.

The block must open the file: only a BOM and blank lines may precede the
opening ``---`` line, and it ends at the next ``---`` (or YAML's ``...``) line.
It is parsed with ``yaml.safe_load``; every key is kept. Dates and datetimes
become ISO strings and other non-JSON values plain ones, so the result can be
stored and exported as JSON.

Broken front matter (invalid YAML, or YAML that is not a mapping) is not
guessed at: the original text is returned unchanged with a warning saying why.
An opening ``---`` without a closing line is a Markdown rule, not front matter.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import yaml

_OPEN = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """Return (front matter, rest of text, warnings). Broken front matter is kept as text."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    start = _first_content_line(lines)
    if start is None or not _OPEN.fullmatch(lines[start].rstrip("\r\n")):
        return {}, text, []
    end = _closing_line(lines, start + 1)
    if end is None:
        return {}, text, []
    block = "".join(lines[start + 1 : end])
    rest = "".join(lines[end + 1 :])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        return {}, text, [f"front matter ignored: invalid YAML ({_describe(exc)})"]
    if data is None:
        return {}, rest, []
    if not isinstance(data, dict):
        kind = type(data).__name__
        return {}, text, [f"front matter ignored: YAML is a {kind}, not a mapping of keys"]
    return _jsonable_mapping(data), rest, []


def _first_content_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return None


def _closing_line(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if _CLOSE.fullmatch(lines[index].rstrip("\r\n")):
            return index
    return None


def _describe(exc: yaml.YAMLError) -> str:
    """A one-line reason with the line number inside the block."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return f"{problem} at front matter line {mark.line + 1}"
    return str(problem)


def _jsonable_mapping(data: dict[Any, Any]) -> dict[str, Any]:
    return {_key(key): _jsonable(value) for key, value in data.items()}


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    return str(_jsonable(key))


def _jsonable(value: Any) -> Any:
    """Dates to ISO strings, containers recursively, other odd scalars to strings."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return _jsonable_mapping(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(item) for item in value), key=str)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
