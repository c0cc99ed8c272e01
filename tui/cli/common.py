"""Helpers shared by the subcommands: default paths, error reporting, library access."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from tui.store.library import Library, SyncReport
from tui.text import paths as app_paths
from tui.text.models import Article


def resolve_paths(paths: Sequence[str] | None) -> list[str]:
    """The given paths, or the bundled seeds when none are given."""
    return list(paths) if paths else [str(app_paths.seeds_dir())]


def report_errors(report: SyncReport) -> int:
    """Print each bad file on stderr with its reason; exit status 1 if any failed."""
    for error in report.errors:
        print(f"jiedu: {error.path}: {error.reason}", file=sys.stderr)
    return 1 if report.errors else 0


def load_articles(paths: Sequence[str] | None, library: str | None) -> tuple[list[Article], int]:
    """Sync the paths into the library and return their articles and an exit status."""
    chosen = resolve_paths(paths)
    with Library(Path(library) if library else None) as lib:
        report = lib.sync(chosen)
        status = report_errors(report)
        wanted = set(report.article_ids)
        articles = [a for a in lib.all_articles() if a.id in wanted]
    return articles, status
