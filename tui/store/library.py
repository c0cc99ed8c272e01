"""The SQLite library of cleaned articles.

One file (by default in the user's data directory). Rows are keyed by source
path and content hash: unchanged files are not cleaned again, changed files
are, and a new cleaner version re-cleans. Each file's write is its own
transaction and fact groups are replaced in one transaction, so a crash in
the middle of an import leaves the previous library usable.

Reading (``list_articles``, ``get_article``, ``search``) never imports the
cleaner, jieba or opencc, so the reader can paint its list at once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tui.clean.loading import LoadError, describe_error, iter_source_files, path_text, read_document
from tui.store.workers import CleanJob as _CleanJob
from tui.store.workers import clean_all as _clean_all
from tui.text import paths as app_paths
from tui.text.models import Article, FactGroup, FactMember, Figure

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    cleaner_version TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL,
    title_simplified TEXT NOT NULL,
    site TEXT,
    date TEXT,
    author TEXT,
    script TEXT NOT NULL,
    companies TEXT NOT NULL,
    tags TEXT NOT NULL,
    body_simplified TEXT NOT NULL,
    search_text TEXT NOT NULL,
    data TEXT NOT NULL,
    imported_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (seq INTEGER PRIMARY KEY, data TEXT NOT NULL);
"""


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


def article_to_json(article: Article) -> str:
    return json.dumps(asdict(article), ensure_ascii=False)


def article_from_dict(data: dict[str, Any]) -> Article:
    figures = [Figure(**f) for f in data.pop("figures", [])]
    return Article(**data, figures=figures)


def fact_group_from_dict(data: dict[str, Any]) -> FactGroup:
    members = [FactMember(**m) for m in data.pop("members", [])]
    return FactGroup(**data, members=members)


def pipeline_version() -> str:
    """What a stored article was made with: the cleaner's and the figure extractor's
    versions and a digest of the core's data files (aliases, lexicons, metric words),
    so that an edit to any of them re-cleans the library on the next sync."""
    from tui import pipeline as cleaner
    from tui.figures import extract as figures

    digest = hashlib.sha1()
    for path in sorted(app_paths.data_file("").glob("*.yaml")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return f"{cleaner.CLEANER_VERSION}+{figures.FIGURES_VERSION}+{digest.hexdigest()[:12]}"


def _search_key(text: str) -> str:
    return text.casefold()


class Library:
    """An SQLite library of cleaned articles; safe to share between threads."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else app_paths.default_library_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        self._conn.row_factory = sqlite3.Row
        with self._lock, self._conn:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.executescript(_SCHEMA)
            self._conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- import -----------------------------------------------------------

    def sync(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[SyncProgress], None] | None = None,
        *,
        workers: int | None = None,
    ) -> SyncReport:
        """Import new and changed files under ``paths``; report bad files, go on.

        Files are checked in order; those that need cleaning are cleaned in this
        process, or, when there are at least ``PARALLEL_MIN`` of them and more
        than one CPU, in a pool of ``workers`` processes (default: the CPUs, at
        most ``MAX_WORKERS``). Each article is stored in its own transaction as
        it arrives, so an interrupted sync keeps what it finished.
        """
        version = pipeline_version()

        report = SyncReport()
        items = list(iter_source_files(paths))
        total = len(items)
        done = 0

        def step(path: str) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(SyncProgress(done, total, path))

        jobs: list[_CleanJob] = []
        for item in items:
            if isinstance(item, LoadError):
                report.errors.append(item)
                step(item.path)
                continue
            try:
                outcome = self._check_file(item, version)
            except Exception as exc:  # a bad file never stops the run
                report.errors.append(LoadError(path_text(item), describe_error(exc)))
                step(str(item))
                continue
            if isinstance(outcome, _CleanJob):
                jobs.append(outcome)
            else:
                report.unchanged += 1
                report.article_ids.append(outcome)
                step(str(item))
        for job, result in self._clean_all(jobs, workers):
            if isinstance(result, BaseException):
                report.errors.append(LoadError(job.path, f"{type(result).__name__}: {result}"))
            else:
                try:
                    self._store(result, version, job.mtime_ns, job.size)
                except Exception as exc:
                    report.errors.append(LoadError(job.path, f"{type(exc).__name__}: {exc}"))
                else:
                    report.article_ids.append(result.id)
                    if job.is_new:
                        report.added += 1
                    else:
                        report.updated += 1
            step(job.path)
        if report.added or report.updated or not self._has_facts():
            self.rebuild_facts()
        return report

    def _check_file(self, path: Path, cleaner_version: str) -> str | _CleanJob:
        """The stored id when ``path`` is unchanged, else the job that cleans it."""
        source = path_text(path.resolve())
        stat = path.stat()
        with self._lock:
            row = self._conn.execute(
                "SELECT id, content_hash, cleaner_version, mtime_ns, size FROM articles"
                " WHERE source_path = ?",
                (source,),
            ).fetchone()
        if (
            row is not None
            and row["cleaner_version"] == cleaner_version
            and row["mtime_ns"] == stat.st_mtime_ns
            and row["size"] == stat.st_size
        ):
            return str(row["id"])
        doc = read_document(path)
        if (
            row is not None
            and row["cleaner_version"] == cleaner_version
            and row["content_hash"] == doc.content_hash
        ):
            with self._lock, self._conn:
                self._conn.execute(
                    "UPDATE articles SET mtime_ns = ?, size = ? WHERE id = ?",
                    (stat.st_mtime_ns, stat.st_size, row["id"]),
                )
            return str(row["id"])
        return _CleanJob(
            path=path_text(path),
            source=source,
            text=doc.text,
            encoding=doc.encoding,
            is_html=doc.is_html,
            content_hash=doc.content_hash,
            mtime_ns=stat.st_mtime_ns,
            size=stat.st_size,
            is_new=row is None,
        )

    @staticmethod
    def _clean_all(
        jobs: list[_CleanJob], workers: int | None
    ) -> Iterator[tuple[_CleanJob, Article | BaseException]]:
        """Clean every job, yielding results as they finish (see ``tui.store.workers``)."""
        return _clean_all(jobs, workers)

    def _store(self, article: Article, cleaner_version: str, mtime_ns: int, size: int) -> None:
        from tui.text.script import to_simplified

        title_s = to_simplified(article.title)
        body_s = to_simplified(article.body)
        values = (
            article.id,
            article.source_path,
            article.content_hash,
            cleaner_version,
            mtime_ns,
            size,
            article.title,
            title_s,
            article.site,
            article.date,
            article.author,
            article.script,
            json.dumps(article.companies, ensure_ascii=False),
            json.dumps(article.tags, ensure_ascii=False),
            body_s,
            _search_key(title_s + "\n" + body_s),
            article_to_json(article),
            time.time(),
        )
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM articles WHERE source_path = ?", (article.source_path,))
            self._conn.execute(
                "INSERT OR REPLACE INTO articles (id, source_path, content_hash, cleaner_version,"
                " mtime_ns, size, title, title_simplified, site, date, author, script, companies,"
                " tags, body_simplified, search_text, data, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )

    # -- facts --------------------------------------------------------------

    def _has_facts(self) -> bool:
        with self._lock:
            return (
                self._conn.execute("SELECT 1 FROM meta WHERE key = 'facts'").fetchone() is not None
            )

    def rebuild_facts(self) -> list[FactGroup]:
        """Recompute cross-article fact groups over the whole library."""
        try:
            from tui.figures.facts import group_facts
        except ImportError:
            groups: list[FactGroup] = []
        else:
            groups = group_facts(self.all_articles())
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM facts")
            self._conn.executemany(
                "INSERT INTO facts (seq, data) VALUES (?, ?)",
                [(i, json.dumps(asdict(g), ensure_ascii=False)) for i, g in enumerate(groups)],
            )
            self._conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('facts', '1')")
        return groups

    def facts(self) -> list[FactGroup]:
        with self._lock:
            rows = self._conn.execute("SELECT data FROM facts ORDER BY seq").fetchall()
        return [fact_group_from_dict(json.loads(r["data"])) for r in rows]

    def fact_status_for(self, article_id: str) -> dict[tuple[int, int], str]:
        """(start, end) of each figure of the article that is in a fact group -> status."""
        status: dict[tuple[int, int], str] = {}
        for group in self.facts():
            for member in group.members:
                if member.article_id == article_id:
                    key = (member.start, member.end)
                    if status.get(key) != "conflict":
                        status[key] = group.status
        return status

    # -- reading ------------------------------------------------------------

    @staticmethod
    def _selected(paths: Iterable[str | Path] | None) -> set[str] | None:
        if paths is None:
            return None
        return {path_text(p.resolve()) for p in iter_source_files(paths) if isinstance(p, Path)}

    def list_articles(self, paths: Iterable[str | Path] | None = None) -> list[ArticleRow]:
        """Rows for the files under ``paths`` (all rows when None), newest first."""
        wanted = self._selected(paths)
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, source_path, title, title_simplified, site, date, author, companies,"
                " tags, script FROM articles ORDER BY COALESCE(date, '') DESC, source_path"
            ).fetchall()
        return [
            ArticleRow(
                id=r["id"],
                source_path=r["source_path"],
                title=r["title"],
                title_simplified=r["title_simplified"],
                site=r["site"],
                date=r["date"],
                author=r["author"],
                companies=json.loads(r["companies"]),
                tags=json.loads(r["tags"]),
                script=r["script"],
            )
            for r in rows
            if wanted is None or r["source_path"] in wanted
        ]

    def get_article(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT data FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return article_from_dict(json.loads(row["data"])) if row else None

    def all_articles(self, paths: Iterable[str | Path] | None = None) -> list[Article]:
        wanted = self._selected(paths)
        with self._lock:
            rows = self._conn.execute(
                "SELECT source_path, data FROM articles ORDER BY source_path"
            ).fetchall()
        return [
            article_from_dict(json.loads(r["data"]))
            for r in rows
            if wanted is None or r["source_path"] in wanted
        ]

    def get_simplified(self, article_id: str) -> tuple[str, str]:
        """(title, body) in Simplified script, as stored at import."""
        with self._lock:
            row = self._conn.execute(
                "SELECT title_simplified, body_simplified FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row["title_simplified"], row["body_simplified"]

    def search(self, query: str, ids: Iterable[str] | None = None) -> list[str]:
        """Ids of articles whose title or body contain every term (either script)."""
        from tui.text.script import to_simplified

        terms = [_search_key(to_simplified(t)) for t in query.split() if t.strip()]
        if not terms:
            return []
        where = " AND ".join("instr(search_text, ?) > 0" for _ in terms)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT id, title_simplified, search_text FROM articles WHERE {where}", terms
            ).fetchall()
        allowed = set(ids) if ids is not None else None
        scored = []
        for r in rows:
            if allowed is not None and r["id"] not in allowed:
                continue
            title = _search_key(r["title_simplified"])
            score = sum(10 * title.count(t) + r["search_text"].count(t) for t in terms)
            scored.append((-score, r["id"]))
        return [article_id for _, article_id in sorted(scored)]
