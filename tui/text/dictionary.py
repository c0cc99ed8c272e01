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
import threading
from typing import TYPE_CHECKING

from tui.text.paths import cache_dir

if TYPE_CHECKING:
    import jieba

_lock = threading.Lock()


def silence() -> None:
    """Keep jieba's progress messages off stderr."""
    import jieba

    jieba.setLogLevel(logging.CRITICAL + 10)


def stock() -> jieba.Tokenizer:
    """jieba's default tokenizer with its stock dictionary loaded (once per process)."""
    import jieba

    tok = jieba.dt
    if not tok.initialized:
        with _lock:
            if not tok.initialized:
                silence()
                with contextlib.suppress(OSError):
                    tok.tmp_dir = str(cache_dir())
                tok.initialize()
    return tok


def frequencies() -> dict[str, int]:
    """Word -> frequency in the stock dictionary (0 for prefixes of words)."""
    return stock().FREQ
