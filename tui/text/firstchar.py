"""A regex alternation tried only with the alternatives that can start at a position.

``(?=[X])(?:A1|A2|…)`` run with ``finditer`` tries every alternative at every position
whose character is in ``X``: with twenty alternatives and a thousand such positions
in an article, most of the time goes to alternatives that cannot start with that
character (``本季度`` tried at a digit). ``FirstCharAlternation`` works out, from
the standard library's parse of each alternative, the characters of ``X`` it can
start with, and compiles for each character the alternatives that can, in their
order. At a position the first of those that matches is the first of all that
matches (the others fail on their first character), so the matches are those of
``finditer`` on the whole pattern: same spans, same groups (every sub-pattern
defines all the group names; an unused one is None).

The start sets are over-approximated when in doubt (an alternative whose start
cannot be read is tried everywhere), never under: a test compares the matches with
``finditer`` on real and random text.
"""

from __future__ import annotations

import re
from re import _parser  # the standard library's own regex parser

_ZERO_WIDTH = (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT)
_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT)


def _class_members(items: list, candidates: frozenset[str]) -> set[str] | None:
    """The candidates a character class matches, or None when it cannot be read."""
    negate = False
    members: set[str] = set()
    for op, av in items:
        if op is _parser.NEGATE:
            negate = True
        elif op is _parser.LITERAL:
            members.add(chr(av))
        elif op is _parser.RANGE:
            members.update(c for c in candidates if av[0] <= ord(c) <= av[1])
        elif op is _parser.CATEGORY and av is _parser.CATEGORY_DIGIT:
            members.update(c for c in candidates if c.isdecimal())  # \d on str
        else:
            return None
    return set(candidates - members) if negate else members & candidates


def _literal_starts(code: int, candidates: frozenset[str], ignorecase: bool) -> set[str]:
    """The candidates a literal character matches (in either case: as the regex engine
    itself decides, special foldings such as the Kelvin sign included)."""
    char = chr(code)
    if not ignorecase:
        return {char} & candidates
    key = (code, candidates)
    found = _FOLDED.get(key)
    if found is None:
        pattern = re.compile(re.escape(char), re.IGNORECASE)
        found = _FOLDED[key] = {c for c in candidates if pattern.fullmatch(c)}
    return found


_FOLDED: dict[tuple[int, frozenset[str]], set[str]] = {}


def _first(
    items: list, candidates: frozenset[str], ignorecase: bool = False
) -> tuple[set[str] | None, bool]:
    """(the candidates a sequence can start with or None for any, whether it can be empty)."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the next item starts the match
        if op is _parser.LITERAL:
            return out | _literal_starts(av, candidates, ignorecase), False
        if op is _parser.IN:
            members = None if ignorecase else _class_members(av, candidates)
            return (None if members is None else out | members), False
        if op is _parser.SUBPATTERN:
            _group, add_flags, del_flags, sub_items = av
            inner = (ignorecase or bool(add_flags & re.IGNORECASE)) and not (
                del_flags & re.IGNORECASE
            )
            found, empty = _first(list(sub_items), candidates, inner)
        elif op is _parser.ATOMIC_GROUP:
            found, empty = _first(list(av), candidates, ignorecase)
        elif op is _parser.BRANCH:
            found, empty = set(), False
            for branch in av[1]:
                sub, sub_empty = _first(list(branch), candidates, ignorecase)
                if sub is None:
                    return None, False
                found |= sub
                empty = empty or sub_empty
        elif op in _REPEATS:
            low, _high, sub_items = av
            found, empty = _first(list(sub_items), candidates, ignorecase)
            empty = empty or low == 0
        else:
            return None, False  # anything else: it may start with any character
        if found is None:
            return None, False
        out |= found
        if not empty:
            return out, False
    return out, True


class FirstCharAlternation:
    """``before(?=[first_chars])(?:alternatives…)after`` with its alternatives picked
    by the character they start at (see the module docstring). ``before`` and
    ``after`` are zero-width (a lookbehind before, a lookahead after)."""

    def __init__(
        self,
        alternatives: list[str],
        first_chars: str,
        flags: int = 0,
        *,
        before: str = "",
        after: str = "",
    ) -> None:
        self.pattern = re.compile(
            f"{before}(?=[{first_chars}])(?:{'|'.join(alternatives)}){after}", flags
        )
        self._first = re.compile(f"{before}[{first_chars}]", flags)
        self._class = re.compile(f"[{first_chars}]", flags)
        self._after = after
        self._flags = flags
        self._alternatives = alternatives
        self._by_char: dict[str, tuple[int, ...]] | None = None
        self._patterns: dict[tuple[int, ...], re.Pattern[str]] = {}

    def _build(self) -> dict[str, tuple[int, ...]]:
        """For each start character, the alternatives that can start with it."""
        written = {chr(code) for code in range(0x30, 0x3A)} | set(self._class.pattern)
        if self._flags & re.IGNORECASE:
            written |= {c.upper() for c in written} | {c.lower() for c in written}
        candidates = frozenset(c for c in written if len(c) == 1 and self._class.fullmatch(c))
        starts: list[set[str] | None] = []
        for alternative in self._alternatives:
            parsed = _parser.parse(alternative, self._flags)
            ignorecase = bool(parsed.state.flags & re.IGNORECASE)
            found, empty = _first(list(parsed), candidates, ignorecase)
            starts.append(None if found is None or empty else found)
        self._by_char = {
            char: tuple(i for i, s in enumerate(starts) if s is None or char in s)
            for char in candidates
        }
        return self._by_char

    def _compiled(self, picked: tuple[int, ...]) -> re.Pattern[str]:
        """The alternatives ``picked`` as one pattern, compiled when first needed (a
        short text needs a few of them), with the other alternatives' group names
        defined by a branch that never matches."""
        found = self._patterns.get(picked)
        if found is None:
            body = "|".join(self._alternatives[i] for i in picked)
            own = re.compile(f"(?:{body})", self._flags).groupindex if picked else {}
            unused = "".join(f"(?P<{name}>)" for name in self.pattern.groupindex if name not in own)
            parts = [body] if picked else []
            if unused or not picked:
                parts.append(f"(?!){unused}")
            found = self._patterns[picked] = re.compile(
                f"(?:{'|'.join(parts)}){self._after}", self._flags
            )
        return found

    def matches(self, text: str) -> list[re.Match[str]]:
        """``list(self.pattern.finditer(text))``: the same spans and groups."""
        by_char = self._by_char or self._build()
        patterns = self._patterns
        search = self._first.search
        found: list[re.Match[str]] = []
        pos = 0
        while True:
            candidate = search(text, pos)
            if candidate is None:
                return found
            start = candidate.start()
            picked = by_char.get(text[start])
            if picked is None:  # a character the class matches that was not foreseen
                return list(self.pattern.finditer(text))
            sub = patterns.get(picked) or self._compiled(picked)
            match = sub.match(text, start)
            if match is None:
                pos = start + 1
                continue
            if match.end() == start:  # an empty match: leave finditer's rules to it
                return list(self.pattern.finditer(text))
            found.append(match)
            pos = match.end()
