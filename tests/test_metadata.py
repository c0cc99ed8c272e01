"""Title, date, site and author from the raw lines (tui.clean.metadata)."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.clean import datelines, metadata, titles
from tui.clean.metadata import extract_metadata

BODY = "这是正文的第一段,讨论了大厂在人工智能上的投入与回报。"


def meta(lines: list[str], front: dict[str, object] | None = None) -> metadata.Metadata:
    return extract_metadata(lines, front or {})


# ---------------------------------------------------------------- title


def test_front_matter_wins() -> None:
    front = {
        "title": "前置标题",
        "date": "2025-06-17T19:30:06+08:00",
        "author": "張琪",
        "site": "钛媒体APP",
    }
    result = meta(["页面里的标题", BODY, "作者|王璐"], front)
    # The front matter's author keeps its script; the site is canonical.
    assert result == metadata.Metadata("前置标题", "2025-06-17", "钛媒体", "張琪")


def test_front_matter_null_fields_are_not_searched_for() -> None:
    """``date: null`` (as the cleaner's own Markdown writes an unknown date) says the
    date is unknown; without the key, the lines are searched."""
    lines = ["2025年6月17日 来源：钛媒体 作者：王璐", BODY]
    found = meta(lines, {"title": "标题"})
    assert (found.date, found.site, found.author) == ("2025-06-17", "钛媒体", "王璐")
    unknown = meta(lines, {"title": "标题", "date": None, "site": None, "author": None})
    assert (unknown.date, unknown.site, unknown.author) == (None, None, None)


def test_title_is_first_plausible_line_after_spam_and_chrome() -> None:
    lines = [
        "中文字幕一区,热门影视二区,高清视频三区,最新电影四区",
        "• 关于ZAKER 合作",
        "订阅",
        "钛媒体 12小时前",
        "大厂搞 AI,谁赚到钱了?",
        "文 | 定焦 One,作者 | 王璐",
        BODY,
    ]
    assert meta(lines).title == "大厂搞 AI,谁赚到钱了?"


def test_repeated_line_is_preferred_as_title() -> None:
    lines = ["科技频道今日要闻", "真正的标题在这里", "真正的标题在这里" + BODY, BODY]
    assert meta(lines).title == "真正的标题在这里"


def test_original_title_line_confirms_or_supplies_the_title() -> None:
    lines = [
        "频道推荐位文字",
        "大模型下半场,腾讯的三张牌",
        BODY,
        "原文标题 : 大模型下半场,腾讯的三张牌",
    ]
    assert meta(lines).title == "大模型下半场,腾讯的三张牌"
    assert meta([BODY, "原文標題：騰訊的三張牌"]).title == "騰訊的三張牌"


def test_markdown_h1_is_the_title() -> None:
    assert meta(["# 阿里云的AI账本", "", BODY]).title == "阿里云的AI账本"


def test_site_suffix_is_dropped_from_page_title() -> None:
    assert meta(["阿里云再降价_新浪财经", BODY]).title == "阿里云再降价"
    assert meta(["腾讯的答卷 - 虎嗅网", BODY]).title == "腾讯的答卷"
    assert meta(["腾讯 - 一份答卷", BODY]).title == "腾讯 - 一份答卷"


def test_no_title_when_text_starts_with_a_paragraph() -> None:
    assert meta([BODY, BODY + "还有更多。"]).title is None


def test_numbered_section_is_not_a_title() -> None:
    assert meta(["一、战略杠杆", BODY]).title is None


# ---------------------------------------------------------------- date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 6, 17), "2025-06-17"),
        (dt.datetime(2025, 6, 17, 19, 30), "2025-06-17"),
        ("2025-06-17T19:30:06+08:00", "2025-06-17"),
        ("2025年8月1日", "2025-08-01"),
        ("2025/13/40", None),
        ("12小时前", None),
        (None, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert datelines.normalise_date(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025-08-21 17:19", "2025-08-21"),
        ("发布时间：2025年8月1日 10:00", "2025-08-01"),
        ("2025年05月15日 20:15 新浪科技", "2025-05-15"),
        ("鈦媒體 12小時前", None),
        ("2023年4月18日,阿里发布通义千问大模型,并开放企业测试。", None),
    ],
)
def test_date_from_lines(line: str, expected: str | None) -> None:
    assert meta(["某某标题在这里", line, BODY]).date == expected


# ---------------------------------------------------------------- site and author


def test_site_from_source_note() -> None:
    assert meta([BODY, "(本文來自第一財經)"]).site == "第一财经"


def test_site_platform_and_origin_from_aggregator_page() -> None:
    lines = [
        "鈦媒體 12小時前",
        "大廠搞 AI,誰賺到錢了?",
        "文 | 定焦 One,作者 | 王璐,編輯 | 魏佳",
        BODY,
    ]
    result = meta(lines)
    # A Traditional page: site and author in its own script.
    assert (result.site, result.author) == ("鈦媒體/定焦 One", "王璐")


def test_site_from_share_copyright_and_producer_lines() -> None:
    lines = [
        BODY,
        "作者|張琪",
        "出品|零態LT(ID:LingTai_LT)",
        "特別聲明:本文為合作媒體授權DoNews專欄轉載,不代表DoNews專欄的立場。",
        "分享自DoNews",
        "Copyright ? DoNews 2000-2025 All Rights Reserved",
    ]
    result = meta(lines)
    assert (result.site, result.author) == ("DoNews/零態LT", "張琪")


def test_site_names_are_merged_and_canonical() -> None:
    lines = [BODY, "聲明: 本文由入駐維科號的作者撰寫,觀點僅代表作者本人,不代表OFweek立場。"]
    assert meta(lines).site == "OFweek 維科號"


def test_site_and_author_from_wechat_reprint_note() -> None:
    line = "本文来自微信公众号“新莓daybreak”（ID：new_daybreak），作者：何聆筝，36氪经授权发布。"
    result = meta(["大厂的AI梦,靠广告来养", BODY, line])
    assert (result.site, result.author) == ("36氪/新莓daybreak", "何聆筝")


def test_source_caption_in_the_middle_is_not_the_site() -> None:
    lines = [f"第{i}段。" + BODY for i in range(40)]
    lines[15] = "来源：国家统计局"
    assert meta(["某某标题在这里", *lines]).site is None


def test_generic_words_are_not_site_names() -> None:
    assert meta([BODY, "本文观点仅代表作者本人,不代表本站立场。"]).site is None


def test_timestamp_source_line_gives_the_site() -> None:
    assert meta(["腾讯混元开源新模型", "2025-06-28 08:00:12 来源: 网易科技", BODY]).site == "网易"


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("作者|張琪", "张琪"),
        ("文｜何聆筝", "何聆筝"),
        ("撰文:陈伊凡 编辑:苏建勋", "陈伊凡"),
        ("澎湃新闻记者 李明", "李明"),
        ("作者 | 张三 李四", "张三、李四"),
        ("文 | 定焦 One", None),
        ("编辑|何坤", None),
    ],
)
def test_author_from_bylines(byline: str, author: str | None) -> None:
    assert meta(["某某标题在这里", byline, BODY]).author == author


def test_outlet_in_wen_byline_is_the_site_when_no_author() -> None:
    assert meta(["某某标题在这里", "文 | 定焦 One", BODY]).site == "定焦 One"


def test_parse_byline_fields() -> None:
    assert metadata.parse_byline("文 | 定焦 One,作者 | 王璐,編輯 | 魏佳") == [
        ("文", "定焦 One"),
        ("作者", "王璐"),
        ("编辑", "魏佳"),
    ]
    assert metadata.parse_byline("出品|零態LT(ID:LingTai_LT)") == [("出品", "零态LT")]


def test_canonical_site() -> None:
    assert metadata.canonical_site("DoNews專欄") == "DoNews"
    assert metadata.canonical_site("虎嗅网") == "虎嗅"
    assert metadata.canonical_site("某某科技评论") == "某某科技评论"
    assert metadata.canonical_site("本站") is None
    assert metadata.canonical_site("2025") is None


@pytest.mark.parametrize(
    ("line", "site"),
    [
        ("Copyright © 1997-2025 网易公司版权所有 | 京ICP证080268号", "网易"),
        ("Copyright © 2011-2025 36Kr.com All Rights Reserved", "36氪"),
        ("© 2025 虎嗅网 版权所有", "虎嗅"),
        ("Copyright 2025", None),
        # a multi-word Latin name is read whole, then mapped by sites.yaml
        (
            "Copyright © 2008-2024 Shenzhen Securities Times Co., Ltd. All Rights Reserved",
            "证券时报",
        ),
        ("Copyright © 2024 Example Media Group. All Rights Reserved", "Example Media"),
        ("Copyright © 2024 36Kr. All rights reserved", "36氪"),
        ("Copyright ? DoNews 2000-2025 All Rights Reserved", "DoNews"),
    ],
)
def test_site_from_copyright_line(line: str, site: str | None) -> None:
    assert metadata.find_site([BODY, line]) == site


def test_front_matter_source_url_is_not_a_site() -> None:
    front = {"title": "标题", "source": "https://example.com/a"}
    assert meta([BODY, "(本文来自第一财经)"], front).site == "第一财经"


# ---------------------------------------------------------------- other sites' heads


def test_account_name_above_the_headline_is_not_the_title() -> None:
    lines = [
        "智能车参考",
        "2024-03-18 08:30 发表于北京",
        "大模型价格战打到第二回合，谁在裸泳？",
        "原创 李明 智能车参考",
        BODY,
    ]
    result = meta(lines)
    assert result.title == "大模型价格战打到第二回合，谁在裸泳？"
    assert result.date == "2024-03-18"
    assert result.site == "智能车参考"
    assert result.author == "李明"


def test_short_title_alone_is_kept() -> None:
    assert meta(["腾讯的AI账本", BODY]).title == "腾讯的AI账本"


def test_place_after_timestamp_is_not_a_site() -> None:
    assert meta(["某个标题在这里出现", "2024-03-18 08:30 发表于北京", BODY]).site is None


def test_dateline_with_labelled_fields_gives_date_and_author() -> None:
    lines = [
        "OpenAI 发布 GPT-4o mini：价格比 GPT-3.5 Turbo 便宜 60% 以上",
        "2024/7/19 7:35:12 来源：IT之家 作者：清源 责编：清源 评论：128",
        BODY,
    ]
    result = meta(lines)
    assert (result.date, result.site, result.author) == ("2024-07-19", "IT之家", "清源")


def test_date_in_a_body_sentence_is_not_the_dateline() -> None:
    lines = ["某个标题在这里出现", "2023年4月18日，阿里发布通义千问大模型，并开放企业测试。"]
    assert meta(lines).date is None


@pytest.mark.parametrize(
    ("lines", "site"),
    [
        (["某个标题在这里出现", BODY, "©\u00a0本文为虎嗅网原创，未经允许不得转载。"], "虎嗅"),
        (
            ["某个标题在这里出现", BODY, "免责声明：本内容不代表腾讯新闻或腾讯网的观点和立场。"],
            "腾讯新闻",
        ),
        (["某个标题在这里出现", BODY, "澎湃新闻，未经授权不得转载"], None),
        (["某个标题在这里出现", BODY, "界面新闻版权所有，未经书面授权，禁止转载。"], "界面新闻"),
        (["某个标题在这里出现", "2024年10月17日 記者林宏達／台北報導", BODY], None),
    ],
)
def test_site_from_other_footers(lines: list[str], site: str | None) -> None:
    assert meta(lines).site == site


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        (["某个标题在这里出现", "作者：周一笑 2024-06-12 09:41", BODY], "周一笑"),
        (["某个标题在这里出现", "界面新闻记者 | 张三", "界面新闻编辑 | 李四", BODY], "张三"),
        (["某个标题在这里出现", "界面新闻编辑 | 李四", BODY], None),
        (["某个标题在这里出现", "2024年10月17日 記者林宏達／台北報導", BODY], "林宏达"),
    ],
)
def test_author_from_other_bylines(lines: list[str], author: str | None) -> None:
    assert meta(lines).author == author


def test_title_glued_twice_is_found_from_the_doubled_prefix() -> None:
    title = "DeepSeek爆火背后：幻方量化的AI豪赌"
    lines = [f"{title}{title}，这家量化私募从2019年就开始囤积GPU。", BODY]
    assert meta(lines).title == title
    assert titles.doubled_prefix(BODY) is None


def test_unrelated_list_is_not_the_title() -> None:
    lines = [
        "免费在线观看高清电影、最新热播电视剧大全、福利视频一区二区、永久免费看片网站",
        "幻方量化的AI豪赌",
        "幻方在2021年就已拥有超过1万张英伟达A100显卡，豪赌AI。",
        "梁文锋很少接受采访。在为数不多的公开发言中，他表示，目标是探索通用人工智能的本质。",
        "这一数字在硅谷引发了广泛讨论，Meta的工程师甚至成立了专门小组研究其技术细节。",
        "业内人士认为，开源策略让这家公司在开发者社区获得了极高的声望，也带动了降价潮。",
        "据统计，发布后一周内，其应用在多个国家和地区的应用商店下载榜上排名第一。",
    ]
    assert meta(lines).title == "幻方量化的AI豪赌"


def test_byline_value_stops_at_the_next_field() -> None:
    pairs = metadata.parse_byline("2025-01-08 10:02 来源: 蓝鲸财经 发布于：北京市")
    assert pairs == [("来源", "蓝鲸财经")]


def test_site_from_original_article_notice() -> None:
    lines = ["某个标题在这里出现", BODY, "雷锋网原创文章，未经授权禁止转载。详情见转载须知。"]
    assert meta(lines).site == "雷锋网"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mar 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("Published: September 12th, 2023 10:00", "2023-09-12"),
        ("Dec. 1, 2024", "2024-12-01"),
        ("May 2024", None),
        ("Mar 32, 2024", None),
    ],
)
def test_english_dates(value: str, expected: str | None) -> None:
    assert datelines.normalise_date(value) == expected


def test_short_headline_over_a_longer_dek_stays_the_title() -> None:
    lines = ["腾讯的AI账本", "一场关于算力、模型和应用的豪赌", BODY]
    assert meta(lines).title == "腾讯的AI账本"


def test_known_site_name_above_the_headline_is_not_the_title() -> None:
    lines = ["澎湃新闻网", "具身智能公司星尘智能完成数亿元融资", BODY]
    assert meta(lines).title == "具身智能公司星尘智能完成数亿元融资"


# ---------------------------------------------------------------- unseen pages (issue 8)


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            [
                "免责申明：本站部分内容转载自网络，如有侵权请联系删除。",
                "晨光电商双十一GMV同比增长两成",
                BODY,
            ],
            "晨光电商双十一GMV同比增长两成",
        ),
        (
            ["锦鲤娱乐网", "21 Nov 2025", "青鸟游戏新作上线首周流水破5亿", BODY],
            "青鸟游戏新作上线首周流水破5亿",
        ),
        (
            [
                "機構：海川證券",
                "研究員：李某/張某某",
                "晶圓代工行業深度報告：成熟製程產能利用率回升",
                BODY,
            ],
            "晶圓代工行業深度報告：成熟製程產能利用率回升",
        ),
        (
            ["打印本页  关闭窗口", "订阅本栏目", "星河半导体上调全年资本开支指引", BODY],
            "星河半导体上调全年资本开支指引",
        ),
        (["附錄 99.1", "百川公佈2024年第一季度業績", BODY], "百川公佈2024年第一季度業績"),
        (
            ["![](a.jpg)", "星河集团董事长兼首席执行官陈某某", "星河集团发布第三季度财报", BODY],
            "星河集团发布第三季度财报",
        ),
        (
            [
                "遊戲版號公司交易平臺",
                "首頁 > 資訊 > 為什麼網絡遊戲需要版號",
                "為什麼網絡遊戲需要版號",
                BODY,
            ],
            "為什麼網絡遊戲需要版號",
        ),
        (["星河業績 | 星河第三季經調整盈利升18%", BODY], "星河第三季經調整盈利升18%"),
        (
            ["本篇文章357字，读完约1分钟", BODY, "标题：智能手机出货量 星河跃居全球第二"],
            "智能手机出货量 星河跃居全球第二",
        ),
    ],
)
def test_title_by_evidence_never_a_tagline_disclaimer_or_byline(
    lines: list[str], title: str
) -> None:
    result = meta(lines)
    assert (result.title, result.derived_title) == (title, None)


def test_title_derived_from_the_opening_clause_when_no_line_has_evidence() -> None:
    lines = [" date 2025-11-25 晨光集團（9899）上季收入2478億元（人民幣，下同），按年升5%。"]
    result = meta(lines)
    assert (result.title, result.derived_title) == (
        None,
        "晨光集團（9899）上季收入2478億元（人民幣，下同）",
    )
    assert result.date == "2025-11-25"
    wire = [
        "站长之家(ChinaZ.com) 12月3日 消息:今日上午10点，青禾汽车董事长王某发文宣布，现车开放选购。"
    ]
    assert meta(wire).derived_title == "今日上午10点，青禾汽车董事长王某发文宣布"
    assert meta(wire).site == "站长之家"
    front = extract_metadata(["正文第一段。"], {"title": "开头一句", "title_derived": True})
    assert (front.title, front.derived_title) == (None, "开头一句")


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("香港2025年11月19日 /美通社/ -- 星河互聯今天公佈第三季業績。", "2025-11-19"),
        ("中國北京，2024年5月16日，百川公司今天公佈了第一季度業績。", "2024-05-16"),
        ("截至2024年12月31日，公司研发投入为200亿元，同比增长11%。", None),
        ("星河集团发布截至2024年12月31日止季度财报,要点如下:", None),
        ("自2025年1月1日起，新规正式实施。", None),
        ("车友阿木 发布于 2025-08-27 22:09 浏览:7次", "2025-08-27"),
        ("澎湃新闻 - 首页头条 • 2024-05-17 10:03", "2024-05-17"),
    ],
)
def test_datelines_and_period_dates(line: str, date: str | None) -> None:
    assert meta(["某个标题在这里出现", line, BODY]).date == date


@pytest.mark.parametrize(
    ("lines", "site", "author"),
    [
        (
            ["某个标题在这里出现", "【财新网】（见习记者 靳某某）星海昨日公布第三季度业绩。"],
            "财新",
            "靳某某",
        ),
        (
            [
                "某个标题在这里出现",
                "出品|锦鲤财经频道 作者|陈某某 第三季度，锦鲤科技营收208亿元，同比增长15%。",
            ],
            "锦鲤财经",
            "陈某某",
        ),
        (["某个标题在这里出现", "文|晚潮Journal 李某", BODY], "晚潮Journal", "李某"),
        (["某个标题在这里出现", "科技观察员阿木 • 2025-06-24 15:26", BODY], None, "科技观察员阿木"),
        (["某个标题在这里出现", "澎湃新闻 - 首页头条 • 2024-05-17 10:03", BODY], "澎湃新闻", None),
        (
            ["某个标题在这里出现", "香港2025年11月19日 /美通社/ -- 星河今天公佈業績。"],
            "美通社",
            None,
        ),
        (
            ["机构：海川证券", "研究员：李某/张某某", "晶圆代工行业深度报告", BODY],
            "海川证券",
            "李某、张某某",
        ),
        (["星河手机排名世界第几位", "2020-07-30 15:30:07 作者: 星河手机排名", BODY], None, None),
        (
            [
                "豆包日活破億",
                "出品|虎嗅黃某春頻道",
                "作者|商業消費主筆黃某春",
                "上週，豆包刷足了存在感。",
            ],
            "虎嗅",
            "黃某春",
        ),
    ],
)
def test_site_and_author_from_glued_and_unlabelled_bylines(
    lines: list[str], site: str | None, author: str | None
) -> None:
    result = meta(lines)
    assert (result.site, result.author) == (site, author)


def test_site_and_author_keep_a_traditional_articles_script() -> None:
    lines = [
        "晶片設計廠第三季營收創新高",
        "2024/10/18 來源：鈦媒體 作者：陳志明",
        "晶片設計廠今日公布第三季營收為新台幣1,300億元，創歷史新高。",
    ]
    result = meta(lines)
    assert (result.site, result.author) == ("鈦媒體", "陳志明")
    simplified = [
        script_line.replace("鈦媒體", "钛媒体")
        for script_line in ["标题在这里出现", "来源：鈦媒體", BODY]
    ]
    assert meta(simplified).site == "钛媒体"
