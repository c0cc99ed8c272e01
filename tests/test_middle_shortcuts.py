"""The shortcuts of the middle cleaning stages (injected pinyin, punctuation widths,
segmentation and company spans) give the answers of the plain computation they
replace: each test computes both (the plain one copied here) and compares, on the
seeds, the fixtures and random text made to hit the edge cases."""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest

from tui.clean import pinyin, textnorm
from tui.clean.textnorm import is_cjk
from tui.lang import companies, segment
from tui.lang.segment import Segmenter
from tui.text import dictionary
from tui.text.han import is_han

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.is_file()
    )
    texts = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
    return texts


# -- injected pinyin -----------------------------------------------------------------


def _plain_remove_injected_pinyin(text: str) -> str:
    """remove_injected_pinyin before the shortcuts: the tail kept as it goes."""
    if not any(bracket in text for bracket in "(（[【"):
        return text
    out: list[str] = []
    tail = ""
    position = 0
    matches = list(pinyin._BRACKET.finditer(text))
    index = 0
    size = pinyin._TAIL
    while index < len(matches):
        match = matches[index]
        kept = text[position : match.start()]
        tail = (tail + kept)[-size:]
        out.append(kept)
        content = next(group for group in match.groups() if group is not None)
        syllables = pinyin._normalise.__wrapped__(content)
        if syllables is not None and _plain_matches_preceding(tail, syllables):
            position = match.end()
            index += 1
            continue
        run = _plain_run(matches, index, tail)
        if run:
            position = matches[index + run - 1].end()
            index += run
            continue
        out.append(match.group(0))
        tail = (tail + match.group(0))[-size:]
        position = match.end()
        index += 1
    out.append(text[position:])
    return "".join(out)


def _plain_run(matches: list[re.Match[str]], index: int, tail: str) -> int:
    syllables = ""
    for count in range(1, pinyin._MAX_RUN + 1):
        at = index + count - 1
        if at >= len(matches) or (count > 1 and matches[at].start() != matches[at - 1].end()):
            return 0
        content = next(group for group in matches[at].groups() if group is not None)
        part = pinyin._normalise.__wrapped__(content)
        if part is None:
            return 0
        syllables += part
        if count > 1 and _plain_matches_preceding(tail, syllables):
            return count
    return 0


def _plain_preceding_han(before: str) -> tuple[str, bool]:
    index = len(before)
    gap = 0
    while index and gap < pinyin._MAX_GAP:
        ch = before[index - 1]
        if not (ch.isascii() and (ch.isalnum() or ch == " ")):
            break
        index -= 1
        gap += 1
    end = index
    while index and is_han(before[index - 1]) and end - index < pinyin._MAX_CHARS + 2:
        index -= 1
    return before[index:end], gap > 0


def _plain_matches_preceding(before: str, syllables: str) -> bool:
    run, gap = _plain_preceding_han(before)
    if not run:
        return False
    for shift in range(pinyin._MAX_SHIFT + 1):
        end = len(run) - shift
        for size in range(1, min(pinyin._MAX_CHARS, end) + 1):
            if (shift or gap) and size < 2:
                continue
            if pinyin._spells(run[end - size : end], syllables):
                return True
    return False


_PIECES = [
    *"一年业業行的云微信千问创創",
    *"yīniánèdexíngháng",
    "yè",
    "(yè)",
    "(yī)",
    "(nián)",
    "（de）",
    "[de]",
    "【yè】",
    "(AI)",
    "(yinian)",
    "(yi1)",
    "(",
    ")",
    "（",
    "）",
    "[",
    "]",
    "【",
    "】",
    " ",
    "\t",
    "\n",
    "3",
    "ab",
    ":",
    "，",
    "髽I",
]


def _random_texts(seed: int, count: int, pieces: list[str], length: int = 30) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) for _ in range(rng.randint(1, length))) for _ in range(count)
    ]


def test_preceding_han_search_equals_the_character_walk() -> None:
    alphabet = [*"一年業行", *"ab9 ", "Z", "，", "(", "\n", "ā"]
    texts = _random_texts(1, 4000, alphabet, 30)
    texts += ["一" * 20, "一" * 20 + "abc", "一" * 20 + "abcd", "，ab", "", "abc", "一年 "]
    for text in texts:
        assert pinyin._preceding_han(text) == _plain_preceding_han(text), text


def test_pinyin_removal_equals_the_plain_walk() -> None:
    texts = _texts() + _random_texts(2, 3000, _PIECES)
    for text in texts:
        assert pinyin.remove_injected_pinyin(text) == _plain_remove_injected_pinyin(text)


def test_pinyin_removal_is_idempotent() -> None:
    """What ``remove_injected_pinyin_again`` relies on: a line the removal has been
    through, unchanged since, comes out of it the same."""
    for text in _texts() + _random_texts(3, 5000, _PIECES):
        once = pinyin.remove_injected_pinyin(text)
        assert pinyin.remove_injected_pinyin(once) == once, text


def test_pinyin_removal_decides_line_by_line() -> None:
    for text in _texts() + _random_texts(4, 2000, _PIECES, 60):
        lines = text.split("\n")
        assert pinyin.remove_injected_pinyin(text) == "\n".join(
            pinyin.remove_injected_pinyin(line) for line in lines
        )


def test_second_pinyin_pass_on_changed_lines_equals_a_whole_pass() -> None:
    rng = random.Random(5)
    cases = [("無論是創(chuàng)髽I(yè)公司\n业(yè)", "無論是創業(yè)公司\n业")]
    for text in _texts() + _random_texts(6, 2000, _PIECES, 60):
        before = pinyin.remove_injected_pinyin(text)
        lines = before.split("\n")
        for _ in range(3):  # a repair changes a few lines (and may add or drop one)
            at = rng.randrange(len(lines))
            change = rng.choice(["业(yè)", "(yè)", "一年(yīnián)", "", "X", "行\n(háng)"])
            lines[at] = lines[at][: len(lines[at]) // 2] + change + lines[at][len(lines[at]) // 2 :]
        cases.append((before, "\n".join(lines)))
    for raw, repaired in cases:
        before = pinyin.remove_injected_pinyin(raw)
        expected = pinyin.remove_injected_pinyin(repaired)
        assert pinyin.remove_injected_pinyin_again(before, repaired) == expected
    raw, repaired = cases[0]
    before = pinyin.remove_injected_pinyin(raw)
    assert before == "無論是創髽I(yè)公司\n业"
    assert pinyin.remove_injected_pinyin_again(before, repaired) == "無論是創業公司\n业"


# -- punctuation -----------------------------------------------------------------------


def _plain_punctuation_pass(line: str) -> str:
    """textnorm._punctuation_pass before the shortcuts: every character visited."""
    if not any(ch in line for ch in ',:;?!()"'):
        return line
    protected = textnorm._protected_positions(line)
    chars = list(line)
    converted: set[int] = set()
    for index, ch in enumerate(line):
        if (
            ch in textnorm._HALF_TO_FULL
            and index not in protected
            and textnorm._mark_converts(line, index)
        ):
            chars[index] = textnorm._HALF_TO_FULL[ch]
            converted.add(index)
    brackets: set[int] = set()
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for index, ch in enumerate(line):
        if index in protected:
            continue
        if ch == "(":
            stack.append(index)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), index))
    pairs = [(start, end) for start, end in pairs if not (start and line[start - 1] == "]")]
    for start, end in pairs:
        if textnorm._pair_converts(line, start, end):
            chars[start], chars[end] = "（", "）"
            brackets.update((start, end))
    padding: set[int] = set()
    quotes = [index for index, ch in enumerate(line) if ch == '"' and index not in protected]
    quote_pairs: list[tuple[int, int]] = []
    if not len(quotes) % 2:
        for start, end in zip(quotes[0::2], quotes[1::2], strict=True):
            content = line[start + 1 : end]
            padded = content[:1] == " " or content[-1:] == " "
            if padded and content.strip() and any(is_cjk(ch) for ch in content):
                quote_pairs.append((start, end))
    for start, end in quote_pairs:
        chars[start], chars[end] = "“", "”"
        brackets.update((start, end))
        padding.update(textnorm._inner_spaces(line, start, end))
    return textnorm._drop_spaces_around(chars, converted, brackets, padding)


def test_punctuation_pass_equals_a_visit_of_every_character() -> None:
    pieces = [*"中文ab12 ,:;?!()\"'`*]([", "http://x.y", "](url)", "“", "，", "  ", "!["]
    lines = [line for text in _texts() for line in text.split("\n")]
    lines += _random_texts(7, 6000, pieces, 25)
    for line in lines:
        assert textnorm._punctuation_pass(line) == _plain_punctuation_pass(line), line


# -- segmentation: blocks with digits cut by their shape ----------------------------------


def _plain_words(seg: Segmenter, text: str) -> list[str]:
    words: list[str] = []
    for number, block in enumerate(segment._BLOCK.split(text)):
        if block:
            words.extend(seg._cut_block(block) if number % 2 else segment._cut_between(block))
    return words


_NUMBERED = [
    "5S店和4S店",
    "4S店",
    "一号店1号店2号店",
    "理想L7与理想L6",
    "乐道L70乐道L60",
    "460集团与360集团",
    "坦克400坦克300",
    "营收达到1234亿元",
    "营收达到9876亿元",
    "同比增长12.5%至3.4亿",
    "2024年第3季度",
    "iPhone15发布",
    "GPT4o和GPT5",
]


@pytest.mark.parametrize("added", [(), ("阿里云", "理想L6", "360集团", "坦克300")])
def test_numbered_blocks_cut_as_the_block_itself(added: tuple[str, ...]) -> None:
    seg = Segmenter(dictionary.stock(), added)
    rng = random.Random(8)
    pieces = [*_NUMBERED, *"0123456789", "，", " ", "亿元", "店", "S", "L", "号"]
    texts = _NUMBERED + _random_texts(9, 1500, pieces, 8) + _texts()[:3]
    for text in texts:
        assert seg.words_of(text) == _plain_words(seg, text), text
    rng.shuffle(texts)
    for text in texts:  # other shapes cut first
        assert seg.words_of(text) == _plain_words(seg, text), text


def test_shared_segmenter_cuts_numbered_company_names_whole() -> None:
    seg = segment.segmenter()
    assert "360集团" in seg.words_of("据460集团消息，360集团发布")
    assert "4S店" in seg.words_of("5S店不是4S店")


def test_digit_words_are_bundled_and_current(jiedu_home: Path) -> None:
    from tui.text import data

    key = f"{dictionary.jieba_version()}:default"
    bundled = data.derived(segment._DIGIT_WORDS, key)
    assert bundled is not None, "tui/data/derived/segment_digit_words.json is stale"
    assert bundled["words"] == segment.digit_words(dictionary.stock())
    assert segment._dictionary_digit_words(dictionary.stock()) == bundled["words"]
    assert not (jiedu_home / "cache" / segment._DIGIT_WORDS).exists()


# -- company spans ------------------------------------------------------------------------


def _plain_word_spans(text: str, table: companies.CompanyTable) -> list[tuple[int, int, str]]:
    spans = []
    for word, end in zip(*segment.words_and_ends(text), strict=True):
        canonical = table.words.get(word)
        if (
            canonical is None
            and len(word) > 2
            and word not in table.shields
            and segment.has_cjk(word)
        ):
            canonical = companies._affixed_owner(word, table)
        if canonical is not None:
            spans.append((end - len(word), end, canonical))
    return spans


def _plain_list_spans(
    text: str, table: companies.CompanyTable, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    if not table.list_words:
        return spans
    words = sorted(table.list_words, key=len)[::-1]
    pattern = re.compile("|".join(re.escape(w) for w in words))
    join = companies._LIST_JOIN
    found = list(spans)
    for _ in range(3):
        added = False
        ends = {end for _, end, _ in found}
        starts = {start for start, _, _ in found}
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e, _ in found):
                continue
            before = re.search(f"{join}$", text[max(0, start - 5) : start])
            after = re.match(join, text[end : end + 5])
            joined_before = before is not None and (start - len(before.group())) in ends
            joined_after = after is not None and (end + len(after.group())) in starts
            if joined_before or joined_after:
                found.append((start, end, table.list_words[match.group()]))
                added = True
        if not added:
            break
        found.sort()
    return found


def _company_texts() -> list[str]:
    table = companies.company_table()
    names = sorted(table.words)[:400] + sorted(table.list_words)
    pieces = [*names, "、", "和", "与", " ", "，", "美国", "公司", "集团", "的", "www.qq.com", "1"]
    overlapping = [
        "蔚来、理想汽车和理想",
        "王者荣耀、荣耀和小米",
        "百川智能与百川、腾讯",
        "理想L6、理想",
    ]
    return overlapping + _texts() + _random_texts(10, 600, pieces, 20)


def test_company_word_spans_equal_a_lookup_of_every_word() -> None:
    table = companies.company_table()
    for text in _company_texts():
        assert companies._word_spans(text, table) == _plain_word_spans(text, table)


def test_company_list_spans_equal_a_test_against_every_span() -> None:
    table = companies.company_table()
    assert table.list_words
    for text in _company_texts():
        spans = companies._drop_overlaps(
            companies._word_spans(text, table) + companies._latin_spans(text, table)
        )
        spans = companies._outside_urls(text, spans)
        starts = [s for s, _, _ in spans]
        assert starts == sorted(starts)
        assert all(bisect.bisect_left(starts, s) == i for i, s in enumerate(starts))
        assert companies._list_spans(text, table, spans) == _plain_list_spans(text, table, spans)
