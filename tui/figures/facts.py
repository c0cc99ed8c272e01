"""Facts across articles: figures that state the same thing, and whether they agree.

A figure can join a fact only when it has a company, a metric and a period; facts
are grouped within one (company, metric, period) partition (``group_partition``; label conflicts
within one company, ``label_conflicts``), so the
library keeps them incrementally: a changed article regroups only the partitions
its figures touch, and ``group_facts(articles)`` (all partitions) is the full
rebuild, near-linear in the number of figures.

Within a partition, figures are bucketed by (metric, kind, unit, change) and:

Buckets ignore the difference between 同比 and no change word (writers drop 同比),
but keep 环比 apart. Different companies (AWS is not 阿里巴巴), metrics, periods,
kinds (an amount and its growth rate) and currencies are never compared.

* agree groups: two or more figures (from one or more articles) whose values agree.
  Values agree within the precision of the less precise one: one unit of its last
  stated digit, so that rounding and truncation both pass (1940.73亿 and 1941亿,
  706.9亿 and 706亿) — rates only by rounding (22.3% and 22%, never 2.8% and 2%);
  a bound agrees with a value it admits (706.9亿 and 超过700亿);
  "~" allows 2 % (or one unit) either way; a bound admits values up to half again beyond it
  (超过700亿 admits 700亿 to 1050亿, 不足1% admits 0.67% to 1%); ranges agree
  with what they contain, but a wide range (三位数, 100 to 999) only with the same
  range. A group is a set of figures that all agree pairwise.
* conflict groups: figures from different articles that disagree, when each
  article gives one value for the bucket (an article that gives two values for
  the same label is describing two things, and no conflict is claimed).
* a figure without a period, metric or company joins nothing.
* a group of rates of an amount metric is labelled as such: 资本开支增速 for the
  221% growth of 资本开支, 毛利率变动 for percentage points, 营收倍数 for multiples.
* label conflicts: the same large exact number (at least 10000, three significant
  digits, no bound) for the same company under two or more different specific
  metrics, in the same period or with the period missing on some sides (元宝's 2480万
  as 日活 in one article and 月活 in another), is a conflict group: one per cluster
  of agreeing values (figures of one metric, period and value are a side; each side
  joins the first cluster whose values all agree with it), its metric every label
  joined by " / ", its ``note`` each label with its values (2480.5万 (日活) vs
  2480万 (月活)): a flag, never a claim of agreement. A side is in one such group
  (two at a band edge), so they grow with the figures, not with their pairs.

Groups come in ``fact_order``: label conflicts last, then by company, metric,
period, status and first member.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import lru_cache

from tui.figures.lexicon import metrics
from tui.text.models import Article, FactGroup, FactMember, Figure

AGREE = "agree"
CONFLICT = "conflict"
_APPROX_SHARE = 0.02
_WIDE_RANGE = 2.0
_BOUND_FACTOR = 1.5
_LABEL_MIN_VALUE = 10_000
_LABEL_MIN_DIGITS = 3
# Rates are rounded, never cut: 2% does not restate 2.8% (amounts may be cut: 706亿 for
# 706.9亿).
_ROUNDED_KINDS = ("percent", "pp")
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


@dataclass(slots=True)
class FactInput:
    """A figure with the article it comes from: what grouping needs (not frozen: a
    full rebuild makes one per figure of the library, and frozen ones cost three times
    as much to make)."""

    article_id: str
    source_path: str
    title: str
    figure: Figure


_Item = FactInput


@dataclass
class _Bucket:
    key: tuple[str, str, str, str, str]  # company, metric, kind, unit, change
    period: str | None
    items: list[_Item] = field(default_factory=list)


@lru_cache(maxsize=8192)
def _stated(text: str) -> tuple[float, int, int] | None:
    """(number, decimals, significant digits) of the first number written in Arabic
    digits in a figure's text (texts repeat across a library: cached)."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    written = match.group().replace(",", "")
    digits = len(written.replace(".", "").lstrip("0"))
    return float(written), len(match.group(1) or ""), digits


def figure_step(figure: Figure) -> float:
    """One unit of the last stated digit, in base units (706.9亿 -> 1e7, 3%-> 1)."""
    stated = _stated(figure.text)
    if stated is None:
        return abs(figure.value) or 1.0  # Chinese numerals: as coarse as the value
    number, decimals, _digits = stated
    scale = abs(figure.value / number) if number else 1.0
    return 10.0 ** (-decimals) * scale


def significant_digits(figure: Figure) -> int:
    """Digits stated: 2480万 has 4, 2480.5万 has 5, 3亿 has 1."""
    stated = _stated(figure.text)
    return 1 if stated is None else stated[2]


def interval(figure: Figure) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open) of the values the figure admits."""
    return _interval(figure, figure_step(figure))


def _interval(figure: Figure, step: float) -> tuple[float, float, bool, bool]:
    value = figure.value
    if figure.value_max is not None:
        return value, figure.value_max, False, False
    approx = figure.approx
    if approx in (">", ">="):
        return value, value * _BOUND_FACTOR, approx == ">", False
    if approx in ("<", "<="):
        return value / _BOUND_FACTOR, value, False, approx == "<"
    if approx == "~":
        spread = max(abs(value) * _APPROX_SHARE, step)
        return value - spread, value + spread, False, False
    return value - step, value + step, True, True


def _wide(figure: Figure) -> bool:
    """A range too wide to pin a value down (三位数: 100 to 999)."""
    if figure.value_max is None:
        return False
    return figure.value_max > _WIDE_RANGE * max(figure.value, 1e-9)


class _Value:
    """What ``values_agree`` reads of a figure, worked out once: grouping compares a
    value with several others (its step and interval were most of that time)."""

    __slots__ = (
        "currency",
        "exact",
        "high",
        "kind",
        "low",
        "open_high",
        "open_low",
        "rounded",
        "step",
        "value",
        "value_max",
        "wide",
    )

    def __init__(self, figure: Figure) -> None:
        kind = self.kind = figure.kind
        self.currency = (figure.unit or "") if kind == "money" else ""
        self.value = figure.value
        self.value_max = figure.value_max
        self.wide = _wide(figure)
        self.exact = figure.approx is None and figure.value_max is None
        self.rounded = kind in _ROUNDED_KINDS
        step = self.step = figure_step(figure)
        self.low, self.high, self.open_low, self.open_high = _interval(figure, step)


def values_agree(a: Figure, b: Figure) -> bool:
    """Same value within the precision of the less precise figure, or bounds that admit it.

    Figures of different kinds (an amount and a growth rate) or amounts in different
    currencies never agree, whatever their numbers.
    """
    return _agree(_Value(a), _Value(b))


def _agree(a: _Value, b: _Value) -> bool:
    """``values_agree`` of two figures' values."""
    if a.kind != b.kind or a.currency != b.currency:
        return False
    if a.wide or b.wide:
        return (a.value, a.value_max) == (b.value, b.value_max)
    if a.exact and b.exact:
        step = a.step if a.step > b.step else b.step
        if a.rounded and b.rounded:
            return abs(a.value - b.value) <= step / 2 * (1 + 1e-9)  # 22.3% and 22%, not 2.8% and 2%
        return abs(a.value - b.value) < step * (1 - 1e-9)
    if a.high < b.low or b.high < a.low:
        return False
    if a.high == b.low and (a.open_high or b.open_low):
        return False
    return not (b.high == a.low and (b.open_high or a.open_low))


def partition_key(figure: Figure) -> tuple[str, str, str] | None:
    """(company, metric, period) of a figure that can join a fact: it needs all three
    (a figure without one of them never joins)."""
    if not figure.company or not figure.metric or not figure.period:
        return None
    return (figure.company, figure.metric, figure.period)


def _key(figure: Figure) -> tuple[str, str, str, str, str] | None:
    company, metric = figure.company, figure.metric
    if not company or not metric or not figure.period:
        return None
    return (
        company,
        metric,
        figure.kind,
        figure.unit or "",
        "qoq" if figure.change == "qoq" else "",
    )


def _signature(figure: Figure) -> tuple[object, ...]:
    """What ``values_agree`` reads of a figure: equal signatures agree alike."""
    return (figure.kind, figure.unit, figure.value, figure.value_max, figure.approx, figure.text)


def _clusters(items: list[_Item]) -> list[list[_Item]]:
    """Groups of items (given in ``_order``) that all agree pairwise, each in ``_order``.

    Items are taken exact values first (then by source and offset), and each joins the
    first group it fits. Items with equal signatures agree alike, so they all join the
    group the first of them joined (groups only grow stricter): the values are
    clustered once per distinct signature, and a fact repeated by a thousand articles
    costs a thousand dictionary look-ups, not a thousand comparisons. A value is
    compared only with the groups whose first value lies near it (``_Envelopes``):
    a partition of a thousand different values is not a million comparisons.
    """
    same: dict[tuple[object, ...], list[_Item]] = {}
    for item in items:
        signature = _signature(item.figure)
        members = same.get(signature)
        if members is None:
            same[signature] = [item]
        else:
            members.append(item)
    clusters: list[tuple[list[_Item], list[_Value]]] = []
    envelopes = _Envelopes()
    for signature in sorted(same, key=lambda sig: _exactness(same[sig][0])):
        members = same[signature]
        value = _Value(members[0].figure)
        low, high = _envelope(value)
        for number in envelopes.overlapping(low, high):
            cluster, values = clusters[number]
            if all(_agree(value, other) for other in values):
                cluster.extend(members)
                values.append(value)
                break
        else:
            envelopes.add(len(clusters), low, high)
            clusters.append((list(members), [value]))
    return [
        sorted(cluster, key=_order) if len(values) > 1 else cluster for cluster, values in clusters
    ]


_ENVELOPE_MARGIN = 1e-9


def envelope(figure: Figure) -> tuple[float, float]:
    """A closed interval around the values the figure admits, such that two figures
    whose envelopes do not meet never agree (``values_agree``): two exact values
    agree only within the larger step (less than the sum of the two), everything else
    only when their ``interval``s meet. Widened a little against rounding."""
    return _envelope(_Value(figure))


def _envelope(value: _Value) -> tuple[float, float]:
    low, high = value.low, value.high
    if low > high:  # a bound on a negative value
        low, high = high, low
    margin = _ENVELOPE_MARGIN * max(abs(low), abs(high))
    return low - margin, high + margin


class _Envelopes:
    """The envelopes of a partition's groups (that of each group's first value): which
    groups may take a value, in the order the groups were made.

    A figure that agrees with every value of a group agrees with its first, so their
    envelopes meet. Envelopes are kept in sorted lists by width (powers of two), so
    the groups whose envelope meets an interval are found by bisection in each."""

    __slots__ = ("_levels", "_unbounded")

    def __init__(self) -> None:
        self._levels: dict[int, list[tuple[float, int, float]]] = {}
        self._unbounded: list[int] = []  # envelopes with an infinite or NaN end

    def add(self, number: int, low: float, high: float) -> None:
        width = high - low
        if not math.isfinite(width):
            self._unbounded.append(number)
            return
        level = math.frexp(width)[1]  # width < 2 ** level
        insort(self._levels.setdefault(level, []), (low, number, high))

    def overlapping(self, low: float, high: float) -> list[int]:
        """The numbers of the groups whose envelope meets [low, high], ascending (all of
        them when the interval is not finite)."""
        if not (math.isfinite(low) and math.isfinite(high)):
            found = [n for entries in self._levels.values() for _l, n, _h in entries]
            return sorted(found + self._unbounded)
        found = list(self._unbounded)
        for level, entries in self._levels.items():
            # An envelope narrower than 2 ** level that reaches ``low`` starts after
            # low - 2 ** level (twice that: a margin for rounding).
            first = bisect_left(entries, (low - math.ldexp(1.0, level + 1),))
            for index in range(first, len(entries)):
                start, number, end = entries[index]
                if start > high:
                    break
                if end >= low:
                    found.append(number)
        found.sort()
        return found


def _exactness(item: _Item) -> tuple[int, str, int]:
    """Exact values first, so that bounds join the value they admit."""
    figure = item.figure
    exact = figure.approx is None and figure.value_max is None
    return (0 if exact else 1, *_order(item))


def _order(item: _Item) -> tuple[str, int]:
    return (item.source_path, item.figure.start)


def _member(item: _Item) -> FactMember:
    figure = item.figure
    return FactMember(
        item.source_path,
        item.title,
        figure.text,
        figure.value,
        figure.start,
        figure.end,
        item.article_id,
    )


_RATE_SUFFIX = {"percent": "增速", "pp": "变动", "multiple": "倍数"}


def group_label(metric: str, kind: str) -> str:
    """The group's metric: a rate of an amount metric says so (资本开支增速, 毛利率变动).

    Buckets keep 767亿元 and its 221% growth apart; the label tells the two groups apart.
    """
    kinds = _metric_kinds()
    metric_kind = kinds.get(metric, "any")
    if kind == "pp":
        return metric + _RATE_SUFFIX["pp"]
    if kind in _RATE_SUFFIX and metric_kind in ("money", "count"):
        return metric + _RATE_SUFFIX[kind]
    return metric


def _metric_kinds() -> dict[str, str]:
    global _METRIC_KINDS
    if _METRIC_KINDS is None:
        _METRIC_KINDS = {m.label: m.kind for m in metrics()}
    return _METRIC_KINDS


_METRIC_KINDS: dict[str, str] | None = None


def _group(
    bucket: _Bucket, ordered: list[_Item], status: str, note: str | None = None
) -> FactGroup:
    """A group of ``ordered`` items (sorted by ``_order``)."""
    company, metric, kind, _unit, _change = bucket.key
    return FactGroup(
        company=company,
        metric=group_label(metric, kind) if " / " not in metric else metric,
        period=bucket.period,
        status=status,
        members=[_member(i) for i in ordered],
        note=note,
    )


def _bucket_groups(bucket: _Bucket) -> list[FactGroup]:
    """The groups of a bucket whose items are in ``_order``."""
    if len(bucket.items) < 2:
        return []
    values = _one_value_per_article(bucket.items)
    if values is not None:
        # Each article states one value: the clusters decide only whether there is
        # one (all values agree pairwise: an agree group) or more (a conflict).
        if _all_agree(values):
            return [_group(bucket, bucket.items, AGREE)]
        texts = ", ".join(dict.fromkeys(i.figure.text for i in bucket.items))
        return [_group(bucket, bucket.items, CONFLICT, f"values disagree: {texts}")]
    clusters = _clusters(bucket.items)
    if len(clusters) == 1:
        return [_group(bucket, clusters[0], AGREE)] if len(clusters[0]) > 1 else []
    articles = [{i.source_path for i in c} for c in clusters]
    per_article: dict[str, int] = {}
    for sources in articles:
        for source in sources:
            per_article[source] = per_article.get(source, 0) + 1
    if all(count == 1 for count in per_article.values()) and len(per_article) > 1:
        values = ", ".join(dict.fromkeys(i.figure.text for i in bucket.items))
        return [_group(bucket, bucket.items, CONFLICT, f"values disagree: {values}")]
    return [_group(bucket, c, AGREE) for c in clusters if len(c) > 1]


def _one_value_per_article(items: list[_Item]) -> list[_Value] | None:
    """The distinct values of the items when each article states one (the same
    signature in all its items), else None."""
    by_source: dict[str, tuple[object, ...]] = {}
    values: dict[tuple[object, ...], _Value] = {}
    for item in items:
        signature = _signature(item.figure)
        known = by_source.setdefault(item.source_path, signature)
        if known != signature:
            return None
        if signature not in values:
            values[signature] = _Value(item.figure)
    return list(values.values())


def _all_agree(values: list[_Value]) -> bool:
    """Whether the values agree pairwise (then ``_clusters`` makes one group of them)."""
    return all(_agree(value, other) for at, value in enumerate(values) for other in values[:at])


def _label_candidate(figure: Figure, generic: frozenset[str]) -> bool:
    return bool(
        figure.metric not in generic
        and figure.approx in (None, "~")
        and figure.value_max is None
        and figure.kind in ("count", "money", "number")
        and abs(figure.value) >= _LABEL_MIN_VALUE
        and significant_digits(figure) >= _LABEL_MIN_DIGITS
    )


def label_candidate(figure: Figure) -> bool:
    """Whether the figure can take part in a label conflict (``label_conflicts``)."""
    return bool(figure.company and figure.metric and _label_candidate(figure, _generic_metrics()))


# Two label-conflict candidates can agree only within this share of the larger value
# (three significant digits: one unit is at most 1 %; "~" allows 2 %).
_LABEL_WINDOW = 0.05


LABEL_BAND = "band:"  # the prefix of a label band in the store's fact keys
LABEL_MIN_STORED = _LABEL_MIN_VALUE  # smaller values never take part in label conflicts


def label_band(value: float) -> int:
    """The value band of a label-conflict candidate: bands are ``_LABEL_WINDOW`` wide
    (in ratio), so two values that can be compared lie in one band or two neighbours.
    A conflict belongs to the band of its smaller value."""
    if not value:
        return 0
    return math.floor(math.log(abs(value)) / math.log(1 + _LABEL_WINDOW))


def band_bounds(band: int) -> tuple[float, float]:
    """Absolute values of bands ``band`` and ``band + 1`` (the window of the
    conflicts ``band`` owns), with a margin for rounding; callers keep ``label_band``
    in the two."""
    return (1 + _LABEL_WINDOW) ** band * 0.999, (1 + _LABEL_WINDOW) ** (band + 2) * 1.001


def conflict_band(group: FactGroup) -> int:
    """The band a label conflict belongs to: that of its smaller value."""
    return label_band(min(abs(member.value) for member in group.members))


def label_key(figure: Figure) -> str | None:
    """The company whose label conflicts a figure may be part of (it needs a company and
    a metric; a missing period is allowed: the flag claims no agreement)."""
    if not figure.company or not figure.metric:
        return None
    return figure.company


_Side = tuple[str, str, tuple[object, ...]]  # metric, period, value signature


def label_conflicts(items: list[FactInput]) -> list[FactGroup]:
    """The same large number for one company under two or more metrics (日活 vs 月活),
    in the same period or with the period missing on some sides.

    ``items`` share the company. Figures with the same metric, period and value are
    one side; sides are clustered like the values of a bucket (``_clusters``): each
    joins the first cluster whose values all agree with its own and whose period it
    shares (or either lacks one), and a cluster of two or more metrics is one
    conflict group, whose metric joins the labels with " / " and whose note names
    each label with its values. So a side is in one group of its value band, and
    the groups grow with the figures, not with the pairs of them.

    Clusters are made within a window of two neighbouring value bands (``label_band``:
    two values that can agree lie in one band or two neighbours), a group belongs to
    the band of its smallest value, and one that is only part of a group of the band
    below is left out: the groups of a band depend on the figures of that band, the
    one below and the one above (``label_keys`` marks the three), never on the rest.
    """
    generic = _generic_metrics()
    found: dict[_Side, list[_Item]] = {}
    for item in items:
        figure = item.figure
        if figure.metric and _label_candidate(figure, generic):
            key = (figure.metric, figure.period or "", _signature(figure))
            members = found.get(key)
            if members is None:
                found[key] = [item]
            else:
                members.append(item)
    by_band: dict[int, list[_LabelSide]] = {}
    for key, members in found.items():
        members.sort(key=_order)
        side = _LabelSide(key, members)
        by_band.setdefault(side.band, []).append(side)
    for band_sides in by_band.values():
        band_sides.sort(key=_side_order)
    groups: list[FactGroup] = []
    below: list[frozenset[_Side]] = []  # the conflicts of the band below, as sides
    below_band: int | None = None
    for band in sorted(by_band):
        window = by_band[band] + by_band.get(band + 1, [])
        keys: list[frozenset[_Side]] = []
        if len({side.key[0] for side in window}) > 1:  # one label: no conflict
            window.sort(key=_side_order)  # two sorted runs
            previous = below if below_band == band - 1 else []
            for cluster in _side_clusters(window):
                if (
                    len(cluster) > 1
                    and any(side.band == band for side in cluster)
                    and len({side.key[0] for side in cluster}) > 1
                ):
                    sides_of = frozenset(side.key for side in cluster)
                    keys.append(sides_of)
                    if not any(sides_of <= other for other in previous):
                        groups.append(_label_group(cluster))
        below, below_band = keys, band
    return sorted(groups, key=fact_order)


class _LabelSide:
    """Figures of one metric, period and value: one side of a label conflict."""

    __slots__ = ("band", "figure", "high", "key", "low", "members", "order", "period", "value")

    def __init__(self, key: _Side, members: list[_Item]) -> None:
        self.key = key
        self.members = members
        self.period = key[1]
        figure = self.figure = members[0].figure
        self.band = label_band(figure.value)
        self.value = _Value(figure)
        self.low, self.high = _envelope(self.value)
        self.order = _exactness(members[0])


def _side_order(side: _LabelSide) -> tuple[int, str, int]:
    return side.order


def _side_clusters(window: list[_LabelSide]) -> list[list[_LabelSide]]:
    """Sides (in ``_exactness`` order of their first member) whose values all agree
    pairwise and whose periods are compatible: each joins the first cluster it fits
    that holds another label, else the first it fits (so a figure is not kept from a
    conflict by a cluster of its own label made first)."""
    clusters: list[tuple[list[_LabelSide], list[_Value], list[str], set[str]]] = []
    envelopes = _Envelopes()
    for side in window:
        period = side.period
        value = side.value
        label = side.key[0]
        fits = None
        for number in envelopes.overlapping(side.low, side.high):
            cluster, values, periods, labels = clusters[number]
            if period and periods and periods[0] != period:
                continue
            if all(_agree(value, other) for other in values):
                if fits is None:
                    fits = number
                if labels != {label}:  # another label: the first such cluster
                    fits = number
                    break
        if fits is None:
            envelopes.add(len(clusters), side.low, side.high)
            clusters.append(([side], [value], [period] if period else [], {label}))
            continue
        cluster, values, periods, labels = clusters[fits]
        cluster.append(side)
        values.append(value)
        labels.add(label)
        if period and not periods:
            periods.append(period)
    return [cluster for cluster, _values, _periods, _labels in clusters]


def _label_group(cluster: list[_LabelSide]) -> FactGroup:
    """The conflict group of a cluster of sides: every member, the labels joined, and
    a note naming each label with its values (in order of value)."""
    ordered = sorted(cluster, key=lambda side: (abs(side.figure.value), side.key[:2]))
    texts: dict[str, dict[str, None]] = {}
    for side in ordered:
        written = texts.setdefault(side.key[0], {})
        for item in side.members:
            written[item.figure.text] = None
    labels = sorted(texts)
    note = " vs ".join(f"{', '.join(texts[label])} ({label})" for label in labels)
    periods = [side.period for side in ordered if side.period]
    items = sorted((item for side in cluster for item in side.members), key=_order)
    return FactGroup(
        company=items[0].figure.company or "",
        metric=" / ".join(labels),
        period=periods[0] if periods else None,
        status=CONFLICT,
        members=[_member(item) for item in items],
        note=f"{LABEL_NOTE}{note}",
    )


LABEL_NOTE = "same number, different labels: "


def _generic_metrics() -> frozenset[str]:
    global _GENERIC
    if _GENERIC is None:
        _GENERIC = frozenset(m.label for m in metrics() if m.generic)
    return _GENERIC


_GENERIC: frozenset[str] | None = None


def group_partition(items: list[FactInput]) -> list[FactGroup]:
    """The agree and conflict groups of figures that share company, metric and period
    (label conflicts, across metrics, are ``label_conflicts``), in ``fact_order``."""
    buckets: dict[tuple[str, str, str, str, str], _Bucket] = {}
    for item in sorted(items, key=_order):  # buckets and their clusters keep this order
        key = _key(item.figure)
        if key is None:
            continue
        bucket = buckets.get(key)
        if bucket is None:
            bucket = buckets[key] = _Bucket(key, item.figure.period)
        bucket.items.append(item)
    groups: list[FactGroup] = []
    for bucket in buckets.values():
        groups.extend(_bucket_groups(bucket))
    return sorted(groups, key=fact_order)


def fact_order(group: FactGroup) -> tuple[int, str, str, str, str, str, int]:
    """Groups in order: label conflicts last; company, metric, period, status, first member."""
    first = group.members[0] if group.members else None
    return (
        1 if group.note and group.note.startswith("same number") else 0,
        group.company or "",
        group.metric or "",
        group.period or "",
        group.status,
        first.source_path if first else "",
        first.start if first else 0,
    )


def fact_inputs(articles: list[Article]) -> list[FactInput]:
    """The figures of the articles that can join facts or label conflicts."""
    return [
        FactInput(article.id, article.source_path, article.title, figure)
        for article in articles
        for figure in article.figures
        if label_key(figure) is not None
    ]


def group_facts(articles: list[Article]) -> list[FactGroup]:
    """Fact groups over the articles: agree and conflict groups, then label conflicts.

    Figures are grouped only within one (company, metric, period), label conflicts
    within one company; the work is near-linear in the number of figures (repeated
    values are compared once, label candidates swept in order of value).
    """
    partitions: dict[tuple[str, str, str], list[FactInput]] = {}
    by_company: dict[str, list[FactInput]] = {}
    for item in fact_inputs(articles):
        key = partition_key(item.figure)
        if key is not None:
            partitions.setdefault(key, []).append(item)
        by_company.setdefault(item.figure.company or "", []).append(item)
    groups: list[FactGroup] = []
    for items in partitions.values():
        groups.extend(group_partition(items))
    for items in by_company.values():
        groups.extend(label_conflicts(items))
    return sorted(groups, key=fact_order)
