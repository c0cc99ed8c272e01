"""jiedu's word segmentation: jieba's algorithm on the shared dictionary trie,
plus jiedu's own words.

The cut is jieba's precise mode without its HMM guessing of new words
(``jieba.Tokenizer.cut(text, HMM=False)``), reimplemented on
``tui.text.dictionary`` (a memory-mapped trie instead of jieba's 600,000-entry
dict): the text is split into runs of Han, Latin and digits, each run is cut by
the most probable route through the words it holds (log frequencies over the
dictionary's total, ties to the longer word), and single Latin letters and
digits are glued back together. A test checks the words equal jieba's own on the
seeds and generated articles.

Company aliases (data/companies.yaml) and topic keywords (data/topics.yaml) are
added as user words the way ``jieba.Tokenizer.add_word`` adds them (a frequency
just high enough for the word to be cut out whole, the total raised by it), so
阿里云 stays one word instead of 阿里 + 云, 资本开支 one word instead of 资本 + 开支.
It is built lazily, once, always with the same words, so segmentation never
depends on call order.

``tokens`` keeps the segmentation of the last few texts: the company finder, the
tag extractor and the figure extractor all ask for the same article text, and it
is cut only once.
"""

from __future__ import annotations

import math
import operator
import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache, partial
from itertools import accumulate, chain, compress

from tui.lang import lexicon
from tui.text import dictionary
from tui.text.data import derived, keep_derived
from tui.text.han import has_han

# jieba's block patterns (jieba.re_han_default, re_skip_default, re_eng).
_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_LATIN_CHAR = re.compile("[a-zA-Z0-9]")

_STARTS_CACHE = 200_000  # starts (two characters or more) whose words are kept
_LONGER: tuple[tuple[int, float], ...] = ((0, 0.0),)
"""Marks two characters that begin a longer dictionary word (compared by identity)."""

_lock = threading.Lock()
_segmenter: Segmenter | None = None
_RECENT_TEXTS = 8
_BLOCK_CACHE = 30_000
"""Blocks whose cut is remembered: a block is a clause between punctuation, and
clippings repeat their clauses (one story syndicated, a paragraph quoted again), so
most blocks of an import were cut before. Cleared when full."""
_SHAPE_CACHE = 30_000
"""Cuts of blocks with digits, by the block's shape (every digit written 0): the
clauses of figures (营收达到1234亿元) repeat with other numbers."""
_DIGITS = re.compile("[0-9]")
_TO_ZERO = str.maketrans("123456789", "000000000")
_DIGIT_WORDS = "segment_digit_words.json"
_is_none = partial(operator.is_, None)


def has_cjk(word: str) -> bool:
    return has_han(word)


class Segmenter:
    """jieba's precise cut (no HMM) over a dictionary plus added words."""

    def __init__(self, words: dictionary.Dictionary, added: Iterable[str] = ()) -> None:
        self.words = words
        self.total = words.total
        self._added: dict[str, int] = {}
        self._added_by_first: dict[str, list[str]] = {}
        self._added_prefixes: set[str] = set()
        self._logtotal = math.log(self.total)
        self._blocks: dict[str, tuple[str, ...]] = {}
        self._shapes: dict[str, tuple[int, ...]] = {}
        self._starts: dict[str, tuple[tuple[int, float], ...]] = {}
        self._digit_words: re.Pattern[str] | None = None
        for word in added:
            self.add_word(word)

    # -- the dictionary, as jieba's FREQ would answer --------------------------------

    def freq_get(self, word: str, default: int) -> int:
        """``jieba.Tokenizer.FREQ.get(word, default)``: a word's frequency, 0 for a
        prefix of a word that is not a word itself, else ``default``."""
        if word in self._added:
            return self._added[word]
        found = self.words.get(word)
        if found is not None:
            return found
        if word in self._added_prefixes or self.words.is_prefix(word):
            return 0
        return default

    def add_word(self, word: str) -> None:
        """``jieba.Tokenizer.add_word(word)`` with the frequency jieba suggests."""
        freq = 1.0
        for piece in self.cut(word):
            freq *= self.freq_get(piece, 1) / self.total
        count = max(int(freq * self.total) + 1, self.freq_get(word, 1))
        if word not in self._added:
            self._added_by_first.setdefault(word[0], []).append(word)
        self._added[word] = count
        self.total += count
        self._logtotal = math.log(self.total)
        self._added_prefixes.update(word[:i] for i in range(1, len(word)))
        self._blocks.clear()  # cut with other words and totals
        self._shapes.clear()
        self._starts.clear()
        self._digit_words = None

    # -- cutting ---------------------------------------------------------------------

    def _best_route(self, block: str) -> list[int]:
        """For each position, the end of the word the most probable route takes."""
        size = len(block)
        logtotal = self._logtotal
        log = math.log
        added = self._added
        added_by_first = self._added_by_first
        score = [0.0] * (size + 1)
        ends = [0] * (size + 1)
        starts = self._starts
        longer = _LONGER
        no_route = -math.inf
        for start in range(size - 1, -1, -1):
            best = no_route
            best_end = -1
            entries = starts.get(block[start : start + 2])
            if entries is None or entries is longer:
                entries = self._entries(block, start)
            for length, logp in entries:
                end = start + length
                value = logp + score[end]
                if value > best or (value == best and end > best_end):
                    best, best_end = value, end
            for word in added_by_first.get(block[start], ()):
                if block.startswith(word, start):
                    end = start + len(word)
                    value = log(added[word]) - logtotal + score[end]
                    if value > best or (value == best and end > best_end):
                        best, best_end = value, end
            if best_end < 0:  # no word here: the character on its own
                best, best_end = score[start + 1] - logtotal, start + 1
            score[start] = best
            ends[start] = best_end
        return ends

    def _entries(self, block: str, start: int) -> tuple[tuple[int, float], ...]:
        """(length, log probability) of the dictionary words that begin at ``start``,
        added words left out (they are scored with their own frequency).

        Kept by the shortest start (two characters or more) that no longer word
        begins with: the words at ``start`` are then the words that start is made
        of. A start that longer words begin with is marked ``_LONGER`` and the next
        character is added; at the end of the block, or at the longest word's
        length, the whole window is looked up."""
        starts = self._starts
        size = len(block)
        longest = self.words.longest
        length = 2
        while True:
            key = block[start : start + length]
            entries = starts.get(key)
            if entries is None:
                if len(starts) >= _STARTS_CACHE:
                    starts.clear()
                entries = starts[key] = _LONGER if self._extends(key) else self._words_at(key)
            if entries is not _LONGER:
                return entries
            if start + length >= size or length >= longest:
                return self._words_at(block[start : start + longest])
            length += 1

    def _extends(self, pair: str) -> bool:
        """Whether a dictionary word longer than ``pair`` begins with it."""
        if len(pair) < 2:
            return False
        found = self.words.trie.iterkeys(pair)
        first, second = next(found, None), next(found, None)
        return second is not None or (first is not None and first != pair)

    def _words_at(self, window: str) -> tuple[tuple[int, float], ...]:
        logtotal = self._logtotal
        added = self._added
        return tuple(
            (len(word), math.log(freq) - logtotal)
            for word, freq in self.words.words_at(window, 0)
            if freq and word not in added
        )

    def _cut_block(self, block: str) -> Iterator[str]:
        ends = self._best_route(block)
        size = len(block)
        start = 0
        glued = ""
        while start < size:
            end = ends[start]
            word = block[start:end]
            if end - start == 1 and _LATIN_CHAR.match(word):
                glued += word
            else:
                if glued:
                    yield glued
                    glued = ""
                yield word
            start = end
        if glued:
            yield glued

    def cut(self, text: str) -> Iterator[str]:
        """The words of ``text`` in order (joined, they give ``text`` back)."""
        yield from self.words_of(text)

    def words_of(self, text: str) -> list[str]:
        """``cut`` as a list, built without generators (an article has thousands of
        words). A block's cut is remembered (see ``_BLOCK_CACHE``), a block with
        digits by its shape (see ``_cut_numbered``)."""
        blocks = self._blocks
        # _BLOCK has one group: split alternates text between blocks and blocks. The
        # text between blocks (punctuation, spaces: ，, 。\n\n) is remembered too, in the
        # same table: it never holds a block character, so the keys never clash.
        pieces = _BLOCK.split(text)
        known = list(map(blocks.get, pieces))  # the lookups in C: most pieces are known
        for number in compress(range(len(pieces)), map(_is_none, known)):
            block = pieces[number]
            cut = blocks.get(block)  # cut since the lookups (a clause said twice)
            if cut is not None or not block:
                known[number] = cut or ()
                continue
            if number % 2 and _DIGITS.search(block):
                found = self._cut_numbered(block)
                if found is not None:
                    known[number] = found
                    continue
            if len(blocks) >= _BLOCK_CACHE:
                blocks.clear()
            known[number] = blocks[block] = (
                tuple(self._cut_block(block)) if number % 2 else _cut_between(block)
            )
        return list(chain.from_iterable(known))

    def _cut_numbered(self, block: str) -> list[str] | None:
        """The cut of a block with digits, from the cut of its shape (each digit
        written 0), or None when a word with a digit in it (4S店, 360集团, 理想L6)
        occurs in the block or its shape: then the digits may change the cut.

        Otherwise no word at any position holds a digit, so the words that begin at
        each position are the same in the block and its shape (a digit-free word
        that begins there is the same text in both), the route is scored with the
        same numbers in the same order, and a lone digit is glued to its neighbours
        as a lone 0 is: the cut has the same word lengths."""
        digit_words = self._digit_words_pattern()
        if digit_words.search(block):
            return None
        shape = block.translate(_TO_ZERO)
        shapes = self._shapes
        lengths = shapes.get(shape)
        if lengths is None:
            if digit_words.search(shape):
                return None
            if len(shapes) >= _SHAPE_CACHE:
                shapes.clear()
            lengths = shapes[shape] = tuple(map(len, self._cut_block(shape)))
        words = []
        start = 0
        for length in lengths:
            words.append(block[start : start + length])
            start += length
        return words

    def _digit_words_pattern(self) -> re.Pattern[str]:
        """Finds the dictionary's and the added words that hold an ASCII digit."""
        if self._digit_words is None:
            found = [*_dictionary_digit_words(self.words), *self._added]
            found = sorted({w for w in found if _DIGITS.search(w)}, key=len, reverse=True)
            self._digit_words = re.compile("|".join(map(re.escape, found)) or "(?!)")
        return self._digit_words

    def tokenize(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(word, start, end) for every word of ``text``."""
        yield from self.spans(text)

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """``tokenize`` as a list."""
        words = self.words_of(text)
        ends = list(accumulate(map(len, words)))
        starts = [0, *ends[:-1]] if ends else []
        return list(zip(words, starts, ends, strict=True))


def _cut_between(text: str) -> tuple[str, ...]:
    """The words of text between blocks: each space or line end one word, each other
    character one word (jieba's cut of what its block pattern leaves)."""
    words: list[str] = []
    for piece in _SKIP.split(text):
        if _SKIP.match(piece):
            words.append(piece)
        else:
            words.extend(piece)
    return tuple(words)


def digit_words(words: dictionary.Dictionary) -> list[str]:
    """The words of a dictionary that hold an ASCII digit (4S店, 1号店)."""
    found = re.findall(r"^[^\n0-9]*[0-9][^\n]*$", "\n".join(words.trie.keys()), re.MULTILINE)
    return sorted(found)


def _dictionary_digit_words(words: dictionary.Dictionary) -> list[str]:
    """``digit_words`` of the dictionary; jieba's stock dictionary's from the bundled
    derived table (reading every word takes a tenth of a second)."""
    if words is not dictionary.stock():
        return digit_words(words)
    key = f"{dictionary.jieba_version()}:default"
    stored = derived(_DIGIT_WORDS, key)
    if stored is not None and isinstance(stored.get("words"), list):
        return [str(word) for word in stored["words"]]
    found = digit_words(words)
    keep_derived(_DIGIT_WORDS, key, {"words": found})
    return found


def segmenter() -> Segmenter:
    """The shared segmenter with jiedu's user words (built on first use)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = Segmenter(dictionary.stock(), lexicon.user_words())
    return _segmenter


@lru_cache(maxsize=_RECENT_TEXTS)
def _cut_words(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    words = segmenter().words_of(text)
    return tuple(words), tuple(accumulate(map(len, words)))


@lru_cache(maxsize=_RECENT_TEXTS)
def _cut(text: str) -> tuple[tuple[str, int, int], ...]:
    words, ends = _cut_words(text)
    starts = (0, *ends[:-1]) if ends else ()
    return tuple(zip(words, starts, ends, strict=True))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of the text (no HMM guessing of new words)."""
    return list(_cut(text))


def words_and_ends(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """``tokens`` as two shared tuples, the words and where each ends (it starts at its
    end minus its length): for readers that only loop, without a (word, start, end)
    tuple built for each of an article's thousands of words."""
    return _cut_words(text)
