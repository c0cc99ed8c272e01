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


def test_derived_tables_are_bundled_and_current(jiedu_home: Path) -> None:
    """A first start reads the bundled tables (no seconds of recomputing them), and
    they are what computing them again gives for the jieba that is installed."""
    from tui.clean.mojibake import model as mojibake_model
    from tui.lang import tags
    from tui.text import data

    assert not (jiedu_home / "cache" / "mojibake_chars.json").exists()
    key = f"{jieba.__version__}:default"
    bundled = data.derived("mojibake_chars.json", key)
    assert bundled is not None, "tui/data/derived/mojibake_chars.json is stale: regenerate it"
    counts: dict[str, int] = {}
    with dictionary.stock().get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 2 and parts[1].isdigit():
                for ch in parts[0]:
                    counts[ch] = counts.get(ch, 0) + int(parts[1])
    assert bundled["chars"] == counts
    assert mojibake_model._char_counts(dictionary.stock()) == counts
    idf, median = tags._idf_table()
    table, full_median = tags._read_idf()
    assert median == full_median
    assert idf == {w: table[w] for w in tags.vocabulary().keywords if w in table}
    assert not (jiedu_home / "cache" / "tags_idf.json").exists()  # read from the bundle


def test_a_derived_table_with_another_key_is_not_used(jiedu_home: Path) -> None:
    from tui.text import data

    data.keep_derived("example.json", "old-key", {"value": 1})
    assert data.derived("example.json", "old-key") == {"key": "old-key", "value": 1}
    assert data.derived("example.json", "new-key") is None
