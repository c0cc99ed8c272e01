"""Cleaning many files at once: a process pool that never outlives the app.

``clean_all`` cleans a list of ``CleanJob`` in this process, or, when there are
enough of them and more than one CPU, in a pool of spawned worker processes,
yielding each result as it finishes (a job names its file: the worker reads and
decodes it). The pool is made safe for every caller:

- it starts inside a Textual app, whose output capture gives ``sys.stderr`` a
  ``fileno()`` of -1 (``multiprocessing`` passes that descriptor to the
  resource tracker and fails with ``bad value(s) in fds_to_keep``): the pool
  starts with a real standard error, and if the pool cannot start for any
  reason at all the jobs are cleaned in this process instead;
- each worker ignores SIGINT (the parent decides when to stop), writes nothing
  to the terminal when asked to be quiet, and watches its parent: when the
  parent is gone (killed, even with SIGKILL) the worker exits at once;
- when the consumer stops early (Ctrl-C, SIGTERM, an exception, a closed
  generator) the workers are terminated, not waited for;
- ``request_stop()`` (from a signal handler or an app that is quitting, any
  thread) makes every running ``clean_all`` raise ``Stopped`` at its next
  file, so a sync in a background thread ends within a moment and keeps
  what it stored.

``prestart()`` starts the pool before it is needed: the reader calls it for a
new library before it loads Textual, so a worker process imports the cleaner
and loads its tables (``WARM_UP_FILE``, about a second of CPU) on the other
core while the app starts; the next ``clean_all`` then uses that worker whatever
the number of files (with a pool of its own when there are many, the warm worker
taking its share), and the first titles come from a warm process instead of a
cleaner loaded in the app's own thread, under its GIL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tui.store.rows import StoredArticle, stored_article
from tui.text.models import Article

PARALLEL_MIN = 100  # files to clean before a process pool pays for its start-up (~3 s each)
MAX_WORKERS = 4
PARENT_POLL_SECONDS = 0.5
STOP_POLL_SECONDS = 0.2
TICK_SECONDS = 0.1  # with ticks, None this often while no result is ready
MANAGER_JOIN_SECONDS = 5.0  # a stopped pool's manager thread ends once it sees its workers gone
WARM_UP_FILE = "warmup.txt"  # in tui/data: a short clipping that loads the cleaner's tables

_stop = threading.Event()
_prestarted: Any = None  # a ProcessPoolExecutor started by ``prestart``, not yet used
_prestarted_lock = threading.Lock()
_cleaning_in_main = 0  # clean_all runs (or is suspended at a result) in the main thread


class Stopped(Exception):
    """Cleaning was stopped by ``request_stop`` (the app is quitting)."""


def request_stop() -> None:
    """Stop every running ``clean_all`` at its next step (safe in a signal handler)."""
    _stop.set()


def reset_stop() -> None:
    """Allow cleaning again (a new app or command starts)."""
    _stop.clear()


def stop_requested() -> bool:
    return _stop.is_set()


def stops_between_files() -> bool:
    """Whether the main thread is inside ``clean_all`` (cleaning, or storing the
    result it was given): a stop signal should then only ``request_stop`` and let
    the next step raise ``Stopped``. An exception raised by the handler between
    any two lines there can leave a lock taken (a future's, the library's), and
    the exit that waits for it never ends."""
    return _cleaning_in_main > 0


@contextlib.contextmanager
def main_thread_cleaning() -> Iterator[None]:
    """While files are cleaned and their results stored (in the main thread), a stop
    signal only requests the stop (``stops_between_files``); ``clean_all`` is inside
    one, and a caller that still stores results after it ends can be too."""
    global _cleaning_in_main
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _cleaning_in_main += 1
    try:
        yield
    finally:
        _cleaning_in_main -= 1


@dataclass
class CleanJob:
    """A file that needs cleaning, with what the library stores.

    ``text`` None: the file is read and decoded where it is cleaned (in a worker
    process when the pool is used, so the parent hands out paths instead of
    reading every file before the first one is cleaned), from ``file`` (the path
    as the system spells it; ``path`` is its printable form). A file that cannot
    be read gives ``Unreadable`` with the reason; one whose content hash is
    ``known_hash`` (stored under the current pipeline: only its date changed) gives
    ``Unchanged`` instead of being cleaned again. ``rows``: the result is the
    article as the library stores it (``tui.store.rows.StoredArticle``), computed
    where it is cleaned, instead of the ``Article``."""

    path: str
    source: str
    text: str | None
    encoding: str
    is_html: bool
    content_hash: str
    mtime_ns: int
    size: int
    is_new: bool
    file: str | None = None
    known_hash: str | None = None
    rows: bool = False


class Unreadable(Exception):
    """A file that could not be read or decoded; ``str()`` is the reason for the user."""


@dataclass
class Unchanged:
    """The file's content is what the library has (only its date or size changed)."""

    content_hash: str


def _read(job: CleanJob) -> Any:
    """The job's file read and decoded (``RawDocument``), or ``Unreadable``."""
    from pathlib import Path

    from tui.clean.loading import describe_error, read_document

    try:
        return read_document(Path(job.file if job.file is not None else job.path))
    except Exception as exc:  # a bad file is reported, never stops the run
        raise Unreadable(describe_error(exc)) from None


def clean_job(job: CleanJob) -> Article | StoredArticle | Unchanged:
    """Read (when the job has no text yet) and clean one file (runs in a worker
    process when the pool is used); with ``job.rows``, the rows the library stores."""
    article = _clean(job)
    if job.rows and isinstance(article, Article):
        return stored_article(article)
    return article


def _clean(job: CleanJob) -> Article | Unchanged:
    from tui.pipeline import clean_text

    text, encoding, is_html, content_hash = job.text, job.encoding, job.is_html, job.content_hash
    if text is None:
        doc = _read(job)
        if job.known_hash is not None and doc.content_hash == job.known_hash:
            return Unchanged(doc.content_hash)
        text, encoding, is_html, content_hash = (
            doc.text,
            doc.encoding,
            doc.is_html,
            doc.content_hash,
        )
    return clean_text(
        text,
        source_path=job.source,
        encoding=encoding,
        is_html=is_html or None,
        content_hash=content_hash,
    )


def warm_up() -> int:
    """Load the cleaner and its lazily built tables and patterns by cleaning a short
    sample clipping (in a fresh worker process); the sample's figure count."""
    from tui.pipeline import clean_text
    from tui.text.paths import data_file

    sample = data_file(WARM_UP_FILE).read_text(encoding="utf-8")
    return len(clean_text(sample, source_path=WARM_UP_FILE).figures)


def _watch_parent(parent_pid: int) -> None:
    """Exit this worker as soon as its parent process is gone."""
    while True:
        if os.getppid() != parent_pid:
            os._exit(0)
        threading.Event().wait(PARENT_POLL_SECONDS)


def _worker_init(parent_pid: int, quiet: bool) -> None:
    """Set up a worker: leave SIGINT to the parent, silence it, watch the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _has_real_stderr() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


@contextlib.contextmanager
def _real_stderr() -> Iterator[bool]:
    """While starting processes, give ``sys.stderr`` a real descriptor.

    Yields whether the workers should be quiet (the caller's stderr is not a
    real file: an app owns the terminal and a worker must not write on it).
    """
    if _has_real_stderr():
        yield False
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as devnull:
        sys.stderr = devnull
        try:
            yield True
        finally:
            sys.stderr = saved


def _release(job: CleanJob) -> None:
    """Drop a job's text once its result was handed over: an import of 10,000 files
    would otherwise hold every file's text to the end."""
    if job.text is not None:
        job.text = ""


def _clean_here(jobs: list[CleanJob], ticks: bool = False) -> Iterator[Any]:
    for job in jobs:
        if ticks:
            yield None  # about to clean: the caller's results so far should not wait
        if _stop.is_set():
            raise Stopped("stopped")
        try:
            result: Article | StoredArticle | Unchanged | BaseException = clean_job(job)
        except Exception as exc:
            result = exc
        yield job, result
        _release(job)


def _terminate(pool: Any) -> None:
    """Stop a pool's workers now (they hold no state worth waiting for), then let its
    manager thread end: left running, it races the interpreter's exit, which wakes it
    through a pipe it may be closing ("Exception ignored in threading … Bad file
    descriptor" after a stop signal)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
    manager = getattr(pool, "_executor_manager_thread", None)
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None and manager is not threading.current_thread():
        manager.join(timeout=MANAGER_JOIN_SECONDS)


def _as_completed(futures: dict, ticks: bool = False) -> Iterator:
    """``as_completed`` that raises ``Stopped`` soon after a stop is requested; with
    ``ticks``, None as soon as the next future is not done yet, and again every
    ``TICK_SECONDS`` while none is.

    Each future puts itself on a queue when it is done (in the pool's manager
    thread); this thread only takes from the queue. ``concurrent.futures.wait``
    locks every pending future on each call: 10 ms a call, per file, with 10,000
    files pending."""
    import queue

    wait = min(STOP_POLL_SECONDS, TICK_SECONDS) if ticks else STOP_POLL_SECONDS
    finished: queue.SimpleQueue = queue.SimpleQueue()
    for future in futures:
        future.add_done_callback(finished.put)
    for _ in range(len(futures)):
        told = not ticks  # whether the caller has heard that nothing is ready
        while True:
            if _stop.is_set():
                raise Stopped("stopped")
            try:
                future = finished.get(timeout=wait) if told else finished.get_nowait()
            except queue.Empty:
                if not told:
                    told = True
                    yield None  # the caller writes what it holds while the workers clean
                elif ticks:
                    yield None  # still none: results held for a batch may be due
                continue
            break
        if _stop.is_set():
            raise Stopped("stopped")
        yield future


def _start_pool(count: int, quiet: bool | None = None, method: str = "spawn") -> Any:
    """A pool of ``count`` workers (spawned ones start as jobs are submitted)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork, unless the caller knows it has no other thread: it may be a
    # thread of a running app.
    context = multiprocessing.get_context(method)
    with _real_stderr() as not_real:
        return ProcessPoolExecutor(
            max_workers=count,
            mp_context=context,
            initializer=_worker_init,
            initargs=(os.getpid(), not_real if quiet is None else quiet),
        )


def _can_fork() -> bool:
    """Forking is safe and cheaper than spawning (no new interpreter, no re-import of
    what is loaded): on Linux, in a process with no other thread yet."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def prestart() -> bool:
    """Start a one-worker cleaning pool now, the worker loading the cleaner
    (``warm_up``). Quiet: an app is about to own the terminal. Forked when that is
    safe (the caller has opened nothing the worker could share: call it before
    opening the library), else spawned. False with one CPU or when it cannot start."""
    global _prestarted
    if (os.cpu_count() or 1) < 2:
        return False
    with _prestarted_lock:
        if _prestarted is not None:
            return True
        try:
            pool = _start_pool(1, quiet=True, method="fork" if _can_fork() else "spawn")
            pool.submit(warm_up)
        except Exception:  # no pool here: the files are cleaned as before
            return False
        _prestarted = pool
    return True


def _take_prestarted() -> Any:
    global _prestarted
    with _prestarted_lock:
        pool, _prestarted = _prestarted, None
    return pool


def discard_prestarted() -> None:
    """Stop a prestarted pool nobody used (nothing to clean, or the app quit)."""
    pool = _take_prestarted()
    if pool is not None:
        _terminate(pool)


def pool_size(jobs: int, workers: int | None = None) -> int:
    """How many worker processes ``clean_all`` uses for ``jobs`` files (0: none)."""
    count = workers if workers is not None else min(os.cpu_count() or 1, MAX_WORKERS)
    if count < 2 or jobs < PARALLEL_MIN:
        return 0
    return min(count, jobs)


def _stop_pools(pools: list[Any], wait: bool) -> None:
    for pool in pools:
        with contextlib.suppress(Exception):
            if wait:
                pool.shutdown(wait=True)
            else:  # interrupted or abandoned: do not wait for the running files
                _terminate(pool)


def _submit(pools: list[Any], jobs: list[CleanJob], count: int) -> dict[Any, CleanJob]:
    """Hand the jobs (smallest first) to the pools: with a prestarted one-worker pool
    and a new pool of ``count``, the prestarted worker takes job 0, count + 1,
    2 count + 2… (it is warm: the first titles come from it while the new workers
    start)."""
    if len(pools) == 1:
        return {pools[0].submit(clean_job, job): job for job in jobs}
    warm, new = pools
    step = count + 1
    return {
        (warm if i % step == 0 else new).submit(clean_job, job): job for i, job in enumerate(jobs)
    }


def clean_all(
    jobs: list[CleanJob],
    workers: int | None = None,
    prepare: Callable[[], object] | None = None,
    *,
    ticks: bool = False,
) -> Iterator[Any]:
    """Clean every job, yielding (job, result) as they finish, the result an
    article, ``Unchanged``, or the exception (``Unreadable`` for a file that could
    not be read); a job's text is dropped once the caller has taken its result.
    ``prepare`` runs once the jobs are handed to the workers (while they clean), so
    what the caller needs for the first result is loaded in parallel. With
    ``ticks``, None is yielded too when the next result is not there yet (before
    each file cleaned in this process; when the pool has none ready, and again every
    ``TICK_SECONDS`` while it has none): a caller that keeps results to write them
    together can write them then, the first result of a sync at once."""
    with main_thread_cleaning():
        yield from _clean_each(jobs, workers, prepare, ticks)


def _clean_each(
    jobs: list[CleanJob],
    workers: int | None,
    prepare: Callable[[], object] | None,
    ticks: bool,
) -> Iterator[Any]:
    prestarted = _take_prestarted() if jobs and workers is None else None
    count = pool_size(len(jobs), workers)
    if prestarted is None and not count:
        if prepare is not None and jobs:
            prepare()
        yield from _clean_here(jobs, ticks)
        return
    from concurrent.futures.process import BrokenProcessPool

    pools: list[Any] = [prestarted] if prestarted is not None else []
    try:
        if count:
            pools.append(_start_pool(count))
        futures = _submit(pools, jobs, count)
    except Exception:  # the pool cannot start here: clean in this process
        _stop_pools(pools, wait=False)
        if prepare is not None:
            prepare()
        yield from _clean_here(jobs, ticks)
        return
    finished = False
    try:
        if prepare is not None:
            prepare()
        for future in _as_completed(futures, ticks):
            if future is None:
                yield None
                continue
            # Popped: a finished future holds its article (every article of a large
            # import, 1.2 GB at 10,000 files, when the futures were kept to the end).
            job = futures.pop(future)
            try:
                result: Article | StoredArticle | Unchanged | BaseException = future.result()
            except BrokenProcessPool:  # a worker died (or never started): clean it here
                try:
                    result = clean_job(job)
                except Exception as exc:
                    result = exc
            except Exception as exc:
                result = exc
            del future
            yield job, result
            _release(job)
        finished = True
    finally:
        _stop_pools(pools, wait=finished)
