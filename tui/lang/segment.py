"""A dedicated jieba tokenizer carrying jiedu's own words.

Company aliases (data/companies.yaml) and topic keywords (data/topics.yaml) are
added as user words so that they come out as whole words: 阿里云 stays one word
instead of 阿里 + 云, 资本开支 one word instead of 资本 + 开支. The tokenizer is a
separate ``jieba.Tokenizer`` instance, so code using jieba's global tokenizer
(the mojibake repair's word frequencies, for instance) keeps the stock dictionary.

It is built lazily, once per process (about a second: jieba loads its dictionary),
and always with the same words, so segmentation never depends on call order.
"""

from __future__ import annotations

import logging
import threading

import jieba

from tui.text.han import has_han

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def has_cjk(word: str) -> bool:
    return has_han(word)


def _user_words() -> list[str]:
    # Imported here: companies and tags import this module for their matching.
    from tui.lang import companies, tags

    words = set(companies.user_words()) | set(tags.user_words())
    return sorted(w for w in words if has_cjk(w))


def _build() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
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


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of the text (no HMM guessing of new words)."""
    return list(tokenizer().tokenize(text, HMM=False))
