"""jieba's stock dictionary as a memory-mapped trie, loaded once per process.

jieba keeps its dictionary as a Python dict of every word *and every prefix of a
word* (about 600,000 entries): built from ``dict.txt`` it takes 2-4 s, loaded
from a cache about 1 s, and each process holds it twice (jieba's tokenizer and a
copy with jiedu's words) at well over 100 MB. Here the same words live in a
`marisa-trie <https://github.com/pytries/marisa-trie>`_ (a compact C++ trie),
their frequencies and part-of-speech tags in two arrays indexed by the trie's key
ids. The files are bundled (``tui/data/derived/jieba-dict.*``, made for the jieba
version jiedu ships with; a test checks they equal a fresh build) and memory-
mapped: loading takes milliseconds and the pages are shared between processes.
For another jieba version or dictionary they are built once into the cache
directory.

``Dictionary.words_at`` lists the dictionary words that start at a position in
one C call, which is what both jieba's segmentation (``tui.lang.segment``) and
the mojibake scoring walk.
"""

from __future__ import annotations

import array
import contextlib
import importlib.metadata
import importlib.util
import json
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import marisa_trie

from tui.text.paths import cache_dir, data_file

NAME = "jieba-dict"
_FORMAT = 1
_MEMO_SIZE = 100_000
_lock = threading.Lock()
_loaded: Dictionary | None = None


@dataclass(frozen=True)
class Dictionary:
    """Words of jieba's dictionary with their frequency and part-of-speech tag."""

    trie: marisa_trie.Trie
    freqs: array.array  # type: ignore[type-arg]  # frequency by key id
    tag_ids: bytes  # index into ``tag_names`` by key id
    tag_names: tuple[str, ...]
    idfs: array.array  # type: ignore[type-arg]  # jieba.analyse's IDF by key id (0: none)
    median_idf: float
    total: int  # sum of every line's frequency (jieba's ``total``)
    longest: int  # characters in the longest word
    memo: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)
    """Frequencies looked up lately (the decoder and the repair ask for the same
    characters and pairs again and again)."""

    def _key(self, word: str) -> int | None:
        try:
            return self.trie.get(word)
        except UnicodeEncodeError:  # a raw byte carried as a surrogate: never a word
            return None

    def freq(self, word: str) -> int:
        """The word's frequency; 0 when it is not a word."""
        return self.get(word) or 0

    def get(self, word: str) -> int | None:
        """The word's frequency; None when it is not a word."""
        memo = self.memo
        if word in memo:
            return memo[word]
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        key = self._key(word)
        found = memo[word] = None if key is None else self.freqs[key]
        return found

    def is_prefix(self, text: str) -> bool:
        """Whether some word starts with ``text`` (or is ``text``)."""
        try:
            return next(self.trie.iterkeys(text), None) is not None
        except UnicodeEncodeError:
            return False

    def tag(self, word: str) -> str | None:
        """The word's part-of-speech tag in jieba's dictionary (n, v, nz…)."""
        key = self._key(word)
        return None if key is None else self.tag_names[self.tag_ids[key]]

    def idf(self, word: str) -> float:
        """The word's inverse document frequency in jieba's keyword table (the
        table's median for words it does not list)."""
        key = self._key(word)
        value = 0.0 if key is None else self.idfs[key]
        return value or self.median_idf

    def words_at(self, text: str, start: int) -> list[tuple[str, int]]:
        """(word, frequency) for every word that ``text[start:]`` begins with,
        shortest first."""
        window = text[start : start + self.longest]
        try:
            found = list(self.trie.iter_prefixes_with_ids(window))
        except UnicodeEncodeError:  # raw bytes (surrogates): look up to the first one
            cut = next(i for i, ch in enumerate(window) if "\ud800" <= ch <= "\udfff")
            found = list(self.trie.iter_prefixes_with_ids(window[:cut])) if cut else []
        freqs = self.freqs
        return [(word, freqs[key]) for word, key in found]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        """(word, frequency) for every word."""
        freqs = self.freqs
        for word, key in self.trie.iteritems():
            yield word, freqs[key]


# -- building -----------------------------------------------------------------------


def _jieba_directory() -> Path:
    """jieba's package directory, found without importing jieba (its import loads
    the HMM tables)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).parent


def jieba_version() -> str:
    return importlib.metadata.version("jieba")


def source_file() -> Path:
    """jieba's stock dictionary file."""
    return _jieba_directory() / "dict.txt"


def idf_file() -> Path:
    """jieba's keyword IDF table."""
    return _jieba_directory() / "analyse" / "idf.txt"


def source_key(path: Path) -> str:
    """What the built files are made from: format, jieba's version and the sizes of
    its two files (a stat, not a read: hashing their 11 MB took longer than
    loading the trie, on every start)."""
    sizes = [str(path.stat().st_size)]
    with contextlib.suppress(OSError):
        sizes.append(str(idf_file().stat().st_size))
    return f"{_FORMAT}:{jieba_version()}:{path.name}:{':'.join(sizes)}"


def read_idf() -> tuple[dict[str, float], float]:
    """jieba's keyword IDF table and its median (about a second to parse)."""
    table: dict[str, float] = {}
    with contextlib.suppress(OSError):
        for line in idf_file().read_text(encoding="utf-8").splitlines():
            word, _, value = line.strip().partition(" ")
            if word and value:
                table[word] = float(value)
    median = sorted(table.values())[len(table) // 2] if table else 0.0
    return table, median


def build(source: Path, directory: Path) -> Dictionary:
    """Build the trie and tables from a jieba dictionary file (and jieba's IDF
    table) into ``directory`` (as ``jieba-dict.*``; written atomically) and load them."""
    lines: dict[str, tuple[int, str]] = {}
    total = 0
    for raw in source.read_text(encoding="utf-8").splitlines():
        parts = raw.strip().split(" ")
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        freq = int(parts[1])
        total += freq  # jieba counts every line, a repeated word too
        lines[parts[0]] = (freq, parts[2] if len(parts) > 2 else "")
    trie = marisa_trie.Trie(lines)
    tag_names = tuple(sorted({tag for _, tag in lines.values()}))
    tag_index = {tag: i for i, tag in enumerate(tag_names)}
    idf_table, median = read_idf()
    freqs = array.array("I", bytes(4 * len(trie)))
    idfs = array.array("f", bytes(4 * len(trie)))
    tags = bytearray(len(trie))
    for word, key in trie.iteritems():
        freq, tag = lines[word]
        freqs[key] = freq
        tags[key] = tag_index[tag]
        idfs[key] = idf_table.get(word, 0.0)
    meta = {
        "key": source_key(source),
        "total": total,
        "longest": max(map(len, lines), default=1),
        "tags": list(tag_names),
        "median_idf": median,
        "byteorder": sys.byteorder,
    }
    directory.mkdir(parents=True, exist_ok=True)
    suffix = f".{os.getpid()}.tmp"
    parts_out = {
        ".marisa": trie.tobytes(),
        ".freq": freqs.tobytes(),
        ".tags": bytes(tags),
        ".idf": idfs.tobytes(),
        ".json": json.dumps(meta).encode("utf-8"),
    }
    for ext, payload in parts_out.items():  # the .json last: it marks a complete set
        partial = directory / f"{NAME}{ext}{suffix}"
        partial.write_bytes(payload)
        os.replace(partial, directory / f"{NAME}{ext}")
    loaded = _load(directory, meta["key"])
    if loaded is None:  # pragma: no cover - just written
        raise RuntimeError(f"could not read the dictionary just built in {directory}")
    return loaded


def _load(directory: Path, key: str) -> Dictionary | None:
    """The files in ``directory`` when they were made for ``key``, else None."""
    try:
        meta = json.loads((directory / f"{NAME}.json").read_text(encoding="utf-8"))
        if meta.get("key") != key or meta.get("byteorder") != sys.byteorder:
            return None
        trie = marisa_trie.Trie()
        trie.mmap(str(directory / f"{NAME}.marisa"))
        freqs = array.array("I")
        freqs.frombytes((directory / f"{NAME}.freq").read_bytes())
        tag_ids = (directory / f"{NAME}.tags").read_bytes()
        idfs = array.array("f")
        idfs.frombytes((directory / f"{NAME}.idf").read_bytes())
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    if not len(freqs) == len(tag_ids) == len(idfs) == len(trie):
        return None
    return Dictionary(
        trie=trie,
        freqs=freqs,
        tag_ids=tag_ids,
        tag_names=tuple(meta["tags"]),
        idfs=idfs,
        median_idf=float(meta["median_idf"]),
        total=int(meta["total"]),
        longest=int(meta["longest"]),
    )


def bundled_directory() -> Path:
    return data_file("derived")


def stock() -> Dictionary:
    """jieba's stock dictionary (once per process): the bundled files, else the
    cache directory's, else built there from jieba's file."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                source = source_file()
                key = source_key(source)
                found = _load(bundled_directory(), key) or _load(cache_dir(), key)
                if found is None:
                    with contextlib.suppress(OSError):
                        found = build(source, cache_dir())
                _loaded = found or build(source, Path(_temporary_directory()))
    return _loaded


def _temporary_directory() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="jiedu-dict-")
