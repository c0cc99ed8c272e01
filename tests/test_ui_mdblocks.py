"""Markdown to styled, wrapped lines: structure, figures, hits and layout."""

from __future__ import annotations

from tui.cjkwrap import text_width
from tui.text.hits import find_hits
from tui.widgets.mdblocks import (
    FIGURE_END,
    HIT_OPEN,
    annotate,
    build_document,
    strip_markers,
)
from tui.widgets.mdlayout import layout, line_text


def _lines(body: str, width: int = 40, **kwargs: object) -> list[str]:
    document = build_document("标题", [], body, **kwargs)  # type: ignore[arg-type]
    return [line_text(line) for line in layout(document, width).lines]


def test_annotate_inserts_and_strip_removes_markers() -> None:
    text = "投入706.9亿元，增长68%"
    marked = annotate(text, [(2, 9)], [(0, 2)])
    assert marked != text
    assert FIGURE_END in marked and HIT_OPEN in marked
    assert strip_markers(marked) == text


def test_annotate_ignores_ranges_outside_text() -> None:
    assert annotate("abc", [(2, 10), (5, 6), (1, 1)]) == "abc"


def test_find_hits_is_case_blind_and_finds_every_term() -> None:
    assert find_hits("AI and ai, 腾讯AI", "ai") == [(0, 2), (7, 9), (13, 15)]
    assert find_hits("腾讯研发投入，腾讯资本开支", "腾讯 资本") == [(0, 2), (7, 9), (9, 11)]
    assert find_hits("anything", "   ") == []


def test_title_meta_and_rule_come_first() -> None:
    document = build_document("大厂搞AI", ["钛媒体 · 2025-06-01"], "正文。")
    lines = [line_text(line) for line in layout(document, 30).lines]
    assert lines[0] == "大厂搞AI"
    assert lines[1] == "钛媒体 · 2025-06-01"
    assert set(lines[2]) == {"─"}
    assert "正文。" in lines


def test_headings_lists_quotes_and_emphasis() -> None:
    body = "## 一、战略\n\n**重点**和*强调*。\n\n- 甲\n- 乙\n\n1. 第一\n2. 第二\n\n> 引用的话"
    document = build_document("T", [], body)
    lines = layout(document, 40).lines
    texts = [line_text(line) for line in lines]
    assert "一、战略" in texts
    heading = lines[texts.index("一、战略")]
    assert heading[0].style == "h2"
    para = lines[texts.index("重点和强调。")]
    assert [r.style for r in para] == ["strong", "", "em", ""]
    assert "• 甲" in texts and "• 乙" in texts
    assert "1. 第一" in texts and "2. 第二" in texts
    assert "▌ 引用的话" in texts


def test_soft_breaks_join_cjk_without_space_and_latin_with_space() -> None:
    texts = _lines("腾讯的\n研发投入\n\nopen\nsource")
    assert "腾讯的研发投入" in texts
    assert "open source" in texts


def test_links_are_numbered_and_listed_at_the_end() -> None:
    texts = _lines("见[官网](https://example.com)。")
    assert "见官网[1]。" in texts
    assert texts[-1] == "[1] https://example.com"


def test_footnotes_render_reference_and_note() -> None:
    texts = _lines("正文[^1]。\n\n[^1]: 注释内容")
    assert "正文[1]。" in texts
    assert "[1] 注释内容" in texts


def test_figure_runs_carry_their_index_and_are_never_split() -> None:
    body = "腾讯全年研发投入706.9亿元，资本开支突破767亿元，同比激增221%，创历史新高。"
    figures = [(body.index(t), body.index(t) + len(t)) for t in ("706.9亿元", "767亿元", "221%")]
    document = build_document("T", [], body, figures)
    for width in range(10, 40):
        lay = layout(document, width)
        for index, text in enumerate(("706.9亿元", "767亿元", "221%")):
            line = lay.lines[lay.figure_lines[index]]
            joined = "".join(r.text for r in line if r.figure == index)
            assert joined == text, (width, index)


def test_figure_inside_emphasis_keeps_both_styles() -> None:
    body = "利润**增长68%**了"
    start = body.index("68%")
    document = build_document("T", [], body, [(start, start + 3)])
    line = layout(document, 40).lines[document_line(document, "增长68%")]
    runs = [r for r in line if r.figure == 0]
    assert runs and all("strong" in r.style for r in runs)


def document_line(document: object, needle: str) -> int:
    lines = layout(document, 40).lines  # type: ignore[arg-type]
    return next(i for i, line in enumerate(lines) if needle in line_text(line))


def test_hits_numbered_in_reading_order_with_title_first() -> None:
    body = "腾讯一\n\n腾讯二"
    document = build_document("腾讯标题", [], body, (), find_hits(body, "腾讯"), [(0, 2)])
    assert document.hit_count == 3
    lay = layout(document, 40)
    assert lay.hit_lines[0] == 0
    assert lay.hit_lines[1] < lay.hit_lines[2]


def test_layout_lines_fit_width() -> None:
    body = "\n\n".join(
        ["腾讯在这一段里继续讨论人工智能的商业化与广告业务的关系，AI is everywhere。"] * 5
    )
    document = build_document("标题", ["meta"], f"> {body}\n\n- {body}")
    for width in (10, 23, 40, 77):
        for line in layout(document, width).lines:
            assert text_width(line_text(line)) <= width


def test_tables_render_cells_with_separators() -> None:
    texts = _lines("| 公司 | 营收 |\n| --- | --- |\n| 腾讯 | 100 |")
    assert "公司 │ 营收" in texts
    assert "腾讯 │ 100" in texts


def test_table_columns_are_aligned_under_the_header() -> None:
    texts = _lines(
        "| 指标 | 2024 | 2023 |\n| --- | --- | --- |\n"
        "| 营收 | 6603亿元 | 6090亿元 |\n| 净利润 | 1941亿元 | 1152亿元 |",
        width=60,
    )
    rows = [t for t in texts if "│" in t]
    assert rows[0] == "指标   │ 2024     │ 2023"
    assert rows[1] == "营收   │ 6603亿元 │ 6090亿元"
    assert rows[2] == "净利润 │ 1941亿元 │ 1152亿元"
    header = texts.index(rows[0])
    assert texts[header + 1] != rows[1]  # a rule under the header


def test_an_empty_body_says_so() -> None:
    assert _lines("")[-1] == "（正文为空）"
    assert _lines("  \n\n")[-1] == "（正文为空）"
    assert "（正文为空）" not in _lines("正文。")


TRICKY = """# 标题

第一段，腾讯投入706.9亿元，[官网](https://a.example)。
软换行接着写。

- 松散列表第一项

  第一项的第二段（缩进，属于列表项）

- 第二项

1. 编号
2. 继续

3. 空行后接着编号

> 引用第一段
>
> 引用第二段

```python
代码第一行

代码空行之后（仍在代码块里）
```

~~~
波浪线代码

---
~~~

    缩进代码

    缩进代码第二段

| 公司 | 营收 |
|---|---|
| 腾讯 | 1,000 |

<div>
块级 HTML
</div>

* * *

***

最后一段，阿里巴巴[另一个链接](https://b.example)。


"""


def _pieces(body: str, piece: int, **kwargs: object) -> object:
    from tui.widgets.mdblocks import open_document

    return open_document("标题", ["meta"], body, piece=piece, **kwargs)  # type: ignore[arg-type]


def test_a_body_parsed_in_pieces_gives_the_blocks_of_one_parse() -> None:
    figures = [(TRICKY.index("706.9"), TRICKY.index("706.9") + 7)]
    hits = find_hits(TRICKY, "代码") + find_hits(TRICKY, "腾讯")
    from tui.store import synthetic

    notes = (
        "正文引用脚注[^a]和[参考][r]，再引用[^b]。\n\n<style>\np {}\n\n</style>\n\n"
        "中间段落[^a]。\n\n[^b]: 脚注乙，见[链接](https://c.example)。\n\n"
        "<!-- 注释\n\n仍是注释 -->\n\n后文。\n\n[^a]: 脚注甲\n    第二行。\n"
        "[r]: https://r.example\n\n末段[^b]。\n"
    )
    bodies = [
        TRICKY,
        TRICKY * 3,
        "\n\n".join(f"第{i}段，内容。" * 3 for i in range(300)),
        notes + TRICKY,
        "\n\n".join(synthetic.article_text(i) for i in range(4)),  # raw pages: HTML, notes
    ]
    for body in bodies:
        whole = build_document("标题", ["meta"], body, figures, hits)
        for piece in (1, 7, 60, 500):
            lazy = _pieces(body, piece, figures=figures, body_hits=hits)
            assert lazy.finish() == whole  # type: ignore[attr-defined]


def test_cuts_fall_only_before_a_new_top_level_block() -> None:
    from tui.widgets.mdsplit import Cuts

    cuts = Cuts(TRICKY)
    starts, pos = [], 0
    while pos < len(TRICKY):
        pos = cuts.next_cut(pos, 1)
        starts.append(TRICKY[pos : pos + 6])
    assert "第一项的第二" not in "".join(starts)  # inside a list item
    assert not any(s.startswith(("代码空行", "---\n~", "3. ", "> ", " ")) for s in starts)
    assert "| 公司 |" in starts and "最后一段，阿" in starts
    # Definitions apply to the whole text: taken out to be given to every piece,
    # or, when one is not alone between two cuts, the text is not cut at all.
    defined = "见[注][a]。\n\n" * 50 + "[a]: https://a.example\n"
    cuts = Cuts(defined)
    assert cuts.definitions == "[a]: https://a.example\n" and "]:" not in cuts.text
    assert cuts.next_cut(0, 10) == len("见[注][a]。\n\n")
    mixed = "见[注][a]。\n\n" * 50 + "[a]: https://a.example\n紧跟的段落。\n"
    assert Cuts(mixed).next_cut(0, 10) == len(mixed)
    comment = "<!-- 注释\n\n仍是注释 -->\n\n正文"  # an HTML block runs across blank lines
    assert Cuts(comment).next_cut(0, 1) == comment.index("正文")


def test_a_lazy_layout_is_a_prefix_of_the_whole_and_reaches_any_figure() -> None:
    from tui.widgets.mdblocks import open_document
    from tui.widgets.mdlayout import Layout

    paragraphs = [f"第{i}段：腾讯在这一段里投入了{i}亿元，增长明显。" * 4 for i in range(2000)]
    body = "\n\n".join(paragraphs)
    starts = [body.index(f"{i}亿元") for i in range(0, 2000, 100)]
    figures = [(s, body.index("元", s) + 1) for s in starts]
    hits = find_hits(body, "增长")
    whole = layout(build_document("标题", [], body, figures, hits), 40)
    document = open_document("标题", [], body, figures, hits)
    lazy = Layout(document, 40)
    lazy.to_line(30)
    assert not lazy.complete and not document.complete
    assert 30 < len(lazy) < len(whole) // 10
    assert lazy.estimated_height() > len(lazy)
    last = len(figures) - 1
    line = lazy.to_figure(last)
    assert line == whole.figure_lines[last]
    assert not lazy.complete  # laid out up to the figure, not beyond its piece
    assert lazy.to_hit(len(whole.hit_lines) - 1) == whole.hit_lines[-1]
    assert lazy.to_hit(len(whole.hit_lines)) is None
    assert [line_text(x) for x in lazy.lines] == [line_text(x) for x in whole.lines[: len(lazy)]]
    lazy.finish()
    assert lazy.complete and lazy.estimated_height() == len(whole)
    assert [line_text(x) for x in lazy.lines] == [line_text(x) for x in whole.lines]
    assert lazy.figure_lines == whole.figure_lines and lazy.hit_lines == whole.hit_lines
    assert lazy.block_lines == whole.block_lines and lazy.line_block == whole.line_block


def test_a_lazy_layout_reaches_a_figure_in_a_footnote_drawn_at_the_end() -> None:
    from tui.widgets.mdblocks import open_document
    from tui.widgets.mdlayout import Layout

    body = "\n\n".join(f"第{i}段，内容[^n]。" * 5 for i in range(400))
    body += "\n\n[^n]: 脚注：营收706.9亿元。\n"
    start = body.index("706.9亿元")
    figures = [(start, start + 7)]
    whole = layout(build_document("标题", [], body, figures), 40)
    lazy = Layout(open_document("标题", [], body, figures), 40)
    lazy.to_line(10)
    assert not lazy.complete
    assert lazy.to_figure(0) == whole.figure_lines[0]
    assert "706.9亿元" in line_text(whole.lines[whole.figure_lines[0]])
