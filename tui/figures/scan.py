"""Where the figures are: numbers with their magnitude, unit and qualifiers.

``scan(m)`` runs on the matching text (Simplified, ASCII digits) and returns one
``Quantity`` per figure with its surface span, which starts at an approx word
(超过, 近, 约 …) or a sign and ends after the unit or a suffix (以上, 左右).

Arabic numbers become figures when they carry a magnitude (万, 亿 …), a percent
sign, 个百分点, 倍, a currency, a physical unit or a measure word (个, 次, 家 …).
Bare numbers, numbers glued to Latin letters (Qwen3, H100, GPT-4, 5G, 405B),
ordinals (第12位), numbers followed by a date, time, duration or age word
(2025年, 2月, 17天, 3个小时, 25-35岁, 8点) and numbers inside URLs, dates,
times and footnote marks are not figures.

Chinese numerals become figures only in forms that state a quantity:
百分之一 (percent), 三折 (percent, 30), 三成 (percent, 30), 三位数增长 (percent,
100 to 999), 百万级 / 10亿级 (order of magnitude, approx "~"), magnitude numerals
of at least 100 with an approx word or a unit (近百种, 过亿, 两千人, 百万元),
and 两倍 (multiple). Small Chinese counts (两家公司, 九家, 三大梯队, 两年) are the
article's framing, not data.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tui.figures.lexicon import Lexicon, alternation, lexicon
from tui.figures.numbers import decimals, parse_arabic, parse_chinese, parse_numeral

# Kinds decided by the unit alone; a scaled amount without unit is decided by context.
PERCENT = "percent"
PP = "pp"
MULTIPLE = "multiple"
MONEY = "money"
COUNT = "count"
NUMBER = "number"


@dataclass
class Quantity:
    """One figure as found in the text, before its context is read."""

    start: int
    end: int
    value: Decimal  # in base units (yuan, people, percent points …)
    value_max: Decimal | None = None
    step: Decimal = Decimal(1)  # one unit in the last stated digit (precision)
    unit_class: str | None = None  # PERCENT, PP, MULTIPLE, MONEY, COUNT, NUMBER or None
    unit: str | None = None  # ISO currency, measure word, counted noun, physical unit
    approx: str | None = None
    scaled: bool = False  # has a magnitude word (万, 亿 …)
    per_share: bool = False  # 元/股
    digit_count: bool = False  # 三位数: a range of growth rates


_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_ALL = _CN_DIGIT + "十百千万亿"


@dataclass(frozen=True)
class _Patterns:
    number: re.Pattern[str]
    range_part: re.Pattern[str]
    more: re.Pattern[str]
    magnitude: re.Pattern[str]
    order: re.Pattern[str]
    unit: re.Pattern[str]
    non_figure: re.Pattern[str]
    measure: re.Pattern[str]
    suffix: re.Pattern[str]
    blocked: re.Pattern[str]
    blocked_without_email: re.Pattern[str]
    percent_cn: re.Pattern[str]
    fraction: re.Pattern[str]
    discount: re.Pattern[str]
    tenths: re.Pattern[str]
    digit_count: re.Pattern[str]
    digit_count_start: re.Pattern[str]  # every position digit_count can match at, and more
    order_cn: re.Pattern[str]
    order_cn_start: re.Pattern[str]  # every position order_cn can match at, and more
    magnitude_cn: re.Pattern[str]
    multiple_cn: re.Pattern[str]
    approx_before: re.Pattern[str]
    label_after: re.Pattern[str]
    doubling: re.Pattern[str]


_EMAIL = r"[\w.+-]+@[\w-]+\.[\w.]+"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = lexicon()
    mags = alternation(list(lex.magnitudes))
    currencies = alternation(list(lex.currencies))
    counted = alternation(list(lex.counted_nouns))
    physical = alternation(list(lex.physical_units))
    unit = (
        rf"(?P<pp>个百分点|百分点|个点(?![位数击赞])|pct|ppt)"
        rf"|(?P<pct>%|‰)"
        rf"|(?P<mult>倍)"
        rf"|(?P<cur>{currencies})(?P<share> ?/ ?股)?"
        rf"|(?P<noun>{counted})(?![A-Za-z])"
        rf"|(?P<phys>{physical})(?![A-Za-z])"
    )
    blocked_parts = [
        r"https?://\S+",
        r"www\.\S+",
        r"\]\([^)\s]*\)",
        r"\[\^[^\]]*\]",
        _EMAIL,
        r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",
        r"\d{4}/\d{1,2}(?!\d)",
        r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)",
    ]
    blocked = "|".join(blocked_parts)
    # Patterns that open with a lookbehind are tried at every position of the text;
    # opened by a character class instead (the lookbehind checked right after it, one
    # character further back) they are tried only where that class matches, found by
    # the regex engine's own fast scan. Same matches at the same positions
    # (tests/test_figures_scan_patterns.py compares them with the plain spellings).
    cn2 = _CN_DIGIT[2:]
    mag_chars = re.escape("".join(sorted({c for w in lex.magnitudes for c in w})))
    cn3 = _CN_DIGIT[3:]
    return _Patterns(
        number=re.compile(r"\d(?<![\d.].)(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*)(?:\.\d+)?"),
        range_part=re.compile(
            rf"(?: ?(?P<mag1>{mags})(?!分|[瓦米克赫帕]|字节|比特))?"
            rf"(?: ?(?P<u1>%|{currencies}|{alternation([*lex.measure_words, *lex.counted_nouns])}))?"
            rf" ?(?P<sep>[-–—~～至到]) ?(?P<num2>{_NUM})"
        ),
        more=re.compile(r" ?(?P<more>余|多)(?!少|数|种多样|元化|模态|样)"),
        magnitude=re.compile(rf" ?(?P<mag>{mags})(?!分|[瓦米克赫帕]|字节|比特)"),
        order=re.compile(r" ?级(?:别)?"),
        unit=re.compile(rf" ?(?:{unit})"),
        non_figure=re.compile(rf" ?(?:{alternation(list(lex.non_figure_units))})"),
        measure=re.compile(rf" ?(?P<measure>{alternation(list(lex.measure_words))})"),
        suffix=re.compile(rf" ?(?P<suffix>{alternation(list(lex.approx_suffixes))})"),
        blocked=re.compile(blocked),
        blocked_without_email=re.compile(
            r"[hw\]\[\d](?:(?<=h)ttps?://\S+|(?<=w)ww\.\S+|(?<=\])\([^)\s]*\)|(?<=\[)\^[^\]]*\]"
            r"|(?<=\d)\d{3}[-/.]\d{1,2}[-/.]\d{1,2}|(?<=\d)\d{3}/\d{1,2}(?!\d)"
            r"|(?<=\d)(?<!\d\d)\d?:\d{2}(?::\d{2})?(?!\d))"
        ),
        percent_cn=re.compile(rf"百分之(?P<n>[{_CN_ALL}点]+)"),
        fraction=re.compile(
            rf"(?P<d>[{cn2}十千万](?<![{_CN_ALL}].)[{cn2}十千万]*)分之(?P<n>[{cn2}十]+)"
        ),
        discount=re.compile(
            rf"(?P<n>[{cn2}\d](?<![{_CN_ALL}\d].)(?:(?<=[{cn2}])[{cn2}]?|(?<=\d)(?:\.\d)?))折"
            r"(?!旧|叠|射|腾|服|返|算|合|扣|线|中|衷|磨|损|戟|页|纸)"
        ),
        tenths=re.compile(
            rf"(?P<n>[{cn3}1-9](?<![{_CN_ALL}\d.].)(?:(?<=[1-9])\.\d)?)成"
            rf"(?!{alternation(list(lex.tenths_false_friends))})"
        ),
        digit_count=re.compile(r"(?P<level>[低中高])?(?P<n>[个两三四五六七八九]|[1-9])位数"),
        digit_count_start=re.compile(r"[低中高个两三四五六七八九1-9](?=(?s:.)?位数)"),
        order_cn=re.compile(
            rf"(?<![{_CN_ALL}\d.])(?P<n>{_NUM} ?)?(?P<mag>{mags})(?P<cur>元|美元)?级(?:别)?"
        ),
        # the start of a number or magnitude, then only what order_cn can hold up to 级
        order_cn_start=re.compile(
            rf"[\d{mag_chars}](?<![{_CN_ALL}\d.].)(?=[\d,. {mag_chars}元美]*级)"
        ),
        # a whole run of numerals holding a magnitude character (百千万亿): the runs
        # without one are no figures, and no match starts inside a run
        magnitude_cn=re.compile(
            rf"(?P<n>[{_CN_ALL}](?<![{_CN_ALL}数几第].)"
            rf"(?:(?<=[百千万亿])|[{_CN_ALL}]*?[百千万亿])[{_CN_ALL}]*)"
        ),
        multiple_cn=re.compile(rf"(?P<n>[{_CN_ALL}](?<![{_CN_ALL}数几第].)[{_CN_ALL}]*)倍"),
        label_after=re.compile(rf" ?(?:{alternation(list(lex.label_after_units))})"),
        doubling=re.compile(r"翻(?:了)? ?(?:(?P<n>[一两二三四五]|\d) ?番|(?P<once>倍|番))"),
        approx_before=re.compile(
            "(?:"
            + "|".join(re.escape(w) for w in sorted(lex.approx_prefixes, key=len, reverse=True))
            + ")$"
        ),
    )


# -- helpers ----------------------------------------------------------------------


def _matches_from(pattern: re.Pattern[str], starts: re.Pattern[str], m: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(m))`` for a pattern that never matches empty, tried only
    at the positions ``starts`` finds (a superset of where it can match)."""
    found = []
    pos = 0
    match_at = pattern.match
    for start in starts.finditer(m):
        at = start.start()
        if at < pos:
            continue
        match = match_at(m, at)
        if match is not None:
            found.append(match)
            pos = match.end()
    return found


def _step(number_text: str, magnitude: int) -> Decimal:
    return Decimal(1).scaleb(-decimals(number_text)) * magnitude


def _approx_prefix(m: str, start: int, lex: Lexicon) -> tuple[int, str | None]:
    """Extend the figure left over an approx word (one space allowed): new start, symbol."""
    pos = start - 1 if start > 0 and m[start - 1] == " " else start
    window = m[max(0, pos - 4) : pos]
    found = _patterns().approx_before.search(window)
    if found is None:
        return start, None
    word = found.group()
    if any(window.endswith(f) and len(f) > len(word) for f in lex.approx_false_friends):
        return start, None
    return pos - len(word), lex.approx_prefixes[word]


def _preceded_by_label(m: str, start: int, lex: Lexicon) -> bool:
    """A Latin letter, a model-name hyphen, a footnote mark or an ordinal word before it."""
    if start == 0:
        return False
    before = m[start - 1]
    if before.isascii() and before.isalpha():
        return True
    if before in "^#_" or (before in "-./" and start >= 2 and _is_ascii_alnum(m[start - 2])):
        return True
    head = m[max(0, start - 4) : start].rstrip(" ")
    return head.endswith(lex.ordinal_prefixes)


def _currency_prefix(m: str, start: int, lex: Lexicon) -> tuple[int, str] | None:
    """A currency sign or code right before the number (US$5亿, ¥7200, RMB 100亿): its
    start and ISO code."""
    head = m[max(0, start - 5) : start]
    ends = _currency_ends(lex)
    if (
        ends is not None
        and head[-1:] not in ends
        and not (head[-1:] == " " and head[-2:-1] in ends)
    ):
        return None  # no sign or code ends right before it (nor one space before it)
    for symbol in lex.currency_prefixes:
        for candidate in (symbol, symbol + " "):
            if head.endswith(candidate):
                at = start - len(candidate)
                if symbol[0].isalpha() and at > 0 and m[at - 1].isascii() and m[at - 1].isalpha():
                    continue  # part of a longer Latin word
                return at, lex.currency_prefixes[symbol]
    return None


_ENDS_OF: list = [None, None]  # [lexicon, its currency signs' last characters]


def _currency_ends(lex: Lexicon) -> frozenset[str] | None:
    """The last characters of the lexicon's currency signs and codes (None when one is
    empty: then any text ends with it)."""
    if _ENDS_OF[0] is not lex:
        symbols = list(lex.currency_prefixes)
        _ENDS_OF[:] = [lex, None if "" in symbols else frozenset(s[-1] for s in symbols)]
    return _ENDS_OF[1]


def _blocked_spans(m: str) -> list[tuple[int, int]]:
    # The e-mail alternative is tried at every word character and runs to the end of
    # the word (every Han character is one): without an @ it cannot match, and the
    # pattern without it finds the same spans in a fraction of the time.
    pats = _patterns()
    pattern = pats.blocked if "@" in m else pats.blocked_without_email
    return [match.span() for match in pattern.finditer(m)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans`` (sorted, not overlapping, as
    ``finditer`` gives them): only the last span starting before ``end`` can."""
    index = bisect.bisect_left(spans, (end,)) - 1
    return index >= 0 and spans[index][1] > start


# -- Arabic numbers -----------------------------------------------------------------


def _arabic_at(m: str, match: re.Match[str], lex: Lexicon) -> Quantity | None:
    """The figure around one Arabic number, or None when it is not a figure."""
    currency_before = _currency_prefix(m, match.start(), lex)
    if currency_before is None and _preceded_by_label(m, match.start(), lex):
        return None
    quantity = _arabic_quantity(m, match, lex, currency_before, allow_range=True)
    if quantity is _NOT_A_RANGE:
        # 暴涨68%至1940.73亿元: a change and a level, not a range.
        quantity = _arabic_quantity(m, match, lex, currency_before, allow_range=False)
    return quantity


_NOT_A_RANGE = Quantity(0, 0, Decimal(0))
_CHANGE_VERB = re.compile(
    r"(?:增长|增加|上涨|上升|提升|提高|下降|下滑|下跌|减少|降低|回落|扩大|收窄|成长|衰退|增|涨|降|跌|减)了? ?$"
)


def _compound_tail(
    m: str, pos: int, magnitude: int, lex: Lexicon
) -> tuple[Decimal, int, str, int, re.Match[str]] | None:
    """3兆1,000亿, 1亿2000万: a smaller number with a smaller magnitude right after.

    Returns its value in base units, the new position, its digits and magnitude (the
    precision of the whole) and its magnitude match."""
    pats = _patterns()
    number = pats.number.match(m, pos)
    if number is None:
        return None
    small_mag = pats.magnitude.match(m, number.end())
    if small_mag is None:
        return None
    small = lex.magnitudes[small_mag.group("mag")]
    value = parse_arabic(number.group())
    if value is None or small >= magnitude or value * small >= magnitude:
        return None
    return value * small, small_mag.end(), number.group(), small, small_mag


def _year_like(number_text: str, magnitude: int) -> bool:
    return magnitude == 1 and number_text.isdigit() and 1900 <= int(number_text) <= 2100


def _change_then_level(m: str, match: re.Match[str], ranged: re.Match[str]) -> bool:
    """增长50亿元至300亿元: a change verb, then 至 / 到 before the new level (not a range).

    A percent on both sides stays a range (预计增长10%至15%).
    """
    if ranged.group("sep") not in "至到" or ranged.group("u1") == "%":
        return False
    start, _ = _approx_prefix(m, match.start(), lexicon())
    return _CHANGE_VERB.search(m, max(0, start - 4), start) is not None


def _same_sides(
    ranged: re.Match[str],
    mag: re.Match[str] | None,
    found: re.Match[str] | None,
    measure_text: str | None,
    lex: Lexicon,
) -> bool:
    """Both ends of a range state the same magnitude and unit (10万辆至11万辆, 10至15亿元)."""
    mag1, unit1 = ranged.group("mag1"), ranged.group("u1")
    if mag1 and (mag is None or lex.magnitudes[mag1] != lex.magnitudes[mag.group("mag")]):
        return False
    if unit1 is None:
        return True
    if unit1 == "%":
        return found is not None and found.group("pct") is not None
    if unit1 in lex.currencies:
        cur = found.group("cur") if found is not None else None
        return cur is not None and lex.currencies[cur] == lex.currencies[unit1]
    second = found.group("noun") if found is not None else measure_text
    return second == unit1


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _arabic_quantity(
    m: str,
    match: re.Match[str],
    lex: Lexicon,
    currency_before: tuple[int, str] | None,
    *,
    allow_range: bool,
) -> Quantity | None:
    """``currency_before`` is ``_currency_prefix`` at the number's start."""
    pats = _patterns()
    number_text = match.group()
    num_start, pos = match.span()
    value = parse_arabic(number_text)
    if value is None:
        return None
    value_max: Decimal | None = None
    ranged = pats.range_part.match(m, pos) if allow_range else None
    if ranged:
        high = parse_arabic(ranged.group("num2"))
        if high is not None and high > value and not _change_then_level(m, match, ranged):
            value_max, pos = high, ranged.end()
        else:
            ranged = None
    approx_between: str | None = None
    more = pats.more.match(m, pos)
    if more:
        approx_between, pos = lex.approx_suffixes[more.group("more")], more.end()
    magnitude = 1
    mag = pats.magnitude.match(m, pos)
    extra = Decimal(0)  # 3兆1,000亿: the smaller part of a compound amount, in base units
    step_text, step_magnitude = number_text, 1
    if mag:
        magnitude, pos = lex.magnitudes[mag.group("mag")], mag.end()
        step_magnitude = magnitude
        tail = _compound_tail(m, pos, magnitude, lex) if value_max is None else None
        if tail is not None:
            extra, pos, step_text, step_magnitude, mag = tail
        more = pats.more.match(m, pos)
        if more and approx_between is None:
            approx_between, pos = lex.approx_suffixes[more.group("more")], more.end()
    order = False
    if magnitude > 1:
        level = pats.order.match(m, pos)
        if level:
            order, pos = True, level.end()
    unit_class: str | None = None
    unit: str | None = None
    per_share = False
    fraction = Decimal(1)
    measure_text: str | None = None
    found = pats.unit.match(m, pos)
    if found and found.group("noun") and magnitude == 1:
        found = None  # 13.85亿用户, but never 3用户
    if found:
        pos = found.end()
        if found.group("pp"):
            unit_class, unit = PP, "pp"
        elif found.group("pct"):
            unit_class, unit = PERCENT, "%"
        elif found.group("mult"):
            unit_class, unit = MULTIPLE, "x"
        elif found.group("cur"):
            unit_class, unit = MONEY, lex.currencies[found.group("cur")]
            per_share = bool(found.group("share"))
            fraction = Decimal(lex.currency_fractions.get(found.group("cur"), "1"))
            if currency_before is not None and found.group("cur") == "元":
                unit = currency_before[1]  # 新台币3,674.7亿元 is in TWD
        elif found.group("noun"):
            unit_class, unit = COUNT, found.group("noun")
        else:
            unit_class, unit = NUMBER, found.group("phys")
            if pats.label_after.match(m, pos):
                return None  # 3nm工艺, 5纳米制程: a process node, a name
    else:
        if pats.non_figure.match(m, pos):
            return _NOT_A_RANGE if ranged is not None else None
        measure = pats.measure.match(m, pos)
        if (
            measure
            and measure.group("measure") in lex.model_year_words
            and _year_like(number_text, magnitude)
        ):
            return None  # 2025款, 2024版: a model year, a name
        if measure:
            unit_class, unit, pos = COUNT, measure.group("measure"), measure.end()
            measure_text = unit
    if unit_class is None and currency_before is not None:
        unit_class, unit = MONEY, currency_before[1]
    if ranged is not None and not _same_sides(ranged, mag, found, measure_text, lex):
        return _NOT_A_RANGE  # 20%至319亿元, 10万至2025年: two things, not a range
    if unit_class is None and magnitude == 1:
        return None  # a bare number: a year, a code, a model size
    if pos < len(m) and m[pos].isascii() and m[pos].isalpha() and unit_class is None:
        return None  # 5G, 3D, 405B
    digits = number_text.replace(",", "").split(".")[0]
    if len(digits) >= 10 and unit_class != MONEY:
        return None  # registration and phone numbers
    if value == 0 and unit_class not in (PERCENT, PP):
        return None
    approx: str | None = approx_between
    suffix = pats.suffix.match(m, pos)
    if suffix and suffix.group("suffix") not in ("余", "多"):
        approx, pos = lex.approx_suffixes[suffix.group("suffix")], suffix.end()
    start = num_start if currency_before is None else currency_before[0]
    sign_ok = num_start < 2 or not _is_ascii_alnum(m[num_start - 2])
    if num_start > 0 and m[num_start - 1] in "+-" and sign_ok:
        start = num_start - 1
        if m[start] == "-":
            value = -value
    start, prefix_approx = _approx_prefix(m, start, lex)
    if prefix_approx:
        approx = prefix_approx
    if order and approx is None:
        approx = "~"
    return Quantity(
        start=start,
        end=pos,
        value=(value * magnitude + (-extra if value < 0 else extra)) * fraction,
        value_max=value_max * magnitude * fraction if value_max is not None else None,
        step=_step(step_text, step_magnitude) * fraction,
        unit_class=unit_class,
        unit=unit,
        approx=approx,
        scaled=magnitude > 1,
        per_share=per_share,
    )


def scan_arabic(m: str) -> list[Quantity]:
    """Figures written with Arabic digits."""
    lex = lexicon()
    blocked = _blocked_spans(m)
    found = []
    for match in _patterns().number.finditer(m):
        if _inside(blocked, *match.span()):
            continue
        quantity = _arabic_at(m, match, lex)
        if quantity is not None:
            found.append(quantity)
    return found


# -- Chinese numerals ---------------------------------------------------------------


def _with_prefix(m: str, quantity: Quantity) -> Quantity:
    start, approx = _approx_prefix(m, quantity.start, lexicon())
    if approx:
        quantity.start, quantity.approx = start, approx
    return quantity


def _with_suffix(m: str, quantity: Quantity) -> Quantity:
    lex = lexicon()
    suffix = _patterns().suffix.match(m, quantity.end)
    if suffix and suffix.group("suffix") not in ("余", "多"):
        quantity.end, quantity.approx = suffix.end(), lex.approx_suffixes[suffix.group("suffix")]
    return quantity


def _percent_words(m: str) -> list[Quantity]:
    """百分之一 (1%), 三分之一 (33.3%), 三折 (30%), 七五折 (75%), 三成 (30%)."""
    pats = _patterns()
    found = []
    for match in pats.percent_cn.finditer(m):
        value = parse_numeral(match.group("n"))
        if value is not None:
            quantity = Quantity(*match.span(), value=value, unit_class=PERCENT, unit="%")
            found.append(_with_suffix(m, _with_prefix(m, quantity)))
    for match in pats.fraction.finditer(m):
        denominator = parse_numeral(match.group("d"))
        numerator = parse_numeral(match.group("n"))
        if not denominator or numerator is None or numerator > denominator:
            continue
        value = Decimal(100) * numerator / denominator
        quantity = Quantity(
            *match.span(), value=value, unit_class=PERCENT, unit="%", step=Decimal(1)
        )
        found.append(_with_suffix(m, _with_prefix(m, quantity)))
    for match in pats.discount.finditer(m):
        text = match.group("n")
        value = parse_numeral(text)
        if value is None:
            continue
        scale = 10 if len(text) == 1 or "." in text else 1
        quantity = Quantity(*match.span(), value=value * scale, unit_class=PERCENT, unit="%")
        found.append(_with_prefix(m, quantity))
    for match in pats.tenths.finditer(m):
        value = parse_numeral(match.group("n"))
        if value is not None:
            quantity = Quantity(*match.span(), value=value * 10, unit_class=PERCENT, unit="%")
            found.append(_with_suffix(m, _with_prefix(m, quantity)))
    return found


_GROWTH_AFTER = re.compile(r"^(?:的)?(?:同比|环比)?(?:增长|增速|百分比|%|涨幅|增幅|下滑|下降|下跌)")
_GROWTH_BEFORE = re.compile(r"(?:增速|增长|增幅|涨幅|跌幅|降幅|占比?)[^，。；]{0,6}$")


def _digit_counts(m: str) -> list[Quantity]:
    """三位数增长: a growth rate of 100% to 999% (个位数 1-9, 两位数 10-99)."""
    found = []
    pats = _patterns()
    for match in _matches_from(pats.digit_count, pats.digit_count_start, m):
        after = m[match.end() : match.end() + 8]
        before = m[max(0, match.start() - 12) : match.start()]
        if not (
            match.group("level") or _GROWTH_AFTER.match(after) or _GROWTH_BEFORE.search(before)
        ):
            continue
        raw = match.group("n")
        digits = 1 if raw == "个" else int(parse_numeral(raw) or 0)
        if not 1 <= digits <= 6:
            continue
        low = Decimal(10) ** (digits - 1) if digits > 1 else Decimal(1)
        high = Decimal(10) ** digits - 1
        found.append(
            Quantity(
                *match.span(),
                value=low,
                value_max=high,
                unit_class=PERCENT,
                unit="%",
                digit_count=True,
            )
        )
    return found


def _orders(m: str) -> list[Quantity]:
    """百万级, 亿级, 百亿级以上, 百万元级别: an order of magnitude (approx "~")."""
    lex = lexicon()
    found = []
    pats = _patterns()
    for match in _matches_from(pats.order_cn, pats.order_cn_start, m):
        head = parse_arabic(match.group("n") or "1")
        if head is None:
            continue
        magnitude = lex.magnitudes[match.group("mag")]
        currency = match.group("cur")
        quantity = Quantity(
            *match.span(),
            value=head * magnitude,
            step=_step((match.group("n") or "1").strip(), magnitude),
            unit_class=MONEY if currency else None,
            unit=lex.currencies[currency] if currency else None,
            approx="~",
            scaled=True,
        )
        found.append(_with_suffix(m, _with_prefix(m, quantity)))
    return found


_CN_FOLLOW_OK = re.compile(r"^(?:以上|以下|左右|多|余|的|[，。；、,;）)\s]|$)")


def _magnitude_numerals(m: str) -> list[Quantity]:
    """近百种, 过亿, 上亿用户, 两千人, 百万元: Chinese numerals of at least 100."""
    lex = lexicon()
    pats = _patterns()
    found = []
    for match in pats.magnitude_cn.finditer(m):
        text = match.group("n")
        value = parse_chinese(text)
        if value is None or value < 100:
            continue
        end = match.end()
        unit_class: str | None = None
        unit: str | None = None
        found_unit = pats.unit.match(m, end)
        if found_unit and found_unit.group("cur"):
            unit_class, unit, end = MONEY, lex.currencies[found_unit.group("cur")], found_unit.end()
        elif found_unit and found_unit.group("noun"):
            unit_class, unit, end = COUNT, found_unit.group("noun"), found_unit.end()
        elif not found_unit and not pats.non_figure.match(m, end):
            measure = pats.measure.match(m, end)
            if measure:
                unit_class, unit, end = COUNT, measure.group("measure"), measure.end()
        if m.startswith("级", end) or m.startswith("倍", end):
            continue  # orders of magnitude and multiples have their own rules
        quantity = Quantity(
            match.start(),
            end,
            value=Decimal(value),
            step=Decimal(value),
            unit_class=unit_class,
            unit=unit,
            scaled=True,
        )
        quantity = _with_prefix(m, quantity)
        if quantity.approx is None and m[max(0, quantity.start - 1) : quantity.start] == "上":
            quantity.start, quantity.approx = quantity.start - 1, ">="
        has_digit = any(c in _CN_DIGIT for c in text)
        if quantity.approx is None and not (unit_class and (has_digit or unit_class == MONEY)):
            continue  # 千帆, 百度, 万维, 千人千面: words, not figures
        if unit_class is None and not _CN_FOLLOW_OK.match(m[end : end + 2]):
            continue  # 超百度
        found.append(_with_suffix(m, quantity))
    return found


def _chinese_multiples(m: str) -> list[Quantity]:
    """两倍, 十倍, 增长了一倍: multiples written in Chinese (数倍 stays vague and is skipped)."""
    found = []
    for match in _patterns().multiple_cn.finditer(m):
        value = parse_chinese(match.group("n"))
        if value is None or value < 1:
            continue
        quantity = Quantity(*match.span(), value=Decimal(value), unit_class=MULTIPLE, unit="x")
        found.append(_with_prefix(m, quantity))
    return found


_VAGUE = re.compile(  # opened by its class, the lookbehind after it: see _patterns
    r"[数几](?<![位个两三四五六七八九].)(?P<mag>十万|百万|千万|十亿|百亿|千亿|万亿|十|百|千|万|亿)"
)
_SEVERAL = (Decimal(2), Decimal(9))


def _several(m: str) -> list[Quantity]:
    """数十亿美元, 几百家, 数万名: several (2 to 9) of a magnitude, as a range, when a
    currency, counted noun or measure word says what is counted. 数倍 counts nothing
    (烧了数倍的获客费用 is rhetoric) and stays out."""
    lex = lexicon()
    pats = _patterns()
    found = []
    for match in _VAGUE.finditer(m):
        magnitude = Decimal(lex.magnitudes[match.group("mag")])
        end = match.end()
        unit_match = pats.unit.match(m, end)
        if unit_match and unit_match.group("cur"):
            unit_class, unit, end = MONEY, lex.currencies[unit_match.group("cur")], unit_match.end()
        elif unit_match and unit_match.group("noun"):
            unit_class, unit, end = COUNT, unit_match.group("noun"), unit_match.end()
        elif not unit_match and not pats.non_figure.match(m, end) and pats.measure.match(m, end):
            measure = pats.measure.match(m, end)
            assert measure is not None
            unit_class, unit, end = COUNT, measure.group("measure"), measure.end()
        else:
            continue  # 数百分比, 数十年: no amount
        low, high = _SEVERAL
        found.append(
            Quantity(
                match.start(),
                end,
                value=low * magnitude,
                value_max=high * magnitude,
                step=magnitude,
                unit_class=unit_class,
                unit=unit,
                scaled=True,
            )
        )
    return found


def _doublings(m: str) -> list[Quantity]:
    """翻一番 (2x), 翻两番 (4x), 翻倍 (2x): the factor the amount was multiplied by."""
    found = []
    for match in _patterns().doubling.finditer(m):
        times = 1 if match.group("once") else int(parse_numeral(match.group("n")) or 0)
        if times < 1:
            continue
        quantity = Quantity(*match.span(), value=Decimal(2) ** times, unit_class=MULTIPLE, unit="x")
        found.append(_with_prefix(m, quantity))
    return found


def scan_chinese(m: str) -> list[Quantity]:
    """Figures written with Chinese numerals (see the module docstring)."""
    return (
        _percent_words(m)
        + _digit_counts(m)
        + _orders(m)
        + _magnitude_numerals(m)
        + _chinese_multiples(m)
        + _doublings(m)
        + _several(m)
    )


def _drop_overlaps(found: list[Quantity]) -> list[Quantity]:
    """The longest quantities first; a shorter one overlapping a kept one goes.
    Kept spans never overlap, so each test looks only at its neighbours."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Quantity] = []
    for quantity in sorted(found, key=lambda q: (-(q.end - q.start), q.start)):
        index = bisect.bisect_right(starts, quantity.start)
        if index > 0 and ends[index - 1] > quantity.start:
            continue  # the kept span starting at or before it reaches into it
        if index < len(starts) and starts[index] < quantity.end:
            continue  # the next kept span starts inside it
        starts.insert(index, quantity.start)
        ends.insert(index, quantity.end)
        kept.insert(index, quantity)
    return kept


def scan(m: str) -> list[Quantity]:
    """Every figure of the matching text, in text order, without overlaps."""
    return _drop_overlaps(scan_arabic(m) + scan_chinese(m))
