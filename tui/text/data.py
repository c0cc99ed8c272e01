"""The one loader for jiedu's bundled data files (``tui/data/*.yaml``).

Each file is parsed once per process with the C YAML loader when PyYAML has it
(several times faster than the pure-Python one) and cached. A missing or empty
file reads as ``{}``. Callers must not mutate the returned mapping.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from tui.text.paths import data_file

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Parse YAML text with the fastest safe loader available."""
    return yaml.load(text, Loader=_Loader)


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """The mapping in ``tui/data/<name>`` (``{}`` when the file is empty)."""
    with data_file(name).open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Loader)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data
