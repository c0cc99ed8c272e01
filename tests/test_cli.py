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


# -- one-line errors, quiet segmenter, progress only on a terminal -----------------

REPO = Path(__file__).resolve().parent.parent
SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


def _run(*args: str, env_home: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "JIEDU_HOME": str(env_home), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,  # type: ignore[arg-type]
    )


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "Traceback" not in err
    assert lines[0].startswith("jiedu: ")
    return lines[0]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: Path("/dev/null"), "not a regular file"),
        (lambda tmp: _not_a_dir(tmp) / "lib.sqlite3", "not a directory"),
    ],
)
def test_bad_library_is_one_line(tmp_path: Path, jiedu_home: Path, make, words: str) -> None:
    import hashlib

    before = hashlib.sha256(SEED.read_bytes()).hexdigest()
    library = make(tmp_path)
    result = _run("export", "--library", str(library), str(SEED), env_home=jiedu_home)
    line = _one_line(result.stderr)
    assert words in line and str(library) in line, line
    assert result.returncode == 2 and result.stdout == ""
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("kind", ["file", "dir"])
def test_read_only_library_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """Read-only as seen by the process (simulated: the tests may run as root)."""
    import os

    from tui.cli import common

    target_dir = tmp_path / "ro"
    target_dir.mkdir()
    library = target_dir / "lib.sqlite3"
    if kind == "file":
        library.write_bytes(b"")
    read_only = library if kind == "file" else target_dir
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        if Path(str(path)) == read_only and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(common.os, "access", access)
    assert main(["export", "--library", str(library), str(SEED)]) == 2
    captured = capsys.readouterr()
    line = _one_line(captured.err)
    assert "read-only" in line and str(library) in line
    assert captured.out == ""


def _not_a_dir(tmp: Path) -> Path:
    path = tmp / "plain-file"
    path.write_text("x", encoding="utf-8")
    return path


def test_missing_path_is_one_line(tmp_path: Path, jiedu_home: Path) -> None:
    missing = tmp_path / "no such dir"
    result = _run(
        "export", "--library", str(tmp_path / "l.sqlite3"), str(missing), env_home=jiedu_home
    )
    assert result.returncode == 2
    assert f"{missing}: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
    result = _run("read", str(missing), env_home=jiedu_home)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{missing}: no such file or directory" in result.stderr


def test_clean_prints_only_the_article(jiedu_home: Path) -> None:
    result = _run("clean", str(SEED), env_home=jiedu_home)
    assert result.returncode == 0
    assert result.stdout.startswith("---\n") and "title:" in result.stdout
    assert "prefix dict" not in result.stderr and "Loading model" not in result.stderr
    assert "Traceback" not in result.stderr


def test_export_piped_shows_no_progress(tmp_path: Path, jiedu_home: Path) -> None:
    result = _run(
        "export", "--library", str(tmp_path / "l.sqlite3"), str(SEED), env_home=jiedu_home
    )
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)[0]["source_path"] == str(SEED.resolve())


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from tui.cli import common

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr(sys, "stderr", fake)
    with common.progress_bar("importing") as update:
        for done in range(1, 4):
            update(done, 3, "importing")
    assert "importing" in fake.getvalue() and "3/3" in fake.getvalue()
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with common.progress_bar("importing") as update:
        update(1, 3, "importing")
    assert piped.getvalue() == ""
