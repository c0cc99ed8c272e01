"""Repeated text: paragraphs repeated verbatim and truncated copies.

- ``dedupe``: the first copy of a paragraph repeated verbatim is kept (a short line
  seen before goes too when the paragraph after it was a repeat: the whole body
  was repeated);
- ``truncated_copies``: a line that is the start of what follows it, cut short
  (a teaser ``简介1.十年内盈利…净亏损为16.5`` above the paragraphs it copies, a
  truncated first paragraph above the whole one), possibly after a short label.
"""

from __future__ import annotations

from tui.clean import structure
from tui.clean.lineforms import line_key

DEDUPE_MIN_LEN = 6  # shorter repeated lines are kept (list items, labels)
TRUNCATED_COPY_MIN_LEN = 12  # a line this long that starts what follows is a cut copy...
TRUNCATED_COPY_LABEL = 4  # ...after a label this short at most (简介)


def truncated_copies(lines: list[str], removed: list[bool], protected: list[bool]) -> None:
    """Mark lines that are a cut copy of the text that follows them."""
    kept = [
        i for i, line in enumerate(lines) if line.strip() and not removed[i] and not protected[i]
    ]
    keys = {i: line_key(lines[i]) for i in kept}
    for position, i in enumerate(kept):
        key = keys[i]
        if len(key) < TRUNCATED_COPY_MIN_LEN or structure.is_markdown_heading(lines[i]):
            continue
        following = ""
        for j in kept[position + 1 :]:
            following += keys[j]
            if len(following) > len(key) + TRUNCATED_COPY_LABEL:
                break
        for cut in range(TRUNCATED_COPY_LABEL + 1):
            rest = key[cut:]
            long_enough = len(rest) >= TRUNCATED_COPY_MIN_LEN and len(following) > len(rest)
            if long_enough and following.startswith(rest):
                removed[i] = True
                break


def dedupe(lines: list[str], removed: list[bool], protected: list[bool]) -> None:
    """Keep the first copy of any paragraph repeated verbatim."""
    seen: set[str] = set()
    dropped: set[int] = set()
    for i, line in enumerate(lines):
        if removed[i] or protected[i] or not line.strip():
            continue
        if structure.is_markdown_heading(line):
            continue
        key = line_key(line)
        if len(key) < DEDUPE_MIN_LEN:
            continue
        if key in seen:
            removed[i] = True
            dropped.add(i)
        else:
            seen.add(key)
    dedupe_short_in_repeats(lines, removed, protected, dropped)


def dedupe_short_in_repeats(
    lines: list[str], removed: list[bool], protected: list[bool], dropped: set[int]
) -> None:
    """A short line (a heading such as ``一、戰略``) seen before is a repeat too when
    the paragraph after it was dropped as a repeat: the whole body was repeated."""
    seen: set[str] = set()
    filled = [i for i, line in enumerate(lines) if line.strip() and not protected[i]]
    for position, i in enumerate(filled):
        key = line_key(lines[i])
        if not key or len(key) >= DEDUPE_MIN_LEN or removed[i]:
            seen.add(key)
            continue
        after = filled[position + 1] if position + 1 < len(filled) else None
        if key in seen and after is not None and after in dropped:
            removed[i] = True
        seen.add(key)
