"""Shared fixtures: every test gets its own JIEDU_HOME so no user files are touched."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def jiedu_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("jiedu_home")
    monkeypatch.setenv("JIEDU_HOME", str(home))
    return home


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
