"""Images and what hangs off them: image tags, captions and credits.

A terminal reader shows no pictures, so an image tag carries nothing: ``![](…)``
tags are cut out of every line (a line of only images becomes blank), including
a title followed by its images (``标题 ![](a.jpg) ![](b.jpg)``) and an empty tag
glued before the first sentence (``![]() 日前，…``). A stray bar left at the end
of a paragraph by a table layout (``…成为了现实。 |``) goes too.

``is_caption`` knows the caption lines that stand alone under a picture: a
picture counter (``第1张``, ``1/5``), a lone ``@账号`` handle, a screenshot label
(``相关财报截图``). Captions with a label (``图源：``, ``截图来自``, ``图为…``) and
photo-agency credits are patterns in ``data/chrome.yaml``.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_TRAILING_BAR = re.compile(r"(?<=[。！？!?”」』）)])\s+[|｜]\s*$")
_COUNTER = re.compile(
    r"^\s*(?:第\s*\d{1,3}\s*[张張幅页頁](?:\s*/\s*共\s*\d{1,4}\s*[张張页頁])?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_HANDLE = re.compile(r"^\s*@[^\s@,，。:：]{2,20}\s*$")
_SCREENSHOT = re.compile(r"^\s*[^\s,，。:：]{0,10}(?:截图|截圖)\s*[)）]?\s*$")


def strip_images(line: str) -> str:
    """The line without image tags (blank when it held only images)."""
    if line.lstrip().startswith("|"):
        return line
    if "![" not in line:
        return _TRAILING_BAR.sub("", line)
    stripped = _IMAGE.sub("", line)
    if not stripped.strip():
        return ""
    return _TRAILING_BAR.sub("", re.sub(r"[ \t]{2,}", " ", stripped).strip())


def is_caption(line: str) -> bool:
    """A caption line standing alone: picture counter, lone handle, screenshot label."""
    return bool(_COUNTER.match(line) or _HANDLE.match(line) or _SCREENSHOT.match(line))
