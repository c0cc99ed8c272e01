"""Which period a figure takes, from the period mentions of its text (``tui.figures.period``).

A figure takes a period written in brackets right after it (2480.5万（6月数据）), else
the nearest mention before it in its sentence (or in the sentence it continues),
else a period carried over its paragraph, else the period the article reports on
(see ``Mention.reports``); a forecast period holds for later guidance only, and a
base's own figure (较去年同期的117亿元) takes the base period.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.figures.period import PERIOD, RANGE, SPAN, Mention

_NEXT_GAP = re.compile(r"的 ?(?:约|近|超|逾|超过)? ?")


def period_after(m: str, end: int, mentions: list[Mention]) -> Mention | None:
    """A period in brackets right after a figure: 2480.5万（6月数据）."""
    bracket = re.match(r" ?[（(]([^）)]{0,16})[）)]", m[end : end + 20])
    if not bracket:
        return None
    inside = (end + bracket.start(1), end + bracket.end(1))
    for mention in mentions:
        if inside[0] <= mention.start < inside[1] and mention.kind == PERIOD:
            return mention
    return None


_FROM_BEFORE = re.compile(r"(?:由|从)$")
_TO_AFTER = re.compile(r" ?(?:至|到) ?")


def _change_target(m: str, chosen: Mention, end: int, mentions: list[Mention]) -> Mention | None:
    """由2024年第二季度的228644元上升10.9%至2025年第二季度的…: the change is the later one's."""
    if not _FROM_BEFORE.search(m, max(0, chosen.start - 1), chosen.start):
        return None
    gap = _TO_AFTER.match(m, end)
    if gap is None:
        return None
    return next(
        (p for p in mentions if p.start == gap.end() and p.kind == PERIOD and p.value), None
    )


_GUIDANCE = re.compile(r"预估|预计|预期|指引|展望|料将|估计")
_PLAN = re.compile(r"计划|拟|预计|预期|将|目标|有望|打算|准备")


def period_for(
    m: str,
    start: int,
    end: int,
    scope_start: int,
    mentions: list[Mention],
    paragraph_start: int | None = None,
    same_subject: Callable[[int], bool] | None = None,
    fallback: bool = True,
) -> str | None:
    """The period of the figure at [start, end).

    ``scope_start`` is where its sentence (with the sentences it continues) starts;
    ``paragraph_start`` where its paragraph starts: a period that carries (see
    ``Mention.carries``) holds for the rest of its paragraph, but not for a plan or
    forecast (计划, 拟, 预计, 将 …) nor after an as-of date (截至6月30日 holds for its
    own sentence). ``same_subject(offset)`` tells whether the sentence at the offset is
    about the figure's company; a carried period of another company's sentence does
    not hold (MiniMax去年营收… 百川智能的员工人数…).
    """
    after = period_after(m, end, mentions)
    if after is not None:
        return after.value
    chosen: Mention | None = None
    carried: Mention | None = None
    guidance: Mention | None = None  # a forecast period: carries only to more guidance
    reported: Mention | None = None
    for mention in mentions:
        if mention.start >= start:
            break
        if mention.next_only:
            if mention.start >= scope_start and _NEXT_GAP.fullmatch(m, mention.end, start):
                chosen = mention
            continue
        if mention.start >= scope_start and mention.kind in (PERIOD, SPAN, RANGE):
            chosen = mention
        elif paragraph_start is not None and mention.start >= paragraph_start and mention.carries:
            if mention.forecast:
                guidance = mention
            else:
                carried, guidance = mention, None
        if mention.reports:
            reported = mention  # …发布2025年第三季度财报, 期内: holds for the article after it
        elif (
            mention.carries
            and not mention.forecast
            and reported is not None
            and mention.value != reported.value
        ):
            reported = None  # the article moved on to another period
    if chosen is None and guidance is not None and _GUIDANCE.search(m, scope_start, start):
        chosen = guidance  # 第四季营收将介于…。毛利率预估为46%: still the guidance
    if chosen is not None and chosen.kind == PERIOD:
        target = _change_target(m, chosen, end, mentions)
        if target is not None:
            return target.value
    if chosen is None:
        if carried is None and reported is not None and fallback:
            carried = reported
        if carried is None or _PLAN.search(m, scope_start, start):
            return None  # 公司计划在香港上市，拟募资…: last year's period says nothing of a plan
        if same_subject is not None and not same_subject(carried.start):
            return None
        return carried.value
    return chosen.value if chosen.kind == PERIOD else None
