"""The figure's qualifiers: ``approx`` (from the scan) and ``change`` (同比 / 环比).

``change`` is "yoy" when 同比 (or 去年同期, 比去年, Taiwanese 年增 …) comes before the
figure in its clause, "qoq" for 环比 / 较上季度 / 季增, with exceptions: a figure
introduced by 至 / 到 right before it is the new level, not the change (同比增长 20%
至 319 亿元: only 20% is yoy; 环比持平到增长2% is a change), a marker followed by 的
without a change verb names the base period (去年同期的销量为100万辆 is a level), and
for a digit-count growth a marker right after it counts too (三位数同比增长).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui.figures.lexicon import alternation, lexicon
from tui.figures.scan import Quantity


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
        if not _false_friend(m, match):
            last = match
    if last is None:
        return None
    between = m[last.end() : start].rstrip(" ")
    if last.group() in lex.base_markers and not _CHANGE_WORD.search(between):
        return None  # 去年同期则录得128亿元: the base period's own level
    if between.endswith(lex.level_words):
        return None  # 同比增长20%至319亿元: 319亿元 is the new level
    if between.startswith("的") and not _CHANGE_WORD.search(between):
        return None  # 去年同期的销量为100万辆: the base's level, not a change
    return lex.change_markers[last.group()]


_CHANGE_WORD = re.compile(r"增|减|降|涨|跌|升|提|下滑|回落|扩大|收窄|高|低|多|少|成长|衰退")


def _false_friend(m: str, match: re.Match[str]) -> bool:
    """全年增长, 2024年增长, 第三季增长, 9月增长: 年增 / 季增 / 月增 there are not the
    Taiwanese yoy / qoq markers (年, 季, 月 end a time word)."""
    word = match.group()
    if not word.startswith(("年", "季", "月")):
        return False
    at = match.start()
    if at > 0 and (m[at - 1].isdigit() or m[at - 1] in lexicon().year_word_chars):
        return True  # 2024年增长, 半年增长, 每年增加: 年 ends a time word
    friends = lexicon().change_false_friends
    return any(m.startswith(f, at - f.index(word[:2])) for f in friends if word[:2] in f)
