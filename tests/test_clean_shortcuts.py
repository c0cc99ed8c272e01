"""The shortcuts that cut the cleaner's CPU per article give the answers of the
plain computation they replace: each test computes both and compares."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from tui.clean import lineforms
from tui.clean.lineforms import meta_form, meta_forms
from tui.clean.sites import required_han, site_rules
from tui.figures import clauses, company, scan
from tui.figures.lexicon import lexicon as figures_lexicon
from tui.figures.textview import aligned_simplified, matching_text
from tui.lang import tags
from tui.lang.segment import Segmenter, tokens, words_and_ends
from tui.text import dictionary, script
from tui.text.han import HAN_RE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


_ODD_LINES = [
    "",
    "  本文来源：  钛媒体  ",
    "騰訊（téng xùn）發布財報，ﬁle ㎡ １２３％",
    "\u0301开头是组合附加符号",
    "zero\u200bwidth\u3000全角空格\u00a0不换行",
    "Copyright © 2024 ChinaZ.com 版权所有",
    "文 | 钛媒体 王小川",
    "鈦媒體APP經授權發布",
]


# -- metadata: the lines' meta forms in one conversion ------------------------------


def test_meta_forms_equal_meta_form_line_by_line() -> None:
    for text in [*_seed_texts(), "\n".join(_ODD_LINES)]:
        lines = text.split("\n")
        assert meta_forms(lines) == [meta_form(line) for line in lines]
        assert meta_forms(lines) == [_fresh_meta_form(line) for line in lines]


def test_primed_normal_forms_equal_normal_form_line_by_line() -> None:
    for text in [*_seed_texts(), "\n".join(_ODD_LINES)]:
        lines = [f"{line} (primed)" for line in text.split("\n")]  # not cached before
        lineforms.prime_normal_forms(lines)
        assert all(line in lineforms._normal_forms for line in lines)
        assert [lineforms.normal_form(line) for line in lines] == [
            lineforms._normal(line) for line in lines
        ]
        # The meta forms kept on the way are those of meta_form, computed afresh.
        kept = [line for line in lines if line in lineforms._meta_forms]
        assert len(kept) >= len(lines) // 2
        assert [lineforms._meta_forms[line] for line in kept] == [
            _fresh_meta_form(line) for line in kept
        ]
        assert meta_forms(lines) == [_fresh_meta_form(line) for line in lines]


def _fresh_meta_form(line: str) -> str:
    text = script.to_simplified(lineforms.drop_pinyin_brackets(line))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def test_meta_forms_falls_back_when_a_line_end_appears(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were a conversion ever to add a line end, each line is converted on its own."""
    real = lineforms.script.to_simplified
    monkeypatch.setattr(lineforms.script, "to_simplified", lambda t: real(t).replace("腾", "腾\n"))
    lines = ["腾讯 (never primed)", "阿里 (never primed)"]
    assert meta_forms(lines) == [meta_form(line) for line in lines]


# -- sites: the Han text a pattern needs ---------------------------------------------


def test_required_han_is_the_longest_top_level_han_run() -> None:
    assert required_han(re.compile(r"(?P<name>[^,]{2,16})经授权(?:发布|转载)")) == "经授权"
    assert required_han(re.compile(r"^(?P<n>\w+)\s*版权所有", re.IGNORECASE)) == "版权所有"
    assert required_han(re.compile(r"(?<!未)授权\s*x")) == "授权"
    assert required_han(re.compile(r"本文\s*来源于")) == "来源于"  # runs do not join
    # Nothing that every match must hold: optional, alternatives, no Han at all.
    assert required_han(re.compile(r"(?:经授权)?x")) == ""
    assert required_han(re.compile(r"经授权|版权所有")) == ""
    assert required_han(re.compile(r"copyright \d+")) == ""


def test_every_site_pattern_match_holds_its_required_text() -> None:
    lines = [line for text in _seed_texts() for line in text.split("\n")] + _ODD_LINES
    forms = [meta_form(line) for line in lines]
    found = 0
    for _role, pattern, _max, _edge, needs in site_rules().patterns:
        for text in forms:
            match = pattern.search(text)
            if match:
                found += 1
                assert needs in text
    assert found  # the seeds do name their sources


# -- language: segmentation shortcuts, keyword counts ---------------------------------


def test_segmenter_start_entries_equal_whole_window_lookups() -> None:
    """Entries kept by a start of two characters or more equal a lookup of the window."""
    seg = Segmenter(dictionary.stock(), ["阿里云"])
    longest = seg.words.longest
    blocks = [
        "中华人民共和国国家发展和改革委员会发布通知",
        "中国移动通信集团有限公司",
        "阿里云计算有限公司首席执行官",
        "中华人民",  # ends inside a longer word
        "中",
    ]
    for _round in range(2):  # the second time from the kept starts
        for block in blocks:
            for start in range(len(block)):
                assert seg._entries(block, start) == seg._words_at(
                    block[start : start + longest]
                ), (block, start)


def test_words_and_ends_are_the_tokens() -> None:
    for text in [
        "腾讯控股2025年第一季度营收1800亿元，同比增长13%。\n\n阿里云 发布通义千问",
        "",
        *_seed_texts(),
    ]:
        words, ends = words_and_ends(text)
        assert [(w, e - len(w), e) for w, e in zip(words, ends, strict=True)] == tokens(text)
        assert "".join(words) == text


def test_keyword_counts_equal_a_count_word_by_word() -> None:
    for text in [script.to_simplified(t) for t in _seed_texts()]:
        plain: Counter[str] = Counter()
        for word, _start, _end in tokens(text):
            key = tags.keyword_of(word)
            if key is not None:
                plain[key] += 1
        counted = tags._keyword_counts(text)
        assert list(counted.items()) == list(plain.items())  # same order: first mention


# -- script counts --------------------------------------------------------------------


def _plain_script_counts(text: str) -> tuple[int, int]:
    counts = Counter(HAN_RE.findall(text))
    script._classify(set(counts))
    hant = sum(n for c, n in counts.items() if script._CHAR_SCRIPT[c][0])
    hans = sum(n for c, n in counts.items() if script._CHAR_SCRIPT[c][1])
    return hant, hans


def test_script_counts_equal_a_count_of_every_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(script, "_REBUILD_AT", 50)  # rebuilt several times on the way
    rng = random.Random(7)
    texts = _seed_texts()
    for _ in range(6):
        chars = [chr(rng.randint(0x3400, 0x9FFF)) for _ in range(300)]
        chars += [chr(rng.randint(0x20000, 0x2A000)) for _ in range(20)]  # above U+FFFF
        chars += ["\uf900", "a", "１", "。"]
        texts.append("".join(chars))
    texts += ["", "abc", "人工智能", "騰訊發布財報"]
    for text in texts:
        assert script.script_counts(text) == _plain_script_counts(text)


# -- figures: the matching text, blocked spans, currency signs, clauses ---------------


def test_matching_text_after_the_title_equals_its_own() -> None:
    for text in _seed_texts():
        title, _, body = text.partition("\n")
        assert aligned_simplified(body, title) == aligned_simplified(body)
        assert matching_text(body, title) == matching_text(body)


def test_blocked_spans_equal_the_whole_pattern() -> None:
    pattern = scan._patterns().blocked
    for text in [
        *_seed_texts(),
        "联系邮箱 ir@example.com，或访问 https://example.com/a，2024-05-17 10:03",
        "会议时间为10:30至11:45，详见 www.example.cn 与 [^1]",
    ]:
        m = matching_text(text)
        assert scan._blocked_spans(m) == [x.span() for x in pattern.finditer(m)]


def _plain_currency_prefix(m: str, start: int, lex: figures_lexicon) -> tuple[int, str] | None:  # type: ignore[valid-type]
    head = m[max(0, start - 5) : start]
    for symbol in lex.currency_prefixes:
        for candidate in (symbol, symbol + " "):
            if head.endswith(candidate):
                at = start - len(candidate)
                if symbol[0].isalpha() and at > 0 and m[at - 1].isascii() and m[at - 1].isalpha():
                    continue
                return at, lex.currency_prefixes[symbol]
    return None


def test_currency_prefix_equals_a_test_of_every_sign() -> None:
    lex = figures_lexicon()
    text = (
        "营收US$5亿，约¥7200元，RMB 100亿，HK$ 30，€12，£7，$8，ABCUSD 9，"
        "人民币 5亿，日元300，港元 20，美元 1，RMB100"
    )
    m = matching_text(text)
    for start in range(len(m) + 1):
        assert scan._currency_prefix(m, start, lex) == _plain_currency_prefix(m, start, lex)


def test_clause_pieces_equal_a_strip_of_every_piece() -> None:
    def plain(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        spans, position = [], start
        for match in pattern.finditer(text, start, end):
            if text[position : match.end()].strip():
                spans.append((position, match.end()))
            position = match.end()
        if text[position:end].strip():
            spans.append((position, end))
        return spans

    texts = [*_seed_texts(), "。\u3000。\u00a0，a。 \n。\t，", "  ", "。"]
    for m in texts:  # any whitespace, as str.strip sees it
        for pattern in (clauses._SENTENCE_END, clauses._CLAUSE_END):
            assert clauses._pieces(m, 0, len(m), pattern) == plain(m, 0, len(m), pattern)
            assert clauses._pieces(m, 1, len(m) - 1, pattern) == plain(m, 1, len(m) - 1, pattern)


def test_nfkc_keeps_line_ends() -> None:
    """``meta_forms`` relies on it: no character normalises to or across a line end."""
    text = "\n".join(_ODD_LINES)
    assert unicodedata.normalize("NFKC", text).count("\n") == text.count("\n")


def test_adverbial_opener_equals_a_test_of_every_opener() -> None:
    openers = figures_lexicon().adverbial_openers

    def plain(m: str, start: int, end: int) -> int | None:
        stripped = m[start:end].lstrip(' “"「')
        offset = end - start - len(stripped)
        for opener in openers:
            if stripped.startswith(opener):
                return start + offset + len(opener)
        return None

    texts = [*_seed_texts(), " “在阿里财报电话会上，「由于成本上升」，为了增长"]
    texts += [f"{q}{o}腾讯" for o in openers[:20] for q in ("", " ", "“", '「"')]
    for text in texts:
        m = matching_text(text)
        layout = clauses.segment(m)
        spans = [(c.start, c.end) for c in layout.clauses] + [(0, len(m)), (1, len(m))]
        for start, end in spans:
            assert company.adverbial_opener(m, start, end) == plain(m, start, end)


# -- periods: alternatives picked by their first character ----------------------------


def _match_keys(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def test_period_matches_equal_finditer_on_the_seeds_and_random_text() -> None:
    from tui.figures import period

    matcher = period._MATCHER
    texts = [matching_text(t) for t in _seed_texts()]
    # Random text over the characters the alternatives are written with: every
    # alternative gets tried at every kind of start, half-matches included.
    alphabet = sorted(
        {c for a in period._ALTERNATIVES for c in a if not c.isascii() or c.isalnum()}
        | set("0123456789 年月日季度QFH/-~至到，。")
    )
    rng = random.Random(11)
    texts += ["".join(rng.choice(alphabet) for _ in range(400)) for _ in range(300)]
    texts += ["", "年", "2025", "2025年第三季度", "25Q3 与 Q3 2025、FY2026Q2 和 2025/26财年"]
    for text in texts:
        assert _match_keys(matcher.matches(text)) == _match_keys(matcher.pattern.finditer(text))


def test_first_char_alternation_keeps_order_and_groups() -> None:
    from tui.text.firstchar import FirstCharAlternation

    alternation = FirstCharAlternation(
        [r"(?P<a>ab)", r"(?P<b>a)", r"(?P<c>\d+)x?", r"(?:(?P<d>q)|z)?y", r"(?i:(?P<e>b))"],
        "abqyzB0-9",
    )
    for text in ["ab a 12x qy y zy b B 7", "", "aab", "qqy"]:
        want = _match_keys(alternation.pattern.finditer(text))
        assert _match_keys(alternation.matches(text)) == want
    # Either case, with zero-width conditions before and after.
    words = FirstCharAlternation(
        ["kit", "sun", "ab"], "ksa", re.IGNORECASE, before="(?<![a-z])", after="(?![a-z])"
    )
    for text in ["Kit kit \u212ait \u017fun SUN xab ab abc AB", "kitsun", "ſun"]:
        want = _match_keys(words.pattern.finditer(text))
        assert _match_keys(words.matches(text)) == want


def test_latin_company_matcher_equals_finditer_on_random_text() -> None:
    """Either case, the Kelvin sign and the long s (which fold to k and s), digits and
    Han around the spellings: the matcher finds what the whole pattern finds."""
    from tui.lang.lexicon import company_table

    table = company_table()
    matcher = table.latin_any_case_matcher
    assert matcher is not None and table.latin_any_case is not None
    spellings = sorted(table.lookup)
    rng = random.Random(5)
    pieces = ["", " ", "-", "3", "x", "腾讯", "\u212a", "\u017f", "É", "。", "AI"]
    texts = [script.to_simplified(t) for t in _seed_texts()]
    for _ in range(300):
        parts = []
        for _ in range(12):
            word = rng.choice(spellings)
            word = "".join(c.upper() if rng.random() < 0.5 else c for c in word)
            parts += [rng.choice(pieces), word, rng.choice(pieces)]
        texts.append("".join(parts))
    for text in texts:
        want = [(m.span(), m.group()) for m in table.latin_any_case.finditer(text)]
        assert [(m.span(), m.group()) for m in matcher.matches(text)] == want
