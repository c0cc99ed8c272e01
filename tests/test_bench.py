"""The benchmark's parts: the synthetic library, the statistics, the reader driver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tui.cli.bench import Row, table
from tui.store import synthetic
from tui.text.script import HANT, detect_script

REPO = Path(__file__).resolve().parent.parent


def test_synthetic_articles_vary_and_repeat() -> None:
    texts = [synthetic.article_text(i) for i in range(40)]
    assert texts == [synthetic.article_text(i) for i in range(40)]  # deterministic
    assert len(set(texts)) == 40
    scripts = {detect_script(t) for t in texts}
    assert HANT in scripts and len(scripts) == 2  # both scripts
    typical = sorted(len(t) for t in texts)[20]
    assert 5_000 <= typical <= 12_000
    long_text = synthetic.article_text(synthetic.LONG_EVERY - 1)
    assert 180_000 <= len(long_text) <= 280_000


def test_synthetic_articles_do_not_depend_on_the_hash_seed() -> None:
    """The same index gives the same text in every process (sets of names are
    ordered by the hash seed: the company swaps must not follow it)."""
    code = (
        "import hashlib; from tui.store import synthetic; "
        "print(hashlib.sha256(''.join(synthetic.article_text(i) for i in range(12))"
        ".encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert len(digests) == 1


def test_write_library(tmp_path: Path) -> None:
    written = synthetic.write_library(tmp_path, 150, long_every=0)
    assert len(written) == 150 and all(p.is_file() for p in written)
    assert len({p.parent for p in written}) == 2  # 100 to a folder


def test_row_statistics_and_table() -> None:
    row = Row("search", "<= 100 ms p95", [0.01 * i for i in range(1, 21)])
    assert abs((row.median or 0) - 0.105) < 1e-9
    assert abs((row.p95 or 0) - 0.19) < 1e-9
    assert row.to_dict()["runs"] == 20
    text = table([row, Row("import", "", [52.0], "articles/s")], {"articles": 10, "runs": 1})
    assert "105.0 ms" in text and "190.0 ms" in text and "52.0 articles/s" in text


def test_reader_driver_minimal_app(jiedu_home: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "JIEDU_HOME": str(jiedu_home)}
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli.bench_reader", "minimal", repr(t0)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(done.stdout)
    assert 0 < result["to_list"] < time.time() - t0 + 1


def test_reader_keys_are_timed_to_the_last_paint_never_less_than_waited() -> None:
    from tui.cli.bench_reader import Paints

    class App:
        def __init__(self) -> None:
            self.shown: list[object] = []

        def _display(self, screen: object, renderable: object) -> None:
            self.shown.append(renderable)

    app = App()
    paints = Paints(app)
    start = time.perf_counter()
    app._display(None, None)  # nothing to update: not a paint
    assert app.shown == [None]
    waited = time.perf_counter() - start
    assert paints.since(start) >= waited  # nothing painted since: the time waited
    app._display(None, "update")
    painted = time.perf_counter() - start
    time.sleep(0.01)
    assert app.shown == [None, "update"]
    assert 0 < paints.since(start) <= painted  # to the end of the paint, not to now


def test_grown_library_has_real_files_the_recheck_finds_unchanged(tmp_path: Path) -> None:
    """``bench --grow-from``: copies are stored with files whose stat matches, so a
    start-up re-check of the corpus finds nothing new, changed or missing."""
    from tui.cli.bench_facts import grow
    from tui.store.library import Library

    corpus = tmp_path / "corpus"
    synthetic.write_library(corpus, 3)
    seed = tmp_path / "seed.sqlite3"
    with Library(seed) as lib:
        assert lib.sync([corpus]).added == 3
    grown = tmp_path / "grown.sqlite3"
    grow(seed, grown, 8, files=corpus / "grown")
    with Library(grown) as lib:
        articles = lib.all_articles()
        assert len(articles) == 8
        assert all(Path(a.source_path).is_file() for a in articles)
        changes = lib.changed_files([corpus])
    assert len(changes.unchanged) == 8
    assert not (changes.new or changes.changed or changes.missing or changes.errors)


def test_reader_start_waits_for_widgets_that_have_not_passed_their_repaint_on() -> None:
    # A list given its rows marks itself for a repaint and tells the screen only at
    # its next idle: a screen whose own flags are clear has not drawn it yet.
    from types import SimpleNamespace

    from tui.cli.bench_reader import _drawn

    widget = SimpleNamespace(_repaint_required=False, _layout_required=False)
    screen = SimpleNamespace(
        _layout_required=False,
        _repaint_required=False,
        _dirty_widgets=set(),
        walk_children=lambda: [widget],
    )
    assert _drawn(screen)
    widget._repaint_required = True
    assert not _drawn(screen)
    widget._repaint_required, widget._layout_required = False, True
    assert not _drawn(screen)
    widget._layout_required = False
    screen._dirty_widgets = {"the list"}
    assert not _drawn(screen)
