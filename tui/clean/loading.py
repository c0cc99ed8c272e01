"""Finding and reading clippings (.txt, .md, .markdown, .html, .htm).

``iter_source_files`` walks files and directories with ``os.scandir`` (any
depth, no recursion) and yields every file to read, sorted by name within each
directory, or a ``LoadError`` for every entry it does not read, with the
reason: a missing path, a dangling symbolic link, a link loop, an unreadable
file or directory, a file over the size limit, something that is not a regular
file, a type it does not read, a second link to a file already read. Nothing
is skipped without a word.

File names need not be valid UTF-8: they are kept as the operating system's
bytes (``os.fsdecode`` with surrogate escapes, so the file opens), and
``path_text`` gives the printable, storable form with the odd bytes escaped
(``\\xff``).

The size limit is ``MAX_FILE_BYTES`` (20 MB by default; the environment
variable ``JIEDU_MAX_FILE_MB`` changes it, 0 turns it off).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.clean.decoding import DecodeError, decode_bytes

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_FILE_MB = 20
MAX_FILE_ENV = "JIEDU_MAX_FILE_MB"


class EmptyDocument(DecodeError):
    """A file with no text at all (empty, or only whitespace): nothing to read."""


class TooLarge(OSError):
    """A file over the size limit."""


@dataclass
class LoadError:
    """A file or directory that was not read, with the reason.

    ``skipped`` marks entries passed over on purpose (a type jiedu does not
    read, a second link to the same file): they are reported, not failures.
    """

    path: str
    reason: str
    skipped: bool = False


@dataclass
class RawDocument:
    """A file's decoded text, before cleaning."""

    path: str
    text: str
    encoding: str
    content_hash: str
    is_html: bool


def path_text(path: str | os.PathLike[str] | bytes) -> str:
    """A path as valid text: bytes that are not UTF-8 are shown escaped (``\\xff``)."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def max_file_bytes() -> int | None:
    """The size limit in bytes (None: no limit), from ``JIEDU_MAX_FILE_MB``."""
    value = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(value) if value else DEFAULT_MAX_FILE_MB
    except ValueError:
        megabytes = DEFAULT_MAX_FILE_MB
    return int(megabytes * 1024 * 1024) if megabytes > 0 else None


def describe_error(exc: BaseException) -> str:
    """A short reason for a file that could not be read."""
    if isinstance(exc, (TooLarge, DecodeError)):
        return str(exc)
    if isinstance(exc, OSError):
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "permission denied (unreadable)"
        if exc.errno == errno.ENOENT:
            return "no such file or directory"
        if exc.errno == errno.EISDIR:
            return "is a directory"
        return (exc.strerror or str(exc)).lower()
    return f"{type(exc).__name__}: {exc}"


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_large(size: int, limit: int | None) -> str | None:
    if limit is not None and size > limit:
        return (
            f"too large: {_size_text(size)} is over the limit of {_size_text(limit)}"
            f" (set {MAX_FILE_ENV} to change it)"
        )
    return None


def _link_problem(path: str) -> str:
    """Why a path whose ``stat`` failed cannot be followed."""
    try:
        target = os.readlink(path)
    except OSError:
        return "no such file or directory"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"symbolic link loop (-> {path_text(target)})"
        if exc.errno == errno.ENOENT:
            return f"dangling symbolic link (-> {path_text(target)} does not exist)"
        return f"symbolic link -> {path_text(target)}: {describe_error(exc)}"
    return "no such file or directory"


class _Walk:
    """One walk: remembers the directories and files seen (loops, duplicates)."""

    def __init__(self) -> None:
        self.limit = max_file_bytes()
        self.dirs: set[tuple[int, int]] = set()
        self.files: dict[tuple[int, int], str] = {}

    def file(self, path: str, info: os.stat_result, *, named: bool) -> Path | LoadError:
        shown = path_text(path)
        if not stat.S_ISREG(info.st_mode):
            return LoadError(shown, "not a regular file (a device, pipe or socket)")
        if not named and not path.lower().endswith(SUPPORTED_SUFFIXES):
            suffix = os.path.splitext(path)[1] or "no extension"
            return LoadError(
                shown,
                f"skipped: {suffix} is not a type jiedu reads ({' '.join(SUPPORTED_SUFFIXES)})",
                skipped=True,
            )
        key = (info.st_dev, info.st_ino)
        first = self.files.get(key)
        if first is not None:
            return LoadError(shown, f"skipped: the same file as {first}", skipped=True)
        self.files[key] = shown
        problem = _too_large(info.st_size, self.limit)
        if problem:
            return LoadError(shown, problem)
        if not os.access(path, os.R_OK):
            return LoadError(shown, "permission denied (unreadable)")
        return Path(path)

    def tree(self, top: str, info: os.stat_result) -> Iterator[Path | LoadError]:
        stack: list[tuple[str, os.stat_result]] = [(top, info)]
        while stack:
            directory, dir_info = stack.pop()
            key = (dir_info.st_dev, dir_info.st_ino)
            if key in self.dirs:
                yield LoadError(
                    path_text(directory), "symbolic link loop (a directory seen before)"
                )
                continue
            self.dirs.add(key)
            try:
                with os.scandir(directory) as scan:
                    entries = sorted(scan, key=lambda e: os.fsencode(e.name))
            except OSError as exc:
                yield LoadError(
                    path_text(directory), f"cannot list directory: {describe_error(exc)}"
                )
                continue
            subdirs: list[tuple[str, os.stat_result]] = []
            for entry in entries:
                try:
                    entry_info = entry.stat()  # follows links
                except OSError as exc:
                    if entry.is_symlink():
                        yield LoadError(path_text(entry.path), _link_problem(entry.path))
                    else:
                        yield LoadError(path_text(entry.path), describe_error(exc))
                    continue
                if stat.S_ISDIR(entry_info.st_mode):
                    subdirs.append((entry.path, entry_info))
                else:
                    yield self.file(entry.path, entry_info, named=False)
            stack.extend(reversed(subdirs))  # visit subdirectories in name order


def iter_source_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | LoadError]:
    """Every file to read under ``paths`` (files and directories, any depth), or a
    ``LoadError`` for each entry that is not read and why.

    A file named directly is read whatever its extension; inside directories only
    the supported extensions are, and the other files are reported as skipped.
    """
    walk = _Walk()
    for raw in paths:
        path = os.fsdecode(raw)
        try:
            info = os.stat(path)
        except OSError as exc:
            if os.path.islink(path):
                yield LoadError(path_text(path), _link_problem(path))
            else:
                yield LoadError(path_text(path), describe_error(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walk.tree(path, info)
        else:
            yield walk.file(path, info, named=True)


def _read_bytes(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _sha256(data: bytes) -> str:
    import hashlib  # here: reading a library does not load OpenSSL

    return hashlib.sha256(data).hexdigest()


def read_document(path: Path) -> RawDocument:
    """Read and decode one file. Never writes to it.

    Raises OSError (TooLarge over the size limit), DecodeError, or
    EmptyDocument (a DecodeError) for a file without text.
    """
    limit = max_file_bytes()
    data = _read_bytes(path)
    problem = _too_large(len(data), limit)
    if problem:
        raise TooLarge(problem)
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise EmptyDocument("empty file: no text to read")
    return RawDocument(
        path=path_text(path),
        text=text,
        encoding=encoding,
        content_hash=_sha256(data),
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
            yield LoadError(path_text(item), describe_error(exc))
