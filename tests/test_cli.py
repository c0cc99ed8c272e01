"""The command line: --help, --version, clean, export and error reporting."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli.main import main

EXPORT_FIELDS = {
    "id",
    "source_path",
    "title",
    "date",
    "site",
    "author",
    "tags",
    "companies",
    "body",
    "figures",
}


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    for command in ("clean", "export"):
        assert command in help_text


def test_export_json_has_the_promised_fields(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["export", "--format", "json", "--library", str(tmp_path / "l.db")])
    assert status == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 5
    for record in records:
        assert set(record) == EXPORT_FIELDS
        assert record["title"] and record["body"]
        assert record["date"] is None or len(record["date"]) == 10
        assert isinstance(record["tags"], list) and isinstance(record["figures"], list)
    names = {Path(r["source_path"]).name for r in records}
    assert names == {p.name for p in seeds_dir.iterdir()}


def test_export_jsonl_and_md(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "l.db")
    assert main(["export", "--format", "jsonl", "--library", lib]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(json.loads(line)["id"] for line in lines)
    assert main(["export", "--format", "md", "--library", lib]) == 0
    assert capsys.readouterr().out.count("\ntitle: ") + 1 >= 5


def test_bad_file_reported_rest_exported(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    bad = corpus / "zz_bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    status = main(["export", "--library", str(tmp_path / "l.db"), str(corpus)])
    captured = capsys.readouterr()
    assert status == 1
    assert len(json.loads(captured.out)) == 5
    assert str(bad) in captured.err


def test_clean_reads_stdin_and_file(tmp_path: Path) -> None:
    text = "---\ntitle: 测试标题\ndate: 2025-03-01\n---\n\n腾讯今年的研发投入继续增加。\n"
    source = tmp_path / "a.md"
    source.write_text(text, encoding="utf-8")
    run = [sys.executable, "-m", "tui", "clean"]
    from_file = subprocess.run([*run, str(source)], capture_output=True, text=True, check=True)
    from_stdin = subprocess.run([*run, "-"], input=text, capture_output=True, text=True, check=True)
    for out in (from_file.stdout, from_stdin.stdout):
        assert out.startswith("---\n")
        assert "测试标题" in out and "腾讯今年的研发投入继续增加" in out
        assert "2025-03-01" in out


def test_clean_missing_file_fails_with_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "clean", str(missing)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert str(missing) in result.stderr


def test_clean_empty_file_fails_with_path_and_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\n \n")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "clean", str(empty)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert str(empty) in result.stderr and "empty file" in result.stderr
