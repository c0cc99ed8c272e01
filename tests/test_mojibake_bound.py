"""The bound that lets the mojibake search skip scoring edits (``mojibake/bound.py``)
and the shortcuts of the suspect scan: each must give exactly what the full
computation gives, on clean and on damaged text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tui.clean.mojibake import bound, gbk, model, reread, suspects
from tui.text import dictionary
from tui.text.markers import MARK_OPEN

_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)

_SENTENCES = [
    "阿里巴巴集团首席执行官吴泳铭表示，公司将继续投入人工智能。",
    "腾讯总裁刘炽平表示，磷酸铁锂电池的出货量同比增长15%。",
    "后，通义App大幅度改版，属于toC用户入口，今年6月月活用户超过8000万。",
    "證券時報e公司訊，增值服務業務(游戲)為核心，讓老遊戲煥新。",
    "分析师郭明錤预测，小米SU7累计交付量已突破10万辆（2025/6/17）。",
    "她说：“我们的A股和H股都涨了。”[^1] 新浪财经_新浪网",
    "以骁龙8 Gen 3为例，36氪获悉，壁仞科技、沐曦等公司相继完成融资。",
]
_PIECES = [
    *_SENTENCES,
    *"的了是在和有我们中国市场价值规模化業價值規",
    *"泳铭錤炽仞曦镓琦氪骁鑫屠",
    *"，。、；：？！「」（）《》“”…—",
    *"abcxyzAIAPPSU75G2025 ,.;:!?()[]{}_^@|~-/%",
    "\ufffd",
    "\ue1d6",
    "(yè)",
    "?yàn)",
]
_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join)


def _damaged(draw: st.DrawFn) -> str:
    """Text with one byte lost, gained, or stripped of its high bit, or a lead byte
    turned into ``?``, decoded again as GBK."""
    text = draw(_TEXT)
    data = bytearray(text.encode("gb18030", errors="replace"))
    if not data:
        return text
    at = draw(st.integers(0, len(data) - 1))
    kind = draw(st.sampled_from(["none", "delete", "insert", "highbit", "question"]))
    if kind == "delete":
        del data[at]
    elif kind == "insert":
        data.insert(at, draw(st.integers(0x81, 0xFE)))
    elif kind == "highbit":
        data[at] &= 0x7F
    elif kind == "question" and data[at] >= 0x81:
        data[at] = 0x3F
    return data.decode("gb18030", errors="replace")


_DAMAGED = st.composite(_damaged)()


def _edits_of(text: str) -> list[tuple[gbk._Segment, gbk._Edit]]:
    mdl = model._model()
    chars = list(text)
    segment = gbk._Segment.build(chars, mdl)
    found = []
    for span in suspects._clusters(segment.suspects(mdl)):
        for edit in gbk._edits(segment, span, mdl):
            found.append((segment, edit))
    return found


# ------------------------------------------------------------------------ the bound


@_SETTINGS
@given(_TEXT, st.data())
def test_score_bound_is_an_upper_bound(text: str, data: st.DataObject) -> None:
    """Any cut of a text into left + new + right: the bound is at least the score."""
    mdl = model._model()
    simple = mdl.simplified(text) + data.draw(st.sampled_from(["", model._END]))
    a = data.draw(st.integers(0, len(simple)))
    b = data.draw(st.integers(a, len(simple)))
    left, new, right = simple[:a], simple[a:b], simple[b:]
    assert bound.score_bound(left, new, right, mdl) >= model._score(simple, mdl)


@_SETTINGS
@given(_DAMAGED)
def test_pruned_edits_could_not_have_been_taken(text: str) -> None:
    """Every edit ``_cannot_gain`` rules out reads, scored in full, as None or gains
    at most the floor (None whenever it has an unknown byte); every edit it keeps
    walks the same way read through ``_tail`` as in one piece."""
    mdl = model._model()
    for segment, edit in _edits_of(text):
        first = max(0, segment.char_at(edit.pos) - model._CONTEXT_UNITS)
        for cap in (model._WALK_CAP, None):
            units, stop, _ = gbk._walk(segment, segment.starts[first], edit, cap)
            wild = gbk._decode_units(units, mdl)[1]
            head, head_stop, old_end = gbk._walk(
                segment, segment.starts[first], edit, cap, head_only=True
            )
            if head_stop == gbk._TAIL:
                tail = gbk._tail(segment, old_end, mdl)
                if tail is not gbk._LONG and (cap is None or len(head) + tail.units <= cap):
                    assert (len(head) + tail.units, tail.stop) == (len(units), stop)
                    assert len(gbk._decode_units(head, mdl)[1]) + tail.wild == len(wild)
            else:
                assert (head, head_stop) == (units, stop)
            exact = gbk._evaluate(segment, edit, mdl, cap)
            for floor in (model.MARGIN, model.MARGIN + 20.0):
                if gbk._cannot_gain(segment, edit, first, mdl, cap, floor):
                    assert exact is None or (not wild and exact.gain <= floor)


def test_edits_of_a_rare_name_in_clean_text_are_not_scored() -> None:
    """The cluster around 泳 of 吴泳铭 (a rare character no word covers) is searched,
    and the bound rules out every edit of it without scoring the reading."""
    mdl = model._model()
    text = "阿里巴巴集团首席执行官吴泳铭表示，公司将继续投入人工智能。"
    pairs = _edits_of(text)
    assert len(pairs) >= 15
    for segment, edit in pairs:
        first = max(0, segment.char_at(edit.pos) - model._CONTEXT_UNITS)
        assert gbk._cannot_gain(segment, edit, first, mdl, model._WALK_CAP, model.MARGIN)
        assert gbk._evaluate(segment, edit, mdl, floor=model.MARGIN) is None


def test_links_table_is_bundled_and_current(jiedu_home: Path) -> None:
    """The table ships with jiedu (no second of building it at first use) and is
    what the installed jieba's dictionary gives."""
    from tui.text import data

    stored = data.derived(bound._TABLE, bound._key())
    assert stored is not None, f"tui/data/derived/{bound._TABLE} is stale: regenerate it"
    fresh = bound.compute_links(dictionary.stock())
    assert stored["per_char"] == fresh.per_char
    assert stored["follows"] == fresh.follows
    assert not (jiedu_home / "cache" / bound._TABLE).exists()


# --------------------------------------------------------------------- suspect scan

_COMMONEST = st.deferred(
    lambda: st.sampled_from(
        sorted(model._model().char_logp, key=lambda ch: -model._model().char_logp[ch])[:4000]
    )
)
_OLD_TRAIL_SYMBOL_NEAR_CJK = re.compile(
    rf"[{model._TRAIL_SYMBOL_CLASS}](?=[{model._CJK_CLASS}])"
    rf"|(?<=[{model._CJK_CLASS}])[{model._TRAIL_SYMBOL_CLASS}]"
)


@_SETTINGS
@given(st.one_of(_TEXT, _DAMAGED, st.text(max_size=40), st.text(_COMMONEST, max_size=40)))
def test_suspect_scan_shortcuts_match_the_plain_patterns(text: str) -> None:
    mdl = model._model()
    spans = [m.span() for m in model._TRAIL_SYMBOL_NEAR_CJK.finditer(text)]
    assert spans == [m.span() for m in _OLD_TRAIL_SYMBOL_NEAR_CJK.finditer(text)]
    runs = [
        m.span()
        for m in mdl.punct.ascii_before_hanzi.finditer(text)
        if not m.start() or mdl.punct.hanzi.match(text, m.start() - 1)
    ]
    assert runs == [m.span() for m in mdl.punct.short_ascii_run.finditer(text)]
    simple = mdl.simplified(text)
    for index in range(len(simple)):
        assert suspects._covered_by_word(simple, index, mdl) == suspects._covered(
            simple, index, mdl
        )
    assert suspects._suspects(text, None, mdl) == suspects._suspects(list(text), simple, mdl)
    odd = [
        (index, mdl.kind(ch))
        for index, ch in enumerate(text)
        if model._NOT_PLAIN.match(ch) and mdl.kind(ch) != model._FINE
    ]
    assert sorted(suspects._odd_positions(text, mdl)) == odd


def _reread_in_full(line: str, mdl: model._Model) -> str | None:
    """``reread._reread`` without its shortcut: every re-reading decoded in full."""
    if MARK_OPEN in line:
        return None
    has_cjk = any(model._is_cjk(ch) for ch in line)
    has_latin1 = sum(1 for ch in line if "\x80" <= ch <= "\xff") >= model._REREAD_MIN_CJK
    for wrong, right in reread._REREADINGS:
        if (wrong == "gb18030" and not has_cjk) or (wrong != "gb18030" and not has_latin1):
            continue
        again = reread._decode_again(line, wrong, right)
        if again is not None and reread._reread_is_better(line, again, mdl):
            return again
    return None


def _misread(draw: st.DrawFn) -> str:
    """Text, or text written in one codec and read in another (with bytes lost)."""
    text = draw(st.one_of(_TEXT, _DAMAGED))
    written, read = draw(
        st.sampled_from([("", ""), ("utf-8", "gb18030"), ("utf-8", "cp1252"), ("gbk", "latin-1")])
    )
    if not written:
        return text
    data = bytearray(text.encode(written, errors="replace"))
    for _ in range(draw(st.integers(0, 2))):
        if data:
            del data[draw(st.integers(0, len(data) - 1))]
    return data.decode(read, errors="replace")


@_SETTINGS
@given(st.composite(_misread)())
def test_reread_shortcut_gives_the_full_answer(line: str) -> None:
    mdl = model._model()
    found = reread._reread(line, mdl)
    assert found == _reread_in_full(line, mdl)
    event(f"re-read: {found is not None}")


# ------------------------------------------------------------- the walk's shortcuts


def _walk_in_full(
    segment: gbk._Segment, begin: int, edit: gbk._Edit, cap: int | None, head_only: bool
) -> tuple[list[tuple[int, ...]], int | None, int]:
    """``gbk._walk`` as it was first written: the whole edited segment copied and
    read from ``begin`` with ``_unit_length``."""
    data = segment.data
    shift = len(edit.insert) - edit.drop
    edited_end = edit.pos + len(edit.insert)
    new = data[: edit.pos] + list(edit.insert) + data[edit.pos + edit.drop :]
    units: list[tuple[int, ...]] = []
    index = begin
    settled = edit.pos + max(edit.drop, 1)
    most = len(new) + 1 if cap is None else cap
    while index < len(new) and len(units) < most:
        length = gbk._unit_length(new, index)
        if length == 1 and index >= edit.pos and gbk._lost_trail(new, index):
            units.append((new[index], model.WILD))
            length = gbk._remnant_end(new, index + 2) - index
        else:
            units.append(tuple(new[index : index + length]))
        index += length
        old_index = index - shift
        if index >= edited_end:
            if old_index >= settled and old_index in segment.bounds:
                return units, segment.bounds[old_index], old_index
            if head_only and index < len(new):
                return units, gbk._TAIL, old_index
    if index >= len(new):
        return units, len(segment.chars), len(data)
    return units, None, index - shift


@_SETTINGS
@given(st.one_of(_DAMAGED, _TEXT.map(lambda t: t + "?xún)r(jià)值")))
def test_walk_reads_what_the_whole_edited_segment_reads(text: str) -> None:
    """The walk copies only the bytes it can reach; it reads what a walk over the
    whole edited segment reads, from every start, capped or not."""
    mdl = model._model()
    for segment, edit in _edits_of(text):
        at = segment.char_at(edit.pos)
        for first in {max(0, at - model._CONTEXT_UNITS), at}:
            begin = segment.starts[first]
            for cap in (None, model._WALK_CAP, 2):
                for head_only in (False, True):
                    assert gbk._walk(segment, begin, edit, cap, head_only) == _walk_in_full(
                        segment, begin, edit, cap, head_only
                    )
    assert mdl is not None


@_SETTINGS
@given(_DAMAGED)
def test_plain_segments_bound_as_walked_from_the_context(text: str) -> None:
    """In a plain segment (ASCII and two-byte characters) ``_cannot_gain`` starts the
    walk at the edited character: the answer is the one the walk from the start of
    the context gives, for every edit and floor."""
    mdl = model._model()
    for segment, edit in _edits_of(text):
        if not segment.plain:
            continue
        first = max(0, segment.char_at(edit.pos) - model._CONTEXT_UNITS)
        skipped = gbk._skippable(segment, edit, first)
        starts, data = segment.starts, segment.data
        old_units = [tuple(data[starts[i] : starts[i + 1]]) for i in range(first, first + skipped)]
        assert old_units == [
            tuple(ch.encode("gb18030")) for ch in segment.chars[first : first + skipped]
        ]
        for cap in (None, model._WALK_CAP, 3):
            units, stop, end = gbk._walk(segment, starts[first], edit, cap, head_only=True)
            later = None if cap is None else cap - skipped
            rest = gbk._walk(segment, starts[first + skipped], edit, later, head_only=True)
            assert (units, stop, end) == (old_units + rest[0], rest[1], rest[2])
        walked = gbk._Segment.build(segment.chars, mdl)
        walked.plain = False
        for cap in (model._WALK_CAP, None):
            for floor in (model.MARGIN, model.MARGIN + 20.0):
                assert gbk._cannot_gain(segment, edit, first, mdl, cap, floor) == (
                    gbk._cannot_gain(walked, edit, first, mdl, cap, floor)
                )


@_SETTINGS
@given(_DAMAGED)
def test_the_callers_character_index_gives_the_same_answers(text: str) -> None:
    """``_evaluate`` hands ``_cannot_gain`` the edited character's index it already
    has (``at``) and the edits read the segment's joined text (``_Segment.text``):
    the answers are those computed from scratch."""
    mdl = model._model()
    for segment, edit in _edits_of(text):
        assert segment.text == "".join(segment.chars)
        at = segment.char_at(edit.pos)
        first = max(0, at - model._CONTEXT_UNITS)
        assert gbk._skippable(segment, edit, first, at) == gbk._skippable(segment, edit, first)
        for cap in (model._WALK_CAP, None):
            assert gbk._cannot_gain(segment, edit, first, mdl, cap, model.MARGIN, at) == (
                gbk._cannot_gain(segment, edit, first, mdl, cap, model.MARGIN)
            )


@_SETTINGS
@given(st.one_of(_TEXT, _DAMAGED, st.text(max_size=30)))
def test_encoding_in_one_call_matches_character_by_character(text: str) -> None:
    chars = list(text)
    data: list[int] = []
    starts: list[int] = []
    try:
        for ch in chars:
            starts.append(len(data))
            if ch == "\ufffd":
                data.append(model.WILD)
            elif model._is_raw(ch):
                data.append(ord(ch) - 0xDC00)
            else:
                data.extend(ch.encode("gb18030"))
    except UnicodeEncodeError:
        return
    starts.append(len(data))
    assert gbk._encode_chars(chars) == (data, starts)
    plain = gbk._encode_plain(text)
    assert plain is None or plain == (data, starts)
    segment = gbk._Segment.build(chars, model._model())
    for offset in range(len(data) + 2):
        expected = max(0, max([i for i, s in enumerate(starts) if s <= offset], default=0))
        assert segment.char_at(offset) == max(0, min(expected, len(chars) - 1))
