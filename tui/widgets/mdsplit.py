"""Where a Markdown text can be cut into pieces that parse to the same blocks
as the whole (no Textual import).

The article view parses a long body a piece at a time, as far as it is laid
out. A cut is made only where CommonMark is sure to start a new top-level
block: after a blank line, before a line that starts at the margin with
something that cannot continue the block before it (not a space, not ``>``,
not a list marker), and outside fenced code and the HTML blocks that run
across blank lines (``<pre>``, ``<style>``, comments…).

Link reference and footnote definitions apply to the whole text. When each of
them stands alone (from after a blank line or a heading to such a cut), they
are taken out of the text
(:attr:`Cuts.definitions`) and given to every piece's parse; otherwise the
text is not cut at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.MULTILINE)
_HTML_OPEN = re.compile(
    r"^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))",
    re.MULTILINE | re.IGNORECASE,
)
_HTML_CLOSE = {1: r"</(?:script|pre|style|textarea)>", 2: "-->", 3: r"\?>", 4: r"\]\]>", 5: ">"}
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t][^\n]*)?\n")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$", re.MULTILINE)
# What may continue an open block after a blank line (a lazy list or quote).
_CONTINUES = re.compile(r"[ \t\r\n>]|[-+*](?:[ \t\n]|$)|\d{1,9}[.)](?:[ \t\n]|$)")


def _fenced(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks as (start, end)."""
    spans: list[tuple[int, int]] = []
    opening: tuple[str, int, int] | None = None
    for match in _FENCE.finditer(text):
        fence, after = match.group(1), match.group(2)
        if opening is None:
            if fence[0] == "`" and "`" in after:
                continue  # not a fence: a backtick in the info string
            opening = (fence[0], len(fence), match.start())
        elif fence[0] == opening[0] and len(fence) >= opening[1] and not after.strip():
            spans.append((opening[2], match.end()))
            opening = None
    if opening is not None:
        spans.append((opening[2], len(text)))
    return spans


def _html_blocks(text: str) -> list[tuple[int, int]]:
    """HTML blocks that end only at their closing mark, as (start, end)."""
    spans: list[tuple[int, int]] = []
    for match in _HTML_OPEN.finditer(text):
        kind = next(i for i in range(1, 6) if match.group(i))
        close = re.compile(_HTML_CLOSE[kind], re.IGNORECASE).search(text, match.end())
        end = len(text) if close is None else text.find("\n", close.end())
        spans.append((match.start(), len(text) if end < 0 else end))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[int]:
    """Overlapping spans merged, as a flat sorted list of bounds."""
    bounds: list[int] = []
    for start, end in sorted(spans):
        if bounds and start <= bounds[-1]:
            bounds[-1] = max(bounds[-1], end)
        else:
            bounds += [start, end]
    return bounds


class Cuts:
    """The safe places to cut one text, found as they are asked for.

    ``text`` is the text to cut: the given one without its definitions, which
    are in ``definitions`` ("" if none); ``whole`` when it must not be cut
    (given: parse it in one piece).
    """

    def __init__(self, text: str, whole: bool = False) -> None:
        self.text = text
        self.definitions = ""
        self.whole = whole
        self._closed: list[int] | None = None  # bounds of the spans not to cut in
        # (The substring tests skip the regular expressions for most texts.)
        if not whole and "]:" in text and _DEFINITION.search(text):
            self._take_definitions()

    def _no_cut(self) -> list[int]:
        if self._closed is None:
            text = self.text
            spans = _fenced(text) if "```" in text or "~~~" in text else []
            if "<" in text:
                spans += _html_blocks(text)
            self._closed = _merged(spans)
        return self._closed

    def _safe(self, cut: int) -> bool:
        return (
            cut < len(self.text)
            and _CONTINUES.match(self.text, cut) is None
            and bisect_right(self._no_cut(), cut) % 2 == 0
        )

    def _take_definitions(self) -> None:
        """Move the definitions out of the text, or mark it ``whole``."""
        text = self.text
        kept: list[str] = []
        taken: list[str] = []
        pos = 0
        for match in _DEFINITION.finditer(text):
            start = match.start()
            if start < pos:
                continue  # in a stretch of definitions taken already
            alone = start == 0 or (
                bisect_right(self._no_cut(), start) % 2 == 0
                and (
                    text.startswith("\n\n", start - 2)
                    or _HEADING.match(text, text.rfind("\n", 0, start - 1) + 1) is not None
                )
            )
            end = self.next_cut(start, 1)
            lines = text[start:end].split("\n")
            if not alone or any(
                line and not line[0].isspace() and not _DEFINITION.match(line) for line in lines
            ):
                self.text, self.whole = text, True
                return
            kept.append(text[pos:start])
            taken.append(text[start:end])
            pos = end - 1 if text.endswith("\n\n", 0, end) else end  # keep a line break
        kept.append(text[pos:])
        self.text = "".join(kept)
        self.definitions = "".join(taken)
        self._closed = None

    def next_cut(self, start: int, at_least: int) -> int:
        """The end of the piece that starts at ``start``: the first safe cut at or
        after ``start + at_least`` (the end of the text if there is none)."""
        text = self.text
        if self.whole:
            return len(text)
        find = start + at_least - 2
        while True:
            blank = text.find("\n\n", max(start, find))
            if blank < 0:
                return len(text)
            if self._safe(blank + 2):
                return blank + 2
            find = blank + 1
