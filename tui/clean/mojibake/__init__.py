"""Repair of GBK byte-shift mojibake (a byte lost, gained or damaged inside GBK text).

How the damage arises
---------------------
GBK writes a Chinese character as two bytes (lead 0x81-0xFE, trail 0x40-0x7E or
0x80-0xFE) and ASCII as one. When one byte of the stream is damaged, the bytes after
it pair with the wrong partners, so the decoder emits wrong characters - rare ones,
user-defined-area codes that land in the Private Use Area, symbols such as ``⑿`` -
until an ASCII byte happens to restore the alignment. Trail bytes 0x40-0x7E are
ASCII letters and symbols, so misaligned Traditional text is peppered with stray
``S``, ``I``, ``@``. The seeds show three variants, all handled here:

* a byte lost its high bit (0xA1 -> ``!``, 0xBB -> ``;``, 0x9E -> a control
  character): ``!刮⑿臕gent`` is ``」微信Agent``, ``對方;钴S的`` is ``對方活躍的``;
* a lead byte replaced by ``?`` (a decoder that swallowed the lead byte and the
  ``(`` of an injected pinyin note), leaving the rest of the note behind:
  ``性?xún)r(jià)值`` is ``性價(jià)值``, ``因?yàn)橛脩?hù)`` is ``因為用戶``;
* in general, a byte dropped or inserted anywhere (a file read from a wrong offset,
  a truncated copy), decoded strictly or with U+FFFD for the undecodable bytes.

How the repair decides
----------------------
1. Lines are cut into segments of GBK-representable text; emoji and other
   characters outside GBK, line ends and earlier markers are barriers never touched.
2. Suspicious characters are flagged: U+FFFD, controls, Private Use Area, unusual
   symbols, ``?`` followed by a pinyin fragment, stray ASCII that GBK trail bytes
   turn into (``@ [ ] ^ _ { | }`` next to CJK, short lowercase runs between CJK), and
   CJK characters that are rare in the jieba dictionary and form no dictionary word
   with their neighbours.
3. Around each cluster of flagged characters the segment is re-encoded to GB18030
   bytes and every single-byte edit in a small window is tried: restore a high
   bit, drop a byte, insert an unknown byte, or read ``?`` (with a pinyin fragment)
   as one unknown byte. A byte that an earlier repair left undecodable (an orphan
   of the realignment) can be dropped without penalty. U+FFFD is always one unknown byte (Python's decoders replace
   one byte per error). The edited bytes are decoded until their alignment meets
   the old one again. An unknown byte is chosen among all values that make a known
   character, by the language model.
4. Readings are scored by a word-level language model: the best segmentation under
   jieba's dictionary word frequencies, computed on the Simplified form (opencc
   ``t2s``), with single characters scored by their frequency, a bonus per
   character read as real text (so that dropping characters is not a free win),
   and fixed costs for Latin runs, punctuation, symbols, private-use and broken
   characters. Injected pinyin notes like ``(yè)`` are ignored when scoring.
5. An edit is applied only when it beats the old reading by ``MARGIN`` nats after
   an edit penalty; otherwise the text stays exactly as it was. Most edits of clean
   text misalign everything up to the next ASCII byte and lose tens of nats: an upper
   bound of the language model's score (``bound``), with the misaligned run read
   once per cluster, rules them out without scoring them, and only edits it cannot
   rule out are scored (the result is the same: see ``tests/test_mojibake_bound.py``). (Forcing every
   possible edit at all 31,733 positions of the clean seed text gains at most
   10.8 nats; the seed repairs gain 24 to 100.) Edits are applied greedily until
   none clears the margin, so the result is a fixed point and the function is
   idempotent.
6. What is certainly damage but cannot be repaired is kept visible inside
   ``〔乱码：…〕``: a run with U+FFFD or undecodable bytes (shown as one U+FFFD),
   user-defined-area characters among other suspicious ones, and a repaired
   character whose lost byte the dictionary cannot choose (two candidates within
   ``_FILL_CONFIDENCE`` nats; a rare punctuation mark is no rival for a character)
   is shown as a marked U+FFFD rather than guessed: a wrong guess would disguise
   the damage as text. So is a ``?`` that a decoder wrote for a whole character
   and that the repair left stranded between two characters (``規?化``).
   Marked spans are skipped by later runs.

The stock jieba dictionary (jieba's global tokenizer; jiedu's own words live in a
separate tokenizer, see ``segment.py``) and the opencc converter are loaded lazily,
once per process; per-character frequencies derived from the dictionary are cached
in the cache directory. Punctuation classes come from ``data/mojibake.yaml``.

Modules: ``model`` (constants, frequencies, the language model), ``bound`` (an upper
bound of its score), ``suspects`` (what looks misaligned), ``gbk`` (byte-level
edits, repair and marking of a segment), ``reread`` (a whole line read again in
another codec), ``lines`` (the text, line by line: entity remnants, re-reading,
repair to a fixed point, decoder placeholders).
"""

# The internals the tests reach for, importable from here as before the split.
from tui.clean.mojibake.gbk import (  # noqa: F401
    _PIECE_MAX,
    _bounded,
    _Edit,
    _encode_chars,
    _evaluate,
    _repair_text,
    _Segment,
)
from tui.clean.mojibake.lines import (
    _LINE,  # noqa: F401
    repair_mojibake,
)
from tui.clean.mojibake.model import MARGIN, WILD, _model, _score  # noqa: F401
from tui.clean.mojibake.suspects import _stray_ascii, _suspects  # noqa: F401
from tui.text.markers import MARK_CLOSE, MARK_OPEN, without_marks

__all__ = [
    "MARGIN",
    "MARK_CLOSE",
    "MARK_OPEN",
    "WILD",
    "repair_mojibake",
    "without_marks",
]
