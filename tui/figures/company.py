"""The company a figure is about: the subject of its clause, carried over.

Company mentions come from ``tui.lang.companies.company_spans`` (products
already resolve to their owner: 元宝 is 腾讯, 可灵 is 快手). Mentions joined by
、 / 和 / 与 / 及 form a list (腾讯、阿里; 微信、QQ、腾讯文档 is one company).

For a figure:

1. the nearest mention before it in the same clause wins, skipping objects
   (after 与, 对, 将, 超过 … ``object_markers``; not 据X透露, where the
   company reports its own figures) unless the figure stands in
   brackets right after it (增速超越了谷歌 GCP（30%）), and skipping a comparison
   base (价格仅为 GPT-4 Turbo 的近百分之一: not OpenAI's price). A list of several
   companies is collective and gives no company (腾讯、阿里、百度的研发投入均…),
   unless 分别 distributes it (see ``tui.figures.extract``);
2. without a mention before it, a clause naming a non-company subject
   (行业, 同行, 市场规模 … ``generic_subjects``) gives no company;
3. a pronoun before it (其, 它, 该公司) stands for the last named subject, even
   in an earlier paragraph;
4. otherwise the figure takes the subject carried over from earlier clauses,
   sentences and paragraphs (其年利润超过40亿美元 after a sentence about
   AppLovin). The article starts, and each heading restarts, with the article's
   dominant company (``dominant_share`` of all mentions) or with none.

After each clause the carried subject becomes its first mention that is not an
object; in an adverbial clause (在…上, 由…构成, 为了…: ``adverbial_openers``)
only a mention right after the opener counts (在阿里财报电话会上). A clause that
opens with a generic subject (大厂, 行业 …) or whose figure went to one clears it;
a clause that uses a pronoun passes its antecedent on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tui.figures.lexicon import alternation, lexicon
from tui.lang import companies

_JOIN = re.compile(r" ?(?:、|和|与|及|以及|跟|同|/) ?")
_JOIN_MAX = 4  # the longest _JOIN: " 以及 "
_BASE_AFTER = re.compile(r"[\w .+-]{0,12}?的 ?")
_BASE_BEFORE = ("是", "为", "于", "比", "较", "过", "越", "相当于")
_BRACKETED = re.compile(r" ?[（(]")


@dataclass(frozen=True)
class Group:
    """One company mention, or several joined into a list."""

    start: int
    end: int
    names: tuple[str, ...]  # distinct canonical names, in text order


def mentions_in(simplified: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of company mentions in the Simplified text."""
    return companies.company_spans(simplified)


def group_mentions(m: str, mentions: list[tuple[int, int, str]]) -> list[Group]:
    """Join mentions separated only by 、/和/与/及 into lists."""
    groups: list[Group] = []
    for start, end, name in mentions:
        # _JOIN is at most four characters long: a longer gap is not sliced
        if (
            groups
            and start - groups[-1].end <= _JOIN_MAX
            and _JOIN.fullmatch(m[groups[-1].end : start])
        ):
            last = groups[-1]
            names = last.names if name in last.names else (*last.names, name)
            groups[-1] = Group(last.start, end, names)
        else:
            groups.append(Group(start, end, (name,)))
    return groups


def dominant_company(groups: list[Group]) -> tuple[str, ...]:
    """The company holding ``dominant_share`` of the mentions (at least three), else none."""
    counts: dict[str, int] = {}
    for group in groups:
        for name in group.names:
            counts[name] = counts.get(name, 0) + 1
    total = sum(counts.values())
    if total < 3:
        return ()
    name, count = max(counts.items(), key=lambda item: item[1])
    return (name,) if count >= lexicon().dominant_share * total else ()


@lru_cache(maxsize=1)
def _generic() -> re.Pattern[str]:
    """A generic subject, unless it only qualifies the company's own measure
    (全球市场份额, 行业排名第一: the market is where the company's share is)."""
    lex = lexicon()
    qualifiers = alternation(list(lex.generic_qualified))
    return re.compile(f"(?:{alternation(list(lex.generic_subjects))})(?!的? ?(?:{qualifiers}))")


@lru_cache(maxsize=1)
def _pronoun() -> re.Pattern[str]:
    lex = lexicon()
    return re.compile(alternation([*lex.pronoun_false_friends, *lex.pronouns]))


def names_generic(m: str, start: int, end: int) -> bool:
    """The stretch names a non-company subject (行业, 同行, 市场规模 …)."""
    return _generic().search(m, start, end) is not None


@lru_cache(maxsize=1)
def _pronoun_false_friends() -> frozenset[str]:
    return frozenset(lexicon().pronoun_false_friends)


def has_pronoun(m: str, start: int, end: int) -> bool:
    """The stretch holds 其 / 它 / 该公司 (not 其中, 尤其, 它们 …)."""
    false_friends = _pronoun_false_friends()
    search = _pronoun().search
    while True:  # the matches finditer gives, the first that is not a false friend
        match = search(m, start, end)
        if match is None:
            return False
        if match.group() not in false_friends:
            return True
        start = match.end()


@lru_cache(maxsize=1)
def _object_before() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(list(lexicon().object_markers))})$")


def is_object(m: str, clause_start: int, group: Group) -> bool:
    """The mention follows 与 / 对 / 将 / 超过 / 据 …: an object, not the subject.

    A company that is the source of its own news (据特斯拉透露, 根据小米财报) is the
    subject of what follows, not an object.
    """
    before = m[max(clause_start, group.start - 6) : group.start].rstrip(" 了的")
    found = _object_before().search(before)
    if found is None:
        return False
    lex = lexicon()
    if found.group() in lex.source_markers:
        after = m[group.end : group.end + 8].lstrip(" 的")
        return not after.startswith(lex.source_verbs)
    return True


def adverbial_opener(m: str, clause_start: int, clause_end: int) -> int | None:
    """End offset of the opener when the clause is an adverbial phrase (在…上, 由…, 为了…)."""
    # The first opener (in the lexicon's order) after the quotes and spaces, as a
    # loop over the openers with startswith would find it.
    found = _adverbial().match(m, clause_start, clause_end)
    return found.end() if found else None


@lru_cache(maxsize=1)
def _adverbial() -> re.Pattern[str]:
    openers = lexicon().adverbial_openers
    alternatives = "|".join(re.escape(o) for o in openers)
    # Possessive: the quotes and spaces are all skipped first, as str.lstrip skips them.
    return re.compile(f'[ “"「]*+(?:{alternatives})' if openers else "(?!)")


def opens_generic(m: str, clause_start: int, clause_end: int) -> bool:
    """A generic subject (大厂, 行业 …) within the first characters of the clause."""
    match = _generic().search(m, clause_start, min(clause_end, clause_start + 8))
    return match is not None


def is_comparison_base(m: str, group: Group, figure_start: int) -> bool:
    """是 / 仅为 X 的 FIGURE: X is what the figure is compared with."""
    if not _BASE_AFTER.fullmatch(m[group.end : figure_start]):
        return False
    before = m[max(0, group.start - 4) : group.start].rstrip(" ")
    return before.endswith(_BASE_BEFORE)


def nearest_group(
    m: str, clause_start: int, groups: list[Group], figure_start: int
) -> Group | None:
    """The closest mention before the figure in its clause that can be its subject."""
    for group in reversed(groups):
        if group.end > figure_start or group.start < clause_start:
            continue
        if is_comparison_base(m, group, figure_start):
            continue
        bracketed = _BRACKETED.fullmatch(m[group.end : figure_start]) is not None
        if is_object(m, clause_start, group) and not bracketed:
            continue
        return group
    return None


@dataclass
class Subjects:
    """The running state: the carried subject and the antecedent of pronouns."""

    carried: tuple[str, ...] = ()
    antecedent: tuple[str, ...] = ()
    dominant: tuple[str, ...] = ()
    listed: tuple[str, ...] = ()  # the last list of several companies (for 前者 / 后者)

    def new_section(self) -> None:
        """The start of the article or a heading: back to the dominant company."""
        self.carried = self.dominant
        self.listed = ()

    def names_for(
        self, m: str, clause: tuple[int, int], groups: list[Group], figure_start: int
    ) -> tuple[str, ...]:
        """The company names a figure refers to (one, several for a list, or none)."""
        clause_start, _ = clause
        if any(w in m[clause_start:figure_start] for w in lexicon().neutral_subjects):
            return ()  # 以汇率1美元兑30.6元新台币计算: a market rate, nobody's figure
        group = nearest_group(m, clause_start, groups, figure_start)
        if group is not None:
            return group.names
        picked = self._former_or_latter(m, clause_start, figure_start)
        if picked:
            return picked
        if names_generic(m, clause_start, figure_start):
            return ()
        if has_pronoun(m, clause_start, figure_start) and self.antecedent:
            return self.antecedent
        return self.carried

    def _former_or_latter(self, m: str, start: int, end: int) -> tuple[str, ...]:
        """前者 / 后者: the first or last company of the list named last (阿里和腾讯…。前者…)."""
        listed = self.listed
        if len(listed) < 2:
            return ()
        stretch = m[start:end]
        for word, place in lexicon().list_pronouns.items():
            if word in stretch:
                return (listed[0],) if place == "first" else (listed[-1],)
        return ()

    def after_clause(
        self, m: str, clause: tuple[int, int], groups: list[Group], generic_figure: bool
    ) -> None:
        """Update the carried subject with what the clause names."""
        if not groups and not self.carried and not self.antecedent and len(self.listed) < 2:
            return  # nothing named, nothing to carry on, no list for 前者 / 后者 (see below)
        clause_start, clause_end = clause
        for group in groups:
            if clause_start <= group.start < clause_end:
                # a single company named after the list: 前者 / 后者 no longer point into it
                self.listed = group.names if len(group.names) >= 2 else ()
        picked = self._former_or_latter(m, clause_start, clause_end)
        if picked and not any(clause_start <= g.start < clause_end for g in groups):
            self.carried = self.antecedent = picked
            return
        if generic_figure:
            self.carried = ()
            return
        if not groups and not self.carried and not self.antecedent:
            # nothing named: only an opening generic subject or a pronoun can change
            # what is carried, and neither can when nothing is carried nor an antecedent
            return
        opener_end = adverbial_opener(m, clause_start, clause_end) if groups else None
        for group in groups:
            if not clause_start <= group.start < clause_end:
                continue
            if opener_end is not None and m[opener_end : group.start].strip(' “"「'):
                return  # inside an adverbial phrase: not the subject
            if not is_object(m, clause_start, group):
                self.carried = self.antecedent = group.names
                return
            if opener_end is not None:
                return
        if opens_generic(m, clause_start, clause_end):
            self.carried = ()
        elif has_pronoun(m, clause_start, clause_end) and self.antecedent:
            self.carried = self.antecedent


def single(names: tuple[str, ...]) -> str | None:
    """The company when the names are exactly one, else None (collective or unknown)."""
    return names[0] if len(names) == 1 else None
