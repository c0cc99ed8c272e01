"""argparse CLI: ``python -m tui [PATHS…]`` opens the reader; subcommands do the rest."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence

from tui import __version__
from tui.cli.common import (
    CliError,
    check_library_path,
    display_path,
    load_articles,
    open_library,
    require_paths,
    resolve_paths,
    say,
)
from tui.store import workers
from tui.store.library import prepare_import
from tui.text.models import Article

# Subcommands in their own modules, imported only when named (or for --help): the
# reader, the default command, starts without loading textual's App for ``pick``
# or the figure query for ``figures``.
LAZY_COMMANDS = {
    "figures": "tui.cli.figures",
    "facts": "tui.cli.figures",
    "bench": "tui.cli.bench",
    "pick": "tui.cli.pick",
}

# Signals that stop the work like Ctrl-C: keep what was stored, say one line, exit.
_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _add_library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="PATH",
        default=None,
        help="SQLite library file (default: in the user data directory)",
    )


def _cmd_clean(args: argparse.Namespace) -> int:
    from tui.clean.decoding import DecodeError, decode_bytes
    from tui.clean.loading import EmptyDocument
    from tui.clean.render import render_markdown
    from tui.pipeline import clean_text

    name = args.file
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as handle:
                data = handle.read()
        text, encoding = decode_bytes(data)
        if not text.strip():
            raise EmptyDocument("empty file: no text to read")
    except OSError as exc:
        say(f"{display_path(name)}: {exc.strerror or exc}")
        return 1
    except DecodeError as exc:
        say(f"{display_path(name)}: {exc}")
        return 1
    is_html = name.lower().endswith((".html", ".htm")) or None
    article = clean_text(text, source_path=name, encoding=encoding, is_html=is_html)
    for warning in article.warnings:
        say(f"{display_path(name)}: warning: {warning}")
    sys.stdout.write(render_markdown(article))
    return 0


def _export_md(articles: list[Article]) -> str:
    from tui.clean.render import render_markdown

    return "\n\n".join(render_markdown(a) for a in articles)


def _cmd_export(args: argparse.Namespace) -> int:
    articles, status = load_articles(args.paths, args.library)
    records = [a.to_export() for a in articles]
    if args.format == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_export_md(articles))
    return status


def _cmd_read(args: argparse.Namespace) -> int:
    paths = resolve_paths(args.paths)
    require_paths(paths)
    # Before the library opens and Textual loads: a new library's cleaning
    # workers start meanwhile.
    prepare_import(check_library_path(args.library))
    library = open_library(args.library)
    try:
        from tui.app import ReaderApp

        app = ReaderApp(library, list(paths))
        _stop_cleaning_on_exit(app)
        with _app_signals(app):
            result = app.run()
    finally:
        workers.request_stop()  # a sync still running in a thread stops at its next file
        workers.discard_prestarted()
        library.close()
    if _stopped_by is not None:
        raise KeyboardInterrupt
    return int(result or app.return_code or 0)


_stopped_by: int | None = None
stopped = False  # the last command was stopped by Ctrl-C or a stop signal


def _stop_cleaning_on_exit(app: object) -> None:
    """Quitting the reader stops a sync in its thread at the next file: Textual
    waits for its threads before ``run`` returns, and a library of new files
    would otherwise keep the quit waiting until every file is cleaned."""
    exit_app = app.exit  # type: ignore[attr-defined]

    def exit_and_stop(*args: object, **kwargs: object) -> None:
        workers.request_stop()
        exit_app(*args, **kwargs)

    app.exit = exit_and_stop  # type: ignore[attr-defined]


@contextlib.contextmanager
def _app_signals(app: object) -> Iterator[None]:
    """While the reader runs, SIGINT/SIGTERM/SIGHUP stop the cleaning and quit the app."""
    import asyncio

    def stop(signum: int, frame: object) -> None:
        global _stopped_by
        _stopped_by = signum
        workers.request_stop()
        loop = getattr(app, "_loop", None)
        exit_app = getattr(app, "exit", None)
        if isinstance(loop, asyncio.AbstractEventLoop) and callable(exit_app):
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(exit_app)
                return
        raise KeyboardInterrupt

    with _handled(stop):
        yield


def build_parser(full: bool = True) -> argparse.ArgumentParser:
    """The CLI's parser; without ``full``, the commands of ``LAZY_COMMANDS`` are left out."""
    import importlib

    parser = argparse.ArgumentParser(
        prog="python -m tui",
        description="jiedu (解读): read, filter and quote Chinese tech-business news clippings.",
        epilog="Without a command, opens the reader on PATHS (default: the bundled seeds).",
    )
    parser.add_argument("--version", action="version", version=f"jiedu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = sub.add_parser("read", help="open the reader (the default command)")
    read.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    _add_library_option(read)
    read.set_defaults(func=_cmd_read)

    clean = sub.add_parser("clean", help="print one cleaned article as Markdown")
    clean.add_argument("file", metavar="FILE", help="a file, or - for standard input")
    clean.set_defaults(func=_cmd_clean)

    export = sub.add_parser("export", help="export cleaned articles")
    export.add_argument("--format", choices=("json", "jsonl", "md"), default="json")
    export.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    _add_library_option(export)
    export.set_defaults(func=_cmd_export)

    if full:
        for module in dict.fromkeys(LAZY_COMMANDS.values()):
            importlib.import_module(module).register(sub)
    for choice in sub.choices.values():
        if not any(a.dest == "library" for a in choice._actions):
            _add_library_option(choice)
        if not any(a.dest == "paths" for a in choice._actions):
            choice.set_defaults(paths=[])
    return parser


@contextlib.contextmanager
def _handled(handler: Callable[[int, object], None]) -> Iterator[None]:
    """Install ``handler`` for the stop signals (main thread only), restore after."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.getsignal(sig) for sig in _STOP_SIGNALS}
    for sig in _STOP_SIGNALS:
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM and SIGHUP stop a command like Ctrl-C. While files are cleaned and
    stored, the import stops at its next file (``workers.Stopped``) instead of
    raising here, between any two lines, where a lock could be left taken."""
    global _stopped_by
    _stopped_by = signum
    workers.request_stop()
    if not workers.stops_between_files():
        raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args_list if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help", "--version") for a in args_list)
    parser = build_parser(full=wants_help or first in LAZY_COMMANDS)
    commands = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()
    commands |= set(LAZY_COMMANDS)
    if not wants_help and (first is None or first not in commands):
        args_list = ["read", *args_list]
    args = parser.parse_args(args_list)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    global _stopped_by, stopped
    _stopped_by = None
    stopped = False
    workers.reset_stop()
    try:
        with _handled(_interrupt):
            return int(args.func(args))
    except CliError as exc:
        say(str(exc))
        return 2
    except (KeyboardInterrupt, workers.Stopped):
        stopped = True
        for sig in _STOP_SIGNALS:  # a second signal while shutting down says nothing more
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, signal.SIG_IGN)
        workers.request_stop()
        signum = _stopped_by or signal.SIGINT
        name = signal.Signals(signum).name if signum != signal.SIGINT else "Ctrl-C"
        say(f"stopped ({name}); what was imported is kept")
        return 128 + int(signum)
    except BrokenPipeError:  # e.g. piped into head: not an error of ours
        with contextlib.suppress(OSError):
            sys.stderr.close()
        return 0
    except Exception as exc:  # a bug of ours: one line, the traceback on request
        if os.environ.get("JIEDU_DEBUG"):
            raise
        say(f"unexpected error: {type(exc).__name__}: {exc} (JIEDU_DEBUG=1 shows the traceback)")
        return 70
