"""End-to-end cleaning of pages from sites and damage that are not in the seeds.

The fixtures in ``tests/fixtures/unseen`` were written for these tests: other sites'
navigation, footers and bylines (WeChat, 新浪科技, IT之家, 36氪, 虎嗅, 腾讯新闻,
网易, 界面新闻, 澎湃, a Taiwanese outlet), GBK, Big5 and UTF-16 files, CR and CRLF
line ends, a full HTML page and an HTML fragment saved as .txt. For each: the real
paragraphs are kept, the chrome is gone, the metadata is right, and cleaning the
rendered Markdown gives the same article. Figures are not extracted here (they have
their own tests), so that only the cleaner is exercised.

A second round, ``tests/fixtures/unseen2`` (other wording again): 钛媒体 with a
``站名 | 作者`` credit line and a footer of licences, a 财新 Q&A interview (问：/答：
must survive), a 极客公园 page in UTF-8 with BOM whose whole body is repeated after
the title, a short GB18030 file with a character outside GBK, a Big5 page under a
breadcrumb, an HTML page with <article>/<section>/<figure>, <ul> menus and <ruby>
pinyin, 今日头条 and 百家号 pages with bracketed pinyin, a 知乎专栏 page with
zero-width spaces, a table of contents and vote buttons, 雪球, 证券时报 and 搜狐号.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tui.clean.loading import read_document
from tui.clean.render import render_markdown
from tui.pipeline import clean_text
from tui.text.models import Article

FIXTURE_ROOT = Path(__file__).resolve().parent / "fixtures"
FIXTURES = FIXTURE_ROOT / "unseen"


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
    folder: str = "unseen"


CASES = [
    Case(
        "wechat.txt",
        "utf-8",
        "大模型价格战打到第二回合，谁在裸泳？",
        "2024-03-18",
        "智能车参考",
        "李明",
        keep=(
            "今年5月，字节跳动旗下的火山引擎率先把豆包大模型的价格降到每千tokens 0.0008元",
            "那么问题来了：当所有人都在降价时，谁能真正活下来？",
            "模型（同比去年增加了一家）",
            "行业人士普遍认为，2024年下半年将是AI应用落地的关键窗口期。",
        ),
        drop=(
            "点击上方蓝字",
            "发表于",
            "原创",
            "在看",
            "END",
            "往期推荐",
            "融资、裁员与转型",
            "谁是中国的OpenAI",
            "扫码关注",
            "微信号",
            "阅读原文",
        ),
        headings=("一、价格不是唯一的变量", "二、真正的考验在应用层"),
    ),
    Case(
        "sina.txt",
        "utf-8",
        "小米汽车交付量突破10万辆 雷军称年底前再建一座工厂",
        "2024-11-15",
        "新浪科技",
        None,
        keep=(
            "新浪科技讯 11月15日上午消息",
            "（据测算约有40%的车主此前是小米手机用户）",
            "距离盈利仍有一段距离。",
        ),
        drop=(
            "新浪首页",
            "正文",
            "责任编辑",
            "公众号",
            "二维码",
            "相关新闻",
            "Ultra预售",
            "分享到",
            "打印",
            "举报",
            "Copyright",
            "版权所有",
        ),
    ),
    Case(
        "ithome.txt",
        "utf-8",
        "OpenAI 发布 GPT-4o mini：价格比 GPT-3.5 Turbo 便宜 60% 以上",
        "2024-07-19",
        "IT之家",
        "清源",
        keep=(
            "IT之家 7 月 19 日消息",
            "目前支持文本和视觉（Vision）",
            "知识截止日期为 2023 年 10 月。",
        ),
        drop=("IT之家 >", "评论：128", "点此前往", "广告声明", "软媒旗下"),
    ),
    Case(
        "36kr.txt",
        "utf-8",
        "36氪首发 | 具身智能公司「星尘智能」完成数亿元A轮融资",
        None,
        "36氪/硬氪",
        "王方玉",
        keep=(
            "36氪获悉，具身智能公司星尘智能近日完成数亿元A轮融资",
            "（约每秒10米）",
            "目前公司已经与多家商业客户签订了试点合作协议。",
        ),
        drop=("编辑｜", "本文来自", "仅代表作者本人", "Read more", "登录后", "下一篇", "黄仁勋"),
    ),
    Case(
        "huxiu.html",
        "utf-8",
        "苹果的AI困局：Siri还能被拯救吗？",
        "2024-06-12",
        "虎嗅/极客公园",
        "周一笑",
        keep=(
            "在刚刚结束的WWDC 2024上，苹果终于发布了自己的AI战略——Apple Intelligence。",
            "“私有云计算”（Private Cloud Compute）",
            "大语言模型（LLM）",
            "（预计出货量同比增长10%）",
        ),
        drop=(
            "_hmt",
            "font-size",
            "24小时",
            "APP下载",
            "document.write",
            "本文来自",
            "未经允许不得转载",
            "分享到",
            "抢沙发",
            "相关推荐",
            "Gemini",
            "ICP",
            "&nbsp;",
            "&copy;",
            "<",
        ),
        headings=("一、迟到的入场", "二、护城河还在吗"),
    ),
    Case(
        "tencent_fragment.txt",
        "utf-8",
        "tencent_fragment",
        None,
        "腾讯新闻",
        "王雨",
        keep=(
            "导语：比亚迪与华为的合作",
            "（约合13.8亿美元）",
            "“我们的目标是让每一台车都拥有高阶智驾能力。”",
            "“自研+合作”的双轨策略。",
        ),
        drop=("<", "&quot;", "&ldquo;", "潜望", "免责声明", "举报", "gtimg"),
    ),
    Case(
        "netease_gbk.txt",
        "gbk",
        "华为Mate 70销量超预期 余承东：供不应求",
        "2024-12-05",
        "网易",
        None,
        keep=(
            "网易科技讯 12月5日消息，华为常务董事余承东今日表示",
            "同比上一代增长约30%。",
            "苹果在中国市场的份额已连续两个季度下滑。",
        ),
        drop=("网易首页", "来源: 网易", "责任编辑", "热点新闻", "鸿蒙原生", "小米15", "\r"),
    ),
    Case(
        "netease_gbk_lost_byte.txt",
        "gb18030",
        "华为Mate 70销量超预期 余承东：供不应求",
        "2024-12-05",
        "网易",
        None,
        keep=(
            "网易科技讯 12月5日消息，华为常务董事余承东今日表示",
            "同比上一代增长约30%。余承东称，",
            "〔乱码：",
            "9020芯片的产能正在快速爬坡。",
            "苹果在中国市场的份额已连续两个季度下滑。",
        ),
        drop=("网易首页", "来源: 网易", "责任编辑", "热点新闻", "\r"),
    ),
    Case(
        "tw_big5.txt",
        "big5",
        "台積電第三季獲利創新高 魏哲家：AI需求非常強勁",
        "2024-10-17",
        "科技新报",
        "林宏达",
        keep=(
            "台積電今日公布第三季財報，單季營收新台幣7596.9億元",
            "AI相關需求「非常、非常強勁」",
            "3奈米與5奈米製程的產能利用率接近滿載。",
        ),
        drop=("首頁", "記者", "延伸閱讀", "A18", "輝達", "版權所有"),
    ),
    Case(
        "jiemian_utf16.txt",
        "utf-16",
        "宁德时代发布神行Plus电池 续航突破1000公里",
        None,
        "界面新闻",
        "张三",
        keep=(
            "4月25日，宁德时代在北京车展前夕发布了神行Plus电池",
            "（目前行业平均能量密度约为160Wh/kg）",
        ),
        drop=("记者", "编辑", "李四", "APP", "禁止转载"),
    ),
    Case(
        "thepaper_cr.txt",
        "utf-8",
        "百度发布文心大模型4.5 推理成本下降80%",
        "2025-03-16",
        "澎湃新闻",
        "赵六",
        keep=(
            "3月16日，百度正式发布文心大模型4.5和文心大模型X1。",
            "输出每百万tokens 8元。",
            "值得注意的是，文心一言将于4月1日起全面免费。",
        ),
        drop=("记者", "来源", "责任编辑", "校对", "报料", "不得转载", "\r"),
    ),
    Case(
        "ifeng_gbk.html",
        "gbk",
        "阿里云降价：核心产品价格全线下调",
        "2024-02-29",
        "凤凰网",
        None,
        keep=(
            "2月29日，阿里云宣布全线下调云产品价格，平均降幅超过20%，最高降幅达55%。",
            "“我们希望通过降价，让更多企业用得起云。”",
            "算力竞争……华为云、腾讯云可能随后跟进。",
        ),
        drop=(
            "INITIAL_STATE",
            "line-height",
            "首页",
            "正文",
            "来源",
            "热门推荐",
            "盘古",
            "分享",
            "ICP",
        ),
    ),
    Case(
        "leiphone_fragment.txt",
        "utf-8",
        "leiphone_fragment",
        None,
        "雷锋网",
        None,
        keep=(
            "雷锋网消息，7月4日，在2024世界人工智能大会（WAIC）上",
            "数学推理能力提升了31.5%&英文写作能力提升了53.8%。",
            "“大模型的竞争已经进入下半场，应用为王。”",
        ),
        drop=("<", "&amp;", "&#8220;", "原创文章", "转载须知", "\u3000"),
    ),
    Case(
        "sohu_messy.txt",
        "utf-8",
        "DeepSeek爆火背后：幻方量化的AI豪赌",
        "2025-01-08",
        "蓝鲸财经",
        None,
        keep=(
            "DeepSeek爆火背后：幻方量化的AI豪赌，这家量化私募从2019年就开始囤积GPU。",
            "通用人工智能（AGI）的本质",
            "Meta的工程师甚至成立了专门小组研究其技术细节。",
        ),
        drop=(
            "搜狐首页",
            "免费在线观看",
            "字号",
            "发布于",
            "返回搜狐",
            "平台声明",
            "阅读 (",
            "豆包",
            "Kimi",
        ),
    ),
    Case(
        "double_encoded.txt",
        "utf-8",
        "小米汽车交付量突破十万辆",
        None,
        None,
        None,
        keep=(
            "小米集团今日宣布，小米SU7〔乱码：�〕计交付量已突〔乱码：�〕10万辆，提前完成全年目标",
            "雷军在发布会上表示，小米汽车二期工厂正在建〔乱码：�〕中",
            "分析人士认为，小米依靠手机用户生态实现了〔乱码：�〕速引流",
        ),
        drop=("灏忕背", "闆嗗洟", "锛"),
    ),
    Case(
        "messy_page.html",
        "utf-8",
        "英伟达市值突破3万亿美元",
        None,
        None,
        None,
        keep=(
            "市值首次突破3万亿美元，超越苹果成为全球第二大公司。",
            "分析师认为，AI芯片需求仍然强劲",
            "| 季度 | 营收（亿美元） |\n| --- | --- |\n| Q1 | 260 |",
            "图为英伟达CEO黄仁勋",
            "“下一波AI浪潮是物理AI。”",
        ),
        drop=("广告", "推广", "JavaScript", "SVG", "请输入", "提交", "选项一", "模板", "隐私政策"),
    ),
    Case(
        "pinyin_styles.txt",
        "utf-8",
        "騰訊的AI大模型戰略",
        None,
        None,
        None,
        keep=(
            "過去一年，騰訊在混元大模型上的投入持續加大。據財報顯示",
            "（同比增长119%）",
            "元寶（Yuanbao）",
            "（MaaS）",
            "他說，公司推出了旗艦版（Pro）和基礎版（Lite）兩個版本",
            "（Hugging Face排名第一）",
            "（CTR）",
            "（LLM）",
            "GPU（圖形處理器）",
            "（Beta測試階段尚未計入）",
            "又是一年財報季",
        ),
        drop=("téng", "yi1", "hunyuan", "cái", "tā", "yīnián", "【"),
    ),
    Case(
        "huxiu_copied.txt",
        "utf-8",
        "Siri的十年之痒",
        "2024-06-12",
        "虎嗅/极客公园",
        "周一笑",
        keep=(
            "在刚刚结束的WWDC 2024上，苹果终于发布了自己的AI战略。",
            "“Siri的代码库非常庞大，每加一个功能都要花几周时间。”",
            "换机潮或许真的会到来。",
        ),
        drop=(
            "虎嗅APP",
            "登录",
            "24小时",
            "关注",
            "本文来自",
            "独立观点",
            "tougao",
            "End",
            "赞赏",
            "查看全文",
            "文集",
            "频道",
            "大 家",
        ),
    ),
    Case(
        "wechat_reprint.txt",
        "utf-8",
        "阿里的AI新叙事",
        "2024-03-18",
        "张三的科技观察/晚点LatePost",
        "晚点团队",
        keep=(
            "阿里巴巴集团CEO吴泳铭在财报电话会上表示",
            "也让市场重新审视阿里的AI战略。",
            "AI相关收入连续多个季度保持三位数增长。",
        ),
        drop=("以下文章", "晚点LatePost", "专注于商业报道", "预览时", "扫一扫", "公众号"),
        headings=("原创内容的价值",),
    ),
    Case(
        "plain_clean.txt",
        "utf-8",
        "芯片出口管制一年后，国产GPU走到了哪一步",
        None,
        None,
        None,
        keep=(
            "（视具体任务而定）",
            "一位大模型公司的工程师告诉记者：",
            "- 华为：昇腾910B、CANN\n- 寒武纪：思元590\n- 摩尔线程：MTT S4000",
            "路还很长，但方向已经清楚了。",
        ),
        drop=(),
        headings=("性能差距", "生态建设", "未来展望"),
    ),
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
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
        folder="unseen2",
    ),
    Case(
        "stcn.txt",
        "utf-8",
        "宁德时代：上半年净利润同比增长10.37%",
        None,
        "证券时报",  # from its copyright line (Shenzhen Securities Times)
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
        folder="unseen2",
    ),
    Case(
        "sohu_numbered.txt",
        "utf-8",
        "小鹏汽车发布全新智驾芯片",
        "2024-08-27",
        "汽车智库",  # the 来源 line of a 搜狐号 post names the account
        None,
        keep=(
            "何小鹏表示，这颗芯片的算力相当于三颗英伟达Orin-X。",
            "1. 芯片性能",
            "图灵芯片采用7纳米工艺，支持运行300亿参数的大模型。",
            "2. 量产时间",
            "首款搭载该芯片的车型预计2025年二季度上市。",
        ),
        drop=("搜狐首页", "搜狐号", "返回搜狐", "平台声明", "阅读"),
        folder="unseen2",
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
        folder="unseen2",
    ),
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(autouse=True)
def _no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tui.figures.extract", None)


def clean_fixture(case: Case) -> Article:
    document = read_document(FIXTURE_ROOT / case.folder / case.file)
    assert document.encoding == case.encoding
    return clean_text(
        document.text,
        source_path=document.path,
        encoding=document.encoding,
        is_html=document.is_html or None,
    )


def _case(file: str) -> Case:
    return next(c for c in CASES if c.file == file)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_metadata(case: Case) -> None:
    article = clean_fixture(case)
    assert (article.title, article.date, article.site, article.author) == (
        case.title,
        case.date,
        case.site,
        case.author,
    )


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_real_content_is_kept(case: Case) -> None:
    body = squash(clean_fixture(case).body)
    missing = [snippet for snippet in case.keep if squash(snippet) not in body]
    assert not missing


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_chrome_is_removed(case: Case) -> None:
    body = clean_fixture(case).body
    left = [snippet for snippet in case.drop if snippet in body]
    assert not left, body


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_headings_and_title(case: Case) -> None:
    article = clean_fixture(case)
    lines = article.body.split("\n")
    assert squash(article.title) not in [squash(re.sub(r"^#+\s*", "", x)) for x in lines]
    headings = [re.sub(r"^#+\s*", "", line) for line in lines if line.startswith("#")]
    assert headings == list(case.headings)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.folder}/{c.file}" for c in CASES])
def test_cleaning_again_gives_the_same_article(case: Case) -> None:
    article = clean_fixture(case)
    rendered = render_markdown(article)
    again = clean_text(rendered, source_path=article.source_path)
    assert again.body == article.body
    assert (again.title, again.date, again.site, again.author) == (
        article.title,
        article.date,
        article.site,
        article.author,
    )


def test_fixtures_are_not_modified() -> None:
    def contents() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in FIXTURE_ROOT.rglob("*") if p.is_file()}

    before = contents()
    for case in CASES:
        clean_fixture(case)
    assert contents() == before


def test_repeated_body_with_title_glued_twice_is_kept_once() -> None:
    body = clean_fixture(_case("sohu_messy.txt")).body
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("DeepSeek爆火背后：幻方量化的AI豪赌，这家量化私募")


def test_clean_article_keeps_every_line() -> None:
    source = (FIXTURES / "plain_clean.txt").read_text(encoding="utf-8")
    body = clean_fixture(_case("plain_clean.txt")).body
    lines = [line for line in source.split("\n")[1:] if line.strip()]
    assert [squash(line) for line in lines] == [
        squash(re.sub(r"^#+ ", "", line)) for line in body.split("\n") if line.strip()
    ]


def test_damage_markers_do_not_become_tags() -> None:
    article = clean_fixture(_case("double_encoded.txt"))
    assert "〔乱码：" in article.body
    assert not [tag for tag in article.tags if "乱码" in tag]


def test_stray_whitespace_and_invisible_characters_are_removed() -> None:
    text = (
        "标题在这里出现了\n\n"
        "\u3000\u3000腾讯\u200b发布了\ufeff混元\u00a0大模型，这是一个很长的句子用来测\u00ad试。\t\n\n"
        "   第二段内容也很长，需要足够的长度才能算正文，ToB 业务增长 30%。   \n"
    )
    body = clean_text(text).body
    assert body == (
        "腾讯发布了混元大模型，这是一个很长的句子用来测试。\n\n"
        "第二段内容也很长，需要足够的长度才能算正文，ToB 业务增长 30%。"
    )


def test_page_title_is_the_title_when_the_body_has_none() -> None:
    page = (
        "<html><head><title>阿里云再降价：核心产品平均降幅20%_科技_新浪网</title></head><body>"
        "<div><p>2月29日，阿里云宣布全线下调云产品价格，平均降幅超过20%。</p>"
        "<p>这是阿里云史上力度最大的一次降价。</p></div></body></html>"
    )
    article = clean_text(page, is_html=True)
    assert article.title == "阿里云再降价：核心产品平均降幅20%"
    assert article.body.startswith("2月29日，阿里云宣布全线下调云产品价格")


def test_repeated_body_is_kept_once() -> None:
    body = clean_fixture(_case("geekpark_bom.txt")).body
    assert body.count("融资环境明显收紧") == 1
    assert body.count("- 智谱推出企业级Agent平台") == 1


def test_interview_keeps_every_question_and_answer() -> None:
    body = clean_fixture(_case("caixin_qa.txt")).body
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert [p[:2] for p in paragraphs] == ["问：", "答："] * 3
