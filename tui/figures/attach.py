"""Which period a figure takes, from the period mentions of its text (``tui.figures.period``).

A figure takes a period written in brackets right after it (2480.5万（6月数据）), else
the nearest mention before it in its sentence (or in the sentence it continues),
else a period carried over its paragraph, else the period the article reports on
(see ``Mention.reports``); a forecast period holds for later guidance only, and a
base's own figure (较去年同期的117亿元) takes the base period.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from tui.figures.period import PERIOD, RANGE, SPAN, Mention

_NEXT_GAP = re.compile(r"的 ?(?:约|近|超|逾|超过)? ?")
_BRACKET = re.compile(r" ?[（(]([^）)]{0,16})[）)]")


def period_after(m: str, end: int, mentions: list[Mention]) -> Mention | None:
    """A period in brackets right after a figure: 2480.5万（6月数据）."""
    bracket = _BRACKET.match(m[end : end + 20])
    if not bracket:
        return None
    inside = (end + bracket.start(1), end + bracket.end(1))
    index = _index(mentions)
    for mention in mentions[bisect.bisect_left(index.starts, inside[0]) :]:
        if mention.start >= inside[1]:
            break
        if mention.kind == PERIOD:
            return mention
    return None


@dataclass(frozen=True)
class _MentionIndex:
    """Where each mention starts, and the period the article reports on after the
    first i mentions (``reported[i]``), so a figure looks only at its own stretch
    of text instead of every mention before it (long texts stay linear)."""

    mentions: list[Mention]
    count: int
    starts: list[int]
    reported: list[Mention | None]


_last_index: _MentionIndex | None = None


def _index(mentions: list[Mention]) -> _MentionIndex:
    """The index of ``mentions`` (sorted by start), built once per list."""
    global _last_index
    last = _last_index
    if last is not None and last.mentions is mentions and last.count == len(mentions):
        return last
    reported: Mention | None = None
    states: list[Mention | None] = [None]
    for mention in mentions:
        if mention.next_only:  # (a 的-linked period says nothing of the report)
            states.append(reported)
            continue
        if mention.reports:
            reported = mention  # …发布2025年第三季度财报, 期内: holds for the article after it
        elif (
            mention.carries
            and not mention.forecast
            and reported is not None
            and mention.value != reported.value
        ):
            reported = None  # the article moved on to another period
        states.append(reported)
    starts = [m.start for m in mentions]  # in text order, as find_periods gives them
    last = _MentionIndex(mentions, len(mentions), starts, states)
    _last_index = last
    return last


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
    index = _index(mentions)
    # Mentions before the sentence and the paragraph only tell what the article
    # reports on; that is known from the index.
    lowest = scope_start if paragraph_start is None else min(scope_start, paragraph_start)
    first = bisect.bisect_left(index.starts, lowest)
    stop = bisect.bisect_left(index.starts, start)
    # From the figure backwards: the last mention of each kind wins, so the walk
    # ends at the first carried period (long one-paragraph texts stay linear).
    forecast_seen: Mention | None = None
    walked_to = first  # where the walk stopped
    for at in range(stop - 1, first - 1, -1):
        mention = mentions[at]
        if mention.next_only:
            if (
                chosen is None
                and mention.start >= scope_start
                and _NEXT_GAP.fullmatch(m, mention.end, start)
            ):
                chosen = mention
            continue
        if mention.start >= scope_start and mention.kind in (PERIOD, SPAN, RANGE):
            if chosen is None:
                chosen = mention
        elif paragraph_start is not None and mention.start >= paragraph_start and mention.carries:
            if mention.forecast:
                forecast_seen = forecast_seen or mention
            else:
                carried, walked_to = mention, at
                break
    if chosen is None:  # a period of the sentence before the carried one
        for at in range(max(first, bisect.bisect_left(index.starts, scope_start)), walked_to):
            mention = mentions[at]
            if mention.next_only:
                if _NEXT_GAP.fullmatch(m, mention.end, start):
                    chosen = mention
            elif mention.kind in (PERIOD, SPAN, RANGE):
                chosen = mention
    guidance = forecast_seen  # a forecast after the last carried period
    reported = index.reported[stop]
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
