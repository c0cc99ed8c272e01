"""Kind, unit and value of a figure.

The unit decides the kind (% percent, 个百分点 pp, 倍 multiple, a currency
money, a measure word or counted noun count, a physical unit number). A scaled
amount without a unit (总营收 2432 亿, MAU 达 9400 万) takes the kind its metric
implies (``kind`` in data/metrics.yaml): money (in CNY, the currency of the
reports these articles quote) or count; without a metric it is a count.
Values are in base units: 706.9亿元 is 70690000000, 18% is 18.
"""

from __future__ import annotations

from tui.figures.numbers import as_float
from tui.figures.scan import COUNT, MONEY, Quantity

DEFAULT_CURRENCY = "CNY"


def figure_kind(quantity: Quantity, metric_kind: str | None) -> str:
    """money | percent | pp | count | multiple | number."""
    if quantity.unit_class is not None:
        return quantity.unit_class
    if metric_kind == MONEY:
        return MONEY
    return COUNT


def figure_unit(quantity: Quantity, kind: str) -> str | None:
    """CNY/USD/HKD…, %, pp, x, the measure word or counted noun, or the physical unit."""
    if quantity.unit is not None:
        return quantity.unit
    if kind == MONEY:
        return DEFAULT_CURRENCY
    return None


def figure_value(quantity: Quantity) -> float:
    return as_float(quantity.value)


def figure_value_max(quantity: Quantity) -> float | None:
    return as_float(quantity.value_max) if quantity.value_max is not None else None
