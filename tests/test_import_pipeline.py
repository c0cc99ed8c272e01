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


def test_results_are_stored_when_the_next_one_is_not_ready(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A result does not wait for the batch to fill when the workers are busy (None
    from ``clean_all``): the reader's list shows it now."""
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
        monkeypatch.setattr(library_mod, "BATCH_SECONDS", 60.0)
        report = lib.sync([corpus])
    assert report.added == 5
    assert stored_at_tick == [1, 2, 3, 4, 5]


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
