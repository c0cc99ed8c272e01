"""The core never imports textual: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "tui" / "core"


def test_core_modules_do_not_import_textual() -> None:
    modules = sorted(
        "tui.core." + p.relative_to(CORE).with_suffix("").as_posix().replace("/", ".")
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    assert "tui.core.cleaner" in modules and "tui.core.library" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from tui.core.loading import load\n"
        "from tui.core.cleaner import clean_text\n"
        "docs = [d for d in load([sys.argv[1]]) if hasattr(d, 'text')]\n"
        "clean_text(docs[0].text, source_path=docs[0].path)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('TEXTUAL:' + ','.join(bad))\n"
    )
    seeds = str(CORE.parent.parent / "seeds")
    out = subprocess.run(
        [sys.executable, "-c", code, seeds], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "TEXTUAL:"
