"""``python -m tui pick [WORDS…]``: choose a figure for the text you are writing.

Opens straight into the figure lookup with WORDS typed. ``enter`` prints the
chosen figure with its citation on standard output (and copies it through the
terminal, OSC 52) and exits 0; ``escape`` exits 1 and prints nothing.

The interface is drawn on the controlling terminal (``/dev/tty``), not on
standard output or standard error, so an editor can read the result:
``:r !python -m tui pick 阿里 资本开支`` in vim.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from tui.screens.lookup import LookupScreen
from tui.screens.writing import FigurePicked
from tui.store.state import load_state
from tui.text.paths import styles_dir

TTY = "/dev/tty"


class TtyDriver(LinuxDriver):
    """Textual's terminal driver, reading keys from and drawing on /dev/tty, so
    that standard output stays free for the answer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tty_in = os.open(TTY, os.O_RDWR | os.O_NOCTTY)
        self._file = open(TTY, "w", encoding="utf-8")  # noqa: SIM115 (closed in close())
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
    from tui.store.library import Library

    driver: type[LinuxDriver] | None = None
    if _needs_tty_driver():
        try:
            os.close(os.open(TTY, os.O_RDWR | os.O_NOCTTY))
        except OSError:
            print("jiedu pick: needs a terminal to draw on (no /dev/tty)", file=sys.stderr)
            return 2
        driver = TtyDriver
    library = Library(Path(args.library) if args.library else None)
    try:
        simplified = args.simplified or load_state(library.path).simplified
        app = PickApp(library, " ".join(args.words), simplified=simplified, driver_class=driver)
        result = app.run()
    finally:
        library.close()
    if app.return_code == 0 and result:
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
    pick.add_argument("words", nargs="*", metavar="WORD", help="words to look up")
    pick.set_defaults(func=_cmd_pick)
