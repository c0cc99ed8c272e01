"""Several processes opening and importing into one new library at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tui.store.library import Library

ROUNDS = 6

WORKER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from tui.store.library import Library

    folder, start, rounds = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    out = []
    for r in range(rounds):
        while time.time() < start + 2.0 * r:  # both processes open each new library at once
            time.sleep(0.001)
        with Library(folder / f"lib{r}.sqlite3") as lib:
            report = lib.sync([folder / "corpus"])
            out.append([report.added + report.updated + report.unchanged, len(report.errors),
                        lib.notice])
    print(json.dumps(out))
    """
)


def _corpus(folder: Path) -> None:
    corpus = folder / "corpus"
    corpus.mkdir()
    for i, company in enumerate(["腾讯", "阿里巴巴", "百度"]):
        (corpus / f"{i}.md").write_text(
            f"# {company}第一季度财报\n\n{company}2025年第一季度营收为{1000 + i}亿元，"
            f"同比增长{10 + i}%。{company}资本开支为{200 + i}亿元。\n",
            "utf-8",
        )


def test_two_processes_import_into_one_new_library(tmp_path: Path) -> None:
    _corpus(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    start = time.time() + 8.0  # time for both interpreters to import the library
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path), repr(start), str(ROUNDS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    for per_round in results:
        assert per_round == [[3, 0, None]] * ROUNDS
    for r in range(ROUNDS):
        with Library(tmp_path / f"lib{r}.sqlite3") as lib:
            rows = lib.list_rows()
            assert len(rows) == 3
            assert len(lib.search("营收")) == 3
            revenue = [f for a in lib.all_articles() for f in a.figures if f.metric == "营收"]
            assert len(revenue) >= 3
            assert len(lib.query_figures("营收")) == len(revenue)
            incremental = lib.facts()
            assert lib.rebuild_facts() == len(incremental)
            assert lib.facts() == incremental
