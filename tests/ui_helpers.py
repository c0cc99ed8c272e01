"""Helpers for the reader's UI tests: a small in-memory library with known articles,
figures and fact groups, and a builder for a real library of the seeds.

The fake library implements the read API of ``tui.store.library.Library`` that the
reader uses, so key and filter paths are tested on articles whose every figure,
company and tag is known, independent of how the cleaner evolves.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tui.store.library import ArticleRow, Library, SyncProgress, SyncReport
from tui.text.models import Article, FactGroup, FactMember, Figure
from tui.text.script import to_simplified

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

LONG_TAIL = "\n\n".join(
    f"第{i}段：騰訊在這一段裡繼續討論人工智能的商業化與廣告業務的關係。" for i in range(1, 41)
)

BODY_T1 = (
    "## 一、研發\n\n"
    "騰訊全年研發投入706.9億元，資本開支突破767億元（同比激增221%）。\n\n"
    "**淨利潤**增長68%，騰訊表示將繼續投入。\n\n"
    "- 混元大模型\n- 元寶日活躍用戶2480萬\n\n"
    "> 引用：騰訊的AI戰略\n\n"
    "更多見[官網](https://www.tencent.com)。\n\n"
    f"{LONG_TAIL}\n\n"
    "近7年累計砸下3403億元。\n"
)
BODY_S1 = "阿里巴巴云智能集团收入增长18%，腾讯云增长较慢。\n\n阿里巴巴继续投入大模型。\n"
BODY_S2 = "百度发布文心大模型。\n\n没有具体数字。\n"


def _figure(body: str, text: str, kind: str, metric: str, company: str) -> Figure:
    start = body.index(text)
    return Figure(
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        value=1.0,
        metric=metric,
        company=company,
        period="2024",
    )


def sample_articles() -> list[Article]:
    """Three articles: a long Traditional one with five figures, two Simplified ones."""
    t1 = Article(
        id="t1",
        source_path="/clips/t1.txt",
        title="騰訊研發投入創新高",
        body=BODY_T1,
        date="2025-03-20",
        site="DoNews",
        author="张琪",
        tags=["研发", "大模型"],
        companies=["腾讯"],
        figures=[
            _figure(BODY_T1, "706.9億元", "money", "研发投入", "腾讯"),
            _figure(BODY_T1, "767億元", "money", "资本开支", "腾讯"),
            _figure(BODY_T1, "221%", "percent", "资本开支", "腾讯"),
            _figure(BODY_T1, "68%", "percent", "净利润", "腾讯"),
            _figure(BODY_T1, "2480萬", "count", "日活", "腾讯"),
            _figure(BODY_T1, "3403億元", "money", "研发投入", "腾讯"),
        ],
        script="hant",
    )
    s1 = Article(
        id="s1",
        source_path="/clips/s1.txt",
        title="阿里云收入增长",
        body=BODY_S1,
        date="2025-05-15",
        site="第一财经",
        tags=["云服务", "大模型"],
        companies=["阿里巴巴", "腾讯"],
        figures=[_figure(BODY_S1, "18%", "percent", "营收", "阿里巴巴")],
    )
    s2 = Article(
        id="s2",
        source_path="/clips/s2.txt",
        title="百度发布文心新版本",
        body=BODY_S2,
        date="2025-04-01",
        site="钛媒体",
        tags=["大模型"],
        companies=["百度"],
    )
    return [t1, s1, s2]


class FakeLibrary:
    """The reader-facing API of ``Library`` over in-memory articles."""

    def __init__(
        self, path: Path, articles: list[Article] | None = None, *, empty_until_sync: bool = False
    ) -> None:
        self.path = path
        self.articles = {a.id: a for a in (articles or sample_articles())}
        self.synced = not empty_until_sync
        self.sync_calls = 0

    def sync(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[SyncProgress], None] | None = None,
    ) -> SyncReport:
        self.sync_calls += 1
        total = len(self.articles)
        for done, article in enumerate(self.articles.values(), 1):
            if progress is not None:
                progress(SyncProgress(done, total, article.source_path))
        added = 0 if self.synced else total
        self.synced = True
        return SyncReport(added=added, unchanged=total - added, article_ids=list(self.articles))

    def list_articles(self, paths: Iterable[str | Path] | None = None) -> list[ArticleRow]:
        if not self.synced:
            return []
        rows = [
            ArticleRow(
                id=a.id,
                source_path=a.source_path,
                title=a.title,
                title_simplified=to_simplified(a.title),
                site=a.site,
                date=a.date,
                author=a.author,
                companies=list(a.companies),
                tags=list(a.tags),
                script=a.script,
            )
            for a in self.articles.values()
        ]
        return sorted(rows, key=lambda r: r.date or "", reverse=True)

    def get_article(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def get_simplified(self, article_id: str) -> tuple[str, str]:
        article = self.articles[article_id]
        return to_simplified(article.title), to_simplified(article.body)

    def search(self, query: str, ids: Iterable[str] | None = None) -> list[str]:
        terms = [to_simplified(t).casefold() for t in query.split()]
        if not terms:
            return []
        scored = []
        for article in self.articles.values():
            text = to_simplified(article.title + "\n" + article.body).casefold()
            if all(t in text for t in terms):
                scored.append((-sum(text.count(t) for t in terms), article.id))
        return [article_id for _, article_id in sorted(scored)]

    def facts(self) -> list[FactGroup]:
        t1 = self.articles.get("t1")
        if t1 is None:
            return []
        first, _, _, net, _, _ = t1.figures
        return [
            FactGroup(
                "腾讯",
                "研发投入",
                "2024",
                "agree",
                [
                    FactMember(
                        t1.source_path, t1.title, first.text, 1.0, first.start, first.end, "t1"
                    )
                ],
            ),
            FactGroup(
                "腾讯",
                "净利润",
                "2024",
                "conflict",
                [FactMember(t1.source_path, t1.title, net.text, 1.0, net.start, net.end, "t1")],
            ),
        ]

    def close(self) -> None:
        pass


def build_seed_library(target: Path) -> Path:
    """A real library of the seeds at ``target`` (built once, then copied by tests)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with Library(target) as lib:
        report = lib.sync([str(SEEDS)])
    assert not report.errors, report.errors
    return target


def copy_library(source: Path, home: Path) -> Path:
    """Copy a built library into a JIEDU_HOME's data directory."""
    target = home / "data" / "library.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


@pytest.fixture(scope="session")
def seed_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real library of the seeds, built once per test session (import it to use it)."""
    return build_seed_library(tmp_path_factory.mktemp("seed_library") / "library.sqlite3")
