"""The repair of a whole text, line by line: entity remnants, re-reading in another
encoding, byte-level repair to a fixed point, and decoder placeholders left over."""

from __future__ import annotations

import re

from tui.clean.mojibake.gbk import _ends_question, _repair_text
from tui.clean.mojibake.model import _LINE, _Model, _model
from tui.clean.mojibake.reread import _reread
from tui.text.han import HAN_CLASS
from tui.text.markers import MARK_CLOSE, MARK_OPEN


def repair_mojibake(text: str) -> str:
    """Undo GBK byte-shift damage in ``text``; clean text is returned unchanged.

    See the module docstring for how damage is found, repaired and, where it cannot
    be repaired, marked with ``〔乱码：…〕``.
    """
    if text.isascii():
        return text
    model = _model()
    pieces: list[str] = []
    for line in _LINE.findall(text):
        body = line[:-2] if line.endswith("\r\n") else line.rstrip("\n")
        ending = line[len(body) :]
        if body.isascii():
            pieces.append(line)
            continue
        body = _entity_remnants(body)
        reread = _reread(body, model) or body
        pieces.append(_mark_placeholders(_repair_line(reread, model), model) + ending)
    return "".join(pieces)


_ENTITY_REMNANT = re.compile(r"(?<![&#A-Za-z0-9])\??#(?:x([0-9a-fA-F]{2,6})|([0-9]{2,7}));")
"""A numeric character reference whose ``&`` was lost (``#xff0c;``, ``?#65292;``)."""
_ASCII_ENTITIES = frozenset((34, 38, 39, 60, 62))
_ENTITY_BLOCKS = ((0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x301F), (0xFF00, 0xFFEF))
"""Where remnants are read: Latin-1 signs, general, CJK and full-width punctuation
(the characters pages write as entities; ``#12345;`` may be a number)."""


def _entity_remnants(line: str) -> str:
    """Entity remnants read as the character they spell: the code point is in the text,
    so the bytes determine it. Only punctuation blocks and, of ASCII, quotes, ``&``,
    ``<`` and ``>`` are read (``#123;`` in code stays as it is)."""
    if "#" not in line:
        return line

    def spell(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        known = code in _ASCII_ENTITIES or any(lo <= code <= hi for lo, hi in _ENTITY_BLOCKS)
        return chr(code) if known and chr(code).isprintable() else match.group()

    return _ENTITY_REMNANT.sub(spell, line)


_PLACEHOLDER_RUN = re.compile(
    rf"(?<=[{HAN_CLASS}])\?[!-/:-@\[-`{{-~]?[{HAN_CLASS}\ue000-\uf8ff]{{1,2}}\?"
)
"""``規?;渴?``: decoder placeholders around a character or two and a stray mark."""
_LONE_PLACEHOLDER = re.compile(rf"(?<=[{HAN_CLASS}])\?(?=[{HAN_CLASS}])")
_FULL_WIDTH_MARKS = re.compile(r"[，。；：！？]")
_HALF_WIDTH_MARKS = re.compile(rf"[,;:!](?=\s*[{HAN_CLASS}])|(?<=[{HAN_CLASS}])[,;:!.]")


def _mark_placeholders(line: str, model: _Model) -> str:
    """Mark ``?`` that a decoder wrote for a character it could not read.

    Two ``?`` around one or two characters and a stray mark (``規?;渴?``) are such
    leftovers. A lone ``?`` between two Han characters is one in a line whose author
    writes full-width punctuation (``，。``) and no half-width marks, unless the clause
    before it reads as a question. The ``?`` stay inside the marker: nothing is lost.
    """
    if "?" not in line:
        return line
    out = _PLACEHOLDER_RUN.sub(lambda m: MARK_OPEN + m.group() + MARK_CLOSE, line)
    if _FULL_WIDTH_MARKS.search(out) and not _HALF_WIDTH_MARKS.search(out):
        pieces: list[str] = []
        done = 0
        for match in _LONE_PLACEHOLDER.finditer(out):
            if _ends_question(out[: match.start()], model):
                continue
            pieces.extend([out[done : match.start()], MARK_OPEN, "?", MARK_CLOSE])
            done = match.end()
        out = "".join(pieces) + out[done:]
    return out


_FIXPOINT_PASSES = 3


def _repair_line(text: str, model: _Model) -> str:
    """Repair a line until a further pass changes nothing (so a second run of the
    repair leaves its output alone: a marker added in one pass splits the segment,
    and the pieces may read differently alone). A clean line takes one pass."""
    out = _repair_text(text, model)
    for _ in range(_FIXPOINT_PASSES):
        if out == text:
            break
        text, out = out, _repair_text(out, model)
    return out
