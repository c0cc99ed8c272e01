"""How a sync moves files through the import: the parent checks files by their stat
and hands out paths (the workers read them), cleaned articles that arrive together
are stored in one transaction, each file's progress is reported once it is stored,
a stop keeps what was cleaned, and a file whose date alone changed is not cleaned
again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tui.store import library as library_mod
from tui.store import workers
from tui.store.library import Library, pipeline_version
from tui.store.workers import CleanJob, clean_job


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(seeds_dir, root)
    return root


def _cleaned(lib: Library, corpus: Path) -> list[tuple[CleanJob, Any]]:
    """(job, article) for every file of the corpus, cleaned here, smallest first."""
    version = pipeline_version()
    jobs = [lib._check_file(path, version, {}) for path in sorted(corpus.iterdir())]
    assert all(isinstance(job, CleanJob) for job in jobs)
    jobs.sort(key=lambda job: job.size)
    return [(job, clean_job(job)) for job in jobs]


def _count_transactions(lib: Library, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    opened: list[int] = []
    real = lib._write

    def counted() -> Any:
        opened.append(1)
        return real()

    monkeypatch.setattr(lib, "_write", counted)
    return opened


def _stored_ids(path: Path) -> set[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM articles")}


def test_the_parent_hands_out_paths_not_texts(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and decoding every new file in the parent before the first job was
    submitted kept the workers idle for seconds at 10,000 files: the workers read."""
    handed: list[CleanJob] = []
    real_submit = workers._submit

    def submit(pools: list[Any], jobs: list[CleanJob], count: int) -> Any:
        handed.extend(jobs)
        return real_submit(pools, jobs, count)

    monkeypatch.setattr(workers, "_submit", submit)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    (corpus / "broken.txt").write_bytes(b"\x00binary\x00" * 50)
    with Library(tmp_path / "lib.sqlite3") as lib:
        report = lib.sync([corpus], workers=2)
    assert len(handed) == 6
    assert all(job.text is None and job.file for job in handed)
    assert report.added == 5
    assert [(Path(e.path).name, e.reason) for e in report.errors] == [
        ("broken.txt", "binary data: contains NUL bytes")
    ]


def test_articles_arriving_together_share_a_transaction(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One commit per article cost the parent a third of its storing time (the search
    indexes write new segments at each): results that come together are stored
    together, and each file's progress is reported once it is stored (the reader
    reloads its list on progress)."""
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        results = _cleaned(lib, corpus)

        def clean_all(jobs: list[CleanJob], count: int | None) -> Iterator[Any]:
            assert [j.path for j in jobs] == [j.path for j, _ in results]
            yield from results  # all ready at once: no wait between them

        monkeypatch.setattr(lib, "_clean_all", clean_all)
        monkeypatch.setattr(library_mod, "BATCH_SECONDS", 60.0)
        opened = _count_transactions(lib, monkeypatch)
        visible: list[bool] = []

        def progress(p: library_mod.SyncProgress) -> None:
            if p.path:
                article = next(a for j, a in results if j.path == p.path)
                visible.append(article.id in _stored_ids(path))

        report = lib.sync([corpus], progress)
    assert report.added == 5 and not report.errors
    assert len(opened) == 1
    assert visible == [True] * 5


@pytest.mark.parametrize(
    ("batch_seconds", "expected"), [(60.0, [1, 1, 1, 1, 1]), (0.0, [1, 2, 3, 4, 5])]
)
def test_the_first_result_is_stored_when_the_next_one_is_not_ready(
    tmp_path: Path,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    batch_seconds: float,
    expected: list[int],
) -> None:
    """The first result of a sync does not wait for a batch when the workers are busy
    (None from ``clean_all``): the reader's list shows it now. The next ones wait
    for others to share their commit until ``BATCH_SECONDS`` after the first of
    them: the workers hand over one result at a time, and writing each as soon as
    the next was not ready made nearly every commit one article."""
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        results = _cleaned(lib, corpus)
        stored_at_tick: list[int] = []

        def clean_all(jobs: list[CleanJob], count: int | None) -> Iterator[Any]:
            for item in results:
                yield item
                yield None
                stored_at_tick.append(len(_stored_ids(path)))

        monkeypatch.setattr(lib, "_clean_all", clean_all)
        monkeypatch.setattr(library_mod, "BATCH_SECONDS", batch_seconds)
        report = lib.sync([corpus])
    assert report.added == 5
    assert stored_at_tick == expected
    assert _stored_ids(path) == {article.id for _, article in results}


def test_an_article_that_cannot_be_stored_leaves_the_rest_of_its_batch(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        results = _cleaned(lib, corpus)
        monkeypatch.setattr(lib, "_clean_all", lambda jobs, count: iter(results))
        monkeypatch.setattr(library_mod, "BATCH_SECONDS", 60.0)
        bad = results[1][1].id
        real = Library._write_article

        def write(self: Library, conn: Any, article: Any, *args: Any) -> Any:
            touched = real(self, conn, article, *args)
            if article.id == bad:  # after its rows are written: they must go
                raise ValueError("cannot store this one")
            return touched

        monkeypatch.setattr(Library, "_write_article", write)
        report = lib.sync([corpus])
        figures = {row.article_id for row in lib.figure_rows()}
        hits = lib.search(results[1][1].title[:4])
    assert report.added == 4
    assert [(e.path, e.reason) for e in report.errors] == [
        (results[1][0].path, "ValueError: cannot store this one")
    ]
    assert _stored_ids(path) == {a.id for _, a in results} - {bad}
    assert bad not in figures and bad not in hits


def test_a_stop_keeps_what_was_cleaned(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (``workers.Stopped`` at the next file) while cleaned articles wait to be
    stored together: they are stored before the sync ends."""
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        results = _cleaned(lib, corpus)

        def clean_all(jobs: list[CleanJob], count: int | None) -> Iterator[Any]:
            yield from results[:3]
            raise workers.Stopped("stopped")

        monkeypatch.setattr(lib, "_clean_all", clean_all)
        monkeypatch.setattr(library_mod, "BATCH_SECONDS", 60.0)
        with pytest.raises(workers.Stopped):
            lib.sync([corpus])
    assert _stored_ids(path) == {a.id for _, a in results[:3]}


def test_a_file_whose_date_alone_changed_is_not_cleaned_again(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its content hash, checked where the file is read, is the stored one: the new
    stat is recorded and the next sync does not read it at all."""
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.sync([corpus])
        target = sorted(corpus.iterdir())[2]
        later = time.time_ns() + 10**9
        os.utime(target, ns=(later, later))
        assert lib.changed_files([corpus]).changed == [str(target)]

        def no_cleaning(*args: object, **kwargs: object) -> None:
            raise AssertionError("cleaned again")

        monkeypatch.setattr("tui.pipeline.clean_text", no_cleaning)
        report = lib.sync([corpus])
        assert (report.added, report.updated, report.unchanged) == (0, 0, 5)
        assert not report.errors and len(set(report.article_ids)) == 5
        assert lib.changed_files([corpus]).to_read == []


def test_keys_converted_together_are_the_keys_one_by_one() -> None:
    from tui.store.figure_index import figure_key, figure_keys
    from tui.text.models import Figure

    def figure(text: str, metric: str | None = None, company: str | None = None) -> Figure:
        return Figure(text, 0, len(text), "money", 1.0, metric=metric, company=company)

    figures = [
        figure("營收為1,800億元", "營業收入", "騰訊"),
        figure("ＡＢＣ 12%"),  # NFKC and case folding
        figure("蘋果公司 iPhone 銷量", "銷量", "蘋果"),
        figure("", None, None),
        figure("含\x1e分隔符", "指標", "公司"),  # the separator itself: one by one
    ]
    for chosen in (figures, figures[:4], figures[:1], []):
        assert figure_keys(chosen) == [figure_key(f) for f in chosen]


def _contents(path: Path) -> list[Any]:
    """The library's articles, bodies, figures, index texts and fact groups, in a
    canonical order (by article id; no sequence numbers or import times)."""
    from tui.store.library import _register_functions

    conn = sqlite3.connect(path)
    _register_functions(conn)
    try:
        for index in ("article_fts", "figure_fts"):  # the tokens are the content's
            conn.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
        ids = dict(conn.execute("SELECT seq, id FROM articles"))
        tables: list[Any] = [
            sorted(
                (ids[r[0]], *r[1:])
                for r in conn.execute(
                    "SELECT a.seq, a.source_path, a.content_hash, a.title, a.title_simplified,"
                    " a.title_key, a.site, a.date, a.author, a.script, a.companies, a.tags,"
                    " a.figure_count, a.chars, b.body_simplified, b.data, t.title, t.body"
                    " FROM articles a JOIN article_bodies b ON b.seq = a.seq"
                    " JOIN article_text t ON t.rowid = a.seq"
                )
            ),
            sorted(
                (ids[r[0]], *r[1:])
                for r in conn.execute(
                    'SELECT f.article, f.n, f.start, f."end", f.text, f.kind, f.value,'
                    " f.value_max, f.unit, f.approx, f.change, f.metric, f.company, f.period,"
                    " f.search, t.search FROM figures f JOIN figure_text t ON t.rowid = f.fid"
                )
            ),
            sorted(
                conn.execute("SELECT company, period, metric, label, sort, data FROM fact_groups")
            ),
        ]
    finally:
        conn.close()
    return tables


def test_workers_send_the_rows_the_library_stores(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker sends an article as the library stores it (``StoredArticle``: the
    Simplified text, JSON, index tokens, figure rows and fact keys made where it was
    cleaned), and the library holds what storing the ``Article`` itself gives."""
    from tui.pipeline import clean_text
    from tui.store.rows import StoredArticle

    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    monkeypatch.setattr(library_mod, "FACTS_INLINE_MAX", 0)
    results: list[Any] = []
    real = Library._store_results

    def store_results(self: Library, taken: list[Any], *args: Any) -> None:
        results.extend(result for _, result in taken)
        real(self, taken, *args)

    monkeypatch.setattr(Library, "_store_results", store_results)
    synced = tmp_path / "synced.sqlite3"
    with Library(synced) as lib:
        report = lib.sync([corpus], workers=2)
    assert report.added == 5 and not report.errors
    assert len(results) == 5 and all(isinstance(r, StoredArticle) for r in results)
    stored = tmp_path / "stored.sqlite3"
    with Library(stored) as lib:
        for path in sorted(corpus.iterdir(), key=lambda p: p.stat().st_size):
            source = str(path.resolve())
            article = clean_text(path.read_text(encoding="utf-8"), source_path=source)
            job = next(r for r in results if r.source_path == source)
            article.content_hash = job.content_hash
            lib._store(article, pipeline_version(), 0, 0)
    assert _contents(synced) == _contents(stored)


def test_a_sync_that_doubles_the_library_regroups_every_fact_once(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most partitions are dirty after a sync into an empty library: every fact is
    regrouped in one streamed pass (``facts_store.rebuild``), not partition by
    partition; a sync that adds less than the library holds regroups its dirty
    partitions. The groups are the same."""
    from tui.store import facts_store

    monkeypatch.setattr(library_mod, "FACTS_INLINE_MAX", 0)
    calls: list[str] = []
    for name in ("rebuild", "refresh"):
        real = getattr(facts_store, name)

        def counted(conn: sqlite3.Connection, real: Any = real, name: str = name) -> Any:
            calls.append(name)
            return real(conn)

        monkeypatch.setattr(facts_store, name, counted)
    files = sorted(corpus.iterdir())
    later = tmp_path / "later"
    later.mkdir()
    shutil.move(str(files[-1]), later / files[-1].name)
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        lib.sync([corpus])
        assert calls == ["rebuild"]
        first = lib.facts()
        lib.sync([later])
        assert calls == ["rebuild", "refresh"]
        grown = lib.facts()
        lib.rebuild_facts()
        assert lib.facts() == grown
    assert first and len(grown) >= len(first)
