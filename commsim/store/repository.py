"""The store: every read and write of learners, attempts, turns and scores, in plain SQL.

This module and ``migrations.py`` hold all of commsim's SQL; callers see
``Store`` methods and the pydantic models of ``commsim.store.models`` only, so
a PostgreSQL backend can be added beside it without touching them.

Each write is one transaction begun with ``BEGIN IMMEDIATE`` (the write lock
is taken up front, so concurrent writers queue on the busy timeout instead of
failing half-way) and committed before the method returns: a turn handed to
``record_turns`` is on disk when the call comes back.

A ``Store`` may be used from several threads (the TUI writes from a worker
thread); calls are serialised by a lock.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from commsim.store.db import AttemptNotFoundError, StoreError, connect, damaged, resolve_db_path
from commsim.store.migrations import migrate
from commsim.store.models import (
    Attempt,
    AttemptOutcome,
    AttemptRecord,
    CriterionRecord,
    ForgetReport,
    Learner,
    NewTurn,
    RubricScoreRecord,
    StoredTurn,
    TrendPoint,
)
from commsim.store.rows import attempt_of, chunks, clean_name, iso, learner_of, to_json, turn_of, utc_now

_ATTEMPT_SELECT = """
    SELECT a.*, l.name AS learner, (SELECT count(*) FROM turns t WHERE t.attempt_id = a.id) AS turn_count
    FROM attempts a JOIN learners l ON l.id = a.learner_id
"""


class Store:
    """The attempts database. Open it with ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self._db = connection
        self._db.row_factory = sqlite3.Row
        self.path = path
        self._clock = clock
        self._lock = threading.RLock()

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        create: bool = True,
        clock: Callable[[], datetime] = utc_now,
    ) -> Store:
        """Open (creating and migrating as needed) the database at ``path``.

        Args:
            path: the file; None means ``COMMSIM_DB`` or the user's data directory.
            create: create the file if missing (False for commands that only read).
            clock: the source of timestamps (tests pass a fixed clock).

        Raises:
            StoreError: the file is not a commsim database, is damaged, or is newer than this code.
        """
        resolved = resolve_db_path(path)
        connection = connect(resolved, create=create)
        try:
            migrate(connection, resolved)
        except BaseException:
            connection.close()
            raise
        return cls(connection, resolved, clock)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- learners ----------------------------------------------------------------

    def learner(self, name: str) -> Learner:
        """The learner with this display name, created if new (names ignore case)."""
        with self._write():
            return self._learner(name)

    def find_learner(self, name: str) -> Learner | None:
        with self._read():
            row = self._db.execute("SELECT * FROM learners WHERE name = ?", (clean_name(name),)).fetchone()
        return learner_of(row) if row else None

    def learners(self) -> list[Learner]:
        with self._read():
            return [learner_of(row) for row in self._db.execute("SELECT * FROM learners ORDER BY name")]

    # -- attempts and turns ------------------------------------------------------------

    def start_attempt(
        self,
        learner: str,
        *,
        scenario_id: str,
        scenario_title: str,
        rubrics: Sequence[str],
        skills: Sequence[str] = (),
        mode: str = "terminal",
        source: str | None = None,
        turns: Sequence[NewTurn] = (),
    ) -> Attempt:
        """Begin an attempt, with its first turns (the counterpart's opening), in one transaction."""
        with self._write():
            person = self._learner(learner)
            now = self._now()
            cursor = self._db.execute(
                "INSERT INTO attempts (learner_id, scenario_id, scenario_title, scenario_source, rubrics, skills,"
                " mode, status, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
                (
                    person.id,
                    scenario_id,
                    scenario_title,
                    source,
                    to_json(list(rubrics)),
                    to_json(list(skills)),
                    mode,
                    now,
                    now,
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            self._insert_turns(attempt_id, 0, turns, now)
            return self._attempt(attempt_id)

    def record_turn(self, attempt_id: int, seq: int, turn: NewTurn) -> StoredTurn:
        """Store one turn at position ``seq`` (the next free one) and commit it."""
        return self.record_turns(attempt_id, seq, [turn])[0]

    def record_turns(self, attempt_id: int, seq: int, turns: Sequence[NewTurn]) -> list[StoredTurn]:
        """Store turns from position ``seq`` on, all or none, and commit them.

        ``seq`` must be the attempt's next free position: if another process
        has added turns since this one last looked (the same attempt resumed
        in two terminals), nothing is written and ``StoreError`` says so.
        """
        with self._write():
            row = self._db.execute(
                "SELECT status, (SELECT count(*) FROM turns WHERE attempt_id = :id) AS stored"
                " FROM attempts WHERE id = :id",
                {"id": attempt_id},
            ).fetchone()
            if row is None:
                raise AttemptNotFoundError(f"no attempt {attempt_id} in {self.path}")
            if row["status"] != "open":
                raise StoreError(f"attempt {attempt_id} has already finished; start a new one to practise again")
            if row["stored"] != seq:
                raise StoreError(
                    f"attempt {attempt_id} was continued somewhere else (it has {row['stored']} turns, "
                    f"this session expected {seq}); resume it again with: commsim resume {attempt_id}"
                )
            now = self._now()
            stored = self._insert_turns(attempt_id, seq, turns, now)
            self._db.execute("UPDATE attempts SET updated_at = ? WHERE id = ?", (now, attempt_id))
            return stored

    def record_hint(self, attempt_id: int) -> Attempt:
        """Count one hint the learner asked for in an open attempt."""
        with self._write():
            now = self._now()
            changed = self._db.execute(
                "UPDATE attempts SET hints = hints + 1, updated_at = ? WHERE id = ? AND status = 'open'",
                (now, attempt_id),
            ).rowcount
            if not changed:
                raise AttemptNotFoundError(f"no open attempt {attempt_id} in {self.path}")
            return self._attempt(attempt_id)

    def finish_attempt(self, attempt_id: int, outcome: AttemptOutcome) -> Attempt:
        """Record how the attempt ended and its scores; it is then closed to new turns."""
        with self._write():
            row = self._db.execute("SELECT status FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is None:
                raise AttemptNotFoundError(f"no attempt {attempt_id} in {self.path}")
            if row["status"] != "open":
                raise StoreError(f"attempt {attempt_id} has already finished")
            now = self._now()
            self._db.execute(
                "UPDATE attempts SET status = 'finished', finished_at = ?, updated_at = ?, ending = ?,"
                " ending_quality = ?, ended_early = ?, grade = ? WHERE id = ?",
                (now, now, outcome.ending, outcome.ending_quality, outcome.ended_early, outcome.grade, attempt_id),
            )
            for position, rubric in enumerate(outcome.rubrics):
                self._db.execute(
                    "INSERT INTO rubric_scores (attempt_id, rubric_id, rubric_title, position, score)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (attempt_id, rubric.id, rubric.title, position, rubric.score),
                )
                self._db.executemany(
                    "INSERT INTO criterion_results (attempt_id, rubric_id, criterion_id, criterion_title, position,"
                    " negative, met, applicable, evidence, turn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (attempt_id, rubric.id, c.id, c.title, i, c.negative, c.met, c.applicable, c.evidence, c.turn)
                        for i, c in enumerate(rubric.criteria)
                    ],
                )
            return self._attempt(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        with self._read():
            return self._attempt(attempt_id)

    def attempts(
        self,
        *,
        learner: str | None = None,
        scenario: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> list[Attempt]:
        """Attempts, newest first, optionally of one learner, one scenario or one status."""
        where, params = [], []
        if learner is not None:
            where.append("l.name = ?")
            params.append(clean_name(learner))
        if scenario is not None:
            where.append("a.scenario_id = ?")
            params.append(scenario)
        if status is not None:
            where.append("a.status = ?")
            params.append(status)
        sql = _ATTEMPT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY a.started_at DESC, a.id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._read():
            rows = self._db.execute(sql, params).fetchall()
            scores = self._scores([row["id"] for row in rows])
        return [attempt_of(row, scores.get(row["id"], {})) for row in rows]

    def unfinished_attempts(self, learner: str | None = None) -> list[Attempt]:
        """Attempts that were interrupted (or are still going), newest first: what can be resumed."""
        return self.attempts(learner=learner, status="open")

    def load_attempt(self, attempt_id: int) -> AttemptRecord:
        """An attempt with its whole transcript and, once finished, its scores and criteria."""
        with self._read():
            attempt = self._attempt(attempt_id)
            turns = [
                turn_of(row)
                for row in self._db.execute("SELECT * FROM turns WHERE attempt_id = ? ORDER BY seq", (attempt_id,))
            ]
            rubrics = self.rubric_results([attempt_id]).get(attempt_id, [])
        return AttemptRecord(attempt=attempt, turns=turns, rubrics=rubrics)

    def rubric_results(self, attempt_ids: Sequence[int]) -> dict[int, list[RubricScoreRecord]]:
        """Rubric scores with every criterion's result, for each of ``attempt_ids``."""
        found: dict[int, list[RubricScoreRecord]] = {}
        with self._read():
            for chunk in chunks(attempt_ids):
                marks = ",".join("?" * len(chunk))
                criteria: dict[tuple[int, str], list[CriterionRecord]] = {}
                for row in self._db.execute(
                    f"SELECT * FROM criterion_results WHERE attempt_id IN ({marks})"
                    " ORDER BY attempt_id, rubric_id, position",
                    chunk,
                ):
                    criteria.setdefault((row["attempt_id"], row["rubric_id"]), []).append(
                        CriterionRecord(
                            id=row["criterion_id"],
                            title=row["criterion_title"],
                            negative=bool(row["negative"]),
                            met=bool(row["met"]),
                            applicable=bool(row["applicable"]),
                            evidence=row["evidence"],
                            turn=row["turn"],
                        )
                    )
                for row in self._db.execute(
                    f"SELECT * FROM rubric_scores WHERE attempt_id IN ({marks}) ORDER BY attempt_id, position", chunk
                ):
                    found.setdefault(row["attempt_id"], []).append(
                        RubricScoreRecord(
                            id=row["rubric_id"],
                            title=row["rubric_title"],
                            score=row["score"],
                            criteria=criteria.get((row["attempt_id"], row["rubric_id"]), []),
                        )
                    )
        return found

    def trend(self, attempt_id: int, limit: int = 20) -> list[TrendPoint]:
        """The learner's finished attempts sharing a rubric with this one, up to it, oldest first."""
        with self._read():
            attempt = self._attempt(attempt_id)
            if not attempt.finished or not attempt.rubrics:
                return []
            marks = ",".join("?" * len(attempt.rubrics))
            rows = self._db.execute(
                "SELECT * FROM attempts a WHERE a.learner_id = ? AND a.status = 'finished'"
                " AND (a.finished_at < ? OR (a.finished_at = ? AND a.id <= ?))"
                f" AND EXISTS (SELECT 1 FROM rubric_scores r WHERE r.attempt_id = a.id AND r.rubric_id IN ({marks}))"
                " ORDER BY a.finished_at DESC, a.id DESC LIMIT ?",
                (
                    attempt.learner_id,
                    iso(attempt.finished_at),
                    iso(attempt.finished_at),
                    attempt_id,
                    *attempt.rubrics,
                    limit,
                ),
            ).fetchall()
            scores = self._scores([row["id"] for row in rows])
        return [
            TrendPoint(
                attempt_id=row["id"],
                finished_at=row["finished_at"],
                scenario_id=row["scenario_id"],
                scenario_title=row["scenario_title"],
                grade=row["grade"],
                scores=scores.get(row["id"], {}),
            )
            for row in reversed(rows)
        ]

    def forget_learner(self, name: str) -> ForgetReport:
        """Delete a learner and everything of theirs (the right to erasure); say what went.

        Deleted text is overwritten in the file (``secure_delete``) and the
        write-ahead log is checkpointed and truncated, so the words do not
        linger on disk.
        """
        with self._lock:
            self._db.execute("PRAGMA secure_delete = ON")
            with self._write():
                row = self._db.execute("SELECT * FROM learners WHERE name = ?", (clean_name(name),)).fetchone()
                if row is None:
                    known = [r["name"] for r in self._db.execute("SELECT name FROM learners ORDER BY name")]
                    hint = f"; learners: {', '.join(known)}" if known else "; there are no learners"
                    raise AttemptNotFoundError(f"no learner {name!r} in {self.path}{hint}")
                counts = self._db.execute(
                    "SELECT (SELECT count(*) FROM attempts WHERE learner_id = :id) AS attempts,"
                    " (SELECT count(*) FROM turns t JOIN attempts a ON a.id = t.attempt_id"
                    "  WHERE a.learner_id = :id) AS turns,"
                    " (SELECT count(*) FROM rubric_scores r JOIN attempts a ON a.id = r.attempt_id"
                    "  WHERE a.learner_id = :id) AS rubric_scores,"
                    " (SELECT count(*) FROM criterion_results c JOIN attempts a ON a.id = c.attempt_id"
                    "  WHERE a.learner_id = :id) AS criterion_results",
                    {"id": row["id"]},
                ).fetchone()
                self._db.execute("DELETE FROM learners WHERE id = ?", (row["id"],))
            try:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as error:
                raise damaged(self.path, error) from None
        return ForgetReport(learner=row["name"], **dict(counts))

    # -- internals ---------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
            except sqlite3.IntegrityError as error:
                raise StoreError(f"{self.path}: refused an inconsistent write ({error})") from None
            except sqlite3.Error as error:
                raise damaged(self.path, error) from None

    @contextmanager
    def _read(self) -> Iterator[None]:
        """A read transaction, so the several SELECTs of one call see one snapshot."""
        with self._lock:
            outer = self._db.in_transaction
            try:
                if not outer:
                    self._db.execute("BEGIN")
                try:
                    yield
                finally:
                    if not outer and self._db.in_transaction:
                        self._db.execute("COMMIT")
            except sqlite3.Error as error:
                raise damaged(self.path, error) from None

    def _now(self) -> str:
        return iso(self._clock())

    def _learner(self, name: str) -> Learner:
        clean = clean_name(name)
        self._db.execute(
            "INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (clean, self._now())
        )
        return learner_of(self._db.execute("SELECT * FROM learners WHERE name = ?", (clean,)).fetchone())

    def _attempt(self, attempt_id: int) -> Attempt:
        row = self._db.execute(_ATTEMPT_SELECT + " WHERE a.id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise AttemptNotFoundError(f"no attempt {attempt_id} in {self.path}")
        return attempt_of(row, self._scores([attempt_id]).get(attempt_id, {}))

    def _scores(self, attempt_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        scores: dict[int, dict[str, int]] = {}
        for chunk in chunks(attempt_ids):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT attempt_id, rubric_id, score FROM rubric_scores WHERE attempt_id IN ({marks})"
                " ORDER BY attempt_id, position",
                chunk,
            ):
                scores.setdefault(row["attempt_id"], {})[row["rubric_id"]] = row["score"]
        return scores

    def _insert_turns(self, attempt_id: int, seq: int, turns: Sequence[NewTurn], now: str) -> list[StoredTurn]:
        self._db.executemany(
            "INSERT INTO turns (attempt_id, seq, speaker, text, node, intent, confidence, criteria_met, idioms,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    attempt_id,
                    seq + i,
                    t.speaker,
                    t.text,
                    t.node,
                    t.intent,
                    t.confidence,
                    to_json(t.criteria_met),
                    to_json(t.idioms),
                    now,
                )
                for i, t in enumerate(turns)
            ],
        )
        return [StoredTurn(**t.model_dump(), seq=seq + i, at=now) for i, t in enumerate(turns)]
