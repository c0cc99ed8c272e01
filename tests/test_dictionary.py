"""jieba's dictionary as a bundled trie, and segmentation on it equal to jieba's."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from tui.lang import lexicon, segment
from tui.store.synthetic import iter_articles
from tui.text import dictionary

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_bundled_dictionary_is_what_a_fresh_build_gives(tmp_path: Path) -> None:
    """The files in tui/data/derived are current for the installed jieba (else
    every first start would build them: regenerate with ``dictionary.build``)."""
    bundled = dictionary._load(
        dictionary.bundled_directory(), dictionary.source_key(dictionary.source_file())
    )
    assert bundled is not None, "tui/data/derived/jieba-dict.* is stale: regenerate it"
    fresh = dictionary.build(dictionary.source_file(), tmp_path)
    assert (bundled.total, bundled.longest, bundled.tag_names) == (
        fresh.total,
        fresh.longest,
        fresh.tag_names,
    )
    assert bundled.median_idf == fresh.median_idf
    assert list(bundled) == list(fresh)
    assert bundled.tag_ids == fresh.tag_ids and bundled.idfs == fresh.idfs


def test_dictionary_answers_like_jiebas_frequencies() -> None:
    stock = dictionary.stock()
    jieba.dt.check_initialized()
    assert stock.total == jieba.dt.total
    for word in ("腾讯", "营收", "的", "人工智能", "资本开支", "不存在的词语"):
        assert stock.freq(word) == (jieba.dt.FREQ.get(word) or 0)
    assert stock.tag("腾讯") == "nz" or stock.tag("腾讯") is not None
    assert [w for w, _ in stock.words_at("人工智能公司", 0)] == ["人", "人工", "人工智能"]
    assert stock.idf("人工智能") != stock.median_idf
    assert stock.idf("不存在的词语") == stock.median_idf


def test_files_for_another_source_are_not_used(tmp_path: Path) -> None:
    dictionary.build(dictionary.source_file(), tmp_path)
    assert dictionary._load(tmp_path, "another-key") is None
    (tmp_path / "jieba-dict.freq").write_bytes(b"\x00" * 8)  # damaged: wrong length
    key = dictionary.source_key(dictionary.source_file())
    assert dictionary._load(tmp_path, key) is None


def _jieba_with_our_words() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    for word in lexicon.user_words():
        tok.add_word(word)
    return tok


@pytest.fixture(scope="module")
def jieba_tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(60)
    return _jieba_with_our_words()


def test_segmentation_equals_jiebas_on_seeds_and_generated_articles(
    jieba_tokenizer: jieba.Tokenizer,
) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts += [text for _, text in iter_articles(12)]
    texts += ["", " \r\n\t", "GPT-4o和Qwen3.5在2025年Q3发布，ＡＢＣ全角", "a1 b2_c3 100%增长"]
    ours = segment.segmenter()
    assert ours.total == jieba_tokenizer.total
    for text in texts:
        assert list(ours.tokenize(text)) == list(jieba_tokenizer.tokenize(text, HMM=False))


def test_added_words_get_jiebas_suggested_frequency(jieba_tokenizer: jieba.Tokenizer) -> None:
    ours = segment.segmenter()
    for word in lexicon.user_words()[:200]:
        assert ours.freq_get(word, 1) == jieba_tokenizer.FREQ[word]
    for prefix in ("阿", "人工智"):
        assert ours.freq_get(prefix, 1) == jieba_tokenizer.FREQ.get(prefix, 1)
    assert ours.freq_get("龘龘龘", 1) == 1


def test_derived_tables_are_bundled_and_current(jiedu_home: Path) -> None:
    """A first start reads the bundled tables (no seconds of recomputing them), and
    they are what computing them again gives for the jieba that is installed."""
    from tui.clean.mojibake import model as mojibake_model
    from tui.lang import tags
    from tui.text import data

    assert not (jiedu_home / "cache" / "mojibake_chars.json").exists()
    key = f"{dictionary.jieba_version()}:default"
    bundled = data.derived("mojibake_chars.json", key)
    assert bundled is not None, "tui/data/derived/mojibake_chars.json is stale: regenerate it"
    counts: dict[str, int] = {}
    for raw in dictionary.source_file().read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if len(parts) >= 2 and parts[1].isdigit():
            for ch in parts[0]:
                counts[ch] = counts.get(ch, 0) + int(parts[1])
    assert bundled["chars"] == counts
    assert mojibake_model._char_counts() == counts
    idf, median = tags._idf_table()
    table, full_median = dictionary.read_idf()
    assert median == full_median
    assert idf == {w: table[w] for w in tags.vocabulary().keywords if w in table}
    assert not (jiedu_home / "cache" / "tags_idf.json").exists()  # read from the bundle
    assert not list((jiedu_home / "cache").glob("jieba-dict.*"))  # the bundled trie


def test_a_derived_table_with_another_key_is_not_used(jiedu_home: Path) -> None:
    from tui.text import data

    data.keep_derived("example.json", "old-key", {"value": 1})
    assert data.derived("example.json", "old-key") == {"key": "old-key", "value": 1}
    assert data.derived("example.json", "new-key") is None


def test_pinyin_readings_are_bundled_and_current(jiedu_home: Path) -> None:
    """The pinyin check reads its table from the bundle (importing pypinyin costs a
    second), and the table is what pypinyin gives for every character it knows."""
    import importlib.metadata

    from tui.clean import pinyin
    from tui.text import data

    key = f"pypinyin {importlib.metadata.version('pypinyin')}"
    bundled = data.derived("pinyin_readings.json", key)
    assert bundled is not None, "tui/data/derived/pinyin_readings.json is stale: regenerate it"
    assert bundled["readings"] == pinyin.pypinyin_readings()
    assert set(pinyin._readings("行")) >= {"xing", "hang"}
    assert not (jiedu_home / "cache" / "pinyin_readings.json").exists()
