"""Which characters of a segment look like the product of a misaligned GBK decode."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tui.clean.mojibake.model import (
    _FINE,
    _NOT_PLAIN,
    _PINYIN_FRAGMENT,
    _RARE,
    _RARE_LOGP,
    _SUSPICIOUS,
    _TRAIL_SYMBOL_NEAR_CJK,
    _TRAIL_SYMBOLS,
    _is_cjk,
    _Model,
)

# -------------------------------------------------------------------------- suspicion


def _suspects(chars: Sequence[str], simple: str | None, model: _Model) -> list[int]:
    """Indices of characters that look like the product of a misaligned decode
    (``simple``: the Simplified text, made here when a rare character needs it)."""
    joined = chars if isinstance(chars, str) else "".join(chars)
    flagged: set[int] = set(_stray_ascii(joined, model))
    if "?" in joined or "\ufffd" in joined:
        flagged.update(match.start() for match in _PINYIN_FRAGMENT.finditer(joined))
    for index, kind in _odd_positions(joined, model):
        if kind == _SUSPICIOUS:
            flagged.add(index)
        elif kind == _RARE:
            if simple is None:  # only the stretch a word could cover is needed
                low = max(0, index - 3)
                nearby = model.simplified(joined[low : index + 4])
                if _covered_by_word(nearby, index - low, model):
                    continue
                single = model.single_logp(nearby[index - low])
            else:
                if _covered_by_word(simple, index, model):
                    continue
                single = model.single_logp(simple[index])
            near_stray = _is_stray(chars, index - 1) or _is_stray(chars, index + 1)
            if single is None or single < _RARE_LOGP or near_stray:
                flagged.add(index)
    return sorted(flagged)


def _odd_positions(text: str, model: _Model) -> Iterator[tuple[int, int]]:
    """(index, kind) of every character outside plain ASCII (``_NOT_PLAIN``) that is
    not fine: each distinct character is classed once, then found with ``str.find``
    (most segments hold a few hundred characters and no odd one). Plain ASCII and
    the commonest fine characters are skipped by a regex first (``uncommon``)."""
    fine = model.fine_chars
    odd: list[tuple[str, int]] = []
    for ch in set(model.uncommon().findall(text)).difference(fine):
        found = model.kind(ch) if _NOT_PLAIN.match(ch) else _FINE
        if found == _FINE:
            fine.add(ch)
        else:
            odd.append((ch, found))
    for ch, found in odd:
        index = text.find(ch)
        while index >= 0:
            yield index, found
            index = text.find(ch, index + 1)


def _stray_ascii(text: str, model: _Model) -> Iterator[int]:
    """ASCII that GBK trail bytes turn into and Chinese prose rarely holds.

    Symbols from the trail-byte range (``@ [ ] ^ _ { | }`` …) touching a CJK
    character, unless they are Markdown or link syntax; and runs of up to three
    ASCII characters between CJK characters (or full-width punctuation, or at the
    start of a line, after its indentation) that hold a lowercase letter or such a symbol (``i]``, ``^D``, ``sw``;
    not ``AI``, ``5G`` or a half-width comma).
    """
    for match in _TRAIL_SYMBOL_NEAR_CJK.finditer(text):
        index = match.start()
        before = text[index - 1 : index]
        after = text[index + 1 : index + 2]
        if not (_is_ascii_punct(before) or _is_ascii_punct(after) or _in_brackets(text, index)):
            yield index
    hanzi = model.punct.hanzi
    for match in model.punct.ascii_before_hanzi.finditer(text):
        start = match.start()
        if start and not hanzi.match(text, start - 1) and not _opens_line(text, start):
            continue  # not a short_ascii_run match (see there)
        run = match.group()
        if _is_markup_or_emoticon(run):
            continue
        if any(c.islower() or c in _TRAIL_SYMBOLS for c in run):
            yield from range(match.start(), match.end())


def _opens_line(text: str, index: int) -> bool:
    """Only whitespace before ``index`` on its line: the cleaner strips it, and the
    run must be judged as it will be judged at the start of the cleaned line."""
    return not text[text.rfind("\n", 0, index) + 1 : index].strip()


def _is_markup_or_emoticon(run: str) -> bool:
    """``<a>``, ``</`` (tags) and ``^_^``, ``-_-`` (faces) are typed, not residue."""
    if "<" in run or ">" in run:
        return True
    if len(run) == 2 and run[0] == run[1] and run[0] in "_*~":
        return True  # Markdown emphasis and strike-through (变量__名字__)
    return len(run) == 3 and run[0] == run[2] and run[1] in "_.-" and not run[0].isalnum()


def _is_ascii_punct(ch: str) -> bool:
    """Markdown and link syntax (``[^1]``, ``](http``) puts symbols next to each other."""
    return len(ch) == 1 and ch.isascii() and not ch.isalnum() and not ch.isspace()


def _in_brackets(text: str, index: int) -> bool:
    """A bracket with its partner close by (``[^1]``, ``{x}``) is syntax, not residue."""
    pairs = {"[": "]", "{": "}"}
    ch = text[index]
    if ch in pairs:
        return pairs[ch] in text[index + 1 : index + 21]
    opener = {v: k for k, v in pairs.items()}.get(ch)
    return opener is not None and opener in text[max(0, index - 20) : index]


def _is_stray(chars: Sequence[str], index: int) -> bool:
    """An ASCII character alone between two CJK characters (``方;钴``, ``钴S的``)."""
    if not 0 < index < len(chars) - 1:
        return False
    ch = chars[index]
    return (
        ch.isascii()
        and not ch.isspace()
        and _is_cjk(chars[index - 1])
        and _is_cjk(chars[index + 1])
    )


def _covered_by_word(simple: str, index: int, model: _Model) -> bool:
    """Whether the character at ``index`` is part of a 2-4 character dictionary word
    or name (``model.names``).

    Such a word lies within three characters either side, so the answer is kept by
    that stretch of text (a rare name is asked about wherever it recurs)."""
    low = max(0, index - 3)
    key = (simple[low : index + 4], index - low)
    found = model.covered.get(key)
    if found is None:
        if len(model.covered) > _COVERED_KEPT:
            model.covered.clear()
        found = model.covered[key] = _covered(key[0], key[1], model)
    return found


_COVERED_KEPT = 100_000


def _covered(simple: str, index: int, model: _Model) -> bool:
    # The words of two to four characters that begin at or up to three before
    # ``index`` and reach it (the scorer's window lookups, kept by the model).
    word_values, window_values, longest = model.word_values, model.window_values, model.longest
    names = model.names
    for begin in range(max(0, index - 3), index + 1):
        window = simple[begin : begin + longest]
        values = word_values.get(window)
        if values is None:
            values = window_values(window)
        for length, _ in values:
            if 2 <= length <= 4 and begin + length > index:
                return True
        for length in range(max(2, index - begin + 1), 5):
            if simple[begin : begin + length] in names:
                return True
    return False


def _clusters(flagged: list[int], gap: int = 3) -> list[tuple[int, int]]:
    """Group flagged indices at most ``gap`` apart into inclusive (first, last) spans."""
    spans: list[tuple[int, int]] = []
    for index in flagged:
        if spans and index - spans[-1][1] <= gap:
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((index, index))
    return spans
