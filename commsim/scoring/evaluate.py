"""Measure the scorer on a labelled set: precision, recall, F1 and Cohen's kappa.

A labelled item names one rubric and lists the criteria of that rubric its
text meets; every other criterion of the rubric is a "not met" label. So each
item gives one decision per criterion of its rubric, and agreement is
measured over all of those decisions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from commsim.errors import CommsimError
from commsim.scoring.scorer import Scorer


@dataclass(frozen=True)
class LabelledItem:
    id: str
    rubric: str
    text: str
    met: frozenset[str]
    context: str | None = None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1


@dataclass
class Mistake:
    item: LabelledItem
    criterion: str
    predicted: bool
    evidence: str | None


@dataclass
class EvalReport:
    per_criterion: dict[tuple[str, str], Counts] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)
    confidence_pairs: list[tuple[float, bool]] = field(default_factory=list)
    items: int = 0

    @property
    def macro_f1(self) -> float:
        scores = [c.f1 for c in self.per_criterion.values() if c.support]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def total(self) -> Counts:
        total = Counts()
        for c in self.per_criterion.values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
            total.tn += c.tn
        return total

    @property
    def kappa(self) -> float:
        """Cohen's kappa between scorer and labels over every criterion decision."""
        t = self.total
        n = t.tp + t.fp + t.fn + t.tn
        if not n:
            return 0.0
        observed = (t.tp + t.tn) / n
        yes_pred, yes_true = (t.tp + t.fp) / n, (t.tp + t.fn) / n
        expected = yes_pred * yes_true + (1 - yes_pred) * (1 - yes_true)
        return (observed - expected) / (1 - expected) if expected < 1 else 1.0

    def to_json(self) -> dict[str, object]:
        return {
            "items": self.items,
            "decisions": sum(c.tp + c.fp + c.fn + c.tn for c in self.per_criterion.values()),
            "macro_f1": round(self.macro_f1, 4),
            "kappa": round(self.kappa, 4),
            "criteria": {
                f"{rubric}:{criterion}": {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "support": c.support,
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                    "tn": c.tn,
                }
                for (rubric, criterion), c in sorted(self.per_criterion.items())
            },
        }


def read_labelled(path: Path, known_rubrics: dict[str, list[str]]) -> list[LabelledItem]:
    """Read a JSONL labelled set; raise ``CommsimError`` naming the line of any bad item."""
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CommsimError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise CommsimError(f"{path}: not UTF-8 text") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            rubric = raw["rubric"]
            met = frozenset(raw.get("met", []))
            text = raw["text"]
            if not isinstance(text, str) or not isinstance(rubric, str):
                raise TypeError
        except json.JSONDecodeError as error:
            raise CommsimError(f"{path}:{number}: not valid JSON ({error.msg})") from None
        except (KeyError, TypeError):
            raise CommsimError(f"{path}:{number}: an item needs 'rubric' and 'text' strings and a 'met' list") from None
        if rubric not in known_rubrics:
            raise CommsimError(f"{path}:{number}: unknown rubric {rubric!r}")
        unknown = met - set(known_rubrics[rubric])
        if unknown:
            raise CommsimError(f"{path}:{number}: rubric {rubric!r} has no criterion {sorted(unknown)[0]!r}")
        items.append(LabelledItem(str(raw.get("id", number)), rubric, text, met, raw.get("context")))
    return items


def evaluate(scorer: Scorer, items: Iterable[LabelledItem]) -> EvalReport:
    report = EvalReport()
    for item in items:
        report.items += 1
        result = scorer.score(item.rubric, item.text, item.context)
        for criterion_id, decision in result.criteria.items():
            actual = criterion_id in item.met
            report.per_criterion.setdefault((item.rubric, criterion_id), Counts()).add(decision.met, actual)
            report.confidence_pairs.append((decision.confidence, decision.met == actual))
            if decision.met != actual:
                report.mistakes.append(Mistake(item, criterion_id, decision.met, decision.evidence))
    return report


def format_table(report: EvalReport) -> str:
    """The report as a Markdown table, ready for a README."""
    lines = [
        "| criterion | precision | recall | F1 | support |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for (rubric, criterion), c in sorted(report.per_criterion.items()):
        lines.append(f"| {rubric}:{criterion} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} | {c.support} |")
    decisions = sum(c.tp + c.fp + c.fn + c.tn for c in report.per_criterion.values())
    lines.append("")
    lines.append(
        f"{report.items} items, {decisions} criterion decisions · macro-F1 {report.macro_f1:.3f} · "
        f"Cohen's kappa {report.kappa:.3f}"
    )
    return "\n".join(lines)
