"""The SQLite library: incremental sync, re-cleaning, errors, search, atomicity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.store import library as library_mod
from tui.store.library import Library, SyncProgress
from tui.text import versions


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(seeds_dir, root)
    return root


def test_sync_imports_then_skips_unchanged(tmp_path: Path, corpus: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    seen: list[SyncProgress] = []
    first = lib.sync([corpus], progress=seen.append)
    assert (first.added, first.updated, first.unchanged) == (5, 0, 0)
    # One report before cleaning starts (what is left is known), then one per file.
    assert [p.done for p in seen] == [0, 1, 2, 3, 4, 5] and seen[-1].total == 5
    assert seen[0].total == 5 and seen[0].path == ""
    second = lib.sync([corpus])
    assert (second.added, second.updated, second.unchanged) == (0, 0, 5)
    assert len(lib.list_articles([corpus])) == 5


def test_changed_file_is_recleaned(tmp_path: Path, corpus: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.sync([corpus])
    target = corpus / "000_bc5b90311bd27876.txt"
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\n新增的一段话，内容不同。\n", "utf-8"
    )
    report = lib.sync([corpus])
    assert (report.updated, report.unchanged) == (1, 4)
    article = next(a for a in lib.all_articles([target]))
    assert "新增的一段话" in article.body


def test_new_cleaner_version_recleans(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.sync([corpus])
    monkeypatch.setattr(versions, "CLEANER_VERSION", versions.CLEANER_VERSION + "-next")
    report = lib.sync([corpus])
    assert report.updated == 5


def test_bad_file_is_reported_and_rest_imported(tmp_path: Path, corpus: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary\x00" * 50)
    before = (corpus / "broken.txt").read_bytes()
    lib = Library(tmp_path / "lib.sqlite3")
    report = lib.sync([corpus, tmp_path / "missing.txt"])
    assert report.added == 5
    reasons = {Path(e.path).name: e.reason for e in report.errors}
    assert set(reasons) == {"broken.txt", "missing.txt"}
    assert all(reasons.values())
    assert (corpus / "broken.txt").read_bytes() == before


def test_sources_are_never_modified(tmp_path: Path, corpus: Path) -> None:
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.iterdir()}
    Library(tmp_path / "lib.sqlite3").sync([corpus])
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.iterdir()}
    assert before == after


def test_search_finds_either_script(tmp_path: Path, corpus: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.sync([corpus])
    simplified = set(lib.search("腾讯"))
    traditional = set(lib.search("騰訊"))
    assert simplified == traditional
    assert len(simplified) >= 4
    assert lib.search("这个词肯定不存在于任何文章") == []


def test_crash_mid_import_keeps_previous_library(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lib.sqlite3"
    lib = Library(path)
    lib.sync([corpus])
    before = {r.id: r.title for r in lib.list_articles()}
    lib.close()

    calls = {"n": 0}
    real_write = Library._write_article

    def failing_write(self: Library, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # simulated crash in the middle of the import
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "_write_article", failing_write)
    monkeypatch.setattr(versions, "CLEANER_VERSION", "crash-test")
    lib2 = Library(path)
    with pytest.raises(KeyboardInterrupt):
        lib2.sync([corpus])
    lib2.close()
    monkeypatch.undo()
    lib3 = Library(path)
    after = {r.id: r.title for r in lib3.list_articles()}
    assert after.keys() == before.keys()
    assert lib3.get_article(next(iter(after))) is not None


def test_parallel_sync_matches_serial(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00binary\x00" * 50)
    serial = Library(tmp_path / "serial.sqlite3")
    serial_report = serial.sync([corpus], workers=1)
    monkeypatch.setattr("tui.store.workers.PARALLEL_MIN", 2)
    seen: list[tuple[int, int, bool]] = []
    parallel = Library(tmp_path / "parallel.sqlite3")
    report = parallel.sync(
        [corpus], lambda p: seen.append((p.done, p.total, bool(p.path))), workers=2
    )
    assert (report.added, len(report.errors)) == (serial_report.added, 1) == (5, 1)
    # The broken file is read, like the others, where it is cleaned (a worker): it
    # is reported with the same path and reason as in process.
    assert report.errors == serial_report.errors
    error = report.errors[0]
    assert error.path.endswith("broken.txt") and error.reason == "binary data: contains NUL bytes"
    # One report before the cleaning starts (no path), then one step per file
    # stored or reported, in order of count.
    assert seen == [(0, 6, False)] + [(n, 6, True) for n in range(1, 7)]
    assert {a.id: a.body for a in parallel.all_articles()} == {
        a.id: a.body for a in serial.all_articles()
    }
    assert [g.members for g in parallel.facts()] == [g.members for g in serial.facts()]


def test_new_figures_version_recleans(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.sync([corpus])
    monkeypatch.setattr(versions, "FIGURES_VERSION", versions.FIGURES_VERSION + "-next")
    assert lib.sync([corpus]).updated == 5


def test_pipeline_version_follows_the_data_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.text import paths as app_paths

    data = tmp_path / "data"
    shutil.copytree(app_paths.data_file(""), data)
    monkeypatch.setattr(app_paths, "data_file", lambda name: data / name)
    before = library_mod.pipeline_version()
    assert library_mod.pipeline_version() == before
    companies = data / "companies.yaml"
    companies.write_text(companies.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    assert library_mod.pipeline_version() != before


def test_empty_file_is_reported_not_imported(tmp_path: Path, corpus: Path) -> None:
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "blank.txt").write_bytes(b"  \r\n\n\t\n")
    lib = Library(tmp_path / "lib.sqlite3")
    report = lib.sync([corpus])
    assert report.added == 5
    reasons = {Path(e.path).name: e.reason for e in report.errors}
    assert set(reasons) == {"empty.md", "blank.txt"}
    assert all("empty file" in reason for reason in reasons.values())
    assert {r.title for r in lib.list_articles()}.isdisjoint({"empty", "blank"})
