"""Tests for tui.clean.htmltext: recognising HTML and turning it into text."""

from __future__ import annotations

import pytest

from tui.clean.htmltext import html_to_text, looks_like_html
from tui.text.paths import seeds_dir


@pytest.mark.parametrize(
    "text",
    [
        "<p>正文</p>",
        "第一行<br>第二行",
        "<!DOCTYPE html><title>x</title>",
        "正文<!-- 广告 -->正文",
        '<div class="content">正文',
        "AT&amp;T 与 &nbsp;腾讯",
        '<style id="pje8p"><tr id="pje8p"></tr></style>',
    ],
)
def test_looks_like_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "腾讯的收入 < 阿里 > 百度",
        "《三体》和<三体>都是书名",
        "if a<b then 1",
        "见 <https://example.com>",
        "AT&T 一个 &amp; 而已",
        "纯文本，没有标签。",
    ],
)
def test_does_not_look_like_html(text: str) -> None:
    assert not looks_like_html(text)


PAGE = """<!DOCTYPE html>
<html><head><title>站点标题</title><meta charset="utf-8">
<style>p { color: red }</style><script>var s = "<p>脚本</p>";</script></head>
<body><nav><ul><li>首页</li><li>科技</li></ul></nav>
<div class="article"><h1>大厂搞AI，谁
赚到钱了？</h1>
<p>第一段&nbsp;文字&amp;内容，
换行继续。</p><div style="display: none">隐藏的垃圾词</div>
<p>第二段<br>下一行<br><br>新段落</p>
<table><tr><th>公司</th><th>收入</th></tr><tr><td>腾讯</td><td>100亿</td></tr></table>
<ul><li>一</li><li>二</li></ul>
<p>见 <https://x.com> 和 <三体>，a &lt; b</p><button>订阅</button></div>
<footer>版权所有</footer></body></html>"""


def test_whole_page() -> None:
    assert html_to_text(PAGE) == (
        "大厂搞AI，谁赚到钱了？\n\n"
        "第一段 文字&内容， 换行继续。\n\n"
        "第二段\n下一行\n\n新段落\n\n"
        "| 公司 | 收入 |\n| --- | --- |\n| 腾讯 | 100亿 |\n\n"
        "- 一\n- 二\n\n"
        "见 <https://x.com> 和 <三体>，a < b\n\n"
        "版权所有"
    )


def test_list_items_keep_their_markers() -> None:
    text = html_to_text(
        "<p>要点：</p><ul><li>美国</li><li>欧盟</li></ul><ol><li>一</li><li>二</li></ol>"
    )
    assert text == "要点：\n\n- 美国\n- 欧盟\n\n1. 一\n2. 二"


def test_markdown_headings_option() -> None:
    text = html_to_text("<h2>一、戰略杠桿</h2><p>正文</p>", markdown_headings=True)
    assert text == "## 一、戰略杠桿\n\n正文"


def test_headings_are_plain_lines_by_default() -> None:
    assert html_to_text("<h1>标题</h1><p>正文</p>") == "标题\n\n正文"


def test_fragment_keeps_its_own_lines() -> None:
    text = (
        "垃圾词一,垃圾词二\n\n"
        '<style id="pje8p"><tr id="pje8p"></tr></style>\n'
        "    • 關于ZAKER 合作\n\n"
        "      第一段。\n\n"
        "      第二段,難以實現規?;?/p>\n"
    )
    assert html_to_text(text) == (
        "垃圾词一,垃圾词二\n\n    • 關于ZAKER 合作\n\n      第一段。\n\n      第二段,難以實現規?;?"
    )


def test_paragraph_wrappers_in_a_fragment() -> None:
    assert html_to_text("<p>第一段</p>\n<p>第二段</p>\n") == "第一段\n\n第二段"


def test_hidden_elements_are_dropped() -> None:
    text = html_to_text(
        '<p>正文<span hidden>垃圾</span>继续</p><div style="visibility:hidden">x</div>'
    )
    assert text == "正文继续"


def test_nested_hidden_element_is_dropped_whole() -> None:
    assert html_to_text("<p>a</p><div hidden>x<div>y</div>z</div><p>b</p>") == "a\n\nb"


def test_unclosed_hidden_element_keeps_its_text() -> None:
    assert html_to_text("第一行\n<div style='display:none'>没有结束\n第三行") == (
        "第一行\n没有结束\n第三行"
    )


def test_unclosed_script_is_still_dropped() -> None:
    assert html_to_text("第一行\n<script>var x = 1;\n第三行") == "第一行"


def test_head_without_end_tag() -> None:
    assert (
        html_to_text("<html><head><title>站名</title><meta charset=utf-8><body><p>正文</p>")
        == "正文"
    )


def test_ruby_annotations_are_dropped() -> None:
    assert html_to_text("<p><ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字</p>") == "汉字"


def test_entities_are_unescaped() -> None:
    assert html_to_text("<p>&ldquo;AI&rdquo; &#x4E2D;&#25991; &gt; 3</p>") == "“AI” 中文 > 3"


def test_page_source_line_breaks_join_han_without_space() -> None:
    assert html_to_text("<html><p>腾讯\n  控股 and\nAlibaba</p></html>") == "腾讯控股 and Alibaba"


def test_seed_001_loses_only_its_html() -> None:
    path = next(seeds_dir().glob("001_*.txt"))
    source = path.read_text(encoding="utf-8")
    assert looks_like_html(source)
    text = html_to_text(source)
    assert "<style" not in text and "</tr>" not in text and "/p>" not in text
    source_lines = [line for line in source.split("\n") if line.strip()]
    text_lines = [line for line in text.split("\n") if line.strip()]
    assert len(text_lines) == len(source_lines) - 1
    assert text_lines[0] == source_lines[0]
    assert text_lines[1] == "    • 關于ZAKER 合作"
    assert text_lines[-1] == source_lines[-1]


@pytest.mark.parametrize("number", ["000", "002", "003", "004"])
def test_other_seeds_are_not_html(number: str) -> None:
    path = next(seeds_dir().glob(f"{number}_*.txt"))
    assert not looks_like_html(path.read_text(encoding="utf-8"))


def test_converting_twice_changes_nothing() -> None:
    once = html_to_text(PAGE)
    assert html_to_text(once) == once


def test_data_table_becomes_a_markdown_table() -> None:
    html = "<table><tr><th>季度<th>营收(亿美元)</tr><tr><td>Q1<td>260</table><p>后文。</p>"
    assert html_to_text(html) == "| 季度 | 营收(亿美元) |\n| --- | --- |\n| Q1 | 260 |\n\n后文。"


def test_layout_table_keeps_its_paragraphs() -> None:
    long = "这是一个很长的段落，用表格排版的老网站会把整篇文章放在一个单元格里面，它不是数据表格。"
    html = f"<table><tr><td><p>{long}</p><p>第二段。</p></td></tr></table>"
    assert html_to_text(html) == f"{long}\n\n第二段。"


def test_page_title() -> None:
    from tui.clean.htmltext import page_title

    page = "<html><head><title>\n  阿里云降价 &amp; 腾讯云跟进_科技_新浪网 </title></head><body></body></html>"
    assert page_title(page) == "阿里云降价 & 腾讯云跟进_科技_新浪网"
    assert page_title("<p>没有标题</p>") is None


def test_blank_line_in_a_tagged_clipping_is_a_paragraph_break() -> None:
    text = "标题在这里\n\n第一段内容。<br>第二段内容。<br><br>第三段&nbsp;内容。"
    assert html_to_text(text) == "标题在这里\n\n第一段内容。\n第二段内容。\n\n第三段 内容。"


def test_blank_line_in_a_real_page_is_only_a_space() -> None:
    page = "<html><body><p>第一段\n\n内容。</p></body></html>"
    assert html_to_text(page) == "第一段内容。"
