"""Whether a line reads as prose: the test that keeps text from being taken for chrome.

A line of article text has clauses: sentence punctuation inside it, numbers with
their units in context (``总收入1131亿元``, ``同比增长12%``) or the function words
of a sentence (``的``, ``同比``, ``其中``…, listed in ``data/chrome.yaml`` as
``prose_markers``) in more than one clause. A spam line is a list of keywords:
short noun phrases joined by ``|`` or ``,`` with none of these. Prose loses its
final ``。`` when a page is cut (``…同比增长12%,其中广告业务``) and is still prose.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tui.text import script
from tui.text.data import load_yaml

_INNER_SENTENCE = re.compile(r"[。!?;…](?=.)")
_NUMBER_IN_CONTEXT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|个百分点|百分点|亿|万|千|元|美元|港元|辆|台|家|倍|人|次|件|部|款|名|tokens)"
    r"|(?:增长|下降|增加|减少|达到|达|至|约|超过|突破)\s*\d"
)
_CLAUSE_SPLIT = re.compile(r"[,，:：;；|/、]+")
PROSE_MIN_MARKED_CLAUSES = 2  # clauses with a function word that make a sentence


@lru_cache(maxsize=1)
def _markers() -> tuple[str, ...]:
    return tuple(str(w) for w in load_yaml("chrome.yaml").get("prose_markers") or [])


@lru_cache(maxsize=8192)
def reads_as_prose(line: str) -> bool:
    """Clauses, sentence punctuation inside, numbers in context: article text."""
    text = unicodedata.normalize("NFKC", script.to_simplified(line.strip()))
    if not text:
        return False
    if _INNER_SENTENCE.search(text) or _NUMBER_IN_CONTEXT.search(text):
        return True
    markers = _markers()
    clauses = [c for c in _CLAUSE_SPLIT.split(text) if c.strip()]
    marked = sum(1 for clause in clauses if any(m in clause for m in markers))
    return marked >= PROSE_MIN_MARKED_CLAUSES
