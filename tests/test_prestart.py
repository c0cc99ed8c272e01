"""A new library's cleaning worker starts before the reader loads Textual
(``tui.store.library.prepare_import`` / ``tui.store.workers.prestart``): the next
sync cleans in that warm worker whatever the number of files, with the same
articles as cleaning in process, and a pool nobody uses is stopped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.store import workers
from tui.store.library import Library, prepare_import
from tui.store.workers import CleanJob

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def _no_pool_left() -> Iterator[None]:
    workers.discard_prestarted()
    yield
    workers.discard_prestarted()


def _prestarted() -> object:
    return workers._prestarted


def test_prepare_import_only_for_a_library_that_does_not_exist(tmp_path: Path) -> None:
    existing = tmp_path / "old.sqlite3"
    Library(existing).close()
    assert prepare_import(existing) is False
    assert _prestarted() is None
    assert prepare_import(tmp_path / "new.sqlite3") is True
    assert _prestarted() is not None
    workers.discard_prestarted()
    assert _prestarted() is None


def test_warm_up_cleans_the_sample() -> None:
    assert workers.warm_up() > 0  # the sample has figures: the figure tables load too


def test_sync_cleans_few_files_in_the_prestarted_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library(tmp_path / "here.sqlite3") as here:
        here.sync([SEEDS])
        expected = {a.id: a.to_export() for a in here.all_articles()}

    def no_cleaning_here(jobs: list[CleanJob]) -> Iterator[tuple[CleanJob, object]]:
        raise AssertionError("cleaned in process, not in the prestarted worker")

    library_path = tmp_path / "new.sqlite3"
    assert prepare_import(library_path)
    monkeypatch.setattr(workers, "_clean_here", no_cleaning_here)
    with Library(library_path) as library:
        report = library.sync([SEEDS])
        assert report.added == len(expected) and not report.errors
        got = {a.id: a.to_export() for a in library.all_articles()}
    assert got == expected
    assert _prestarted() is None  # used once, then shut down


def test_sync_with_nothing_to_clean_stops_the_prestarted_pool(tmp_path: Path) -> None:
    assert prepare_import(tmp_path / "new.sqlite3")
    empty = tmp_path / "empty"
    empty.mkdir()
    with Library(tmp_path / "new.sqlite3") as library:
        library.sync([empty])
    assert _prestarted() is None


class _FakePool:
    def __init__(self) -> None:
        self.jobs: list[str] = []

    def submit(self, fn: object, job: CleanJob) -> object:
        self.jobs.append(job.path)
        return object()


def _job(name: str) -> CleanJob:
    return CleanJob(name, name, "", "utf-8", False, "", 0, 0, True)


def test_many_files_share_the_warm_worker_with_a_new_pool() -> None:
    warm, new = _FakePool(), _FakePool()
    jobs = [_job(str(i)) for i in range(7)]
    futures = workers._submit([warm, new], jobs, 2)
    assert len(futures) == 7
    assert warm.jobs == ["0", "3", "6"]  # the smallest file first: the first titles
    assert new.jobs == ["1", "2", "4", "5"]
