"""Figure extraction's shortcuts give what their plain spellings give.

Each test runs a faster form (a pattern opened by its character class, a match tried
only at candidate positions, a plan worked out once per word, an early return)
and the plain form it replaces, on the seeds and on random text over the
characters the patterns are written with, and compares the results.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from re import _parser

from tui.figures import clauses, company, metric, period, scan, tables, textview
from tui.figures.lexicon import alternation
from tui.figures.lexicon import lexicon as figures_lexicon
from tui.figures.textview import matching_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_ALPHABET = (
    "0123456789.,:;/-~ \n\t零〇一二两三四五六七八九十百千万亿兆数几第位个低中高分之折成倍级别元美"
    "，。；：！？!?”）)—、年月季度增长速hwtps[]^()@营收入利润AI云广告用户成本受带动因其它该公司"
    "行业阿里腾讯和与及以前者后"
)


def _seed_texts() -> list[str]:
    return [matching_text(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def _texts(count: int = 300, length: int = 300, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    randoms = ["".join(rng.choice(_ALPHABET) for _ in range(length)) for _ in range(count)]
    edges = [
        "",
        "五分之一，三折，七五折，8.5折，三成，2.5成，近7成，一成不变",
        "三位数增长，低两位数，个位数，百万级，10亿级，百亿级以上，百万元级别，两倍，数十亿美元",
        "1,000亿级，2.5 亿元级别，3 万美元级，12.5百万级，一百万级",
        "2024-05-17 10:03，9:30，12:45:01，2024/5，https://a.b/c，www.x.cn，[^1]，](u)",
        "1,120亿元，1,12，3.5%，.5，2.5.6，12,345,678元；比较：1:2，a,b",
        "——破折号—单个，逗号,后面,1,000",
    ]
    return [*_seed_texts(), *edges, *randoms]


def _keys(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def _written_scan_patterns() -> dict[str, re.Pattern[str]]:
    """The scan patterns as they were written before they were opened by their class."""
    lex = figures_lexicon()
    all_cn, digits = scan._CN_ALL, scan._CN_DIGIT
    mags = alternation(list(lex.magnitudes))
    return {
        "number": re.compile(rf"(?=\d)(?<![\d.]){scan._NUM}"),
        "blocked_without_email": re.compile(
            "|".join(
                [
                    r"https?://\S+",
                    r"www\.\S+",
                    r"\]\([^)\s]*\)",
                    r"\[\^[^\]]*\]",
                    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",
                    r"\d{4}/\d{1,2}(?!\d)",
                    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)",
                ]
            )
        ),
        "fraction": re.compile(
            rf"(?<![{all_cn}])(?P<d>[{digits[2:]}十千万]+)分之(?P<n>[{digits[2:]}十]+)"
        ),
        "discount": re.compile(
            rf"(?<![{all_cn}\d])(?P<n>[{digits[2:]}]{{1,2}}|\d(?:\.\d)?)折"
            r"(?!旧|叠|射|腾|服|返|算|合|扣|线|中|衷|磨|损|戟|页|纸)"
        ),
        "tenths": re.compile(
            rf"(?<![{all_cn}\d.])(?P<n>[{digits[3:]}]|[1-9](?:\.\d)?)成"
            rf"(?!{alternation(list(lex.tenths_false_friends))})"
        ),
        "order_cn": re.compile(
            rf"(?<![{all_cn}\d.])(?P<n>{scan._NUM} ?)?(?P<mag>{mags})(?P<cur>元|美元)?级(?:别)?"
        ),
        "multiple_cn": re.compile(rf"(?<![{all_cn}数几第])(?P<n>[{all_cn}]+)倍"),
    }


def test_scan_patterns_equal_their_written_spellings() -> None:
    pats = scan._patterns()
    written = _written_scan_patterns()
    runs = re.compile(rf"(?<![{scan._CN_ALL}数几第])(?P<n>[{scan._CN_ALL}]+)")
    vague = re.compile(
        r"(?<![位个两三四五六七八九])(?:数|几)(?P<mag>十万|百万|千万|十亿|百亿|千亿|万亿|十|百|千|万|亿)"
    )
    for m in _texts():
        for name in ("number", "blocked_without_email", "fraction", "discount", "tenths"):
            assert _keys(getattr(pats, name).finditer(m)) == _keys(written[name].finditer(m)), name
        assert _keys(pats.multiple_cn.finditer(m)) == _keys(written["multiple_cn"].finditer(m))
        assert _keys(scan._VAGUE.finditer(m)) == _keys(vague.finditer(m))
        # only the runs of numerals holding a magnitude character
        with_magnitude = [x for x in runs.finditer(m) if any(c in "百千万亿" for c in x.group())]
        assert _keys(pats.magnitude_cn.finditer(m)) == _keys(with_magnitude)
        for at in range(len(m) + 1):  # .match at a position, as _compound_tail uses it
            assert _keys(filter(None, [pats.number.match(m, at)])) == _keys(
                filter(None, [written["number"].match(m, at)])
            )


def test_matches_from_candidates_equal_finditer() -> None:
    pats = scan._patterns()
    written = _written_scan_patterns()
    for m in _texts():
        assert _keys(scan._matches_from(pats.order_cn, pats.order_cn_start, m)) == _keys(
            written["order_cn"].finditer(m)
        )
        assert _keys(scan._matches_from(pats.digit_count, pats.digit_count_start, m)) == _keys(
            pats.digit_count.finditer(m)
        )


def test_clause_patterns_equal_their_written_spellings() -> None:
    sentence_end = re.compile(r"[。！？!?]+[”’」』）)\"']*|\n")
    clause_end = re.compile(r"[，；;：]|——|—|(?<!\d),|,(?!\d)|(?<!\d):|:(?!\d)")
    for m in _texts():
        for fast, plain in (
            (clauses._SENTENCE_END, sentence_end),
            (clauses._CLAUSE_END, clause_end),
        ):
            assert _keys(fast.finditer(m)) == _keys(plain.finditer(m))
            assert _keys(fast.finditer(m, 1, len(m) - 1)) == _keys(plain.finditer(m, 1, len(m) - 1))


def _plain_find_metrics(m: str) -> list[metric.MetricHit]:
    """find_metrics before its per-word plans."""
    table = metric._triggers()

    def prefixes(word: str) -> list[str]:
        return [word[:i] for i in range(len(word), 0, -1)]

    def gap_end(head_end: int, tail: str) -> int | None:
        window = metric._GAP_STOP.split(m[head_end : head_end + metric._GAP_MAX + len(tail)], 1)[0]
        at = window.find(tail)
        return head_end + at + len(tail) if at >= 0 and at <= metric._GAP_MAX else None

    hits, pos = [], 0
    while (match := table.pattern.search(m, pos)) is not None:
        word, start = match.group(), match.start()
        latin = word[:1].isascii() and word[:1].isalpha()
        if latin and start > 0 and m[start - 1].isascii() and m[start - 1].isalpha():
            pos = start + 1
            continue
        if table.literal.get(word) == ("", ""):
            pos = match.end()
            continue
        best = None
        for head in prefixes(word):
            for tail, label, kind in table.gapped.get(head, ()):
                end = gap_end(start + len(head), tail)
                if end is not None and (best is None or end > best.end):
                    best = metric.MetricHit(start, end, label, kind)
        if best is None:
            literal = next((w for w in prefixes(word) if w in table.literal), None)
            if literal is not None:
                label, kind = table.literal[literal]
                best = metric.MetricHit(start, start + len(literal), label, kind)
        if best is None:
            pos = start + 1
            continue
        if best.label:
            hits.append(best)
        pos = best.end
    return hits


def test_find_metrics_equals_the_plain_search() -> None:
    table = metric._triggers()
    words = [
        *table.literal,
        *(head + "……" + tail for head in table.gapped for tail, *_ in table.gapped[head]),
        *table.gapped,  # a head without its tail
    ]
    rng = random.Random(3)
    texts = _texts(count=100)
    texts += ["，".join(rng.sample(words, 12)) + "AI相关收入AIX云音乐OpenAI" for _ in range(100)]
    for m in texts:
        assert metric.find_metrics(m) == _plain_find_metrics(m)


def test_metric_for_keeps_the_same_answer_with_remembered_causes() -> None:
    for m in _texts(count=30):
        hits = metric.find_metrics(m)
        causes: dict[metric.MetricHit, bool] = {}
        for start in range(0, len(m), 13):
            for unit_class in (None, "count", "money", "percent"):
                span = (max(0, start - 20), min(len(m), start + 20))
                remembered = metric.metric_for(
                    m, start, start + 3, span, 0, hits, unit_class, causes
                )
                assert remembered == metric.metric_for(
                    m, start, start + 3, span, 0, hits, unit_class
                )


def test_signs_are_normalised_as_by_translate() -> None:
    signs = [chr(code) for code in textview._FULL_WIDTH]
    for m in [*_texts(count=20), *(f"营收{c}亿" for c in signs), "".join(signs), "没有符号"]:
        assert textview.normalise_signs(m) == m.translate(textview._FULL_WIDTH)


def test_table_rows_found_without_slicing() -> None:
    lines = ["| a | b |", "  |x", "\u3000| y", "x | y", "", " ", "|", "\t\n|"]
    for m in [*lines, *_texts(count=30)]:
        for pos in range(len(m) + 1):
            start, end = tables._line_bounds(m, pos)
            assert bool(tables._ROW.match(m, start, end)) == tables._is_row(m[start:end])


def test_has_pronoun_equals_a_test_of_every_match() -> None:
    false_friends = company._pronoun_false_friends()

    def plain(m: str, start: int, end: int) -> bool:
        return any(
            x.group() not in false_friends for x in company._pronoun().finditer(m, start, end)
        )

    extra = "其中其它们尤其其" + "".join(false_friends) + "该公司它"
    for m in [*_texts(count=60), extra, extra[::-1]]:
        for start in range(0, len(m), 5):
            for end in (start + 3, start + 12, len(m)):
                assert company.has_pronoun(m, start, end) == plain(m, start, end)


def test_join_gap_bound_holds() -> None:
    """group_mentions does not try _JOIN on a gap longer than _JOIN_MAX."""
    assert _parser.parse(company._JOIN.pattern).getwidth()[1] <= company._JOIN_MAX


def test_clause_bounds_equal_the_last_break_found_by_finditer() -> None:
    def plain(m: str, start: int, end: int) -> tuple[int, int]:
        breaks = period._CLAUSE_BREAK.finditer(m, max(0, start - 60), start)
        left = max((b.end() for b in breaks), default=0)
        if left == 0 and start > 60:
            left = start - 60
        after = period._CLAUSE_BREAK.search(m, end, end + 60)
        return left, after.start() if after else min(len(m), end + 60)

    for m in _texts(count=60):
        for start in range(len(m)):
            assert period._clause_bounds(m, start, start + 2) == plain(m, start, start + 2)


def _plain_after_clause(
    subjects: company.Subjects,
    m: str,
    clause: tuple[int, int],
    groups: list[company.Group],
    generic_figure: bool,
) -> None:
    """Subjects.after_clause before its early returns."""
    clause_start, clause_end = clause
    for group in groups:
        if clause_start <= group.start < clause_end:
            subjects.listed = group.names if len(group.names) >= 2 else ()
    picked = subjects._former_or_latter(m, clause_start, clause_end)
    if picked and not any(clause_start <= g.start < clause_end for g in groups):
        subjects.carried = subjects.antecedent = picked
        return
    if generic_figure:
        subjects.carried = ()
        return
    opener_end = company.adverbial_opener(m, clause_start, clause_end)
    for group in groups:
        if not clause_start <= group.start < clause_end:
            continue
        if opener_end is not None and m[opener_end : group.start].strip(' “"「'):
            return
        if not company.is_object(m, clause_start, group):
            subjects.carried = subjects.antecedent = group.names
            return
        if opener_end is not None:
            return
    if company.opens_generic(m, clause_start, clause_end):
        subjects.carried = ()
    elif company.has_pronoun(m, clause_start, clause_end) and subjects.antecedent:
        subjects.carried = subjects.antecedent


def test_after_clause_equals_the_plain_update() -> None:
    states = [(), ("腾讯",), ("阿里巴巴", "腾讯")]
    texts = [
        *_seed_texts(),
        "阿里和腾讯的营收。前者增长，后者下降。其利润，行业规模，该公司",
        *_texts(30),
    ]
    for m in texts:
        mentions = company.mentions_in(m)
        groups = company.group_mentions(m, mentions)
        layout = clauses.segment(m)
        for clause in layout.clauses[:200]:
            span = (clause.start, clause.end)
            in_clause = [g for g in groups if clause.start <= g.start < clause.end]
            for carried in states:
                for antecedent in states:
                    for listed in states:
                        for generic in (False, True):
                            for named in (in_clause, []):
                                fast = company.Subjects(carried, antecedent, (), listed)
                                plain = company.Subjects(carried, antecedent, (), listed)
                                fast.after_clause(m, span, named, generic)
                                _plain_after_clause(plain, m, span, named, generic)
                                assert fast == plain


def _plain_segment(text: str) -> clauses.Layout:
    """segment with each sentence's clauses found by their own search."""
    layout = clauses.Layout(paragraphs=clauses.split_paragraphs(text))
    for p_index, paragraph in enumerate(layout.paragraphs):
        pieces = clauses._pieces(text, paragraph.start, paragraph.end, clauses._SENTENCE_END)
        for s_start, s_end in pieces:
            sentence = clauses.Sentence(
                s_start,
                s_end,
                index=len(layout.sentences),
                paragraph=p_index,
                continues=clauses.opens_continuation(text[s_start:s_end]),
            )
            layout.sentences.append(sentence)
            for c_start, c_end in clauses._pieces(text, s_start, s_end, clauses._CLAUSE_END):
                index = len(layout.clauses)
                layout.clauses.append(
                    clauses.Clause(c_start, c_end, index, sentence.index, p_index)
                )
    layout._clause_starts = [c.start for c in layout.clauses]
    return layout


def test_segment_equals_a_search_per_sentence() -> None:
    edges = ["，,：:——1,2\n3:4,\n\n,5", "a,\n1", "。,1", "——\n——", " , \n\n : 。", "1,\n\n2:"]
    for m in [*_texts(), *edges]:
        assert clauses.segment(m) == _plain_segment(m)
