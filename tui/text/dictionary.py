"""jieba's stock dictionary, loaded once per process for every part of jiedu.

``stock()`` is jieba's default tokenizer (``jieba.dt``), initialised on first use
with its logging silenced ("Building prefix dict…" never reaches stderr) and its
cache file (``jieba.cache``) kept in jiedu's cache directory instead of the system
temporary directory. The mojibake repair and the decoder read its word frequencies;
the segmenter (``tui.lang.segment``) builds jiedu's tokenizer on a copy of them
plus the lexicon's user words, so the dictionary file is parsed once, not twice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tui.text.paths import cache_dir

if TYPE_CHECKING:
    import jieba

_lock = threading.Lock()


def silence() -> None:
    """Keep jieba's progress messages off stderr."""
    import jieba

    jieba.setLogLevel(logging.CRITICAL + 10)


def _pickle_path(jieba_version: str) -> Path:
    return cache_dir() / f"jieba-{jieba_version}.pickle"


def _load_pickled(tok: jieba.Tokenizer, path: Path) -> bool:
    """Fill ``tok`` from our pickle of its prefix dictionary (pickle protocol 5
    loads three times faster than jieba's own marshal cache: 0.5 s, not 1.6 s)."""
    try:
        with open(path, "rb") as handle:
            freq, total = pickle.load(handle)
    except Exception:  # missing, partial or from another Python: rebuild it
        return False
    if not isinstance(freq, dict) or not isinstance(total, int):
        return False
    tok.FREQ, tok.total, tok.initialized = freq, total, True
    return True


def _save_pickled(tok: jieba.Tokenizer, path: Path) -> None:
    with contextlib.suppress(OSError):
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((tok.FREQ, tok.total), handle, protocol=5)
            os.replace(temp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def stock() -> jieba.Tokenizer:
    """jieba's default tokenizer with its stock dictionary loaded (once per process)."""
    import jieba

    tok = jieba.dt
    if not tok.initialized:
        with _lock:
            if not tok.initialized:
                silence()
                path = _pickle_path(jieba.__version__)
                if tok.dictionary == jieba.DEFAULT_DICT and _load_pickled(tok, path):
                    return tok
                with contextlib.suppress(OSError):
                    tok.tmp_dir = str(cache_dir())
                tok.initialize()
                if tok.dictionary == jieba.DEFAULT_DICT:
                    _save_pickled(tok, path)
    return tok


def frequencies() -> dict[str, int]:
    """Word -> frequency in the stock dictionary (0 for prefixes of words)."""
    return stock().FREQ
