"""Re-reading a whole line that was decoded with the wrong codec (UTF-8 read as GBK,
GBK or UTF-8 read as Latin-1 or Windows-1252)."""

from __future__ import annotations

import codecs
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
    allowed = 2 * line.count("\ufffd") + _REREAD_SLACK  # see _reread_is_better
    for wrong, right in _REREADINGS:
        if (wrong == "gb18030" and not has_cjk) or (wrong != "gb18030" and not has_latin1):
            continue
        if right == "utf-8" and _utf8_errors_exceed(line, wrong, allowed):
            continue  # more U+FFFD than _reread_is_better allows: not better
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


def _utf8_errors_exceed(line: str, wrong: str, allowed: int) -> bool:
    """Whether the line's bytes in ``wrong`` hold more than ``allowed`` UTF-8 errors,
    each of which ``errors="replace"`` turns into one U+FFFD (counted by strict
    decoding from one error to the next: clean Chinese text re-read fails at once,
    and a strict decode stops at its first error instead of replacing them all)."""
    try:
        if "\ufffd" in line:  # as _decode_again writes it
            data = b"\xff".join(part.encode(wrong) for part in line.split("\ufffd"))
        else:
            data = line.encode(wrong)
    except UnicodeEncodeError:
        return False
    view = memoryview(data)
    errors = 0
    start = 0
    while True:
        try:
            codecs.utf_8_decode(view[start:], "strict", True)
        except UnicodeDecodeError as exc:
            errors += 1
            if errors > allowed:
                return True
            start += exc.end
        else:
            return False


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
