"""Paragraphs and section headings to Markdown (tui.clean.structure)."""

from __future__ import annotations

import pytest

from tui.clean import structure
from tui.clean.structure import build_markdown


def test_each_prose_line_is_a_paragraph_and_indentation_goes() -> None:
    lines = ["      第一段话。", "第二段话,紧跟着第一段。", "", "", "    第三段话。"]
    assert build_markdown(lines) == "第一段话。\n\n第二段话,紧跟着第一段。\n\n第三段话。"


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("一、戰略杠桿", "cn"),
        ("（二）开源与闭源", "cn-paren"),
        ("①大模型戰爭的下半場:資本和算力的比拼", "circled"),
        ("② 增長引擎:AI賦能", "circled"),
        ("第一梯隊:百度、阿里、騰訊、華為", "ordinal"),
        ("第三部分 未来展望", "ordinal"),
        ("1. 价格战", "arabic"),
        ("大廠做 AI,四類賺錢方式", None),
        ("1.5亿元的收入来自广告", None),
    ],
)
def test_heading_style(text: str, style: str | None) -> None:
    assert structure.heading_style(text) == style


@pytest.mark.parametrize(
    "line",
    [
        "一、戰略杠桿",
        "①大模型戰爭的下半場:資本和算力的比拼",
        "第一梯隊:百度、阿里、騰訊、華為",
        "大廠做 AI,四類賺錢方式",
        "結語",
        "四、寫在最后",
        "战略路线分野:基建派 vs 应用派",
    ],
)
def test_looks_like_heading(line: str) -> None:
    assert structure.looks_like_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "小模型的杠桿,撬動的是資源利用率的指數級增長。",
        "快手的 AI 戰略主要分為兩部分:",
        "靠 AI 賺錢,大廠的好日子來了嗎?",
        "图1：2024年各大厂资本开支对比",
        "数据来源：公司财报",
        "2025",
        "- 已经是列表",
        "• 项目符号",
        "这是一个很长的句子但是没有任何标点符号所以它看起来像标题但其实太长了不可能是标题",
    ],
)
def test_not_headings(line: str) -> None:
    assert not structure.looks_like_heading(line)


def test_headings_and_levels_numbered_sections_with_subtitle_and_closing() -> None:
    lines = [
        "开头一段话。",
        "一、戰略杠桿",
        "706億研發如何聰明砸出技術壁壘",
        "正文一。",
        "二、業績逆襲",
        "正文二。",
        "結語",
        "最后一段。",
    ]
    assert build_markdown(lines).split("\n\n") == [
        "开头一段话。",
        "## 一、戰略杠桿",
        "### 706億研發如何聰明砸出技術壁壘",
        "正文一。",
        "## 二、業績逆襲",
        "正文二。",
        "## 結語",
        "最后一段。",
    ]


def test_numbered_headings_under_an_unnumbered_section_are_a_sub_level() -> None:
    lines = [
        "大厂做 AI,四类赚钱方式",
        "正文。",
        "第一梯队:百度、阿里、腾讯、华为",
        "正文。",
        "第二梯队:快手、字节、美图",
        "正文。",
        "靠AI赚钱的路径",
        "正文。",
    ]
    headings = [p for p in build_markdown(lines).split("\n\n") if p.startswith("#")]
    assert headings == [
        "## 大厂做 AI,四类赚钱方式",
        "### 第一梯队:百度、阿里、腾讯、华为",
        "### 第二梯队:快手、字节、美图",
        "## 靠AI赚钱的路径",
    ]


def test_circled_sections_and_closing_word_share_the_top_level() -> None:
    lines = ["①资本和算力", "正文。", "② 增长引擎", "正文。", "结语", "正文。"]
    headings = [p for p in build_markdown(lines).split("\n\n") if p.startswith("#")]
    assert headings == ["## ①资本和算力", "## ② 增长引擎", "## 结语"]


def test_last_line_and_runs_of_short_lines_are_not_headings() -> None:
    lines = ["介绍如下。", "百度文心", "阿里通义", "腾讯混元", "这些模型都已开源。", "完结感言"]
    assert build_markdown(lines) == "\n\n".join(lines)


def test_existing_markdown_is_kept_unchanged() -> None:
    text = (
        "> 科技巨头们正步入一个新阶段。\n\n"
        "开头一段,其中有**加粗**文字[^1]。\n\n"
        "### 从幕后到台前：AI商业化的里程碑转变\n\n"
        "具体来看：\n\n"
        "*   **百度**重塑了搜索广告[^1]。\n"
        "*   **腾讯**升级广告平台[^1]。\n\n"
        "短行不变成标题\n\n"
        "| 公司 | 收入 |\n"
        "| --- | --- |\n\n"
        "## References\n"
        "[^1]: 36氪（2025/6/17）。[大厂的AI梦](https://m.36kr.com/p/1)。"
    )
    assert build_markdown(text.split("\n")) == text


def test_fenced_code_is_verbatim() -> None:
    lines = ["说明如下。", "```python", "def f():", "", "    return 1", "```", "结束。"]
    assert (
        build_markdown(lines) == "说明如下。\n\n```python\ndef f():\n\n    return 1\n```\n\n结束。"
    )


def test_bullet_characters_become_list_items() -> None:
    assert build_markdown(["• 第一项内容", "• 第二项内容"]) == "- 第一项内容\n\n- 第二项内容"


def test_build_markdown_is_idempotent() -> None:
    lines = ["开头。", "一、标题", "副标题在此", "正文。", "• 一项", "结语", "最后。"]
    once = build_markdown(lines)
    assert build_markdown(once.split("\n")) == once


def test_image_caption_is_not_a_heading() -> None:
    from tui.clean.structure import looks_like_heading

    assert not looks_like_heading("图为英伟达CEO黄仁勋")
    assert not looks_like_heading("▲英伟达CEO黄仁勋")
    assert looks_like_heading("生态建设")


def test_line_ending_in_a_comma_goes_on_in_any_document() -> None:
    from tui.clean.structure import join_soft_breaks

    lines = ["腾讯今天发布了新模型，", "推理能力提升了30%。", "第二段。"]
    assert join_soft_breaks(lines) == ["腾讯今天发布了新模型，推理能力提升了30%。", "第二段。"]


def test_scraped_lines_without_a_comma_stay_paragraphs() -> None:
    from tui.clean.structure import join_soft_breaks

    lines = ["一、戰略杠桿", "706億研發如何聰明砸出技術壁壘", "正文第一句。"]
    assert join_soft_breaks(lines) == lines


def test_markdown_soft_breaks_join_but_structure_and_hard_breaks_do_not() -> None:
    from tui.clean.structure import join_soft_breaks

    lines = [
        "腾讯今天在深圳发布了新一代混元",
        "大模型，支持 API",
        "calls 和更长的上下文。",
        "",
        "第一行以两个空格结束  ",
        "第二行。",
        "- 列表项一",
        "- 列表项二",
        "> 引用一",
        "> 引用二",
    ]
    assert join_soft_breaks(lines, markdown=True) == [
        "腾讯今天在深圳发布了新一代混元大模型，支持 API calls 和更长的上下文。",
        "",
        "第一行以两个空格结束  ",
        "第二行。",
        "- 列表项一",
        "- 列表项二",
        "> 引用一",
        "> 引用二",
    ]
    assert join_soft_breaks(lines[:3], markdown=False) == lines[:3]  # no comma at the ends


def test_wrapped_markdown_file_cleans_to_one_paragraph() -> None:
    from tui.pipeline import clean_text

    text = "# 标题\n\n腾讯今天发布了新模型\n推理能力提升了30%\n训练成本下降一半。\n\n第二段。\n"
    article = clean_text(text, source_path="notes.md")
    assert (
        article.body.split("\n\n")[0] == "腾讯今天发布了新模型推理能力提升了30%训练成本下降一半。"
    )
    as_txt = clean_text(text, source_path="notes.txt")
    assert "腾讯今天发布了新模型推理" not in as_txt.body  # scraped text: one line, one block
