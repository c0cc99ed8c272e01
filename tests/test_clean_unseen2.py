"""A second round of end-to-end cleaning on pages the cleaner was not tuned on.

Fixtures in ``tests/fixtures/unseen2`` (written for these tests, other wording than
``tests/fixtures/unseen``): 钛媒体 with a ``站名 | 作者`` credit line and a footer of
licences, a 财新 Q&A interview (问：/答： must survive), a 极客公园 page in UTF-8
with BOM whose whole body is repeated after the title, a short GB18030 file with a
character outside GBK and the title repeated at the bottom, a Big5 page under a
breadcrumb, an HTML page with <article>/<section>/<figure>, <ul> menus, a <ul> list
and <ruby> pinyin, 今日头条 and 百家号 pages with bracketed pinyin, a 知乎专栏 page
with zero-width spaces, a table of contents and vote buttons, 雪球 and 证券时报.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tui.core.cleaner import clean_text
from tui.core.loading import read_document
from tui.core.models import Article
from tui.core.render import render_markdown

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "unseen2"


@dataclass(frozen=True)
class Case:
    file: str
    encoding: str
    title: str
    date: str | None
    site: str | None
    author: str | None
    keep: tuple[str, ...]
    drop: tuple[str, ...]
    headings: tuple[str, ...] = field(default=())


CASES = [
    Case(
        "tmtpost.txt",
        "utf-8",
        "比亚迪海外工厂提速，欧洲市场成新战场",
        "2025-02-20",
        "钛媒体",
        "王小川",
        keep=(
            "比亚迪在匈牙利塞格德的工厂预计将于今年下半年投产",
            '"We are seeing Chinese brands compete on price and technology at the same time,"',
            "分析人士认为，能否在欧洲建立起品牌认知，将决定比亚迪出海的天花板。",
        ),
        drop=(
            "APP内打开",
            "钛媒体 |",
            "展开全文",
            "本文来源",
            "责任编辑",
            "相关阅读",
            "蔚来换电站",
            "热门文章",
            "特斯拉上海工厂",
            "评论",
            "登录",
            "声明",
            "版权所有",
            "ICP",
            "许可证",
            "举报",
        ),
        headings=("（一）关税压力下的选择", "（二）价格战外溢"),
    ),
    Case(
        "caixin_qa.txt",
        "utf-8",
        "专访某芯片公司创始人：国产替代不是终点",
        "2024-09-05",
        "财新",
        "陈静",
        keep=(
            "问：过去两年公司营收增长很快，主要动力是什么？",
            "答：主要是下游客户在做供应链多元化",
            "问：你怎么看价格竞争？",
            "答：价格战不可持续。",
            "问：下一步的计划？",
            "答：明年会推出车规级产品，同时在海外设立研发中心。",
        ),
        drop=("财新网 >", "正文", "打开APP", "查看更多", "责任编辑", "风险提示", "版权所有", "ICP"),
    ),
    Case(
        "geekpark_bom.txt",
        "utf-8-sig",
        "大模型创业者的第三年",
        "2024-12-01",
        None,
        "林一",
        keep=(
            "2024年，国内大模型赛道经历了一轮洗牌。",
            "- 月之暗面完成新一轮融资\n- 智谱推出企业级Agent平台\n- 百川智能聚焦医疗场景",
            "应用层的竞争更加激烈，获客成本持续上升。",
        ),
        drop=("\ufeff", "极客公园 |", "作者", "相关阅读", "点击查看更多"),
        headings=("Part 1 钱从哪里来", "Part 2 用户在哪里"),
    ),
    Case(
        "short_gb18030.txt",
        "gb18030",
        "英伟达市值再创新高",
        None,
        None,
        None,
        keep=(
            "宁德时代股价今日上涨3.2%，成交额超过80亿元。",
            "分析师刘䶮指出，储能业务将成为公司新的增长点。",
            "公司预计二季度出货量环比增长两成。",
        ),
        drop=("华尔街见闻",),
    ),
    Case(
        "tw_big5.txt",
        "big5",
        "台積電先進封裝產能持續吃緊",
        "2024-10-18",
        "科技新报",
        "陈志明",
        keep=(
            "台積電表示，CoWoS先進封裝產能明年將再倍增",
            "法人指出，輝達與超微的訂單已排到明年第三季。",
            "1. 產能擴張將集中在嘉義與竹南\n2. 設備供應商同步受惠\n3. 封裝測試廠營收看增",
        ),
        drop=("首頁", "半導體", "延伸閱讀", "熱門文章", "版權所有"),
    ),
    Case(
        "article.html",
        "utf-8",
        "拼多多海外业务增长放缓",
        "2024-08-26",
        "第一财经",
        "周琳",
        keep=(
            "拼多多发布二季度财报，营收同比增长86%，但低于市场预期。",
            "图为拼多多总部大楼",
            "公司管理层在电话会上表示，竞争正在加剧",
            "- 美国：小额豁免政策调整\n- 欧盟：数字服务法审查\n- 越南：暂停运营",
        ),
        drop=(
            "首页",
            "下载APP",
            "jìng",
            "zhēng",
            "热门文章",
            "A股三大指数",
            "举报",
            "ICP",
            "Copyright",
        ),
        headings=("Temu面临监管压力",),
    ),
    Case(
        "toutiao_pinyin.txt",
        "utf-8",
        "美团外卖骑手社保试点扩大",
        "2025-03-01",
        None,
        None,
        keep=(
            "美团宣布，骑手社保试点将从泉州、南通扩大到全国更多城市。",
            "这一举措被视为平台企业承担社会责任的重要一步。",
            "业内人士认为，其他平台可能会跟进。",
        ),
        drop=("首页", "打开APP", "jǔ", "gēn", "查看更多", "评论", "举报"),
    ),
    Case(
        "baijiahao_pinyin.txt",
        "utf-8",
        "华为鸿蒙原生应用突破5000个",
        "2024-07-09",
        "百家号",
        None,
        keep=(
            "覆盖了用户使用时长的前5000款应用中的绝大部分。",
            "余承东表示，鸿蒙生态的发展速度超出预期。",
            "值得注意的是，部分头部应用的鸿蒙版本仍在测试阶段",
        ),
        drop=("fù", "chāo", "展开全文", "科技领域创作者", "发布于", "举报", "本文来源", "作者声明"),
    ),
    Case(
        "zhihu.txt",
        "utf-8",
        "为什么说端侧大模型是手机厂商的新机会？",
        "2024-05-01",
        None,
        None,
        keep=(
            "过去一年，手机厂商纷纷宣布把大模型装进手机。",
            "每秒生成约20个token。",
            "The bottleneck is no longer compute but memory bandwidth,",
            "用户是否愿意为AI功能换机，仍然是一个问号。",
        ),
        drop=(
            "\u200b",
            "首发于",
            "AI产品观察",
            "写文章",
            "关注他",
            "行业从业者",
            "赞同",
            "目录",
            "收起",
            "编辑于",
            "添加评论",
            "分享",
            "喜欢",
            "收藏",
            "申请转载",
            "发布于",
        ),
        headings=("一、算力够了吗", "二、谁来买单"),
    ),
    Case(
        "xueqiu.txt",
        "utf-8",
        "腾讯控股一季报点评：游戏回暖，广告提速",
        "2024-05-15",
        "雪球",
        "价值投资老王",
        keep=(
            "一季度营收1595亿元，同比增长6%。",
            "1. 游戏：国内游戏收入同比增长2%，海外游戏增长3%。\n2. 广告：",
            "3. 金融科技：支付业务增速放缓。",
            "整体来看，利润增速快于收入增速，经营杠杆开始显现。",
        ),
        drop=("行情", "下载App", "风险提示", "风险自负", "转发", "评论", "打开雪球"),
    ),
    Case(
        "stcn.txt",
        "utf-8",
        "宁德时代：上半年净利润同比增长10.37%",
        None,
        None,
        None,
        keep=(
            "证券时报e公司讯，宁德时代（300750）8月16日晚间披露半年报",
            "公司表示，动力电池系统毛利率有所提升，主要得益于原材料价格下降。",
        ),
        drop=(
            "快讯",
            "责任编辑",
            "校对",
            "声明",
            "官方APP",
            "网友评论",
            "登录后",
            "暂无评论",
            "为你推荐",
            "隆基绿能",
            "Copyright",
            "ICP",
        ),
    ),
    Case(
        "sohu_numbered.txt",
        "utf-8",
        "小鹏汽车发布全新智驾芯片",
        "2024-08-27",
        None,
        None,
        keep=(
            "何小鹏表示，这颗芯片的算力相当于三颗英伟达Orin-X。",
            "1. 芯片性能",
            "图灵芯片采用7纳米工艺，支持运行300亿参数的大模型。",
            "2. 量产时间",
            "首款搭载该芯片的车型预计2025年二季度上市。",
        ),
        drop=("搜狐首页", "搜狐号", "返回搜狐", "平台声明", "阅读"),
    ),
    Case(
        "pinyin_label_title.txt",
        "utf-8",
        "人工智能的下一站",
        None,
        None,
        None,
        keep=(
            "人工智能正在改变各行各业，尤其是制造业和金融业。",
            "专家认为，算力仍是最大的瓶颈之一，预计明年会有所缓解。",
            "In 2024, China accounted for roughly a third of global AI patent filings.",
        ),
        drop=("标题", "rén", "gōng", "suàn", "yù jì"),
    ),
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(autouse=True)
def _no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tui.core.figures", None)


def clean_fixture(case: Case) -> Article:
    document = read_document(FIXTURES / case.file)
    assert document.encoding == case.encoding
    return clean_text(
        document.text,
        source_path=document.path,
        encoding=document.encoding,
        is_html=document.is_html or None,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_metadata(case: Case) -> None:
    article = clean_fixture(case)
    assert (article.title, article.date, article.author) == (case.title, case.date, case.author)
    if case.site is not None:
        assert article.site == case.site


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_real_content_is_kept(case: Case) -> None:
    body = clean_fixture(case).body
    missing = [snippet for snippet in case.keep if snippet not in body]
    assert not missing, body


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_chrome_is_removed(case: Case) -> None:
    body = clean_fixture(case).body
    left = [snippet for snippet in case.drop if snippet in body]
    assert not left, body


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_headings_and_title(case: Case) -> None:
    article = clean_fixture(case)
    lines = article.body.split("\n")
    assert squash(article.title) not in [squash(re.sub(r"^#+\s*", "", x)) for x in lines]
    headings = [re.sub(r"^#+\s*", "", line) for line in lines if line.startswith("#")]
    assert headings == list(case.headings)


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_cleaning_again_gives_the_same_article(case: Case) -> None:
    article = clean_fixture(case)
    again = clean_text(render_markdown(article), source_path=article.source_path)
    assert again.body == article.body
    assert (again.title, again.date, again.site, again.author) == (
        article.title,
        article.date,
        article.site,
        article.author,
    )


def test_repeated_body_is_kept_once() -> None:
    body = clean_fixture(next(c for c in CASES if c.file == "geekpark_bom.txt")).body
    assert body.count("融资环境明显收紧") == 1
    assert body.count("- 智谱推出企业级Agent平台") == 1


def test_interview_keeps_every_question_and_answer() -> None:
    body = clean_fixture(next(c for c in CASES if c.file == "caixin_qa.txt")).body
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert [p[:2] for p in paragraphs] == ["问：", "答："] * 3
