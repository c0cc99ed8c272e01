"""The SQLite library of cleaned articles.

One file (by default in the user's data directory). Rows are keyed by source
path and content hash: unchanged files are not cleaned again, changed files
are, and a new cleaner version re-cleans. Each article is written whole in one
transaction (with the others cleaned at about the same moment) together with its
figures, its search index entries and the marks on the fact partitions it
touches, so a crash in the middle of an import leaves the previous library
usable and the facts consistent with the articles.

Opening is defensive (``tui.store.schema``): a bad path raises ``LibraryError``
with one line for the user, a newer library is refused, an older one migrated,
and a damaged file is moved aside and replaced by an empty library, with
``Library.notice`` saying so (the next sync rebuilds it from the sources). Damage
found later, on first use, is healed the same way. Any number of processes can
open, read and import the same library at once (busy timeout, WAL).

Reading (``list_rows``, ``get_article``, ``search``, ``query_figures``) never
imports the cleaner, jieba or opencc-heavy modules, so the reader can paint its
list at once; search and the figure query use indexes (``tui.store.search``,
``tui.store.figure_index``); facts are kept incrementally (``facts_store``).
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Any, ParamSpec, TypeVar

from tui.clean.loading import (
    SUPPORTED_SUFFIXES,
    LoadError,
    describe_error,
    iter_source_files,
    path_text,
)
from tui.store import figure_index
from tui.store import search as search_index
from tui.store import workers as _workers
from tui.store.figure_index import FigureRow
from tui.store.records import (
    LIST_SEPARATOR,
    ArticleRow,
    ChangeSet,
    SyncProgress,
    SyncReport,
    article_from_dict,
    join_list,
)
from tui.store.rows import StoredArticle, stored_article
from tui.store.schema import (
    SCHEMA_VERSION,
    LibraryError,
    damage_notice,
    is_damage,
    label_groups_current,
    label_groups_pending,
    open_database,
    set_aside,
)
from tui.store.workers import CleanJob as _CleanJob
from tui.store.workers import clean_all as _clean_all
from tui.text import paths as app_paths
from tui.text import versions
from tui.text.models import Article, FactGroup

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRow",
    "ChangeSet",
    "FigureRow",
    "Library",
    "LibraryError",
    "SyncProgress",
    "SyncReport",
]

# Above this many articles cleaned in one sync, facts are regrouped once at the end
# (one transaction) rather than with each article.
FACTS_INLINE_MAX = 8
# Cleaned articles are stored in one transaction for up to this long after the first
# of them (the reader's list, refreshed twice a second while a new library fills,
# still shows them as they come) and at most this many; only the first results of a
# sync are written as soon as no other is ready. Each commit writes the search
# indexes' new segments and the pages every article touches: one per article cost
# 3.2 ms of the parent's CPU per article more than about ten together (and the
# workers, at 30-50 articles a second, hand over one result at a time: writing each
# as soon as the next one was not ready made nearly every commit a single article).
BATCH_SECONDS = 0.5
BATCH_MAX = 50
CHECKPOINT_PAGES = 1000  # SQLite's default
SYNC_CHECKPOINT_PAGES = 10000


def prepare_import(path: str | Path | None = None) -> bool:
    """For a library that does not exist yet (a first start: every file needs
    cleaning), start the cleaning workers now, before the library is opened and
    the caller loads its UI, so they are ready when ``sync`` hands them the files
    (``workers.prestart``). Whether it did."""
    target = Path(path) if path else app_paths.default_library_path()
    return not target.exists() and _workers.prestart()


def pipeline_version() -> str:
    """What a stored article was made with: the cleaner's and the figure extractor's
    versions and a digest of the core's data files (aliases, lexicons, metric words),
    so that an edit to any of them re-cleans the library on the next sync."""
    import hashlib  # here: the reader opens a library without loading OpenSSL

    digest = hashlib.sha1()
    for path in sorted(app_paths.data_file("").glob("*.yaml")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return f"{versions.CLEANER_VERSION}+{versions.FIGURES_VERSION}+{digest.hexdigest()[:12]}"


def _facts_store() -> ModuleType:
    """``tui.store.facts_store``, imported on first use: it loads the facts grouping
    (``tui.figures.facts`` and its lexicons), which the reader's start never needs."""
    from tui.store import facts_store

    return facts_store


def _search_key(text: str) -> str:
    return search_index.search_key(text)


def _register_functions(conn: sqlite3.Connection) -> None:
    search_index.register(conn)
    figure_index.register(conn)


_P = ParamSpec("_P")
_R = TypeVar("_R")


class _Rewrite(Exception):
    """An article of a batch could not be written: the batch is rolled back and written
    again without it."""


def _healing(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a library method; on damage found on first use, heal and run it again."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            library = args[0]
            assert isinstance(library, Library)
            library._heal()
            return method(*args, **kwargs)

    return wrapper


def _walk(root: str, real: bool, out: list[tuple[str, str]], errors: list[LoadError]) -> None:
    """(path, resolved path) of the supported files under ``root`` (recursively, with
    os.scandir), unsorted. ``real``: ``root`` is already resolved, so a child's resolved
    path is its path unless it is a symbolic link (no per-file realpath)."""
    try:
        entries = list(os.scandir(root))
    except OSError as exc:
        errors.append(LoadError(root, f"{type(exc).__name__}: {exc.strerror or exc}"))
        return
    for entry in entries:
        try:
            if entry.is_dir():
                _walk(entry.path, real and not entry.is_symlink(), out, errors)
            elif entry.is_file() and os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES:
                resolved = entry.path if real and not entry.is_symlink() else None
                out.append((entry.path, resolved or os.path.realpath(entry.path)))
        except OSError as exc:
            errors.append(LoadError(entry.path, f"{type(exc).__name__}: {exc.strerror or exc}"))


class Library:
    """An SQLite library of cleaned articles; safe to share between threads.

    ``notice`` is a message for the user when opening had to repair something (a
    damaged library moved aside), else None.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        on_upgrade: Callable[[str], None] | None = None,
    ) -> None:
        """``on_upgrade`` is told, before it starts, of work done once when a library
        written by an older version is opened (seconds for a large library)."""
        self.path = Path(path) if path else app_paths.default_library_path()
        self._lock = threading.RLock()
        self._search_ids = search_index.IdMap()
        self._on_upgrade = on_upgrade
        self._conn, self.notice = open_database(self.path, _register_functions)
        try:
            self._finish_migration()
            self._finish_label_groups()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self._heal()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the file ---------------------------------------------------------

    def _heal(self) -> None:
        """Move the damaged file aside and start an empty library in its place."""
        with self._lock:
            with suppress(sqlite3.Error):
                self._conn.close()
            moved = set_aside(self.path)
            self._conn, _ = open_database(self.path, _register_functions)
            self.notice = damage_notice(self.path, moved)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (waits for other writers, up to the busy timeout)."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _finish_migration(self) -> None:
        """After a migration from version 1: index every stored article's figures and
        text from its JSON, and regroup the facts."""
        with self._lock:
            flag = self._conn.execute("SELECT 1 FROM meta WHERE key = 'needs_reindex'").fetchone()
        if flag is None:
            return
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM meta WHERE key = 'needs_reindex'").fetchone() is None:
                return
            self._upgrading("indexing the library for this version (once)")
            rows = conn.execute(
                "SELECT a.seq, a.title_simplified, b.body_simplified, b.data FROM articles a"
                " JOIN article_bodies b ON b.seq = a.seq"
            ).fetchall()
            from tui.text.script import simplified_key

            for seq, title_s, body_s, data in rows:
                article = article_from_dict(json.loads(data))
                search_index.index_article(conn, seq, title_s, body_s)
                conn.execute(
                    "UPDATE articles SET title_key = ? WHERE seq = ?",
                    (simplified_key(article.title), seq),
                )
                figure_index.add_figures(
                    conn, seq, article.figures, title_key=simplified_key(article.title)
                )
                conn.execute(
                    "UPDATE articles SET figure_count = ?, chars = ?, companies = ?, tags = ?,"
                    " title_key = ? WHERE seq = ?",
                    (
                        len(article.figures),
                        len(article.body),
                        join_list(article.companies),
                        join_list(article.tags),
                        simplified_key(article.title),
                        seq,
                    ),
                )
            _facts_store().rebuild(conn)
            conn.execute("DELETE FROM meta WHERE key = 'needs_reindex'")
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('facts', '1')")

    def _finish_label_groups(self) -> None:
        """Label conflicts stored as one group per pair of sides (before clusters) are
        regrouped once (``facts_store.relabel_all``: seconds at 10,000 articles)."""
        with self._lock:
            if label_groups_current(self._conn):
                return
        with self._write() as conn:
            if label_groups_pending(conn):  # (a new library only records the format)
                self._upgrading("regrouping the library's conflicting figures (once)")
                _facts_store().relabel_all(conn)

    def _upgrading(self, what: str) -> None:
        if self._on_upgrade is not None:
            self._on_upgrade(what)

    # -- import -----------------------------------------------------------

    @_healing
    def sync(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[SyncProgress], None] | None = None,
        *,
        workers: int | None = None,
    ) -> SyncReport:
        """Import new and changed files under ``paths``; report bad files, go on.

        Files are checked in order by their stat alone; those that need reading are
        read and cleaned in this process, or, when there are at least
        ``PARALLEL_MIN`` of them and more than one CPU, in a pool of ``workers``
        processes (default: the CPUs, at most ``MAX_WORKERS``), which read the files
        themselves. Cleaned articles are stored as they arrive: the first ones as soon
        as no other is ready, then those that arrive within ``BATCH_SECONDS`` of
        each other in one transaction (at most ``BATCH_MAX``), each one in it whole
        or not at all; progress is reported for
        a file once it is stored, so an interrupted sync keeps what it finished
        (what was cleaned but not yet stored is stored first). Facts are regrouped
        with each transaction, or once at the end of a large sync (all of them,
        in one streamed pass, when the sync at least doubles the library).
        """
        version = pipeline_version()

        report = SyncReport()
        with self._lock:
            # Checkpoint the write-ahead log every ~40 MB instead of ~4 MB while
            # importing: pages written again and again (the search indexes' merges,
            # the figure table's indexes) are copied to the database fewer times.
            self._conn.execute(f"PRAGMA wal_autocheckpoint = {SYNC_CHECKPOINT_PAGES}")
        try:
            return self._sync(paths, progress, workers, version, report)
        finally:
            with self._lock, suppress(sqlite3.Error):
                self._conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")

    def _sync(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[SyncProgress], None] | None,
        workers: int | None,
        version: str,
        report: SyncReport,
    ) -> SyncReport:
        items = list(iter_source_files(paths))
        total = len(items)
        done = 0

        def step(path: str) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(SyncProgress(done, total, path))

        with self._lock:
            stored = {
                r[0]: r
                for r in self._conn.execute(
                    "SELECT source_path, id, content_hash, cleaner_version, mtime_ns, size"
                    " FROM articles"
                )
            }
        jobs: list[_CleanJob] = []
        for item in items:
            if isinstance(item, LoadError):
                report.errors.append(item)
                step(item.path)
                continue
            try:
                outcome = self._check_file(item, version, stored)
            except Exception as exc:  # a bad file never stops the run
                if is_damage(exc):
                    raise
                report.errors.append(LoadError(path_text(item), describe_error(exc)))
                step(str(item))
                continue
            if isinstance(outcome, _CleanJob):
                jobs.append(outcome)
            else:
                report.unchanged += 1
                report.article_ids.append(outcome)
                step(str(item))
        # A sync that at least doubles the library regroups every fact at the end
        # (``facts_store.rebuild``, streamed) rather than each dirty partition with
        # a query of its own: 0.5 s against 0.85 s of CPU after 1,000 new articles,
        # while the cores are idle.
        regroup_all = len(jobs) >= len(stored)
        del stored
        if jobs and progress is not None:
            # What is left is known before the worker processes start (seconds on
            # a slow machine): say so now rather than after the first article.
            progress(SyncProgress(done, total, ""))
        inline_facts = len(jobs) <= FACTS_INLINE_MAX
        # Smallest first: the reader's list gets its first titles sooner, and a
        # 200,000-character report never holds it empty.
        jobs.sort(key=lambda job: job.size)
        if not jobs:
            _workers.discard_prestarted()
        pending: list[tuple[_CleanJob, Any]] = []
        started = 0.0
        written = False  # the first results are written as soon as the pool has no other

        def flush() -> None:
            taken = pending[:]
            pending.clear()
            self._store_results(taken, version, report, inline_facts)
            for job, _ in taken:
                step(job.path)

        # In the main thread a stop signal only asks to stop (workers.Stopped at the
        # next file), also while the last results are stored.
        with _workers.main_thread_cleaning():
            try:
                for item in self._clean_all(jobs, workers):
                    if item is None:  # no result ready: store what waits, if due
                        if pending and (not written or time.monotonic() - started >= BATCH_SECONDS):
                            written = True
                            flush()
                        continue
                    if not pending:
                        started = time.monotonic()
                    pending.append(item)
                    if len(pending) >= BATCH_MAX or time.monotonic() - started >= BATCH_SECONDS:
                        flush()
            except BaseException:
                if pending:  # cleaned before the stop: keep it
                    flush()
                raise
            if pending:
                flush()
        if regroup_all and not inline_facts:
            self._rebuild_dirty_facts()
        else:
            self._refresh_facts()
        return report

    def _check_file(
        self,
        path: Path,
        cleaner_version: str,
        stored: dict[str, sqlite3.Row] | None = None,
    ) -> str | _CleanJob:
        """The stored id when ``path`` is unchanged (same stat and pipeline), else the
        job that reads and cleans it (the job's content hash check tells a file whose
        date alone changed).

        ``stored``: the library's rows by source path, read once for the whole sync."""
        source = path_text(path.resolve())
        stat = path.stat()
        if stored is not None:
            row = stored.get(source)
        else:
            with self._lock:
                row = self._conn.execute(
                    "SELECT id, content_hash, cleaner_version, mtime_ns, size FROM articles"
                    " WHERE source_path = ?",
                    (source,),
                ).fetchone()
        current = row is not None and row["cleaner_version"] == cleaner_version
        if current and row["mtime_ns"] == stat.st_mtime_ns and row["size"] == stat.st_size:
            return str(row["id"])
        return _CleanJob(
            path=path_text(path),
            source=source,
            text=None,
            encoding="",
            is_html=False,
            content_hash="",
            mtime_ns=stat.st_mtime_ns,
            size=stat.st_size,
            is_new=row is None,
            file=os.fspath(path),
            known_hash=row["content_hash"] if current else None,
            rows=True,
        )

    @staticmethod
    def _clean_all(jobs: list[_CleanJob], workers: int | None) -> Iterator[Any]:
        """Clean every job, yielding results as they finish and None while none is
        ready (see ``tui.store.workers``). The results are ``StoredArticle`` rows,
        made where the files are cleaned: storing them needs no script converter
        here."""
        return _clean_all(jobs, workers, ticks=True)

    def _store_results(
        self,
        results: list[tuple[_CleanJob, Any]],
        version: str,
        report: SyncReport,
        refresh: bool,
    ) -> None:
        """Store cleaned files in one transaction and count them in ``report``; a
        file that failed, or whose article cannot be stored, is reported instead."""
        articles: list[tuple[_CleanJob, Article | StoredArticle]] = []
        unchanged: list[_CleanJob] = []
        for job, result in results:
            if isinstance(result, _workers.Unchanged):
                unchanged.append(job)
            elif isinstance(result, _workers.Unreadable):
                report.errors.append(LoadError(job.path, str(result)))
            elif isinstance(result, BaseException):
                report.errors.append(LoadError(job.path, f"{type(result).__name__}: {result}"))
            else:
                articles.append((job, result))
        if not articles and not unchanged:
            return
        failures = self._store_many(
            [(article, job.mtime_ns, job.size) for job, article in articles],
            version,
            refresh=refresh,
            touched=[(job.source, job.mtime_ns, job.size) for job in unchanged],
        )
        for (job, article), failure in zip(articles, failures, strict=True):
            if failure is not None:
                report.errors.append(LoadError(job.path, f"{type(failure).__name__}: {failure}"))
                continue
            report.article_ids.append(article.id)
            if job.is_new:
                report.added += 1
            else:
                report.updated += 1
        if unchanged:
            with self._lock:
                for job in unchanged:
                    row = self._conn.execute(
                        "SELECT id FROM articles WHERE source_path = ?", (job.source,)
                    ).fetchone()
                    if row is not None:
                        report.unchanged += 1
                        report.article_ids.append(str(row["id"]))

    def _store(
        self,
        article: Article,
        cleaner_version: str,
        mtime_ns: int,
        size: int,
        *,
        refresh: bool = True,
    ) -> None:
        """Write the article, its figures, its index entries and its fact marks in one
        transaction; regroup its fact partitions in it too unless ``refresh`` is off."""
        (failure,) = self._store_many([(article, mtime_ns, size)], cleaner_version, refresh=refresh)
        if failure is not None:
            raise failure

    def _store_many(
        self,
        articles: list[tuple[Article | StoredArticle, int, int]],
        cleaner_version: str,
        *,
        refresh: bool = True,
        touched: Iterable[tuple[str, int, int]] = (),
    ) -> list[Exception | None]:
        """Write (article, mtime_ns, size) triples in one transaction: per article, None
        or the exception that kept it out (the others are then written again without
        it: no savepoint per article, at which the search indexes would write their
        pending entries out). The fact partitions they touch are marked, and
        regrouped in the transaction unless ``refresh`` is off. ``touched``: (source
        path, mtime_ns, size) of stored files whose content is unchanged, their new
        stat recorded."""
        failures: list[Exception | None] = [None] * len(articles)
        updates = [(mtime_ns, size, source) for source, mtime_ns, size in touched]
        while True:
            try:
                with self._write() as conn:
                    conn.executemany(
                        "UPDATE articles SET mtime_ns = ?, size = ? WHERE source_path = ?",
                        updates,
                    )
                    keys: set[tuple[str, str, str]] = set()
                    for index, (article, mtime_ns, size) in enumerate(articles):
                        if failures[index] is not None:
                            continue
                        try:
                            if isinstance(article, Article):  # (cleaned in this process)
                                article = stored_article(article)
                            keys |= self._write_article(
                                conn, article, cleaner_version, mtime_ns, size
                            )
                        except Exception as exc:
                            if is_damage(exc):
                                raise
                            failures[index] = exc
                            raise _Rewrite from exc
                    if keys:
                        _facts_store().mark_dirty(conn, keys)
                    if refresh:
                        _facts_store().refresh(conn)
            except _Rewrite:
                continue
            return failures

    def _write_article(
        self,
        conn: sqlite3.Connection,
        article: StoredArticle,
        cleaner_version: str,
        mtime_ns: int,
        size: int,
    ) -> set[tuple[str, str, str]]:
        """Replace the article's rows and index entries (in the caller's transaction);
        the fact partitions its old and new figures touch."""
        values = (
            article.id,
            article.source_path,
            article.content_hash,
            cleaner_version,
            mtime_ns,
            size,
            article.title,
            article.title_simplified,
            article.title_key,
            article.site,
            article.date,
            article.author,
            article.script,
            article.companies,
            article.tags,
            article.figure_count,
            article.chars,
            time.time(),
        )
        touched = self._delete_rows(conn, article.source_path, article.id)
        cursor = conn.execute(
            "INSERT INTO articles (id, source_path, content_hash, cleaner_version,"
            " mtime_ns, size, title, title_simplified, title_key, site, date, author, script,"
            " companies, tags, figure_count, chars, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        seq = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO article_bodies (seq, body_simplified, data) VALUES (?, ?, ?)",
            (seq, article.body_simplified, article.data),
        )
        search_index.index_tokens(conn, seq, article.title_tokens, article.body_tokens)
        figure_index.write_figure_rows(conn, seq, article.figure_rows, article.figure_tokens)
        return touched | article.fact_keys

    @staticmethod
    def _delete_rows(
        conn: sqlite3.Connection, source_path: str, article_id: str
    ) -> set[tuple[str, str, str]]:
        """Delete an article's rows and index entries; the fact partitions they touched."""
        touched: set[tuple[str, str, str]] = set()
        rows = conn.execute(
            "SELECT seq FROM articles WHERE source_path = ? OR id = ?", (source_path, article_id)
        ).fetchall()
        for (seq,) in rows:
            touched |= figure_index.remove_figures(conn, seq)
            search_index.unindex_article(conn, seq)  # reads the rows: before deleting them
            conn.execute("DELETE FROM articles WHERE seq = ?", (seq,))
            conn.execute("DELETE FROM article_bodies WHERE seq = ?", (seq,))
        return touched

    @_healing
    def remove(self, source_paths: Iterable[str | Path]) -> int:
        """Forget the articles of these source files (the files are not touched); how many.

        Their figures leave the facts at once."""
        count = 0
        with self._write() as conn:
            touched: set[tuple[str, str, str]] = set()
            for path in source_paths:
                source = path_text(Path(path).resolve())
                row = conn.execute(
                    "SELECT id FROM articles WHERE source_path = ?", (source,)
                ).fetchone()
                if row is None:
                    continue
                touched |= self._delete_rows(conn, source, row[0])
                count += 1
            _facts_store().mark_dirty(conn, touched)
            _facts_store().refresh(conn)
        return count

    # -- re-check at start ----------------------------------------------------

    @_healing
    def changed_files(self, paths: Iterable[str | Path], version: str | None = None) -> ChangeSet:
        """Which files under ``paths`` a sync would read: one os.scandir walk, one query.

        A file is unchanged when its resolved path is stored with the same
        (mtime_ns, size) and ``version`` (default: the current pipeline version).
        ``missing`` lists stored articles under the paths whose file is gone.
        """
        if version is None:
            version = pipeline_version()
        changes = ChangeSet()
        files: list[tuple[str, str]] = []
        roots: list[str] = []
        for raw in paths:
            path = os.fspath(raw)
            if os.path.isdir(path):
                root = os.path.realpath(path)
                roots.append(root)
                found: list[tuple[str, str]] = []
                _walk(root, True, found, changes.errors)
                # report the paths under the name the caller gave
                files += [(os.path.join(path, os.path.relpath(p, root)), r) for p, r in found]
            elif os.path.isfile(path):
                files.append((path, os.path.realpath(path)))
            else:
                changes.errors.append(LoadError(path, "no such file or directory"))
        with self._lock:
            stored = {
                r[0]: (r[1], r[2], r[3], r[4])
                for r in self._conn.execute(
                    "SELECT source_path, mtime_ns, size, cleaner_version, id FROM articles"
                )
            }
        seen: set[str] = set()
        for path, source in sorted(files):
            try:
                info = os.stat(source)
            except OSError as exc:
                changes.errors.append(LoadError(path, f"{type(exc).__name__}: {exc.strerror}"))
                continue
            source = path_text(source)
            seen.add(source)
            row = stored.get(source)
            if row is None:
                changes.new.append(path)
            elif (row[0], row[1], row[2]) != (info.st_mtime_ns, info.st_size, version):
                changes.changed.append(path)
            else:
                changes.unchanged.append(row[3])
        prefixes = tuple(root.rstrip(os.sep) + os.sep for root in roots)
        changes.missing = sorted(
            source for source in stored if source.startswith(prefixes) and source not in seen
        )
        return changes

    # -- facts --------------------------------------------------------------

    def _refresh_facts(self) -> None:
        """Regroup the partitions marked dirty (a large sync, an interrupted one)."""
        with self._lock:
            if not _facts_store().has_dirty(self._conn):
                return
        with self._write() as conn:
            _facts_store().refresh(conn)

    def _rebuild_dirty_facts(self) -> None:
        """Regroup every partition if any is marked dirty (what ``_refresh_facts``
        would store, faster when most partitions are dirty)."""
        with self._lock:
            if not _facts_store().has_dirty(self._conn):
                return
        with self._write() as conn:
            _facts_store().rebuild(conn)

    @_healing
    def rebuild_facts(self) -> int:
        """Recompute every fact group from the figure table (one transaction); how many.

        The groups are not returned (``facts`` reads them): at 10,000 articles they hold
        every figure of the library, and a rebuild runs with as little in memory as it
        can."""
        with self._write() as conn:
            return _facts_store().rebuild(conn)

    @_healing
    def facts(self) -> list[FactGroup]:
        """Every fact group, in ``tui.figures.facts.fact_order``."""
        self._refresh_facts()
        with self._lock:
            return _facts_store().all_groups(self._conn)

    @_healing
    def fact_status_for(self, article_id: str) -> dict[tuple[int, int], str]:
        """(start, end) of each figure of the article that is in a fact group -> status."""
        self._refresh_facts()
        with self._lock:
            row = self._conn.execute(
                "SELECT seq FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                return {}
            return _facts_store().statuses_for_article(self._conn, row[0], article_id)

    # -- reading ------------------------------------------------------------

    @staticmethod
    def _selection(paths: Iterable[str | Path] | None) -> tuple[set[str], tuple[str, ...]] | None:
        """Files and directory prefixes named by ``paths`` (no walk of the tree)."""
        if paths is None:
            return None
        files: set[str] = set()
        prefixes: list[str] = []
        for raw in paths:
            path = path_text(os.path.realpath(os.fspath(raw)))
            if os.path.isdir(path):
                prefixes.append(path.rstrip(os.sep) + os.sep)
            else:
                files.add(path)
        return files, tuple(prefixes)

    @staticmethod
    def _wanted(source: str, selection: tuple[set[str], tuple[str, ...]] | None) -> bool:
        if selection is None:
            return True
        files, prefixes = selection
        return source in files or (bool(prefixes) and source.startswith(prefixes))

    _ROW_COLUMNS = (
        "id, source_path, title, title_simplified, site, date, author, companies, tags,"
        " script, figure_count, chars"
    )

    @staticmethod
    def _row(r: Any) -> ArticleRow:
        return ArticleRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7].split(LIST_SEPARATOR) if r[7] else [],
            r[8].split(LIST_SEPARATOR) if r[8] else [],
            r[9],
            r[10],
            r[11],
        )

    @_healing
    def list_rows(self) -> list[ArticleRow]:
        """Every article's light row, newest first, in one query (for lists and filters)."""
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = None  # plain tuples: faster for many rows
            rows = cursor.execute(
                f"SELECT {self._ROW_COLUMNS} FROM articles"
                " ORDER BY COALESCE(date, '') DESC, source_path"
            ).fetchall()
        row = self._row
        return [row(r) for r in rows]

    @_healing
    def first_rows(
        self, paths: Iterable[str | Path] | None, limit: int
    ) -> tuple[list[ArticleRow], int]:
        """The first ``limit`` rows of ``list_articles(paths)`` (read along the
        list's index, a few milliseconds at any size), and how many rows it has:
        what a reader paints first while it reads the rest."""
        selection = self._selection(paths)
        wanted = self._wanted
        first: list[ArticleRow] = []
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = None
            for r in cursor.execute(
                f"SELECT {self._ROW_COLUMNS} FROM articles"
                " ORDER BY COALESCE(date, '') DESC, source_path"
            ):
                if wanted(r[1], selection):
                    first.append(self._row(r))
                    if len(first) >= limit:
                        break
            cursor.close()
            if len(first) < limit:
                return first, len(first)
            total = self._count(selection)
        return first, total

    def _count(self, selection: tuple[set[str], tuple[str, ...]] | None) -> int:
        """How many rows ``_wanted`` keeps, counted on the index of source paths
        (a path under a directory sorts between it and the next directory name)."""
        if selection is None:
            return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        files, prefixes = selection
        terms = ["source_path = ?"] * len(files)
        params: list[str] = list(files)
        for prefix in prefixes:
            terms.append("(source_path >= ? AND source_path < ?)")
            params += [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
        if not terms:
            return 0
        query = f"SELECT count(*) FROM articles WHERE {' OR '.join(terms)}"
        return int(self._conn.execute(query, params).fetchone()[0])

    def list_articles(self, paths: Iterable[str | Path] | None = None) -> list[ArticleRow]:
        """Rows for the files under ``paths`` (all rows when None), newest first.

        Selection is by path (a directory selects what is stored under it); the
        tree is not walked."""
        selection = self._selection(paths)
        return [r for r in self.list_rows() if self._wanted(r.source_path, selection)]

    @_healing
    def get_article(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT b.data FROM articles a JOIN article_bodies b ON b.seq = a.seq"
                " WHERE a.id = ?",
                (article_id,),
            ).fetchone()
        return article_from_dict(json.loads(row["data"])) if row else None

    @_healing
    def all_articles(self, paths: Iterable[str | Path] | None = None) -> list[Article]:
        selection = self._selection(paths)
        with self._lock:
            rows = self._conn.execute(
                "SELECT a.source_path, b.data FROM articles a"
                " JOIN article_bodies b ON b.seq = a.seq ORDER BY a.source_path"
            ).fetchall()
        return [
            article_from_dict(json.loads(r["data"]))
            for r in rows
            if self._wanted(r["source_path"], selection)
        ]

    @_healing
    def get_simplified(self, article_id: str) -> tuple[str, str]:
        """(title, body) in Simplified script, as stored at import."""
        with self._lock:
            row = self._conn.execute(
                "SELECT a.title_simplified, b.body_simplified FROM articles a"
                " JOIN article_bodies b ON b.seq = a.seq WHERE a.id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row["title_simplified"], row["body_simplified"]

    @_healing
    def search(self, query: str, ids: Iterable[str] | None = None) -> list[str]:
        """Ids of articles whose title or body contain every term (either script), best
        first: ten points per occurrence in the title, one per occurrence anywhere."""
        with self._lock:
            return search_index.search(self._conn, query, ids, self._search_ids)

    @_healing
    def query_figures(self, words: str | list[str], limit: int | None = 500) -> list[FigureRow]:
        """Figures for which every word names their company (any alias, either script),
        metric, period (2025Q1, 2025年一季度), number as written or article title."""
        with self._lock:
            return figure_index.query_figures(self._conn, words, limit)

    @_healing
    def figure_rows(self, article_ids: Iterable[str] | None = None) -> list[FigureRow]:
        """Every figure (of the given articles), newest article first, in text order."""
        with self._lock:
            rows = self._conn.execute(
                'SELECT a.id, a.title, a.site, a.date, a.source_path, f.text, f.start, f."end",'
                " f.kind, f.value, f.value_max, f.unit, f.approx, f.change, f.metric,"
                " f.company, f.period, f.n, a.script FROM figures f"
                " JOIN articles a ON a.seq = f.article"
                " ORDER BY COALESCE(a.date, '') DESC, a.source_path, f.n"
            ).fetchall()
        wanted = set(article_ids) if article_ids is not None else None
        return [FigureRow(*r) for r in rows if wanted is None or r[0] in wanted]
