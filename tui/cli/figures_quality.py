"""Quality of figure extraction against hand-checked lists.

``python -m tui.cli.figures_quality [--gold DIR] [--seeds DIR] [--verbose]`` cleans
each seed, extracts its figures and compares them with ``tests/gold/NNN.yaml``.
``--sets`` scores every fixture set of the repository instead (the seeds, the
unseen articles of ``tests/gold/unseen`` and the articles written after real pages
in ``tests/gold/pages``) and prints one Markdown table row per set.
Gold entries and extracted figures are paired by surface text (spaces ignored)
in text order (a longest common subsequence), never by offsets. It prints, per
seed and overall:

* precision: extracted figures whose pair has the right kind and value, over
  all extracted figures (an unpaired figure is a false figure);
* recall: gold figures found with the right kind and value, over all gold figures;
* value accuracy: paired figures with the right kind and value, over the paired;
* company and period accuracy over the paired figures; metric accuracy over the
  paired figures whose gold entry gives a metric.

``--verbose`` lists false figures, misses and wrong fields.
"""

from __future__ import annotations

import argparse
import difflib
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tui.text import paths as app_paths
from tui.text.models import Figure

_REPO_GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold"


@dataclass
class Score:
    """Counts for one seed (or the sum of several)."""

    extracted: int = 0
    gold: int = 0
    paired: int = 0
    correct: int = 0  # paired with the right kind and value
    company_ok: int = 0
    period_ok: int = 0
    metric_checked: int = 0  # paired entries whose gold gives a metric
    metric_ok: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.extracted += other.extracted
        self.gold += other.gold
        self.paired += other.paired
        self.correct += other.correct
        self.company_ok += other.company_ok
        self.period_ok += other.period_ok
        self.metric_checked += other.metric_checked
        self.metric_ok += other.metric_ok
        self.problems.extend(other.problems)

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def precision(self) -> float:
        return self._ratio(self.correct, self.extracted)

    @property
    def recall(self) -> float:
        return self._ratio(self.correct, self.gold)

    @property
    def company_accuracy(self) -> float:
        return self._ratio(self.company_ok, self.paired)

    @property
    def period_accuracy(self) -> float:
        return self._ratio(self.period_ok, self.paired)

    @property
    def value_accuracy(self) -> float:
        return self._ratio(self.correct, self.paired)

    @property
    def metric_accuracy(self) -> float:
        return self._ratio(self.metric_ok, self.metric_checked)


def surface_key(text: str) -> str:
    """The text used to pair gold entries with figures: without spaces."""
    return "".join(text.split())


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _norm(value: Any) -> str | None:
    return None if value is None else str(value)


def score_seed(name: str, figures: list[Figure], gold: list[dict[str, Any]]) -> Score:
    """Pair the figures with the gold entries and count what is right."""
    score = Score(extracted=len(figures), gold=len(gold))
    keys_found = [surface_key(f.text) for f in figures]
    keys_gold = [surface_key(str(g["text"])) for g in gold]
    matcher = difflib.SequenceMatcher(a=keys_gold, b=keys_found, autojunk=False)
    paired_found: set[int] = set()
    paired_gold: set[int] = set()
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            g_index, f_index = block.a + offset, block.b + offset
            paired_gold.add(g_index)
            paired_found.add(f_index)
            _compare(name, gold[g_index], figures[f_index], score)
    for index, figure in enumerate(figures):
        if index not in paired_found:
            score.problems.append(f"{name}: false figure {figure.text!r} ({figure.kind})")
    for index, entry in enumerate(gold):
        if index not in paired_gold:
            score.problems.append(f"{name}: missed {entry['text']!r}")
    return score


def _compare(name: str, entry: dict[str, Any], figure: Figure, score: Score) -> None:
    score.paired += 1
    right = (
        entry["kind"] == figure.kind
        and _same_number(float(entry["value"]), figure.value)
        and _same_number(
            float(entry["value_max"]) if entry.get("value_max") is not None else None,
            figure.value_max,
        )
    )
    if right:
        score.correct += 1
    else:
        score.problems.append(
            f"{name}: {figure.text!r} is {figure.kind} {figure.value} {figure.value_max}, "
            f"expected {entry['kind']} {entry['value']} {entry.get('value_max')}"
        )
    if _norm(entry.get("company")) == figure.company:
        score.company_ok += 1
    else:
        score.problems.append(
            f"{name}: {figure.text!r} company {figure.company}, expected {entry.get('company')}"
        )
    if "metric" in entry:
        score.metric_checked += 1
        if _norm(entry["metric"]) == figure.metric:
            score.metric_ok += 1
        else:
            score.problems.append(
                f"{name}: {figure.text!r} metric {figure.metric}, expected {entry['metric']}"
            )
    if _norm(entry.get("period")) == figure.period:
        score.period_ok += 1
    else:
        score.problems.append(
            f"{name}: {figure.text!r} period {figure.period}, expected {entry.get('period')}"
        )


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold lists by seed file name."""
    lists = {}
    for path in sorted(gold_dir.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        lists[str(data["seed"])] = data
    return lists


def measure(gold_dir: Path, seeds_dir: Path) -> dict[str, Score]:
    """Scores per seed file name."""
    from tui.clean.loading import read_document
    from tui.pipeline import clean_text

    scores = {}
    for seed, data in load_gold(gold_dir).items():
        document = read_document(seeds_dir / seed)
        article = clean_text(
            document.text,
            source_path=document.path,
            encoding=document.encoding,
            is_html=document.is_html or None,
        )
        scores[seed] = score_seed(seed[:3], article.figures, list(data.get("figures") or []))
    return scores


def format_report(scores: dict[str, Score]) -> str:
    lines = [
        f"{'seed':<28} {'found':>5} {'gold':>5} {'prec':>6} {'recall':>6} {'company':>8} "
        f"{'period':>7} {'metric':>7}"
    ]
    total = Score()
    for seed, score in scores.items():
        total.add(score)
        lines.append(_row(seed, score))
    lines.append(_row("overall", total))
    return "\n".join(lines)


def _row(label: str, score: Score) -> str:
    return (
        f"{label:<28} {score.extracted:>5} {score.gold:>5} {score.precision:>6.3f} "
        f"{score.recall:>6.3f} {score.company_accuracy:>8.3f} {score.period_accuracy:>7.3f} "
        f"{score.metric_accuracy:>7.3f}"
    )


_REPO_TESTS = _REPO_GOLD.parent


def fixture_sets() -> dict[str, tuple[Path, Path | None]]:
    """The repository's fixture sets: name -> (gold directory, article directory).

    The seeds' articles live in the seed directory (None: the configured one)."""
    return {
        "seeds": (_REPO_GOLD, None),
        "unseen": (_REPO_GOLD / "unseen", _REPO_GOLD / "unseen"),
        "pages": (_REPO_GOLD / "pages", _REPO_GOLD / "pages"),
    }


def total(scores: dict[str, Score]) -> Score:
    """The sum of the scores."""
    whole = Score()
    for score in scores.values():
        whole.add(score)
    return whole


def format_sets(totals: dict[str, tuple[int, Score]]) -> str:
    """One Markdown row per fixture set: articles, figures and every accuracy."""
    lines = [
        "| fixture set | articles | figures | precision | recall | value | company | metric "
        "| period |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (articles, score) in totals.items():
        lines.append(
            f"| {name} | {articles} | {score.gold} | {score.precision:.3f} | {score.recall:.3f} "
            f"| {score.value_accuracy:.3f} | {score.company_accuracy:.3f} "
            f"| {score.metric_accuracy:.3f} ({score.metric_checked}) "
            f"| {score.period_accuracy:.3f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tui.cli.figures_quality",
        description="Precision/recall of figure extraction on the seeds vs the gold lists.",
    )
    parser.add_argument("--gold", type=Path, default=_REPO_GOLD, help="directory of gold YAML")
    parser.add_argument("--seeds", type=Path, default=None, help="directory of the seed files")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every problem")
    parser.add_argument(
        "--sets", action="store_true", help="score every fixture set, one Markdown row each"
    )
    args = parser.parse_args(argv)
    if args.sets:
        totals = {}
        problems = []
        for name, (gold, articles) in fixture_sets().items():
            scores = measure(gold, articles or args.seeds or app_paths.seeds_dir())
            totals[name] = (len(scores), total(scores))
            problems.extend(totals[name][1].problems)
        print(format_sets(totals))
        if args.verbose:
            print("\n".join(problems))
        return 0
    if not args.gold.is_dir():
        print(f"figures_quality: no gold directory {args.gold}", file=sys.stderr)
        return 2
    scores = measure(args.gold, args.seeds or app_paths.seeds_dir())
    print(format_report(scores))
    if args.verbose:
        for score in scores.values():
            for problem in score.problems:
                print(problem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
