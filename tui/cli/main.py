"""argparse CLI: ``python -m tui [PATHS…]`` opens the reader; subcommands do the rest."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence

from tui import __version__
from tui.cli.common import load_articles, resolve_paths
from tui.text.models import Article

# Subcommand modules that provide ``register(subparsers)``; missing ones are skipped.
_PLUGIN_MODULES = ("tui.cli.figures", "tui.cli.bench", "tui.cli.pick")


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
    except (OSError, DecodeError) as exc:
        print(f"jiedu: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    is_html = name.lower().endswith((".html", ".htm")) or None
    article = clean_text(text, source_path=name, encoding=encoding, is_html=is_html)
    for warning in article.warnings:
        print(f"jiedu: {name}: warning: {warning}", file=sys.stderr)
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
    try:
        from tui.app import run_reader
    except ImportError:  # the reader is not built yet: list titles
        articles, status = load_articles(paths, args.library)
        for article in articles:
            print(article.title)
        return status
    return run_reader(paths, args.library)


def build_parser() -> argparse.ArgumentParser:
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

    for module_name in _PLUGIN_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        module.register(sub)
    for choice in sub.choices.values():
        if not any(a.dest == "library" for a in choice._actions):
            _add_library_option(choice)
        if not any(a.dest == "paths" for a in choice._actions):
            choice.set_defaults(paths=[])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()
    first = next((a for a in args_list if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help", "--version") for a in args_list)
    if not wants_help and (first is None or first not in commands):
        args_list = ["read", *args_list]
    args = parser.parse_args(args_list)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except BrokenPipeError:  # e.g. piped into head: not an error of ours
        sys.stderr.close()
        return 0
