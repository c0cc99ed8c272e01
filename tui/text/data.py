"""The one loader for jiedu's bundled data files (``tui/data/*.yaml``), and the
one home of derived tables (``derived`` / ``keep_derived``).

Each YAML file is parsed once per process with the C YAML loader when PyYAML has
it (several times faster than the pure-Python one) and cached. A missing or empty
file reads as ``{}``. Callers must not mutate the returned mapping.

Derived tables are computed from a dependency's data (jieba's dictionary and IDF
table) and stored as JSON with the key they were made for: in the cache
directory, and bundled in ``tui/data/derived/`` for the versions jiedu ships
with, so that a first start does not spend seconds recomputing them.
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import cache
from typing import Any

from tui.text.paths import cache_dir, data_file


@cache
def _loader() -> Any:
    """The fastest safe YAML loader (PyYAML is imported on first use: a reader
    that only reads its library paints without it)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Parse YAML text with the fastest safe loader available."""
    import yaml

    return yaml.load(text, Loader=_loader())


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """The mapping in ``tui/data/<name>`` (``{}`` when the file is empty)."""
    import yaml

    with data_file(name).open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_loader())
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


def derived(name: str, key: str) -> dict[str, Any] | None:
    """The derived table ``name`` made for ``key``: from the cache directory, else
    the bundled copy, else None (compute it and ``keep_derived`` it)."""
    for path in (cache_dir() / name, data_file("derived") / name):
        with contextlib.suppress(OSError, ValueError):
            stored = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(stored, dict) and stored.get("key") == key:
                return stored
    return None


def keep_derived(name: str, key: str, payload: dict[str, Any]) -> None:
    """Store a derived table in the cache directory (atomically; failures ignored)."""
    cache = cache_dir() / name
    with contextlib.suppress(OSError):
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({"key": key, **payload}, ensure_ascii=False), "utf-8")
        os.replace(partial, cache)
