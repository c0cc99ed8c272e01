"""The reader's saved state: last article, filters, search, script and scroll position.

Kept per library and set of opened paths in one small JSON file
(``tui.text.paths.state_path()``), so opening another directory does not bring
back filters and an article from elsewhere. It is written atomically so a crash
never leaves it half-written. A missing or broken
file simply means a fresh start.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tui.text import paths as app_paths

STATE_VERSION = 1


@dataclass
class ReaderState:
    """What the reader restores when it is opened again on the same library."""

    article_id: str | None = None
    top_line: int = 0
    companies: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    query: str = ""
    simplified: bool = False
    figures_panel: bool | None = None  # None: decided by the terminal width
    theme: str | None = None  # None: Textual's default
    top_block: int = -1  # the place as (block, line within it), width-independent; -1: none
    top_offset: int = 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReaderState:
        def strings(value: Any) -> list[str]:
            return [str(v) for v in value] if isinstance(value, list) else []

        article_id = data.get("article_id")
        top = data.get("top_line")
        block = data.get("top_block")
        offset = data.get("top_offset")
        panel = data.get("figures_panel")
        theme = data.get("theme")

        def count(value: Any, default: int) -> int:
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
            return default

        return cls(
            article_id=str(article_id) if article_id else None,
            top_line=count(top, 0),
            top_block=count(block, -1),
            top_offset=count(offset, 0),
            theme=theme if isinstance(theme, str) and theme else None,
            companies=strings(data.get("companies")),
            tags=strings(data.get("tags")),
            query=str(data.get("query") or ""),
            simplified=bool(data.get("simplified", False)),
            figures_panel=panel if isinstance(panel, bool) else None,
        )


def _read_all(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        return {}
    return data


def _key(library_path: str | Path, paths: Sequence[str | Path] | None = None) -> str:
    key = str(Path(library_path).resolve())
    if paths:
        opened = sorted({str(Path(p).expanduser().resolve()) for p in paths})
        key += "\n" + "\n".join(opened)
    return key


def load_state(
    library_path: str | Path,
    path: Path | None = None,
    paths: Sequence[str | Path] | None = None,
) -> ReaderState:
    """The saved state for ``library_path`` opened on ``paths`` (fresh when there is none)."""
    data = _read_all(path or app_paths.state_path())
    entry = (data.get("libraries") or {}).get(_key(library_path, paths))
    return ReaderState.from_dict(entry) if isinstance(entry, dict) else ReaderState()


def save_state(
    library_path: str | Path,
    state: ReaderState,
    path: Path | None = None,
    paths: Sequence[str | Path] | None = None,
) -> None:
    """Store ``state`` for ``library_path`` opened on ``paths``, keeping the others."""
    target = path or app_paths.state_path()
    data = _read_all(target)
    libraries = data.get("libraries")
    if not isinstance(libraries, dict):
        libraries = {}
    libraries[_key(library_path, paths)] = asdict(state)
    payload = json.dumps(
        {"version": STATE_VERSION, "libraries": libraries}, ensure_ascii=False, indent=1
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
    tmp.write_text(payload, encoding="utf-8")
    os.replace(tmp, target)
