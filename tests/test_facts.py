"""Fact groups across articles: agree, conflict and label conflicts."""

from __future__ import annotations

import random

from tui.figures import facts
from tui.figures.facts import (
    FactInput,
    figure_step,
    group_facts,
    significant_digits,
    values_agree,
)
from tui.text.models import Article, Figure


def fig(
    text: str,
    value: float,
    *,
    metric: str = "净利润",
    company: str = "腾讯",
    period: str | None = "2024",
    approx: str | None = None,
    kind: str = "money",
    unit: str | None = "CNY",
    value_max: float | None = None,
    start: int = 0,
) -> Figure:
    return Figure(
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        value=value,
        value_max=value_max,
        unit=unit,
        approx=approx,
        metric=metric,
        company=company,
        period=period,
    )


def art(name: str, *figures: Figure) -> Article:
    return Article(id=name, source_path=f"/{name}.md", title=name, body="", figures=list(figures))


def test_step_is_one_unit_of_the_last_digit() -> None:
    assert figure_step(fig("1940.73亿元", 194_073_000_000)) == 1e6
    assert figure_step(fig("1941亿", 194_100_000_000)) == 1e8
    assert figure_step(fig("18%", 18, kind="percent", unit="%")) == 1
    assert significant_digits(fig("2480.5万", 24_805_000)) == 5


def test_values_agree_within_the_less_precise_rounding() -> None:
    assert values_agree(fig("1940.73亿元", 194_073_000_000), fig("1941亿", 194_100_000_000))
    assert values_agree(fig("706.9亿元", 70_690_000_000), fig("706亿", 70_600_000_000))
    assert not values_agree(fig("706.9亿元", 70_690_000_000), fig("708亿", 70_800_000_000))
    assert values_agree(
        fig("706.9亿元", 70_690_000_000), fig("超过700亿元", 70_000_000_000, approx=">")
    )
    assert not values_agree(
        fig("3403亿元", 340_300_000_000), fig("超过700亿元", 70_000_000_000, approx=">")
    )


def test_wide_ranges_only_agree_with_the_same_range() -> None:
    three = fig("三位数", 100, value_max=999, kind="percent", unit="%")
    assert values_agree(three, fig("三位數", 100, value_max=999, kind="percent", unit="%"))
    assert not values_agree(three, fig("120%", 120, kind="percent", unit="%"))


def test_same_fact_in_two_articles_agrees() -> None:
    groups = group_facts(
        [
            art("a", fig("767亿元", 76_700_000_000, metric="资本开支")),
            art("b", fig("突破767億元", 76_700_000_000, metric="资本开支", approx=">")),
        ]
    )
    assert len(groups) == 1
    group = groups[0]
    assert (group.company, group.metric, group.period, group.status) == (
        "腾讯",
        "资本开支",
        "2024",
        "agree",
    )
    assert [m.source_path for m in group.members] == ["/a.md", "/b.md"]


def test_disagreeing_articles_conflict() -> None:
    groups = group_facts(
        [
            art("a", fig("767亿元", 76_700_000_000, metric="资本开支")),
            art("b", fig("780亿元", 78_000_000_000, metric="资本开支")),
        ]
    )
    assert [g.status for g in groups] == ["conflict"]
    assert "767亿元" in (groups[0].note or "")


def test_two_values_in_one_article_are_two_things_not_a_conflict() -> None:
    groups = group_facts(
        [
            art(
                "a",
                fig("15%", 15, metric="营收", kind="percent", unit="%"),
                fig("20%", 20, metric="营收", kind="percent", unit="%", start=9),
            ),
        ]
    )
    assert groups == []


def test_an_undated_figure_joins_nothing() -> None:
    groups = group_facts(
        [
            art("a", fig("1940.73亿元", 194_073_000_000)),
            art("b", fig("1941亿", 194_100_000_000, period=None)),
            art("c", fig("1941亿", 194_100_000_000, period=None)),
        ]
    )
    assert groups == []


def test_other_companies_metrics_and_periods_stay_apart() -> None:
    groups = group_facts(
        [
            art("a", fig("767亿元", 76_700_000_000, metric="资本开支")),
            art("b", fig("767亿元", 76_700_000_000, metric="资本开支", company="阿里巴巴")),
            art("c", fig("767亿元", 76_700_000_000, metric="资本开支", period="2023")),
        ]
    )
    assert groups == []


def test_same_number_under_two_labels_is_flagged() -> None:
    groups = group_facts(
        [
            art("a", fig("2480.5万", 24_805_000, metric="日活", kind="count", unit=None)),
            art(
                "b",
                fig(
                    "2480万上下",
                    24_800_000,
                    metric="MAU",
                    kind="count",
                    unit=None,
                    approx="~",
                    period=None,  # a flag needs no period on one side
                ),
            ),
        ]
    )
    assert len(groups) == 1
    group = groups[0]
    assert group.status == "conflict"
    assert group.metric == "MAU / 日活"
    assert "different labels" in (group.note or "")


def test_yuanbao_daily_and_monthly_users_are_one_label_conflict() -> None:
    """元宝's 2480万: 日活 in one article, 月活 (written 2480万上下, undated) in another."""
    a = art("a", fig("2480万", 24_800_000, metric="日活", kind="count", unit=None))
    b = art(
        "b",
        fig(
            "2480万上下",
            24_800_000,
            metric="月活",
            kind="count",
            unit=None,
            approx="~",
            period=None,
        ),
    )
    [group] = group_facts([a, b])
    assert (group.status, group.metric, group.period) == ("conflict", "日活 / 月活", "2024")
    assert [m.article_id for m in group.members] == ["a", "b"]
    assert group.note == "same number, different labels: 2480万 (日活) vs 2480万上下 (月活)"


def test_a_number_under_many_labels_is_one_group_not_one_per_pair() -> None:
    """Sides (metric, period, value) that all agree make one group naming every label,
    where a group per pair of sides made six of four labels."""
    labels = ["日活", "月活", "MAU", "注册用户"]
    articles = [
        art(f"a{i:02d}", fig("2480万", 24_800_000, metric=labels[i % 4], kind="count", unit=None))
        for i in range(12)
    ]
    groups = group_facts(articles)
    assert [g.status for g in groups] == ["agree"] * 4 + ["conflict"]  # 3 articles a label
    group = groups[-1]
    assert group.metric == "MAU / 日活 / 月活 / 注册用户"
    assert len(group.members) == 12
    for label in labels:
        assert f"2480万 ({label})" in (group.note or "")


def test_label_groups_grow_with_the_figures_not_their_pairs() -> None:
    """Many nearby values under two labels: each figure is in at most two groups (a
    band edge), every group's values agree pairwise with compatible periods and two
    or more labels."""
    rng = random.Random(3)
    articles = []
    for i in range(600):
        tenths = rng.randint(24_700, 24_900)
        text = f"{tenths // 10}万" if i % 3 else f"{tenths / 10:.1f}万"
        value = (tenths // 10 * 10 if i % 3 else tenths) * 1000
        period = rng.choice(["2025Q1", "2025Q2", None])
        metric = rng.choice(["日活", "月活"])
        articles.append(
            art(
                f"a{i:03d}", fig(text, value, metric=metric, kind="count", unit=None, period=period)
            )
        )
    groups = [g for g in group_facts(articles) if g.note and "different labels" in g.note]
    assert len(groups) > 10
    seen: dict[str, int] = {}
    for group in groups:
        for member in group.members:
            seen[member.article_id] = seen.get(member.article_id, 0) + 1
    assert max(seen.values()) <= 2
    figures = {a.id: a.figures[0] for a in articles}
    for group in groups:
        members = [figures[m.article_id] for m in group.members]
        assert len({f.metric for f in members}) > 1
        assert len({f.period for f in members if f.period}) <= 1
        assert all(values_agree(x, y) for x in members for y in members)


def test_small_or_generic_numbers_are_not_label_conflicts() -> None:
    groups = group_facts(
        [
            art("a", fig("18%", 18, metric="云收入", kind="percent", unit="%")),
            art("b", fig("18%", 18, metric="经营现金流", kind="percent", unit="%")),
            art("c", fig("2067亿元", 206_700_000_000, metric="经营现金流")),
            art("d", fig("2067亿", 206_700_000_000, metric="现金流")),
        ]
    )
    assert groups == []


def test_figures_without_company_or_metric_are_ignored() -> None:
    groups = group_facts(
        [art("a", fig("5亿元", 5e8, company="")), art("b", fig("5亿元", 5e8, company=""))]
    )
    assert groups == []


def test_groups_of_rates_of_an_amount_say_so() -> None:
    a = art(
        "a",
        fig("767亿元", 767e8, metric="资本开支"),
        fig("221%", 221, metric="资本开支", kind="percent", unit="%", start=10),
    )
    b = art(
        "b",
        fig("突破767亿元", 767e8, metric="资本开支", approx=">"),
        fig("221%", 221, metric="资本开支", kind="percent", unit="%", start=10),
    )
    labels = sorted(g.metric or "" for g in group_facts([a, b]))
    assert labels == ["资本开支", "资本开支增速"]


def test_points_of_a_rate_are_its_change() -> None:
    a = art("a", fig("+4个百分点", 4, metric="毛利率", kind="pp", unit="pp"))
    b = art("b", fig("4个百分点", 4, metric="毛利率", kind="pp", unit="pp"))
    assert [g.metric for g in group_facts([a, b])] == ["毛利率变动"]


def test_rates_agree_only_by_rounding() -> None:
    pct = {"kind": "percent", "unit": "%"}
    assert values_agree(fig("22.3%", 22.3, **pct), fig("22%", 22, **pct))
    assert not values_agree(fig("2.8%", 2.8, **pct), fig("2%", 2, **pct))
    assert values_agree(fig("706.9亿元", 706.9e8), fig("706亿", 706e8))


def test_no_false_agreement() -> None:
    """Issue 8 item 12: same company, metric and period, and comparable kinds, or nothing."""
    amount = fig("22亿元", 22e8, metric="营收")
    rate = fig("22%", 22, metric="营收", kind="percent", unit="%", start=20)
    assert not values_agree(amount, rate)
    assert not values_agree(fig("5亿元", 5e8), fig("5亿美元", 5e8, unit="USD"))
    cases = [
        # an amount and its growth rate with the same number
        [art("a", amount), art("b", rate)],
        # a subsidiary's figure is not the parent's
        [art("a", fig("767亿元", 767e8)), art("b", fig("767亿元", 767e8, company="亚马逊"))],
        # other metric, other period, other currency
        [art("a", fig("767亿元", 767e8)), art("b", fig("767亿元", 767e8, metric="营收"))],
        [art("a", fig("767亿元", 767e8)), art("b", fig("767亿元", 767e8, period="2024Q4"))],
        [art("a", fig("767亿元", 767e8)), art("b", fig("767亿美元", 767e8, unit="USD"))],
        # without metric, company or period: never
        [art("a", fig("767亿元", 767e8, metric="")), art("b", fig("767亿元", 767e8, metric=""))],
        [art("a", fig("767亿元", 767e8, company="")), art("b", fig("767亿元", 767e8, company=""))],
        [
            art("a", fig("767亿元", 767e8, period=None)),
            art("b", fig("767亿元", 767e8, period=None)),
        ],
    ]
    for articles in cases:
        assert group_facts(articles) == [], articles


def test_many_repeats_of_one_fact_make_one_group() -> None:
    articles = [art(f"a{i:04d}", fig("767亿元", 767e8, metric="资本开支")) for i in range(2000)]
    articles.append(art("z", fig("780亿元", 780e8, metric="资本开支")))
    groups = group_facts(articles)
    assert [(g.status, len(g.members)) for g in groups] == [("conflict", 2001)]


def test_label_conflict_needs_the_same_period() -> None:
    a = art("a", fig("2480.5万", 24_805_000, metric="日活", kind="count", unit=None))
    b = art("b", fig("2480万", 24_800_000, metric="MAU", kind="count", unit=None, period="2023"))
    assert group_facts([a, b]) == []


def _clusters_per_item(items: list[FactInput]) -> list[list[FactInput]]:
    """The clustering as first written: every item compared with every value of each
    group, exact values first; the reference for the clustering by signature."""
    clusters: list[list[FactInput]] = []
    exact_first = sorted(
        items,
        key=lambda i: (
            0 if i.figure.approx is None and i.figure.value_max is None else 1,
            i.source_path,
            i.figure.start,
        ),
    )
    for item in exact_first:
        for members in clusters:
            if all(
                (item.figure.text == other.figure.text and item.figure.value == other.figure.value)
                or values_agree(item.figure, other.figure)
                for other in members
            ):
                members.append(item)
                break
        else:
            clusters.append([item])
    return [sorted(m, key=lambda i: (i.source_path, i.figure.start)) for m in clusters]


def test_clustering_by_signature_equals_comparing_every_item() -> None:
    rng = random.Random(5)
    texts = [
        ("706.9亿", 706.9e8, None),
        ("706亿", 706e8, None),
        ("707亿", 707e8, None),
        ("超过700亿", 700e8, ">"),
        ("约710亿", 710e8, "~"),
        ("不足706亿", 706e8, "<"),
        ("706.9億", 706.9e8, None),
    ]
    for _ in range(200):
        items = []
        for index in range(rng.randint(1, 30)):
            text, value, approx = rng.choice(texts)
            figure = fig(text, value, approx=approx, start=rng.randint(0, 9) * 100 + index)
            items.append(FactInput(f"a{index % 7}", f"/a{index % 7}.md", "t", figure))
        ordered = sorted(items, key=lambda i: (i.source_path, i.figure.start))
        assert facts._clusters(ordered) == _clusters_per_item(items)


def _clusters_by_comparing_all(items: list[FactInput]) -> list[list[FactInput]]:
    """The clustering as first written: each value compared with every group so far."""
    same: dict[tuple[object, ...], list[FactInput]] = {}
    for item in items:
        same.setdefault(facts._signature(item.figure), []).append(item)
    clusters: list[tuple[list[FactInput], list[Figure]]] = []
    for signature in sorted(same, key=lambda sig: facts._exactness(same[sig][0])):
        members = same[signature]
        figure = members[0].figure
        for cluster, values in clusters:
            if all(values_agree(figure, other) for other in values):
                cluster.extend(members)
                values.append(figure)
                break
        else:
            clusters.append((list(members), [figure]))
    return [sorted(c, key=facts._order) if len(v) > 1 else c for c, v in clusters]


def _random_figure(rng: random.Random, index: int) -> Figure:
    kind = rng.choice(["money", "money", "percent", "pp", "count"])
    digits = rng.choice([1, 2, 3, 4])
    decimals = rng.choice([0, 0, 1, 2])
    number = rng.randint(0, 10**digits - 1) + (rng.randint(0, 10**decimals - 1) / 10**decimals)
    written = f"{number:.{decimals}f}"
    scale = 1e8 if kind == "money" else 1.0
    value = number * scale * (-1 if rng.random() < 0.1 else 1)
    approx = rng.choice([None, None, None, "~", ">", ">=", "<", "<="])
    value_max = None
    if approx is None and rng.random() < 0.1:
        value_max = value * rng.choice([1.1, 1.5, 3.0])
    if rng.random() < 0.05:
        written = "三十"  # no Arabic digits: as coarse as the value
    return fig(
        written + ("亿" if kind == "money" else "%"),
        value,
        kind=kind,
        approx=approx,
        value_max=value_max,
        start=index,
    )


def test_clusters_compare_only_nearby_groups_with_the_same_result() -> None:
    """Values are compared only with groups whose first value lies near them; the
    groups are those of comparing each value with every group, in the same order."""
    rng = random.Random(5)
    for trial in range(60):
        items = [
            FactInput(f"a{rng.randint(0, 40)}", f"/p/{rng.randint(0, 40)}.txt", "t", f)
            for f in (_random_figure(rng, i) for i in range(rng.randint(1, 300)))
        ]
        items.sort(key=facts._order)
        expected = _clusters_by_comparing_all(items)
        assert facts._clusters(items) == expected, trial
    assert any(len(c) > 2 for c in expected)  # values did agree across articles


def test_envelopes_of_agreeing_figures_meet() -> None:
    rng = random.Random(6)
    figures = [_random_figure(rng, i) for i in range(400)]
    for a in figures:
        low_a, high_a = facts.envelope(a)
        for b in figures:
            if values_agree(a, b):
                low_b, high_b = facts.envelope(b)
                assert low_a <= high_b and low_b <= high_a, (a, b)
