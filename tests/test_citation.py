"""Citations: templates from the config file, one script throughout, quotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.figures.citation import (
    DEFAULT_CONFIG,
    Source,
    article_citation,
    config_path,
    figure_citation,
    front_matter_url,
    load_config,
    period_text,
    quotation_citation,
    quotation_text,
    quote_for,
    render,
    template_problem,
)
from tui.text.models import Article, Figure

CAPEX = Figure(
    text="767億元",
    start=0,
    end=6,
    kind="money",
    value=7.67e10,
    metric="资本开支",
    company="腾讯",
    period="2024",
)
SOURCE = Source(
    title="巨額斥資研發，騰訊如何砸穿AI天花板",
    site="DoNews",
    date="2025-06-18",
    path="/clips/騰訊/003.txt",
    key="3ca5f599",
    script="hant",
)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_default_figure_citation_in_simplified_is_all_simplified() -> None:
    text = figure_citation(CAPEX, SOURCE, simplified=True)
    assert (
        text
        == "腾讯2024年资本开支767亿元（《巨额斥资研发，腾讯如何砸穿AI天花板》，DoNews，2025-06-18）"
    )


def test_original_script_of_a_traditional_article_is_all_traditional() -> None:
    text = figure_citation(CAPEX, SOURCE, simplified=False)
    assert (
        text
        == "騰訊2024年資本開支767億元（《巨額斥資研發，騰訊如何砸穿AI天花板》，DoNews，2025-06-18）"
    )


def test_missing_site_and_date_take_their_separators_along() -> None:
    bare = Source(title="标题", script="hans")
    figure = Figure(text="18%", start=0, end=3, kind="percent", value=18.0)
    assert figure_citation(figure, bare, simplified=True) == "18%（《标题》）"
    assert article_citation(bare, simplified=True) == "《标题》"


def test_article_citation_keeps_the_path_verbatim_and_prefers_a_url() -> None:
    text = article_citation(SOURCE, simplified=True)
    assert text == "《巨额斥资研发，腾讯如何砸穿AI天花板》，DoNews，2025-06-18，/clips/騰訊/003.txt"
    article = Article(
        id="abc",
        source_path="/x/a.md",
        title="標題",
        body="",
        front_matter={"url": "https://example.com/騰訊"},
        script="hant",
    )
    assert front_matter_url(article.front_matter) == "https://example.com/騰訊"
    assert article_citation(Source.of(article), simplified=True).endswith(
        "，https://example.com/騰訊"
    )


def test_quotation_marks_follow_the_script() -> None:
    simplified = quotation_citation("騰訊說“很好”。", SOURCE, simplified=True)
    assert simplified.startswith("“腾讯说‘很好’。”（《巨额斥资研发")
    original = quotation_citation("騰訊說“很好”。", SOURCE, simplified=False)
    assert original.startswith("「騰訊說『很好』。」（《巨額斥資研發")


def test_period_text_reads_in_a_sentence() -> None:
    assert period_text("2024") == "2024年"
    assert period_text("2025Q1") == "2025年第一季度"
    assert period_text("2025H2") == "2025年下半年"
    assert period_text("2025-03") == "2025年3月"
    assert period_text("FY2026Q1") == "2026财年第一季度"
    assert period_text("近期") == "近期"
    assert period_text(None) == ""


def test_first_use_writes_the_default_file_with_a_comment() -> None:
    path = config_path()
    assert not path.exists()
    config = load_config()
    assert path.read_text(encoding="utf-8") == DEFAULT_CONFIG
    assert path.read_text(encoding="utf-8").startswith("# jiedu citation templates")
    assert config.style == "plain" and not config.problems


def test_footnote_style_from_the_file() -> None:
    _write(config_path(), DEFAULT_CONFIG.replace("style: plain", "style: footnote"))
    config = load_config()
    assert not config.problems
    text = figure_citation(CAPEX, SOURCE, simplified=True, config=config)
    assert text == (
        "腾讯2024年资本开支767亿元[^3ca5f599]\n\n"
        "[^3ca5f599]: 《巨额斥资研发，腾讯如何砸穿AI天花板》，DoNews，2025-06-18，/clips/騰訊/003.txt"
    )


def test_a_good_user_template_is_used_and_converted_whole() -> None:
    _write(
        config_path(),
        "style: mine\nstyles:\n  mine:\n    figure: '{figure}，來源：{site}（{date}）'\n",
    )
    config = load_config()
    assert not config.problems
    assert figure_citation(CAPEX, SOURCE, simplified=True, config=config) == (
        "767亿元，来源：DoNews（2025-06-18）"
    )
    # the templates it does not set are the built-in ones
    assert article_citation(SOURCE, simplified=True, config=config).startswith("《巨额斥资研发")


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{figure}（{titel}）", "unknown field {titel}"),
        ("{figure", "expected '}'"),
        ("{figure}}", "Single '}'"),
        ("{figure!r}", "no format options"),
        ("{0}", "unknown field {0}"),
    ],
)
def test_a_broken_template_says_what_is_wrong_and_falls_back(template: str, expected: str) -> None:
    escaped = template.replace("'", "''")
    _write(config_path(), f"styles:\n  plain:\n    figure: '{escaped}'\n")
    config = load_config()
    assert len(config.problems) == 1
    assert expected in config.problems[0]
    assert "styles.plain.figure" in config.problems[0]
    assert config.templates["figure"].startswith("{company}{period}{metric}{figure}（")


def test_unreadable_yaml_and_unknown_style_fall_back_to_the_default() -> None:
    _write(config_path(), "style: [unclosed\n")
    config = load_config()
    assert config.problems and "cannot read" in config.problems[0]
    assert config.style == "plain"
    _write(config_path(), "style: apa\n")
    config = load_config()
    assert config.problems and "no style 'apa'" in config.problems[0]


def test_template_problem_accepts_every_known_field() -> None:
    assert template_problem("{company}{period}{metric}{figure}{quote}{key}{url}{path}") is None
    assert template_problem(["not", "text"]) is not None


def test_render_drops_empty_fields_at_the_start_of_brackets() -> None:
    values = {"title": "T", "site": None, "date": "2025-01-01"}
    assert render("（{site}，{title}）", values, "hans") == "（T）"
    assert render("{site} · {date}", values, "hans") == "2025-01-01"


BODY = (
    "## 一、研發\n\n"
    "騰訊全年研發投入706.9億元，資本開支突破767億元（同比激增221%）。"
    "**淨利潤**增長68%！更多見[官網](https://www.tencent.com)。\n\n"
    "> 第二段。\n"
)


def test_quotation_is_the_sentence_of_a_figure_without_markup() -> None:
    start = BODY.index("767")
    assert (
        quotation_text(BODY, start, start + 5, sentence=True)
        == "騰訊全年研發投入706.9億元，資本開支突破767億元（同比激增221%）。"
    )
    start = BODY.index("68%")
    assert quotation_text(BODY, start, start + 3, sentence=True) == "淨利潤增長68%！"


def test_quotation_of_a_paragraph_is_all_of_it_as_plain_text() -> None:
    start = BODY.index("767")
    text = quotation_text(BODY, start, start + 5, sentence=False)
    assert text.startswith("騰訊全年研發投入") and text.endswith("更多見官網。")
    assert "**" not in text and "](" not in text
    assert quotation_text(BODY, BODY.index("第二段"), BODY.index("第二段"), sentence=False) == (
        "第二段。"
    )


def test_quote_for_takes_figure_then_match_then_the_first_paragraph_on_screen() -> None:
    figure = BODY.index("68%")
    assert quote_for(BODY, figure=(figure, figure + 3)) == "淨利潤增長68%！"
    match = BODY.index("官網")
    assert quote_for(BODY, match=(match, match + 2)).startswith("騰訊全年研發投入")
    # from the top: the heading is skipped
    assert quote_for(BODY).startswith("騰訊全年研發投入")
    assert quote_for(BODY, offset=BODY.index("> 第二段")) == "第二段。"
    assert quote_for("## 只有标题\n") == ""
