"""Numerals: Arabic numbers with thousands separators, Chinese numerals, magnitudes.

Values are computed with ``Decimal`` so that 706.9亿 is exactly 70690000000.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_arabic(text: str) -> Decimal | None:
    """``1,120`` -> 1120, ``706.9`` -> 706.9; None when it is not a number."""
    cleaned = text.replace(",", "").strip()
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def decimals(text: str) -> int:
    """How many digits follow the decimal point (``1940.73`` -> 2)."""
    return len(text.split(".", 1)[1]) if "." in text else 0


def parse_chinese(text: str) -> int | None:
    """A Chinese numeral as an integer: 三 3, 十五 15, 三千五百万 35000000, 万亿 10**12.

    A bare run of digits (七五, as in 七五折) reads digit by digit (75).
    None when the text holds anything else.
    """
    if not text or any(c not in CHINESE_DIGITS and c not in "十百千万亿" for c in text):
        return None
    if all(c in CHINESE_DIGITS for c in text):
        return int("".join(str(CHINESE_DIGITS[c]) for c in text))
    total = section = number = 0
    for char in text:
        if char in CHINESE_DIGITS:
            number = CHINESE_DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[char]
            number = 0
        elif char == "万":
            if not (total or section or number):
                number = 1
            section = (section + number) * 10_000
            total += section
            section = number = 0
        else:  # 亿
            if not (total or section or number):
                number = 1
            total = (total + section + number) * 100_000_000
            section = number = 0
    return total + section + number


def parse_numeral(text: str) -> Decimal | None:
    """Arabic or Chinese, with a Chinese decimal point (五点五 -> 5.5)."""
    arabic = parse_arabic(text)
    if arabic is not None:
        return arabic
    if "点" in text:
        whole, _, frac = text.partition("点")
        head = parse_chinese(whole)
        if head is None or not frac or any(c not in CHINESE_DIGITS for c in frac):
            return None
        digits = "".join(str(CHINESE_DIGITS[c]) for c in frac)
        return Decimal(f"{head}.{digits}")
    value = parse_chinese(text)
    return Decimal(value) if value is not None else None


def as_float(value: Decimal) -> float:
    """A Decimal as a float, integral values without float noise."""
    return float(value)
