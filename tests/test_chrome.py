"""Site chrome, SEO spam, title copies and repeated paragraphs (tui.clean.chrome)."""

from __future__ import annotations

import pytest

from tui.clean import chrome
from tui.clean.chrome import strip_chrome


def test_line_key_normalises_script_width_space_bullets_and_pinyin() -> None:
    assert chrome.line_key("  • 掃碼 關注：ＯＦweek ") == "扫码关注:ofweek"
    assert chrome.line_key("糾錯(cuò)") == "纠错"
    # Real brackets are not pinyin and stay.
    assert chrome.line_key("模型即服務(MaaS)") == "模型即服务(maas)"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # comment widgets and empty states
        ("暂无评论，快来抢沙发吧~", "phrase"),
        ("發表評論", "phrase"),
        ("0条评论，0人参与", "comment-count"),
        ("登录后参与评论", "phrase"),
        ("请输入评论内容...", "phrase"),
        ("网易跟帖 文明上网理性发言", "phrase"),
        # captcha
        ("您提交的评论过于频繁，请输入验证码继续", "phrase"),
        ("*验 证 码:", "button"),
        # share / QR / follow / app prompts
        ("扫一扫 分享到微信", "phrase"),
        ("掃碼關注公眾號", "phrase"),
        ("点击关注，第一时间获取最新资讯", "phrase"),
        ("打开APP 阅读全文", "button"),
        ("海量资讯、精准解读，尽在新浪财经APP", "app-prompt"),
        ("返回搜狐，查看更多", "phrase"),
        # related / recommended
        ("相關閱讀", "phrase"),
        ("猜你喜欢", "phrase"),
        ("热门推荐", "phrase"),
        # copyright, ICP, police registration
        ("Copyright © 2011-2025 36Kr.com All Rights Reserved", "copyright"),
        ("版权所有 © 澎湃新闻", "all-rights"),
        ("粤ICP备12345678号-1", "icp"),
        ("京公网安备 11010502030000号", "licence-number"),
        # reprint disclaimers
        (
            "平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。",
            "disclaimer",
        ),
        (
            "本内容为作者独立观点，不代表虎嗅立场。未经允许不得转载，授权事宜请联系 hezuo@huxiu.com",
            "email",
        ),
        ("特別聲明:本文為合作媒體授權某某專欄轉載,文章版權歸原作者及原出處所有。", "disclaimer"),
        ("澎湃新闻，未经授权不得转载。", "legal"),
        # editorial lines
        ("原标题：阿里云增速创三年新高", "original-title"),
        ("原文標題 : 大模型下半場,騰訊手里還有哪“三張牌”?", "original-title"),
        ("（本文来自第一财经）", "source-note"),
        (
            "本文来自微信公众号“新莓daybreak”（ID：new_daybreak），作者：何聆筝，36氪经授权发布。",
            "source-note",
        ),
        ("责任编辑：王芳", "byline"),
        ("責任編輯:劉明亮 SF001", "byline"),
        ("标签：人工智能 大模型", "tag-line"),
        ("图片来源：视觉中国", "image-credit"),
        ("题图 | 视觉中国", "image-credit"),
        ("作者|張琪", "byline"),
        ("文 | 定焦 One,作者 | 王璐,編輯 | 魏佳", "byline"),
        ("澎湃新闻记者 李明", "reporter"),
        # timestamps
        ("2025-08-21 17:19", "iso-datetime"),
        ("钛媒体 12小时前", "relative-time"),
        ("2025年05月15日 20:15 新浪科技", "cn-datetime"),
        # buttons and placeholders
        ("訂閱", "button"),
        ("分享 收藏 举报", "button"),
        ("微信 微博 QQ空间", "button"),
        ("圖片", "button"),
        ("(完)", "button"),
        ('<style id="pje8p"><tr id="pje8p"></tr></style>', "html-tags-only"),
    ],
)
def test_chrome_lines_are_recognised(line: str, reason: str) -> None:
    assert chrome.chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "用户可以一键分享到朋友圈，这让微信的社交裂变效率大增。",
        "腾讯发布声明称，将对相关不实信息追究法律责任。",
        "相关部门表示将加强对生成式AI的监管。",
        "他在评论中写道：AI不是泡沫。",
        "记者：您如何看待这一轮AI投资热？",
        "第一梯队：百度、阿里、腾讯、华为",
        "大厂做 AI，四类赚钱方式",
        "广告",
        "搜索",
        "视频",
        "2023年4月18日，阿里发布通义千问大模型，并开放企业测试。",
        "GPU(圖形處理器)的折舊速度遠超預期。",
        "[^1]: 36氪（2025/6/17）。[大厂的AI梦](https://m.36kr.com/p/1)。",
        "| 公司 | 收入 |",
    ],
)
def test_content_lines_are_not_chrome(line: str) -> None:
    assert chrome.chrome_reason(line) is None


def test_ambiguous_buttons_need_company() -> None:
    assert not chrome.is_button_line("广告")
    assert chrome.is_button_line("广告 分享")
    assert chrome.is_button_line("訂閱")


@pytest.mark.parametrize(
    "line",
    [
        "中文字幕乱老妇女一视频,97青草香蕉依人在线视频,男人的天堂国产综合,伊人中文字幕亚洲精品",
        "精品推荐一区/热门影视二区/高清视频三区/最新电影四区",
        "首页 | 新闻 | 科技 | 财经 | 体育",
        "新浪财经 > 科技 > 正文",
        "2025|最新电影|热门综艺|高清在线",  # a number among keywords
    ],
)
def test_spam_lines(line: str) -> None:
    assert chrome.is_spam_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "大厂做 AI，四类赚钱方式",
        "巨額斥資研發,騰訊如何砸穿AI天花板",
        "第一梯队：百度、阿里、腾讯、华为",
        "百度,阿里,腾讯都在加码AI,但回报周期很长。",
        "## 标题一,标题二,标题三",
        "0>、0>0",  # numbers and marks between separators: no keywords
        "12|34|56",
    ],
)
def test_not_spam_lines(line: str) -> None:
    assert not chrome.is_spam_line(line)


def test_spam_shaped_title_is_not_spam() -> None:
    title = "大模型,小应用,大生意"
    assert chrome.is_spam_line(title)
    assert not chrome.is_spam_line(title, title)


def test_timestamp_date() -> None:
    assert chrome.timestamp_date("2025-08-21 17:19") == (2025, 8, 21)
    assert chrome.timestamp_date("发布时间：2025年8月1日 10:00 来源：新浪科技") == (2025, 8, 1)
    assert chrome.timestamp_date("12小时前") is None
    assert chrome.timestamp_date("2023年4月18日，阿里发布通义千问大模型并开放测试。") is None


HEAD_PAGE = [
    "精品推荐一区,热门影视二区,高清视频三区,最新电影四区",
    "",
    "    • 关于ZAKER 合作",
    "      钛媒体 12小时前",
    "",
    "      大厂搞 AI,谁赚到钱了?",
    "",
    "      文 | 定焦 One,作者 | 王璐,编辑 | 魏佳",
    "",
    "      过去两年,AI 成为全球科技圈最强共识。",
    "",
    "      那么,烧钱同样毫不手软的国内大厂,情况如何?",
]


def test_head_spam_nav_source_title_and_byline_are_removed() -> None:
    out = strip_chrome(HEAD_PAGE, "大厂搞 AI,谁赚到钱了?")
    kept = [line.strip() for line in out if line.strip()]
    assert kept == [
        "过去两年,AI 成为全球科技圈最强共识。",
        "那么,烧钱同样毫不手软的国内大厂,情况如何?",
    ]


def test_head_buttons_and_timestamp_after_title_are_removed() -> None:
    lines = [
        "订阅",
        "纠错",
        "大模型下半场,腾讯手里还有哪“三张牌”?",
        "2025年8月21日",
        "慢放",
        "关注",
        "图片",
        "在当今的全球科技公司中,很少有企业像腾讯这样引发如此复杂的市场情绪。",
    ]
    out = strip_chrome(lines, "大模型下半场,腾讯手里还有哪“三张牌”?")
    assert out == ["在当今的全球科技公司中,很少有企业像腾讯这样引发如此复杂的市场情绪。"]


def test_subtitle_after_title_is_kept() -> None:
    lines = [
        "腾讯的AI账本",
        "一场从投入到回报的长跑",
        "进入2025年,互联网行业保守投资成为主旋律。",
    ]
    assert strip_chrome(lines, "腾讯的AI账本") == lines[1:]


def test_title_glued_to_first_paragraph_is_cut_and_repeats_removed() -> None:
    title = "从腾讯与阿里的财报电话会,看中国互联网大厂的AI进度"
    body = [
        "又是一年财报季,AI毫无悬念成为互联网企业高频提及的关键词。",
        "两家公司的AI业务成了外界的关注重点。",
    ]
    lines = [title, title, title + body[0], body[1], *body]
    assert strip_chrome(lines, title) == body


def test_whole_body_repeated_is_kept_once() -> None:
    body = [
        "第一段：腾讯和阿里的AI战略出现明显分野。",
        "",
        "战略路线分野",
        "",
        "第二段：阿里押注基础设施,腾讯侧重应用层。",
    ]
    out = strip_chrome([*body, "", *body], None)
    assert out == body


def test_short_repeated_lines_are_not_deduplicated() -> None:
    lines = [
        "第一季度收入增长18%。这是三年来最快增速。",
        "- 是",
        "另外,利润率也在提升,达到8.9%。",
        "- 是",
    ]
    assert strip_chrome(lines, None) == lines


def test_tail_comment_widget_and_footer_are_removed() -> None:
    lines = [
        "能否将技术领先转化为可持续的商业价值,才是真正的考验。",
        "(本文来自第一财经)",
        "",
        "相关推荐",
        "评论列表",
        "暂无评论,快抢沙发吧~",
        "你 发表评论:",
        "欢迎",
    ]
    assert strip_chrome(lines, None) == lines[:1]


def test_tail_credits_disclaimer_and_title_repeat_are_removed() -> None:
    title = "巨额斥资研发,腾讯如何砸穿AI天花板"
    lines = [
        "用长期主义,赢得AI时代的先机。",
        "作者|张琪",
        "编辑|何坤",
        "出品|零态LT(ID:LingTai_LT)",
        "特别声明:本文为合作媒体授权DoNews专栏转载,文章版权归原作者及原出处所有。",
        "标签: 财经",
        title,
        "扫描二维码查看原文",
        "OFweek人工智能网",
        "x",
    ]
    assert strip_chrome(lines, title) == lines[:1]


def test_short_last_paragraph_without_chrome_after_it_is_kept() -> None:
    lines = ["AI的梦想,才刚刚开始照进现实。", "", "用长期主义赢得未来"]
    assert strip_chrome(lines, None) == lines


def test_traditional_tail_from_another_site() -> None:
    lines = [
        "這是正文的最後一段,討論了雲服務的增長。",
        "責任編輯：王芳",
        "相關閱讀",
        "阿里雲再降價",
        "百度回應裁員傳聞",
        "本站所有文章版權所有,轉載請註明出處",
    ]
    assert strip_chrome(lines, None) == lines[:1]


def test_body_lines_with_chrome_words_survive() -> None:
    lines = [
        "用户可以一键分享到朋友圈,这让微信的社交裂变效率大增。",
        "腾讯发布声明称,将对相关不实信息追究法律责任。",
        "广告",
        "广告业务成为AI落地最快的场景。",
    ]
    assert strip_chrome(lines, None) == lines


def test_markdown_document_is_untouched() -> None:
    lines = [
        "> 科技巨头们正步入一个由广告收入驱动的商业化新阶段。",
        "",
        "### 从幕后到台前",
        "",
        "*   **百度**重塑了搜索广告[^1]。",
        "*   **腾讯**升级广告技术平台[^1]。",
        "",
        "```",
        "分享",
        "",
        "分享",
        "```",
        "",
        "| 公司 | 收入 |",
        "| 公司 | 收入 |",
        "",
        "## References",
        "[^1]: 36氪（2025/6/17）。[大厂的AI梦](https://m.36kr.com/p/1)。36氪。",
    ]
    assert strip_chrome(lines, "巨头AI的开源之梦") == lines


def test_strip_chrome_is_idempotent() -> None:
    lines = [*HEAD_PAGE, "", "相关标签", "最新评论", "没有更多评论了", "扫码分享"]
    once = strip_chrome(lines, "大厂搞 AI,谁赚到钱了?")
    assert strip_chrome(once, "大厂搞 AI,谁赚到钱了?") == once


def test_title_copy_with_site_suffix() -> None:
    assert chrome.is_title_copy("阿里云再降价_新浪财经", "阿里云再降价")
    assert chrome.is_title_copy("阿里雲再降價", "阿里云再降价")
    assert not chrome.is_title_copy("阿里云再降价,这是年内第三次降价。", "阿里云再降价")


def test_strip_title_prefix() -> None:
    assert chrome.strip_title_prefix("标题在这里正文开始了。", "标题在这里") == "正文开始了。"
    assert chrome.strip_title_prefix("标题在这里", "标题在这里") is None
    assert chrome.strip_title_prefix("别的内容。", "标题在这里") is None


# ------------------------------------------------ other sites' navigation and footers


@pytest.mark.parametrize(
    "line",
    [
        "新浪首页 新闻 体育 财经 娱乐 科技 博客 图片 专栏 更多",
        "首頁 要聞 科技 財經 汽車 房產 教育",
        "网易首页 · 新闻 · 体育 · 娱乐 · 财经 · 汽车",
    ],
)
def test_navigation_bars_are_spam(line: str) -> None:
    assert chrome.is_nav_line(line)
    assert chrome.is_spam_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "OpenAI 发布 GPT-4o mini：价格比 GPT-3.5 Turbo 便宜 60% 以上",
        "小米汽车交付量突破10万辆 雷军称年底前再建一座工厂",
        "百度 阿里 腾讯 华为，四家公司都在加码。",
        "大厂做 AI 四类 赚钱方式",
        "腾讯 阿里 百度 字节 华为 五巨头的AI账本",
    ],
)
def test_titles_and_sentences_with_spaces_are_not_navigation(line: str) -> None:
    assert not chrome.is_nav_line(line)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("点击上方蓝字关注我们", "phrase"),
        ("点个在看，你最好看", "phrase"),
        ("往期推荐", "phrase"),
        ("微信号：zhinengche2024", "account-id"),
        ("原创 李明 智能车参考", "original-mark"),
        ("“掌”握科技鲜闻 （微信搜索techsina或扫描左侧二维码关注）", "qr-prompt"),
        ("长按识别下方二维码，添加小助手", "qr-prompt"),
        ("IT之家附 GPT-4o mini 介绍页面：点此前往", "phrase"),
        ("广告声明：文内含有的对外跳转链接，用于传递更多信息，结果仅供参考。", "disclaimer"),
        ("上一篇：英伟达市值再创新高", "phrase"),
    ],
)
def test_other_sites_chrome_lines(line: str, reason: str) -> None:
    assert chrome.chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "用户扫描二维码即可完成支付，这一习惯在疫情后普及开来。",
        "原创内容的版权保护，正在成为平台竞争的焦点。",
        "他们在选型时会同时测试三到四家厂商的模型(同比去年增加了一家)。",
    ],
)
def test_sentences_with_footer_words_are_content(line: str) -> None:
    assert chrome.chrome_reason(line) is None


def test_tail_walks_past_unpunctuated_footer_lines_after_chrome() -> None:
    lines = [
        "不过，业内也有声音指出，小米汽车目前仍处于亏损状态，距离盈利仍有一段距离。",
        "",
        "责任编辑：张伟 SF186",
        "",
        "新浪科技公众号",
        "科技鲜闻尽在掌握 欢迎搜索techsina添加我们的账号获取每天最新的科技资讯",
        "软媒旗下网站：IT之家 最会买 - 返利返现优惠券 iPhone之家 Win7之家 Win10之家",
    ]
    assert strip_chrome(lines, None) == lines[:1]


def test_tail_stops_at_the_last_punctuated_paragraph() -> None:
    lines = [
        "第一段正文，讲述了公司的发展历程和未来规划。",
        "责任编辑：张伟",
        "最后一段也是正文，而且在责任编辑一行之后，仍然必须保留下来。",
        "相关新闻",
    ]
    assert strip_chrome(lines, None) == [lines[0], lines[2]]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("界面新闻记者 | 张三", ("记者", "张三")),
        ("腾讯新闻《潜望》 作者 王雨", ("作者", "王雨")),
        ("新华社记者：张三", ("记者", "张三")),
        ("一位作者的自白", None),
        ("AI的作者：谁拥有版权问题", None),
        ("界面新闻记者张三说，这一轮融资已经完成。", None),
    ],
)
def test_prefixed_byline(line: str, expected: tuple[str, str] | None) -> None:
    assert chrome.prefixed_byline(line) == expected
    assert chrome.is_byline(line) is (expected is not None)


def test_reporter_line_with_place_of_report() -> None:
    assert chrome.chrome_reason("2024年10月17日 記者林宏達／台北報導") == "reporter"


def test_title_glued_on_a_paragraph_that_opens_with_the_title() -> None:
    title = "DeepSeek爆火背后：幻方量化的AI豪赌"
    first = f"{title}，这家量化私募从2019年就开始囤积GPU。"
    second = "梁文锋很少接受采访，他表示目标是探索通用人工智能的本质。"
    lines = [title + first, second, first, second]
    assert strip_chrome(lines, title) == [first, second]


def test_glued_title_in_a_repeated_body_is_cut_from_both_copies() -> None:
    title = "大厂搞AI，谁赚到钱了"
    first = "过去两年，AI成为全球科技圈最强共识。"
    second = "燒了那么多錢，真有人賺到錢了嗎？国内大厂的情况如何。"
    lines = [title, title + first, second, title + first, second]
    assert strip_chrome(lines, title) == [first, second]


def test_paragraph_continuing_the_title_with_a_comma_is_kept_whole() -> None:
    title = "幻方量化的AI豪赌"
    line = f"{title}，始于2019年的一次囤卡决定。"
    assert chrome.strip_title_prefix(line, title) is None
    assert chrome.strip_title_prefix(f"{title}始于2019年的一次囤卡决定。", title) == (
        "始于2019年的一次囤卡决定。"
    )


def test_unrelated_list_at_the_head_is_spam() -> None:
    lines = [
        "免费在线观看高清电影、最新热播电视剧大全、福利视频一区二区、永久免费看片网站",
        "DeepSeek的训练成本仅为557.6万美元，约为同类模型的十分之一。",
        "第一梯队：百度、阿里、腾讯、华为、字节跳动、月之暗面",
        "百度和阿里在大模型上的投入最大，腾讯、华为紧随其后，字节跳动后来居上。",
        *ARTICLE,
    ]
    context = chrome.Context(lines)
    assert chrome.is_unrelated_list(lines[0], context)
    assert not chrome.is_unrelated_list(lines[2], context)
    assert strip_chrome(lines, None) == lines[1:]
    # On a page too short to say what it is about, nothing is judged unrelated.
    assert not chrome.is_unrelated_list(lines[0], chrome.Context(lines[:4]))


ARTICLE = [
    "梁文锋很少接受采访。在为数不多的公开发言中，他表示，目标是探索通用人工智能的本质。",
    "幻方量化从2019年就开始囤积显卡，据知情人士透露，2021年已拥有超过1万张英伟达A100。",
    "这一数字在硅谷引发了广泛讨论，Meta的工程师甚至成立了专门小组研究其技术细节。",
    "业内人士认为，开源策略让这家公司在开发者社区获得了极高的声望，也带动了国产大模型的降价潮。",
    "据统计，发布后一周内，其应用在多个国家和地区的应用商店下载榜上排名第一。",
]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("(来源：界面新闻)", "source-label"),
        ("点击进入专题：2024世界人工智能大会", "phrase"),
        ("特别提醒：如果我们使用了您的图片，请作者与本站联系索取稿酬。", "legal"),
        ("文章内容仅供参考，不构成投资建议。投资者据此操作，风险自担。", "legal"),
        ("投稿或寻求报道请联系：tougao@example.com", "email"),
        ("申请澎湃号请用电脑访问http://renzheng.thepaper.cn。", "url-line"),
        ("未经授权，严禁转载", "legal"),
        ("编者按：本文来自微信公众号硬氪，作者王方玉。", "source-note"),
        ("关注同花顺财经（ths518），获取更多机会", "follow-account"),
        ("赞(12)", "counter"),
        ("2024-05-20 09:30:15 | 来源：新华网", "iso-datetime"),
        ("新闻热线：010-12345678", "phrase"),
        ("▲图片来源：视觉中国", "byline"),
    ],
)
def test_more_footer_lines(line: str, reason: str) -> None:
    assert chrome.chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "该公司的官网是www.example.com，用户可以在上面下载。",
        "关注度最高的是英伟达(NVDA)，其股价年内上涨了150%。",
        "分析师认为这不构成利空，反而说明需求旺盛",
        "赞同这一观点的人越来越多。",
    ],
)
def test_sentences_like_footers_are_content(line: str) -> None:
    assert chrome.chrome_reason(line) is None


def test_prose_that_lost_its_full_stop_is_not_spam() -> None:
    line = "小米集团今日宣布，小米SU7累计交付量已突破10万辆，提前完成全年目标"
    assert not chrome.is_spam_line(line)
    lines = ["标题在这里出现", line, "雷军在发布会上表示，二期工厂正在建设中，预计明年投产"]
    assert strip_chrome(lines, "标题在这里出现") == lines[1:]


def test_link_list_at_the_very_end_is_removed() -> None:
    lines = [
        "黄仁勋在Computex上表示：“下一波AI浪潮是物理AI。”",
        "关于我们 | 联系我们 | 隐私政策 | 用户协议 | 网站地图",
    ]
    assert strip_chrome(lines, None) == lines[:1]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Read more", "button"),
        ("Read More »", "button"),
        ("Share this article", "button"),
        ("Facebook Twitter LinkedIn", "button"),
        ("Follow us on WeChat", "button"),
        ("0 Comments", "english-count"),
        ("Loading...", "button"),
        ("Back to top", "button"),
        ("本文共3200字，阅读约需8分钟", "reading-time"),
        ("本文字数：2400，阅读时长大约4分钟", "reading-time"),
        ("更多阅读", "phrase"),
    ],
)
def test_english_footers_and_reading_time(line: str, reason: str) -> None:
    assert chrome.chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "We need to read more books.",
        "He shares this view.",
        "Next, the company said it would expand.",
        "本文共分三个部分。",
    ],
)
def test_english_prose_with_button_words_is_content(line: str) -> None:
    assert chrome.chrome_reason(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "法院判决该公司侵权，版权所有者获赔100万元。",
        "该公司已取得增值电信业务经营许可证，可以开展相关业务。",
        "网文作家的收入在2023年增长了30%。",
        "该许可证2024年到期。",
    ],
)
def test_sentences_about_copyright_and_licences_are_content(line: str) -> None:
    assert chrome.chrome_reason(line) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("增值电信业务经营许可证：京B2-20090059", "licence-number"),
        ("京公网安备 11000002000001号", "licence-number"),
        ("京网文〔2019〕1234-123号", "licence-number"),
        ("互联网新闻信息服务许可证：10120170003", "licence-number"),
        ("本站所有文章版權所有,轉載請註明出處", "all-rights"),
    ],
)
def test_licence_numbers_and_rights_notices_are_chrome(line: str, reason: str) -> None:
    assert chrome.chrome_reason(line) == reason


def test_sentence_naming_a_reprint_rule_is_content_in_the_middle() -> None:
    middle = "该平台规定用户不得转载他人作品，违者将被封号。"
    body = [f"这是正文的第{n}段，讨论平台治理和内容版权保护的问题。" for n in range(40)]
    lines = [*body[:20], middle, *body[20:], "本站所有文章版权所有，未经授权不得转载。"]
    assert strip_chrome(lines, None) == [*body[:20], middle, *body[20:]]


def test_wechat_original_mark_and_reprint_card() -> None:
    assert (
        chrome.chrome_reason("原创 张三 张三的科技观察 2024年03月18日 08:30 北京")
        == "original-mark"
    )
    assert chrome.chrome_reason("原创内容的价值") is None
    lines = [
        "以下文章来源于晚点LatePost ，作者晚点团队",
        "晚点LatePost.",
        "晚点LatePost是一家专注于商业报道的媒体。",
        "阿里巴巴集团CEO吴泳铭在财报电话会上表示，未来三年将投入超过3800亿元。",
        "晚点LatePost此前报道，阿里云的收入增长正在重新加速。",
    ]
    assert strip_chrome(lines, None) == lines[3:]


def test_short_headings_of_a_repeated_body_are_kept_once() -> None:
    body = [
        "一、戰略",
        "騰訊的戰略重點正在從社交轉向AI，投入持續加大。",
        "二、產品",
        "元寶和混元是騰訊AI產品線的兩大支柱，用戶增長很快。",
    ]
    lead = "騰訊的AI戰略正在發生變化，本文從三個方面展開分析。"
    assert strip_chrome([lead, *body, *body], None) == [lead, *body]


def test_short_line_repeated_before_new_text_is_kept() -> None:
    lines = [
        "騰訊的AI戰略正在發生變化，本文從三個方面展開分析。",
        "一、戰略",
        "第一段正文，討論騰訊的戰略重點。",
        "一、戰略",
        "這是一段全新的內容，並未重複。",
    ]
    assert strip_chrome(lines, None) == lines


def test_numbered_short_heading_at_the_top_is_kept() -> None:
    lines = ["一、戰略", "騰訊的戰略重點正在從社交轉向AI，投入持續加大。"]
    assert strip_chrome(lines, None) == lines


def test_markdown_link_in_a_list_item_is_content_not_an_address_line() -> None:
    from tui.pipeline import clean_text

    text = (
        "腾讯发布新模型\n\n腾讯今天发布了新一代模型，性能提升明显，价格也下降了不少。\n\n"
        "1. 第一点：支持更长的上下文窗口。\n2. 第二点：见[腾讯官网](https://www.tencent.com)\n"
        "3. 第三点：价格下调。\n\n这是最后一段正文，说明了后续的计划和安排，内容足够长。\n"
    )
    body = clean_text(text, source_path="list.txt").body
    assert "2. 第二点：见[腾讯官网](https://www.tencent.com)" in body
    assert chrome.chrome_reason("第二点：见[腾讯官网](https://www.tencent.com)") is None
    assert chrome.chrome_reason("https://www.tencent.com/zh-cn/about.html") == "url-line"


@pytest.mark.parametrize(
    "line",
    [
        "首页 / 科技",
        "财新网 > 科技 > 正文",
        "當前位置：首頁 > 財經",
        "搜狐号 > 科技",
        "东方财富网 » 财经频道",
    ],
)
def test_breadcrumbs_are_chrome(line: str) -> None:
    assert chrome.chrome_reason(line) == "breadcrumb"


@pytest.mark.parametrize(
    "line", ["OpenAI/微软的新合作", "理想>蔚来>小鹏", "用户体验 > 参数", "首页改版后，流量 > 预期"]
)
def test_headlines_with_arrows_or_slashes_are_not_breadcrumbs(line: str) -> None:
    assert not chrome.is_breadcrumb(line)


def test_credit_pair_under_the_title_and_a_table_of_contents_are_removed() -> None:
    lines = [
        "新能源车的下半场",
        "钛媒体 | 王小川",
        "目录",
        "一、价格",
        "二、渠道",
        "今年以来，新能源车的价格战愈演愈烈，多家车企下调了售价，利润承压。",
        "一、价格",
        "降价仍在继续，一些车型的售价已经跌破十万元，这在过去难以想象。",
        "二、渠道",
        "直营和经销的争论又回来了，不少车企开始重新招募经销商。",
    ]
    assert strip_chrome(lines, "新能源车的下半场") == lines[5:]


# ---------------------------------------------------------------- unseen pages (issue 8)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("图源：远航汽车官方微博", "image-credit"),
        ("截图来自远航汽车App", "caption"),
        ("（截自星河官網媒體資料庫）", "caption"),
        ("相关财报截图", "caption"),
        ("●", "decoration"),
        ("…………………………", "decoration"),
        ("@远航科技", "caption"),
        ("第1张", "caption"),
        ("第1页 / 共12页", "caption"),
        ("2010年11月4日，星海公司北京总部。 庚申 / 东方IC", "photo-agency"),
        ("▲星河手機新品發表會現場。（圖／星河提供）", "photo-credit"),
        ("打印本页  关闭窗口", "button"),
        ("订阅本栏目", "button"),
        ("en_US zh_TW", "button"),
        ("• 繁體中文", "button"),
        ("评级：看好 分析师：何某中 执业编号：S0110521050001", "byline"),
        ("免责申明：本站部分内容转载自网络，版权归原作者所有，如有侵权请联系删除。", "disclaimer"),
        ("论坛首页 > 汽车 > 青禾汽车交付到底要等多久？", "breadcrumb"),
    ],
)
def test_captions_widgets_and_crumbs_of_unseen_pages(line: str, reason: str) -> None:
    assert chrome.chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "分业务看,公司营收同比增长12%,其中广告业务",  # a page cut mid-sentence
        "青禾集团今日公布第三季度业绩,总收入1131亿元,同比增长22.3%,其中智能电动汽车业务收入290亿元",
        "星河集团发布截至2024年12月31日止季度财报,要点如下:",
        "图为英伟达CEO黄仁勋",  # a caption that says something: kept
        "星河集团董事长兼首席执行官陈某某",  # not a title, but text where it stands
    ],
)
def test_prose_and_captions_with_content_are_not_chrome(line: str) -> None:
    assert chrome.chrome_reason(line) is None
    assert not chrome.is_spam_line(line)


def test_keyword_list_is_still_spam() -> None:
    assert chrome.is_spam_line("免費在線觀看|高清電影下載|成人影院入口|最新熱播劇集|午夜影院推薦")


def test_breadcrumb_last_crumb_may_be_a_question_headline() -> None:
    line = "论坛首页 > 汽车 > 青禾汽车交付到底要等多久？"
    assert chrome.breadcrumb_last(line) == "青禾汽车交付到底要等多久？"
    assert not chrome.is_breadcrumb("为什么 > 一切？谁在 > 裸泳？")


def test_name_and_post_caption() -> None:
    assert chrome.is_name_and_post("星河集团董事长兼首席执行官陈某某")
    assert not chrome.is_name_and_post("对话星河集团董事长：AI正在改变一切")


def test_head_above_the_title_goes_even_past_an_exclamation() -> None:
    lines = [
        "青果手游网为用户提供最新安卓手游下载，让玩家在这里找到自己最喜欢的游戏! 手游攻略| 游戏提交",
        "游戏版号到底是什么",
        "来源: 青果手游网 更新：2025-04-30",
        "想象你是一位游戏开发者，耗时数月甚至数年，终于打造出一款独具匠心的游戏。",
    ]
    assert chrome.strip_chrome(lines, "游戏版号到底是什么") == [lines[3]]


def test_widget_block_goes_and_the_label_over_the_text_stays() -> None:
    lines = [
        "青禾汽车交付到底要等多久？",
        "联系TA",
        "抱歉,此用户暂无联系方式",
        "分类 汽车",
        "有效期 长期有效",
        "我是今年五月锁单的，当时销售说交付周期大概二十周。",
    ]
    assert chrome.strip_chrome(lines, lines[0]) == [lines[5]]
    report = [
        "某行业深度报告标题",
        "第1页 / 共12页",
        "核心观点",
        "第四代半导体取得突破。某团队成功制备出外延片。",
    ]
    assert chrome.strip_chrome(report, report[0]) == report[2:]


def test_truncated_copies_go_and_the_whole_text_stays() -> None:
    lines = [
        "星河集团第三季度净利润超预期",
        "星河集团第三季度净利润超预期 ![](https://img.example.com/1.jpg)",
        "星河集团今日公布第三季度业绩，净利润同比增长",
        "星河集团今日公布第三季度业绩，净利润同比增长33%至598亿元。",
        "公司表示，小程序交易额同比增长十几个百分点。",
    ]
    assert chrome.strip_chrome(lines, lines[0]) == lines[3:]


def test_glued_credits_are_split_off_and_the_text_kept() -> None:
    lines = [
        "锦鲤科技第三季度营收增长15%",
        "出品|锦鲤财经频道 作者|陈某某 第三季度，锦鲤科技实现营收208亿元，同比增长15%。",
    ]
    assert chrome.strip_chrome(lines, lines[0]) == [
        "第三季度，锦鲤科技实现营收208亿元，同比增长15%。"
    ]
    # A byline line whose credits go on is not text after credits.
    byline = [
        "某个标题在这里出现",
        "文 | 定焦 One,作者 | 王璐,編輯 | 魏佳",
        "正文第一段，内容足够长，讲了一件事。",
    ]
    assert chrome.strip_chrome(byline, byline[0]) == [byline[2]]
