"""Full-text search of the library: one token per character, phrase queries.

The index (``article_fts``, SQLite FTS4 with the ``simple`` tokenizer) holds the
Simplified, case-folded title and body of every article with each character as
its own token (ASCII punctuation and spaces are mapped to private-use characters
first so that they are tokens too). A query term is a phrase of its characters,
so a match is exactly a substring match, for one character as for ten, in either
script (terms are converted to Simplified like the text). ``matchinfo(…, 'y')``
gives the number of matches of each term in the title and in the body, which is
the ranking ``Library.search`` has always used (ten per title match, one per
match anywhere), without reading any text.

Why not FTS5 trigram: it cannot answer one- and two-character queries (the most
common while typing Chinese) and FTS5's match counts are not reachable from
Python; jieba tokens would find 腾讯 but not 讯 or 腾讯云's 讯云. Measured at
10,000 synthetic articles (``python -m tui.store.synthetic_articles``), see the README.

The index is "external content": it reads an article's tokens back through the
``article_text`` view (which calls ``search_tokens``, registered on every
connection) when the article is deleted, so nothing but the index is stored twice.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable
from itertools import repeat
from operator import add, mul

# ASCII characters that the simple tokenizer would drop: each becomes a private-use
# character (a token like any other character at or above U+0080).
_TOKEN_MAP = {c: chr(0xE000 + c) for c in range(128) if not chr(c).isalnum()}


def search_key(text: str) -> str:
    """Case-folded text, as searched (the text is Simplified already)."""
    return text.casefold()


def search_tokens(text: str | None) -> str:
    """The text as index tokens: one per character, separated by spaces."""
    if not text:
        return ""
    return " ".join(search_key(text).translate(_TOKEN_MAP))


def register(conn: sqlite3.Connection) -> None:
    """The SQL function the index's content view needs."""
    conn.create_function("search_tokens", 1, search_tokens, deterministic=True)


def phrase(term: str) -> str:
    """An FTS query phrase matching ``term`` as a substring (term already a key)."""
    return '"' + " ".join(term.translate(_TOKEN_MAP)) + '"'


def index_article(conn: sqlite3.Connection, seq: int, title: str, body: str) -> None:
    index_tokens(conn, seq, search_tokens(title), search_tokens(body))


def index_tokens(conn: sqlite3.Connection, seq: int, title: str, body: str) -> None:
    """Index an article by its tokens (``search_tokens`` of its title and body)."""
    conn.execute("INSERT INTO article_fts(docid, title, body) VALUES (?, ?, ?)", (seq, title, body))


def unindex_article(conn: sqlite3.Connection, seq: int) -> None:
    """Remove an article from the index; call before its row changes."""
    conn.execute("DELETE FROM article_fts WHERE docid = ?", (seq,))


def query_terms(query: str) -> list[str]:
    from tui.text.script import to_simplified

    return [search_key(to_simplified(t)) for t in query.split() if t.strip()]


def _has_border(term: str) -> bool:
    """The term overlaps itself (哈哈 in 哈哈哈): index counts overlaps, str.count not."""
    return any(term[:k] == term[-k:] for k in range(1, len(term)))


class IdMap:
    """Article ids by index docid (``articles.seq``), read again only after the
    library changed: a search then reads docids and match counts from the index
    alone (joining ``articles`` for thousands of matches cost as much as the match).

    ``ranks`` gives each docid the place of its id in id order and ``by_rank`` the
    ids in that order, so results sort as plain integers (score, then id)."""

    def __init__(self) -> None:
        self._version: tuple[int, int, int] | None = None
        self.ranks: dict[int, int] = {}
        self.by_rank: list[str] = []

    def refresh(self, conn: sqlite3.Connection) -> IdMap:
        # data_version moves when another connection commits, total_changes when this one writes.
        version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes, id(conn))
        if version != self._version:
            cursor = conn.cursor()
            cursor.row_factory = None
            pairs = cursor.execute("SELECT id, seq FROM articles ORDER BY id").fetchall()
            self.by_rank = [article_id for article_id, _ in pairs]
            self.ranks = {seq: rank for rank, (_, seq) in enumerate(pairs)}
            self._version = version
        return self


def _scores(blobs: Iterable[bytes], terms: int) -> list[int]:
    """Each match's score from its ``matchinfo(…, 'y')`` counts (title and body per
    term): ten per title occurrence plus one per occurrence anywhere, summed over
    the terms with C-level maps over one array (not a Python loop per match)."""
    counts = array("I", b"".join(blobs))
    stride = 2 * terms
    scores: Iterable[int] = repeat(0)
    for i in range(terms):
        title, body = counts[2 * i :: stride], counts[2 * i + 1 :: stride]
        scores = map(add, scores, map(add, map(mul, title, repeat(11)), body))
    return list(scores)


def search(
    conn: sqlite3.Connection,
    query: str,
    ids: Iterable[str] | None = None,
    id_map: IdMap | None = None,
) -> list[str]:
    """Ids of articles whose title or body contain every term, best first (ties by id).

    Score: for each term, ten per occurrence in the title plus one per occurrence
    in title and body (non-overlapping occurrences, as ``str.count`` counts).
    """
    terms = query_terms(query)
    if not terms:
        return []
    match = " ".join(phrase(t) for t in terms)
    allowed = set(ids) if ids is not None else None
    if any(_has_border(t) for t in terms):
        return _search_texts(conn, terms, match, allowed)
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        "SELECT docid, matchinfo(article_fts, 'y') FROM article_fts WHERE article_fts MATCH ?",
        (match,),
    ).fetchall()
    if not rows:
        return []
    known = (id_map or IdMap()).refresh(conn)
    ranks, by_rank = known.ranks, known.by_rank
    seqs, blobs = zip(*rows, strict=True)
    if not all(map(ranks.__contains__, seqs)):  # removed since, by another process
        rows = [row for row in rows if row[0] in ranks]
        if not rows:
            return []
        seqs, blobs = zip(*rows, strict=True)
    # Score, then id, as one integer per match: -score * count + the id's rank.
    count = len(by_rank)
    scores = map(mul, _scores(blobs, len(terms)), repeat(-count))
    keys = sorted(map(add, scores, map(ranks.__getitem__, seqs)))
    found = [by_rank[key % count] for key in keys]
    return found if allowed is None else [i for i in found if i in allowed]


def _search_texts(
    conn: sqlite3.Connection, terms: list[str], match: str, allowed: set[str] | None
) -> list[str]:
    """The search for terms that overlap themselves, counted in the texts."""
    rows = conn.execute(
        "SELECT a.id, a.title_simplified, b.body_simplified"
        " FROM article_fts JOIN articles a ON a.seq = article_fts.docid"
        " JOIN article_bodies b ON b.seq = a.seq WHERE article_fts MATCH ?",
        (match,),
    ).fetchall()
    scored: list[tuple[int, str]] = []
    for article_id, title_text, body_text in rows:
        if allowed is not None and article_id not in allowed:
            continue
        title = search_key(title_text)
        text = title + "\n" + search_key(body_text)
        score = sum(10 * title.count(t) + text.count(t) for t in terms)
        scored.append((-score, article_id))
    scored.sort()
    return [article_id for _, article_id in scored]
