"""The figure table: library-wide figure query, list rows, re-check of files."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tui.store.figure_index import period_forms
from tui.store.library import Library, pipeline_version
from tui.store.synthetic_articles import build_library, make_articles
from tui.text.models import Article, Figure


def _fig(text: str, start: int, **fields: object) -> Figure:
    defaults: dict[str, object] = {"kind": "money", "value": 1.0, "unit": "CNY"}
    defaults.update(fields)
    return Figure(text=text, start=start, end=start + len(text), **defaults)  # type: ignore[arg-type]


def _library(tmp_path: Path) -> Library:
    body = "阿里巴巴2025年第一季度资本开支为386亿元。腾讯营收为1800亿元。"
    ali = Article(
        id="ali",
        source_path="/a.md",
        title="大厂财报解读",
        body=body,
        date="2025-05-20",
        site="36氪",
        figures=[
            _fig(
                "386亿元", 16, metric="资本开支", company="阿里巴巴", period="2025Q1", value=386e8
            ),
            _fig("1800亿元", 29, metric="营收", company="腾讯", period="2025Q1", value=1800e8),
        ],
    )
    aws = Article(
        id="aws",
        source_path="/b.md",
        title="雲端競賽",
        body="AWS第二季度營收為308億美元。",
        date="2025-08-01",
        site="虎嗅",
        script="hant",
        figures=[
            _fig("308億美元", 11, metric="营收", company="亚马逊", period="2025Q2", unit="USD"),
        ],
    )
    lib = Library(tmp_path / "lib.sqlite3")
    for article in (ali, aws):
        lib._store(article, "v", 0, 0)
    return lib


def _texts(lib: Library, words: str | list[str]) -> list[str]:
    return [row.text for row in lib.query_figures(words)]


def test_every_word_must_match_company_metric_period_number_or_title(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    assert _texts(lib, "阿里 资本开支") == ["386亿元"]
    assert _texts(lib, "Alibaba 資本開支") == ["386亿元"]  # alias, other script
    assert _texts(lib, "阿里巴巴 2025Q1") == ["386亿元"]
    assert _texts(lib, "阿里巴巴 2025年一季度") == ["386亿元"]
    assert _texts(lib, ["腾讯", "2025年第一季度"]) == ["1800亿元"]
    assert _texts(lib, "386") == ["386亿元"]
    assert _texts(lib, "308亿") == ["308億美元"]  # the number as written, either script
    assert _texts(lib, "营收") == ["308億美元", "1800亿元"]  # newest article first
    assert _texts(lib, "雲端 营收") == ["308億美元"]  # title word
    assert _texts(lib, "财报解读") == ["386亿元", "1800亿元"]
    assert _texts(lib, "财报 营收") == ["1800亿元"]  # title word and metric
    assert _texts(lib, "阿里 营收") == []
    assert _texts(lib, "阿里巴巴 2025Q2") == []
    assert _texts(lib, "不存在的词") == []
    assert lib.query_figures("") == []
    row = lib.query_figures("AWS")[0] if lib.query_figures("AWS") else None
    assert row is None or row.company == "亚马逊"
    first = lib.query_figures("资本开支")[0]
    assert (first.article_id, first.title, first.site, first.date) == (
        "ali",
        "大厂财报解读",
        "36氪",
        "2025-05-20",
    )
    assert first.figure().metric == "资本开支"
    assert (first.index, first.script) == (0, "hans")
    tencent = lib.query_figures("1800")[0]
    assert tencent.index == 1 and tencent.figure() == lib.get_article("ali").figures[1]  # type: ignore[union-attr]
    assert lib.query_figures("308")[0].script == "hant"
    assert len(lib.query_figures("营收", limit=1)) == 1


def test_query_follows_changes_and_removals(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    article = lib.get_article("ali")
    assert article is not None
    article.figures = article.figures[:1]
    lib._store(article, "v", 1, 1)
    assert _texts(lib, "腾讯 营收") == []
    lib.remove(["/b.md"])
    assert _texts(lib, "营收") == []
    assert [r.id for r in lib.list_rows()] == ["ali"]


def test_period_forms() -> None:
    assert "2025年一季度" in period_forms("2025Q1")
    assert "2025年第一季度" in period_forms("2025Q1")
    assert "2025年上半年" in period_forms("2025H1")
    assert "2026财年第一季度" in period_forms("FY2026Q1")
    assert "2025年3月" in period_forms("2025-03")
    assert period_forms(None) == []


def test_list_rows_and_list_articles(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    (sources / "sub").mkdir(parents=True)
    lib = build_library(tmp_path / "lib.sqlite3", 6, sources=sources)
    rows = lib.list_rows()
    assert len(rows) == 6
    assert [r.date or "" for r in rows] == sorted((r.date or "" for r in rows), reverse=True)
    article = lib.get_article(rows[0].id)
    assert article is not None
    assert rows[0].figure_count == len(article.figures) > 0
    assert rows[0].companies == article.companies and rows[0].tags == article.tags
    assert lib.list_articles() == rows
    assert lib.list_articles([sources]) == rows
    one = Path(rows[2].source_path)
    assert lib.list_articles([one]) == [rows[2]]
    assert lib.list_articles([sources / "sub"]) == []
    # The first rows of the same lists, and how many rows each has.
    assert lib.first_rows(None, 4) == (rows[:4], 6)
    assert lib.first_rows([sources], 2) == (rows[:2], 6)
    assert lib.first_rows([sources], 10) == (rows, 6)
    assert lib.first_rows([one, rows[4].source_path], 1) == ([rows[2]], 2)
    assert lib.first_rows([sources / "sub"], 3) == ([], 0)
    assert lib.first_rows([sources, one, sources / "sub"], 1) == ([rows[0]], 6)  # each once
    lib.close()


def test_changed_files(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    lib = build_library(tmp_path / "lib.sqlite3", 5, sources=sources)
    files = sorted(sources.iterdir())
    changes = lib.changed_files([sources])
    assert (changes.new, changes.changed, changes.missing) == ([], [], [])
    assert sorted(changes.unchanged) == sorted(r.id for r in lib.list_rows())
    (sources / "new.md").write_text("# 新文章\n\n内容。\n", "utf-8")
    (sources / "ignored.pdf").write_bytes(b"%PDF")
    later = time.time_ns() + 10**9
    os.utime(files[0], ns=(later, later))
    files[1].unlink()
    changes = lib.changed_files([sources])
    assert changes.new == [str(sources / "new.md")]
    assert changes.changed == [str(files[0])]
    assert changes.missing == [os.path.realpath(files[1])]
    assert len(changes.unchanged) == 3
    assert changes.to_read == changes.new + changes.changed
    assert len(lib.changed_files([sources], version="other").changed) == 4
    missing = lib.changed_files([tmp_path / "nope"])
    assert [e.path for e in missing.errors] == [str(tmp_path / "nope")]
    lib.close()


def test_figures_of_a_generated_library_are_all_indexed(tmp_path: Path) -> None:
    articles = list(make_articles(20, seed=4))
    with Library(tmp_path / "lib.sqlite3") as lib:
        for article in articles:
            lib._store(article, pipeline_version(), 0, 0, refresh=False)
        total = sum(len(a.figures) for a in articles)
        assert len(lib.figure_rows()) == total
        for article in articles[:5]:
            figure = article.figures[0]
            rows = lib.query_figures([figure.text, article.title])
            assert any(r.article_id == article.id and r.start == figure.start for r in rows)


def test_query_without_fts_parentheses(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """SQLite builds without the enhanced query syntax intersect one query per word."""
    from tui.store import figure_index

    monkeypatch.setattr(figure_index, "_parentheses", lambda conn: False)
    test_every_word_must_match_company_metric_period_number_or_title(tmp_path)
