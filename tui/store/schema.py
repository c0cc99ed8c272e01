"""The library file: opening it safely, its schema, its version and migrations.

``open_database(path)`` returns a connection in autocommit mode (transactions are
begun explicitly with ``BEGIN IMMEDIATE``), a busy timeout, WAL journaling and the
current schema, and a notice when something had to be done about the file:

* a path that cannot hold a library (a directory, a device such as /dev/null, a
  file or directory without write permission) raises ``LibraryError`` with a
  one-line message;
* a library written by a newer jiedu (``PRAGMA user_version`` above
  ``SCHEMA_VERSION``) raises ``LibraryError`` rather than being misread;
* an older library is migrated in one transaction;
* a damaged file (not a database, truncated, a page overwritten) is renamed aside
  with its ``-wal``/``-shm`` files and a timestamp, a new empty library is created
  and the notice says so and where the old file went; an empty file is simply a new
  library. Damage found later, on first use, is healed the same way by the library.

Schema version 1 (jiedu before the indexed library) kept each article's figures
only in its JSON and searched the bodies with ``instr``; version 2 (briefly) had
the figure table, the full-text indexes and incremental fact groups with the
bodies in the article rows; version 3 keeps bodies in their own table (light
list rows), a title key for the figure query and each figure's position. Both
migrate by copying the article rows and rebuilding the rest from each article's
stored JSON. Version 4 adds an index of figures by (company, value) for the
label conflicts kept per value band; a version-3 library gets it on opening (and
its label conflicts move into bands the first time each company is touched).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path

SCHEMA_VERSION = 4  # 4: figures indexed by (company, value), for label bands
BUSY_TIMEOUT_S = 30.0
WAL_RETRY_S = 30.0
QUICK_CHECK_MAX_BYTES = 16 * 1024 * 1024  # larger files are checked on first use
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "file is encrypted")


class LibraryError(Exception):
    """A library that cannot be used; ``str(error)`` is one line for the user."""


def is_damage(exc: BaseException) -> bool:
    """The SQLite error says the file is damaged (not merely locked or busy)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    message = str(exc).lower()
    return any(word in message for word in _DAMAGE_WORDS)


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    cleaner_version TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL,
    title_simplified TEXT NOT NULL,
    title_key TEXT NOT NULL DEFAULT '',  -- simplified_key(title), for the figure query
    site TEXT,
    date TEXT,
    author TEXT,
    script TEXT NOT NULL,
    companies TEXT NOT NULL,
    tags TEXT NOT NULL,
    figure_count INTEGER NOT NULL DEFAULT 0,
    chars INTEGER NOT NULL DEFAULT 0,
    imported_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_order ON articles(COALESCE(date, '') DESC, source_path);
CREATE TABLE IF NOT EXISTS article_bodies (
    seq INTEGER PRIMARY KEY,
    body_simplified TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE VIEW IF NOT EXISTS article_text AS
    SELECT a.seq AS rowid, search_tokens(a.title_simplified) AS title,
           search_tokens(b.body_simplified) AS body
    FROM articles a JOIN article_bodies b ON b.seq = a.seq;
CREATE VIRTUAL TABLE IF NOT EXISTS article_fts
    USING fts4(content="article_text", title, body, tokenize=simple);
CREATE TABLE IF NOT EXISTS figures (
    fid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    value REAL NOT NULL,
    value_max REAL,
    unit TEXT,
    approx TEXT,
    change TEXT,
    metric TEXT,
    company TEXT,
    period TEXT,
    search TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article);
CREATE INDEX IF NOT EXISTS figures_company ON figures(company, period, metric);
CREATE INDEX IF NOT EXISTS figures_metric ON figures(metric);
CREATE INDEX IF NOT EXISTS figures_company_value ON figures(company, value);
CREATE INDEX IF NOT EXISTS figures_period ON figures(period);
CREATE VIEW IF NOT EXISTS figure_text AS
    SELECT f.fid AS rowid, figure_tokens(f.search, a.title_key, f.period, f.company) AS search
    FROM figures f JOIN articles a ON a.seq = f.article;
CREATE VIRTUAL TABLE IF NOT EXISTS figure_fts
    USING fts4(content="figure_text", search, tokenize=simple);
CREATE TABLE IF NOT EXISTS fact_groups (
    gid INTEGER PRIMARY KEY,
    company TEXT NOT NULL,
    period TEXT NOT NULL,
    metric TEXT NOT NULL,
    label INTEGER NOT NULL,
    sort TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS fact_groups_key ON fact_groups(company, period, label, metric);
CREATE INDEX IF NOT EXISTS fact_groups_sort ON fact_groups(label, sort);
CREATE TABLE IF NOT EXISTS fact_dirty (
    company TEXT NOT NULL, metric TEXT NOT NULL, period TEXT NOT NULL,
    PRIMARY KEY (company, metric, period)
) WITHOUT ROWID;
"""


def _check_path(path: Path) -> None:
    """Raise ``LibraryError`` when the path cannot hold a library."""
    if path.exists() or path.is_symlink():
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise LibraryError(f"library {path}: cannot be read ({exc.strerror})") from None
        if stat.S_ISDIR(mode):
            raise LibraryError(f"library {path}: is a directory, not a library file")
        if not stat.S_ISREG(mode):
            raise LibraryError(f"library {path}: is not a regular file")
        if not os.access(path, os.R_OK | os.W_OK):
            raise LibraryError(f"library {path}: is read-only (jiedu needs to write it)")
        return
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"library {path}: cannot create its directory ({exc.strerror})"
        ) from None
    if not parent.is_dir():
        raise LibraryError(f"library {path}: {parent} is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise LibraryError(f"library {path}: directory {parent} is read-only")


def _connect(path: Path, functions: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S, isolation_level=None
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    functions(conn)
    return conn


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while another process holds a lock (its busy handler
    is not always consulted for the journal-mode change)."""
    deadline = time.monotonic() + WAL_RETRY_S
    delay = 0.01
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            mode = None
        if mode is not None and str(mode).lower() == "wal":
            return
        if time.monotonic() > deadline:
            raise LibraryError("library is locked by another process (could not switch to WAL)")
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _damaged_now(conn: sqlite3.Connection, path: Path) -> bool:
    """Read the header and schema, and check every page of a small file."""
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        return not rows or str(rows[0][0]) != "ok"
    return False


def set_aside(path: Path) -> Path:
    """Rename a damaged library and its -wal/-shm files aside; the new name of the file."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    for suffix in ("-wal", "-shm"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            os.replace(extra, Path(str(target) + suffix))
    if path.exists():
        os.replace(path, target)
    return target


def damage_notice(path: Path, moved: Path) -> str:
    return (
        f"The library {path} was damaged; it was moved to {moved} and a new one is"
        " being built from the source files."
    )


def open_database(
    path: Path, functions: Callable[[sqlite3.Connection], None]
) -> tuple[sqlite3.Connection, str | None]:
    """The connection to a usable library at ``path`` and a notice for the user, if any."""
    _check_path(path)
    notice: str | None = None
    for attempt in range(2):
        conn = _connect(path, functions)
        try:
            if _damaged_now(conn, path):
                raise sqlite3.DatabaseError("database disk image is malformed (quick_check)")
            _set_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; no fsync per commit
            ensure_schema(conn)
            return conn, notice
        except sqlite3.DatabaseError as exc:
            conn.close()
            if attempt or not is_damage(exc):
                if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
                    raise LibraryError(f"library {path}: is read-only ({exc})") from None
                if attempt:
                    raise LibraryError(f"library {path}: cannot be used ({exc})") from None
                raise
            notice = damage_notice(path, set_aside(path))
        except BaseException:
            conn.close()
            raise
    raise AssertionError("unreachable")


# -- versions and migrations ---------------------------------------------------------


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def stored_version(conn: sqlite3.Connection) -> int:
    """The schema version of the file: 0 for a new file, 1 for libraries before versions."""
    version = _user_version(conn)
    if version:
        return version
    tables = _tables(conn)
    if "articles" in tables:
        return 1
    return 0


def newer_library_message(version: int) -> str:
    return (
        f"this library was written by a newer jiedu (schema {version}; this jiedu reads"
        f" up to {SCHEMA_VERSION}): upgrade jiedu or use another --library"
    )


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create or migrate the schema in one write transaction (other processes wait)."""
    version = stored_version(conn)
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise LibraryError(newer_library_message(version))
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = stored_version(conn)  # another process may have done it meanwhile
        if version > SCHEMA_VERSION:
            raise LibraryError(newer_library_message(version))
        if version in (1, 2):
            conn.execute("ALTER TABLE articles RENAME TO articles_v1")
            for name in ("article_text", "figure_text"):
                conn.execute(f"DROP VIEW IF EXISTS {name}")
            for name in ("facts", "article_fts", "figure_fts", "figures", "fact_groups"):
                conn.execute(f"DROP TABLE IF EXISTS {name}")
            conn.execute("DROP TABLE IF EXISTS fact_dirty")
        if version < SCHEMA_VERSION:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            if version in (1, 2):
                _copy_v1_articles(conn)
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _copy_v1_articles(conn: sqlite3.Connection) -> None:
    """Version 1 or 2 to 3: the same rows, bodies in their own table; the lists, figures,
    search index and facts are rebuilt by the library (``needs_reindex`` in meta)
    from each article's stored JSON."""
    conn.execute(
        "INSERT INTO articles (seq, id, source_path, content_hash, cleaner_version, mtime_ns,"
        " size, title, title_simplified, site, date, author, script, companies, tags,"
        " imported_at)"
        " SELECT rowid, id, source_path, content_hash, cleaner_version, mtime_ns, size, title,"
        " title_simplified, site, date, author, script, companies, tags, imported_at"
        " FROM articles_v1"
    )
    conn.execute(
        "INSERT INTO article_bodies (seq, body_simplified, data)"
        " SELECT rowid, body_simplified, data FROM articles_v1"
    )
    conn.execute("DROP TABLE articles_v1")
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('needs_reindex', '1')")


# How label conflicts are stored (meta key ``label_groups``): one group per cluster of
# agreeing values. Libraries without it hold a group per pair of sides, replaced by
# ``facts_store.relabel_all`` when the library is opened. Here, not in ``facts_store``:
# opening a library checks it without loading the facts grouping.
LABEL_GROUPS = "clusters"


def label_groups_current(conn: sqlite3.Connection) -> bool:
    """Whether the library's label conflicts are stored as ``LABEL_GROUPS`` says."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'label_groups'").fetchone()
    return row is not None and row[0] == LABEL_GROUPS


def mark_label_groups(conn: sqlite3.Connection) -> None:
    """Record that the label conflicts are stored as ``LABEL_GROUPS`` says."""
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('label_groups', ?)", (LABEL_GROUPS,)
    )


def label_groups_pending(conn: sqlite3.Connection) -> bool:
    """Whether the stored label conflicts are in an older format and the facts must be
    rebuilt (inside a write transaction): a library with none only records the format."""
    if label_groups_current(conn):
        return False
    if conn.execute("SELECT 1 FROM fact_groups WHERE label = 1 LIMIT 1").fetchone() is None:
        mark_label_groups(conn)
        return False
    return True
