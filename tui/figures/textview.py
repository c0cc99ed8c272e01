"""The matching text: the body in Simplified characters, same length, ASCII digits.

Figures are found on this text and their offsets are used on the original body,
so it must keep every character at its place. opencc's t2s conversion
(``tui.text.script.to_simplified``) maps one character to one character for
nearly all text; when a line's length changes anyway (a phrase rule or an
override of another length), that line is converted character by character,
which always keeps the length. Full-width digits and signs become ASCII
(``１２％`` -> ``12%``) so that patterns only need one spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tui.text.script import to_simplified, to_simplified_after

_FULL_WIDTH = {ord("０") + i: ord("0") + i for i in range(10)}
_FULL_WIDTH.update(
    {
        ord("％"): ord("%"),
        ord("．"): ord("."),
        ord("＋"): ord("+"),
        ord("－"): ord("-"),
        ord("\u2212"): ord("-"),
        ord("＄"): ord("$"),
        ord("￥"): ord("¥"),
        ord("～"): ord("~"),
        ord("／"): ord("/"),
        ord("\u00a0"): ord(" "),
        ord("\u3000"): ord(" "),
    }
)

# Any character _FULL_WIDTH maps: most texts have none, and a search is much faster
# than a translation that leaves the text as it is.
_SIGNS = re.compile("[" + "".join(re.escape(chr(code)) for code in _FULL_WIDTH) + "]")


@lru_cache(maxsize=4096)
def _char_simplified(char: str) -> str:
    converted = to_simplified(char)
    return converted if len(converted) == 1 else char


def aligned_simplified(text: str, line_before: str | None = None) -> str:
    """``to_simplified(text)`` with every character kept at its offset.

    ``line_before`` is a line the caller converted with the text already, as
    ``to_simplified(line_before + "\n" + text)`` (the cleaner does, for the title and
    body): that conversion is cached, and cut after the converted line it gives the
    text's own (no conversion reaches across a line end: opencc's phrases and the
    override spellings hold no newline)."""
    converted = (
        to_simplified(text) if line_before is None else to_simplified_after(line_before, text)
    )
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        simple = to_simplified(line)
        if len(simple) != len(line):
            simple = "".join(_char_simplified(c) for c in line)
        lines.append(simple)
    return "\n".join(lines)


def normalise_signs(text: str) -> str:
    """Full-width digits, percent, plus, minus, tilde and slash as ASCII (same length)."""
    return text.translate(_FULL_WIDTH) if _SIGNS.search(text) else text


def matching_text(body: str, line_before: str | None = None) -> str:
    """The text every figure pattern runs on; ``len(matching_text(b)) == len(b)``.
    (``line_before``: see ``aligned_simplified``.)"""
    return normalise_signs(aligned_simplified(body, line_before))
