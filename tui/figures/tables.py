"""Markdown tables: a figure in a table row takes its column header's metric, change
and period (| 公司 | 营收 | 同比 | … | 小米 | 1131亿元 | 22.3% |).

The row's own words still name the company (its first cells); the header only says
what the column measures.
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ROW = re.compile(r"\s*\|")  # what _is_row tests, on the text without slicing the line


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def header_cell(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the header cell above the table cell holding ``pos``, or None."""
    start, end = _line_bounds(text, pos)
    if not _ROW.match(text, start, end):
        return None
    column = text.count("|", start, pos)
    line_start = start
    above: list[tuple[int, int]] = []
    while line_start > 0:
        previous_start, previous_end = _line_bounds(text, line_start - 1)
        line = text[previous_start:previous_end]
        if not _is_row(line) and not _SEPARATOR.match(line):
            break
        above.append((previous_start, previous_end))
        line_start = previous_start
    above.reverse()  # top first
    if len(above) < 2 or not _SEPARATOR.match(text[above[1][0] : above[1][1]]):
        return None  # a header row, then the separator, then the body rows
    header_start, header_end = above[0]
    cells = [m.start() for m in re.finditer(r"\|", text[header_start:header_end])]
    if column < 1 or column >= len(cells):
        return None
    return header_start + cells[column - 1] + 1, header_start + cells[column]
