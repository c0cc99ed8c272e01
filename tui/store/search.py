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
    conn.execute(
        "INSERT INTO article_fts(docid, title, body) VALUES (?, ?, ?)",
        (seq, search_tokens(title), search_tokens(body)),
    )


def unindex_article(conn: sqlite3.Connection, seq: int) -> None:
    """Remove an article from the index; call before its row changes."""
    conn.execute("DELETE FROM article_fts WHERE docid = ?", (seq,))


def query_terms(query: str) -> list[str]:
    from tui.text.script import to_simplified

    return [search_key(to_simplified(t)) for t in query.split() if t.strip()]


def _has_border(term: str) -> bool:
    """The term overlaps itself (哈哈 in 哈哈哈): index counts overlaps, str.count not."""
    return any(term[:k] == term[-k:] for k in range(1, len(term)))


def search(conn: sqlite3.Connection, query: str, ids: Iterable[str] | None = None) -> list[str]:
    """Ids of articles whose title or body contain every term, best first.

    Score: for each term, ten per occurrence in the title plus one per occurrence
    in title and body (non-overlapping occurrences, as ``str.count`` counts).
    """
    terms = query_terms(query)
    if not terms:
        return []
    match = " ".join(phrase(t) for t in terms)
    rows = conn.execute(
        "SELECT a.id, a.title_simplified, b.body_simplified, matchinfo(article_fts, 'y') AS mi"
        " FROM article_fts JOIN articles a ON a.seq = article_fts.docid"
        " JOIN article_bodies b ON b.seq = a.seq WHERE article_fts MATCH ?"
        if any(_has_border(t) for t in terms)
        else "SELECT a.id, NULL AS title_simplified, NULL AS body_simplified,"
        " matchinfo(article_fts, 'y') AS mi"
        " FROM article_fts JOIN articles a ON a.seq = article_fts.docid"
        " WHERE article_fts MATCH ?",
        (match,),
    ).fetchall()
    allowed = set(ids) if ids is not None else None
    scored: list[tuple[int, str]] = []
    for row in rows:
        article_id = row[0]
        if allowed is not None and article_id not in allowed:
            continue
        if row[1] is not None:
            title = search_key(row[1])
            text = title + "\n" + search_key(row[2])
            score = sum(10 * title.count(t) + text.count(t) for t in terms)
        else:
            hits = array("I", row[3])
            score = sum(11 * hits[2 * i] + hits[2 * i + 1] for i in range(len(terms)))
        scored.append((-score, article_id))
    scored.sort()
    return [article_id for _, article_id in scored]
