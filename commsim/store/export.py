"""Attempts and scores as flat records, for trainers' spreadsheets (CSV) and scripts (JSON lines).

A CSV row is one attempt: who, what, when, how it ended, the grade, each
rubric's score and each criterion's result (1 met, 0 not, blank when the
attempt did not use that rubric). Cells that a spreadsheet would run as a
formula (a learner named ``=HYPERLINK(...)``) are prefixed with ``'``.
JSON lines carry the same plus the quoted evidence.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from commsim.store.models import Attempt, RubricScoreRecord
from commsim.store.repository import Store

BASE_COLUMNS = (
    "attempt",
    "learner",
    "scenario",
    "scenario_title",
    "mode",
    "status",
    "started_at",
    "finished_at",
    "ending",
    "ending_quality",
    "ended_early",
    "grade",
    "turns",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_records(store: Store, learner: str | None = None) -> list[dict[str, Any]]:
    """Every attempt (of one learner, or all), oldest first, with rubric scores and criteria."""
    attempts = list(reversed(store.attempts(learner=learner)))
    results = store.rubric_results([a.id for a in attempts])
    return [_record(a, results.get(a.id, [])) for a in attempts]


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: list[dict[str, Any]], out: IO[str]) -> int:
    """One row per attempt; a score column per rubric and a column per criterion met."""
    rubric_columns: dict[str, None] = {}
    criterion_columns: dict[str, None] = {}
    for record in records:
        for rid, rubric in record["rubrics"].items():
            rubric_columns.setdefault(f"score:{rid}")
            for cid in rubric["criteria"]:
                criterion_columns.setdefault(f"{rid}:{cid}")
    writer = csv.writer(out)
    writer.writerow([*BASE_COLUMNS, *rubric_columns, *criterion_columns])
    for record in records:
        row = [_cell(record[column]) for column in BASE_COLUMNS]
        rubrics = record["rubrics"]
        row += [rubrics.get(column[len("score:") :], {}).get("score", "") for column in rubric_columns]
        for column in criterion_columns:
            rid, cid = column.split(":", 1)
            result = rubrics.get(rid, {}).get("criteria", {}).get(cid)
            row.append("" if result is None else int(result["met"]))
        writer.writerow(row)
    return len(records)


def _record(attempt: Attempt, rubrics: list[RubricScoreRecord]) -> dict[str, Any]:
    return {
        "attempt": attempt.id,
        "learner": attempt.learner,
        "scenario": attempt.scenario_id,
        "scenario_title": attempt.scenario_title,
        "mode": attempt.mode,
        "status": attempt.status,
        "started_at": attempt.started_at.isoformat(),
        "finished_at": attempt.finished_at.isoformat() if attempt.finished_at else None,
        "ending": attempt.ending,
        "ending_quality": attempt.ending_quality,
        "ended_early": attempt.ended_early,
        "grade": attempt.grade,
        "turns": attempt.turns,
        "rubrics": {
            r.id: {
                "title": r.title,
                "score": r.score,
                "criteria": {c.id: {"met": c.met, "evidence": c.evidence} for c in r.criteria},
            }
            for r in rubrics
        },
    }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
