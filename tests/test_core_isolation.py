"""The core never imports textual: checked in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tui"
CORE_LAYERS = ("text", "clean", "lang", "figures", "store")


def test_core_modules_do_not_import_textual() -> None:
    modules = [
        "tui.pipeline",
        *sorted(
            "tui." + p.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
            for layer in CORE_LAYERS
            for p in (PACKAGE / layer).rglob("*.py")
            if p.name != "__init__.py"
        ),
    ]
    assert "tui.pipeline" in modules and "tui.store.library" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from tui.clean.loading import load\n"
        "from tui.pipeline import clean_text\n"
        "docs = [d for d in load([sys.argv[1]]) if hasattr(d, 'text')]\n"
        "clean_text(docs[0].text, source_path=docs[0].path)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('TEXTUAL:' + ','.join(bad))\n"
    )
    seeds = str(PACKAGE.parent / "seeds")
    out = subprocess.run(
        [sys.executable, "-c", code, seeds], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "TEXTUAL:"


def test_the_reader_starts_without_the_cleaner_data_and_converters() -> None:
    """What ``python -m tui`` imports before its list is painted: not PyYAML, OpenCC,
    jieba, markdown-it, the citation module nor the other commands' modules (each
    is loaded when first used, after the first paint)."""
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "main.build_parser(full=False)\n"
        "from tui.app import ReaderApp\n"
        "from tui.screens.reader import ReaderScreen\n"
        "from tui.store.library import Library\n"
        "heavy = ('yaml', 'opencc', 'jieba', 'markdown_it', 'tui.figures.citation',\n"
        "         'tui.cli.pick', 'tui.cli.bench', 'tui.cli.figures', 'tui.screens.lookup')\n"
        "print('LOADED:' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "LOADED:"


# Loaded only when the library imports files or the facts are opened, never on the
# way to the reader's first painted list (each cost 5-35 ms of the warm start).
LAZY_FOR_THE_READER = (
    "tui.store.facts_store",
    "tui.figures.facts",
    "tui.figures.lexicon",
    "tui.text.han",
)


def test_the_reader_opens_and_lists_a_library_without_the_facts_and_the_cleaner(
    tmp_path: Path,
) -> None:
    """The warm start's path (``python -m tui`` on a built library: the CLI, the app,
    opening the library and reading the list's rows) does not import the facts
    grouping, its lexicons nor the cleaner's Han tables: they load when a file is
    imported or the facts are opened, so this cannot regress silently."""
    from tui.store.synthetic_articles import build_library

    (tmp_path / "src").mkdir()
    library = build_library(tmp_path / "lib.sqlite3", 5, sources=tmp_path / "src")
    library.close()
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "from tui.app import ReaderApp\n"
        "from tui.reader_model import read_rows\n"
        "from tui.store.library import Library\n"
        "library = Library(sys.argv[1])\n"
        "rows = read_rows(library, [sys.argv[2]])\n"
        f"lazy = {LAZY_FOR_THE_READER!r}\n"
        "print(len(rows), 'LOADED:' + ','.join(m for m in lazy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "lib.sqlite3"), str(tmp_path / "src")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "JIEDU_HOME": str(tmp_path / "home")},
        cwd=PACKAGE.parent,
    ).stdout
    assert out.strip().splitlines()[-1] == "5 LOADED:"
