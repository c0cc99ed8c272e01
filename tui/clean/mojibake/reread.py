"""Re-reading a whole line that was decoded with the wrong codec (UTF-8 read as GBK,
GBK or UTF-8 read as Latin-1 or Windows-1252)."""

from __future__ import annotations

import re

from tui.clean.mojibake.model import (
    _REREAD_GAIN_PER_CHAR,
    _REREAD_MIN_CJK,
    _REREAD_SLACK,
    _is_cjk,
    _Model,
    _score,
)
from tui.text.han import has_han
from tui.text.markers import MARK_OPEN

_LATIN1 = re.compile("[\x80-\xff]")


def _reread(line: str, model: _Model) -> str | None:
    """The line decoded again when it is text that was decoded with the wrong codec.

    A UTF-8 file opened as GBK turns every Chinese character (three bytes) into one
    and a half wrong ones: ``腾讯发布`` reads ``鑵捐鍙戝竷``; opened as Latin-1 or
    Windows-1252 it reads ``è…¾è®¯``, and a GBK file opened so reads ``ÌÚÑ¶``.
    Encoding the line back with the wrong codec gives the original bytes; a byte
    the decoder replaced with U+FFFD is lost and comes back as U+FFFD (marked
    later). A re-reading is taken only when it decodes with no more damage than the
    line had, holds Chinese text, and scores far better under the language model:
    clean text re-read is mostly invalid, so it is never taken.
    """
    if MARK_OPEN in line:
        return None
    has_cjk = has_han(line)
    has_latin1 = len(_LATIN1.findall(line)) >= _REREAD_MIN_CJK
    for wrong, right in _REREADINGS:
        if (wrong == "gb18030" and not has_cjk) or (wrong != "gb18030" and not has_latin1):
            continue
        reread = _decode_again(line, wrong, right)
        if reread is not None and _reread_is_better(line, reread, model):
            return reread
    return None


_REREADINGS = (("gb18030", "utf-8"), ("cp1252", "utf-8"), ("latin-1", "utf-8"), ("latin-1", "gbk"))
"""(codec the text was wrongly decoded with, codec it was written in)."""


def _decode_again(line: str, wrong: str, right: str) -> str | None:
    # U+FFFD becomes 0xFF: invalid in UTF-8 and as a GBK lead, it decodes to U+FFFD.
    try:
        data = b"\xff".join(part.encode(wrong) for part in line.split("\ufffd"))
    except UnicodeEncodeError:
        return None
    return data.decode(right, errors="replace")


def _reread_is_better(line: str, reread: str, model: _Model) -> bool:
    lost = line.count("\ufffd")
    if reread == line or reread.count("\ufffd") > 2 * lost + _REREAD_SLACK:
        return False
    cjk = sum(1 for ch in reread if _is_cjk(ch))
    if cjk < _REREAD_MIN_CJK:
        return False
    old = _score(model.simplified(line.replace("\ufffd", "")), model)
    new = _score(model.simplified(reread.replace("\ufffd", "")), model)
    return new - old >= _REREAD_GAIN_PER_CHAR * cjk
