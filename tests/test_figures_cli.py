"""The ``figures`` and ``facts`` subcommands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.cli.figures import display_width, query_matches
from tui.cli.main import main
from tui.text.models import Figure

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("figures_cli") / "library.sqlite3")


def _paths() -> list[str]:
    return [str(p) for p in sorted(SEEDS.glob("00[234]_*.txt"))]


def _run(capsys: pytest.CaptureFixture[str], library: str, *args: str) -> str:
    assert main([*args, "--library", library, *_paths()]) == 0
    return capsys.readouterr().out


def test_figures_json_rows_carry_their_article(capsys, library) -> None:
    rows = json.loads(_run(capsys, library, "figures", "--format", "json"))
    assert len(rows) > 50
    first = rows[0]
    for field in ("title", "site", "date", "text", "kind", "value", "company", "period"):
        assert field in first
    assert {r["site"] for r in rows} >= {"第一财经", "OFweek 維科號"}  # its own script


def test_company_filter_takes_aliases_in_either_script(capsys, library) -> None:
    rows = json.loads(_run(capsys, library, "figures", "--company", "元寶", "--format", "json"))
    assert rows
    assert {r["company"] for r in rows} == {"腾讯"}


def test_query_matches_metric_in_either_script(capsys, library) -> None:
    rows = json.loads(_run(capsys, library, "figures", "--query", "資本開支", "--format", "json"))
    assert rows
    assert all(r["metric"] == "资本开支" for r in rows)
    assert "突破767亿元" in {r["text"] for r in rows}


def test_csv_and_md_and_table_formats(capsys, library) -> None:
    text = _run(capsys, library, "figures", "--query", "资本开支", "--format", "csv")
    reader = list(csv.DictReader(io.StringIO(text)))
    assert reader and reader[0]["metric"] == "资本开支"
    md = _run(capsys, library, "figures", "--query", "资本开支", "--format", "md")
    assert md.startswith("| date |")
    table = _run(capsys, library, "figures", "--query", "资本开支")
    assert table.splitlines()[0].split()[:3] == ["date", "site", "title"]


def test_facts_json_fields_and_statuses(capsys, library) -> None:
    groups = json.loads(_run(capsys, library, "facts", "--format", "json"))
    assert groups
    for group in groups:
        assert set(group) >= {"company", "metric", "period", "status", "members"}
        assert group["status"] in ("agree", "conflict")
        for member in group["members"]:
            assert set(member) >= {"source_path", "title", "text", "value", "start", "end"}
    capex = [g for g in groups if g["metric"] == "资本开支" and g["period"] == "2024"]
    assert any(len(g["members"]) >= 2 and g["status"] == "agree" for g in capex)
    # label conflicts (one number under two labels) are dated: undated figures join nothing
    labels = [g for g in groups if " / " in g["metric"]]
    assert all(g["status"] == "conflict" and g["period"] for g in labels)


def test_facts_markdown(capsys, library) -> None:
    md = _run(capsys, library, "facts", "--format", "md")
    assert "## 腾讯 · 资本开支 · 2024 · agree" in md


def test_query_words_must_all_match() -> None:
    figure = Figure(
        text="突破767億元",
        start=0,
        end=5,
        kind="money",
        value=7.67e10,
        metric="资本开支",
        company="腾讯",
    )
    assert query_matches(figure, "騰訊 资本")
    assert not query_matches(figure, "腾讯 营收")


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("腾讯ab") == 6


def test_query_words_naming_a_company_match_its_figures() -> None:
    figure = Figure(
        text="767亿元",
        start=0,
        end=5,
        kind="money",
        value=767e8,
        metric="资本开支",
        company="腾讯",
    )
    assert query_matches(figure, "Tencent 资本开支")
    assert query_matches(figure, "微信")
    assert not query_matches(figure, "Alibaba")


def test_metric_and_period_options_mean_what_lookup_words_mean(capsys, library) -> None:
    by_options = json.loads(
        _run(
            capsys,
            library,
            "figures",
            "--company",
            "Tencent",
            "--metric",
            "資本開支",
            "--period",
            "2024年",
            "--format",
            "json",
        )
    )
    by_words = json.loads(
        _run(capsys, library, "figures", "--query", "騰訊 资本开支 2024", "--format", "json")
    )
    assert by_options == by_words
    assert {r["text"] for r in by_options} >= {"突破767亿元", "221%"}
    assert {(r["company"], r["metric"], r["period"]) for r in by_options} == {
        ("腾讯", "资本开支", "2024")
    }


def test_a_year_takes_in_its_quarters(capsys, library) -> None:
    rows = json.loads(_run(capsys, library, "figures", "--period", "2025", "--format", "json"))
    periods = {r["period"] for r in rows}
    assert "2025Q1" in periods and all(p.startswith("2025") for p in periods)


def test_facts_take_the_same_options_and_formats(capsys, library) -> None:
    groups = json.loads(
        _run(capsys, library, "facts", "--query", "腾讯 资本开支", "--format", "json")
    )
    assert {(g["company"], g["metric"]) for g in groups} == {
        ("腾讯", "资本开支"),
        ("腾讯", "资本开支增速"),  # the group of its growth rates
    }
    conflicts_first = json.loads(_run(capsys, library, "facts", "--format", "json"))
    statuses = [g["status"] for g in conflicts_first]
    assert statuses == sorted(statuses, key=lambda s: s != "conflict")
    text = _run(capsys, library, "facts", "--company", "腾讯", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["company"] for r in rows} == {"腾讯"}
    assert set(rows[0]) == {
        "status",
        "company",
        "metric",
        "period",
        "text",
        "value",
        "title",
        "source_path",
    }
    table = _run(capsys, library, "facts", "--metric", "资本开支", "--format", "table")
    assert table.splitlines()[0].split() == [
        "status",
        "company",
        "metric",
        "period",
        "text",
        "title",
    ]
    assert "突破767亿元" in table
