"""The database schema, as named migrations applied in order (the sqlite-utils way).

Each migration has a name that never changes and a list of SQL statements.
``migrate`` applies the ones a database has not had, in one transaction with
the record of their names in ``_commsim_migrations``: a crash half-way leaves
the schema as it was. A database that records a migration this code does not
know was written by a newer commsim, and is refused rather than guessed at.

To change the schema, append a migration (``ALTER TABLE ... ADD COLUMN``,
``CREATE TABLE ...``); never edit one that has shipped. Workshops will arrive
this way, as a migration of their own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from commsim.store.db import APPLICATION_ID, StoreError, damaged

MIGRATIONS_TABLE = "_commsim_migrations"


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "001-learners-attempts-turns-scores",
        (
            # A learner is a display name and nothing more (no e-mail, no date of birth).
            """CREATE TABLE learners (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
                created_at TEXT NOT NULL
            )""",
            # The scenario's title, rubrics and skills are copied in, so history and
            # reports still read well after the scenario file changes or goes.
            """CREATE TABLE attempts (
                id INTEGER PRIMARY KEY,
                learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
                scenario_id TEXT NOT NULL,
                scenario_title TEXT NOT NULL,
                scenario_source TEXT,
                rubrics TEXT NOT NULL DEFAULT '[]',
                skills TEXT NOT NULL DEFAULT '[]',
                mode TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished')),
                started_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                finished_at TEXT,
                ending TEXT,
                ending_quality TEXT,
                ended_early INTEGER NOT NULL DEFAULT 0,
                grade TEXT
            )""",
            "CREATE INDEX attempts_by_learner ON attempts (learner_id, status, finished_at)",
            # One row per line of the transcript; seq orders them within the attempt.
            # criteria_met is JSON: {rubric id: [criterion ids met by this answer]}.
            """CREATE TABLE turns (
                attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL CHECK (seq >= 0),
                speaker TEXT NOT NULL CHECK (speaker IN ('learner', 'counterpart')),
                text TEXT NOT NULL,
                node TEXT NOT NULL,
                intent TEXT,
                confidence REAL,
                criteria_met TEXT NOT NULL DEFAULT '{}',
                idioms TEXT NOT NULL DEFAULT '[]',
                created_at TEXT NOT NULL,
                PRIMARY KEY (attempt_id, seq)
            )""",
            """CREATE TABLE rubric_scores (
                attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
                rubric_id TEXT NOT NULL,
                rubric_title TEXT NOT NULL,
                position INTEGER NOT NULL,
                score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
                PRIMARY KEY (attempt_id, rubric_id)
            )""",
            # turn is the index, among the learner's answers, of the one quoted as evidence.
            """CREATE TABLE criterion_results (
                attempt_id INTEGER NOT NULL,
                rubric_id TEXT NOT NULL,
                criterion_id TEXT NOT NULL,
                criterion_title TEXT NOT NULL,
                position INTEGER NOT NULL,
                negative INTEGER NOT NULL DEFAULT 0,
                met INTEGER NOT NULL,
                applicable INTEGER NOT NULL DEFAULT 1,
                evidence TEXT,
                turn INTEGER,
                PRIMARY KEY (attempt_id, rubric_id, criterion_id),
                FOREIGN KEY (attempt_id, rubric_id) REFERENCES rubric_scores (attempt_id, rubric_id) ON DELETE CASCADE
            )""",
        ),
    ),
    Migration(
        "002-attempt-hints",
        # Hints cost nothing in scoring, but trainers see how often a learner needed one.
        ("ALTER TABLE attempts ADD COLUMN hints INTEGER NOT NULL DEFAULT 0",),
    ),
)


def applied_migrations(connection: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database (none for a new file)."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if not exists:
        return []
    return [row[0] for row in connection.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY rowid")]


def migrate(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Bring the schema up to date; return the names of the migrations applied now.

    Raises:
        StoreError: the database was written by a newer commsim, or is damaged.
    """
    try:
        done = applied_migrations(connection)
        _refuse_newer(done, migrations, path)
        if {m.name for m in migrations} <= set(done):
            return []  # Up to date: no write lock taken, so readers stay cheap.
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            done = applied_migrations(connection)
            _refuse_newer(done, migrations, path)
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            now = datetime.now(UTC).isoformat(timespec="milliseconds")
            applied_now = []
            for migration in migrations:
                if migration.name in done:
                    continue
                for statement in migration.statements:
                    connection.execute(statement)
                connection.execute(
                    f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)", (migration.name, now)
                )
                applied_now.append(migration.name)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {len(done) + len(applied_now)}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    except sqlite3.Error as error:
        raise damaged(path, error) from None
    return applied_now


def _refuse_newer(done: Sequence[str], migrations: Sequence[Migration], path: Path) -> None:
    known = {m.name for m in migrations}
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(
            f"{path}: written by a newer version of commsim (schema {unknown[-1]!r} is unknown to this one); "
            "upgrade commsim to use it. Nothing was changed"
        )
