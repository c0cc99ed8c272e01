"""SIGTERM, SIGHUP, SIGINT and kill -9 in the middle of an import of 100+ files:
no process is left behind (workers, resource tracker), a signal the CLI can
catch says one line and no traceback, what was stored is kept, and the next run
completes the import. The source files are never changed."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.store.synthetic import write_library

REPO = Path(__file__).resolve().parent.parent
FILES = 110  # over the pool's threshold: the import runs in worker processes


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("signals_corpus")
    write_library(root, FILES, typical_chars=3000, long_every=0)
    return root


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, start time) of a live process, None when gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if fields[0] in ("Z", "X"):
        return None
    return int(fields[1]), fields[19]


def _descendants(root: int, known: dict[int, str]) -> None:
    """Add every live descendant of ``root`` to ``known`` (pid -> start time)."""
    parents = {root, *known}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            info = _stat(int(entry))
            if info and info[0] in parents:
                known.setdefault(int(entry), info[1])


def _alive(known: dict[int, str]) -> list[int]:
    alive = []
    for pid, started in known.items():
        info = _stat(pid)
        if info and info[1] == started:
            alive.append(pid)
    return alive


def _stored(library: Path) -> int:
    try:
        with sqlite3.connect(f"file:{library}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "JIEDU_HOME": str(home),
        "PYTHONPATH": str(REPO),
        "PYTHONUNBUFFERED": "1",
    }


def _export(corpus: Path, library: Path, home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "export", "--library", str(library), str(corpus)],
        cwd=REPO,
        env=_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a signal to the test's group does not reach it
    )


def _interrupt_mid_import(corpus: Path, library: Path, home: Path, sig: int) -> tuple[int, str]:
    """Start an import, send ``sig`` once workers run and articles are stored,
    return the exit code and stderr; assert that no process is left."""
    proc = _export(corpus, library, home)
    known: dict[int, str] = {}
    deadline = time.monotonic() + 240
    workers_seen = False
    while time.monotonic() < deadline and proc.poll() is None:
        _descendants(proc.pid, known)
        workers_seen = workers_seen or len(_alive(known)) >= 2
        if workers_seen and _stored(library) >= 3:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the import ended before it could be interrupted"
    assert workers_seen, "the import did not start its worker processes"
    stored_before = _stored(library)
    assert stored_before < FILES
    _descendants(proc.pid, known)
    os.kill(proc.pid, sig)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("the import did not stop within 60 s") from None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(known):
        time.sleep(0.2)
    assert not _alive(known), f"processes left behind: {_alive(known)}"
    assert _stored(library) >= stored_before  # what was stored is kept
    return proc.returncode, err.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("sig", "name"),
    [(signal.SIGTERM, "SIGTERM"), (signal.SIGHUP, "SIGHUP"), (signal.SIGINT, "Ctrl-C")],
)
def test_signal_stops_import_quietly(
    corpus: Path, tmp_path: Path, jiedu_home: Path, sig: int, name: str
) -> None:
    before = _hashes(corpus)
    library = tmp_path / "lib.sqlite3"
    code, err = _interrupt_mid_import(corpus, library, jiedu_home, sig)
    assert code == 128 + sig
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [f"jiedu: stopped ({name}); what was imported is kept"]
    assert _hashes(corpus) == before


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_next_run_completes_the_import(
    corpus: Path, tmp_path: Path, jiedu_home: Path, sig: int
) -> None:
    before = _hashes(corpus)
    library = tmp_path / "lib.sqlite3"
    code, _ = _interrupt_mid_import(corpus, library, jiedu_home, sig)
    assert code == -signal.SIGKILL if sig == signal.SIGKILL else code == 128 + sig
    proc = _export(corpus, library, jiedu_home)
    _, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err.decode()
    assert _stored(library) == FILES
    assert _hashes(corpus) == before
