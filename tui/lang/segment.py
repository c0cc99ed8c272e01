"""jiedu's jieba tokenizer: the stock dictionary plus jiedu's own words.

Company aliases (data/companies.yaml) and topic keywords (data/topics.yaml) are
added as user words so that they come out as whole words: 阿里云 stays one word
instead of 阿里 + 云, 资本开支 one word instead of 资本 + 开支.

The stock dictionary is loaded once per process (``tui.text.dictionary``); this
tokenizer starts from a copy of its frequencies (tens of milliseconds instead of a
second load), so the stock tokenizer the mojibake repair scores with keeps the
stock words. It is built lazily, once, always with the same words, so segmentation
never depends on call order.

``tokens`` keeps the segmentation of the last few texts: the company finder, the
tag extractor and the figure extractor all ask for the same article text, and it
is cut only once.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from tui.lang import lexicon
from tui.text import dictionary
from tui.text.han import has_han

if TYPE_CHECKING:
    import jieba

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_RECENT_TEXTS = 8


def has_cjk(word: str) -> bool:
    return has_han(word)


def _user_words() -> list[str]:
    return lexicon.user_words()


def _build() -> jieba.Tokenizer:
    import jieba

    stock = dictionary.stock()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(stock.FREQ)
    tok.total = stock.total
    tok.initialized = True
    for word in _user_words():
        # Without a frequency jieba suggests one just high enough for the word to be
        # cut out whole when it stands alone, so it does not swallow its neighbours.
        tok.add_word(word)
    return tok


def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer with jiedu's user words (built on first use)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _build()
    return _tokenizer


@lru_cache(maxsize=_RECENT_TEXTS)
def _cut(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(tokenizer().tokenize(text, HMM=False))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of the text (no HMM guessing of new words)."""
    return list(_cut(text))
