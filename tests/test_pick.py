"""``python -m tui pick`` as an editor calls it: standard output redirected (vim's
``:r !``), the interface drawn on the controlling terminal (a pty here)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from test_pty import read_until
from ui_helpers import REPO, copy_library, seed_library

__all__ = ["seed_library"]


def _take_terminal() -> None:
    """In the child: make the pty on standard input the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def run_pick(
    library: Path, home: Path, words: list[str], keys: bytes, wanted: list[str]
) -> tuple[int, str, str, str]:
    """(exit status, stdout, stderr, what was drawn on the terminal)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
    env = {**os.environ, "JIEDU_HOME": str(home), "TERM": "xterm-256color"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "pick", "--library", str(library), *words],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
        start_new_session=True,
        preexec_fn=_take_terminal,
    )
    os.close(slave)
    try:
        drawn = read_until(master, proc, wanted, timeout=60)
        assert all(w in drawn for w in wanted), drawn[-2000:]
        time.sleep(0.3)
        os.write(master, keys)
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            read_until(master, proc, ["\0never"], timeout=0.3)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return proc.returncode, out.decode("utf-8"), err.decode("utf-8"), drawn


def test_enter_prints_the_figure_with_its_citation_and_exits_0(
    seed_library: Path, jiedu_home: Path
) -> None:
    library = copy_library(seed_library, jiedu_home)
    status, out, err, drawn = run_pick(
        library, jiedu_home, ["天花板", "767"], b"\r", ["突破767億元", "1 个数字"]
    )
    assert status == 0, err
    assert out == (
        "騰訊2024年資本開支突破767億元（《巨額斥資研發，騰訊如何砸穿AI天花板》，DoNews/零態LT）\n"
    )
    assert "数字查找" in drawn  # drawn on the terminal, not on stdout or stderr
    assert "数字查找" not in err


def test_simplified_option_prints_all_simplified(seed_library: Path, jiedu_home: Path) -> None:
    library = copy_library(seed_library, jiedu_home)
    status, out, err, _ = run_pick(
        library, jiedu_home, ["-s", "天花板", "767"], b"\r", ["突破767亿元", "1 个数字"]
    )
    assert status == 0, err
    assert out.startswith("腾讯2024年资本开支突破767亿元（《巨额斥资研发")


def test_escape_prints_nothing_and_exits_1(seed_library: Path, jiedu_home: Path) -> None:
    library = copy_library(seed_library, jiedu_home)
    status, out, err, _ = run_pick(library, jiedu_home, ["腾讯"], b"\x1b", ["个数字"])
    assert status == 1, err
    assert out == ""
