"""Bytes to text: strict UTF-8 first (with or without BOM), then detection.

Order of attempts:

1. Byte-order marks: UTF-8, UTF-32 and UTF-16 (both byte orders).
2. Binary data is refused with a clear reason: known file signatures (images,
   archives, PDF ...), NUL bytes (unless the bytes are BOM-less UTF-16, recognised
   by NULs on one byte parity only) and runs of control bytes.
3. Strict UTF-8; a file that is UTF-8 apart from a cut final character or a very
   few broken bytes is decoded with U+FFFD marking the damage visibly.
4. The Chinese legacy encodings: GB18030 (a superset of GB2312 and GBK) and
   Big5-HKSCS (a superset of Big5), each decoded strictly. Short texts are easily
   valid in both, so every strict decoding is scored by how Chinese it reads: the
   share of common characters and of two-character dictionary words (jieba's
   dictionary, after folding Traditional to Simplified with opencc), with penalties
   for private-use, unassigned, control, kana/Greek/Cyrillic/box-drawing
   characters that mis-decoding produces.
5. charset-normalizer for anything else (Latin-1, Shift-JIS, ...).

Line ends are left as they are (see ``textnorm.normalise_newlines``).
"""

from __future__ import annotations

import codecs
import math
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType


class DecodeError(ValueError):
    """The bytes could not be decoded as text in any supported encoding."""


class TooLarge(DecodeError):
    """The file is larger than the size limit (``max_bytes``): refused, not cleaned."""


MAX_FILE_MB_ENV = "JIEDU_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 4.0
"""Files above this many megabytes are refused with a clear reason. Cleaning is
linear in the text, but a clipping of several megabytes is no article; the limit
keeps an import's time and memory bounded. Set ``JIEDU_MAX_FILE_MB`` to change it
(0 or less: no limit)."""


def max_bytes() -> int | None:
    """The size limit in bytes (None: no limit), from ``JIEDU_MAX_FILE_MB``."""
    raw = os.environ.get(MAX_FILE_MB_ENV, "").strip()
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_FILE_MB
    except ValueError:
        megabytes = DEFAULT_MAX_FILE_MB
    return int(megabytes * 1_000_000) if megabytes > 0 else None


# File signatures of common binary formats, checked before anything else. Short
# ASCII-only signatures ("MZ", "BZh", "ID3") are left out: a text may start so,
# and such files are refused anyway for their NUL or control bytes.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx/epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (doc/xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"\x00\x00\x01\x00", "ICO image"),
)

# RIFF containers (WAV, AVI, WEBP) carry their type at offset 8.
_RIFF_KINDS = {b"WEBP": "WEBP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

# Control bytes that never occur in text (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x1C, 0x1D}
_CONTROL_BYTES = _CONTROL_BYTES | {0x1E, 0x1F, 0x7F}
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)  # deleted to count them

# A UTF-8 file may have at most this share of broken bytes to still count as UTF-8.
_UTF8_DAMAGE_RATIO = 0.002

# Broken bytes a legacy-encoded file may always have (a file shorter than 1/ratio).
_MIN_DAMAGE_ALLOWED = 2

# Minimum Chinese plausibility (see _chinese_score) for a GB/Big5 decoding to be
# accepted without charset-normalizer's opinion. Real prose scores about 1.5,
# mis-decoded prose below 1 (it has characters but almost no words); texts too
# short to contain words (fewer than _FEW_PAIRS adjacent Han pairs) need less.
_PLAUSIBLE = 1.0
_PLAUSIBLE_SHORT = 0.6
_FEW_PAIRS = 3

# Share of control/private-use/unassigned characters a decoding may contain
# (damaged text, e.g. mojibake, has a few private-use characters).
_MAX_BAD_SHARE = 0.01

# UTF-16/32 are only taken with a BOM or NUL-byte evidence, never guessed.
_NOT_GUESSED = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7")

# Preferred among charset-normalizer's equally good single-byte guesses.
_PREFERRED_FALLBACK = ("cp1252",)

# How much text is scored: enough to decide, bounded for speed.
_SCORE_SAMPLE = 4000


@dataclass(frozen=True)
class _Candidate:
    text: str
    encoding: str
    score: float
    plausible: bool


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Line ends are left as they are.

    Raises DecodeError with the reason when the data is binary or undecodable, and
    TooLarge (a DecodeError) above the size limit (``max_bytes``).
    """
    if not data:
        return "", "utf-8"
    limit = max_bytes()
    if limit is not None and len(data) > limit:
        raise TooLarge(
            f"too large to clean: {len(data) / 1_000_000:.1f} MB, over the "
            f"{limit / 1_000_000:g} MB limit (set {MAX_FILE_MB_ENV} to change it)"
        )
    bom = _decode_bom(data)
    if bom is not None:
        return bom
    _refuse_binary_signature(data)
    if b"\x00" in data:
        utf16 = _decode_bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise DecodeError("binary data: contains NUL bytes")
    _refuse_control_bytes(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    damaged = _decode_damaged_utf8(data)
    if damaged is not None:
        return damaged
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    return _detect(data, utf8_error)


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    """Decode data that starts with a byte-order mark, or return None."""
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    )
    for bom, codec, name in boms:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                if codec == "utf-32":  # FF FE 00 00 may also be UTF-16 LE + NUL
                    continue
                raise DecodeError(f"starts with a {name} byte-order mark but {exc.reason}") from exc
    return None


def _refuse_binary_signature(data: bytes) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary data: {kind}")
    if data.startswith(b"RIFF") and len(data) >= 12:
        kind = _RIFF_KINDS.get(data[8:12], "RIFF media")
        raise DecodeError(f"binary data: {kind}")


def _refuse_control_bytes(data: bytes) -> None:
    sample = data[:65536]
    controls = len(sample.translate(None, _OTHER_BYTES))  # in C: 1 ms for 64 KB in Python
    if controls and controls >= max(3, len(sample) // 200):
        raise DecodeError(f"binary data: {controls} control bytes in the first {len(sample)}")


def _decode_bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM, recognised by its NUL bytes falling on one parity.

    ASCII characters (newlines at least) put their NUL on the high byte; Han
    characters rarely have a NUL byte at all.
    """
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > 10 * even:
        codec, nuls = "utf-16-le", odd
    elif even > 10 * odd:
        codec, nuls = "utf-16-be", even
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _bad_share(text) > _MAX_BAD_SHARE:
        return None
    if nuls >= half * 0.3:  # mostly ASCII
        return text, codec
    score, pairs = _chinese_score(text)
    threshold = _PLAUSIBLE if pairs >= _FEW_PAIRS else _PLAUSIBLE_SHORT
    return (text, codec) if score >= threshold else None


def _decode_damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a cut last character or a very few broken bytes, else None."""
    text = data.decode("utf-8", errors="replace")
    damage = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte >= 20 * damage and damage <= max(1, len(data) * _UTF8_DAMAGE_RATIO):
        return text, "utf-8"
    return None


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """A file whose lines are partly UTF-8 and partly a Chinese legacy encoding (two
    clippings pasted together), decoded line by line; None when it is not one.

    Lines that are valid UTF-8 and read as Chinese in it stay UTF-8; the other lines
    together must read as plausible GB18030 or Big5, and each is decoded so. A line
    that still does not decode keeps its readable part with U+FFFD for the broken
    bytes (the mojibake stage marks them visibly). The encoding is reported as
    ``utf-8+gbk`` (or the legacy encoding found).
    """
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    failing: list[bytes] = []
    chinese_utf8 = 0
    for raw in lines:
        text = _strict(raw, "utf-8")
        if text is not None and not text.isascii():
            if _reads_as_chinese_utf8(text):
                chinese_utf8 += 1
            else:
                text = None
        if text is None:
            failing.append(raw)
        decoded.append(text)
    if not chinese_utf8 or not failing:
        return None
    candidates = _chinese_candidates(b"\n".join(failing))
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is None or not best.plausible:
        return None
    codec = best.encoding
    out = [
        text if text is not None else raw.decode(codec, errors="replace")
        for text, raw in zip(decoded, lines, strict=True)
    ]
    return "\n".join(out), f"utf-8+{codec}"


def _reads_as_chinese_utf8(text: str) -> bool:
    """A UTF-8 line holding Chinese: legacy bytes that happen to be valid UTF-8 decode
    to accented Latin and symbols, seldom to two Han characters and little else."""
    from tui.text.han import is_han  # (here: reading a library does not compile its tables)

    wide = [ch for ch in text if not ch.isascii()]
    han = sum(1 for ch in wide if is_han(ch))
    return han >= 2 and han * 2 >= len(wide)


def _detect(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """Choose among the Chinese legacy encodings, then charset-normalizer."""
    candidates = _chinese_candidates(data)
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is not None and best.plausible:
        return best.text, best.encoding
    other = _charset_normalizer_guess(data)
    if other is not None:
        return other
    if best is not None and best.score > 0:
        return best.text, best.encoding
    raise DecodeError(
        "not UTF-8 "
        f"({utf8_error.reason} at byte {utf8_error.start}) "
        "and not plausible GB18030, Big5 or any other text encoding"
    )


def _chinese_candidates(data: bytes) -> list[_Candidate]:
    """Strict GB18030 and Big5 decodings with their Chinese plausibility scores."""
    candidates: list[_Candidate] = []
    families = (
        ("gb18030", ("gbk",)),  # text from gb18030, reported as gbk when that suffices
        ("big5hkscs", ("big5", "cp950")),
    )
    for codec, narrower in families:
        text = _strict(data, codec)
        name = codec
        if text is None and codec == "big5hkscs":
            text, name = _strict(data, "cp950"), "cp950"
        if text is None:
            text, name = _damaged(data, codec), codec
        if text is None:
            continue
        for narrow in narrower:
            if _strict(data, narrow) == text:
                name = narrow
                break
        score, pairs = _chinese_score(text)
        threshold = _PLAUSIBLE if pairs >= _FEW_PAIRS else _PLAUSIBLE_SHORT
        candidates.append(_Candidate(text, name, score, score >= threshold))
    return candidates


def _damaged(data: bytes, codec: str) -> str | None:
    """The decoding with U+FFFD for undecodable bytes, when they are very few.

    A legacy-encoded file with a byte lost, gained or damaged (a truncated copy, a
    bad sector, a careless edit) fails strict decoding, but the rest of it is fine:
    the damage is left visible for the mojibake repair, which re-aligns the bytes
    around it or marks it. Like damaged UTF-8, at most ``_UTF8_DAMAGE_RATIO`` of the
    bytes may be broken (at least one), and the text must still read as Chinese."""
    text = data.decode(codec, errors="replace")
    damage = text.count("\ufffd")
    if damage > max(_MIN_DAMAGE_ALLOWED, len(data) * _UTF8_DAMAGE_RATIO):
        return None
    return text


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_exclusion=list(_NOT_GUESSED)))
    if not matches:
        return None
    best = min(matches, key=lambda m: m.chaos)
    text, name = str(best), best.encoding
    ties = [m for m in matches if m.chaos <= best.chaos + 0.01]
    for preferred in _PREFERRED_FALLBACK:
        if any(preferred in m.could_be_from_charset for m in ties):
            text, name = data.decode(preferred, errors="replace"), preferred
            break
    if _bad_share(text) > _MAX_BAD_SHARE:
        return None
    return text, name


# --- Chinese plausibility -----------------------------------------------------


def _is_bad_char(ch: str) -> bool:
    """Characters that real text practically never contains."""
    if ch in "\t\n\r\f\v\x1b":
        return False
    category = unicodedata.category(ch)
    return category in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd"


def _bad_share(text: str) -> float:
    sample = text[:_SCORE_SAMPLE]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if _is_bad_char(ch)) / len(sample)


def _is_suspect_char(ch: str) -> bool:
    """Characters that GB/Big5 mis-decoding produces in quantity."""
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF  # kana (GBK rows A4/A5)
        or 0x0370 <= code <= 0x04FF  # Greek, Cyrillic (GBK rows A6/A7)
        or 0x2500 <= code <= 0x257F  # box drawing (GBK row A9)
        or 0x3100 <= code <= 0x312F  # bopomofo
        or 0xE000 <= code <= 0xF8FF  # private use (user-defined GBK/Big5 areas)
        or 0xFE30 <= code <= 0xFE4F  # vertical forms
    )


def _chinese_score(text: str) -> tuple[float, int]:
    """(score, adjacent Han pairs): how much ``text`` reads like Chinese.

    The score is roughly in [-2, 2]: about 1.5 for real prose, below 1 for
    mis-decoded prose.

    Per Han character: +1 when it is a common character, scaled by frequency;
    per adjacent Han pair forming a dictionary word: +1; per suspect or bad
    character: -2. Normalised by the number of scored characters.
    """
    from tui.text.han import is_han

    sample = text[:_SCORE_SAMPLE]
    han = [ch for ch in sample if is_han(ch)]
    if not han:
        return 0.0, 0
    simplified = _to_simplified("".join(han))
    if len(simplified) != len(han):  # opencc never changes lengths, but be safe
        simplified = "".join(han)
    total = 0.0
    for ch in simplified:
        total += _char_weight(ch)
    # Dictionary words across adjacent Han characters of the original text.
    pairs = 0
    words = 0
    index = 0
    for position, ch in enumerate(sample[:-1]):
        if is_han(ch):
            if is_han(sample[position + 1]):
                pairs += 1
                if _is_word(simplified[index : index + 2]):
                    words += 1
            index += 1
    penalty = sum(2.0 for ch in sample if _is_suspect_char(ch) or _is_bad_char(ch))
    scored = len(han) + sum(1 for ch in sample if _is_suspect_char(ch) or _is_bad_char(ch))
    word_share = words / pairs if pairs else 0.0
    return (total - penalty) / scored + word_share, pairs


def _char_weight(ch: str) -> float:
    """0..1 by the character's frequency in jieba's dictionary (log scale)."""
    freq = _freq(ch)
    if freq <= 0:
        return 0.0
    return min(1.0, math.log10(freq + 1) / 3.0)  # 1000+ occurrences count fully


def _is_word(pair: str) -> bool:
    return len(pair) == 2 and _freq(pair) > 0


def _freq(word: str) -> int:
    return _dictionary().stock().freq(word)


@lru_cache(maxsize=1)
def _dictionary() -> ModuleType:
    from tui.text import dictionary  # (with opencc below: not loaded by a reader that only reads)

    return dictionary


@lru_cache(maxsize=1)
def _opencc_t2s() -> object:
    from tui.text.script import opencc_converter

    return opencc_converter("t2s")


def _to_simplified(text: str) -> str:
    converter = _opencc_t2s()
    return converter.convert(text)  # type: ignore[attr-defined]
