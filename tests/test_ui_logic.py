"""The reader's pure logic: filters and counts, wording, saved state, keys."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding

from tui.app import ReaderApp
from tui.bindings import KEY_HELP, KEYS, SCOPE_OWNERS, SCREEN_BINDINGS, palette_commands
from tui.filters import Facet, Filters, apply_filters, facet_counts, narrow
from tui.present import figure_label, meta_lines, row_subtitle, status_mark
from tui.screens.reader import ReaderScreen
from tui.store.state import ReaderState, load_state, save_state
from tui.text.models import Figure
from tui.widgets.chrome import KeyBar, facet_line, keys_content, library_label, progress_text


@dataclass
class Row:
    id: str
    companies: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


ROWS = [
    Row("a", ["腾讯"], ["大模型", "广告"]),
    Row("b", ["腾讯", "阿里巴巴"], ["云服务"]),
    Row("c", ["百度"], ["大模型"]),
]


def test_filters_combine_with_and() -> None:
    assert [r.id for r in apply_filters(ROWS, Filters(companies=("腾讯",)))] == ["a", "b"]
    both = Filters(companies=("腾讯",), tags=("大模型",))
    assert [r.id for r in apply_filters(ROWS, both)] == ["a"]
    two_companies = Filters(companies=("腾讯", "阿里巴巴"))
    assert [r.id for r in apply_filters(ROWS, two_companies)] == ["b"]


def test_search_results_keep_rank_order_and_respect_facets() -> None:
    assert [r.id for r in apply_filters(ROWS, Filters(), ["c", "a"])] == ["c", "a"]
    only_tencent = Filters(companies=("腾讯",))
    assert [r.id for r in apply_filters(ROWS, only_tencent, ["c", "b", "a"])] == ["b", "a"]
    assert apply_filters(ROWS, Filters(), []) == []


def test_toggle_adds_and_removes() -> None:
    filters = Filters().toggle_company("腾讯").toggle_tag("云服务")
    assert filters.companies == ("腾讯",) and filters.tags == ("云服务",)
    assert filters.active
    assert filters.toggle_company("腾讯").companies == ()
    assert not Filters(query="  ").active


def test_facet_counts_sorted_by_count_with_active_kept() -> None:
    counts = facet_counts(ROWS, Filters(companies=("字节跳动",)))
    assert [(f.name, f.count) for f in counts.companies[:2]] == [("腾讯", 2), ("百度", 1)]
    assert Facet("字节跳动", 0, True) in counts.companies
    assert (counts.tags[0].name, counts.tags[0].count) == ("大模型", 2)


def test_narrow_matches_substring_or_other_spelling() -> None:
    facets = [Facet("腾讯", 2), Facet("阿里巴巴", 1), Facet("OpenAI", 1)]
    assert [f.name for f in narrow(facets, "阿里")] == ["阿里巴巴"]
    assert [f.name for f in narrow(facets, "openai")] == ["OpenAI"]
    assert [f.name for f in narrow(facets, "騰訊", "腾讯")] == ["腾讯"]
    assert narrow(facets, "") == facets


def test_meta_lines_and_subtitle() -> None:
    lines = meta_lines("DoNews", "张琪", "2025-03-20", ["研发"], ["腾讯", "阿里巴巴"])
    assert lines == ["DoNews · 作者 张琪 · 2025-03-20", "标签：研发  公司：腾讯、阿里巴巴"]
    assert meta_lines(None, None, None, [], []) == []
    assert row_subtitle("钛媒体", None, ["a", "b", "c", "d"]) == "钛媒体 · a、b、c…"


FIGURE = Figure(
    "706.9亿元", 0, 7, "money", 7.069e10, metric="研发投入", company="腾讯", period="2024"
)


# Citations and period wording: tests/test_citation.py (tui.figures.citation).


def test_figure_label_and_status_marks() -> None:
    assert figure_label(FIGURE) == "研发投入 · 腾讯 · 2024"
    assert figure_label(Figure("1", 0, 1, "number", 1)) == "—"
    assert status_mark("agree") == "✓ 一致"
    assert status_mark("conflict") == "✗ 冲突"
    assert status_mark(None) == ""


def test_state_round_trip_per_library(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    first = ReaderState("a1", 12, ["腾讯"], ["大模型"], "研发", True, False)
    save_state(tmp_path / "one.sqlite3", first, state_file)
    save_state(tmp_path / "two.sqlite3", ReaderState("b2"), state_file)
    assert load_state(tmp_path / "one.sqlite3", state_file) == first
    assert load_state(tmp_path / "two.sqlite3", state_file).article_id == "b2"
    assert load_state(tmp_path / "three.sqlite3", state_file) == ReaderState()


def test_broken_state_file_means_fresh_start(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    state_file.write_text("{not json", encoding="utf-8")
    assert load_state(tmp_path / "lib.sqlite3", state_file) == ReaderState()
    state_file.write_text('{"version": 1, "libraries": {"x": {"top_line": -4}}}', "utf-8")
    assert load_state("x", state_file).top_line == 0


def _owner(scope: str) -> type:
    module, _, name = SCOPE_OWNERS[scope].rpartition(".")
    return getattr(importlib.import_module(module), name)


def _table_bindings() -> set[tuple[str, str, str]]:
    return {(bind.scope or row.scope, bind.keys, bind.action) for row in KEYS for bind in row.binds}


def test_every_binding_of_every_owner_comes_from_the_table_and_back() -> None:
    """Each Binding in a screen's or widget's BINDINGS has its help row (with an id),
    and each bind of the table is a Binding of its owner."""
    found: set[tuple[str, str, str]] = set()
    for scope in SCOPE_OWNERS:
        for binding in _owner(scope).BINDINGS:
            assert isinstance(binding, Binding), binding
            assert binding.id, binding
            found.add((scope, binding.key, binding.action))
    assert found == _table_bindings()


def test_every_help_row_is_bound_or_says_what_typing_does() -> None:
    for row in KEYS:
        assert row.description and row.keys and row.scope in SCOPE_OWNERS, row
        if not row.binds:  # keys Textual handles: typing, the palette key
            assert row.keys in ("输入文字", "ctrl+p"), row


def test_every_action_in_the_table_has_a_handler() -> None:
    for row in KEYS:
        for bind in row.binds:
            scope = bind.scope or row.scope
            action = bind.action.partition("(")[0]
            if action.startswith("app."):
                assert hasattr(ReaderApp, "action_" + action[4:]), action
                continue
            assert hasattr(_owner(scope), "action_" + action), (scope, action)
    for entry in palette_commands():
        action = entry.action
        target = ReaderApp if action.startswith("app.") else ReaderScreen
        assert hasattr(target, "action_" + action.removeprefix("app.")), action


def test_every_screen_key_is_in_the_help_and_commands_run_actions() -> None:
    help_keys = " ".join(entry.keys for entry in KEY_HELP)
    for binding in SCREEN_BINDINGS:
        shown = binding.key_display or binding.key
        assert shown.split("+")[-1] in help_keys, binding.key
    actions = {entry.action for entry in palette_commands()}
    for binding in SCREEN_BINDINGS:
        assert binding.action in actions or binding.action.startswith("app."), binding.action


def test_the_key_bar_keeps_quit_and_help_by_id_not_by_label() -> None:
    ids = {binding.id: binding for binding in SCREEN_BINDINGS}
    assert ids["quit"].action == "quit" and ids["help"].action == "help"
    assert KeyBar.TAIL == ("quit", "help")


def test_progress_and_facet_lines() -> None:
    assert progress_text(0, 0) == "检查文件…"
    assert progress_text(1, 2, 4) == "整理 1/2 ■■□□"
    line = facet_line("公司", "c", [Facet("腾讯", 3), Facet("百度", 1, True)])
    assert line.plain == "公司(c) 百度 1  腾讯 3"


def test_keys_content_keeps_help_when_narrow() -> None:
    items = [("a", "一"), ("b", "二"), ("c", "三"), ("?", "帮助")]
    assert keys_content(items, 80).plain == "a 一  b 二  c 三  ? 帮助"
    assert keys_content(items, 12).plain == "a 一  ? 帮助"
    assert keys_content(items, 14, keep_last=2).plain == "c 三  ? 帮助"
    assert keys_content(items, 18, keep_last=2).plain == "a 一  c 三  ? 帮助"


def test_library_label_names_the_opened_paths(tmp_path: Path) -> None:
    clips = tmp_path / "clips"
    clips.mkdir()
    default = str(tmp_path / "library.sqlite3")
    assert library_label(default, [str(clips)]) == "clips/"
    assert library_label(default, [str(clips), "a.md", "b.md"]) == "clips/ +2"
    assert library_label(str(tmp_path / "work.sqlite3"), ["a.md"]) == "work · a.md"
    assert library_label(default, []) == "library.sqlite3"
