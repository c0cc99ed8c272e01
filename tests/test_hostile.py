"""A hostile-input corpus made by the tests: every entry gives a good article or
one clear line naming the file and the reason, and the rest of the import
completes. The source files are hashed before and after: never changed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.clean import loading
from tui.clean.loading import LoadError, iter_source_files, path_text
from tui.store.library import Library

REPO = Path(__file__).resolve().parent.parent
SEED = sorted((REPO / "seeds").glob("*.txt"))[2]  # a Simplified seed
BAD_NAME = os.fsdecode(b"bad-\xff\xfe-name.txt")  # not valid UTF-8
DEPTH = 60


def _hashes(root: Path) -> dict[bytes, str]:
    """sha256 of every regular file under root (links not followed), by raw path."""
    found = {}
    for directory, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as handle:
                found[os.fsencode(path)] = hashlib.sha256(handle.read()).hexdigest()
    return found


def _make_corpus(root: Path) -> dict[str, str]:
    """Write the corpus; return {escaped path: expected outcome} (the stored source
    of a file is ``_source(root, escaped path)``).

    Outcome: "article", or a word the one-line reason must contain.
    """
    text = SEED.read_text(encoding="utf-8")
    expect: dict[str, str] = {}

    def put(rel: str, data: bytes, outcome: str) -> Path:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[path_text(path)] = outcome
        return path

    put("good.txt", text.encode("utf-8"), "article")
    put("empty.txt", b"", "empty")
    put("blank.md", b"  \n\t\n \n", "empty")
    put("binary.txt", bytes(range(256)) * 40 + b"\x00\x00\x89PNG\r\n", "binary")
    put("utf16-bom.txt", text.encode("utf-16"), "article")
    put("utf16-nobom.txt", text.encode("utf-16-le"), "article")
    broken = "---\ntitle: [unclosed\ndate: 2025-13-45T99:00:00+73:00\ntags: {a: \n---\n\n"
    put("broken-yaml.md", (broken + text).encode("utf-8"), "article")
    deep = "/".join(f"d{i}" for i in range(DEPTH))
    put(f"{deep}/deep.txt", text.encode("utf-8"), "article")
    put("中文 目录/文章 一 two.txt", text.encode("utf-8"), "article")
    put(BAD_NAME, text.encode("gb18030"), "article")
    put("picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "skipped")
    put("big.txt", ("大" * 12_000).encode("utf-8"), "too large")
    unreadable = put("unreadable.txt", text.encode("utf-8"), "unreadable-or-article")
    unreadable.chmod(0)

    loops = root / "loops"
    loops.mkdir()
    (loops / "up").symlink_to("..")  # a directory link back to an ancestor
    expect[path_text(loops / "up")] = "loop"
    (loops / "a.txt").symlink_to("b.txt")
    (loops / "b.txt").symlink_to("a.txt")
    expect[path_text(loops / "a.txt")] = "loop"
    expect[path_text(loops / "b.txt")] = "loop"
    (root / "dangling.txt").symlink_to("nowhere/missing.txt")
    expect[path_text(root / "dangling.txt")] = "dangling"
    os.mkfifo(root / "pipe.txt")
    expect[path_text(root / "pipe.txt")] = "not a regular file"
    return expect


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "hostile corpus"
    expect = _make_corpus(root)
    monkeypatch.setenv(loading.MAX_FILE_ENV, "0.03")  # 30 KB: big.txt (36 KB) is over
    return root, expect


def _source(root: Path, shown: str) -> str:
    """The stored source path of a corpus file named (escaped) ``shown``."""
    rel = shown[len(path_text(root)) + 1 :]
    raw = root / (os.fsdecode(b"bad-\xff\xfe-name.txt") if "\\xff" in rel else rel)
    return path_text(raw.resolve())


def _can_read(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return True
    except PermissionError:
        return False


def test_discovery_reports_every_entry(corpus: tuple[Path, dict[str, str]]) -> None:
    root, expect = corpus
    before = _hashes(root)
    items = list(iter_source_files([root]))
    files = {path_text(i) for i in items if isinstance(i, Path)}
    errors: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, LoadError):
            errors.setdefault(item.path, []).append(item.reason)
    # every entry is either read or reported once; nothing silently dropped
    for path, _outcome in expect.items():
        if path.endswith("/loops/up"):
            continue  # the loop is reported where the walk meets the directory again
        assert (path in files) != (path in errors), path
        if path in errors:
            assert len(errors[path]) == 1, errors[path]
    assert any("loop" in reason[0] for path, reason in errors.items() if "loops" in path)
    assert path_text(root / BAD_NAME) in files
    assert "\\xff\\xfe" in path_text(root / BAD_NAME)
    assert any(p.endswith("/deep.txt") for p in files)
    assert "dangling symbolic link" in errors[path_text(root / "dangling.txt")][0]
    assert "too large" in errors[path_text(root / "big.txt")][0]
    assert loading.MAX_FILE_ENV in errors[path_text(root / "big.txt")][0]
    assert "not a type jiedu reads" in errors[path_text(root / "picture.png")][0]
    assert _hashes(root) == before


def test_import_gives_article_or_one_line_per_file(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process, an unreadable file is simulated when running as root."""
    root, expect = corpus
    before = _hashes(root)
    unreadable = root / "unreadable.txt"
    real_read = loading._read_bytes

    def read_bytes(path: Path) -> bytes:
        if Path(path) == unreadable:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(loading, "_read_bytes", read_bytes)
    with Library(tmp_path / "lib.sqlite3") as lib:
        report = lib.sync([root])
        stored = {r.source_path: r for r in lib.list_articles()}
    reasons: dict[str, list[str]] = {}
    for error in report.errors:
        reasons.setdefault(error.path, []).append(error.reason)
    for path, outcome in expect.items():
        if outcome == "article":
            source = _source(root, path)
            assert source in stored, (path, reasons.get(path))
            assert stored[source].title.strip()
        elif outcome == "unreadable-or-article":
            assert reasons[path] == ["permission denied (unreadable)"]
        elif not path.endswith("/loops/up"):
            assert len(reasons.get(path, [])) == 1, (path, reasons.get(path))
            assert outcome.split("-")[0] in reasons[path][0], reasons[path]
    assert report.added == sum(1 for o in expect.values() if o == "article")
    assert _hashes(root) == before


def test_cli_export_one_line_per_bad_file(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path, jiedu_home: Path
) -> None:
    root, expect = corpus
    before = _hashes(root)
    env = {**os.environ, "PYTHONPATH": str(REPO), "JIEDU_HOME": str(jiedu_home)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "export",
            "--format",
            "jsonl",
            "--library",
            str(tmp_path / "cli.sqlite3"),
            str(root),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=900,
    )
    err = result.stderr.decode("utf-8")
    assert "Traceback" not in err
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    sources = {r["source_path"] for r in records}
    lines = [line for line in err.splitlines() if line.strip()]
    assert all(line.startswith("jiedu: ") for line in lines), lines
    readable = _can_read(root / "unreadable.txt")
    for path, outcome in expect.items():
        if path.endswith("/loops/up"):
            continue
        mine = [line for line in lines if line.startswith(f"jiedu: {path}: ")]
        if outcome == "article" or (outcome == "unreadable-or-article" and readable):
            assert _source(root, path) in sources and not mine, (path, mine)
        else:
            word = "unreadable" if outcome.startswith("unreadable") else outcome
            assert len(mine) == 1 and word in mine[0], (path, mine)
    assert result.returncode == 1  # some files failed; the others were exported
    assert len(records) == sum(1 for o in expect.values() if o == "article") + readable
    assert _hashes(root) == before


def test_one_megabyte_line(tmp_path: Path, jiedu_home: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "")
    line = (text * (1_000_000 // len(text) + 1))[:1_000_000]
    path = tmp_path / "src" / "one line.txt"
    path.parent.mkdir()
    path.write_text(line, encoding="utf-8")
    before = _hashes(path.parent)
    with Library(tmp_path / "lib.sqlite3") as lib:
        report = lib.sync([path])
        articles = lib.all_articles()
    assert not report.errors and len(articles) == 1
    assert len(articles[0].body) > 500_000  # the text is kept, not dropped as junk
    assert _hashes(path.parent) == before
