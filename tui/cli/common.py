"""Helpers shared by the subcommands: default paths, the library, errors, progress.

Every problem the user can fix (a bad ``--library``, a missing path, a damaged
library set aside) is said in one line on stderr, ``jiedu: …``; long work shows
a progress bar on stderr when it is a terminal and nothing when it is piped.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tui.store import library as library_mod
from tui.store.library import Library, SyncReport
from tui.text import paths as app_paths
from tui.text.models import Article


class CliError(Exception):
    """A problem the user can fix, said in one line (without a traceback)."""


def say(message: str) -> None:
    """One line on stderr, ``jiedu: message`` (never fails, even on a closed terminal)."""
    with contextlib.suppress(OSError, ValueError):
        print(f"jiedu: {message}", file=sys.stderr, flush=True)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path for a message: names that are not valid UTF-8 show their bytes escaped."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def resolve_paths(paths: Sequence[str] | None) -> list[str]:
    """The given paths, or the bundled seeds when none are given."""
    return list(paths) if paths else [str(app_paths.seeds_dir())]


def require_paths(paths: Sequence[str]) -> None:
    """Fail with one line when none of ``paths`` exists (each missing one is named)."""
    missing = [p for p in paths if not os.path.lexists(p)]
    for path in missing:
        say(f"{display_path(path)}: no such file or directory")
    if missing and len(missing) == len(paths):
        raise CliError("nothing to read")


def check_library_path(path: str | None) -> Path | None:
    """``--library`` as a Path, or CliError saying in one line why it cannot be used."""
    if path is None:
        return None
    target = Path(path)
    label = f"--library {display_path(path)}"
    try:
        info = target.stat()
    except (FileNotFoundError, NotADirectoryError):
        parent = target.parent if str(target.parent) else Path(".")
        existing = parent
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if existing.exists() and not existing.is_dir():
            raise CliError(f"{label}: {display_path(existing)} is not a directory") from None
        if existing.exists() and not os.access(existing, os.W_OK | os.X_OK):
            raise CliError(
                f"{label}: cannot create the library: {display_path(existing)} is read-only"
            ) from None
        return target
    except OSError as exc:
        raise CliError(f"{label}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise CliError(f"{label}: is a directory (give a file name, e.g. {path}/library.sqlite3)")
    if not stat.S_ISREG(info.st_mode):
        raise CliError(f"{label}: is not a regular file")
    if not os.access(target, os.R_OK | os.W_OK):
        raise CliError(f"{label}: is read-only (the library must be writable)")
    parent = target.parent if str(target.parent) else Path(".")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CliError(
            f"{label}: its directory {display_path(parent)} is read-only "
            "(the library keeps a journal next to it)"
        )
    return target


def open_library(path: str | None) -> Library:
    """Open the library for a command; one-line CliError when it cannot be used."""
    import sqlite3

    target = check_library_path(path)
    library_error: type[BaseException] = getattr(library_mod, "LibraryError", CliError)
    try:
        library = Library(target, on_upgrade=lambda what: say(f"{what}…"))
    except library_error as exc:
        raise CliError(str(exc)) from None
    except sqlite3.Error as exc:
        where = display_path(target or app_paths.default_library_path())
        raise CliError(f"library {where}: {exc}") from None
    except OSError as exc:
        raise CliError(f"library: {exc.strerror or exc}") from None
    notice = getattr(library, "notice", None)
    if notice:
        say(str(notice))
    return library


def report_errors(report: SyncReport) -> int:
    """Print each bad or skipped file on stderr with its reason; exit status 1 if
    any failed (files passed over on purpose, such as images, do not count)."""
    failed = 0
    for error in report.errors:
        say(f"{display_path(error.path)}: {error.reason}")
        failed += not getattr(error, "skipped", False)
    return 1 if failed else 0


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A progress bar on stderr when it is a terminal: yields ``update(done, total, what)``.

    When stderr is piped or a file, ``update`` does nothing and nothing is printed.
    """
    if not stderr_is_terminal():
        yield lambda done, total, what: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    columns: list[Any] = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int, what: str) -> None:
            description = what or label
            progress.update(task, completed=done, total=total or None, description=description)

        yield update


def sync_with_progress(lib: Library, paths: Sequence[str], label: str = "importing") -> SyncReport:
    """``lib.sync(paths)`` with a progress bar on a terminal; the grouping of facts
    that follows the last file is named too."""
    with progress_bar(label) as update:

        def step(p: Any) -> None:
            what = "grouping facts" if p.total and p.done >= p.total else label
            update(p.done, p.total, what)

        return lib.sync(list(paths), step)


def load_articles(paths: Sequence[str] | None, library: str | None) -> tuple[list[Article], int]:
    """Sync the paths into the library and return their articles and an exit status."""
    chosen = resolve_paths(paths)
    require_paths(chosen)
    with open_library(library) as lib:
        report = sync_with_progress(lib, chosen)
        status = report_errors(report)
        wanted = set(report.article_ids)
        articles = [a for a in lib.all_articles() if a.id in wanted]
    return articles, status
