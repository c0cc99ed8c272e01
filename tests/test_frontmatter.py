"""Tests for tui.clean.frontmatter.split_front_matter."""

from __future__ import annotations

from tui.clean.frontmatter import split_front_matter
from tui.text.paths import seeds_dir


def test_reads_keys_and_returns_the_rest() -> None:
    text = "---\ntitle: 标题\ndate: 2025-06-17\ntags:\n  - 广告\n  - 云服务\n---\n正文第一段\n"
    front, rest, warnings = split_front_matter(text)
    assert front == {"title": "标题", "date": "2025-06-17", "tags": ["广告", "云服务"]}
    assert rest == "正文第一段\n"
    assert warnings == []


def test_datetimes_become_iso_strings_everywhere() -> None:
    text = (
        "---\ndate: 2025-06-17T19:30:06+08:00\nupdated: 2025-06-18 08:00:00\n"
        "history:\n  - when: 2024-01-02\n---\nbody"
    )
    front, _, _ = split_front_matter(text)
    assert front["date"] == "2025-06-17T19:30:06+08:00"
    assert front["updated"] == "2025-06-18T08:00:00"
    assert front["history"] == [{"when": "2024-01-02"}]


def test_all_keys_are_kept_and_made_json_friendly() -> None:
    text = "---\ndraft: false\nimage: a.png\n2025: year key\nscore: 1.5\nextra:\n  n: 3\n---\n"
    front, rest, _ = split_front_matter(text)
    assert front == {
        "draft": False,
        "image": "a.png",
        "2025": "year key",
        "score": 1.5,
        "extra": {"n": 3},
    }
    assert rest == ""


def test_bom_blank_lines_and_crlf_before_the_block() -> None:
    text = "\ufeff\r\n  \r\n---\r\ntitle: 標題\r\n---\r\n正文\r\n"
    front, rest, warnings = split_front_matter(text)
    assert front == {"title": "標題"}
    assert rest == "正文\r\n"
    assert warnings == []


def test_yaml_document_end_marker_closes_the_block() -> None:
    front, rest, _ = split_front_matter("---\ntitle: x\n...\nbody")
    assert (front, rest) == ({"title": "x"}, "body")


def test_text_without_front_matter_is_unchanged() -> None:
    text = "从腾讯与阿里的财报电话会\n---\ntitle: not front matter\n---\n"
    assert split_front_matter(text) == ({}, text, [])


def test_unclosed_dashes_are_a_rule_not_front_matter() -> None:
    text = "---\n正文第一段\n正文第二段\n"
    assert split_front_matter(text) == ({}, text, [])


def test_empty_block_is_removed() -> None:
    assert split_front_matter("---\n---\n正文") == ({}, "正文", [])


def test_invalid_yaml_keeps_the_text_with_a_warning() -> None:
    text = "---\ntitle: [unclosed\ndate: 2025\n---\n正文"
    front, rest, warnings = split_front_matter(text)
    assert front == {}
    assert rest == text
    assert len(warnings) == 1
    assert "invalid YAML" in warnings[0]
    assert "line" in warnings[0]


def test_yaml_that_is_not_a_mapping_keeps_the_text_with_a_warning() -> None:
    text = "---\n- 一\n- 二\n---\n正文"
    front, rest, warnings = split_front_matter(text)
    assert (front, rest) == ({}, text)
    assert warnings == ["front matter ignored: YAML is a list, not a mapping of keys"]


def test_scalar_block_is_not_front_matter() -> None:
    text = "---\n只是一行字\n---\n正文"
    front, rest, warnings = split_front_matter(text)
    assert (front, rest) == ({}, text)
    assert "not a mapping" in warnings[0]


def test_seed_000() -> None:
    path = next(seeds_dir().glob("000_*.txt"))
    front, rest, warnings = split_front_matter(path.read_text(encoding="utf-8"))
    assert warnings == []
    assert front["title"] == "巨头AI的“开源”之梦：广告驱动下的商业化新纪元"
    assert front["date"] == "2025-06-17T19:30:06+08:00"
    assert front["draft"] is False
    assert len(front["tags"]) == 9
    assert front["main_topics"] == ["AI商业化", "广告与AI融合", "科技巨头战略"]
    assert rest.startswith("\n> 科技巨头们在历经三年的AI技术军备竞赛后")
    assert "main_topics" not in rest


def test_splitting_the_rest_again_changes_nothing() -> None:
    _, rest, _ = split_front_matter("---\ntitle: x\n---\n正文\n")
    assert split_front_matter(rest) == ({}, rest, [])
