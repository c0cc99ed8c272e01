"""``python -m tui pick [WORDS…]``: choose a figure for the text you are writing.

Opens straight into the figure lookup with WORDS typed. ``enter`` prints the
chosen figure with its citation on standard output (and copies it through the
terminal, OSC 52) and exits 0; ``escape`` exits 1 and prints nothing.

The interface is drawn on the controlling terminal (``/dev/tty``), not on
standard output or standard error, so an editor can read the result:
``:r !python -m tui pick 阿里 资本开支`` in vim. A process without one (Emacs runs
``shell-command`` so) draws on the terminal of the nearest ancestor that has one
(``emacs -nw``), or on ``--tty DEVICE``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, ClassVar

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from tui.screens.lookup import LookupScreen
from tui.screens.writing import FigurePicked
from tui.store.state import load_state
from tui.text.paths import styles_dir

TTY = "/dev/tty"


def ancestor_terminal(pid: int | None = None) -> str | None:
    """The terminal of the nearest ancestor process that has one (Linux): Emacs runs
    ``shell-command`` without a controlling terminal, but ``emacs -nw`` has one."""
    pid = os.getppid() if pid is None else pid
    for _ in range(32):
        if pid <= 1:
            return None
        try:
            target = os.readlink(f"/proc/{pid}/fd/0")
            with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
                parent = int(handle.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            return None
        if target.startswith(("/dev/pts/", "/dev/tty")) and os.access(target, os.R_OK | os.W_OK):
            return target
        pid = parent
    return None


def find_terminal(wanted: str | None = None) -> str | None:
    """The terminal to draw on: ``wanted``, else the controlling one (/dev/tty), else an
    ancestor's."""
    candidates = [wanted] if wanted else [TTY]
    for path in candidates:
        try:
            os.close(os.open(path, os.O_RDWR | os.O_NOCTTY))
        except OSError:
            continue
        return path
    return None if wanted else ancestor_terminal()


class TtyDriver(LinuxDriver):
    """Textual's terminal driver, reading keys from and drawing on a terminal device
    (``tty_path``, by default /dev/tty), so that standard output stays free for the
    answer."""

    tty_path = TTY

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tty_in = os.open(self.tty_path, os.O_RDWR | os.O_NOCTTY)
        self._file = open(self.tty_path, "w", encoding="utf-8")  # noqa: SIM115 (closed in close())
        self.fileno = self._tty_in
        self.input_tty = True

    def _get_terminal_size(self) -> tuple[int, int]:
        try:
            size = os.get_terminal_size(self._tty_in)
        except OSError:
            return super()._get_terminal_size()
        return size.columns, size.lines

    def close(self) -> None:
        super().close()
        self._file.close()
        os.close(self._tty_in)


class PickApp(App[str]):
    """The lookup alone; the app's result is the citation chosen (None: none)."""

    CSS_PATH: ClassVar[Any] = [styles_dir() / "writing.tcss"]
    TITLE = "解读 · 选数字"

    def __init__(
        self,
        library: Any,
        words: str = "",
        *,
        simplified: bool = False,
        cursor_blink: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.words = words
        self.simplified = simplified
        self.cursor_blink = cursor_blink

    def on_mount(self) -> None:
        self.push_screen(
            LookupScreen(
                self.library,
                words=self.words,
                simplified=self.simplified,
                pick=True,
                cursor_blink=self.cursor_blink,
            )
        )

    def on_figure_picked(self, message: FigurePicked) -> None:
        self.copy_to_clipboard(message.citation)
        self.exit(message.citation, return_code=0)


def _needs_tty_driver() -> bool:
    streams = (sys.__stdin__, sys.__stdout__, sys.__stderr__)
    return not all(s is not None and s.isatty() for s in streams)


def _cmd_pick(args: argparse.Namespace) -> int:
    from tui.cli.common import open_library

    driver: type[LinuxDriver] | None = None
    if args.tty or _needs_tty_driver():
        terminal = find_terminal(args.tty)
        if terminal is None:
            print(
                "jiedu pick: needs a terminal to draw on (no /dev/tty; give --tty /dev/pts/N)",
                file=sys.stderr,
            )
            return 2
        driver = type("PickTtyDriver", (TtyDriver,), {"tty_path": terminal})
    library = open_library(args.library)
    try:
        simplified = args.simplified or load_state(library.path).simplified
        app = PickApp(library, " ".join(args.words), simplified=simplified, driver_class=driver)
        result = app.run()
    finally:
        library.close()
    if app.return_code == 0 and isinstance(result, str) and result:
        sys.stdout.write(result + "\n")
        sys.stdout.flush()
        return 0
    return 1 if app.return_code in (None, 0, 1) else int(app.return_code)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``pick`` subcommand."""
    pick = subparsers.add_parser(
        "pick", help="choose a figure and print it with its citation (for editors)"
    )
    pick.add_argument(
        "-s", "--simplified", action="store_true", help="show and print in Simplified characters"
    )
    pick.add_argument("--tty", metavar="DEVICE", help="the terminal to draw on (default: this one)")
    pick.add_argument("words", nargs="*", metavar="WORD", help="words to look up")
    pick.set_defaults(func=_cmd_pick)
