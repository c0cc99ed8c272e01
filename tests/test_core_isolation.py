"""The core never imports textual: checked in a fresh interpreter."""

from __future__ import annotations

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
