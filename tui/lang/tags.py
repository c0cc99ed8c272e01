"""Topic tags from jieba keyword extraction through a curated vocabulary.

An article's words (jieba, with the vocabulary's keywords as user words) are
weighed by TF-IDF: occurrences times jieba's inverse document frequency, so a
rare, specific word (资本开支) weighs more than a common one (应用). Each keyword
belongs to one topic of ``data/topics.yaml``; a topic's score is the sum of its
keywords' weights. Topics mentioned at least twice and scoring at least a tenth
of the best topic become tags, best first, 3 to 10 of them: when fewer qualify,
the next best vocabulary topics fill in, and only when the vocabulary has too
little to say do plain jieba keywords (nouns, minus ``data/stopwords.yaml``,
numbers and company names) complete the list.

Front-matter tags are kept as given (in Simplified script) and come first; topic
tags already among them are not repeated.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from tui.lang.companies import resolve
from tui.lang.lexicon import (  # noqa: F401 - re-exported: the vocabulary API
    Vocabulary,
    _build_vocabulary,
    vocabulary,
)
from tui.lang.lexicon import topic_words as user_words  # noqa: F401
from tui.lang.segment import words_and_ends
from tui.text import dictionary
from tui.text.data import derived, keep_derived
from tui.text.script import to_simplified

MIN_TOPICS = 3
MAX_TOPICS = 10
MIN_COUNT = 2  # occurrences before a topic counts as a subject of the article
RELATIVE_SCORE = 0.1  # share of the best topic's score a topic needs
TITLE_WEIGHT = 3  # a keyword in the title counts as this many occurrences

_FALLBACK_POS = ("n", "nz", "vn", "nt", "eng")
_NOT_A_TAG = re.compile(r"[\d%％.,，、·\-_/]|^[A-Za-z]$")
# A Latin word is a topic only as an acronym (SaaS, GPU, AIGC); other words are
# product-name parts and English filler (mini, Pro, English, tokens).
_LATIN = re.compile(r"^[A-Za-z ]+$")
_UPPER = re.compile(r"[A-Z]")


def _is_latin_filler(word: str) -> bool:
    """A Latin word that is not an acronym (fewer than two capitals): English, mini."""
    return bool(_LATIN.match(word)) and len(_UPPER.findall(word)) < 2


_VERSIONED = re.compile(r"([a-z]+)[\d.]+[a-z]?")


@dataclass(frozen=True)
class TopicScore:
    topic: str
    count: int
    score: float


@lru_cache(maxsize=1)
def _idf_table() -> tuple[dict[str, float], float]:
    """jieba's inverse document frequencies of the vocabulary's keywords, and the
    median over all words (for words it does not list).

    Read from jieba's ``idf.txt`` directly (importing ``jieba.analyse`` would load
    ``jieba.posseg`` too, seconds) and kept in the cache directory: parsing the whole
    table takes about a second, the keywords' share of it is tiny.
    """
    keywords = sorted(vocabulary().keywords)
    key = hashlib.sha1(
        "\n".join([dictionary.jieba_version(), *keywords]).encode("utf-8")
    ).hexdigest()
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
        stored = derived("tags_idf.json", key)
        if stored is not None:
            return {str(k): float(v) for k, v in stored["idf"].items()}, float(stored["median"])
    table, median = dictionary.read_idf()
    wanted = {word: table[word] for word in keywords if word in table}
    keep_derived("tags_idf.json", key, {"idf": wanted, "median": median})
    return wanted, median


def _idf(word: str) -> float:
    table, median = _idf_table()
    return table.get(word, median)


def keyword_of(word: str) -> str | None:
    """The vocabulary keyword a jieba word stands for (Qwen3 -> qwen), if any."""
    keywords = vocabulary().keywords
    key = word.casefold()
    if key in keywords:
        return key
    versioned = _VERSIONED.fullmatch(key)
    if versioned and versioned.group(1) in keywords:
        return versioned.group(1)
    return None


_KEYWORDS_KEPT = 50_000
_keywords: dict[str, str | None] = {}  # word -> keyword_of(word), for _keywords_of
_keywords_of: list[object] = [None]  # the vocabulary they were looked up in


def _keyword_counts(text: str) -> Counter[str]:
    # Each distinct word looked up once, in the order words first appear, so the
    # keywords come in the order of their first mention (their scores add up in it);
    # a word's keyword is kept for the next articles (most words come back).
    words = Counter(words_and_ends(text)[0])
    vocab = vocabulary()
    if _keywords_of[0] is not vocab:
        _keywords.clear()
        _keywords_of[0] = vocab
    known = _keywords
    counts: Counter[str] = Counter()
    for word, count in words.items():
        if word in known:
            key = known[word]
        else:
            if len(known) >= _KEYWORDS_KEPT:
                known.clear()
            key = known[word] = keyword_of(word)
        if key is not None:
            counts[key] += count
    return counts


def topic_scores(simplified_text: str, title: str | None = None) -> list[TopicScore]:
    """Vocabulary topics found in the text, best first (TF-IDF of their keywords)."""
    vocab = vocabulary()
    counts = _keyword_counts(simplified_text)
    if title:
        for key, count in _keyword_counts(title).items():
            counts[key] += count * TITLE_WEIGHT
    topic_count: Counter[str] = Counter()
    topic_score: dict[str, float] = {}
    for key, count in counts.items():
        topic = vocab.keywords[key]
        topic_count[topic] += count
        topic_score[topic] = topic_score.get(topic, 0.0) + count * _idf(key)
    order = {topic: i for i, topic in enumerate(vocab.topics)}
    ranked = sorted(topic_score, key=lambda t: (-topic_score[t], order[t]))
    return [TopicScore(t, topic_count[t], topic_score[t]) for t in ranked]


def _is_tag_word(word: str) -> bool:
    word = word.strip()
    if len(word) < 2 or _NOT_A_TAG.search(word) or _is_latin_filler(word):
        return False
    vocab = vocabulary()
    if word.casefold() in vocab.stopwords or keyword_of(word) is not None:
        return False  # filler, or a vocabulary word whose topic was already weighed
    return resolve(word) is None


def _fallback_keywords(simplified_text: str, limit: int) -> list[str]:
    """Plain keywords (nouns) that are not filler, numbers or companies: jieba's
    TF-IDF extraction (``jieba.analyse.extract_tags`` with nouns allowed) on the
    shared segmentation, with the part-of-speech tags of jieba's dictionary
    (``jieba.posseg`` would cost seconds to load and cut the text again)."""
    words = dictionary.stock()
    stopwords = vocabulary().stopwords
    counts: Counter[str] = Counter()
    # Each distinct word tested once (in the order words first appear).
    for word, count in Counter(words_and_ends(simplified_text)[0]).items():
        if len(word.strip()) < 2 or word.lower() in stopwords:
            continue
        tag = "eng" if word.isascii() and word.isalpha() else words.tag(word)
        if tag in _FALLBACK_POS:
            counts[word] += count
    ranked = sorted(counts, key=lambda word: counts[word] * words.idf(word), reverse=True)
    found: list[str] = []
    for word in ranked[:50]:
        if _is_tag_word(word) and word not in found:
            found.append(word)
        if len(found) >= limit:
            break
    return found


def choose_topics(scores: list[TopicScore]) -> list[str]:
    """The topics that become tags: strong ones first, then fill up to MIN_TOPICS."""
    if not scores:
        return []
    floor = RELATIVE_SCORE * scores[0].score
    strong = [s.topic for s in scores if s.count >= MIN_COUNT and s.score >= floor]
    strong = strong[:MAX_TOPICS]
    for s in scores:
        if len(strong) >= MIN_TOPICS:
            break
        if s.topic not in strong:
            strong.append(s.topic)
    return strong


def normalise_front_tags(front_tags: object) -> list[str]:
    """Front-matter tags as a clean list of Simplified strings, duplicates dropped."""
    if front_tags is None:
        return []
    if isinstance(front_tags, str):
        items: list[object] = re.split(r"[,，、;；]", front_tags)
    elif isinstance(front_tags, (list, tuple, set)):
        items = list(front_tags)
    else:
        items = [front_tags]
    tags: list[str] = []
    for item in items:
        if item is None or isinstance(item, (dict, list)):
            continue
        tag = to_simplified(str(item).strip().lstrip("#").strip())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def extract_tags(
    simplified_text: str, front_tags: list[str] | None = None, title: str | None = None
) -> list[str]:
    """Front-matter tags, then 3 to 10 topic tags for the text (fewer only for tiny texts).

    ``title`` (Simplified), when given, weighs more than the body: a topic named in
    the title is what the article is about.
    """
    tags = normalise_front_tags(front_tags)
    if not simplified_text or not simplified_text.strip():
        return tags
    topics = choose_topics(topic_scores(simplified_text, title))
    if len(topics) < MIN_TOPICS:
        for word in _fallback_keywords(simplified_text, MIN_TOPICS):
            if len(topics) >= MIN_TOPICS:
                break
            if word not in topics:
                topics.append(word)
    return tags + [t for t in topics if t not in tags]
