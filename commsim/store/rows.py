"""From database rows to the store's models, and the plain values the SQL binds.

Nothing here runs SQL: ``repository.py`` does, and hands its rows to these
functions. Timestamps are stored as ISO 8601 text in UTC with microseconds,
one fixed format, so that they sort in time order as text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from commsim.store.db import StoreError
from commsim.store.models import Attempt, Learner, StoredTurn

MAX_NAME_CHARS = 80
CHUNK = 500
"""Ids bound per query: well under SQLite's limit on bound parameters."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def clean_name(name: str) -> str:
    clean = " ".join(str(name).split())
    if not clean:
        raise StoreError("a learner needs a name (a display name is enough)")
    if len(clean) > MAX_NAME_CHARS:
        raise StoreError(f"a learner's name has at most {MAX_NAME_CHARS} characters")
    return clean


def iso(moment: datetime | None) -> str:
    # One fixed format, so timestamps stored as text sort in time order.
    assert moment is not None
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def learner_of(row: sqlite3.Row) -> Learner:
    return Learner(id=row["id"], name=row["name"], created_at=row["created_at"])


def turn_of(row: sqlite3.Row) -> StoredTurn:
    return StoredTurn(
        seq=row["seq"],
        speaker=row["speaker"],
        text=row["text"],
        node=row["node"],
        intent=row["intent"],
        confidence=row["confidence"],
        criteria_met=json.loads(row["criteria_met"]),
        idioms=json.loads(row["idioms"]),
        at=row["created_at"],
    )


def attempt_of(row: sqlite3.Row, scores: dict[str, int]) -> Attempt:
    return Attempt(
        id=row["id"],
        learner_id=row["learner_id"],
        learner=row["learner"],
        scenario_id=row["scenario_id"],
        scenario_title=row["scenario_title"],
        scenario_source=row["scenario_source"],
        rubrics=json.loads(row["rubrics"]),
        skills=json.loads(row["skills"]),
        mode=row["mode"],
        status=row["status"],
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        finished_at=row["finished_at"],
        ending=row["ending"],
        ending_quality=row["ending_quality"],
        ended_early=bool(row["ended_early"]),
        grade=row["grade"],
        hints=row["hints"],
        turns=row["turn_count"],
        scores=scores,
    )
