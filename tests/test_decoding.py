"""Tests for tui.clean.decoding: UTF-8/UTF-16 with BOMs, GBK/Big5 detection, binary refusal."""

from __future__ import annotations

import codecs

import pytest

from tui.clean.decoding import DecodeError, decode_bytes
from tui.text.paths import seeds_dir

SEEDS = sorted(seeds_dir().glob("*.txt"))


def seed_text(number: str) -> str:
    path = next(p for p in SEEDS if p.name.startswith(number))
    return path.read_text(encoding="utf-8")


def test_plain_utf8() -> None:
    assert decode_bytes("腾讯，Tencent".encode()) == ("腾讯，Tencent", "utf-8")


def test_utf8_bom_is_removed() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + "標題".encode())
    assert (text, encoding) == ("標題", "utf-8-sig")


def test_empty_bytes_are_empty_text() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


def test_line_ends_are_left_alone() -> None:
    assert decode_bytes("第一行\r\n第二行\r第三行".encode("gbk"))[0] == "第一行\r\n第二行\r第三行"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    text = "大厂搞 AI，谁赚到钱了？\r\n第二行"
    data = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    decoded, encoding = decode_bytes(data)
    assert decoded == text
    assert encoding.startswith(codec[:6])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec: str) -> None:
    text = "腾讯发布财报\n营收增长 15%\n"
    assert decode_bytes(text.encode(codec)) == (text, codec)


SIMPLIFIED = [
    "中文",
    "你好",
    "公司",
    "腾讯财报",
    "从腾讯与阿里的财报电话会，看中国互联网大厂的AI进度",
    "阿里云收入同比增长18%，创三年最快增速。",
]
TRADITIONAL = [
    "中文",
    "資料",
    "香港",
    "台灣",
    "騰訊財報",
    "大模型下半場，騰訊手裡還有哪三張牌？",
    "巨額斥資研發，騰訊如何砸穿AI天花板",
]


@pytest.mark.parametrize("text", SIMPLIFIED + TRADITIONAL)
def test_short_gbk_samples(text: str) -> None:
    decoded, encoding = decode_bytes(text.encode("gbk"))
    assert decoded == text
    assert encoding in ("gbk", "gb18030")


@pytest.mark.parametrize("text", TRADITIONAL)
def test_short_big5_samples(text: str) -> None:
    decoded, encoding = decode_bytes(text.encode("big5"))
    assert decoded == text
    assert encoding in ("big5", "cp950", "big5hkscs")


def test_gb18030_only_characters() -> None:
    text = "吉野家的𠮷字不在GBK里，要用四字节编码。"
    decoded, encoding = decode_bytes(text.encode("gb18030"))
    assert (decoded, encoding) == (text, "gb18030")


def test_big5_hkscs_characters() -> None:
    text = "佢哋嘅公司今年賺咗好多錢，股價升咗一倍。"
    decoded, encoding = decode_bytes(text.encode("big5hkscs"))
    assert (decoded, encoding) == (text, "big5hkscs")


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("codec", ["gb18030", "utf-16", "utf-16-le"])
def test_seeds_round_trip(number: str, codec: str) -> None:
    text = seed_text(number)
    assert decode_bytes(text.encode(codec))[0] == text


@pytest.mark.parametrize("number", ["001", "003", "004"])
def test_traditional_seed_lines_in_big5(number: str) -> None:
    lines = []
    for line in seed_text(number).split("\n"):
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        lines.append(line)
    text = "\n".join(lines)
    assert decode_bytes(text.encode("big5"))[0] == text
    wrong = [
        line for line in lines if line.strip() and decode_bytes(line.encode("big5"))[0] != line
    ]
    assert wrong == []


@pytest.mark.parametrize("number", ["001", "002", "003"])
def test_every_seed_line_in_gbk(number: str) -> None:
    wrong = []
    for line in seed_text(number).split("\n"):
        try:
            data = line.encode("gbk")
        except UnicodeEncodeError:
            continue
        if line.strip() and decode_bytes(data)[0] != line:
            wrong.append(line)
    assert wrong == []


def test_western_text_falls_back_to_charset_detection() -> None:
    text = "Café au lait, très bon. Naïve résumé."
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_korean_is_not_mistaken_for_gbk() -> None:
    text = "한국어 텍스트입니다. 테스트입니다."
    assert decode_bytes(text.encode("euc-kr"))[0] == text


def test_utf8_with_one_broken_byte_is_kept_with_a_visible_mark() -> None:
    data = seed_text("002").encode("utf-8")
    damaged = data[:300] + b"\xff" + data[300:]
    text, encoding = decode_bytes(damaged)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == seed_text("002")


def test_utf8_cut_in_the_middle_of_the_last_character() -> None:
    data = seed_text("001").encode("utf-8").rstrip()[:-1]
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text.endswith("\ufffd")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "JPEG"),
        (b"PK\x03\x04" + bytes(64), "ZIP"),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
        ("正文".encode() + b"\x00\x01\x02" + "正文".encode(), "NUL"),
        (bytes([0x01, 0x02, 0x03, 0x04]) * 50 + b"text", "control bytes"),
    ],
)
def test_binary_data_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_control_bytes_are_counted_exactly() -> None:
    # Every control byte of the sample counts, the allowed ones (tab, line ends,
    # ESC) do not; one in 200 bytes is binary.
    line = "正文\t\r\x1b".encode() + b"x" * 90 + b"\n"  # 100 bytes, no control byte
    controls = bytes([0x01, 0x1F, 0x7F, 0x08]) * 25
    with pytest.raises(DecodeError, match=r"binary data: 100 control bytes in the first 20100"):
        decode_bytes(line * 200 + controls)
    text, _ = decode_bytes(line * 200 + controls[:99])  # 99 of 20,099 bytes: text
    assert text.startswith("正文\t")


def test_undecodable_bytes_raise_with_the_utf8_error() -> None:
    # Every high byte in a row: no text encoding makes sense of it.
    with pytest.raises(DecodeError, match=r"not UTF-8 .*invalid start byte"):
        decode_bytes(bytes(range(0x80, 0x100)) * 3)


def test_text_starting_like_a_short_binary_signature_is_text() -> None:
    assert decode_bytes("MZ公司的财报".encode()) == ("MZ公司的财报", "utf-8")


ARTICLE = (
    "网易科技讯 12月5日消息，华为常务董事余承东今日表示，Mate 70系列自上市以来销量持续火爆。\n"
    "据第三方机构统计，首销一周的激活量超过50万台。余承东称，麒麟9020芯片的产能正在快速爬坡。\n"
    "分析人士指出，华为高端手机的回归，正在改变国内市场的竞争格局。\n"
) * 3


def test_gbk_file_with_a_lost_byte_is_decoded_with_the_damage_visible() -> None:
    data = ARTICLE.encode("gbk")
    index = data.index("麒麟".encode("gbk"))
    damaged = data[:index] + data[index + 1 :]
    with pytest.raises(UnicodeDecodeError):
        damaged.decode("gb18030")
    text, codec = decode_bytes(damaged)
    assert codec == "gb18030"
    assert text.count("\ufffd") == 1
    assert "分析人士指出，华为高端手机的回归" in text


def test_legacy_file_with_much_damage_is_not_forced_into_gbk() -> None:
    data = bytearray(ARTICLE.encode("gbk"))
    for index in range(10, len(data), 40):
        data[index] = 0xFF
    with pytest.raises(DecodeError):
        decode_bytes(bytes(data))


# --- files mixing encodings (issue 9) ----------------------------------------------


def test_mixed_utf8_and_gbk_lines_are_all_kept() -> None:
    utf8_lines = [
        "腾讯控股今天发布第三季度财报，营收同比增长百分之十五。",
        "美团外卖业务继续扩张。",
    ]
    gbk_lines = ["阿里巴巴集团公布季度业绩，云智能集团收入增长显著。", "小米汽车交付量创新高。"]
    data = b"\n".join(
        [
            utf8_lines[0].encode("utf-8"),
            gbk_lines[0].encode("gbk"),
            b"",
            utf8_lines[1].encode("utf-8"),
            gbk_lines[1].encode("gbk"),
        ]
    )
    text, encoding = decode_bytes(data)
    assert text.split("\n") == [utf8_lines[0], gbk_lines[0], "", utf8_lines[1], gbk_lines[1]]
    assert encoding.startswith("utf-8+")


def test_mixed_file_marks_an_undecodable_line_instead_of_dropping_it() -> None:
    good = "阿里巴巴集团公布季度业绩，云智能集团收入增长显著。"
    data = b"\n".join(
        [
            "腾讯控股今天发布第三季度财报，营收同比增长。".encode(),
            good.encode("gbk"),
            "小米汽车交付量创新高".encode("gbk") + b"\xff",
        ]
    )
    text, _ = decode_bytes(data)
    lines = text.split("\n")
    assert lines[1] == good
    assert lines[2] == "小米汽车交付量创新高\ufffd"


def test_gbk_file_is_not_taken_for_a_mixed_one() -> None:
    text = "阿里巴巴集团公布季度业绩。\n云智能集团收入增长显著。\n"
    assert decode_bytes(text.encode("gbk")) == (text, "gbk")


# --- size limit (issue 9) ------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_with_the_reason(monkeypatch) -> None:
    from tui.clean.decoding import MAX_FILE_MB_ENV, DecodeError, TooLarge

    monkeypatch.setenv(MAX_FILE_MB_ENV, "0.001")
    data = ("腾讯发布财报。" * 200).encode()
    with pytest.raises(TooLarge) as caught:
        decode_bytes(data)
    assert isinstance(caught.value, DecodeError)
    assert "0.001 MB limit" in str(caught.value) and MAX_FILE_MB_ENV in str(caught.value)


def test_size_limit_can_be_lifted(monkeypatch) -> None:
    from tui.clean.decoding import MAX_FILE_MB_ENV

    monkeypatch.setenv(MAX_FILE_MB_ENV, "0")
    text = "腾讯发布财报。" * 200
    assert decode_bytes(text.encode()) == (text, "utf-8")


def test_default_size_limit_admits_a_long_report(monkeypatch) -> None:
    from tui.clean.decoding import DEFAULT_MAX_FILE_MB, MAX_FILE_MB_ENV, max_bytes

    monkeypatch.delenv(MAX_FILE_MB_ENV, raising=False)
    assert max_bytes() == int(DEFAULT_MAX_FILE_MB * 1_000_000)
    # A 300,000-character Chinese report is under a megabyte in UTF-8.
    assert len(("中" * 300_000).encode()) < max_bytes()
