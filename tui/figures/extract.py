"""Figure extraction: every quantitative claim of an article's cleaned body.

``extract_figures(article)`` returns one ``Figure`` per claim, in text order,
with ``body[start:end] == text``. Matching runs on the Simplified form of the
body (same length, ASCII digits: ``tui.figures.textview``), so Traditional
articles work with the same patterns and offsets. The steps live in
``tui.figures``: ``scan`` (where figures are, their surface, value and unit),
``kinds``, ``qualifiers`` (approx, change), ``clauses``, ``metric``, ``period``
(with ``attach``) and ``company``; vocabularies are in ``data/figures.yaml`` and
``data/metrics.yaml``. Last, each period is written in its company's own fiscal
calendar (``fiscal``, ``fiscal_year_end`` in ``data/companies.yaml``).

What is a figure (decisions on the edge cases)
----------------------------------------------
* Money, percentages, percentage points, multiples, counts with a magnitude or
  a measure word or a counted noun, and physical quantities (700W, kind
  ``number``). A scaled amount without a unit takes its kind from the metric
  (总营收 2432 亿 is money in CNY, MAU 达 9400 万 a count); without a metric it is
  a count.
* Not figures: years, months and dates, times, durations (3年, 54天, 3个小时,
  近7年, 1-3年: they are periods and spans, not claims), ages (25-35岁), ordinals
  and ranks (第12位, 前三), model and product names (Qwen3, QwQ-32B, H100,
  Llama 3 405B, 混元3D v2.5, DeepSeek-V3, GPT-4), registration and phone numbers,
  footnote marks, numbers in URLs, bare numbers without unit or magnitude
  (510阿里日, 1+N), and zero counts (0条评论).
* Chinese numerals: 百分之一 is 1%; 三分之一 is 33.3% (a share, kind percent);
  三折 is 30% (七五折 75%, 8.5折 85%: the share
  of the original price); 三成 is 30%; 三位数增长 is a percent range 100 to 999
  (两位数 10-99, 个位数 1-9; 低两位数 likewise); an order of magnitude
  (百万级, 十亿级, 10亿级, 亿级, 百万元级别) is its base value with approx "~"
  (">=" with 以上); a magnitude numeral of at least 100 with an approx word or a
  unit is a figure (近百种 ~100, 过亿 >1e8, 上亿 >=1e8); 两倍 and 增长了一倍 are
  multiples (2 and 1); 翻一番 / 翻倍 is the factor 2 (翻两番 4).
* Tenths in either digit (三成, 近7成, 2.5成) are percents; 成 inside a word
  (成员, 成本, 一成不变) is not.
* Currency signs and codes before the number (US$5亿, ¥7200, HK$42.5, RMB 100亿) make
  money; 兆 is 10^12 (Taiwan, Korea).
* Ranges state their unit on one or both ends (13-16%, 10至15亿元, 10万辆至11万辆,
  5.5亿至5.8亿美元); both ends must agree in magnitude and unit.
* Process nodes (3nm工艺, 2nm产能) are names, not quantities.
  Small Chinese counts (两年, 九家公司, 三大梯队, 两个问题) are the article's
  framing and are not figures. 数 / 几 with a magnitude and a unit (数十亿美元,
  几百家, 数万名) is several of it, a range of 2 to 9 (数十亿美元: 2e9 to 9e9, like
  三位数 100 to 999); without a unit (数十年, 数百分比) it is none, and 数倍 (rhetoric,
  no amount) is none either.
* The surface text includes an approx word before the number (超过700亿元,
  近50倍), a sign (+4个百分点), the magnitude, the unit (元/股, 个, 月活用户) and
  an approx suffix (40%以上, 2480万上下, 200余个).
* approx: ">" 超/超过/逾/突破/余/多; "~" 近/约/大约/左右/上下 and orders of
  magnitude; ">=" 至少/以上/上亿; "<" 不足/不到/仅/以下; "<=" 不超过/最多.
* Ranges (60%-70%, 13-16%, 3-6%) give value and value_max; 20% 至 319 亿元 is
  a change and a level, two figures.
* value is the number as written, in base units: 下降5% is 5 (the verb says
  down), only a written minus sign makes it negative (-5.2亿元).
* company, period, metric, change: see the modules of ``tui.figures``. 分别
  distributes a list of companies (腾讯、阿里分别达到 189 亿、149 亿), of periods
  (2023 财年到 2025 财年的利润率分别为 4%、5.8%、8.9%) and the metrics of the
  previous clause's figures (总营收 33 亿、经调整净利润 6 亿，同比分别增长 23.9%、
  59.2%) over the figures after it, in order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tui.figures import company as company_mod
from tui.figures import fiscal
from tui.figures.attach import period_for
from tui.figures.clauses import Clause, Layout, segment
from tui.figures.kinds import figure_kind, figure_unit, figure_value, figure_value_max
from tui.figures.lexicon import lexicon, metrics
from tui.figures.metric import MetricHit, find_metrics, fits, metric_for
from tui.figures.period import (
    PERIOD,
    RANGE,
    SPAN,
    Mention,
    find_periods,
    is_forecast,
)
from tui.figures.qualifiers import approx_of, change_of
from tui.figures.scan import Quantity, scan
from tui.figures.tables import header_cell
from tui.figures.textview import matching_text
from tui.text.markers import without_marks
from tui.text.models import Article, Figure
from tui.text.script import to_simplified

# FIGURES_VERSION (tui.text.versions) is bumped when extraction output may change.
PER_SHARE_METRIC = "股价"
_REPEAT_DIGITS = 3


@dataclass
class _Context:
    """Everything read once per text."""

    m: str
    layout: Layout
    periods: list[Mention]
    metrics: list[MetricHit]
    groups: list[company_mod.Group]
    metrics_by_sentence: dict[int, list[MetricHit]]
    groups_by_clause: dict[int, list[company_mod.Group]]
    names_by_sentence: dict[int, set[str]]
    title_period: str | None = None  # title_period(title, date)
    causes: dict[MetricHit, bool] = field(default_factory=dict)  # metric_for's in_cause


def _company_mentions(body: str, simplified: str, title: str | None) -> list[tuple[int, int, str]]:
    """Company spans of the body.

    Computed on title + body when that text keeps its length in Simplified: it is
    the text the cleaner already matched companies on, so the spans come from cache.
    """
    if title:
        prefix = title + "\n"
        full = without_marks(to_simplified(prefix + body))  # the cleaner's text
        if len(full) == len(prefix) + len(body):
            shift = len(prefix)
            return [
                (start - shift, end - shift, name)
                for start, end, name in company_mod.mentions_in(full)
                if start >= shift
            ]
    return company_mod.mentions_in(simplified)


def _build_context(body: str, date: str | None, title: str | None) -> _Context:
    m = matching_text(body, title or None)  # the cleaner converted title + body already
    mentions = _company_mentions(body, m, title)
    layout = segment(m)
    metrics = find_metrics(m)
    groups = company_mod.group_mentions(m, mentions)
    metrics_by_sentence: dict[int, list[MetricHit]] = {}
    for hit in metrics:
        if layout.clauses:
            sentence = layout.clause_at(hit.start).sentence
            metrics_by_sentence.setdefault(sentence, []).append(hit)
    groups_by_clause: dict[int, list[company_mod.Group]] = {}
    for group in groups:
        if layout.clauses:
            groups_by_clause.setdefault(layout.clause_at(group.start).index, []).append(group)
    names_by_sentence: dict[int, set[str]] = {}
    sentence_starts = [sentence.start for sentence in layout.sentences]
    for group in groups:
        at = bisect.bisect_right(sentence_starts, group.start) - 1
        if at >= 0 and group.start < layout.sentences[at].end:
            names_by_sentence.setdefault(at, set()).update(group.names)
    headline_period = title_period(title, date)
    return _Context(
        m=m,
        layout=layout,
        periods=find_periods(m, date, headline_period),
        metrics=metrics,
        groups=groups,
        metrics_by_sentence=metrics_by_sentence,
        groups_by_clause=groups_by_clause,
        names_by_sentence=names_by_sentence,
        title_period=headline_period,
    )


def _figure(
    body: str, ctx: _Context, q: Quantity, clause: Clause, names: tuple[str, ...]
) -> Figure:
    layout = ctx.layout
    sentence = layout.sentences[clause.sentence]
    metric = metric_for(
        ctx.m,
        q.start,
        q.end,
        (clause.start, clause.end),
        sentence.start,
        ctx.metrics_by_sentence.get(sentence.index, []),
        q.unit_class,
        ctx.causes,
    )
    header = header_cell(ctx.m, q.start)
    if header is not None:
        in_header = [h for h in ctx.metrics if header[0] <= h.start and h.end <= header[1]]
        metric = next((h for h in in_header if fits(h, q.unit_class)), metric)
    kind = figure_kind(q, metric.kind if metric else None)
    label = metric.label if metric else (PER_SHARE_METRIC if q.per_share else None)
    figure = Figure(
        text=body[q.start : q.end],
        start=q.start,
        end=q.end,
        kind=kind,
        value=figure_value(q),
        value_max=figure_value_max(q),
        unit=figure_unit(q, kind),
        approx=approx_of(q),
        change=change_of(ctx.m, clause.start, q.start, q.end, marker_after=q.digit_count),
        metric=label,
        company=company_mod.single(names),
        period=period_for(
            ctx.m,
            q.start,
            q.end,
            layout.sentence_scope(sentence.index),
            ctx.periods,
            layout.paragraphs[clause.paragraph].start,
            lambda offset: _same_subject(ctx, offset, names),
            fallback=label not in _undated_labels(),
        ),
    )
    if header is not None:
        _column_qualifiers(ctx, figure, header)
    return figure


@lru_cache(maxsize=1)
def _undated_labels() -> frozenset[str]:
    """Point-in-time market metrics (股价, 市值): no headline or report period."""
    return frozenset(m.label for m in metrics() if m.undated) | {PER_SHARE_METRIC}


def _same_subject(ctx: _Context, offset: int, names: tuple[str, ...]) -> bool:
    """The sentence at ``offset`` is not about one other company than ``names``.

    A sentence comparing several companies (美图、阿里和快手今年以来的涨幅…) frames the
    sentences after it; one about a single other company (MiniMax去年营收…) does not."""
    named = ctx.names_by_sentence.get(ctx.layout.clause_at(offset).sentence, set())
    return len(named) != 1 or not names or bool(named & set(names))


def _column_qualifiers(ctx: _Context, figure: Figure, header: tuple[int, int]) -> None:
    """A table column's 同比 / 环比 and period hold for its cells."""
    change = change_of(ctx.m, header[0], header[1], header[1])
    if change is not None:
        figure.change = change
    periods = [
        p.value
        for p in ctx.periods
        if p.kind == PERIOD and p.value and header[0] <= p.start < header[1]
    ]
    if periods:
        figure.period = periods[-1]


def _same_unit_metric(figures: list[Figure], previous: list[Figure]) -> None:
    """A count without a metric counts what the sentence's last count of that unit did.

    去年同期的销量为100万辆，今年上半年增至215万辆: 215万辆 is 销量 too.
    """
    if not previous:
        return
    last = previous[-1]
    for figure in figures:
        if figure.metric is None and figure.kind == "count" and figure.unit == last.unit:
            figure.metric = last.metric


def _respectively(
    ctx: _Context,
    clause: Clause,
    figures: list[Figure],
    previous: list[Figure],
    sentence_before: list[Figure] | None = None,
) -> None:
    """分别: hand out listed companies, periods and metrics to the figures after it, in order.

    The metrics are those listed in the clause before 分别 (广告收入和游戏收入分别为…), else
    those of the previous clause's figures, else those of the sentence's earlier figures
    when they are as many (日活达1.17亿，月活达3.76亿，同比分别增长9%、8%)."""
    m = ctx.m
    words = lexicon().respectively
    at = min(
        (i for i in (m.find(w, clause.start, clause.end) for w in words) if i >= 0), default=-1
    )
    if at < 0:
        return
    after = [f for f in figures if f.start > at]
    if len(after) < 2:
        return
    count = len(after)
    lists = [
        g
        for g in ctx.groups_by_clause.get(clause.index, [])
        if g.end <= at and len(g.names) == count
    ]
    if lists:
        for figure, name in zip(after, lists[-1].names, strict=True):
            figure.company = name
    before = [p for p in ctx.periods if clause.start <= p.start and p.end <= at]
    ranges = [p for p in before if p.kind == RANGE and len(p.values) == count]
    plain = [p for p in before if p.kind == PERIOD and p.value]
    values = (
        ranges[-1].values if ranges else [p.value for p in plain] if len(plain) == count else []
    )
    for figure, value in zip(after, values, strict=False):
        figure.period = value
    kinds = {f.kind for f in after}
    listed = [
        h.label
        for h in ctx.metrics
        if clause.start <= h.start and h.end <= at and all(fits(h, kind) for kind in kinds)
    ]
    if len(listed) == count and len(set(listed)) == count:
        for figure, label in zip(after, listed, strict=True):
            figure.metric = label
        return
    sources = previous
    if len(sources) != count and sentence_before and len(sentence_before) == count:
        sources = sentence_before
    if len(sources) == count and all(p.metric for p in sources):
        for figure, source in zip(after, sources, strict=True):
            figure.metric = source.metric


def figures_from_text(body: str, date: str | None = None, title: str | None = None) -> list[Figure]:
    """The figures of a cleaned body (Markdown, either script)."""
    if not body:
        return []
    ctx = _build_context(body, date, title)
    quantities = scan(ctx.m)
    layout = ctx.layout
    if not layout.clauses:
        return []
    by_clause: dict[int, list[Quantity]] = {}
    for q in quantities:
        by_clause.setdefault(layout.clause_at(q.start).index, []).append(q)
    figures: list[Figure] = []
    dominant = company_mod.dominant_company(ctx.groups) or _title_company(title)
    subjects = company_mod.Subjects(dominant=dominant)
    previous: list[Figure] = []  # figures of the last clause with figures, same sentence
    in_sentence: list[Figure] = []  # figures of the sentence so far (not a scan of all)
    previous_sentence = previous_paragraph = -1
    for clause in layout.clauses:
        if clause.paragraph != previous_paragraph:
            if previous_paragraph < 0 or layout.paragraphs[clause.paragraph].heading:
                subjects.new_section()
            previous_paragraph = clause.paragraph
        if clause.sentence != previous_sentence:
            previous, previous_sentence = [], clause.sentence
            in_sentence = []
        span = (clause.start, clause.end)
        clause_groups = ctx.groups_by_clause.get(clause.index, [])
        in_clause = []
        generic = False
        for q in by_clause.get(clause.index, []):
            names = subjects.names_for(ctx.m, span, clause_groups, q.start)
            if not names and company_mod.names_generic(ctx.m, clause.start, q.start):
                generic = True
            in_clause.append(_figure(body, ctx, q, clause, names))
        if in_clause:
            _same_unit_metric(in_clause, previous)
            _respectively(ctx, clause, in_clause, previous, list(in_sentence))
            figures.extend(in_clause)
            in_sentence.extend(in_clause)
            previous = in_clause
        subjects.after_clause(ctx.m, span, clause_groups, generic)
    _date_repeated_facts(figures)
    _row_growth_metrics(ctx, figures)
    if title:
        _title_period(ctx, figures, title, date)
    for figure in figures:
        figure.period = fiscal.for_company(figure.period, figure.company)
    return figures


def _title_company(title: str | None) -> tuple[str, ...]:
    """The one company a headline names (京东25Q3业绩点评): the article's subject when
    the body names none often enough to dominate."""
    if not title:
        return ()
    names = {name for _, _, name in company_mod.mentions_in(matching_text(title))}
    return (names.pop(),) if len(names) == 1 else ()


def title_period(title: str | None, date: str | None) -> str | None:
    """The one period an earnings headline names (小米三季度营收1131亿元: 2025Q3), not a
    bare year (2025年 is a plan or a theme as often as a report), else None."""
    if not title:
        return None
    simplified = matching_text(title)
    named = {
        p.value
        for p in find_periods(simplified, date)
        if p.kind == PERIOD and p.value and not is_forecast(simplified, p.start, p.end)
    }
    if len(named) != 1:
        return None
    (period,) = named
    return None if period.isdigit() else period


def _title_period(ctx: _Context, figures: list[Figure], title: str, date: str | None) -> None:
    """An earnings headline's period (小米三季度营收1131亿元) holds for the undated figures
    of the company it names, unless a span (近7年, 累计) stands before the figure in
    its sentence; it is also what 本季度 means before the body names a quarter."""
    period = ctx.title_period  # title_period(title, date)
    if period is None:
        return
    simplified = matching_text(title)
    if not re.search(r"\d{4}|FY ?\d{2}", simplified):
        period = _body_period_like(ctx, period)
    owners = {name for _, _, name in company_mod.mentions_in(simplified)}
    spans = [p for p in ctx.periods if p.kind == SPAN]
    undated = _undated_labels()
    for figure in figures:
        if figure.period or figure.company not in owners or figure.metric in undated:
            continue
        sentence = ctx.layout.sentences[ctx.layout.clause_at(figure.start).sentence]
        scope = ctx.layout.sentence_scope(sentence.index)
        if any(scope <= p.start < figure.start for p in spans):
            continue
        figure.period = period


def _body_period_like(ctx: _Context, period: str) -> str:
    """聯想第二財季 (no year in the headline: the year was guessed) is the body's one
    quarter of that number and type (2025/26財年第二季度: FY2026Q2)."""
    fiscal = period.startswith("FY")
    named = {
        p.value
        for p in ctx.periods
        if p.kind == PERIOD
        and p.value
        and p.value.startswith("FY") == fiscal
        and re.fullmatch(r"(?:FY)?\d{4}Q[1-4]", p.value)
        and p.value[-2:] == period[-2:]
    }
    return named.pop() if len(named) == 1 else period


def _row_growth_metrics(ctx: _Context, figures: list[Figure]) -> None:
    """| 小米 | 1131亿元 | 22.3% |: a change column without a metric of its own is the
    growth of the amount before it in the row."""
    previous: Figure | None = None
    for figure in figures:
        header = header_cell(ctx.m, figure.start)
        if (
            previous is not None
            and header is not None
            and "\n" not in ctx.m[previous.end : figure.start]
            and figure.metric is None
            and figure.change
        ):
            figure.metric = previous.metric
        previous = figure


def _same_metric(a: str, b: str, generic: frozenset[str]) -> bool:
    return a == b or ((a in generic or b in generic) and (a in b or b in a))


def _date_repeated_facts(figures: list[Figure]) -> None:
    """An undated figure restating a dated one of the article takes its period.

    706億的研發不是終點 repeats 2024年，706億研發資金: the same company, metric and
    large number (money or count, at least three significant digits, values within
    rounding) is the same fact. When the dated figures disagree on the period, none.
    """
    from tui.figures.facts import significant_digits, values_agree

    generic = frozenset(m.label for m in metrics() if m.generic)
    dated = [f for f in figures if f.period and f.company and f.metric]
    for figure in figures:
        if figure.period or not figure.company or not figure.metric:
            continue
        if figure.kind not in ("money", "count") or significant_digits(figure) < _REPEAT_DIGITS:
            continue
        periods = {
            other.period
            for other in dated
            if other.company == figure.company
            and other.kind == figure.kind
            and other.unit == figure.unit
            and _same_metric(other.metric or "", figure.metric, generic)
            and values_agree(other, figure)
        }
        if len(periods) == 1:
            figure.period = periods.pop()


def extract_figures(article: Article) -> list[Figure]:
    """Every quantitative claim of the article's body, in text order."""
    return figures_from_text(article.body, article.date, article.title)
