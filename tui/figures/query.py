"""What the words of a figure lookup mean: one rule for the reader's lookup (``F``),
``python -m tui pick`` and the ``figures`` / ``facts`` commands.

Each word is read once, in either script, as the most specific thing it can be:

* a company: any alias or product of one (阿里, Alibaba, 騰訊, 微信) matches that
  company's figures;
* a period: ``2025Q1``, ``2025年一季度``, ``2024年上半年``, ``去年`` (counted from
  today), ``2025年3月``; a bare year (``2025``, ``2025年``, ``去年``) also matches its
  quarters, halves and months;
* a metric: a metric's name or one of its trigger words (营业收入 is 营收), or part
  of a name (资本 finds 资本开支);
* anything else is text: it matches the number as written (767, 767亿), the metric,
  the company's name or the article's title.

A figure matches when every word does. Nothing here knows about storage: a row
is a ``FigureFacts`` (the fields the words look at), which the library builds from
its figures table or from articles.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from tui.text.script import simplified_key

COMPANY = "company"
PERIOD = "period"
METRIC = "metric"
TEXT = "text"

_PERIOD_HINT = re.compile(r"\d{4}|年|季|Q[1-4]|H[12]|月|FY", re.IGNORECASE)


@dataclass(frozen=True)
class FigureFacts:
    """The fields of one figure that lookup words are matched against, keyed once
    (Simplified, case-folded) so that matching is plain substring tests."""

    text: str
    metric: str
    company: str
    period: str
    title: str

    @classmethod
    def of(
        cls,
        text: str,
        metric: str | None,
        company: str | None,
        period: str | None,
        title: str,
    ) -> FigureFacts:
        return cls(
            simplified_key(text),
            _label_key(metric or ""),
            _label_key(company or ""),
            period or "",
            _title_key(title),
        )

    @classmethod
    def labels(cls, metric: str | None, company: str | None, period: str | None) -> FigureFacts:
        """Only what company, metric and period words look at (no text to convert)."""
        return cls("", _label_key(metric or ""), _label_key(company or ""), period or "", "")


# Metric and company names are few and repeat on every row; titles repeat per figure.
_label_key = lru_cache(maxsize=4096)(simplified_key)
_title_key = lru_cache(maxsize=16384)(simplified_key)


@dataclass(frozen=True)
class Term:
    """One word of a query and what it was read as."""

    word: str
    kind: str  # company | period | metric | text
    key: str  # simplified, case-folded form of the word
    company: str | None = None  # the canonical company (kind company)
    period: str | None = None  # the normalised period (kind period)
    whole_year: bool = False  # a bare year also matches its parts
    metrics: frozenset[str] = frozenset()  # keys of the metric labels it names


@dataclass(frozen=True)
class FigureQuery:
    """A parsed lookup: every term must match."""

    terms: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.terms

    def words(self, kind: str) -> list[Term]:
        return [t for t in self.terms if t.kind == kind]

    def labels_only(self) -> FigureQuery:
        """The company, metric and period terms (the text words left out)."""
        return FigureQuery(tuple(t for t in self.terms if t.kind != TEXT))


def _today() -> str:
    return _dt.date.today().isoformat()


def _period_of(word: str, today: str) -> tuple[str, bool] | None:
    """(normalised period, whether it is a whole year) when the word is a period."""
    from tui.figures.period import PERIOD as PERIOD_KIND
    from tui.figures.period import find_periods

    key = simplified_key(word).upper().replace(" ", "")
    if re.fullmatch(r"(?:FY)?(?:19|20)\d{2}", key):
        return key, True
    if not _PERIOD_HINT.search(key):
        return None
    text = key
    mentions = [m for m in find_periods(text, today) if m.kind == PERIOD_KIND and m.value]
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    covered = text[mention.start : mention.end]
    rest = (text[: mention.start] + text[mention.end :]).strip("的全年度")
    if rest or not covered:
        return None
    value = str(mention.value)
    return value, bool(re.fullmatch(r"(?:FY)?\d{4}", value))


@lru_cache(maxsize=1)
def _metric_words() -> tuple[dict[str, frozenset[str]], tuple[str, ...]]:
    """(trigger or label -> keys of the labels it names), and every label."""
    from tui.figures.lexicon import metrics

    named: dict[str, set[str]] = {}
    labels = []
    for metric in metrics():
        labels.append(metric.label)
        for word in (metric.label, *metric.triggers):
            if "…" in word:
                continue
            named.setdefault(simplified_key(word), set()).add(simplified_key(metric.label))
    return {k: frozenset(v) for k, v in named.items()}, tuple(labels)


def _metric_labels(key: str) -> frozenset[str]:
    named, labels = _metric_words()
    exact = named.get(key)
    if exact:
        return exact
    if len(key) < 2:
        return frozenset()
    return frozenset(simplified_key(x) for x in labels if key in simplified_key(x))


def read_word(word: str, today: str | None = None) -> Term:
    """What one word of a lookup means (see the module docstring)."""
    from tui.lang.companies import resolve

    key = simplified_key(word.strip())
    company = resolve(word)
    if company is not None:
        return Term(word, COMPANY, key, company=company)
    period = _period_of(word, today or _today())
    if period is not None:
        return Term(word, PERIOD, key, period=period[0], whole_year=period[1])
    labels = _metric_labels(key)
    if labels:
        return Term(word, METRIC, key, metrics=labels)
    return Term(word, TEXT, key)


def parse_query(
    words: str | list[str] | tuple[str, ...] | None,
    *,
    company: str | None = None,
    metric: str | None = None,
    period: str | None = None,
    today: str | None = None,
) -> FigureQuery:
    """The lookup for free words plus the explicit ``--company``, ``--metric`` and
    ``--period`` of the commands (each read as that kind only)."""
    from tui.lang.companies import resolve

    if isinstance(words, str):
        words = words.split()
    terms = [read_word(w, today) for w in (words or []) if w.strip()]
    if company:
        canonical = resolve(company) or company
        terms.append(Term(company, COMPANY, simplified_key(company), company=canonical))
    if metric:
        key = simplified_key(metric)
        labels = _metric_labels(key) or frozenset({key})
        terms.append(Term(metric, METRIC, key, metrics=labels))
    if period:
        found = _period_of(period, today or _today())
        value, whole = found if found else (period.strip(), False)
        terms.append(Term(period, PERIOD, simplified_key(period), period=value, whole_year=whole))
    return FigureQuery(tuple(terms))


def period_matches(wanted: str, whole_year: bool, period: str | None) -> bool:
    """``2025`` (a whole year) matches 2025, 2025Q1, 2025H1, 2025-03; others only
    themselves."""
    if not period:
        return False
    if period == wanted:
        return True
    if not whole_year:
        return False
    return period.startswith(wanted) and not period[len(wanted) : len(wanted) + 1].isdigit()


def term_matches(term: Term, row: FigureFacts) -> bool:
    if term.kind == COMPANY:
        return bool(row.company) and (
            row.company == _label_key(term.company or "") or row.company == term.key
        )
    if term.kind == PERIOD:
        return period_matches(str(term.period), term.whole_year, row.period)
    if term.kind == METRIC:
        return bool(row.metric) and (row.metric in term.metrics or term.key in row.metric)
    return any(term.key in value for value in (row.text, row.metric, row.company, row.title))


def matches(query: FigureQuery, row: FigureFacts) -> bool:
    """The row matches every term of the query."""
    return all(term_matches(term, row) for term in query.terms)


# -- ordering ----------------------------------------------------------------------------

_PERIOD_PARTS = re.compile(r"(FY)?(\d{4})(?:Q([1-4])|H([12])|-(\d{2}))?$")


def period_sort_key(period: str | None) -> tuple[int, int, int]:
    """Periods in time order: by year, then by the month the period ends in (a year
    after its quarters); no period first."""
    if not period:
        return (0, 0, 0)
    match = _PERIOD_PARTS.match(period)
    if match is None:
        return (0, 0, 1)
    _fiscal, year, quarter, half, month = match.groups()
    if quarter:
        end, span = int(quarter) * 3, 3
    elif half:
        end, span = int(half) * 6, 6
    elif month:
        end, span = int(month), 1
    else:
        end, span = 12, 12
    return (int(year), end, span)
