"""Facts across articles: figures that state the same thing, and whether they agree.

``group_facts(articles)`` buckets every figure that has a company and a metric by
(company, metric, kind, unit, change, period) and reports:

Buckets ignore the difference between 同比 and no change word (writers drop 同比),
but keep 环比 apart.

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
* a figure without a period joins the one dated bucket it agrees with (an
  undated 1941亿净利润 joins the dated 2024 one); undated figures that agree with
  each other form their own group; undated figures never make a conflict.
* a group of rates of an amount metric is labelled as such: 资本开支增速 for the
  221% growth of 资本开支, 毛利率变动 for percentage points, 营收倍数 for multiples.
* label conflicts: the same large exact number (at least 10000, three significant
  digits, no bound) for the same company under two different specific metrics (元宝's 2480万 as
  日活 in one article and 月活 in another) is a conflict group whose metric is
  both labels joined by " / " and whose ``note`` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class _Item:
    article: Article
    figure: Figure


@dataclass
class _Bucket:
    key: tuple[str, str, str, str, str]  # company, metric, kind, unit, change
    period: str | None
    items: list[_Item] = field(default_factory=list)


def figure_step(figure: Figure) -> float:
    """One unit of the last stated digit, in base units (706.9亿 -> 1e7, 3%-> 1)."""
    match = _NUMBER.search(figure.text)
    if match is None:
        return abs(figure.value) or 1.0  # Chinese numerals: as coarse as the value
    number = float(match.group().replace(",", ""))
    decimals = len(match.group(1) or "")
    scale = abs(figure.value / number) if number else 1.0
    return 10.0 ** (-decimals) * scale


def significant_digits(figure: Figure) -> int:
    """Digits stated: 2480万 has 4, 2480.5万 has 5, 3亿 has 1."""
    match = _NUMBER.search(figure.text)
    if match is None:
        return 1
    digits = match.group().replace(",", "").replace(".", "").lstrip("0")
    return len(digits)


def interval(figure: Figure) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open) of the values the figure admits."""
    value = figure.value
    if figure.value_max is not None:
        return value, figure.value_max, False, False
    approx = figure.approx
    if approx in (">", ">="):
        return value, value * _BOUND_FACTOR, approx == ">", False
    if approx in ("<", "<="):
        return value / _BOUND_FACTOR, value, False, approx == "<"
    if approx == "~":
        spread = max(abs(value) * _APPROX_SHARE, figure_step(figure))
        return value - spread, value + spread, False, False
    step = figure_step(figure)
    return value - step, value + step, True, True


def _wide(figure: Figure) -> bool:
    """A range too wide to pin a value down (三位数: 100 to 999)."""
    if figure.value_max is None:
        return False
    return figure.value_max > _WIDE_RANGE * max(figure.value, 1e-9)


def values_agree(a: Figure, b: Figure) -> bool:
    """Same value within the precision of the less precise figure, or bounds that admit it."""
    if _wide(a) or _wide(b):
        return (a.value, a.value_max) == (b.value, b.value_max)
    exact_a = a.approx is None and a.value_max is None
    exact_b = b.approx is None and b.value_max is None
    if exact_a and exact_b:
        step = max(figure_step(a), figure_step(b))
        if a.kind in _ROUNDED_KINDS and b.kind in _ROUNDED_KINDS:
            return abs(a.value - b.value) <= step / 2 * (1 + 1e-9)  # 22.3% and 22%, not 2.8% and 2%
        return abs(a.value - b.value) < step * (1 - 1e-9)
    low_a, high_a, open_low_a, open_high_a = interval(a)
    low_b, high_b, open_low_b, open_high_b = interval(b)
    if high_a < low_b or high_b < low_a:
        return False
    if high_a == low_b and (open_high_a or open_low_b):
        return False
    return not (high_b == low_a and (open_high_b or open_low_a))


def _key(figure: Figure) -> tuple[str, str, str, str, str] | None:
    if not figure.company or not figure.metric:
        return None
    change = "qoq" if figure.change == "qoq" else ""
    return (figure.company, figure.metric, figure.kind, figure.unit or "", change)


def _clusters(items: list[_Item]) -> list[list[_Item]]:
    """Groups of items that all agree pairwise (each item joins the first group it fits)."""
    clusters: list[list[_Item]] = []
    for item in sorted(items, key=_exactness):
        for cluster in clusters:
            if all(values_agree(item.figure, other.figure) for other in cluster):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    return [sorted(c, key=_order) for c in clusters]


def _exactness(item: _Item) -> tuple[int, str, int]:
    """Exact values first, so that bounds join the value they admit."""
    figure = item.figure
    exact = figure.approx is None and figure.value_max is None
    return (0 if exact else 1, *_order(item))


def _order(item: _Item) -> tuple[str, int]:
    return (item.article.source_path, item.figure.start)


def _member(item: _Item) -> FactMember:
    figure = item.figure
    return FactMember(
        source_path=item.article.source_path,
        title=item.article.title,
        text=figure.text,
        value=figure.value,
        start=figure.start,
        end=figure.end,
        article_id=item.article.id,
    )


_RATE_SUFFIX = {"percent": "增速", "pp": "变动", "multiple": "倍数"}


def group_label(metric: str, kind: str) -> str:
    """The group's metric: a rate of an amount metric says so (资本开支增速, 毛利率变动).

    Buckets keep 767亿元 and its 221% growth apart; the label tells the two groups apart.
    """
    kinds = {m.label: m.kind for m in metrics()}
    metric_kind = kinds.get(metric, "any")
    if kind == "pp":
        return metric + _RATE_SUFFIX["pp"]
    if kind in _RATE_SUFFIX and metric_kind in ("money", "count"):
        return metric + _RATE_SUFFIX[kind]
    return metric


def _group(bucket: _Bucket, items: list[_Item], status: str, note: str | None = None) -> FactGroup:
    company, metric, kind, _unit, _change = bucket.key
    return FactGroup(
        company=company,
        metric=group_label(metric, kind) if " / " not in metric else metric,
        period=bucket.period,
        status=status,
        members=[_member(i) for i in sorted(items, key=_order)],
        note=note,
    )


def _buckets(articles: list[Article]) -> tuple[list[_Bucket], list[_Item]]:
    """Dated buckets and the undated items."""
    buckets: dict[tuple[tuple[str, str, str, str, str], str], _Bucket] = {}
    undated: list[_Item] = []
    for article in articles:
        for figure in article.figures:
            key = _key(figure)
            if key is None:
                continue
            item = _Item(article, figure)
            if figure.period is None:
                undated.append(item)
                continue
            bucket = buckets.setdefault((key, figure.period), _Bucket(key, figure.period))
            bucket.items.append(item)
    return list(buckets.values()), undated


def _place_undated(buckets: list[_Bucket], undated: list[_Item]) -> list[_Item]:
    """Put each undated item in the one dated bucket it agrees with; return the rest."""
    rest = []
    for item in undated:
        key = _key(item.figure)
        homes = [
            b
            for b in buckets
            if b.key == key and all(values_agree(item.figure, o.figure) for o in b.items)
        ]
        if len(homes) == 1:
            homes[0].items.append(item)
        else:
            rest.append(item)
    return rest


def _bucket_groups(bucket: _Bucket) -> list[FactGroup]:
    clusters = _clusters(bucket.items)
    if len(clusters) == 1:
        return [_group(bucket, clusters[0], AGREE)] if len(clusters[0]) > 1 else []
    articles = [{i.article.source_path for i in c} for c in clusters]
    per_article: dict[str, int] = {}
    for sources in articles:
        for source in sources:
            per_article[source] = per_article.get(source, 0) + 1
    dated = [i for i in bucket.items if i.figure.period is not None]
    if all(count == 1 for count in per_article.values()) and len(per_article) > 1:
        values = ", ".join(dict.fromkeys(i.figure.text for i in sorted(dated, key=_order)))
        return [_group(bucket, bucket.items, CONFLICT, f"values disagree: {values}")]
    return [_group(bucket, c, AGREE) for c in clusters if len(c) > 1]


def _undated_groups(items: list[_Item]) -> list[FactGroup]:
    by_key: dict[tuple[str, str, str, str, str], list[_Item]] = {}
    for item in items:
        key = _key(item.figure)
        if key is not None:
            by_key.setdefault(key, []).append(item)
    groups = []
    for key, members in by_key.items():
        bucket = _Bucket(key, None)
        for cluster in _clusters(members):
            if len(cluster) > 1:
                groups.append(_group(bucket, cluster, AGREE))
    return groups


def _label_conflicts(articles: list[Article]) -> list[FactGroup]:
    """The same large number for one company under two metrics (日活 vs 月活)."""
    generic = {m.label for m in metrics() if m.generic}
    items = [
        _Item(a, f)
        for a in articles
        for f in a.figures
        if f.company
        and f.metric
        and f.metric not in generic
        and f.approx in (None, "~")
        and f.value_max is None
        and f.kind in ("count", "money", "number")
        and abs(f.value) >= _LABEL_MIN_VALUE
        and significant_digits(f) >= _LABEL_MIN_DIGITS
    ]
    groups = []
    seen: set[tuple[tuple[str, int], ...]] = set()
    for index, item in enumerate(items):
        for other in items[index + 1 :]:
            a, b = item.figure, other.figure
            if (
                a.company != b.company
                or a.kind != b.kind
                or a.metric == b.metric
                or (a.period and b.period and a.period != b.period)
                or not values_agree(a, b)
            ):
                continue
            pair = tuple(sorted((_order(item), _order(other))))
            if pair in seen:
                continue
            seen.add(pair)
            labels = sorted({a.metric or "", b.metric or ""})
            bucket = _Bucket(
                (a.company or "", " / ".join(labels), a.kind, "", ""), a.period or b.period
            )
            note = f"same number, different labels: {a.text} ({a.metric}) vs {b.text} ({b.metric})"
            groups.append(_group(bucket, [item, other], CONFLICT, note))
    return groups


def group_facts(articles: list[Article]) -> list[FactGroup]:
    """Fact groups over the articles: agree and conflict groups, then label conflicts."""
    buckets, undated = _buckets(articles)
    rest = _place_undated(buckets, undated)
    groups: list[FactGroup] = []
    for bucket in buckets:
        groups.extend(_bucket_groups(bucket))
    groups.extend(_undated_groups(rest))
    groups.sort(key=lambda g: (g.company or "", g.metric or "", g.period or "", g.status))
    return groups + _label_conflicts(articles)
