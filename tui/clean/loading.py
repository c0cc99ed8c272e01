"""Reading files and directories of clippings (.txt, .md, .html, .htm)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.clean.decoding import DecodeError, decode_bytes

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class EmptyDocument(DecodeError):
    """A file with no text at all (empty, or only whitespace): nothing to read."""


@dataclass
class LoadError:
    """A file that could not be read, with the reason."""

    path: str
    reason: str


@dataclass
class RawDocument:
    """A file's decoded text, before cleaning."""

    path: str
    text: str
    encoding: str
    content_hash: str
    is_html: bool


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[Path | LoadError]:
    """Expand files and directories (recursively) into supported files, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield LoadError(str(path), "no such file or directory")


def read_document(path: Path) -> RawDocument:
    """Read and decode one file. Never writes to it.

    Raises OSError, DecodeError, or EmptyDocument (a DecodeError) for a file
    without text.
    """
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise EmptyDocument("empty file: no text to read")
    return RawDocument(
        path=str(path),
        text=text,
        encoding=encoding,
        content_hash=hashlib.sha256(data).hexdigest(),
        is_html=path.suffix.lower() in (".html", ".htm"),
    )


def load(paths: Iterable[str | Path]) -> Iterator[RawDocument | LoadError]:
    for item in iter_source_files(paths):
        if isinstance(item, LoadError):
            yield item
            continue
        try:
            yield read_document(item)
        except (OSError, DecodeError) as exc:
            yield LoadError(str(item), f"{type(exc).__name__}: {exc}")
