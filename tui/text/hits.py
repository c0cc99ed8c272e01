"""Where the words of a search stand in a text: the spans the reader highlights."""

from __future__ import annotations


def find_hits(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of each whitespace-separated query term, case-blind."""
    terms = [t for t in query.split() if t]
    if not terms:
        return []
    lowered = text.lower()
    haystack = lowered if len(lowered) == len(text) else text
    found: list[tuple[int, int]] = []
    for term in terms:
        needle = term.lower() if haystack is not text else term
        start = haystack.find(needle)
        while start >= 0:
            found.append((start, start + len(needle)))
            start = haystack.find(needle, start + len(needle))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged
