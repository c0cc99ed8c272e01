"""The visible marker for text that was damaged beyond repair: ``〔乱码：…〕``.

The mojibake repair wraps what it cannot read in it; later stages skip marked spans
and search, tags and companies read the text without them (``without_marks``).
"""

from __future__ import annotations

import re

MARK_OPEN = "〔乱码："
MARK_CLOSE = "〕"
MARKED_RE = re.compile(re.escape(MARK_OPEN) + "[^" + MARK_CLOSE + "\n]*" + re.escape(MARK_CLOSE))
"""One marked span (never crosses a line end)."""


def mark(text: str) -> str:
    """``text`` wrapped in the marker."""
    return MARK_OPEN + text + MARK_CLOSE


def without_marks(text: str) -> str:
    """The text with every marker blanked out by spaces of its length (for tags,
    search and companies: the marker's words are not the article's). Offsets stay
    those of ``text``, so the cleaner and the figures read one text (and segment it
    once)."""
    if MARK_OPEN not in text:
        return text
    return MARKED_RE.sub(lambda match: " " * len(match.group()), text)
