"""Metric labels: what a figure measures (营收, 资本开支, MAU …), from ``data/metrics.yaml``.

A counted noun inside the figure (13.85亿月活用户) names it first, then the
closest trigger word before the figure in its clause, then a trigger right after
it (百亿级的研发投入, 1941亿净利润), then the closest
trigger earlier in the sentence (阿里总营收 2432 亿，同比增长 3.9%: the 3.9% is 营收
growth), except for counts and physical quantities, which name their metric in
their own clause. A price per share (元/股) without a trigger is 股价.

A trigger only labels a figure whose unit fits its kind: a count (81302辆, 57万名)
is not a money metric's figure, an amount of money (747.5万元) not a count
metric's, and neither is a percent metric's (毛利率). Percentages, points and
multiples fit every metric (they state its growth or share); so does a scaled
amount without a unit, whose kind the metric decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tui.figures.lexicon import alternation, metrics, not_triggers
from tui.text.han import HAN_CLASS

_GAP_MAX = 8
_GAP_STOP = re.compile(r"[，。；;,：:\n等]")  # 汽车及AI等创新业务收入 is not AI收入
_CAUSE_OPEN = re.compile(r"受益于|受惠于|得益于|归因于|源于|由于|因为|受|因")
_CAUSE_CLOSE = re.compile(r"带动|影响|推动|拉动|所致|驱动|拖累|推升|抵销|抵消")
_CLAUSE_END = re.compile(r"[，。；;,：:\n]")


@dataclass(frozen=True)
class MetricHit:
    start: int
    end: int
    label: str
    kind: str


@dataclass(frozen=True)
class _Triggers:
    """Literal triggers and gap triggers (A…B) indexed by their head A."""

    pattern: re.Pattern[str]  # every literal trigger and every gap head
    literal: dict[str, tuple[str, str]]  # trigger -> (label, kind)
    gapped: dict[str, list[tuple[str, str, str]]]  # head -> [(tail, label, kind)]
    # matched word -> what find_metrics does with it (see _plan), worked out once
    plans: dict[str, _Plan] = field(default_factory=dict, compare=False)


# (Latin first letter, not a trigger, [(head length, tail, label, kind)] longest head
# first, the longest literal trigger it starts with as (length, label, kind) or None)
_Plan = tuple[bool, bool, tuple[tuple[int, str, str, str], ...], tuple[int, str, str] | None]


@lru_cache(maxsize=1)
def _triggers() -> _Triggers:
    literal: dict[str, tuple[str, str]] = {}
    gapped: dict[str, list[tuple[str, str, str]]] = {}
    for word in not_triggers():
        literal[word] = ("", "")  # holds a trigger but is not one (大模型): skipped
    for metric in metrics():
        for trigger in metric.triggers:
            if "…" in trigger:
                head, tail = trigger.split("…", 1)
                gapped.setdefault(head, []).append((tail, metric.label, metric.kind))
            else:
                literal.setdefault(trigger, (metric.label, metric.kind))
    pattern = re.compile(alternation([*literal, *gapped]))
    return _Triggers(pattern, literal, gapped)


def _gap_end(m: str, head_end: int, tail: str) -> int | None:
    """End of ``tail`` found within the gap after a head (up to a stop), or None."""
    limit = min(len(m), head_end + _GAP_MAX + len(tail))
    stop = _GAP_STOP.search(m, head_end, limit)
    at = m.find(tail, head_end, stop.start() if stop else limit)
    return at + len(tail) if at >= 0 and at - head_end <= _GAP_MAX else None


def _plan(table: _Triggers, word: str) -> _Plan:
    """What a match of ``word`` can be: the gapped triggers its prefixes head and the
    longest literal trigger among its prefixes (the same for every match of it)."""
    gapped = tuple(
        (len(head), tail, label, kind)
        for head in _prefixes(word)
        for tail, label, kind in table.gapped.get(head, ())
    )
    literal = next((w for w in _prefixes(word) if w in table.literal), None)
    plan = (
        word[:1].isascii() and word[:1].isalpha(),
        table.literal.get(word) == ("", ""),
        gapped,
        (len(literal), *table.literal[literal]) if literal is not None else None,
    )
    table.plans[word] = plan
    return plan


def _prefixes(word: str) -> list[str]:
    return [word[:i] for i in range(len(word), 0, -1)]


def find_metrics(m: str) -> list[MetricHit]:
    """Every metric trigger of the matching text, in order, without overlaps."""
    table = _triggers()
    plans = table.plans
    search = table.pattern.search
    hits = []
    pos = 0
    while True:
        match = search(m, pos)
        if match is None:
            break
        word = match.group()
        start = match.start()
        latin, not_trigger, gapped, literal = plans.get(word) or _plan(table, word)
        if latin and start > 0 and m[start - 1].isascii() and m[start - 1].isalpha():
            pos = start + 1  # the AI of OpenAI, the ARR of CARRY: not a trigger
            continue
        if not_trigger:
            pos = match.end()  # 云音乐 holds the head of 云…收入 but names no metric
            continue
        best: MetricHit | None = None
        for head_length, tail, label, kind in gapped:
            end = _gap_end(m, start + head_length, tail)
            if end is not None and (best is None or end > best.end):
                best = MetricHit(start, end, label, kind)
        if best is None and literal is not None:
            length, label, kind = literal
            best = MetricHit(start, start + length, label, kind)
        if best is None:  # a gap head without its tail: try from the next character
            pos = start + 1
            continue
        if best.label:
            hits.append(best)
        pos = best.end
    return hits


_RIGHT_AFTER = re.compile(r"\s?的?\s?")
_COUNTED_GAP = re.compile(f"[{HAN_CLASS}]{{1,4}}")
_MISFITS = {
    "count": ("money", "percent"),
    "number": ("money", "percent", "count"),
    "money": ("count", "percent"),
}


# Counts and quantities with their own unit name their metric in their clause: the
# trigger of an earlier clause (研发人员占比超过60%，拥有专利2.3万件) is another thing's.
_OWN_CLAUSE_ONLY = ("count", "number")


def in_cause(m: str, hit: MetricHit) -> bool:
    """The trigger names a cause, not the subject: 毛利率受带宽成本下降带动，… (成本)."""
    before = m[max(0, hit.start - 16) : hit.start]
    end = _CLAUSE_END.search(before[::-1])
    if end is not None:
        before = before[len(before) - end.start() :]
    openers = list(_CAUSE_OPEN.finditer(before))
    if not openers or _CAUSE_CLOSE.search(before, openers[-1].end()):
        return False
    after = m[hit.end : hit.end + 16]
    stop = _CLAUSE_END.search(after)
    return _CAUSE_CLOSE.search(after[: stop.start()] if stop else after) is not None


def fits(hit: MetricHit, unit_class: str | None) -> bool:
    """Whether a figure of this unit class can be a value of the metric."""
    return hit.kind not in _MISFITS.get(unit_class or "", ())


def metric_for(
    m: str,
    start: int,
    end: int,
    clause: tuple[int, int],
    sentence_start: int,
    hits: list[MetricHit],
    unit_class: str | None = None,
    causes: dict[MetricHit, bool] | None = None,
) -> MetricHit | None:
    """The metric of the figure at [start, end) of the clause (start, end offsets).

    ``unit_class`` is the figure's own unit class (see ``fits``). ``causes`` keeps
    ``in_cause`` of the hits already tested (on this text) for the next figures.
    """
    clause_start, clause_end = clause
    if causes is None:
        causes = {}
    kept = []
    for h in hits:
        if not fits(h, unit_class):
            continue
        cause = causes.get(h)
        if cause is None:
            cause = causes[h] = in_cause(m, h)
        if not cause:
            kept.append(h)
    hits = kept
    inside = [h for h in hits if start <= h.start and h.end <= end]
    if inside:
        return inside[0]  # 13.85亿月活用户
    before = [h for h in hits if clause_start <= h.start and h.end <= start]
    if before:
        return before[-1]
    after = next((h for h in hits if end <= h.start < clause_end), None)
    if after is not None and _RIGHT_AFTER.fullmatch(m[end : after.start]):
        return after
    if after is not None and after.kind == "count" and _COUNTED_GAP.fullmatch(m, end, after.start):
        return after  # 335家汽车销售门店: the counted noun, a few words on
    if unit_class in _OWN_CLAUSE_ONLY:
        return None
    earlier = [h for h in hits if sentence_start <= h.start and h.end <= clause_start]
    return earlier[-1] if earlier else None
