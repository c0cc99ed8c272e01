"""The real ``python -m tui`` in a pseudo-terminal: it paints the titles and quits on ``q``."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from ui_helpers import REPO, SEEDS, copy_library, seed_library

from tui.store.library import Library

__all__ = ["seed_library"]

ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def screen_text(raw: bytes) -> str:
    """The printable text of a terminal byte stream, escape sequences removed."""
    return ESCAPES.sub("", raw.decode("utf-8", errors="replace"))


def read_until(
    master: int, proc: subprocess.Popen[bytes], wanted: list[str], timeout: float
) -> str:
    raw = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            raw += chunk
            text = screen_text(raw)
            if all(w in text for w in wanted):
                return text
        elif proc.poll() is not None:
            break
    return screen_text(raw)


def test_python_m_tui_paints_titles_and_quits_on_q(seed_library: Path, jiedu_home: Path) -> None:
    library = copy_library(seed_library, jiedu_home)
    with Library(library) as lib:
        # the first characters of two titles (whole titles may be wrapped or cut)
        titles = [row.title[:4] for row in lib.list_articles()][:2]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "JIEDU_HOME": str(jiedu_home), "TERM": "xterm-256color"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--library", str(library), str(SEEDS)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        close_fds=True,
    )
    os.close(slave)
    try:
        text = read_until(master, proc, titles, timeout=60)
        assert all(t in text for t in titles), text[-2000:]
        os.write(master, b"q")
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            read_until(master, proc, ["\0never"], timeout=0.5)
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
