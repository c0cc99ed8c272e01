"""The figure's qualifiers: ``approx`` (from the scan) and ``change`` (同比 / 环比).

``change`` is "yoy" when 同比 (or 去年同期 …) comes before the figure in its
clause, "qoq" for 环比 / 较上季度, with two exceptions: a figure introduced by
至 / 到 after the marker is the new level, not the change (同比增长 20% 至 319 亿元:
only 20% is yoy), and for a digit-count growth a marker right after it counts too (三位数同比增长).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui.core.fig.lexicon import alternation, lexicon
from tui.core.fig.scan import Quantity


@lru_cache(maxsize=1)
def _markers() -> re.Pattern[str]:
    return re.compile(alternation(list(lexicon().change_markers)))


def approx_of(quantity: Quantity) -> str | None:
    """ ">", "~", ">=", "<", "<=" or None, as found next to the number."""
    return quantity.approx


def change_of(
    m: str, clause_start: int, start: int, end: int, *, marker_after: bool = False
) -> str | None:
    """ "yoy", "qoq" or None for the figure at [start, end) of a clause starting at clause_start.

    ``marker_after`` lets a marker right after the figure count (三位数同比增长).
    """
    lex = lexicon()
    markers = _markers()
    if marker_after:
        after = markers.match(m, end) or markers.match(m, end + 1)
        if after is not None and m[end : after.start()].strip() in ("", "的"):
            return lex.change_markers[after.group()]
    last = None
    for match in markers.finditer(m, clause_start, start):
        last = match
    if last is None:
        return None
    between = m[last.end() : start]
    if any(word in between for word in lex.level_words):
        return None
    return lex.change_markers[last.group()]
