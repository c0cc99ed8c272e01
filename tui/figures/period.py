"""Periods: the time a figure is about, normalised.

Forms: ``2025`` (a calendar year), ``2025Q1``, ``2025H1``, ``2025-03`` (a month),
``FY2026`` and ``FY2026Q1`` (fiscal years stay fiscal: 阿里巴巴's 2026财年第一季度 is
FY2026Q1, never a calendar quarter). Latin forms are read too: FY25, FY2025 Q3, Q4 2024.

Mentions are read in text order and resolved with a running context:

* the *writing year* is the article's date, else the year of 进入/迈入 2025年
  ("now" markers, which are not periods themselves), else the latest calendar
  year the article names;
* 今年 / 去年 / 前年 / 明年 (with a quarter, half or month) count from the writing year;
* a quarter or half without a year (Q1, 二季度, 上半年) takes the year of the
  latest period mentioned before it, else the writing year; a month without a
  year (3月, 6月数据) takes the writing year;
* 全年 without a year in its sentence is the last full year: the year of the
  latest period of the sentence, else the writing year minus one;
* 本季度 / 当季 / 本季 is the latest quarter mentioned so far (else the writing
  date's quarter); 同期 / 当期 is the period mentioned last;
* spans (近7年, 未来三年, 两年多时间里, 2023年以来, 累计) are not periods: a figure
  after one has no period. 今年以来 is the writing year;
* a day date (2月24日) is an event, not a period, and is skipped, except after
  截至 (截至3月31日 is 2025-03, a point in time).

A figure takes a period written in brackets right after it (2480.5万（6月数据）),
else the nearest mention before it in its sentence (or in the sentence it
continues, see ``clauses``), else the last period of its paragraph that carries
over sentences: any period except a bare current or future year (2025年，资本开支
将… says nothing about the year of the next sentence's results), else none.
A comparison base (去年同期, 上季度) is not a period, but the base's own figure is of
the base period (较去年同期的117亿元, 毛利率由去年同期的64.9%…: a year before the
last reported period, not before a forecast one); 去年同期为… as a topic likewise.

Earnings coverage adds:

* without a date the writing year is the latest year reported on; a year in a plan
  or forecast clause (预计2025年和2026年…) does not count, unless every year is one
  (then the earliest: 第一季度 there is 2025Q1, not 2026Q1);
* the period of a report the article announces (发布2025年第三季度财报, 公布截至9月
  30日止第三季业绩) and 期内 hold for the rest of the article, until another period
  carries; a forecast period (预计第四季度…) frames its own sentence and later
  guidance (毛利率预估为46%) only;
* a quarter right after a date it ends on (截至2024年9月30日止第二财季, 9月底止第三
  季) is that calendar quarter; ``tui.figures.fiscal`` then writes it in the company's
  own calendar (联想: FY2025Q2). 本财季 is the quarter named last; 预计第四财季 is of
  the fiscal year named last; a guidance quarter after a reported fiscal quarter is
  the next fiscal quarter;
* Hong Kong and research shorthand: 首季 / 次季, 首三季, 上季 (the quarter before the
  article's date), 季内, 年初至今 after 截至今年10月底, 25年第三季度, 20/21财年,
  本财年前6个月, 2026财年上半年, 2025-2027年 (a range), 过去四个季度 (a span);
* a period after 而 / 相较而言 (而2025年第二季度为17.3%) holds for its own figure and
  changes nothing else; 由A的x上升y%至B的z: y% is B's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tui.figures.periodmath import (
    CALENDAR_QUARTER,
    QUARTER_END,
    calendar_year,
    ended_period,
    expand_years,
    months_period,
    quarter_before,
    quarter_key,
    shifted_year,
    year_of,
    year_ok,
)
from tui.text.firstchar import FirstCharAlternation

PERIOD = "period"
SPAN = "span"
EVENT = "event"
NOW = "now"
RANGE = "range"

_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_CN_SMALL = "一二两三四五六七八九十"
_SPAN_NUMBER = rf"(?:\d+|[{_CN_SMALL}]+)(?: ?[到至-] ?(?:\d+|[{_CN_SMALL}]+))?"
_Q = (
    r"(?:第? ?(?P<{n}>[一二三四1-4]) ?(?:季度|财季|季报)|第 ?(?P<{n}3>[一二三四1-4]) ?季(?![度报节])"
    r"|Q(?P<{n}2>[1-4])(?!\d)|(?<!首)(?P<{n}4>首|次)(?:季度|财季|季(?![报节])))"
)
_FIRST_SECOND = {"首": 1, "次": 2}


def _q(name: str) -> str:
    return _Q.replace("{n}", name)


# Year-to-date stretches: 前三季度, 前三季, 前两个季度, 前9个月, 1-9月, 一至三季度, Q1-Q3.
_CN_MONTH = "一二三四五六七八九十"
_CUMULATIVE = (
    r"[前首] ?(?P<cq>[一二两三1-3]) ?个?季度?(?!报)"
    rf"|前 ?(?P<cm>1[0-2]|[1-9]|十[一二]?|[{_CN_MONTH[:9]}]) ?个?月(?!\d)"
    r"|(?<!\d)(?P<cm1>1[0-2]|[1-9]) ?(?:月份?)? ?[-~～至到—] ?(?P<cm2>1[0-2]|[1-9]) ?月(?:份)?"
    r"(?! ?\d{1,2} ?[日号])"
    r"|第?(?P<cqa>[一二三1-3]) ?(?:季度)? ?[-~至到] ?第?(?P<cqb>[二三四2-4]) ?季度"
    r"|Q(?P<cqla>[1-3]) ?[-~至到] ?Q(?P<cqlb>[2-4])(?!\d)"
)
_CN_NUMBER = {c: i + 1 for i, c in enumerate(_CN_MONTH)} | {"两": 2, "十一": 11, "十二": 12}


def _small_number(raw: str) -> int:
    return int(raw) if raw.isdigit() else _CN_NUMBER.get(raw, 0)


_FIRST_CHARS = (
    "0-9FH进迈步踏跨近过未最此之这累历今本现去前明上当该同全第一二两三四五六七八九十Q下年首次期季报"
)
_ALTERNATIVES = [
    r"(?:进入|迈入|步入|踏入|跨入) ?(?P<now>\d{4}) ?年",
    rf"(?P<span>(?:近|过去|未来|最近|此前|之后|这) ?的? ?{_SPAN_NUMBER} ?个? ?年"
    rf"|{_SPAN_NUMBER} ?年多?(?:时间)?(?:里|内|间|来)|累计|历年"
    rf"|(?:近|过去|未来|最近) ?的? ?{_SPAN_NUMBER} ?(?:个 ?季度|季(?![度报]))(?:以来|来|里|内)?)",
    r"(?P<since>\d{4}) ?年 ?以来",
    rf"(?P<fys>\d{{4}}|(?<![\d/])\d{{2}}) ?/ ?(?P<fye>\d{{2}}) ?财年 ?(?:{_q('fsq')})?",
    rf"(?P<cfy>本财年|现财年|本财政年度|现财政年度|今个财政年度|本财务年度)"
    rf"(?: ?(?:前 ?(?P<cfym>[36]|六|三) ?个月|(?P<cfyh>上半年|下半年)|{_q('cfq')}))?",
    r"(?P<yrs>\d{4}) ?[-~至到—] ?(?P<yre>\d{4}) ?年(?!\d)",
    rf"(?P<fy>\d{{4}}) ?财年 ?(?:{_q('fq')}|(?P<fh>上半年|下半年|上半财年|下半财年))?",
    r"(?P<base3>\d{4} ?年 ?同期)",
    rf"(?:(?P<cy>\d{{4}}) ?年 ?|(?P<crel>今年|本年|去年|上年|前年) ?)?(?:{_CUMULATIVE})",
    r"(?<![A-Za-z])FY ?(?P<fyl>\d{4}|\d{2})(?: ?Q(?P<fylq>[1-4]))?(?![\d])",
    r"(?<![A-Za-z])Q(?P<qly>[1-4]) ?(?P<yq>\d{4})(?!\d)",
    r"(?<![A-Za-z0-9])(?P<nq>[1-4])Q(?P<nqy>\d{2})(?![\dA-Za-z])",
    r"(?<![A-Za-z0-9.])(?P<yyq>\d{2})Q(?P<yyqq>[1-4])(?![\dA-Za-z])",
    rf"(?P<y>\d{{4}}) ?年? ?(?:{_q('q')}|(?P<h>上半年|下半年|H1|H2))",
    rf"(?<![\d.])(?P<y2>\d{{2}}) ?年 ?(?:{_q('yy')}|(?P<h2>上半年|下半年|H1|H2))",
    r"(?P<ym>\d{4}) ?年 ?(?P<mo>1[0-2]|0?[1-9]) ?月(?P<day> ?\d{1,2} ?[日号])?"
    r"(?:份|底|末|初|中旬|上旬|下旬)?"
    r"(?: ?(?:止 ?(?:的 ?)?|的 ?)(?P<stop>季度|三个月|3个月|六个月|6个月|半年|九个月|9个月|年度|财年|十二个月|12个月))?",
    r"(?P<yr>\d{4}) ?年(?:度|报|全年|底|末|初)?",
    r"(?P<base>(?:去年|上年|上一年|前一年)同期|上一?(?:个)?季度|上一?财年同期)",
    rf"(?P<rel>今年|本年|去年|前年|明年|上年)(?: ?(?:{_q('rq')}|(?P<rh>上半年|下半年)"
    r"|(?P<rm>1[0-2]|0?[1-9]) ?月(?P<rday> ?\d{1,2} ?[日号])?|(?P<rsince>以来)|全年|年度))?",
    r"(?P<ana>本财季|该财季|当财季|本季度|本季|当季|该季度|这一季度|同期|当期|本期"
    r"|下季度|下一季度|下个季度|下一个季度|报告期内|报告期|期内|季内)",
    r"(?P<full>全年)",
    r"(?P<hkq>上季)(?![度报])",
    r"(?P<ytd>年初至今|年初迄今|年初以来)",
    rf"(?<![十个\d])(?:{_q('aq')})",
    r"(?P<ah>上半年|下半年|(?<![A-Za-z0-9])H[12](?![0-9A-Za-z]))",
    r"(?<![\d年个])(?P<am>1[0-2]|0?[1-9]) ?月(?P<aday> ?\d{1,2} ?[日号])?(?:份|底|末|初)?",
    r"(?<![\d年今去明前本])年(?P<ya>初|底|末)",
]
# Tried at each position with the alternatives that can start with its character
# (same matches as ``_PATTERN.finditer``, a fifth of the tries: see tui.text.firstchar).
_MATCHER = FirstCharAlternation(_ALTERNATIVES, _FIRST_CHARS)
_PATTERN = _MATCHER.pattern
_HK_BASE_BEFORE = re.compile(r"(?:较|比|与|按|对比|相比|环比|同)$")
_AS_OF = re.compile(r"(?:截至|截止|截止到)\s?$")
_RANGE_JOIN = re.compile(r" ?(?:到|至|-|—|~) ?")
_FUTURE_BEFORE = re.compile(r"(?:预计|预测|预期|计划|目标)(?:到|至|在)? ?$")
_FUTURE_WORDS = re.compile(r"预计|预测|预期|计划|目标|有望|展望|指引|将|未来|打算")
_CLAUSE_BREAK = re.compile(r"[，。；,;！？!?：:\n]")
# Everything up to the last _CLAUSE_BREAK: its end is where the last break ends.
_UP_TO_LAST_BREAK = re.compile(r"(?s:.*)[，。；,;！？!?：:\n]")


def _clause_bounds(m: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, stops, colons, line breaks) holding [start, end)."""
    last = _UP_TO_LAST_BREAK.match(m, max(0, start - 60), start)
    left = last.end() if last else 0
    if left == 0 and start > 60:
        left = start - 60
    after = _CLAUSE_BREAK.search(m, end, end + 60)
    return left, after.start() if after else min(len(m), end + 60)


def in_future_clause(m: str, start: int, end: int) -> bool:
    """The clause of [start, end) speaks of a plan or forecast (预计, 将, 目标 …)."""
    left, right = _clause_bounds(m, start, end)
    return bool(_FUTURE_WORDS.search(m, left, start) or _FUTURE_WORDS.search(m, end, right))


@dataclass
class Mention:
    """One period expression in the text."""

    start: int
    end: int
    kind: str  # PERIOD | SPAN | EVENT | NOW | RANGE
    value: str | None = None
    values: list[str] = field(default_factory=list)  # RANGE: the periods it covers
    carries: bool = False  # holds for the following sentences of its paragraph
    to_date: bool = False  # a stretch from the start of a year (前三季度, 1-9月)
    as_of: bool = False  # after 截至: a point in time
    next_only: bool = False  # a base's own figure (较去年同期的117亿元): only the next one
    reports: bool = False  # the period of a report the article announces (…第三季度业绩)
    forecast: bool = False  # in a plan or forecast clause (预计第四季度…)


def _quarter(match: re.Match[str], name: str) -> int | None:
    raw = match.group(name) or match.group(name + "2") or match.group(name + "3")
    if raw:
        return _CN_QUARTER.get(raw)
    first = match.groupdict().get(name + "4")
    return _FIRST_SECOND.get(first) if first else None


def _half(raw: str) -> str:
    return "H1" if raw in ("上半年", "H1") else "H2"


def writing_year(
    m: str, date: str | None, matches: list[re.Match[str]] | None = None
) -> int | None:
    """The year the article was written: its date, a 进入2025年 marker, else the latest
    year the text reports on (a year in a plan or forecast clause, 预计2026年…, is not:
    when every year is, the earliest of them, 预计2025年和2026年 being this year and
    the next), else the latest fiscal year named (2025财年第三季度)."""
    if date and date[:4].isdigit():
        return int(date[:4])
    years: list[int] = []
    planned: list[int] = []
    fiscal: list[int] = []
    for match in matches if matches is not None else _PATTERN.finditer(m):
        if match.group("now"):
            return int(match.group("now"))
        raw = match.group("y") or match.group("ym") or match.group("yr") or match.group("since")
        if match.group("y2"):
            raw = "20" + match.group("y2")
        if match.group("fy"):
            fiscal.append(int(match.group("fy")))
        if not raw or not 1990 <= int(raw) <= 2100:
            continue
        if in_future_clause(m, match.start(), match.end()):
            planned.append(int(raw))
        else:
            years.append(int(raw))
    if years:
        return max(years)
    if fiscal:
        return max(fiscal)
    return min(planned) if planned else None


@dataclass
class _Context:
    year: int | None  # the writing year
    date: str | None
    last: str | None = None  # the period mentioned last
    quarters: list[str] = field(default_factory=list)
    paragraph: int = 0  # the paragraph being read
    fiscal_paragraph: int = -1  # where the last fiscal period was named
    calendar_year: int | None = None  # the year of the last calendar period
    fiscal_year: int | None = None  # the year of the last fiscal period (FY2026Q3: 2026)
    actual: str | None = None  # the period mentioned last that is not a forecast


def _resolve(
    m: str, match: re.Match[str], ctx: _Context, sentence_last: str | None, as_of: bool
) -> Mention:
    """One mention resolved; ``as_of`` when it follows 截至 (a day date is then its month)."""
    start, end = match.span()
    g = match.group
    if g("now"):
        return Mention(start, end, NOW)
    if g("hkq") and _HK_BASE_BEFORE.search(m, max(0, start - 3), start):
        return Mention(start, end, EVENT)  # 較上季, 按上季: the quarter compared with
    if g("base") or g("base3"):
        return Mention(start, end, EVENT)  # 较去年同期: a comparison base, not a period
    if g("span"):
        return Mention(start, end, SPAN)
    if g("since"):
        return Mention(start, end, SPAN)
    if g("fyl"):
        year = g("fyl") if len(g("fyl")) == 4 else f"20{g('fyl')}"
        return Mention(start, end, PERIOD, f"FY{year}" + (f"Q{g('fylq')}" if g("fylq") else ""))
    if g("qly"):
        return Mention(start, end, PERIOD, f"{g('yq')}Q{g('qly')}")
    if g("nq"):  # 3Q25
        return Mention(start, end, PERIOD, f"20{g('nqy')}Q{g('nq')}")
    if g("yyq"):  # 25Q3
        return Mention(start, end, PERIOD, f"20{g('yyq')}Q{g('yyqq')}")
    if g("yrs"):  # 2025-2027年: each year of the stretch
        first, last = int(g("yrs")), int(g("yre"))
        if not first < last <= first + 10:
            return Mention(start, end, PERIOD, None)
        return Mention(start, end, RANGE, None, [str(y) for y in range(first, last + 1)])
    if g("cfy"):  # 本财年前6个月: the current fiscal year (the one named last)
        if ctx.fiscal_year is None:
            return Mention(start, end, PERIOD, None)
        quarter = _quarter(match, "cfq")
        suffix = f"Q{quarter}" if quarter else ""
        if g("cfym"):
            suffix = "Q1" if g("cfym") in ("3", "三") else "H1"
        elif g("cfyh"):
            suffix = _half(g("cfyh"))
        return Mention(start, end, PERIOD, f"FY{ctx.fiscal_year}{suffix}")
    if g("fys"):  # 2025/26财年, 20/21财年: the fiscal year ending in 2026, in 2021
        start_year = int(g("fys")) if len(g("fys")) == 4 else 2000 + int(g("fys"))
        year = int(str(start_year)[:2] + g("fye"))
        if year != start_year + 1:
            return Mention(start, end, PERIOD, None)
        quarter = _quarter(match, "fsq")
        return Mention(start, end, PERIOD, f"FY{year}" + (f"Q{quarter}" if quarter else ""))
    if g("fy"):
        quarter = _quarter(match, "fq")
        if g("fh"):
            return Mention(start, end, PERIOD, f"FY{g('fy')}H{1 if '上' in g('fh') else 2}")
        return Mention(start, end, PERIOD, f"FY{g('fy')}" + (f"Q{quarter}" if quarter else ""))
    if g("y"):
        quarter = _quarter(match, "q")
        suffix = f"Q{quarter}" if quarter else _half(g("h"))
        prefix = "FY" if "财季" in match.group() else ""
        return Mention(start, end, PERIOD, f"{prefix}{g('y')}{suffix}")
    if g("y2"):  # 25年第三季度, 25年上半年
        quarter = _quarter(match, "yy")
        suffix = f"Q{quarter}" if quarter else _half(g("h2"))
        prefix = "FY" if "财季" in match.group() else ""
        return Mention(start, end, PERIOD, f"{prefix}20{g('y2')}{suffix}")
    if g("ym") and g("stop"):
        return Mention(start, end, PERIOD, ended_period(int(g("ym")), int(g("mo")), g("stop")))
    if g("ym"):
        if g("day") and not as_of:
            return Mention(start, end, EVENT)
        return Mention(start, end, PERIOD, f"{g('ym')}-{int(g('mo')):02d}")
    if g("yr"):
        return Mention(start, end, PERIOD, g("yr"))
    if _is_cumulative(match):
        return _cumulative(match, ctx)
    if g("rel"):
        return _relative(match, ctx, as_of)
    if g("ana"):
        return _anaphora(start, end, g("ana"), ctx)
    if g("hkq"):  # Hong Kong 上季: the last quarter before the article's date (the one reported)
        if ctx.date and len(ctx.date) >= 7 and ctx.date[5:7].isdigit():
            year, quarter = int(ctx.date[:4]), (int(ctx.date[5:7]) - 1) // 3
            year, quarter = (year - 1, 4) if quarter == 0 else (year, quarter)
            return Mention(start, end, PERIOD, f"{year}Q{quarter}")
        return Mention(start, end, PERIOD, None)
    if g("ytd"):  # 截至今年10月底，年初至今: months 1..10 (see find_periods); else this year
        return Mention(start, end, PERIOD, str(ctx.year) if ctx.year else None, to_date=True)
    if g("full") and in_future_clause(m, start, end):  # 预计全年…, 全年目标: this year
        year = ctx.year or calendar_year(ctx.last)
        return Mention(start, end, PERIOD, str(year) if year else None)
    if g("full"):
        year = year_of(sentence_last) or calendar_year(ctx.last)
        if year is None and ctx.year is not None:
            year = ctx.year - 1
        return Mention(start, end, PERIOD, str(year) if year else None)
    fiscal_context = (
        ctx.last is not None and ctx.last.startswith("FY") and ctx.fiscal_paragraph == ctx.paragraph
    )
    if fiscal_context or ctx.last is None or not ctx.last.startswith("FY"):
        context_year = year_of(ctx.last) or ctx.year
    else:  # a fiscal year named in an earlier paragraph: its number is not the calendar's
        context_year = ctx.calendar_year or ctx.year
    if g("aq") or g("aq2") or g("aq3") or g("aq4"):
        quarter = _quarter(match, "aq")
        fiscal = "财季" in match.group() or fiscal_context
        reported = re.fullmatch(r"FY(\d{4})Q([1-4])", ctx.actual or "")
        if reported and is_forecast(m, start, end) and quarter:
            # 2026财年Q2 … 预期Q3营收: guidance for the fiscal quarter after the reported one
            year = int(reported.group(1)) + (1 if quarter <= int(reported.group(2)) else 0)
            return Mention(start, end, PERIOD, f"FY{year}Q{quarter}")
        if "财季" in match.group() and ctx.fiscal_year is not None:
            context_year = ctx.fiscal_year  # 2026财年第三财季 … 预计第四财季: FY2026Q4
        elif is_forecast(m, start, end) and ctx.year is not None and not fiscal:
            context_year = max(ctx.year, context_year or ctx.year)  # 预计四季度: not a past one
        if context_year is None:
            return Mention(start, end, PERIOD, None)
        prefix = "FY" if fiscal else ""
        return Mention(start, end, PERIOD, f"{prefix}{context_year}Q{quarter}")
    if g("ah"):
        value = f"{context_year}{_half(g('ah'))}" if context_year else None
        return Mention(start, end, PERIOD, value)
    if g("am"):
        month = int(g("am"))
        if (g("aday") and not as_of) or not 1 <= month <= 12:
            return Mention(start, end, EVENT)
        return Mention(start, end, PERIOD, f"{ctx.year}-{month:02d}" if ctx.year else None)
    # 年初 / 年底 without a year: this year
    return Mention(start, end, PERIOD, str(ctx.year) if ctx.year else None)


_CUMULATIVE_GROUPS = ("cq", "cm", "cm1", "cqa", "cqla")


def _is_cumulative(match: re.Match[str]) -> bool:
    return any(match.group(name) for name in _CUMULATIVE_GROUPS)


def _cumulative(match: re.Match[str], ctx: _Context) -> Mention:
    """前三季度 / 1-9月 / 今年前9个月: months 1..N (or a stretch) of a year."""
    start, end = match.span()
    g = match.group
    if g("cy"):
        year: int | None = int(g("cy"))
    elif g("crel"):
        offset = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2}[g("crel")]
        year = ctx.year + offset if ctx.year is not None else None
    else:
        year = calendar_year(ctx.last) or ctx.year
    if g("cq"):
        first, last = 1, 3 * _small_number(g("cq"))
    elif g("cm"):
        first, last = 1, _small_number(g("cm"))
    elif g("cm1"):
        first, last = int(g("cm1")), int(g("cm2"))
    elif g("cqa"):
        first, last = 3 * _small_number(g("cqa")) - 2, 3 * _small_number(g("cqb"))
    else:
        first, last = 3 * int(g("cqla")) - 2, 3 * int(g("cqlb"))
    value = months_period(year, first, last) if year is not None else None
    return Mention(start, end, PERIOD, value, to_date=True)


def _relative(match: re.Match[str], ctx: _Context, as_of: bool) -> Mention:
    start, end = match.span()
    g = match.group
    if ctx.year is None:
        return Mention(start, end, PERIOD, None)
    offset = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}[g("rel")]
    year = ctx.year + offset
    quarter = _quarter(match, "rq")
    if quarter:
        return Mention(start, end, PERIOD, f"{year}Q{quarter}")
    if g("rh"):
        return Mention(start, end, PERIOD, f"{year}{_half(g('rh'))}")
    if g("rm"):
        if g("rday") and not as_of:
            return Mention(start, end, EVENT)
        return Mention(start, end, PERIOD, f"{year}-{int(g('rm')):02d}")
    return Mention(start, end, PERIOD, str(year))


def _anaphora(start: int, end: int, word: str, ctx: _Context) -> Mention:
    if word in ("同期", "当期", "本期", "期内", "报告期", "报告期内"):
        return Mention(start, end, PERIOD, ctx.last)
    if word.startswith("下"):  # 下季度: the quarter after the latest one (or the date's)
        current = _anaphora(start, end, "本季度", ctx).value
        if current is None or not CALENDAR_QUARTER.match(current):
            return Mention(start, end, PERIOD, None)
        year, quarter = quarter_key(current)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return Mention(start, end, PERIOD, f"{year}Q{quarter}")
    last_quarter = ctx.last if ctx.last and QUARTER_END.match(ctx.last) else None
    if "财季" in word:  # 本财季: the quarter named last (a calendar one becomes fiscal later)
        return Mention(start, end, PERIOD, last_quarter)
    if not ctx.quarters and last_quarter:
        return Mention(start, end, PERIOD, last_quarter)  # 2025财年第三季度 … 本季度
    if ctx.quarters:
        return Mention(start, end, PERIOD, max(ctx.quarters, key=quarter_key))
    if ctx.date and len(ctx.date) >= 7 and ctx.date[5:7].isdigit():
        quarter = (int(ctx.date[5:7]) - 1) // 3 + 1
        return Mention(start, end, PERIOD, f"{ctx.date[:4]}Q{quarter}")
    return Mention(start, end, PERIOD, None)


_SENTENCE_STOP = re.compile(r"[。！？!?\n]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _sentence_starts(m: str) -> list[int]:
    return [0] + [match.end() for match in _SENTENCE_STOP.finditer(m)]


def find_periods(m: str, date: str | None, context: str | None = None) -> list[Mention]:
    """Every period mention of the matching text, resolved, in text order.

    ``context`` is a calendar quarter the text is known to report on (its headline's:
    小米三季度营收…): 本季度 and 同期 before any other period resolve to it.
    """
    matches = _MATCHER.matches(m)
    ctx = _Context(year=writing_year(m, date, matches), date=date)
    if context and CALENDAR_QUARTER.match(context):
        ctx.last, ctx.quarters = context, [context]
        ctx.calendar_year = year_of(context)
    mentions: list[Mention] = []
    starts = _sentence_starts(m)
    sentence_index = 0
    sentence_last: str | None = None
    breaks = [b.start() for b in _PARAGRAPH_BREAK.finditer(m)]
    for match in matches:
        while sentence_index + 1 < len(starts) and starts[sentence_index + 1] <= match.start():
            sentence_index += 1
            sentence_last = None
            if ctx.last != ctx.actual and ctx.actual is not None:
                ctx.last = ctx.actual  # a forecast (预计2026年…) frames its own sentence only
        ctx.paragraph = bisect.bisect_right(breaks, match.start())
        if match.group("span") and _is_number_span(match):
            continue
        if match.group("span") == "累计" and _bounded(
            m, mentions, match.start(), starts[sentence_index]
        ):
            continue  # 今年1-9月累计销量: the stretch is the period named
        as_of = _AS_OF.search(m, max(0, match.start() - 3), match.start()) is not None
        base = ctx.actual or ctx.last
        topic = _base_as_topic(m, match, base) or _base_value(m, match, base)
        if topic is not None:
            mentions.append(topic)  # not the current period: the context stays as it is
            continue
        mention = _resolve(m, match, ctx, sentence_last, as_of)
        if mention.kind == PERIOD and mentions:
            mention = _quarter_ended(m, mentions[-1], mention, match)
            mention = _year_to_date(m, mentions[-1], mention, match)
        if mention.kind == PERIOD and _is_comparison_base(m, match):
            mention = Mention(mention.start, mention.end, EVENT)
        if mention.kind == PERIOD and _is_since(m, match):
            mention = Mention(mention.start, mention.end, SPAN)  # 自2024年6月上线以来
        forecast = mention.kind == PERIOD and (
            is_forecast(m, mention.start, mention.end)
            or in_future_clause(m, mention.start, mention.end)
        )
        mention.carries = _carries(mention, ctx.year, bool(match.group("rsince"))) and not as_of
        mention.forecast = forecast
        mention.as_of = as_of
        mention.reports = _reports(m, mention)
        if mention.kind == PERIOD and _CONTRAST_BEFORE.search(
            m, max(0, mention.start - 5), mention.start
        ):
            mention.carries = False  # 相较而言，…而2025年第二季度为17.3%: its own figure only
            mentions.append(mention)
            continue
        if mention.kind == PERIOD and mention.value and year_ok(mention.value):
            ctx.last = sentence_last = mention.value
            if not forecast and not as_of:  # 截至9月30日: a point, not the period reported
                ctx.actual = mention.value
            if mention.value.startswith("FY"):
                ctx.fiscal_paragraph = ctx.paragraph
                ctx.fiscal_year = year_of(mention.value)
            else:
                ctx.calendar_year = year_of(mention.value)
            if CALENDAR_QUARTER.match(mention.value) and not is_forecast(
                m, mention.start, mention.end
            ):
                ctx.quarters.append(mention.value)  # 本季度 is a reported quarter, not guidance
        mentions.append(mention)
    return _join_ranges(m, mentions)


_SINCE_BEFORE = re.compile(r"(?:自|从|自从) ?$")
_SINCE_AFTER = re.compile(r"[^，。；,;！？!?]{0,10}?(?:以来|至今)")
_FORECAST_BEFORE = re.compile(r"(?:预计|预测|预期|指引|展望|给出|计划|目标)(?:到|至|在)? ?$")
_FORECAST_AFTER = re.compile(r" ?的? ?(?:业绩)?(?:指引|展望|预测|预期)")


def _is_since(m: str, match: re.Match[str]) -> bool:
    """自2024年6月上线以来: the start of a stretch up to now, not the figure's period."""
    return bool(
        _SINCE_BEFORE.search(m, max(0, match.start() - 3), match.start())
        and _SINCE_AFTER.match(m, match.end())
    )


def is_forecast(m: str, start: int, end: int) -> bool:
    """预计第四季度, 指引第四季度, 第四季度指引: a period guidance is about."""
    return bool(
        _FORECAST_BEFORE.search(m, max(0, start - 4), start) or _FORECAST_AFTER.match(m, end)
    )


_BASE_BEFORE = re.compile(r"(?:比|较|相比|相较|相较于|对比|同比|对比于|高于|低于|超过) ?$")
_BASE_AFTER = re.compile(r" ?(?:相比|相较|比较|对比)")
_LEVEL_BASE_BEFORE = re.compile(
    r"(?:比|较|相比|相较|相较于|对比|同比|环比|与|和|跟|同|为|是|于|高于|低于|超过|相当于)的? ?$"
)


def _is_comparison_base(m: str, match: re.Match[str]) -> bool:
    """比去年提升1.1个百分点, 较年初减少, 与去年相比: what the figure is compared with.

    Followed by 的 (高于年初的22%) it is the period of the figure after it."""
    if match.group("rsince") or match.group("now") or match.group("span"):
        return False
    if m.startswith("的", match.end()):
        # 远高于年初的22%: the 22% is the level at 年初; 为去年全年的1.7倍 is a ratio to it
        return _MULTIPLE_AFTER.match(m, match.end()) is not None
    before = m[max(0, match.start() - 3) : match.start()]
    return bool(_BASE_BEFORE.search(before) or _BASE_AFTER.match(m, match.end()))


_MULTIPLE_AFTER = re.compile(
    r"的 ?(?:约|近|超过|超|逾|约为)? ?(?:[\d.,]+|[一二两三四五六七八九十百]+) ?倍"
)
_RATIO_AFTER = re.compile(
    r"(?:水平)?的? ?(?:约|近|超过|超|逾|约为)? ?"
    r"(?:[\d.,]+ ?(?:%|倍|个百分点|成)|[一二两三四五六七八九十百]+(?:倍|成))"
)


def _base_as_topic(m: str, match: re.Match[str], last: str | None) -> Mention | None:
    """去年同期则录得经营溢利128亿元: the base period as the topic, its own figures' period
    (the period mentioned last, a year back). Not after 较 / 与 / 为 …, nor before 相比."""
    text = match.group("base") or match.group("base3") or ""
    previous_quarter = text.endswith("季度") and last is not None and QUARTER_END.search(last)
    if not (text.endswith("同期") or previous_quarter) or "财年" in text or last is None:
        return None
    before = m[max(0, match.start() - 4) : match.start()]
    if _LEVEL_BASE_BEFORE.search(before) or _BASE_AFTER.match(m, match.end()):
        return None
    if _RATIO_AFTER.match(m, match.end()):
        return None  # 恢复至2019年同期的120%: a ratio to the base, of the current period
    if match.group("base3"):  # 2023年同期: that year's stretch of the current period
        year_of_last = year_of(last)
        year = int(match.group("base3")[:4])
        if year_of_last is None:
            return None
        return Mention(match.start(), match.end(), PERIOD, shifted_year(last, year - year_of_last))
    if previous_quarter:  # 上季度为92.5%: the quarter before the current one
        return Mention(match.start(), match.end(), PERIOD, quarter_before(last))
    return Mention(match.start(), match.end(), PERIOD, shifted_year(last, -1))


_VALUE_BASE_BEFORE = re.compile(
    r"(?:较|比|由|从|与|和|跟|同|相比|相较|相较于|对比|对比于|高于|低于|超过|远超)的? ?$"
)
_VALUE_AFTER = re.compile(r"的 ?(?:约|近|超|逾|超过)? ?[-+]?\d")
_REPORT_AFTER = re.compile(
    r"[^，。；,;\n]{0,6}?(?:未经审计|未经审核|财报|业绩|财务报告|财务业绩|财务数据|季报|成绩单|报告期)"
)
_QUARTER_MONTH = re.compile(r"^(\d{4})-(03|06|09|12)$")
_ENDED_GAP = re.compile(r" ?(?:日|号)? ?(?:底|末)? ?止? ?的? ?")


_CONTRAST_BEFORE = re.compile(r"(?:而|相较而言|相比之下|相比而言)[ ,，]?$")
_IN_PERIOD = re.compile(r"期内|报告期内|报告期|季内")
_REPORTED_VALUE = re.compile(r"^(?:FY)?\d{4}(?:Q[1-4](?:-Q[1-4])?|H[12])$")
_REPORT_VERB = re.compile(r"(?:公布|发布|披露|宣布|公告|交出|发表)[^，。；,;\n]{0,20}$")


def _reports(m: str, mention: Mention) -> bool:
    """快手发布2025年第三季度业绩, 公布截至9月底止第三季业绩: the period an earnings
    article reports on (a quarter, half or fiscal period, not a bare year)."""
    if mention.kind != PERIOD or not _REPORTED_VALUE.match(mention.value or ""):
        return False
    if _IN_PERIOD.fullmatch(m, mention.start, mention.end):
        return True  # 期内, 报告期内: the period the article reports on
    if _REPORT_AFTER.match(m, mention.end) is None:
        return False
    return _REPORT_VERB.search(m, max(0, mention.start - 24), mention.start) is not None


def _base_value(m: str, match: re.Match[str], last: str | None) -> Mention | None:
    """较去年同期的117亿元, 毛利率由去年同期的64.9%提升至…: the base's own figure, of the
    base period (a year, or a quarter, before the current one); only for that figure."""
    text = match.group("base") or match.group("base3") or ""
    if not text or "财年" in text or last is None:
        return None
    if not _VALUE_AFTER.match(m, match.end()) or _MULTIPLE_AFTER.match(m, match.end()):
        return None
    if not _VALUE_BASE_BEFORE.search(m, max(0, match.start() - 4), match.start()):
        return None
    if match.group("base3"):
        year_of_last = year_of(last)
        if year_of_last is None:
            return None
        value = shifted_year(last, int(match.group("base3")[:4]) - year_of_last)
    elif text.endswith("同期"):
        value = shifted_year(last, -1)
    elif QUARTER_END.search(last):
        value = quarter_before(last)
    else:
        return None
    return Mention(match.start(), match.end(), PERIOD, value, next_only=True)


def _year_to_date(m: str, previous: Mention, mention: Mention, match: re.Match[str]) -> Mention:
    """截至今年10月底，年初至今: from January to the month of the date before it."""
    if not match.group("ytd"):
        return mention
    month = re.match(r"^(\d{4})-(\d{2})$", previous.value or "")
    if month is None or not previous.as_of:
        return mention
    if not re.fullmatch(r" ?(?:日|号)? ?(?:底|末)? ?[，,]? ?", m[previous.end : mention.start]):
        return mention
    value = months_period(int(month.group(1)), 1, int(month.group(2)))
    return Mention(mention.start, mention.end, PERIOD, value, to_date=True)


def _quarter_ended(m: str, previous: Mention, mention: Mention, match: re.Match[str]) -> Mention:
    """截至2024年9月30日止第二财季, 9月底止第三季: the quarter ending on that date (a
    calendar quarter; ``tui.figures.fiscal`` turns it into the company's fiscal one)."""
    if not (match.group("aq") or match.group("aq2") or match.group("aq3") or match.group("aq4")):
        return mention
    month = _QUARTER_MONTH.match(previous.value or "")
    gap = m[previous.end : mention.start]
    if month is None or not _ENDED_GAP.fullmatch(gap):
        return mention
    if not (previous.as_of or "止" in gap):
        return mention
    value = f"{month.group(1)}Q{int(month.group(2)) // 3}"
    return Mention(mention.start, mention.end, PERIOD, value, to_date=mention.to_date)


def _bounded(m: str, mentions: list[Mention], start: int, sentence_start: int) -> bool:
    """累计 right after a period, or after a year-to-date stretch of its sentence."""
    if not mentions or mentions[-1].kind != PERIOD:
        return False
    last = mentions[-1]
    gap = m[last.end : start].strip(" 的已共总经,，")
    return not gap or (last.to_date and last.start >= sentence_start)


def _carries(mention: Mention, year: int | None, since: bool) -> bool:
    """Whether the period holds past its sentence: not a bare current or future year.

    A bare year at or after the writing year (2025年，资本开支将…) talks about the
    present or a plan; the next sentence's results are not of that year.
    今年以来 (year to date) does hold.
    """
    if mention.kind != PERIOD or not mention.value:
        return False
    if since or not mention.value.isdigit():
        return True
    return year is None or int(mention.value) < year


def _is_number_span(match: re.Match[str]) -> bool:
    """未来 3 年 is a span; 2025 年来 is not a real expression, skip it."""
    text = match.group("span")
    digits = re.findall(r"\d+", text)
    return any(len(d) == 4 for d in digits)


def _join_ranges(m: str, mentions: list[Mention]) -> list[Mention]:
    """2023 财年到 2025 财年 becomes one RANGE mention covering the three years."""
    joined: list[Mention] = []
    for mention in mentions:
        if joined:
            last = joined[-1]
            gap = m[last.end : mention.start]
            if (
                last.kind == PERIOD
                and mention.kind == PERIOD
                and last.value
                and mention.value
                and _RANGE_JOIN.fullmatch(gap)
            ):
                joined[-1] = Mention(
                    last.start, mention.end, RANGE, None, expand_years(last.value, mention.value)
                )
                continue
        joined.append(mention)
    return joined
