"""The cleaning pool (tui.store.workers) starts under an app's output capture,
falls back to cleaning in process when it cannot start, and its workers exit
when their parent is gone."""

from __future__ import annotations

import io
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tui.store import workers
from tui.store.workers import CleanJob, clean_all

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _jobs() -> list[CleanJob]:
    jobs = []
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        text = path.read_text(encoding="utf-8")
        jobs.append(
            CleanJob(
                path=str(path),
                source=str(path),
                text=text,
                encoding="utf-8",
                is_html=False,
                content_hash=str(hash(text)),
                mtime_ns=0,
                size=len(text),
                is_new=True,
            )
        )
    return jobs


class _CapturedStderr(io.StringIO):
    """Like Textual's capture: a file object whose descriptor is -1."""

    def fileno(self) -> int:
        return -1


def test_pool_starts_when_stderr_has_no_descriptor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)

    def no_fallback(jobs: list[CleanJob]):  # the pool must do the work itself
        raise AssertionError("fell back to cleaning in process")

    monkeypatch.setattr(workers, "_clean_here", no_fallback)
    captured = _CapturedStderr()
    monkeypatch.setattr(sys, "stderr", captured)
    jobs = _jobs()
    results = dict((job.path, article) for job, article in clean_all(jobs, workers=2))
    assert sys.stderr is captured  # restored after the start
    assert set(results) == {job.path for job in jobs}
    for job in jobs:
        article = results[job.path]
        assert not isinstance(article, BaseException), article
        assert article.source_path == job.source and article.title


def test_pool_start_failure_cleans_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)

    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise ValueError("bad value(s) in fds_to_keep")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)
    jobs = _jobs()
    results = list(clean_all(jobs, workers=2))
    assert [job.path for job, _ in results] == [job.path for job in jobs]
    assert all(not isinstance(a, BaseException) and a.title for _, a in results)


def test_abandoned_pool_leaves_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    jobs = _jobs() * 4
    gen = clean_all(jobs, workers=2)
    next(gen)
    # the resource tracker lives as long as this process: only the workers count
    children = [pid for pid in _children(os.getpid()) if "resource_tracker" not in _cmdline(pid)]
    assert children, "the pool started no process"
    gen.close()  # the consumer stops early (Ctrl-C, an error)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(children):
        time.sleep(0.1)
    assert not _alive(children)


def _children(pid: int) -> list[int]:
    """Direct children of ``pid``, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


@pytest.mark.parametrize("pool", [False, True])
def test_results_and_texts_are_let_go_once_taken(
    monkeypatch: pytest.MonkeyPatch, pool: bool
) -> None:
    """A large import must not hold every file's text and every cleaned article to
    the end: a job's text is dropped once its result was taken, and the result is
    not kept by the pool's bookkeeping."""
    import gc
    import weakref

    monkeypatch.setattr(workers, "PARALLEL_MIN", 2 if pool else 10**6)
    jobs = _jobs()
    kept: list[weakref.ref[object]] = []
    seen = 0
    for job, article in clean_all(jobs, workers=2):
        assert not isinstance(article, BaseException), article
        assert job.text  # still there while the caller handles it
        kept.append(weakref.ref(article))
        seen += 1
        del article
    gc.collect()
    assert seen == len(jobs)
    assert all(job.text == "" for job in jobs)
    assert all(ref() is None for ref in kept)


def test_a_stop_signal_while_files_are_cleaned_stops_at_the_next_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C while the main thread takes and stores cleaned files: the handler only
    asks to stop, and the next file raises ``Stopped``. Raised by the handler between
    any two lines, it could leave a lock taken (a future's: the pool's manager thread
    blocks on it and the exit that joins that thread never ends, as an export in CI
    that did not stop in 60 s; or the library's)."""
    from tui.cli import main as cli

    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    monkeypatch.setattr(cli, "_stopped_by", None)
    workers.reset_stop()
    taken: list[str] = []
    stored: list[str] = []
    outcome = "finished"
    try:
        with cli._handled(cli._interrupt):
            for job, _ in clean_all(_jobs(), workers=2):
                taken.append(job.path)
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(1000):  # the handler runs within these lines
                    pass
                stored.append(job.path)
    except KeyboardInterrupt:
        outcome = "raised while storing"
    except workers.Stopped:
        outcome = "stopped"
    finally:
        workers.reset_stop()
    assert outcome == "stopped"
    assert stored == taken and len(taken) == 1
    assert cli._stopped_by == signal.SIGINT
    assert not workers.stops_between_files()


def test_ticks_say_at_once_that_no_result_is_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ticks, a done future is followed by None when the next one is not done
    (the caller writes what it holds: the first title of a sync shows at once), and
    futures that are done together come together, without a None between them."""
    from concurrent.futures import Future

    monkeypatch.setattr(workers, "STOP_POLL_SECONDS", 0.01)
    futures: list[Future[int]] = [Future() for _ in range(4)]
    futures[0].set_result(0)
    seen: list[object] = []
    for item in workers._as_completed(dict.fromkeys(futures), ticks=True):
        seen.append(item if item is None else item.result())
        if item is None and not futures[1].done():
            futures[1].set_result(1)
            futures[2].set_result(2)
        elif item is None and not futures[3].done():
            futures[3].set_result(3)
    assert seen == [0, None, 1, 2, None, 3]


def test_ticks_go_on_while_no_result_is_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the next future is not done, None comes again every ``TICK_SECONDS``
    (not once per wait): a caller that holds results for a batch writes them when
    they are due, even while a long file is cleaned."""
    import threading
    from concurrent.futures import Future

    monkeypatch.setattr(workers, "TICK_SECONDS", 0.01)
    futures: list[Future[int]] = [Future() for _ in range(2)]
    futures[0].set_result(0)
    late = threading.Timer(2.0, futures[1].set_result, args=(1,))  # if ticks stop
    late.start()
    seen: list[object] = []
    try:
        for item in workers._as_completed(dict.fromkeys(futures), ticks=True):
            seen.append(item if item is None else item.result())
            if seen.count(None) == 3 and not futures[1].done():
                futures[1].set_result(1)
    finally:
        late.cancel()
    assert seen == [0, None, None, None, 1]
