"""Where jiedu keeps its files: library, cache, config, and the bundled resources.

Everything goes through this module so that tests can redirect it with the
``JIEDU_HOME`` environment variable (one directory holding data, cache and config).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "jiedu"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _home_override() -> Path | None:
    value = os.environ.get("JIEDU_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home_override()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    home = _home_override()
    path = home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = _home_override()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_library_path() -> Path:
    return data_dir() / "library.sqlite3"


def state_path() -> Path:
    """The reader's saved state (last article, filters, scroll)."""
    return config_dir() / "state.json"


def _bundled(name: str) -> Path:
    """A directory shipped with the package (installed) or at the repo top (checkout)."""
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def seeds_dir() -> Path:
    return _bundled("seeds")


def styles_dir() -> Path:
    return _bundled("styles")


def data_file(name: str) -> Path:
    """A YAML data file of the core (company aliases, lexicons, vocabularies)."""
    return _PACKAGE_DIR / "data" / name
