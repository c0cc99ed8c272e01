"""Opening the library defensively: damage is healed, bad paths and newer schemas refused,
older libraries migrated; the source files are never written."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from tui.store import schema
from tui.store.library import Library, LibraryError, pipeline_version
from tui.store.synthetic_articles import make_articles


def _fill(path: Path, n: int = 30) -> list[str]:
    with Library(path) as lib:
        for article in make_articles(n, seed=3):
            lib._store(article, pipeline_version(), 0, 0, refresh=False)
        lib.rebuild_facts()
        return [r.id for r in lib.list_rows()]


def _damaged_files(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".damaged-" in p.name)


def _assert_healed(path: Path) -> None:
    lib = Library(path)
    assert lib.notice is not None
    assert str(path) in lib.notice and "damaged" in lib.notice
    moved = _damaged_files(path)
    assert moved and str(moved[0]) in lib.notice
    assert lib.list_rows() == []
    assert lib.search("腾讯") == []
    assert lib.query_figures("腾讯") == []
    lib.close()
    again = Library(path)  # the new library is sound: no notice the second time
    assert again.notice is None
    again.close()


def test_text_file_as_library_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_text("这不是数据库\n" * 100, "utf-8")
    _assert_healed(path)
    assert _damaged_files(path)[0].read_text("utf-8").startswith("这不是数据库")


def test_truncated_library_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _fill(path)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 3)
    _assert_healed(path)


def test_overwritten_middle_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _fill(path)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(os.urandom(16384))
    _assert_healed(path)


def test_damage_found_on_first_use_is_healed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large library is not page-checked at open; the error at first use heals it."""
    path = tmp_path / "lib.sqlite3"
    _fill(path)
    monkeypatch.setattr(schema, "QUICK_CHECK_MAX_BYTES", 0)
    with sqlite3.connect(path) as conn:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'article_bodies'"
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    lib = Library(path)
    assert lib.notice is None  # not seen yet
    ids = [r.id for r in lib.list_rows()]
    assert ids
    assert lib.get_article(ids[0]) is None  # damage found, healed, the library empty
    assert lib.notice is not None and "damaged" in lib.notice
    assert lib.list_rows() == []
    lib.close()


def test_empty_file_is_a_new_library_silently(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(b"")
    lib = Library(path)
    assert lib.notice is None and lib.list_rows() == []
    assert not _damaged_files(path)
    lib.close()


@pytest.mark.parametrize("kind", ["directory", "device", "read-only file", "read-only dir"])
def test_bad_paths_give_one_line_errors(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if kind == "directory":
        path = tmp_path / "adir"
        path.mkdir()
    elif kind == "device":
        path = Path(os.devnull)
    elif kind == "read-only file":
        path = tmp_path / "lib.sqlite3"
        _fill(path, 2)
        path.chmod(0o444)
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        path = folder / "lib.sqlite3"
    if os.geteuid() == 0 and kind.startswith("read-only"):  # root may write anything:
        real_access = os.access  # deny what the mode bits deny, as for a user

        def access(target: object, mode: int) -> bool:
            bits = Path(str(target)).stat().st_mode
            if mode & os.W_OK and not bits & 0o200:
                return False
            return real_access(target, mode)  # type: ignore[arg-type]

        monkeypatch.setattr(schema.os, "access", access)
    with pytest.raises(LibraryError) as error:
        Library(path)
    message = str(error.value)
    assert "\n" not in message and str(path) in message
    if kind == "device":
        assert os.path.exists(os.devnull)


def test_newer_library_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    _fill(path, 2)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    with pytest.raises(LibraryError, match="newer jiedu"):
        Library(path)
    assert path.exists() and not _damaged_files(path)  # refused, never moved or changed


V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, source_path TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL,
    cleaner_version TEXT NOT NULL, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    title TEXT NOT NULL, title_simplified TEXT NOT NULL, site TEXT, date TEXT, author TEXT,
    script TEXT NOT NULL, companies TEXT NOT NULL, tags TEXT NOT NULL,
    body_simplified TEXT NOT NULL, search_text TEXT NOT NULL, data TEXT NOT NULL,
    imported_at REAL NOT NULL
);
CREATE TABLE facts (seq INTEGER PRIMARY KEY, data TEXT NOT NULL);
INSERT INTO meta VALUES ('schema', '1');
"""


def test_version_1_library_is_migrated(tmp_path: Path) -> None:
    from dataclasses import asdict

    from tui.text.script import to_simplified

    articles = list(make_articles(12, seed=5))
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SCHEMA)
        for a in articles:
            title_s, body_s = to_simplified(a.title), to_simplified(a.body)
            conn.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    a.id,
                    a.source_path,
                    a.content_hash,
                    "old",
                    1,
                    2,
                    a.title,
                    title_s,
                    a.site,
                    a.date,
                    a.author,
                    a.script,
                    json.dumps(a.companies, ensure_ascii=False),
                    json.dumps(a.tags, ensure_ascii=False),
                    body_s,
                    (title_s + "\n" + body_s).casefold(),
                    json.dumps(asdict(a), ensure_ascii=False),
                    0.0,
                ),
            )
    lib = Library(path)
    rows = {r.id: r for r in lib.list_rows()}
    assert set(rows) == {a.id for a in articles}
    first = articles[0]
    assert rows[first.id].companies == first.companies
    assert rows[first.id].figure_count == len(first.figures)
    assert lib.get_article(first.id) == first
    assert set(lib.search("资本开支")) == {a.id for a in articles if "资本开支" in a.body} | {
        a.id for a in articles if "資本開支" in a.body
    }
    assert len(lib.query_figures(first.figures[0].text)) >= 1
    incremental = lib.facts()
    assert lib.rebuild_facts() == len(incremental)
    assert lib.facts() == incremental
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    lib.close()


def test_opening_and_syncing_never_writes_sources(tmp_path: Path, seeds_dir: Path) -> None:
    def digest() -> dict[str, tuple[str, int]]:
        return {
            p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in seeds_dir.iterdir()
        }

    before = digest()
    path = tmp_path / "lib.sqlite3"
    path.write_text("garbage", "utf-8")
    with Library(path) as lib:
        assert lib.notice is not None
        lib.sync([seeds_dir])
        lib.changed_files([seeds_dir])
    assert digest() == before
