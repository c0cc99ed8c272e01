"""jieba's dictionary is loaded from our pickle of it after the first run."""

from __future__ import annotations

from pathlib import Path

import jieba

from tui.text import dictionary


def test_pickled_dictionary_gives_the_same_frequencies(tmp_path: Path) -> None:
    stock = dictionary.stock()
    path = tmp_path / "jieba.pickle"
    dictionary._save_pickled(stock, path)
    fresh = jieba.Tokenizer()
    assert dictionary._load_pickled(fresh, path)
    assert fresh.initialized and fresh.total == stock.total
    assert fresh.FREQ == stock.FREQ
    assert list(fresh.cut("腾讯控股发布第三季度财报", HMM=False)) == list(
        stock.cut("腾讯控股发布第三季度财报", HMM=False)
    )


def test_a_damaged_pickle_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "jieba.pickle"
    path.write_bytes(b"\x80\x05not a pickle")
    fresh = jieba.Tokenizer()
    assert not dictionary._load_pickled(fresh, path)
    assert not fresh.initialized
    assert not dictionary._load_pickled(fresh, tmp_path / "missing.pickle")
